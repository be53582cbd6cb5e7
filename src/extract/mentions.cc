// Actor mentions and within-document entity resolution. See mentions.h. The rules, in order:
// 1. a run is a maximal sequence of capitalised words, joined by name particles (al-, bin, van, de),
//    hyphens, "&", and "of"/"for" inside organisation names;
// 2. a run containing an organisation word is an ORG; a run the gazetteers know is typed from them;
// 3. leading titles are stripped ("US President Donald Trump": "US" becomes its own GPE mention, the
//    person is "Donald Trump" with role "us president"); "Reserve Bank Governor Anna Lund" is the
//    organisation, the role and the person; a trailing possessive is cut off;
// 4. what remains is a PERSON when titled, starting with a given name or two words or more; a lone word is
//    resolved later: an alias of a person named earlier or later (surname), else typed by context.
#include "extract/mentions.h"

#include "extract/ner_tagger.h"
#include "extract/pos_tagger.h"
#include "extract/words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "text/normalize.h"
#include "util/strings.h"

namespace ag::extract {
namespace {

// A name's surface with each run of white space made one space: a name wrapped onto the next line reads
// "Reserve  Board" in the unwrapped text (a CRLF or trailing spaces become several spaces).
std::string OneSpaced(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space)
      out += c;
    else if (out.empty() || out.back() != ' ')
      out += ' ';
  }
  return out;
}

bool IsParticle(std::string_view lower) {
  static const std::unordered_set<std::string_view> kParticles = {
      "al", "el", "ez", "az", "as", "ad", "ar", "ash", "at", "ul", "bin", "ibn", "bint", "abu", "van", "von",
      "de", "der", "den", "da", "di", "du", "la", "le", "ben"};
  return kParticles.count(lower) > 0;
}

bool IsLocPreposition(std::string_view lower) {
  return lower == "in" || lower == "from" || lower == "at" || lower == "near" || lower == "to" || lower == "across";
}

std::string_view StripDot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

// Bytes of a trailing possessive ('s or ’s) on `s`, or 0.
int PossessiveBytes(std::string_view s) {
  if (EndsWith(s, "'s") || EndsWith(s, "'S")) return 2;
  if (EndsWith(s, "\xE2\x80\x99s") || EndsWith(s, "\xE2\x80\x99S")) return 4;
  return 0;
}

struct Cand {
  int tb = 0, te = 0;   // name tokens
  int32_t b = 0, e = 0; // bytes (possessive excluded)
  std::string name;     // canonical name
  EntityType type = EntityType::kOther;
  bool resolve = false; // a lone word to resolve against other entities
  bool titled = false;
  std::vector<std::string> roles;
  std::string title;    // the title words as written ("Foreign Minister"), without the country before them
  std::string acronym;  // defined right after in parentheses
  bool modifier = false;
  bool weak = false;    // the type is a guess (no gazetteer, title or given name behind it)
  bool user = false;    // named by the user's alias file
  std::string collective;  // "coalition" for an unnamed collective actor ("the international coalition")
};

class ActorFinder {
 public:
  ActorFinder(const Lexicon& lex, const Taggers& taggers, DocAnalysis* a)
      : lex_(lex), taggers_(taggers), a_(*a) {}

  void Run() {
    for (const Tok& t : a_.toks)
      if (t.kind == text::TokenKind::kWord && !t.cap) lower_vocab_.insert(t.lower);
    std::vector<std::vector<uint8_t>> bio;
    TagDocument(&bio);
    std::vector<NerSpan> spans;
    for (size_t si = 0; si < a_.sentences.size(); ++si) {
      if (bio.empty()) {
        ScanSentence(a_.sentences[si]);
      } else {
        NerTagger::Spans(bio[si], &spans);
        ScanSentenceWithSpans(a_.sentences[si], spans);
      }
    }
    FindCollectiveActors();
    FindGroups();
    std::stable_sort(cands_.begin(), cands_.end(), [](const Cand& x, const Cand& y) { return x.tb < y.tb; });
    BuildEntities();
    for (size_t id = 0; id < votes_.size() && id < a_.entities.size(); ++id) {
      int best = 0;
      for (int t = 1; t < 8; ++t)
        if (votes_[id][t] > votes_[id][best]) best = t;
      if (votes_[id][best] > 0) a_.entities[id].type = static_cast<EntityType>(best);
    }
    TypeFromAppositions();
    DescribedOrganisations();
    FoldGovernments();
    for (Arg& g : a_.args)
      for (const auto& [b, e] : group_tails_)
        if (g.te == b && !g.pronoun) g.te = e;
    FindLinks();
    ResolveReferences();
    // Shorter first among arguments that start together ("US" before "US-led coalition"): the relation
    // pass reads them in this order, which must not depend on the rest of the document (std::sort is not
    // stable).
    std::sort(a_.args.begin(), a_.args.end(),
              [](const Arg& x, const Arg& y) { return x.tb != y.tb ? x.tb < y.tb : x.te < y.te; });
  }

 private:
  const Tok& T(int i) const { return a_.toks[i]; }
  bool Adjacent(int i, int j) const { return T(i).e == T(j).b; }

  std::string Key(int tb, int te, int32_t end_byte) const {
    return text::NameKey(a_.text.substr(T(tb).b, end_byte - T(tb).b));
  }
  std::string Surface(int32_t b, int32_t e) const { return OneSpaced(a_.text.substr(b, e - b)); }

  // A capitalised word; contractions of non-names ("It's", "I'm", "We'll") are not.
  bool IsCapWord(int i) const {
    const Tok& t = T(i);
    if (t.kind != text::TokenKind::kWord || !t.cap) return false;
    size_t apo = t.s.find('\'');
    if (apo == std::string_view::npos) apo = t.s.find("\xE2\x80\x99");
    if (apo != std::string_view::npos && apo > 0) {
      std::string_view base = t.s.substr(0, apo);
      std::string_view rest = t.s.substr(apo + (t.s[apo] == '\'' ? 1 : 3));
      bool contraction = rest == "s" || rest == "ll" || rest == "re" || rest == "ve" || rest == "d" ||
                         rest == "m" || rest == "t";  // not "Da'esh", "Shara'a"
      if (contraction && (base == "I" || lex_.IsNotName(base))) return false;
    }
    return true;
  }

  // "A. Smith": a capital letter with its dot is an initial, not the article.
  bool Initial(int i) const {
    return T(i).s.size() == 1 && i + 2 < static_cast<int>(a_.toks.size()) && T(i + 1).s == "." &&
           Adjacent(i, i + 1) && IsCapWord(i + 2);
  }

  // End (exclusive) of the capitalised run starting at i, within [.., end).
  int RunEnd(int i, int end) const {
    int j = i + 1;
    bool org = lex_.IsOrgWord(T(i).s);
    while (j < end) {
      const Tok& t = T(j);
      if (IsCapWord(j) && !(lex_.IsNotName(t.s) && !t.all_caps) && PossessiveBytes(T(j - 1).s) == 0) {
        org = org || lex_.IsOrgWord(t.s);
        ++j;
        continue;
      }
      if (PossessiveBytes(T(j - 1).s) != 0) break;
      // "Kurdistan Workers' Party": a plural possessive apostrophe inside a name.
      if ((t.s == "'" || t.s == "\xE2\x80\x99") && j + 1 < end && Adjacent(j - 1, j) && IsCapWord(j + 1) &&
          EndsWith(T(j - 1).s, "s")) {
        ++j;
        continue;
      }
      // "Gen. Serhat Dilan", "Mr. Burke": the dot of an abbreviated title stays inside the run.
      if (t.s == "." && j + 1 < end && Adjacent(j - 1, j) && IsCapWord(j + 1) && lex_.IsTitle(T(j - 1).lower)) {
        ++j;
        continue;
      }
      if (t.s == "-" && j + 1 < end && Adjacent(j - 1, j) && Adjacent(j, j + 1) &&
          (IsCapWord(j + 1) || IsParticle(T(j - 1).lower))) {
        j += 2;
        continue;
      }
      if (IsParticle(t.lower) && j + 1 < end && (IsCapWord(j + 1) || (T(j + 1).s == "-" && Adjacent(j, j + 1)))) {
        ++j;
        continue;
      }
      if ((t.lower == "of" || t.lower == "for" || t.s == "&") && org && j + 1 < end) {
        if (IsCapWord(j + 1)) {
          j += 1;
          continue;
        }
        if (T(j + 1).lower == "the" && j + 2 < end && IsCapWord(j + 2)) {
          j += 2;
          continue;
        }
      }
      break;
    }
    // Never end on a connector.
    while (j > i + 1 && (T(j - 1).lower == "of" || T(j - 1).lower == "for" || T(j - 1).lower == "the" ||
                         T(j - 1).s == "&" || T(j - 1).s == "-" || IsParticle(T(j - 1).lower)))
      --j;
    return j;
  }

  // A capitalised run starts at i: a capitalised word, or a lower-case particle joined by a hyphen to one
  // ("al-Haddad").
  bool StartsRun(int i, int end) const {
    if (IsCapWord(i)) return true;
    return IsParticle(T(i).lower) && i + 2 < end && T(i + 1).s == "-" && Adjacent(i, i + 1) &&
           Adjacent(i + 1, i + 2) && IsCapWord(i + 2);
  }

  void ScanSentence(const text::Sentence& s) {
    int i = s.first_token;
    while (i < s.end_token) {
      if (!StartsRun(i, s.end_token)) {
        ++i;
        continue;
      }
      int j = RunEnd(i, s.end_token);
      ProcessRun(i, j, s);
      i = j;
    }
  }

  // POS tags into the tokens and the mention tagger's BIO tags per sentence (empty without a tagger).
  void TagDocument(std::vector<std::vector<uint8_t>>* bio) {
    if (taggers_.pos == nullptr && taggers_.ner == nullptr) return;
    std::vector<std::vector<std::string_view>> words(a_.sentences.size());
    std::vector<std::vector<uint8_t>> tags(a_.sentences.size());
    for (size_t si = 0; si < a_.sentences.size(); ++si) {
      const text::Sentence& s = a_.sentences[si];
      for (int t = s.first_token; t < s.end_token; ++t) words[si].push_back(T(t).s);
      if (taggers_.pos != nullptr) {
        taggers_.pos->Tag(words[si], &tags[si]);
        for (int t = s.first_token; t < s.end_token; ++t) a_.toks[t].pos = tags[si][t - s.first_token];
      } else {
        tags[si].assign(words[si].size(), static_cast<uint8_t>(Upos::kX));
      }
    }
    if (taggers_.ner != nullptr) taggers_.ner->TagDocument(words, tags, bio);
  }

