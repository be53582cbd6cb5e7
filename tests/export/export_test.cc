// Tests of the export stage (include/actorgraph/export.h) on a tiny hand-built store: golden files for
// every format, schema validation of GraphML and GEXF with xmllint (skipped with a message when xmllint or
// the schemas are absent), round trips through independent readers (NetworkX, igraph, Python's XML and
// CSV modules; skipped when Debian's /usr/bin/python3 lacks them), hostile names and sentences in every
// format, the GEXF timeline, selections, the quad class table against the relation lexicon, and atomic
// file output. AG_UPDATE_GOLDEN=1 rewrites the golden files (review the diff before committing it).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "actorgraph/export.h"
#include "actorgraph/graph.h"
#include "actorgraph/store.h"
#include "export/model.h"
#include "test_util.h"

namespace ag {
namespace {

using ::ag::testing::ReadFile;
using ::ag::testing::RunResult;
using ::ag::testing::TempDir;

const std::string kSrc = AG_SOURCE_DIR;
const std::string kGolden = kSrc + "/tests/export/golden";

std::string Q(const std::string& s) { return "'" + s + "'"; }
RunResult Sh(const std::string& command) { return ::ag::testing::Run(command); }

// The hostile actor: markup characters, both quotes, C0 controls and DEL.
const std::string kHostile = "Acme & <Sons> \"Q\" 'A'\x01\x7f";
// Сергей Лавров and وزارة الخارجية (the ministry of foreign affairs), as UTF-8 bytes.
const std::string kCyrillic =
    "\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 \xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2";
const std::string kArabic =
    "\xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD8\xB1\xD8\xAC\xD9\x8A\xD8\xA9";

// A document built sentence by sentence; mentions are found in the text, relations name a sentence.
class DocBuilder {
 public:
  DocBuilder(const std::string& id, const std::string& date) {
    doc_.id = id;
    doc_.origin = id;
    doc_.date = date;
    doc_.title = "Title of " + id;
    ex_.doc_id = id;
  }
  int Sentence(const std::string& text) {
    if (!doc_.text.empty()) doc_.text += " ";
    int64_t begin = CodePoints(doc_.text);
    doc_.text += text;
    ex_.sentences.push_back({begin, CodePoints(doc_.text)});
    return static_cast<int>(ex_.sentences.size()) - 1;
  }
  // Mentions: every occurrence of each surface in the text.
  std::string Entity(const std::string& name, EntityType type, const std::vector<std::string>& surfaces) {
    ag::Entity e;
    e.id = "e" + std::to_string(ex_.entities.size() + 1);
    e.name = name;
    e.type = type;
    for (const std::string& s : surfaces) {
      for (size_t pos = doc_.text.find(s); pos != std::string::npos; pos = doc_.text.find(s, pos + s.size()))
        e.mentions.push_back(
            {CodePoints(doc_.text.substr(0, pos)), CodePoints(doc_.text.substr(0, pos + s.size())), s});
    }
    ex_.entities.push_back(e);
    return e.id;
  }
  // Gives entity `id` an actor code.
  void Code(const std::string& id, const std::string& code, const std::string& country, const std::string& sector) {
    for (ag::Entity& e : ex_.entities) {
      if (e.id != id) continue;
      e.code = code;
      e.country = country;
      e.sector = sector;
    }
  }
  // Gives entity `id` a title.
  void Title(const std::string& id, const std::string& title) {
    for (ag::Entity& e : ex_.entities)
      if (e.id == id) e.title = title;
  }
  // Gives the last relation added a CAMEO event code.
  void Cameo(const std::string& cameo) { ex_.relations.back().cameo = cameo; }
  void Relation(const std::string& source, const std::string& relation, const std::string& event,
                const std::string& target, int sentence, double weight = 1.0) {
    ag::Relation r;
    r.source = source;
    r.target = target;
    r.relation = relation;
    r.event = event;
    r.sentence = sentence;
    r.begin = ex_.sentences[sentence].begin;
    r.end = r.begin + 1;
    r.weight = weight;
    ex_.relations.push_back(r);
  }
  const Document& doc() const { return doc_; }
  const Extraction& extraction() const { return ex_; }

