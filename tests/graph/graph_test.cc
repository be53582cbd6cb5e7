// Graph engine tests on small hand-built graphs with known answers: k-hop neighbourhoods by depth and
// direction, the max_nodes limit, all shortest paths (parallel edges, both directions, no path, caps) and
// the entity-id lookup.
#include "actorgraph/graph.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "graph/graph_impl.h"
#include "test_util.h"

namespace ag {
namespace {

using Edges = std::vector<std::pair<NodeIndex, NodeIndex>>;
using NodeDepths = std::vector<std::pair<NodeIndex, int>>;

// Nodes n0..n{count-1} with entity ids 100+i; edge i gets relation "r<i>".
std::unique_ptr<Graph> Make(int count, const Edges& edges) {
  std::vector<GraphNode> nodes(count);
  for (int i = 0; i < count; ++i) {
    nodes[i].entity_id = 100 + i;
    nodes[i].name = "n" + std::to_string(i);
  }
  std::vector<GraphEdge> list;
  for (size_t i = 0; i < edges.size(); ++i) {
    GraphEdge e;
    e.relation_id = static_cast<int64_t>(i) + 1;
    e.source = edges[i].first;
    e.target = edges[i].second;
    e.relation = "r" + std::to_string(i);
    e.weight = 1;
    list.push_back(e);
  }
  return graph::BuildGraph(std::move(nodes), std::move(list));
}

Neighborhood MustNeighbors(const Graph& g, NodeIndex start, int depth, Direction dir) {
  NeighborOptions o;
  o.depth = depth;
  o.direction = dir;
  auto r = g.Neighbors(start, o);
  EXPECT_OK(r);
  return r.ok() ? r.value() : Neighborhood{};
}

std::vector<Path> MustPaths(const Graph& g, NodeIndex from, NodeIndex to, Direction dir, int max_hops = 6,
                            int64_t max_paths = 100) {
  PathOptions o;
  o.direction = dir;
  o.max_hops = max_hops;
  o.max_paths = max_paths;
  auto r = g.ShortestPaths(from, to, o);
  EXPECT_OK(r);
  return r.ok() ? r.value() : std::vector<Path>{};
}

// 4 -> 0 -> 1 -> 2 -> 3, plus 1 -> 5 and 5 -> 2 (a triangle-ish shortcut); edge indexes in list order.
std::unique_ptr<Graph> Chain() { return Make(6, {{4, 0}, {0, 1}, {1, 2}, {2, 3}, {1, 5}, {5, 2}}); }

TEST(GraphTest, SizesAndAttributes) {
  auto g = Chain();
  EXPECT_EQ(g->num_nodes(), 6u);
  EXPECT_EQ(g->num_edges(), 6u);
  EXPECT_EQ(g->node(3).name, "n3");
  EXPECT_EQ(g->edge(2).source, 1u);
  EXPECT_EQ(g->edge(2).target, 2u);
  EXPECT_EQ(g->edge(2).relation, "r2");
}

TEST(GraphTest, EmptyGraph) {
  auto g = Make(0, {});
  EXPECT_EQ(g->num_nodes(), 0u);
  EXPECT_FALSE(g->NodeOfEntity(100).has_value());
  EXPECT_EQ(g->Neighbors(0, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(GraphTest, NodeOfEntitySorted) {
  auto g = Chain();
  EXPECT_EQ(g->NodeOfEntity(100), std::optional<NodeIndex>(0));
  EXPECT_EQ(g->NodeOfEntity(105), std::optional<NodeIndex>(5));
  EXPECT_FALSE(g->NodeOfEntity(99).has_value());
  EXPECT_FALSE(g->NodeOfEntity(106).has_value());
}

TEST(GraphTest, NodeOfEntityUnsorted) {
  std::vector<GraphNode> nodes(3);
  nodes[0].entity_id = 30;
  nodes[1].entity_id = 10;
  nodes[2].entity_id = 20;
  auto g = graph::BuildGraph(std::move(nodes), {});
  EXPECT_EQ(g->NodeOfEntity(10), std::optional<NodeIndex>(1));
  EXPECT_EQ(g->NodeOfEntity(20), std::optional<NodeIndex>(2));
  EXPECT_EQ(g->NodeOfEntity(30), std::optional<NodeIndex>(0));
  EXPECT_FALSE(g->NodeOfEntity(15).has_value());
}

TEST(GraphTest, ParseDirection) {
  EXPECT_EQ(ParseDirection("out").value(), Direction::kOut);
  EXPECT_EQ(ParseDirection("IN").value(), Direction::kIn);
  EXPECT_EQ(ParseDirection("Both").value(), Direction::kBoth);
  EXPECT_EQ(ParseDirection("sideways").status().code(), StatusCode::kInvalidArgument);
}

TEST(NeighborsTest, DepthZeroIsTheStartOnly) {
  auto g = Chain();
  auto n = MustNeighbors(*g, 1, 0, Direction::kBoth);
  EXPECT_EQ(n.nodes, (NodeDepths{{1, 0}}));
  EXPECT_TRUE(n.edges.empty());
}

TEST(NeighborsTest, DepthZeroKeepsASelfLoop) {
  auto g = Make(2, {{0, 1}, {0, 0}});
  auto n = MustNeighbors(*g, 0, 0, Direction::kBoth);
  EXPECT_EQ(n.nodes, (NodeDepths{{0, 0}}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{1}));
}

TEST(NeighborsTest, Out) {
  auto g = Chain();
  auto n = MustNeighbors(*g, 0, 1, Direction::kOut);
  EXPECT_EQ(n.nodes, (NodeDepths{{0, 0}, {1, 1}}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{1}));
  n = MustNeighbors(*g, 0, 2, Direction::kOut);
  EXPECT_EQ(n.nodes, (NodeDepths{{0, 0}, {1, 1}, {2, 2}, {5, 2}}));
  // 5 -> 2 joins two depth-2 nodes: still inside the neighbourhood.
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{1, 2, 4, 5}));
}

TEST(NeighborsTest, In) {
  auto g = Chain();
  auto n = MustNeighbors(*g, 2, 2, Direction::kIn);
  EXPECT_EQ(n.nodes, (NodeDepths{{2, 0}, {1, 1}, {5, 1}, {0, 2}}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{1, 2, 4, 5}));
}

TEST(NeighborsTest, BothSortsEachLayerByIndex) {
  auto g = Chain();
  auto n = MustNeighbors(*g, 1, 1, Direction::kBoth);
  EXPECT_EQ(n.nodes, (NodeDepths{{1, 0}, {0, 1}, {2, 1}, {5, 1}}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{1, 2, 4, 5}));
  n = MustNeighbors(*g, 1, 5, Direction::kBoth);
  EXPECT_EQ(n.nodes, (NodeDepths{{1, 0}, {0, 1}, {2, 1}, {5, 1}, {3, 2}, {4, 2}}));
  EXPECT_EQ(n.edges.size(), 6u);
}

TEST(NeighborsTest, ParallelEdgesAreAllListed) {
  auto g = Make(2, {{0, 1}, {0, 1}, {1, 0}});
  auto n = MustNeighbors(*g, 0, 1, Direction::kOut);
  EXPECT_EQ(n.nodes, (NodeDepths{{0, 0}, {1, 1}}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{0, 1, 2}));
}

TEST(NeighborsTest, MaxNodes) {
  Edges star;
  for (NodeIndex i = 1; i <= 10; ++i) star.emplace_back(0, i);
  auto g = Make(11, star);
  NeighborOptions o;
  o.max_nodes = 11;
  auto r = g->Neighbors(0, o);
  ASSERT_OK(r);
  EXPECT_EQ(r->nodes.size(), 11u);
  o.max_nodes = 10;
  r = g->Neighbors(0, o);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(r.status().message().find("\"n0\""), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("10"), std::string::npos);
  // The limit only counts what the direction reaches.
  o.direction = Direction::kIn;
  EXPECT_OK(g->Neighbors(0, o));
}

TEST(NeighborsTest, BadArguments) {
  auto g = Chain();
  NeighborOptions o;
  o.depth = -1;
  EXPECT_EQ(g->Neighbors(0, o).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(g->Neighbors(6, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(PathsTest, Diamond) {
  auto g = Make(4, {{0, 2}, {0, 1}, {1, 3}, {2, 3}});
  auto p = MustPaths(*g, 0, 3, Direction::kOut);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].nodes, (std::vector<NodeIndex>{0, 1, 3}));
  EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{1, 2}));
  EXPECT_EQ(p[1].nodes, (std::vector<NodeIndex>{0, 2, 3}));
  EXPECT_EQ(p[1].edges, (std::vector<EdgeIndex>{0, 3}));
}

TEST(PathsTest, ParallelEdgesAreSeparatePaths) {
  auto g = Make(3, {{0, 1}, {1, 2}, {0, 1}, {1, 2}});
  auto p = MustPaths(*g, 0, 2, Direction::kOut);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{0, 1}));
  EXPECT_EQ(p[1].edges, (std::vector<EdgeIndex>{0, 3}));
  EXPECT_EQ(p[2].edges, (std::vector<EdgeIndex>{2, 1}));
  EXPECT_EQ(p[3].edges, (std::vector<EdgeIndex>{2, 3}));
  for (const Path& path : p) EXPECT_EQ(path.nodes, (std::vector<NodeIndex>{0, 1, 2}));
}

TEST(PathsTest, OnlyShortestPaths) {
  // 0 -> 1 -> 2 -> 3 and the shortcut 0 -> 3.
  auto g = Make(4, {{0, 1}, {1, 2}, {2, 3}, {0, 3}});
  auto p = MustPaths(*g, 0, 3, Direction::kOut);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].nodes, (std::vector<NodeIndex>{0, 3}));
  EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{3}));
}

