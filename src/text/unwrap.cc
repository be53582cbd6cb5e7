// Unwrap: one pass splits the text into lines (LF, CRLF, CR), a second measures the wrap width from the
// lines that may wrap into the next, and a third decides each break from its two lines and that width, so
// the whole is linear. The rules are in unwrap.h. Why these: in a hard-wrapped newswire archive (Reuters,
// 1987, ~65 columns) the lines inside a paragraph fill three quarters of the width or more, except the
// first line of a text, whose dateline was cut off; the last lines of paragraphs have any length, so
// fullness alone cannot tell a paragraph's end, and where the archive does not indent or leave a blank line,
// a line that ends short is taken as one. Over that archive the rules join all but 2 of 12,051 in-paragraph
// breaks (measured on the development data; the tests use texts the team wrote).
#include "text/unwrap.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

namespace ag::text {
namespace {

// A wrap width under this many columns is not a wrap width: short lines in a row are a list, an address
// or a headline and a byline.
constexpr int kMinWrapColumns = 40;

struct Line {
  int32_t begin = 0;
  int32_t content = 0;   // after the indentation (spaces and tabs)
  int32_t trim_end = 0;  // before trailing spaces and tabs
  int32_t end = 0;       // before the line break
  int32_t next = 0;      // after the line break
  int32_t columns = 0;   // code points from begin to trim_end
  bool blank() const { return content == trim_end; }
  bool indented() const { return content > begin; }
};

bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Lower-case words that cannot end a sentence: a line ending in one goes on in the next line.
bool IsFunctionWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "a",     "an",    "the",  "of",   "to",    "in",      "on",      "at",       "for",   "by",   "with",
      "from",  "and",   "or",   "nor",  "but",   "as",      "than",    "that",     "into",  "onto", "over",
      "under", "about", "its",  "his",  "her",   "their",   "our",     "your",     "my",    "this", "these",
      "those", "which", "who",  "whom", "whose", "was",     "were",    "is",       "are",   "be",   "been",
      "has",   "have",  "had",  "will", "would", "could",   "should",  "may",      "might", "must", "not",
      "per",   "via",   "said", "says", "told",  "between", "against", "including"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

std::string_view Content(std::string_view text, const Line& l) {
  return text.substr(l.content, l.trim_end - l.content);
}

enum class Item { kNone, kBullet, kNumbered };

// "- item", "* item", "+ item", "• item", "# Heading", "> quoted" (bullets); "1. item", "12) item",
// "a) item", "(a) item" (numbered, which a wrapped line can also start with: "on October\n16. He said").
Item StartsItem(std::string_view s) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+' || s[0] == '#' || s[0] == '>') &&
      (s[1] == ' ' || s[1] == '\t'))
    return Item::kBullet;
  if (s.substr(0, 4) == "\xE2\x80\xA2 " || s.substr(0, 4) == "\xE2\x80\x93 ")
    return Item::kBullet;  // "• ", "– "
  size_t i = s.size() >= 1 && s[0] == '(' ? 1 : 0;
  size_t digits = 0;
  while (i + digits < s.size() && s[i + digits] >= '0' && s[i + digits] <= '9') ++digits;
  size_t letters = digits == 0 && i < s.size() && (IsAsciiLower(s[i]) || IsAsciiUpper(s[i])) ? 1 : 0;
  size_t k = i + digits + letters;
  if ((digits < 1 || digits > 3) && letters != 1) return Item::kNone;
  if (k + 1 >= s.size() || (s[k + 1] != ' ' && s[k + 1] != '\t')) return Item::kNone;
  bool marker = i == 1 ? s[k] == ')' : s[k] == ')' || (digits > 0 && s[k] == '.');
  return marker ? Item::kNumbered : Item::kNone;
}

// A table row: "| a | b |", "+---+", or columns separated by a tab or by two or more runs of several
// spaces. Two spaces after a sentence's end ("said.  The") separate sentences, not columns.
bool IsTableRow(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '|' || s.substr(0, 2) == "+-") return true;
  int gaps = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\t') return true;
    if (s[i] != ' ' || s[i - 1] == ' ') continue;
    size_t j = i;
    while (j < s.size() && s[j] == ' ') ++j;
    char before = s[i - 1];
    bool sentence_end = before == '.' || before == '!' || before == '?' || before == ':' || before == ';';
    if (j - i >= 2 && j < s.size() && !sentence_end) ++gaps;
  }
  return gaps >= 2;
}

// Letters in capitals only ("COFFEE TALKS RESUME"), four or more of them.
bool IsAllCaps(std::string_view s) {
  int upper = 0;
  for (char c : s) {
    if (IsAsciiLower(c)) return false;
    if (IsAsciiUpper(c)) ++upper;
  }
  return upper >= 4;
}

// The line ends a sentence: its last character other than closing quotes and brackets is . ! ? : or …
bool EndsFinal(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 &&
               (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);  // ” ’
    } else {
      break;
    }
  }
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.') {
    // "U.S.", "C.": an abbreviation or an initial may end the line in the middle of a sentence.
    std::string_view word =
        s.substr(s.find_last_of(' ') == std::string_view::npos ? 0 : s.find_last_of(' ') + 1);
    if (word.find('.') + 1 < word.size() || (word.size() == 2 && IsAsciiUpper(word[0]))) return false;
  }
  return c == '.' || c == '!' || c == '?' || c == ':' ||
         (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6");
}

