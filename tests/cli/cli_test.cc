// Black-box tests of the actorgraph binary over the bundled sample corpus: ingest idempotence, replaced
// documents, persistence across processes, the extract JSON contract, query JSON shapes, GraphML
// validity, bad input handling and exit codes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <regex>
#include <sstream>
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
const std::string kSamplesJsonl = kSrc + "/data/samples-jsonl";

std::string Q(const std::string& s) { return "'" + s + "'"; }

class CliTest : public ::testing::Test {
 protected:
  RunResult Ag(const std::string& args, const std::string& stdin_text = "") {
    return ::ag::testing::Run(kBin + " " + args + " --db " + Q(db_), stdin_text);
  }
  RunResult AgNoDb(const std::string& args, const std::string& stdin_text = "") {
    return ::ag::testing::Run(kBin + " " + args, stdin_text);
  }
  std::string StatsJson() {
    RunResult r = Ag("stats --format json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  TempDir dir_;
  std::string db_ = dir_.File("graph.db");
};

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

// Code-point slice of UTF-8 text, as Python's text[begin:end].
std::string CpSlice(const std::string& text, int64_t begin, int64_t end) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(text.size());
  if (begin < 0 || end < begin || end >= static_cast<int64_t>(starts.size())) return "<out of range>";
  return text.substr(starts[begin], starts[end] - starts[begin]);
}

TEST_F(CliTest, IngestTwiceIsIdempotentAndPersists) {
  RunResult first = Ag("ingest " + Q(kSamples) + " " + Q(kSamplesJsonl));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("18 new, 0 unchanged, 0 replaced, 0 failed"), std::string::npos) << first.out;
  std::string stats = StatsJson();
  EXPECT_NE(stats.find("\"documents\":18"), std::string::npos) << stats;
  RunResult second = Ag("ingest " + Q(kSamples) + " " + Q(kSamplesJsonl));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("0 new, 18 unchanged, 0 replaced, 0 failed"), std::string::npos) << second.out;
  EXPECT_EQ(StatsJson(), stats);  // a separate process reopens the same file
}