  // A capitalised run the lexicons are sure of: a known place or organisation, a run with an organisation
  // word, or a multi-word run ending in a location word. These win over the tagger's spans.
  bool StrongRun(int i, int j) const {
    // In an all-capitals headline a lone capitalised word may be any word ("WAR IS OVER").
    if (j - i == 1 && T(i).all_caps &&
        ((i > 0 && T(i - 1).all_caps && T(i - 1).sentence == T(i).sentence) ||
         (i + 1 < static_cast<int>(a_.toks.size()) && T(i + 1).all_caps && T(i + 1).sentence == T(i).sentence)))
      return false;
    int32_t end_byte = T(j - 1).e - PossessiveBytes(T(j - 1).s);
    int from = i;
    if (lex_.IsNotName(T(i).s) && !T(i).all_caps && j - i > 1 && !Initial(i)) ++from;  // "The Euphrates Democratic Forces"
    if (lex_.Place(Key(from, j, end_byte)) != nullptr) return true;
    if (j - from < 2) return false;
    if (lex_.IsLocWord(T(j - 1).s)) return true;
    for (int k = from; k < j; ++k)
      if (lex_.IsOrgWord(T(k).s)) return true;
    return false;
  }

  // Token e (after a name) is "who" or "whom", or a comma before one.
  bool FollowedByWho(int e, const text::Sentence& s) const {
    int after = e < s.end_token && T(e).s == "," ? e + 1 : e;
    return after < s.end_token && (T(after).lower == "who" || T(after).lower == "whom");
  }

  void ScanSentenceWithSpans(const text::Sentence& s, const std::vector<NerSpan>& tagged) {
    // "the National Association for Technical Research, Chirac said", "Raqqah, Syria": a comma ends a
    // name, whatever span the tagger read across it (once wrapped lines are joined, such spans grow).
    std::vector<NerSpan> spans;
    for (NerSpan sp : tagged) {
      for (int k = sp.begin + 1; k + 1 < sp.end; ++k) {
        if (T(s.first_token + k).s != ",") continue;
        spans.push_back(NerSpan{sp.begin, k, sp.type});
        sp.begin = k + 1;
      }
      spans.push_back(sp);
    }
    std::vector<bool> taken(s.end_token - s.first_token, false);
    auto take = [&](int b, int e) {
      for (int k = b; k < e; ++k) taken[k - s.first_token] = true;
    };
    auto free = [&](int b, int e) {
      for (int k = b; k < e; ++k)
        if (taken[k - s.first_token]) return false;
      return true;
    };
    // "the U.S. Open", "the World Cup", "the U.S. Open Tennis Championships": an event's name holds no
    // actor. The name is the capitalised words before the event word (and the event word's own run).
    for (int k = s.first_token + 1; k < s.end_token; ++k) {
      if (!IsCapWord(k) || T(k).all_caps || !lex_.IsEventWord(T(k).s)) continue;
      int b = k;
      while (b - 1 >= s.first_token && IsCapWord(b - 1) && !lex_.IsNotName(T(b - 1).s)) --b;
      if (b == k) continue;  // "Open" alone is any word
      int e = k + 1;
      while (e < s.end_token && IsCapWord(e)) ++e;
      take(b, e);
      k = e;
    }
    // Strong rule runs first.
    std::vector<std::pair<int, int>> strong;
    for (int i = s.first_token; i < s.end_token;) {
      if (!StartsRun(i, s.end_token)) {
        ++i;
        continue;
      }
      int j = RunEnd(i, s.end_token);
      // A strong run the tagger found with the same bounds keeps the tagger's type (a city may be a club).
      bool same = false;
      for (const NerSpan& sp : spans)
        same = same || (s.first_token + sp.begin == i && s.first_token + sp.end == j && sp.type != NerType::kMisc);
      // A strong run inside a longer tagger span gives way to it ("Republic of Ireland", "U.N. Security
      // Council", "Human Rights in China").
      bool inside = false;
      for (const NerSpan& sp : spans)
        inside = inside || (s.first_token + sp.begin <= i && j <= s.first_token + sp.end &&
                            sp.end - sp.begin > j - i && sp.type != NerType::kPer && sp.type != NerType::kMisc);
      if (StrongRun(i, j) && !same && !inside) strong.emplace_back(i, j);
      i = j;
    }
    // Tagger spans and strong runs in text order; a span overlapping a strong run gives way to it.
    std::vector<std::tuple<int, int, EntityType>> todo;
    for (auto [i, j] : strong) todo.emplace_back(i, j, EntityType::kOther);
    for (size_t k = 0; k < spans.size(); ++k) {
      const NerSpan& sp = spans[k];
      // "US President" + "Donald Trump": a title the tagger cut off belongs to the person after it.
      if (sp.type != NerType::kPer && k + 1 < spans.size() && spans[k + 1].type == NerType::kPer &&
          spans[k + 1].begin == sp.end && lex_.IsTitle(T(s.first_token + sp.end - 1).lower)) {
        NerSpan merged = spans[k + 1];
        merged.begin = sp.begin;
        bool overlaps = false;
        for (auto [i, j] : strong) overlaps = overlaps || (s.first_token + merged.begin < j && i < s.first_token + merged.end);
        if (!overlaps) {
          todo.emplace_back(s.first_token + merged.begin, s.first_token + merged.end, EntityType::kPerson);
          ++k;
          continue;
        }
      }
      int b = s.first_token + sp.begin, e = s.first_token + sp.end;
      ExtendOverParticles(s, &b, &e);
      if (b >= e) continue;
      // "Levent Kaya" tagged from "Kaya": a capitalised word right before a person's name that nothing
      // else claims (no title, place, nationality or common word) is the given name.
      if (sp.type == NerType::kPer && e - b == 1 && b > s.first_token && IsCapWord(b - 1) && !T(b - 1).all_caps &&
          !lex_.IsTitle(T(b - 1).lower) && !lex_.IsNotName(T(b - 1).s) && lex_.Nationality(T(b - 1).s) == nullptr &&
          lex_.Place(text::NameKey(T(b - 1).s)) == nullptr && lower_vocab_.count(T(b - 1).lower) == 0 &&
          lex_.Verb(T(b - 1).lower) == nullptr && PossessiveBytes(T(b - 1).s) == 0) {
        bool claimed = false;
        for (const NerSpan& other : spans)
          claimed = claimed || (&other != &sp && s.first_token + other.begin <= b - 1 &&
                                b - 1 < s.first_token + other.end && other.type != NerType::kMisc);
        if (!claimed) --b;
      }
      bool overlaps = false;
      for (auto [i, j] : strong) overlaps = overlaps || (b < j && i < e);
      if (overlaps) continue;
      EntityType hint = sp.type == NerType::kPer   ? EntityType::kPerson
                        : sp.type == NerType::kOrg ? EntityType::kOrg
                        : sp.type == NerType::kLoc ? EntityType::kGpe
                                                   : EntityType::kNorp;  // MISC: only nationalities survive
      if (FollowedByWho(e, s) && hint != EntityType::kNorp) hint = EntityType::kPerson;
      todo.emplace_back(b, e, hint);
    }
    // "the Asad regime", "the Maduro regime": a lone name before "regime" names its leader, unless the
    // lexicons know it as a place or nationality ("the Syrian regime").
    for (int i = s.first_token + 1; i + 1 < s.end_token; ++i) {
      std::string_view next = T(i + 1).lower;
      next.remove_suffix(PossessiveBytes(next));  // "the Asad regime's attacks"
      if (next != "regime" || !IsCapWord(i) || (T(i - 1).cap && T(i - 1).lower != "the") ||
          lex_.IsNotName(T(i).s))
        continue;
      bool known = lex_.Place(text::NameKey(T(i).s)) != nullptr || lex_.Nationality(T(i).s) != nullptr;
      bool tagged = false;
      for (const auto& [b, e, hint] : todo) tagged = tagged || (b <= i && i < e && hint != EntityType::kNorp);
      if (!known && !tagged) todo.emplace_back(i, i + 1, EntityType::kPerson);
    }
    // "Syria's al-Haddad" is two mentions: cut spans after an inner possessive; the possessor's type is
    // the gazetteers' (or the tagger's when they do not know it).
    for (size_t t = 0; t < todo.size(); ++t) {
      auto [b, e, hint] = todo[t];
      for (int k = b; k + 1 < e; ++k) {
        if (PossessiveBytes(T(k).s) == 0) continue;
        std::get<1>(todo[t]) = k + 1;
        todo.emplace_back(k + 1, e, hint == EntityType::kPerson ? hint : EntityType::kOther);
        break;
      }
    }
    std::sort(todo.begin(), todo.end());
    for (auto [b, e, hint] : todo) {
      if (!free(b, e)) continue;
      if (hint == EntityType::kNorp) {
        // Of the tagger's miscellaneous names only nationalities and groups are actors: "Syrian",
        // "Bosnian Serbs" (the first word names them).
        if (lex_.Nationality(T(b).s) != nullptr || LooksLikeDemonym(T(b).s)) {
          Cand c = Make(b, e, EntityType::kNorp);
          if (e - b == 1) c.name = NationalityName(T(b).s);
          Emit(c);
          take(b, e);
        }
        continue;
      }
      // Titles right before a tagged name ("President" in "President Karim al-Haddad") belong to it, and a
      // mention right before the titles ("US" in "US President") is a modifier.
      int k = b;
      while (k - 1 >= s.first_token && free(k - 1, k) &&
             ((lex_.IsTitle(AsciiLower(StripDot(T(k - 1).s))) && T(k - 1).cap) ||
              (T(k - 1).s == "." && k - 2 >= s.first_token && free(k - 2, k - 1) &&
               lex_.IsTitle(AsciiLower(T(k - 2).s)))))
        --k;
      if (k < b && k - 1 >= s.first_token && !free(k - 1, k) && !cands_.empty() && cands_.back().te == k &&
          (cands_.back().type == EntityType::kGpe || cands_.back().type == EntityType::kNorp ||
           cands_.back().type == EntityType::kOrg)) {
        cands_.back().modifier = true;
        for (Arg& g : a_.args)
          if (g.te == k) g.modifier = true;
      }
      hint_ = hint;
      ProcessRun(k, e, s);
      hint_ = EntityType::kOther;
      take(k, e);
    }
    // "He praised al-Haddad": a run the tagger missed that ends the name of a person named before is
    // that person's surname.
    for (int i = s.first_token; i < s.end_token;) {
      if (!StartsRun(i, s.end_token)) {
        ++i;
        continue;
      }
      int j = RunEnd(i, s.end_token);
      if (free(i, j) && !(j - i == 1 && lex_.IsNotName(T(i).s))) {
        // (NameKey is costly: keys of person candidates are kept, and only a run whose last word ends one
        // is keyed.)
        for (; person_keys_seen_ < cands_.size(); ++person_keys_seen_)
          if (cands_[person_keys_seen_].type == EntityType::kPerson)
            person_keys_.emplace_back(cands_[person_keys_seen_].tb, text::NameKey(cands_[person_keys_seen_].name));
        std::string_view last = T(j - 1).lower;
        last.remove_suffix(PossessiveBytes(last));
        bool maybe = false;
        for (const auto& [tb, k] : person_keys_) maybe = maybe || (tb < i && EndsWith(k, last));
        std::string key = maybe ? Key(i, j, T(j - 1).e - PossessiveBytes(T(j - 1).s)) : std::string();
        bool surname = false;
        for (const auto& [tb, k] : person_keys_) surname = surname || (!key.empty() && tb < i && EndsWith(k, " " + key));
        if (surname) {
          hint_ = EntityType::kPerson;
          ProcessRun(i, j, s);
          hint_ = EntityType::kOther;
          take(i, j);
        }
      }
      i = j;
    }
  }

