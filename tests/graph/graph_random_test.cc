// Randomised cross-check of the graph engine against a plain breadth-first search and a brute-force
// enumeration of simple paths written here: k-hop node sets and depths (also under relation, type and weight
// filters), the induced edge sets, shortest-path lengths, the number of shortest paths (parallel edges
// counted separately), the validity and order of every path returned, weighted cheapest paths under a hop
// limit, Yen's k shortest paths and all simple paths, on random multigraphs with self-loops and parallel
// edges, in all three directions. Also runs queries from several threads at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <string>
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

// Random small multigraphs with relation names r0..r2, weights 1..4 and node types PERSON / ORG, kept small
// enough that every simple path can be enumerated.
struct AttrGraph {
  RawGraph raw;
  std::vector<int> relation;    // per edge: 0..2
  std::vector<double> weight;   // per edge: 1..4
  std::vector<EntityType> type;  // per node
};

AttrGraph RandomAttrGraph(std::mt19937& rng, int max_nodes, int max_edges) {
  AttrGraph g;
  g.raw.n = std::uniform_int_distribution<int>(2, max_nodes)(rng);
  int m = std::uniform_int_distribution<int>(0, max_edges)(rng);
  for (int i = 0; i < m; ++i) {
    NodeIndex a = rng() % g.raw.n, b = rng() % g.raw.n;
    g.raw.edges.emplace_back(a, b);
    if (rng() % 6 == 0) g.raw.edges.emplace_back(a, b);  // parallel edge
  }
  for (size_t i = 0; i < g.raw.edges.size(); ++i) {
    g.relation.push_back(static_cast<int>(rng() % 3));
    g.weight.push_back(1 + static_cast<double>(rng() % 4));
  }
  for (int v = 0; v < g.raw.n; ++v) g.type.push_back(rng() % 3 == 0 ? EntityType::kOrg : EntityType::kPerson);
  return g;
}

std::unique_ptr<Graph> BuildAttr(const AttrGraph& a) {
  std::vector<GraphNode> nodes(a.raw.n);
  for (int i = 0; i < a.raw.n; ++i) {
    nodes[i].entity_id = i + 1;
    nodes[i].type = a.type[i];
  }
  std::vector<GraphEdge> edges;
  for (size_t i = 0; i < a.raw.edges.size(); ++i) {
    GraphEdge e;
    e.source = a.raw.edges[i].first;
    e.target = a.raw.edges[i].second;
    e.relation = "r" + std::to_string(a.relation[i]);
    e.weight = a.weight[i];
    edges.push_back(e);
  }
  return graph::BuildGraph(std::move(nodes), std::move(edges));
}

// A test-side filter: relation r0/r1 only, weight >= 2, and (except the exempt ends) PERSON nodes only.
struct TestFilter {
  bool relations = false, weight = false, types = false;
  GraphFilter ToGraph() const {
    GraphFilter f;
    if (relations) f.relations = {"r0", "R1"};
    if (weight) f.min_weight = 2;
    if (types) f.node_types = {EntityType::kPerson};
    return f;
  }
  bool EdgeOk(const AttrGraph& g, EdgeIndex e) const {
    return (!relations || g.relation[e] <= 1) && (!weight || g.weight[e] >= 2);
  }
  bool NodeOk(const AttrGraph& g, NodeIndex v, NodeIndex exempt_a, NodeIndex exempt_b) const {
    return !types || v == exempt_a || v == exempt_b || g.type[v] == EntityType::kPerson;
  }
};

