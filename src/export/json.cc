// JSON writer: node-link data as NetworkX's node_link_data writes it and node_link_graph reads it
// ("directed", "multigraph", "graph", "nodes" with "id", "links" with "source", "target", "key"), every
// node and link a flat object whose "id" / "source" / "target" are also what a Cytoscape.js element's
// `data` needs, plus "format_version" for readers to check. Written with RapidJSON's Writer, streaming:
// it escapes quotes, backslashes and control characters, so any name yields valid JSON.
#include <rapidjson/writer.h>

#include <ostream>
#include <string>

#include "export/model.h"
#include "export/output.h"
#include "export/writers.h"

namespace ag::exporter {
namespace {

// Bumped when a key changes meaning or goes away; adding keys keeps the version.
constexpr int kJsonFormatVersion = 1;

// RapidJSON output stream over the OutBuffer's string.
class BufferStream {
 public:
  using Ch = char;
  explicit BufferStream(std::string& s) : s_(s) {}
  void Put(char c) { s_.push_back(c); }
  void Flush() {}

 private:
  std::string& s_;
};

using JsonWriter = rapidjson::Writer<BufferStream>;

void Key(JsonWriter& w, const char* key) { w.Key(key); }
void String(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void StringOrNull(JsonWriter& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    String(w, s);
  }
}
void Id(JsonWriter& w, const std::string& scratch) { String(w, scratch); }

}  // namespace

Status WriteJson(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                 std::ostream& out) {
  OutBuffer buf(out);
  BufferStream stream(buf.str());
  JsonWriter w(stream);
  std::string id;
  w.StartObject();
  Key(w, "format_version");
  w.Int(kJsonFormatVersion);
  Key(w, "generator");
  w.String("actorgraph");
  Key(w, "directed");
  w.Bool(true);
  Key(w, "multigraph");
  w.Bool(true);
  Key(w, "graph");
  w.StartObject();
  Key(w, "name");
  w.String("actorgraph");
  Key(w, "node_count");
  w.Uint64(sel.nodes.size());
  Key(w, "edge_count");
  w.Uint64(sel.edges.size());
  w.EndObject();

  Key(w, "nodes");
  w.StartArray();
  for (NodeIndex n : sel.nodes) {
    const GraphNode& node = graph.node(n);
    w.StartObject();
    id.clear();
    AppendNodeId(node, &id);
    Key(w, "id");
    Id(w, id);
    Key(w, "label");
    String(w, node.name);
    Key(w, "type");
    w.String(EntityTypeName(node.type));
    Key(w, "aliases");
    w.StartArray();
    for (const std::string& a : node.aliases) String(w, a);
    w.EndArray();
    Key(w, "mentions");
    w.Int64(node.mention_count);
    Key(w, "degree");
    w.Int64(sel.degree[n]);
    Key(w, "first_seen");
    StringOrNull(w, node.first_seen);
    Key(w, "last_seen");
    StringOrNull(w, node.last_seen);
    Key(w, "code");
    StringOrNull(w, node.code);
    Key(w, "country");
    StringOrNull(w, node.country);
    Key(w, "sector");
    StringOrNull(w, node.sector);
    Key(w, "title");
    StringOrNull(w, node.title);
    Key(w, "color");
    String(w, HexColour(TypeColour(node.type)));
    Key(w, "size");
    w.Double(NodeSize(sel.degree[n]));
    w.EndObject();
    buf.MaybeFlush();
  }
  w.EndArray();

  Key(w, "links");
  w.StartArray();
  AG_RETURN_IF_ERROR(VisitEdges(graph, store, sel, options, [&](EdgeIndex e, const EdgeExtras& extras) {
    const GraphEdge& edge = graph.edge(e);
    std::string_view quad = QuadClassOf(edge.event, edge.relation);
    w.StartObject();
    id.clear();
    AppendEdgeId(edge, &id);
    Key(w, "id");
    Id(w, id);
    Key(w, "key");
    Id(w, id);
    id.clear();
    AppendNodeId(graph.node(edge.source), &id);
    Key(w, "source");
    Id(w, id);
    id.clear();
    AppendNodeId(graph.node(edge.target), &id);
    Key(w, "target");
    Id(w, id);
    Key(w, "label");
    String(w, edge.relation);
    Key(w, "relation");
    String(w, edge.relation);
    Key(w, "event");
    StringOrNull(w, edge.event);
    Key(w, "cameo");
    StringOrNull(w, edge.cameo);
    Key(w, "quad_class");
    StringOrNull(w, quad);
    Key(w, "weight");
    w.Double(ExportWeight(edge.weight));
    Key(w, "count");
    w.Int64(edge.count);
    Key(w, "negated_count");
    w.Int64(edge.negated_count);
    Key(w, "planned_count");
    w.Int64(edge.planned_count);
    Key(w, "hedged_count");
    w.Int64(edge.hedged_count);
    Key(w, "first_date");
    StringOrNull(w, edge.first_date);
    Key(w, "last_date");
    StringOrNull(w, edge.last_date);
    Key(w, "dates");
    w.StartArray();
    for (const std::string& d : extras.dates) String(w, d);
    w.EndArray();
    Key(w, "doc_count");
    w.Int64(extras.doc_count);
    Key(w, "doc_ids");
    w.StartArray();
    for (const std::string& d : extras.doc_ids) String(w, d);
    w.EndArray();
    Key(w, "evidence");
    StringOrNull(w, extras.evidence);
    Key(w, "attributed_to");
    w.StartArray();
    for (const std::string& a : extras.attributed_to) String(w, a);
    w.EndArray();
    Key(w, "color");
    String(w, HexColour(QuadColour(quad)));
    w.EndObject();
    buf.MaybeFlush();
  }));
  w.EndArray();
  w.EndObject();
  buf << '\n';
  return buf.Finish();
}

}  // namespace ag::exporter