  // The tagger often stops at name particles and hyphens ("Jund al-Aqsa" -> "Aqsa", "Ahmed al-Sharaa" ->
  // "Ahmed"): grow the span over "al-X", "X-Y" and a capitalised word before a particle.
  void ExtendOverParticles(const text::Sentence& s, int* b, int* e) const {
    // Never start or end on punctuation (". Burke" after "Mr").
    while (*b < *e && T(*b).kind == text::TokenKind::kPunct) ++*b;
    while (*e > *b && T(*e - 1).kind == text::TokenKind::kPunct) --*e;
    // Nor on a lower-case word ("Sumitomo Mitsui Financial has", "Deluxe Film unit at"); particles
    // belong to names ("al-Haddad") and are handled below.
    auto lower_word = [&](int i) {
      return T(i).kind == text::TokenKind::kWord && !T(i).cap && !IsParticle(T(i).lower) && T(i).lower != "of" &&
             T(i).lower != "the" && T(i).lower != "and" && T(i).lower != "for" && T(i).lower != "de";
    };
    // A name never ends on a connector either ("the Civil Service Pension Scheme, and hoped").
    auto connector = [&](int i) {
      const std::string& w = T(i).lower;
      return !T(i).cap && (w == "of" || w == "the" || w == "and" || w == "for" || w == "de");
    };
    while (*e - 1 > *b && (lower_word(*e - 1) || connector(*e - 1) || T(*e - 1).kind == text::TokenKind::kPunct))
      --*e;
    // A lower-case word after the last capitalised one ends the name there ("Film unit at £300m").
    int last_cap = -1;
    for (int i = *b; i < *e; ++i)
      if (IsCapWord(i)) last_cap = i;
    if (last_cap >= *b) {
      for (int i = last_cap + 1; i < *e; ++i)
        if (lower_word(i)) {
          *e = last_cap + 1;
          break;
        }
    }
    while (*b + 1 < *e && lower_word(*b)) ++*b;
    if (*b >= *e || (*e - *b == 1 && lower_word(*b))) {
      *e = *b;
      return;
    }
    auto hyphen_at = [&](int i) {  // tokens i-1, i ("-"), i+1 written together
      return i - 1 >= s.first_token && i + 1 < s.end_token && T(i).s == "-" && Adjacent(i - 1, i) &&
             Adjacent(i, i + 1);
    };
    while (*b - 2 >= s.first_token && hyphen_at(*b - 1) && (IsParticle(T(*b - 2).lower) || IsCapWord(*b - 2)))
      *b -= 2;
    if (IsParticle(T(*b).lower) && *b - 1 >= s.first_token && IsCapWord(*b - 1) && !lex_.IsTitle(T(*b - 1).lower))
      *b -= 1;
    while (*e + 1 < s.end_token && hyphen_at(*e) && (IsCapWord(*e + 1) || IsParticle(T(*e - 1).lower)))
      *e += 2;
    if (*e + 2 < s.end_token && IsParticle(T(*e).lower) && hyphen_at(*e + 1) && IsCapWord(*e + 2)) *e += 3;
  }

  static bool LooksLikeDemonym(std::string_view w) {
    if (w.size() < 4) return false;
    for (std::string_view suffix : {"ian", "ans", "ese", "ish", "an"})
      if (EndsWith(w, suffix)) return true;
    return false;
  }

  std::string NationalityName(std::string_view word) const {
    std::string name(word);
    if (EndsWith(name, "s") && lex_.Nationality(std::string_view(name).substr(0, name.size() - 1))) name.pop_back();
    return name;
  }

  void Emit(Cand c) {
    if (c.e <= c.b) return;
    if (lex_.IsIgnored(text::NameKey(c.name)) || lex_.IsIgnored(text::NameKey(Surface(c.b, c.e)))) return;
    if (c.user) {
      c.resolve = false;
      c.weak = false;
    }
    if (c.weak) weak_.push_back(c);
    cands_.push_back(std::move(c));
  }

  // Emits a candidate for name tokens [tb, te) with a known type.
  Cand Make(int tb, int te, EntityType type) {
    Cand c;
    c.tb = tb;
    c.te = te;
    c.b = T(tb).b;
    c.e = T(te - 1).e - PossessiveBytes(T(te - 1).s);
    c.type = type;
    std::string key = text::NameKey(a_.text.substr(c.b, c.e - c.b));
    if (const Lexicon::UserActor* user = lex_.UserAlias(key)) {  // the user's word is final
      c.name = user->name;
      if (user->type != EntityType::kOther) c.type = user->type;
      c.user = true;
      return c;
    }
    const PlaceInfo* p = lex_.Place(key);
    // The mention tagger reads context: "Jordan" the player is not Jordan the country.
    // A place before a title is the title's ("US President Donald Trump").
    bool before_title = te < static_cast<int>(a_.toks.size()) && lex_.IsTitle(T(te).lower);
    if (p != nullptr && hint_ == EntityType::kPerson && p->type != EntityType::kOrg && !before_title) p = nullptr;
    // A city the tagger reads as an organisation is a club or a company named after it ("Chicago beat
    // Boston"); a country stays the country.
    if (p != nullptr && hint_ == EntityType::kOrg && p->type != EntityType::kOrg && !p->country) p = nullptr;
    if (p != nullptr) {
      c.name = p->canonical;
      c.type = p->type;
    } else {
      c.name = text::ToNfc(Surface(c.b, c.e));
    }
    return c;
  }

  // "Reserve Bank Governor Anna Lund", "EC Commission President Jan Berg", "Acme Corp Chairman Ted Holm":
  // an organisation's name, a block of title words and a name after them are three things: the
  // organisation (a modifier the person is affiliated with), the person's roles and the person. Applies
  // when the words before the titles name an organisation (an organisation word, an acronym, or the
  // tagger read the whole run as one) and the words after them are name words only (no organisation,
  // title or place word). Returns false, emitting nothing, otherwise.
  bool SplitOrganisationTitlePerson(int i, int j, const text::Sentence& s) {
    int t = j - 1;  // the last title word with a name after it
    while (t > i && !(lex_.IsTitle(AsciiLower(StripDot(T(t).s))) && T(t).cap && !T(t).all_caps)) --t;
    if (t <= i || t + 1 >= j) return false;
    for (int q = t + 1; q < j; ++q) {
      if (T(q).kind != text::TokenKind::kWord) continue;
      if (lex_.IsOrgWord(T(q).s) || lex_.IsTitle(T(q).lower) || lex_.IsLocWord(T(q).s) ||
          lex_.Nationality(T(q).s) != nullptr || (!T(q).cap && !IsParticle(T(q).lower)))
        return false;
    }
    if (lex_.Place(Key(t + 1, j, T(j - 1).e - PossessiveBytes(T(j - 1).s))) != nullptr) return false;
    int t0 = t;  // the first word of the title block
    while (t0 - 1 > i && lex_.IsTitle(AsciiLower(StripDot(T(t0 - 1).s))) && T(t0 - 1).cap) --t0;
    bool org = hint_ == EntityType::kOrg, named = false;
    for (int q = i; q < t0; ++q) {
      org = org || lex_.IsOrgWord(T(q).s) || (T(q).all_caps && T(q).s.size() >= 2);
      named = named || (T(q).kind == text::TokenKind::kWord && !lex_.IsTitle(AsciiLower(StripDot(T(q).s))));
    }
    if (!org || !named) return false;
    const std::string prefix_key = Key(i, t0, T(t0 - 1).e);
    const PlaceInfo* place = lex_.Place(prefix_key);
    // "Syrian Foreign Minister X" is the ordinary titled path; "European Commission President X" is not.
    bool org_word = false;
    for (int q = i; q < t0; ++q) org_word = org_word || lex_.IsOrgWord(T(q).s);
    if (place == nullptr && lex_.Nationality(T(i).s) != nullptr && !org_word) return false;
    const EntityType saved = hint_;
    hint_ = EntityType::kOther;
    Cand affiliation = Make(i, t0, place != nullptr ? place->type : EntityType::kOrg);
    affiliation.modifier = true;
    Emit(std::move(affiliation));
    int name = t + 1;  // "Navy Capt. Jeff Davis": the title's dot is not part of the name
    if (T(name).s == "." && T(name).b == T(t).e && name + 1 < j) ++name;
    Cand c = Make(name, j, EntityType::kPerson);
    c.type = EntityType::kPerson;
    c.roles.push_back(AsciiLower(Surface(T(t0).b, T(t).e)));
    for (int q = t0; q <= t; ++q) {
      if (T(q).kind != text::TokenKind::kWord) continue;
      if (!c.title.empty()) c.title += ' ';
      c.title += StripDot(T(q).s);
    }
    c.titled = true;
    c.resolve = (j - name == 1);
    hint_ = saved;
    EmitWithAcronym(std::move(c), j, s);
    return true;
  }

