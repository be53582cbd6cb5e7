// Private to the query stage: writes each statement's result in the chosen output format (table, json,
// csv; shapes in docs/query-language.md). One Printer per script run; results arrive in statement order and
// are written immediately. A new statement kind adds a Print method here and in each format. Not
// thread-safe.
#ifndef AG_QUERY_PRINTER_H_
#define AG_QUERY_PRINTER_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "actorgraph/graph.h"
#include "actorgraph/query.h"
#include "actorgraph/store.h"
#include "query/ast.h"

namespace ag::query {

// One relation (graph edge) with the evidence sentence shown for it (the most recent), if any.
struct RelationRow {
  EdgeIndex edge = 0;
  std::optional<EvidenceRecord> evidence;
};

struct EntityResult {
  EntityRecord record;  // from Store::GetEntity (aliases, mentions, degree, dates)
  size_t out_degree = 0;
  size_t in_degree = 0;
  std::vector<RelationRow> relations;  // the strongest first
  size_t total_relations = 0;          // before the limit
};

struct ExportResult {
  std::string format;  // "graphml", ...
  std::string file;
  size_t nodes = 0;
  size_t edges = 0;
};

class Printer {
 public:
  Printer(const Graph& graph, std::ostream& out) : graph_(graph), out_(out) {}
  virtual ~Printer() = default;
  // False once a write to the output stream has failed.
  bool Good() const { return out_.good(); }

  // `truncated`: the statement's limit cut the result short (more nodes, paths or relations exist).
  virtual void PrintNeighbors(const Statement& statement, const NeighborsStatement& query,
                              const Neighborhood& result, bool truncated) = 0;
  virtual void PrintPaths(const Statement& statement, const PathStatement& query, const std::vector<Path>& paths,
                          bool truncated) = 0;
  virtual void PrintEntity(const Statement& statement, const EntityResult& result) = 0;
  virtual void PrintRelations(const Statement& statement, const std::vector<RelationRow>& rows,
                              bool truncated) = 0;
  virtual void PrintExport(const Statement& statement, const ExportResult& result) = 0;
  virtual void PrintLet(const Statement& statement, const std::string& name, size_t nodes, size_t edges) = 0;

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
