// Private to the query stage: the script source with its positions, and the lexer that turns it into
// tokens. Positions are 1-based lines and columns counted in Unicode code points, so a caret lines up under
// non-ASCII names. A lexical error does not stop the lexer: it becomes a kError token and the parser reports
// it when it reaches it, so the first error in source order is the one reported. Keywords are not reserved
// here: every bare word is a kWord and the parser matches keywords case-insensitively, so adding a
// keyword later breaks nothing. Not thread-safe per object; separate objects are independent.
#ifndef AG_QUERY_LEXER_H_
#define AG_QUERY_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ag::query {

struct SourceLoc {
  int line = 1;       // 1-based
  int column = 1;     // 1-based, in code points
  size_t offset = 0;  // byte offset into the script
};

// The script text and its name ("queries/x.aq", "<stdin>", "-e"), for error messages.
class SourceText {
 public:
  SourceText(std::string name, std::string_view text);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }
  // Line `line` (1-based) without its line terminator; "" when out of range.
  std::string_view Line(int line) const;
  // "NAME:LINE:COL: <message>\n  <source line>\n  <spaces>^" (tabs before the column are kept as tabs so
  // the caret lines up).
  std::string Format(const SourceLoc& loc, std::string_view message) const;

 private:
  std::string name_;
  std::string_view text_;
  std::vector<size_t> line_starts_;  // byte offset of each line's first byte
};

enum class TokenKind {
  kWord,       // [A-Za-z_][A-Za-z0-9_]*: keywords and other bare words
  kString,     // "...": text holds the value with escapes resolved
  kInteger,    // [0-9]+: text holds the digits
  kDecimal,    // [0-9]+.[0-9]+: text holds the number as written
  kDate,       // [0-9]+-[0-9]+ or [0-9]+-[0-9]+-[0-9]+ (the parser checks YYYY-MM[-DD]): text as written
  kComma,      // ,
  kEquals,     // =
  kSemicolon,  // ;
  kEnd,        // end of input
  kError,      // a lexical error: text says what, expected says what would have been valid ("" = the parser
               // says what it expected at this point)
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::string expected;  // kError only
  SourceLoc loc;         // of the first character
  size_t end = 0;        // byte offset just past the token
};

// Splits the whole script into tokens; the last one is kEnd (positioned just past the last real token),
// or kError for the first lexical error (nothing is lexed after it). Whitespace and comments (`--` or `#`
// to the end of the line) separate tokens.
std::vector<Token> Lex(const SourceText& source);

// How a token is named in "unexpected ..." messages: "word 'dept'", "string \"x\"", "number 3",
// "date 2024-01-02", "','", "';'", "end of input".
std::string DescribeToken(const Token& token);

}  // namespace ag::query

#endif  // AG_QUERY_LEXER_H_