  void ProcessRun(int i, int j, const text::Sentence& s) {
    int32_t end_byte = T(j - 1).e - PossessiveBytes(T(j - 1).s);
    // "The Hague", "The Gambia": a leading not-name word survives only as part of a known place.
    if (lex_.IsNotName(T(i).s) && !T(i).all_caps && !lex_.IsTitle(T(i).lower) && !Initial(i)) {
      if (lex_.Place(Key(i, j, end_byte)) != nullptr) {
        Emit(Make(i, j, EntityType::kGpe));
        return;
      }
      if (i + 1 >= j) return;
      ++i;
      if (!IsCapWord(i)) return;
    }
    // "Washington, who climbed back": a lone name that "who" follows is a person's surname, even a place's.
    if (j - i == 1 && FollowedByWho(j, s) && !lex_.IsNotName(T(i).s)) {
      hint_ = EntityType::kPerson;
      Cand c = Make(i, j, EntityType::kPerson);
      c.resolve = true;
      EmitWithAcronym(std::move(c), j, s);
      return;
    }
    // Known as a whole.
    std::string whole = Key(i, j, end_byte);
    if (const PlaceInfo* place = lex_.Place(whole)) {
      Cand c = Make(i, j, EntityType::kGpe);
      // "Chicago 11 Toronto 2": the tagger reads a town's name as a club from its context.
      if (hint_ == EntityType::kOrg && place->type == EntityType::kGpe && !place->country &&
          lex_.CountryOfCapital(whole) == nullptr)
        c.type = EntityType::kOrg;
      EmitWithAcronym(c, j, s);
      return;
    }
    if (j - i >= 2 && lex_.IsLocWord(T(j - 1).s)) {  // "Euphrates River", "Golan Heights"
      EmitWithAcronym(Make(i, j, EntityType::kLoc), j, s);
      return;
    }
    if (SplitOrganisationTitlePerson(i, j, s)) return;
    for (int k = i; k < j; ++k) {
      if (lex_.IsOrgWord(T(k).s)) {
        // An organisation; leading titles stay part of it ("Foreign Ministry").
        EmitWithAcronym(Make(i, j, EntityType::kOrg), j, s);
        return;
      }
    }
    // Titles, possibly after a country or nationality: "US President", "Syrian Foreign Minister".
    int k = i;
    Cand person;
    bool titled = false;
    // The tagger's organisations and places keep their words ("Queen of the South", "Emir Sultan Mosque").
    const bool named_thing = hint_ == EntityType::kOrg || hint_ == EntityType::kGpe || hint_ == EntityType::kLoc;
    while (k < j && !named_thing) {
      std::string lower = AsciiLower(StripDot(T(k).s));
      if (T(k).s == "." && titled) {
        ++k;
        continue;
      }
      if (lex_.IsTitle(lower) && !(T(k).all_caps && T(k).s.size() > 3)) {
        person.roles.push_back(lower);
        if (!person.title.empty()) person.title += ' ';
        person.title += StripDot(T(k).s);
        titled = true;
        ++k;
        continue;
      }
      // A modifier: a place or nationality of up to three words followed by a title.
      int m_found = -1;
      for (int m = std::min(j - 1, k + 3); m > k; --m) {
        if (!lex_.IsTitle(AsciiLower(StripDot(T(m).s)))) continue;
        std::string key = Key(k, m, T(m - 1).e);
        if (lex_.Place(key) != nullptr || (m == k + 1 && lex_.Nationality(T(k).s) != nullptr)) {
          m_found = m;
          break;
        }
      }
      if (m_found < 0) break;
      if (lex_.Nationality(T(k).s) != nullptr && m_found == k + 1) {
        Cand norp = Make(k, k + 1, EntityType::kNorp);
        norp.name = std::string(T(k).s);
        norp.modifier = true;
        Emit(norp);
      } else {
        Cand gpe = Make(k, m_found, EntityType::kGpe);
        gpe.modifier = true;
        Emit(gpe);
      }
      person.roles.push_back(AsciiLower(Surface(T(k).b, T(m_found - 1).e)));
      k = m_found;
    }
    if (k >= j) return;  // a bare title ("the President") is a description, resolved later
    if (titled) {
      Cand c = Make(k, j, EntityType::kPerson);
      c.roles = person.roles;
      c.title = person.title;
      c.titled = true;
      if (c.type != EntityType::kPerson) c.titled = false;  // "Foreign Minister of Syria"-like leftovers
      c.resolve = (j - k == 1) && c.type == EntityType::kPerson;
      EmitWithAcronym(std::move(c), j, s);
      return;
    }
    int n = j - k;
    int words = 0;  // name words, not counting particles and hyphens
    for (int q = k; q < j; ++q)
      if (T(q).kind == text::TokenKind::kWord && !IsParticle(T(q).lower)) ++words;
    if (n > 1 && words == 1 && !lex_.Place(whole)) {
      // "al-Haddad", "Al-Haddad": a surname with its particle (or a place: "in Al-Shaddadi").
      bool place = k > s.first_token && IsLocPreposition(T(k - 1).lower);
      EntityType type = hint_ != EntityType::kOther ? hint_ : place ? EntityType::kGpe : EntityType::kPerson;
      Cand c = Make(k, j, type);
      c.resolve = true;  // a person's surname when a full name ends with it, whatever the guess
      c.weak = hint_ == EntityType::kOther;
      EmitWithAcronym(std::move(c), j, s);
      return;
    }
    if (n == 1) {
      const Tok& t = T(k);
      if (const std::string* country = lex_.Nationality(t.s)) {
        (void)country;
        Cand c = Make(k, j, EntityType::kNorp);
        c.name = std::string(t.s);
        if (EndsWith(c.name, "s") && lex_.Nationality(std::string_view(c.name).substr(0, c.name.size() - 1)))
          c.name.pop_back();
        Emit(c);
        return;
      }
      if (hint_ != EntityType::kOther) {
        // The mention tagger decided; a person's lone name may still be a surname of a full name.
        Cand c = Make(k, j, hint_);
        c.resolve = lex_.Place(text::NameKey(c.name)) == nullptr || hint_ == EntityType::kPerson;
        EmitWithAcronym(std::move(c), j, s);
        return;
      }
      if (t.all_caps && t.s.size() >= 2 && t.s.size() <= 6) {
        // "ID cards", "TV channels": an abbreviation before a common noun names a thing, not an actor.
        if (j < s.end_token && T(j).kind == text::TokenKind::kWord && !T(j).cap &&
            T(j).pos == static_cast<uint8_t>(Upos::kNoun) && !lex_.IsGroupNoun(T(j).lower) &&
            !lex_.IsTitle(T(j).lower))
          return;
        EmitWithAcronym(Make(k, j, EntityType::kOrg), j, s);
        return;
      }
      // A sentence-initial word the document also uses in lower case is an ordinary word.
      if (k == s.first_token && (lower_vocab_.count(t.lower) || lex_.Verb(t.lower) != nullptr)) return;
      if (lex_.IsNotName(t.s) || lex_.IsTitle(t.lower)) return;
      Cand c = Make(k, j, EntityType::kOther);
      c.resolve = true;
      c.weak = true;
      if (lex_.IsFirstName(t.s)) c.type = EntityType::kPerson;
      if (k > s.first_token && IsLocPreposition(T(k - 1).lower)) c.type = EntityType::kGpe;
      EmitWithAcronym(std::move(c), j, s);
      return;
    }
    // Two words or more: a person, unless the first is a nationality ("Syrian Kurds") or the words are
    // capitalised only because the sentence starts there.
    if (lex_.Nationality(T(k).s) != nullptr && hint_ == EntityType::kOther) {
      Cand c = Make(k, j, EntityType::kNorp);
      Emit(c);
      return;
    }
    // "Envoy for Syria Ingrid Halvorsen": a known place glued to a following name.
    for (int m = std::min(j - 2, k + 3); m > k && !named_thing; --m) {
      if (lex_.Place(Key(k, m, T(m - 1).e)) == nullptr) continue;
      if (!lex_.IsFirstName(T(m).s) && j - m < 2) break;
      Cand place = Make(k, m, EntityType::kGpe);
      place.modifier = true;
      Emit(place);
      Cand person = Make(m, j, EntityType::kPerson);
      person.type = EntityType::kPerson;
      EmitWithAcronym(std::move(person), j, s);
      return;
    }
    // "in Tal Abyad": after a locative preposition, an unknown name is a place unless it starts with a
    // given name.
    bool place = k > s.first_token && IsLocPreposition(T(k - 1).lower) && !lex_.IsFirstName(T(k).s);
    EntityType type = hint_ != EntityType::kOther ? hint_ : place ? EntityType::kGpe : EntityType::kPerson;
    Cand c = Make(k, j, type);
    c.weak = hint_ == EntityType::kOther && !lex_.IsFirstName(T(k).s);
    EmitWithAcronym(std::move(c), j, s);
  }

  // Emits c; when "(ACRONYM)" follows, records it as an alias of the same entity.
  // Whether `acronym` can abbreviate `name`: its first letter starts the name and its letters appear in
  // order among the initials of the name's words ("OSCE" for "Organisation for Security and Co-operation
  // in Europe" is cut off by the run, "EDF" for "Euphrates Democratic Forces").
  static bool Abbreviates(std::string_view acronym, const std::string& name) {
    std::string key = text::NameKey(name);
    std::string initials;
    for (const std::string& w : Split(key, ' '))
      if (!w.empty()) initials += w[0];
    std::string acr = AsciiLower(acronym);
    if (acr.empty() || initials.empty() || acr[0] != initials[0]) return false;
    size_t k = 0;
    for (char c : initials)
      if (k < acr.size() && c == acr[k]) ++k;
    return k == acr.size() || (k + 1 >= acr.size() && acr.size() >= 3);
  }

  void EmitWithAcronym(Cand c, int j, const text::Sentence& s) {
    if (j + 2 < s.end_token && T(j).s == "(" && T(j + 1).all_caps && T(j + 2).s == ")" &&
        c.type != EntityType::kPerson && Abbreviates(T(j + 1).s, c.name)) {
      c.acronym = std::string(T(j + 1).s);
      Cand acr = Make(j + 1, j + 2, c.type);
      acr.name = c.name;  // same entity
      Emit(std::move(c));
      Emit(std::move(acr));
      return;
    }
    Emit(std::move(c));
  }

  int AddEntity(const std::string& name, EntityType type, const std::string& key) {
    EntityBuild e;
    e.name = name;
    e.key = key;
    e.type = type;
    e.key_tokens = Split(key, ' ');
    a_.entities.push_back(std::move(e));
    int id = static_cast<int>(a_.entities.size()) - 1;
    a_.by_key[key] = id;
    return id;
  }

  void AddMention(int entity, const Cand& c) {
    EntityBuild& e = a_.entities[entity];
    e.spans.emplace_back(c.b, c.e);
    // Mentions under the entity's own name vote for its type (sure types count double).
    if (c.type != EntityType::kOther && text::NameKey(c.name) == e.key) {
      if (votes_.size() < a_.entities.size()) votes_.resize(a_.entities.size());
      votes_[entity][static_cast<int>(c.type)] += c.weak ? 1 : 2;
    }
    for (const auto& r : c.roles)
      if (std::find(e.roles.begin(), e.roles.end(), r) == e.roles.end()) e.roles.push_back(r);
    if (e.title.empty() && !c.title.empty() && e.type == EntityType::kPerson) e.title = c.title;
    a_.args.push_back(Arg{entity, c.tb, c.te, false, c.modifier});
  }

