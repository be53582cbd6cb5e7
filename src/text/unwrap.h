// Paragraphs of plain text: which line breaks only wrap a line inside a paragraph (newswire archives are
// hard-wrapped at about 70 columns) and which end a paragraph, a headline, a list item or a table row.
// ICU's sentence breaker treats every CR and LF as a hard break, so the segmenter runs it over Unwrap's
// copy, in which the wrapping breaks are spaces; the copy has the same byte length as the text, so every
// offset into it is an offset into the text. Pure functions; thread-safe.
#ifndef AG_TEXT_UNWRAP_H_
#define AG_TEXT_UNWRAP_H_

#include <string>
#include <string_view>

namespace ag::text {

// Lines of at most this many code points can be hard-wrapped lines; a longer line is a paragraph of its
// own (text with one paragraph per line).
inline constexpr int kMaxWrapColumns = 100;

// Returns a copy of `text` of identical byte length in which each line break (LF, CRLF or CR) inside a
// paragraph is replaced by spaces (one per byte). A break is kept where a paragraph ends: before a blank or
// indented line, before a line that starts a list item ("- ", "* ", a heading "# ", a quotation "> "; a
// numbered "1. ", "a) " when this line ends a sentence, is an item too or is not full), around a table row
// ("|..." or columns separated by tabs or runs of spaces), after a line longer than kMaxWrapColumns,
// after an all-capitals headline, and after a line that is not full (shorter than three quarters of the
// text's wrap width, the longest line that wraps) unless the next line visibly continues it (starts in
// lower case, or this line ends with a comma or a word such as "the" or "of"). The first line of a wrapped
// text may be short (a dateline cut off): it continues into the next line unless it ends a sentence or the
// next line opens one ("The", "He", ...) or a dateline ("GENEVA, March 3"). Linear in the text's length.
std::string Unwrap(std::string_view text);

// Whether `word` is one that opens a sentence far more often than it continues a name ("The", "He",
// "However", ...).
bool IsSentenceOpener(std::string_view word);

}  // namespace ag::text

#endif  // AG_TEXT_UNWRAP_H_
