// Path searches: all shortest paths by hops (bidirectional breadth-first search, then the shortest-path
// DAG), the cheapest path under a hop limit (Bellman-Ford rounds), all cheapest paths (a depth-first walk
// pruned by exact remaining-cost bounds), Yen's k shortest simple paths on top of either, and all simple
// paths up to a length (iterative deepening pruned by the hop distance to the target). Every search steps
// only along edges and into nodes the compiled filter allows, charges a Budget per expanded node, and
// orders its results deterministically. Written as explicit loops over Boost's out_edges/in_edges for the
// reasons given in neighbors.cc.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graph/csr_graph.h"

namespace ag::graph {
namespace {

using Step = std::pair<NodeIndex, EdgeIndex>;

// Nodes and edges a Yen spur search must avoid (besides what the filter excludes).
struct Bans {
  const Marks<int32_t>* nodes = nullptr;  // banned when Has(); null = none
  std::vector<EdgeIndex> edges;           // sorted
  bool Node(NodeIndex v) const { return nodes && nodes->Has(v); }
  bool Edge(EdgeIndex e) const { return std::binary_search(edges.begin(), edges.end(), e); }
};

class PathSearch {
 public:
  PathSearch(const CsrGraph& graph, NodeIndex from, NodeIndex to, const PathOptions& options)
      : g_(graph),
        from_(from),
        to_(to),
        options_(options),
        filter_(graph, options.filter, from, to),
        budget_(options.limits,
                "the path search from " + graph.QuotedName(from) + " to " + graph.QuotedName(to)),
        fwd_(options.direction),
        bwd_(Reverse(options.direction)) {}

  Result<std::vector<Path>> Run() {
    std::vector<Path> paths;
    Status status;
    switch (options_.mode) {
      case PathMode::kAllShortest:
      case PathMode::kShortest: {
        const int64_t cap = options_.mode == PathMode::kShortest ? 1 : options_.max_paths;
        status = options_.weighted ? AllCheapest(cap, &paths)
                                   : AllShortestHops(from_, options_.max_hops, cap, Bans(), &paths);
        break;
      }
      case PathMode::kKShortest: status = Yen(options_.max_paths, &paths); break;
      case PathMode::kAllSimple: status = AllSimple(options_.max_paths, &paths); break;
    }
    if (!status.ok()) return status;
    return paths;
  }

 private:
  bool StepOk(NodeIndex w, EdgeIndex e, const Bans& bans) const {
    return filter_.StepOk(w, e) && !bans.Node(w) && (bans.edges.empty() || !bans.Edge(e));
  }
  double Cost(EdgeIndex e) const { return options_.weighted ? EdgeCost(g_.edge(e)) : 1.0; }
  double PathCost(const Path& p) const {
    double c = 0;
    for (EdgeIndex e : p.edges) c += Cost(e);
    return c;
  }
  // The allowed steps from v in direction `dir`, sorted by (node, edge) so walks are lexicographic.
  std::vector<Step> SortedSteps(NodeIndex v, Direction dir, const Bans& bans) const {
    std::vector<Step> steps;
    g_.ForEachIncident(v, dir, [&](NodeIndex w, EdgeIndex e) {
      if (StepOk(w, e, bans)) steps.emplace_back(w, e);
      return true;
    });
    std::sort(steps.begin(), steps.end());
    return steps;
  }

  Status AllShortestHops(NodeIndex from, int max_hops, int64_t cap, const Bans& bans, std::vector<Path>* out);
  Status BestWeighted(NodeIndex from, int max_hops, const Bans& bans, std::optional<Path>* out);
  Status Best(NodeIndex from, int max_hops, const Bans& bans, std::optional<Path>* out);
  Status AllCheapest(int64_t cap, std::vector<Path>* out);
  Status Yen(int64_t k, std::vector<Path>* out);
  Status AllSimple(int64_t cap, std::vector<Path>* out);
  Status HopsToTarget(int max_hops, Marks<int32_t>* hops);