 private:
  static int64_t CodePoints(const std::string& s) {
    int64_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }
  Document doc_;
  Extraction ex_;
};

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.File("tiny.db"));
    ASSERT_OK(store);
    store_ = std::move(store).value();
    {
      DocBuilder d("d1", "2025-03-01");
      int s0 = d.Sentence("Tom Burke met Karim al-Haddad in Damascus.");
      int s1 = d.Sentence("Karim al-Haddad visited Syria.");
      auto tom = d.Entity("Tom Burke", EntityType::kPerson, {"Tom Burke"});
      auto karim = d.Entity("Karim al-Haddad", EntityType::kPerson, {"Karim al-Haddad"});
      auto syria = d.Entity("Syria", EntityType::kGpe, {"Syria"});
      d.Code(syria, "SYR", "SYR", "");
      d.Title(tom, "Senator");
      d.Relation(tom, "meet", "CONSULT", karim, s0);
      d.Cameo("040");  // d2's meeting has none: the edge keeps this one
      d.Relation(karim, "visit", "CONSULT", syria, s1);
      ASSERT_OK(store_->Ingest(d.doc(), d.extraction()));
    }
    {
      DocBuilder d("d2", "2025-03-05");
      int s0 = d.Sentence("Tom Burke met Karim al-Haddad again.");
      int s1 = d.Sentence("Tom Burke criticised al-Haddad over the delays.");
      auto tom = d.Entity("Tom Burke", EntityType::kPerson, {"Tom Burke"});
      auto karim = d.Entity("Karim al-Haddad", EntityType::kPerson, {"Karim al-Haddad", "al-Haddad"});
      d.Relation(tom, "meet", "CONSULT", karim, s0);
      d.Relation(tom, "criticize", "DISAPPROVE", karim, s1);
      ASSERT_OK(store_->Ingest(d.doc(), d.extraction()));
    }
    {
      DocBuilder d("d3 <&>", "");
      int s0 = d.Sentence(kCyrillic + " warned " + kHostile + " about \"prices\" & <fees>.\n\tNext\x02 line.");
      int s1 = d.Sentence(kArabic + " accused Syria.");
      auto sergei = d.Entity(kCyrillic, EntityType::kPerson, {kCyrillic});
      d.Code(sergei, "RUSGOV", "RUS", "GOV");
      auto acme = d.Entity(kHostile, EntityType::kOrg, {kHostile});
      auto ministry = d.Entity(kArabic, EntityType::kOrg, {kArabic});
      auto syria = d.Entity("Syria", EntityType::kGpe, {"Syria"});
      d.Relation(sergei, "warn", "THREATEN", acme, s0);
      d.Cameo("130");
      d.Relation(ministry, "accuse", "ACCUSE", syria, s1);
      d.Relation(acme, "sanction", "SANCTION", syria, s0, 0.0);  // weight 0: must still reach Gephi
      ASSERT_OK(store_->Ingest(d.doc(), d.extraction()));
    }
    LoadGraph();
  }

  void LoadGraph() {
    auto graph = Graph::Load(*store_);
    ASSERT_OK(graph);
    graph_ = std::move(graph).value();
  }

  std::string Export(ExportFormat format, const GraphSelection& sel = {}) {
    std::ostringstream out;
    Status st = ExportGraph(*graph_, *store_, sel, format, out);
    EXPECT_OK(st);
    return out.str();
  }
  std::pair<std::string, std::string> ExportCsvText(const GraphSelection& sel = {}) {
    std::ostringstream nodes, rels;
    EXPECT_OK(ExportCsv(*graph_, *store_, sel, nodes, rels));
    return {nodes.str(), rels.str()};
  }
  std::string WriteTemp(const std::string& name, const std::string& content) { return dir_.Write(name, content); }

  NodeIndex NodeNamed(const std::string& name) {
    for (NodeIndex i = 0; i < graph_->num_nodes(); ++i)
      if (graph_->node(i).name == name) return i;
    ADD_FAILURE() << "no node " << name;
    return 0;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Graph> graph_;
};

// --- helpers for external tools ---------------------------------------------------------------------

std::string SchemasDir() {
  for (std::string c : {kSrc + "/../shared/schemas", std::string("/work/shared/schemas")})
    if (std::filesystem::exists(c + "/validate.sh")) return c;
  return "";
}

bool HaveXmllint() { return Sh("command -v xmllint").exit_code == 0; }

bool HavePython(const std::string& modules) {
  return Sh("/usr/bin/python3 -c 'import " + modules + "'").exit_code == 0;
}

// Reads an exported file back with an independent reader and prints a canonical JSON summary:
// {"nodes": {id: label}, "edges": {id: [source, target, label, relation, weight]}}.
const char kSummaryPy[] = R"PY(
import csv, json, sys
kind, path = sys.argv[1], sys.argv[2]
nodes, edges = {}, {}
if kind == "networkx-graphml":
    import networkx as nx
    g = nx.read_graphml(path)
    for n, d in g.nodes(data=True): nodes[n] = d.get("label")
    for u, v, k, d in g.edges(keys=True, data=True): edges[k] = [u, v, d.get("label"), d.get("relation"), d.get("weight")]
elif kind == "igraph-graphml":
    import igraph
    g = igraph.Graph.Read_GraphML(path)
    for v in g.vs: nodes[v["id"]] = v["label"]
    for e in g.es: edges[e["id"]] = [g.vs[e.source]["id"], g.vs[e.target]["id"], e["label"], e["relation"], e["weight"]]
