// GraphML writer, shaped for what Gephi's importer reads (and valid against the GraphML 1.1 schema):
// node ids are stable tokens "n<entity id>"; the node key "label" holds the name; an edge key named
// "label" carries the relation (the XML attribute `label` on <edge>, which Gephi reads as the edge type,
// is not allowed by the GraphML 1.1 schema, so validity wins); a "weight"
// key (double, > 0); r/g/b colours by entity type and size by degree as visual properties. Every key has
// an attr.type; there are no graph-level keys. Streams straight to the output without a DOM.
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "actorgraph/export.h"
#include "export/xml.h"

namespace ag {
namespace {

struct Rgb {
  int r, g, b;
};

Rgb ColourOf(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return {31, 119, 180};
    case EntityType::kOrg: return {255, 127, 14};
    case EntityType::kGpe: return {44, 160, 44};
    case EntityType::kLoc: return {148, 103, 189};
    case EntityType::kNorp: return {214, 39, 40};
    case EntityType::kOther: return {127, 127, 127};
  }
  return {127, 127, 127};
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

Status WriteGraphML(const Graph& graph, const GraphSelection& sel, std::ostream& out) {
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;
  if (sel.all) {
    nodes.resize(graph.num_nodes());
    for (size_t i = 0; i < nodes.size(); ++i) nodes[i] = static_cast<NodeIndex>(i);
    edges.resize(graph.num_edges());
    for (size_t i = 0; i < edges.size(); ++i) edges[i] = static_cast<EdgeIndex>(i);
  } else {
    nodes = sel.nodes;
    edges = sel.edges;
  }
  std::vector<int64_t> degree(graph.num_nodes(), 0);
  for (EdgeIndex e : edges) {
    ++degree[graph.edge(e).source];
    ++degree[graph.edge(e).target];
  }

  std::string buf;
  buf.reserve(1 << 20);
  auto flush = [&]() {
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
  };
  buf +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd\">\n"
      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
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
      "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
      "  <key id=\"first_date\" for=\"edge\" attr.name=\"first_date\" attr.type=\"string\"/>\n"
      "  <key id=\"last_date\" for=\"edge\" attr.name=\"last_date\" attr.type=\"string\"/>\n"
      "  <graph id=\"actorgraph\" edgedefault=\"directed\">\n";
  auto data = [&](const char* key, const std::string& value) {
    buf += "      <data key=\"";
    buf += key;
    buf += "\">";
    xml::AppendEscaped(value, &buf);
    buf += "</data>\n";
  };
  for (NodeIndex n : nodes) {
    const GraphNode& node = graph.node(n);
    Rgb c = ColourOf(node.type);
    buf += "    <node id=\"n" + std::to_string(node.entity_id) + "\">\n";
    data("label", node.name);
    data("type", EntityTypeName(node.type));
    data("mentions", std::to_string(node.mention_count));
    if (!node.first_seen.empty()) data("first_seen", node.first_seen);
    if (!node.last_seen.empty()) data("last_seen", node.last_seen);
    data("r", std::to_string(c.r));
    data("g", std::to_string(c.g));
    data("b", std::to_string(c.b));
    data("size", Number(10.0 + 4.0 * static_cast<double>(degree[n])));
    buf += "    </node>\n";
    if (buf.size() > (1 << 20)) flush();
  }
  for (EdgeIndex e : edges) {
    const GraphEdge& edge = graph.edge(e);
    buf += "    <edge id=\"e" + std::to_string(edge.relation_id) + "\" source=\"n" +
           std::to_string(graph.node(edge.source).entity_id) + "\" target=\"n" +
           std::to_string(graph.node(edge.target).entity_id) + "\">\n";
    data("elabel", edge.relation);
    data("weight", Number(edge.weight > 0 ? edge.weight : 1.0));
    data("relation", edge.relation);
    if (!edge.event.empty()) data("event", edge.event);
    data("count", std::to_string(edge.count));
    if (!edge.first_date.empty()) data("first_date", edge.first_date);
    if (!edge.last_date.empty()) data("last_date", edge.last_date);
    buf += "    </edge>\n";
    if (buf.size() > (1 << 20)) flush();
  }
  buf += "  </graph>\n</graphml>\n";
  flush();
  out.flush();
  if (!out) return Status::IOError("write failed");
  return Status::OK();
}

}  // namespace ag
