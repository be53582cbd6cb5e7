// UTF-8 validation, offset maps and JSON escaping. See utf8.h.
#include "text/utf8.h"

#include <cstdio>

namespace ag::text {

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

int64_t FindInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return static_cast<int64_t>(i);
    i += len;
  }
  return -1;
}

int64_t CodePointCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

OffsetMap::OffsetMap(std::string_view text) {
  cp_of_byte_.resize(text.size() + 1);
  byte_of_cp_.reserve(text.size() + 1);
  int32_t cp = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      byte_of_cp_.push_back(static_cast<int32_t>(i));
      cp_of_byte_[i] = cp++;
    } else {
      cp_of_byte_[i] = cp;  // inside a character: maps to the next one
    }
  }
  cp_of_byte_[text.size()] = cp;
  byte_of_cp_.push_back(static_cast<int32_t>(text.size()));
}

int64_t OffsetMap::ToCodePoint(int64_t byte) const {
  if (byte < 0) return 0;
  if (byte >= static_cast<int64_t>(cp_of_byte_.size())) return cp_of_byte_.back();
  return cp_of_byte_[byte];
}

int64_t OffsetMap::ToByte(int64_t cp) const {
  if (cp < 0) return 0;
  if (cp >= static_cast<int64_t>(byte_of_cp_.size())) return byte_of_cp_.back();
  return byte_of_cp_[cp];
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace ag::text
