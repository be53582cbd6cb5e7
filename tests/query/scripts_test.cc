// Query behaviour as script files with expected output (DuckDB's sqllogictest, Kuzu's .test files):
//
// 1. Golden scripts. Every tests/query/scripts/NAME.kgq runs against a store ingested from
//    tests/query/fixtures/small.triples.jsonl (a tiny graph whose answers are known by construction; its
//    drawing is in tests/query/fixtures/README.md) and its output must equal NAME.out exactly: stdout, then
//    "-- error: <code>" and the message when the script fails, then "-- files:" and the files it exported.
//    A first line "-- format: json" (or csv) picks the output format; the default is table. Scripts run in
//    an empty temporary directory, so exports land there. After a deliberate change, regenerate with
//      AG_UPDATE_GOLDEN=1 build/tests/query_test --gtest_filter='GoldenScripts*'
//    and review the diff.
// 2. Example scripts. Every queries/NAME.kgq runs against the demo corpus (data/samples and
//    data/samples-jsonl) in JSON and must satisfy queries/expected/NAME.json: one JSON object of checks per
//    statement (keys in CheckFacts below). The extractor keeps improving, so these check structure and a
//    few stable facts (the start node, that a path exists and its ends, that an actor is there), not the
//    whole output.
// 3. Fuzz regressions. Every file in tests/fuzz/corpus/ (inputs the libFuzzer target found or was seeded
//    with) goes through the lexer and parser: accepted, or rejected with a well-formed located error.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/extract.h"
#include "actorgraph/graph.h"
#include "actorgraph/query.h"
#include "actorgraph/store.h"
#include "test_util.h"