  // A person whose name ends with the words of `key` ("haddad" ends "karim al haddad"), the one mentioned
  // nearest before token `tb` (else the first after), or -1. When no name ends so, a lone word matches
  // the person whose surname has the same transliteration-folded key ("Al-Khatib", "Alkhatib" after
  // "Hadi Al-Khateeb"; "Qasabjio" after "Leyla Qasabjiou"), by the same nearest-mention rule.
  // A word the tagger reads as a place or organisation (`not_person_reading`) is the surname only of a
  // person named with a given name or a title ("Al-Sharaa" after "President Ahmed al-Shara'a"), not of a
  // guessed one ("Chechnya" after the headline "Yeltsin endorses Lebed Chechnya peace plan").
  int SurnameMatch(const std::string& key, int tb, bool not_person_reading) const {
    std::vector<std::string> words = Split(key, ' ');
    if (!words.empty() && (words[0] == "al" || words[0] == "el")) words.erase(words.begin());
    if (words.empty()) return -1;
    auto named_person = [&](const EntityBuild& e, size_t min_words) {
      if (e.type != EntityType::kPerson || e.key_tokens.size() <= min_words) return false;
      return !not_person_reading || !e.roles.empty() ||
             lex_.IsFirstName(std::string_view(e.name).substr(0, e.name.find(' ')));
    };
    int id = NearestEntity(tb, [&](const EntityBuild& e) {
      return named_person(e, words.size()) && std::equal(words.rbegin(), words.rend(), e.key_tokens.rbegin());
    });
    if (id >= 0 || words.size() != 1) return id;
    const std::string folded = text::FoldedSurnameKey(words[0]);
    if (folded.size() < 3) return -1;
    return NearestEntity(
        tb, [&](const EntityBuild& e) { return named_person(e, 1) && FoldedSurname(e) == folded; });
  }

  // text::FoldedSurnameKey of an entity's name, computed once per entity.
  const std::string& FoldedSurname(const EntityBuild& e) const {
    size_t id = static_cast<size_t>(&e - a_.entities.data());
    if (folded_surnames_.size() < a_.entities.size()) folded_surnames_.resize(a_.entities.size());
    if (!folded_surnames_[id]) folded_surnames_[id] = text::FoldedSurnameKey(e.name);
    return *folded_surnames_[id];
  }

  // Of the entities that `fits` (and that the user's alias file does not keep apart), the one with a name
  // mention nearest before token `tb`, else the first after it; -1 if none.
  template <typename Fits>
  int NearestEntity(int tb, Fits&& fits) const {
    int best = -1;
    int32_t best_dist = INT32_MAX;
    for (size_t id = 0; id < a_.entities.size(); ++id) {
      const EntityBuild& e = a_.entities[id];
      if (lex_.IsKeptApart(e.key) || !fits(e)) continue;
      for (const auto& [b, en] : e.spans) {
        int32_t d = b <= T(tb).b ? T(tb).b - b : (b - T(tb).b) + (1 << 28);
        if (d < best_dist) {
          best_dist = d;
          best = static_cast<int>(id);
        }
      }
    }
    return best;
  }

  // "Magna" after "Magna International Inc": the organisation whose name of two words or more starts with
  // the lone word `key`, the one mentioned nearest before token `tb` (else the first after), or -1.
  int OrgPrefixMatch(const std::string& key, int tb) const {
    if (key.find(' ') != std::string::npos) return -1;
    return NearestEntity(tb, [&](const EntityBuild& e) {
      return e.type == EntityType::kOrg && e.key_tokens.size() >= 2 && e.key_tokens[0] == key;
    });
  }

  void BuildEntities() {
    // Full names first, so that lone words can attach to them wherever they stand.
    // Acronyms defined anywhere in the text apply everywhere, also before their definition (headlines).
    for (const Cand& c : cands_) {
      if (c.acronym.empty() || c.resolve) continue;
      std::string key = text::NameKey(c.name);
      if (key.empty() || a_.by_key.count(key)) continue;
      int id = AddEntity(c.name, c.type, key);
      a_.by_key.emplace(text::NameKey(c.acronym), id);
    }
    // An acronym used without a definition is the organisation of the document whose initials it spells
    // ("EDF" for "Euphrates Democratic Forces"), when exactly one does.
    std::unordered_map<std::string, std::string> initials;  // acronym key -> full-name key ("" if ambiguous)
    for (const Cand& c : cands_) {
      if (c.type != EntityType::kOrg || c.resolve) continue;
      std::string key = text::NameKey(c.name), acr;
      for (const std::string& w : Split(key, ' '))
        if (!w.empty() && w != "of" && w != "the" && w != "and" && w != "for" && w != "al") acr += w[0];
      if (acr.size() < 2 || acr == key) continue;
      auto [it, inserted] = initials.emplace(acr, key);
      if (!inserted && it->second != key) it->second.clear();
    }
    for (const Cand& c : cands_) {
      std::string key = text::NameKey(c.name);
      auto it = initials.find(key);
      if (it == initials.end() || it->second.empty() || a_.by_key.count(key)) continue;
      const Cand* full = nullptr;
      for (const Cand& f : cands_)
        if (text::NameKey(f.name) == it->second) full = &f;
      auto known = a_.by_key.find(it->second);
      int id = known != a_.by_key.end() ? known->second : AddEntity(full->name, full->type, it->second);
      a_.by_key.emplace(key, id);
    }
    cand_entity_.assign(cands_.size(), -1);
    std::vector<size_t> later;
    for (size_t ci = 0; ci < cands_.size(); ++ci) {
      const Cand& c = cands_[ci];
      if (c.resolve || !c.collective.empty()) {
        later.push_back(ci);
        continue;
      }
      std::string key = text::NameKey(c.name);
      if (key.empty()) continue;
      // A town's name the tagger reads as an organisation in context is another actor: "Chicago 11
      // Toronto 2" are clubs, not cities. Countries and capitals stay one actor ("Damascus said").
      if (c.type == EntityType::kOrg && !c.weak) {
        const PlaceInfo* place = lex_.Place(key);
        if (place != nullptr && !place->country && lex_.CountryOfCapital(key) == nullptr) key += " (org)";
      }
      auto it = a_.by_key.find(key);
      int id = it != a_.by_key.end() ? it->second : AddEntity(c.name, c.type, key);
      AddMention(id, c);
      cand_entity_[ci] = id;
      if (!c.acronym.empty()) a_.by_key.emplace(text::NameKey(c.acronym), id);
    }
    for (size_t ci : later) {
      const Cand& c = cands_[ci];
      std::string key = text::NameKey(c.name);
      if (key.empty()) continue;
      auto it = a_.by_key.find(key);
      int id = -1;
      if (!c.collective.empty()) {
        // The named organisation whose name has the word ("Global Counter-Terrorism Coalition"), if any.
        for (size_t e = 0; e < a_.entities.size(); ++e)
          if (a_.entities[e].type == EntityType::kOrg && !a_.entities[e].spans.empty() &&
              std::find(a_.entities[e].key_tokens.begin(), a_.entities[e].key_tokens.end(), c.collective) !=
                  a_.entities[e].key_tokens.end() &&
              a_.entities[e].key != key)
            id = static_cast<int>(e);
        if (id < 0) id = it != a_.by_key.end() ? it->second : AddEntity(c.name, c.type, key);
      } else if (it != a_.by_key.end() && c.type == EntityType::kPerson &&
                 a_.entities[it->second].type != EntityType::kPerson &&
                 (id = SurnameMatch(key, c.tb, false)) >= 0) {
        // "Washington" the tennis player after "MaliVai Washington": a word the tagger reads as a person
        // and that ends a person's name is that person, even when a place has the same name.
      } else if (it != a_.by_key.end()) {
        id = it->second;
      } else if ((c.type != EntityType::kGpe && c.type != EntityType::kLoc &&
                  (id = OrgPrefixMatch(key, c.tb)) >= 0)) {
        // (a short form of an organisation named in full)
      } else if ((id = SurnameMatch(key, c.tb, c.type == EntityType::kGpe || c.type == EntityType::kLoc ||
                                                   c.type == EntityType::kOrg)) < 0) {
        id = AddEntity(c.name, c.type == EntityType::kOther && c.titled ? EntityType::kPerson : c.type, key);
      }
      if (a_.entities[id].type == EntityType::kOther && c.type != EntityType::kOther)
        a_.entities[id].type = c.type;
      AddMention(id, c);
      cand_entity_[ci] = id;
    }
  }

  // ", a jihadist group", ", the EDF commander", ", a town in ...": an apposition right after a name whose
  // type was a guess decides it.
  // "Jund al-Badiya, a jihadist group,": what an apposition calls an organisation is kept with its roles,
  // for "the group" later.
  void DescribedOrganisations() {
    static const std::unordered_set<std::string_view> kHeads = {"group", "militia", "movement", "faction",
                                                                "organisation", "organization", "outfit"};
    for (const Arg& g : a_.args) {
      if (g.pronoun || g.entity < 0 || a_.entities[g.entity].type != EntityType::kOrg) continue;
      int i = g.te;
      if (i + 1 >= static_cast<int>(a_.toks.size()) || T(i).s != ",") continue;
      if (T(i + 1).lower != "a" && T(i + 1).lower != "an" && T(i + 1).lower != "the") continue;
      for (int k = i + 2; k < static_cast<int>(a_.toks.size()) && k <= i + 6; ++k) {
        if (T(k).kind != text::TokenKind::kWord) break;
        if (!kHeads.count(T(k).lower)) continue;
        std::vector<std::string>& roles = a_.entities[g.entity].roles;
        if (std::find(roles.begin(), roles.end(), T(k).lower) == roles.end()) roles.push_back(T(k).lower);
        break;
      }
    }
  }

  void TypeFromAppositions() {
    static const std::unordered_set<std::string_view> kOrgHeads = {
        "group", "groups", "organisation", "organization", "militia", "movement", "party", "faction",
        "coalition", "alliance", "company", "firm", "agency", "network", "force", "forces", "army",
        "front", "outfit", "bloc", "union", "newspaper", "broadcaster", "ministry", "council", "body"};
    static const std::unordered_set<std::string_view> kPlaceHeads = {
        "city", "town", "village", "province", "region", "district", "country", "capital", "area",
        "camp", "suburb", "neighbourhood", "neighborhood", "governorate", "state", "port", "island"};
    static const std::unordered_set<std::string_view> kPersonHeads = {
        "president", "minister", "leader", "commander", "envoy", "spokesman", "spokeswoman", "official",
        "chief", "head", "ambassador", "general", "director", "founder", "analyst", "researcher", "king",
        "secretary", "coordinator", "senator", "adviser", "advisor", "mayor", "governor", "emir"};
    for (const Cand& c : weak_) {
      int i = c.te;
      if (i + 1 >= static_cast<int>(a_.toks.size()) || T(i).s != ",") continue;
      const std::string& det = T(i + 1).lower;
      if (det != "a" && det != "an" && det != "the") continue;
      EntityType found = EntityType::kOther;
      for (int k = i + 2; k < static_cast<int>(a_.toks.size()) && k <= i + 6; ++k) {
        const std::string& w = T(k).lower;
        if (T(k).kind != text::TokenKind::kWord) break;
        if (kOrgHeads.count(w)) found = EntityType::kOrg;
        else if (kPlaceHeads.count(w)) found = EntityType::kGpe;
        else if (kPersonHeads.count(w)) found = EntityType::kPerson;
        else continue;
        break;
      }
      auto it = a_.by_key.find(text::NameKey(c.name));
      if (found != EntityType::kOther && it != a_.by_key.end()) a_.entities[it->second].type = found;
    }
  }

