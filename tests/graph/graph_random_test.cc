// Randomised cross-check of the graph engine against a plain breadth-first search written here: k-hop node
// sets and depths, the induced edge sets, shortest-path lengths, the number of shortest paths (parallel
// edges counted separately) and the validity and order of every path returned, on random multigraphs with
// self-loops and parallel edges, in all three directions. Also runs queries from several threads at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "actorgraph/graph.h"
#include "graph/graph_impl.h"
#include "test_util.h"

namespace ag {
namespace {

struct RawGraph {
  int n = 0;
  std::vector<std::pair<NodeIndex, NodeIndex>> edges;
};

RawGraph RandomGraph(std::mt19937& rng) {
  RawGraph g;
  g.n = std::uniform_int_distribution<int>(1, 40)(rng);
  int m = std::uniform_int_distribution<int>(0, g.n * 3)(rng);
  std::uniform_int_distribution<NodeIndex> node(0, static_cast<NodeIndex>(g.n - 1));
  for (int i = 0; i < m; ++i) {
    NodeIndex a = node(rng), b = node(rng);
    g.edges.emplace_back(a, b);
    if (rng() % 8 == 0) g.edges.emplace_back(a, b);  // parallel edge
  }
  return g;
}

std::unique_ptr<Graph> Build(const RawGraph& raw) {
  std::vector<GraphNode> nodes(raw.n);
  for (int i = 0; i < raw.n; ++i) nodes[i].entity_id = i + 1;
  std::vector<GraphEdge> edges;
  for (auto [a, b] : raw.edges) {
    GraphEdge e;
    e.source = a;
    e.target = b;
    edges.push_back(e);
  }
  return graph::BuildGraph(std::move(nodes), std::move(edges));
}

// Steps (neighbour, edge) from v that a walk in `dir` may take.
std::vector<std::pair<NodeIndex, EdgeIndex>> Steps(const RawGraph& g, NodeIndex v, Direction dir) {
  std::vector<std::pair<NodeIndex, EdgeIndex>> out;
  for (EdgeIndex i = 0; i < g.edges.size(); ++i) {
    auto [a, b] = g.edges[i];
    if (dir != Direction::kIn && a == v) out.emplace_back(b, i);
    if (dir != Direction::kOut && b == v) out.emplace_back(a, i);
  }
  return out;
}

std::vector<int> Bfs(const RawGraph& g, NodeIndex start, Direction dir) {
  std::vector<int> dist(g.n, -1);
  std::vector<NodeIndex> queue{start};
  dist[start] = 0;
  for (size_t i = 0; i < queue.size(); ++i)
    for (auto [w, e] : Steps(g, queue[i], dir))
      if (dist[w] < 0) {
        dist[w] = dist[queue[i]] + 1;
        queue.push_back(w);
      }
  return dist;
}

// Number of shortest walks from `from` to every node, saturating at 1e9.
std::vector<int64_t> CountShortest(const RawGraph& g, NodeIndex from, Direction dir, const std::vector<int>& dist) {
  std::vector<NodeIndex> order;
  for (int v = 0; v < g.n; ++v)
    if (dist[v] >= 0) order.push_back(v);
  std::sort(order.begin(), order.end(), [&](NodeIndex a, NodeIndex b) { return dist[a] < dist[b]; });
  std::vector<int64_t> count(g.n, 0);
  count[from] = 1;
  for (NodeIndex v : order)
    for (auto [w, e] : Steps(g, v, dir))
      if (dist[w] == dist[v] + 1) count[w] = std::min<int64_t>(count[w] + count[v], 1000000000);
  return count;
}

const Direction kDirections[] = {Direction::kOut, Direction::kIn, Direction::kBoth};

TEST(GraphRandomTest, NeighborsMatchBfs) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    RawGraph raw = RandomGraph(rng);
    auto g = Build(raw);
    NodeIndex start = rng() % raw.n;
    for (Direction dir : kDirections) {
      std::vector<int> dist = Bfs(raw, start, dir);
      for (int depth = 0; depth <= 4; ++depth) {
        NeighborOptions o;
        o.depth = depth;
        o.direction = dir;
        auto r = g->Neighbors(start, o);
        ASSERT_OK(r);
        std::vector<std::pair<NodeIndex, int>> expected{{start, 0}};
        for (int d = 1; d <= depth; ++d)
          for (int v = 0; v < raw.n; ++v)
            if (dist[v] == d) expected.emplace_back(v, d);
        ASSERT_EQ(r->nodes, expected) << "round " << round << " depth " << depth;
        std::vector<EdgeIndex> edges;
        for (EdgeIndex i = 0; i < raw.edges.size(); ++i) {
          auto [a, b] = raw.edges[i];
          if (dist[a] >= 0 && dist[a] <= depth && dist[b] >= 0 && dist[b] <= depth) edges.push_back(i);
        }
        ASSERT_EQ(r->edges, edges) << "round " << round << " depth " << depth;
      }
    }
  }
}