TEST(GraphRandomTest, FilteredNeighborsMatchBfs) {
  std::mt19937 rng(4242);
  for (int round = 0; round < 300; ++round) {
    AttrGraph a = RandomAttrGraph(rng, 30, 80);
    auto g = BuildAttr(a);
    TestFilter tf{rng() % 2 == 0, rng() % 2 == 0, rng() % 2 == 0};
    NodeIndex start = rng() % a.raw.n;
    for (Direction dir : kDirections) {
      // Plain BFS over the allowed steps.
      std::vector<int> dist(a.raw.n, -1);
      std::vector<NodeIndex> queue{start};
      dist[start] = 0;
      for (size_t i = 0; i < queue.size(); ++i)
        for (auto [w, e] : Steps(a.raw, queue[i], dir))
          if (dist[w] < 0 && tf.EdgeOk(a, e) && tf.NodeOk(a, w, start, start)) {
            dist[w] = dist[queue[i]] + 1;
            queue.push_back(w);
          }
      const int depth = static_cast<int>(rng() % 4);
      NeighborOptions o;
      o.depth = depth;
      o.direction = dir;
      o.filter = tf.ToGraph();
      auto r = g->Neighbors(start, o);
      ASSERT_OK(r);
      std::vector<std::pair<NodeIndex, int>> expected{{start, 0}};
      for (int d = 1; d <= depth; ++d)
        for (int v = 0; v < a.raw.n; ++v)
          if (dist[v] == d) expected.emplace_back(v, d);
      ASSERT_EQ(r->nodes, expected) << "round " << round;
      std::vector<EdgeIndex> edges;
      for (EdgeIndex i = 0; i < a.raw.edges.size(); ++i) {
        auto [s, t] = a.raw.edges[i];
        if (dist[s] >= 0 && dist[s] <= depth && dist[t] >= 0 && dist[t] <= depth && tf.EdgeOk(a, i))
          edges.push_back(i);
      }
      ASSERT_EQ(r->edges, edges) << "round " << round;
    }
  }
}

struct BrutePath {
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;
  double cost = 0;
};

// Every simple path from `from` to `to` of 1..max_hops edges over the allowed steps, costs in path order.
std::vector<BrutePath> AllSimplePaths(const AttrGraph& a, NodeIndex from, NodeIndex to, Direction dir, int max_hops,
                                      const TestFilter& tf, bool weighted) {
  std::vector<BrutePath> out;
  BrutePath cur{{from}, {}, 0};
  std::vector<bool> on(a.raw.n, false);
  on[from] = true;
  std::function<void(NodeIndex)> walk = [&](NodeIndex v) {
    if (static_cast<int>(cur.edges.size()) == max_hops) return;
    for (auto [w, e] : Steps(a.raw, v, dir)) {
      if (on[w] || !tf.EdgeOk(a, e) || !tf.NodeOk(a, w, from, to)) continue;
      cur.nodes.push_back(w);
      cur.edges.push_back(e);
      if (w == to) {
        BrutePath p = cur;
        p.cost = 0;
        for (EdgeIndex x : p.edges) p.cost += weighted ? 1.0 / a.weight[x] : 1.0;
        out.push_back(p);
      } else {
        on[w] = true;
        walk(w);
        on[w] = false;
      }
      cur.nodes.pop_back();
      cur.edges.pop_back();
    }
  };
  if (from != to) walk(from);
  return out;
}

// (next node, edge) steps of a path, the order the engine lists paths of equal rank in.
std::vector<std::pair<NodeIndex, EdgeIndex>> StepsOf(const std::vector<NodeIndex>& nodes,
                                                     const std::vector<EdgeIndex>& edges) {
  std::vector<std::pair<NodeIndex, EdgeIndex>> s;
  for (size_t i = 0; i < edges.size(); ++i) s.emplace_back(nodes[i + 1], edges[i]);
  return s;
}

void CheckValid(const AttrGraph& a, const Path& p, NodeIndex from, NodeIndex to, Direction dir, int max_hops,
                const TestFilter& tf, const std::string& where) {
  ASSERT_EQ(p.nodes.front(), from) << where;
  ASSERT_EQ(p.nodes.back(), to) << where;
  ASSERT_EQ(p.nodes.size(), p.edges.size() + 1) << where;
  ASSERT_LE(static_cast<int>(p.edges.size()), max_hops) << where;
  std::vector<NodeIndex> sorted = p.nodes;
  std::sort(sorted.begin(), sorted.end());
  ASSERT_TRUE(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) << where << ": not simple";
  for (size_t i = 0; i < p.edges.size(); ++i) {
    auto [s, t] = a.raw.edges[p.edges[i]];
    NodeIndex u = p.nodes[i], v = p.nodes[i + 1];
    bool fwd = s == u && t == v, bwd = s == v && t == u;
    ASSERT_TRUE(dir == Direction::kOut ? fwd : dir == Direction::kIn ? bwd : fwd || bwd) << where;
    ASSERT_TRUE(tf.EdgeOk(a, p.edges[i]) && tf.NodeOk(a, v, from, to)) << where << ": filtered step";
  }
}

