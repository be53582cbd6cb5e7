// The lexicons extraction reads: the relation lexicon (data/relations.json, plus a user file), the CAMEO verb
// dictionary (cameo.h, plus a user file), titles, nationalities, country and place gazetteers (country names
// from ICU's English display names), organisation words, non-name words and given names (data/lexicon/).
// Loaded once per process; immutable and thread-safe after Load().
#ifndef AG_EXTRACT_LEXICON_H_
#define AG_EXTRACT_LEXICON_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actorgraph/extract.h"
#include "actorgraph/status.h"
#include "extract/cameo.h"

namespace ag::extract {

struct VerbEntry {
  std::string lemma;
  std::string relation;
  std::string event;  // PLOVER type or ""
  std::string quad;
};

enum class VerbFormKind : uint8_t { kBase, kThird, kPast, kIng, kNoun };

struct VerbForm {
  const VerbEntry* entry = nullptr;
  VerbFormKind kind = VerbFormKind::kBase;
};

struct PlaceInfo {
  std::string canonical;  // display name of the place ("United States")
  EntityType type = EntityType::kGpe;
  bool country = false;   // a country (ICU, countries.tsv) rather than a city or region
};

// A verb that wields a means or runs an operation, so that its subject is the source of a nominal trigger
// after it: "X launched/conducted strikes against Y", light verbs ("gave a welcome to", "held talks
// with"), "imposed/lifted sanctions on".
bool IsWieldVerb(std::string_view lower);

class Lexicon {
 public:
  // Reads the files under `data_dir`; `user_relations` (may be empty) is a further relations file whose
  // entries override the built-in ones with the same lemma. Errors name the file (and line for TSV).
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& data_dir, const std::string& user_relations);
  // Reads a user verb dictionary in PETRARCH's format (see CameoDictionary::LoadPetrarch); its verbs
  // replace the shipped CAMEO verbs of the same form. ParseError with path:line.
  Status LoadUserVerbs(const std::string& path);
  // The CAMEO verb dictionary (data/lexicon/cameo_verbs.tsv and the user's --verbs file).
  const CameoDictionary& cameo() const { return cameo_; }
  // Reads a user alias file (see ExtractorOptions::alias_file). ParseError with path:line:col.
  Status LoadUserAliases(const std::string& path);

  struct UserActor {
    std::string name;  // canonical name
    EntityType type = EntityType::kOther;
  };
  // The user's actor for a NameKey (its name or one of its aliases), or nullptr.
  const UserActor* UserAlias(const std::string& key) const {
    auto it = user_aliases_.find(key);
    return it == user_aliases_.end() ? nullptr : &it->second;
  }
  bool IsIgnored(const std::string& key) const { return ignored_.count(key) > 0; }
  bool IsKeptApart(const std::string& key) const { return kept_apart_.count(key) > 0; }

  // The verb form for a lowercase word ("met" -> meet, past), or nullptr.
  const VerbForm* Verb(std::string_view lower) const;
  bool IsTitle(std::string_view lower) const { return titles_.count(std::string(lower)) > 0; }
  bool IsOrgWord(std::string_view word) const { return org_words_.count(std::string(word)) > 0; }
  bool IsNotName(std::string_view word) const { return not_names_.count(std::string(word)) > 0; }
  bool IsFirstName(std::string_view word) const { return first_names_.count(std::string(word)) > 0; }
  // A woman's given name (data/lexicon/female_names.txt), for pronoun agreement.
  bool IsFemaleName(std::string_view word) const { return female_names_.count(std::string(word)) > 0; }
  bool IsLocWord(std::string_view word) const { return loc_words_.count(std::string(word)) > 0; }
  // A word that ends an event's name ("Open", "Cup", "Championships"; data/lexicon/event_words.txt).
  bool IsEventWord(std::string_view word) const { return event_words_.count(std::string(word)) > 0; }
  // Phrasal patterns of the relation lexicon ("phrases": ["call on", "work closely with"]): a verb whose
  // lemma starts a phrase and whose next words are the phrase's are that entry's relation; a phrase of the
  // top-level "no_relation" list ("call for") relates no one. `next(k)` gives the k-th lower-case word after
  // the verb ("" past the sentence). Returns the matched phrase's entry, or nullptr with *matched set when
  // the phrase relates no one; *matched false when no phrase matches. *length, when given, is the number of
  // words matched after the verb.
  const VerbEntry* MatchPhrase(const std::string& lemma, const std::function<std::string_view(int)>& next,
                               bool* matched, int* length = nullptr) const;
  // Whether some phrase starts with the verb `lemma`.
  bool HasPhrases(const std::string& lemma) const { return phrases_.count(lemma) > 0; }

