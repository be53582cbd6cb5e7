// Which Boost.Graph representation the graph engine should use: compressed_sparse_row_graph against
// adjacency_list (vecS, bidirectional), both built from the same random multigraph (default 200,000 nodes
// and 1,000,000 edges, the size of bench/query_bench.py), measured on what a query process does: build once,
// then walk two-hop neighbourhoods in both directions. Reports the heap each representation holds
// (mallinfo2) as the counter heap_MB. The engine itself is measured end to end by bench/query_bench.py.
//   build-bench/bench/graph_build_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>

namespace {

constexpr uint32_t kNodes = 200000;
constexpr uint32_t kEdges = 1000000;

struct EdgeId {
  uint32_t id = 0;
};

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeId,
                                               boost::no_property, uint32_t, uint32_t>;
using AdjList = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeId>;

const std::vector<std::pair<uint32_t, uint32_t>>& RandomEdges() {
  static const auto edges = [] {
    std::mt19937 rng(1);
    std::uniform_int_distribution<uint32_t> node(0, kNodes - 1);
    std::vector<std::pair<uint32_t, uint32_t>> e(kEdges);
    for (auto& p : e) p = {node(rng), node(rng)};
    return e;
  }();
  return edges;
}

std::vector<EdgeId> Ids() {
  std::vector<EdgeId> ids(kEdges);
  for (uint32_t i = 0; i < kEdges; ++i) ids[i].id = i;
  return ids;
}

size_t HeapBytes() { return mallinfo2().uordblks; }

Csr BuildCsr() {
  const auto& e = RandomEdges();
  const auto ids = Ids();
  return Csr(boost::edges_are_unsorted_multi_pass, e.begin(), e.end(), ids.begin(), kNodes);
}

AdjList BuildAdjList() {
  const auto& e = RandomEdges();
  AdjList g(kNodes);
  for (uint32_t i = 0; i < kEdges; ++i) boost::add_edge(e[i].first, e[i].second, EdgeId{i}, g);
  return g;
}

template <typename G, typename Build>
void BuildBench(benchmark::State& state, Build build) {
  RandomEdges();
  size_t heap = 0;
  for (auto _ : state) {
    const size_t before = HeapBytes();
    G g = build();
    heap = HeapBytes() - before;
    benchmark::DoNotOptimize(g);
  }
  state.counters["heap_MB"] = static_cast<double>(heap) / 1e6;
}

// Two-hop neighbourhoods in both directions from 1,000 random nodes, counting the nodes reached.
template <typename G>
void TwoHopBench(benchmark::State& state, const G& g) {
  std::vector<uint32_t> mark(kNodes, 0);
  uint32_t epoch = 0;
  std::mt19937 rng(7);
  size_t reached = 0;
  for (auto _ : state) {
    for (int q = 0; q < 1000; ++q) {
      ++epoch;
      std::vector<uint32_t> layer{static_cast<uint32_t>(rng() % kNodes)}, next;
      mark[layer[0]] = epoch;
      for (int depth = 0; depth < 2; ++depth) {
        next.clear();
        for (uint32_t v : layer) {
          auto visit = [&](uint32_t w) {
            if (mark[w] != epoch) {
              mark[w] = epoch;
              next.push_back(w);
            }
          };
          for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) visit(boost::target(*it, g));
          for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) visit(boost::source(*it, g));
        }
        reached += next.size();
        layer.swap(next);
      }
    }
  }
  benchmark::DoNotOptimize(reached);
  state.SetItemsProcessed(state.iterations() * 1000);
}

void BM_BuildCsr(benchmark::State& state) { BuildBench<Csr>(state, BuildCsr); }
void BM_BuildAdjacencyList(benchmark::State& state) { BuildBench<AdjList>(state, BuildAdjList); }
void BM_TwoHopCsr(benchmark::State& state) {
  static const Csr g = BuildCsr();
  TwoHopBench(state, g);
}
void BM_TwoHopAdjacencyList(benchmark::State& state) {
  static const AdjList g = BuildAdjList();
  TwoHopBench(state, g);
}

BENCHMARK(BM_BuildCsr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildAdjacencyList)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwoHopCsr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwoHopAdjacencyList)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
