// The query parser (see parser.h) and the AST printers (see ast.h). Each statement kind is an entry in
// kStatements (leading keyword -> parse function) and each optional clause an entry in its statement's
// clause table, so "expected ..." lists are generated from the same tables that drive parsing and a new
// statement or clause is one table row plus its parse function. The filter clauses (relation, event, type,
// since, until, min weight) are shared rows.
#include "query/parser.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
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

std::string PathModeText(const PathStatement& s) {
  switch (s.mode) {
    case PathMode::kAllShortest: return "all shortest";
    case PathMode::kShortest: return "shortest";
    case PathMode::kKShortest: return "k " + std::to_string(s.k);
    case PathMode::kAllSimple: return "all";
  }
  return "all shortest";
}

std::string QuoteName(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

GraphFilter Filters::ToGraphFilter() const {
  GraphFilter f;
  for (const Word& w : relations) f.relations.push_back(w.text);
  for (const Word& w : events) f.events.push_back(w.text);
  f.node_types = types;
  f.since = since;
  f.until = until;
  f.min_weight = min_weight.value_or(0);
  return f;
}

namespace {

bool IsBareWord(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// A list item as it would be written: bare when it can be, else quoted.
std::string ListItem(const std::string& s) { return IsBareWord(s) ? s : QuoteName(s); }

std::string JoinWords(const std::vector<Word>& words, const char* separator) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? separator : "") + ListItem(words[i].text);
  return out;
}

std::string JoinTypes(const std::vector<EntityType>& types, const char* separator) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) out += std::string(i ? separator : "") + EntityTypeName(types[i]);
  return out;
}

// " relation a, b event X type PERSON since 2024 until 2025 min weight 2" (canonical) or
// " relation=a,b event=X type=PERSON since=2024 until=2025 min_weight=2" (dump).
std::string FilterText(const Filters& f, bool dump) {
  std::string out;
  const char* eq = dump ? "=" : " ";
  const char* sep = dump ? "," : ", ";
  if (!f.relations.empty()) out += std::string(" relation") + eq + JoinWords(f.relations, sep);
  if (!f.events.empty()) out += std::string(" event") + eq + JoinWords(f.events, sep);
  if (!f.types.empty()) out += std::string(" type") + eq + JoinTypes(f.types, sep);
  if (!f.since.empty()) out += std::string(" since") + eq + f.since;
  if (!f.until.empty()) out += std::string(" until") + eq + f.until;
  if (f.min_weight) out += std::string(dump ? " min_weight=" : " min weight ") + f.min_weight_text;
  return out;
}

std::string Limit(const std::optional<int64_t>& l, bool dump) {
  return l ? (dump ? " limit=" : " limit ") + std::to_string(*l) : "";
}

std::string NeighborsText(const NeighborsStatement& s, bool dump) {
  if (dump)
    return "(neighbors " + QuoteName(s.start.name) + " depth=" + std::to_string(s.depth) +
           " direction=" + DirectionKeyword(s.direction) + FilterText(s.filters, true) + Limit(s.limit, true) + ")";
  return "neighbors of " + QuoteName(s.start.name) + " depth " + std::to_string(s.depth) +
         (s.direction == Direction::kBoth ? "" : std::string(" direction ") + DirectionKeyword(s.direction)) +
         FilterText(s.filters, false) + Limit(s.limit, false);
}