namespace ag {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = AG_SOURCE_DIR;

// Ingests `paths` into a new store in `dir`; triples documents are renamed to their file name so that
// evidence shows the same document id wherever the tree is checked out.
void IngestInto(Store& store, const std::vector<std::string>& paths, InputFormat format) {
  auto reader = DocumentReader::Open(paths, format);
  ASSERT_OK(reader);
  ExtractorOptions options;
  options.data_dir = (kSource / "data").string();
  auto extractor = Extractor::Create(options);
  ASSERT_OK(extractor);
  Document doc;
  while (true) {
    auto more = (*reader)->Next(&doc);
    ASSERT_OK(more);
    if (!more.value()) break;
    if (doc.is_triples) doc.id = fs::path(doc.id).filename().string();
    auto extraction = (*extractor)->Extract(doc);
    ASSERT_OK(extraction);
    ASSERT_OK(store.Ingest(doc, extraction.value()));
  }
}

struct Loaded {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<Graph> graph;
};

std::unique_ptr<Loaded> Load(const std::vector<std::string>& paths, InputFormat format) {
  auto loaded = std::make_unique<Loaded>();
  auto store = Store::Open(loaded->dir.File("test.db"));
  EXPECT_OK(store);
  if (!store.ok()) return nullptr;
  loaded->store = std::move(store).value();
  IngestInto(*loaded->store, paths, format);
  auto graph = Graph::Load(*loaded->store);
  EXPECT_OK(graph);
  if (!graph.ok()) return nullptr;
  loaded->graph = std::move(graph).value();
  return loaded;
}

// Runs with the working directory set to `dir` (exports are relative to it), then restores it.
Status RunIn(const std::string& dir, const std::string& name, const std::string& script, Loaded& db,
             const QueryOptions& options, std::string* out) {
  const fs::path before = fs::current_path();
  fs::current_path(dir);
  std::ostringstream stream;
  Status s = RunQueryScript(name, script, *db.store, *db.graph, options, stream);
  fs::current_path(before);
  *out = stream.str();
  return s;
}

std::vector<fs::path> Files(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Every file (and directory) under `dir`, relative, sorted.
std::string ListFiles(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    names.push_back(fs::relative(e.path(), dir).string() + (e.is_directory() ? "/" : ""));
  std::sort(names.begin(), names.end());
  std::string out;
  for (const std::string& n : names) out += n + "\n";
  return out;
}

TEST(GoldenScripts, MatchTheirExpectedOutput) {
  auto db = Load({(kSource / "tests/query/fixtures/small.triples.jsonl").string()}, InputFormat::kTriples);
  ASSERT_TRUE(db);
  const bool update = std::getenv("AG_UPDATE_GOLDEN") != nullptr;
  const auto scripts = Files(kSource / "tests/query/scripts", ".kgq");
  ASSERT_GE(scripts.size(), 5u);
  for (const fs::path& path : scripts) {
    SCOPED_TRACE(path.string());
    const std::string script = testing::ReadFile(path.string());
    QueryOptions options;
    if (script.rfind("-- format: json", 0) == 0) options.format = OutputFormat::kJson;
    if (script.rfind("-- format: csv", 0) == 0) options.format = OutputFormat::kCsv;
    testing::TempDir cwd;
    std::string out;
    Status s = RunIn(cwd.path(), path.filename().string(), script, *db, options, &out);
    if (!s.ok()) out += std::string("-- error: ") + StatusCodeName(s.code()) + "\n" + s.message() + "\n";
    const std::string files = ListFiles(cwd.path());
    if (!files.empty()) out += "-- files:\n" + files;
    fs::path expected_path = path;
    expected_path.replace_extension(".out");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << out;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path << "; run with AG_UPDATE_GOLDEN=1";
    EXPECT_EQ(out, testing::ReadFile(expected_path.string()));
  }
}

// The checks a line of queries/expected/NAME.json may hold, against one statement's JSON output:
//   "statement": exact source text;  "first_node": nodes[0].name;  "nodes_include": [names];
//   "min_nodes", "min_edges": counts;  "min_paths": count;  "path_ends": [from, to] of every path;
//   "max_hops": every path at most this long;  "entity": entity.name;  "entity_type": entity.type;
//   "min_relations": count of relations;  "relations_touch": a name every relation has as source or
//   target;  "export_format": export.format;  "let": let.name.
void CheckFacts(const rapidjson::Value& facts, const rapidjson::Value& got, const std::string& where) {
  auto names = [](const rapidjson::Value& nodes) {
    std::vector<std::string> out;
    for (const auto& n : nodes.GetArray()) out.push_back(n.IsString() ? n.GetString() : n["name"].GetString());
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (const auto& m : facts.GetObject()) {
    const std::string key = m.name.GetString();
    const rapidjson::Value& want = m.value;
    SCOPED_TRACE(where + " check " + key);
    if (key == "statement") {
      EXPECT_STREQ(got["statement"].GetString(), want.GetString());
    } else if (key == "first_node") {
      ASSERT_TRUE(got.HasMember("nodes") && got["nodes"].Size() > 0);
      EXPECT_STREQ(got["nodes"][0]["name"].GetString(), want.GetString());
    } else if (key == "nodes_include") {
      ASSERT_TRUE(got.HasMember("nodes"));
      auto present = names(got["nodes"]);
      for (const auto& n : want.GetArray()) EXPECT_TRUE(has(present, n.GetString())) << n.GetString();
    } else if (key == "min_nodes") {
      EXPECT_GE(got["nodes"].Size(), want.GetUint());
    } else if (key == "min_edges") {
      EXPECT_GE(got["edges"].Size(), want.GetUint());
    } else if (key == "min_paths") {
      EXPECT_GE(got["paths"].Size(), want.GetUint());
    } else if (key == "path_ends") {
      for (const auto& p : got["paths"].GetArray()) {
        auto n = names(p["nodes"]);
        EXPECT_EQ(n.front(), want[0].GetString());
        EXPECT_EQ(n.back(), want[1].GetString());
        EXPECT_EQ(p["edges"].Size() + 1, p["nodes"].Size());
      }
    } else if (key == "max_hops") {
      for (const auto& p : got["paths"].GetArray()) EXPECT_LE(p["hops"].GetUint(), want.GetUint());
    } else if (key == "entity") {
      EXPECT_STREQ(got["entity"]["name"].GetString(), want.GetString());
    } else if (key == "entity_type") {
      EXPECT_STREQ(got["entity"]["type"].GetString(), want.GetString());
    } else if (key == "min_relations") {
      EXPECT_GE(got["relations"].Size(), want.GetUint());
    } else if (key == "relations_touch") {
      for (const auto& r : got["relations"].GetArray())
        EXPECT_TRUE(want.GetString() == std::string(r["source"].GetString()) ||
                    want.GetString() == std::string(r["target"].GetString()));
    } else if (key == "export_format") {
      EXPECT_STREQ(got["export"]["format"].GetString(), want.GetString());
    } else if (key == "let") {
      EXPECT_STREQ(got["let"]["name"].GetString(), want.GetString());
    } else {
      ADD_FAILURE() << "unknown check " << key;
    }
  }
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

TEST(ExampleScripts, SatisfyTheirExpectedFacts) {
  auto db = Load({(kSource / "data/samples").string(), (kSource / "data/samples-jsonl").string()}, InputFormat::kAuto);
  ASSERT_TRUE(db);
  const auto scripts = Files(kSource / "queries", ".kgq");
  ASSERT_GE(scripts.size(), 6u);
  for (const fs::path& path : scripts) {
    SCOPED_TRACE(path.string());
    testing::TempDir cwd;
    fs::create_directories(fs::path(cwd.path()) / "graph_exports");
    QueryOptions options;
    options.format = OutputFormat::kJson;
    std::string out;
    ASSERT_OK(RunIn(cwd.path(), path.string(), testing::ReadFile(path.string()), *db, options, &out));
    const fs::path expected = path.parent_path() / "expected" / (path.stem().string() + ".json");
    ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
    std::vector<std::string> got = Lines(out), want = Lines(testing::ReadFile(expected.string()));
    ASSERT_EQ(got.size(), want.size()) << "one line of checks per statement";
    for (size_t i = 0; i < got.size(); ++i) {
      rapidjson::Document g, w;
      g.Parse(got[i].c_str());
      w.Parse(want[i].c_str());
      ASSERT_TRUE(g.IsObject()) << got[i];
      ASSERT_TRUE(w.IsObject()) << expected << " line " << i + 1;
      CheckFacts(w, g, expected.filename().string() + ":" + std::to_string(i + 1));
    }
  }
}

TEST(FuzzRegressions, CorpusInputsParseOrFailCleanly) {
  const auto dir = kSource / "tests/fuzz/corpus";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " is missing";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string input = testing::ReadFile(entry.path().string());
    Status s = CheckQueryScript("fuzz", input);
    ++checked;
    if (s.ok()) continue;
    SCOPED_TRACE(entry.path().string());
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_EQ(s.message().rfind("fuzz:", 0), 0u) << s.message();
    EXPECT_EQ(s.message().back(), '^') << s.message();
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace ag
