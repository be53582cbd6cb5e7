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
  o.max_expanded = 10;
  auto r = g->ShortestPaths(0, 49, o);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(r.status().message().find("max_expanded"), std::string::npos);
  o.max_expanded = 100;
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

}  // namespace
}  // namespace ag
