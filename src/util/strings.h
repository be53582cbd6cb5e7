// Small string helpers shared by all stages (ASCII only; Unicode-aware work lives in src/text).
#ifndef AG_UTIL_STRINGS_H_
#define AG_UTIL_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ag {

std::string AsciiLower(std::string_view s);
std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Levenshtein distance over bytes, for "did you mean" suggestions.
int EditDistance(std::string_view a, std::string_view b);

}  // namespace ag

#endif  // AG_UTIL_STRINGS_H_