  // "the international coalition", "the US-led coalition": a coalition acts like an organisation even
  // unnamed. It is the document's named coalition when there is one (resolved in BuildEntities), else an
  // actor named by its modifiers ("international coalition").
  void FindCollectiveActors() {
    static const std::unordered_set<std::string_view> kModifiers = {
        "international", "global", "western", "arab", "military", "multinational", "broad", "anti", "isis",
        "isil", "us", "u.s.", "saudi", "nato", "led", "-", "american", "russian", "turkish", "french"};
    const int n = static_cast<int>(a_.toks.size());
    for (int i = 1; i < n; ++i) {
      if (T(i).lower != "coalition") continue;
      if (T(i).cap && !(i > 0 && T(i - 1).lower == "the") && i != a_.sentences[T(i).sentence].first_token) continue;
      int b = i;
      while (b - 1 >= 0 && T(b - 1).sentence == T(i).sentence && kModifiers.count(T(b - 1).lower)) --b;
      // "the coalition", "the US-led coalition", or "coalition forces / air strikes / partners".
      bool acting_noun = i + 1 < n && T(i + 1).sentence == T(i).sentence &&
                         (lex_.IsGroupNoun(T(i + 1).lower) || IsInstrument(T(i + 1).lower) ||
                          T(i + 1).lower == "air" || T(i + 1).lower == "military" ||
                          T(i + 1).lower == "operations" || T(i + 1).lower == "aircraft");
      if (!(b - 1 >= 0 && T(b - 1).lower == "the") && !acting_noun) continue;
      if (b < i + 1 && b > 0 && i + 1 < n && T(b - 1).lower != "the" && T(i + 1).lower == "of") continue;
      while (b < i && T(b).s == "-") ++b;
      Cand c;
      c.tb = b;
      c.te = i + 1;
      c.b = T(b).b;
      c.e = T(i).e;
      c.type = EntityType::kOrg;
      c.name = Surface(c.b, c.e);
      c.collective = "coalition";
      cands_.push_back(std::move(c));
    }
  }

  // Unnamed collective actors: a noun phrase headed by a group noun ("militants", "Shia paramilitary
  // groups", "60 civilians", "government forces"), its modifiers included, determiners and numbers left
  // out of the name. A phrase right after a name belongs to that name ("IS fighters", "Kurdish fighters",
  // "Assad's forces") and makes no group.
  void FindGroups() {
    const int n = static_cast<int>(a_.toks.size());
    // "the Syrian army", "Iraqi police", "the Turkish air force": a nationality and a state institution
    // name one organisation.
    for (Cand& c : cands_) {
      if (c.type != EntityType::kNorp || c.te >= n || T(c.te).sentence != T(c.tb).sentence) continue;
      const std::string& w = T(c.te).lower;
      int end = -1;
      if (w == "army" || w == "navy" || w == "military" || w == "police" || w == "parliament" || w == "judiciary")
        end = c.te + 1;
      else if ((w == "air" || w == "armed") && c.te + 1 < n && T(c.te + 1).lower.rfind("force", 0) == 0)
        end = c.te + 2;
      if (end < 0 || T(end - 1).cap) continue;
      c.te = end;
      c.e = T(end - 1).e;
      c.type = EntityType::kOrg;
      c.name = Surface(c.b, c.e);
      c.modifier = false;
    }
    std::vector<char> covered(n, 0);
    for (const Cand& c : cands_)
      for (int t = c.tb; t < c.te && t < n; ++t) covered[t] = 1;
    auto is = [&](int i, Upos p) { return T(i).pos == static_cast<uint8_t>(p); };
    for (int i = 0; i < n; ++i) {
      const Tok& t = T(i);
      if (t.kind != text::TokenKind::kWord || covered[i] || !lex_.IsGroupNoun(t.lower)) continue;
      const text::Sentence& s = a_.sentences[t.sentence];
      if (t.cap && i != s.first_token) continue;  // "Syrian Democratic Forces" is a name
      // The head ends the noun phrase: "forces commander", "civilians' homes" are not the group ("rebels of
      // the north" is).
      static const std::unordered_set<std::string_view> kTime = {"today", "yesterday", "tomorrow", "tonight",
                                                                 "now", "overnight", "recently"};
      if (i + 1 < s.end_token && T(i + 1).kind == text::TokenKind::kWord && !T(i + 1).cap &&
          is(i + 1, Upos::kNoun) && !lex_.IsGroupNoun(T(i + 1).lower) &&
          !kTime.count(T(i + 1).lower) && lex_.Verb(T(i + 1).lower) == nullptr)
        continue;
      if (PossessiveBytes(t.s) != 0) continue;
      // "both men", "the two leaders": a reference to two actors named before (ResolveReferences).
      if (i > 0 && (T(i - 1).lower == "both" || (T(i - 1).lower == "two" && i > 1 && T(i - 2).lower == "the")))
        continue;
      // "leaders of the Syrian Future Council", "fighters of the EDF": the named actor is the one meant.
      if (i + 1 < s.end_token && T(i + 1).lower == "of") {
        int k = i + 2;
        while (k < s.end_token && (IsDeterminer(T(k).lower) || IsQuantifier(T(k).lower))) ++k;
        bool named = false;
        for (const Cand& c : cands_) named = named || (c.tb == k && c.type != EntityType::kGroup);
        if (named) continue;
      }
      int b = i;
      while (b - 1 >= s.first_token && !covered[b - 1]) {
        const Tok& m = T(b - 1);
        static const std::unordered_set<std::string_view> kParticiples = {
            "armed", "allied", "led", "backed", "trained", "displaced", "wounded", "injured", "besieged",
            "trapped", "detained", "kidnapped", "fleeing", "fighting", "ruling", "governing", "foreign"};
        bool word = m.kind == text::TokenKind::kWord && (!m.cap || b - 1 == s.first_token) &&
                    PossessiveBytes(m.s) == 0 &&
                    (is(b - 1, Upos::kAdj) || is(b - 1, Upos::kNoun) || is(b - 1, Upos::kNum) ||
                     kParticiples.count(m.lower)) &&
                    lex_.Verb(m.lower) == nullptr;
        bool number = m.kind == text::TokenKind::kNumber;
        bool hyphen = m.s == "-" && b - 2 >= s.first_token && Adjacent(b - 2, b - 1) && Adjacent(b - 1, b);
        if (!(word || number || hyphen) || (IsDeterminer(m.lower) || IsQuantifier(m.lower))) break;
        --b;
      }
      if (b - 1 >= s.first_token && covered[b - 1]) {
        // "IS fighters", "Palestinian police", "pro-Assad forces": the name's argument covers the phrase.
        if (b < i || T(b - 1).e <= T(i).b) group_tails_.emplace_back(b, i + 1);
        continue;
      }
      if (b < i && T(b).s == "-") ++b;
      // A number opens the noun phrase: "shot dead three women".
      for (int k = b; k < i; ++k)
        if (T(k).kind == text::TokenKind::kNumber || is(k, Upos::kNum)) {
          b = k;
          break;
        }
      if (b > s.first_token && (T(b).lower == "least" || T(b).lower == "most") && T(b - 1).lower == "at") --b;
      // The name leaves out leading numbers and quantities ("at least 35 more innocent civilians").
      int nb = b;
      while (nb < i && (T(nb).kind == text::TokenKind::kNumber || is(nb, Upos::kNum) || IsQuantity(T(nb).lower) ||
                        T(nb).lower == "at"))
        ++nb;
      Cand c;
      c.tb = b;
      c.te = i + 1;
      c.b = T(b).b;
      c.e = t.e;
      c.type = EntityType::kGroup;
      c.name = AsciiLower(Surface(T(nb).b, t.e));
      cands_.push_back(std::move(c));
      for (int k = b; k <= i; ++k) covered[k] = 1;
    }
  }

  // Means of attack that stand for their user as a subject ("three strikes destroyed", "a coalition
  // airstrike killed").
  static bool IsInstrument(std::string_view w) {
    return w == "strike" || w == "strikes" || w == "airstrike" || w == "airstrikes" || w == "air-strikes" ||
           w == "jet" || w == "jets" || w == "warplane" || w == "warplanes" || w == "aircraft" || w == "drone" ||
           w == "drones" || w == "bombers" || w == "helicopters" || w == "gunships" || w == "artillery";
  }

  // A verb form that reports speech: its subject is the speaker of a quotation or of "it"/"we" after it.
  static bool IsSaid(std::string_view w) {
    static const std::unordered_set<std::string_view> k = {
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "wrote", "writes",
        "warned", "warns", "insisted", "explained", "noted", "continued", "declared", "announced", "announces",
        "asked", "commented", "claimed", "claims", "vowed", "vows", "threatened", "threatens", "pledged",
        "pledges", "promised"};
    return k.count(w) > 0;
  }

  static bool IsQuantity(std::string_view w) {
    return w == "more" || w == "least" || w == "dozens" || w == "hundreds" || w == "thousands" || w == "few" ||
           w == "over" || w == "about" || w == "nearly" || w == "almost" || w == "some" || w == "estimated";
  }

  // "the Syrian government", "the Iraqi authorities": as relation arguments these are the country, when the
  // document names it. The mention itself stays the nationality.
  void FoldGovernments() {
    static const std::unordered_set<std::string_view> kHeads = {"government", "authorities", "regime",
                                                                "administration", "cabinet", "leadership"};
    for (Arg& g : a_.args) {
      if (g.pronoun || g.entity < 0 || a_.entities[g.entity].type != EntityType::kNorp) continue;
      if (g.te >= static_cast<int>(a_.toks.size()) || !kHeads.count(T(g.te).lower)) continue;
      const std::string* country = lex_.Nationality(a_.entities[g.entity].name);
      auto it = country ? a_.by_key.find(text::NameKey(*country)) : a_.by_key.end();
      if (it == a_.by_key.end()) continue;
      g.entity = it->second;
      g.te += 1;  // the argument covers "Syrian government"
      g.pronoun = true;  // not a name mention of the country
    }
  }