elif kind == "networkx-json":
    import networkx as nx
    data = json.load(open(path, encoding="utf-8"))
    assert data["format_version"] == 1
    g = nx.node_link_graph(data)
    for n, d in g.nodes(data=True): nodes[n] = d.get("label")
    for u, v, k, d in g.edges(keys=True, data=True): edges[k] = [u, v, d.get("label"), d.get("relation"), d.get("weight")]
elif kind == "etree-gexf":
    import xml.etree.ElementTree as ET
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(path).getroot()
    for n in root.iterfind(".//g:nodes/g:node", ns): nodes[n.get("id")] = n.get("label")
    for e in root.iterfind(".//g:edges/g:edge", ns):
        rel = [a.get("value") for a in e.iterfind("g:attvalues/g:attvalue", ns) if a.get("for") == "relation"]
        assert e.get("kind") == e.get("label")
        edges[e.get("id")] = [e.get("source"), e.get("target"), e.get("label"), rel[0], float(e.get("weight"))]
elif kind == "csv":
    with open(path + "/nodes.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f): nodes[row["id:ID"]] = row["name"]
    with open(path + "/relationships.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            edges[row["id"]] = [row[":START_ID"], row[":END_ID"], row[":TYPE"], row["relation"], float(row["weight:double"])]
print(json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=True, sort_keys=True))
)PY";

// How each format carries text: XML drops what XML 1.0 forbids, GEXF labels are also xsd:token
// (whitespace collapsed), CSV drops controls and turns line breaks into spaces, JSON keeps everything.
enum class TextRule { kExact, kXml, kXmlToken, kCsv };

std::string Expected(const std::string& s, TextRule rule) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == '\t' || c == '\n' || c == '\r';
    if (rule == TextRule::kExact) {
      out += s[i];
    } else if ((c < 0x20 && !ws) || c == 0x7F) {
      continue;
    } else if (ws && rule == TextRule::kCsv) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  if (rule == TextRule::kXmlToken) {
    std::string collapsed;
    for (char c : out) {
      bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (ws && (collapsed.empty() || collapsed.back() == ' ')) continue;
      collapsed += ws ? ' ' : c;
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    out = collapsed;
  }
  return out;
}

// Compares the reader's summary with the graph itself.
void ExpectSummaryMatches(const Graph& graph, const std::string& json, TextRule rule, const std::string& what) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError()) << what << ": " << json;
  ASSERT_EQ(d["nodes"].MemberCount(), graph.num_nodes()) << what;
  ASSERT_EQ(d["edges"].MemberCount(), graph.num_edges()) << what;
  for (NodeIndex i = 0; i < graph.num_nodes(); ++i) {
    const GraphNode& n = graph.node(i);
    std::string id = "n" + std::to_string(n.entity_id);
    ASSERT_TRUE(d["nodes"].HasMember(id.c_str())) << what << " " << id;
    EXPECT_EQ(d["nodes"][id.c_str()].GetString(), Expected(n.name, rule)) << what << " " << id;
  }
  for (EdgeIndex i = 0; i < graph.num_edges(); ++i) {
    const GraphEdge& e = graph.edge(i);
    std::string id = "e" + std::to_string(e.relation_id);
    ASSERT_TRUE(d["edges"].HasMember(id.c_str())) << what << " " << id;
    const auto& v = d["edges"][id.c_str()];
    EXPECT_EQ(v[0].GetString(), "n" + std::to_string(graph.node(e.source).entity_id)) << what << " " << id;
    EXPECT_EQ(v[1].GetString(), "n" + std::to_string(graph.node(e.target).entity_id)) << what << " " << id;
    EXPECT_EQ(v[2].GetString(), e.relation) << what << " " << id;  // label / kind / :TYPE
    EXPECT_EQ(v[3].GetString(), e.relation) << what << " " << id;
    EXPECT_DOUBLE_EQ(v[4].GetDouble(), e.weight > 0 ? e.weight : 1e-9) << what << " " << id;
  }
}

// --- tests ------------------------------------------------------------------------------------------

TEST(ExportFormatTest, NamesParseAndPrint) {
  struct Case {
    const char* name;
    ExportFormat format;
  } cases[] = {{"graphml", ExportFormat::kGraphML}, {"GraphML", ExportFormat::kGraphML},
               {"gexf", ExportFormat::kGexf},       {"json", ExportFormat::kJson},
               {"CSV", ExportFormat::kCsv}};
  for (const Case& c : cases) {
    auto f = ParseExportFormat(c.name);
    ASSERT_OK(f);
    EXPECT_EQ(f.value(), c.format) << c.name;
  }
  for (ExportFormat f : {ExportFormat::kGraphML, ExportFormat::kGexf, ExportFormat::kJson, ExportFormat::kCsv}) {
    auto back = ParseExportFormat(ExportFormatName(f));
    ASSERT_OK(back);
    EXPECT_EQ(back.value(), f);
  }
  for (const char* bad : {"", "xml", "graphml2", "gml"}) {
    auto f = ParseExportFormat(bad);
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(f.status().message().find("graphml, gexf, json or csv"), std::string::npos);
  }
}