TEST(PathsTest, Directions) {
  // 0 -> 1 <- 2: no directed path from 0 to 2 either way, one undirected.
  auto g = Make(3, {{0, 1}, {2, 1}});
  EXPECT_TRUE(MustPaths(*g, 0, 2, Direction::kOut).empty());
  EXPECT_TRUE(MustPaths(*g, 0, 2, Direction::kIn).empty());
  auto p = MustPaths(*g, 0, 2, Direction::kBoth);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].nodes, (std::vector<NodeIndex>{0, 1, 2}));
  EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{0, 1}));

  // Following in-edges walks the arrows backwards.
  auto chain = Make(3, {{0, 1}, {1, 2}});
  EXPECT_TRUE(MustPaths(*chain, 0, 2, Direction::kIn).empty());
  p = MustPaths(*chain, 2, 0, Direction::kIn);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].nodes, (std::vector<NodeIndex>{2, 1, 0}));
  EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{1, 0}));
}

TEST(PathsTest, BothDirectionsCountsOppositeEdgesSeparately) {
  auto g = Make(2, {{0, 1}, {1, 0}});
  auto p = MustPaths(*g, 0, 1, Direction::kBoth);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{0}));
  EXPECT_EQ(p[1].edges, (std::vector<EdgeIndex>{1}));
  EXPECT_EQ(MustPaths(*g, 0, 1, Direction::kOut).size(), 1u);
}

