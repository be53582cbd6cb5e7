// The in-memory graph engine: a directed multigraph built once per process from the Store (Boost.Graph
// inside, no Boost types here), answering neighbourhood and path questions. Node and edge indexes are
// dense (0..n-1) and stable for the lifetime of the Graph. A Graph is immutable after Load() and may be
// queried from several threads.
#ifndef ACTORGRAPH_GRAPH_H_
#define ACTORGRAPH_GRAPH_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actorgraph/extract.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"

namespace ag {

using NodeIndex = uint32_t;
using EdgeIndex = uint32_t;

struct GraphNode {
  int64_t entity_id = 0;
  std::string name;
  EntityType type = EntityType::kOther;
  int64_t mention_count = 0;
  std::string first_seen;
  std::string last_seen;
};

struct GraphEdge {
  int64_t relation_id = 0;
  NodeIndex source = 0;
  NodeIndex target = 0;
  std::string relation;
  std::string event;
  double weight = 0;
  int64_t count = 0;
  int64_t negated_count = 0;
  int64_t planned_count = 0;
  int64_t hedged_count = 0;
  std::string first_date;
  std::string last_date;
};

enum class Direction { kOut, kIn, kBoth };
Result<Direction> ParseDirection(const std::string& name);  // "out", "in", "both"

struct NeighborOptions {
  int depth = 1;                 // hops from the start node, >= 0
  Direction direction = Direction::kBoth;
  int64_t max_nodes = 1000000;   // ResourceLimit when the neighbourhood would exceed it
};

// A k-hop neighbourhood: the nodes with their hop distance from the start (start first, then by depth,
// then index) and every edge with both ends among those nodes (the induced subgraph, whatever the
// direction: an edge between two included nodes can always be followed from one of its ends), in
// ascending edge index. A self-loop on an included node is included.
struct Neighborhood {
  std::vector<std::pair<NodeIndex, int>> nodes;  // (node, depth)
  std::vector<EdgeIndex> edges;
};

struct PathOptions {
  int max_hops = 6;               // >= 1
  Direction direction = Direction::kBoth;
  int64_t max_paths = 100;        // the number of paths returned is capped here
  int64_t max_expanded = 5000000; // ResourceLimit when the search expands more nodes
};

struct Path {
  std::vector<NodeIndex> nodes;   // from ... to
  std::vector<EdgeIndex> edges;   // edges[i] joins nodes[i] and nodes[i+1] (in either direction for kBoth)
};

class Graph {
 public:
  virtual ~Graph() = default;

  // Reads all entities (nodes, in entity id order) and aggregated relations (edges, in relation id order)
  // from the store. Passes on the Store's error; Corruption when a relation names an unknown entity;
  // ResourceLimit when out of memory or past 2^32-1 nodes or edges.
  static Result<std::unique_ptr<Graph>> Load(Store& store);

  virtual size_t num_nodes() const = 0;
  virtual size_t num_edges() const = 0;
  virtual const GraphNode& node(NodeIndex i) const = 0;
  virtual const GraphEdge& edge(EdgeIndex i) const = 0;
  // The node of a store entity id, if the entity is in the graph.
  virtual std::optional<NodeIndex> NodeOfEntity(int64_t entity_id) const = 0;

  // Breadth-first k-hop neighbourhood of `start`, following edges in options.direction. InvalidArgument
  // for a start outside the graph or a negative depth; ResourceLimit (naming the start) when more than
  // max_nodes nodes are reached. Costs what it visits, not O(num_nodes).
  virtual Result<Neighborhood> Neighbors(NodeIndex start, const NeighborOptions& options) const = 0;

  // All shortest paths (in hops) from `from` to `to` of at most max_hops edges, up to max_paths of them,
  // each path listing every parallel edge choice as a separate path. All returned paths have the same
  // (shortest) length and come in lexicographic order of their (next node, edge index) steps, so the first
  // max_paths are deterministic. Empty when there is none within max_hops; one single-node path when
  // from == to. InvalidArgument for nodes outside the graph, max_hops < 1 or max_paths < 1; ResourceLimit
  // when the (bidirectional) search expands more than max_expanded nodes.
  virtual Result<std::vector<Path>> ShortestPaths(NodeIndex from, NodeIndex to,
                                                  const PathOptions& options) const = 0;
};

}  // namespace ag

#endif  // ACTORGRAPH_GRAPH_H_