  const CsrGraph& g_;
  const NodeIndex from_, to_;
  const PathOptions& options_;
  const CompiledFilter filter_;
  Budget budget_;
  const Direction fwd_, bwd_;
};

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
// `cap` are deterministic.
Status PathSearch::AllShortestHops(NodeIndex from, int max_hops, int64_t cap, const Bans& bans,
                                   std::vector<Path>* out) {
  const size_t n = g_.num_nodes();
  Marks<int32_t>& dist_f = IntMarks(kForward, n);
  Marks<int32_t>& dist_b = IntMarks(kBackward, n);
  dist_f.Set(from, 0);
  dist_b.Set(to_, 0);
  std::vector<NodeIndex> frontier_f{from}, frontier_b{to_}, next;
  int hops_f = 0, hops_b = 0;
  std::vector<NodeIndex> meet;

  while (hops_f + hops_b < max_hops) {
    if (frontier_f.empty() || frontier_b.empty()) return Status::OK();  // one side ran out: no path
    size_t cost_f = 0, cost_b = 0;
    for (NodeIndex v : frontier_f) cost_f += g_.Degree(v, fwd_);
    for (NodeIndex v : frontier_b) cost_b += g_.Degree(v, bwd_);
    const bool forward = cost_f <= cost_b;
    std::vector<NodeIndex>& frontier = forward ? frontier_f : frontier_b;
    Marks<int32_t>& mine = forward ? dist_f : dist_b;
    const Marks<int32_t>& theirs = forward ? dist_b : dist_f;
    const int depth = (forward ? ++hops_f : ++hops_b);
    next.clear();
    for (NodeIndex v : frontier) {
      if (!budget_.Charge()) return budget_.status();
      g_.ForEachIncident(v, forward ? fwd_ : bwd_, [&](NodeIndex w, EdgeIndex e) {
        // Either way w is a node the forward walk enters (walking backwards, it steps w -> v along e).
        if (mine.Has(w) || !StepOk(w, e, bans)) return true;
        mine.Set(w, depth);
        next.push_back(w);
        if (theirs.Has(w)) meet.push_back(w);
        return true;
      });
    }
    frontier.swap(next);
    if (!meet.empty()) break;
  }
  if (meet.empty()) return Status::OK();
  const int length = hops_f + hops_b;

  // Forward-layer ancestors of the meeting nodes.
  Marks<int32_t>& on_path = IntMarks(kOnPath, n);
  std::vector<NodeIndex> layer = meet, above;
  for (NodeIndex v : layer) on_path.Set(v, 1);
  for (int k = hops_f; k > 0; --k) {
    above.clear();
    for (NodeIndex v : layer) {
      g_.ForEachIncident(v, bwd_, [&](NodeIndex u, EdgeIndex e) {
        if (dist_f.Get(u, -1) == k - 1 && !on_path.Has(u) && StepOk(v, e, bans)) {
          on_path.Set(u, 1);
          above.push_back(u);
        }
        return true;
      });
    }
    layer.swap(above);
  }

  // Candidate steps from node v at path position `pos`, sorted so the walk is lexicographic.
  auto steps_from = [&](NodeIndex v, int pos) {
    std::vector<Step> steps;
    g_.ForEachIncident(v, fwd_, [&](NodeIndex w, EdgeIndex e) {
      bool ok = pos < hops_f ? (dist_f.Get(w, -1) == pos + 1 && on_path.Has(w))
                             : dist_b.Get(w, -1) == length - pos - 1;
      if (ok && StepOk(w, e, bans)) steps.emplace_back(w, e);
      return true;
    });
    std::sort(steps.begin(), steps.end());
    return steps;
  };

  struct Frame {
    std::vector<Step> steps;
    size_t next = 0;
  };
  Path current{{from}, {}, 0};
  std::vector<Frame> stack;
  stack.push_back(Frame{steps_from(from, 0)});
  const auto max_paths = static_cast<size_t>(cap);
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
    if (!budget_.Charge()) return budget_.status();
    const auto [w, e] = top.steps[top.next++];
    current.nodes.push_back(w);
    current.edges.push_back(e);
    const int pos = static_cast<int>(current.edges.size());
    if (pos == length) {
      current.cost = PathCost(current);
      out->push_back(current);
      if (out->size() >= max_paths) break;
      current.nodes.pop_back();
      current.edges.pop_back();
    } else {
      stack.push_back(Frame{steps_from(w, pos)});
    }
  }
  return Status::OK();
}

// The cheapest path from `from` to `to_` of at most max_hops edges: Bellman-Ford in rounds, round k
// relaxing the edges of the nodes whose cost went down in round k - 1, so after round k every node holds
// the least cost over walks of at most k edges (costs are positive, so the cheapest walk is a simple
// path). A node is only expanded while it is cheaper than the best path to the target found so far. Each
// improvement is an entry (node, cost, edge, previous entry), so the path is read back from the target's
// last entry; an entry improved twice in one round is overwritten in place (nobody refers to it yet).
Status PathSearch::BestWeighted(NodeIndex from, int max_hops, const Bans& bans, std::optional<Path>* out) {
  struct Entry {
    NodeIndex node;
    double cost;
    EdgeIndex via;
    int32_t previous;  // entry index, -1 for the start
  };
  const size_t n = g_.num_nodes();
  Marks<double>& best = CostMarks(kCost, n);
  Marks<int32_t>& entry_of = IntMarks(kEntry, n);  // the node's entry in the current round
  std::vector<Entry> entries{{from, 0, 0, -1}};
  best.Set(from, 0);
  double best_target = std::numeric_limits<double>::infinity();
  int32_t target_entry = -1;
  size_t round_begin = 0, round_end = 1;
  for (int round = 1; round <= max_hops && round_begin < round_end; ++round) {
    for (size_t i = round_begin; i < round_end; ++i) {
      const Entry u = entries[i];
      if (u.node == to_ || !(u.cost < best_target)) continue;
      if (!budget_.Charge()) return budget_.status();
      g_.ForEachIncident(u.node, fwd_, [&](NodeIndex w, EdgeIndex e) {
        if (w == from || !StepOk(w, e, bans)) return true;
        const double c = u.cost + Cost(e);
        if (!(c < best.Get(w, std::numeric_limits<double>::infinity())) || !(c < best_target)) return true;
        best.Set(w, c);
        int32_t at = entry_of.Get(w, -1);
        if (at < static_cast<int32_t>(round_end)) {  // no entry in this round yet
          at = static_cast<int32_t>(entries.size());
          entries.push_back(Entry{w, c, e, static_cast<int32_t>(i)});
          entry_of.Set(w, at);
        } else {
          entries[at] = Entry{w, c, e, static_cast<int32_t>(i)};
        }
        if (w == to_) {
          best_target = c;
          target_entry = at;
        }
        return true;
      });
    }
    round_begin = round_end;
    round_end = entries.size();
  }
  if (target_entry < 0) return Status::OK();
  Path path;
  for (int32_t at = target_entry; at >= 0; at = entries[at].previous) {
    path.nodes.push_back(entries[at].node);
    if (entries[at].previous >= 0) path.edges.push_back(entries[at].via);
  }
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.edges.begin(), path.edges.end());
  path.cost = PathCost(path);
  *out = std::move(path);
  return Status::OK();
}