TEST(ExportModelTest, QuadClassMatchesTheRelationLexicon) {
  // Every verb of data/relations.json with an event: the export's table gives the lexicon's quad class.
  std::string text = ReadFile(kSrc + "/data/relations.json");
  rapidjson::Document d;
  d.Parse(text.c_str());
  ASSERT_FALSE(d.HasParseError());
  int checked = 0;
  for (const auto& v : d["verbs"].GetArray()) {
    if (!v["event"].IsString()) continue;
    EXPECT_EQ(exporter::QuadClassOf(v["event"].GetString(), v["lemma"].GetString()), v["quad"].GetString())
        << v["lemma"].GetString() << " " << v["event"].GetString();
    ++checked;
  }
  EXPECT_GT(checked, 100);
  EXPECT_EQ(exporter::QuadClassOf("", "say"), "");
  EXPECT_EQ(exporter::QuadClassOf("NOT_AN_EVENT", "x"), "");
}

TEST(ExportModelTest, CalendarDates) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {{"2025-03-01", "2025-03-01"}, {"2025-03-01T10:00:00Z", "2025-03-01"},
               {"2025-03-01 10:00", "2025-03-01"}, {"2025-03", "2025-03-01"}, {"2025", "2025-01-01"},
               {"", ""}, {"March 2025", ""}, {"2025-3-1", ""}, {"2025-03-01x", ""}};
  for (const Case& c : cases) EXPECT_EQ(exporter::CalendarDate(c.in), c.out) << c.in;
}

