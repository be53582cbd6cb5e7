// Google Benchmark of full extraction (segmentation, POS and mention taggers, actor rules, relations) on
// the BBC news articles of the development data (../shared/data/bbc-news, not part of the project; the
// benchmark says so and skips when it is absent). One thread, one Extractor, documents extracted one by
// one as `actorgraph extract` does; reports MB/s of text (the target is >= 1 MB/s per core).
// Run: make bench && build-bench/bench/extract_bench [--benchmark_filter=Extract]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/extract.h"

namespace {

std::string CorpusPath() {
  const char* env = std::getenv("AG_BBC_JSONL");
  if (env != nullptr && *env != '\0') return env;
  return std::string(AG_SOURCE_DIR) + "/../shared/data/bbc-news/bbc-news-2225.jsonl";
}

const std::vector<ag::Document>& Corpus() {
  static const std::vector<ag::Document> docs = [] {
    std::vector<ag::Document> out;
    auto reader = ag::DocumentReader::Open({CorpusPath()}, ag::InputFormat::kJsonl);
    if (!reader.ok()) return out;
    ag::Document d;
    while (true) {
      auto next = (*reader)->Next(&d);
      if (!next.ok() || !next.value()) break;
      out.push_back(d);
    }
    return out;
  }();
  return docs;
}

void BM_ExtractBbc(benchmark::State& state) {
  const auto& docs = Corpus();
  if (docs.empty()) {
    state.SkipWithError(("no corpus at " + CorpusPath() + " (set AG_BBC_JSONL)").c_str());
    return;
  }
  ag::ExtractorOptions options;
  options.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  auto extractor = ag::Extractor::Create(options);
  if (!extractor.ok()) {
    state.SkipWithError(extractor.status().ToString().c_str());
    return;
  }
  int64_t bytes = 0;
  size_t relations = 0;
  for (auto _ : state) {
    for (const ag::Document& d : docs) {
      auto x = (*extractor)->Extract(d);
      relations += x.ok() ? x->relations.size() : 0;
      bytes += static_cast<int64_t>(d.text.size());
    }
  }
  benchmark::DoNotOptimize(relations);
  state.SetBytesProcessed(bytes);
  state.counters["docs"] = static_cast<double>(docs.size());
}
BENCHMARK(BM_ExtractBbc)->Unit(benchmark::kMillisecond)->Iterations(3)->MeasureProcessCPUTime();

void BM_ExtractorCreate(benchmark::State& state) {
  ag::ExtractorOptions options;
  options.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  for (auto _ : state) {
    auto extractor = ag::Extractor::Create(options);
    benchmark::DoNotOptimize(extractor.ok());
  }
}
BENCHMARK(BM_ExtractorCreate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
