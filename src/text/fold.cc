// Transliteration-folded name keys (FoldedNameKey, FoldedSurnameKey): the rules of
// data/lexicon/transliteration.tsv, embedded at build time, compiled once at first use (a function-local
// static, so thread-safe) and applied word by word to NameKey's output. The table's header explains the
// rules; this file only implements them.
#include "text/fold.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/normalize.h"

namespace ag::text {
namespace {

enum class Where { kStart, kEnd, kInside, kAny };

struct LetterRule {
  std::string pattern;      // lower-case ASCII; V and C match a class and are copied into the replacement
  std::string replacement;  // may be empty
  Where where;
  bool poly;  // only in words of two or more vowel groups
};

struct GluedRule {
  std::string pattern;  // article + the letters that must follow it: "alsh"
  std::string rest;     // what stays of those letters: "sh"
};

struct Table {
  std::unordered_set<std::string> articles, particles, joins;
  std::unordered_map<std::string, std::string> words;
  std::vector<GluedRule> glued;
  std::vector<LetterRule> letters;
  std::vector<std::string> errors;
};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsConsonant(char c) { return c >= 'a' && c <= 'z' && c != 'y' && !IsVowel(c); }

// A pattern or replacement of the table: lower-case ASCII letters, V and C.
bool ValidRuleText(std::string_view s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == 'V' || c == 'C')) return false;
  return true;
}

Table Compile(std::string_view tsv) {
  Table t;
  int line_no = 0;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    for (size_t b = 0;;) {
      size_t tab = line.find('\t', b);
      cols.emplace_back(line.substr(b, tab == std::string_view::npos ? std::string_view::npos : tab - b));
      if (tab == std::string_view::npos) break;
      b = tab + 1;
    }
    auto error = [&](const std::string& what) {
      t.errors.push_back("line " + std::to_string(line_no) + ": " + what);
    };
    if (cols.size() < 3 || cols.size() > 4) {
      error("expected pattern, replacement, where[, poly]");
      continue;
    }
    const std::string& pat = cols[0];
    std::string rep = cols[1] == "-" ? std::string() : cols[1];
    const std::string& where = cols[2];
    bool poly = cols.size() == 4;
    if (poly && cols[3] != "poly") {
      error("fourth column must be 'poly', not '" + cols[3] + "'");
      continue;
    }
    if (pat.empty() || !ValidRuleText(pat) || !ValidRuleText(rep)) {
      error("patterns and replacements are lower-case ASCII letters, V and C");
      continue;
    }
    if (where == "start" || where == "end" || where == "inside" || where == "any") {
      Where w = where == "start"    ? Where::kStart
                : where == "end"    ? Where::kEnd
                : where == "inside" ? Where::kInside
                                    : Where::kAny;
      size_t pat_classes = 0, rep_classes = 0;
      for (char c : pat) pat_classes += c == 'V' || c == 'C';
      for (char c : rep) rep_classes += c == 'V' || c == 'C';
      if (rep_classes > pat_classes) {
        error("the replacement copies more V/C letters than the pattern matches");
        continue;
      }
      t.letters.push_back(LetterRule{pat, rep, w, poly});
      continue;
    }
    bool has_class =
        pat.find_first_of("VC") != std::string::npos || rep.find_first_of("VC") != std::string::npos;
    if (poly || has_class) {
      error("'poly', V and C belong to letter rules only");
      continue;
    }
    if (where == "article") {
      t.articles.insert(pat);
    } else if (where == "particle") {
      t.particles.insert(pat);
    } else if (where == "join") {
      t.joins.insert(pat);
    } else if (where == "word") {
      if (rep.empty()) {
        error("a word rule needs a replacement");
        continue;
      }
      t.words[pat] = rep;
    } else if (where == "glued") {
      if (rep.empty() || pat.size() <= rep.size() ||
          pat.compare(pat.size() - rep.size(), rep.size(), rep) != 0) {
        error("a glued rule's replacement is the end of its pattern (alsh -> sh)");
        continue;
      }
      t.glued.push_back(GluedRule{pat, rep});
    } else {
      error("unknown where '" + where + "'");
    }
  }
  return t;
}

const Table& Rules() {
  static const Table table = Compile(TransliterationTsv());
  return table;
}

int VowelGroups(const std::string& w) {
  int n = 0;
  bool in = false;
  for (char c : w) {
    bool v = IsVowel(c);
    if (v && !in) ++n;
    in = v;
  }
  return n;
}

// Whether `pat` matches `w` at `p`; the letters matched by V and C go to `caps`.
bool MatchAt(const std::string& w, size_t p, const std::string& pat, std::string* caps) {
  if (p + pat.size() > w.size()) return false;
  caps->clear();
  for (size_t i = 0; i < pat.size(); ++i) {
    char pc = pat[i], c = w[p + i];
    if (pc == 'V') {
      if (!IsVowel(c)) return false;
      *caps += c;
    } else if (pc == 'C') {
      if (!IsConsonant(c)) return false;
      *caps += c;
    } else if (pc != c) {
      return false;
    }
  }
  return true;
}

void AppendReplacement(const std::string& rep, const std::string& caps, std::string* out) {
  size_t k = 0;
  for (char c : rep) *out += (c == 'V' || c == 'C') ? caps[k++] : c;
}

