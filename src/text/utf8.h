// UTF-8 validation and code-point offset arithmetic. The pipeline keeps byte offsets internally and
// reports code-point offsets (Python's slicing convention) at the API. Pure functions; thread-safe.
#ifndef AG_TEXT_UTF8_H_
#define AG_TEXT_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ag::text {

// Length in bytes (1-4) of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid (overlong
// forms, surrogates, values above U+10FFFF, truncated sequences). Requires i < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t i);

// Returns the byte offset of the first invalid UTF-8 sequence in `s`, or -1 when all of it is valid
// (overlong forms, surrogates and values above U+10FFFF are invalid).
int64_t FindInvalidUtf8(std::string_view s);

// Number of code points in valid UTF-8 `s`.
int64_t CodePointCount(std::string_view s);

// Maps byte offsets of a valid UTF-8 text to code-point offsets. Built once per document: O(n) memory.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  // Code-point offset of byte offset `byte` (which must be on a character boundary or == size).
  int64_t ToCodePoint(int64_t byte) const;
  // Byte offset of code-point offset `cp` (0 <= cp <= code point count).
  int64_t ToByte(int64_t cp) const;

 private:
  std::vector<int32_t> cp_of_byte_;   // for each byte boundary: code-point index
  std::vector<int32_t> byte_of_cp_;
};

// Escapes `s` for inclusion in a JSON string literal (without the quotes).
std::string JsonEscape(std::string_view s);

}  // namespace ag::text

#endif  // AG_TEXT_UTF8_H_