  // The lemma of a lower-case English verb form that data/relations.json does not list ("recognised" ->
  // "recognise", "fled" -> "flee"), from WordNet's verbs (data/lexicon/verb_lemmas.tsv) and the regular
  // inflection rules; "" when the word is no known verb form.
  std::string VerbLemma(std::string_view lower) const;

  // A lower-case head noun of an unnamed collective actor ("militants", "civilians"; group_nouns.txt).
  bool IsGroupNoun(const std::string& lower) const { return group_nouns_.count(lower) > 0; }
  // The country of a capital's NameKey ("damascus" -> "Syria"), or nullptr.
  const std::string* CountryOfCapital(const std::string& key) const {
    auto it = capitals_.find(key);
    return it == capitals_.end() ? nullptr : &it->second;
  }
  // Country for a demonym ("Syrian" -> "Syria"), or nullptr.
  const std::string* Nationality(std::string_view word) const;
  // Country, place or known organisation (organisations.tsv) for a NameKey ("u s" -> United States), or nullptr.
  const PlaceInfo* Place(const std::string& key) const;

  size_t verb_count() const { return verbs_.size(); }
  // Every file read so far (lexicons, user files), in reading order.
  const std::vector<std::string>& files() const { return files_; }

 private:
  Status LoadRelations(const std::string& path, bool user);
  void AddPhrase(const std::string& phrase, const VerbEntry* entry);
  Status LoadLines(const std::string& path, std::unordered_set<std::string>* out, bool lower);
  Status LoadTsv(const std::string& path, std::vector<std::pair<std::string, std::string>>* out);
  void AddVerbForms(const VerbEntry* entry, const std::vector<std::string>& past, bool dbl,
                    const std::vector<std::string>& nouns);
  void AddCountriesFromIcu();
  void AddPlace(const std::string& name, const std::string& canonical, EntityType type, bool country = false);

  std::vector<std::unique_ptr<VerbEntry>> verbs_;
  std::unordered_map<std::string, VerbForm> forms_;
  std::unordered_set<std::string> titles_, org_words_, not_names_, first_names_, female_names_, loc_words_,
      event_words_, group_nouns_;
  struct Phrase {
    std::vector<std::string> rest;   // the words after the verb
    const VerbEntry* entry = nullptr;  // nullptr: no relation
  };
  std::unordered_map<std::string, std::vector<Phrase>> phrases_;  // verb lemma -> phrases, longest first
  std::unordered_set<std::string> verb_lemmas_;                  // WordNet verb lemmas
  std::unordered_map<std::string, std::string> verb_irregular_;  // "fled" -> "flee"
  std::unordered_map<std::string, std::string> nationalities_;
  std::unordered_map<std::string, PlaceInfo> places_;
  std::unordered_map<std::string, std::string> capitals_;  // capital key -> country name
  std::unordered_map<std::string, UserActor> user_aliases_;
  std::unordered_set<std::string> ignored_, kept_apart_;
  std::vector<std::string> files_;
  CameoDictionary cameo_;
};

}  // namespace ag::extract

#endif  // AG_EXTRACT_LEXICON_H_
