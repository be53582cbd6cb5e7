// GraphML writer, valid against the GraphML 1.1 schema (graphml.xsd with its attributes extension) and
// shaped for what Gephi's GraphML importer reads (ImporterGraphML in gephi/gephi): keys whose id or
// attr.name is `label` become the node and the edge label, `weight` the edge weight, `r`/`g`/`b` the colour
// and `size` the node size; every other key becomes a column of that type. Node ids are "n<entity id>",
// edge ids "e<relation id>" (stable tokens, never names). The relation goes into the edge key
// attr.name="label" (id "elabel") and again into "relation": the schema allows no `label` attribute on
// <edge> (edge.extra.attrib is empty) and Gephi's GraphML importer reads none; docs/exports.md has the
// details. Every key has an attr.type; there are no graph-level keys. Streams; no DOM.
#include <ostream>
#include <string>

#include "export/model.h"
#include "export/output.h"
#include "export/writers.h"

namespace ag::exporter {
namespace {

constexpr char kHeader[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd\">\n"
    "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
    "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
    "  <key id=\"degree\" for=\"node\" attr.name=\"degree\" attr.type=\"long\"/>\n"
    "  <key id=\"first_seen\" for=\"node\" attr.name=\"first_seen\" attr.type=\"string\"/>\n"
    "  <key id=\"last_seen\" for=\"node\" attr.name=\"last_seen\" attr.type=\"string\"/>\n"
    "  <key id=\"r\" for=\"node\" attr.name=\"r\" attr.type=\"int\"/>\n"
    "  <key id=\"g\" for=\"node\" attr.name=\"g\" attr.type=\"int\"/>\n"
    "  <key id=\"b\" for=\"node\" attr.name=\"b\" attr.type=\"int\"/>\n"
    "  <key id=\"size\" for=\"node\" attr.name=\"size\" attr.type=\"float\"/>\n"
    "  <key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
    "  <key id=\"event\" for=\"edge\" attr.name=\"event\" attr.type=\"string\"/>\n"
    "  <key id=\"quad_class\" for=\"edge\" attr.name=\"quad_class\" attr.type=\"string\"/>\n"
    "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
    "  <key id=\"negated_count\" for=\"edge\" attr.name=\"negated_count\" attr.type=\"long\"/>\n"
    "  <key id=\"planned_count\" for=\"edge\" attr.name=\"planned_count\" attr.type=\"long\"/>\n"
    "  <key id=\"hedged_count\" for=\"edge\" attr.name=\"hedged_count\" attr.type=\"long\"/>\n"
    "  <key id=\"first_date\" for=\"edge\" attr.name=\"first_date\" attr.type=\"string\"/>\n"
    "  <key id=\"last_date\" for=\"edge\" attr.name=\"last_date\" attr.type=\"string\"/>\n"
    "  <key id=\"doc_count\" for=\"edge\" attr.name=\"doc_count\" attr.type=\"long\"/>\n"
    "  <key id=\"doc_ids\" for=\"edge\" attr.name=\"doc_ids\" attr.type=\"string\"/>\n"
    "  <key id=\"evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n"
    "  <key id=\"er\" for=\"edge\" attr.name=\"r\" attr.type=\"int\"/>\n"
    "  <key id=\"eg\" for=\"edge\" attr.name=\"g\" attr.type=\"int\"/>\n"
    "  <key id=\"eb\" for=\"edge\" attr.name=\"b\" attr.type=\"int\"/>\n"
    "  <graph id=\"actorgraph\" edgedefault=\"directed\">\n";

class GraphMLWriter {
 public:
  explicit GraphMLWriter(OutBuffer& out) : out_(out), s_(out.str()) {}

  void Node(const GraphNode& node, int64_t degree) {
    s_ += "    <node id=\"";
    AppendNodeId(node, &s_);
    s_ += "\">\n";
    Text("label", node.name);
    Text("type", EntityTypeName(node.type));
    if (!node.aliases.empty()) {
      Open("aliases");
      for (size_t i = 0; i < node.aliases.size(); ++i) {
        if (i > 0) s_ += " | ";
        AppendXmlEscaped(node.aliases[i], &s_);
      }
      Close();
    }
    Int("mentions", node.mention_count);
    Int("degree", degree);
    if (!node.first_seen.empty()) Text("first_seen", node.first_seen);
    if (!node.last_seen.empty()) Text("last_seen", node.last_seen);
    Colour("r", "g", "b", TypeColour(node.type));
    Open("size");
    AppendDouble(NodeSize(degree), &s_);
    Close();
    s_ += "    </node>\n";
    out_.MaybeFlush();
  }

  void Edge(const Graph& graph, const GraphEdge& edge, const EdgeExtras& extras) {
    s_ += "    <edge id=\"";
    AppendEdgeId(edge, &s_);
    s_ += "\" source=\"";
    AppendNodeId(graph.node(edge.source), &s_);
    s_ += "\" target=\"";
    AppendNodeId(graph.node(edge.target), &s_);
    s_ += "\">\n";
    Text("elabel", edge.relation);
    Open("weight");
    AppendDouble(ExportWeight(edge.weight), &s_);
    Close();
    Text("relation", edge.relation);
    std::string_view quad = QuadClassOf(edge.event, edge.relation);
    if (!edge.event.empty()) Text("event", edge.event);
    if (!quad.empty()) Text("quad_class", quad);
    Int("count", edge.count);
    Int("negated_count", edge.negated_count);
    Int("planned_count", edge.planned_count);
    Int("hedged_count", edge.hedged_count);
    if (!edge.first_date.empty()) Text("first_date", edge.first_date);
    if (!edge.last_date.empty()) Text("last_date", edge.last_date);
    Int("doc_count", extras.doc_count);
    if (!extras.doc_ids.empty()) {
      Open("doc_ids");
      for (size_t i = 0; i < extras.doc_ids.size(); ++i) {
        if (i > 0) s_ += " | ";
        AppendXmlEscaped(extras.doc_ids[i], &s_);
      }
      Close();
    }
    if (!extras.evidence.empty()) Text("evidence", extras.evidence);
    Colour("er", "eg", "eb", QuadColour(quad));
    s_ += "    </edge>\n";
    out_.MaybeFlush();
  }

 private:
  void Open(const char* key) {
    s_ += "      <data key=\"";
    s_ += key;
    s_ += "\">";
  }
  void Close() { s_ += "</data>\n"; }
  void Text(const char* key, std::string_view value) {
    Open(key);
    AppendXmlEscaped(value, &s_);
    Close();
  }
  void Int(const char* key, int64_t value) {
    Open(key);
    AppendInt(value, &s_);
    Close();
  }
  void Colour(const char* r, const char* g, const char* b, Rgb c) {
    Int(r, c.r);
    Int(g, c.g);
    Int(b, c.b);
  }

  OutBuffer& out_;
  std::string& s_;
};

}  // namespace

Status WriteGraphML(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                    std::ostream& out) {
  OutBuffer buf(out);
  buf << kHeader;
  GraphMLWriter writer(buf);
  for (NodeIndex n : sel.nodes) writer.Node(graph.node(n), sel.degree[n]);
  AG_RETURN_IF_ERROR(VisitEdges(graph, store, sel, options, [&](EdgeIndex e, const EdgeExtras& extras) {
    writer.Edge(graph, graph.edge(e), extras);
  }));
  buf << "  </graph>\n</graphml>\n";
  return buf.Finish();
}

}  // namespace ag::exporter