std::string PathText(const PathStatement& s, bool dump) {
  if (dump) {
    std::string mode = s.mode == PathMode::kKShortest ? "k=" + std::to_string(s.k)
                       : s.mode == PathMode::kAllShortest ? "all-shortest"
                       : s.mode == PathMode::kShortest    ? "shortest"
                                                          : "all";
    return "(path " + QuoteName(s.from.name) + " " + QuoteName(s.to.name) + " max=" + std::to_string(s.max_hops) +
           " mode=" + mode + " direction=" + DirectionKeyword(s.direction) + FilterText(s.filters, true) +
           (s.weighted ? " weighted" : "") + Limit(s.limit, true) + ")";
  }
  return "path from " + QuoteName(s.from.name) + " to " + QuoteName(s.to.name) + " max " +
         std::to_string(s.max_hops) + (s.mode == PathMode::kAllShortest ? "" : " " + PathModeText(s)) +
         (s.direction == Direction::kBoth ? "" : std::string(" direction ") + DirectionKeyword(s.direction)) +
         FilterText(s.filters, false) + (s.weighted ? " weighted" : "") + Limit(s.limit, false);
}

std::string SubgraphText(const SubgraphQuery& q, bool dump) {
  return std::visit(Overloaded{[&](const NeighborsStatement& s) { return NeighborsText(s, dump); },
                               [&](const PathStatement& s) { return PathText(s, dump); }},
                    q);
}

std::string StatementText(const Statement& statement, bool dump) {
  return std::visit(
      Overloaded{
          [&](const NeighborsStatement& s) { return NeighborsText(s, dump); },
          [&](const PathStatement& s) { return PathText(s, dump); },
          [&](const EntityStatement& s) {
            return dump ? "(entity " + QuoteName(s.name.name) +
                              " limit=" + std::to_string(s.limit.value_or(kDefaultEntityRelations)) + ")"
                        : "entity " + QuoteName(s.name.name) + Limit(s.limit, false);
          },
          [&](const RelationsStatement& s) {
            std::string out = dump ? "(relations" : "relations";
            const char* eq = dump ? "=" : " ";
            if (s.from) out += std::string(" from") + eq + QuoteName(s.from->name);
            if (s.to) out += std::string(" to") + eq + QuoteName(s.to->name);
            out += FilterText(s.filters, dump);
            out += dump ? " limit=" + std::to_string(s.limit.value_or(kDefaultRelationsLimit)) + ")"
                        : Limit(s.limit, false);
            return out;
          },
          [&](const ExportStatement& s) {
            std::string of;
            if (s.of_query)
              of = (dump ? " of=" : " of ") + SubgraphText(*s.of_query, dump);
            else if (!s.of_name.empty())
              of = (dump ? " of=" : " of ") + s.of_name;
            return dump ? "(export " + s.format_name + " " + QuoteName(s.file) + of + ")"
                        : "export " + s.format_name + " to " + QuoteName(s.file) + of;
          },
          [&](const LetStatement& s) {
            return dump ? "(let " + s.name + " " + SubgraphText(s.query, true) + ")"
                        : "let " + s.name + " = " + SubgraphText(s.query, false);
          },
      },
      statement.body);
}

}  // namespace

std::string DumpStatement(const Statement& statement) { return StatementText(statement, true); }

std::string DumpScript(const Script& script) {
  std::string out;
  for (const Statement& s : script.statements) out += DumpStatement(s) + "\n";
  return out;
}

std::string CanonicalStatement(const Statement& statement) { return StatementText(statement, false); }

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

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
bool IsDatePrefix(const std::string& s) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (!(s.size() == 4 || s.size() == 7 || s.size() == 10) || !digits(0, 4)) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !digits(5, 2)) return false;
  const int year = std::atoi(s.substr(0, 4).c_str()), month = std::atoi(s.substr(5, 2).c_str());
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !digits(8, 2)) return false;
  const int day = std::atoi(s.substr(8, 2).c_str());
  return day >= 1 && day <= DaysInMonth(year, month);
}

class Parser {
 public:
  Parser(const SourceText& source, std::vector<Token> tokens) : source_(source), tokens_(std::move(tokens)) {}

  Result<Script> ParseScript();

 private:
  template <typename S>
  struct Clause {
    const char* keyword;
    const char* group;  // clauses of one group exclude each other; nullptr = only this keyword
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

