// Query scripts: a small statement language over the graph (see docs/query-language.md), parsed in full
// before anything runs so that a syntax or name error stops the script with file:line:col, the source line
// and a caret, before any output is written. Not thread-safe: one script run at a time per Graph/Store.
#ifndef ACTORGRAPH_QUERY_H_
#define ACTORGRAPH_QUERY_H_

#include <ostream>
#include <string>

#include "actorgraph/graph.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"

namespace ag {

enum class OutputFormat { kTable, kJson, kCsv };
Result<OutputFormat> ParseOutputFormat(const std::string& name);  // "table", "json", "csv"

struct QueryOptions {
  OutputFormat format = OutputFormat::kTable;
};

// Parses and runs `script` (named `source_name` in messages: a path, "<stdin>" or "-e"), writing results
// to `out`. ParseError for lexical and syntax errors, NotFound / InvalidArgument for unknown or ambiguous
// names (with suggestions), ResourceLimit when a limit is hit; the message carries file:line:col and a caret.
Status RunQueryScript(const std::string& source_name, const std::string& script, Store& store,
                      const Graph& graph, const QueryOptions& options, std::ostream& out);

// Checks the syntax only (no store needed). Same error messages as RunQueryScript.
Status CheckQueryScript(const std::string& source_name, const std::string& script);

}  // namespace ag

#endif  // ACTORGRAPH_QUERY_H_
