// The CAMEO verb dictionary: loading (converted TSV and PETRARCH format) and pattern matching around a verb.
#include "extract/cameo.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include "extract/analysis.h"
#include "extract/lexicon.h"
#include "util/files.h"
#include "util/strings.h"

namespace ag::extract {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> Words(std::string_view s, std::string_view seps = " ") {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && seps.find(s[i]) != std::string_view::npos) ++i;
    size_t j = i;
    while (j < s.size() && seps.find(s[j]) == std::string_view::npos) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const std::string& w : v) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

// A regular plural as PETRARCH makes it for synset nouns.
std::string Plural(const std::string& w) {
  if (w.empty()) return w;
  const bool vowel_y =
      w.size() > 1 && std::string_view("aeiou").find(w[w.size() - 2]) != std::string_view::npos;
  if (w.back() == 'y' && !vowel_y) return w.substr(0, w.size() - 1) + "ies";  // "envoys", not "envoies"
  if (w.back() == 's') return w.substr(0, w.size() - 1) + "es";
  return w + "s";
}

// Regular inflections of a lower-case verb (tools/convert_cameo.py regular_forms).
std::vector<std::string> RegularForms(const std::string& v) {
  if (v.empty()) return {v};
  const bool sibilant =
      EndsWith(v, "s") || EndsWith(v, "sh") || EndsWith(v, "ch") || v.back() == 'x' || v.back() == 'z';
  std::vector<std::string> f = {v, v + (sibilant ? "es" : "s")};
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  if (v.back() == 'e') {
    f.push_back(v + "d");
    f.push_back(v.substr(0, v.size() - 1) + "ing");
  } else if (v.back() == 'y' && v.size() > 1 && !vowel(v[v.size() - 2])) {
    std::string stem = v.substr(0, v.size() - 1);
    f.push_back(stem + "ies");
    f.push_back(stem + "ied");
    f.push_back(v + "ing");
  } else {
    f.push_back(v + "ed");
    f.push_back(v + "ing");
  }
  return f;
}

// Words that end the stretch of a clause a pattern may read after (or before) its verb.
bool IsClauseBreak(std::string_view w) {
  static const std::unordered_set<std::string_view> kBreaks = {
      "",     "that", "which",  "who",      "whom",   "whose",   "because", "while", "but",    "and",  "or",
      "when", "if",   "unless", "although", "though", "whereas", "where",   "after", "before", "since"};
  return kBreaks.count(w) > 0;
}

bool IsPreposition(std::string_view w) {
  static const std::unordered_set<std::string_view> kPreps = {
      "of",      "in",     "on",     "at",      "for",    "with",    "to",     "from",   "against",
      "by",      "over",   "about",  "into",    "under",  "between", "during", "toward", "towards",
      "through", "across", "near",   "without", "within", "upon",    "amid",   "among",  "around",
      "along",   "behind", "beyond", "despite", "via",    "onto",    "inside", "outside"};
  return kPreps.count(w) > 0;
}

std::string ParseLocation(const std::string& path, int line) {
  return path + ":" + std::to_string(line) + ": ";
}

// Strips PETRARCH's source/target markers ("$", "+", "^", "%") from a pattern word.
std::string StripMarks(std::string_view w) {
  size_t b = 0, e = w.size();
  auto mark = [](char c) { return c == '$' || c == '+' || c == '^' || c == '%'; };
  while (b < e && mark(w[b])) ++b;
  while (e > b && mark(w[e - 1])) --e;
  return std::string(w.substr(b, e - b));
}

// A pattern phrase ("{FINANCIAL AID}", "AIR_STRIKE", "&FIGHT") as lower-case words, synsets kept upper.
std::string PhraseWords(std::string_view phrase) {
  std::vector<std::string> out;
  for (const std::string& w : Words(phrase, " _{}\t")) {
    std::string s = StripMarks(w);
    if (s.empty()) continue;
    out.push_back(s[0] == '&' ? s : Lower(s));
  }
  return Join(out, ' ');
}

}  // namespace

size_t CameoDictionary::pattern_count() const {
  size_t n = 0;
  for (const auto& b : blocks_) n += b.size();
  return n;
}

int CameoDictionary::Block(const std::string& name, bool user) {
  std::string key = user ? "user:" + name : name;
  auto [it, inserted] = block_ids_.try_emplace(key, static_cast<int>(blocks_.size()));
  if (inserted) blocks_.emplace_back();
  return it->second;
}

