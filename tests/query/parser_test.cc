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
      // Filters: lists of words or quoted names, types, dates of three precisions, decimal weights.
      {"neighbors of \"A\" relation meet, attack event ASSAULT type PERSON, org since 2024-01-31 until 2025 "
       "min weight 1.5 limit 9;",
       "(neighbors \"A\" depth=1 direction=both relation=meet,attack event=ASSAULT type=PERSON,ORG "
       "since=2024-01-31 until=2025 min_weight=1.5 limit=9)\n"},
      {"neighbors of \"A\" relation \"sign deal\",meet;", "(neighbors \"A\" depth=1 direction=both relation=\"sign deal\",meet)\n"},
      {"neighbors of \"A\" since \"2024-02\" min weight 2;",
       "(neighbors \"A\" depth=1 direction=both since=2024-02 min_weight=2)\n"},
      {"neighbors of \"A\" until 2024-02-29;", "(neighbors \"A\" depth=1 direction=both until=2024-02-29)\n"},
      {"neighbors of \"A\" depth 2--comment\n;", "(neighbors \"A\" depth=2 direction=both)\n"},
      {"neighbors of \"A\" type per, location;", "(neighbors \"A\" depth=1 direction=both type=PERSON,LOC)\n"},
      // Paths: the four modes, weighted, filters, clauses in any order.
      {"path from \"A\" to \"B\";", "(path \"A\" \"B\" max=6 mode=all-shortest direction=both)\n"},
      {"Path From \"A\" To \"B\" Max 3 Direction Out Limit 7;",
       "(path \"A\" \"B\" max=3 mode=all-shortest direction=out limit=7)\n"},
      {"path from \"A\" to \"B\" direction in max 1;", "(path \"A\" \"B\" max=1 mode=all-shortest direction=in)\n"},
      {"path from \"A\" to \"B\" shortest;", "(path \"A\" \"B\" max=6 mode=shortest direction=both)\n"},
      {"path from \"A\" to \"B\" all shortest limit 3;",
       "(path \"A\" \"B\" max=6 mode=all-shortest direction=both limit=3)\n"},
      {"path from \"A\" to \"B\" k 4 weighted;", "(path \"A\" \"B\" max=6 mode=k=4 direction=both weighted)\n"},
      {"path from \"A\" to \"B\" all max 3 limit 10;", "(path \"A\" \"B\" max=3 mode=all direction=both limit=10)\n"},
      {"path from \"A\" to \"B\" weighted shortest relation meet type PERSON;",
       "(path \"A\" \"B\" max=6 mode=shortest direction=both relation=meet type=PERSON weighted)\n"},
      {"neighbors of \"A\"; path from \"A\" to \"B\";\nneighbors of \"B\" depth 2;",
       "(neighbors \"A\" depth=1 direction=both)\n(path \"A\" \"B\" max=6 mode=all-shortest direction=both)\n"
       "(neighbors \"B\" depth=2 direction=both)\n"},
      {"neighbors of \"A\" depth 1000000;", "(neighbors \"A\" depth=1000000 direction=both)\n"},
      {"neighbors of \"A\" depth 007;", "(neighbors \"A\" depth=7 direction=both)\n"},
      {"\r\nneighbors of \"A\";\r\n", "(neighbors \"A\" depth=1 direction=both)\n"},
      // entity and relations.
      {"entity \"A\";", "(entity \"A\" limit=10)\n"},
      {"ENTITY \"A\" LIMIT 3;", "(entity \"A\" limit=3)\n"},
      {"relations;", "(relations limit=100)\n"},
      {"relations from \"A\" to \"B\" relation meet event CONSULT since 2024 until 2024-06 limit 5;",
       "(relations from=\"A\" to=\"B\" relation=meet event=CONSULT since=2024 until=2024-06 limit=5)\n"},
      {"relations to \"B\" min weight 0.5;", "(relations to=\"B\" min_weight=0.5 limit=100)\n"},
      // export and let.
      {"export graphml to \"g.graphml\";", "(export graphml \"g.graphml\")\n"},
      {"export GEXF to \"g.gexf\" of neighbors of \"A\" depth 2;",
       "(export gexf \"g.gexf\" of=(neighbors \"A\" depth=2 direction=both))\n"},
      {"export csv to \"dir\" of path from \"A\" to \"B\" k 2;",
       "(export csv \"dir\" of=(path \"A\" \"B\" max=6 mode=k=2 direction=both))\n"},
      {"let g = neighbors of \"A\"; export json to \"g.json\" of G;",
       "(let g (neighbors \"A\" depth=1 direction=both))\n(export json \"g.json\" of=g)\n"},
      {"let Sub_1 = path from \"A\" to \"B\" all; export graphml to \"x\" of sub_1;",
       "(let sub_1 (path \"A\" \"B\" max=6 mode=all direction=both))\n(export graphml \"x\" of=sub_1)\n"},
  };
  for (const Accepted& c : kCases) {
    auto script = ParseText(c.input);
    ASSERT_OK(script) << "input: " << c.input;
    EXPECT_EQ(DumpScript(*script), c.dump) << "input: " << c.input;
  }
}

