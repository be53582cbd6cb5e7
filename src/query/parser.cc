// The query parser (see parser.h) and the AST printers (see ast.h). Each statement kind is an entry in
// kStatements (leading keyword -> parse function) and each optional clause an entry in its statement's
// clause table, so "expected ..." lists are generated from the same tables that drive parsing and a new
// statement or clause is one table row plus its parse function.
#include "query/parser.h"

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/ast.h"
#include "util/strings.h"

namespace ag::query {

const char* DirectionKeyword(Direction d) {
  switch (d) {
    case Direction::kOut: return "out";
    case Direction::kIn: return "in";
    case Direction::kBoth: return "both";
  }
  return "both";
}

std::string QuoteName(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string DumpStatement(const Statement& statement) {
  return std::visit(
      Overloaded{
          [](const NeighborsStatement& s) {
            std::string out = "(neighbors " + QuoteName(s.start.name) + " depth=" + std::to_string(s.depth) +
                              " direction=" + DirectionKeyword(s.direction);
            if (s.limit) out += " limit=" + std::to_string(*s.limit);
            return out + ")";
          },
          [](const PathStatement& s) {
            std::string out = "(path " + QuoteName(s.from.name) + " " + QuoteName(s.to.name) +
                              " max=" + std::to_string(s.max_hops) + " direction=" + DirectionKeyword(s.direction);
            if (s.limit) out += " limit=" + std::to_string(*s.limit);
            return out + ")";
          },
      },
      statement.body);
}

std::string DumpScript(const Script& script) {
  std::string out;
  for (const Statement& s : script.statements) out += DumpStatement(s) + "\n";
  return out;
}

std::string CanonicalStatement(const Statement& statement) {
  auto direction = [](Direction d) {
    return d == Direction::kBoth ? std::string() : std::string(" direction ") + DirectionKeyword(d);
  };
  auto limit = [](const std::optional<int64_t>& l) { return l ? " limit " + std::to_string(*l) : ""; };
  return std::visit(Overloaded{
                        [&](const NeighborsStatement& s) {
                          return "neighbors of " + QuoteName(s.start.name) + " depth " + std::to_string(s.depth) +
                                 direction(s.direction) + limit(s.limit);
                        },
                        [&](const PathStatement& s) {
                          return "path from " + QuoteName(s.from.name) + " to " + QuoteName(s.to.name) + " max " +
                                 std::to_string(s.max_hops) + direction(s.direction) + limit(s.limit);
                        },
                    },
                    statement.body);
}

namespace {

// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
std::string OneOf(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

std::string Quoted(std::string_view keyword) { return "'" + std::string(keyword) + "'"; }

class Parser {
 public:
  Parser(const SourceText& source, std::vector<Token> tokens) : source_(source), tokens_(std::move(tokens)) {}

  Result<Script> ParseScript();

 private:
  template <typename S>
  struct Clause {
    const char* keyword;
    std::function<Status(Parser&, S*)> parse;
  };
  struct StatementSyntax {
    std::vector<const char*> keywords;  // the first is the canonical spelling
    std::function<Result<StatementBody>(Parser&)> parse;
  };
  static const std::vector<StatementSyntax>& Statements();

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  static bool IsKeyword(const Token& t, std::string_view keyword) {
    return t.kind == TokenKind::kWord && AsciiLower(t.text) == keyword;
  }

  Status ErrorAt(const SourceLoc& loc, const std::string& what, const std::string& expected) const {
    return Status::ParseError(source_.Format(loc, "error: " + what + ", expected " + expected));
  }
  // "unexpected <token>, expected <expected>"; a lexical error token supplies its own text.
  Status Unexpected(const Token& t, const std::string& expected) const {
    if (t.kind == TokenKind::kError) return ErrorAt(t.loc, t.text, t.expected.empty() ? expected : t.expected);
    return ErrorAt(t.loc, "unexpected " + DescribeToken(t), expected);
  }

  Status ExpectKeyword(std::string_view keyword) {
    if (!IsKeyword(Peek(), keyword)) return Unexpected(Peek(), Quoted(keyword));
    Next();
    return Status::OK();
  }

  Status ExpectName(NameRef* out) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kString) return Unexpected(t, "an actor name in double quotes");
    if (t.text.empty()) return ErrorAt(t.loc, "empty name \"\"", "an actor name in double quotes");
    out->name = t.text;
    out->loc = t.loc;
    Next();
    return Status::OK();
  }

  Status ExpectInteger(int64_t min, int64_t max, int64_t* out) {
    const Token& t = Peek();
    const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    if (t.kind != TokenKind::kInteger) return Unexpected(t, range);
    int64_t value = 0;
    for (char c : t.text) {
      value = value * 10 + (c - '0');
      if (value > max) return ErrorAt(t.loc, "number " + t.text + " is out of range", range);
    }
    if (value < min) return ErrorAt(t.loc, "number " + t.text + " is out of range", range);
    *out = value;
    Next();
    return Status::OK();
  }

  Status ExpectDirection(Direction* out) {
    const Token& t = Peek();
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      if (IsKeyword(t, DirectionKeyword(d))) {
        *out = d;
        Next();
        return Status::OK();
      }
    }
    return Unexpected(t, "'out', 'in' or 'both'");
  }

  // Parses optional clauses in any order, each at most once, up to (not including) the ';'.
  template <typename S>
  Status ParseClauses(S* statement, const std::vector<Clause<S>>& clauses) {
    std::vector<bool> seen(clauses.size(), false);
    std::vector<std::string> expected;
    for (const auto& c : clauses) expected.push_back(Quoted(c.keyword));
    expected.push_back("';'");
    while (Peek().kind != TokenKind::kSemicolon) {
      const Token& t = Peek();
      size_t i = 0;
      while (i < clauses.size() && !IsKeyword(t, clauses[i].keyword)) ++i;
      if (i == clauses.size()) return Unexpected(t, OneOf(expected));
      if (seen[i])
        return ErrorAt(t.loc, Quoted(clauses[i].keyword) + " given twice", "each clause at most once");
      seen[i] = true;
      Next();
      AG_RETURN_IF_ERROR(clauses[i].parse(*this, statement));
    }
    return Status::OK();
  }

  Result<StatementBody> ParseNeighbors() {
    NeighborsStatement s;
    AG_RETURN_IF_ERROR(ExpectKeyword("of"));
    AG_RETURN_IF_ERROR(ExpectName(&s.start));
    static const std::vector<Clause<NeighborsStatement>> kClauses = {
        {"depth",
         [](Parser& p, NeighborsStatement* s) {
           int64_t v = 0;
           AG_RETURN_IF_ERROR(p.ExpectInteger(0, kMaxDepth, &v));
           s->depth = static_cast<int>(v);
           return Status::OK();
         }},
        {"direction", [](Parser& p, NeighborsStatement* s) { return p.ExpectDirection(&s->direction); }},
        {"limit",
         [](Parser& p, NeighborsStatement* s) {
           int64_t v = 0;
           AG_RETURN_IF_ERROR(p.ExpectInteger(1, kMaxLimit, &v));
           s->limit = v;
           return Status::OK();
         }},
    };
    AG_RETURN_IF_ERROR(ParseClauses(&s, kClauses));
    return StatementBody(std::move(s));
  }

  Result<StatementBody> ParsePath() {
    PathStatement s;
    AG_RETURN_IF_ERROR(ExpectKeyword("from"));
    AG_RETURN_IF_ERROR(ExpectName(&s.from));
    AG_RETURN_IF_ERROR(ExpectKeyword("to"));
    AG_RETURN_IF_ERROR(ExpectName(&s.to));
    static const std::vector<Clause<PathStatement>> kClauses = {
        {"max",
         [](Parser& p, PathStatement* s) {
           int64_t v = 0;
           AG_RETURN_IF_ERROR(p.ExpectInteger(1, kMaxHops, &v));
           s->max_hops = static_cast<int>(v);
           return Status::OK();
         }},
        {"direction", [](Parser& p, PathStatement* s) { return p.ExpectDirection(&s->direction); }},
        {"limit",
         [](Parser& p, PathStatement* s) {
           int64_t v = 0;
           AG_RETURN_IF_ERROR(p.ExpectInteger(1, kMaxLimit, &v));
           s->limit = v;
           return Status::OK();
         }},
    };
    AG_RETURN_IF_ERROR(ParseClauses(&s, kClauses));
    return StatementBody(std::move(s));
  }

  const SourceText& source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

const std::vector<Parser::StatementSyntax>& Parser::Statements() {
  static const std::vector<StatementSyntax> kStatements = {
      {{"neighbors", "neighbours"}, [](Parser& p) { return p.ParseNeighbors(); }},
      {{"path"}, [](Parser& p) { return p.ParsePath(); }},
  };
  return kStatements;
}

Result<Script> Parser::ParseScript() {
  Script script;
  std::vector<std::string> starts;
  for (const auto& s : Statements()) starts.push_back(Quoted(s.keywords[0]));
  const std::string expected_statement = "a statement (" + OneOf(starts) + ")";
  while (Peek().kind != TokenKind::kEnd) {
    if (Peek().kind == TokenKind::kSemicolon) {  // empty statement
      Next();
      continue;
    }
    const Token& first = Peek();
    const StatementSyntax* syntax = nullptr;
    for (const auto& s : Statements())
      for (const char* k : s.keywords)
        if (IsKeyword(first, k)) syntax = &s;
    if (!syntax) return Unexpected(first, expected_statement);
    const size_t first_index = pos_;
    Next();
    AG_ASSIGN_OR_RETURN(StatementBody body, syntax->parse(*this));
    if (Peek().kind != TokenKind::kSemicolon) return Unexpected(Peek(), "';'");  // clause loops stop only at ';'
    const Token& last = tokens_[pos_ - 1];
    Statement statement;
    statement.loc = tokens_[first_index].loc;
    statement.text = std::string(source_.text().substr(statement.loc.offset, last.end - statement.loc.offset));
    statement.body = std::move(body);
    script.statements.push_back(std::move(statement));
    Next();  // ';'
  }
  return script;
}

}  // namespace

Result<Script> Parse(const SourceText& source) {
  Parser parser(source, Lex(source));
  return parser.ParseScript();
}

}  // namespace ag::query