TEST_F(CliTest, ChangedDocumentReplacesItsContribution) {
  std::string doc = dir_.Write("in/a.txt", "Lena Morrow met Piet Vandersloot in Tallinn on Monday.\n");
  ASSERT_EQ(Ag("ingest " + Q(doc)).exit_code, 0);
  RunResult show = Ag("show 'Lena Morrow'");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Piet Vandersloot"), std::string::npos) << show.out;

  dir_.Write("in/a.txt", "Lena Morrow criticised Hanne Aalto in Tallinn on Monday.\n");
  RunResult again = Ag("ingest " + Q(doc));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 new, 0 unchanged, 1 replaced"), std::string::npos) << again.out;
  show = Ag("show 'Lena Morrow'");
  EXPECT_EQ(show.out.find("Piet Vandersloot"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Hanne Aalto"), std::string::npos) << show.out;
  EXPECT_EQ(Ag("show 'Piet Vandersloot'").exit_code, 1);  // gone with the old version
  EXPECT_NE(StatsJson().find("\"documents\":1,"), std::string::npos);
}

TEST_F(CliTest, ShowPrintsTitleAndCameoCode) {
  // Invented names: the title comes from the text, "met" is CAMEO 040 in the shipped verb dictionary.
  std::string doc = dir_.Write("in/t.txt", "President Lena Morrow met Piet Vandersloot in Tallinn on Monday.\n");
  ASSERT_EQ(Ag("ingest " + Q(doc)).exit_code, 0);
  RunResult show = Ag("show 'Lena Morrow'");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("  title: President\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("-[meet]-> Piet Vandersloot  CONSULT (CAMEO 040)"), std::string::npos) << show.out;
}

TEST_F(CliTest, ChangedConfigurationReExtracts) {
  std::string doc = dir_.Write("in/a.txt", "Lena Morrow zorbled with Piet Vandersloot in Tallinn.\n");
  ASSERT_EQ(Ag("ingest " + Q(doc)).exit_code, 0);
  EXPECT_EQ(Ag("show 'Lena Morrow'").out.find("zorble"), std::string::npos);
  std::string lex = dir_.Write("lex.json", "{\"verbs\": [{\"lemma\": \"zorble\", \"event\": \"CONSULT\"}]}");
  RunResult r = Ag("ingest --lexicon " + Q(lex) + " " + Q(doc));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 new, 0 unchanged, 1 replaced"), std::string::npos) << r.out;
  EXPECT_NE(Ag("show 'Lena Morrow'").out.find("-[zorble]-> Piet Vandersloot"), std::string::npos);
  r = Ag("ingest --lexicon " + Q(lex) + " " + Q(doc));
  EXPECT_NE(r.out.find("0 new, 1 unchanged, 0 replaced"), std::string::npos) << r.out;
}

TEST_F(CliTest, ExtractFollowsTheContract) {
  // Curly quotes and accents: offsets must count code points, not bytes.
  std::string text =
      "\xE2\x80\x9CWe will not wait,\xE2\x80\x9D said President Ahmed al-Shara\xE2\x80\x99" "a of Syria. "
      "Jos\xC3\xA9 Mar\xC3\xADn met Ahmed al-Shara\xE2\x80\x99" "a in Damascus on Monday.";
  std::string line = "{\"id\":\"d1\",\"text\":\"" + text + "\"}\n";
  RunResult r = AgNoDb("extract --format jsonl -", line);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  rapidjson::Document d;
  d.Parse(lines[0].c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_STREQ(d["doc"].GetString(), "d1");
  ASSERT_TRUE(d["entities"].IsArray());
  std::vector<std::string> ids;
  bool found_sharaa = false;
  for (const auto& e : d["entities"].GetArray()) {
    ASSERT_TRUE(e.HasMember("id") && e.HasMember("name") && e.HasMember("type") && e.HasMember("mentions"));
    ids.push_back(e["id"].GetString());
    std::string type = e["type"].GetString();
    EXPECT_TRUE(type == "PERSON" || type == "ORG" || type == "GPE" || type == "LOC" || type == "NORP" ||
                type == "OTHER" || type == "GROUP");
    for (const auto& m : e["mentions"].GetArray()) {
      EXPECT_EQ(CpSlice(text, m["begin"].GetInt64(), m["end"].GetInt64()), m["text"].GetString());
    }
    if (std::string(e["name"].GetString()).find("Shara") != std::string::npos) {
      found_sharaa = true;
      EXPECT_EQ(type, "PERSON");
      EXPECT_EQ(e["mentions"].Size(), 2u);  // both spellings are one actor
    }
  }
  EXPECT_TRUE(found_sharaa);
  ASSERT_TRUE(d["relations"].IsArray());
  ASSERT_GE(d["relations"].Size(), 1u);
  bool met = false;
  for (const auto& rel : d["relations"].GetArray()) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), rel["source"].GetString()), ids.end());
    EXPECT_NE(std::find(ids.begin(), ids.end(), rel["target"].GetString()), ids.end());
    EXPECT_TRUE(rel["event"].IsNull() || rel["event"].IsString());
    EXPECT_TRUE(rel["cameo"].IsNull() || rel["cameo"].IsString());
    EXPECT_TRUE(rel["negated"].IsBool());
    std::string modality = rel["modality"].GetString();
    EXPECT_TRUE(modality == "asserted" || modality == "planned" || modality == "hedged");
    EXPECT_EQ(CpSlice(text, rel["begin"].GetInt64(), rel["end"].GetInt64()).empty(), false);
    if (std::string(rel["relation"].GetString()) == "meet") {
      met = true;
      EXPECT_EQ(CpSlice(text, rel["begin"].GetInt64(), rel["end"].GetInt64()), "met");
      EXPECT_STREQ(rel["event"].GetString(), "CONSULT");
      EXPECT_STREQ(rel["cameo"].GetString(), "040");
    }
  }
  EXPECT_TRUE(met) << r.out;
}

