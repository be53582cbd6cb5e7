// CSV writer in the header format of `neo4j-admin database import`: nodes.csv keyed by `id:ID` (the
// stable "n<entity id>") with labels `Actor;<TYPE>` in `:LABEL`, relationships.csv with `:START_ID`,
// `:END_ID`, `:TYPE` (the relation) and typed properties (`:long`, `:double`, `:date`, `string[]`).
// Strings are always quoted with '"' doubled; control characters are dropped and line breaks become
// spaces, so the default import settings read every row. An absent value (no event, no date) is an empty,
// unquoted field, which the import skips. Arrays use the import's default ';' delimiter; a ';' inside an
// element becomes ','.
#include <ostream>
#include <string>
#include <vector>

#include "export/model.h"
#include "export/output.h"
#include "export/writers.h"

namespace ag::exporter {
namespace {

constexpr char kNodesHeader[] =
    "id:ID,name,:LABEL,type,aliases:string[],mentions:long,degree:long,first_seen:date,last_seen:date,code,"
    "country,sector,title\n";
constexpr char kRelationshipsHeader[] =
    ":START_ID,:END_ID,:TYPE,id,relation,event,cameo,quad_class,weight:double,count:long,negated_count:long,"
    "planned_count:long,hedged_count:long,first_date:date,last_date:date,doc_count:long,doc_ids:string[],"
    "evidence,attributed_to:string[]\n";

// An empty array is an empty unquoted field (no property), not [""].
void Array(const std::vector<std::string>& items, std::string* out) {
  if (items.empty()) return;
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined.push_back(';');
    for (char c : items[i]) joined.push_back(c == ';' ? ',' : c);
  }
  AppendCsvField(joined, out);
}

void OptionalField(std::string_view s, std::string* out) {
  if (!s.empty()) AppendCsvField(s, out);
}

}  // namespace

Status WriteCsv(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                std::ostream& nodes_out, std::ostream& relationships_out) {
  OutBuffer nodes(nodes_out);
  nodes << kNodesHeader;
  std::string& n = nodes.str();
  for (NodeIndex i : sel.nodes) {
    const GraphNode& node = graph.node(i);
    n += '"';
    AppendNodeId(node, &n);
    n += "\",";
    AppendCsvField(node.name, &n);
    n += ",\"Actor;";
    n += EntityTypeName(node.type);
    n += "\",\"";
    n += EntityTypeName(node.type);
    n += "\",";
    Array(node.aliases, &n);
    n += ',';
    AppendInt(node.mention_count, &n);
    n += ',';
    AppendInt(sel.degree[i], &n);
    n += ',';
    n += CalendarDate(node.first_seen);
    n += ',';
    n += CalendarDate(node.last_seen);
    n += ',';
    OptionalField(node.code, &n);
    n += ',';
    OptionalField(node.country, &n);
    n += ',';
    OptionalField(node.sector, &n);
    n += ',';
    OptionalField(node.title, &n);
    n += '\n';
    nodes.MaybeFlush();
  }
  AG_RETURN_IF_ERROR(nodes.Finish().WithPrefix("nodes"));

  OutBuffer rels(relationships_out);
  rels << kRelationshipsHeader;
  std::string& r = rels.str();
  AG_RETURN_IF_ERROR(VisitEdges(graph, store, sel, options, [&](EdgeIndex e, const EdgeExtras& extras) {
    const GraphEdge& edge = graph.edge(e);
    r += '"';
    AppendNodeId(graph.node(edge.source), &r);
    r += "\",\"";
    AppendNodeId(graph.node(edge.target), &r);
    r += "\",";
    AppendCsvField(edge.relation.empty() ? std::string_view("related") : std::string_view(edge.relation), &r);
    r += ",\"";
    AppendEdgeId(edge, &r);
    r += "\",";
    AppendCsvField(edge.relation, &r);
    r += ',';
    OptionalField(edge.event, &r);
    r += ',';
    OptionalField(edge.cameo, &r);
    r += ',';
    OptionalField(QuadClassOf(edge.event, edge.relation), &r);
    r += ',';
    AppendDouble(ExportWeight(edge.weight), &r);
    for (int64_t v : {edge.count, edge.negated_count, edge.planned_count, edge.hedged_count}) {
      r += ',';
      AppendInt(v, &r);
    }
    r += ',';
    r += CalendarDate(edge.first_date);
    r += ',';
    r += CalendarDate(edge.last_date);
    r += ',';
    AppendInt(extras.doc_count, &r);
    r += ',';
    Array(extras.doc_ids, &r);
    r += ',';
    OptionalField(extras.evidence, &r);
    r += ',';
    Array(extras.attributed_to, &r);
    r += '\n';
    rels.MaybeFlush();
  }));
  return rels.Finish().WithPrefix("relationships");
}

}  // namespace ag::exporter
