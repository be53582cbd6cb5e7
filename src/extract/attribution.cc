// Attribution of reported speech. See attribution.h.
#include "extract/attribution.h"

#include "extract/pos_tagger.h"
#include "extract/words.h"

#include <algorithm>
#include <span>
#include <vector>

namespace ag::extract {
namespace {

class Attributor {
 public:
  Attributor(const Lexicon& lex, const DocAnalysis& a)
      : lex_(lex), a_(a), according_(a.sentences.size(), kUnknown) {}

  // The entity whose report relation `r` stands in, or -1.
  int SpeakerOf(const RelationBuild& r) {
    const int v = r.verb_tok;
    const int si = a_.toks[v].sentence;
    const text::Sentence& s = a_.sentences[si];
    if (according_[si] == kUnknown) according_[si] = AccordingTo(s);  // once per sentence
    int speaker = according_[si];
    if (speaker < 0) speaker = SpeakerBefore(s, r);
    if (speaker < 0) speaker = SpeakerAfter(s, v);
    return speaker == r.source ? -1 : speaker;
  }

 private:
  static constexpr int kUnknown = -2;

  const Tok& T(int i) const { return a_.toks[i]; }

  // The arguments that start in tokens [b, e) (DocAnalysis::args is sorted by tb).
  std::span<const Arg> ArgsIn(int b, int e) const {
    auto by_tb = [](const Arg& g, int t) { return g.tb < t; };
    auto first = std::lower_bound(a_.args.begin(), a_.args.end(), b, by_tb);
    auto last = std::lower_bound(first, a_.args.end(), e, by_tb);
    return {first, last};
  }

  // A verb of saying used as a verb at token `i` ("said", "announces"; not the noun "report").
  bool IsSpeechVerb(int i) const {
    if (T(i).kind != text::TokenKind::kWord || T(i).pos != static_cast<uint8_t>(Upos::kVerb)) return false;
    const VerbForm* f = lex_.Verb(T(i).lower);
    return f != nullptr && f->kind != VerbFormKind::kNoun && IsSpeechLemma(f->entry->lemma);
  }

  // The name argument starting within three tokens after `i` (determiners and titles before it).
  const Arg* ArgAfter(int i, int limit) const {
    for (const Arg& g : ArgsIn(i + 1, std::min(i + 4, limit)))
      if (!g.modifier) return &g;
    return nullptr;
  }

  // "according to X", "according to a study by X": X, the first name in the phrase (before a comma or a
  // verb, at most eight words).
  int AccordingTo(const text::Sentence& s) const {
    for (int i = s.first_token; i + 2 < s.end_token; ++i) {
      if (T(i).lower != "according" || T(i + 1).lower != "to") continue;
      int end = i + 2;
      while (end < s.end_token && end < i + 10 && T(end).s != "," && T(end).pos != static_cast<uint8_t>(Upos::kVerb))
        ++end;
      for (const Arg& g : ArgsIn(i + 2, end))
        if (!g.modifier) return g.entity;
    }
    return -1;
  }

  // "X said (that) Y would ...": the nearest verb of saying before the relation's subject, and its own
  // subject: the argument that ends right before it (adverbs, auxiliaries and negation between).
  int SpeakerBefore(const text::Sentence& s, const RelationBuild& r) const {
    const int first = r.source_tb >= 0 ? std::min(r.source_tb, r.verb_tok) : r.verb_tok;
    for (int sv = first - 1; sv >= s.first_token; --sv) {
      if (!IsSpeechVerb(sv)) continue;
      const Arg* subject = nullptr;
      for (const Arg& g : ArgsIn(s.first_token, sv)) {
        if (g.te > sv || g.modifier) continue;
        bool adjacent = true;
        for (int k = g.te; k < sv && adjacent; ++k) {
          const uint8_t pos = T(k).pos;
          adjacent = pos == static_cast<uint8_t>(Upos::kAux) || pos == static_cast<uint8_t>(Upos::kAdv) ||
                     pos == static_cast<uint8_t>(Upos::kPart);
        }
        if (adjacent) subject = &g;
      }
      return subject != nullptr ? subject->entity : -1;
    }
    return -1;
  }

  // "..., the ministry said." / "..., said Omar Haddad.": a verb of saying after the relation that a comma
  // or a quotation mark opens, with its speaker right after it or in the words between the comma and it
  // (no verb there: "..., the Turkish army said", "..., US envoy Ana Ruiz told reporters").
  int SpeakerAfter(const text::Sentence& s, int v) const {
    auto opens = [&](int i) { return i > s.first_token && (T(i - 1).s == "," || IsQuote(T(i - 1).s)); };
    for (int sv = v + 1; sv < s.end_token; ++sv) {
      if (!IsSpeechVerb(sv)) continue;
      if (opens(sv))
        if (const Arg* g = ArgAfter(sv, s.end_token)) return g->entity;
      int c = sv - 1;  // the opening comma or quotation mark
      while (c > v && T(c).s != "," && !IsQuote(T(c).s) && T(c).pos != static_cast<uint8_t>(Upos::kVerb)) --c;
      if (c <= v || T(c).pos == static_cast<uint8_t>(Upos::kVerb)) return -1;
      int speaker = -1;
      for (const Arg& g : ArgsIn(c + 1, sv)) {
        if (g.te > sv) continue;
        if (!g.modifier || speaker < 0) speaker = g.entity;
      }
      return speaker;
    }
    return -1;
  }

  const Lexicon& lex_;
  const DocAnalysis& a_;
  std::vector<int> according_;  // per sentence: AccordingTo, or kUnknown before it is needed
};

}  // namespace

void AttributeReportedSpeech(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* relations) {
  Attributor attributor(lex, a);
  for (RelationBuild& r : *relations) r.attributed = attributor.SpeakerOf(r);
}

}  // namespace ag::extract
