// The query lexer and source positions. See lexer.h.
#include "query/lexer.h"

#include "text/utf8.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace ag::query {

SourceText::SourceText(std::string name, std::string_view text) : name_(std::move(name)), text_(text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::string_view SourceText::Line(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  size_t begin = line_starts_[line - 1];
  size_t end = static_cast<size_t>(line) < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  std::string_view s = text_.substr(begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

std::string SourceText::Format(const SourceLoc& loc, std::string_view message) const {
  std::string out = name_ + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": ";
  out.append(message);
  std::string_view line = Line(loc.line);
  out += "\n  ";
  out.append(line);
  out += "\n  ";
  // One caret column per code point before loc.column; tabs stay tabs so terminals align them alike.
  int column = 1;
  for (size_t i = 0; i < line.size() && column < loc.column; ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    out += c == '\t' ? '\t' : ' ';
    ++column;
  }
  for (; column < loc.column; ++column) out += ' ';  // past the end of the line (end of input)
  out += '^';
  return out;
}

namespace {

bool IsWordStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsWordStart(c) || IsDigit(c); }

class Lexer {
 public:
  explicit Lexer(const SourceText& source) : text_(source.text()) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    SourceLoc last_end = pos_;
    while (true) {
      SkipSpaceAndComments();
      if (pos_.offset >= text_.size()) {
        Token end;
        end.kind = TokenKind::kEnd;
        end.loc = last_end;
        end.end = last_end.offset;
        tokens.push_back(end);
        return tokens;
      }
      Token t = Next();
      last_end = pos_;
      bool error = t.kind == TokenKind::kError;
      tokens.push_back(std::move(t));
      if (error) return tokens;
    }
  }

 private:
  char Peek(size_t ahead = 0) const {
    return pos_.offset + ahead < text_.size() ? text_[pos_.offset + ahead] : '\0';
  }
  // Moves past one code point of `len` bytes.
  void Advance(size_t len = 1) {
    if (text_[pos_.offset] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    pos_.offset += len;
  }

  void SkipSpaceAndComments() {
    while (pos_.offset < text_.size()) {
      char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        Advance();
      } else if (c == '#' || (c == '-' && Peek(1) == '-')) {
        while (pos_.offset < text_.size() && Peek() != '\n') {
          size_t len = text::Utf8SequenceLength(text_, pos_.offset);
          Advance(len == 0 ? 1 : len);
        }
      } else {
        return;
      }
    }
  }

  Token Error(const SourceLoc& at, std::string what, std::string expected = "") {
    Token t;
    t.kind = TokenKind::kError;
    t.loc = at;
    t.text = std::move(what);
    t.expected = std::move(expected);
    t.end = pos_.offset;
    return t;
  }

  Token Next() {
    Token t;
    t.loc = pos_;
    char c = Peek();
    if (IsWordStart(c)) {
      t.kind = TokenKind::kWord;
      while (IsWordChar(Peek())) Advance();
    } else if (IsDigit(c)) {
      // 12, 1.5, 2024-03, 2024-03-01; "2--x" stays 2 and a comment.
      t.kind = TokenKind::kInteger;
      while (IsDigit(Peek())) Advance();
      if (Peek() == '.' && IsDigit(Peek(1))) {
        t.kind = TokenKind::kDecimal;
        Advance();
        while (IsDigit(Peek())) Advance();
      } else {
        for (int part = 0; part < 2 && Peek() == '-' && IsDigit(Peek(1)); ++part) {
          t.kind = TokenKind::kDate;
          Advance();
          while (IsDigit(Peek())) Advance();
        }
      }
    } else if (c == ';') {
      t.kind = TokenKind::kSemicolon;
      Advance();
    } else if (c == ',') {
      t.kind = TokenKind::kComma;
      Advance();
    } else if (c == '=') {
      t.kind = TokenKind::kEquals;
      Advance();
    } else if (c == '"') {
      return LexString();
    } else {
      return UnexpectedCharacter();
    }
    t.end = pos_.offset;
    t.text = std::string(text_.substr(t.loc.offset, t.end - t.loc.offset));
    return t;
  }

  Token LexString() {
    Token t;
    t.kind = TokenKind::kString;
    t.loc = pos_;
    Advance();  // opening quote
    while (true) {
      if (pos_.offset >= text_.size() || Peek() == '\n' || Peek() == '\r')
        return Error(t.loc, "unterminated string", "a closing '\"' on the same line");
      char c = Peek();
      if (c == '"') {
        Advance();
        break;
      }
      if (c == '\\') {
        SourceLoc at = pos_;
        char e = Peek(1);
        if (e == '"' || e == '\\') {
          t.text += e;
          Advance();
          Advance();
          continue;
        }
        std::string shown = "\\";
        size_t len = pos_.offset + 1 < text_.size() ? text::Utf8SequenceLength(text_, pos_.offset + 1) : 0;
        if (len > 0 && e != '\n' && e != '\r') shown.append(text_.substr(pos_.offset + 1, len));
        return Error(at, "unknown escape '" + shown + "' in string", "'\\\"' or '\\\\'");
      }
      size_t len = text::Utf8SequenceLength(text_, pos_.offset);
      if (len == 0) return InvalidUtf8();
      t.text.append(text_.substr(pos_.offset, len));
      Advance(len);
    }
    t.end = pos_.offset;
    return t;
  }

  Token InvalidUtf8() {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(Peek()));
    return Error(pos_, std::string("invalid UTF-8 byte ") + hex, "UTF-8 text");
  }

  Token UnexpectedCharacter() {
    size_t len = text::Utf8SequenceLength(text_, pos_.offset);
    if (len == 0) return InvalidUtf8();
    std::string_view ch = text_.substr(pos_.offset, len);
    SourceLoc at = pos_;
    Advance(len);
    std::string expected;
    // Typographic and single quotes are the usual slips when typing a name.
    if (ch == "\u201C" || ch == "\u201D" || ch == "\u201E" || ch == "\u00AB" || ch == "\u00BB" || ch == "'" ||
        ch == "\u2018" || ch == "\u2019")
      expected = "a name in straight double quotes (\"...\")";
    std::string shown = ch == "'" ? std::string("\"'\"") : "'" + std::string(ch) + "'";
    if (static_cast<unsigned char>(ch[0]) < 0x20 || ch[0] == 0x7F) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(ch[0]));
      shown = hex;
    }
    return Error(at, "unexpected character " + shown, expected);
  }

  std::string_view text_;
  SourceLoc pos_;
};

}  // namespace

std::vector<Token> Lex(const SourceText& source) { return Lexer(source).Run(); }

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kWord: return "word '" + token.text + "'";
    case TokenKind::kString: {
      // Long names are cut (at a code point boundary) so the message stays one readable line.
      constexpr size_t kMaxShown = 40;
      if (token.text.size() <= kMaxShown) return "string \"" + token.text + "\"";
      size_t cut = kMaxShown;
      while (cut > 0 && (static_cast<unsigned char>(token.text[cut]) & 0xC0) == 0x80) --cut;
      return "string \"" + token.text.substr(0, cut) + "...\"";
    }
    case TokenKind::kInteger: return "number " + token.text;
    case TokenKind::kDecimal: return "number " + token.text;
    case TokenKind::kDate: return "date " + token.text;
    case TokenKind::kComma: return "','";
    case TokenKind::kEquals: return "'='";
    case TokenKind::kSemicolon: return "';'";
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kError: return token.text;
  }
  return "token";
}

}  // namespace ag::query
