// Unicode normalisation for matching names: NFC for display, and a folded key under which name variants
// ("Ahmed al-Shara’a", "AHMED AL-SHARAA", "Ahmed al Sharaa") compare equal. Backed by ICU; thread-safe.
#ifndef AG_TEXT_NORMALIZE_H_
#define AG_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace ag::text {

// NFC form of valid UTF-8 `s`.
std::string ToNfc(std::string_view s);

// Matching key of a name: NFKC, case-folded, diacritics removed, Latin transliteration of other
// scripts' letters where ICU has one, apostrophes (’ ' ʼ `) removed, hyphens, dots and runs of white space
// turned into a single space, trimmed. "Ahmed al-Shara’a" -> "ahmed al sharaa".
std::string NameKey(std::string_view name);

}  // namespace ag::text

#endif  // AG_TEXT_NORMALIZE_H_