TEST(PathsTest, NoPathInDisconnectedGraph) {
  auto g = Make(4, {{0, 1}, {2, 3}});
  EXPECT_TRUE(MustPaths(*g, 0, 3, Direction::kBoth).empty());
  EXPECT_TRUE(MustPaths(*g, 3, 0, Direction::kBoth).empty());
}

TEST(PathsTest, SameNode) {
  auto g = Chain();
  auto p = MustPaths(*g, 2, 2, Direction::kOut);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].nodes, (std::vector<NodeIndex>{2}));
  EXPECT_TRUE(p[0].edges.empty());
}

TEST(PathsTest, MaxHops) {
  auto g = Make(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  EXPECT_TRUE(MustPaths(*g, 0, 4, Direction::kOut, 3).empty());
  EXPECT_EQ(MustPaths(*g, 0, 4, Direction::kOut, 4).size(), 1u);
  EXPECT_EQ(MustPaths(*g, 4, 0, Direction::kBoth, 4).size(), 1u);
  EXPECT_EQ(MustPaths(*g, 0, 1, Direction::kOut, 1).size(), 1u);
}

TEST(PathsTest, MaxPathsKeepsTheFirstInOrder) {
  // Layers {0} -> {1,2,3} -> {4,5} -> {6}: 6 shortest paths.
  auto g = Make(7, {{0, 1}, {0, 2}, {0, 3}, {1, 4}, {1, 5}, {2, 4}, {2, 5}, {3, 4}, {3, 5}, {4, 6}, {5, 6}});
  auto all = MustPaths(*g, 0, 6, Direction::kOut);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0].nodes, (std::vector<NodeIndex>{0, 1, 4, 6}));
  EXPECT_EQ(all[1].nodes, (std::vector<NodeIndex>{0, 1, 5, 6}));
  EXPECT_EQ(all[5].nodes, (std::vector<NodeIndex>{0, 3, 5, 6}));
  auto some = MustPaths(*g, 0, 6, Direction::kOut, 6, 4);
  ASSERT_EQ(some.size(), 4u);
  for (size_t i = 0; i < some.size(); ++i) EXPECT_EQ(some[i].nodes, all[i].nodes);
  // Same paths, walked backwards from the other end.
  auto back = MustPaths(*g, 6, 0, Direction::kIn);
  EXPECT_EQ(back.size(), 6u);
}

