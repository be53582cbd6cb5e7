// The transliteration table behind text::FoldedNameKey (declared in text/normalize.h): the embedded copy of
// data/lexicon/transliteration.tsv and its parse errors, for tests. Thread-safe.
#ifndef AG_TEXT_FOLD_H_
#define AG_TEXT_FOLD_H_

#include <string>
#include <string_view>
#include <vector>

namespace ag::text {

// The text of data/lexicon/transliteration.tsv as it was when the tool was built (generated into the build
// directory by src/CMakeLists.txt from src/text/fold_table.cc.in).
std::string_view TransliterationTsv();

// Problems found while compiling the embedded table ("line 12: unknown where 'inisde'"); lines with a
// problem are skipped. Empty for a good table.
const std::vector<std::string>& TransliterationTableErrors();

}  // namespace ag::text

#endif  // AG_TEXT_FOLD_H_
