// Black-box tests of `actorgraph export` over the bundled sample corpus and a hostile triples file: every
// format is written (atomically, CSV as a directory), GraphML and GEXF validate against their schemas
// (skipped with a message without xmllint), NetworkX and igraph read the GraphML and JSON back with the
// same nodes, edges, labels, weights and relation types as the database, --query exports a neighbourhood
// or the paths between two actors alone, and bad arguments exit 2, bad queries 1 with line:col.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_util.h"

namespace ag {
namespace {

using ::ag::testing::ReadFile;
using ::ag::testing::RunResult;
using ::ag::testing::TempDir;

const std::string kBin = AG_CLI_BINARY;
const std::string kSrc = AG_SOURCE_DIR;
const std::string kSamples = kSrc + "/data/samples";

std::string Q(const std::string& s) { return "'" + s + "'"; }
RunResult Sh(const std::string& command) { return ::ag::testing::Run(command); }

std::string SchemasDir() {
  for (std::string c : {kSrc + "/../shared/schemas", std::string("/work/shared/schemas")})
    if (std::filesystem::exists(c + "/validate.sh")) return c;
  return "";
}
bool HaveXmllint() { return Sh("command -v xmllint").exit_code == 0; }
bool HavePython(const std::string& modules) {
  return Sh("/usr/bin/python3 -c 'import " + modules + "'").exit_code == 0;
}

// Prints {"nodes": N, "edges": M, "labels": sorted node labels, "edges_by": sorted [source label, relation,
// target label, weight]} for a file read by the named reader, so two readers (or two formats) can be
// compared exactly.
const char kCanonicalPy[] = R"PY(
import json, sys
kind, path = sys.argv[1], sys.argv[2]
labels, edges = [], []
if kind in ("networkx-graphml", "networkx-json"):
    import networkx as nx
    g = nx.read_graphml(path) if kind == "networkx-graphml" else nx.node_link_graph(json.load(open(path, encoding="utf-8")))
    lab = {n: d["label"] for n, d in g.nodes(data=True)}
    labels = list(lab.values())
    for u, v, d in g.edges(data=True):
        assert d["label"] == d["relation"]
        edges.append([lab[u], d["relation"], lab[v], round(float(d["weight"]), 9)])
elif kind == "igraph-graphml":
    import igraph
    g = igraph.Graph.Read_GraphML(path)
    labels = list(g.vs["label"])
    for e in g.es:
        edges.append([g.vs[e.source]["label"], e["relation"], g.vs[e.target]["label"], round(float(e["weight"]), 9)])
elif kind == "csv":
    # The reference for the others: the CSV export, whose counts the test checks against `stats`.
    import csv
    lab = {}
    with open(path + "/nodes.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f): lab[row["id:ID"]] = row["name"]
    labels = list(lab.values())
    with open(path + "/relationships.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            edges.append([lab[row[":START_ID"]], row[":TYPE"], lab[row[":END_ID"]], round(float(row["weight:double"]), 9)])
print(json.dumps({"nodes": len(labels), "edges": len(edges), "labels": sorted(labels), "edges_by": sorted(edges)},
                 ensure_ascii=True))
)PY";

class ExportCliTest : public ::testing::Test {
 protected:
  RunResult Ag(const std::string& args) { return Sh(kBin + " " + args + " --db " + Q(db_)); }
  void IngestSamples() {
    RunResult r = Ag("ingest " + Q(kSamples));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  int64_t StatsField(const std::string& field) {
    RunResult r = Ag("stats --format json");
    std::smatch m;
    if (!std::regex_search(r.out, m, std::regex("\"" + field + "\":(\\d+)"))) return -1;
    return std::stoll(m[1].str());
  }
  std::string Canonical(const std::string& kind, const std::string& path) {
    std::string script = dir_.Write("canonical.py", kCanonicalPy);
    RunResult r = Sh("/usr/bin/python3 " + Q(script) + " " + kind + " " + Q(path));
    EXPECT_EQ(r.exit_code, 0) << kind << ": " << r.err;
    return r.out;
  }
  void Validate(const std::vector<std::string>& files) {
    std::string schemas = SchemasDir();
    if (!HaveXmllint() || schemas.empty()) {
      std::cerr << "[ SKIPPED  ] schema validation: xmllint (libxml2-utils) or shared/schemas absent\n";
      return;
    }
    std::string cmd = "sh " + Q(schemas + "/validate.sh");
    for (const std::string& f : files) cmd += " " + Q(f);
    RunResult v = Sh(cmd);
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  }

  TempDir dir_;
  std::string db_ = dir_.File("graph.db");
};

TEST_F(ExportCliTest, EveryFormatIsWrittenAndValid) {
  IngestSamples();
  const int64_t relations = StatsField("relations"), entities = StatsField("entities");
  ASSERT_GT(relations, 0);
  for (const char* ext : {"graphml", "gexf", "json"}) {
    std::string out = dir_.File(std::string("g.") + ext);
    RunResult r = Ag("export -o " + Q(out));  // format from the extension
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find(std::string("(") + ext + "): " + std::to_string(entities) + " nodes, " +
                         std::to_string(relations) + " edges"),
              std::string::npos)
        << r.err;
  }
  RunResult csv = Ag("export --format csv -o " + Q(dir_.File("csv")));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::string rels = ReadFile(dir_.File("csv/relationships.csv"));
  size_t lines = 0;
  for (char c : rels) lines += c == '\n';
  EXPECT_EQ(static_cast<int64_t>(lines), relations + 1);
  EXPECT_NE(ReadFile(dir_.File("g.gexf")).find("timeformat=\"date\""), std::string::npos);
  rapidjson::Document d;
  std::string json = ReadFile(dir_.File("g.json"));
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(d["format_version"].GetInt(), 1);
  EXPECT_EQ(static_cast<int64_t>(d["links"].Size()), relations);
  Validate({dir_.File("g.graphml"), dir_.File("g.gexf")});
}

TEST_F(ExportCliTest, StdoutAndExplicitFormats) {
  IngestSamples();
  RunResult r = Ag("export --format gexf -o -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<?xml", 0), 0u);
  EXPECT_NE(r.out.find("<gexf xmlns=\"http://gexf.net/1.3\""), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;
  // --format wins over the extension.
  std::string out = dir_.File("looks-like.json");
  ASSERT_EQ(Ag("export --format graphml -o " + Q(out)).exit_code, 0);
  EXPECT_NE(ReadFile(out).find("<graphml"), std::string::npos);
}

TEST_F(ExportCliTest, NetworkXAndIgraphReadTheDatabaseBack) {
  IngestSamples();
  std::string graphml = dir_.File("g.graphml"), json = dir_.File("g.json"), csv = dir_.File("csv");
  ASSERT_EQ(Ag("export -o " + Q(graphml)).exit_code, 0);
  ASSERT_EQ(Ag("export -o " + Q(json)).exit_code, 0);
  ASSERT_EQ(Ag("export --format csv -o " + Q(csv)).exit_code, 0);
  if (!HavePython("networkx, igraph")) GTEST_SKIP() << "Debian's python3-networkx or python3-igraph is absent";
  std::string reference = Canonical("csv", csv);
  rapidjson::Document d;
  d.Parse(reference.c_str());
  ASSERT_FALSE(d.HasParseError()) << reference;
  EXPECT_EQ(d["edges"].GetInt64(), StatsField("relations"));
  EXPECT_EQ(d["nodes"].GetInt64(), StatsField("entities"));
  // Same nodes, edges, labels, relation types and weights through every reader.
  EXPECT_EQ(Canonical("networkx-graphml", graphml), reference);
  EXPECT_EQ(Canonical("igraph-graphml", graphml), reference);
  EXPECT_EQ(Canonical("networkx-json", json), reference);
}

TEST_F(ExportCliTest, QueryExportsANeighbourhoodAlone) {
  IngestSamples();
  std::string out = dir_.File("burke.json");
  RunResult r = Ag("export --query 'neighbors of \"Tom Burke\" depth 1' -o " + Q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult q = Ag("query --format json -e 'neighbors of \"Tom Burke\" depth 1;'");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  rapidjson::Document exported, queried;
  std::string text = ReadFile(out);
  exported.Parse(text.c_str());
  queried.Parse(q.out.c_str());
  ASSERT_FALSE(exported.HasParseError());
  ASSERT_FALSE(queried.HasParseError()) << q.out;
  EXPECT_EQ(exported["nodes"].Size(), queried["nodes"].Size());
  EXPECT_EQ(exported["links"].Size(), queried["edges"].Size());
  std::set<std::string> names;
  for (const auto& n : exported["nodes"].GetArray()) names.insert(n["label"].GetString());
  EXPECT_TRUE(names.count("Tom Burke"));
  for (const auto& n : queried["nodes"].GetArray())
    EXPECT_TRUE(names.count(n["name"].GetString())) << n["name"].GetString();
  EXPECT_LT(exported["nodes"].Size(), static_cast<size_t>(StatsField("entities")));

  std::string graphml = dir_.File("burke.graphml"), gexf = dir_.File("burke.gexf");
  ASSERT_EQ(Ag("export --query 'neighbors of \"Tom Burke\" depth 2 limit 5' -o " + Q(graphml)).exit_code, 0);
  ASSERT_EQ(Ag("export --query 'neighbors of \"Tom Burke\" depth 2' -o " + Q(gexf)).exit_code, 0);
  EXPECT_NE(ReadFile(gexf).find("<nodes count=\""), std::string::npos);
  Validate({graphml, gexf});
  RunResult csv = Ag("export --format csv --query 'neighbors of \"Tom Burke\"' -o " + Q(dir_.File("burke-csv")));
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
}

TEST_F(ExportCliTest, QueryExportsThePathsBetweenTwoActors) {
  IngestSamples();
  std::string out = dir_.File("path.json");
  RunResult r = Ag("export --query 'path from \"Tom Burke\" to \"Kemal Aydin\" max 4' -o " + Q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document d;
  std::string text = ReadFile(out);
  d.Parse(text.c_str());
  ASSERT_FALSE(d.HasParseError());
  ASSERT_GE(d["nodes"].Size(), 2u);
  std::set<std::string> names;
  for (const auto& n : d["nodes"].GetArray()) names.insert(n["label"].GetString());
  EXPECT_TRUE(names.count("Tom Burke") && names.count("Kemal Aydin"));
  EXPECT_GE(d["links"].Size(), d["nodes"].Size() - 1);
}

TEST_F(ExportCliTest, BadQueriesAndArguments) {
  IngestSamples();
  std::string out = dir_.File("x.graphml");
  RunResult r = Ag("export --query 'neighbors of \"Tom Burke\" dept 2' -o " + Q(out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("query:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("^"), std::string::npos) << r.err;
  r = Ag("export --query 'neighbors of \"Tom Burk\"' -o " + Q(out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Tom Burke"), std::string::npos) << r.err;  // suggestion
  r = Ag("export --query 'neighbors of \"Tom Burke\"; neighbors of \"Kemal Aydin\"' -o " + Q(out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("only one statement"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  EXPECT_EQ(Ag("export").exit_code, 2);                                       // no -o
  EXPECT_EQ(Ag("export --format dot -o " + Q(out)).exit_code, 2);             // unknown format
  EXPECT_EQ(Ag("export --format csv -o -").exit_code, 2);                     // csv is two files
  EXPECT_EQ(Ag("export --max-doc-ids many -o " + Q(out)).exit_code, 2);
  EXPECT_EQ(Ag("export -o " + Q(out) + " extra").exit_code, 2);
  RunResult help = Sh(kBin + " export --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--query"), std::string::npos);
  EXPECT_NE(help.out.find("gexf"), std::string::npos);
  // A file where the csv directory should go; a missing database.
  std::string file = dir_.Write("plain", "x");
  EXPECT_EQ(Ag("export --format csv -o " + Q(file)).exit_code, 1);
  EXPECT_EQ(Sh(kBin + " export -o " + Q(out) + " --db " + Q(dir_.File("none.db"))).exit_code, 1);
}

TEST_F(ExportCliTest, HostileNamesSurviveEveryFormat) {
  // Triples carry names as given: markup, quotes, a control character, Arabic and Cyrillic script.
  std::string triples = dir_.Write(
      "hostile.triples.jsonl",
      "{\"source\":\"Acme & <Sons> \\\"Q\\\" 'A'\\u0001\",\"relation\":\"warn\",\"target\":\""
      "\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 \xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2\","
      "\"date\":\"2025-02-01\"}\n"
      "{\"source\":\"\xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD8\xB1\xD8\xAC"
      "\xD9\x8A\xD8\xA9\",\"relation\":\"accuse\",\"target\":\"Acme & <Sons> \\\"Q\\\" 'A'\\u0001\"}\n");
  RunResult in = Ag("ingest --format triples " + Q(triples));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  std::vector<std::string> xml;
  for (const char* ext : {"graphml", "gexf", "json"}) {
    std::string out = dir_.File(std::string("h.") + ext);
    RunResult r = Ag("export -o " + Q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (std::string(ext) != "json") xml.push_back(out);
    std::string text = ReadFile(out);
    EXPECT_EQ(text.find('\x01'), std::string::npos) << ext;  // dropped in XML, \u0001 in JSON
    EXPECT_NE(text.find("\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9"), std::string::npos) << ext;
    EXPECT_NE(text.find("\xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xA9"), std::string::npos) << ext;
  }
  ASSERT_EQ(Ag("export --format csv -o " + Q(dir_.File("h-csv"))).exit_code, 0);
  EXPECT_NE(ReadFile(dir_.File("h-csv/nodes.csv")).find("\"Acme & <Sons> \"\"Q\"\" 'A'\""), std::string::npos);
  Validate(xml);
  if (!HavePython("networkx")) GTEST_SKIP() << "Debian's python3-networkx is absent";
  std::string a = Canonical("networkx-graphml", dir_.File("h.graphml"));
  EXPECT_NE(a.find("Acme & <Sons> \\\"Q\\\" 'A'\""), std::string::npos) << a;  // control char gone
  EXPECT_EQ(a, Canonical("csv", dir_.File("h-csv")));
}

}  // namespace
}  // namespace ag
