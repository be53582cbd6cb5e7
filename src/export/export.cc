// The export stage's public entry points (include/actorgraph/export.h): format names, the selection check,
// dispatch to the writers and atomic file output (a temporary file beside the target, renamed into place
// only when everything was written). This is the stage's boundary: an exception from below (bad_alloc,
// filesystem) becomes a Status here.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <new>
#include <string>
#include <system_error>

#include "actorgraph/export.h"
#include "export/model.h"
#include "export/writers.h"
#include "util/strings.h"

namespace ag {
namespace {

template <typename Fn>
Status Guarded(const char* what, Fn&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return Status::ResourceLimit(std::string("out of memory while ") + what);
  } catch (const std::exception& e) {
    return Status::Internal(std::string(what) + ": " + e.what());
  }
}

std::string TempPath(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

// Writes a temporary file beside `path` with `write`; on success leaves it at *tmp for the caller to
// rename, on failure removes it.
Status WriteTemp(const std::string& path, const std::function<Status(std::ostream&)>& write, std::string* tmp) {
  *tmp = TempPath(path);
  std::ofstream out(*tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError(path + ": cannot write (" + std::strerror(errno) + ")");
  Status st = write(out);
  out.close();
  if (st.ok() && !out) st = Status::IOError("write failed");
  if (!st.ok()) {
    std::remove(tmp->c_str());
    return st.WithPrefix(path);
  }
  return Status::OK();
}

Status RenameInto(const std::string& tmp, const std::string& path) {
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return Status::IOError(path + ": cannot move the temporary file into place (" + why + ")");
  }
  return Status::OK();
}

}  // namespace

Result<ExportFormat> ParseExportFormat(const std::string& name) {
  std::string n = AsciiLower(name);
  if (n == "graphml") return ExportFormat::kGraphML;
  if (n == "gexf") return ExportFormat::kGexf;
  if (n == "json") return ExportFormat::kJson;
  if (n == "csv") return ExportFormat::kCsv;
  return Status::InvalidArgument("unknown export format \"" + name + "\" (expected graphml, gexf, json or csv)");
}

const char* ExportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::kGraphML: return "graphml";
    case ExportFormat::kGexf: return "gexf";
    case ExportFormat::kJson: return "json";
    case ExportFormat::kCsv: return "csv";
  }
  return "unknown";
}

Status ExportGraph(const Graph& graph, Store& store, const GraphSelection& selection, ExportFormat format,
                   std::ostream& out, const ExportOptions& options) {
  return Guarded("exporting", [&]() -> Status {
    if (format == ExportFormat::kCsv)
      return Status::InvalidArgument("csv export writes two files (nodes.csv, relationships.csv); give a "
                                     "directory, not a single stream");
    AG_ASSIGN_OR_RETURN(exporter::Selection sel, exporter::Select(graph, selection));
    switch (format) {
      case ExportFormat::kGraphML: return exporter::WriteGraphML(graph, store, sel, options, out);
      case ExportFormat::kGexf: return exporter::WriteGexf(graph, store, sel, options, out);
      case ExportFormat::kJson: return exporter::WriteJson(graph, store, sel, options, out);
      case ExportFormat::kCsv: break;
    }
    return Status::InvalidArgument("unsupported export format");
  });
}

Status ExportCsv(const Graph& graph, Store& store, const GraphSelection& selection, std::ostream& nodes_out,
                 std::ostream& relationships_out, const ExportOptions& options) {
  return Guarded("exporting csv", [&]() -> Status {
    AG_ASSIGN_OR_RETURN(exporter::Selection sel, exporter::Select(graph, selection));
    return exporter::WriteCsv(graph, store, sel, options, nodes_out, relationships_out);
  });
}

Status ExportGraphToFile(const Graph& graph, Store& store, const GraphSelection& selection, ExportFormat format,
                         const std::string& path, const ExportOptions& options) {
  return Guarded("exporting", [&]() -> Status {
    if (path.empty()) return Status::InvalidArgument("export: the output path is empty");
    if (format != ExportFormat::kCsv) {
      std::string tmp;
      AG_RETURN_IF_ERROR(WriteTemp(
          path, [&](std::ostream& out) { return ExportGraph(graph, store, selection, format, out, options); },
          &tmp));
      return RenameInto(tmp, path);
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_directory(path, ec))
      return Status::InvalidArgument(path + ": exists and is not a directory (csv export writes a directory "
                                     "holding nodes.csv and relationships.csv)");
    fs::create_directories(path, ec);
    if (ec) return Status::IOError(path + ": cannot create the directory (" + ec.message() + ")");
    const std::string nodes_path = (fs::path(path) / "nodes.csv").string();
    const std::string rels_path = (fs::path(path) / "relationships.csv").string();
    AG_ASSIGN_OR_RETURN(exporter::Selection sel, exporter::Select(graph, selection));
    // Both files are written before either replaces its old version.
    std::string nodes_tmp = TempPath(nodes_path), rels_tmp = TempPath(rels_path);
    std::ofstream nodes_out(nodes_tmp, std::ios::binary | std::ios::trunc);
    std::ofstream rels_out(rels_tmp, std::ios::binary | std::ios::trunc);
    auto cleanup = [&] {
      std::remove(nodes_tmp.c_str());
      std::remove(rels_tmp.c_str());
    };
    if (!nodes_out || !rels_out) {
      cleanup();
      return Status::IOError(path + ": cannot write (" + std::strerror(errno) + ")");
    }
    Status st = exporter::WriteCsv(graph, store, sel, options, nodes_out, rels_out);
    nodes_out.close();
    rels_out.close();
    if (st.ok() && (!nodes_out || !rels_out)) st = Status::IOError("write failed");
    if (!st.ok()) {
      cleanup();
      return st.WithPrefix(path);
    }
    Status moved = RenameInto(nodes_tmp, nodes_path);
    if (!moved.ok()) {
      cleanup();
      return moved;
    }
    return RenameInto(rels_tmp, rels_path);
  });
}

}  // namespace ag
