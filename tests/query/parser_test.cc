// Query lexer and parser tests as tables: {accepted input, expected AST dump} and {rejected input, expected
// error text with line:col}, plus exact error messages with the source line and caret, statement source
// texts, and the canonical rendering used in table headers.
#include "query/parser.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "actorgraph/query.h"
#include "query/ast.h"
#include "query/lexer.h"
#include "test_util.h"

namespace ag::query {
namespace {

Result<Script> ParseText(const std::string& text) {
  SourceText source("q.kgq", text);
  return Parse(source);
}

struct Accepted {
  const char* input;
  const char* dump;
};

TEST(ParserTest, Accepts) {
  const Accepted kCases[] = {
      {"", ""},
      {"  -- only a comment\n# another\n", ""},
      {";;", ""},
      {"neighbors of \"Alice\";", "(neighbors \"Alice\" depth=1 direction=both)\n"},
      {"NEIGHBORS OF \"Alice\" DEPTH 2 DIRECTION OUT;", "(neighbors \"Alice\" depth=2 direction=out)\n"},
      {"neighbours of \"Alice\" direction In depth 0;", "(neighbors \"Alice\" depth=0 direction=in)\n"},
      {"neighbors of \"A\" limit 5 depth 3;", "(neighbors \"A\" depth=3 direction=both limit=5)\n"},
      {"neighbors\nof\n\"A\"\n;", "(neighbors \"A\" depth=1 direction=both)\n"},
      {"neighbors of \"A\"-- trailing comment\n;", "(neighbors \"A\" depth=1 direction=both)\n"},
      {"neighbors of \"A\";# comment", "(neighbors \"A\" depth=1 direction=both)\n"},
      {"neighbors of \"Say \\\"Hi\\\" \\\\ Co\";", "(neighbors \"Say \\\"Hi\\\" \\\\ Co\" depth=1 direction=both)\n"},
      {"neighbors of \"Zoë Ağa\";", "(neighbors \"Zoë Ağa\" depth=1 direction=both)\n"},
      {"neighbors of \"a # not a comment -- either\";",
       "(neighbors \"a # not a comment -- either\" depth=1 direction=both)\n"},
      {"path from \"A\" to \"B\";", "(path \"A\" \"B\" max=6 direction=both)\n"},
      {"Path From \"A\" To \"B\" Max 3 Direction Out Limit 7;", "(path \"A\" \"B\" max=3 direction=out limit=7)\n"},
      {"path from \"A\" to \"B\" direction in max 1;", "(path \"A\" \"B\" max=1 direction=in)\n"},
      {"neighbors of \"A\"; path from \"A\" to \"B\";\nneighbors of \"B\" depth 2;",
       "(neighbors \"A\" depth=1 direction=both)\n(path \"A\" \"B\" max=6 direction=both)\n"
       "(neighbors \"B\" depth=2 direction=both)\n"},
      {"neighbors of \"A\" depth 1000000;", "(neighbors \"A\" depth=1000000 direction=both)\n"},
      {"neighbors of \"A\" depth 007;", "(neighbors \"A\" depth=7 direction=both)\n"},
      {"\r\nneighbors of \"A\";\r\n", "(neighbors \"A\" depth=1 direction=both)\n"},
  };
  for (const Accepted& c : kCases) {
    auto script = ParseText(c.input);
    ASSERT_OK(script) << "input: " << c.input;
    EXPECT_EQ(DumpScript(*script), c.dump) << "input: " << c.input;
  }
}

struct Rejected {
  const char* input;
  const char* error;  // expected substring of the message
};

TEST(ParserTest, Rejects) {
  const Rejected kCases[] = {
      {"neighbors of \"A\"", "q.kgq:1:17: error: unexpected end of input, expected 'depth', 'direction', 'limit' or ';'"},
      {"neighbors of \"A\" dept 2;", "q.kgq:1:18: error: unexpected word 'dept', expected 'depth', 'direction', 'limit' or ';'"},
      {"neighbors \"A\";", "q.kgq:1:11: error: unexpected string \"A\", expected 'of'"},
      {"neighbors of A;", "q.kgq:1:14: error: unexpected word 'A', expected an actor name in double quotes"},
      {"neighbors of 'A';", "q.kgq:1:14: error: unexpected character \"'\", expected a name in straight double quotes"},
      {"neighbors of \u201CA\u201D;", "q.kgq:1:14: error: unexpected character '\u201C', expected a name in straight"},
      {"neighbors of \"\";", "q.kgq:1:14: error: empty name \"\", expected an actor name in double quotes"},
      {"neighbors of \"A;\n", "q.kgq:1:14: error: unterminated string, expected a closing '\"' on the same line"},
      {"neighbors of \"A\\n\";", "q.kgq:1:16: error: unknown escape '\\n' in string, expected '\\\"' or '\\\\'"},
      {"neighbors of \"A\" depth;", "q.kgq:1:23: error: unexpected ';', expected an integer from 0 to 1000000"},
      {"neighbors of \"A\" depth -1;", "q.kgq:1:24: error: unexpected character '-', expected an integer from 0"},
      {"neighbors of \"A\" depth 1000001;", "q.kgq:1:24: error: number 1000001 is out of range, expected an integer from 0 to 1000000"},
      {"neighbors of \"A\" depth 99999999999999999999999;", "1:24: error: number 99999999999999999999999 is out of range"},
      {"neighbors of \"A\" depth 2 depth 3;", "q.kgq:1:26: error: 'depth' given twice, expected each clause at most once"},
      {"neighbors of \"A\" direction up;", "q.kgq:1:28: error: unexpected word 'up', expected 'out', 'in' or 'both'"},
      {"neighbors of \"A\" limit 0;", "q.kgq:1:24: error: number 0 is out of range, expected an integer from 1"},
      {"neighbors of \"A\" depth 2x;", "q.kgq:1:25: error: unexpected word 'x', expected 'depth', 'direction'"},
      {"path from \"A\" \"B\";", "q.kgq:1:15: error: unexpected string \"B\", expected 'to'"},
      {"path from \"A\" to \"B\" max 0;", "q.kgq:1:26: error: number 0 is out of range, expected an integer from 1 to 1000000"},
      {"path from \"A\" to \"B\" depth 2;", "q.kgq:1:22: error: unexpected word 'depth', expected 'max', 'direction', 'limit' or ';'"},
      {"path \"A\" to \"B\";", "q.kgq:1:6: error: unexpected string \"A\", expected 'from'"},
      {"paths from \"A\" to \"B\";", "q.kgq:1:1: error: unexpected word 'paths', expected a statement ('neighbors' or 'path')"},
      {"\"A\";", "q.kgq:1:1: error: unexpected string \"A\", expected a statement ('neighbors' or 'path')"},
      {"42;", "q.kgq:1:1: error: unexpected number 42, expected a statement"},
      {"neighbors of \"A\" @;", "q.kgq:1:18: error: unexpected character '@', expected 'depth', 'direction', 'limit' or ';'"},
      {"neighbors of \"A\";\n\n  path from \"A\" to\n", "q.kgq:3:19: error: unexpected end of input, expected an actor name"},
      {"neighbors of \"A\"\nneighbors of \"B\";", "q.kgq:2:1: error: unexpected word 'neighbors', expected 'depth'"},
      {"neighbors of \"A\" - 1;", "q.kgq:1:18: error: unexpected character '-'"},
      {"neighbors of \"A\xff\";", "q.kgq:1:16: error: invalid UTF-8 byte 0xFF, expected UTF-8 text"},
      {"neighbors of \"\xc3\xa9\xc3\" ;", "q.kgq:1:16: error: invalid UTF-8 byte 0xC3"},
      {"neighbors of \"A\" \x01;", "q.kgq:1:18: error: unexpected character 0x01"},
      // The first error in source order wins, even when a lexical error follows.
      {"neighbors of \"A\" depth x; neighbors of \"B;", "q.kgq:1:24: error: unexpected word 'x'"},
      {"neighbors of \"A\" depth 1; neighbors of \"B;", "q.kgq:1:40: error: unterminated string"},
      // Columns count code points, not bytes.
      {"neighbors of \"Zoë\" dept 1;", "q.kgq:1:20: error: unexpected word 'dept'"},
  };
  for (const Rejected& c : kCases) {
    auto script = ParseText(c.input);
    ASSERT_FALSE(script.ok()) << "input: " << c.input;
    EXPECT_EQ(script.status().code(), StatusCode::kParseError);
    EXPECT_NE(script.status().message().find(c.error), std::string::npos)
        << "input: " << c.input << "\nmessage: " << script.status().message();
  }
}

TEST(ParserTest, ErrorShowsLineAndCaret) {
  auto script = ParseText("neighbors of \"A\";\npath from \"A\" to \"B\" max x;\n");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.status().message(),
            "q.kgq:2:26: error: unexpected word 'x', expected an integer from 1 to 1000000\n"
            "  path from \"A\" to \"B\" max x;\n"
            "                           ^");
}

TEST(ParserTest, CaretKeepsTabsAndCountsCodePoints) {
  auto script = ParseText("\tneighbors of \"Zoë\" dept;");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.status().message(),
            "q.kgq:1:21: error: unexpected word 'dept', expected 'depth', 'direction', 'limit' or ';'\n"
            "  \tneighbors of \"Zoë\" dept;\n"
            "  \t                   ^");
}

