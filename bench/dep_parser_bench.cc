// Google Benchmark of the dependency parser (src/extract/dep_parser.h) on the sentences of the BBC news
// articles of the development data (../shared/data/bbc-news, not part of the project; the benchmark says
// so and skips when it is absent): POS tagging alone, parsing alone (tags computed beforehand), and both,
// one thread, sentence by sentence as the extractor would call them. Reports MB/s of text and tokens/s
// (items); the target is POS + parsing well under 0.5 s per MB per core. tools/train_parser speed measures
// the same in CPU time.
// Run: make bench && build-bench/bench/dep_parser_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actorgraph/document.h"
#include "extract/dep_parser.h"
#include "extract/pos_tagger.h"
#include "text/segment.h"

namespace {

std::string CorpusPath() {
  const char* env = std::getenv("AG_BBC_JSONL");
  if (env != nullptr && *env != '\0') return env;
  return std::string(AG_SOURCE_DIR) + "/../shared/data/bbc-news/bbc-news-2225.jsonl";
}

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::vector<std::string_view>> sentences;  // ICU tokens, pointing into `texts`
  std::vector<std::vector<uint8_t>> tags;
  int64_t bytes = 0;
  int64_t tokens = 0;
  std::unique_ptr<ag::extract::PosTagger> pos;
  std::unique_ptr<ag::extract::DepParser> parser;
  std::string error;
};

const Corpus& Load() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    auto pos = ag::extract::PosTagger::Load(std::string(AG_SOURCE_DIR) + "/data/models/pos-ewt.model");
    auto dep = ag::extract::DepParser::Load(std::string(AG_SOURCE_DIR) + "/data/models/dep-ewt.model");
    if (!pos.ok() || !dep.ok()) {
      // The parser's model is not shipped (extraction does not use it): docs/evaluation.md says how to
      // train it into data/models/.
      c->error = !pos.ok() ? pos.status().ToString()
                           : dep.status().ToString() + " (train it first: docs/evaluation.md, Dependency parser)";
      return c;
    }
    c->pos = std::move(pos).value();
    c->parser = std::move(dep).value();
    auto reader = ag::DocumentReader::Open({CorpusPath()}, ag::InputFormat::kJsonl);
    if (!reader.ok()) {
      c->error = "no corpus at " + CorpusPath() + " (set AG_BBC_JSONL)";
      return c;
    }
    ag::Document d;
    while (true) {
      auto next = (*reader)->Next(&d);
      if (!next.ok() || !next.value()) break;
      c->texts.push_back(d.text);
    }
    for (const std::string& text : c->texts) {
      c->bytes += static_cast<int64_t>(text.size());
      ag::text::Segmentation seg = ag::text::Segment(text);
      for (const ag::text::Sentence& s : seg.sentences) {
        auto& words = c->sentences.emplace_back();
        for (int t = s.first_token; t < s.end_token; ++t)
          words.emplace_back(text.data() + seg.tokens[t].begin, seg.tokens[t].end - seg.tokens[t].begin);
        c->tokens += static_cast<int64_t>(words.size());
      }
    }
    c->tags.resize(c->sentences.size());
    for (size_t i = 0; i < c->sentences.size(); ++i) c->pos->Tag(c->sentences[i], &c->tags[i]);
    if (c->sentences.empty()) c->error = "no sentences in " + CorpusPath();
    return c;
  }();
  return *corpus;
}

enum class Stage { kPos, kParse, kBoth };

void Run(benchmark::State& state, Stage stage) {
  const Corpus& c = Load();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return;
  }
  std::vector<uint8_t> tags;
  ag::extract::DepTree tree;
  size_t roots = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < c.sentences.size(); ++i) {
      if (stage == Stage::kParse) {
        c.parser->Parse(c.sentences[i], c.tags[i], &tree);
        roots += !tree.heads.empty();
        continue;
      }
      c.pos->Tag(c.sentences[i], &tags);
      if (stage == Stage::kBoth) {
        c.parser->Parse(c.sentences[i], tags, &tree);
        roots += !tree.heads.empty();
      }
    }
  }
  benchmark::DoNotOptimize(roots);
  state.SetBytesProcessed(c.bytes * static_cast<int64_t>(state.iterations()));
  state.SetItemsProcessed(c.tokens * static_cast<int64_t>(state.iterations()));
}

void BM_PosTagBbc(benchmark::State& state) { Run(state, Stage::kPos); }
void BM_ParseBbc(benchmark::State& state) { Run(state, Stage::kParse); }
void BM_PosAndParseBbc(benchmark::State& state) { Run(state, Stage::kBoth); }

BENCHMARK(BM_PosTagBbc)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ParseBbc)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_PosAndParseBbc)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
