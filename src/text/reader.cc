// DocumentReader: expands paths (files, directories, "-") into sources and streams Documents from them.
// Plain text files are one document each; JSON-lines files are read line by line (streaming, so a 2 GB
// corpus needs no more memory than its longest line); a triples file becomes one document holding its
// relations. Every rejected input yields a Status whose message starts with "path:line[:col]".
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "text/utf8.h"
#include "util/strings.h"

namespace ag {
namespace {

namespace fs = std::filesystem;

struct Source {
  std::string path;  // "-" = stdin
  InputFormat format = InputFormat::kAuto;
};

std::string DisplayName(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// "line L, column C" of byte offset `byte` within `text` (1-based; column in code points).
std::pair<int64_t, int64_t> LineCol(std::string_view text, size_t byte) {
  int64_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, text::CodePointCount(text.substr(line_start, byte - line_start)) + 1};
}

// Checks text content: no NUL (binary), valid UTF-8, not blank. `where` prefixes messages; `line_base`
// is added to line numbers (for text embedded in a JSON line, the caller gives its own location).
Status CheckText(std::string_view text, const std::string& where, bool whole_file) {
  if (const void* nul = std::memchr(text.data(), 0, text.size())) {
    size_t off = static_cast<const char*>(nul) - text.data();
    return Status::InvalidArgument(where + ": binary content (NUL byte at byte offset " +
                                   std::to_string(off) + "), not a text document");
  }
  int64_t bad = text::FindInvalidUtf8(text);
  if (bad >= 0) {
    if (whole_file) {
      auto [line, col] = LineCol(text, static_cast<size_t>(bad));
      return Status::InvalidArgument(where + ":" + std::to_string(line) + ":" + std::to_string(col) +
                                     ": invalid UTF-8 at byte offset " + std::to_string(bad));
    }
    return Status::InvalidArgument(where + ": invalid UTF-8 in text at byte offset " + std::to_string(bad));
  }
  if (Trim(text).empty()) return Status::InvalidArgument(where + ": empty document");
  return Status::OK();
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Accepts YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by 'T' or ' ' and a time.
bool IsIsoDate(std::string_view d) {
  if (d.size() < 4 || !IsDigits(d.substr(0, 4))) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-' || d.size() < 7 || !IsDigits(d.substr(5, 2))) return false;
  int month = std::stoi(std::string(d.substr(5, 2)));
  if (month < 1 || month > 12) return false;
  if (d.size() == 7) return true;
  if (d[7] != '-' || d.size() < 10 || !IsDigits(d.substr(8, 2))) return false;
  int day = std::stoi(std::string(d.substr(8, 2)));
  if (day < 1 || day > 31) return false;
  return d.size() == 10 || d[10] == 'T' || d[10] == ' ';
}

// Finds a dateline date such as "March 3, 2025" or "3 March 2025" in the first lines of a text file.
std::string SniffDate(std::string_view text) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  std::string_view head = text.substr(0, std::min<size_t>(text.size(), 400));
  for (int m = 0; m < 12; ++m) {
    size_t pos = head.find(kMonths[m]);
    if (pos == std::string_view::npos) continue;
    size_t after = pos + std::strlen(kMonths[m]);
    auto digits_at = [&](size_t p, size_t* len) {
      size_t q = p;
      while (q < head.size() && head[q] >= '0' && head[q] <= '9') ++q;
      *len = q - p;
      return q;
    };
    int day = 0, year = 0;
    size_t len = 0;
    // "March 3, 2025"
    size_t p = after;
    if (p < head.size() && head[p] == ' ') {
      size_t q = digits_at(p + 1, &len);
      if (len >= 1 && len <= 2) {
        day = std::stoi(std::string(head.substr(p + 1, len)));
        if (q + 2 < head.size() && head[q] == ',' && head[q + 1] == ' ') {
          size_t r = digits_at(q + 2, &len);
          (void)r;
          if (len == 4) year = std::stoi(std::string(head.substr(q + 2, 4)));
        }
      }
    }
    // "3 March 2025"
    if (year == 0 && pos >= 2 && head[pos - 1] == ' ') {
      size_t b = pos - 1;
      while (b > 0 && head[b - 1] >= '0' && head[b - 1] <= '9') --b;
      size_t dl = pos - 1 - b;
      if (dl >= 1 && dl <= 2 && after + 5 <= head.size() && head[after] == ' ' &&
          IsDigits(head.substr(after + 1, 4))) {
        day = std::stoi(std::string(head.substr(b, dl)));
        year = std::stoi(std::string(head.substr(after + 1, 4)));
      }
    }
    if (year >= 1900 && day >= 1 && day <= 31) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m + 1, day);
      return buf;
    }
  }
  return "";
}