TEST(ParserTest, EndOfInputCaretFollowsTheLastToken) {
  auto script = ParseText("neighbors of \"A\" depth 2\n\n-- done\n");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.status().message(),
            "q.kgq:1:25: error: unexpected end of input, expected 'depth', 'direction', 'limit' or ';'\n"
            "  neighbors of \"A\" depth 2\n"
            "                          ^");
}

TEST(ParserTest, StatementTextAndPosition) {
  auto script = ParseText("# header\n  neighbors of \"A\"   depth 2 ;\npath from \"A\"\n  to \"B\";");
  ASSERT_OK(script);
  ASSERT_EQ(script->statements.size(), 2u);
  EXPECT_EQ(script->statements[0].text, "neighbors of \"A\"   depth 2");
  EXPECT_EQ(script->statements[0].loc.line, 2);
  EXPECT_EQ(script->statements[0].loc.column, 3);
  EXPECT_EQ(script->statements[1].text, "path from \"A\"\n  to \"B\"");
  const auto& path = std::get<PathStatement>(script->statements[1].body);
  EXPECT_EQ(path.to.loc.line, 4);
  EXPECT_EQ(path.to.loc.column, 6);
}

TEST(ParserTest, CanonicalStatement) {
  auto script = ParseText(
      "NEIGHBORS of \"A\";neighbors of \"Q\\\"x\" direction out limit 3 depth 2;"
      "path from \"A\" to \"B\" direction both;path from \"A\" to \"B\" max 2 direction in;");
  ASSERT_OK(script);
  ASSERT_EQ(script->statements.size(), 4u);
  EXPECT_EQ(CanonicalStatement(script->statements[0]), "neighbors of \"A\" depth 1");
  EXPECT_EQ(CanonicalStatement(script->statements[1]), "neighbors of \"Q\\\"x\" depth 2 direction out limit 3");
  EXPECT_EQ(CanonicalStatement(script->statements[2]), "path from \"A\" to \"B\" max 6");
  EXPECT_EQ(CanonicalStatement(script->statements[3]), "path from \"A\" to \"B\" max 2 direction in");
}