void CameoDictionary::AddForm(const std::string& form, Sense sense, bool user) {
  std::vector<Sense>& senses = forms_[form];
  if (user && !user_forms_[form]) {  // a user's verb replaces the shipped senses of the form
    senses.clear();
    user_forms_[form] = true;
  }
  senses.push_back(std::move(sense));
}

std::string CameoDictionary::PloverOf(const std::string& code) const {
  std::string active = code.substr(0, code.find(':'));
  std::string digits;
  for (char c : active)
    if (c >= '0' && c <= '9') digits += c;
  for (size_t n = digits.size(); n >= 2; --n) {
    auto it = plover_.find(digits.substr(0, n));
    if (it != plover_.end()) return it->second;
  }
  return "";
}

Status CameoDictionary::LoadPlover(const std::string& path) {
  AG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, ""));
  int n = 0;
  for (const std::string& line : Split(text, '\n')) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos)
      return Status::ParseError(ParseLocation(path, n) + "expected CODE<TAB>PLOVER");
    plover_[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return Status::OK();
}

Status CameoDictionary::LoadTsv(const std::string& path) {
  AG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, ""));
  int n = 0;
  for (const std::string& line : Split(text, '\n')) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    if (f[0] == "S" && f.size() == 3) {
      auto& phrases = synsets_[f[1]];
      for (const std::string& p : Split(f[2], '|')) phrases.push_back(Words(p));
    } else if (f[0] == "V" && f.size() == 7) {
      Sense s;
      s.block = Block(f[1], false);
      s.pre = Words(f[3]);
      s.post = Words(f[4]);
      s.code = f[5];
      s.plover = f[6];
      for (const std::string& form : Split(f[2], '|')) AddForm(form, s, false);
    } else if (f[0] == "P" && f.size() == 8) {
      Pattern p;
      p.pre = f[2];
      p.object = f[3];
      p.words = static_cast<int>(Words(p.pre).size() + Words(p.object).size());
      if (!f[4].empty())
        for (const std::string& pp : Split(f[4], ';')) {
          size_t gt = pp.find('>');
          if (gt == std::string::npos)
            return Status::ParseError(ParseLocation(path, n) + "bad preposition phrase");
          PrepPhrase x;
          x.preps = Split(pp.substr(0, gt), '/');
          x.phrase = pp.substr(gt + 1);
          p.words += 1 + static_cast<int>(Words(x.phrase).size());
          p.preps.push_back(std::move(x));
        }
      p.code = f[5];
      p.plover = f[6];
      p.line = std::atoi(f[7].c_str());
      blocks_[Block(f[1], false)].push_back(std::move(p));
    } else {
      return Status::ParseError(ParseLocation(path, n) + "expected an S, V or P row of 3, 7 or 8 fields");
    }
  }
  return Status::OK();
}

