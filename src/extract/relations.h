// The relation pass: verb-mediated relations between actor arguments of the same clause, using the verb
// lexicon for lemma, relation and PLOVER event. Handles active and passive voice ("was attacked by"),
// appositions before the verb, coordinated subjects and objects, symmetric verbs ("A and B met"), control
// ("is scheduled to meet"), negation and modality (planned / hedged).
#ifndef AG_EXTRACT_RELATIONS_H_
#define AG_EXTRACT_RELATIONS_H_

#include <vector>

#include "extract/analysis.h"
#include "extract/lexicon.h"

namespace ag::extract {

void FindRelations(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* out);

}  // namespace ag::extract

#endif  // AG_EXTRACT_RELATIONS_H_