  // A modifier before a title belongs to the person after it ("US President Donald Trump": affiliated
  // with the United States); a nationality points to its country when the document names that country.
  void FindLinks() {
    for (size_t ci = 0; ci + 1 < cands_.size(); ++ci) {
      const Cand& m = cands_[ci];
      if (!m.modifier || cand_entity_[ci] < 0) continue;
      const Cand& p = cands_[ci + 1];
      if (cand_entity_[ci + 1] < 0 || p.tb < m.te || p.tb > m.te + 5 || T(p.tb).sentence != T(m.tb).sentence) continue;
      int person = cand_entity_[ci + 1], group = cand_entity_[ci];
      if (a_.entities[person].type != EntityType::kPerson || person == group) continue;
      if (a_.entities[group].type == EntityType::kNorp) {
        // "Syrian President X": affiliated with Syria when the country is an actor of the document.
        const std::string* country = lex_.Nationality(a_.entities[group].name);
        auto it = country ? a_.by_key.find(text::NameKey(*country)) : a_.by_key.end();
        if (it == a_.by_key.end()) continue;
        group = it->second;
      }
      a_.links.push_back({person, group, m.tb, "affiliated_with"});
    }
    for (size_t id = 0; id < a_.entities.size(); ++id) {
      const EntityBuild& e = a_.entities[id];
      if (e.type != EntityType::kNorp || e.spans.empty()) continue;
      const std::string* country = lex_.Nationality(e.name);
      if (country == nullptr) continue;
      auto it = a_.by_key.find(text::NameKey(*country));
      if (it == a_.by_key.end() || it->second == static_cast<int>(id)) continue;
      for (const Arg& g : a_.args)
        if (g.entity == static_cast<int>(id) && !g.pronoun) {
          a_.links.push_back({static_cast<int>(id), it->second, g.tb, "nationality_of"});
          break;
        }
    }
  }

  // Pronouns and definite descriptions become arguments (not mentions) of the most recent fitting actor
  // in the same or the previous two sentences.
  void ResolveReferences() {
    std::vector<Arg> names = a_.args;
    std::sort(names.begin(), names.end(), [](const Arg& x, const Arg& y) { return x.tb < y.tb; });
    auto most_recent = [&](int tb, auto&& fits) -> int {
      int sentence = T(tb).sentence;
      for (auto it = names.rbegin(); it != names.rend(); ++it) {
        if (it->tb >= tb) continue;
        if (T(it->tb).sentence < sentence - 2) break;
        if (fits(a_.entities[it->entity])) return it->entity;
      }
      return -1;
    };
    const int n = static_cast<int>(a_.toks.size());
    std::vector<char> in_quote = QuotedTokens();
    std::vector<char> in_arg(n, 0);
    for (const Arg& g : names)
      for (int k = g.tb; k < g.te && k < n; ++k) in_arg[k] = 1;
    int attacker = -1;  // the actor whose strikes the text reports last ("coalition air strikes")
    for (int i = 0; i < n; ++i) {
      const Tok& t = T(i);
      if (t.kind != text::TokenKind::kWord) continue;
      if (t.lower == "he" || t.lower == "she" || t.lower == "him" || t.lower == "his" || t.lower == "her") {
        // A subject "he" is not a person the same clause names after it ("He praised al-Haddad"), and at
        // the start of a sentence it continues the previous sentence's subject ("Kaya met al-Haddad. He
        // praised ...").
        std::vector<int> named_after;
        if (t.lower == "he" || t.lower == "she")
          for (const Arg& g : names)
            if (g.tb > i && g.tb <= i + 10 && T(g.tb).sentence == t.sentence && !g.pronoun) named_after.push_back(g.entity);
        const int want = t.lower == "she" || t.lower == "her" ? kFemale : kMale;
        auto fits = [&](const EntityBuild& e) {
          if (e.type != EntityType::kPerson) return false;
          int gender = GenderOf(e);
          if (gender != kUnknownGender && gender != want) return false;
          for (int x : named_after)
            if (&a_.entities[x] == &e) return false;
          return true;
        };
        int id = -1;
        bool starts = i == a_.sentences[t.sentence].first_token ||
                      (i == a_.sentences[t.sentence].first_token + 1 && T(i - 1).kind == text::TokenKind::kPunct);
        if ((t.lower == "he" || t.lower == "she") && starts && t.sentence > 0)
          id = SentenceSubject(t.sentence - 1, names, fits);
        // Women are named as such more often than men: "she" prefers a woman the text names to a person
        // of unknown gender.
        if (id < 0 && want == kFemale)
          id = most_recent(i, [&](const EntityBuild& e) { return fits(e) && GenderOf(e) == kFemale; });
        if (id < 0) id = most_recent(i, fits);
        if (id >= 0) {
          a_.args.push_back(Arg{id, i, i + 1, true});
          // A chain: "She ... Mr Haddad praised her" finds the person through "She".
          Arg chained{id, i, i + 1, true};
          names.insert(std::upper_bound(names.begin(), names.end(), chained,
                                        [](const Arg& x, const Arg& y) { return x.tb < y.tb; }),
                       chained);
        }
        continue;
      }
      // "we", "I", "our" inside a quotation: the speaker the quotation is attributed to.
      if (in_quote[i] && (t.s == "I" || t.lower == "me" || t.lower == "my" || t.lower == "we" || t.lower == "us" ||
                          t.lower == "our")) {
        int id = QuoteSpeaker(i, names, in_quote);
        if (id >= 0) a_.args.push_back(Arg{id, i, i + 1, true});
        continue;
      }
      // "Russia said it would ...", "the rebels announced that they ...": the speaker.
      if (t.lower == "it" || t.lower == "they" || t.lower == "we") {
        int v = i - 1;
        if (v >= 0 && T(v).lower == "that") --v;
        static const std::unordered_set<std::string_view> kFiller = {"today", "yesterday", "tonight", "earlier",
                                                                     "later", "again", "also", "on", "monday",
                                                                     "tuesday", "wednesday", "thursday",
                                                                     "friday", "saturday", "sunday"};
        while (v >= 1 && kFiller.count(T(v).lower)) --v;
        if (v >= 1 && IsSaid(T(v).lower)) {
          int id = -1;
          for (const Arg& g : names) {
            // "Hungary has said it will", "Nigeria today announced that it will"
            int k = g.te;
            while (k < v && (T(k).pos == static_cast<uint8_t>(Upos::kAux) || kFiller.count(T(k).lower))) ++k;
            if (k == v && g.te <= v && !g.modifier && a_.entities[g.entity].type != EntityType::kPerson)
              id = g.entity;
          }
          if (id >= 0) {
            a_.args.push_back(Arg{id, i, i + 1, true});
            continue;
          }
        }
      }
      // "the two leaders", "both men", "both countries": the two most recent actors of that kind, one
      // argument each over the same words.
      if ((t.lower == "two" && i > 0 && T(i - 1).lower == "the") || t.lower == "both") {
        static const std::unordered_set<std::string_view> kPeople = {"leaders", "men", "women", "presidents",
                                                                     "ministers", "officials", "envoys", "heads"};
        static const std::unordered_set<std::string_view> kStates = {"countries", "sides", "governments",
                                                                     "parties", "states", "nations", "groups"};
        int h = i + 1;
        if (h < n && T(h).sentence == t.sentence && (kPeople.count(T(h).lower) || kStates.count(T(h).lower))) {
          bool people = kPeople.count(T(h).lower) > 0;
          std::vector<int> found;
          for (auto it = names.rbegin(); it != names.rend() && found.size() < 2; ++it) {
            // Earlier sentences only: "Burke praised both men" is not Burke and one other.
            if (T(it->tb).sentence >= t.sentence || it->modifier || T(it->tb).sentence < t.sentence - 3) continue;
            EntityType type = a_.entities[it->entity].type;
            // "both parties" are organisations, "both countries" states; "both sides" may be either.
            const std::string& head = T(h).lower;
            bool parties = head == "parties", states = head == "countries" || head == "states" || head == "nations";
            bool fits = people    ? type == EntityType::kPerson
                        : parties ? type == EntityType::kOrg
                        : states  ? type == EntityType::kGpe
                                  : (type == EntityType::kGpe || type == EntityType::kOrg || type == EntityType::kGroup);
            if (fits && std::find(found.begin(), found.end(), it->entity) == found.end()) found.push_back(it->entity);
          }
          if (found.size() == 2) {
            int b = t.lower == "two" ? i - 1 : i;
            for (int id : found) a_.args.push_back(Arg{id, b, h + 1, true});
            i = h;
            continue;
          }
        }
      }
      // "they", "their": the most recent group or organisation.
      if (t.lower == "they" || t.lower == "them" || t.lower == "their") {
        // The subject of the sentence when it is a collective ("Iraqi forces seized the university in their
        // battle"), else the most recent group or organisation.
        int id = -1;
        for (const Arg& g : names) {
          if (g.tb >= i || T(g.tb).sentence != t.sentence || g.modifier) continue;
          EntityType type = a_.entities[g.entity].type;
          if (type == EntityType::kGroup || type == EntityType::kOrg || type == EntityType::kNorp)
            id = g.entity;  // a country is "it"
          break;
        }
        if (id < 0)
          id = most_recent(i, [](const EntityBuild& e) {
            return e.type == EntityType::kGroup || e.type == EntityType::kOrg;
          });
        if (id >= 0) a_.args.push_back(Arg{id, i, i + 1, true});
        continue;
      }
      static const std::unordered_set<std::string_view> kNotAttack = {"hunger", "general", "labour", "labor",
                                                                      "national", "rail", "transport", "teachers"};
      if (IsInstrument(t.lower) && !in_arg[i] && !(i > 0 && kNotAttack.count(T(i - 1).lower))) {
        // "coalition air strikes", "U.S. airstrikes", "X conducted 11 strikes": whose strikes these are.
        int owner = -1;
        for (const Arg& g : names) {
          if (g.te > i || g.te < i - 2 || T(g.tb).sentence != t.sentence || g.modifier) continue;
          bool words = true;  // "Near Raqqa, three strikes": the comma parts them
          for (int k = g.te; k < i; ++k) words = words && T(k).kind != text::TokenKind::kPunct;
          if (words) owner = g.entity;
        }
        if (owner < 0) {
          for (int k = i - 1; k >= i - 4 && k >= 0 && T(k).sentence == t.sentence; --k) {
            if (!IsWieldVerb(T(k).lower)) continue;
            for (const Arg& g : names)
              if (g.te <= k && T(g.tb).sentence == t.sentence && !g.modifier) owner = g.entity;
            break;
          }
        }
        if (owner >= 0) {
          attacker = owner;
        } else if (attacker >= 0) {
          // A bare "three strikes destroyed ..." after them: the same attacker's.
          a_.args.push_back(Arg{attacker, i, i + 1, true});
        }
        continue;
      }
      if ((t.lower == "the" || t.lower == "its") && i + 1 < static_cast<int>(a_.toks.size()) &&
          T(i + 1).kind == text::TokenKind::kWord) {
        // "the president", "the Syrian foreign minister", "the ministry", "the coalition"
        int j = i + 1;
        while (j + 1 < static_cast<int>(a_.toks.size()) && IsCapWord(j) &&
               (lex_.Nationality(T(j).s) != nullptr || lex_.Place(text::NameKey(T(j).s)) != nullptr))
          ++j;
        while (j + 1 < static_cast<int>(a_.toks.size()) && lex_.IsTitle(T(j).lower) && lex_.IsTitle(T(j + 1).lower))
          ++j;
        const std::string& head = T(j).lower;
        if (j + 1 < static_cast<int>(a_.toks.size()) && IsCapWord(j + 1)) continue;  // "the President Haddad"
        int id = -1;
        if (lex_.IsTitle(head)) {
          id = most_recent(i, [&](const EntityBuild& e) {
            if (e.type != EntityType::kPerson) return false;
            for (const auto& r : e.roles)
              if (r == head || EndsWith(r, " " + head)) return true;
            return false;
          });
        } else if (head.size() > 2) {
          std::string cap = head;
          cap[0] = static_cast<char>(cap[0] - 'a' + 'A');
          // "the group": the organisation the text described as one ("Jund al-Badiya, a jihadist group"),
          // else the one whose name has the word ("the ministry"), else for a group word the most recent
          // organisation other than the sentence's subject ("An EDF spokesman said the group had attacked EDF
          // positions" is not the EDF).
          static const std::unordered_set<std::string_view> kGroupWords = {
              "group", "militia", "movement", "faction", "organisation", "organization", "outfit"};
          // ("The group of Reserve Airmen" says which group.)
          bool described = kGroupWords.count(head) && !(j + 1 < n && T(j + 1).lower == "of");
          if (described)
            id = most_recent(i, [&](const EntityBuild& e) {
              return e.type == EntityType::kOrg && std::find(e.roles.begin(), e.roles.end(), head) != e.roles.end();
            });
          if (id < 0 && lex_.IsOrgWord(cap)) {
            id = most_recent(i, [&](const EntityBuild& e) {
              return e.type == EntityType::kOrg &&
                     std::find(e.key_tokens.begin(), e.key_tokens.end(), head) != e.key_tokens.end();
            });
          }
          if (id < 0 && described) {
            int subject = SentenceSubject(t.sentence, names, [](const EntityBuild&) { return true; });
            id = most_recent(i, [&](const EntityBuild& e) {
              return e.type == EntityType::kOrg && (subject < 0 || &a_.entities[subject] != &e);
            });
          }
        }
        // ("the Syrian regime" names its own country: FoldGovernments.)
        if (id < 0 && (head == "regime" || head == "government" || head == "administration") && j == i + 1 &&
            (j + 1 >= static_cast<int>(a_.toks.size()) || T(j + 1).lower != "of")) {
          // "the regime" after "the Asad regime", "the government" after "the Syrian government".
          for (const Arg& g : names) {
            if (g.tb >= i) break;
            if (g.modifier || g.te >= static_cast<int>(a_.toks.size())) continue;
            if (T(g.te).lower == head || (g.pronoun && T(g.te - 1).lower == head)) id = g.entity;
          }
        }
        if (id >= 0) a_.args.push_back(Arg{id, i, j + 1, true});
      }
    }
  }