constexpr char kNeighborsClauses[] =
    "'depth', 'direction', 'relation', 'event', 'type', 'since', 'until', 'min weight', 'limit' or ';'";

TEST(ParserTest, Rejects) {
  const std::string nc = kNeighborsClauses;
  const std::vector<std::pair<std::string, std::string>> kCases = {
      {"neighbors of \"A\"", "q.kgq:1:17: error: unexpected end of input, expected " + nc},
      {"neighbors of \"A\" dept 2;", "q.kgq:1:18: error: unexpected word 'dept', expected " + nc},
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
      {"neighbors of \"A\" depth 1.5;", "q.kgq:1:24: error: unexpected number 1.5, expected an integer from 0"},
      {"neighbors of \"A\" depth 2024-01;", "q.kgq:1:24: error: unexpected date 2024-01, expected an integer"},
      // Filter clauses.
      {"neighbors of \"A\" relation;", "q.kgq:1:26: error: unexpected ';', expected a relation name (a word or a quoted string)"},
      {"neighbors of \"A\" relation meet,;", "q.kgq:1:32: error: unexpected ';', expected a relation name"},
      {"neighbors of \"A\" relation meet attack;", "q.kgq:1:32: error: unexpected word 'attack', expected 'depth'"},
      {"neighbors of \"A\" event \"\";", "q.kgq:1:24: error: empty name \"\", expected an event name"},
      {"neighbors of \"A\" type FOO;", "q.kgq:1:23: error: unknown entity type 'FOO', expected an entity type (PERSON, ORG, GPE, LOC, NORP, GROUP or OTHER)"},
      {"neighbors of \"A\" type \"PERSON\";", "q.kgq:1:23: error: unexpected string \"PERSON\", expected an entity type"},
      {"neighbors of \"A\" since 2024-13-01;", "q.kgq:1:24: error: invalid date 2024-13-01, expected a date YYYY-MM-DD, YYYY-MM or YYYY"},
      {"neighbors of \"A\" since 2023-02-29;", "q.kgq:1:24: error: invalid date 2023-02-29"},
      {"neighbors of \"A\" until 24-01-01;", "q.kgq:1:24: error: invalid date 24-01-01"},
      {"neighbors of \"A\" until 20240;", "q.kgq:1:24: error: invalid date 20240"},
      {"neighbors of \"A\" since \"last week\";", "q.kgq:1:24: error: invalid date \"last week\""},
      {"neighbors of \"A\" since yesterday;", "q.kgq:1:24: error: unexpected word 'yesterday', expected a date"},
      {"neighbors of \"A\" min 2;", "q.kgq:1:22: error: unexpected number 2, expected 'weight'"},
      {"neighbors of \"A\" min weight x;", "q.kgq:1:29: error: unexpected word 'x', expected a number such as 2 or 0.5"},
      {"neighbors of \"A\" min weight 1e5;", "q.kgq:1:30: error: unexpected word 'e5', expected 'depth'"},
      {"neighbors of \"A\" weighted;", "q.kgq:1:18: error: unexpected word 'weighted', expected 'depth'"},
      // Paths.
      {"path from \"A\" \"B\";", "q.kgq:1:15: error: unexpected string \"B\", expected 'to'"},
      {"path from \"A\" to \"B\" max 0;", "q.kgq:1:26: error: number 0 is out of range, expected an integer from 1 to 1000000"},
      {"path from \"A\" to \"B\" depth 2;",
       "q.kgq:1:22: error: unexpected word 'depth', expected 'max', 'shortest', 'all', 'k', 'direction', 'relation', "
       "'event', 'type', 'since', 'until', 'min weight', 'weighted', 'limit' or ';'"},
      {"path \"A\" to \"B\";", "q.kgq:1:6: error: unexpected string \"A\", expected 'from'"},
      {"path from \"A\" to \"B\" shortest all;", "q.kgq:1:31: error: 'all' conflicts with 'shortest', expected one path mode"},
      {"path from \"A\" to \"B\" k 2 k 3;", "q.kgq:1:26: error: 'k' given twice, expected each clause at most once"},
      {"path from \"A\" to \"B\" k 0;", "q.kgq:1:24: error: number 0 is out of range, expected an integer from 1"},
      {"path from \"A\" to \"B\" k;", "q.kgq:1:23: error: unexpected ';', expected an integer from 1"},
      {"path from \"A\" to \"B\" shortest limit 2;", "q.kgq:1:31: error: 'limit' does not apply to 'shortest', expected 'limit' only with 'all shortest' or 'all'"},
      {"path from \"A\" to \"B\" limit 2 k 3;", "q.kgq:1:22: error: 'limit' does not apply to 'k 3'"},
      {"path from \"A\" to \"B\" weighted all;", "q.kgq:1:22: error: 'weighted' does not apply to 'all' (all simple paths are listed by hops), expected 'weighted' only with 'shortest', 'all shortest' or 'k'"},
      {"path from \"A\" to \"B\" weighted weighted;", "q.kgq:1:31: error: 'weighted' given twice"},
      // Statements.
      {"paths from \"A\" to \"B\";", "q.kgq:1:1: error: unexpected word 'paths', expected a statement ('neighbors', 'path', 'entity', 'relations', 'export' or 'let')"},
      {"\"A\";", "q.kgq:1:1: error: unexpected string \"A\", expected a statement ("},
      {"42;", "q.kgq:1:1: error: unexpected number 42, expected a statement"},
      {", ;", "q.kgq:1:1: error: unexpected ',', expected a statement"},
      {"= ;", "q.kgq:1:1: error: unexpected '=', expected a statement"},
      {"entity;", "q.kgq:1:7: error: unexpected ';', expected an actor name in double quotes"},
      {"entity \"A\" depth 2;", "q.kgq:1:12: error: unexpected word 'depth', expected 'limit' or ';'"},
      {"entity \"A\" \"B\";", "q.kgq:1:12: error: unexpected string \"B\", expected 'limit' or ';'"},
      {"relations from A;", "q.kgq:1:16: error: unexpected word 'A', expected an actor name in double quotes"},
      {"relations type PERSON;", "q.kgq:1:11: error: unexpected word 'type', expected 'from', 'to', 'relation', 'event', 'since', 'until', 'min weight', 'limit' or ';'"},
      {"relations from \"A\" from \"B\";", "q.kgq:1:20: error: 'from' given twice"},
      {"export to \"x\";", "q.kgq:1:8: error: unknown export format 'to', expected an export format ('graphml', 'gexf', 'json' or 'csv')"},
      {"export pdf to \"x\";", "q.kgq:1:8: error: unknown export format 'pdf'"},
      {"export \"graphml\" to \"x\";", "q.kgq:1:8: error: unexpected string \"graphml\", expected an export format"},
      {"export graphml \"x\";", "q.kgq:1:16: error: unexpected string \"x\", expected 'to'"},
      {"export graphml to x;", "q.kgq:1:19: error: unexpected word 'x', expected a file name in double quotes"},
      {"export graphml to \"\";", "q.kgq:1:19: error: empty file name \"\""},
      {"export graphml to \"x\" depth 2;", "q.kgq:1:23: error: unexpected word 'depth', expected 'of' or ';'"},
      {"export graphml to \"x\" of;", "q.kgq:1:25: error: unexpected ';', expected 'neighbors', 'path' or a name defined by 'let'"},
      {"export graphml to \"x\" of g;", "q.kgq:1:26: error: unknown subgraph name 'g', expected a 'let g = ...;' before this statement"},
      {"let a = neighbors of \"A\"; export graphml to \"x\" of b;", "q.kgq:1:52: error: unknown subgraph name 'b', expected 'neighbors', 'path' or a name defined by 'let'"},
      {"export graphml to \"x\" of g; let g = neighbors of \"A\";", "q.kgq:1:26: error: unknown subgraph name 'g'"},
      {"export graphml to \"x\" of entity \"A\";", "q.kgq:1:26: error: unknown subgraph name 'entity'"},
      {"export graphml to \"x\" of neighbors of \"A\" of g;", "q.kgq:1:43: error: unexpected word 'of', expected 'depth'"},
      {"let = neighbors of \"A\";", "q.kgq:1:5: error: unexpected '=', expected a name for the subgraph (a word)"},
      {"let g neighbors of \"A\";", "q.kgq:1:7: error: unexpected word 'neighbors', expected '='"},
      {"let g = entity \"A\";", "q.kgq:1:9: error: unexpected word 'entity', expected 'neighbors' or 'path'"},
      {"let path = neighbors of \"A\";", "q.kgq:1:5: error: 'path' cannot name a subgraph, expected another name"},
      {"let g = neighbors of \"A\";\nlet G = path from \"A\" to \"B\";", "q.kgq:2:5: error: 'G' is already defined on line 1, expected a new name"},
      {"let g = neighbors of \"A\"", "q.kgq:1:25: error: unexpected end of input, expected 'depth'"},
      {"neighbors of \"A\" @;", "q.kgq:1:18: error: unexpected character '@', expected " + nc},
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
  for (const auto& [input, error] : kCases) {
    auto script = ParseText(input);
    ASSERT_FALSE(script.ok()) << "input: " << input;
    EXPECT_EQ(script.status().code(), StatusCode::kParseError);
    EXPECT_NE(script.status().message().find(error), std::string::npos)
        << "input: " << input << "\nmessage: " << script.status().message();
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
            "q.kgq:1:21: error: unexpected word 'dept', expected " + std::string(kNeighborsClauses) + "\n"
            "  \tneighbors of \"Zoë\" dept;\n"
            "  \t                   ^");
}

TEST(ParserTest, EndOfInputCaretFollowsTheLastToken) {
  auto script = ParseText("neighbors of \"A\" depth 2\n\n-- done\n");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.status().message(),
            "q.kgq:1:25: error: unexpected end of input, expected " + std::string(kNeighborsClauses) + "\n"
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

  script = ParseText(
      "neighbors of \"A\" LIMIT 4 Relation Meet, \"sign deal\" TYPE per since 2024-01 min weight 2.50 event X;"
      "path from \"A\" to \"B\" weighted k 3 direction out until 2025;"
      "path from \"A\" to \"B\" all limit 5; path from \"A\" to \"B\" all shortest; path from \"A\" to \"B\" shortest;"
      "entity \"A\"; entity \"A\" limit 2; relations; relations to \"B\" from \"A\" event CONSULT limit 3;"
      "let G = neighbors of \"A\" depth 2; export GraphML to \"g.graphml\" of g; export csv to \"d\";"
      "export json to \"p.json\" of path from \"A\" to \"B\" max 3;");
  ASSERT_OK(script);
  std::vector<std::string> canonical;
  for (const Statement& st : script->statements) canonical.push_back(CanonicalStatement(st));
  EXPECT_EQ(canonical, (std::vector<std::string>{
                           "neighbors of \"A\" depth 1 relation Meet, \"sign deal\" event X type PERSON since 2024-01 "
                           "min weight 2.50 limit 4",
                           "path from \"A\" to \"B\" max 6 k 3 direction out until 2025 weighted",
                           "path from \"A\" to \"B\" max 6 all limit 5",
                           "path from \"A\" to \"B\" max 6",
                           "path from \"A\" to \"B\" max 6 shortest",
                           "entity \"A\"",
                           "entity \"A\" limit 2",
                           "relations",
                           "relations from \"A\" to \"B\" event CONSULT limit 3",
                           "let g = neighbors of \"A\" depth 2",
                           "export graphml to \"g.graphml\" of g",
                           "export csv to \"d\"",
                           "export json to \"p.json\" of path from \"A\" to \"B\" max 3",
                       }));
  // The canonical form parses back to the same statement.
  std::string again;
  for (const std::string& c : canonical) again += c + ";\n";
  auto reparsed = ParseText(again);
  ASSERT_OK(reparsed);
  EXPECT_EQ(DumpScript(*reparsed), DumpScript(*script));
}

TEST(ParserTest, NestedStatementTexts) {
  auto script = ParseText("let g = neighbors of \"A\"\n  depth 2 ;\nexport gexf to \"x.gexf\" of g ;");
  ASSERT_OK(script);
  ASSERT_EQ(script->statements.size(), 2u);
  EXPECT_EQ(script->statements[0].text, "let g = neighbors of \"A\"\n  depth 2");
  EXPECT_EQ(script->statements[1].text, "export gexf to \"x.gexf\" of g");
  EXPECT_EQ(script->statements[1].loc.line, 3);
  const auto& let = std::get<LetStatement>(script->statements[0].body);
  EXPECT_EQ(std::get<NeighborsStatement>(let.query).start.loc.column, 22);
}

// Random token soups and random bytes: the parser either accepts or reports a well-formed ParseError, and
// never crashes (a cheap stand-in until the libFuzzer target exists).
TEST(ParserTest, RandomInputNeverCrashes) {
  const char* kPieces[] = {"neighbors", "of", "path", "from", "to", "depth", "direction", "max", "limit", "out",
                           "in", "both", "\"A\"", "\"B \\\" c\"", "\"", "3", "0", "99999999999999999999", ";", " ",
                           "\n", "-- c\n", "#", "\t", "@", "\xc3", "\xe2\x80\x9c", "'", "\\", "-",
                           "relation", "event", "type", "since", "until", "min", "weight", "weighted", "shortest",
                           "all", "k", "entity", "relations", "export", "graphml", "let", "g", "=", ",", "1.5",
                           "2024-02-30", "2024-01", "PERSON", "meet"};
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

TEST(LexerTest, NumbersDatesAndPunctuation) {
  SourceText source("x", "12 1.5 2024-01 2024-01-31 2--c\n3. ,=");
  std::vector<Token> tokens = Lex(source);
  std::vector<std::pair<TokenKind, std::string>> got;
  for (const Token& t : tokens) got.emplace_back(t.kind, t.text);
  // "3." is the integer 3 followed by an unexpected '.', which ends the lexing.
  ASSERT_EQ(got.size(), 7u);
  EXPECT_EQ(got[0], std::make_pair(TokenKind::kInteger, std::string("12")));
  EXPECT_EQ(got[1], std::make_pair(TokenKind::kDecimal, std::string("1.5")));
  EXPECT_EQ(got[2], std::make_pair(TokenKind::kDate, std::string("2024-01")));
  EXPECT_EQ(got[3], std::make_pair(TokenKind::kDate, std::string("2024-01-31")));
  EXPECT_EQ(got[4], std::make_pair(TokenKind::kInteger, std::string("2")));  // "--c" is a comment
  EXPECT_EQ(got[5], std::make_pair(TokenKind::kInteger, std::string("3")));
  EXPECT_EQ(got[6].first, TokenKind::kError);
  EXPECT_EQ(DescribeToken(tokens[3]), "date 2024-01-31");

  tokens = Lex(SourceText("x", ", = ;"));
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kComma);
  EXPECT_EQ(tokens[1].kind, TokenKind::kEquals);
  EXPECT_EQ(tokens[2].kind, TokenKind::kSemicolon);
  EXPECT_EQ(DescribeToken(tokens[0]), "','");
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
