// The in-memory graph engine: a directed multigraph built once per process from the Store (Boost.Graph
// inside, no Boost types here), answering neighbourhood and path questions with filters and limits. Node and
// edge indexes are dense (0..n-1) and stable for the lifetime of the Graph. A Graph is immutable after
// Load() and may be queried from several threads at once.
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
  std::string name;                  // canonical name
  EntityType type = EntityType::kOther;
  int64_t mention_count = 0;
  std::string first_seen;            // "" when unknown
  std::string last_seen;
  std::vector<std::string> aliases;  // other surface forms (never `name` itself), most frequent first
  std::string code;                  // CAMEO actor code (EntityRecord::code), "" when unknown
  std::string country;               // its three-letter country, ""
  std::string sector;                // its sector codes, space-separated, ""
  std::string title;                 // a person's title (EntityRecord::title), ""
};

struct GraphEdge {
  int64_t relation_id = 0;
  NodeIndex source = 0;
  NodeIndex target = 0;
  std::string relation;
  std::string event;         // "" = none
  std::string cameo;         // CAMEO event code (RelationRecord::cameo), "" = none
  double weight = 0;         // sum of evidence weights
  int64_t count = 0;         // evidence rows
  int64_t negated_count = 0;
  int64_t planned_count = 0;
  int64_t hedged_count = 0;
  std::string first_date;    // ISO 8601 or ""
  std::string last_date;
};

enum class Direction { kOut, kIn, kBoth };
Result<Direction> ParseDirection(const std::string& name);  // "out", "in", "both"

// Which edges and nodes a traversal may use; a default GraphFilter lets everything through. Lists are
// alternatives (any of them); different fields must all hold.
struct GraphFilter {
  std::vector<std::string> relations;  // edge relation is one of these (ASCII case-insensitive)
  std::vector<std::string> events;     // edge event is one of these (ASCII case-insensitive)
  std::vector<EntityType> node_types;  // a walk enters only nodes of these types; the start of a
                                       // neighbourhood and both ends of a path are exempt
  // Date prefixes "YYYY", "YYYY-MM" or "YYYY-MM-DD", compared on that many characters, "" = open: `since`
  // keeps edges whose last_date is on or after it, `until` those whose first_date is on or before it. An
  // edge without dates fails either bound.
  std::string since;
  std::string until;
  double min_weight = 0;  // edges with weight >= min_weight

  bool AllowsAll() const {
    return relations.empty() && events.empty() && node_types.empty() && since.empty() && until.empty() &&
           min_weight <= 0;
  }
};

// Limits every search obeys; reaching one fails the search with ResourceLimit and a message naming the
// limit, never a hang or unbounded memory.
struct SearchLimits {
  int64_t max_expanded = 5000000;  // nodes taken off a search frontier (each costs its degree)
  int64_t timeout_ms = 0;          // wall-clock time for one search; <= 0 = none
};

struct NeighborOptions {
  int depth = 1;                 // hops from the start node, >= 0
  Direction direction = Direction::kBoth;
  GraphFilter filter;
  int64_t max_nodes = 1000000;   // ResourceLimit when the neighbourhood would exceed it
  SearchLimits limits;
};

// A k-hop neighbourhood: the nodes with their hop distance from the start (start first, then by depth,
// then index) and every edge passing the filter with both ends among those nodes (the induced subgraph,
// whatever the direction: an edge between two included nodes can always be followed from one of its
// ends), in ascending edge index. A self-loop on an included node is included.
struct Neighborhood {
  std::vector<std::pair<NodeIndex, int>> nodes;  // (node, depth)
  std::vector<EdgeIndex> edges;
};

enum class PathMode {
  kAllShortest,  // every path of the least cost, in lexicographic order of their (next node, edge) steps
  kShortest,     // the first of those
  kKShortest,    // the max_paths cheapest simple paths (Yen), by cost, then hops, then steps
  kAllSimple,    // every simple path of at most max_hops edges, by hops, then steps (not with weighted)
};