// One letter rule over the whole word, left to right, without overlapping matches.
void ApplyLetterRule(const LetterRule& r, std::string* w) {
  if (r.pattern.size() > w->size()) return;
  if (r.pattern[0] != 'V' && r.pattern[0] != 'C' && w->find(r.pattern[0]) == std::string::npos) return;
  if (r.poly && VowelGroups(*w) < 2) return;
  const size_t n = w->size(), len = r.pattern.size();
  std::string out, caps;
  if (r.where == Where::kStart || r.where == Where::kEnd) {
    const size_t p = r.where == Where::kStart ? 0 : n - len;
    if (!MatchAt(*w, p, r.pattern, &caps)) return;
    out.assign(*w, 0, p);
    AppendReplacement(r.replacement, caps, &out);
    out.append(*w, p + len, std::string::npos);
    *w = std::move(out);
    return;
  }
  bool changed = false;
  size_t p = 0;
  while (p < n) {
    bool allowed = r.where == Where::kAny || (p > 0 && p + len < n);  // else kInside
    if (allowed && MatchAt(*w, p, r.pattern, &caps)) {
      if (!changed) {
        out.assign(*w, 0, p);
        changed = true;
      }
      AppendReplacement(r.replacement, caps, &out);
      p += len;
      continue;
    }
    if (changed) out += (*w)[p];
    ++p;
  }
  if (!changed) return;
  if (p < n) out.append(*w, p, std::string::npos);
  *w = std::move(out);
}

struct Word {
  std::string key;   // NameKey of the word
  bool hyphen_next;  // joined to the next word by a hyphen
  bool lower;        // written starting with a lower-case letter
  bool written_al;   // written exactly "Al"
};

// Splits `name` at white space and hyphens, keeping how each piece was written, and keys every piece with
// NameKey (which may split a piece further at dots: "U.S." is two words).
std::vector<Word> SplitName(std::string_view name) {
  std::vector<Word> words;
  size_t i = 0, start = 0;
  auto flush = [&](size_t end, bool hyphen) {
    if (end > start) {
      std::string_view piece = name.substr(start, end - start);
      std::string key = NameKey(piece);
      bool lower = piece[0] >= 'a' && piece[0] <= 'z';
      bool al = piece == "Al";
      size_t b = 0;
      while (b < key.size()) {
        size_t sp = key.find(' ', b);
        if (sp == std::string::npos) sp = key.size();
        words.push_back(Word{key.substr(b, sp - b), false, lower, al});
        b = sp + 1;
      }
      if (!key.empty()) words.back().hyphen_next = hyphen;
    } else if (hyphen && !words.empty()) {
      words.back().hyphen_next = true;  // "al -Sharaa", "al--Sharaa"
    }
  };
  while (i < name.size()) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    size_t sep_len = 0;
    bool hyphen = false;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      sep_len = 1;
    } else if (c == '-') {
      sep_len = 1;
      hyphen = true;
    } else if (c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0xA0) {
      sep_len = 2;  // no-break space
    } else if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(name[i + 2]) == 0x90 ||
                static_cast<unsigned char>(name[i + 2]) == 0x91)) {
      sep_len = 3;  // U+2010 hyphen, U+2011 non-breaking hyphen
      hyphen = true;
    }
    if (sep_len == 0) {
      ++i;
      continue;
    }
    flush(i, hyphen);
    i += sep_len;
    start = i;
  }
  flush(name.size(), false);
  return words;
}

bool IsGenerationalSuffix(const std::string& w) {
  return w == "jr" || w == "sr" || w == "ii" || w == "iii" || w == "iv";
}

// The folded words of a name (phases as in the table's header).
std::vector<std::string> FoldWords(std::vector<Word> words) {
  const Table& t = Rules();
  // Articles and particles before another word.
  std::vector<Word> kept;
  kept.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    bool has_next = i + 1 < words.size();
    if (has_next && t.articles.count(w.key) &&
        !(w.written_al && i == 0 && words.size() == 2 && !w.hyphen_next))
      continue;
    if (has_next && t.particles.count(w.key) && (w.hyphen_next || (w.lower && i > 0))) continue;
    kept.push_back(w);
  }
  std::vector<std::string> out;
  out.reserve(kept.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    std::string w = std::move(kept[i].key);
    // Glued articles, in a word that is the only one or not the first.
    if (kept.size() == 1 || i > 0) {
      for (const GluedRule& g : t.glued) {
        if (w.size() >= g.pattern.size() && w.compare(0, g.pattern.size(), g.pattern) == 0 &&
            w.size() - (g.pattern.size() - g.rest.size()) >= 4) {
          w.erase(0, g.pattern.size() - g.rest.size());
          break;
        }
      }
    }
    auto it = t.words.find(w);
    if (it != t.words.end()) w = it->second;
    out.push_back(std::move(w));
  }
  // Joins: "abd" + "rahman" -> "abdrahman".
  std::vector<std::string> joined;
  joined.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (i + 1 < out.size() && t.joins.count(out[i])) {
      out[i + 1] = out[i] + out[i + 1];
      continue;
    }
    joined.push_back(std::move(out[i]));
  }
  for (std::string& w : joined)
    for (const LetterRule& r : t.letters) ApplyLetterRule(r, &w);
  return joined;
}

}  // namespace

const std::vector<std::string>& TransliterationTableErrors() { return Rules().errors; }

std::string FoldedNameKey(std::string_view name) {
  std::vector<std::string> words = FoldWords(SplitName(name));
  std::string key;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

std::string FoldedSurnameKey(std::string_view name) {
  std::vector<Word> words = SplitName(name);
  while (words.size() > 1 && IsGenerationalSuffix(words.back().key)) words.pop_back();
  std::vector<std::string> folded = FoldWords(std::move(words));
  while (!folded.empty() && folded.back().empty()) folded.pop_back();
  return folded.empty() ? std::string() : folded.back();
}

}  // namespace ag::text
