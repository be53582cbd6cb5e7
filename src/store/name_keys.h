// Keys of name parts for resolution across documents. The store indexes every person named with a given
// name by the key of the surname, and every organisation of two words or more by its initials (table
// name_keys), so that a later document's "Volcker", "Paul A. Volcker" or "P. Volcker" finds "Paul
// Volcker" and "ICO" finds "International Coffee Organization", while "John Baker" and "James Baker" stay
// two people (GivenNamesAgree). The rules and their order are in docs/entity-resolution.md ("Across
// documents"). Pure functions; thread-safe.
#ifndef AG_STORE_NAME_KEYS_H_
#define AG_STORE_NAME_KEYS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ag::store {

struct PersonName {
  // Given names and initials, transliteration-folded (text::FoldedNameKey), without name particles:
  // "paul", "a" of "paul a volcker"; "ahmad" of "ahmed al sharaa".
  std::vector<std::string> given;
  // The surname's folded key: "vulckir" of "paul volcker"; "kock" of "gerhard de kock"; "shara" of
  // "ahmed al sharaa" and of "al shara'a"; "" for an empty name.
  std::string surname;
  // The name key a document writes for the surname alone: "volcker", "de kock", "al haddad".
  std::string surname_norm;
};

// Splits a name key (text::NameKey: lower case, words separated by single spaces) into its parts. The
// surname is the last word, with the particles before it (de, van, von, al, bin, ...); a generational
// suffix (jr, sr, ii, iii, iv) and a namesake number ("smith 2") are skipped.
PersonName SplitPersonName(std::string_view norm);

// "surname:" + the folded surname for a person's name key with a given name, else "" (a lone surname is
// found by its own key).
std::string SurnameKey(std::string_view norm);

// "initials:" + the first letters of an organisation name's words, articles and connectors (of, the,
// and, for, &) left out, for names of three such words or more ("initials:ico" for "international coffee
// organization"); else "" (two letters spell too many names).
std::string InitialsKey(std::string_view norm);

// "spelling:" + the organisation name key with British spellings made American ("organisation" ->
// "organization", "centre" -> "center", "defence" -> "defense", "labour" -> "labor", "programme" ->
// "program"), for names of two words or more; else "". Two spellings of one name share it.
std::string SpellingKey(std::string_view norm);

// The index keys of an entity with name key `norm` and EntityType value `type`: SurnameKey for a person,
// InitialsKey and SpellingKey for an organisation (those that are not empty).
std::vector<std::string> NameKeys(std::string_view norm, int type);

// The InitialsKey an acronym would match: "initials:ico" for "ICO", "I.C.O." (`name` as written), or ""
// when `name` is not an acronym (three to six capital letters, dots allowed).
std::string AcronymKey(std::string_view name);

// Whether two lists of given names can belong to one person: the shorter one matches, word by word and
// in order, a subsequence of the longer one, where an initial matches any name it starts and other words
// must be equal ("paul" ~ "paul a", "m" ~ "mark", "onno" ~ "h onno"; not "john" ~ "james"). An empty list
// agrees with every list.
bool GivenNamesAgree(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace ag::store

#endif  // AG_STORE_NAME_KEYS_H_