Status CameoDictionary::LoadPetrarch(const std::string& path) {
  AG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, ""));
  int n = 0;
  std::string synset;  // the synset whose "+word" lines are being read
  int block = -1;
  std::string block_code = "---";
  int blocks_seen = 0;
  for (std::string raw : Split(text, '\n')) {
    ++n;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line(Trim(std::string_view(raw).substr(0, raw.find('#'))));
    auto error = [&](const std::string& what) {
      std::string snippet = raw.size() > 60 ? raw.substr(0, 60) + "..." : raw;
      return Status::ParseError(ParseLocation(path, n) + what + ": \"" + snippet + "\"");
    };
    if (line.empty()) {
      synset.clear();
      continue;
    }
    if (!synset.empty() && line[0] == '+') {
      std::string word(Trim(std::string_view(line).substr(1)));
      bool no_plural = synset.back() == '_' || (!word.empty() && word.back() == '_');
      while (!word.empty() && word.back() == '_') word.pop_back();
      if (word.empty()) return error("empty synset word");
      std::vector<std::string> words = Words(Lower(word), "_ ");
      auto& phrases = synsets_[synset.back() == '_' ? synset.substr(0, synset.size() - 1) : synset];
      phrases.push_back(words);
      if (!no_plural) {
        words.back() = Plural(words.back());
        phrases.push_back(words);
      }
      continue;
    }
    synset.clear();
    if (line[0] == '~') continue;  // transformations: verb-verb rules, not read
    // The code in [...], if any.
    std::string code;
    std::string body = line;
    size_t open = line.find('[');
    if (open != std::string::npos) {
      size_t close = line.find(']', open);
      if (close == std::string::npos) return error("'[' without ']'");
      code = std::string(Trim(std::string_view(line).substr(open + 1, close - open - 1)));
      for (char c : code)
        if (!((c >= '0' && c <= '9') || c == ':' || c == '-' || c == '!' || (c >= 'A' && c <= 'F')))
          return error("bad CAMEO code [" + code + "]");
      body = std::string(Trim(line.substr(0, open) + " " + line.substr(close + 1)));
    }
    if (StartsWith(line, "---")) {
      block_code = code.empty() ? "---" : code;
      block = -1;
      continue;
    }
    if (line[0] == '&') {
      synset = Words(line)[0];
      synsets_[synset.back() == '_' ? synset.substr(0, synset.size() - 1) : synset];
      continue;
    }
    if (line[0] == '-') {
      if (block < 0) return error("pattern before any verb");
      if (open == std::string::npos) return error("pattern without a [code]");
      std::string pat = body.substr(1);
      size_t star = pat.find('*');
      if (star == std::string::npos) return error("pattern without '*' for the verb");
      // Splits one side into phrases: bare words, {...} and (...) groups.
      std::vector<std::string> parts[2];
      for (int side = 0; side < 2; ++side) {
        std::string s = side == 0 ? pat.substr(0, star) : pat.substr(star + 1);
        size_t i = 0;
        while (i < s.size()) {
          char c = s[i];
          if (c == ' ' || c == '\t') {
            ++i;
          } else if (c == '(' || c == '{') {
            int depth = 0;
            size_t j = i;
            for (; j < s.size(); ++j) {
              if (s[j] == '(' || s[j] == '{') ++depth;
              if (s[j] == ')' || s[j] == '}') --depth;
              if (depth == 0) break;
            }
            if (j >= s.size()) return error(std::string("unbalanced '") + c + "'");
            parts[side].push_back(s.substr(i, j + 1 - i));
            i = j + 1;
          } else if (c == ')' || c == '}') {
            return error(std::string("unbalanced '") + c + "'");
          } else {
            size_t j = i;
            while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '(' && s[j] != '{') ++j;
            parts[side].push_back(s.substr(i, j - i));
            i = j;
          }
        }
      }
      Pattern p;
      std::vector<std::string> pre, obj;
      for (const std::string& t : parts[0])
        if (t[0] != '(') pre.push_back(PhraseWords(t));
      for (const std::string& t : parts[1]) {
        if (t[0] == '(') {
          std::string inner(Trim(std::string_view(t).substr(1, t.size() - 2)));
          size_t sp = inner.find_first_of(" \t");
          PrepPhrase x;
          std::string prep = Lower(StripMarks(inner.substr(0, sp)));
          if (prep.empty()) return error("empty preposition phrase");
          x.preps = Split(prep, '/');
          x.phrase = sp == std::string::npos ? "" : PhraseWords(inner.substr(sp + 1));
          p.preps.push_back(std::move(x));
        } else if (p.preps.empty()) {
          obj.push_back(PhraseWords(t));
        } else {
          std::string w = PhraseWords(t);
          if (!w.empty()) p.preps.back().phrase += (p.preps.back().phrase.empty() ? "" : " ") + w;
        }
      }
      pre.erase(std::remove(pre.begin(), pre.end(), std::string()), pre.end());
      obj.erase(std::remove(obj.begin(), obj.end(), std::string()), obj.end());
      p.pre = Join(pre, ' ');
      p.object = Join(obj, ' ');
      p.words = static_cast<int>(Words(p.pre).size() + Words(p.object).size());
      for (const PrepPhrase& x : p.preps) p.words += 1 + static_cast<int>(Words(x.phrase).size());
      p.code = code.empty() ? "---" : code;
      p.plover = PloverOf(p.code);
      p.line = n;
      blocks_[block].push_back(std::move(p));
      continue;
    }
    // A verb: VERB {FORMS}, +MULTI_WORD {+FORMS}, PRE_+VERB.
    std::string head = body, forms_text;
    size_t brace = body.find('{');
    if (brace != std::string::npos) {
      size_t close = body.find('}', brace);
      if (close == std::string::npos) return error("'{' without '}'");
      head = std::string(Trim(std::string_view(body).substr(0, brace)));
      forms_text = body.substr(brace + 1, close - brace - 1);
    }
    if (head.empty() || head.find_first_of(" \t") != std::string::npos)
      return error("expected a verb (words joined by '_'), a pattern '- ... * ...', a synset or a block");
    for (char c : head)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '+' || c == '-' ||
            c == '\''))
        return error("bad character in verb");
    if (block < 0) block = Block(Lower(head) + "#" + std::to_string(++blocks_seen), true);
    Sense s;
    s.block = block;
    s.code = code.empty() ? block_code : code;
    s.plover = PloverOf(s.code);
    std::vector<std::string> words = Words(Lower(head), "_");
    size_t k = 0;
    for (size_t i = 0; i < words.size(); ++i)
      if (words[i][0] == '+') k = i;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i < k) s.pre.push_back(words[i]);
      if (i > k) s.post.push_back(words[i]);
    }
    std::string verb = StripMarks(words[k]);
    std::vector<std::string> forms;
    if (!forms_text.empty()) {
      forms.push_back(verb);
      for (const std::string& f : Words(Lower(forms_text), " \t")) {
        std::vector<std::string> fw = Words(f, "_");
        std::string v = fw[0];
        for (const std::string& w : fw)
          if (w[0] == '+') v = w;
        forms.push_back(StripMarks(v));
      }
    } else {
      forms = RegularForms(verb);
    }
    std::sort(forms.begin(), forms.end());
    forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
    for (const std::string& f : forms)
      if (!f.empty() && f[0] >= 'a' && f[0] <= 'z' && std::all_of(f.begin(), f.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || c == '-' || c == '\'';
          }))
        AddForm(f, s, true);
  }
  return Status::OK();
}

