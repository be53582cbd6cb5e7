// The actor pass: finds name mentions (capitalised runs with particles, titles and possessives handled),
// types them from the lexicons, merges variants into entities within the document (full name, surname,
// "President X", acronyms defined in parentheses) and resolves pronouns and definite descriptions ("he",
// "the minister") to the most recent fitting actor. Fills DocAnalysis::entities, by_key and args.
#ifndef AG_EXTRACT_MENTIONS_H_
#define AG_EXTRACT_MENTIONS_H_

#include "extract/analysis.h"
#include "extract/lexicon.h"

namespace ag::extract {

// Fills a->toks from the segmentation of a->text (a->text and a->sentences must be set).
void BuildTokens(const text::Segmentation& seg, DocAnalysis* a);

class PosTagger;
class NerTagger;

// The statistical taggers; either may be null (then the rules work alone).
struct Taggers {
  const PosTagger* pos = nullptr;
  const NerTagger* ner = nullptr;
};

// Tags parts of speech into a->toks (when taggers.pos is set) and finds the actors. Mention candidates
// are the mention tagger's spans, except where a capitalised run that the gazetteers or an organisation
// word identify overlaps them; the rules then strip titles, cut possessives, type and canonicalise.
void FindActors(const Lexicon& lex, const Taggers& taggers, DocAnalysis* a);

}  // namespace ag::extract

#endif  // AG_EXTRACT_MENTIONS_H_
