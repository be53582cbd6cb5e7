// What the writers export (see model.h): the checked selection, the Store-side extras joined to it in id
// order, and the shared ids, colours, sizes, quad classes and dates.
#include "export/model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "export/output.h"

namespace ag::exporter {
namespace {

// Below both limits a selection reads its edges' extras edge by edge (indexed lookups); above either, one
// bulk scan of the whole evidence table is cheaper than that many lookups.
constexpr size_t kMaxPointLookups = 2000;
constexpr size_t kPointLookupFraction = 16;  // point lookups only for less than 1/16 of the graph

// Up to this many evidence rows per relation, repeated documents are found by a linear scan.
constexpr size_t kLinearDocScan = 32;

bool UsePointLookups(size_t selected, size_t total) {
  return selected <= kMaxPointLookups && selected * kPointLookupFraction < total;
}

// One evidence row, as much of it as the extras need.
struct Row {
  std::string date;
  std::string doc_id;
  std::string sentence;
  std::string attributed_to;
};

// Fills `extras` from one relation's rows, given in storage order (or any order whose rows of equal date
// are in storage order). Reorders `rows`.
void Summarize(std::vector<Row>& rows, size_t count, const ExportOptions& options, EdgeExtras* extras) {
  extras->doc_ids.clear();
  extras->dates.clear();
  extras->evidence.clear();
  extras->attributed_to.clear();
  extras->doc_count = 0;
  auto begin = rows.begin(), end = rows.begin() + static_cast<std::ptrdiff_t>(count);
  // Earliest first: dated rows by date, then undated ones; storage order among equals.
  std::stable_sort(begin, end, [](const Row& a, const Row& b) {
    if (a.date.empty() != b.date.empty()) return b.date.empty();
    return a.date < b.date;
  });
  const size_t max_docs = options.max_doc_ids > 0 ? static_cast<size_t>(options.max_doc_ids)
                                                  : std::numeric_limits<size_t>::max();
  // Most relations have a few rows: a linear scan for repeated documents beats hashing there.
  const bool hash = count > kLinearDocScan;
  std::vector<std::string_view> seen_list;
  std::unordered_set<std::string_view> seen_set;
  auto first_time = [&](std::string_view doc) {
    if (hash) return seen_set.insert(doc).second;
    if (std::find(seen_list.begin(), seen_list.end(), doc) != seen_list.end()) return false;
    seen_list.push_back(doc);
    return true;
  };
  for (auto it = begin; it != end; ++it) {
    if (extras->evidence.empty() && !it->sentence.empty()) extras->evidence = it->sentence;
    if (!it->attributed_to.empty() && std::find(extras->attributed_to.begin(), extras->attributed_to.end(),
                                                it->attributed_to) == extras->attributed_to.end())
      extras->attributed_to.push_back(it->attributed_to);
    if (!it->date.empty() && (extras->dates.empty() || extras->dates.back() != it->date))
      extras->dates.push_back(it->date);  // sorted, so equal dates are adjacent
    if (first_time(it->doc_id)) {
      ++extras->doc_count;
      if (extras->doc_ids.size() < max_docs) extras->doc_ids.push_back(it->doc_id);
    }
  }
}

void AssignRow(const EvidenceRecord& ev, std::vector<Row>* rows, size_t* count) {
  if (*count == rows->size()) rows->emplace_back();
  Row& row = (*rows)[(*count)++];
  row.date.assign(ev.date);
  row.doc_id.assign(ev.doc_id);
  row.sentence.assign(ev.sentence_text);
  row.attributed_to.assign(ev.attributed_to);
}

bool IncreasingRelationIds(const Graph& graph, const std::vector<EdgeIndex>& edges) {
  for (size_t i = 1; i < edges.size(); ++i)
    if (graph.edge(edges[i - 1]).relation_id >= graph.edge(edges[i]).relation_id) return false;
  return true;
}

}  // namespace

Result<Selection> Select(const Graph& graph, const GraphSelection& selection) {
  Selection sel;
  const size_t n = graph.num_nodes(), m = graph.num_edges();
  if (selection.all) {
    sel.nodes.resize(n);
    for (size_t i = 0; i < n; ++i) sel.nodes[i] = static_cast<NodeIndex>(i);
    sel.edges.resize(m);
    for (size_t i = 0; i < m; ++i) sel.edges[i] = static_cast<EdgeIndex>(i);
  } else {
    sel.nodes = selection.nodes;
    sel.edges = selection.edges;
    std::sort(sel.nodes.begin(), sel.nodes.end());
    sel.nodes.erase(std::unique(sel.nodes.begin(), sel.nodes.end()), sel.nodes.end());
    std::sort(sel.edges.begin(), sel.edges.end());
    sel.edges.erase(std::unique(sel.edges.begin(), sel.edges.end()), sel.edges.end());
    if (!sel.nodes.empty() && sel.nodes.back() >= n)
      return Status::InvalidArgument("export selection: node index " + std::to_string(sel.nodes.back()) +
                                     " is outside the graph (" + std::to_string(n) + " nodes)");
    if (!sel.edges.empty() && sel.edges.back() >= m)
      return Status::InvalidArgument("export selection: edge index " + std::to_string(sel.edges.back()) +
                                     " is outside the graph (" + std::to_string(m) + " edges)");
    for (EdgeIndex e : sel.edges) {
      const GraphEdge& edge = graph.edge(e);
      for (NodeIndex end : {edge.source, edge.target}) {
        if (!std::binary_search(sel.nodes.begin(), sel.nodes.end(), end))
          return Status::InvalidArgument("export selection: edge e" + std::to_string(edge.relation_id) +
                                         " (" + edge.relation + ") ends at \"" + graph.node(end).name +
                                         "\", which is not among the selected nodes");
      }
    }
  }
  sel.degree.assign(n, 0);
  for (EdgeIndex e : sel.edges) {
    ++sel.degree[graph.edge(e).source];
    ++sel.degree[graph.edge(e).target];
  }
  return sel;
}

Status VisitEdges(const Graph& graph, Store& store, const Selection& sel, const ExportOptions& options,
                  const std::function<void(EdgeIndex, const EdgeExtras&)>& fn) {
  EdgeExtras extras;
  std::vector<Row> rows;
  size_t count = 0;
  const std::vector<EdgeIndex>& edges = sel.edges;
  if (UsePointLookups(edges.size(), graph.num_edges()) || !IncreasingRelationIds(graph, edges)) {
    for (EdgeIndex e : edges) {
      count = 0;
      Result<std::vector<EvidenceRecord>> evidence = store.EvidenceOf(graph.edge(e).relation_id, 0);
      if (!evidence.ok()) return evidence.status();
      for (const EvidenceRecord& ev : *evidence) AssignRow(ev, &rows, &count);
      Summarize(rows, count, options, &extras);
      fn(e, extras);
    }
    return Status::OK();
  }
  size_t pos = 0;
  int64_t current = -1;
  EdgeExtras none;
  auto relation_at = [&](size_t i) { return graph.edge(edges[i]).relation_id; };
  auto finish_current = [&] {
    if (current >= 0 && pos < edges.size() && relation_at(pos) == current) {
      Summarize(rows, count, options, &extras);
      fn(edges[pos++], extras);
    }
    count = 0;
  };
  Status scan = store.ForEachEvidence([&](int64_t relation_id, const EvidenceRecord& ev) {
    if (relation_id != current) {
      finish_current();
      while (pos < edges.size() && relation_at(pos) < relation_id) fn(edges[pos++], none);
      current = relation_id;
    }
    if (pos < edges.size() && relation_at(pos) == relation_id) AssignRow(ev, &rows, &count);
  });
  AG_RETURN_IF_ERROR(scan);
  finish_current();
  while (pos < edges.size()) fn(edges[pos++], none);
  return Status::OK();
}

void AppendNodeId(const GraphNode& node, std::string* out) {
  out->push_back('n');
  AppendInt(node.entity_id, out);
}

void AppendEdgeId(const GraphEdge& edge, std::string* out) {
  out->push_back('e');
  AppendInt(edge.relation_id, out);
}

Rgb TypeColour(EntityType type) {
  switch (type) {  // Tableau 10: distinct for the colour-blind, readable on white
    case EntityType::kPerson: return {31, 119, 180};
    case EntityType::kOrg: return {255, 127, 14};
    case EntityType::kGpe: return {44, 160, 44};
    case EntityType::kLoc: return {148, 103, 189};
    case EntityType::kNorp: return {214, 39, 40};
    case EntityType::kOther: return {127, 127, 127};
    case EntityType::kGroup: return {140, 86, 75};
  }
  return {127, 127, 127};
}

Rgb QuadColour(std::string_view quad_class) {
  if (quad_class == "verbal cooperation") return {116, 196, 118};
  if (quad_class == "material cooperation") return {35, 139, 69};
  if (quad_class == "verbal conflict") return {253, 141, 60};
  if (quad_class == "material conflict") return {203, 24, 29};
  return {150, 150, 150};
}

std::string HexColour(Rgb c) {
  static const char kHex[] = "0123456789abcdef";
  std::string s = "#";
  for (int v : {c.r, c.g, c.b}) {
    s.push_back(kHex[(v >> 4) & 15]);
    s.push_back(kHex[v & 15]);
  }
  return s;
}

double NodeSize(int64_t degree) {
  return std::round(100.0 * (10.0 + 5.0 * std::sqrt(static_cast<double>(degree)))) / 100.0;
}

double ExportWeight(double weight) { return std::isfinite(weight) && weight > 0 ? weight : 1e-9; }

std::string_view QuadClassOf(std::string_view event, std::string_view relation) {
  static constexpr std::string_view kVerbalCoop = "verbal cooperation";
  static constexpr std::string_view kMaterialCoop = "material cooperation";
  static constexpr std::string_view kVerbalConflict = "verbal conflict";
  static constexpr std::string_view kMaterialConflict = "material conflict";
  static constexpr std::pair<std::string_view, std::string_view> kTable[] = {
      {"AGREE", kVerbalCoop},         {"CONSULT", kVerbalCoop},        {"SUPPORT", kVerbalCoop},
      {"REQUEST", kVerbalCoop},       {"COOPERATE", kMaterialCoop},    {"AID", kMaterialCoop},
      {"RETREAT", kMaterialCoop},     {"CONCEDE", kMaterialCoop},      {"DEMAND", kVerbalConflict},
      {"ACCUSE", kVerbalConflict},    {"DISAPPROVE", kVerbalConflict}, {"THREATEN", kVerbalConflict},
      {"REJECT", kVerbalConflict},    {"PROTEST", kVerbalConflict},    {"INVESTIGATE", kVerbalConflict},
      {"SANCTION", kMaterialConflict}, {"MOBILIZE", kMaterialConflict}, {"COERCE", kMaterialConflict},
      {"ASSAULT", kMaterialConflict}, {"FIGHT", kMaterialConflict},
  };
  if (event == "CONCEDE" &&
      (relation == "apologize" || relation == "apologise" || relation == "concede"))
    return kVerbalCoop;
  for (const auto& [name, quad] : kTable)
    if (name == event) return quad;
  return {};
}

std::string CalendarDate(std::string_view d) {
  auto digits = [&](size_t from, size_t n) {
    if (d.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
      if (d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4)) return {};
  std::string out(d.substr(0, 4));
  if (d.size() == 4) return out + "-01-01";
  if (d[4] != '-' || !digits(5, 2)) return {};
  out.append(d.substr(4, 3));
  if (d.size() == 7) return out + "-01";
  if (d[7] != '-' || !digits(8, 2)) return {};
  if (d.size() > 10 && d[10] != 'T' && d[10] != ' ') return {};
  out.append(d.substr(7, 3));
  return out;
}

}  // namespace ag::exporter
