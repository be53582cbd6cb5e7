// Google Benchmark of the name keys that run on every person name at ingest: text::NameKey and the
// transliteration-folded text::FoldedNameKey / FoldedSurnameKey over a fixed list of person names (common
// public names and invented ones, ASCII and not). Reports names per second; the first call, which compiles
// the transliteration table, happens before timing.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "text/normalize.h"

namespace {

const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {
      "Ahmed al-Shara'a",
      "Ahmad Al-Sharaa",
      "President Al-Khateeb",
      "Leyla Qasabjiou",
      "Mohammed bin Salman",
      "Hassan Rouhani",
      "Abdel Fattah el-Sisi",
      "Mikhail Gorbachev",
      "Boris Yeltsin",
      "Paul Volcker",
      "Karim Haddad",
      "Elena Markovic",
      "Abu Bakr al-Baghdadi",
      "Recep Tayyip Erdo\u011Fan",
      "Joe Biden",
      "Anne Walsh",
      "Abd ar-Rahman al-Kurdi",
      "Martin Luther King Jr.",
      "Sergei Shoigu",
      "Volodymyr Zelenskyy",
  };
  return names;
}

void BM_NameKey(benchmark::State& state) {
  for (auto _ : state)
    for (const std::string& n : Names()) benchmark::DoNotOptimize(ag::text::NameKey(n));
  state.SetItemsProcessed(state.iterations() * Names().size());
}
BENCHMARK(BM_NameKey);

void BM_FoldedNameKey(benchmark::State& state) {
  ag::text::FoldedNameKey("warm up");  // compiles the table
  for (auto _ : state)
    for (const std::string& n : Names()) benchmark::DoNotOptimize(ag::text::FoldedNameKey(n));
  state.SetItemsProcessed(state.iterations() * Names().size());
}
BENCHMARK(BM_FoldedNameKey);

void BM_FoldedSurnameKey(benchmark::State& state) {
  ag::text::FoldedSurnameKey("warm up");
  for (auto _ : state)
    for (const std::string& n : Names()) benchmark::DoNotOptimize(ag::text::FoldedSurnameKey(n));
  state.SetItemsProcessed(state.iterations() * Names().size());
}
BENCHMARK(BM_FoldedSurnameKey);

}  // namespace

BENCHMARK_MAIN();
