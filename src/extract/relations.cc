// Relation finding; see relations.h. Works sentence by sentence over DocAnalysis::args (name mentions and
// resolved pronouns); each verb occurrence yields at most one relation per (subject, object) pair.
#include "extract/relations.h"

#include "extract/cameo.h"
#include "extract/pos_tagger.h"
#include "extract/words.h"
#include "text/normalize.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "util/strings.h"

namespace ag::extract {
namespace {

bool IsBoundary(const Tok& t) {
  static const std::unordered_set<std::string_view> kWords = {
      ";", ":", "but", "while", "whereas", "although", "though", "because", "\xE2\x80\x94", "\xE2\x80\x93",
      "(", ")", "after", "before", "when", "if", "unless", "since", "according", "whose"};
  return kWords.count(t.lower) > 0;
}

// Participles that work as prepositions ("following the talks", "including Iran").
bool IsPrepositionalVerb(std::string_view w) {
  return w == "following" || w == "including" || w == "according" || w == "regarding" || w == "concerning" ||
         w == "excluding" || w == "involving" || w == "given";
}


// Verbs of saying whose object is the person addressed ("told the IMF", "warned Iran"), unlike "say" or
// "announce", whose object is what is said.
bool TakesAddressee(std::string_view lemma) { return lemma == "tell" || lemma == "warn"; }

// PLOVER codes intentions by their content: a planned or hedged cooperative act ("will meet", "would
// support") is AGREE, a planned or hedged hostile act ("will impose sanctions", "may attack") is THREATEN,
// and a refused cooperative act ("refused to sign", "did not meet") is REJECT.
std::string PloverEvent(const std::string& base, Modality modality, bool negated) {
  if (base.empty()) return base;
  // RETREAT (withdraw, evacuate, demobilise) de-escalates: planned, it is an offer (AGREE).
  static const std::unordered_set<std::string_view> kCooperative = {"CONSULT", "SUPPORT", "AID", "COOPERATE",
                                                                    "CONCEDE", "AGREE", "RETREAT"};
  static const std::unordered_set<std::string_view> kHostile = {"SANCTION", "ASSAULT", "COERCE", "FIGHT",
                                                                "MOBILIZE"};
  bool cooperative = kCooperative.count(base) > 0;
  if (negated) return cooperative ? "REJECT" : base;
  if (modality == Modality::kAsserted) return base;
  if (cooperative) return "AGREE";
  if (kHostile.count(base)) return "THREATEN";
  return base;
}

// "reportedly", "allegedly": hedges that tell where a report comes from, not an intention.
bool IsEvidential(std::string_view w) {
  return w == "reportedly" || w == "allegedly" || w == "apparently" || w == "reported" || w == "alleged" ||
         w == "purportedly";
}

// The modality PLOVER codes by: an act only reported ("reportedly conceded") is the act itself.
Modality EventModality(Modality modality, bool intention) {
  return modality == Modality::kHedged && !intention ? Modality::kAsserted : modality;
}

bool IsSymmetric(std::string_view lemma) {
  return lemma == "meet" || lemma == "talk" || lemma == "clash" || lemma == "fight" || lemma == "agree" ||
         lemma == "negotiate" || lemma == "cooperate" || lemma == "discuss" || lemma == "sign" || lemma == "trade" ||
         lemma == "share";
}

bool IsPlanned(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "will",     "shall",   "'ll",     "scheduled", "plans",    "plan",     "planned", "planning", "intends",
      "intend",   "intended", "due",    "set",       "going",    "prepares", "preparing", "tomorrow", "upcoming",
      "aims",     "aim",     "seeks",   "seek",      "wants",    "want",     "hopes",    "hope",     "ready",
      // Prospective aspect: "approaches its joining of", "moving toward its entry into", "nears a deal with".
      "approaches", "approaching", "nearing", "nears", "toward", "towards"};
  return k.count(w) > 0;
}

bool IsHedged(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "may",       "might",     "could",    "would",    "should",   "expected", "likely",  "unlikely",
      "reportedly", "allegedly", "possibly", "probably", "perhaps",  "reported", "rumoured", "rumored",
      "considering", "consider", "considers", "mulling", "potential", "possible", "alleged", "apparently"};
  return k.count(w) > 0;
}

bool IsNegation(const Tok& t) {
  const std::string& w = t.lower;
  return w == "not" || w == "never" || w == "no" || w == "neither" || w == "nor" || w == "refused" ||
         w == "refuses" || w == "declined" || w == "declines" || w == "failed" || w == "fails" ||
         EndsWith(w, "n't") || EndsWith(w, "n\xE2\x80\x99t") || w == "cannot";
}

void SetArgs(RelationBuild* r, const Arg* source, const Arg* target) {
  r->source = source->entity;
  r->target = target->entity;
  r->source_tb = source->tb;
  r->source_te = source->te;
  r->source_ref = source->pronoun;
  r->target_tb = target->tb;
  r->target_te = target->te;
  r->target_ref = target->pronoun;
}

class RelationFinder {
 public:
  RelationFinder(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* out)
      : lex_(lex), a_(a), out_(*out) {}

  void Run() {
    size_t ai = 0;
    for (const text::Sentence& s : a_.sentences) {
      std::vector<const Arg*> args;
      while (ai < a_.args.size() && a_.args[ai].tb < s.end_token) {
        // "according to X", "according to a study by X" name the source of the report (attribution.h),
        // not a participant: an argument in the phrase that "according to" opens, before a comma or a verb.
        const int tb = a_.args[ai].tb;
        bool source = false;
        for (int k = tb - 1; k >= s.first_token + 1 && k >= tb - 8 && !source; --k) {
          if (a_.toks[k].s == "," || a_.toks[k].pos == static_cast<uint8_t>(Upos::kVerb)) break;
          source = a_.toks[k].lower == "to" && a_.toks[k - 1].lower == "according";
        }
        if (tb >= s.first_token && !source) args.push_back(&a_.args[ai]);
        ++ai;
      }
      if (args.size() < 2) continue;
      std::vector<bool> covered(s.end_token - s.first_token, false);
      for (const Arg* g : args)
        for (int t = g->tb; t < g->te && t < s.end_token; ++t) covered[t - s.first_token] = true;
      phrase_end_ = -1;
      int inside_phrase = -1;  // the last token of the verb phrase matched before ("lifted its sanctions")
      for (int v = s.first_token; v < s.end_token; ++v) {
        if (v <= inside_phrase) continue;
        if (covered[v - s.first_token] || a_.toks[v].kind != text::TokenKind::kWord) continue;
        const VerbForm* form = lex_.Verb(a_.toks[v].lower);
        // Phrasal patterns of the lexicon: "called on X to" is urge, "works closely with" cooperate,
        // "called for calm" no relation.
        if (form != nullptr || a_.toks[v].pos == static_cast<uint8_t>(Upos::kVerb)) {
          const std::string& lemma = form != nullptr ? form->entry->lemma : LemmaOf(a_.toks[v].lower);
          bool matched = false;
          int length = 0;
          const VerbEntry* phrase = lemma.empty() ? nullptr : lex_.MatchPhrase(lemma, [&](int k) -> std::string_view {
            int i = v + 1 + k;
            return i < s.end_token ? std::string_view(a_.toks[i].lower) : std::string_view();
          }, &matched, &length);
          phrase_end_ = matched ? v + length : -1;
          // Then across modifiers: "lifted its remaining sanctions on", "imposed new US sanctions on".
          if (!matched && !lemma.empty() && lex_.HasPhrases(lemma)) {
            int first = v + 1;  // the first word after the modifiers (at most three)
            while (first < s.end_token && first - v <= 3 && IsPhraseFiller(first)) ++first;
            if (first > v + 1) {
              phrase = lex_.MatchPhrase(lemma, [&](int k) -> std::string_view {
                return first + k < s.end_token ? std::string_view(a_.toks[first + k].lower) : std::string_view();
              }, &matched, &length);
              if (matched && length > 0) phrase_end_ = first + length - 1;
            }
          }
          if (matched && phrase == nullptr) continue;
          if (phrase != nullptr) form = PhraseForm(phrase, v, form);
        }
        if (phrase_end_ > v) inside_phrase = phrase_end_;
        // "called the leader back to Downing Street", "a life free from": a form the tagger reads as an
        // adverb, a preposition or an adjective is no act.
        const uint8_t pos = a_.toks[v].pos;
        if (form != nullptr && phrase_end_ <= v &&
            (pos == static_cast<uint8_t>(Upos::kAdv) || pos == static_cast<uint8_t>(Upos::kAdp) ||
             (pos == static_cast<uint8_t>(Upos::kAdj) && form->kind == VerbFormKind::kBase)))
          continue;
        if (form == nullptr) form = UnlistedVerb(v);
        if (form == nullptr) continue;
        // "so-called", "duty-free", "US-led": part of a hyphenated word, not a verb.
        if ((v > s.first_token && a_.toks[v - 1].s == "-" && a_.toks[v - 1].e == a_.toks[v].b) ||
            (v + 1 < s.end_token && a_.toks[v + 1].s == "-" && a_.toks[v + 1].b == a_.toks[v].e))
          continue;
        // "the attack", "a meeting", "Syria's visit", "talks": a nominal trigger.
        // "gone on the offensive": an idiom, no assault.
        if (a_.toks[v].lower == "offensive" && v >= 2 && a_.toks[v - 1].lower == "the" && a_.toks[v - 2].lower == "on")
          continue;
        // "in order to", "in order that": no order given.
        if (a_.toks[v].lower == "order" && v > s.first_token && a_.toks[v - 1].lower == "in") continue;
        // "at the hands of X" names an agent, not a handing over.
        if (a_.toks[v].lower == "hands" && v >= 2 && a_.toks[v - 2].lower == "at") continue;
        bool after_det = v > s.first_token && IsDeterminer(a_.toks[v - 1].lower);
        // "ongoing shelling and airstrikes by X": a gerund the tagger reads as a noun.
        after_det = after_det || (EndsWith(a_.toks[v].lower, "ing") &&
                                  a_.toks[v].pos == static_cast<uint8_t>(Upos::kNoun));
        if (form->kind == VerbFormKind::kNoun || after_det) {
          Nominal(s, v, *form, args);
          continue;
        }
        // "several protest groups", "attack helicopters", "a support package": a trigger noun that modifies
        // the noun after it names no act; nor does one before a title ("press secretary Peter Cook", "trade
        // representative Mara Quist"), whatever the tagger made of the title.
        if ((form->kind == VerbFormKind::kBase || form->kind == VerbFormKind::kNoun) && v + 1 < s.end_token &&
            v > s.first_token &&
            (a_.toks[v + 1].pos == static_cast<uint8_t>(Upos::kNoun) || lex_.IsTitle(a_.toks[v + 1].lower)) &&
            !a_.toks[v + 1].cap &&
            a_.toks[v + 1].kind == text::TokenKind::kWord && !IsTimeNoun(a_.toks[v + 1].lower) &&
            a_.toks[v - 1].pos != static_cast<uint8_t>(Upos::kPron) && !IsNegation(a_.toks[v - 1]) &&
            a_.toks[v - 1].pos != static_cast<uint8_t>(Upos::kAux) && a_.toks[v - 1].lower != "to")
          continue;
        // "a power station", "the border crossing": a base form in a noun compound is no verb.
        if (form->kind == VerbFormKind::kBase && v > s.first_token &&
            a_.toks[v].pos == static_cast<uint8_t>(Upos::kNoun) &&
            (a_.toks[v - 1].pos == static_cast<uint8_t>(Upos::kNoun) ||
             a_.toks[v - 1].pos == static_cast<uint8_t>(Upos::kAdj)) &&
            !a_.toks[v - 1].cap) {
          Nominal(s, v, *form, args);  // "air support for ground forces"
          continue;
        }
        // "released without charge", "asking for help", "its fair share of": a base form after a
        // preposition, or after an adjective after a determiner, is a noun.
        if (form->kind == VerbFormKind::kBase && v - 1 > s.first_token && !a_.toks[v - 1].cap &&
            (((IsPreposition(a_.toks[v - 1].lower) || a_.toks[v - 1].lower == "without") &&
              a_.toks[v - 1].lower != "to") ||
             (a_.toks[v - 1].pos == static_cast<uint8_t>(Upos::kAdj) &&
              (IsDeterminer(a_.toks[v - 2].lower) || PossessiveEnd(v - 2))))) {
          // "released without charge": an act that did not happen.
          if (a_.toks[v - 1].lower != "without") Nominal(s, v, *form, args);
          continue;
        }
        // "the three other freed British detainees", "elderly and disabled people": a participle after a
        // determiner or an adjective (or coordinated with one) describes a noun.
        auto adjective = [&](int i) {
          return !a_.toks[i].cap && !EndsWith(a_.toks[i].lower, "ly") &&
                 (IsDeterminer(a_.toks[i].lower) || a_.toks[i].pos == static_cast<uint8_t>(Upos::kAdj) ||
                  a_.toks[i].pos == static_cast<uint8_t>(Upos::kNum));
        };
        bool noun_after = v + 1 < s.end_token && !a_.toks[v + 1].cap &&
                          a_.toks[v + 1].pos == static_cast<uint8_t>(Upos::kNoun);
        bool coordinated = v - 2 >= s.first_token && (a_.toks[v - 1].lower == "and" || a_.toks[v - 1].lower == "or") &&
                           !a_.toks[v - 2].cap && a_.toks[v - 2].kind == text::TokenKind::kWord &&
                           a_.toks[v - 2].pos != static_cast<uint8_t>(Upos::kVerb) &&
                           lex_.Verb(a_.toks[v - 2].lower) == nullptr && LemmaOf(a_.toks[v - 2].lower).empty();
        if (form->kind == VerbFormKind::kPast && v > s.first_token && (adjective(v - 1) || (coordinated && noun_after)))
          continue;
        // "a series of bombs", "three strikes", "heavy attacks": a plural noun, not a verb.
        if (form->kind == VerbFormKind::kThird && v > s.first_token &&
            (a_.toks[v - 1].lower == "of" || a_.toks[v - 1].kind == text::TokenKind::kNumber ||
             IsMonth(a_.toks[v - 1].lower) ||  // "the 13 November attacks"
             a_.toks[v - 1].pos == static_cast<uint8_t>(Upos::kNum) ||
             (a_.toks[v - 1].pos == static_cast<uint8_t>(Upos::kAdj) && !a_.toks[v - 1].cap))) {
          Nominal(s, v, *form, args);
          continue;
        }
        // "the regime's escalating attacks": after a participle that modifies it, a noun that names the act.
        if (form->kind == VerbFormKind::kThird && v - 2 >= s.first_token && EndsWith(a_.toks[v - 1].lower, "ing") &&
            !a_.toks[v - 1].cap && (IsDeterminer(a_.toks[v - 2].lower) || PossessiveEnd(v - 2))) {
          Nominal(s, v, *form, args);
          continue;
        }
        // "lift sanctions": a plural after a verb is its object, not a verb.
        if (form->kind == VerbFormKind::kThird && v > s.first_token && lex_.Verb(a_.toks[v - 1].lower) != nullptr &&
            !a_.toks[v - 1].cap)  // "the United States supports": a name, not a verb
          continue;
        Verb(s, v, *form, args);
      }
      Against(s, args);
      AlliesOf(s, args);
      CoActors(s, args);
    }
  }