TEST(PathsTest, MaxExpanded) {
  Edges chain;
  for (NodeIndex i = 0; i + 1 < 50; ++i) chain.emplace_back(i, i + 1);
  auto g = Make(50, chain);
  PathOptions o;
  o.max_hops = 100;
  o.limits.max_expanded = 10;
  auto r = g->ShortestPaths(0, 49, o);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(r.status().message().find("max_expanded"), std::string::npos);
  o.limits.max_expanded = 100;
  r = g->ShortestPaths(0, 49, o);
  ASSERT_OK(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].edges.size(), 49u);
}

TEST(PathsTest, BadArguments) {
  auto g = Chain();
  PathOptions o;
  o.max_hops = 0;
  EXPECT_EQ(g->ShortestPaths(0, 1, o).status().code(), StatusCode::kInvalidArgument);
  o = PathOptions();
  o.max_paths = 0;
  EXPECT_EQ(g->ShortestPaths(0, 1, o).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(g->ShortestPaths(0, 99, {}).status().code(), StatusCode::kInvalidArgument);
}

// A small typed, weighted, dated graph for filters and path modes:
//   0 Ann (PERSON) -meet(w1, 2024-01)-> 1 Bob (PERSON) -meet(w1, 2024-02)-> 3 Dan (PERSON)
//   0 Ann -attack(w3, 2023-05)-> 2 Cy (ORG) -attack(w3, 2023-06)-> 3 Dan
//   0 Ann -call(w1, no date)-> 4 Eve (GPE) -call(w1)-> 5 Fay (PERSON) -call(w1)-> 3 Dan
//   3 Dan -meet(w2, 2025-01)-> 0 Ann
std::unique_ptr<Graph> Typed() {
  struct N {
    const char* name;
    EntityType type;
  };
  const N kNodes[] = {{"Ann", EntityType::kPerson}, {"Bob", EntityType::kPerson}, {"Cy", EntityType::kOrg},
                      {"Dan", EntityType::kPerson}, {"Eve", EntityType::kGpe},    {"Fay", EntityType::kPerson}};
  std::vector<GraphNode> nodes;
  for (const N& n : kNodes) {
    GraphNode g;
    g.entity_id = static_cast<int64_t>(nodes.size()) + 1;
    g.name = n.name;
    g.type = n.type;
    nodes.push_back(g);
  }
  struct E {
    NodeIndex s, t;
    const char* relation;
    const char* event;
    double weight;
    const char* first;
    const char* last;
  };
  const E kEdges[] = {{0, 1, "meet", "CONSULT", 1, "2024-01-10", "2024-01-10"},
                      {1, 3, "meet", "CONSULT", 1, "2024-02-10", "2024-02-10"},
                      {0, 2, "attack", "ASSAULT", 3, "2023-05-01", "2023-05-01"},
                      {2, 3, "attack", "ASSAULT", 3, "2023-06-01", "2023-06-30"},
                      {0, 4, "call", "", 1, "", ""},
                      {4, 5, "call", "", 1, "", ""},
                      {5, 3, "call", "", 1, "", ""},
                      {3, 0, "Meet", "consult", 2, "2025-01-01", "2025-01-01"}};
  std::vector<GraphEdge> edges;
  for (const E& e : kEdges) {
    GraphEdge g;
    g.relation_id = static_cast<int64_t>(edges.size()) + 1;
    g.source = e.s;
    g.target = e.t;
    g.relation = e.relation;
    g.event = e.event;
    g.weight = e.weight;
    g.first_date = e.first;
    g.last_date = e.last;
    edges.push_back(g);
  }
  return graph::BuildGraph(std::move(nodes), std::move(edges));
}

std::vector<NodeIndex> NodesOf(const Neighborhood& n) {
  std::vector<NodeIndex> out;
  for (const auto& [v, d] : n.nodes) out.push_back(v);
  return out;
}

Neighborhood Filtered(const Graph& g, NodeIndex start, int depth, GraphFilter filter,
                      Direction dir = Direction::kOut) {
  NeighborOptions o;
  o.depth = depth;
  o.direction = dir;
  o.filter = std::move(filter);
  auto r = g.Neighbors(start, o);
  EXPECT_OK(r);
  return r.ok() ? r.value() : Neighborhood{};
}

TEST(FilterTest, Vocabulary) {
  auto g = Typed();
  EXPECT_EQ(g->relation_names(), (std::vector<std::string>{"Meet", "attack", "call", "meet"}));
  EXPECT_EQ(g->event_names(), (std::vector<std::string>{"ASSAULT", "CONSULT", "consult"}));
  EXPECT_EQ(g->IncidentEdges(0, Direction::kBoth), (std::vector<EdgeIndex>{0, 2, 4, 7}));
  EXPECT_EQ(g->IncidentEdges(0, Direction::kIn), (std::vector<EdgeIndex>{7}));
  EXPECT_TRUE(g->IncidentEdges(99, Direction::kBoth).empty());
}

TEST(FilterTest, RelationsAndEventsIgnoreCase) {
  auto g = Typed();
  GraphFilter f;
  f.relations = {"MEET"};
  auto n = Filtered(*g, 0, 3, f, Direction::kBoth);
  EXPECT_EQ(NodesOf(n), (std::vector<NodeIndex>{0, 1, 3}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{0, 1, 7}));  // "Meet" and "meet" alike
  f = GraphFilter();
  f.events = {"assault"};
  n = Filtered(*g, 0, 3, f);
  EXPECT_EQ(NodesOf(n), (std::vector<NodeIndex>{0, 2, 3}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{2, 3}));
  f.events = {"assault", "consult"};
  n = Filtered(*g, 0, 1, f);
  EXPECT_EQ(NodesOf(n), (std::vector<NodeIndex>{0, 1, 2}));
  f.events = {"NOPE"};
  EXPECT_EQ(NodesOf(Filtered(*g, 0, 3, f)), (std::vector<NodeIndex>{0}));
}

TEST(FilterTest, NodeTypesExemptTheStart) {
  auto g = Typed();
  GraphFilter f;
  f.node_types = {EntityType::kPerson};
  auto n = Filtered(*g, 4, 4, f);  // Eve is a GPE but the start
  EXPECT_EQ(NodesOf(n), (std::vector<NodeIndex>{4, 5, 3, 0, 1}));
  f.node_types = {EntityType::kOrg, EntityType::kGpe};
  n = Filtered(*g, 0, 3, f);
  EXPECT_EQ(NodesOf(n), (std::vector<NodeIndex>{0, 2, 4}));
  EXPECT_EQ(n.edges, (std::vector<EdgeIndex>{2, 4}));
}

TEST(FilterTest, DatesAndWeight) {
  auto g = Typed();
  GraphFilter f;
  f.since = "2024";  // last_date on or after 2024: the meets; undated calls fail
  EXPECT_EQ(Filtered(*g, 0, 3, f, Direction::kBoth).edges, (std::vector<EdgeIndex>{0, 1, 7}));
  f.since = "2024-02";
  EXPECT_EQ(Filtered(*g, 3, 3, f, Direction::kBoth).edges, (std::vector<EdgeIndex>{1, 7}));
  f = GraphFilter();
  f.until = "2023-06";  // first_date on or before June 2023, whole month included
  EXPECT_EQ(Filtered(*g, 0, 3, f).edges, (std::vector<EdgeIndex>{2, 3}));
  f.since = "2023-06-15";
  EXPECT_EQ(Filtered(*g, 2, 1, f).edges, (std::vector<EdgeIndex>{3}));  // 2023-06-01..30 overlaps
  f = GraphFilter();
  f.min_weight = 2;
  EXPECT_EQ(Filtered(*g, 0, 3, f, Direction::kBoth).edges, (std::vector<EdgeIndex>{2, 3, 7}));
}

TEST(FilterTest, EdgesBetween) {
  auto g = Typed();
  EXPECT_EQ(g->Edges(0, std::nullopt, {}), (std::vector<EdgeIndex>{0, 2, 4}));
  EXPECT_EQ(g->Edges(std::nullopt, 3, {}), (std::vector<EdgeIndex>{1, 3, 6}));
  EXPECT_EQ(g->Edges(3, 0, {}), (std::vector<EdgeIndex>{7}));
  EXPECT_TRUE(g->Edges(0, 3, {}).empty());
  GraphFilter f;
  f.relations = {"meet"};
  EXPECT_EQ(g->Edges(std::nullopt, std::nullopt, f), (std::vector<EdgeIndex>{0, 1, 7}));
  f = GraphFilter();
  f.node_types = {EntityType::kPerson};
  EXPECT_EQ(g->Edges(std::nullopt, 3, f), (std::vector<EdgeIndex>{1, 6}));  // Cy is an ORG
  EXPECT_TRUE(g->Edges(42, std::nullopt, {}).empty());
}

std::vector<Path> Find(const Graph& g, NodeIndex from, NodeIndex to, PathMode mode, int64_t max_paths = 100,
                       bool weighted = false, int max_hops = 6, GraphFilter filter = {},
                       Direction dir = Direction::kOut) {
  PathOptions o;
  o.mode = mode;
  o.max_paths = max_paths;
  o.weighted = weighted;
  o.max_hops = max_hops;
  o.filter = std::move(filter);
  o.direction = dir;
  auto r = g.FindPaths(from, to, o);
  EXPECT_OK(r);
  return r.ok() ? r.value() : std::vector<Path>{};
}

std::vector<std::vector<NodeIndex>> NodeLists(const std::vector<Path>& paths) {
  std::vector<std::vector<NodeIndex>> out;
  for (const Path& p : paths) out.push_back(p.nodes);
  return out;
}

TEST(PathModesTest, ShortestIsTheFirstOfAllShortest) {
  auto g = Typed();
  auto all = Find(*g, 0, 3, PathMode::kAllShortest);
  EXPECT_EQ(NodeLists(all), (std::vector<std::vector<NodeIndex>>{{0, 1, 3}, {0, 2, 3}}));
  EXPECT_DOUBLE_EQ(all[0].cost, 2);
  auto one = Find(*g, 0, 3, PathMode::kShortest);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].nodes, all[0].nodes);
}

