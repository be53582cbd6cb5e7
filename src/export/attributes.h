// Private to the export stage: what the GraphML and GEXF writers share. One list holds the node and edge
// attributes both formats carry, with their types (GraphML declares them as <key>s, GEXF as <attribute>s),
// and AttributeWriter writes a node's or an edge's values in that order, so that the two formats cannot
// drift apart; each writer gives the markup around one value (`<data key="ID">VALUE</data>` in GraphML,
// `<attvalue for="ID" value="VALUE"/>` in GEXF). Also the start of an <edge> element, the same in both.
// Not thread-safe.
#ifndef AG_EXPORT_ATTRIBUTES_H_
#define AG_EXPORT_ATTRIBUTES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "export/model.h"

namespace ag::exporter {

// An attribute both formats carry; `type` is spelt the same in both ("string" or "long").
struct Attribute {
  const char* id;
  const char* type;
};

// In the order AttributeWriter::Node and ::Edge write them.
inline constexpr Attribute kNodeAttributes[] = {
    {"type", "string"},       {"aliases", "string"},   {"mentions", "long"}, {"degree", "long"},
    {"first_seen", "string"}, {"last_seen", "string"}, {"code", "string"},   {"country", "string"},
    {"sector", "string"},     {"title", "string"},
};
inline constexpr Attribute kEdgeAttributes[] = {
    {"relation", "string"},    {"event", "string"},       {"cameo", "string"},      {"quad_class", "string"}, {"count", "long"},
    {"negated_count", "long"}, {"planned_count", "long"}, {"hedged_count", "long"}, {"first_date", "string"},
    {"last_date", "string"},   {"doc_count", "long"},     {"doc_ids", "string"},    {"evidence", "string"},
    {"attributed_to", "string"},
};

// Appends attribute values to `out`, each as `open` ID `middle` VALUE `close`.
class AttributeWriter {
 public:
  AttributeWriter(std::string* out, const char* open, const char* middle, const char* close)
      : s_(*out), open_(open), middle_(middle), close_(close) {}

  void Text(const char* id, std::string_view value);  // XML-escaped
  void Int(const char* id, int64_t value);
  void Double(const char* id, double value);

  // The values of kNodeAttributes / kEdgeAttributes, in that order. The optional ones (aliases, dates,
  // actor code, country, sector and title, event, CAMEO code, quad class, document ids, evidence) are left out when empty. `quad` is QuadClassOf(edge.event,
  // edge.relation).
  void Node(const GraphNode& node, int64_t degree);
  void Edge(const GraphEdge& edge, const EdgeExtras& extras, std::string_view quad);

 private:
  void Open(const char* id) {
    s_ += open_;
    s_ += id;
    s_ += middle_;
  }
  void Close() { s_ += close_; }
  // Nothing for no items; else the items with " | " between them, XML-escaped.
  void List(const char* id, const std::vector<std::string>& items);

  std::string& s_;
  const char* open_;
  const char* middle_;
  const char* close_;
};

// `indent` then `<edge id="e.." source="n.." target="n.."`, the element left open for more attributes.
void AppendEdgeStart(std::string_view indent, const Graph& graph, const GraphEdge& edge, std::string* s);

}  // namespace ag::exporter

#endif  // AG_EXPORT_ATTRIBUTES_H_