struct PathOptions {
  PathMode mode = PathMode::kAllShortest;
  int max_hops = 6;               // >= 1; paths longer than this are never returned
  Direction direction = Direction::kBoth;
  // kAllShortest / kAllSimple: at most this many paths are returned (the first ones in order);
  // kKShortest: k; kShortest: ignored.
  int64_t max_paths = 100;
  // Costs: false = hops; true = the sum of 1/weight over the edges, so stronger ties make shorter paths
  // (an edge of weight <= 0 costs 1e12).
  bool weighted = false;
  GraphFilter filter;
  SearchLimits limits;
};

struct Path {
  std::vector<NodeIndex> nodes;   // from ... to
  std::vector<EdgeIndex> edges;   // edges[i] joins nodes[i] and nodes[i+1] (in either direction for kBoth)
  double cost = 0;                // hops, or the weighted cost
};

class Graph {
 public:
  virtual ~Graph() = default;

  // Reads all entities (nodes, in entity id order) with their aliases, and all aggregated relations
  // (edges, in relation id order) from the store, with Store::ScanForGraph. Passes on the Store's error;
  // Corruption when a relation names an unknown entity; ResourceLimit when out of memory or past 2^32-2
  // nodes or edges.
  static Result<std::unique_ptr<Graph>> Load(Store& store);

  virtual size_t num_nodes() const = 0;
  virtual size_t num_edges() const = 0;
  virtual const GraphNode& node(NodeIndex i) const = 0;
  virtual const GraphEdge& edge(EdgeIndex i) const = 0;
  // The node of a store entity id, if the entity is in the graph.
  virtual std::optional<NodeIndex> NodeOfEntity(int64_t entity_id) const = 0;

  // The edges at `v` a walk in `direction` may follow, in ascending edge index (a self-loop once).
  // Empty for a node outside the graph.
  virtual std::vector<EdgeIndex> IncidentEdges(NodeIndex v, Direction direction) const = 0;
  // The edges from `source` (any node when unset) to `target` (any node when unset) that pass `filter`,
  // in ascending edge index; the filter's node types apply to the ends not given. Costs the degree of a
  // given end, or O(num_edges) when neither is given.
  virtual std::vector<EdgeIndex> Edges(std::optional<NodeIndex> source, std::optional<NodeIndex> target,
                                       const GraphFilter& filter) const = 0;
  // Distinct relation and event names of all edges, sorted (events without "").
  virtual const std::vector<std::string>& relation_names() const = 0;
  virtual const std::vector<std::string>& event_names() const = 0;

  // Breadth-first k-hop neighbourhood of `start`, following edges that pass options.filter in
  // options.direction. InvalidArgument for a start outside the graph or a negative depth; ResourceLimit
  // (naming the start and the limit) when more than max_nodes nodes are reached, or a search limit is hit.
  // Costs what it visits, not O(num_nodes).
  virtual Result<Neighborhood> Neighbors(NodeIndex start, const NeighborOptions& options) const = 0;

  // Paths from `from` to `to` as options.mode says, using only edges and nodes that pass options.filter,
  // each at most max_hops edges long; parallel edges give separate paths. Empty when there is none; one
  // single-node path (cost 0) when from == to. InvalidArgument for nodes outside the graph, max_hops < 1,
  // max_paths < 1, or weighted with kAllSimple; ResourceLimit when a search limit is hit.
  virtual Result<std::vector<Path>> FindPaths(NodeIndex from, NodeIndex to, const PathOptions& options) const = 0;

  // FindPaths with mode kAllShortest, whatever options.mode says.
  Result<std::vector<Path>> ShortestPaths(NodeIndex from, NodeIndex to, const PathOptions& options) const {
    PathOptions o = options;
    o.mode = PathMode::kAllShortest;
    return FindPaths(from, to, o);
  }
};

}  // namespace ag

#endif  // ACTORGRAPH_GRAPH_H_