// The line visibly goes on: it ends with a comma, an opening bracket or a word that cannot end a sentence,
// or the next line starts in lower case.
bool Continues(std::string_view line, std::string_view next) {
  char last = line.back();
  if (last == ',' || last == ';' || last == '(' || last == '&') return true;
  size_t w = line.size();
  while (w > 0 && IsAsciiLower(line[w - 1])) --w;
  if (w < line.size() && (w == 0 || line[w - 1] == ' ') && IsFunctionWord(line.substr(w))) return true;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(next.data()), i, static_cast<int32_t>(next.size()), c);
  return c > 0 && u_islower(c);
}

// The first word of a line, letters only.
std::string_view FirstWord(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && (IsAsciiLower(s[n]) || IsAsciiUpper(s[n]))) ++n;
  return s.substr(0, n);
}

// A word of `min_size` or more letters, all capitals.
bool IsCapsWord(std::string_view w, size_t min_size) {
  if (w.size() < min_size) return false;
  for (char c : w)
    if (!IsAsciiUpper(c)) return false;
  return true;
}

// "GENEVA, March 3", "SORREL CITY (Reuters) -": a place in capitals opens a dateline.
bool StartsDateline(std::string_view s) {
  std::string_view w = FirstWord(s);
  if (!IsCapsWord(w, 3)) return false;
  size_t end = w.size();
  while (end < s.size() && s[end] == ' ' && IsCapsWord(FirstWord(s.substr(end + 1)), 2))
    end += 1 + FirstWord(s.substr(end + 1)).size();
  std::string_view rest = s.substr(end);
  return rest.substr(0, 1) == "," || rest.substr(0, 2) == " (" || rest.substr(0, 2) == " -";
}

}  // namespace

bool IsSentenceOpener(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "The",  "A",         "An",    "He",  "She",  "It",    "They",    "We",    "I",     "You",    "But",
      "And",  "Or",        "In",    "On",  "At",   "This",  "That",    "These", "Those", "There",  "His",
      "Her",  "Its",       "Their", "Our", "As",   "If",    "When",    "While", "After", "Before", "However",
      "Also", "Meanwhile", "So",    "Yet", "For",  "With",  "By",      "From",  "To",    "Some",   "Many",
      "Most", "No",        "Not",   "Now", "Then", "Still", "Earlier", "Later", "Last",  "Next"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

std::string Unwrap(std::string_view text) {
  std::string out(text);
  const int32_t n = static_cast<int32_t>(text.size());
  std::vector<Line> lines;
  for (int32_t i = 0; i < n;) {
    Line l;
    l.begin = i;
    int32_t columns = 0, content_columns = 0;
    bool in_indent = true;
    l.content = l.trim_end = i;
    while (i < n && text[i] != '\n' && text[i] != '\r') {
      char c = text[i];
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++columns;
      if (c == ' ' || c == '\t') {
        if (in_indent) l.content = i + 1;
      } else {
        in_indent = false;
        l.trim_end = i + 1;
        content_columns = columns;
      }
      ++i;
    }
    if (in_indent) l.content = l.trim_end = i;  // blank
    l.end = i;
    l.columns = content_columns;
    if (i < n) i += (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    l.next = i;
    lines.push_back(l);
  }
  if (lines.size() < 2) return out;

  // The hard breaks for a wrap width; while the width is measured (`width` < 0), numbered lines may wrap.
  auto full = [](const Line& l, int32_t width) { return width > 0 && 4 * l.columns >= 3 * width; };
  auto may_wrap = [&](const Line& l, const Line& next, int32_t width) {
    if (l.blank() || next.blank() || next.indented() || l.end == l.next) return false;
    if (l.columns > kMaxWrapColumns || next.columns > kMaxWrapColumns) return false;
    std::string_view a = Content(text, l), b = Content(text, next);
    if (IsTableRow(a) || IsTableRow(b)) return false;
    switch (StartsItem(b)) {
      case Item::kBullet:
        return false;
      case Item::kNumbered:  // a list when this line ends a sentence, is an item itself or is not full
        if (width < 0) break;
        if (EndsFinal(a) || a.back() == ';' || StartsItem(a) != Item::kNone || !full(l, width)) return false;
        break;
      case Item::kNone:
        break;
    }
    return !(IsAllCaps(a) && !IsAllCaps(b));  // a headline in capitals
  };
  // The wrap width: the longest line that may wrap into the next. Two such lines at least, or the text is
  // not hard-wrapped (a headline and a byline, say).
  int32_t width = 0, wrapping = 0;
  for (size_t k = 0; k + 1 < lines.size(); ++k) {
    if (!may_wrap(lines[k], lines[k + 1], -1)) continue;
    ++wrapping;
    if (lines[k].columns > width) width = lines[k].columns;
  }
  if (wrapping < 2 || width < kMinWrapColumns) width = 0;

  size_t first = 0;
  while (first < lines.size() && lines[first].blank()) ++first;
  for (size_t k = first; k + 1 < lines.size(); ++k) {
    const Line& l = lines[k];
    const Line& next = lines[k + 1];
    if (!may_wrap(l, next, width)) continue;
    std::string_view a = Content(text, l), b = Content(text, next);
    bool soft = Continues(a, b);
    if (!soft && width > 0) {
      if (k == first && !EndsFinal(a)) {
        // The first line of a wrapped text is often short (a dateline was cut off before it); a headline
        // or a dateline line ends without a stop, and what follows opens a sentence or a dateline.
        soft = !IsSentenceOpener(FirstWord(b)) && !StartsDateline(b);
      } else {
        soft = full(l, width);
      }
    }
    if (soft)
      for (int32_t i = l.end; i < l.next; ++i) out[i] = ' ';
  }
  return out;
}

}  // namespace ag::text