TEST_F(ExportTest, GoldenFiles) {
  std::map<std::string, std::string> outputs = {
      {"tiny.graphml", Export(ExportFormat::kGraphML)},
      {"tiny.gexf", Export(ExportFormat::kGexf)},
      {"tiny.json", Export(ExportFormat::kJson)},
  };
  auto [nodes, rels] = ExportCsvText();
  outputs["tiny.nodes.csv"] = nodes;
  outputs["tiny.relationships.csv"] = rels;
  const bool update = std::getenv("AG_UPDATE_GOLDEN") != nullptr;
  for (const auto& [name, text] : outputs) {
    const std::string path = kGolden + "/" + name;
    if (update) {
      std::filesystem::create_directories(kGolden);
      std::ofstream(path, std::ios::binary) << text;
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with AG_UPDATE_GOLDEN=1";
    EXPECT_EQ(text, ReadFile(path)) << name << " differs from the golden file; if the change is intended, "
                                          "rerun with AG_UPDATE_GOLDEN=1 and review the diff";
  }
}

TEST_F(ExportTest, XmlValidatesAgainstTheSchemas) {
  std::string schemas = SchemasDir();
  if (!HaveXmllint() || schemas.empty())
    GTEST_SKIP() << "xmllint (Debian: libxml2-utils) or shared/schemas is absent; schema validation skipped";
  std::string graphml = WriteTemp("t.graphml", Export(ExportFormat::kGraphML));
  std::string gexf = WriteTemp("t.gexf", Export(ExportFormat::kGexf));
  RunResult r = Sh("sh " + Q(schemas + "/validate.sh") + " " + Q(graphml) + " " + Q(gexf));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // A subgraph and an empty selection are documents of their own.
  GraphSelection one;
  one.all = false;
  one.nodes = {NodeNamed("Tom Burke"), NodeNamed("Karim al-Haddad")};
  for (EdgeIndex e = 0; e < graph_->num_edges(); ++e)
    if (graph_->node(graph_->edge(e).source).name == "Tom Burke") one.edges.push_back(e);
  GraphSelection none;
  none.all = false;
  std::vector<std::string> files;
  for (const auto& [tag, sel] : {std::make_pair("one", one), std::make_pair("none", none)}) {
    files.push_back(WriteTemp(std::string(tag) + ".graphml", Export(ExportFormat::kGraphML, sel)));
    files.push_back(WriteTemp(std::string(tag) + ".gexf", Export(ExportFormat::kGexf, sel)));
  }
  std::string cmd = "sh " + Q(schemas + "/validate.sh");
  for (const std::string& f : files) cmd += " " + Q(f);
  r = Sh(cmd);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(ExportTest, HostileTextStaysWellFormedInEveryFormat) {
  std::string graphml = Export(ExportFormat::kGraphML);
  std::string gexf = Export(ExportFormat::kGexf);
  std::string json = Export(ExportFormat::kJson);
  auto [nodes, rels] = ExportCsvText();
  for (const std::string* xml : {&graphml, &gexf}) {
    EXPECT_EQ(xml->find('\x01'), std::string::npos);
    EXPECT_EQ(xml->find('\x02'), std::string::npos);
    EXPECT_EQ(xml->find('\x7f'), std::string::npos);
    EXPECT_NE(xml->find("Acme &amp; &lt;Sons&gt; &quot;Q&quot; &apos;A&apos;"), std::string::npos);
    EXPECT_NE(xml->find(kCyrillic), std::string::npos);
    EXPECT_NE(xml->find(kArabic), std::string::npos);
    EXPECT_EQ(xml->find("<Sons>"), std::string::npos);
  }
  // The evidence sentence keeps its line break and tab as character references.
  EXPECT_NE(graphml.find("&amp; &lt;fees&gt;.&#10;&#9;Next line."), std::string::npos);
  // JSON keeps control characters, escaped.
  EXPECT_NE(json.find("Acme & <Sons> \\\"Q\\\" 'A'\\u0001\x7f"), std::string::npos);
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError());
  // CSV: quotes doubled, no control characters, no line breaks inside a record.
  EXPECT_NE(nodes.find("\"Acme & <Sons> \"\"Q\"\" 'A'\""), std::string::npos) << nodes;
  EXPECT_EQ(nodes.find('\x01'), std::string::npos);
  EXPECT_NE(rels.find("<fees>.  Next line."), std::string::npos) << rels;
  size_t lines = 0;
  for (char c : rels) lines += c == '\n';
  EXPECT_EQ(lines, graph_->num_edges() + 1);
  if (HaveXmllint()) {
    for (const auto& [name, text] : {std::make_pair("h.graphml", graphml), std::make_pair("h.gexf", gexf)}) {
      RunResult r = Sh("xmllint --noout " + Q(WriteTemp(name, text)));
      EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    }
  }
}

TEST_F(ExportTest, IndependentReadersReadBackWhatWasWritten) {
  std::string script = WriteTemp("summary.py", kSummaryPy);
  std::string graphml = WriteTemp("r.graphml", Export(ExportFormat::kGraphML));
  std::string gexf = WriteTemp("r.gexf", Export(ExportFormat::kGexf));
  std::string json = WriteTemp("r.json", Export(ExportFormat::kJson));
  std::string csv_dir = dir_.File("r-csv");
  ASSERT_OK(ExportGraphToFile(*graph_, *store_, {}, ExportFormat::kCsv, csv_dir));
  if (!HavePython("xml.etree.ElementTree, csv")) GTEST_SKIP() << "/usr/bin/python3 is absent";
  struct Reader {
    const char* kind;
    std::string path;
    TextRule rule;
    const char* modules;
  } readers[] = {
      {"etree-gexf", gexf, TextRule::kXmlToken, "xml"},
      {"csv", csv_dir, TextRule::kCsv, "csv"},
      {"networkx-graphml", graphml, TextRule::kXml, "networkx"},
      {"networkx-json", json, TextRule::kExact, "networkx"},
      {"igraph-graphml", graphml, TextRule::kXml, "igraph"},
  };
  std::vector<std::string> skipped;
  for (const Reader& reader : readers) {
    if (!HavePython(reader.modules)) {
      skipped.push_back(reader.kind);
      continue;
    }
    RunResult r = Sh("/usr/bin/python3 " + Q(script) + " " + reader.kind + " " + Q(reader.path));
    ASSERT_EQ(r.exit_code, 0) << reader.kind << ": " << r.err;
    ExpectSummaryMatches(*graph_, r.out, reader.rule, reader.kind);
  }
  if (!skipped.empty()) {
    std::string list;
    for (const auto& s : skipped) list += " " + s;
    GTEST_SKIP() << "Debian's python3-networkx / python3-igraph absent; skipped:" << list;
  }
}

// Cytoscape.js takes the JSON's nodes and links as element `data`. Runs only where node can require
// the cytoscape package (e.g. NODE_PATH=/path/to/node_modules); skipped otherwise.
TEST_F(ExportTest, CytoscapeJsReadsTheJson) {
  if (Sh("node -e \"require('cytoscape')\"").exit_code != 0)
    GTEST_SKIP() << "node with the cytoscape package is absent (set NODE_PATH to a node_modules holding it)";
  std::string json = WriteTemp("c.json", Export(ExportFormat::kJson));
  std::string script = WriteTemp("read.js", R"JS(
const g = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const cy = require('cytoscape')({ headless: true, elements: {
  nodes: g.nodes.map(d => ({ data: d })), edges: g.links.map(d => ({ data: d })) } });
const out = { nodes: {}, edges: {} };
cy.nodes().forEach(n => { out.nodes[n.id()] = n.data('label'); });
cy.edges().forEach(e => { out.edges[e.id()] = [e.source().id(), e.target().id(), e.data('label'),
                                                e.data('relation'), e.data('weight')]; });
console.log(JSON.stringify(out));
)JS");
  RunResult r = Sh("node " + Q(script) + " " + Q(json));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectSummaryMatches(*graph_, r.out, TextRule::kExact, "cytoscape");
}

TEST_F(ExportTest, GexfTimelineHasASpellPerReportingDate) {
  std::string gexf = Export(ExportFormat::kGexf);
  // meet was reported on 2025-03-01 and 2025-03-05: two spells; the node spans both dates.
  size_t meet = gexf.find("kind=\"meet\"");
  ASSERT_NE(meet, std::string::npos);
  size_t end = gexf.find("</edge>", meet);
  std::string edge = gexf.substr(meet, end - meet);
  EXPECT_NE(edge.find("<spell start=\"2025-03-01\" end=\"2025-03-01\"/>"), std::string::npos) << edge;
  EXPECT_NE(edge.find("<spell start=\"2025-03-05\" end=\"2025-03-05\"/>"), std::string::npos) << edge;
  EXPECT_NE(gexf.find("label=\"Tom Burke\" start=\"2025-03-01\" end=\"2025-03-05\""), std::string::npos);
  // The undated document gives no time: its relations are always shown.
  size_t warn = gexf.find("kind=\"warn\"");
  ASSERT_NE(warn, std::string::npos);
  EXPECT_EQ(gexf.substr(warn, gexf.find("</edge>", warn) - warn).find("<spells>"), std::string::npos);
  EXPECT_NE(gexf.find("mode=\"dynamic\" timeformat=\"date\""), std::string::npos);
}

TEST_F(ExportTest, ParallelRelationsStayApart) {
  // meet and criticize between the same two actors: two edges with their own labels everywhere.
  std::string graphml = Export(ExportFormat::kGraphML);
  std::string gexf = Export(ExportFormat::kGexf);
  for (const char* rel : {"meet", "criticize"}) {
    EXPECT_NE(graphml.find(std::string("<data key=\"elabel\">") + rel + "</data>"), std::string::npos) << rel;
    EXPECT_NE(gexf.find(std::string("kind=\"") + rel + "\" label=\"" + rel + "\""), std::string::npos) << rel;
  }
}

TEST_F(ExportTest, ExtrasComeFromTheStore) {
  rapidjson::Document d;
  std::string json = Export(ExportFormat::kJson);
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError());
  bool found_meet = false, found_karim = false;
  for (const auto& n : d["nodes"].GetArray()) {
    if (std::string(n["label"].GetString()) != "Karim al-Haddad") continue;
    found_karim = true;
    ASSERT_EQ(n["aliases"].Size(), 1u);
    EXPECT_STREQ(n["aliases"][0].GetString(), "al-Haddad");
    EXPECT_EQ(n["degree"].GetInt(), 3);
    EXPECT_STREQ(n["type"].GetString(), "PERSON");
  }
  for (const auto& e : d["links"].GetArray()) {
    if (std::string(e["relation"].GetString()) != "meet") continue;
    found_meet = true;
    EXPECT_EQ(e["count"].GetInt(), 2);
    EXPECT_STREQ(e["quad_class"].GetString(), "verbal cooperation");
    ASSERT_EQ(e["doc_ids"].Size(), 2u);
    EXPECT_STREQ(e["doc_ids"][0].GetString(), "d1");  // earliest first
    EXPECT_STREQ(e["doc_ids"][1].GetString(), "d2");
    EXPECT_STREQ(e["evidence"].GetString(), "Tom Burke met Karim al-Haddad in Damascus.");
    ASSERT_EQ(e["dates"].Size(), 2u);
  }
  EXPECT_TRUE(found_meet && found_karim);

  ExportOptions one_doc;
  one_doc.max_doc_ids = 1;
  std::ostringstream out;
  ASSERT_OK(ExportGraph(*graph_, *store_, {}, ExportFormat::kJson, out, one_doc));
  d.Parse(out.str().c_str());
  for (const auto& e : d["links"].GetArray())
    if (std::string(e["relation"].GetString()) == "meet") {
      EXPECT_EQ(e["doc_ids"].Size(), 1u);
      EXPECT_EQ(e["doc_count"].GetInt(), 2);
    }
}