TEST(GraphRandomTest, PathModesMatchBruteForce) {
  std::mt19937 rng(31337);
  for (int round = 0; round < 400; ++round) {
    AttrGraph a = RandomAttrGraph(rng, 9, 18);
    auto g = BuildAttr(a);
    const NodeIndex from = rng() % a.raw.n, to = rng() % a.raw.n;
    if (from == to) continue;
    const Direction dir = kDirections[rng() % 3];
    const int max_hops = 1 + static_cast<int>(rng() % 5);
    const TestFilter tf{rng() % 3 == 0, rng() % 3 == 0, rng() % 3 == 0};
    const std::string where = "round " + std::to_string(round);
    for (bool weighted : {false, true}) {
      std::vector<BrutePath> all = AllSimplePaths(a, from, to, dir, max_hops, tf, weighted);
      double best = std::numeric_limits<double>::infinity();
      for (const BrutePath& p : all) best = std::min(best, p.cost);
      const double tolerance = 1e-9 * std::max(1.0, best);
      PathOptions o;
      o.direction = dir;
      o.max_hops = max_hops;
      o.weighted = weighted;
      o.filter = tf.ToGraph();

      // shortest: one path of the least cost.
      o.mode = PathMode::kShortest;
      auto r = g->FindPaths(from, to, o);
      ASSERT_OK(r);
      ASSERT_EQ(r->size(), all.empty() ? 0u : 1u) << where;
      if (!all.empty()) {
        CheckValid(a, (*r)[0], from, to, dir, max_hops, tf, where);
        ASSERT_NEAR((*r)[0].cost, best, tolerance) << where;
      }

      // all shortest: exactly the paths of the least cost, in step order.
      o.mode = PathMode::kAllShortest;
      o.max_paths = 1000;
      r = g->FindPaths(from, to, o);
      ASSERT_OK(r);
      std::vector<std::vector<std::pair<NodeIndex, EdgeIndex>>> expected, got;
      for (const BrutePath& p : all)
        if (p.cost <= best + tolerance) expected.push_back(StepsOf(p.nodes, p.edges));
      std::sort(expected.begin(), expected.end());
      for (const Path& p : *r) got.push_back(StepsOf(p.nodes, p.edges));
      ASSERT_EQ(got, expected) << where << (weighted ? " weighted" : "");

      // k shortest: k valid distinct simple paths whose costs are the k least.
      o.mode = PathMode::kKShortest;
      o.max_paths = 1 + static_cast<int64_t>(rng() % 6);
      r = g->FindPaths(from, to, o);
      ASSERT_OK(r);
      std::vector<double> costs;
      for (const BrutePath& p : all) costs.push_back(p.cost);
      std::sort(costs.begin(), costs.end());
      ASSERT_EQ(static_cast<int64_t>(r->size()), std::min<int64_t>(o.max_paths, costs.size())) << where;
      std::set<std::vector<EdgeIndex>> distinct;
      for (size_t i = 0; i < r->size(); ++i) {
        CheckValid(a, (*r)[i], from, to, dir, max_hops, tf, where);
        ASSERT_NEAR((*r)[i].cost, costs[i], 1e-9 * std::max(1.0, costs[i])) << where << " k path " << i;
        ASSERT_TRUE(distinct.insert((*r)[i].edges).second) << where << ": duplicate";
      }

      // all simple paths (unweighted only): every one, by hops then steps, capped.
      if (!weighted) {
        o.mode = PathMode::kAllSimple;
        o.max_paths = 1 + static_cast<int64_t>(rng() % 40);
        r = g->FindPaths(from, to, o);
        ASSERT_OK(r);
        std::vector<std::pair<size_t, std::vector<std::pair<NodeIndex, EdgeIndex>>>> order;
        for (const BrutePath& p : all) order.emplace_back(p.edges.size(), StepsOf(p.nodes, p.edges));
        std::sort(order.begin(), order.end());
        if (static_cast<int64_t>(order.size()) > o.max_paths) order.resize(static_cast<size_t>(o.max_paths));
        std::vector<std::pair<size_t, std::vector<std::pair<NodeIndex, EdgeIndex>>>> listed;
        for (const Path& p : *r) listed.emplace_back(p.edges.size(), StepsOf(p.nodes, p.edges));
        ASSERT_EQ(listed, order) << where;
      }
    }
  }
}

}  // namespace
}  // namespace ag
