// The graph engine: a Boost compressed_sparse_row_graph (bidirectional, so in-edges are as cheap as
// out-edges) over dense node indexes, with the node and edge attributes kept in plain vectors beside it.
// Each CSR edge carries its EdgeIndex, so parallel edges stay distinct. Queries keep their per-node marks
// in epoch-stamped, thread-local scratch arrays, so a query costs what it visits rather than O(nodes), and
// a const Graph may be queried from several threads at once.
//
// The traversals are written as explicit layer-by-layer loops over Boost's out_edges/in_edges rather than
// boost::breadth_first_search: both need to stop at a depth, "both" directions has no Boost view of a
// bidirectional graph, and the bidirectional path search alternates two frontiers; a visitor could only
// express those by throwing to stop, which is slower and harder to read.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <exception>
#include <limits>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>

#include "actorgraph/graph.h"
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
namespace {

struct EdgeId {
  EdgeIndex id = 0;
};

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeId,
                                               boost::no_property, NodeIndex, EdgeIndex>;

Direction Reverse(Direction d) {
  switch (d) {
    case Direction::kOut: return Direction::kIn;
    case Direction::kIn: return Direction::kOut;
    case Direction::kBoth: return Direction::kBoth;
  }
  return d;
}

// Per-node int32 marks that reset in O(1): a slot is set when its stamp equals the current epoch. One set of
// arrays per thread and slot, grown to the largest graph seen, so queries allocate nothing per node.
class Marks {
 public:
  void Reset(size_t num_nodes) {
    if (stamp_.size() < num_nodes) {
      stamp_.assign(num_nodes, 0);
      value_.resize(num_nodes);
      epoch_ = 0;
    }
    if (++epoch_ == 0) {  // wrapped after 2^32 queries: clear for real once
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
  }
  bool Has(NodeIndex v) const { return stamp_[v] == epoch_; }
  int32_t Get(NodeIndex v) const { return stamp_[v] == epoch_ ? value_[v] : -1; }  // -1 when unset
  void Set(NodeIndex v, int32_t value) {
    stamp_[v] = epoch_;
    value_[v] = value;
  }

 private:
  std::vector<uint32_t> stamp_;
  std::vector<int32_t> value_;
  uint32_t epoch_ = 0;
};

enum MarkSlot { kForward = 0, kBackward = 1, kOnPath = 2, kNumSlots = 3 };

Marks& ThreadMarks(MarkSlot slot, size_t num_nodes) {
  thread_local Marks marks[kNumSlots];
  marks[slot].Reset(num_nodes);
  return marks[slot];
}

class CsrGraph final : public Graph {
 public:
  CsrGraph(std::vector<GraphNode> nodes, std::vector<GraphEdge> edges)
      : nodes_(std::move(nodes)), edges_(std::move(edges)) {
    assert(nodes_.size() < std::numeric_limits<NodeIndex>::max());
    assert(edges_.size() < std::numeric_limits<EdgeIndex>::max());
    auto endpoints = [](const GraphEdge& e) { return std::pair<NodeIndex, NodeIndex>(e.source, e.target); };
    auto edge_id = [](EdgeIndex i) { return EdgeId{i}; };
    csr_ = Csr(boost::edges_are_unsorted_multi_pass,
               boost::make_transform_iterator(edges_.cbegin(), endpoints),
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
  }

  size_t num_nodes() const override { return nodes_.size(); }
  size_t num_edges() const override { return edges_.size(); }
  const GraphNode& node(NodeIndex i) const override { return nodes_[i]; }
  const GraphEdge& edge(EdgeIndex i) const override { return edges_[i]; }

  std::optional<NodeIndex> NodeOfEntity(int64_t entity_id) const override {
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

  Result<Neighborhood> Neighbors(NodeIndex start, const NeighborOptions& options) const override;
  Result<std::vector<Path>> ShortestPaths(NodeIndex from, NodeIndex to,
                                          const PathOptions& options) const override;

 private:
  // Calls fn(other_node, edge_index) for each edge at `v` that a walk in direction `dir` may follow; stops
  // early and returns false when fn returns false. With kBoth a self-loop is seen twice.
  template <typename Fn>
  bool ForEachIncident(NodeIndex v, Direction dir, Fn&& fn) const {
    if (dir != Direction::kIn) {
      auto [it, end] = boost::out_edges(v, csr_);
      for (; it != end; ++it)
        if (!fn(boost::target(*it, csr_), csr_[*it].id)) return false;
    }
    if (dir != Direction::kOut) {
      auto [it, end] = boost::in_edges(v, csr_);
      for (; it != end; ++it)
        if (!fn(boost::source(*it, csr_), csr_[*it].id)) return false;
    }
    return true;
  }

  size_t Degree(NodeIndex v, Direction dir) const {
    size_t d = 0;
    if (dir != Direction::kIn) d += boost::out_degree(v, csr_);
    if (dir != Direction::kOut) d += boost::in_degree(v, csr_);
    return d;
  }

  std::string NameOf(NodeIndex v) const { return "\"" + nodes_[v].name + "\""; }

  std::vector<GraphNode> nodes_;
  std::vector<GraphEdge> edges_;
  Csr csr_;
  bool sorted_by_entity_ = true;
  std::vector<std::pair<int64_t, NodeIndex>> entity_index_;  // only when nodes_ is not sorted by entity id
};

Result<Neighborhood> CsrGraph::Neighbors(NodeIndex start, const NeighborOptions& options) const {
  if (start >= nodes_.size())
    return Status::InvalidArgument("node " + std::to_string(start) + " is not in the graph");
  if (options.depth < 0)
    return Status::InvalidArgument("depth must be >= 0, got " + std::to_string(options.depth));
  auto too_many = [&] {
    return Status::ResourceLimit("the neighbourhood of " + NameOf(start) + " within depth " +
                                 std::to_string(options.depth) + " has more than " +
                                 std::to_string(options.max_nodes) + " nodes (max_nodes)");
  };
  if (options.max_nodes < 1) return too_many();

  Marks& depth_of = ThreadMarks(kForward, nodes_.size());
  Neighborhood result;
  result.nodes.emplace_back(start, 0);
  depth_of.Set(start, 0);
  const auto max_nodes = static_cast<uint64_t>(options.max_nodes);
  size_t layer_begin = 0;
  for (int depth = 1; depth <= options.depth; ++depth) {
    const size_t layer_end = result.nodes.size();
    if (layer_begin == layer_end) break;
    for (size_t i = layer_begin; i < layer_end; ++i) {
      bool within = ForEachIncident(result.nodes[i].first, options.direction, [&](NodeIndex w, EdgeIndex) {
        if (depth_of.Has(w)) return true;
        depth_of.Set(w, depth);
        result.nodes.emplace_back(w, depth);
        return result.nodes.size() <= max_nodes;
      });
      if (!within) return too_many();
    }
    std::sort(result.nodes.begin() + static_cast<ptrdiff_t>(layer_end), result.nodes.end());
    layer_begin = layer_end;
  }

  // Every edge with both ends inside; scanning out-edges only sees each edge once.
  for (const auto& [v, depth] : result.nodes) {
    auto [it, end] = boost::out_edges(v, csr_);
    for (; it != end; ++it)
      if (depth_of.Has(boost::target(*it, csr_))) result.edges.push_back(csr_[*it].id);
  }
  std::sort(result.edges.begin(), result.edges.end());
  return result;
}

// Bidirectional breadth-first search, then enumeration of the shortest-path DAG.
//
// The two searches expand whole layers, the cheaper frontier first. Forward labels dF are exact for nodes
// within A hops of `from`, backward labels dB exact within B hops of `to`. Before the last expansion no node
// had both labels, so the distance d > A + B - 1; the first expansion that labels a node already labelled
// by the other side gives d = A + B, and the nodes with both labels (dF = A, dB = B) are exactly the
// position-A nodes of the shortest paths. Marking their forward-layer ancestors ("on path") leaves a DAG
// with no dead ends: positions < A step along on-path nodes with dF + 1, positions >= A along nodes with
// dB - 1 (every backward-labelled node has a BFS parent one closer to `to`). A depth-first walk that tries
// (next node, edge index) in ascending order then yields the paths in lexicographic order, so the first
// max_paths are deterministic.
Result<std::vector<Path>> CsrGraph::ShortestPaths(NodeIndex from, NodeIndex to,
                                                  const PathOptions& options) const {
  if (from >= nodes_.size() || to >= nodes_.size())
    return Status::InvalidArgument("node " + std::to_string(std::max(from, to)) + " is not in the graph");
  if (options.max_hops < 1)
    return Status::InvalidArgument("max_hops must be >= 1, got " + std::to_string(options.max_hops));
  if (options.max_paths < 1)
    return Status::InvalidArgument("max_paths must be >= 1, got " + std::to_string(options.max_paths));
  std::vector<Path> paths;
  if (from == to) {
    paths.push_back(Path{{from}, {}});
    return paths;
  }

  const Direction fwd_dir = options.direction;
  const Direction bwd_dir = Reverse(fwd_dir);
  Marks& dist_f = ThreadMarks(kForward, nodes_.size());
  Marks& dist_b = ThreadMarks(kBackward, nodes_.size());
  dist_f.Set(from, 0);
  dist_b.Set(to, 0);
  std::vector<NodeIndex> frontier_f{from}, frontier_b{to}, next;
  int hops_f = 0, hops_b = 0;
  int64_t expanded = 0;
  std::vector<NodeIndex> meet;

  while (hops_f + hops_b < options.max_hops) {
    if (frontier_f.empty() || frontier_b.empty()) return paths;  // one side ran out: no path at all
    size_t cost_f = 0, cost_b = 0;
    for (NodeIndex v : frontier_f) cost_f += Degree(v, fwd_dir);
    for (NodeIndex v : frontier_b) cost_b += Degree(v, bwd_dir);
    const bool forward = cost_f <= cost_b;
    std::vector<NodeIndex>& frontier = forward ? frontier_f : frontier_b;
    Marks& mine = forward ? dist_f : dist_b;
    const Marks& theirs = forward ? dist_b : dist_f;
    const int depth = (forward ? ++hops_f : ++hops_b);
    next.clear();
    for (NodeIndex v : frontier) {
      if (++expanded > options.max_expanded)
        return Status::ResourceLimit("the path search from " + NameOf(from) + " to " + NameOf(to) +
                                     " expanded more than " + std::to_string(options.max_expanded) +
                                     " nodes (max_expanded)");
      ForEachIncident(v, forward ? fwd_dir : bwd_dir, [&](NodeIndex w, EdgeIndex) {
        if (mine.Has(w)) return true;
        mine.Set(w, depth);
        next.push_back(w);
        if (theirs.Has(w)) meet.push_back(w);
        return true;
      });
    }
    frontier.swap(next);
    if (!meet.empty()) break;
  }
  if (meet.empty()) return paths;
  const int length = hops_f + hops_b;

  // Forward-layer ancestors of the meeting nodes.
  Marks& on_path = ThreadMarks(kOnPath, nodes_.size());
  std::vector<NodeIndex> layer = meet, above;
  for (NodeIndex v : layer) on_path.Set(v, 1);
  for (int k = hops_f; k > 0; --k) {
    above.clear();
    for (NodeIndex v : layer) {
      ForEachIncident(v, bwd_dir, [&](NodeIndex u, EdgeIndex) {
        if (dist_f.Get(u) == k - 1 && !on_path.Has(u)) {
          on_path.Set(u, 1);
          above.push_back(u);
        }
        return true;
      });
    }
    layer.swap(above);
  }

  // Candidate steps from node v at path position `pos`, sorted so the walk is lexicographic.
  using Step = std::pair<NodeIndex, EdgeIndex>;
  auto steps_from = [&](NodeIndex v, int pos) {
    std::vector<Step> steps;
    ForEachIncident(v, fwd_dir, [&](NodeIndex w, EdgeIndex e) {
      bool ok = pos < hops_f ? (dist_f.Get(w) == pos + 1 && on_path.Has(w))
                             : dist_b.Get(w) == length - pos - 1;
      if (ok) steps.emplace_back(w, e);
      return true;
    });
    std::sort(steps.begin(), steps.end());
    return steps;
  };

  struct Frame {
    std::vector<Step> steps;
    size_t next = 0;
  };
  Path current{{from}, {}};
  std::vector<Frame> stack;
  stack.push_back(Frame{steps_from(from, 0)});
  const auto max_paths = static_cast<size_t>(options.max_paths);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.steps.size()) {
      stack.pop_back();
      if (!current.edges.empty()) {
        current.nodes.pop_back();
        current.edges.pop_back();
      }
      continue;
    }
    const auto [w, e] = top.steps[top.next++];
    current.nodes.push_back(w);
    current.edges.push_back(e);
    const int pos = static_cast<int>(current.edges.size());
    if (pos == length) {
      paths.push_back(current);
      if (paths.size() >= max_paths) break;
      current.nodes.pop_back();
      current.edges.pop_back();
    } else {
      stack.push_back(Frame{steps_from(w, pos)});
    }
  }
  return paths;
}

}  // namespace

std::unique_ptr<Graph> BuildGraph(std::vector<GraphNode> nodes, std::vector<GraphEdge> edges) {
#ifndef NDEBUG
  for (const GraphEdge& e : edges) assert(e.source < nodes.size() && e.target < nodes.size());
#endif
  return std::make_unique<CsrGraph>(std::move(nodes), std::move(edges));
}

}  // namespace graph