  // A non-negative decimal number (integer or with a fraction) up to 1e15.
  Status ExpectNumber(double* out, std::string* text) {
    const Token& t = Peek();
    const std::string expected = "a number such as 2 or 0.5";
    if (t.kind != TokenKind::kInteger && t.kind != TokenKind::kDecimal) return Unexpected(t, expected);
    if (t.text.size() > 32) return ErrorAt(t.loc, "number " + t.text.substr(0, 32) + "... is out of range", expected);
    const double v = std::strtod(t.text.c_str(), nullptr);
    if (!(v <= 1e15)) return ErrorAt(t.loc, "number " + t.text + " is out of range", "a number up to 1e15");
    *out = v;
    *text = t.text;
    Next();
    return Status::OK();
  }

  // YYYY, YYYY-MM or YYYY-MM-DD, bare or in double quotes.
  Status ExpectDate(std::string* out) {
    const Token& t = Peek();
    const std::string expected = "a date YYYY-MM-DD, YYYY-MM or YYYY";
    if (t.kind != TokenKind::kDate && t.kind != TokenKind::kInteger && t.kind != TokenKind::kString)
      return Unexpected(t, expected);
    if (!IsDatePrefix(t.text)) {
      std::string shown = t.kind == TokenKind::kString ? "\"" + t.text + "\"" : t.text;
      if (shown.size() > 40) shown = shown.substr(0, 40) + "...";
      return ErrorAt(t.loc, "invalid date " + shown, expected);
    }
    *out = t.text;
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

  // item { "," item }, items being bare words or quoted strings.
  Status ExpectList(const char* what, std::vector<Word>* out) {  // what: "a relation"
    while (true) {
      const Token& t = Peek();
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kString)
        return Unexpected(t, std::string(what) + " name (a word or a quoted string)");
      if (t.text.empty()) return ErrorAt(t.loc, "empty name \"\"", std::string(what) + " name");
      out->push_back(Word{t.text, t.loc});
      Next();
      if (Peek().kind != TokenKind::kComma) return Status::OK();
      Next();
    }
  }

  Status ExpectTypes(std::vector<EntityType>* out) {
    while (true) {
      const Token& t = Peek();
      const std::string expected = "an entity type (PERSON, ORG, GPE, LOC, NORP, GROUP or OTHER)";
      if (t.kind != TokenKind::kWord) return Unexpected(t, expected);
      auto type = ParseEntityType(t.text);
      if (!type.ok()) return ErrorAt(t.loc, "unknown entity type '" + t.text + "'", expected);
      out->push_back(type.value());
      Next();
      if (Peek().kind != TokenKind::kComma) return Status::OK();
      Next();
    }
  }

  // The shared filter clauses, for any statement with a `filters` member.
  template <typename S>
  static std::vector<Clause<S>> FilterClauses(bool with_types) {
    std::vector<Clause<S>> clauses = {
        {"relation", nullptr, [](Parser& p, S* s) { return p.ExpectList("a relation", &s->filters.relations); }},
        {"event", nullptr, [](Parser& p, S* s) { return p.ExpectList("an event", &s->filters.events); }},
    };
    if (with_types)
      clauses.push_back({"type", nullptr, [](Parser& p, S* s) { return p.ExpectTypes(&s->filters.types); }});
    clauses.push_back({"since", nullptr, [](Parser& p, S* s) { return p.ExpectDate(&s->filters.since); }});
    clauses.push_back({"until", nullptr, [](Parser& p, S* s) { return p.ExpectDate(&s->filters.until); }});
    clauses.push_back({"min", nullptr, [](Parser& p, S* s) {
                         AG_RETURN_IF_ERROR(p.ExpectKeyword("weight"));
                         double v = 0;
                         AG_RETURN_IF_ERROR(p.ExpectNumber(&v, &s->filters.min_weight_text));
                         s->filters.min_weight = v;
                         return Status::OK();
                       }});
    return clauses;
  }