TEST_F(ExportTest, ARelationReportedByManyDocuments) {
  // 40 documents, newest first, report the same relation (twice in some): every document once, earliest
  // first, and the cap applies to the list, not the count.
  for (int i = 40; i >= 1; --i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-05-%02d", (i + 1) / 2);  // pairs of documents share a date
    DocBuilder d("doc" + std::to_string(i), date);
    int s0 = d.Sentence("Tom Burke met Karim al-Haddad, report " + std::to_string(i) + ".");
    auto tom = d.Entity("Tom Burke", EntityType::kPerson, {"Tom Burke"});
    auto karim = d.Entity("Karim al-Haddad", EntityType::kPerson, {"Karim al-Haddad"});
    d.Relation(tom, "meet", "CONSULT", karim, s0);
    if (i % 3 == 0) d.Relation(tom, "meet", "CONSULT", karim, s0);
    ASSERT_OK(store_->Ingest(d.doc(), d.extraction()));
  }
  LoadGraph();
  ExportOptions options;
  options.max_doc_ids = 5;
  std::ostringstream out;
  ASSERT_OK(ExportGraph(*graph_, *store_, {}, ExportFormat::kJson, out, options));
  rapidjson::Document d;
  d.Parse(out.str().c_str());
  ASSERT_FALSE(d.HasParseError());
  bool found = false;
  for (const auto& e : d["links"].GetArray()) {
    if (std::string(e["relation"].GetString()) != "meet") continue;
    found = true;
    EXPECT_EQ(e["doc_count"].GetInt(), 42);  // d1, d2 and the 40 new ones
    ASSERT_EQ(e["doc_ids"].Size(), 5u);
    EXPECT_STREQ(e["doc_ids"][0].GetString(), "d1");  // 2025-03-01
    EXPECT_STREQ(e["doc_ids"][1].GetString(), "d2");  // 2025-03-05
    // 2025-05-01 is the date of doc1 and doc2; doc2 was stored first (the loop counts down).
    EXPECT_STREQ(e["doc_ids"][2].GetString(), "doc2");
    EXPECT_STREQ(e["doc_ids"][3].GetString(), "doc1");
    EXPECT_EQ(e["dates"].Size(), 22u);
    EXPECT_EQ(e["count"].GetInt(), 2 + 40 + 13);
  }
  EXPECT_TRUE(found);
}

