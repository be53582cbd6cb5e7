// Query scripts: a small statement language over the graph (see docs/query-language.md): neighbourhoods,
// paths, entities, relations with their evidence, exports and named subgraphs. A script is parsed and
// every name in it resolved before anything runs, so a syntax or name error stops it with file:line:col,
// the source line and a caret, before any output is printed or any file exported. Not thread-safe: one
// script run at a time per Graph/Store.
#ifndef ACTORGRAPH_QUERY_H_
#define ACTORGRAPH_QUERY_H_

#include <ostream>
#include <string>

#include "actorgraph/export.h"
#include "actorgraph/graph.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"

namespace ag {

enum class OutputFormat { kTable, kJson, kCsv };
Result<OutputFormat> ParseOutputFormat(const std::string& name);  // "table", "json", "csv"

struct QueryOptions {
  OutputFormat format = OutputFormat::kTable;
  // Limits per statement. A depth, max or k/limit above the first three fails the script before anything
  // runs; the others stop the statement that reaches them. Each failure is a ResourceLimit naming the limit.
  int max_depth = 100;            // neighbors depth and path max (hops)
  int64_t max_paths = 100000;     // paths one path statement may return (its limit or k)
  int64_t max_rows = 1000000;     // entity / relations limit
  int64_t max_nodes = 1000000;    // nodes in one neighbourhood
  int64_t max_expanded = 5000000; // nodes one search may expand
  int64_t timeout_ms = 60000;     // wall-clock time of one search; <= 0 = none
};

// Parses and runs `script` (named `source_name` in messages: a path, "<stdin>" or "-e"), writing results
// to `out` and export files where the script says. ParseError for lexical and syntax errors, NotFound /
// InvalidArgument for unknown or ambiguous names (with suggestions), ResourceLimit when a limit is hit,
// IOError when the output or an export file cannot be written; the message carries file:line:col and a
// caret. Syntax, name and static limit errors come before any output; a statement failing while it runs
// stops the script there (earlier statements' output and files stay).
Status RunQueryScript(const std::string& source_name, const std::string& script, Store& store,
                      const Graph& graph, const QueryOptions& options, std::ostream& out);

// Checks the syntax only (no store needed). Same error messages as RunQueryScript.
Status CheckQueryScript(const std::string& source_name, const std::string& script);

// Evaluates one neighbors or path statement (the trailing ';' is optional) into the part of the graph it
// finds, for exporting it alone (`actorgraph export --query`): a neighbourhood gives its nodes and the
// edges among them (after its filters and `limit`), a path statement the nodes and edges of the paths it
// returns (none when there is no path: an empty selection) — the same selection as `export ... of` in a
// script, with the default QueryOptions limits. The statement is named "query" in messages. ParseError for
// bad syntax or more than one statement; InvalidArgument for another kind of statement; NotFound /
// InvalidArgument for unknown or ambiguous names; ResourceLimit when a limit is hit; all with line:col
// and a caret.
Result<GraphSelection> SelectSubgraph(const std::string& statement, Store& store, const Graph& graph);

}  // namespace ag

#endif  // ACTORGRAPH_QUERY_H_
