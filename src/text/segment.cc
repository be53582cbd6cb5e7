// ICU-backed segmentation. Break iterators are created once per thread (createSentenceInstance with
// suppressions is costly) and re-targeted at each text through UText, so no UTF-16 copy is made and all
// offsets stay UTF-8 byte offsets. They run over Unwrap's copy of the text (same length, wrapping line
// breaks made spaces), since ICU ends a sentence at every line break.
#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

#include "text/unwrap.h"

namespace ag::text {
namespace {

// Abbreviations that precede a name or a number and do not end a sentence; ICU's English suppressions
// (en@ss=standard) miss these.
bool IsAbbreviation(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Adm", "Brig", "Cmdr", "Cdr", "Gov", "Sen",
      "Rep", "Rev", "Hon", "Amb", "Pres", "Gens", "Messrs", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun",
      "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Fig", "Dr", "Mr", "Mrs", "Ms", "Prof",
      "St"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

struct Iterators {
  std::unique_ptr<icu::BreakIterator> sentence;
  std::unique_ptr<icu::BreakIterator> word;
};

Iterators& ThreadIterators() {
  thread_local Iterators its = [] {
    Iterators i;
    UErrorCode status = U_ZERO_ERROR;
    i.sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      i.sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    }
    status = U_ZERO_ERROR;
    i.word.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    return i;
  }();
  return its;
}

bool IsSpace(std::string_view text, int32_t b, int32_t e) {
  int32_t i = b;
  while (i < e) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, e, c);
    if (c < 0 || !(u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF)) return false;
  }
  return true;
}

// "Syria.The": ICU keeps letters joined by a dot as one word ("e.g", "U.S"); when a lower-case word of three
// letters or more runs into a capitalised one, the dot ends a sentence that lacks its space. Pushes the
// word, the dot and the rest (split again if it runs on) and records the dot's offset.
bool SplitRunOn(std::string_view text, const Token& t, std::vector<Token>* tokens, std::vector<int32_t>* stops) {
  if (t.kind != TokenKind::kWord) return false;
  auto lower = [&](int32_t i) { return text[i] >= 'a' && text[i] <= 'z'; };
  auto upper = [&](int32_t i) { return text[i] >= 'A' && text[i] <= 'Z'; };
  for (int32_t dot = t.begin + 3; dot + 2 < t.end; ++dot) {
    if (text[dot] != '.' || !lower(dot - 1) || !upper(dot + 1) || !lower(dot + 2)) continue;
    bool word = true;  // letters only before the dot: not "www.Example", not "3.Then"
    for (int32_t i = t.begin; i < dot && word; ++i) word = lower(i) || upper(i);
    if (!word) continue;
    tokens->push_back(Token{t.begin, dot, TokenKind::kWord});
    tokens->push_back(Token{dot, dot + 1, TokenKind::kPunct});
    stops->push_back(dot);
    Token rest{dot + 1, t.end, TokenKind::kWord};
    if (!SplitRunOn(text, rest, tokens, stops)) tokens->push_back(rest);
    return true;
  }
  return false;
}

}  // namespace

