// Keys of name parts for cross-document resolution. See name_keys.h.
#include "store/name_keys.h"

#include <algorithm>

#include "actorgraph/extract.h"
#include "text/normalize.h"
#include "util/strings.h"

namespace ag::store {
namespace {

bool IsNameParticle(std::string_view w) {
  static constexpr std::string_view kParticles[] = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin",
                                                    "ibn", "bint", "abu", "de", "da", "di", "do", "dos", "das",
                                                    "du", "del", "della", "der", "den", "van", "von", "le",
                                                    "la", "ter", "ten", "ben", "mac", "st"};
  return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
}

bool IsSuffix(std::string_view w) {
  return w == "jr" || w == "sr" || w == "ii" || w == "iii" || w == "iv";
}

bool IsNumber(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The transliteration-folded key of one name word ("sharaa" -> "shara", "mohammed" -> "muhamad"); the
// word itself when folding leaves nothing.
std::string Fold(const std::string& word) {
  std::string folded = text::FoldedNameKey(word);
  return folded.empty() || folded.find(' ') != std::string::npos ? word : folded;
}

}  // namespace

PersonName SplitPersonName(std::string_view norm) {
  PersonName out;
  std::vector<std::string> words;
  for (std::string& w : Split(norm, ' '))
    if (!w.empty()) words.push_back(std::move(w));
  while (!words.empty() && (IsSuffix(words.back()) || IsNumber(words.back()))) words.pop_back();
  if (words.empty()) return out;
  size_t s = words.size() - 1;  // the surname's first word (its particles included)
  while (s > 0 && IsNameParticle(words[s - 1])) --s;
  out.surname = Fold(words.back());
  for (size_t i = s; i < words.size(); ++i) {
    if (i > s) out.surname_norm += ' ';
    out.surname_norm += words[i];
  }
  for (size_t i = 0; i < s; ++i)
    if (!IsNameParticle(words[i])) out.given.push_back(Fold(words[i]));
  return out;
}

std::string SurnameKey(std::string_view norm) {
  PersonName p = SplitPersonName(norm);
  return p.given.empty() ? std::string() : "surname:" + p.surname;
}

std::string InitialsKey(std::string_view norm) {
  std::string initials;
  for (const std::string& w : Split(norm, ' ')) {
    if (w.empty() || w == "of" || w == "the" || w == "and" || w == "for" || w == "on" || w == "in") continue;
    initials += w[0];
  }
  return initials.size() >= 3 ? "initials:" + initials : std::string();
}

std::string SpellingKey(std::string_view norm) {
  if (norm.find(' ') == std::string_view::npos) return std::string();
  std::string out = "spelling:";
  for (const std::string& w : Split(norm, ' ')) {
    if (out.size() > 9) out += ' ';
    std::string word = w;
    if (word == "centre" || word == "theatre") {
      word.replace(word.size() - 2, 2, "er");
    } else if (word == "defence" || word == "offence" || word == "licence") {
      word.replace(word.size() - 2, 1, "s");
    } else if (word == "programme") {
      word.resize(7);
    } else if (EndsWith(word, "our") && word.size() >= 6) {  // labour, harbour, honour; not "four", "tour"
      word.replace(word.size() - 2, 1, "");
    } else {
      for (std::string_view suffix : {"isation", "isations", "ise", "ised", "ising"}) {
        if (EndsWith(word, suffix) && word.size() > suffix.size() + 2) {
          word[word.size() - suffix.size() + 1] = 'z';
          break;
        }
      }
    }
    out += word;
  }
  return out;
}

std::vector<std::string> NameKeys(std::string_view norm, int type) {
  std::vector<std::string> keys;
  if (type == static_cast<int>(EntityType::kPerson)) {
    keys.push_back(SurnameKey(norm));
  } else if (type == static_cast<int>(EntityType::kOrg)) {
    keys.push_back(InitialsKey(norm));
    keys.push_back(SpellingKey(norm));
  }
  keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
  return keys;
}

std::string AcronymKey(std::string_view name) {
  std::string letters;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      letters += static_cast<char>(c - 'A' + 'a');
    } else if (c != '.') {
      return std::string();
    }
  }
  // Two letters spell too many names ("ID cards" is no "International Development").
  return letters.size() >= 3 && letters.size() <= 6 ? "initials:" + letters : std::string();
}

bool GivenNamesAgree(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::vector<std::string>& shorter = a.size() <= b.size() ? a : b;
  const std::vector<std::string>& longer = a.size() <= b.size() ? b : a;
  auto agree = [](const std::string& x, const std::string& y) {
    if (x == y) return true;
    if (x.size() == 1) return StartsWith(y, x);
    if (y.size() == 1) return StartsWith(x, y);
    return false;
  };
  size_t k = 0;
  for (const std::string& w : longer)
    if (k < shorter.size() && agree(shorter[k], w)) ++k;
  return k == shorter.size();
}

}  // namespace ag::store
