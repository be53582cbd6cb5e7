// GEXF 1.3 writer (Gephi's own format), valid against the GEXF 1.3 RELAX NG schema and the (namespace-
// patched) XSD. The graph is dynamic with timeformat="date" and interval time: a node lives from the first
// to the last date it was seen (`start`/`end`), and an edge has one zero-length spell per distinct date of
// the documents that report it, so Gephi's timeline shows a relation on each day it was in the news and
// a recurring relation comes back on each of its dates. Elements without dates have no time and are always
// shown. The relation is the edge `kind` (Gephi's edge type, which keeps different relations between two
// actors apart) and its `label`; colours and sizes are viz elements. Streams; no DOM.
#include <algorithm>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "export/attributes.h"
#include "export/model.h"
#include "export/output.h"
#include "export/writers.h"

namespace ag::exporter {
namespace {

constexpr char kHeader[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
    "  <meta>\n"
    "    <creator>actorgraph</creator>\n"
    "    <description>Actors and their relations extracted from news articles. Times are document dates: "
    "a node spans the dates it was seen, an edge has a spell on each date a document reports it."
    "</description>\n"
    "  </meta>\n"
    "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\" "
    "timerepresentation=\"interval\">\n";

// The <attributes> declaration of one class ("node" or "edge").
void AppendAttributes(const char* cls, std::span<const Attribute> attributes, std::string* s) {
  *s += "    <attributes class=\"";
  *s += cls;
  *s += "\">\n";
  for (const Attribute& a : attributes) {
    *s += "      <attribute id=\"";
    *s += a.id;
    *s += "\" title=\"";
    *s += a.id;
    *s += "\" type=\"";
    *s += a.type;
    *s += "\"/>\n";
  }
  *s += "    </attributes>\n";
}

class GexfWriter {
 public:
  explicit GexfWriter(OutBuffer& out)
      : out_(out),
        s_(out.str()),
        values_(&out.str(), "          <attvalue for=\"", "\" value=\"", "\"/>\n") {}

  void Node(const GraphNode& node, int64_t degree) {
    s_ += "      <node id=\"";
    AppendNodeId(node, &s_);
    s_ += "\" label=\"";
    AppendXmlToken(node.name, &s_);
    s_ += '"';
    TimeAttribute(" start=\"", node.first_seen);
    TimeAttribute(" end=\"", node.last_seen);
    s_ += ">\n        <attvalues>\n";
    values_.Node(node, degree);
    s_ += "        </attvalues>\n";
    Colour(TypeColour(node.type));
    s_ += "        <viz:size value=\"";
    AppendDouble(NodeSize(degree), &s_);
    s_ += "\"/>\n      </node>\n";
    out_.MaybeFlush();
  }

  void Edge(const Graph& graph, const GraphEdge& edge, const EdgeExtras& extras) {
    AppendEdgeStart("      ", graph, edge, &s_);
    s_ += " kind=\"";
    AppendXmlToken(edge.relation, &s_);
    s_ += "\" label=\"";
    AppendXmlToken(edge.relation, &s_);
    s_ += "\" weight=\"";
    AppendDouble(ExportWeight(edge.weight), &s_);
    s_ += "\">\n        <attvalues>\n";
    std::string_view quad = QuadClassOf(edge.event, edge.relation);
    values_.Edge(edge, extras, quad);
    s_ += "        </attvalues>\n";
    // One spell per distinct calendar date (two store dates can share one, e.g. a date and a datetime).
    spell_dates_.clear();
    for (const std::string& d : extras.dates) {
      std::string day = CalendarDate(d);
      if (!day.empty()) spell_dates_.push_back(std::move(day));
    }
    std::sort(spell_dates_.begin(), spell_dates_.end());
    spell_dates_.erase(std::unique(spell_dates_.begin(), spell_dates_.end()), spell_dates_.end());
    if (!spell_dates_.empty()) {
      s_ += "        <spells>\n";
      for (const std::string& day : spell_dates_) {
        s_ += "          <spell start=\"";
        s_ += day;
        s_ += "\" end=\"";
        s_ += day;
        s_ += "\"/>\n";
      }
      s_ += "        </spells>\n";
    }
    Colour(QuadColour(quad));
    s_ += "      </edge>\n";
    out_.MaybeFlush();
  }

 private:
  void TimeAttribute(const char* open, const std::string& date) {
    std::string day = CalendarDate(date);
    if (day.empty()) return;
    s_ += open;
    s_ += day;
    s_ += '"';
  }
  void Colour(Rgb c) {
    s_ += "        <viz:color r=\"";
    AppendInt(c.r, &s_);
    s_ += "\" g=\"";
    AppendInt(c.g, &s_);
    s_ += "\" b=\"";
    AppendInt(c.b, &s_);
    s_ += "\"/>\n";
  }

  OutBuffer& out_;
  std::string& s_;
  AttributeWriter values_;  // <attvalue for="ID" value="VALUE"/>
  std::vector<std::string> spell_dates_;
};

}  // namespace

Status WriteGexf(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                 std::ostream& out) {
  OutBuffer buf(out);
  buf << kHeader;
  AppendAttributes("node", kNodeAttributes, &buf.str());
  AppendAttributes("edge", kEdgeAttributes, &buf.str());
  GexfWriter writer(buf);
  buf << "    <nodes count=\"";
  AppendInt(static_cast<int64_t>(sel.nodes.size()), &buf.str());
  buf << "\">\n";
  for (NodeIndex n : sel.nodes) writer.Node(graph.node(n), sel.degree[n]);
  buf << "    </nodes>\n    <edges count=\"";
  AppendInt(static_cast<int64_t>(sel.edges.size()), &buf.str());
  buf << "\">\n";
  AG_RETURN_IF_ERROR(VisitEdges(graph, store, sel, options, [&](EdgeIndex e, const EdgeExtras& extras) {
    writer.Edge(graph, graph.edge(e), extras);
  }));
  buf << "    </edges>\n  </graph>\n</gexf>\n";
  return buf.Finish();
}

}  // namespace ag::exporter
