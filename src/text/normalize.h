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

// Transliteration-folded key of a person's name, under which the spellings of one Arabic, Persian,
// Kurdish, Turkish or Russian name compare equal: "Ahmed al-Shara'a", "Ahmad Al-Sharaa" -> "ahmad shara";
// "Alsharaa" -> "shara"; "Gorbachev", "Gorbachov" -> "gurbachuv". Starts from NameKey, then drops articles
// (al-, el-, ash-, ...), folds long vowels, diphthongs, a few short-vowel and consonant alternations,
// final -ah/-eh and doubled consonants by the rules of data/lexicon/transliteration.tsv (embedded at build
// time). Words stay separated by one space. The key is for comparison only, not for display; different
// names can share it (docs/entity-resolution.md lists the known cases). "" for a name without letters or
// digits.
std::string FoldedNameKey(std::string_view name);

// FoldedNameKey of the name's last word, skipping a trailing generational suffix (Jr, Sr, II, III, IV),
// for matching a lone surname to a full name: "Ahmed al-Shara'a", "al-Sharaa", "Alsharaa" -> "shara";
// "Martin Luther King Jr." -> "king". "" when the name has no word.
std::string FoldedSurnameKey(std::string_view name);

}  // namespace ag::text

#endif  // AG_TEXT_NORMALIZE_H_