std::string FirstLine(std::string_view text) {
  std::string_view t = Trim(text);
  size_t nl = t.find('\n');
  std::string_view line = Trim(t.substr(0, nl));
  if (line.size() > 200) line = line.substr(0, 200);
  return std::string(line);
}

class ReaderImpl : public DocumentReader {
 public:
  explicit ReaderImpl(std::vector<Source> sources) : sources_(std::move(sources)) {}
  ~ReaderImpl() override { CloseCurrent(); }

  Result<bool> Next(Document* doc) override {
    while (true) {
      if (file_ != nullptr) {
        Result<bool> r = NextLine(doc);
        if (!r.ok() || r.value()) return r;
        CloseCurrent();  // end of this JSON-lines source
        continue;
      }
      if (next_source_ >= sources_.size()) return false;
      const Source& src = sources_[next_source_++];
      InputFormat fmt = src.format;
      if (fmt == InputFormat::kAuto) fmt = FormatFromName(src.path);
      if (src.path == "-" && fmt == InputFormat::kAuto) {
        // Sniff stdin: JSON lines start with '{'.
        std::string all;
        Status st = ReadAll(src.path, &all);
        if (!st.ok()) return st;
        std::string_view t = Trim(all);
        fmt = (!t.empty() && t[0] == '{') ? InputFormat::kJsonl : InputFormat::kText;
        if (fmt == InputFormat::kText) return TextDocument(src.path, std::move(all), doc);
        // Re-read the buffered stdin line by line.
        pending_stdin_ = std::move(all);
        return StartJsonl(src.path, true, doc);
      }
      if (fmt == InputFormat::kJsonl) return StartJsonl(src.path, false, doc);
      std::string all;
      Status st = ReadAll(src.path, &all);
      if (!st.ok()) return st;
      if (fmt == InputFormat::kTriples) return TriplesDocument(src.path, all, doc);
      return TextDocument(src.path, std::move(all), doc);
    }
  }