Result<std::unique_ptr<Graph>> Graph::Load(Store& store) {
  try {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    if (auto stats = store.Stats(); stats.ok()) {
      nodes.reserve(static_cast<size_t>(std::max<int64_t>(stats->entities, 0)));
      edges.reserve(static_cast<size_t>(std::max<int64_t>(stats->relations, 0)));
    }
    constexpr size_t kMaxCount = std::numeric_limits<uint32_t>::max() - 1;
    Status failure;
    Status scan = store.ForEachEntity([&](const EntityRecord& e) {
      if (!failure.ok()) return;
      if (nodes.size() >= kMaxCount) {
        failure = Status::ResourceLimit("the store has more entities than the graph can hold (" +
                                        std::to_string(kMaxCount) + ")");
        return;
      }
      nodes.push_back(GraphNode{e.id, e.name, e.type, e.mention_count, e.first_seen, e.last_seen});
    });
    AG_RETURN_IF_ERROR(scan.WithPrefix("loading the graph"));
    AG_RETURN_IF_ERROR(failure);

    // ForEachEntity yields id order, so a binary search over `nodes` maps ids; sort an index if not.
    std::vector<std::pair<int64_t, NodeIndex>> index;
    const bool sorted = std::is_sorted(nodes.begin(), nodes.end(), [](const GraphNode& a, const GraphNode& b) {
      return a.entity_id < b.entity_id;
    });
    if (!sorted) {
      index.reserve(nodes.size());
      for (NodeIndex i = 0; i < nodes.size(); ++i) index.emplace_back(nodes[i].entity_id, i);
      std::sort(index.begin(), index.end());
    }
    auto node_of = [&](int64_t id) -> std::optional<NodeIndex> {
      if (sorted) {
        auto it = std::lower_bound(nodes.begin(), nodes.end(), id,
                                   [](const GraphNode& n, int64_t v) { return n.entity_id < v; });
        if (it == nodes.end() || it->entity_id != id) return std::nullopt;
        return static_cast<NodeIndex>(it - nodes.begin());
      }
      auto it = std::lower_bound(index.begin(), index.end(), std::pair<int64_t, NodeIndex>(id, 0));
      if (it == index.end() || it->first != id) return std::nullopt;
      return it->second;
    };

    scan = store.ForEachRelation([&](const RelationRecord& r) {
      if (!failure.ok()) return;
      auto source = node_of(r.source_id);
      auto target = node_of(r.target_id);
      if (!source || !target) {
        failure = Status::Corruption("relation " + std::to_string(r.id) + " refers to unknown entity " +
                                     std::to_string(source ? r.target_id : r.source_id));
        return;
      }
      if (edges.size() >= kMaxCount) {
        failure = Status::ResourceLimit("the store has more relations than the graph can hold (" +
                                        std::to_string(kMaxCount) + ")");
        return;
      }
      edges.push_back(GraphEdge{r.id, *source, *target, r.relation, r.event, r.weight, r.count,
                                r.negated_count, r.planned_count, r.hedged_count, r.first_date,
                                r.last_date});
    });
    AG_RETURN_IF_ERROR(scan.WithPrefix("loading the graph"));
    AG_RETURN_IF_ERROR(failure);
    index.clear();
    index.shrink_to_fit();
    return graph::BuildGraph(std::move(nodes), std::move(edges));
  } catch (const std::bad_alloc&) {
    return Status::ResourceLimit("out of memory while loading the graph");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("loading the graph: ") + e.what());
  }
}

}  // namespace ag
