// Export entry points: format names, dispatch to the writers, atomic file output (write to a temporary
// file beside the target, then rename), and the shared XML escaping.
#include <cstdio>
#include <fstream>
#include <string>

#include "actorgraph/export.h"
#include "export/xml.h"

namespace ag {

Status WriteGraphML(const Graph& graph, const GraphSelection& sel, std::ostream& out);

namespace xml {

void AppendEscaped(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&apos;"; break;
      case '\t': case '\n': case '\r': *out += static_cast<char>(c); break;
      default:
        if (c < 0x20 || c == 0x7F) break;  // forbidden (or discouraged) in XML 1.0: dropped
        // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters.
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
          i += 2;
          break;
        }
        *out += static_cast<char>(c);
    }
  }
}

}  // namespace xml

Result<ExportFormat> ParseExportFormat(const std::string& name) {
  if (name == "graphml") return ExportFormat::kGraphML;
  return Status::InvalidArgument("unknown export format \"" + name + "\" (expected graphml)");
}

Status ExportGraph(const Graph& graph, const GraphSelection& selection, ExportFormat format, std::ostream& out) {
  switch (format) {
    case ExportFormat::kGraphML: return WriteGraphML(graph, selection, out);
  }
  return Status::InvalidArgument("unsupported export format");
}

Status ExportGraphToFile(const Graph& graph, const GraphSelection& selection, ExportFormat format,
                         const std::string& path) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(path + ": cannot write");
    Status st = ExportGraph(graph, selection, format, out);
    out.close();
    if (!st.ok() || !out) {
      std::remove(tmp.c_str());
      return st.ok() ? Status::IOError(path + ": write failed") : st.WithPrefix(path);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError(path + ": cannot rename the temporary file into place");
  }
  return Status::OK();
}

}  // namespace ag
