// Attribution of reported speech: a relation read inside what someone says is that speaker's claim. The
// pass finds, for each relation, the speaker of the report it stands in: the subject of a verb of saying
// before the relation's own subject ("The envoy announced that the president would sign the accord"), the
// speaker of a report that closes the sentence ("..., the ministry said", "..., said Omar Haddad"), or the
// source of "according to X". It runs after the relation pass and sets RelationBuild::attributed; it never
// adds or removes a relation (the relation pass already keeps a verb of saying from relating its speaker
// to the subject of what is said).
#ifndef AG_EXTRACT_ATTRIBUTION_H_
#define AG_EXTRACT_ATTRIBUTION_H_

#include <vector>

#include "extract/analysis.h"
#include "extract/lexicon.h"

namespace ag::extract {

void AttributeReportedSpeech(const Lexicon& lex, const DocAnalysis& a, std::vector<RelationBuild>* relations);

}  // namespace ag::extract

#endif  // AG_EXTRACT_ATTRIBUTION_H_
