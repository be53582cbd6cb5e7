// Closed word classes; see words.h. The lists are the team's.
#include "extract/words.h"

#include <unordered_set>

namespace ag::extract {

bool IsDeterminer(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your",
      "any", "no", "each", "every"};
  return k.count(w) > 0;
}

bool IsQuantifier(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {"all",  "both", "other", "such",
                                                         "some", "many", "most",  "several"};
  return k.count(w) > 0;
}

bool IsPreposition(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {"in", "on", "at", "of", "near", "from", "to", "with",
                                                         "for", "into", "over", "under", "against", "by",
                                                         "during", "after", "before", "between", "among"};
  return k.count(w) > 0;
}

bool IsBe(std::string_view w) {
  return w == "was" || w == "were" || w == "is" || w == "are" || w == "been" || w == "being" || w == "be" ||
         w == "got" || w == "get" || w == "gets";
}

bool IsMonth(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  return k.count(w) > 0;
}

bool IsWeekday(std::string_view w) {
  return w == "monday" || w == "tuesday" || w == "wednesday" || w == "thursday" || w == "friday" ||
         w == "saturday" || w == "sunday";
}

bool IsTimeNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "today", "yesterday", "tomorrow", "tonight", "week", "month", "year", "morning", "evening",
      "afternoon", "night", "weekend", "time", "day", "days", "weeks", "months", "years", "hours", "hour"};
  return k.count(w) > 0;
}

bool IsArmedForce(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "forces", "force", "troops", "army", "military", "aircraft", "jets", "warplanes", "soldiers",
      "artillery", "navy", "tanks", "helicopters", "gunships", "drones", "planes", "marines", "strikes",
      "airstrikes"};
  return k.count(w) > 0;
}

bool IsQuote(std::string_view s) {
  return s == "\"" || s == "'" || s == "\xE2\x80\x9D" || s == "\xE2\x80\x9C" || s == "\xE2\x80\x99";
}

bool IsSpeechLemma(std::string_view lemma) {
  static const std::unordered_set<std::string_view> k = {
      "say",  "tell",  "state",  "report", "confirm",   "announce", "warn", "insist",
      "declare", "stress", "conclude", "argue", "assert", "reiterate", "claim"};
  return k.count(lemma) > 0;
}

}  // namespace ag::extract
