// End-to-end query tests: scripts run against a real temporary Store and the Graph loaded from it, checking
// the exact json, table and csv output, name resolution (case folding, suggestions for unknown actors,
// candidates for ambiguous ones, canonical names beating aliases), limits, and that parse and name errors
// stop the script before any output.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include "actorgraph/query.h"
#include "graph/store_fixture.h"
#include "query/printer.h"
#include "test_util.h"

namespace ag {
namespace {

// Alice -meet(x2)-> Bob -warn-> Carol <-hire- Acme Corp;  The "Hawks" -praise-> Alice;  Zed alone.
// "Hale" is an alias of Richard Hale and of Nathan Hale; "Smith" is an ORG and an alias of John Smith.
class EvaluatorTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    OpenStore();
    testing::DocBuilder d1("d1",
                           "Alice met Bob. Bob warned Carol. Acme Corp hired Carol. Alice met Bob again. "
                           "The \"Hawks\" praised Alice. Zed slept.");
    auto alice = d1.Entity("Alice", EntityType::kPerson, {"Alice", "Alice", "Alice"});
    auto bob = d1.Entity("Bob", EntityType::kPerson, {"Bob", "Bob", "Bob"});
    auto carol = d1.Entity("Carol", EntityType::kPerson, {"Carol", "Carol"});
    auto acme = d1.Entity("Acme Corp", EntityType::kOrg, {"Acme Corp"});
    auto hawks = d1.Entity("The \"Hawks\"", EntityType::kOrg, {"The \"Hawks\""});
    d1.Entity("Zed", EntityType::kPerson, {"Zed"});
    d1.Relation(alice, "meet", bob);
    d1.Relation(bob, "warn", carol);
    d1.Relation(acme, "hire", carol);
    d1.Relation(alice, "meet", bob);
    d1.Relation(hawks, "praise", alice);
    Ingest(d1);

    testing::DocBuilder d2("d2",
                           "Richard Hale spoke. Hale left. Nathan Hale wrote. Hale slept. "
                           "Smith paid John Smith. Smith laughed.");
    auto richard = d2.Entity("Richard Hale", EntityType::kPerson, {"Richard Hale", "Hale"});
    d2.Entity("Nathan Hale", EntityType::kPerson, {"Nathan Hale", "Hale"});
    auto smith = d2.Entity("Smith", EntityType::kOrg, {"Smith"});
    auto john = d2.Entity("John Smith", EntityType::kPerson, {"John Smith", "Smith"});
    d2.Relation(smith, "pay", john);
    d2.Relation(richard, "meet", john);
    Ingest(d2);
    LoadGraph();
  }

  Status Run(const std::string& script, OutputFormat format, std::string* out) {
    std::ostringstream stream;
    QueryOptions options;
    options.format = format;
    Status s = RunQueryScript("q.kgq", script, *store_, *graph_, options, stream);
    *out = stream.str();
    return s;
  }
  std::string Json(const std::string& script) {
    std::string out;
    Status s = Run(script, OutputFormat::kJson, &out);
    EXPECT_OK(s);
    return out;
  }
};

TEST_F(EvaluatorTest, NeighborsJson) {
  EXPECT_EQ(Json("neighbors of \"Alice\" depth 2;"),
            "{\"statement\":\"neighbors of \\\"Alice\\\" depth 2\","
            "\"nodes\":[{\"name\":\"Alice\",\"type\":\"PERSON\",\"depth\":0},"
            "{\"name\":\"Bob\",\"type\":\"PERSON\",\"depth\":1},"
            "{\"name\":\"The \\\"Hawks\\\"\",\"type\":\"ORG\",\"depth\":1},"
            "{\"name\":\"Carol\",\"type\":\"PERSON\",\"depth\":2}],"
            "\"edges\":[{\"source\":\"Alice\",\"target\":\"Bob\",\"relation\":\"meet\",\"weight\":2.0,"
            "\"event\":\"\",\"count\":2,\"first_date\":\"2024-01-01\",\"last_date\":\"2024-01-01\"},"
            "{\"source\":\"Bob\",\"target\":\"Carol\",\"relation\":\"warn\",\"weight\":1.0,"
            "\"event\":\"\",\"count\":1,\"first_date\":\"2024-01-01\",\"last_date\":\"2024-01-01\"},"
            "{\"source\":\"The \\\"Hawks\\\"\",\"target\":\"Alice\",\"relation\":\"praise\",\"weight\":1.0,"
            "\"event\":\"\",\"count\":1,\"first_date\":\"2024-01-01\",\"last_date\":\"2024-01-01\"}],\"limit_reached\":false}\n");
}

