// The graph engine's construction and shared pieces: Graph::Load from the Store's bulk scan, the CSR
// graph and its attribute vectors, the per-thread marks, search budgets and compiled filters. The searches
// themselves are in neighbors.cc and paths.cc. See csr_graph.h.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <exception>
#include <limits>
#include <new>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>

#include "actorgraph/graph.h"
#include "graph/csr_graph.h"
#include "graph/graph_impl.h"
#include "util/strings.h"

namespace ag {

Result<Direction> ParseDirection(const std::string& name) {
  std::string key = AsciiLower(name);
  if (key == "out") return Direction::kOut;
  if (key == "in") return Direction::kIn;
  if (key == "both") return Direction::kBoth;
  return Status::InvalidArgument("unknown direction \"" + name + "\"; expected out, in or both");
}

namespace graph {

Marks<int32_t>& IntMarks(MarkSlot slot, size_t num_nodes) {
  thread_local Marks<int32_t> marks[kNumSlots];
  marks[slot].Reset(num_nodes);
  return marks[slot];
}

Marks<double>& CostMarks(MarkSlot slot, size_t num_nodes) {
  thread_local Marks<double> marks[kNumSlots];
  marks[slot].Reset(num_nodes);
  return marks[slot];
}

Budget::Budget(const SearchLimits& limits, std::string what)
    : max_expanded_(limits.max_expanded), timeout_ms_(limits.timeout_ms), what_(std::move(what)) {
  if (timeout_ms_ > 0) deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
}

bool Budget::Exceeded(bool timeout) {
  if (status_.ok()) {
    status_ = timeout ? Status::ResourceLimit(what_ + " took longer than " + std::to_string(timeout_ms_) +
                                              " ms (timeout)")
                      : Status::ResourceLimit(what_ + " expanded more than " + std::to_string(max_expanded_) +
                                              " nodes (max_expanded)");
  }
  return false;
}

CompiledFilter::CompiledFilter(const CsrGraph& graph, const GraphFilter& filter, NodeIndex exempt_a,
                               NodeIndex exempt_b)
    : graph_(graph), exempt_a_(exempt_a), exempt_b_(exempt_b) {
  all_ = filter.AllowsAll();
  if (all_) return;
  auto codes = [](const std::vector<std::string>& vocabulary, const std::vector<std::string>& wanted) {
    std::vector<bool> ok(vocabulary.size(), false);
    for (const std::string& w : wanted) {
      const std::string key = AsciiLower(w);
      for (size_t i = 0; i < vocabulary.size(); ++i)
        if (AsciiLower(vocabulary[i]) == key) ok[i] = true;
    }
    return ok;
  };
  if (!filter.relations.empty()) relation_ok_ = codes(graph.relation_names(), filter.relations);
  if (!filter.events.empty()) {
    event_ok_ = codes(graph.event_names(), filter.events);
    event_ok_.insert(event_ok_.begin(), false);  // code 0: no event
  }
  since_ = filter.since;
  until_ = filter.until;
  min_weight_ = filter.min_weight;
  edges_all_ = filter.relations.empty() && filter.events.empty() && since_.empty() && until_.empty() &&
               min_weight_ <= 0;
  nodes_all_ = filter.node_types.empty();
  for (EntityType t : filter.node_types) {
    int i = static_cast<int>(t);
    if (i >= 0 && i < 8) type_ok_[i] = true;
  }
}

bool CompiledFilter::EdgeOk(EdgeIndex e) const {
  if (edges_all_) return true;
  if (!relation_ok_.empty() && !relation_ok_[graph_.relation_code(e)]) return false;
  if (!event_ok_.empty() && !event_ok_[graph_.event_code(e)]) return false;
  const GraphEdge& edge = graph_.edge(e);
  if (min_weight_ > 0 && !(edge.weight >= min_weight_)) return false;
  if (!since_.empty()) {
    if (edge.last_date.empty() || edge.last_date.compare(0, since_.size(), since_) < 0) return false;
  }
  if (!until_.empty()) {
    if (edge.first_date.empty() || edge.first_date.compare(0, until_.size(), until_) > 0) return false;
  }
  return true;
}

bool CompiledFilter::NodeOk(NodeIndex v) const {
  if (nodes_all_ || v == exempt_a_ || v == exempt_b_) return true;
  int t = static_cast<int>(graph_.node(v).type);
  return t >= 0 && t < 8 && type_ok_[t];
}

namespace {

// Distinct names sorted, and each item's index into them.
void Intern(const std::vector<GraphEdge>& edges, std::string GraphEdge::*field, bool skip_empty,
            std::vector<std::string>* names, std::vector<uint32_t>* codes) {
  std::unordered_map<std::string, uint32_t> first_seen;
  std::vector<uint32_t> raw(edges.size());
  std::vector<std::string> seen;
  for (size_t i = 0; i < edges.size(); ++i) {
    const std::string& name = edges[i].*field;
    if (skip_empty && name.empty()) {
      raw[i] = std::numeric_limits<uint32_t>::max();
      continue;
    }
    auto [it, inserted] = first_seen.try_emplace(name, static_cast<uint32_t>(seen.size()));
    if (inserted) seen.push_back(name);
    raw[i] = it->second;
  }
  std::vector<uint32_t> order(seen.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return seen[a] < seen[b]; });
  std::vector<uint32_t> rank(seen.size());
  names->clear();
  for (uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    names->push_back(seen[order[r]]);
  }
  const uint32_t offset = skip_empty ? 1 : 0;  // events: code 0 is "no event"
  codes->resize(edges.size());
  for (size_t i = 0; i < edges.size(); ++i)
    (*codes)[i] = raw[i] == std::numeric_limits<uint32_t>::max() ? 0 : rank[raw[i]] + offset;
}

}  // namespace

CsrGraph::CsrGraph(std::vector<GraphNode> nodes, std::vector<GraphEdge> edges)
    : nodes_(std::move(nodes)), edges_(std::move(edges)) {
  assert(nodes_.size() < std::numeric_limits<NodeIndex>::max());
  assert(edges_.size() < std::numeric_limits<EdgeIndex>::max());
  auto endpoints = [](const GraphEdge& e) { return std::pair<NodeIndex, NodeIndex>(e.source, e.target); };
  auto edge_id = [](EdgeIndex i) { return EdgeId{i}; };
  csr_ = Csr(boost::edges_are_unsorted_multi_pass, boost::make_transform_iterator(edges_.cbegin(), endpoints),
             boost::make_transform_iterator(edges_.cend(), endpoints),
             boost::make_transform_iterator(boost::counting_iterator<EdgeIndex>(0), edge_id),
             static_cast<NodeIndex>(nodes_.size()));

  for (size_t i = 1; i < nodes_.size() && sorted_by_entity_; ++i)
    sorted_by_entity_ = nodes_[i - 1].entity_id < nodes_[i].entity_id;
  if (!sorted_by_entity_) {
    entity_index_.reserve(nodes_.size());
    for (NodeIndex i = 0; i < nodes_.size(); ++i) entity_index_.emplace_back(nodes_[i].entity_id, i);
    std::stable_sort(entity_index_.begin(), entity_index_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  Intern(edges_, &GraphEdge::relation, false, &relation_names_, &relation_code_);
  Intern(edges_, &GraphEdge::event, true, &event_names_, &event_code_);
}

std::optional<NodeIndex> CsrGraph::NodeOfEntity(int64_t entity_id) const {
  if (sorted_by_entity_) {
    auto it = std::lower_bound(nodes_.begin(), nodes_.end(), entity_id,
                               [](const GraphNode& n, int64_t id) { return n.entity_id < id; });
    if (it == nodes_.end() || it->entity_id != entity_id) return std::nullopt;
    return static_cast<NodeIndex>(it - nodes_.begin());
  }
  auto it = std::lower_bound(entity_index_.begin(), entity_index_.end(), entity_id,
                             [](const auto& p, int64_t id) { return p.first < id; });
  if (it == entity_index_.end() || it->first != entity_id) return std::nullopt;
  return it->second;
}

std::vector<EdgeIndex> CsrGraph::IncidentEdges(NodeIndex v, Direction direction) const {
  std::vector<EdgeIndex> out;
  if (v >= nodes_.size()) return out;
  ForEachIncident(v, direction, [&](NodeIndex, EdgeIndex e) {
    out.push_back(e);
    return true;
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<EdgeIndex> CsrGraph::Edges(std::optional<NodeIndex> source, std::optional<NodeIndex> target,
                                       const GraphFilter& filter) const {
  std::vector<EdgeIndex> out;
  if ((source && *source >= nodes_.size()) || (target && *target >= nodes_.size())) return out;
  constexpr NodeIndex kNone = std::numeric_limits<NodeIndex>::max();
  const CompiledFilter f(*this, filter, source.value_or(kNone), target.value_or(kNone));
  auto keep = [&](EdgeIndex e) {
    const GraphEdge& edge = edges_[e];
    return (!source || edge.source == *source) && (!target || edge.target == *target) && f.EdgeOk(e) &&
           f.NodeOk(edge.source) && f.NodeOk(edge.target);
  };
  if (source || target) {
    const bool by_source = source && (!target || Degree(*source, Direction::kOut) <= Degree(*target, Direction::kIn));
    ForEachIncident(by_source ? *source : *target, by_source ? Direction::kOut : Direction::kIn,
                    [&](NodeIndex, EdgeIndex e) {
                      if (keep(e)) out.push_back(e);
                      return true;
                    });
    std::sort(out.begin(), out.end());
    return out;
  }
  for (EdgeIndex e = 0; e < edges_.size(); ++e)
    if (keep(e)) out.push_back(e);
  return out;
}

std::unique_ptr<Graph> BuildGraph(std::vector<GraphNode> nodes, std::vector<GraphEdge> edges) {
#ifndef NDEBUG
  for (const GraphEdge& e : edges) assert(e.source < nodes.size() && e.target < nodes.size());
#endif
  return std::make_unique<CsrGraph>(std::move(nodes), std::move(edges));
}

}  // namespace graph

// Entity ids map to nodes through a dense table when the ids are dense (the usual case: SQLite rowids
// that only grow), else through a binary search; either way a million relations resolve their ends
// without hashing.
Result<std::unique_ptr<Graph>> Graph::Load(Store& store) {
  try {
    constexpr size_t kMaxCount = std::numeric_limits<uint32_t>::max() - 1;
    constexpr NodeIndex kNone = std::numeric_limits<NodeIndex>::max();
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    std::vector<NodeIndex> dense;  // entity id -> node, when built
    std::vector<std::pair<int64_t, NodeIndex>> index;  // (entity id, node) when ids are sparse
    bool mapped = false;
    auto map_ids = [&] {
      if (mapped) return;
      mapped = true;
      int64_t max_id = 0;
      for (const GraphNode& n : nodes) max_id = std::max(max_id, n.entity_id);
      if (!nodes.empty() && nodes.front().entity_id >= 0 &&
          max_id <= 4 * static_cast<int64_t>(nodes.size()) + 1024) {
        dense.assign(static_cast<size_t>(max_id) + 1, kNone);
        for (NodeIndex i = 0; i < nodes.size(); ++i)
          if (nodes[i].entity_id >= 0) dense[static_cast<size_t>(nodes[i].entity_id)] = i;
        return;
      }
      index.reserve(nodes.size());
      for (NodeIndex i = 0; i < nodes.size(); ++i) index.emplace_back(nodes[i].entity_id, i);
      std::sort(index.begin(), index.end());
    };
    auto node_of = [&](int64_t id) -> NodeIndex {
      if (!dense.empty()) return id >= 0 && static_cast<size_t>(id) < dense.size() ? dense[id] : kNone;
      auto it = std::lower_bound(index.begin(), index.end(), std::pair<int64_t, NodeIndex>(id, 0));
      return it == index.end() || it->first != id ? kNone : it->second;
    };

    Status failure;
    std::vector<std::tuple<NodeIndex, int64_t, std::string>> aliases;  // (node, count, alias)
    Store::GraphScan scan;
    scan.sizes = [&](int64_t max_entities, int64_t max_relations) {
      nodes.reserve(static_cast<size_t>(std::clamp<int64_t>(max_entities, 0, 1 << 26)));
      edges.reserve(static_cast<size_t>(std::clamp<int64_t>(max_relations, 0, 1 << 26)));
    };
    scan.entity = [&](const EntityRecord& e) {
      if (!failure.ok()) return;
      if (nodes.size() >= kMaxCount) {
        failure = Status::ResourceLimit("the store has more entities than the graph can hold (" +
                                        std::to_string(kMaxCount) + ")");
        return;
      }
      GraphNode& n = nodes.emplace_back();
      n.entity_id = e.id;
      n.name = e.name;
      n.type = e.type;
      n.mention_count = e.mention_count;
      n.first_seen = e.first_seen;
      n.last_seen = e.last_seen;
      n.code = e.code;
      n.country = e.country;
      n.sector = e.sector;
      n.title = e.title;
    };
    scan.alias = [&](int64_t entity_id, const std::string& alias, int64_t count) {
      if (!failure.ok()) return;
      map_ids();
      NodeIndex n = node_of(entity_id);
      if (n == kNone || nodes[n].name == alias) return;
      aliases.emplace_back(n, count, alias);
    };
    scan.relation = [&](const RelationRecord& r) {
      if (!failure.ok()) return;
      map_ids();
      NodeIndex source = node_of(r.source_id), target = node_of(r.target_id);
      if (source == kNone || target == kNone) {
        failure = Status::Corruption("relation " + std::to_string(r.id) + " refers to unknown entity " +
                                     std::to_string(source != kNone ? r.target_id : r.source_id));
        return;
      }
      if (edges.size() >= kMaxCount) {
        failure = Status::ResourceLimit("the store has more relations than the graph can hold (" +
                                        std::to_string(kMaxCount) + ")");
        return;
      }
      GraphEdge& e = edges.emplace_back();
      e.relation_id = r.id;
      e.source = source;
      e.target = target;
      e.relation = r.relation;
      e.event = r.event;
      e.cameo = r.cameo;
      e.weight = r.weight;
      e.count = r.count;
      e.negated_count = r.negated_count;
      e.planned_count = r.planned_count;
      e.hedged_count = r.hedged_count;
      e.first_date = r.first_date;
      e.last_date = r.last_date;
    };
    AG_RETURN_IF_ERROR(store.ScanForGraph(scan).WithPrefix("loading the graph"));
    AG_RETURN_IF_ERROR(failure);

    // Most frequent surface form first, then alphabetical.
    std::sort(aliases.begin(), aliases.end(), [](const auto& a, const auto& b) {
      if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
      if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) > std::get<1>(b);
      return std::get<2>(a) < std::get<2>(b);
    });
    for (auto& [n, count, alias] : aliases) nodes[n].aliases.push_back(std::move(alias));
    dense = {};
    index = {};
    return graph::BuildGraph(std::move(nodes), std::move(edges));
  } catch (const std::bad_alloc&) {
    return Status::ResourceLimit("out of memory while loading the graph");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("loading the graph: ") + e.what());
  }
}

}  // namespace ag