TEST_F(CliTest, ExtractVerbsFile) {
  std::string verbs = dir_.Write("verbs.txt", "--- MEET [046] ---\nMEET {MEETS MET MEETING}\n");
  RunResult r = AgNoDb("extract --verbs " + Q(verbs) + " -", "{\"id\":\"d\",\"text\":\"Tom Burke met Karim al-Haddad.\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"cameo\":\"046\""), std::string::npos) << r.out;
  verbs = dir_.Write("verbs.txt", "--- MEET [046] ---\nMEET\n- * (FOR TALKS [036]\n");
  r = AgNoDb("extract --verbs " + Q(verbs) + " -", "{\"id\":\"d\",\"text\":\"Tom Burke met Karim al-Haddad.\"}\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(verbs + ":3:"), std::string::npos) << r.err;
}

TEST_F(CliTest, ExtractStreamsInInputOrder) {
  std::string in;
  for (int i = 0; i < 50; ++i)
    in += "{\"id\":\"doc" + std::to_string(i) + "\",\"text\":\"Tom Burke met Karim al-Haddad.\"}\n";
  RunResult r = AgNoDb("extract -", in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 50u);
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(lines[i].find("\"doc\":\"doc" + std::to_string(i) + "\""), std::string::npos);
}

TEST_F(CliTest, QueryJsonShapes) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples)).exit_code, 0);
  RunResult r = Ag("query --format json -e 'neighbors of \"Tom Burke\" depth 1;' "
                   "-e 'path from \"Tom Burke\" to \"Kemal Aydin\" max 4;'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  rapidjson::Document n;
  n.Parse(lines[0].c_str());
  ASSERT_TRUE(n.IsObject());
  ASSERT_TRUE(n["nodes"].IsArray() && n["edges"].IsArray());
  ASSERT_GE(n["nodes"].Size(), 2u);
  EXPECT_STREQ(n["nodes"][0]["name"].GetString(), "Tom Burke");
  EXPECT_EQ(n["nodes"][0]["depth"].GetInt(), 0);
  EXPECT_STREQ(n["nodes"][0]["type"].GetString(), "PERSON");
  for (const auto& e : n["edges"].GetArray()) {
    EXPECT_TRUE(e["source"].IsString() && e["target"].IsString() && e["relation"].IsString());
    EXPECT_TRUE(e["weight"].IsNumber());
  }
  rapidjson::Document p;
  p.Parse(lines[1].c_str());
  ASSERT_TRUE(p["paths"].IsArray());
  ASSERT_GE(p["paths"].Size(), 1u) << lines[1];
  const auto& path = p["paths"][0];
  EXPECT_STREQ(path["nodes"][0].GetString(), "Tom Burke");
  EXPECT_STREQ(path["nodes"][path["nodes"].Size() - 1].GetString(), "Kemal Aydin");
  EXPECT_EQ(path["edges"].Size() + 1, path["nodes"].Size());
}

TEST_F(CliTest, QueryErrorsNameLineAndColumn) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples)).exit_code, 0);
  RunResult r = Ag("query -e 'neighbors of \"Tom Burke\" depth 1;\nneighbours of \"X\";'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("-e:2:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("^"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;  // nothing runs before the whole script parses
  r = Ag("query -e 'neighbors of \"Tom Burk\";'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Tom Burke"), std::string::npos) << r.err;  // suggestion
}