TEST_F(EvaluatorTest, NeighborsDirectionAndDepthZero) {
  EXPECT_EQ(Json("neighbors of \"carol\" direction out;"),
            "{\"statement\":\"neighbors of \\\"carol\\\" direction out\","
            "\"nodes\":[{\"name\":\"Carol\",\"type\":\"PERSON\",\"depth\":0}],\"edges\":[],\"limit_reached\":false}\n");
  EXPECT_EQ(Json("neighbors of \"Carol\" direction in depth 0;"),
            "{\"statement\":\"neighbors of \\\"Carol\\\" direction in depth 0\","
            "\"nodes\":[{\"name\":\"Carol\",\"type\":\"PERSON\",\"depth\":0}],\"edges\":[],\"limit_reached\":false}\n");
}

TEST_F(EvaluatorTest, PathJson) {
  EXPECT_EQ(Json("path from \"Alice\" to \"Acme Corp\";\npath from \"Alice\" to \"Acme Corp\" direction out;"),
            "{\"statement\":\"path from \\\"Alice\\\" to \\\"Acme Corp\\\"\",\"paths\":[{\"nodes\":"
            "[\"Alice\",\"Bob\",\"Carol\",\"Acme Corp\"],\"edges\":["
            "{\"source\":\"Alice\",\"target\":\"Bob\",\"relation\":\"meet\",\"weight\":2.0},"
            "{\"source\":\"Bob\",\"target\":\"Carol\",\"relation\":\"warn\",\"weight\":1.0},"
            "{\"source\":\"Acme Corp\",\"target\":\"Carol\",\"relation\":\"hire\",\"weight\":1.0}],"
            "\"hops\":3,\"cost\":3.0}],\"limit_reached\":false}\n"
            "{\"statement\":\"path from \\\"Alice\\\" to \\\"Acme Corp\\\" direction out\",\"paths\":[],"
            "\"limit_reached\":false}\n");
}

TEST_F(EvaluatorTest, PathEdgeCases) {
  EXPECT_EQ(Json("path from \"Alice\" to \"ALICE\";"),
            "{\"statement\":\"path from \\\"Alice\\\" to \\\"ALICE\\\"\","
            "\"paths\":[{\"nodes\":[\"Alice\"],\"edges\":[],\"hops\":0,\"cost\":0.0}],\"limit_reached\":false}\n");
  EXPECT_EQ(Json("path from \"Alice\" to \"Zed\";"),
            "{\"statement\":\"path from \\\"Alice\\\" to \\\"Zed\\\"\",\"paths\":[],\"limit_reached\":false}\n");
  EXPECT_EQ(Json("path from \"Alice\" to \"Acme Corp\" max 2;"),
            "{\"statement\":\"path from \\\"Alice\\\" to \\\"Acme Corp\\\" max 2\",\"paths\":[],\"limit_reached\":false}\n");
}

TEST_F(EvaluatorTest, StatementTextIsTheSource) {
  EXPECT_EQ(Json("  neighbors of \"Zed\"  -- a comment\n  depth 3 ;"),
            "{\"statement\":\"neighbors of \\\"Zed\\\"  -- a comment\\n  depth 3\","
            "\"nodes\":[{\"name\":\"Zed\",\"type\":\"PERSON\",\"depth\":0}],\"edges\":[],\"limit_reached\":false}\n");
}

TEST_F(EvaluatorTest, Table) {
  std::string out;
  ASSERT_OK(Run("neighbors of \"Bob\";\npath from \"Alice\" to \"Acme Corp\";\npath from \"Zed\" to \"Bob\" max 3;\n"
                "neighbors of \"Zed\";",
                OutputFormat::kTable, &out));
  EXPECT_EQ(out,
            "-- neighbors of \"Bob\" depth 1: 3 nodes, 2 edges\n"
            "depth  name   type\n"
            "0      Bob    PERSON\n"
            "1      Alice  PERSON\n"
            "1      Carol  PERSON\n"
            "\n"
            "source  relation  target  weight\n"
            "Alice   meet      Bob     2\n"
            "Bob     warn      Carol   1\n"
            "\n"
            "-- path from \"Alice\" to \"Acme Corp\" max 6: 1 path of 3 hops\n"
            "Alice -[meet]-> Bob -[warn]-> Carol <-[hire]- Acme Corp\n"
            "\n"
            "-- path from \"Zed\" to \"Bob\" max 3: no path within 3 hops\n"
            "\n"
            "-- neighbors of \"Zed\" depth 1: 1 node, 0 edges\n"
            "depth  name  type\n"
            "0      Zed   PERSON\n");
}

