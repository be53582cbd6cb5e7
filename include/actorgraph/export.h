// Writers that turn the graph, or a part of it, into files other tools open: GraphML (Gephi, yEd, NetworkX,
// igraph), GEXF 1.3 (Gephi, with a timeline from document dates), JSON node-link data (NetworkX's
// node_link_graph; Cytoscape.js) and the CSV header format of `neo4j-admin database import`. docs/exports.md
// says which attribute lands where in each tool. Every writer streams (no document tree is built), so a
// million relations export in seconds; document ids, dates and evidence sentences come from the Store in
// one bulk scan. Text is UTF-8 whatever the names contain: XML and CSV escape their markup characters and the
// XML writers drop the control characters XML 1.0 forbids. Not thread-safe (the Store is not).
#ifndef ACTORGRAPH_EXPORT_H_
#define ACTORGRAPH_EXPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "actorgraph/graph.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"

namespace ag {

enum class ExportFormat { kGraphML, kGexf, kJson, kCsv };
// "graphml", "gexf", "json", "csv" (case-insensitive). InvalidArgument naming the accepted names otherwise.
Result<ExportFormat> ParseExportFormat(const std::string& name);
// "graphml", "gexf", "json", "csv".
const char* ExportFormatName(ExportFormat format);

// A selection of the graph to export. all=true means the whole graph (the vectors are ignored). Otherwise
// the listed nodes and edges, in any order; duplicates are ignored. Every edge must join two listed nodes
// (InvalidArgument otherwise): a file with dangling edges would not load in Gephi or NetworkX.
struct GraphSelection {
  bool all = true;
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;
};

struct ExportOptions {
  // Per edge, at most this many document ids are written (the earliest first); <= 0 = all.
  int max_doc_ids = 100;
};

// Writes the selection of `graph` to `out` in `format`. The Store must be the one the Graph was loaded
// from: it supplies each relation's document ids, dates and evidence sentence (with one bulk scan, or per
// relation when the selection is a small part of the graph). kCsv cannot go to one stream (it is two
// files): InvalidArgument, use ExportCsv or ExportGraphToFile. InvalidArgument for a bad selection; the
// Store's error when a scan fails; IOError when the stream fails. On error `out` may hold a partial
// document.
Status ExportGraph(const Graph& graph, Store& store, const GraphSelection& selection, ExportFormat format,
                   std::ostream& out, const ExportOptions& options = {});

// The CSV export as two streams: nodes (header `id:ID,name,:LABEL,...`) and relationships (header
// `:START_ID,:END_ID,:TYPE,...`), for `neo4j-admin database import full --nodes=... --relationships=...`.
Status ExportCsv(const Graph& graph, Store& store, const GraphSelection& selection, std::ostream& nodes_out,
                 std::ostream& relationships_out, const ExportOptions& options = {});

// Writes to the file `path` atomically: a temporary file beside it is renamed over it only on success, so
// an existing file is either replaced whole or left untouched. For kCsv `path` is a directory (created if
// missing, with its parent) that receives nodes.csv and relationships.csv, each replaced atomically.
// IOError naming the path when it cannot be written; InvalidArgument when a CSV path is an existing file.
Status ExportGraphToFile(const Graph& graph, Store& store, const GraphSelection& selection, ExportFormat format,
                         const std::string& path, const ExportOptions& options = {});

}  // namespace ag

#endif  // ACTORGRAPH_EXPORT_H_