Segmentation Segment(std::string_view original, std::string* unwrapped) {
  Segmentation seg;
  // Both iterators run over the unwrapped copy, so a name or a clause wrapped onto the next line stays in
  // one sentence; it has the original's byte length, so every offset below is an offset into the original.
  std::string flat = Unwrap(original);
  std::string_view text = flat;
  Iterators& its = ThreadIterators();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status) || !its.sentence || !its.word) {
    utext_close(ut);
    return seg;
  }
  its.word->setText(ut, status);
  std::vector<Token>& tokens = seg.tokens;
  tokens.reserve(text.size() / 5);
  std::vector<int32_t> run_on_stops;  // offsets of the dots SplitRunOn cut out
  int32_t prev = its.word->first();
  for (int32_t pos = its.word->next(); pos != icu::BreakIterator::DONE; pos = its.word->next()) {
    int32_t rule = its.word->getRuleStatus();
    if (!IsSpace(text, prev, pos)) {
      Token t;
      t.begin = prev;
      t.end = pos;
      if (rule >= UBRK_WORD_LETTER) {
        t.kind = TokenKind::kWord;
      } else if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
        t.kind = TokenKind::kNumber;
      } else {
        t.kind = TokenKind::kPunct;
      }
      // "U.S" + "." -> "U.S.": an abbreviation with inner dots keeps its final dot.
      if (t.kind == TokenKind::kPunct && !tokens.empty() && t.end == t.begin + 1 && text[t.begin] == '.' &&
          tokens.back().end == t.begin && tokens.back().kind == TokenKind::kWord &&
          std::string_view(text.data() + tokens.back().begin, tokens.back().end - tokens.back().begin)
                  .find('.') != std::string_view::npos) {
        tokens.back().end = t.end;
      } else if (!SplitRunOn(text, t, &tokens, &run_on_stops)) {
        tokens.push_back(t);
      }
    }
    prev = pos;
  }

  status = U_ZERO_ERROR;
  its.sentence->setText(ut, status);
  size_t ti = 0;
  prev = its.sentence->first();
  for (int32_t pos = its.sentence->next(); pos != icu::BreakIterator::DONE; pos = its.sentence->next()) {
    Sentence s;
    s.first_token = static_cast<int32_t>(ti);
    while (ti < tokens.size() && tokens[ti].begin < pos) ++ti;
    s.end_token = static_cast<int32_t>(ti);
    prev = pos;
    if (s.first_token == s.end_token) continue;  // white space only
    s.begin = tokens[s.first_token].begin;
    s.end = tokens[s.end_token - 1].end;
    seg.sentences.push_back(s);
  }
  utext_close(ut);
  // "S. Waugh", "George W. Bush": ICU ends a sentence after a capital initial; join it to what follows
  // when that starts with a capitalised word.
  std::vector<Sentence> joined;
  for (const Sentence& s : seg.sentences) {
    if (!joined.empty()) {
      const Sentence& prev = joined.back();
      const Token& last = tokens[prev.end_token - 1];
      bool initial = false;
      if (prev.end_token - prev.first_token >= 2 && last.end - last.begin == 1 && text[last.begin] == '.') {
        const Token& letter = tokens[prev.end_token - 2];
        initial = letter.end - letter.begin == 1 && letter.end == last.begin && text[letter.begin] >= 'A' &&
                  text[letter.begin] <= 'Z';
        // "Gen. Serhat Dilan", "Lt. Col. Ahmed", "Jan. 5": a title or month abbreviation ICU does not know.
        initial = initial || (letter.end == last.begin && IsAbbreviation(text.substr(letter.begin, letter.end - letter.begin)) &&
                              (prev.end_token - prev.first_token == 2 ||
                               tokens[prev.end_token - 3].end < letter.begin));
      }
      // "the U.S. Open", "U.N. Secretary-General": an abbreviation with inner dots before a capitalised word
      // that does not usually open a sentence.
      const Token& abbrev = tokens[prev.end_token - 1];
      std::string_view a = text.substr(abbrev.begin, abbrev.end - abbrev.begin);
      if (!initial && a.size() >= 4 && a.back() == '.' && a.find('.') < a.size() - 1 && s.first_token < s.end_token) {
        const Token& first = tokens[s.first_token];
        initial = first.kind == TokenKind::kWord && !IsSentenceOpener(text.substr(first.begin, first.end - first.begin));
      }
      unsigned char next = static_cast<unsigned char>(text[s.begin]);
      // Never across the end of a paragraph (a line break Unwrap kept): a headline ends there.
      std::string_view gap = text.substr(prev.end, s.begin - prev.end);
      bool paragraph = gap.find_first_of("\n\r") != std::string_view::npos;
      if (initial && !paragraph && next >= 'A' && next <= 'Z') {
        joined.back().end = s.end;
        joined.back().end_token = s.end_token;
        continue;
      }
    }
    joined.push_back(s);
  }
  // "Syria.The European Union": a sentence that runs on without a space ends at the dot.
  if (!run_on_stops.empty()) {
    std::vector<Sentence> split;
    size_t k = 0;
    for (const Sentence& s : joined) {
      Sentence cur = s;
      for (int32_t i = s.first_token; i + 1 < s.end_token; ++i) {
        while (k < run_on_stops.size() && run_on_stops[k] < tokens[i].begin) ++k;
        if (k == run_on_stops.size() || run_on_stops[k] != tokens[i].begin) continue;
        Sentence head = cur;
        head.end_token = i + 1;
        head.end = tokens[i].end;
        split.push_back(head);
        cur.first_token = i + 1;
        cur.begin = tokens[i + 1].begin;
      }
      split.push_back(cur);
    }
    joined = std::move(split);
  }
  seg.sentences = std::move(joined);
  if (unwrapped != nullptr) *unwrapped = std::move(flat);
  return seg;
}

}  // namespace ag::text