 private:
  static InputFormat FormatFromName(const std::string& path) {
    if (EndsWith(path, ".triples.jsonl")) return InputFormat::kTriples;
    if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) return InputFormat::kJsonl;
    if (path == "-") return InputFormat::kAuto;
    return InputFormat::kText;
  }

  static Status ReadAll(const std::string& path, std::string* out) {
    FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (f == nullptr) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
    bool failed = std::ferror(f) != 0;
    if (f != stdin) std::fclose(f);
    if (failed) return Status::IOError(DisplayName(path) + ": read error");
    return Status::OK();
  }

  static std::string_view StripBom(std::string_view s) {
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    return s;
  }

  Result<bool> TextDocument(const std::string& path, std::string all, Document* doc) {
    std::string name = DisplayName(path);
    if (all.empty()) return Status::InvalidArgument(name + ": empty file");
    std::string_view body = StripBom(all);
    AG_RETURN_IF_ERROR(CheckText(body, name, true));
    *doc = Document();
    doc->id = path == "-" ? "<stdin>" : path;
    doc->text = std::string(body);
    doc->title = FirstLine(doc->text);
    doc->date = SniffDate(doc->text);
    doc->origin = name;
    return true;
  }

  Result<bool> StartJsonl(const std::string& path, bool from_buffer, Document* doc) {
    if (from_buffer) {
      file_ = fmemopen(pending_stdin_.data(), pending_stdin_.size(), "rb");
    } else {
      file_ = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    }
    if (file_ == nullptr) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
    current_ = DisplayName(path);
    line_no_ = 0;
    saw_document_ = false;
    return Next(doc);
  }

  void CloseCurrent() {
    if (file_ != nullptr && file_ != stdin) std::fclose(file_);
    file_ = nullptr;
    std::free(line_buf_);
    line_buf_ = nullptr;
    line_cap_ = 0;
  }

  // Reads JSON lines until one yields a document (true), the file ends (false) or a line is bad (error).
  Result<bool> NextLine(Document* doc) {
    while (true) {
      ssize_t n = getline(&line_buf_, &line_cap_, file_);
      if (n < 0) {
        if (!saw_document_ && line_no_ == 0) {
          // An empty JSON-lines file is an error, like an empty text file.
          CloseCurrent();
          return Status::InvalidArgument(current_ + ": empty file");
        }
        return false;
      }
      ++line_no_;
      std::string_view line(line_buf_, static_cast<size_t>(n));
      if (line_no_ == 1) line = StripBom(line);
      if (Trim(line).empty()) continue;
      saw_document_ = true;
      return ParseJsonDocument(line, doc);
    }
  }

  std::string Where() const { return current_ + ":" + std::to_string(line_no_); }

  Status LineError(std::string_view line, size_t byte, const std::string& what) const {
    int64_t col = text::CodePointCount(line.substr(0, std::min(byte, line.size()))) + 1;
    return Status::ParseError(Where() + ":" + std::to_string(col) + ": " + what);
  }

  // Validates and parses one JSON line into `json`.
  Status ParseLine(std::string_view line, rapidjson::Document* json) const {
    if (const void* nul = std::memchr(line.data(), 0, line.size())) {
      size_t off = static_cast<const char*>(nul) - line.data();
      return Status::InvalidArgument(Where() + ": binary content (NUL byte at byte offset " +
                                     std::to_string(off) + " of the line)");
    }
    int64_t bad = text::FindInvalidUtf8(line);
    if (bad >= 0) {
      int64_t col = text::CodePointCount(line.substr(0, bad)) + 1;
      return Status::InvalidArgument(Where() + ":" + std::to_string(col) + ": invalid UTF-8 at byte offset " +
                                     std::to_string(bad) + " of the line");
    }
    json->Parse(line.data(), line.size());  // RapidJSON reads the view; no terminating NUL needed
    if (json->HasParseError()) {
      return LineError(line, json->GetErrorOffset(),
                       std::string("malformed JSON: ") + rapidjson::GetParseError_En(json->GetParseError()));
    }
    if (!json->IsObject()) return LineError(line, 0, "expected a JSON object");
    return Status::OK();
  }

  Result<std::string> StringField(const rapidjson::Value& obj, const char* key, bool required) const {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || it->value.IsNull()) {
      if (required) return Status::InvalidArgument(Where() + ": missing \"" + key + "\"");
      return std::string();
    }
    if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
    if (it->value.IsInt64() && std::strcmp(key, "id") == 0) return std::to_string(it->value.GetInt64());
    return Status::InvalidArgument(Where() + ": \"" + key + "\" must be a string");
  }

  Result<bool> ParseJsonDocument(std::string_view line, Document* doc) {
    rapidjson::Document json;
    AG_RETURN_IF_ERROR(ParseLine(line, &json));
    *doc = Document();
    AG_ASSIGN_OR_RETURN(doc->id, StringField(json, "id", true));
    if (doc->id.empty()) return Status::InvalidArgument(Where() + ": \"id\" is empty");
    AG_ASSIGN_OR_RETURN(doc->text, StringField(json, "text", true));
    AG_ASSIGN_OR_RETURN(doc->title, StringField(json, "title", false));
    AG_ASSIGN_OR_RETURN(doc->date, StringField(json, "date", false));
    AG_ASSIGN_OR_RETURN(doc->source, StringField(json, "source", false));
    AG_ASSIGN_OR_RETURN(doc->url, StringField(json, "url", false));
    AG_RETURN_IF_ERROR(CheckText(doc->text, Where() + " (document \"" + doc->id + "\")", false));
    if (!doc->date.empty() && !IsIsoDate(doc->date))
      return Status::InvalidArgument(Where() + ": \"date\" \"" + doc->date +
                                     "\" is not ISO 8601 (YYYY-MM-DD)");
    doc->origin = Where();
    return true;
  }

  // A triples file: one document whose content is every relation line; any bad line rejects the file.
  // A file holds up to millions of lines: every line is parsed into the same rapidjson::Document, whose
  // values live in a pool over a stack buffer that is emptied per line (no allocation for an ordinary
  // line), and the text is parsed where it lies rather than from a copy.
  Result<bool> TriplesDocument(const std::string& path, const std::string& all, Document* doc) {
    current_ = DisplayName(path);
    if (all.empty()) return Status::InvalidArgument(current_ + ": empty file");
    *doc = Document();
    doc->id = path == "-" ? "<stdin>" : path;
    doc->is_triples = true;
    doc->origin = current_;
    doc->triples.reserve(static_cast<size_t>(std::count(all.begin(), all.end(), '\n')) + 1);
    char pool_buffer[4096];
    rapidjson::MemoryPoolAllocator<> pool(pool_buffer, sizeof pool_buffer);
    rapidjson::Document json(&pool);
    line_no_ = 0;
    size_t start = 0;
    while (start < all.size()) {
      size_t nl = all.find('\n', start);
      if (nl == std::string::npos) nl = all.size();
      std::string_view line(all.data() + start, nl - start);
      start = nl + 1;
      ++line_no_;
      if (Trim(line).empty()) continue;
      json.SetNull();
      pool.Clear();
      AG_RETURN_IF_ERROR(ParseLine(line, &json));
      Triple& t = doc->triples.emplace_back();
      AG_ASSIGN_OR_RETURN(t.source, StringField(json, "source", true));
      AG_ASSIGN_OR_RETURN(t.relation, StringField(json, "relation", true));
      AG_ASSIGN_OR_RETURN(t.target, StringField(json, "target", true));
      AG_ASSIGN_OR_RETURN(t.source_type, StringField(json, "source_type", false));
      AG_ASSIGN_OR_RETURN(t.target_type, StringField(json, "target_type", false));
      AG_ASSIGN_OR_RETURN(t.date, StringField(json, "date", false));
      if (auto d = json.FindMember("doc");
          d != json.MemberEnd() && !d->value.IsNull() && !d->value.IsString())
        return Status::InvalidArgument(Where() + ": \"doc\" must be a string");
      if (Trim(t.source).empty() || Trim(t.target).empty() || Trim(t.relation).empty())
        return Status::InvalidArgument(Where() + ": \"source\", \"relation\" and \"target\" must be non-empty");
      if (!t.date.empty() && !IsIsoDate(t.date))
        return Status::InvalidArgument(Where() + ": \"date\" \"" + t.date + "\" is not ISO 8601 (YYYY-MM-DD)");
      auto w = json.FindMember("weight");
      if (w != json.MemberEnd() && !w->value.IsNull()) {
        if (!w->value.IsNumber() || !(w->value.GetDouble() > 0))
          return Status::InvalidArgument(Where() + ": \"weight\" must be a number > 0");
        t.weight = w->value.GetDouble();
      }
    }
    if (doc->triples.empty()) return Status::InvalidArgument(current_ + ": no triples in file");
    return true;
  }

  std::vector<Source> sources_;
  size_t next_source_ = 0;
  FILE* file_ = nullptr;
  char* line_buf_ = nullptr;
  size_t line_cap_ = 0;
  std::string current_;
  int64_t line_no_ = 0;
  bool saw_document_ = false;
  std::string pending_stdin_;
};

}  // namespace

Result<InputFormat> ParseInputFormat(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "triples") return InputFormat::kTriples;
  return Status::InvalidArgument("unknown format \"" + name + "\" (expected auto, text, jsonl or triples)");
}

Result<std::unique_ptr<DocumentReader>> DocumentReader::Open(const std::vector<std::string>& paths,
                                                             InputFormat format) {
  std::vector<Source> sources;
  for (const std::string& p : paths) {
    if (p == "-") {
      sources.push_back({p, format});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(p + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::string f = it->path().string();
        bool triples = EndsWith(f, ".triples.jsonl");
        bool wanted = format == InputFormat::kTriples ? EndsWith(f, ".jsonl")
                                                      : (EndsWith(f, ".txt") || (EndsWith(f, ".jsonl") && !triples));
        if (wanted) found.push_back(f);
      }
      if (ec) return Status::IOError(p + ": cannot list directory: " + ec.message());
      std::sort(found.begin(), found.end());
      for (auto& f : found) sources.push_back({f, format});
    } else {
      sources.push_back({p, format});
    }
  }
  return std::unique_ptr<DocumentReader>(new ReaderImpl(std::move(sources)));
}

}  // namespace ag
