// Google Benchmark of the export writers: a synthetic store of N relations (random directed multigraph,
// N/10 actors, 20 verbs, one evidence sentence and a date per relation) is built once per size in a
// temporary directory; each benchmark writes the whole graph in one format to a stream that only counts
// bytes, so the numbers are the writers' own cost (store scans included, disk excluded). Reports bytes
// per second and relations per second. For the end-to-end comparison with NetworkX see
// bench/export_vs_networkx.sh.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <random>
#include <set>
#include <streambuf>
#include <string>
#include <tuple>

#include "actorgraph/export.h"
#include "actorgraph/graph.h"
#include "actorgraph/store.h"

namespace {

// A stream buffer that counts and discards.
class CountingBuf : public std::streambuf {
 public:
  size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<size_t>(n);
    return n;
  }
  int overflow(int c) override {
    ++bytes;
    return c;
  }
};

struct Fixture {
  std::string dir;
  std::unique_ptr<ag::Store> store;
  std::unique_ptr<ag::Graph> graph;
  ~Fixture() {
    graph.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// One store per size, built on first use and kept for the whole run.
Fixture& Get(int64_t relations) {
  static std::map<int64_t, std::unique_ptr<Fixture>> fixtures;
  auto& slot = fixtures[relations];
  if (slot) return *slot;
  slot = std::make_unique<Fixture>();
  std::string tmpl = (std::filesystem::temp_directory_path() / "ag-export-bench-XXXXXX").string();
  slot->dir = ::mkdtemp(tmpl.data());
  auto store = ag::Store::Open(slot->dir + "/bench.db");
  if (!store.ok()) std::abort();
  slot->store = std::move(store).value();

  static const char* kVerbs[] = {"meet", "visit", "warn", "criticize", "sanction", "attack", "support",
                                 "accuse", "host", "arrest", "threaten", "praise", "aid", "reject",
                                 "sign", "call", "fight", "join", "condemn", "urge"};
  const int64_t actors = std::max<int64_t>(relations / 10, 2);
  ag::Document doc;
  doc.id = "bench";
  doc.origin = "bench";
  doc.date = "2024-06-01";
  ag::Extraction ex;
  ex.doc_id = "bench";
  const std::string sentence = "Actor 1 met Actor 2 & <friends> in \"Geneva\".";
  doc.text = sentence;
  ex.sentences.push_back({0, static_cast<int64_t>(sentence.size())});
  for (int64_t a = 0; a < actors; ++a) {
    ag::Entity e;
    e.id = "a" + std::to_string(a);
    e.name = "Actor " + std::to_string(a);
    e.type = static_cast<ag::EntityType>(1 + a % 3);
    ex.entities.push_back(std::move(e));
  }
  std::mt19937_64 rng(7);
  std::set<std::tuple<int64_t, int, int64_t>> seen;
  while (static_cast<int64_t>(seen.size()) < relations) {
    int64_t s = static_cast<int64_t>(rng() % actors), t = static_cast<int64_t>(rng() % actors);
    int v = static_cast<int>(rng() % 20);
    if (s == t || !seen.insert({s, v, t}).second) continue;
    ag::Relation r;
    r.source = "a" + std::to_string(s);
    r.target = "a" + std::to_string(t);
    r.relation = kVerbs[v];
    r.event = "CONSULT";
    r.end = 1;
    char date[16];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", static_cast<int>(1 + rng() % 12),
                  static_cast<int>(1 + rng() % 28));
    r.date = date;
    ex.relations.push_back(std::move(r));
  }
  if (!slot->store->Ingest(doc, ex).ok()) std::abort();
  auto graph = ag::Graph::Load(*slot->store);
  if (!graph.ok()) std::abort();
  slot->graph = std::move(graph).value();
  return *slot;
}

void BM_Export(benchmark::State& state, ag::ExportFormat format) {
  Fixture& f = Get(state.range(0));
  size_t bytes = 0;
  for (auto _ : state) {
    CountingBuf buf;
    std::ostream out(&buf);
    if (format == ag::ExportFormat::kCsv) {
      CountingBuf rels_buf;
      std::ostream rels(&rels_buf);
      if (!ag::ExportCsv(*f.graph, *f.store, {}, out, rels).ok()) state.SkipWithError("export failed");
      bytes += rels_buf.bytes;
    } else if (!ag::ExportGraph(*f.graph, *f.store, {}, format, out).ok()) {
      state.SkipWithError("export failed");
    }
    bytes += buf.bytes;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["relations"] = static_cast<double>(state.range(0));
}

}  // namespace

BENCHMARK_CAPTURE(BM_Export, graphml, ag::ExportFormat::kGraphML)
    ->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, gexf, ag::ExportFormat::kGexf)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, json, ag::ExportFormat::kJson)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Export, csv, ag::ExportFormat::kCsv)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