TEST_F(CliTest, QueryLimitsEndWithAClearError) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples)).exit_code, 0);
  RunResult r = Ag("query --max-nodes 3 -e 'neighbors of \"Tom Burke\" depth 2;'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("max_nodes"), std::string::npos) << r.err;
  r = Ag("query --max-depth 2 -e 'neighbors of \"Tom Burke\" depth 3;'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("max_depth"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(Ag("query --max-paths 0 -e 'neighbors of \"Tom Burke\";'").exit_code, 2);
}

TEST_F(CliTest, DemoQueryScriptRuns) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples) + " " + Q(kSamplesJsonl)).exit_code, 0);
  RunResult r = Ag("query --format json " + Q(kSrc + "/queries/demo.kgq"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(Lines(r.out).size(), 4u);
}

TEST_F(CliTest, GraphMLExportIsValid) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples)).exit_code, 0);
  std::string out = dir_.File("g.graphml");
  RunResult r = Ag("export --format graphml -o " + Q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string xml = ReadFile(out);
  EXPECT_NE(xml.find("<graphml"), std::string::npos);
  EXPECT_NE(xml.find("attr.name=\"weight\""), std::string::npos);
  std::string schema;
  for (std::string c : {kSrc + "/../shared/schemas/graphml/local/graphml.xsd",
                        std::string("/work/shared/schemas/graphml/local/graphml.xsd")})
    if (std::filesystem::exists(c)) schema = c;
  if (::ag::testing::Run("command -v xmllint").exit_code != 0 || schema.empty())
    GTEST_SKIP() << "xmllint or the GraphML schema is absent; GraphML validation skipped";
  RunResult v = ::ag::testing::Run("xmllint --nonet --noout --schema " + Q(schema) + " " + Q(out));
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

TEST_F(CliTest, GraphMLReadsInNetworkX) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples)).exit_code, 0);
  std::string out = dir_.File("g.graphml");
  ASSERT_EQ(Ag("export --format graphml -o " + Q(out)).exit_code, 0);
  if (::ag::testing::Run("/usr/bin/python3 -c 'import networkx'").exit_code != 0)
    GTEST_SKIP() << "Debian's python3-networkx is absent";
  RunResult stats = Ag("stats --format json");
  RunResult nx = ::ag::testing::Run("/usr/bin/python3 -c 'import networkx as nx,sys; g=nx.read_graphml(sys.argv[1]); "
                     "print(g.number_of_nodes(), g.number_of_edges())' " + Q(out));
  ASSERT_EQ(nx.exit_code, 0) << nx.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(stats.out, m, std::regex("\"relations\":(\\d+)")));
  EXPECT_NE(nx.out.find(" " + m[1].str()), std::string::npos) << nx.out << stats.out;
}

TEST_F(CliTest, BadInputFailsWithLocationAndKeepsDatabase) {
  ASSERT_EQ(Ag("ingest " + Q(kSamples + "/01-us-envoy-meets-haddad.txt")).exit_code, 0);
  std::string before = StatsJson();
  std::string bad = dir_.Write("in/b.txt", "Fine first line.\nBroken \xFF here.\n");
  std::string good = dir_.Write("in/c.txt", "Hanne Aalto met Piet Vandersloot in Tallinn.\n");
  RunResult r = Ag("ingest " + Q(bad) + " " + Q(good));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(bad + ":2:8: invalid UTF-8 at byte offset 24"), std::string::npos) << r.err;
  EXPECT_EQ(StatsJson(), before);

  RunResult s = Ag("ingest --on-error skip " + Q(bad) + " " + Q(good));
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("1 new, 0 unchanged, 0 replaced, 1 failed"), std::string::npos) << s.out;
}

TEST_F(CliTest, MalformedJsonLineAndEmptyAndBinaryFiles) {
  std::string jl = dir_.Write("in/c.jsonl", "{\"id\":\"a\",\"text\":\"Tom Burke met Kemal Aydin.\"}\n{\"id\":\"b\",\"text\":}\n");
  RunResult r = Ag("ingest " + Q(jl));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(jl + ":2:18: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(StatsJson().find("\"documents\":1,"), std::string::npos);  // the good line before it stays

  std::string empty = dir_.Write("in/e.txt", "");
  r = Ag("ingest " + Q(empty));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(empty + ": empty file"), std::string::npos) << r.err;

  std::string bin = dir_.Write("in/x.txt", std::string("\x7f" "ELF\0\0\0", 7));
  r = Ag("ingest " + Q(bin));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;

  r = Ag("ingest " + Q(dir_.File("missing.txt")));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.txt: no such file"), std::string::npos) << r.err;
}