TEST(PathModesTest, WeightedPrefersStrongTies) {
  auto g = Typed();
  // Ann -attack(3)-> Cy -attack(3)-> Dan costs 2/3, the meets 2, the calls 3.
  auto p = Find(*g, 0, 3, PathMode::kShortest, 1, true);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].nodes, (std::vector<NodeIndex>{0, 2, 3}));
  EXPECT_NEAR(p[0].cost, 2.0 / 3, 1e-12);
  // Without the attacks the meets (cost 2) beat the calls (cost 3).
  GraphFilter f;
  f.relations = {"meet", "call"};
  p = Find(*g, 0, 3, PathMode::kAllShortest, 100, true, 6, f);
  EXPECT_EQ(NodeLists(p), (std::vector<std::vector<NodeIndex>>{{0, 1, 3}}));
}

TEST(PathModesTest, WeightedObeysTheHopLimit) {
  // 0 -> 3 directly with weight 1 (cost 1), or 0 -> 1 -> 2 -> 3 with weight 10 each (cost 0.3).
  std::vector<GraphNode> nodes(4);
  for (int i = 0; i < 4; ++i) nodes[i].entity_id = i + 1;
  std::vector<GraphEdge> edges;
  auto add = [&](NodeIndex s, NodeIndex t, double w) {
    GraphEdge e;
    e.source = s;
    e.target = t;
    e.weight = w;
    edges.push_back(e);
  };
  add(0, 3, 1);
  add(0, 1, 10);
  add(1, 2, 10);
  add(2, 3, 10);
  auto g = graph::BuildGraph(std::move(nodes), std::move(edges));
  EXPECT_EQ(Find(*g, 0, 3, PathMode::kShortest, 1, true, 3)[0].nodes, (std::vector<NodeIndex>{0, 1, 2, 3}));
  EXPECT_EQ(Find(*g, 0, 3, PathMode::kShortest, 1, true, 2)[0].nodes, (std::vector<NodeIndex>{0, 3}));
  EXPECT_EQ(Find(*g, 0, 3, PathMode::kShortest, 1, false, 3)[0].nodes, (std::vector<NodeIndex>{0, 3}));
  // k shortest by weight: the chain, then the direct edge.
  auto k = Find(*g, 0, 3, PathMode::kKShortest, 5, true, 3);
  EXPECT_EQ(NodeLists(k), (std::vector<std::vector<NodeIndex>>{{0, 1, 2, 3}, {0, 3}}));
}

