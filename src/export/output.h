// Private to the export stage: the output side every writer shares. OutBuffer collects text in one
// std::string and hands it to the std::ostream in large chunks (one virtual call per ~1 MiB, not per
// value); the Append* functions format numbers with std::to_chars (shortest round-trip form for doubles)
// and escape text for XML and CSV. XML escaping drops what XML 1.0 cannot carry (C0 controls but tab, line
// feed and carriage return, U+FFFE, U+FFFF) and DEL; input must be valid UTF-8 (the store guarantees it).
// Not thread-safe.
#ifndef AG_EXPORT_OUTPUT_H_
#define AG_EXPORT_OUTPUT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "actorgraph/status.h"

namespace ag::exporter {

class OutBuffer {
 public:
  explicit OutBuffer(std::ostream& out, size_t chunk_bytes = size_t{1} << 20) : out_(out), chunk_(chunk_bytes) {
    buf_.reserve(chunk_ + 4096);
  }
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;

  std::string& str() { return buf_; }
  OutBuffer& operator<<(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  OutBuffer& operator<<(char c) {
    buf_.push_back(c);
    return *this;
  }
  // Writes the buffer out once it holds a chunk; call between elements.
  void MaybeFlush() {
    if (buf_.size() >= chunk_) Flush();
  }
  void Flush();
  // Flushes everything and the stream; IOError when the stream has failed at any point.
  Status Finish();

 private:
  std::ostream& out_;
  size_t chunk_;
  std::string buf_;
};

void AppendInt(int64_t v, std::string* out);
// Shortest text that reads back as the same double ("1", "0.5", "1e-09"); finite values only.
void AppendDouble(double v, std::string* out);

// Text for XML element content and double-quoted attribute values.
void AppendXmlEscaped(std::string_view s, std::string* out);
// Same, for attributes typed xsd:token (GEXF labels): tab, line feed and carriage return become spaces,
// runs of spaces collapse to one and leading/trailing spaces go, so the value is what a validator and a
// reader see after whitespace normalisation.
void AppendXmlToken(std::string_view s, std::string* out);

// One CSV field for neo4j-admin import: always double-quoted, '"' doubled; control characters dropped,
// except tab, line feed and carriage return which become spaces (so no field spans lines and the import
// needs no --multiline-fields).
void AppendCsvField(std::string_view s, std::string* out);

}  // namespace ag::exporter

#endif  // AG_EXPORT_OUTPUT_H_
