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
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - Width(row[i]) + 2, ' ');
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

class TablePrinter final : public Printer {
 public:
  TablePrinter(const Graph& graph, std::ostream& out) : Printer(graph, out) {}

  void PrintNeighbors(const Statement& statement, const NeighborsStatement& query, const Neighborhood& result,
                      bool truncated) override {
    Separate();
    out_ << "-- " << CanonicalStatement(statement) << ": " << Plural(result.nodes.size(), "node", "nodes")
         << (truncated ? " (limit reached)" : "") << ", " << Plural(result.edges.size(), "edge", "edges") << '\n';
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
    Separate();
    out_ << "-- " << CanonicalStatement(statement) << ": ";
    if (paths.empty()) {
      out_ << "no path within " << Plural(static_cast<size_t>(query.max_hops), "hop", "hops") << '\n';
      return;
    }
    out_ << Plural(paths.size(), "path", "paths") << " of "
         << Plural(paths[0].edges.size(), "hop", "hops") << (truncated ? " (limit reached)" : "") << '\n';
    for (const Path& path : paths) {
      std::string line = graph_.node(path.nodes[0]).name;
      for (size_t i = 0; i < path.edges.size(); ++i) {
        const std::string& relation = graph_.edge(path.edges[i]).relation;
        line += StepIsForward(graph_, path, i) ? " -[" + relation + "]-> " : " <-[" + relation + "]- ";
        line += graph_.node(path.nodes[i + 1]).name;
      }
      out_ << line << '\n';
    }
  }

 private:
  void Separate() {
    if (!first_) out_ << '\n';
    first_ = false;
  }

  bool first_ = true;
};

class JsonPrinter final : public Printer {
 public:
  JsonPrinter(const Graph& graph, std::ostream& out) : Printer(graph, out) {}

  void PrintNeighbors(const Statement& statement, const NeighborsStatement& query, const Neighborhood& result,
                      bool truncated) override {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    Key(w, "statement");
    String(w, statement.text);
    Key(w, "nodes");
    w.StartArray();
    for (const auto& [node, depth] : result.nodes) {
      w.StartObject();
      Key(w, "name");
      String(w, graph_.node(node).name);
      Key(w, "type");
      String(w, EntityTypeName(graph_.node(node).type));
      Key(w, "depth");
      w.Int(depth);
      w.EndObject();
    }
    w.EndArray();
    Key(w, "edges");
    w.StartArray();
    for (EdgeIndex e : result.edges) {
      const GraphEdge& edge = graph_.edge(e);
      w.StartObject();
      Key(w, "source");
      String(w, graph_.node(edge.source).name);
      Key(w, "target");
      String(w, graph_.node(edge.target).name);
      Key(w, "relation");
      String(w, edge.relation);
      Key(w, "weight");
      w.Double(edge.weight);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out_ << buffer.GetString() << '\n';
  }

  void PrintPaths(const Statement& statement, const PathStatement& query, const std::vector<Path>& paths,
                  bool truncated) override {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    Key(w, "statement");
    String(w, statement.text);
    Key(w, "paths");
    w.StartArray();
    for (const Path& path : paths) {
      w.StartObject();
      Key(w, "nodes");
      w.StartArray();
      for (NodeIndex n : path.nodes) String(w, graph_.node(n).name);
      w.EndArray();
      Key(w, "edges");
      w.StartArray();
      for (EdgeIndex e : path.edges) {
        const GraphEdge& edge = graph_.edge(e);
        w.StartObject();
        Key(w, "source");
        String(w, graph_.node(edge.source).name);
        Key(w, "target");
        String(w, graph_.node(edge.target).name);
        Key(w, "relation");
        String(w, edge.relation);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out_ << buffer.GetString() << '\n';
  }

 private:
  using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
  static void Key(Writer& w, const char* key) { w.Key(key); }
  static void String(Writer& w, const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
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

 private:
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