  template <typename S>
  static Clause<S> LimitClause() {
    return {"limit", nullptr, [](Parser& p, S* s) {
              int64_t v = 0;
              AG_RETURN_IF_ERROR(p.ExpectInteger(1, kMaxLimit, &v));
              s->limit = v;
              return Status::OK();
            }};
  }

  // Parses optional clauses in any order, each (group) at most once, up to (not including) the ';'.
  // Records where each clause keyword was, for checks across clauses.
  template <typename S>
  Status ParseClauses(S* statement, const std::vector<Clause<S>>& clauses,
                      std::map<std::string, SourceLoc>* where = nullptr) {
    std::map<std::string, std::string> seen_group;  // group -> keyword that took it
    std::vector<std::string> expected;
    for (const auto& c : clauses)
      expected.push_back(Quoted(std::string_view(c.keyword) == "min" ? "min weight" : c.keyword));
    expected.push_back("';'");
    while (Peek().kind != TokenKind::kSemicolon) {
      const Token& t = Peek();
      size_t i = 0;
      while (i < clauses.size() && !IsKeyword(t, clauses[i].keyword)) ++i;
      if (i == clauses.size()) return Unexpected(t, OneOf(expected));
      const std::string group = clauses[i].group ? clauses[i].group : clauses[i].keyword;
      if (auto it = seen_group.find(group); it != seen_group.end()) {
        if (it->second == clauses[i].keyword)
          return ErrorAt(t.loc, Quoted(clauses[i].keyword) + " given twice", "each clause at most once");
        return ErrorAt(t.loc, Quoted(clauses[i].keyword) + " conflicts with " + Quoted(it->second),
                       "one " + group);
      }
      seen_group.emplace(group, clauses[i].keyword);
      if (where) (*where)[clauses[i].keyword] = t.loc;
      Next();
      AG_RETURN_IF_ERROR(clauses[i].parse(*this, statement));
    }
    return Status::OK();
  }

  Result<NeighborsStatement> ParseNeighbors() {
    NeighborsStatement s;
    AG_RETURN_IF_ERROR(ExpectKeyword("of"));
    AG_RETURN_IF_ERROR(ExpectName(&s.start));
    static const std::vector<Clause<NeighborsStatement>> kClauses = [] {
      std::vector<Clause<NeighborsStatement>> c = {
          {"depth", nullptr,
           [](Parser& p, NeighborsStatement* s) {
             int64_t v = 0;
             AG_RETURN_IF_ERROR(p.ExpectInteger(0, kMaxDepth, &v));
             s->depth = static_cast<int>(v);
             return Status::OK();
           }},
          {"direction", nullptr, [](Parser& p, NeighborsStatement* s) { return p.ExpectDirection(&s->direction); }},
      };
      for (auto& f : FilterClauses<NeighborsStatement>(true)) c.push_back(std::move(f));
      c.push_back(LimitClause<NeighborsStatement>());
      return c;
    }();
    AG_RETURN_IF_ERROR(ParseClauses(&s, kClauses));
    return s;
  }

