// Private to the export stage: the four writers behind ExportGraph / ExportCsv (export.cc dispatches). Each
// takes a checked Selection (model.h) and streams one document; docs/exports.md describes each format.
#ifndef AG_EXPORT_WRITERS_H_
#define AG_EXPORT_WRITERS_H_

#include <ostream>

#include "actorgraph/export.h"
#include "export/model.h"

namespace ag::exporter {

Status WriteGraphML(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                    std::ostream& out);
Status WriteGexf(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                 std::ostream& out);
Status WriteJson(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                 std::ostream& out);
Status WriteCsv(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                std::ostream& nodes_out, std::ostream& relationships_out);

}  // namespace ag::exporter

#endif  // AG_EXPORT_WRITERS_H_