TEST_F(ExportTest, ZeroWeightIsExportedPositive) {
  std::string graphml = Export(ExportFormat::kGraphML);
  EXPECT_EQ(graphml.find("<data key=\"weight\">0</data>"), std::string::npos);
  EXPECT_NE(graphml.find("<data key=\"weight\">1e-09</data>"), std::string::npos);
  EXPECT_NE(Export(ExportFormat::kGexf).find("weight=\"1e-09\""), std::string::npos);
}

TEST_F(ExportTest, SelectionsAreCheckedAndExportedAlone) {
  NodeIndex tom = NodeNamed("Tom Burke"), karim = NodeNamed("Karim al-Haddad");
  EdgeIndex meet = 0;
  for (EdgeIndex e = 0; e < graph_->num_edges(); ++e)
    if (graph_->edge(e).relation == "meet") meet = e;
  GraphSelection sel;
  sel.all = false;
  sel.nodes = {karim, tom, tom};  // any order, duplicates ignored
  sel.edges = {meet, meet};
  std::string json = Export(ExportFormat::kJson, sel);
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(d["nodes"].Size(), 2u);
  ASSERT_EQ(d["links"].Size(), 1u);
  EXPECT_EQ(d["nodes"][0]["degree"].GetInt(), 1);  // degree within the selection
  EXPECT_EQ(d["graph"]["edge_count"].GetInt(), 1);

  GraphSelection dangling;
  dangling.all = false;
  dangling.nodes = {tom};
  dangling.edges = {meet};
  std::ostringstream out;
  Status st = ExportGraph(*graph_, *store_, dangling, ExportFormat::kGraphML, out);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("Karim al-Haddad"), std::string::npos) << st.message();

  GraphSelection outside;
  outside.all = false;
  outside.nodes = {static_cast<NodeIndex>(graph_->num_nodes())};
  EXPECT_EQ(ExportGraph(*graph_, *store_, outside, ExportFormat::kJson, out).code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(ExportGraph(*graph_, *store_, {}, ExportFormat::kCsv, out).code(), StatusCode::kInvalidArgument);
}

TEST_F(ExportTest, PointLookupsAndBulkScansAgree) {
  // Enough filler that a one-edge selection reads its extras per element, while the whole graph scans.
  DocBuilder d("filler", "2025-04-01");
  std::vector<std::string> ids;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Filler" + std::to_string(i) + " ";
  int s0 = d.Sentence(text);
  for (int i = 0; i < 40; ++i)
    ids.push_back(d.Entity("Filler" + std::to_string(i), EntityType::kOrg, {"Filler" + std::to_string(i) + " "}));
  for (int i = 0; i + 1 < 40; ++i) d.Relation(ids[i], "support", "SUPPORT", ids[i + 1], s0);
  ASSERT_OK(store_->Ingest(d.doc(), d.extraction()));
  LoadGraph();

  rapidjson::Document all;
  std::string all_json = Export(ExportFormat::kJson);
  all.Parse(all_json.c_str());
  ASSERT_FALSE(all.HasParseError());
  for (EdgeIndex e = 0; e < graph_->num_edges(); ++e) {
    if (graph_->edge(e).relation != "meet" && graph_->edge(e).relation != "warn") continue;
    GraphSelection one;
    one.all = false;
    one.nodes = {graph_->edge(e).source, graph_->edge(e).target};
    one.edges = {e};
    rapidjson::Document part;
    std::string part_json = Export(ExportFormat::kJson, one);
    part.Parse(part_json.c_str());
    ASSERT_FALSE(part.HasParseError());
    ASSERT_EQ(part["links"].Size(), 1u);
    const auto& link = part["links"][0];
    bool same = false;
    for (const auto& l : all["links"].GetArray()) {
      if (std::string(l["id"].GetString()) != link["id"].GetString()) continue;
      EXPECT_TRUE(l["doc_ids"] == link["doc_ids"]) << link["id"].GetString();
      EXPECT_TRUE(l["dates"] == link["dates"]);
      EXPECT_TRUE(l["evidence"] == link["evidence"]);
      same = true;
    }
    EXPECT_TRUE(same);
    for (const auto& n : part["nodes"].GetArray())
      for (const auto& m : all["nodes"].GetArray())
        if (std::string(m["id"].GetString()) == n["id"].GetString()) {
          EXPECT_TRUE(m["aliases"] == n["aliases"]);
        }
  }
}