  Result<PathStatement> ParsePath() {
    PathStatement s;
    AG_RETURN_IF_ERROR(ExpectKeyword("from"));
    AG_RETURN_IF_ERROR(ExpectName(&s.from));
    AG_RETURN_IF_ERROR(ExpectKeyword("to"));
    AG_RETURN_IF_ERROR(ExpectName(&s.to));
    static const std::vector<Clause<PathStatement>> kClauses = [] {
      std::vector<Clause<PathStatement>> c = {
          {"max", nullptr,
           [](Parser& p, PathStatement* s) {
             int64_t v = 0;
             AG_RETURN_IF_ERROR(p.ExpectInteger(1, kMaxHops, &v));
             s->max_hops = static_cast<int>(v);
             return Status::OK();
           }},
          {"shortest", "path mode",
           [](Parser&, PathStatement* s) {
             s->mode = PathMode::kShortest;
             return Status::OK();
           }},
          {"all", "path mode",
           [](Parser& p, PathStatement* s) {
             s->mode = PathMode::kAllSimple;
             if (IsKeyword(p.Peek(), "shortest")) {
               p.Next();
               s->mode = PathMode::kAllShortest;
             }
             return Status::OK();
           }},
          {"k", "path mode",
           [](Parser& p, PathStatement* s) {
             s->mode = PathMode::kKShortest;
             return p.ExpectInteger(1, kMaxLimit, &s->k);
           }},
          {"direction", nullptr, [](Parser& p, PathStatement* s) { return p.ExpectDirection(&s->direction); }},
      };
      for (auto& f : FilterClauses<PathStatement>(true)) c.push_back(std::move(f));
      c.push_back({"weighted", nullptr, [](Parser&, PathStatement* s) {
                     s->weighted = true;
                     return Status::OK();
                   }});
      c.push_back(LimitClause<PathStatement>());
      return c;
    }();
    std::map<std::string, SourceLoc> where;
    AG_RETURN_IF_ERROR(ParseClauses(&s, kClauses, &where));
    if (s.limit && (s.mode == PathMode::kShortest || s.mode == PathMode::kKShortest))
      return ErrorAt(where["limit"], "'limit' does not apply to '" + PathModeText(s) + "'",
                     "'limit' only with 'all shortest' or 'all'");
    if (s.weighted && s.mode == PathMode::kAllSimple)
      return ErrorAt(where["weighted"], "'weighted' does not apply to 'all' (all simple paths are listed by hops)",
                     "'weighted' only with 'shortest', 'all shortest' or 'k'");
    return s;
  }

  Result<StatementBody> ParseEntity() {
    EntityStatement s;
    AG_RETURN_IF_ERROR(ExpectName(&s.name));
    static const std::vector<Clause<EntityStatement>> kClauses = {LimitClause<EntityStatement>()};
    AG_RETURN_IF_ERROR(ParseClauses(&s, kClauses));
    return StatementBody(std::move(s));
  }

  Result<StatementBody> ParseRelations() {
    RelationsStatement s;
    static const std::vector<Clause<RelationsStatement>> kClauses = [] {
      std::vector<Clause<RelationsStatement>> c = {
          {"from", nullptr,
           [](Parser& p, RelationsStatement* s) {
             s->from.emplace();
             return p.ExpectName(&*s->from);
           }},
          {"to", nullptr,
           [](Parser& p, RelationsStatement* s) {
             s->to.emplace();
             return p.ExpectName(&*s->to);
           }},
      };
      for (auto& f : FilterClauses<RelationsStatement>(false)) c.push_back(std::move(f));
      c.push_back(LimitClause<RelationsStatement>());
      return c;
    }();
    AG_RETURN_IF_ERROR(ParseClauses(&s, kClauses));
    return StatementBody(std::move(s));
  }

  // A neighbors or path statement inside export ... of / let; it runs to the ';' of the outer statement.
  Result<SubgraphQuery> ParseSubgraphQuery(const std::string& expected) {
    const Token& t = Peek();
    if (IsKeyword(t, "neighbors") || IsKeyword(t, "neighbours")) {
      Next();
      AG_ASSIGN_OR_RETURN(NeighborsStatement n, ParseNeighbors());
      return SubgraphQuery(std::move(n));
    }
    if (IsKeyword(t, "path")) {
      Next();
      AG_ASSIGN_OR_RETURN(PathStatement p, ParsePath());
      return SubgraphQuery(std::move(p));
    }
    return Unexpected(t, expected);
  }

  static bool IsSubgraphKeyword(const std::string& lower) {
    return lower == "neighbors" || lower == "neighbours" || lower == "path";
  }

