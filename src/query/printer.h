// Private to the query stage: writes each statement's result in the chosen output format (table, json,
// csv; shapes in docs/query-language.md). One Printer per script run; results arrive in statement order and
// are written immediately. A new statement kind adds a Print method here and in each format. Not
// thread-safe.
#ifndef AG_QUERY_PRINTER_H_
#define AG_QUERY_PRINTER_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "actorgraph/graph.h"
#include "actorgraph/query.h"
#include "query/ast.h"

namespace ag::query {

class Printer {
 public:
  Printer(const Graph& graph, std::ostream& out) : graph_(graph), out_(out) {}
  virtual ~Printer() = default;
  // False once a write to the output stream has failed.
  bool Good() const { return out_.good(); }

  // `truncated`: the statement's limit cut the result short (more nodes or paths exist).
  virtual void PrintNeighbors(const Statement& statement, const NeighborsStatement& query,
                              const Neighborhood& result, bool truncated) = 0;
  virtual void PrintPaths(const Statement& statement, const PathStatement& query, const std::vector<Path>& paths,
                          bool truncated) = 0;

 protected:
  const Graph& graph_;
  std::ostream& out_;
};

// The printer for `format`, writing to `out` and naming nodes and edges from `graph`; both must outlive it.
std::unique_ptr<Printer> MakePrinter(OutputFormat format, const Graph& graph, std::ostream& out);

// Shortest round-trip decimal form of a weight: 2, 0.5, 1e+20.
std::string FormatWeight(double weight);
// One RFC 4180 field: quoted (with "" for ") when it holds a comma, quote, CR or LF.
std::string CsvField(const std::string& value);

}  // namespace ag::query

#endif  // AG_QUERY_PRINTER_H_