 private:
  const Tok& T(int i) const { return a_.toks[i]; }

  // Lexicon::VerbLemma, once per distinct word of the document.
  const std::string& LemmaOf(const std::string& word) {
    auto [it, inserted] = lemmas_.try_emplace(word);
    if (inserted) it->second = lex_.VerbLemma(word);
    return it->second;
  }

  // The form of a phrase's entry for the verb at v (its kind from the word itself).
  const VerbForm* PhraseForm(const VerbEntry* entry, int v, const VerbForm* listed) {
    VerbFormKind kind = listed != nullptr ? listed->kind : KindOf(T(v).lower, LemmaOf(T(v).lower));
    for (const VerbForm& f : phrase_forms_)
      if (f.entry == entry && f.kind == kind) return &f;
    phrase_forms_.push_back(VerbForm{entry, kind});
    return &phrase_forms_.back();
  }

  static VerbFormKind KindOf(const std::string& word, const std::string& lemma) {
    if (EndsWith(word, "ing")) return VerbFormKind::kIng;
    if (word == lemma) return VerbFormKind::kBase;
    if (EndsWith(word, "s") && !EndsWith(word, "ss")) return VerbFormKind::kThird;
    return VerbFormKind::kPast;
  }

  // A word a verb phrase may hold before its noun: a determiner, a number, a lower-case adjective or
  // adverb, a participle, an abbreviation ("its remaining US sanctions").
  bool IsPhraseFiller(int i) const {
    const Tok& t = T(i);
    if (IsDeterminer(t.lower) || t.kind == text::TokenKind::kNumber) return true;
    if (t.kind != text::TokenKind::kWord) return false;
    if (t.all_caps && t.s.size() <= 3) return true;
    return !t.cap && (t.pos == static_cast<uint8_t>(Upos::kAdj) || t.pos == static_cast<uint8_t>(Upos::kAdv) ||
                      t.pos == static_cast<uint8_t>(Upos::kNum) || EndsWith(t.lower, "ing") || t.lower == "most" ||
                      t.lower == "more" || t.lower == "all");
  }

  // A form UnlistedVerb made for the verb at v.
  bool IsUnlisted(const VerbForm& form, int v) const {
    auto it = unlisted_.find(T(v).lower);
    return it != unlisted_.end() && &it->second == &form;
  }

  // A verb the relation lexicon does not list: the relation keeps its lemma, with no event ("X recognised
  // Y" -> recognise). Only words the tagger calls verbs and WordNet knows; auxiliaries, light and
  // aspectual verbs ("have", "make", "continue", "seem") relate no one by themselves.
  const VerbForm* UnlistedVerb(int v) {
    const Tok& t = T(v);
    if (t.pos != static_cast<uint8_t>(Upos::kVerb) || t.cap || t.kind != text::TokenKind::kWord) return nullptr;
    const std::string& lemma = LemmaOf(t.lower);
    static const std::unordered_set<std::string_view> kNotRelations = {
        "be", "have", "do", "get", "go", "come", "become", "seem", "appear", "remain", "continue", "begin",
        "start", "try", "want", "need", "use", "let", "make", "take", "give", "put", "keep", "include",
        "involve", "know", "think", "believe", "expect", "hope", "plan", "intend", "consider", "fail",
        "refuse", "manage", "decline", "mean", "happen", "tend", "seek", "aim", "look", "set", "stand",
        "live", "die", "lie", "sit", "can", "will", "shall", "may", "must", "see", "hear", "feel", "find",
        "show", "add", "note", "allow", "enable", "cause", "lead", "follow", "base", "locate", "name", "call",
        "ask", "work", "play", "run", "hold", "bring", "say", "tell", "suggest", "explain", "describe",
        "remember", "understand", "learn", "build", "move", "turn", "leave", "reach", "face", "suffer",
        "receive", "send", "pay", "spend", "cost", "own", "control", "govern", "run", "lose", "win", "fall",
        "rise", "increase", "decrease", "reduce", "grow", "end", "close", "open", "serve", "act", "operate",
        "involve", "concern", "affect", "relate", "belong", "consist", "contain", "represent", "remain",
        "shoulder", "hand", "head", "face", "mark", "note", "state", "total", "number", "date"};
    if (lemma.empty() || kNotRelations.count(lemma)) return nullptr;
    auto [it, inserted] = unlisted_.try_emplace(t.lower);
    if (inserted) {
      VerbEntry& e = entries_.emplace_back();
      e.lemma = lemma;
      e.relation = lemma;
      it->second.entry = &e;
      it->second.kind = KindOf(t.lower, lemma);
    }
    return &it->second;
  }

