// Extraction of actors and relations from one document, and the `extract` JSON-lines contract.
// Offsets (begin, end) are Unicode code-point offsets into Document::text, end exclusive, so that
// Python's text[begin:end] equals the mention text. An Extractor is immutable after Create() and may be
// shared by threads.
#ifndef ACTORGRAPH_EXTRACT_H_
#define ACTORGRAPH_EXTRACT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/status.h"

namespace ag {

// Persisted in the store: append-only, never renumber.
enum class EntityType : int {
  kPerson = 1,
  kOrg = 2,
  kGpe = 3,
  kLoc = 4,
  kNorp = 5,
  kOther = 6,
  kGroup = 7,  // an unnamed collective actor: "militants", "government forces", "civilians"
};
const char* EntityTypeName(EntityType type);  // "PERSON", "ORG", "GPE", "LOC", "NORP", "OTHER", "GROUP"
// Case-insensitive; also accepts PER, ORGANIZATION/ORGANISATION, LOCATION. InvalidArgument otherwise.
Result<EntityType> ParseEntityType(const std::string& name);

// Persisted: append-only.
enum class Modality : int { kAsserted = 0, kPlanned = 1, kHedged = 2 };
const char* ModalityName(Modality m);  // "asserted", "planned", "hedged"

struct Mention {
  int64_t begin = 0;  // code points
  int64_t end = 0;
  std::string text;   // == the document text slice [begin, end)
  // A pronoun, description or other reference ("he", "the ministry", "we", "the capital") that a relation
  // of this extraction uses as its argument; false for a name mention. References are evidence, not names:
  // the store neither counts them as mentions nor learns aliases from them.
  bool reference = false;
};

struct Entity {
  std::string id;     // unique within the extraction: "e1", "e2", ...
  std::string name;   // canonical name within this document (titles and possessives stripped)
  EntityType type = EntityType::kOther;
  // A person's title as the text gives it before the name ("President", "Foreign Minister", "Reserve Bank
  // Governor" gives "Governor"), never part of `name`; "" when none. The country or organisation before
  // the title is its own actor, linked by an affiliated_with relation.
  std::string title;
  std::vector<Mention> mentions;  // sorted by begin; may be empty for entities from triples
  // CAMEO actor coding from the actor dictionaries (data/lexicon/actors_phoenix.tsv, the user's --actors
  // file); each "" when unknown. The code follows the document's date for names with dated roles.
  std::string code;     // "SYR", "SYRGOV", "USAGOV", "IGOUNO", "SYRREB"
  std::string country;  // three-letter country code of the code ("SYR"), "" for international actors
  std::string sector;   // sector codes, space-separated ("GOV", "REB MUS", "IGO")
};

struct Relation {
  std::string source;    // Entity::id
  std::string target;    // Entity::id
  std::string relation;  // lemma or relation name: "meet", "join", "warn"
  std::string event;     // PLOVER event type ("CONSULT") or "" for none
  std::string cameo;     // CAMEO event code of the verb pattern ("036", "1121") or "" for none
  int sentence = 0;      // 0-based sentence index in the document
  int64_t begin = 0;     // code-point span of the trigger (the verb phrase)
  int64_t end = 0;
  bool negated = false;
  Modality modality = Modality::kAsserted;
  double weight = 1.0;
  std::string date;      // "" = the document's date
  // Reported speech: the Entity::id of whoever the relation is reported by ("The envoy announced that the
  // president would sign": the envoy), "" when the text states it itself.
  std::string attributed_to;
  // A link read off the names rather than a verb-mediated relation: "affiliated_with" (a person and the
  // place or organisation of their title), "nationality_of". Written under "links" in the JSON contract;
  // stored like any relation.
  bool link = false;
};

struct SentenceSpan {
  int64_t begin = 0;  // code points
  int64_t end = 0;
};

struct Extraction {
  std::string doc_id;
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  std::vector<SentenceSpan> sentences;  // Relation::sentence indexes this
};

struct ExtractorOptions {
  // Directory holding relations.json and the other lexicons; "" = the built-in default data directory
  // (the ACTORGRAPH_DATA environment variable, else the directory the build installed).
  std::string data_dir;
  // A further relation lexicon (same shape as data/relations.json) whose entries override the built-in
  // ones with the same lemma; "" = none.
  std::string user_lexicon;
  // A user alias file (JSON, see docs/entity-resolution.md) that forces merges and canonical names
  // ("actors"), suppresses false actors ("ignore") and keeps actors from absorbing lone surnames or
  // aliases ("keep_apart"); "" = none.
  std::string alias_file;
  // A user verb dictionary in PETRARCH's CAMEO format (synsets, verb blocks, patterns); its verbs replace
  // the shipped CAMEO verbs of the same form; "" = none.
  std::string verbs_file;
  // A user actor dictionary in the PETRARCH actor format (docs/data-model.md, "Actor codes") whose names
  // extend the shipped Phoenix dictionary and replace its roles for the names they define; "" = none.
  std::string actors_file;
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  // Loads lexicons and models. IOError / ParseError naming the file when one is missing or malformed.
  static Result<std::unique_ptr<Extractor>> Create(const ExtractorOptions& options);
  // Extracts one document. A document with is_triples set is converted directly (no text analysis).
  virtual Result<Extraction> Extract(const Document& doc) const = 0;
  // 32 hex digits identifying this extractor's configuration: the extraction code version and the bytes
  // of every model and lexicon file it loaded (user lexicon and alias file included).
  virtual std::string Fingerprint() const = 0;
};

// One line of the `extract` JSON-lines contract (without the trailing newline); see docs/data-model.md.
std::string ExtractionToJson(const Extraction& extraction);

}  // namespace ag

#endif  // ACTORGRAPH_EXTRACT_H_
