// The working state of one document's extraction, shared by the actor pass (mentions.cc) and the relation
// pass (relations.cc): tokens with their sentence, the entities found so far and every argument occurrence
// (name mentions and resolved pronouns) in text order. Byte offsets throughout; extractor.cc converts to
// code points at the end. One per document; not shared between threads.
#ifndef AG_EXTRACT_ANALYSIS_H_
#define AG_EXTRACT_ANALYSIS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actorgraph/extract.h"
#include "text/segment.h"

namespace ag::extract {

struct Tok {
  int32_t b = 0;  // bytes
  int32_t e = 0;
  text::TokenKind kind = text::TokenKind::kPunct;
  std::string_view s;
  std::string lower;      // ASCII-lowercased surface
  bool cap = false;       // starts with an upper-case letter
  bool all_caps = false;  // two or more letters, all upper case
  int sentence = 0;
  uint8_t pos = 255;      // Upos from the POS tagger (pos_tagger.h); 255 = not tagged
};

struct EntityBuild {
  std::string name;
  std::string key;  // text::NameKey(name)
  EntityType type = EntityType::kOther;
  std::vector<std::pair<int32_t, int32_t>> spans;  // byte spans of name mentions
  std::vector<std::string> key_tokens;              // key split on spaces, for surname matching
  std::vector<std::string> roles;                   // lowercase title words seen before the name
  std::string title;  // a person's first title as written ("Foreign Minister"; Entity::title)
};

// An occurrence of an entity usable as a relation argument.
struct Arg {
  int entity = -1;
  int tb = 0;  // token range [tb, te)
  int te = 0;
  bool pronoun = false;   // a resolved pronoun or definite description, not a name mention
  bool modifier = false;  // a place or nationality before a title ("US" in "US President X")
};

struct RelationBuild {
  int source = -1;  // entity indexes
  int target = -1;
  int verb_tok = 0;
  // The argument occurrences the relation was read from (token ranges) and whether each is a reference
  // rather than a name mention of its entity.
  int source_tb = -1, source_te = -1, target_tb = -1, target_te = -1;
  bool source_ref = false, target_ref = false;
  std::string relation;
  std::string event;
  std::string cameo;  // CAMEO event code from the verb dictionary ("036") or ""
  bool negated = false;
  Modality modality = Modality::kAsserted;
  int attributed = -1;  // the entity whose reported speech the relation stands in, or -1 (attribution.h)
};

struct DocAnalysis {
  std::string_view text;  // text::Segment's unwrapped copy of the document: line breaks end paragraphs only
  std::vector<Tok> toks;
  std::vector<text::Sentence> sentences;
  std::vector<EntityBuild> entities;
  std::unordered_map<std::string, int> by_key;  // NameKey -> entity (names, variants and acronyms)
  std::vector<Arg> args;                        // sorted by tb

  // Links the actor pass finds from the names themselves: a person and the place or organisation of
  // their title ("US President Donald Trump" -> United States), a nationality and its country.
  struct Link {
    int source = -1;  // entity indexes
    int target = -1;
    int tok = 0;      // the token that shows it (the modifier or the nationality)
    const char* relation = "";
  };
  std::vector<Link> links;
};

}  // namespace ag::extract

#endif  // AG_EXTRACT_ANALYSIS_H_
