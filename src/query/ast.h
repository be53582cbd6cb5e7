// Private to the query stage: the syntax tree of a query script. A Script is a list of Statements; each
// statement kind is one alternative of StatementBody, so adding a statement means adding a struct here, a
// parse function in parser.cc, an execute function in evaluator.cc and a print method in printer.h — the
// std::visit calls fail to compile until every place handles it. Every actor, relation and event name
// keeps its source position for "unknown ..." messages; the resolver fills in graph nodes before anything
// runs.
#ifndef AG_QUERY_AST_H_
#define AG_QUERY_AST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "actorgraph/export.h"
#include "actorgraph/graph.h"
#include "query/lexer.h"

namespace ag::query {

// Bounds the parser enforces on numeric clauses (larger values are never useful and would overflow ints);
// the evaluator's QueryOptions limits are usually tighter.
inline constexpr int64_t kMaxDepth = 1000000;
inline constexpr int64_t kMaxHops = 1000000;
inline constexpr int64_t kMaxLimit = 1000000000;
inline constexpr int64_t kDefaultEntityRelations = 10;
inline constexpr int64_t kDefaultRelationsLimit = 100;

// A quoted actor name as written, and (after resolution) the graph node it names.
struct NameRef {
  std::string name;
  SourceLoc loc;
  std::optional<NodeIndex> node;  // set by the evaluator's resolver
};

// A relation, event or type name in a list clause, as written.
struct Word {
  std::string text;
  SourceLoc loc;
};

// The filter clauses shared by neighbors, path and relations: relation, event, type, since, until,
// min weight. Empty / unset = no constraint.
struct Filters {
  std::vector<Word> relations;
  std::vector<Word> events;
  std::vector<EntityType> types;
  std::string since;  // YYYY, YYYY-MM or YYYY-MM-DD
  std::string until;
  std::optional<double> min_weight;
  std::string min_weight_text;  // as written ("2.50"), for the canonical form

  GraphFilter ToGraphFilter() const;
};

// neighbors of NAME [depth N] [direction D] [filters] [limit N]
struct NeighborsStatement {
  NameRef start;
  int depth = 1;
  Direction direction = Direction::kBoth;
  Filters filters;
  std::optional<int64_t> limit;  // at most this many nodes (the nearest ones) in the result
};

// path from NAME to NAME [max N] [shortest | all shortest | k N | all] [direction D] [filters] [weighted]
// [limit N]
struct PathStatement {
  NameRef from;
  NameRef to;
  int max_hops = 6;
  Direction direction = Direction::kBoth;
  PathMode mode = PathMode::kAllShortest;
  int64_t k = 1;                 // kKShortest only
  bool weighted = false;
  Filters filters;
  std::optional<int64_t> limit;  // kAllShortest / kAllSimple: at most this many paths (default 100)
};

// entity NAME [limit N]: the actor's record and its top N relations (default 10) with evidence.
struct EntityStatement {
  NameRef name;
  std::optional<int64_t> limit;
};

// relations [from NAME] [to NAME] [relation ...] [event ...] [since D] [until D] [min weight W] [limit N]
struct RelationsStatement {
  std::optional<NameRef> from;
  std::optional<NameRef> to;
  Filters filters;               // no types
  std::optional<int64_t> limit;  // default kDefaultRelationsLimit
};

// The statements that select a part of the graph (export ... of, let).
using SubgraphQuery = std::variant<NeighborsStatement, PathStatement>;

// export FORMAT to "FILE" [of (NEIGHBORS | PATH | LETNAME)]
struct ExportStatement {
  ExportFormat format = ExportFormat::kGraphML;
  std::string format_name;  // as written, lower-cased
  std::string file;
  SourceLoc file_loc;
  std::optional<SubgraphQuery> of_query;
  std::string of_name;       // a let name (lower-cased) when of_query is unset; "" = the whole graph
  SourceLoc of_loc;
};

// let NAME = (NEIGHBORS | PATH)
struct LetStatement {
  std::string name;  // lower-cased
  SourceLoc name_loc;
  SubgraphQuery query;
};

using StatementBody =
    std::variant<NeighborsStatement, PathStatement, EntityStatement, RelationsStatement, ExportStatement,
                 LetStatement>;

struct Statement {
  SourceLoc loc;     // of the first token
  std::string text;  // the source text from the first token to the last one before ';'
  StatementBody body;
};

struct Script {
  std::vector<Statement> statements;
};

// Builds a std::visit visitor from lambdas.
template <typename... Fns>
struct Overloaded : Fns... {
  using Fns::operator()...;
};
template <typename... Fns>
Overloaded(Fns...) -> Overloaded<Fns...>;

const char* DirectionKeyword(Direction d);  // "out", "in", "both"
// The path mode as written: "shortest", "all shortest", "k 3", "all".
std::string PathModeText(const PathStatement& s);
// `"name"` with '"' and '\' escaped as the lexer reads them.
std::string QuoteName(const std::string& name);
// A one-line, fully explicit dump for tests: (neighbors "X" depth=1 direction=both),
// (path "A" "B" max=6 direction=both mode=all-shortest limit=5), ...
std::string DumpStatement(const Statement& statement);
// The statements' dumps, one per line.
std::string DumpScript(const Script& script);
// Canonical source form for table headers: keywords lower-case, `depth` / `max` always shown, the other
// clauses when they differ from their default (see docs/query-language.md).
std::string CanonicalStatement(const Statement& statement);

}  // namespace ag::query

#endif  // AG_QUERY_AST_H_