  void Verb(const text::Sentence& s, int v, const VerbForm& form_in, const std::vector<const Arg*>& args) {
    const VerbForm& form = form_in;
    int left_limit = s.first_token, right_limit = s.end_token;
    for (int i = v - 1; i >= s.first_token; --i)
      if (IsBoundary(T(i))) {
        left_limit = i + 1;
        break;
      }
    for (int i = v + 1; i < s.end_token; ++i)
      if (IsBoundary(T(i))) {
        right_limit = i;
        break;
      }
    right_limit = std::min(right_limit, v + 14);

    // Passive: a participle after a form of "be" (adverbs in between).
    bool passive = false;
    // "X, backed by Y, ...", "X, backed generally by Y": a participle after a comma with its agent is
    // passive.
    if (form.kind == VerbFormKind::kPast && v > left_limit && T(v - 1).s == ",") {
      int k = v + 1;
      while (k < right_limit && T(k).pos == static_cast<uint8_t>(Upos::kAdv)) ++k;
      if (k < right_limit && T(k).lower == "by") passive = true;
    }
    if (form.kind == VerbFormKind::kPast && !passive) {
      for (int i = v - 1; i >= left_limit && i >= v - 5; --i) {
        if (IsBe(T(i).lower)) {
          passive = true;
          break;
        }
        const VerbForm* f = lex_.Verb(T(i).lower);
        bool coordinated = T(i).lower == "and" || T(i).lower == "or" || T(i).s == "," ||
                           (f != nullptr && f->kind == VerbFormKind::kPast);  // "was struck and killed by"
        if (!(EndsWith(T(i).lower, "ly") || T(i).lower == "not" || T(i).lower == "also" || coordinated)) break;
      }
    }

    // "Israel is opposed to French mediation", "allied with Iran": a participle that describes its subject's
    // stance toward what follows is active.
    if (passive && v + 1 < right_limit && (T(v + 1).lower == "to" || T(v + 1).lower == "with") &&
        (form.entry->lemma == "oppose" || form.entry->lemma == "ally" || form.entry->lemma == "align"))
      passive = false;
    // '"...," says Abdulbaset Alahmar': the speaker follows the verb and the quote is not an object.
    if (IsSpeechLemma(form.entry->lemma) && v > s.first_token &&
        (IsQuote(T(v - 1).s) || (T(v - 1).s == "," && v - 2 >= s.first_token && IsQuote(T(v - 2).s))) &&
        !passive) {
      return;
    }
    // "Parties cannot take older voters for granted, says Age Concern.": the same without quotes, the
    // speaker closing the sentence. (Not "Omar Saleh, the foreign minister, warned Syria.": what stands
    // before the comma must be a clause.)
    if (IsSpeechLemma(form.entry->lemma) && v > s.first_token && T(v - 1).s == "," && !passive) {
      int from = v - 2;
      while (from > s.first_token && T(from - 1).s != ",") --from;
      bool clause = false;
      for (int k = from; k < v - 1 && !clause; ++k) clause = T(k).pos == static_cast<uint8_t>(Upos::kVerb);
      for (const Arg* g : args)
        if (clause && g->tb > v && g->tb <= v + 4 &&
            (g->te == s.end_token || (g->te + 1 == s.end_token && T(g->te).kind == text::TokenKind::kPunct)))
          return;
    }
    const Arg* left = SubjectOf(v, left_limit, args, 0);
    // "Joining NATO will strengthen Sweden": the object of a gerund that opens the clause is no subject;
    // the act of joining is.
    if (left != nullptr) {
      int g = left->tb - 1;
      while (g >= left_limit && IsDeterminer(T(g).lower)) --g;
      if (g >= left_limit && (g == left_limit || T(g - 1).s == ",") && EndsWith(T(g).lower, "ing") &&
          T(g).pos == static_cast<uint8_t>(Upos::kVerb))
        left = nullptr;
    }
    if (passive && T(v - 1).s == ",") {  // "X, backed by Y": the patient ends at the comma
      left = nullptr;
      for (const Arg* g : args)
        if (g->te == v - 1 && !g->modifier) left = g;
    }
    std::vector<const Arg*> rights;
    int by = -1;
    if (passive) {
      for (int i = v + 1; i < right_limit; ++i)
        if (T(i).lower == "by") {
          by = i;
          break;
        }
      if (by < 0 || left == nullptr) return;
      rights = RightArgs(by, std::min(right_limit, by + 5), args, -1);
      // The agent is the phrase right after "by" ("by the SDF", "by US forces"), not a later place.
      if (rights.empty() || AnyPreposition(by + 1, rights[0]->tb)) return;
    } else {
      // A verb phrase's object follows the phrase ("lifted most remaining US sanctions on Syria").
      int after = phrase_end_ > v && phrase_end_ < right_limit ? phrase_end_ : v;
      rights = RightArgs(after, right_limit, args, left ? left->entity : -1);
      // "have received reports of atrocities being committed by IS", "vowed to defeat ISIL": an actor
      // after another verb is that verb's participant, not this one's.
      if (!rights.empty() && InnerVerb(v + 1, rights[0]->tb)) rights.clear();
      // Speech relates the speaker to whom it addresses ("told reporters", "warned Iran") or to the
      // subject of the report ("said that Iran would"), not to an actor deeper in what is said ("said the
      // campaign against ISIL is progressing") nor to where it is said ("told a news conference in Geneva").
      if (!rights.empty() && IsSpeechLemma(form.entry->lemma) && !Addressed(v + 1, rights[0]->tb)) rights.clear();
      // A verb of saying that takes no addressee (say, announce, confirm, ...) relates no actor of what is
      // said ("said the central bank would cut rates", "said his Arsenal counterpart was a disgrace"; those
      // relations are attributed to the speaker, attribution.h), only whom it addresses with "to" ("said
      // to reporters"). Verbs that address someone ("told the IMF", "warned Iran would pay") keep their
      // object, and "said Sudan must withdraw" is a demand made of Sudan (below).
      if (!rights.empty() && IsSpeechLemma(form.entry->lemma) && !TakesAddressee(form.entry->lemma) &&
          !ReportsDemand(v, right_limit) && T(rights[0]->tb - 1).lower != "to")
        rights.clear();
      // A verb the lexicon does not list relates only its direct object or a participant right after it
      // ("X recognised Y", "X sided with Y"), not whatever actor follows later in the clause.
      if (!rights.empty() && IsUnlisted(form, v)) {
        bool close = rights[0]->tb - v <= 4;
        for (int i = v + 1; i < rights[0]->tb && close; ++i) {
          const Tok& t = T(i);
          close = (IsDeterminer(t.lower) && t.lower != "that" && t.lower != "this") || t.lower == "with" ||
                  t.lower == "against" || t.lower == "to" ||
                  t.lower == "on" || (t.kind == text::TokenKind::kWord && !t.cap &&
                                      t.pos == static_cast<uint8_t>(Upos::kAdj));
        }
        // "weave their way", "reiterates UK support": a possessive or a noun's modifier is no object.
        const Tok& first = T(rights[0]->tb);
        bool possessive = rights[0]->pronoun && (first.lower == "their" || first.lower == "its" ||
                                                 first.lower == "his" || first.lower == "her" || first.lower == "our");
        bool modifier = rights[0]->te < right_limit && T(rights[0]->te).kind == text::TokenKind::kWord &&
                        !T(rights[0]->te).cap && T(rights[0]->te).pos == static_cast<uint8_t>(Upos::kNoun);
        if (!close || possessive || modifier) rights.clear();
      }
    }

    // "withdraw inspectors from Iraq", "evacuated its staff from Benghazi": a retreat is from its target.
    if (!passive && form.entry->event == "RETREAT")
      for (const Arg* g : args)
        if (g->tb > v && g->tb < right_limit && T(g->tb - 1).lower == "from" && !g->modifier &&
            (left == nullptr || g->entity != left->entity)) {
          rights = {g};
          break;
        }
    // "threatened to strike unless Israel withdrew", "will boycott the vote unless the president resigns":
    // the threat is aimed at whoever must act to avert it.
    if (!passive && rights.empty() && (form.entry->event == "THREATEN" || form.entry->lemma == "boycott"))
      for (int i = v + 1; i + 1 < s.end_token && rights.empty(); ++i) {
        if (T(i).lower != "unless") continue;
        for (const Arg* g : args)
          if (g->tb > i && g->tb <= i + 3 && !g->modifier && (left == nullptr || g->entity != left->entity)) {
            rights = {g};
            break;
          }
      }
    std::vector<const Arg*> subjects;
    if (left != nullptr) {
      subjects.push_back(left);
      // "The two leaders signed": a plural reference is two arguments over the same words.
      for (const Arg* g : args)
        if (g != left && g->tb == left->tb && g->te == left->te && g->entity != left->entity) subjects.push_back(g);
      // "A and B met C", "A, B, and C launched": all are subjects.
      for (bool more = true; more;) {
        more = false;
        const Arg* first = subjects.front();
        for (const Arg* g : args) {
          if (g->tb < left_limit || g->te > first->tb || g == first) continue;
          // The conjunct nearest the verb is joined by "and"/"or" ("A, B and C"); "A, the B," is an
          // apposition.
          bool with_and = subjects.size() > 1;
          for (int i = g->te; i < first->tb && !with_and; ++i)
            with_and = T(i).lower == "and" || T(i).lower == "or";
          if (with_and && Joined(g->te, first->tb) && g->entity != first->entity) {
            subjects.insert(subjects.begin(), g);
            more = true;
            break;
          }
        }
      }
    }
    Modality modality = Modality::kAsserted;
    bool negated = false;
    bool intention = false;  // a hedge other than an evidential ("may", not "reportedly")
    int from = left != nullptr ? left->te : std::max(left_limit, v - 6);
    for (int i = std::max(from, v - 8); i < v; ++i) {
      if (IsHedged(T(i).lower)) {
        modality = Modality::kHedged;
        intention = intention || !IsEvidential(T(i).lower);
      }
      else if (IsPlanned(T(i).lower) && modality == Modality::kAsserted) modality = Modality::kPlanned;
      if (IsNegation(T(i))) negated = true;
    }
    // "X said he would travel": reported future, planned rather than hedged.
    if (modality == Modality::kHedged)
      for (int i = std::max(from, v - 8); i < v; ++i)
        if (T(i).lower == "would")
          for (int k = i - 1; k >= left_limit && k >= i - 6; --k) {
            const VerbForm* f = lex_.Verb(T(k).lower);
            if (f != nullptr && IsSpeechLemma(f->entry->lemma) && f->kind == VerbFormKind::kPast) {
              modality = Modality::kPlanned;
              break;
            }
          }
    // "is to meet": a form of be right before "to" before the verb.
    if (modality == Modality::kAsserted && v >= 2 && T(v - 1).lower == "to" && IsBe(T(v - 2).lower))
      modality = Modality::kPlanned;

    // "X said Y must ...": reported speech that demands.
    const bool demand = IsSpeechLemma(form.entry->lemma) && ReportsDemand(v, right_limit);
    bool military = false;
    const Arg* actor = passive && !rights.empty() ? rights[0] : left;  // who acts: the agent of a passive
    if (actor != nullptr) {
      int end = actor == left ? v : std::min(right_limit, actor->te + 1);
      for (int i = actor->tb; i < end && i <= actor->te + 3; ++i) military = military || IsArmedForce(T(i).lower);
    }
    auto emit = [&](const Arg* src_arg, const Arg* tgt_arg) {
      int src = src_arg->entity, tgt = tgt_arg->entity;
      if (src < 0 || tgt < 0 || src == tgt) return;
      for (const RelationBuild& r : out_)
        if (r.verb_tok == v && r.source == src && r.target == tgt) return;
      RelationBuild r;
      SetArgs(&r, src_arg, tgt_arg);
      r.verb_tok = v;
      r.relation = form.entry->relation;
      r.event = demand ? "DEMAND" : PloverEvent(form.entry->event, EventModality(modality, intention), negated);
      // PLOVER: violence by armed forces with conventional means is FIGHT, not ASSAULT.
      // (Beating, torturing or abducting stays ASSAULT whoever does it.)
      static const std::unordered_set<std::string_view> kArmed = {
          "attack", "strike", "bomb", "shell", "shoot", "kill", "target", "hit", "raid", "destroy", "fire",
          "bombard", "ambush", "eliminate"};
      if (r.event == "ASSAULT" && military && kArmed.count(form.entry->lemma)) r.event = "FIGHT";
      r.negated = negated;
      r.modality = modality;
      out_.push_back(std::move(r));
    };

    if (passive) {
      for (const Arg* r : rights) emit(r, left);
      return;
    }
    // "A and B met (in C)": a symmetric verb relates its coordinated subjects; a place after "in"/"at" is
    // where, not whom.
    bool locative = !rights.empty() && rights[0]->tb > 0 &&
                    (T(rights[0]->tb - 1).lower == "in" || T(rights[0]->tb - 1).lower == "at");
    // "clashed over migrants", "talked about Syria", "would share intelligence on Jund al-Badiya": what a
    // symmetric act is about is no participant.
    if (!rights.empty() && IsSymmetric(form.entry->lemma) && rights[0]->tb > 0) {
      int p = rights[0]->tb - 1;
      while (p > v && IsDeterminer(T(p).lower)) --p;
      bool noun_before = p - 1 > v && T(p - 1).pos == static_cast<uint8_t>(Upos::kNoun) && !T(p - 1).cap;
      if (T(p).lower == "over" || T(p).lower == "about" || T(p).lower == "regarding" ||
          (T(p).lower == "on" && noun_before)) {
        rights.clear();
        locative = false;
      }
    }
    if (subjects.size() >= 2 && IsSymmetric(form.entry->lemma) && (rights.empty() || locative)) {
      emit(subjects[0], subjects[1]);
      return;
    }

    if (rights.empty()) return;
    for (const Arg* sub : subjects)
      for (const Arg* r : rights) emit(sub, r);
  }