TEST_F(EvaluatorTest, Csv) {
  std::string out;
  ASSERT_OK(Run("neighbors of \"Alice\" direction in; path from \"The \\\"Hawks\\\"\" to \"Bob\";", OutputFormat::kCsv, &out));
  EXPECT_EQ(out,
            "kind,name,type,depth,source,relation,target,weight\n"
            "node,Alice,PERSON,0,,,,\n"
            "node,\"The \"\"Hawks\"\"\",ORG,1,,,,\n"
            "edge,,,,\"The \"\"Hawks\"\"\",praise,Alice,1\n"
            "\n"
            "path,step,node,relation,direction\n"
            "1,0,\"The \"\"Hawks\"\"\",,\n"
            "1,1,Alice,praise,forward\n"
            "1,2,Bob,meet,forward\n");
  ASSERT_OK(Run("path from \"Carol\" to \"Alice\";", OutputFormat::kCsv, &out));
  EXPECT_EQ(out,
            "path,step,node,relation,direction\n"
            "1,0,Carol,,\n"
            "1,1,Bob,warn,backward\n"
            "1,2,Alice,meet,backward\n");
}

TEST_F(EvaluatorTest, Limits) {
  std::string out;
  ASSERT_OK(Run("neighbors of \"Bob\" limit 2;", OutputFormat::kTable, &out));
  EXPECT_EQ(out,
            "-- neighbors of \"Bob\" depth 1 limit 2: 2 nodes (limit reached), 1 edge\n"
            "depth  name   type\n"
            "0      Bob    PERSON\n"
            "1      Alice  PERSON\n"
            "\n"
            "source  relation  target  weight\n"
            "Alice   meet      Bob     2\n");
  ASSERT_OK(Run("neighbors of \"Bob\" limit 3;", OutputFormat::kTable, &out));
  EXPECT_EQ(out.substr(0, out.find('\n')), "-- neighbors of \"Bob\" depth 1 limit 3: 3 nodes, 2 edges");
  ASSERT_OK(Run("path from \"Alice\" to \"Alice\" limit 1;", OutputFormat::kTable, &out));
  EXPECT_EQ(out, "-- path from \"Alice\" to \"Alice\" max 6 limit 1: 1 path of 0 hops\nAlice\n");
}

TEST_F(EvaluatorTest, UnknownActorSuggestsNamesAndPrintsNothing) {
  std::string out;
  Status s = Run("neighbors of \"Alice\";\nneighbors of \"Alcie\" depth 2;", OutputFormat::kJson, &out);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message().rfind("q.kgq:2:14: unknown actor \"Alcie\"; did you mean \"Alice\"", 0), 0u) << s.message();
  EXPECT_NE(s.message().find("?\n  neighbors of \"Alcie\" depth 2;\n               ^"), std::string::npos)
      << s.message();
  EXPECT_EQ(out, "");
}

TEST_F(EvaluatorTest, UnknownActorWithoutSuggestions) {
  std::string out;
  Status s = Run("path from \"Alice\" to \"Xqzwvkjhgfdspoiuy\";", OutputFormat::kJson, &out);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(),
            "q.kgq:1:22: unknown actor \"Xqzwvkjhgfdspoiuy\"\n"
            "  path from \"Alice\" to \"Xqzwvkjhgfdspoiuy\";\n"
            "                       ^");
}

TEST_F(EvaluatorTest, AmbiguousActorListsCandidates) {
  std::string out;
  Status s = Run("neighbors of \"Bob\";\npath from \"Bob\" to \"hale\";", OutputFormat::kTable, &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "q.kgq:2:20: ambiguous actor \"hale\": candidates: Richard Hale (PERSON), Nathan Hale (PERSON)\n"
            "  path from \"Bob\" to \"hale\";\n"
            "                     ^");
  EXPECT_EQ(out, "");
}