TEST_F(ExportTest, FilesAreReplacedAtomically) {
  std::string path = dir_.File("out.graphml");
  ASSERT_OK(ExportGraphToFile(*graph_, *store_, {}, ExportFormat::kGraphML, path));
  std::string before = ReadFile(path);
  EXPECT_EQ(before, Export(ExportFormat::kGraphML));
  // A failing export (a bad selection) leaves the old file as it was and no temporary file behind.
  GraphSelection bad;
  bad.all = false;
  bad.edges = {0};
  EXPECT_FALSE(ExportGraphToFile(*graph_, *store_, bad, ExportFormat::kGraphML, path).ok());
  EXPECT_EQ(ReadFile(path), before);
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  // A directory that does not exist: IOError naming the path.
  Status st = ExportGraphToFile(*graph_, *store_, {}, ExportFormat::kJson, dir_.File("no/such/dir/x.json"));
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("no/such/dir/x.json"), std::string::npos);
}

TEST_F(ExportTest, CameoAndTitleAreWrittenInEveryFormat) {
  const std::string graphml = Export(ExportFormat::kGraphML);
  EXPECT_NE(graphml.find("<key id=\"cameo\" for=\"edge\" attr.name=\"cameo\" attr.type=\"string\""),
            std::string::npos);
  EXPECT_NE(graphml.find("<key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\""),
            std::string::npos);
  EXPECT_NE(graphml.find("<data key=\"cameo\">040</data>"), std::string::npos);
  EXPECT_NE(graphml.find("<data key=\"cameo\">130</data>"), std::string::npos);
  EXPECT_NE(graphml.find("<data key=\"title\">Senator</data>"), std::string::npos);
  const std::string gexf = Export(ExportFormat::kGexf);
  EXPECT_NE(gexf.find("value=\"040\""), std::string::npos);
  EXPECT_NE(gexf.find("value=\"Senator\""), std::string::npos);
  const std::string json = Export(ExportFormat::kJson);
  EXPECT_NE(json.find("\"event\":\"CONSULT\",\"cameo\":\"040\""), std::string::npos);
  EXPECT_NE(json.find("\"cameo\":null"), std::string::npos);
  EXPECT_NE(json.find("\"title\":\"Senator\""), std::string::npos);
  auto [nodes, rels] = ExportCsvText();
  EXPECT_NE(rels.find("\"meet\",\"CONSULT\",\"040\",\"verbal cooperation\""), std::string::npos) << rels;
  EXPECT_NE(nodes.find(",\"Senator\"\n"), std::string::npos) << nodes;
  // The graph and the store agree.
  int64_t coded = 0;
  for (EdgeIndex e = 0; e < graph_->num_edges(); ++e) coded += !graph_->edge(e).cameo.empty();
  EXPECT_EQ(coded, 2);
}

TEST_F(ExportTest, CsvWritesADirectory) {
  std::string out = dir_.File("csv/nested");
  ASSERT_OK(ExportGraphToFile(*graph_, *store_, {}, ExportFormat::kCsv, out));
  auto [nodes, rels] = ExportCsvText();
  EXPECT_EQ(ReadFile(out + "/nodes.csv"), nodes);
  EXPECT_EQ(ReadFile(out + "/relationships.csv"), rels);
  EXPECT_EQ(nodes.substr(0, nodes.find('\n')),
            "id:ID,name,:LABEL,type,aliases:string[],mentions:long,degree:long,first_seen:date,last_seen:date,"
            "code,country,sector,title");
  EXPECT_EQ(rels.rfind(":START_ID,:END_ID,:TYPE,id,relation,event,cameo,quad_class,", 0), 0u);
  std::string file = dir_.Write("plain-file", "x");
  EXPECT_EQ(ExportGraphToFile(*graph_, *store_, {}, ExportFormat::kCsv, file).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ag