  // A nominal trigger: "Al-Sharaa's visit to Washington", "the attack by X on Y", "X continued its battle
  // with Y", "US airstrikes against Z". The source is the argument right before the noun (possessive or
  // modifier), else the clause subject; the target follows a preposition after the noun.
  void Nominal(const text::Sentence& s, int v, const VerbForm& form, const std::vector<const Arg*>& args) {
    if (IsUnlisted(form, v)) return;  // a verb the lexicon does not list names no act as a noun
    int left_limit = s.first_token, right_limit = std::min(s.end_token, v + 8);
    for (int i = v - 1; i >= s.first_token; --i)
      if (IsBoundary(T(i))) {
        left_limit = i + 1;
        break;
      }
    for (int i = v + 1; i < right_limit; ++i)
      if (IsBoundary(T(i))) {
        right_limit = i;
        break;
      }
    auto arg_after = [&](int from) -> const Arg* {
      for (const Arg* g : args)
        if (g->tb > from && g->tb < right_limit && !g->modifier && !PlaceModifier(g)) return g;
      return nullptr;
    };
    auto prep_after = [&](int from, std::initializer_list<std::string_view> preps) -> int {
      // Up to three words after the noun, and a date between ("the agreement on 2 December between").
      for (int i = from + 1, words = 0; i < right_limit && words < 3; ++i) {
        // "on 2 December", "on Monday": a date, not a participant.
        bool date_on = T(i).lower == "on" && i + 1 < right_limit &&
                       (T(i + 1).kind == text::TokenKind::kNumber || IsMonth(T(i + 1).lower) || IsWeekday(T(i + 1).lower));
        for (std::string_view p : preps)
          if (T(i).lower == p && !date_on) return i;
        if (T(i).kind == text::TokenKind::kPunct) break;
        bool date = T(i).kind == text::TokenKind::kNumber || IsMonth(T(i).lower);
        if (!date) ++words;
      }
      return -1;
    };
    const Arg* src = nullptr;
    const Arg* tgt = nullptr;
    int by = prep_after(v, {"by"});
    if (by >= 0) {
      src = arg_after(by);
      int on = src ? prep_after(src->te - 1, {"on", "against", "with", "to", "in"}) : -1;
      tgt = on >= 0 ? arg_after(on) : nullptr;
      if (tgt == nullptr) {
        // "attacks by ISIL": the target is what was talked about before.
        tgt = LeftArg(v, left_limit, args);
      }
    } else {
      int prep = prep_after(v, {"with", "against", "on", "to", "of", "between", "from", "for", "into", "over"});
      if (prep < 0) return;
      tgt = arg_after(prep);
      if (tgt == nullptr) return;
      // The argument right before the noun (allowing a determiner or one modifier word), else the subject
      // ("Iraqi forces seized the university in their battle with IS": "their" is the clause subject).
      for (const Arg* g : args) {
        bool words_between = true;  // "Near Palmyra, the attack": a comma cuts the noun off
        for (int i = g->te; i < v && i >= 0; ++i) words_between = words_between && T(i).kind == text::TokenKind::kWord;
        // A participle right before the noun modifies it ("the regime's escalating attacks").
        int modifier_end = v;
        if (modifier_end - 1 > g->te && (EndsWith(T(v - 1).lower, "ing") || EndsWith(T(v - 1).lower, "ed")))
          --modifier_end;
        if (g->te <= v && g->te >= v - 2 && g->tb >= left_limit && !AnyPreposition(g->te, v) && words_between &&
            !VerbBetween(g->te, modifier_end))
          src = g;
      }
      // "Syria approaches its formal joining of the coalition": the possessive is the clause subject.
      int poss = v - 1;
      while (poss > left_limit && T(poss).kind == text::TokenKind::kWord && !T(poss).cap &&
             T(poss).pos == static_cast<uint8_t>(Upos::kAdj))
        --poss;
      if (src == nullptr && poss >= left_limit &&
          (T(poss).lower == "their" || T(poss).lower == "its" || T(poss).lower == "his" ||
           T(poss).lower == "her"))
        src = ClauseSubject(v, left_limit, args);
      if (src == nullptr) {
        src = LeftArg(v, left_limit, args);
        if (src != nullptr && InAdjunct(src, left_limit)) src = nullptr;  // "Near Rawah, two strikes ..."
        // "Cook said the campaign against ISIL is progressing", "X condemned the attack on Y": the object
        // of a verb is the source's only when the verb wields it ("X launched a campaign against Y"); in a
        // phrase after the verb it is ("X raised concerns in a call with Y").
        if (src != nullptr) {
          int verb = -1;
          for (int i = src->te; i < v; ++i)
            if (T(i).pos == static_cast<uint8_t>(Upos::kVerb) && !(i > 0 && T(i - 1).s == "-")) verb = i;
          if (verb >= 0 && !IsWieldVerb(T(verb).lower) && !HeadsPhrase(verb + 1, v)) src = nullptr;
          // "The EDF arrested a Jund al-Badiya commander in a raid": the argument is the verb's object and
          // the noun heads a phrase of the verb's; the raid is the verb's subject's.
          int before = -1;
          for (int i = left_limit; src != nullptr && i < src->tb; ++i)
            if (T(i).pos == static_cast<uint8_t>(Upos::kVerb) && !(i > 0 && T(i - 1).s == "-")) before = i;
          if (src != nullptr && verb < 0 && before >= 0 && HeadsPhrase(src->te, v) && !PossessiveEnd(src->te - 1))
            src = SubjectOf(before, left_limit, args, 0);
        }
      }
      // "Speaking after a meeting with X, Y said": the subject after the opening participle clause.
      if (src == nullptr && EndsWith(T(s.first_token).lower, "ing") &&
          T(s.first_token).pos == static_cast<uint8_t>(Upos::kVerb)) {
        int comma = -1;
        for (int i = v + 1; i < s.end_token && comma < 0; ++i)
          if (T(i).s == ",") comma = i;
        bool first_clause = comma > 0;
        for (int i = s.first_token; i < v && first_clause; ++i) first_clause = T(i).s != ",";
        if (first_clause)
          for (const Arg* g : args)
            if (src == nullptr && g->tb > comma && g->tb <= comma + 6 && !g->modifier && g != tgt) src = g;
      }
      // "talks between A and B": both after the noun.
      if (T(prep).lower == "between") {
        src = tgt;
        tgt = nullptr;
        for (const Arg* g : args)
          if (tgt == nullptr && g->tb > src->te && g->tb <= src->te + 2 && T(src->te).lower == "and" &&
              (g->tb == src->te + 1 || IsDeterminer(T(src->te + 1).lower)))
            tgt = g;
      }
    }
    if (src == nullptr || tgt == nullptr || src->entity == tgt->entity) return;
    Modality modality = Modality::kAsserted;
    bool negated = false;
    bool intention = false;  // a hedge other than an evidential ("may", not "reportedly")
    for (int i = std::max(left_limit, v - 5); i < v; ++i) {
      if (IsHedged(T(i).lower)) {
        modality = Modality::kHedged;
        intention = intention || !IsEvidential(T(i).lower);
      }
      else if (IsPlanned(T(i).lower) && modality == Modality::kAsserted) modality = Modality::kPlanned;
      if (IsNegation(T(i))) negated = true;
    }
    // "its support of the Government of Iraq and the Iraqi people": coordinated targets.
    std::vector<const Arg*> targets = {tgt};
    for (const Arg* g : args)
      if (g->tb > targets.back()->te && Joined(targets.back()->te, g->tb) && g->tb < right_limit + 4 &&
          !g->modifier)
        targets.push_back(g);
    for (const Arg* t : targets) {
      if (t->entity == src->entity) continue;
      bool known = false;
      for (const RelationBuild& r : out_)
        known = known || (r.verb_tok == v && r.source == src->entity && r.target == t->entity);
      if (known) continue;
      RelationBuild r;
      SetArgs(&r, src, t);
      r.verb_tok = v;
      r.relation = form.entry->relation;
      r.event = PloverEvent(form.entry->event, EventModality(modality, intention), negated);
      r.negated = negated;
      r.modality = modality;
      out_.push_back(std::move(r));
    }
  }

