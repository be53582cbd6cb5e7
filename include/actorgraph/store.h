// The persistent graph: one SQLite file holding documents, entities, aliases, mentions, relations
// aggregated per (source, relation, target) and the evidence rows behind them. The file is a format:
// PRAGMA application_id marks it as actorgraph's and PRAGMA user_version is the schema version; a foreign
// or newer file is refused on open. Each document's contribution is written in one transaction, so a
// failure leaves the file as it was. A Store is not thread-safe; use one per thread.
#ifndef ACTORGRAPH_STORE_H_
#define ACTORGRAPH_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/extract.h"
#include "actorgraph/status.h"

namespace ag {

enum class IngestOutcome { kNew, kUnchanged, kReplaced };

struct StoreStats {
  int64_t documents = 0;
  int64_t entities = 0;
  int64_t aliases = 0;    // distinct (entity, alias) pairs
  int64_t mentions = 0;
  int64_t relations = 0;  // aggregated (source, relation, target) edges
  int64_t evidence = 0;   // evidence rows behind them
  int schema_version = 0;
};

struct EntityRecord {
  int64_t id = 0;
  std::string name;                  // canonical name
  EntityType type = EntityType::kOther;
  int64_t mention_count = 0;
  int64_t degree = 0;                // number of aggregated relations touching it (in + out)
  std::string first_seen;            // earliest document date of a mention or relation, "" if none
  std::string last_seen;
  std::vector<std::string> aliases;  // distinct surface forms, most frequent first (filled by GetEntity)
  // Why documents' names that are not this entity's own key joined it (filled by GetEntity), grouped by
  // name and rule ("Volcker" by "surname of a full name" in 3 documents, the first "reuters-12").
  struct Merge {
    std::string name;
    std::string rule;
    int64_t documents = 0;
    std::string first_doc;
  };
  std::vector<Merge> merges;
  // CAMEO actor code, its country and sectors (Entity::code, ::country, ::sector) of the most recent
  // document that coded the actor; "" when none did.
  std::string code;
  std::string country;
  std::string sector;
  // A person's title (Entity::title, "President") in the most recent document that gave one; "" if none.
  std::string title;
};

struct RelationRecord {
  int64_t id = 0;
  int64_t source_id = 0;
  int64_t target_id = 0;
  std::string source_name;
  std::string target_name;
  std::string relation;
  std::string event;         // "" = none
  std::string cameo;         // CAMEO event code (Relation::cameo), chosen like event; "" = none
  double weight = 0;         // sum of evidence weights (1 per extracted occurrence)
  int64_t count = 0;         // number of evidence rows
  int64_t negated_count = 0;
  int64_t planned_count = 0;
  int64_t hedged_count = 0;
  std::string first_date;    // "" when no evidence row has a date
  std::string last_date;
};

struct EvidenceRecord {
  std::string doc_id;
  std::string doc_title;
  std::string date;
  int sentence = 0;
  int64_t begin = 0;        // trigger span, code points into the document text
  int64_t end = 0;
  std::string sentence_text;
  bool negated = false;
  Modality modality = Modality::kAsserted;
  std::string attributed_to;  // name of the actor the occurrence is reported by; "" when stated by the text
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens or creates the database at `path`. Refuses (VersionMismatch) a file of another application or
  // of a newer schema, naming both versions and the remedy; Corruption for a file that is not SQLite.
  // read_only: the file must exist; nothing is written.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool read_only = false);

  // True when a document with this id and content hash is already stored (re-ingest would change nothing).
  virtual Result<bool> IsUnchanged(const std::string& doc_id, const std::string& hash) = 0;

  // Writes one document's contribution in a single transaction, replacing an older version with the
  // same id. On error nothing is changed. `hash` is DocumentHash(doc) when the caller already has it (as
  // after IsUnchanged); "" = compute it here.
  virtual Result<IngestOutcome> Ingest(const Document& doc, const Extraction& extraction,
                                       const std::string& hash = "") = 0;

  virtual Result<StoreStats> Stats() = 0;

  // Entities by mention count (then name); type filter optional; limit <= 0 = all.
  virtual Result<std::vector<EntityRecord>> ListEntities(std::optional<EntityType> type, int64_t limit) = 0;

  // Entity ids whose canonical name or an alias equals `name` after normalisation (case, diacritics,
  // apostrophes and hyphens folded: text::NameKey). Empty when none.
  virtual Result<std::vector<int64_t>> ResolveName(const std::string& name) = 0;
  // Up to `limit` canonical names closest to `name` (edit distance on normalised keys), for suggestions.
  virtual Result<std::vector<std::string>> SuggestNames(const std::string& name, int limit) = 0;

  virtual Result<EntityRecord> GetEntity(int64_t id) = 0;  // NotFound for an unknown id
  virtual Result<std::vector<RelationRecord>> RelationsOf(int64_t entity_id) = 0;  // in and out, by weight
  virtual Result<std::vector<EvidenceRecord>> EvidenceOf(int64_t relation_id, int64_t limit) = 0;

  // Bulk scans for building the in-memory graph, in id order. The callbacks must not call the Store.
  virtual Status ForEachEntity(const std::function<void(const EntityRecord&)>& fn) = 0;
  virtual Status ForEachRelation(const std::function<void(const RelationRecord&)>& fn) = 0;

  // The bulk read behind Graph::Load, for stores of millions of relations: no joins, no per-row copies.
  // Calls, in this order: scan.sizes once with upper bounds on the number of entities and relations (for
  // reserving); scan.entity for every entity in id order (degree and aliases left empty); scan.alias for
  // every distinct (entity, surface form) with its total count, grouped by entity in id order; scan.relation
  // for every aggregated relation in id order (source_name and target_name left empty). Any callback may be
  // empty (skipped). The string fields of the records passed are only valid during the call; the
  // callbacks must not call the Store. Passes on the store's error. The default implementation uses
  // ForEachEntity / ForEachRelation and reports no aliases.
  struct GraphScan {
    std::function<void(int64_t max_entities, int64_t max_relations)> sizes;
    std::function<void(const EntityRecord&)> entity;
    std::function<void(int64_t entity_id, const std::string& alias, int64_t count)> alias;
    std::function<void(const RelationRecord&)> relation;
  };
  virtual Status ScanForGraph(const GraphScan& scan) {
    if (scan.entity) AG_RETURN_IF_ERROR(ForEachEntity(scan.entity));
    if (scan.relation) AG_RETURN_IF_ERROR(ForEachRelation(scan.relation));
    return Status::OK();
  }

  // The bulk read behind the exporters: every evidence row with its relation id, ordered by relation id,
  // the rows of one relation consecutive and in the order they were stored. Each record is filled as by
  // EvidenceOf. The record is only valid during the call; the callback must not call the Store. Passes on
  // the store's error. The default implementation lists the relations, then calls EvidenceOf for each (so
  // within a relation its rows come in EvidenceOf's order).
  virtual Status ForEachEvidence(const std::function<void(int64_t relation_id, const EvidenceRecord&)>& fn) {
    std::vector<int64_t> ids;
    AG_RETURN_IF_ERROR(ForEachRelation([&](const RelationRecord& r) { ids.push_back(r.id); }));
    for (int64_t id : ids) {
      Result<std::vector<EvidenceRecord>> rows = EvidenceOf(id, 0);
      if (!rows.ok()) return rows.status();
      for (const EvidenceRecord& e : rows.value()) fn(id, e);
    }
    return Status::OK();
  }
};

}  // namespace ag

#endif  // ACTORGRAPH_STORE_H_