TEST_F(EvaluatorTest, CanonicalNameBeatsAlias) {
  EXPECT_EQ(Json("neighbors of \"SMITH\" direction out;"),
            "{\"statement\":\"neighbors of \\\"SMITH\\\" direction out\","
            "\"nodes\":[{\"name\":\"Smith\",\"type\":\"ORG\",\"depth\":0},"
            "{\"name\":\"John Smith\",\"type\":\"PERSON\",\"depth\":1}],"
            "\"edges\":[{\"source\":\"Smith\",\"target\":\"John Smith\",\"relation\":\"pay\",\"weight\":1.0,"
            "\"event\":\"\",\"count\":1,\"first_date\":\"2024-01-01\",\"last_date\":\"2024-01-01\"}],\"limit_reached\":false}\n");
  // An alias that names one actor only resolves to it.
  std::string out = Json("path from \"Richard Hale\" to \"John Smith\";");
  EXPECT_NE(out.find("\"nodes\":[\"Richard Hale\",\"John Smith\"]"), std::string::npos) << out;
}

TEST_F(EvaluatorTest, ParseErrorPrintsNothing) {
  std::string out;
  Status s = Run("neighbors of \"Alice\";\nneighbors of \"Bob\" depth;", OutputFormat::kJson, &out);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_EQ(s.message().rfind("q.kgq:2:25: error: unexpected ';'", 0), 0u) << s.message();
  EXPECT_EQ(out, "");
}

TEST_F(EvaluatorTest, EmptyScript) {
  std::string out;
  EXPECT_OK(Run("-- nothing to do\n", OutputFormat::kTable, &out));
  EXPECT_EQ(out, "");
}

TEST_F(EvaluatorTest, FailedOutputStreamIsAnIOError) {
  std::ostringstream stream;
  stream.setstate(std::ios::badbit);
  Status s = RunQueryScript("q", "neighbors of \"Alice\";", *store_, *graph_, QueryOptions(), stream);
  EXPECT_EQ(s.code(), StatusCode::kIOError);
}

TEST_F(EvaluatorTest, EntityListsAliasesAndEvidence) {
  std::string out = Json("entity \"RICHARD HALE\";");
  EXPECT_NE(out.find("\"entity\":{\"name\":\"Richard Hale\",\"type\":\"PERSON\",\"aliases\":[\"Hale\"],"
                     "\"mentions\":2,\"degree\":1,\"out_degree\":1,\"in_degree\":0"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"evidence\":{\"doc\":\"d2\""), std::string::npos) << out;
  std::string table;
  ASSERT_OK(Run("entity \"Alice\" limit 1;", OutputFormat::kTable, &table));
  EXPECT_EQ(table.substr(0, table.find('\n')), "-- entity \"Alice\" limit 1: Alice (PERSON), top 1 of 2 relations");
  EXPECT_NE(table.find("degree    2 (1 out, 1 in)"), std::string::npos) << table;
}

TEST_F(EvaluatorTest, NamesInEveryStatementAreResolvedFirst) {
  std::string out;
  Status s = Run("neighbors of \"Bob\";\nrelations from \"Bob\" to \"hale\";", OutputFormat::kJson, &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("q.kgq:2:25: ambiguous actor \"hale\"", 0), 0u) << s.message();
  EXPECT_EQ(out, "");
  s = Run("entity \"Alice\";\nlet g = path from \"Alice\" to \"Zedd\";", OutputFormat::kJson, &out);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message().rfind("q.kgq:2:30: unknown actor \"Zedd\"; did you mean \"Zed\"", 0), 0u) << s.message();
  EXPECT_EQ(out, "");
  s = Run("relations event CONSULT;", OutputFormat::kJson, &out);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);  // no relation here has an event
  EXPECT_EQ(s.message().rfind("q.kgq:1:17: unknown event \"CONSULT\"\n", 0), 0u) << s.message();
  s = Run("neighbors of \"Bob\" relation warm;", OutputFormat::kJson, &out);
  EXPECT_EQ(s.message().rfind("q.kgq:1:29: unknown relation \"warm\"; did you mean \"warn\"?", 0), 0u) << s.message();
}