  // Tokens [b, e) join two coordinated arguments: "and", ",", "or", then determiners and lower-case
  // adjectives ("A, the B and the wider C").
  bool Joined(int b, int e) const {
    if (e <= b || e - b > 4) return false;
    if (!(T(b).lower == "and" || T(b).s == "," || T(b).lower == "or")) return false;
    for (int i = b; i < e; ++i) {
      const Tok& t = T(i);
      bool ok = t.lower == "and" || t.s == "," || t.lower == "or" || IsDeterminer(t.lower) ||
                (t.kind == text::TokenKind::kWord && !t.cap && t.pos == static_cast<uint8_t>(Upos::kAdj));
      if (!ok) return false;
    }
    return true;
  }

  void EmitAlly(const Arg* a, const Arg* b, int tok, Modality modality) {
    if (a->entity == b->entity || a->entity < 0 || b->entity < 0) return;
    for (const RelationBuild& r : out_)
      if (r.relation == "ally" && ((r.source == a->entity && r.target == b->entity) ||
                                   (r.source == b->entity && r.target == a->entity)))
        return;
    RelationBuild r;
    SetArgs(&r, a, b);
    r.verb_tok = tok;
    r.relation = "ally";
    r.event = "COOPERATE";
    r.modality = modality;
    out_.push_back(std::move(r));
  }

  // "Iraqi forces, Kurdish fighters and Shia militias(, backed by X,) launched the offensive": actors that
  // are coordinated subjects of one verb act together and are allies in the act, unless the verb relates
  // them to each other ("A and B met", "A and B clashed").
  void CoActors(const text::Sentence& s, const std::vector<const Arg*>& args) {
    for (size_t k = 0; k < args.size(); ++k) {
      const Arg* first = args[k];
      if (k > 0 && Joined(args[k - 1]->te, first->tb)) continue;  // not the start of a coordination
      if (InPrepPhrase(first, s.first_token)) continue;
      std::vector<const Arg*> group = {first};
      bool saw_and = false;
      for (size_t m = k + 1; m < args.size(); ++m) {
        const Arg* prev = group.back();
        const Arg* g = args[m];
        if (g->tb < prev->te) continue;
        if (!Joined(prev->te, g->tb) || g->entity == prev->entity) break;
        bool with_and = false;
        for (int i = prev->te; i < g->tb; ++i) with_and = with_and || T(i).lower == "and";
        group.push_back(g);
        saw_and = saw_and || with_and;
        if (with_and) break;
      }
      if (group.size() < 2 || !saw_and) continue;
      // The verb after the coordination, across a participial phrase between commas.
      int i = group.back()->te;
      if (i < s.end_token && T(i).s == ",") {
        while (i + 1 < s.end_token && T(i + 1).s != ",") ++i;
        i += 2;
      }
      bool negated = false;  // "Labour and the Tories are not being straight": no common act
      while (i < s.end_token && (T(i).pos == static_cast<uint8_t>(Upos::kAux) || EndsWith(T(i).lower, "ly") ||
                                 T(i).lower == "not" || IsNegation(T(i)))) {
        negated = negated || IsNegation(T(i));
        ++i;
      }
      // "are committed to", "are determined to": an adjectival participle after an auxiliary.
      bool verb = i < s.end_token && (T(i).pos == static_cast<uint8_t>(Upos::kVerb) ||
                                      (T(i).pos == static_cast<uint8_t>(Upos::kAdj) && i > group.back()->te &&
                                       T(i - 1).pos == static_cast<uint8_t>(Upos::kAux) &&
                                       (T(i).lower == "committed" || T(i).lower == "determined" ||
                                        T(i).lower == "united" || T(i).lower == "allied")));
      if (!verb || negated) continue;
      const VerbForm* f = lex_.Verb(T(i).lower);
      // Acting together means an act of the relation lexicon or one that wields a means ("launched the
      // offensive"); "Labour and the Conservatives had spent £10m", "both parties have chosen candidates"
      // make no allies.
      if (f == nullptr && !IsWieldVerb(T(i).lower) && T(i).pos == static_cast<uint8_t>(Upos::kVerb)) continue;
      if (f != nullptr && IsSymmetric(f->entry->lemma)) continue;
      if (T(i).lower == "met" || T(i).lower == "clashed" || T(i).lower == "fought" || T(i).lower == "signed") continue;
      // "three women and three children were shot dead": those who suffer an act together are no allies.
      bool passive = false;
      for (int k = group.back()->te; k < i; ++k) passive = passive || IsBe(T(k).lower);
      if (passive && T(i).pos == static_cast<uint8_t>(Upos::kVerb) && !EndsWith(T(i).lower, "ing")) continue;
      for (size_t x = 0; x < group.size(); ++x)
        for (size_t y = x + 1; y < group.size(); ++y) EmitAlly(group[x], group[y], i, Modality::kAsserted);
    }
  }

  // "government forces and their allies", "the UK and its partners": the possessor's allies.
  void AlliesOf(const text::Sentence& s, const std::vector<const Arg*>& args) {
    for (const Arg* x : args) {
      int i = x->te;
      if (i + 2 >= s.end_token || T(i).lower != "and") continue;
      const std::string& det = T(i + 1).lower;
      if (det != "its" && det != "their" && det != "his" && det != "her") continue;
      for (const Arg* y : args) {
        if (y->tb < i + 2 || y->tb > i + 3) continue;
        const std::string& head = T(y->te - 1).lower;
        if (head == "allies" || head == "partners" || head == "backers" || head == "proxies" || head == "ally")
          EmitAlly(x, y, y->te - 1, Modality::kAsserted);
      }
    }
  }

  // The subject of the verb at v. With coordinated verb phrases ("Karam visited Damascus and met
  // Haddad") the nearest argument is the first verb's object: the subject is the first verb's subject.
  const Arg* SubjectOf(int v, int left_limit, const std::vector<const Arg*>& args, int depth) const {
    const Arg* left = LeftArg(v, left_limit, args);
    if (left == nullptr || depth > 3) return left;
    if (depth == 0 && NounSubject(left, v)) return nullptr;
    int i = v - 1;
    while (i > left->te && (IsPlanned(T(i).lower) || IsHedged(T(i).lower) || IsBe(T(i).lower) ||
                            IsNegation(T(i)) || EndsWith(T(i).lower, "ly") || T(i).lower == "to" ||
                            T(i).lower == "already" || T(i).lower == "also" || T(i).lower == "still" ||
                            T(i).lower == "now" || T(i).lower == "together" ||
                            T(i).lower == "has" || T(i).lower == "have" || T(i).lower == "had"))
      --i;
    if (i < left_limit || !(T(i).lower == "and" || T(i).lower == "then" || T(i).s == ",")) return left;
    // "as Sir Digby Jones, CBI director general, warned": the comma closes an apposition of the subject.
    if (T(i).s == "," && left->te < i && T(left->te).s == ",") return left;
    // A verb before the argument, after the clause start: the argument is its object.
    for (int pv = left->tb - 1; pv >= left_limit; --pv) {
      bool verb = T(pv).pos == static_cast<uint8_t>(Upos::kVerb) ||
                  (lex_.Verb(T(pv).lower) != nullptr && T(pv).pos == 255);
      if (!verb) continue;
      const Arg* first = SubjectOf(pv, left_limit, args, depth + 1);
      return first != nullptr && first->te <= pv ? first : left;
    }
    return left;
  }

