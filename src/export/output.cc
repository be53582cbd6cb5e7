// The shared output buffer, number formatting and escaping of the writers (see output.h).
#include "export/output.h"

#include <charconv>
#include <cmath>

namespace ag::exporter {

void OutBuffer::Flush() {
  if (!buf_.empty()) out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

Status OutBuffer::Finish() {
  Flush();
  out_.flush();
  if (!out_) return Status::IOError("write failed");
  return Status::OK();
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

void AppendDouble(double v, std::string* out) {
  if (!std::isfinite(v)) v = 0;  // callers pass finite values; never write "inf" into a typed field
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

namespace {

// The number of bytes of a character XML 1.0 cannot carry that starts at s[i], or 0 for a character it
// can. Drops C0 controls (but tab, LF, CR), DEL and U+FFFE / U+FFFF (EF BF BE / EF BF BF).
size_t ForbiddenXmlBytes(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r' ? 0 : 1;
  if (c == 0x7F) return 1;
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
      (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF))
    return 3;
  return 0;
}

}  // namespace

void AppendXmlEscaped(std::string_view s, std::string* out) {
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    const char* entity = nullptr;
    size_t skip = 0;
    switch (c) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      // In attribute values a literal tab/LF/CR would be normalised to a space by the reader; as
      // character references they survive, and in element content they read back the same.
      case '\t': entity = "&#9;"; break;
      case '\n': entity = "&#10;"; break;
      case '\r': entity = "&#13;"; break;
      default: skip = ForbiddenXmlBytes(s, i);
    }
    if (entity == nullptr && skip == 0) {
      ++i;
      continue;
    }
    out->append(s.data() + run, i - run);
    if (entity != nullptr) {
      out->append(entity);
      ++i;
    } else {
      i += skip;
    }
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
}

void AppendXmlToken(std::string_view s, std::string* out) {
  std::string collapsed;
  collapsed.reserve(s.size());
  bool space = false;
  for (char ch : s) {
    bool ws = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (ws) {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(ch);
  }
  AppendXmlEscaped(collapsed, out);
}

void AppendCsvField(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out->append("\"\"");
    } else if (c == '\t' || c == '\n' || c == '\r') {
      out->push_back(' ');
    } else if (c < 0x20 || c == 0x7F) {
      // dropped
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

}  // namespace ag::exporter
