// Private to the export stage: what every writer exports, computed once here so the four formats agree.
// Selection checks and orders the nodes and edges to write (ascending index, which is entity / relation
// id order) and counts degrees within it; nodes carry all they need (aliases included) in the Graph, and
// VisitEdges hands each edge to a writer together with what only the Store knows (document ids, dates and
// the evidence sentence), read with one bulk scan when the selection is a large part of the graph and per
// edge otherwise, so the cost follows the selection. The helpers give the stable ids ("n<entity id>",
// "e<relation id>"), colours, sizes, the quad class of an event and the date forms the formats need.
// Not thread-safe (the Store is not).
#ifndef AG_EXPORT_MODEL_H_
#define AG_EXPORT_MODEL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "actorgraph/export.h"
#include "actorgraph/graph.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"

namespace ag::exporter {

struct Selection {
  std::vector<NodeIndex> nodes;  // ascending, unique
  std::vector<EdgeIndex> edges;  // ascending, unique, both ends in `nodes`
  std::vector<uint32_t> degree;  // by NodeIndex (whole graph size): edges of the selection touching it
};

// InvalidArgument when an index is outside the graph or an edge has an end outside the selection.
Result<Selection> Select(const Graph& graph, const GraphSelection& selection);

struct EdgeExtras {
  // Distinct document ids, earliest evidence first (dated before undated, then storage order), at most
  // ExportOptions::max_doc_ids of them; doc_count counts them all.
  std::vector<std::string> doc_ids;
  int64_t doc_count = 0;
  std::vector<std::string> dates;  // distinct non-empty evidence dates, ascending
  std::string evidence;            // the sentence of the earliest evidence row that has one; "" if none
  // Distinct actors the evidence is reported by (EvidenceRecord::attributed_to), in order of first report.
  std::vector<std::string> attributed_to;
};

// Calls fn for every selected edge in ascending order. Passes on the Store's error.
Status VisitEdges(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                  const std::function<void(EdgeIndex, const EdgeExtras&)>& fn);

void AppendNodeId(const GraphNode& node, std::string* out);  // n<entity id>
void AppendEdgeId(const GraphEdge& edge, std::string* out);  // e<relation id>

struct Rgb {
  int r, g, b;
};
Rgb TypeColour(EntityType type);
// By quad class: cooperation greens, conflict reds, grey for none.
Rgb QuadColour(std::string_view quad_class);
// "#rrggbb".
std::string HexColour(Rgb c);
// 10 + 5 * sqrt(degree), to two decimals: grows with degree without letting hubs swamp the picture.
double NodeSize(int64_t degree);
// The weight written for an edge: the store's weight when it is > 0 (always, for ingested text and
// triples), else 1e-9, because Gephi drops edges of weight 0.
double ExportWeight(double weight);

// The quad class of a PLOVER event type as the relation lexicon (data/relations.json) assigns it:
// "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"; "" for no or an
// unknown event. CONCEDE is the one event the lexicon splits by verb (apologise, concede: verbal; ease,
// lift, release, free, pardon: material), so the relation lemma decides it, material by default.
std::string_view QuadClassOf(std::string_view event, std::string_view relation);

// A store date as an xsd:date (YYYY-MM-DD) for GEXF and Neo4j: a datetime keeps its date part, a year or
// year-month is placed on the first day of its period. "" when the text is not such a date.
std::string CalendarDate(std::string_view date);

}  // namespace ag::exporter

#endif  // AG_EXPORT_MODEL_H_