  // "Iraq faces challenges and all communities must cooperate": a common noun ends the words before the
  // verb (across auxiliaries, modals and adverbs), so a noun phrase that names no actor is its subject. A
  // noun in the argument's own phrase is the argument's ("Iraqi officials said", "Turkey's army attacked"); an
  // infinitive takes the subject of the verb it completes ("conducted strikes to support").
  bool NounSubject(const Arg* left, int v) const {
    // "must cooperate to defeat", "cash should be spent on improving": an infinitive's or a gerund's
    // subject is its governing verb's.
    if (v > 1 && (T(v - 1).lower == "to" || (IsPreposition(T(v - 1).lower) && EndsWith(T(v).lower, "ing"))))
      return v - 2 > left->te && T(v - 2).pos == static_cast<uint8_t>(Upos::kVerb) && NounSubject(left, v - 2);
    int i = v - 1;
    while (i > left->te && (IsPlanned(T(i).lower) || IsHedged(T(i).lower) || IsBe(T(i).lower) || IsNegation(T(i)) ||
                            EndsWith(T(i).lower, "ly") || T(i).pos == static_cast<uint8_t>(Upos::kAux) ||
                            T(i).lower == "also" || T(i).lower == "still" || T(i).lower == "already"))
      --i;
    if (i < left->te || i < left->tb) return false;
    const Tok& t = T(i);
    if (t.kind != text::TokenKind::kWord || t.cap || t.pos != static_cast<uint8_t>(Upos::kNoun) || IsTimeNoun(t.lower))
      return false;
    // "U.S. border patrol agents abused", "British aircraft using guided missiles killed": the noun is the
    // head of the argument's own phrase.
    int j = left->te;
    while (j < i && T(j).kind == text::TokenKind::kWord && !T(j).cap &&
           (T(j).pos == static_cast<uint8_t>(Upos::kNoun) || T(j).pos == static_cast<uint8_t>(Upos::kAdj)))
      ++j;
    if (j == i) {
      // "German companies hosting", "an Iraqi satellite TV network that transmits": a country or nationality
      // acts through its people, forces and means, not through any noun it modifies.
      EntityType type = a_.entities[left->entity].type;
      if (type != EntityType::kNorp && type != EntityType::kGpe) return false;
      static const std::unordered_set<std::string_view> kAgents = {
          "government", "authorities", "police", "ministry", "agents", "staff", "crews", "personnel",
          "operations", "operation", "offensive", "campaign", "regime", "leadership", "administration",
          "delegation", "embassy", "media", "state", "authority", "intelligence", "ships", "warships", "vessels",
          "missiles", "rockets", "bombers", "submarines", "hackers", "negotiators", "judge", "judges", "court",
          "courts", "prosecutor", "prosecutors", "negotiator", "delegate", "pilot", "pilots"};
      const std::string& head = T(i).lower;  // "a Russian official", "an Argentine judge": people too
      return !kAgents.count(head) && !IsArmedForce(head) && !lex_.IsGroupNoun(head) &&
             !lex_.IsGroupNoun(head + "s") && !lex_.IsTitle(head);
    }
    if (T(j).pos == static_cast<uint8_t>(Upos::kVerb) && EndsWith(T(j).lower, "ing")) return false;
    // "the coalition in the last 24 hours conducted": the noun is in a phrase between subject and verb.
    bool joined = false;  // "foster families in the UK and carers have said": a new subject
    for (int k = left->te; k < i && !joined; ++k) joined = T(k).lower == "and" || T(k).lower == "but" || T(k).s == ",";
    if (IsPreposition(T(left->te).lower) && !VerbBetween(left->te, i) && !joined) return false;
    // "strikes coordinated with Iraq", "strikes delivering munitions": a participle after a means noun
    // modifies it, and the means stand for their wielder.
    const VerbForm* f = lex_.Verb(T(v).lower);
    bool participle = EndsWith(T(v).lower, "ing") ||
                      (f != nullptr && f->kind == VerbFormKind::kPast && v + 1 < static_cast<int>(a_.toks.size()) &&
                       IsPreposition(T(v + 1).lower));
    return !(i == v - 1 && participle);
  }

  // The first argument of the clause that is not inside a prepositional phrase.
  const Arg* ClauseSubject(int v, int left_limit, const std::vector<const Arg*>& args) const {
    for (const Arg* g : args) {
      if (g->tb < left_limit || g->te > v || g->modifier) continue;
      int before = g->tb - 1;
      while (before >= left_limit && IsDeterminer(T(before).lower)) --before;
      if (before >= left_limit && IsPreposition(T(before).lower)) continue;
      return g;
    }
    return nullptr;
  }

  // "X has used chemical weapons against Y", "operations against Y": a clause whose subject acts with a
  // military means against an actor, without a lexicon trigger.
  void Against(const text::Sentence& s, const std::vector<const Arg*>& args) {
    static const std::unordered_set<std::string_view> kMeans = {
        "weapons", "weapon", "operations", "operation", "strikes", "airstrikes", "offensive", "campaign",
        "war", "defenses", "defences", "fight", "fighting", "battle", "forces", "troops", "attacks",
        "bombs", "missiles", "rockets", "gas", "violence", "crimes", "terrorism", "force"};
    for (int a = s.first_token + 1; a < s.end_token; ++a) {
      if (T(a).lower != "against") continue;
      int means = -1;
      for (int i = a - 1; i >= s.first_token && i >= a - 4; --i)
        if (kMeans.count(T(i).lower)) means = i;
      if (means < 0) continue;
      const Arg* tgt = nullptr;
      for (const Arg* g : args)
        if (tgt == nullptr && g->tb > a && g->tb <= a + 3 && !g->modifier) tgt = g;
      if (tgt == nullptr) continue;
      int left_limit = s.first_token;
      for (int i = means - 1; i >= s.first_token; --i)
        if (IsBoundary(T(i))) {
          left_limit = i + 1;
          break;
        }
      const Arg* src = nullptr;
      // "US airstrikes against", "ISIL's operations against", "the regime's chemical weapons against".
      for (const Arg* g : args)
        if (g->te <= means && g->te >= means - 2 && g->tb >= left_limit && !AnyPreposition(g->te, means) &&
            !VerbBetween(g->te, means))
          src = g;
      // Else the subject of a verb that wields the means ("X launched operations against Y", "X has used
      // chemical weapons against Y").
      if (src == nullptr) {
        for (int i = means - 1; i >= left_limit && i >= means - 5; --i)
          if (IsWieldVerb(T(i).lower)) {
            src = SubjectOf(i, left_limit, args, 0);
            break;
          }
      }
      if (src == nullptr || src->entity == tgt->entity) continue;
      bool known = false;
      for (const RelationBuild& r : out_)
        if (r.source == src->entity && r.target == tgt->entity && T(r.verb_tok).sentence == T(a).sentence)
          known = true;
      if (known) continue;
      RelationBuild r;
      SetArgs(&r, src, tgt);
      r.verb_tok = means;
      r.relation = "fight";
      r.event = "FIGHT";
      out_.push_back(std::move(r));
    }
  }

  // An argument in a place or time adjunct ("Near Rawah, one strike destroyed ...", "In Damascus"): not a
  // subject.
  bool InAdjunct(const Arg* g, int left_limit) const {
    static const std::unordered_set<std::string_view> kLocative = {
        "in", "at", "near", "on", "during", "after", "before", "since", "across", "inside", "around",
        "outside", "within", "into", "from", "over", "under", "through", "to", "throughout", "towards"};
    int i = g->tb - 1;
    while (i >= left_limit && (IsDeterminer(T(i).lower) || (T(i).kind == text::TokenKind::kWord && !T(i).cap &&
                                                             !kLocative.count(T(i).lower) && i == g->tb - 1 &&
                                                             EndsWith(T(i).lower, "ern"))))
      --i;  // "in northern Syria"
    return i >= left_limit && kLocative.count(T(i).lower) > 0;
  }

  // An argument inside a prepositional phrase: a preposition before it, across determiners, numbers and
  // lower-case modifiers ("in northern Syria", "of the Iraqi army"). "by" introduces agents and is not
  // counted.
  bool InPrepPhrase(const Arg* g, int left_limit) const { return PrepBefore(g, left_limit) >= 0; }

  // Prepositions through which an actor acts by a member ("a spokesman for the ministry").
  static const std::unordered_set<std::string_view>& kAttributivePreps() {
    static const std::unordered_set<std::string_view> k = {"of", "for", "from", "with", "among",
                                                           "including", "like", "between"};
    return k;
  }

  // The token of the preposition that puts g inside a prepositional phrase, or -1.
  int PrepBefore(const Arg* g, int left_limit) const {
    static const std::unordered_set<std::string_view> kPreps = {
        "in", "at", "near", "from", "for", "with", "to", "into", "over", "under", "against", "during", "of",
        "on", "inside", "outside", "across", "around", "within", "through", "throughout", "towards", "toward",
        "among", "between", "like", "including", "despite", "about", "behind", "beyond", "via", "without"};
    int i = g->tb - 1;
    for (int k = 0; k < 3 && i >= left_limit; ++k) {
      const Tok& t = T(i);
      bool modifier = IsDeterminer(t.lower) || t.kind == text::TokenKind::kNumber ||
                      (t.kind == text::TokenKind::kWord && !t.cap &&
                       (t.pos == static_cast<uint8_t>(Upos::kAdj) || t.pos == static_cast<uint8_t>(Upos::kNum) ||
                        t.pos == static_cast<uint8_t>(Upos::kDet)));
      if (!modifier) break;
      --i;
    }
    if (i > left_limit && T(i).lower == "to" && T(i - 1).lower == "up") return -1;  // "up to 100 people"
    // "about 30,000 troops", "over 60 civilians": a quantity, not a phrase.
    if (i + 1 < g->tb && (T(i + 1).kind == text::TokenKind::kNumber || T(i + 1).pos == static_cast<uint8_t>(Upos::kNum)) &&
        (T(i).lower == "about" || T(i).lower == "over" || T(i).lower == "under" || T(i).lower == "around"))
      return -1;
    if (i >= left_limit && kPreps.count(T(i).lower) > 0) return i;
    // "on behalf of President Obama and the American people": a conjunct of a phrase is inside it.
    if (i >= left_limit && (T(i).lower == "and" || T(i).lower == "or"))
      for (const Arg& h : a_.args)
        if (h.te == i && h.tb >= left_limit && h.tb < g->tb) return PrepBefore(&h, left_limit);
    return -1;
  }

  // An argument right before a speech verb at the end of a report ("..., X said", "he added").
  bool SpeakerOfReport(const Arg* g) const {
    int i = g->te;
    if (i >= static_cast<int>(a_.toks.size()) || T(i).sentence != T(g->tb).sentence) return false;
    const VerbForm* f = lex_.Verb(T(i).lower);
    bool speech = (f != nullptr && IsSpeechLemma(f->entry->lemma)) || T(i).lower == "added";
    int b = g->tb;  // ", Mr Howard told": titles before the name
    while (b > 0 && T(b - 1).cap && (lex_.IsTitle(T(b - 1).lower) || T(b - 1).s == ".")) --b;
    return speech && b > 0 && (T(b - 1).s == "," || IsQuote(T(b - 1).s) || g->pronoun);
  }

  bool PossessiveEnd(int tok) const {
    std::string_view w = T(tok).s;
    return EndsWith(w, "'s") || EndsWith(w, "\xE2\x80\x99s");
  }

  // The noun at v closes a prepositional phrase that starts in [b, v): "in a call with", "during their
  // visit to" (only determiners, adjectives, numbers and possessives between the preposition and v).
  bool HeadsPhrase(int b, int v) const {
    int p = -1;
    for (int i = b; i < v; ++i)
      if (IsPreposition(T(i).lower)) p = i;
    if (p < 0) return false;
    for (int i = p + 1; i < v; ++i) {
      const Tok& t = T(i);
      bool ok = IsDeterminer(t.lower) || t.kind == text::TokenKind::kNumber || PossessiveEnd(i) ||
                t.pos == static_cast<uint8_t>(Upos::kAdj) || t.pos == static_cast<uint8_t>(Upos::kNum);
      if (!ok) return false;
    }
    return true;
  }