TEST_F(EvaluatorTest, RequestsAboveTheLimitsAreRefusedBeforeAnyOutput) {
  QueryOptions options;
  options.format = OutputFormat::kJson;
  options.max_depth = 2;
  options.max_paths = 4;
  options.max_rows = 3;
  auto run = [&](const std::string& script) {
    std::ostringstream out;
    Status s = RunQueryScript("q.kgq", "neighbors of \"Bob\";\n" + script, *store_, *graph_, options, out);
    EXPECT_EQ(out.str(), "") << script;
    EXPECT_EQ(s.code(), StatusCode::kResourceLimit) << script;
    return s.message();
  };
  EXPECT_EQ(run("neighbors of \"Bob\" depth 3;"),
            "q.kgq:2:1: depth 3 is above the limit of 2 (max_depth)\n  neighbors of \"Bob\" depth 3;\n  ^");
  EXPECT_EQ(run("path from \"Bob\" to \"Alice\" max 3;").rfind("q.kgq:2:1: max 3 is above the limit of 2", 0), 0u);
  EXPECT_EQ(run("path from \"Bob\" to \"Alice\" max 2 k 5;").rfind("q.kgq:2:1: k 5 is above the limit of 4 (max_paths)", 0), 0u);
  EXPECT_EQ(run("path from \"Bob\" to \"Alice\" max 2 all limit 5;").rfind("q.kgq:2:1: limit 5 is above", 0), 0u);
  EXPECT_EQ(run("relations limit 4;").rfind("q.kgq:2:1: limit 4 is above the limit of 3 (max_rows)", 0), 0u);
  EXPECT_EQ(run("entity \"Bob\" limit 9;").rfind("q.kgq:2:1: limit 9 is above", 0), 0u);
  EXPECT_EQ(run("let g = neighbors of \"Bob\" depth 5;").rfind("q.kgq:2:1: depth 5 is above", 0), 0u);
  EXPECT_EQ(run("export json to \"x\" of neighbors of \"Bob\" depth 5;").rfind("q.kgq:2:1: depth 5 is above", 0), 0u);
}

TEST_F(EvaluatorTest, SearchLimitsStopTheStatementThatReachesThem) {
  QueryOptions options;
  options.format = OutputFormat::kJson;
  options.max_nodes = 2;
  std::ostringstream out;
  Status s = RunQueryScript("q.kgq", "neighbors of \"Zed\";\nneighbors of \"Bob\" depth 2;\nneighbors of \"Zed\";",
                            *store_, *graph_, options, out);
  EXPECT_EQ(s.code(), StatusCode::kResourceLimit);
  EXPECT_EQ(s.message().rfind("q.kgq:2:1: the neighbourhood of \"Bob\" within depth 2 has more than 2 nodes "
                              "(max_nodes)\n  neighbors of \"Bob\" depth 2;\n  ^", 0),
            0u)
      << s.message();
  const std::string printed = out.str();
  EXPECT_EQ(std::count(printed.begin(), printed.end(), '\n'), 1);  // the first statement's line only
  options = QueryOptions();
  options.max_expanded = 1;
  out.str("");
  s = RunQueryScript("q.kgq", "path from \"Alice\" to \"Acme Corp\" all;", *store_, *graph_, options, out);
  EXPECT_EQ(s.code(), StatusCode::kResourceLimit);
  EXPECT_NE(s.message().find("expanded more than 1 nodes (max_expanded)"), std::string::npos) << s.message();
}

TEST_F(EvaluatorTest, ExportsFilesAndReportsFailuresAtTheStatement) {
  testing::TempDir dir;
  const std::string file = dir.File("g.graphml");
  std::string out;
  ASSERT_OK(Run("let g = neighbors of \"Bob\";\nexport graphml to " + query::QuoteName(file) + " of g;",
                OutputFormat::kTable, &out));
  EXPECT_NE(out.find("3 nodes, 2 edges written to " + file), std::string::npos) << out;
  EXPECT_NE(testing::ReadFile(file).find("<graphml"), std::string::npos);
  Status s = Run("neighbors of \"Zed\";\nexport graphml to \"" + dir.File("no/such/dir/x.graphml") + "\";",
                 OutputFormat::kTable, &out);
  EXPECT_EQ(s.code(), StatusCode::kIOError) << s.ToString();
  EXPECT_EQ(s.message().rfind("q.kgq:2:1: ", 0), 0u) << s.message();
  EXPECT_NE(out.find("neighbors of \"Zed\""), std::string::npos);  // the statement before it ran
}

TEST(PrinterTest, CsvFieldAndWeight) {
  EXPECT_EQ(query::CsvField("plain"), "plain");
  EXPECT_EQ(query::CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(query::CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(query::CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(query::FormatWeight(2), "2");
  EXPECT_EQ(query::FormatWeight(0.5), "0.5");
  EXPECT_EQ(query::FormatWeight(1.0 / 3), "0.3333333333333333");
}

// Every example script in queries/ must at least parse.
TEST(QueryFilesTest, ExampleScriptsParse) {
  const std::filesystem::path dir = std::filesystem::path(AG_SOURCE_DIR) / "queries";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " is missing";
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".kgq") continue;
    EXPECT_OK(CheckQueryScript(entry.path().string(), testing::ReadFile(entry.path().string())));
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace ag
