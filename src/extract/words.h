// Closed classes of English words that the actor pass (mentions.cc) and the relation pass (relations.cc)
// both read: determiners and quantifiers, prepositions, forms of "be", dates and times, armed forces,
// quotation marks. Each takes a lower-case token (quotes: the token as written) and is a constant-time set
// lookup.
#ifndef AG_EXTRACT_WORDS_H_
#define AG_EXTRACT_WORDS_H_

#include <string_view>

namespace ag::extract {

// Articles, demonstratives and possessive determiners, and "any", "no", "each", "every".
bool IsDeterminer(std::string_view lower);

// Quantifiers that stand where a determiner does: "all", "both", "other", "such", "some", "many", "most",
// "several".
bool IsQuantifier(std::string_view lower);

// Prepositions that open a phrase a relation argument can sit in ("in", "of", "against", "by", ...).
bool IsPreposition(std::string_view lower);

// Forms of "be" and the passive "get".
bool IsBe(std::string_view lower);

// Month names and their abbreviations; weekday names; nouns of time ("yesterday", "week", "hours").
bool IsMonth(std::string_view lower);
bool IsWeekday(std::string_view lower);
bool IsTimeNoun(std::string_view lower);

// Armed forces and their means, which act for whoever wields them ("troops", "warplanes", "airstrikes").
bool IsArmedForce(std::string_view lower);

// Lemmas of verbs of saying and reporting ("say", "tell", "announce", "warn", "declare", "claim", ...):
// a relation inside what they report is attributed to their subject.
bool IsSpeechLemma(std::string_view lemma);

// A straight or curly quotation mark or apostrophe token.
bool IsQuote(std::string_view token);

}  // namespace ag::extract

#endif  // AG_EXTRACT_WORDS_H_