// One best path from `from` to `to_`: the lexicographically first shortest path by hops, or the cheapest.
Status PathSearch::Best(NodeIndex from, int max_hops, const Bans& bans, std::optional<Path>* out) {
  out->reset();
  if (max_hops < 1) return Status::OK();
  if (options_.weighted) return BestWeighted(from, max_hops, bans, out);
  std::vector<Path> paths;
  AG_RETURN_IF_ERROR(AllShortestHops(from, max_hops, 1, bans, &paths));
  if (!paths.empty()) *out = std::move(paths[0]);
  return Status::OK();
}

// Hop distances to `to_` (walking against the direction) up to max_hops, into `hops`.
Status PathSearch::HopsToTarget(int max_hops, Marks<int32_t>* hops) {
  std::vector<NodeIndex> layer{to_}, next;
  hops->Set(to_, 0);
  for (int d = 1; d <= max_hops && !layer.empty(); ++d) {
    next.clear();
    for (NodeIndex v : layer) {
      if (!budget_.Charge()) return budget_.status();
      g_.ForEachIncident(v, bwd_, [&](NodeIndex u, EdgeIndex e) {
        // The forward walk steps u -> v along e, entering v.
        if (hops->Has(u) || !filter_.EdgeOk(e) || !filter_.NodeOk(u)) return true;
        hops->Set(u, d);
        next.push_back(u);
        return true;
      });
    }
    layer.swap(next);
  }
  return Status::OK();
}