TEST(PathModesTest, KShortestByHops) {
  auto g = Typed();
  auto k = Find(*g, 0, 3, PathMode::kKShortest, 10);
  EXPECT_EQ(NodeLists(k), (std::vector<std::vector<NodeIndex>>{{0, 1, 3}, {0, 2, 3}, {0, 4, 5, 3}}));
  EXPECT_EQ(Find(*g, 0, 3, PathMode::kKShortest, 2).size(), 2u);
  // Both directions add Dan -> Ann as a one-hop path.
  k = Find(*g, 0, 3, PathMode::kKShortest, 2, false, 6, {}, Direction::kBoth);
  EXPECT_EQ(NodeLists(k), (std::vector<std::vector<NodeIndex>>{{0, 3}, {0, 1, 3}}));
  EXPECT_EQ(k[0].edges, (std::vector<EdgeIndex>{7}));
}

TEST(PathModesTest, AllSimplePathsShortestFirst) {
  auto g = Typed();
  auto all = Find(*g, 0, 3, PathMode::kAllSimple);
  EXPECT_EQ(NodeLists(all), (std::vector<std::vector<NodeIndex>>{{0, 1, 3}, {0, 2, 3}, {0, 4, 5, 3}}));
  EXPECT_EQ(Find(*g, 0, 3, PathMode::kAllSimple, 100, false, 2).size(), 2u);
  EXPECT_EQ(NodeLists(Find(*g, 0, 3, PathMode::kAllSimple, 1)), (std::vector<std::vector<NodeIndex>>{{0, 1, 3}}));
  GraphFilter f;
  f.node_types = {EntityType::kGpe, EntityType::kPerson};  // not through Cy
  EXPECT_EQ(Find(*g, 0, 3, PathMode::kAllSimple, 100, false, 6, f).size(), 2u);
  PathOptions o;
  o.mode = PathMode::kAllSimple;
  o.weighted = true;
  EXPECT_EQ(g->FindPaths(0, 3, o).status().code(), StatusCode::kInvalidArgument);
}

