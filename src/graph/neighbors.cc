// k-hop neighbourhoods: a layer-by-layer breadth-first search over Boost's out_edges/in_edges rather than
// boost::breadth_first_search, because it has to stop at a depth, follow "both" directions (Boost has no
// view of a bidirectional graph as undirected) and skip filtered edges and nodes; a visitor could only stop
// by throwing, which is slower and harder to read.
#include <algorithm>
#include <string>
#include <vector>

#include "graph/csr_graph.h"

namespace ag::graph {

Result<Neighborhood> CsrGraph::Neighbors(NodeIndex start, const NeighborOptions& options) const {
  if (start >= nodes_.size())
    return Status::InvalidArgument("node " + std::to_string(start) + " is not in the graph");
  if (options.depth < 0)
    return Status::InvalidArgument("depth must be >= 0, got " + std::to_string(options.depth));
  auto too_many = [&] {
    return Status::ResourceLimit("the neighbourhood of " + QuotedName(start) + " within depth " +
                                 std::to_string(options.depth) + " has more than " +
                                 std::to_string(options.max_nodes) + " nodes (max_nodes)");
  };
  if (options.max_nodes < 1) return too_many();

  const CompiledFilter filter(*this, options.filter, start, start);
  Budget budget(options.limits, "the neighbourhood search from " + QuotedName(start));
  Marks<int32_t>& depth_of = IntMarks(kForward, nodes_.size());
  Neighborhood result;
  result.nodes.emplace_back(start, 0);
  depth_of.Set(start, 0);
  const auto max_nodes = static_cast<uint64_t>(options.max_nodes);
  size_t layer_begin = 0;
  for (int depth = 1; depth <= options.depth; ++depth) {
    const size_t layer_end = result.nodes.size();
    if (layer_begin == layer_end) break;
    for (size_t i = layer_begin; i < layer_end; ++i) {
      if (!budget.Charge()) return budget.status();
      bool within = ForEachIncident(result.nodes[i].first, options.direction, [&](NodeIndex w, EdgeIndex e) {
        if (depth_of.Has(w) || !filter.StepOk(w, e)) return true;
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
    for (; it != end; ++it) {
      const EdgeIndex e = csr_[*it].id;
      if (depth_of.Has(boost::target(*it, csr_)) && filter.EdgeOk(e)) result.edges.push_back(e);
    }
  }
  std::sort(result.edges.begin(), result.edges.end());
  return result;
}

}  // namespace ag::graph