// Random token soups and random bytes: the parser either accepts or reports a well-formed ParseError, and
// never crashes (a cheap stand-in until the libFuzzer target exists).
TEST(ParserTest, RandomInputNeverCrashes) {
  const char* kPieces[] = {"neighbors", "of", "path", "from", "to", "depth", "direction", "max", "limit", "out",
                           "in", "both", "\"A\"", "\"B \\\" c\"", "\"", "3", "0", "99999999999999999999", ";", " ",
                           "\n", "-- c\n", "#", "\t", "@", "\xc3", "\xe2\x80\x9c", "'", "\\", "-"};
  std::mt19937 rng(2024);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      if (rng() % 10 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += kPieces[rng() % (sizeof kPieces / sizeof kPieces[0])];
        if (rng() % 2) text += ' ';
      }
    }
    auto script = ParseText(text);
    if (script.ok()) continue;
    const std::string& m = script.status().message();
    ASSERT_EQ(script.status().code(), StatusCode::kParseError) << text;
    ASSERT_EQ(m.rfind("q.kgq:", 0), 0u) << m;
    ASSERT_NE(m.find(": error: "), std::string::npos) << m;
    ASSERT_NE(m.find(", expected "), std::string::npos) << m;
    ASSERT_EQ(m.back(), '^') << m;
  }
}

TEST(LexerTest, TokensAndPositions) {
  SourceText source("x", "neighbors\n  of \"a\\\\b\" 12;");
  std::vector<Token> tokens = Lex(source);
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[1].loc.line, 2);
  EXPECT_EQ(tokens[1].loc.column, 3);
  EXPECT_EQ(tokens[2].kind, TokenKind::kString);
  EXPECT_EQ(tokens[2].text, "a\\b");
  EXPECT_EQ(tokens[3].kind, TokenKind::kInteger);
  EXPECT_EQ(tokens[3].text, "12");
  EXPECT_EQ(tokens[4].kind, TokenKind::kSemicolon);
  EXPECT_EQ(tokens[5].kind, TokenKind::kEnd);
  EXPECT_EQ(tokens[5].loc.column, 16);
}

TEST(CheckQueryScriptTest, SameErrorsAsTheParser) {
  EXPECT_OK(CheckQueryScript("-e", "neighbors of \"A\"; path from \"A\" to \"B\" max 2;"));
  Status s = CheckQueryScript("-e", "neighbors of \"A\" depth;");
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_EQ(s.message().rfind("-e:1:23: error: unexpected ';'", 0), 0u) << s.message();
}

TEST(ParseOutputFormatTest, Names) {
  EXPECT_EQ(ParseOutputFormat("table").value(), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("JSON").value(), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("csv").value(), OutputFormat::kCsv);
  EXPECT_EQ(ParseOutputFormat("xml").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ag::query