// All paths of the least weighted cost C within max_hops: C from BestWeighted, then a depth-first walk in
// (node, edge) order that continues from a node only while its cost so far plus its least remaining cost
// (a reverse Dijkstra from the target, stopped past C) stays within C and its hops plus its hop distance
// to the target stay within max_hops. Equal costs are compared with a relative tolerance of 1e-9, so
// paths whose costs differ only by rounding count as equally cheap.
Status PathSearch::AllCheapest(int64_t cap, std::vector<Path>* out) {
  std::optional<Path> best;
  AG_RETURN_IF_ERROR(BestWeighted(from_, options_.max_hops, Bans(), &best));
  if (!best) return Status::OK();
  const double limit = best->cost + 1e-9 * std::max(1.0, best->cost);
  const size_t n = g_.num_nodes();

  Marks<double>& remaining = CostMarks(kBackward, n);
  {
    using Item = std::pair<double, NodeIndex>;
    std::vector<Item> heap{{0.0, to_}};
    remaining.Set(to_, 0);
    Marks<int32_t>& done = IntMarks(kEntry, n);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>());
      const double c = heap.back().first;
      const NodeIndex v = heap.back().second;
      heap.pop_back();
      if (done.Has(v) || c > limit) continue;
      done.Set(v, 1);
      if (!budget_.Charge()) return budget_.status();
      g_.ForEachIncident(v, bwd_, [&](NodeIndex u, EdgeIndex e) {
        if (!filter_.EdgeOk(e) || !filter_.NodeOk(u)) return true;
        const double nc = c + Cost(e);
        if (nc > limit || !(nc < remaining.Get(u, std::numeric_limits<double>::infinity()))) return true;
        remaining.Set(u, nc);
        heap.emplace_back(nc, u);
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
        return true;
      });
    }
  }
  Marks<int32_t>& hops = IntMarks(kForward, n);
  AG_RETURN_IF_ERROR(HopsToTarget(options_.max_hops, &hops));

  Marks<int32_t>& on_path = IntMarks(kOnPath, n);
  struct Frame {
    std::vector<Step> steps;
    size_t next = 0;
    double cost = 0;
  };
  Path current{{from_}, {}, 0};
  on_path.Set(from_, 1);
  std::vector<Frame> stack;
  stack.push_back(Frame{SortedSteps(from_, fwd_, Bans()), 0, 0.0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.steps.size()) {
      on_path.Clear(current.nodes.back());
      stack.pop_back();
      if (!current.edges.empty()) {
        current.nodes.pop_back();
        current.edges.pop_back();
      }
      continue;
    }
    const auto [w, e] = top.steps[top.next++];
    const double c = top.cost + Cost(e);
    const int depth = static_cast<int>(current.edges.size()) + 1;
    if (on_path.Has(w) || c + remaining.Get(w, std::numeric_limits<double>::infinity()) > limit ||
        depth + hops.Get(w, options_.max_hops + 1) > options_.max_hops)
      continue;
    if (!budget_.Charge()) return budget_.status();
    if (w == to_) {
      Path found = current;
      found.nodes.push_back(w);
      found.edges.push_back(e);
      found.cost = PathCost(found);
      out->push_back(std::move(found));
      if (static_cast<int64_t>(out->size()) >= cap) break;
      continue;
    }
    current.nodes.push_back(w);
    current.edges.push_back(e);
    on_path.Set(w, 1);
    stack.push_back(Frame{SortedSteps(w, fwd_, Bans()), 0, c});
  }
  return Status::OK();
}

// Yen's k shortest simple paths. Each accepted path's every prefix is a root; the spur search from the
// root's last node avoids the root's other nodes (so paths stay simple) and the next edge of every
// accepted path sharing that root (so it finds something new). Candidates are kept ordered by (cost, hops,
// steps) and deduplicated by their edge sequences; in a multigraph the edges, not the node pairs, make a
// path, so parallel edges give separate paths.
Status PathSearch::Yen(int64_t k, std::vector<Path>* out) {
  std::optional<Path> first;
  AG_RETURN_IF_ERROR(Best(from_, options_.max_hops, Bans(), &first));
  if (!first) return Status::OK();
  out->push_back(std::move(*first));

  auto less = [](const Path& a, const Path& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.edges.size() != b.edges.size()) return a.edges.size() < b.edges.size();
    for (size_t i = 0; i < a.edges.size(); ++i) {
      if (a.nodes[i + 1] != b.nodes[i + 1]) return a.nodes[i + 1] < b.nodes[i + 1];
      if (a.edges[i] != b.edges[i]) return a.edges[i] < b.edges[i];
    }
    return false;
  };
  std::set<Path, decltype(less)> candidates(less);
  std::set<std::vector<EdgeIndex>> seen{out->front().edges};
  Marks<int32_t>& banned = IntMarks(kBanned, g_.num_nodes());

  while (static_cast<int64_t>(out->size()) < k) {
    const Path previous = out->back();
    for (size_t i = 0; i < previous.edges.size(); ++i) {
      const NodeIndex spur = previous.nodes[i];
      Bans bans;
      bans.nodes = &banned;
      for (const Path& p : *out) {
        if (p.edges.size() > i && std::equal(p.edges.begin(), p.edges.begin() + static_cast<ptrdiff_t>(i),
                                              previous.edges.begin()) &&
            std::equal(p.nodes.begin(), p.nodes.begin() + static_cast<ptrdiff_t>(i) + 1, previous.nodes.begin()))
          bans.edges.push_back(p.edges[i]);
      }
      std::sort(bans.edges.begin(), bans.edges.end());
      // Marks reset in O(1): ban exactly the root's nodes before the spur node.
      banned.Reset(g_.num_nodes());
      for (size_t j = 0; j < i; ++j) banned.Set(previous.nodes[j], 1);
      std::optional<Path> tail;
      AG_RETURN_IF_ERROR(Best(spur, options_.max_hops - static_cast<int>(i), bans, &tail));
      if (!tail) continue;
      Path candidate;
      candidate.nodes.assign(previous.nodes.begin(), previous.nodes.begin() + static_cast<ptrdiff_t>(i));
      candidate.edges.assign(previous.edges.begin(), previous.edges.begin() + static_cast<ptrdiff_t>(i));
      candidate.nodes.insert(candidate.nodes.end(), tail->nodes.begin(), tail->nodes.end());
      candidate.edges.insert(candidate.edges.end(), tail->edges.begin(), tail->edges.end());
      candidate.cost = PathCost(candidate);
      if (seen.insert(candidate.edges).second) candidates.insert(std::move(candidate));
    }
    if (candidates.empty()) break;
    out->push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  return Status::OK();
}