int CameoDictionary::TermEndsAt(std::string_view term, const std::function<std::string_view(int)>& word,
                                int b, int last, bool head) const {
  if (last < b) return 0;
  if (!term.empty() && term[0] == '&') {
    auto it = synsets_.find(std::string(term));
    if (it == synsets_.end()) return 0;
    int best = 0;
    for (const std::vector<std::string>& phrase : it->second) {
      int len = static_cast<int>(phrase.size());
      if (len <= best || last - len + 1 < b) continue;
      bool ok = true;
      for (int i = 0; i < len && ok; ++i) ok = word(last - len + 1 + i) == phrase[i];
      if (ok) best = len;
    }
    return best;
  }
  std::string_view w = word(last);
  if (w.empty()) return 0;
  size_t start = 0;
  while (start <= term.size()) {
    size_t slash = term.find('/', start);
    std::string_view alt =
        term.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (w == alt) return 1;
    // A head noun matches its plural ("talk" -> "talks", "ally" -> "allies").
    if (head && !alt.empty() && w.size() > alt.size() && w.substr(0, alt.size()) == alt &&
        (w.substr(alt.size()) == "s" || w.substr(alt.size()) == "es"))
      return 1;
    if (head && alt.size() > 1 && alt.back() == 'y' && w.size() == alt.size() + 2 &&
        w.substr(0, alt.size() - 1) == alt.substr(0, alt.size() - 1) && EndsWith(w, "ies"))
      return 1;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return 0;
}

bool CameoDictionary::PhraseEnds(const std::string& phrase, const std::function<std::string_view(int)>& word,
                                 int b, int e) const {
  std::vector<std::string> terms = Words(phrase);
  if (terms.empty()) return true;
  int len = TermEndsAt(terms.back(), word, b, e - 1, true);
  if (len == 0) return false;
  int pos = e - 1 - len;  // the modifiers stand in order before the head
  for (int t = static_cast<int>(terms.size()) - 2; t >= 0; --t) {
    int found = 0;
    while (pos >= b && (found = TermEndsAt(terms[t], word, b, pos, false)) == 0) --pos;
    if (found == 0) return false;
    pos -= found;
  }
  return true;
}

bool CameoDictionary::Code(const std::function<std::string_view(int)>& word, int begin, int end, int verb,
                           std::string_view lemma, CameoMatch* out) const {
  auto it = forms_.find(std::string(word(verb)));
  if (it == forms_.end() && !lemma.empty()) it = forms_.find(std::string(lemma));
  if (it == forms_.end()) return false;
  CameoMatch best;
  best.words = -1;
  // On a tie the sense defined later wins, as in PETRARCH, where a later definition of a form replaces or
  // precedes an earlier one.
  for (auto sense_it = it->second.rbegin(); sense_it != it->second.rend(); ++sense_it) {
    const Sense& sense = *sense_it;
    int p = verb + 1;
    bool ok = true;
    for (const std::string& w : sense.post) {
      if (p >= end || word(p) != w) ok = false;
      ++p;
    }
    int q = verb - 1;
    for (auto w = sense.pre.rbegin(); w != sense.pre.rend() && ok; ++w, --q)
      if (q < begin || word(q) != *w) ok = false;
    if (!ok) continue;
    const int base = 1 + static_cast<int>(sense.post.size() + sense.pre.size());
    if (base > best.words) best = CameoMatch{sense.code, sense.plover, base, 0};
    // The stretch of the clause after the verb (and its particle) and before it.
    int stop = p;
    while (stop < end && stop < p + 12 && !IsClauseBreak(word(stop))) ++stop;
    int left = q + 1;
    while (left > begin && left > q + 1 - 6 && !IsClauseBreak(word(left - 1))) --left;
    for (const Pattern& pat : blocks_[sense.block]) {
      const int score = base + pat.words;
      if (score <= best.words) continue;
      if (!pat.pre.empty()) {
        bool found = false;
        for (int e = q + 1; e > left && !found; --e) found = PhraseEnds(pat.pre, word, left, e);
        if (!found) continue;
      }
      // The object: a noun phrase right after the verb, its head last, no preposition before the head.
      int after_object = p;
      if (!pat.object.empty()) {
        bool found = false;
        for (int e = p + 1; e <= stop && e <= p + 6 && !found; ++e) {
          if (e - 2 >= p && IsPreposition(word(e - 2))) break;
          if (PhraseEnds(pat.object, word, p, e)) {
            found = true;
            after_object = e;
          }
        }
        if (!found) continue;
      }
      // Prepositional phrases, in order after the object.
      int pos = after_object;
      bool all = true;
      for (const PrepPhrase& pp : pat.preps) {
        bool found = false;
        for (int x = pos; x < stop && !found; ++x) {
          if (std::find(pp.preps.begin(), pp.preps.end(), word(x)) == pp.preps.end()) continue;
          if (pp.phrase.empty()) {
            found = true;
            pos = x + 1;
            break;
          }
          for (int e = x + 2; e <= stop && e <= x + 7 && !found; ++e) {
            if (e - 2 > x && IsPreposition(word(e - 2))) break;
            if (PhraseEnds(pp.phrase, word, x + 1, e)) {
              found = true;
              pos = e;
            }
          }
        }
        if (!found) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      best = CameoMatch{pat.code, pat.plover, score, pat.line};
    }
  }
  if (best.words < 0) return false;
  // "[active:passive]": the active voice's code; "---" codes nothing.
  best.code = best.code.substr(0, best.code.find(':'));
  if (best.code == "---") best.code.clear();
  best.code.erase(std::remove(best.code.begin(), best.code.end(), '!'), best.code.end());
  if (best.code.empty()) best.plover.clear();
  *out = std::move(best);
  return true;
}

void CodeRelations(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* out) {
  const CameoDictionary& dict = lex.cameo();
  if (dict.form_count() == 0) return;
  auto word = [&](int i) -> std::string_view {
    const Tok& t = a.toks[i];
    return t.kind == text::TokenKind::kPunct ? std::string_view() : std::string_view(t.lower);
  };
  int last_verb = -1;
  CameoMatch match;
  bool coded = false;
  for (RelationBuild& r : *out) {
    if (r.verb_tok != last_verb) {  // relations of one verb are adjacent
      last_verb = r.verb_tok;
      const Tok& t = a.toks[r.verb_tok];
      const text::Sentence& s = a.sentences[t.sentence];
      std::string lemma;
      if (const VerbForm* f = lex.Verb(t.lower))
        lemma = f->entry->lemma;
      else
        lemma = lex.VerbLemma(t.lower);
      match = CameoMatch();
      coded = dict.Code(word, s.first_token, s.end_token, r.verb_tok, lemma, &match);
    }
    if (coded) r.cameo = match.code;
  }
}

}  // namespace ag::extract
