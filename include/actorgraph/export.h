// Writers that turn the graph (or a part of it) into files other tools open: GraphML for Gephi, yEd,
// NetworkX and igraph. Output is UTF-8 XML, well-formed whatever the names contain: markup characters are
// escaped and control characters XML 1.0 forbids are dropped. Thread-compatible.
#ifndef ACTORGRAPH_EXPORT_H_
#define ACTORGRAPH_EXPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "actorgraph/graph.h"
#include "actorgraph/status.h"

namespace ag {

enum class ExportFormat { kGraphML };
Result<ExportFormat> ParseExportFormat(const std::string& name);  // "graphml"

// A selection of the graph to export; empty vectors with all=true mean the whole graph.
struct GraphSelection {
  bool all = true;
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;  // must join selected nodes
};

// Writes the selection to `out`. IOError when the stream fails.
Status ExportGraph(const Graph& graph, const GraphSelection& selection, ExportFormat format,
                   std::ostream& out);
// Same, to a file written atomically (temporary file renamed on success). IOError naming the path.
Status ExportGraphToFile(const Graph& graph, const GraphSelection& selection, ExportFormat format,
                         const std::string& path);

}  // namespace ag

#endif  // ACTORGRAPH_EXPORT_H_
