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

#include "export/attributes.h"
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
    "http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd\">\n";

void AppendKey(const char* id, const char* for_what, const char* name, const char* type, std::string* s) {
  *s += "  <key id=\"";
  *s += id;
  *s += "\" for=\"";
  *s += for_what;
  *s += "\" attr.name=\"";
  *s += name;
  *s += "\" attr.type=\"";
  *s += type;
  *s += "\"/>\n";
}

// The label first and the colour and size last, around the attributes GEXF has too (attributes.h).
void AppendKeys(std::string* s) {
  AppendKey("label", "node", "label", "string", s);
  for (const Attribute& a : kNodeAttributes) AppendKey(a.id, "node", a.id, a.type, s);
  AppendKey("r", "node", "r", "int", s);
  AppendKey("g", "node", "g", "int", s);
  AppendKey("b", "node", "b", "int", s);
  AppendKey("size", "node", "size", "float", s);
  AppendKey("elabel", "edge", "label", "string", s);
  AppendKey("weight", "edge", "weight", "double", s);
  for (const Attribute& a : kEdgeAttributes) AppendKey(a.id, "edge", a.id, a.type, s);
  AppendKey("er", "edge", "r", "int", s);
  AppendKey("eg", "edge", "g", "int", s);
  AppendKey("eb", "edge", "b", "int", s);
}

class GraphMLWriter {
 public:
  explicit GraphMLWriter(OutBuffer& out)
      : out_(out), s_(out.str()), data_(&out.str(), "      <data key=\"", "\">", "</data>\n") {}

  void Node(const GraphNode& node, int64_t degree) {
    s_ += "    <node id=\"";
    AppendNodeId(node, &s_);
    s_ += "\">\n";
    data_.Text("label", node.name);
    data_.Node(node, degree);
    Colour("r", "g", "b", TypeColour(node.type));
    data_.Double("size", NodeSize(degree));
    s_ += "    </node>\n";
    out_.MaybeFlush();
  }

  void Edge(const Graph& graph, const GraphEdge& edge, const EdgeExtras& extras) {
    AppendEdgeStart("    ", graph, edge, &s_);
    s_ += ">\n";
    data_.Text("elabel", edge.relation);
    data_.Double("weight", ExportWeight(edge.weight));
    std::string_view quad = QuadClassOf(edge.event, edge.relation);
    data_.Edge(edge, extras, quad);
    Colour("er", "eg", "eb", QuadColour(quad));
    s_ += "    </edge>\n";
    out_.MaybeFlush();
  }

 private:
  void Colour(const char* r, const char* g, const char* b, Rgb c) {
    data_.Int(r, c.r);
    data_.Int(g, c.g);
    data_.Int(b, c.b);
  }

  OutBuffer& out_;
  std::string& s_;
  AttributeWriter data_;  // <data key="ID">VALUE</data>
};

}  // namespace

Status WriteGraphML(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                    std::ostream& out) {
  OutBuffer buf(out);
  buf << kHeader;
  AppendKeys(&buf.str());
  buf << "  <graph id=\"actorgraph\" edgedefault=\"directed\">\n";
  GraphMLWriter writer(buf);
  for (NodeIndex n : sel.nodes) writer.Node(graph.node(n), sel.degree[n]);
  AG_RETURN_IF_ERROR(VisitEdges(graph, store, sel, options, [&](EdgeIndex e, const EdgeExtras& extras) {
    writer.Edge(graph, graph.edge(e), extras);
  }));
  buf << "  </graph>\n</graphml>\n";
  return buf.Finish();
}

}  // namespace ag::exporter
