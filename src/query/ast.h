// Private to the query stage: the syntax tree of a query script. A Script is a list of Statements; each
// statement kind is one alternative of StatementBody, so adding a statement means adding a struct here, a
// parse function in parser.cc, an execute function in evaluator.cc and a print method in printer.h — the
// std::visit calls fail to compile until every place handles it. Every actor name keeps its source
// position for "unknown actor" messages; the resolver fills in its graph node before anything runs.
#ifndef AG_QUERY_AST_H_
#define AG_QUERY_AST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "actorgraph/graph.h"
#include "query/lexer.h"

namespace ag::query {

// Bounds the parser enforces on numeric clauses (larger values are never useful and would overflow ints).
inline constexpr int64_t kMaxDepth = 1000000;
inline constexpr int64_t kMaxHops = 1000000;
inline constexpr int64_t kMaxLimit = 1000000000;

// A quoted actor name as written, and (after resolution) the graph node it names.
struct NameRef {
  std::string name;
  SourceLoc loc;
  std::optional<NodeIndex> node;  // set by the evaluator's resolver
};

// neighbors of NAME [depth N] [direction D] [limit N]
struct NeighborsStatement {
  NameRef start;
  int depth = 1;
  Direction direction = Direction::kBoth;
  std::optional<int64_t> limit;  // at most this many nodes (the nearest ones) in the result
};

// path from NAME to NAME [max N] [direction D] [limit N]
struct PathStatement {
  NameRef from;
  NameRef to;
  int max_hops = 6;
  Direction direction = Direction::kBoth;
  std::optional<int64_t> limit;  // at most this many paths; default PathOptions::max_paths
};

using StatementBody = std::variant<NeighborsStatement, PathStatement>;

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
// `"name"` with '"' and '\' escaped as the lexer reads them.
std::string QuoteName(const std::string& name);
// A one-line, fully explicit dump for tests: (neighbors "X" depth=1 direction=both),
// (path "A" "B" max=6 direction=both limit=5).
std::string DumpStatement(const Statement& statement);
// The statements' dumps, one per line.
std::string DumpScript(const Script& script);
// Canonical source form for headers: `neighbors of "X" depth 2`, `path from "A" to "B" max 6 direction out`
// (depth and max always; direction unless both; limit when given).
std::string CanonicalStatement(const Statement& statement);

}  // namespace ag::query

#endif  // AG_QUERY_AST_H_