TEST_F(CliTest, ForeignDatabaseIsRefused) {
  std::string foreign = dir_.Write("foreign.db", "this is not a database, just text that is long enough........");
  RunResult r = ::ag::testing::Run(kBin + " stats --db " + Q(foreign));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(foreign), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(foreign), "this is not a database, just text that is long enough........");
}

TEST_F(CliTest, TriplesIngest) {
  std::string t = dir_.Write("g.triples.jsonl",
                             "{\"source\":\"Alpha Corp\",\"relation\":\"sanction\",\"target\":\"Beta Ltd\",\"weight\":2}\n"
                             "{\"source\":\"Beta Ltd\",\"relation\":\"meets\",\"target\":\"Gamma\",\"date\":\"2025-03-01\"}\n");
  RunResult r = Ag("ingest --format triples " + Q(t));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult q = Ag("query --format json -e 'path from \"Alpha Corp\" to \"Gamma\" max 3;'");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("\"nodes\":[\"Alpha Corp\",\"Beta Ltd\",\"Gamma\"]"), std::string::npos) << q.out;
  EXPECT_NE(q.out.find("\"relation\":\"meet\""), std::string::npos) << q.out;  // lemmatised
}

TEST_F(CliTest, ActorCodesTravelFromAUserDictionaryToTheExport) {
  // An invented leader with a dated role, and a state of the shipped dictionary.
  std::string actors = dir_.Write("mine.actors", "NADIA_FARES_\n\t[FRDELI <150630]\n\t[FRDGOV >150701]\n");
  std::string line = "{\"id\":\"d1\",\"date\":\"2019-04-02\",\"text\":\"Nadia Fares met officials in Turkey.\"}\n";
  RunResult x = AgNoDb("extract --format jsonl --actors " + Q(actors) + " -", line);
  ASSERT_EQ(x.exit_code, 0) << x.err;
  EXPECT_NE(x.out.find(R"("name":"Nadia Fares","type":"PERSON","code":"FRDGOV","country":"FRD","sector":"GOV")"),
            std::string::npos)
      << x.out;
  EXPECT_NE(x.out.find(R"("name":"Turkey","type":"GPE","code":"TUR","country":"TUR","sector":null)"),
            std::string::npos)
      << x.out;
  RunResult in = Ag("ingest --format jsonl --actors " + Q(actors) + " -", line);
  ASSERT_EQ(in.exit_code, 0) << in.err;
  RunResult out = Ag("export --format graphml -o -");
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_NE(out.out.find("<data key=\"code\">FRDGOV</data>"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("<data key=\"country\">TUR</data>"), std::string::npos) << out.out;
  // A malformed line stops the run and names the file and line.
  std::string bad = dir_.Write("bad.actors", "NADIA_FARES_\n\t[FRDGOV >15070]\n");
  RunResult b = AgNoDb("extract --format jsonl --actors " + Q(bad) + " -", line);
  EXPECT_EQ(b.exit_code, 1);
  EXPECT_NE(b.err.find(bad + ":2: date \"15070\""), std::string::npos) << b.err;
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(AgNoDb("").exit_code, 2);
  EXPECT_EQ(AgNoDb("frobnicate").exit_code, 2);
  EXPECT_EQ(AgNoDb("ingest --bogus x").exit_code, 2);
  EXPECT_EQ(AgNoDb("ingest").exit_code, 2);
  EXPECT_EQ(AgNoDb("ingest --on-error maybe x").exit_code, 2);
  EXPECT_EQ(AgNoDb("query").exit_code, 2);
  for (const char* c : {"ingest", "extract", "query", "export", "stats", "entities", "show"}) {
    RunResult h = AgNoDb(std::string(c) + " --help");
    EXPECT_EQ(h.exit_code, 0) << c;
    EXPECT_NE(h.out.find("usage: actorgraph"), std::string::npos) << c;
  }
}

}  // namespace
}  // namespace ag
