// CAMEO actor codes from the event-data field's dictionaries: the shipped Phoenix actor and agent
// dictionaries (data/lexicon/actors_phoenix.tsv and agents_phoenix.tsv, converted by
// tools/convert_phoenix.py) and a user's own dictionary in the PETRARCH actor format (`--actors FILE`),
// which extends the shipped one and replaces the roles of the names it defines. A name's roles are dated
// ("[SYRGOV >000717]"): the code of a document follows its date. CodeActors() gives each actor of a
// document its code, country and sectors: by its name, by a country and an agent noun in or after it
// ("Syrian army", "Iraqi officials"), or as a capital standing for its government. Loaded once per
// process; immutable and thread-safe after loading.
#ifndef AG_EXTRACT_ACTOR_CODES_H_
#define AG_EXTRACT_ACTOR_CODES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actorgraph/extract.h"
#include "actorgraph/status.h"
#include "extract/analysis.h"
#include "extract/lexicon.h"

namespace ag::extract {

// One role of a name: a code and when it holds. Dates are YYYYMMDD strings (compared as text).
struct ActorRole {
  enum class When : uint8_t { kAlways, kUntil, kFrom, kBetween };
  std::string code;  // "SYRGOV"; "" for the null code "---"
  When when = When::kAlways;
  std::string from;  // kFrom, kBetween
  std::string to;    // kUntil, kBetween
};

// A record of a PETRARCH actor dictionary: its phrases (words joined by single spaces, as written) and
// roles in file order.
struct PetrarchRecord {
  std::vector<std::string> names;
  std::vector<ActorRole> roles;
  int line = 0;  // line of the record's first phrase
};

// Parses the PETRARCH actor format (the rules are in tools/convert_phoenix.py, which shares them, and
// docs/data-model.md). `origin` names the text in errors: ParseError "ORIGIN:LINE: what is wrong".
Result<std::vector<PetrarchRecord>> ParsePetrarchActors(std::string_view text, const std::string& origin);

// The code that holds on `date` (YYYYMMDD; "" = unknown) among `roles`: the first dated role that holds,
// else the first undated one; when none holds, the role nearest in time. With no date, the latest role:
// one open towards the future, else the undated one, else the one that ended last. "" when there is none.
std::string CodeOn(const std::vector<ActorRole>& roles, std::string_view date);

// What an actor is coded as.
struct ActorCode {
  std::string code;     // "SYRGOV", "IGOUNO"; "" when unknown
  std::string country;  // "SYR" or ""
  std::string sector;   // sector codes in order, space-separated ("GOV", "REB MUS", "IGO") or ""
  EntityType type = EntityType::kOther;  // the dictionary's type of the name, kOther when it has none
};

class ActorDictionary {
 public:
  // Reads the shipped dictionaries under `lexicon_dir` (actors_phoenix.tsv, agents_phoenix.tsv).
  // IOError / ParseError naming file:line.
  Status LoadShipped(const std::string& lexicon_dir);
  // Reads a user's dictionary in the PETRARCH actor format: its names replace the shipped roles of the
  // same names; ParseError "FILE:LINE: ..." for a malformed line, IOError when unreadable.
  Status LoadUser(const std::string& path);
  // Same, from text (tests); `origin` names it in errors.
  Status AddUser(std::string_view text, const std::string& origin);

  // The roles of a name's NameKey, or nullptr.
  const std::vector<ActorRole>* Roles(const std::string& key) const;
  // The agent code of a lower-case noun phrase ("army" -> "~MIL", "human rights activists" -> "NGM~"), or
  // nullptr.
  const std::string* Agent(std::string_view lower_phrase) const;
  // Code, country and sectors of a name's NameKey on `date` (YYYYMMDD or ""); an empty code when unknown.
  ActorCode Lookup(const std::string& key, std::string_view date) const;
  // Splits a code into its country ("SYR" of "SYRGOV", "" of "IGOUNO") and its sector codes.
  void Split(const std::string& code, std::string* country, std::string* sector) const;
  // The code of an agent applied to an actor's code: "~MIL" after "SYR" is "SYRMIL", "NGO~" before it
  // "NGOSYR".
  static std::string ApplyAgent(const std::string& actor_code, const std::string& agent);

  const std::vector<std::string>& files() const { return files_; }
  size_t name_count() const { return entries_.size(); }

 private:
  struct Entry {
    uint32_t roles = 0;  // index into role_lists_
    EntityType type = EntityType::kOther;
  };
  void NoteCountries(const std::vector<ActorRole>& roles, bool shipped_place);

  std::unordered_map<std::string, Entry> entries_;  // NameKey -> entry
  std::vector<std::vector<ActorRole>> role_lists_;
  std::unordered_map<std::string, std::string> agents_;  // lower-case phrase -> agent code
  std::unordered_set<std::string> countries_;            // three-letter country codes
  std::unordered_set<std::string> sectors_;              // three-letter sector and organisation-type codes
  size_t max_agent_words_ = 1;
  std::vector<std::string> files_;
};

// The code of a name alone (a triples file's actor): its NameKey looked up on `iso_date` (ISO 8601 or ""),
// none when a person would take a place's code or a place a person's.
ActorCode CodeByName(const ActorDictionary& dict, const std::string& key, EntityType type, std::string_view iso_date);

// Codes the entities of a document: (*out)[i] belongs to a.entities[i]. `date` is the document's date
// (ISO 8601, "" when unknown).
void CodeActors(const ActorDictionary& dict, const Lexicon& lex, const DocAnalysis& a, std::string_view date,
                std::vector<ActorCode>* out);

}  // namespace ag::extract

#endif  // AG_EXTRACT_ACTOR_CODES_H_
