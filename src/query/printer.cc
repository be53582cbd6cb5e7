// Result printers for query statements: aligned text tables, one JSON object per line (RapidJSON, so strings
// are escaped correctly), and RFC 4180 CSV blocks. See printer.h and docs/query-language.md.
#include "query/printer.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "util/strings.h"

namespace ag {

Result<OutputFormat> ParseOutputFormat(const std::string& name) {
  std::string key = AsciiLower(name);
  if (key == "table") return OutputFormat::kTable;
  if (key == "json") return OutputFormat::kJson;
  if (key == "csv") return OutputFormat::kCsv;
  return Status::InvalidArgument("unknown output format \"" + name + "\"; expected table, json or csv");
}

namespace query {

std::string FormatWeight(double weight) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, weight);
  if (ec != std::errc()) return std::to_string(weight);
  return std::string(buf, end);
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {

// Display width in code points (close enough for aligning names; wide CJK glyphs count as one).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Left-aligned columns separated by two spaces, no trailing blanks.
void WriteTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], Width(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    size_t last = row.size();
    while (last > 0 && row[last - 1].empty()) --last;  // no trailing blanks for empty last cells
    for (size_t i = 0; i < last; ++i) {
      line += row[i];
      if (i + 1 < last) line.append(widths[i] - Width(row[i]) + 2, ' ');
    }
    out << line << '\n';
  }
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// True when path edge i runs from nodes[i] to nodes[i+1]; false when it points back.
bool StepIsForward(const Graph& graph, const Path& path, size_t i) {
  const GraphEdge& e = graph.edge(path.edges[i]);
  return e.source == path.nodes[i] && e.target == path.nodes[i + 1];
}

// "2024-03-01", "2024-03-01..2024-03-09" or "".
std::string DateRange(const GraphEdge& e) {
  if (e.first_date.empty() || e.first_date == e.last_date) return e.first_date;
  return e.first_date + ".." + e.last_date;
}

// Sentences on one line for tables: runs of whitespace (newlines included) become one space.
std::string OneLine(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string EvidenceText(const std::optional<EvidenceRecord>& ev) {
  if (!ev) return "";
  std::string out = ev->doc_id;
  if (!ev->date.empty()) out += " (" + ev->date + ")";
  if (ev->negated) out += " [negated]";
  if (ev->modality != Modality::kAsserted) out += std::string(" [") + ModalityName(ev->modality) + "]";
  const std::string sentence = OneLine(ev->sentence_text);
  return sentence.empty() ? out : out + ": " + sentence;  // triples have no sentence
}

class TablePrinter final : public Printer {
 public:
  TablePrinter(const Graph& graph, std::ostream& out) : Printer(graph, out) {}

  void PrintNeighbors(const Statement& statement, const NeighborsStatement& query, const Neighborhood& result,
                      bool truncated) override {
    Header(statement);
    out_ << Plural(result.nodes.size(), "node", "nodes") << (truncated ? " (limit reached)" : "") << ", "
         << Plural(result.edges.size(), "edge", "edges") << '\n';
    std::vector<std::vector<std::string>> rows{{"depth", "name", "type"}};
    for (const auto& [node, depth] : result.nodes)
      rows.push_back({std::to_string(depth), graph_.node(node).name, EntityTypeName(graph_.node(node).type)});
    WriteTable(out_, rows);
    if (result.edges.empty()) return;
    rows = {{"source", "relation", "target", "weight"}};
    for (EdgeIndex e : result.edges) {
      const GraphEdge& edge = graph_.edge(e);
      rows.push_back({graph_.node(edge.source).name, edge.relation, graph_.node(edge.target).name,
                      FormatWeight(edge.weight)});
    }
    out_ << '\n';
    WriteTable(out_, rows);
  }

  void PrintPaths(const Statement& statement, const PathStatement& query, const std::vector<Path>& paths,
                  bool truncated) override {
    Header(statement);
    if (paths.empty()) {
      out_ << "no path within " << Plural(static_cast<size_t>(query.max_hops), "hop", "hops") << '\n';
      return;
    }
    size_t min_hops = paths[0].edges.size(), max_hops = min_hops;
    for (const Path& p : paths) {
      min_hops = std::min(min_hops, p.edges.size());
      max_hops = std::max(max_hops, p.edges.size());
    }
    out_ << Plural(paths.size(), "path", "paths") << " of "
         << (min_hops == max_hops ? Plural(min_hops, "hop", "hops")
                                  : std::to_string(min_hops) + " to " + std::to_string(max_hops) + " hops")
         << (truncated ? " (limit reached)" : "") << '\n';
    for (const Path& path : paths) {
      std::string line = graph_.node(path.nodes[0]).name;
      for (size_t i = 0; i < path.edges.size(); ++i) {
        const std::string& relation = graph_.edge(path.edges[i]).relation;
        line += StepIsForward(graph_, path, i) ? " -[" + relation + "]-> " : " <-[" + relation + "]- ";
        line += graph_.node(path.nodes[i + 1]).name;
      }
      if (query.weighted) line += "  (cost " + FormatWeight(path.cost) + ")";
      out_ << line << '\n';
    }
  }

  void PrintEntity(const Statement& statement, const EntityResult& result) override {
    const EntityRecord& e = result.record;
    Header(statement);
    out_ << e.name << " (" << EntityTypeName(e.type) << "), "
         << (result.relations.size() < result.total_relations
                 ? "top " + std::to_string(result.relations.size()) + " of " +
                       Plural(result.total_relations, "relation", "relations")
                 : Plural(result.total_relations, "relation", "relations"))
         << '\n';
    std::string aliases;
    for (size_t i = 0; i < e.aliases.size(); ++i) aliases += (i ? ", " : "") + e.aliases[i];
    std::vector<std::vector<std::string>> facts = {
        {"aliases", aliases},
        {"mentions", std::to_string(e.mention_count)},
        {"degree", std::to_string(result.out_degree + result.in_degree) + " (" +
                       std::to_string(result.out_degree) + " out, " + std::to_string(result.in_degree) + " in)"},
        {"seen", e.first_seen == e.last_seen ? e.first_seen : e.first_seen + ".." + e.last_seen},
    };
    WriteTable(out_, facts);
    if (result.relations.empty()) return;
    out_ << '\n';
    RelationTable(result.relations);
  }

  void PrintRelations(const Statement& statement, const std::vector<RelationRow>& rows, bool truncated) override {
    Header(statement);
    out_ << Plural(rows.size(), "relation", "relations") << (truncated ? " (limit reached)" : "") << '\n';
    if (!rows.empty()) RelationTable(rows);
  }

  void PrintExport(const Statement& statement, const ExportResult& result) override {
    Header(statement);
    out_ << Plural(result.nodes, "node", "nodes") << ", " << Plural(result.edges, "edge", "edges") << " written to "
         << result.file << '\n';
  }

  void PrintLet(const Statement& statement, const std::string& name, size_t nodes, size_t edges) override {
    Header(statement);
    out_ << Plural(nodes, "node", "nodes") << ", " << Plural(edges, "edge", "edges") << '\n';
  }

 private:
  void Header(const Statement& statement) {
    if (!first_) out_ << '\n';
    first_ = false;
    out_ << "-- " << CanonicalStatement(statement) << ": ";
  }

  void RelationTable(const std::vector<RelationRow>& relations) {
    std::vector<std::vector<std::string>> rows{
        {"source", "relation", "target", "event", "weight", "count", "dates", "evidence"}};
    for (const RelationRow& r : relations) {
      const GraphEdge& edge = graph_.edge(r.edge);
      rows.push_back({graph_.node(edge.source).name, edge.relation, graph_.node(edge.target).name, edge.event,
                      FormatWeight(edge.weight), std::to_string(edge.count), DateRange(edge),
                      EvidenceText(r.evidence)});
    }
    WriteTable(out_, rows);
  }

  bool first_ = true;
};

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& w, const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

class JsonPrinter final : public Printer {
 public:
  JsonPrinter(const Graph& graph, std::ostream& out) : Printer(graph, out) {}

  void PrintNeighbors(const Statement& statement, const NeighborsStatement& query, const Neighborhood& result,
                      bool truncated) override {
    Begin(statement);
    w_.Key("nodes");
    w_.StartArray();
    for (const auto& [node, depth] : result.nodes) {
      w_.StartObject();
      w_.Key("name");
      String(w_, graph_.node(node).name);
      w_.Key("type");
      w_.String(EntityTypeName(graph_.node(node).type));
      w_.Key("depth");
      w_.Int(depth);
      w_.EndObject();
    }
    w_.EndArray();
    w_.Key("edges");
    w_.StartArray();
    for (EdgeIndex e : result.edges) Edge(e, false);
    w_.EndArray();
    w_.Key("limit_reached");
    w_.Bool(truncated);
    End();
  }

  void PrintPaths(const Statement& statement, const PathStatement& query, const std::vector<Path>& paths,
                  bool truncated) override {
    Begin(statement);
    w_.Key("paths");
    w_.StartArray();
    for (const Path& path : paths) {
      w_.StartObject();
      w_.Key("nodes");
      w_.StartArray();
      for (NodeIndex n : path.nodes) String(w_, graph_.node(n).name);
      w_.EndArray();
      w_.Key("edges");
      w_.StartArray();
      for (EdgeIndex e : path.edges) {
        w_.StartObject();
        EdgeEnds(graph_.edge(e));
        w_.EndObject();
      }
      w_.EndArray();
      w_.Key("hops");
      w_.Uint64(path.edges.size());
      w_.Key("cost");
      w_.Double(path.cost);
      w_.EndObject();
    }
    w_.EndArray();
    w_.Key("limit_reached");
    w_.Bool(truncated);
    End();
  }

  void PrintEntity(const Statement& statement, const EntityResult& result) override {
    const EntityRecord& e = result.record;
    Begin(statement);
    w_.Key("entity");
    w_.StartObject();
    w_.Key("name");
    String(w_, e.name);
    w_.Key("type");
    w_.String(EntityTypeName(e.type));
    w_.Key("aliases");
    w_.StartArray();
    for (const std::string& a : e.aliases) String(w_, a);
    w_.EndArray();
    w_.Key("mentions");
    w_.Int64(e.mention_count);
    w_.Key("degree");
    w_.Uint64(result.out_degree + result.in_degree);
    w_.Key("out_degree");
    w_.Uint64(result.out_degree);
    w_.Key("in_degree");
    w_.Uint64(result.in_degree);
    w_.Key("first_seen");
    String(w_, e.first_seen);
    w_.Key("last_seen");
    String(w_, e.last_seen);
    w_.EndObject();
    w_.Key("relations");
    Relations(result.relations);
    w_.Key("limit_reached");
    w_.Bool(result.relations.size() < result.total_relations);
    End();
  }

  void PrintRelations(const Statement& statement, const std::vector<RelationRow>& rows, bool truncated) override {
    Begin(statement);
    w_.Key("relations");
    Relations(rows);
    w_.Key("limit_reached");
    w_.Bool(truncated);
    End();
  }

  void PrintExport(const Statement& statement, const ExportResult& result) override {
    Begin(statement);
    w_.Key("export");
    w_.StartObject();
    w_.Key("format");
    String(w_, result.format);
    w_.Key("file");
    String(w_, result.file);
    w_.Key("nodes");
    w_.Uint64(result.nodes);
    w_.Key("edges");
    w_.Uint64(result.edges);
    w_.EndObject();
    End();
  }

  void PrintLet(const Statement& statement, const std::string& name, size_t nodes, size_t edges) override {
    Begin(statement);
    w_.Key("let");
    w_.StartObject();
    w_.Key("name");
    String(w_, name);
    w_.Key("nodes");
    w_.Uint64(nodes);
    w_.Key("edges");
    w_.Uint64(edges);
    w_.EndObject();
    End();
  }

 private:
  void Begin(const Statement& statement) {
    buffer_.Clear();
    w_.Reset(buffer_);
    w_.StartObject();
    w_.Key("statement");
    String(w_, statement.text);
  }
  void End() {
    w_.EndObject();
    out_ << buffer_.GetString() << '\n';
  }

  // A relation: the neighbourhood edge shape plus, with `full`, its counts, dates and evidence.
  // The fields every edge shape starts with: source, target, relation, weight.
  void EdgeEnds(const GraphEdge& edge) {
    w_.Key("source");
    String(w_, graph_.node(edge.source).name);
    w_.Key("target");
    String(w_, graph_.node(edge.target).name);
    w_.Key("relation");
    String(w_, edge.relation);
    w_.Key("weight");
    w_.Double(edge.weight);
  }

  void Edge(EdgeIndex e, bool full, const std::optional<EvidenceRecord>* evidence = nullptr) {
    const GraphEdge& edge = graph_.edge(e);
    w_.StartObject();
    EdgeEnds(edge);
    w_.Key("event");
    String(w_, edge.event);
    w_.Key("count");
    w_.Int64(edge.count);
    w_.Key("first_date");
    String(w_, edge.first_date);
    w_.Key("last_date");
    String(w_, edge.last_date);
    if (full) {
      w_.Key("negated");
      w_.Int64(edge.negated_count);
      w_.Key("planned");
      w_.Int64(edge.planned_count);
      w_.Key("hedged");
      w_.Int64(edge.hedged_count);
      w_.Key("evidence");
      if (evidence && evidence->has_value()) {
        const EvidenceRecord& ev = **evidence;
        w_.StartObject();
        w_.Key("doc");
        String(w_, ev.doc_id);
        w_.Key("title");
        String(w_, ev.doc_title);
        w_.Key("date");
        String(w_, ev.date);
        w_.Key("sentence");
        String(w_, ev.sentence_text);
        w_.Key("negated");
        w_.Bool(ev.negated);
        w_.Key("modality");
        w_.String(ModalityName(ev.modality));
        w_.EndObject();
      } else {
        w_.Null();
      }
    }
    w_.EndObject();
  }

  void Relations(const std::vector<RelationRow>& rows) {
    w_.StartArray();
    for (const RelationRow& r : rows) Edge(r.edge, true, &r.evidence);
    w_.EndArray();
  }

  rapidjson::StringBuffer buffer_;
  Writer w_;
};

class CsvPrinter final : public Printer {
 public:
  CsvPrinter(const Graph& graph, std::ostream& out) : Printer(graph, out) {}

  void PrintNeighbors(const Statement& statement, const NeighborsStatement& query, const Neighborhood& result,
                      bool truncated) override {
    Separate();
    Row({"kind", "name", "type", "depth", "source", "relation", "target", "weight"});
    for (const auto& [node, depth] : result.nodes)
      Row({"node", graph_.node(node).name, EntityTypeName(graph_.node(node).type), std::to_string(depth), "", "",
           "", ""});
    for (EdgeIndex e : result.edges) {
      const GraphEdge& edge = graph_.edge(e);
      Row({"edge", "", "", "", graph_.node(edge.source).name, edge.relation, graph_.node(edge.target).name,
           FormatWeight(edge.weight)});
    }
  }

  void PrintPaths(const Statement& statement, const PathStatement& query, const std::vector<Path>& paths,
                  bool truncated) override {
    Separate();
    Row({"path", "step", "node", "relation", "direction"});
    for (size_t p = 0; p < paths.size(); ++p) {
      const Path& path = paths[p];
      const std::string number = std::to_string(p + 1);
      Row({number, "0", graph_.node(path.nodes[0]).name, "", ""});
      for (size_t i = 0; i < path.edges.size(); ++i)
        Row({number, std::to_string(i + 1), graph_.node(path.nodes[i + 1]).name,
             graph_.edge(path.edges[i]).relation, StepIsForward(graph_, path, i) ? "forward" : "backward"});
    }
  }

  void PrintEntity(const Statement& statement, const EntityResult& result) override {
    Separate();
    const EntityRecord& e = result.record;
    Row({"kind", "name", "type", "mentions", "degree", "first_seen", "last_seen", "source", "relation", "target",
         "event", "weight", "count", "doc", "date", "sentence"});
    Row({"entity", e.name, EntityTypeName(e.type), std::to_string(e.mention_count),
         std::to_string(result.out_degree + result.in_degree), e.first_seen, e.last_seen, "", "", "", "", "", "", "",
         "", ""});
    for (const std::string& a : e.aliases) Row({"alias", a, "", "", "", "", "", "", "", "", "", "", "", "", "", ""});
    for (const RelationRow& r : result.relations) {
      std::vector<std::string> row = {"relation", "", "", "", "", "", ""};
      for (std::string& f : RelationFields(r)) row.push_back(std::move(f));
      row.erase(row.begin() + 13);  // the first_date/last_date pair becomes no column here
      row.erase(row.begin() + 13);
      Row(row);
    }
  }

  void PrintRelations(const Statement& statement, const std::vector<RelationRow>& rows, bool truncated) override {
    Separate();
    Row({"source", "relation", "target", "event", "weight", "count", "first_date", "last_date", "doc", "date",
         "sentence"});
    for (const RelationRow& r : rows) Row(RelationFields(r));
  }

  void PrintExport(const Statement& statement, const ExportResult& result) override {
    Separate();
    Row({"format", "file", "nodes", "edges"});
    Row({result.format, result.file, std::to_string(result.nodes), std::to_string(result.edges)});
  }

  void PrintLet(const Statement& statement, const std::string& name, size_t nodes, size_t edges) override {
    Separate();
    Row({"name", "nodes", "edges"});
    Row({name, std::to_string(nodes), std::to_string(edges)});
  }

 private:
  // source, relation, target, event, weight, count, first_date, last_date, doc, date, sentence.
  std::vector<std::string> RelationFields(const RelationRow& r) const {
    const GraphEdge& edge = graph_.edge(r.edge);
    std::vector<std::string> f = {graph_.node(edge.source).name, edge.relation, graph_.node(edge.target).name,
                                  edge.event, FormatWeight(edge.weight), std::to_string(edge.count),
                                  edge.first_date, edge.last_date};
    f.push_back(r.evidence ? r.evidence->doc_id : "");
    f.push_back(r.evidence ? r.evidence->date : "");
    f.push_back(r.evidence ? r.evidence->sentence_text : "");
    return f;
  }
  void Separate() {
    if (!first_) out_ << '\n';
    first_ = false;
  }
  void Row(const std::vector<std::string>& fields) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) line += ',';
      line += CsvField(fields[i]);
    }
    out_ << line << '\n';
  }

  bool first_ = true;
};

}  // namespace

std::unique_ptr<Printer> MakePrinter(OutputFormat format, const Graph& graph, std::ostream& out) {
  switch (format) {
    case OutputFormat::kJson: return std::make_unique<JsonPrinter>(graph, out);
    case OutputFormat::kCsv: return std::make_unique<CsvPrinter>(graph, out);
    case OutputFormat::kTable: break;
  }
  return std::make_unique<TablePrinter>(graph, out);
}

}  // namespace query
}  // namespace ag
