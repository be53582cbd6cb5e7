// libFuzzer target for the query lexer and parser (RE2 and DuckDB fuzz their parsers the same way). For any
// input the parser must either accept it, and then the canonical form of every statement must parse back
// to the same syntax tree, or reject it with a ParseError that names the script and ends with the caret
// line. Any crash, sanitizer report or broken property aborts. Build and run (clang only):
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DAG_BUILD_FUZZ=ON -DAG_BUILD_TESTS=ON
//   cmake --build build-fuzz --target query_parser_fuzz
//   mkdir -p /tmp/fuzz-work
//   build-fuzz/tests/fuzz/query_parser_fuzz -max_len=512 -dict=tests/fuzz/query.dict /tmp/fuzz-work tests/fuzz/corpus
// (new inputs go to the first directory). Keep every crash input: copy the crash-* file into
// tests/fuzz/corpus/ (the normal test build replays that directory through the parser, see
// tests/query/scripts_test.cc).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "query/ast.h"
#include "query/lexer.h"
#include "query/parser.h"

namespace {

void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "query_parser_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ag::query::SourceText source("fuzz", text);
  auto script = ag::query::Parse(source);
  if (!script.ok()) {
    const std::string& m = script.status().message();
    if (script.status().code() != ag::StatusCode::kParseError) Fail("not a ParseError", m);
    if (m.rfind("fuzz:", 0) != 0 || m.empty() || m.back() != '^') Fail("malformed error message", m);
    return 0;
  }
  std::string canonical;
  for (const auto& statement : script.value().statements) canonical += ag::query::CanonicalStatement(statement) + ";\n";
  ag::query::SourceText again_source("canonical", canonical);
  auto again = ag::query::Parse(again_source);
  if (!again.ok()) Fail("the canonical form does not parse", canonical + "\n" + again.status().message());
  if (ag::query::DumpScript(again.value()) != ag::query::DumpScript(script.value()))
    Fail("the canonical form parses to another tree",
         ag::query::DumpScript(script.value()) + "---\n" + ag::query::DumpScript(again.value()));
  return 0;
}