  // A verb (not an auxiliary, not one that wields what follows: "opened investigations against") among
  // tokens [b, e).
  bool VerbBetween(int b, int e) const {
    for (int i = b; i < e; ++i)
      if (T(i).pos == static_cast<uint8_t>(Upos::kVerb) && !IsWieldVerb(T(i).lower)) return true;
    return false;
  }

  // A verb among tokens [b, e) that heads a clause of its own after a noun or a comma, or a clause that a
  // noun opens: "reports of atrocities being committed by", "companies hosting", "air strikes, launched the
  // offensive", "the reports which". Not the verb's own complement ("threatened to launch", "began
  // shelling"), not a gerund after a preposition ("a formula for ending"), not "following" or "including";
  // but "the offensive to retake": an infinitive after a noun is the noun's.
  bool InnerVerb(int b, int e) {
    bool noun = false;
    for (int i = b; i < e; ++i) {
      const Tok& t = T(i);
      if ((t.pos == static_cast<uint8_t>(Upos::kNoun) || t.pos == static_cast<uint8_t>(Upos::kPropn)) &&
          !IsWeekday(t.lower) && !IsMonth(t.lower))  // "threatened Monday to resume"
        noun = true;
      // "the reports which Iran denied": a relative clause on a noun. (Not "that": "welcomed the news that
      // the Government of Iraq has raised the flag" welcomes what the government did.)
      if (noun && (t.lower == "which" || t.lower == "who" || t.lower == "whom") &&
          T(i - 1).pos == static_cast<uint8_t>(Upos::kNoun) && !T(i - 1).cap)
        return true;
      if (!(noun || T(i - 1).s == ",") || t.pos != static_cast<uint8_t>(Upos::kVerb) || IsBe(t.lower) || T(i - 1).s == "-" ||
          (i + 1 < e && T(i + 1).s == "-"))  // "war-torn"
        continue;
      if (lex_.Verb(t.lower) == nullptr && LemmaOf(t.lower).empty()) continue;  // "to five": no verb at all
      bool repeated = false;  // "shoulder to shoulder with", "side by side"
      for (int k = b; k < i && !repeated; ++k) repeated = T(k).lower == t.lower;
      if (repeated) continue;
      if ((IsPreposition(T(i - 1).lower) && T(i - 1).lower != "to") || IsPrepositionalVerb(t.lower)) continue;
      return true;
    }
    return false;
  }

  // Whether what the speech verb at `v` reports is a demand: "must" in it before `limit`.
  bool ReportsDemand(int v, int limit) const {
    for (int i = v + 1; i < limit; ++i)
      if (T(i).lower == "must") return true;
    return false;
  }

  // Tokens [b, e) between a speech verb and an actor leave the actor addressed or the subject of the
  // report: "that", determiners, adverbs, lower-case adjectives, a date ("said on Monday that") and the
  // title before a name ("announced that President Kagame").
  bool Addressed(int b, int e) const {
    for (int i = b; i < e; ++i) {
      const Tok& t = T(i);
      bool date = t.kind == text::TokenKind::kNumber || IsMonth(t.lower) || IsWeekday(t.lower) ||
                  t.lower == "today" || t.lower == "yesterday" || t.lower == "tonight" ||
                  (t.lower == "on" && i + 1 < e &&
                   (T(i + 1).kind == text::TokenKind::kNumber || IsMonth(T(i + 1).lower) || IsWeekday(T(i + 1).lower)));
      // "said to reporters": "to" right after the verb addresses.
      bool ok = date || (i == b && t.lower == "to") || (t.cap && lex_.IsTitle(t.lower)) || t.lower == "that" ||
                t.s == "," || IsDeterminer(t.lower) || EndsWith(t.lower, "ly") ||
                (t.kind == text::TokenKind::kWord && !t.cap && t.pos == static_cast<uint8_t>(Upos::kAdj));
      if (!ok) return false;
    }
    return true;
  }

  bool AnyPreposition(int b, int e) const {
    for (int i = b; i < e; ++i)
      if (IsPreposition(T(i).lower)) return true;
    return false;
  }

  // The comma that opens a passive participle phrase (", backed by X,") holding g and closed before v, or
  // -1.
  int ParticiplePhrase(const Arg* g, int v, int left_limit) const {
    int close = -1;
    for (int i = g->te; i < v && close < 0; ++i)
      if (T(i).s == ",") close = i;
    if (close < 0) return -1;
    for (int open = g->tb - 1; open >= left_limit; --open) {
      if (T(open).s != ",") continue;
      const Tok& first = T(open + 1);
      int by = open + 2 < g->tb && EndsWith(T(open + 2).lower, "ly") ? open + 3 : open + 2;  // "heavily backed by"
      bool participle = by < g->tb && first.pos == static_cast<uint8_t>(Upos::kVerb) && !first.cap &&
                        (EndsWith(first.lower, "ed") || EndsWith(first.lower, "en")) && T(by).lower == "by";
      return participle ? open : -1;
    }
    return -1;
  }

  // The subject: the nearest argument before v in the clause; when an apposition or parenthetical
  // ", the US envoy to Syria," stands right before the verb, the argument before its first comma.
  const Arg* LeftArg(int v, int left_limit, const std::vector<const Arg*>& args) const {
    const Arg* nearest = nullptr;
    for (const Arg* g : args) {
      if (g->te > v || g->tb < left_limit || g->modifier) continue;
      if (nearest == nullptr || g->te > nearest->te || (g->te == nearest->te && g->tb < nearest->tb)) nearest = g;
    }
    if (nearest == nullptr) return nullptr;
    // "On behalf of the American people, I congratulate ...": a pronoun no one resolved is the subject.
    for (int i = nearest->te; i < v; ++i) {
      const std::string& w = T(i).lower;
      if (T(i).s == "I" || w == "we" || w == "you" || w == "he" || w == "she" || w == "they" || w == "it") {
        bool resolved = false;
        for (const Arg* g : args) resolved = resolved || (g->tb == i);
        if (!resolved) return nullptr;
      }
    }
    // "Kurdish fighters and Shia militiamen, assisted by US-led air strikes, launched the offensive to
    // retake": the agent inside a participle phrase between commas is not the subject of what follows.
    if (int open = ParticiplePhrase(nearest, v, left_limit); open >= 0) {
      for (const Arg* g : args)
        if (g->te == open && g->tb >= left_limit && !g->modifier) return g;
      return nullptr;
    }
    int close = v - 1;
    while (close > nearest->te && (IsPlanned(T(close).lower) || IsHedged(T(close).lower) || T(close).lower == "to" ||
                                   IsBe(T(close).lower) || IsNegation(T(close)) || EndsWith(T(close).lower, "ly") ||
                                   T(close).lower == "has" || T(close).lower == "have" || T(close).lower == "had" ||
                                   T(close).pos == static_cast<uint8_t>(Upos::kAux)))
      --close;
    if (close >= left_limit && T(close).s == ",") {
      // "Mr Mubanga, 32, from Wembley, London, said": ages and home towns between commas describe the name
      // before them.
      int chain = close;
      for (int open = close - 1; open >= left_limit; --open) {
        if (T(open).s != ",") continue;
        bool described = open + 1 < chain;
        for (int k = open + 1; k < chain && described; ++k) {
          bool place = false;  // a place the lexicons know, or any after "from" ("from Wembley")
          for (const Arg* g : args)
            place = place || (g->tb <= k && k < g->te && (a_.entities[g->entity].type == EntityType::kGpe ||
                                                          a_.entities[g->entity].type == EntityType::kLoc) &&
                              (lex_.Place(a_.entities[g->entity].key) != nullptr ||
                               (g->tb > open + 1 && (T(g->tb - 1).lower == "from" || T(g->tb - 1).lower == "in"))));
          described = place || T(k).kind == text::TokenKind::kNumber || T(k).lower == "from" ||
                      T(k).lower == "aged" || T(k).lower == "in";
        }
        if (!described) break;
        chain = open;
      }
      if (chain < close) {
        for (const Arg* g : args)
          if (g->te == chain && g->tb >= left_limit && !g->modifier) return g;
        return nullptr;
      }
      for (int open = close - 1; open >= left_limit; --open) {
        if (T(open).s != ",") continue;
        // "The American envoy to Syria, Tom Barrack, announced": the name between the commas is the
        // subject; "Tom Burke, the American envoy to Syria, met": the name before them is.
        if (nearest->tb == open + 1 && nearest->te == close && !nearest->pronoun) break;
        for (const Arg* g : args)
          if (g->te == open && g->tb >= left_limit && !g->modifier) return g;
        break;
      }
    }
    // An infinitive or gerund takes its subject from the phrase it completes ("the Coalition to defeat
    // ISIL", "forces focused on defeating ISIL").
    bool controlled = v > left_limit && (T(v - 1).lower == "to" || IsPreposition(T(v - 1).lower));
    // "The UK is working with its allies to support X": a purpose after a prepositional object is the
    // clause subject's.
    if (controlled && T(v - 1).lower == "to" && PrepBefore(nearest, left_limit) >= 0 &&
        T(PrepBefore(nearest, left_limit)).lower != "of") {
      if (const Arg* subject = ClauseSubject(v, left_limit, args)) return subject;
    }
    if (!controlled) {
      // An actor inside a prepositional phrase is not the subject: "Rebels in the Ivory Coast dismissed"
      // (the phrase it modifies is, when an actor); a place or time phrase ("In Geneva, ...", "on Tuesday in
      // Serbia") holds no subject. But "a spokesman for the ministry said", "a delegation from Iran met":
      // the actor speaks through its member.
      const auto& kAttributive = kAttributivePreps();
      for (int depth = 0; depth < 2 && nearest != nullptr; ++depth) {
        int prep = PrepBefore(nearest, left_limit);
        if (prep < 0) break;
        const Arg* head = nullptr;
        for (int cur = prep, hop = 0; head == nullptr && hop < 4; ++hop) {
          for (const Arg* g : args)
            if (g->te == cur && g->tb >= left_limit && !g->modifier) head = g;
          if (head != nullptr) break;
          // "Syrian army guards at a power station near Homs were attacked": across a chain of phrases.
          int j = cur - 1;
          while (j >= left_limit && T(j).kind != text::TokenKind::kPunct && !T(j).cap &&
                 (IsDeterminer(T(j).lower) || T(j).pos == static_cast<uint8_t>(Upos::kNoun) ||
                  T(j).pos == static_cast<uint8_t>(Upos::kAdj) || T(j).pos == static_cast<uint8_t>(Upos::kNum)))
            --j;
          if (j < left_limit || j == cur - 1 || !IsPreposition(T(j).lower)) break;
          cur = j;
        }
        if (head == nullptr && kAttributive.count(T(prep).lower)) break;
        nearest = head;
      }
      if (nearest == nullptr) return nullptr;
    }
    return nearest;
  }