  Result<StatementBody> ParseExport() {
    ExportStatement s;
    const Token& format = Peek();
    const std::string formats = "an export format ('graphml', 'gexf', 'json' or 'csv')";
    if (format.kind != TokenKind::kWord) return Unexpected(format, formats);
    auto parsed = ParseExportFormat(format.text);
    if (!parsed.ok()) return ErrorAt(format.loc, "unknown export format '" + format.text + "'", formats);
    s.format = parsed.value();
    s.format_name = AsciiLower(format.text);
    Next();
    AG_RETURN_IF_ERROR(ExpectKeyword("to"));
    const Token& file = Peek();
    if (file.kind != TokenKind::kString) return Unexpected(file, "a file name in double quotes");
    if (file.text.empty()) return ErrorAt(file.loc, "empty file name \"\"", "a file name in double quotes");
    s.file = file.text;
    s.file_loc = file.loc;
    Next();
    if (Peek().kind == TokenKind::kSemicolon) return StatementBody(std::move(s));
    if (!IsKeyword(Peek(), "of")) return Unexpected(Peek(), "'of' or ';'");
    Next();
    const Token& what = Peek();
    s.of_loc = what.loc;
    const std::string expected = "'neighbors', 'path' or a name defined by 'let'";
    if (what.kind == TokenKind::kWord && !IsSubgraphKeyword(AsciiLower(what.text))) {
      const std::string name = AsciiLower(what.text);
      if (!lets_.count(name))
        return ErrorAt(what.loc, "unknown subgraph name '" + what.text + "'",
                       lets_.empty() ? "a 'let " + what.text + " = ...;' before this statement" : expected);
      s.of_name = name;
      Next();
      return StatementBody(std::move(s));
    }
    AG_ASSIGN_OR_RETURN(SubgraphQuery q, ParseSubgraphQuery(expected));
    s.of_query = std::move(q);
    return StatementBody(std::move(s));
  }

  Result<StatementBody> ParseLet() {
    LetStatement s;
    const Token& name = Peek();
    if (name.kind != TokenKind::kWord) return Unexpected(name, "a name for the subgraph (a word)");
    s.name = AsciiLower(name.text);
    s.name_loc = name.loc;
    if (IsSubgraphKeyword(s.name))
      return ErrorAt(name.loc, "'" + name.text + "' cannot name a subgraph", "another name");
    if (auto it = lets_.find(s.name); it != lets_.end())
      return ErrorAt(name.loc, "'" + name.text + "' is already defined on line " + std::to_string(it->second.line),
                     "a new name");
    Next();
    if (Peek().kind != TokenKind::kEquals) return Unexpected(Peek(), "'='");
    Next();
    AG_ASSIGN_OR_RETURN(s.query, ParseSubgraphQuery("'neighbors' or 'path'"));
    lets_.emplace(s.name, s.name_loc);
    return StatementBody(std::move(s));
  }

  const SourceText& source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::map<std::string, SourceLoc> lets_;  // subgraph names defined so far (lower-cased)
};

const std::vector<Parser::StatementSyntax>& Parser::Statements() {
  static const std::vector<StatementSyntax> kStatements = {
      {{"neighbors", "neighbours"},
       [](Parser& p) -> Result<StatementBody> {
         AG_ASSIGN_OR_RETURN(NeighborsStatement s, p.ParseNeighbors());
         return StatementBody(std::move(s));
       }},
      {{"path"},
       [](Parser& p) -> Result<StatementBody> {
         AG_ASSIGN_OR_RETURN(PathStatement s, p.ParsePath());
         return StatementBody(std::move(s));
       }},
      {{"entity"}, [](Parser& p) { return p.ParseEntity(); }},
      {{"relations"}, [](Parser& p) { return p.ParseRelations(); }},
      {{"export"}, [](Parser& p) { return p.ParseExport(); }},
      {{"let"}, [](Parser& p) { return p.ParseLet(); }},
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
