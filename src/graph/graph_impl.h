// Private to the graph stage and its tests: builds a Graph from node and edge vectors without a Store, so
// tests can hand-build small graphs with known answers and Graph::Load can share the same construction.
// The Graph it returns is immutable and may be queried from several threads.
#ifndef AG_GRAPH_GRAPH_IMPL_H_
#define AG_GRAPH_GRAPH_IMPL_H_

#include <memory>
#include <vector>

#include "actorgraph/graph.h"

namespace ag::graph {

// Takes ownership of `nodes` and `edges`; node i is nodes[i], edge i is edges[i]. Preconditions (checked by
// Graph::Load, asserted here): every edge's source and target are < nodes.size(), and both sizes fit in
// NodeIndex / EdgeIndex. Entity ids should be unique; NodeOfEntity is cheapest when nodes are sorted by
// entity_id (as Store::ForEachEntity yields them). May throw std::bad_alloc; Graph::Load catches it.
std::unique_ptr<Graph> BuildGraph(std::vector<GraphNode> nodes, std::vector<GraphEdge> edges);

}  // namespace ag::graph

#endif  // AG_GRAPH_GRAPH_IMPL_H_