TEST(PathModesTest, ParallelEdgesInEveryMode) {
  auto g = Make(3, {{0, 1}, {0, 1}, {1, 2}});
  for (PathMode mode : {PathMode::kAllShortest, PathMode::kKShortest, PathMode::kAllSimple}) {
    auto p = Find(*g, 0, 2, mode, 10);
    ASSERT_EQ(p.size(), 2u) << static_cast<int>(mode);
    EXPECT_EQ(p[0].edges, (std::vector<EdgeIndex>{0, 2}));
    EXPECT_EQ(p[1].edges, (std::vector<EdgeIndex>{1, 2}));
  }
}

TEST(LimitsTest, MaxExpandedInEveryMode) {
  Edges grid;  // a 30 x 30 grid, right and down: many paths from corner to corner
  auto id = [](int r, int c) { return static_cast<NodeIndex>(r * 30 + c); };
  for (int r = 0; r < 30; ++r)
    for (int c = 0; c < 30; ++c) {
      if (c + 1 < 30) grid.emplace_back(id(r, c), id(r, c + 1));
      if (r + 1 < 30) grid.emplace_back(id(r, c), id(r + 1, c));
    }
  auto g = Make(900, grid);
  for (PathMode mode : {PathMode::kAllShortest, PathMode::kShortest, PathMode::kKShortest, PathMode::kAllSimple}) {
    for (bool weighted : {false, true}) {
      if (weighted && mode == PathMode::kAllSimple) continue;
      PathOptions o;
      o.mode = mode;
      o.weighted = weighted;
      o.max_hops = 60;
      o.max_paths = 1000000;
      o.limits.max_expanded = 500;
      auto r = g->FindPaths(0, 899, o);
      EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit) << static_cast<int>(mode) << weighted;
      EXPECT_NE(r.status().message().find("\"n0\" to \"n899\" expanded more than 500 nodes (max_expanded)"),
                std::string::npos)
          << r.status().message();
    }
  }
  NeighborOptions n;
  n.depth = 100;
  n.limits.max_expanded = 10;
  auto r = g->Neighbors(0, n);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(r.status().message().find("(max_expanded)"), std::string::npos);
}

TEST(LimitsTest, Timeout) {
  // All simple paths through a 12 x 12 grid in both directions: far more than a millisecond of work.
  Edges grid;
  auto id = [](int r, int c) { return static_cast<NodeIndex>(r * 12 + c); };
  for (int r = 0; r < 12; ++r)
    for (int c = 0; c < 12; ++c) {
      if (c + 1 < 12) grid.emplace_back(id(r, c), id(r, c + 1));
      if (r + 1 < 12) grid.emplace_back(id(r, c), id(r + 1, c));
    }
  auto g = Make(144, grid);
  PathOptions o;
  o.mode = PathMode::kAllSimple;
  o.direction = Direction::kBoth;
  o.max_hops = 60;
  o.max_paths = 1000000000;
  o.limits.max_expanded = 1LL << 40;
  o.limits.timeout_ms = 20;
  auto r = g->FindPaths(0, 143, o);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(r.status().message().find("took longer than 20 ms (timeout)"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace ag