// Every simple path of at most max_hops edges, shortest first: for each length L from the hop distance
// up to max_hops, a depth-first walk in (node, edge) order that steps to a node only when the target is
// still reachable in the hops left (reverse breadth-first distances), so it does not wander into the rest
// of the graph. Each length repeats the walk of the shorter ones; the walks are small next to the output.
Status PathSearch::AllSimple(int64_t cap, std::vector<Path>* out) {
  const size_t n = g_.num_nodes();
  Marks<int32_t>& hops = IntMarks(kBackward, n);
  AG_RETURN_IF_ERROR(HopsToTarget(options_.max_hops, &hops));
  if (!hops.Has(from_)) return Status::OK();
  Marks<int32_t>& on_path = IntMarks(kOnPath, n);
  struct Frame {
    std::vector<Step> steps;
    size_t next = 0;
  };
  for (int length = hops.Get(from_, 0); length <= options_.max_hops; ++length) {
    on_path.Reset(n);
    on_path.Set(from_, 1);
    Path current{{from_}, {}, 0};
    std::vector<Frame> stack;
    stack.push_back(Frame{SortedSteps(from_, fwd_, Bans())});
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next == top.steps.size()) {
        on_path.Clear(current.nodes.back());
        stack.pop_back();
        if (!current.edges.empty()) {
          current.nodes.pop_back();
          current.edges.pop_back();
        }
        continue;
      }
      const auto [w, e] = top.steps[top.next++];
      const int depth = static_cast<int>(current.edges.size()) + 1;
      if (w == to_) {
        if (depth != length) continue;
        Path found = current;
        found.nodes.push_back(w);
        found.edges.push_back(e);
        found.cost = static_cast<double>(depth);
        out->push_back(std::move(found));
        if (static_cast<int64_t>(out->size()) >= cap) return Status::OK();
        continue;
      }
      if (on_path.Has(w) || depth + hops.Get(w, length + 1) > length) continue;
      if (!budget_.Charge()) return budget_.status();
      current.nodes.push_back(w);
      current.edges.push_back(e);
      on_path.Set(w, 1);
      stack.push_back(Frame{SortedSteps(w, fwd_, Bans())});
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<Path>> CsrGraph::FindPaths(NodeIndex from, NodeIndex to, const PathOptions& options) const {
  if (from >= nodes_.size() || to >= nodes_.size())
    return Status::InvalidArgument("node " + std::to_string(std::max(from, to)) + " is not in the graph");
  if (options.max_hops < 1)
    return Status::InvalidArgument("max_hops must be >= 1, got " + std::to_string(options.max_hops));
  if (options.max_paths < 1)
    return Status::InvalidArgument("max_paths must be >= 1, got " + std::to_string(options.max_paths));
  if (options.weighted && options.mode == PathMode::kAllSimple)
    return Status::InvalidArgument("weighted costs do not apply to all simple paths (listed by hops)");
  if (from == to) return std::vector<Path>{Path{{from}, {}, 0}};
  PathSearch search(*this, from, to, options);
  return search.Run();
}

}  // namespace ag::graph