  // A person's gender as the text tells it: a title ("Ms", "Sir", "Queen") or a given name (a woman's in
  // female_names.txt, a man's among the other given names). Unknown otherwise.
  static constexpr int kUnknownGender = 0, kMale = 1, kFemale = 2;
  int GenderOf(const EntityBuild& e) const {
    static const std::unordered_set<std::string_view> kFemaleTitles = {
        "ms", "mrs", "miss", "dame", "lady", "queen", "princess", "duchess", "baroness", "madam", "sister"};
    static const std::unordered_set<std::string_view> kMaleTitles = {"mr", "sir", "lord", "king", "prince",
                                                                     "duke", "baron", "emir", "sultan"};
    for (const std::string& r : e.roles) {
      std::string_view first = std::string_view(r).substr(0, r.find(' '));
      if (kFemaleTitles.count(first)) return kFemale;
      if (kMaleTitles.count(first)) return kMale;
    }
    std::string_view given = std::string_view(e.name).substr(0, e.name.find(' '));
    if (given.size() == e.name.size()) return kUnknownGender;  // a lone surname
    if (lex_.IsFemaleName(given)) return kFemale;
    if (lex_.IsFirstName(given)) return kMale;
    return kUnknownGender;
  }

  // The subject of sentence `si` when it fits: its first argument that no preposition governs, or -1.
  template <typename Fits>
  int SentenceSubject(int si, const std::vector<Arg>& names, Fits&& fits) const {
    const text::Sentence& s = a_.sentences[si];
    for (const Arg& g : names) {
      if (g.tb < s.first_token || g.modifier) continue;
      if (g.tb >= s.end_token) break;
      int before = g.tb - 1;
      while (before >= s.first_token && (T(before).cap && lex_.IsTitle(T(before).lower))) --before;
      if (before >= s.first_token && T(before).kind == text::TokenKind::kWord && !T(before).cap &&
          T(before).pos == static_cast<uint8_t>(Upos::kAdp))
        return -1;  // "In Ankara, ...": the first argument is in a phrase; no clear subject
      return fits(a_.entities[g.entity]) ? g.entity : -1;
    }
    return -1;
  }

  // Per token: inside a quotation. Straight quotes toggle, curly quotes open and close; a new paragraph
  // (a line break between tokens; the text is unwrapped, so a quotation wrapped over lines stays open)
  // closes any open quotation.
  std::vector<char> QuotedTokens() const {
    const int n = static_cast<int>(a_.toks.size());
    std::vector<char> out(n, 0);
    bool open = false;
    int colon = -1;  // the "said:" that opened the quotation, which may end its own paragraph
    for (int i = 0; i < n; ++i) {
      if (i > 0 && i - 1 != colon &&
          a_.text.substr(T(i - 1).e, T(i).b - T(i - 1).e).find_first_of("\n\r") != std::string_view::npos)
        open = false;
      std::string_view w = T(i).s;
      // "Minister Ellwood said: I welcome ...": what follows "said:" to the end of the paragraph is quoted.
      if (w == ":" && i > 0 && !open) {
        if (IsSaid(T(i - 1).lower) && !(i + 1 < n && (T(i + 1).s == "\"" || T(i + 1).s == "\xE2\x80\x9C"))) {
          open = true;
          colon = i;
          continue;
        }
      }
      if (w == "\"") {
        open = !open;
      } else if (w == "\xE2\x80\x9C") {
        open = true;
      } else if (w == "\xE2\x80\x9D") {
        open = false;
      } else {
        out[i] = open;
      }
    }
    return out;
  }

  // The speaker of the quotation holding token i: "...," X said / said X after it, or X said: before it,
  // in the same paragraph. -1 if none.
  int QuoteSpeaker(int i, const std::vector<Arg>& names, const std::vector<char>& in_quote) const {
    const int n = static_cast<int>(a_.toks.size());
    auto speaker_at = [&](int v) -> int {
      for (const Arg& g : names)
        if (!g.modifier && (g.te == v || g.tb == v + 1 || (g.tb == v + 2 && T(v + 1).lower == "the")))
          return g.entity;
      return -1;
    };
    int e = i;
    while (e < n && in_quote[e]) ++e;  // the closing quote
    for (int v = e + 1; v < n && v <= e + 8 && !in_quote[v]; ++v)
      if (IsSaid(T(v).lower)) return speaker_at(v);
    int b = i;
    while (b > 0 && in_quote[b - 1]) --b;
    for (int v = b - 2; v >= 0 && v >= b - 6 && !in_quote[v]; --v)
      if (IsSaid(T(v).lower)) return speaker_at(v);
    return -1;
  }

  const Lexicon& lex_;
  const Taggers& taggers_;
  std::vector<std::pair<int, std::string>> person_keys_;  // (first token, NameKey) of person candidates
  size_t person_keys_seen_ = 0;                          // cands_ looked at for person_keys_
  DocAnalysis& a_;
  EntityType hint_ = EntityType::kOther;  // the mention tagger's type for the run being processed
  std::vector<std::array<int, 8>> votes_;   // per entity, indexed by EntityType value
  mutable std::vector<std::optional<std::string>> folded_surnames_;  // per entity, see FoldedSurname
  std::vector<Cand> cands_;
  std::vector<Cand> weak_;  // candidates whose type is a guess
  std::vector<int> cand_entity_;  // entity of each candidate, -1 if none
  std::vector<std::pair<int, int>> group_tails_;  // token ranges of group phrases right after a name
  std::unordered_set<std::string> lower_vocab_;
};

}  // namespace

void BuildTokens(const text::Segmentation& seg, DocAnalysis* a) {
  a->toks.reserve(seg.tokens.size());
  for (size_t si = 0; si < seg.sentences.size(); ++si) {
    const text::Sentence& s = seg.sentences[si];
    for (int ti = s.first_token; ti < s.end_token; ++ti) {
      const text::Token& src = seg.tokens[ti];
      Tok t;
      t.b = src.begin;
      t.e = src.end;
      t.kind = src.kind;
      t.s = a->text.substr(src.begin, src.end - src.begin);
      t.lower = AsciiLower(t.s);
      t.sentence = static_cast<int>(si);
      if (t.kind == text::TokenKind::kWord) {
        int32_t i = 0;
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(t.s.data()), i, static_cast<int32_t>(t.s.size()), c);
        t.cap = c > 0 && u_isupper(c);
        int letters = 0, upper = 0;
        for (int32_t k = 0; k < static_cast<int32_t>(t.s.size());) {
          U8_NEXT(reinterpret_cast<const uint8_t*>(t.s.data()), k, static_cast<int32_t>(t.s.size()), c);
          if (c > 0 && u_isalpha(c)) {
            ++letters;
            if (u_isupper(c)) ++upper;
          }
        }
        t.all_caps = letters >= 2 && upper == letters;
      }
      a->toks.push_back(std::move(t));
    }
  }
  // Sentences now index a->toks, which holds exactly the sentences' tokens in order.
  int next = 0;
  for (auto& s : a->sentences) {
    int n = s.end_token - s.first_token;
    s.first_token = next;
    s.end_token = next + n;
    next += n;
  }
}

void FindActors(const Lexicon& lex, const Taggers& taggers, DocAnalysis* a) {
  ActorFinder(lex, taggers, a).Run();
}

}  // namespace ag::extract
