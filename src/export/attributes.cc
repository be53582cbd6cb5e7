// The attribute values and the edge start GraphML and GEXF share (see attributes.h).
#include "export/attributes.h"

#include "export/output.h"

namespace ag::exporter {

void AttributeWriter::Text(const char* id, std::string_view value) {
  Open(id);
  AppendXmlEscaped(value, &s_);
  Close();
}

void AttributeWriter::Int(const char* id, int64_t value) {
  Open(id);
  AppendInt(value, &s_);
  Close();
}

void AttributeWriter::Double(const char* id, double value) {
  Open(id);
  AppendDouble(value, &s_);
  Close();
}

void AttributeWriter::List(const char* id, const std::vector<std::string>& items) {
  if (items.empty()) return;
  Open(id);
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s_ += " | ";
    AppendXmlEscaped(items[i], &s_);
  }
  Close();
}

void AttributeWriter::Node(const GraphNode& node, int64_t degree) {
  Text("type", EntityTypeName(node.type));
  List("aliases", node.aliases);
  Int("mentions", node.mention_count);
  Int("degree", degree);
  if (!node.first_seen.empty()) Text("first_seen", node.first_seen);
  if (!node.last_seen.empty()) Text("last_seen", node.last_seen);
  if (!node.code.empty()) Text("code", node.code);
  if (!node.country.empty()) Text("country", node.country);
  if (!node.sector.empty()) Text("sector", node.sector);
  if (!node.title.empty()) Text("title", node.title);
}

void AttributeWriter::Edge(const GraphEdge& edge, const EdgeExtras& extras, std::string_view quad) {
  Text("relation", edge.relation);
  if (!edge.event.empty()) Text("event", edge.event);
  if (!edge.cameo.empty()) Text("cameo", edge.cameo);
  if (!quad.empty()) Text("quad_class", quad);
  Int("count", edge.count);
  Int("negated_count", edge.negated_count);
  Int("planned_count", edge.planned_count);
  Int("hedged_count", edge.hedged_count);
  if (!edge.first_date.empty()) Text("first_date", edge.first_date);
  if (!edge.last_date.empty()) Text("last_date", edge.last_date);
  Int("doc_count", extras.doc_count);
  List("doc_ids", extras.doc_ids);
  if (!extras.evidence.empty()) Text("evidence", extras.evidence);
  List("attributed_to", extras.attributed_to);
}

void AppendEdgeStart(std::string_view indent, const Graph& graph, const GraphEdge& edge, std::string* s) {
  *s += indent;
  *s += "<edge id=\"";
  AppendEdgeId(edge, s);
  *s += "\" source=\"";
  AppendNodeId(graph.node(edge.source), s);
  *s += "\" target=\"";
  AppendNodeId(graph.node(edge.target), s);
  *s += '"';
}

}  // namespace ag::exporter