  // A town or region used as a noun modifier ("the Mosul offensive", "in support of the Raqqah operations")
  // names no participant.
  bool PlaceModifier(const Arg* g) const {
    const EntityBuild& e = a_.entities[g->entity];
    if (e.type != EntityType::kGpe && e.type != EntityType::kLoc) return false;
    const PlaceInfo* place = lex_.Place(e.key);
    if (place != nullptr && place->country) return false;  // "U.S. ships", "the U.S. military" act
    if (g->te >= static_cast<int>(a_.toks.size()) || PossessiveEnd(g->te - 1)) return false;  // "Turkey's bid"
    const Tok& next = T(g->te);
    return next.kind == text::TokenKind::kWord && !next.cap && next.pos == static_cast<uint8_t>(Upos::kNoun);
  }

  // "Raqqah, Syria": a town or region, a comma and a country; the country says where the town is.
  bool TownInCountry(const Arg* town, const Arg* country) const {
    if (country->tb != town->te + 1 || T(town->te).s != ",") return false;
    const EntityBuild& t = a_.entities[town->entity];
    const EntityBuild& c = a_.entities[country->entity];
    if ((t.type != EntityType::kGpe && t.type != EntityType::kLoc) || c.type != EntityType::kGpe) return false;
    const PlaceInfo* town_place = lex_.Place(t.key);
    const PlaceInfo* country_place = lex_.Place(c.key);
    return (town_place == nullptr || !town_place->country) && country_place != nullptr && country_place->country;
  }

  // Objects: the first argument after `after` (not the subject), then arguments coordinated with it.
  std::vector<const Arg*> RightArgs(int after, int right_limit, const std::vector<const Arg*>& args,
                                    int subject) const {
    std::vector<const Arg*> out;
    for (const Arg* g : args) {
      if (g->tb <= after || g->tb >= right_limit || g->modifier) continue;
      // '... the fighters they capture," said Mr Colville': an object never lies beyond a closing quote.
      bool quote = false;
      for (int i = after + 1; i < g->tb && !quote; ++i) {
        if (!IsQuote(T(i).s) || T(i).s == "\xE2\x80\x99") continue;
        const VerbForm* f = i + 1 < g->tb ? lex_.Verb(T(i + 1).lower) : nullptr;
        quote = T(i - 1).s == "," || (f != nullptr && IsSpeechLemma(f->entry->lemma));  // closes a quotation
      }
      if (quote) break;
      if (g->entity == subject && g->pronoun) continue;  // "met his counterpart"
      // "offered his congratulations, as did Michael Howard": a second subject, not an object.
      if (g->tb >= after + 3 && T(g->tb - 2).lower == "as" &&
          (T(g->tb - 1).lower == "did" || T(g->tb - 1).lower == "have" || T(g->tb - 1).lower == "has" ||
           T(g->tb - 1).lower == "do" || T(g->tb - 1).lower == "does"))
        break;
      // "X attacked Y and Z retaliated", "accepted there was no plot and I think": an argument after "and"
      // or "but" that a verb follows is the subject of a clause of its own.
      if (g->tb > after + 1 && (T(g->tb - 1).lower == "and" || T(g->tb - 1).lower == "but") &&
          g->te < static_cast<int>(a_.toks.size()) && T(g->te).sentence == T(g->tb).sentence &&
          (T(g->te).pos == static_cast<uint8_t>(Upos::kAux) ||
           (T(g->te).pos == static_cast<uint8_t>(Upos::kVerb) && !EndsWith(T(g->te).lower, "ing")) ||
           (EndsWith(T(g->te).lower, "ly") && g->te + 1 < static_cast<int>(a_.toks.size()) &&
            T(g->te + 1).pos == static_cast<uint8_t>(Upos::kVerb))))
        break;
      if (SpeakerOfReport(g)) break;  // "..., Pentagon Press Secretary Peter Cook said": the source, not an object
      if (out.empty()) {
        if (g->entity == subject || PlaceModifier(g)) continue;
        out.push_back(g);
        continue;
      }
      if (g->tb == out[0]->tb && g->te == out[0]->te) {  // "praised both men": the second of a pair
        if (g->entity != subject) out.push_back(g);
        continue;
      }
      // "to the Syrian government": a nationality inside a longer argument is not one of its own ("Syrian
      // government", not "Syrian"); a country is ("U.S.-led coalition": the United States too).
      if (g->tb < out.back()->te) {
        if (g->tb == out.back()->tb && g->te > out.back()->te && out.size() == 1 &&
            a_.entities[out[0]->entity].type == EntityType::kNorp)
          out[0] = g;
        else if (g->tb == out.back()->tb && g->te > out.back()->te)
          out.push_back(g);
        continue;
      }
      // "met Syria's al-Haddad": the possessor is not the object, the possessed is.
      if (out.size() == 1 && g->tb == out[0]->te && PossessiveEnd(out[0]->te - 1)) {
        out[0] = g;
        continue;
      }
      const Arg* last = out.back();
      if (TownInCountry(last, g)) break;  // "isolate Raqqah, Syria": where the town is
      bool joined = true;
      for (int i = last->te; i < g->tb; ++i)
        if (!(T(i).lower == "and" || T(i).s == "," || T(i).lower == "or")) joined = false;
      if (!joined || g->tb == last->te) break;
      out.push_back(g);
    }
    return out;
  }

  const Lexicon& lex_;
  const DocAnalysis& a_;
  std::vector<RelationBuild>& out_;
  std::deque<VerbEntry> entries_;                         // of unlisted verbs; stable addresses
  std::deque<VerbForm> phrase_forms_;                     // forms of phrase entries
  std::unordered_map<std::string, std::string> lemmas_;   // word -> VerbLemma ("" for none)
  std::unordered_map<std::string, VerbForm> unlisted_;    // word -> its form
  int phrase_end_ = -1;  // the last token of the verb phrase matched at the current verb, or -1
};

}  // namespace

void FindRelations(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* out) {
  RelationFinder(lex, a, out).Run();
  // Metonymy: a capital that acts is its country ("Damascus said", "Washington warned Ankara"), when the
  // document names the country; the place of a movement stays the city ("visited Damascus").
  auto country_of = [&](int entity) -> int {
    const EntityBuild& e = a.entities[entity];
    if (e.type != EntityType::kGpe) return entity;
    const std::string* country = lex.CountryOfCapital(e.key);
    if (country == nullptr) return entity;
    auto it = a.by_key.find(text::NameKey(*country));
    return it == a.by_key.end() ? entity : it->second;
  };
  static const std::unordered_set<std::string_view> kMovement = {"visit", "travel", "arrive", "leave", "return",
                                                                 "evacuate", "withdraw", "retreat"};
  // A town or region does not act ("Near Tal Afar, strikes ...", "the campaign to liberate Raqqah"): only
  // countries among places are sources. Places stay targets ("imposed a curfew in Algiers").
  // A place the lexicons do not know is a town when every mention of it follows a locative preposition.
  // The word before token tb, across determiners ("" at the start of the text).
  auto word_before = [&](int tb) -> std::string_view {
    int i = tb - 1;
    while (i >= 0 && IsDeterminer(a.toks[i].lower)) --i;
    return i < 0 ? std::string_view() : std::string_view(a.toks[i].lower);
  };
  std::vector<int8_t> acts_cache(a.entities.size(), -1);  // per entity: -1 not yet known, 0 no, 1 yes
  auto acts = [&](int entity) {
    if (acts_cache[entity] >= 0) return acts_cache[entity] == 1;
    const EntityBuild& e = a.entities[entity];
    bool yes = false;
    if (e.type != EntityType::kGpe && e.type != EntityType::kLoc) {
      yes = true;
    } else if (const PlaceInfo* place = lex.Place(e.key)) {
      yes = place->country;
    } else {
      static const std::unordered_set<std::string_view> kLocative = {"in", "near", "at", "from", "around",
                                                                     "outside", "into"};
      for (const Arg& g : a.args)
        if (g.entity == entity && !g.pronoun && !g.modifier && !kLocative.count(word_before(g.tb))) yes = true;
    }
    acts_cache[entity] = yes ? 1 : 0;
    return yes;
  };
  std::vector<RelationBuild> kept;
  for (RelationBuild& r : *out) {
    int source = country_of(r.source);
    if (source != r.source) r.source_ref = true;
    r.source = source;
    // "attacks in Baghdad" hit the city; "warned Damascus" warns the state.
    static const std::unordered_set<std::string_view> kPlacePhrase = {"in", "at", "near", "around", "outside",
                                                                      "inside"};
    bool place_phrase = r.target_tb > 0 && kPlacePhrase.count(word_before(r.target_tb)) > 0;
    if (!kMovement.count(r.relation) && !place_phrase) {
      int target = country_of(r.target);
      if (target != r.target) r.target_ref = true;
      r.target = target;
    }
    // "condemned the attacks in Paris", "discussed efforts in Mosul": a verbal act is about what happened in
    // a town and does not target it; a material one does ("imposed a curfew in Algiers").
    const VerbForm* form = lex.Verb(a.toks[r.verb_tok].lower);
    // ("threatened to institute a curfew in Algiers": the threat's target is the curfew's.)
    bool verbal = form != nullptr && StartsWith(form->entry->quad, "verbal") &&
                  !(r.verb_tok + 1 < static_cast<int>(a.toks.size()) && a.toks[r.verb_tok + 1].lower == "to");
    bool about_town = place_phrase && verbal && !acts(r.target);
    if (r.source != r.target && acts(r.source) && !about_town) kept.push_back(std::move(r));
  }
  *out = std::move(kept);
  CodeRelations(lex, a, out);
}

}  // namespace ag::extract
