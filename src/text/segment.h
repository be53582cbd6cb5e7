// Sentence and word segmentation with ICU break iterators over UTF-8 (UText), keeping byte offsets into
// the original text. Sentences use the locale en@ss=standard, whose suppressions keep "U.S.", "Mr." and
// the like from ending a sentence; line breaks that end a paragraph end a sentence too, line breaks that
// only wrap a line of a paragraph do not. Thread-safe: each thread uses its own iterator clones.
#ifndef AG_TEXT_SEGMENT_H_
#define AG_TEXT_SEGMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ag::text {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  int32_t begin = 0;  // bytes into the text
  int32_t end = 0;
  TokenKind kind = TokenKind::kPunct;
};

struct Sentence {
  int32_t begin = 0;  // bytes, white space trimmed
  int32_t end = 0;
  int32_t first_token = 0;  // index into Segmentation::tokens
  int32_t end_token = 0;    // one past the last token
};

struct Segmentation {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;  // no white space tokens
};

// Segments valid UTF-8 `text`. A line break inside a paragraph (text/unwrap.h) is a space: the sentences
// of hard-wrapped text run across its lines, while a blank or indented line, a list item, a table row and a
// headline still end one. Offsets are bytes into `text`. When `unwrapped` is not null it receives
// Unwrap(text), the copy the sentences were cut on (same length; wrapping breaks are spaces), for callers
// that read words across lines. Texts over 2 GiB are not supported (offsets are 32-bit).
Segmentation Segment(std::string_view text, std::string* unwrapped = nullptr);

}  // namespace ag::text

#endif  // AG_TEXT_SEGMENT_H_