TEST(GraphRandomTest, ShortestPathsMatchBfs) {
  std::mt19937 rng(777);
  for (int round = 0; round < 300; ++round) {
    RawGraph raw = RandomGraph(rng);
    auto g = Build(raw);
    for (int pair = 0; pair < 5; ++pair) {
      NodeIndex from = rng() % raw.n, to = rng() % raw.n;
      for (Direction dir : kDirections) {
        std::vector<int> dist = Bfs(raw, from, dir);
        std::vector<int64_t> count = CountShortest(raw, from, dir, dist);
        PathOptions o;
        o.direction = dir;
        o.max_hops = 1 + static_cast<int>(rng() % 6);
        o.max_paths = 1 + static_cast<int64_t>(rng() % 20);
        auto r = g->ShortestPaths(from, to, o);
        ASSERT_OK(r);
        const std::vector<Path>& paths = *r;
        if (dist[to] < 0 || dist[to] > o.max_hops) {
          ASSERT_TRUE(paths.empty()) << "round " << round;
          continue;
        }
        ASSERT_EQ(static_cast<int64_t>(paths.size()), std::min(count[to], o.max_paths)) << "round " << round;
        for (size_t p = 0; p < paths.size(); ++p) {
          const Path& path = paths[p];
          ASSERT_EQ(static_cast<int>(path.edges.size()), dist[to]);
          ASSERT_EQ(path.nodes.size(), path.edges.size() + 1);
          ASSERT_EQ(path.nodes.front(), from);
          ASSERT_EQ(path.nodes.back(), to);
          for (size_t i = 0; i < path.edges.size(); ++i) {
            auto [a, b] = raw.edges[path.edges[i]];
            NodeIndex u = path.nodes[i], v = path.nodes[i + 1];
            bool forward = a == u && b == v, backward = a == v && b == u;
            bool ok = dir == Direction::kOut ? forward : dir == Direction::kIn ? backward : forward || backward;
            ASSERT_TRUE(ok) << "round " << round << " path " << p << " step " << i;
          }
          if (p > 0) {  // strictly increasing in (next node, edge) order: distinct and deterministic
            std::vector<std::pair<NodeIndex, EdgeIndex>> prev, cur;
            for (size_t i = 0; i < path.edges.size(); ++i) {
              prev.emplace_back(paths[p - 1].nodes[i + 1], paths[p - 1].edges[i]);
              cur.emplace_back(path.nodes[i + 1], path.edges[i]);
            }
            ASSERT_LT(prev, cur) << "round " << round;
          }
        }
      }
    }
  }
}

TEST(GraphRandomTest, ConcurrentQueriesAgree) {
  std::mt19937 rng(99);
  RawGraph raw;
  raw.n = 300;
  for (int i = 0; i < 900; ++i) raw.edges.emplace_back(rng() % raw.n, rng() % raw.n);
  auto g = Build(raw);
  auto run = [&](std::vector<size_t>* sizes) {
    for (NodeIndex v = 0; v < 60; ++v) {
      NeighborOptions n;
      n.depth = 2;
      sizes->push_back(g->Neighbors(v, n)->nodes.size());
      PathOptions p;
      sizes->push_back(g->ShortestPaths(v, (v * 7 + 3) % raw.n, p)->size());
    }
  };
  std::vector<size_t> expected;
  run(&expected);
  std::vector<std::vector<size_t>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back(run, &r);
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
}  // namespace ag
