// SQLite implementation of ag::Store (include/actorgraph/store.h). Ingest validates and aggregates a
// document's extraction in memory (entities merged by text::NameKey, relations summed per (source,
// relation, target)), then writes it in one BEGIN IMMEDIATE transaction with cached prepared statements,
// multi-row INSERTs in index order and, for the first bulk document of a store, the randomly ordered
// indexes rebuilt at the end, so that a single triples document of a million relations stays fast. Rows
// the document creates get their aggregates from memory; rows that existed before (entities and relations
// also fed by other documents) are recomputed from the per-document rows (doc_entities, evidence) at the
// end of the transaction. A SqliteStore is not thread-safe (one per thread; SQLite's WAL lets processes
// share a file); a bulk ingest hashes the document on a second thread of its own.
#include "actorgraph/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <deque>
#include <filesystem>
#include <future>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/name_keys.h"
#include "store/resolver.h"
#include "store/schema.h"
#include "store/sqlite_util.h"
#include "text/normalize.h"
#include "util/strings.h"

namespace ag {
namespace store {
namespace {

constexpr int kMinEntityType = static_cast<int>(EntityType::kPerson);
constexpr int kMaxEntityType = static_cast<int>(EntityType::kGroup);

// A value read back from the file: an unknown number (a corrupt row) must not become an invalid enum.
EntityType ToEntityType(int64_t v) {
  return v >= kMinEntityType && v <= kMaxEntityType ? static_cast<EntityType>(v) : EntityType::kOther;
}
Modality ToModality(int64_t v) {
  return v >= 0 && v <= static_cast<int>(Modality::kHedged) ? static_cast<Modality>(v) : Modality::kAsserted;
}

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

int64_t CountCodePoints(std::string_view text) {
  int64_t n = 0;
  for (unsigned char c : text) n += IsContinuationByte(c) ? 0 : 1;
  return n;
}

// Byte offset of every code-point offset of valid UTF-8 `text`, the last entry being text.size().
std::vector<uint32_t> CodePointByteOffsets(std::string_view text) {
  std::vector<uint32_t> bytes;
  bytes.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(text[i]))) bytes.push_back(static_cast<uint32_t>(i));
  }
  bytes.push_back(static_cast<uint32_t>(text.size()));
  return bytes;
}

// Keeps the smallest and largest non-empty ISO date seen ("" = none yet).
void Widen(std::string_view date, std::string_view* first, std::string_view* last) {
  if (date.empty()) return;
  if (first->empty() || date < *first) *first = date;
  if (last->empty() || date > *last) *last = date;
}

struct TypeTally {
  int64_t mentions = 0;
  int64_t entities = 0;  // extraction entities of this type merged into the DocEntity
};

// Entity type by most mentions, then most occurrences, then lowest enum value: the same rule as
// RefreshEntity applies over documents.
int BestType(const std::array<TypeTally, kMaxEntityType + 1>& tally) {
  int best = kMaxEntityType;
  for (int t = kMaxEntityType; t >= kMinEntityType; --t) {
    const TypeTally& a = tally[t];
    const TypeTally& b = tally[best];
    if (a.mentions > b.mentions || (a.mentions == b.mentions && a.entities >= b.entities)) best = t;
  }
  return best;
}

// One entity of the document after merging the extraction's entities that share a NameKey.
struct DocEntity {
  std::string key;
  std::string name;  // name of the merged extraction entity with the most mentions (first on ties)
  int64_t name_mentions = -1;
  std::array<TypeTally, kMaxEntityType + 1> types{};
  int64_t mentions = 0;
  std::vector<const Entity*> parts;
  // Aggregates over this document alone; exact for an entity the document creates.
  int64_t degree = 0;
  std::string_view first_date, last_date;
  // Set when written.
  int64_t id = 0;
  bool created = false;
};

// One (source, relation, target) of the document with the aggregates of its evidence.
struct DocRelation {
  uint32_t source = 0;  // DocEntity indexes
  uint32_t target = 0;
  std::string_view relation;
  double weight = 0;
  int64_t count = 0;
  int64_t negated = 0;
  int64_t planned = 0;
  int64_t hedged = 0;
  std::string_view first_date, last_date;
  bool has_event = false;
  std::string_view event, event_date;  // chosen as described where evidence is folded in
  bool event_factual = false;
  bool has_cameo = false;
  std::string_view cameo, cameo_date;  // the CAMEO event code, chosen by the same rule as the event
  bool cameo_factual = false;
  size_t evidence_begin = 0;           // range in Contribution::evidence
  size_t evidence_end = 0;
  int64_t id = 0;
};

// The document's contribution, validated and aggregated before anything is written. Relations are in
// (source, relation, target) order and evidence is grouped by relation, so that the rows are appended to
// the unique (source_id, relation, target_id) index and to evidence_by_relation rather than inserted at
// random places (a third less time for a million relations).
struct Contribution {
  std::vector<DocEntity> entities;
  std::vector<DocRelation> relations;
  std::vector<uint32_t> evidence;  // Extraction::relations indexes; each relation's group in extraction order
  // Per Extraction::relations index: the DocEntity the occurrence is reported by (Relation::attributed_to),
  // or -1; empty when no relation of the document is attributed.
  std::vector<int32_t> attributed;
};

// The ids whose aggregates must be recomputed from the database at the end of an ingest: rows that
// existed before the document (created rows get exact aggregates from memory).
struct Touched {
  std::unordered_set<int64_t> entities;
  std::unordered_set<int64_t> relations;
  // Relations whose evidence all came from the older version of the document being replaced: the new
  // version's aggregates replace theirs as they are (no recomputation), or they are deleted.
  std::unordered_set<int64_t> exclusive_relations;
};

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// i for the id "e<i+1>" written without leading zeros, when i < n; SIZE_MAX for any other id.
size_t SequentialIdIndex(std::string_view id, size_t n) {
  if (id.size() < 2 || id.size() > 12 || id[0] != 'e' || id[1] == '0') return SIZE_MAX;
  size_t v = 0;
  for (size_t i = 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return SIZE_MAX;
    v = v * 10 + static_cast<size_t>(id[i] - '0');
  }
  return v >= 1 && v <= n ? v - 1 : SIZE_MAX;
}

Status BuildContribution(const Document& doc, const Extraction& ex, const std::string& where,
                         Contribution* c) {
  // Entity and relation indexes are kept in 32 bits, and so are byte offsets into the text.
  if (ex.relations.size() >= UINT32_MAX || ex.entities.size() >= UINT32_MAX || doc.text.size() >= UINT32_MAX) {
    return Status::ResourceLimit(where + ": document too large for one ingest (4 GiB of text, or 2^32 "
                                 "entities or relations)");
  }
  const int64_t cp_count = doc.is_triples ? 0 : CountCodePoints(doc.text);
  auto span_ok = [&](int64_t begin, int64_t end) {
    return 0 <= begin && begin <= end && (doc.is_triples || end <= cp_count);
  };

  // The Extractor numbers entities "e1", "e2", ... in order: then an id is its own index and a million
  // relation ends need no hash lookups. Any other id scheme goes through the map.
  bool sequential_ids = true;
  for (size_t i = 0; i < ex.entities.size() && sequential_ids; ++i) {
    sequential_ids = SequentialIdIndex(ex.entities[i].id, ex.entities.size()) == i;
  }
  std::vector<uint32_t> doc_entity_of(ex.entities.size());  // extraction entity -> DocEntity index
  std::unordered_map<std::string_view, size_t> by_id;       // only when !sequential_ids
  std::unordered_map<std::string, size_t> by_key;
  if (!sequential_ids) by_id.reserve(ex.entities.size());
  by_key.reserve(ex.entities.size());
  for (size_t i = 0; i < ex.entities.size(); ++i) {
    const Entity& e = ex.entities[i];
    auto label = [&] {
      return where + ": entity " + (e.id.empty() ? "#" + std::to_string(i) : Quote(e.id));
    };
    if (e.id.empty()) return Status::InvalidArgument(label() + " has no id");
    int type = static_cast<int>(e.type);
    if (type < kMinEntityType || type > kMaxEntityType) {
      return Status::InvalidArgument(label() + " has an unknown type " + std::to_string(type));
    }
    std::string key = text::NameKey(e.name);
    if (key.empty()) {
      return Status::InvalidArgument(label() + " (" + Quote(e.name) + ") has an empty name after normalisation");
    }
    auto [it, inserted] = by_key.try_emplace(std::move(key), c->entities.size());
    if (inserted) {
      c->entities.emplace_back();
      c->entities.back().key = it->first;
    }
    if (!sequential_ids && !by_id.emplace(e.id, i).second) {
      return Status::InvalidArgument(label() + " appears twice in the extraction");
    }
    doc_entity_of[i] = static_cast<uint32_t>(it->second);
    for (const Mention& m : e.mentions) {
      if (!span_ok(m.begin, m.end)) {
        return Status::InvalidArgument(label() + ": mention [" + std::to_string(m.begin) + ", " +
                                       std::to_string(m.end) + ") is outside the text (" +
                                       std::to_string(cp_count) + " code points)");
      }
    }
    DocEntity& de = c->entities[it->second];
    // References ("he", "the ministry") are evidence, not names: they count for neither the mentions
    // nor the name of the entity.
    int64_t n = 0;
    for (const Mention& m : e.mentions) n += m.reference ? 0 : 1;
    de.mentions += n;
    de.types[type].mentions += n;
    de.types[type].entities += 1;
    if (n > de.name_mentions) {
      de.name = e.name;
      de.name_mentions = n;
    }
    de.parts.push_back(&e);
  }

  // The DocEntity of an entity id, or -1 when the extraction has no such entity.
  auto find_entity = [&](const std::string& id) -> int64_t {
    if (sequential_ids) {
      size_t i = SequentialIdIndex(id, ex.entities.size());
      return i == SIZE_MAX ? int64_t{-1} : int64_t{doc_entity_of[i]};
    }
    auto it = by_id.find(id);
    return it == by_id.end() ? int64_t{-1} : int64_t{doc_entity_of[it->second]};
  };

  // Relation names ranked in byte order, so that items sort on integers in (source, relation, target)
  // order. A document has few distinct names; consecutive occurrences often share one.
  std::unordered_map<std::string_view, uint32_t> relation_rank;
  std::vector<std::string_view> relation_names;

  // Validated occurrences, sorted by key and then extraction order: aggregation is one pass over them.
  struct Item {
    uint32_t source;
    uint32_t relation;  // rank of the name, in byte order once ranked
    uint32_t target;
    uint32_t k;
  };
  std::vector<Item> items;
  items.reserve(ex.relations.size());
  std::string_view last_name;
  uint32_t last_rank = 0;
  for (size_t k = 0; k < ex.relations.size(); ++k) {
    const Relation& r = ex.relations[k];
    auto label = [&] { return where + ": relation " + std::to_string(k) + " (" + Quote(r.relation) + ")"; };
    const int64_t s = find_entity(r.source);
    if (s < 0) {
      return Status::InvalidArgument(label() + ": source " + Quote(r.source) +
                                     " is not an entity of this document");
    }
    const int64_t t = find_entity(r.target);
    if (t < 0) {
      return Status::InvalidArgument(label() + ": target " + Quote(r.target) +
                                     " is not an entity of this document");
    }
    if (!r.attributed_to.empty()) {
      const int64_t a = find_entity(r.attributed_to);
      if (a < 0) {
        return Status::InvalidArgument(label() + ": attributed_to " + Quote(r.attributed_to) +
                                       " is not an entity of this document");
      }
      if (c->attributed.empty()) c->attributed.assign(ex.relations.size(), -1);
      c->attributed[k] = static_cast<int32_t>(a);
    }
    if (r.relation.empty()) return Status::InvalidArgument(label() + ": empty relation name");
    if (!std::isfinite(r.weight) || r.weight < 0) {
      return Status::InvalidArgument(label() + ": weight " + std::to_string(r.weight) +
                                     " is not a finite non-negative number");
    }
    int modality = static_cast<int>(r.modality);
    if (modality < 0 || modality > static_cast<int>(Modality::kHedged)) {
      return Status::InvalidArgument(label() + ": unknown modality " + std::to_string(modality));
    }
    if (!span_ok(r.begin, r.end)) {
      return Status::InvalidArgument(label() + ": trigger [" + std::to_string(r.begin) + ", " +
                                     std::to_string(r.end) + ") is outside the text");
    }
    // Both ends merged into one entity ("Biden" meets "Joe Biden"): no self loops in the graph.
    if (s == t) continue;
    if (relation_names.empty() || r.relation != last_name) {
      auto [it, inserted] =
          relation_rank.try_emplace(r.relation, static_cast<uint32_t>(relation_names.size()));
      if (inserted) relation_names.push_back(r.relation);
      last_name = r.relation;
      last_rank = it->second;
    }
    items.push_back(
        {static_cast<uint32_t>(s), last_rank, static_cast<uint32_t>(t), static_cast<uint32_t>(k)});
  }
  {
    std::vector<uint32_t> order(relation_names.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return relation_names[a] < relation_names[b]; });
    std::vector<uint32_t> rank(order.size());
    for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
    for (Item& item : items) item.relation = rank[item.relation];
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.source != b.source) return a.source < b.source;
    if (a.relation != b.relation) return a.relation < b.relation;
    if (a.target != b.target) return a.target < b.target;
    return a.k < b.k;
  });

  c->evidence.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    if (i == 0 || items[i - 1].source != item.source || items[i - 1].relation != item.relation ||
        items[i - 1].target != item.target) {
      DocRelation& nr = c->relations.emplace_back();
      nr.source = item.source;
      nr.target = item.target;
      nr.relation = ex.relations[item.k].relation;
      nr.evidence_begin = c->evidence.size();
    }
    DocRelation& dr = c->relations.back();
    const Relation& r = ex.relations[item.k];
    std::string_view date = r.date.empty() ? std::string_view(doc.date) : std::string_view(r.date);
    dr.weight += r.weight;
    dr.count += 1;
    dr.negated += r.negated ? 1 : 0;
    dr.planned += r.modality == Modality::kPlanned ? 1 : 0;
    dr.hedged += r.modality == Modality::kHedged ? 1 : 0;
    Widen(date, &dr.first_date, &dr.last_date);
    // The edge's event: of the most recent asserted, non-negated occurrence, else the most recent one
    // (a planned visit is AGREE in PLOVER terms; the visit that happened is CONSULT).
    const bool factual = r.modality == Modality::kAsserted && !r.negated;
    if (!r.event.empty() && (!dr.has_event || factual > dr.event_factual ||
                             (factual == dr.event_factual && date >= dr.event_date))) {
      dr.has_event = true;
      dr.event = r.event;
      dr.event_date = date;
      dr.event_factual = factual;
    }
    if (!r.cameo.empty() && (!dr.has_cameo || factual > dr.cameo_factual ||
                             (factual == dr.cameo_factual && date >= dr.cameo_date))) {
      dr.has_cameo = true;
      dr.cameo = r.cameo;
      dr.cameo_date = date;
      dr.cameo_factual = factual;
    }
    c->evidence.push_back(item.k);
    dr.evidence_end = c->evidence.size();
  }

  for (DocEntity& de : c->entities) Widen(doc.date, &de.first_date, &de.last_date);
  for (const DocRelation& dr : c->relations) {
    for (uint32_t end : {dr.source, dr.target}) {
      DocEntity& de = c->entities[end];
      de.degree += 1;
      Widen(dr.first_date, &de.first_date, &de.last_date);
      // Most relations of a triples file have one occurrence: one date, the same view twice.
      if (dr.last_date.data() != dr.first_date.data()) Widen(dr.last_date, &de.first_date, &de.last_date);
    }
  }
  return Status::OK();
}

// The text of the sentence that relation k of the extraction lies in; "" for a triples document, which
// has no text. `byte_of_cp` caches the document's code-point-to-byte map between calls.
Result<std::string_view> SentenceText(const Document& doc, const Extraction& ex, const std::string& where,
                                      size_t k, std::vector<uint32_t>* byte_of_cp) {
  if (doc.is_triples) return std::string_view();
  const Relation& r = ex.relations[k];
  if (r.sentence < 0 || static_cast<size_t>(r.sentence) >= ex.sentences.size()) {
    return Status::InvalidArgument(where + ": relation " + std::to_string(k) + " (" + Quote(r.relation) +
                                   "): sentence " + std::to_string(r.sentence) + " does not exist (" +
                                   std::to_string(ex.sentences.size()) + " sentences)");
  }
  if (byte_of_cp->empty()) *byte_of_cp = CodePointByteOffsets(doc.text);
  const SentenceSpan& span = ex.sentences[r.sentence];
  const int64_t cp_count = static_cast<int64_t>(byte_of_cp->size()) - 1;
  if (span.begin < 0 || span.begin > span.end || span.end > cp_count) {
    return Status::InvalidArgument(where + ": sentence " + std::to_string(r.sentence) + " [" +
                                   std::to_string(span.begin) + ", " + std::to_string(span.end) +
                                   ") is outside the text (" + std::to_string(cp_count) + " code points)");
  }
  const uint32_t b = (*byte_of_cp)[span.begin];
  return std::string_view(doc.text).substr(b, (*byte_of_cp)[span.end] - b);
}

constexpr char kEntityColumns[] =
    "id, name, type, mention_count, degree, first_seen, last_seen, coalesce(code, ''), coalesce(country, ''), "
    "coalesce(sector, ''), title";

EntityRecord ReadEntity(const Statement& st) {
  EntityRecord e;
  e.id = st.Int(0);
  e.name = st.Text(1);
  e.type = ToEntityType(st.Int(2));
  e.mention_count = st.Int(3);
  e.degree = st.Int(4);
  e.first_seen = st.Text(5);
  e.last_seen = st.Text(6);
  e.code = st.Text(7);
  e.country = st.Text(8);
  e.sector = st.Text(9);
  e.title = st.Text(10);
  return e;
}

RelationRecord ReadRelation(const Statement& st) {
  RelationRecord r;
  r.id = st.Int(0);
  r.source_id = st.Int(1);
  r.target_id = st.Int(2);
  r.source_name = st.Text(3);
  r.target_name = st.Text(4);
  r.relation = st.Text(5);
  r.event = st.Text(6);
  r.weight = st.Double(7);
  r.count = st.Int(8);
  r.negated_count = st.Int(9);
  r.planned_count = st.Int(10);
  r.hedged_count = st.Int(11);
  r.first_date = st.Text(12);
  r.last_date = st.Text(13);
  r.cameo = st.Text(14);
  return r;
}

#define AG_RELATION_SELECT                                                                          \
  "SELECT r.id, r.source_id, r.target_id, s.name, t.name, r.relation, r.event, r.weight, r.count, " \
  "r.negated_count, r.planned_count, r.hedged_count, r.first_date, r.last_date, r.cameo "           \
  "FROM relations r JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id "

constexpr char kUpdateRelationSql[] =
    "UPDATE relations SET event = ?2, weight = ?3, count = ?4, negated_count = ?5, planned_count = ?6, "
    "hedged_count = ?7, first_date = ?8, last_date = ?9, cameo = ?10 WHERE id = ?1";

// Documents with more relations than this are ingested without foreign-key enforcement (see Ingest).
constexpr size_t kBulkRelations = 10000;

// Secondary indexes whose keys a document's new rows do not follow (entity ids follow first mention,
// relations are written in (source, relation, target) order): see Ingest.
constexpr const char* kRandomOrderIndexes[] = {"relations_by_target", "entities_by_mentions",
                                               "aliases_by_norm"};

// Turns foreign-key enforcement back on when it goes out of scope.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection* conn) : conn_(conn) {}
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  // Cannot fail outside a transaction short of a misuse; nothing useful to do if it did.
  ~ForeignKeysOff() { (void)conn_->Exec("PRAGMA foreign_keys = ON"); }

 private:
  Connection* conn_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> conn, bool read_only)
      : conn_(std::move(conn)), read_only_(read_only) {}

  Result<bool> IsUnchanged(const std::string& doc_id, const std::string& hash) override;
  Result<IngestOutcome> Ingest(const Document& doc, const Extraction& extraction,
                               const std::string& known_hash) override;
  Result<StoreStats> Stats() override;
  Result<std::vector<EntityRecord>> ListEntities(std::optional<EntityType> type, int64_t limit) override;
  Result<std::vector<int64_t>> ResolveName(const std::string& name) override;
  Result<std::vector<std::string>> SuggestNames(const std::string& name, int limit) override;
  Result<EntityRecord> GetEntity(int64_t id) override;
  Result<std::vector<RelationRecord>> RelationsOf(int64_t entity_id) override;
  Result<std::vector<EvidenceRecord>> EvidenceOf(int64_t relation_id, int64_t limit) override;
  Status ForEachEntity(const std::function<void(const EntityRecord&)>& fn) override;
  Status ForEachRelation(const std::function<void(const RelationRecord&)>& fn) override;
  Status ScanForGraph(const GraphScan& scan) override;
  Status ForEachEvidence(const std::function<void(int64_t, const EvidenceRecord&)>& fn) override;

 private:
  Status RemoveContribution(int64_t doc_row, Touched* touched);
  Status WriteEntities(const Document& doc, int64_t doc_row, Contribution* c, Touched* touched);
  Status WriteEntitiesOfFirstDocument(int64_t doc_row, Contribution* c);
  Status WriteRelations(const Document& doc, const Extraction& ex, const std::string& where, int64_t doc_row,
                        Contribution* c, Touched* touched);
  Status RefreshRelation(int64_t id);
  Status RefreshEntity(int64_t id);
  Status WriteCodes(const Contribution& c, int64_t doc_row, const Touched& touched);
  Status DropIndexes(std::span<const char* const> names, std::vector<std::string>* create_sql);

  std::unique_ptr<Connection> conn_;
  bool read_only_;
};

Result<bool> SqliteStore::IsUnchanged(const std::string& doc_id, const std::string& hash) {
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare("SELECT hash FROM documents WHERE ext_id = ?1"));
  st.BindText(1, doc_id);
  AG_ASSIGN_OR_RETURN(bool row, st.Step());
  return row && st.TextView(0) == hash;
}

Result<IngestOutcome> SqliteStore::Ingest(const Document& doc, const Extraction& extraction,
                                          const std::string& known_hash) {
  const std::string where = !doc.origin.empty() ? doc.origin : !doc.id.empty() ? doc.id : "document";
  if (read_only_) {
    return Status::InvalidArgument(conn_->path() + ": opened read-only; cannot ingest " + where);
  }
  if (doc.id.empty()) return Status::InvalidArgument(where + ": document has no id");
  // A bulk document's content hash (a pass over every triple) is computed on a second thread while its
  // extraction is validated and aggregated; the outcome is as if the hash came first (an unchanged
  // document is kUnchanged even when its extraction is invalid). Small documents do both in turn: a
  // thread per document would cost more than it saves.
  const bool bulk = extraction.relations.size() > kBulkRelations;
  Contribution c;
  Status built;
  std::string hash = known_hash;
  if (bulk) {
    std::future<std::string> hashing;
    if (hash.empty()) {
      try {
        hashing = std::async(std::launch::async, [&doc] { return DocumentHash(doc); });
      } catch (const std::system_error&) {
        // No thread to be had: hash here.
      }
    }
    built = BuildContribution(doc, extraction, where, &c);
    if (hash.empty()) hash = hashing.valid() ? hashing.get() : DocumentHash(doc);
  } else if (hash.empty()) {
    hash = DocumentHash(doc);
  }

  // Foreign keys are enforced for ordinary documents. A bulk document (a large triples file) is written
  // with enforcement off: every id it writes comes from this same transaction, and the per-row parent
  // lookups would cost about a third of its ingest time. The pragma only works outside a transaction, so
  // the guard is declared before the Transaction and restores enforcement after its commit or rollback.
  std::optional<ForeignKeysOff> fk_off;
  if (bulk) {
    AG_RETURN_IF_ERROR(conn_->Exec("PRAGMA foreign_keys = OFF"));
    fk_off.emplace(conn_.get());
  }
  Transaction txn(conn_.get());
  AG_RETURN_IF_ERROR(txn.Begin());
  int64_t doc_row = 0;
  {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare("SELECT id, hash FROM documents WHERE ext_id = ?1"));
    st.BindText(1, doc.id);
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) {
      if (st.TextView(1) == hash) return IngestOutcome::kUnchanged;  // the rollback writes nothing
      doc_row = st.Int(0);
    }
  }
  const IngestOutcome outcome = doc_row != 0 ? IngestOutcome::kReplaced : IngestOutcome::kNew;

  if (!bulk) built = BuildContribution(doc, extraction, where, &c);
  AG_RETURN_IF_ERROR(built);

  Touched touched;
  const std::string now = UtcNow();
  if (outcome == IngestOutcome::kReplaced) {
    AG_RETURN_IF_ERROR(RemoveContribution(doc_row, &touched));
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "UPDATE documents SET hash = ?2, title = ?3, date = ?4, source = ?5, url = ?6, ingested_at = ?7 "
        "WHERE id = ?1"));
    st.BindInt(1, doc_row).BindText(2, hash).BindText(3, doc.title).BindText(4, doc.date);
    st.BindText(5, doc.source).BindText(6, doc.url).BindText(7, now);
    AG_RETURN_IF_ERROR(st.Run());
  } else {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "INSERT INTO documents(ext_id, hash, title, date, source, url, ingested_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    st.BindText(1, doc.id).BindText(2, hash).BindText(3, doc.title).BindText(4, doc.date);
    st.BindText(5, doc.source).BindText(6, doc.url).BindText(7, now);
    AG_RETURN_IF_ERROR(st.Run());
    doc_row = conn_->LastInsertRowId();
  }

  // The first bulk document of a store (a large triples file into a new database) is written without
  // the secondary indexes whose rows it would add in random order; they are rebuilt from the finished
  // tables (one sort each) before the commit, in the same transaction. For a million relations the
  // rebuild costs 1.5 s where the random inserts cost 3.5 s.
  std::vector<std::string> deferred_indexes;
  if (bulk) {
    AG_ASSIGN_OR_RETURN(const int64_t any_entity, conn_->QueryInt("SELECT EXISTS(SELECT 1 FROM entities)"));
    if (!any_entity) AG_RETURN_IF_ERROR(DropIndexes(kRandomOrderIndexes, &deferred_indexes));
  }
  AG_RETURN_IF_ERROR(WriteEntities(doc, doc_row, &c, &touched));
  AG_RETURN_IF_ERROR(WriteRelations(doc, extraction, where, doc_row, &c, &touched));
  for (const std::string& sql : deferred_indexes) AG_RETURN_IF_ERROR(conn_->Exec(sql.c_str()));
  // Relations first: an entity's degree depends on which relations survive.
  for (int64_t id : touched.relations) AG_RETURN_IF_ERROR(RefreshRelation(id));
  if (!touched.exclusive_relations.empty()) {
    // Relations of the older version that the new one no longer has: no evidence is left.
    AG_ASSIGN_OR_RETURN(Statement del, conn_->Prepare("DELETE FROM relations WHERE id = ?1"));
    for (int64_t id : touched.exclusive_relations) {
      del.Reset();
      del.BindInt(1, id);
      AG_RETURN_IF_ERROR(del.Run());
    }
  }
  for (int64_t id : touched.entities) AG_RETURN_IF_ERROR(RefreshEntity(id));
  AG_RETURN_IF_ERROR(WriteCodes(c, doc_row, touched));
  AG_RETURN_IF_ERROR(txn.Commit());
  return outcome;
}

// The actor codes and titles (schema version 4): each document's code (Entity::code, country, sector) and
// title of an entity on its doc_entities row, and on the entity the code and the title of the most recent
// document (by date, then latest stored) that gave one, so that a leader's node follows the latest role.
// An entity the document created takes the document's values directly; every other one the document or a
// replaced version touched is recomputed.
Status SqliteStore::WriteCodes(const Contribution& c, int64_t doc_row, const Touched& touched) {
  AG_ASSIGN_OR_RETURN(Statement per_doc, conn_->Prepare(
      "UPDATE doc_entities SET code = nullif(?3, ''), country = nullif(?4, ''), sector = nullif(?5, ''), "
      "title = ?6 WHERE doc_id = ?1 AND entity_id = ?2"));
  AG_ASSIGN_OR_RETURN(Statement set, conn_->Prepare(
      "UPDATE entities SET code = nullif(?2, ''), country = nullif(?3, ''), sector = nullif(?4, ''), title = ?5 "
      "WHERE id = ?1"));
  AG_ASSIGN_OR_RETURN(Statement refresh, conn_->Prepare(
      "UPDATE entities SET (code, country, sector) = (SELECT de.code, de.country, de.sector "
      "FROM doc_entities de JOIN documents d ON d.id = de.doc_id "
      "WHERE de.entity_id = ?1 AND coalesce(de.code, de.sector) IS NOT NULL "
      "ORDER BY d.date DESC, d.id DESC LIMIT 1), "
      "title = coalesce((SELECT de.title FROM doc_entities de JOIN documents d ON d.id = de.doc_id "
      "WHERE de.entity_id = ?1 AND de.title <> '' ORDER BY d.date DESC, d.id DESC LIMIT 1), '') WHERE id = ?1"));
  static const std::string kNone;
  std::unordered_set<int64_t> done;
  for (const DocEntity& de : c.entities) {
    // The part with the most mentions that has a code (a title) speaks for the merged entity.
    const Entity* coded = nullptr;
    const Entity* titled = nullptr;
    for (const Entity* part : de.parts) {
      if ((!part->code.empty() || !part->sector.empty()) &&
          (coded == nullptr || part->mentions.size() > coded->mentions.size()))
        coded = part;
      if (!part->title.empty() && (titled == nullptr || part->mentions.size() > titled->mentions.size()))
        titled = part;
    }
    const std::string& code = coded ? coded->code : kNone;
    const std::string& country = coded ? coded->country : kNone;
    const std::string& sector = coded ? coded->sector : kNone;
    const std::string& title = titled ? titled->title : kNone;
    if (coded != nullptr || titled != nullptr) {
      per_doc.Reset();
      per_doc.BindInt(1, doc_row).BindInt(2, de.id).BindText(3, code).BindText(4, country).BindText(5, sector);
      AG_RETURN_IF_ERROR(per_doc.BindText(6, title).Run());
    }
    if (de.created) {
      done.insert(de.id);
      if (coded == nullptr && titled == nullptr) continue;
      set.Reset();
      set.BindInt(1, de.id).BindText(2, code).BindText(3, country).BindText(4, sector).BindText(5, title);
      AG_RETURN_IF_ERROR(set.Run());
    } else if (done.insert(de.id).second) {
      refresh.Reset();
      refresh.BindInt(1, de.id);
      AG_RETURN_IF_ERROR(refresh.Run());
    }
  }
  for (int64_t id : touched.entities) {
    if (!done.insert(id).second) continue;
    refresh.Reset();
    refresh.BindInt(1, id);
    AG_RETURN_IF_ERROR(refresh.Run());
  }
  return Status::OK();
}

// Drops the named indexes (inside the caller's transaction) and appends the CREATE INDEX statement of
// each, as the schema wrote it, to `create_sql`.
Status SqliteStore::DropIndexes(std::span<const char* const> names, std::vector<std::string>* create_sql) {
  for (const char* name : names) {
    {
      AG_ASSIGN_OR_RETURN(Statement st,
                          conn_->Prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1"));
      st.BindText(1, name);
      AG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Status::Corruption(conn_->path() + ": index " + name + " is missing");
      create_sql->push_back(st.Text(0));
    }
    AG_RETURN_IF_ERROR(conn_->Exec((std::string("DROP INDEX ") + name).c_str()));
  }
  return Status::OK();
}

// Deletes the per-document rows of an older version of the document and records which entities and
// relations lose something (their aggregates are recomputed, and they are deleted when nothing is left).
Status SqliteStore::RemoveContribution(int64_t doc_row, Touched* touched) {
  {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare("SELECT entity_id FROM doc_entities WHERE doc_id = ?1"));
    st.BindInt(1, doc_row);
    for (;;) {
      AG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      touched->entities.insert(st.Int(0));
    }
  }
  {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "SELECT e.relation_id, count(*), r.count FROM evidence e JOIN relations r ON r.id = e.relation_id "
        "WHERE e.doc_id = ?1 GROUP BY e.relation_id"));
    st.BindInt(1, doc_row);
    for (;;) {
      AG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      (st.Int(1) == st.Int(2) ? touched->exclusive_relations : touched->relations).insert(st.Int(0));
    }
  }
  for (const char* sql : {"DELETE FROM evidence WHERE doc_id = ?1", "DELETE FROM mentions WHERE doc_id = ?1",
                          "DELETE FROM aliases WHERE doc_id = ?1", "DELETE FROM merges WHERE doc_id = ?1",
                          "DELETE FROM doc_entities WHERE doc_id = ?1"}) {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(sql));
    st.BindInt(1, doc_row);
    AG_RETURN_IF_ERROR(st.Run());
  }
  return Status::OK();
}

// Aliases are the surface forms with their counts; an entity without mentions (from triples) is known
// by its name. The views point into the extraction.
void CountAliases(const DocEntity& de, std::unordered_map<std::string_view, int64_t>* counts) {
  counts->clear();
  for (const Entity* part : de.parts) {
    if (part->mentions.empty()) {
      (*counts)[part->name] += 1;
      continue;
    }
    for (const Mention& m : part->mentions) {
      if (!m.text.empty() && !m.reference) (*counts)[m.text] += 1;  // "he" is no alias
    }
  }
}

// Names that may join an existing actor through its aliases: acronyms ("EDF", "U.N.") and names of two
// words or more. A single ordinary word is most often a surname or a first name shared by many people.
bool MayMergeByAlias(const std::string& name, const std::string& key) {
  if (key.find(' ') != std::string::npos) {
    // "u s" is an acronym with dots; real multi-word names have a word of three letters or more.
    for (const std::string& w : Split(key, ' '))
      if (w.size() >= 3) return true;
  }
  int letters = 0, upper = 0;
  for (unsigned char ch : name) {
    if (ch >= 'A' && ch <= 'Z') ++upper;
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) ++letters;
  }
  return letters >= 2 && letters <= 8 && upper == letters;
}

Status SqliteStore::WriteEntities(const Document& doc, int64_t doc_row, Contribution* c, Touched* touched) {
  AG_ASSIGN_OR_RETURN(const int64_t any_entity, conn_->QueryInt("SELECT EXISTS(SELECT 1 FROM entities)"));
  if (!any_entity) return WriteEntitiesOfFirstDocument(doc_row, c);
  AG_ASSIGN_OR_RETURN(Statement find, conn_->Prepare("SELECT id FROM entities WHERE norm = ?1"));
  AG_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(
      "INSERT INTO entities(name, norm, type, mention_count, degree, first_seen, last_seen) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  AG_ASSIGN_OR_RETURN(Statement doc_entity, conn_->Prepare(
      "INSERT INTO doc_entities(doc_id, entity_id, name, type, mention_count) VALUES(?1, ?2, ?3, ?4, ?5)"));
  AG_ASSIGN_OR_RETURN(Statement alias, conn_->Prepare(
      "INSERT INTO aliases(entity_id, doc_id, alias, norm, count) VALUES(?1, ?2, ?3, ?4, ?5)"));
  AG_ASSIGN_OR_RETURN(Statement mention, conn_->Prepare(
      "INSERT INTO mentions(entity_id, doc_id, begin_cp, end_cp, text, reference) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"));

  AG_ASSIGN_OR_RETURN(Statement by_alias, conn_->Prepare(
      "SELECT DISTINCT a.entity_id, e.type, e.name, e.norm FROM aliases a JOIN entities e ON e.id = a.entity_id "
      "WHERE a.norm = ?1 LIMIT 2"));

  // Namesakes: a person this document affiliates ("US President X", "Syrian minister X") with countries
  // none of which the stored X is affiliated with is another X, stored as "X (2)", "X (3)",
  // ... (keys "<key> (2)", ...); a later document joins the one whose affiliations it shares.
  AG_ASSIGN_OR_RETURN(Statement stored_affiliations, conn_->Prepare(
      "SELECT e.norm FROM relations r JOIN entities e ON e.id = r.target_id "
      "WHERE r.source_id = ?1 AND r.relation = 'affiliated_with' AND e.type = ?2"));
  // Countries only: "UN envoy X" and "Swedish diplomat X" may well be one person.
  std::vector<std::vector<std::string_view>> affiliations(c->entities.size());
  for (const DocRelation& r : c->relations)
    if (r.relation == "affiliated_with" && BestType(c->entities[r.target].types) == static_cast<int>(EntityType::kGpe))
      affiliations[r.source].push_back(c->entities[r.target].key);
  // True when the stored entity `id` has affiliations and shares none with `mine`.
  auto conflicts = [&](int64_t id, const std::vector<std::string_view>& mine) -> Result<bool> {
    stored_affiliations.Reset();
    stored_affiliations.BindInt(1, id).BindInt(2, static_cast<int>(EntityType::kGpe));
    bool any = false;
    for (;;) {
      AG_ASSIGN_OR_RETURN(bool row, stored_affiliations.Step());
      if (!row) break;
      any = true;
      if (std::find(mine.begin(), mine.end(), stored_affiliations.TextView(0)) != mine.end()) return false;
    }
    return any;
  };

  AG_ASSIGN_OR_RETURN(Resolver resolver, Resolver::Create(conn_.get()));

  std::unordered_map<std::string_view, int64_t> alias_counts;
  std::unordered_set<int64_t> used_ids;
  std::unordered_set<std::string_view> doc_keys;
  for (const DocEntity& de : c->entities) doc_keys.insert(de.key);

  for (size_t di = 0; di < c->entities.size(); ++di) {
    DocEntity& de = c->entities[di];
    const int type = BestType(de.types);
    std::string norm = de.key;     // the entity row's key: de.key, or a namesake's "<key> (N)"
    std::string display = de.name;  // and its name in this document: "X", or "X (N)"
    find.Reset();
    find.BindText(1, de.key);
    AG_ASSIGN_OR_RETURN(bool found, find.Step());
    if (found && type == static_cast<int>(EntityType::kPerson) && !affiliations[di].empty()) {
      AG_ASSIGN_OR_RETURN(bool other, conflicts(find.Int(0), affiliations[di]));
      for (int n = 2; other; ++n) {
        display = de.name + " (" + std::to_string(n) + ")";
        norm = text::NameKey(display);
        find.Reset();
        find.BindText(1, norm);
        AG_ASSIGN_OR_RETURN(found, find.Step());
        if (!found) break;  // a new namesake
        AG_ASSIGN_OR_RETURN(other, conflicts(find.Int(0), affiliations[di]));
      }
    }
    int64_t alias_of = 0;
    std::string merged_name;  // the actor's canonical name when joined through an alias
    const char* rule = nullptr;  // why the document's name joined an entity of another key
    if (!found && alias_of == 0 && norm == de.key && MayMergeByAlias(de.name, de.key)) {
      // A known alias of exactly one actor of a compatible type ("EDF" where another document defined
      // "Euphrates Democratic Forces (EDF)") is that actor. Lone surnames never merge this way.
      by_alias.Reset();
      by_alias.BindText(1, de.key);
      int candidates = 0;
      for (;;) {
        AG_ASSIGN_OR_RETURN(bool row, by_alias.Step());
        if (!row) break;
        ++candidates;
        const int other_type = static_cast<int>(by_alias.Int(1));
        if ((other_type == type || type == static_cast<int>(EntityType::kOther)) &&
            !doc_keys.count(by_alias.TextView(3))) {
          alias_of = by_alias.Int(0);
          merged_name = std::string(by_alias.TextView(2));
        }
      }
      // The actor may already stand under its own name in this document: keep the two apart then.
      if (candidates != 1 || used_ids.count(alias_of)) alias_of = 0;
      if (alias_of != 0) rule = "known alias";
    }
    if (alias_of == 0 && norm == de.key) {
      Resolver::Context ctx;
      ctx.doc_keys = &doc_keys;
      ctx.used_ids = &used_ids;
      ctx.conflicts = [&](int64_t id) { return conflicts(id, affiliations[di]); };
      AG_ASSIGN_OR_RETURN(Resolver::Match m, resolver.Find(de.name, de.key, type, found, ctx));
      if (m.id != 0) {
        found = false;
        if (m.adopted) {
          AG_RETURN_IF_ERROR(resolver.Adopt(m.id, display, norm, type));
          m.name = display;
        }
        alias_of = m.id;
        merged_name = std::move(m.name);
        rule = m.rule;
      }
    }
    if (found && used_ids.count(find.Int(0))) {
      return Status::Internal(conn_->path() + ": two entities of one document share the key \"" + de.key + "\"");
    }
    if (found || alias_of != 0) {
      de.id = found ? find.Int(0) : alias_of;
      touched->entities.insert(de.id);
    } else {
      insert.Reset();
      insert.BindTextNoCopy(1, display).BindTextNoCopy(2, norm).BindInt(3, type).BindInt(4, de.mentions);
      insert.BindInt(5, de.degree).BindTextNoCopy(6, de.first_date).BindTextNoCopy(7, de.last_date);
      AG_RETURN_IF_ERROR(insert.Run());
      de.id = conn_->LastInsertRowId();
      de.created = true;
    }
    used_ids.insert(de.id);
    AG_RETURN_IF_ERROR(resolver.Index(de.id, de.key, type));
    if (rule != nullptr) AG_RETURN_IF_ERROR(resolver.Record(de.id, doc_row, de.name, rule));

    doc_entity.Reset();
    // Through an alias the document speaks of the actor by its canonical name.
    doc_entity.BindInt(1, doc_row).BindInt(2, de.id).BindTextNoCopy(3, alias_of != 0 ? merged_name : display);
    doc_entity.BindInt(4, type);
    doc_entity.BindInt(5, de.mentions);
    AG_RETURN_IF_ERROR(doc_entity.Run());

    CountAliases(de, &alias_counts);
    for (const auto& [text, count] : alias_counts) {
      std::string norm = text == de.name ? de.key : text::NameKey(text);
      alias.Reset();
      alias.BindInt(1, de.id)
          .BindInt(2, doc_row)
          .BindTextNoCopy(3, text)
          .BindTextNoCopy(4, norm)
          .BindInt(5, count);
      AG_RETURN_IF_ERROR(alias.Run());
    }

    for (const Entity* part : de.parts) {
      for (const Mention& m : part->mentions) {
        mention.Reset();
        mention.BindInt(1, de.id).BindInt(2, doc_row).BindInt(3, m.begin).BindInt(4, m.end);
        mention.BindTextNoCopy(5, m.text).BindInt(6, m.reference ? 1 : 0);
        AG_RETURN_IF_ERROR(mention.Run());
      }
    }
  }
  return Status::OK();
}

// WriteEntities into a store that has no entity yet (its first document; the bulk case is a large
// triples file): every entity is new, so there are no lookups, ids are assigned here (1, 2, ... as SQLite
// would) and the rows go through multi-row INSERTs, parents (entities) before children.
Status SqliteStore::WriteEntitiesOfFirstDocument(int64_t doc_row, Contribution* c) {
  {
    BatchInsert insert(
        conn_.get(),
        "INSERT INTO entities(id, name, norm, type, mention_count, degree, first_seen, last_seen)", 8);
    AG_ASSIGN_OR_RETURN(int64_t id, conn_->QueryInt("SELECT coalesce(max(id), 0) FROM entities"));
    for (DocEntity& de : c->entities) {
      de.id = ++id;
      de.created = true;
      insert.Int(de.id).Text(de.name).Text(de.key).Int(BestType(de.types)).Int(de.mentions).Int(de.degree);
      AG_RETURN_IF_ERROR(insert.Text(de.first_date).Text(de.last_date).EndRow());
    }
    AG_RETURN_IF_ERROR(insert.Finish());
  }
  BatchInsert doc_entity(conn_.get(),
                         "INSERT INTO doc_entities(doc_id, entity_id, name, type, mention_count)", 5);
  BatchInsert alias(conn_.get(), "INSERT INTO aliases(entity_id, doc_id, alias, norm, count)", 5);
  BatchInsert mention(conn_.get(), "INSERT INTO mentions(entity_id, doc_id, begin_cp, end_cp, text, reference)", 6);
  std::unordered_map<std::string_view, int64_t> alias_counts;
  std::deque<std::string> norms;  // alias keys other than the entity's own, alive (and unmoved) until Finish
  for (const DocEntity& de : c->entities) {
    AG_RETURN_IF_ERROR(
        doc_entity.Int(doc_row).Int(de.id).Text(de.name).Int(BestType(de.types)).Int(de.mentions).EndRow());
    CountAliases(de, &alias_counts);
    for (const auto& [text, count] : alias_counts) {
      std::string_view norm = de.key;
      if (text != de.name) norm = norms.emplace_back(text::NameKey(text));
      AG_RETURN_IF_ERROR(alias.Int(de.id).Int(doc_row).Text(text).Text(norm).Int(count).EndRow());
    }
    for (const Entity* part : de.parts) {
      for (const Mention& m : part->mentions) {
        AG_RETURN_IF_ERROR(
            mention.Int(de.id).Int(doc_row).Int(m.begin).Int(m.end).Text(m.text).Int(m.reference ? 1 : 0).EndRow());
      }
    }
  }
  AG_RETURN_IF_ERROR(doc_entity.Finish());
  AG_RETURN_IF_ERROR(alias.Finish());
  AG_RETURN_IF_ERROR(mention.Finish());
  BatchInsert keys(conn_.get(), "INSERT OR IGNORE INTO name_keys(key, entity_id)", 2);
  std::deque<std::string> held;  // alive until Finish
  for (const DocEntity& de : c->entities) {
    for (std::string& key : NameKeys(de.key, BestType(de.types)))
      AG_RETURN_IF_ERROR(keys.Text(held.emplace_back(std::move(key))).Int(de.id).EndRow());
  }
  return keys.Finish();
}

Status SqliteStore::WriteRelations(const Document& doc, const Extraction& ex, const std::string& where,
                                   int64_t doc_row, Contribution* c, Touched* touched) {
  AG_ASSIGN_OR_RETURN(Statement find, conn_->Prepare(
      "SELECT id FROM relations WHERE source_id = ?1 AND relation = ?2 AND target_id = ?3"));
  // New relations get their ids here (max + 1, ... as SQLite would) so that they can go through
  // multi-row INSERTs; all are written before the first evidence row refers to them.
  BatchInsert insert(
      conn_.get(),
      "INSERT INTO relations(id, source_id, target_id, relation, event, weight, count, negated_count, "
      "planned_count, hedged_count, first_date, last_date, cameo)",
      13);
  AG_ASSIGN_OR_RETURN(int64_t last_id, conn_->QueryInt("SELECT coalesce(max(id), 0) FROM relations"));
  AG_ASSIGN_OR_RETURN(Statement update, conn_->Prepare(kUpdateRelationSql));
  for (DocRelation& dr : c->relations) {
    const DocEntity& s = c->entities[dr.source];
    const DocEntity& t = c->entities[dr.target];
    // An entity created by this document has no relations yet, so neither has the pair.
    if (!s.created && !t.created) {
      find.Reset();
      find.BindInt(1, s.id).BindText(2, dr.relation).BindInt(3, t.id);
      AG_ASSIGN_OR_RETURN(bool found, find.Step());
      if (found) {
        dr.id = find.Int(0);
        if (touched->exclusive_relations.erase(dr.id) == 0) {
          touched->relations.insert(dr.id);
          continue;
        }
        // Only the document's older version fed this relation: the new aggregates are the whole story.
        update.Reset();
        update.BindInt(1, dr.id).BindText(2, dr.event).BindDouble(3, dr.weight).BindInt(4, dr.count);
        update.BindInt(5, dr.negated).BindInt(6, dr.planned).BindInt(7, dr.hedged);
        update.BindText(8, dr.first_date).BindText(9, dr.last_date).BindText(10, dr.cameo);
        AG_RETURN_IF_ERROR(update.Run());
        continue;
      }
    }
    dr.id = ++last_id;
    insert.Int(dr.id).Int(s.id).Int(t.id).Text(dr.relation).Text(dr.event).Double(dr.weight).Int(dr.count);
    AG_RETURN_IF_ERROR(insert.Int(dr.negated)
                           .Int(dr.planned)
                           .Int(dr.hedged)
                           .Text(dr.first_date)
                           .Text(dr.last_date)
                           .Text(dr.cameo)
                           .EndRow());
  }
  AG_RETURN_IF_ERROR(insert.Finish());

  BatchInsert evidence(
      conn_.get(),
      "INSERT INTO evidence(relation_id, doc_id, sentence, begin_cp, end_cp, sentence_text, negated, "
      "modality, weight, event, date, attributed_to, cameo)",
      13);
  std::vector<uint32_t> byte_of_cp;  // built on first use: triples documents have no text
  for (const DocRelation& dr : c->relations) {
    for (size_t e = dr.evidence_begin; e < dr.evidence_end; ++e) {
      const size_t k = c->evidence[e];
      const Relation& r = ex.relations[k];
      AG_ASSIGN_OR_RETURN(std::string_view sentence_text, SentenceText(doc, ex, where, k, &byte_of_cp));
      const std::string& date = r.date.empty() ? doc.date : r.date;
      evidence.Int(dr.id).Int(doc_row).Int(r.sentence).Int(r.begin).Int(r.end).Text(sentence_text);
      evidence.Int(r.negated ? 1 : 0).Int(static_cast<int>(r.modality)).Double(r.weight).Text(r.event);
      const int32_t by = c->attributed.empty() ? -1 : c->attributed[k];
      AG_RETURN_IF_ERROR(evidence.Text(date).Int(by < 0 ? 0 : c->entities[by].id).Text(r.cameo).EndRow());
    }
  }
  return evidence.Finish();
}

// Recomputes a relation's aggregates from its evidence; deletes it when no evidence is left.
Status SqliteStore::RefreshRelation(int64_t id) {
  AG_ASSIGN_OR_RETURN(Statement agg, conn_->Prepare(
      "SELECT count(*), total(weight), coalesce(sum(negated), 0), coalesce(sum(modality = 1), 0), "
      "coalesce(sum(modality = 2), 0), coalesce(min(nullif(date, '')), ''), "
      "coalesce(max(nullif(date, '')), '') FROM evidence WHERE relation_id = ?1"));
  agg.BindInt(1, id);
  AG_ASSIGN_OR_RETURN(bool row, agg.Step());
  if (!row || agg.Int(0) == 0) {
    AG_ASSIGN_OR_RETURN(Statement del, conn_->Prepare("DELETE FROM relations WHERE id = ?1"));
    del.BindInt(1, id);
    return del.Run();
  }
  std::string event;
  {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "SELECT event FROM evidence WHERE relation_id = ?1 AND event <> '' "
        "ORDER BY (modality = 0 AND negated = 0) DESC, date DESC, id DESC LIMIT 1"));
    st.BindInt(1, id);
    AG_ASSIGN_OR_RETURN(bool has_event, st.Step());
    if (has_event) event = st.Text(0);
  }
  std::string cameo;  // by the same rule as the event
  {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "SELECT cameo FROM evidence WHERE relation_id = ?1 AND cameo <> '' "
        "ORDER BY (modality = 0 AND negated = 0) DESC, date DESC, id DESC LIMIT 1"));
    st.BindInt(1, id);
    AG_ASSIGN_OR_RETURN(bool has_cameo, st.Step());
    if (has_cameo) cameo = st.Text(0);
  }
  AG_ASSIGN_OR_RETURN(Statement upd, conn_->Prepare(kUpdateRelationSql));
  upd.BindInt(1, id).BindText(2, event).BindDouble(3, agg.Double(1)).BindInt(4, agg.Int(0));
  upd.BindInt(5, agg.Int(2)).BindInt(6, agg.Int(3)).BindInt(7, agg.Int(4));
  upd.BindText(8, agg.TextView(5)).BindText(9, agg.TextView(6)).BindText(10, cameo);
  return upd.Run();
}

// Recomputes an entity's name, type, counts and dates from all documents; deletes it when no document
// and no relation refers to it any more.
Status SqliteStore::RefreshEntity(int64_t id) {
  AG_ASSIGN_OR_RETURN(Statement docs, conn_->Prepare(
      "SELECT count(*), coalesce(sum(de.mention_count), 0), coalesce(min(nullif(d.date, '')), ''), "
      "coalesce(max(nullif(d.date, '')), '') "
      "FROM doc_entities de JOIN documents d ON d.id = de.doc_id WHERE de.entity_id = ?1"));
  docs.BindInt(1, id);
  AG_ASSIGN_OR_RETURN(bool row, docs.Step());
  const int64_t doc_count = row ? docs.Int(0) : 0;

  AG_ASSIGN_OR_RETURN(Statement rels, conn_->Prepare(
      "SELECT count(*), coalesce(min(nullif(first_date, '')), ''), coalesce(max(nullif(last_date, '')), '') "
      "FROM (SELECT first_date, last_date FROM relations WHERE source_id = ?1 "
      "UNION ALL SELECT first_date, last_date FROM relations WHERE target_id = ?1)"));
  rels.BindInt(1, id);
  AG_ASSIGN_OR_RETURN(row, rels.Step());
  const int64_t degree = row ? rels.Int(0) : 0;

  if (doc_count == 0 && degree == 0) {
    for (const char* sql : {"DELETE FROM name_keys WHERE entity_id = ?1", "DELETE FROM merges WHERE entity_id = ?1",
                            "DELETE FROM entities WHERE id = ?1"}) {
      AG_ASSIGN_OR_RETURN(Statement del, conn_->Prepare(sql));
      del.BindInt(1, id);
      AG_RETURN_IF_ERROR(del.Run());
    }
    return Status::OK();
  }
  std::string_view first, last;
  Widen(docs.TextView(2), &first, &last);
  Widen(docs.TextView(3), &first, &last);
  Widen(rels.TextView(1), &first, &last);
  Widen(rels.TextView(2), &first, &last);

  // Name and type: the ones with the most mentions over documents, then the most documents, then the
  // earliest document (name) or lowest enum value (type).
  AG_ASSIGN_OR_RETURN(Statement best, conn_->Prepare(
      "SELECT (SELECT name FROM doc_entities WHERE entity_id = ?1 GROUP BY name "
      "        ORDER BY sum(mention_count) DESC, count(*) DESC, min(doc_id) LIMIT 1), "
      "       (SELECT type FROM doc_entities WHERE entity_id = ?1 GROUP BY type "
      "        ORDER BY sum(mention_count) DESC, count(*) DESC, type LIMIT 1)"));
  best.BindInt(1, id);
  AG_ASSIGN_OR_RETURN(row, best.Step());
  if (!row || best.IsNull(0) || best.IsNull(1)) {
    // Only reachable if relations outlived every document row, which Ingest never leaves behind.
    return Status::Internal(conn_->path() + ": entity " + std::to_string(id) +
                            " has relations but no document rows");
  }
  AG_ASSIGN_OR_RETURN(Statement upd, conn_->Prepare(
      "UPDATE entities SET name = ?2, type = ?3, mention_count = ?4, degree = ?5, first_seen = ?6, "
      "last_seen = ?7 WHERE id = ?1"));
  upd.BindInt(1, id).BindText(2, best.TextView(0)).BindInt(3, best.Int(1)).BindInt(4, docs.Int(1));
  upd.BindInt(5, degree).BindText(6, first).BindText(7, last);
  return upd.Run();
}

Result<StoreStats> SqliteStore::Stats() {
  StoreStats s;
  AG_ASSIGN_OR_RETURN(s.documents, conn_->QueryInt("SELECT count(*) FROM documents"));
  AG_ASSIGN_OR_RETURN(s.entities, conn_->QueryInt("SELECT count(*) FROM entities"));
  AG_ASSIGN_OR_RETURN(s.aliases,
                      conn_->QueryInt("SELECT count(*) FROM (SELECT DISTINCT entity_id, alias FROM aliases)"));
  AG_ASSIGN_OR_RETURN(s.mentions, conn_->QueryInt("SELECT count(*) FROM mentions"));
  AG_ASSIGN_OR_RETURN(s.relations, conn_->QueryInt("SELECT count(*) FROM relations"));
  AG_ASSIGN_OR_RETURN(s.evidence, conn_->QueryInt("SELECT count(*) FROM evidence"));
  AG_ASSIGN_OR_RETURN(int64_t version, conn_->QueryInt("PRAGMA user_version"));
  s.schema_version = static_cast<int>(version);
  return s;
}

Result<std::vector<EntityRecord>> SqliteStore::ListEntities(std::optional<EntityType> type, int64_t limit) {
  static const std::string sql = std::string("SELECT ") + kEntityColumns +
                                 " FROM entities WHERE ?1 = 0 OR type = ?1 "
                                 "ORDER BY mention_count DESC, name, id LIMIT ?2";
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(sql.c_str()));
  st.BindInt(1, type ? static_cast<int>(*type) : 0).BindInt(2, limit > 0 ? limit : -1);
  std::vector<EntityRecord> out;
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadEntity(st));
  }
  return out;
}

Result<std::vector<int64_t>> SqliteStore::ResolveName(const std::string& name) {
  std::vector<int64_t> ids;
  const std::string key = text::NameKey(name);
  if (key.empty()) return ids;
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
      "SELECT id FROM entities WHERE id IN (SELECT id FROM entities WHERE norm = ?1 "
      "UNION SELECT entity_id FROM aliases WHERE norm = ?1) ORDER BY mention_count DESC, id"));
  st.BindText(1, key);
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ids.push_back(st.Int(0));
  }
  return ids;
}

Result<std::vector<std::string>> SqliteStore::SuggestNames(const std::string& name, int limit) {
  std::vector<std::string> out;
  const std::string key = text::NameKey(name);
  if (limit <= 0 || key.empty()) return out;
  // A candidate further than this is no longer a plausible spelling of the same name; the same bound
  // on the length difference skips most rows without computing a distance.
  const int64_t max_distance = 3 + static_cast<int64_t>(key.size()) / 3;
  struct Candidate {
    int distance;
    int64_t mentions;
    std::string name;
  };
  std::vector<Candidate> candidates;
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare("SELECT name, norm, mention_count FROM entities"));
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::string_view norm = st.TextView(1);
    const int64_t diff = static_cast<int64_t>(norm.size()) - static_cast<int64_t>(key.size());
    if (diff > max_distance || -diff > max_distance) continue;
    const int distance = EditDistance(key, norm);
    if (distance > max_distance) continue;
    candidates.push_back({distance, st.Int(2), st.Text(0)});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    return a.name < b.name;
  });
  for (size_t i = 0; i < candidates.size() && out.size() < static_cast<size_t>(limit); ++i) {
    out.push_back(std::move(candidates[i].name));
  }
  return out;
}

Result<EntityRecord> SqliteStore::GetEntity(int64_t id) {
  static const std::string sql = std::string("SELECT ") + kEntityColumns + " FROM entities WHERE id = ?1";
  EntityRecord e;
  {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(sql.c_str()));
    st.BindInt(1, id);
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::NotFound(conn_->path() + ": no entity with id " + std::to_string(id));
    e = ReadEntity(st);
  }
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
      "SELECT alias FROM aliases WHERE entity_id = ?1 GROUP BY alias ORDER BY sum(count) DESC, alias"));
  st.BindInt(1, id);
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    e.aliases.push_back(st.Text(0));
  }
  AG_ASSIGN_OR_RETURN(Statement merges, conn_->Prepare(
      "SELECT m.name, m.rule, count(*), min(d.ext_id) FROM merges m JOIN documents d ON d.id = m.doc_id "
      "WHERE m.entity_id = ?1 GROUP BY m.name, m.rule ORDER BY count(*) DESC, m.name, m.rule"));
  merges.BindInt(1, id);
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, merges.Step());
    if (!row) break;
    e.merges.push_back({merges.Text(0), merges.Text(1), merges.Int(2), merges.Text(3)});
  }
  return e;
}

Result<std::vector<RelationRecord>> SqliteStore::RelationsOf(int64_t entity_id) {
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
      AG_RELATION_SELECT "WHERE r.source_id = ?1 OR r.target_id = ?1 ORDER BY r.weight DESC, r.id"));
  st.BindInt(1, entity_id);
  std::vector<RelationRecord> out;
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadRelation(st));
  }
  return out;
}

Result<std::vector<EvidenceRecord>> SqliteStore::EvidenceOf(int64_t relation_id, int64_t limit) {
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
      "SELECT d.ext_id, d.title, e.date, e.sentence, e.begin_cp, e.end_cp, e.sentence_text, e.negated, "
      "e.modality, coalesce(a.name, '') FROM evidence e JOIN documents d ON d.id = e.doc_id "
      "LEFT JOIN entities a ON a.id = e.attributed_to WHERE e.relation_id = ?1 "
      "ORDER BY e.date DESC, e.id LIMIT ?2"));
  st.BindInt(1, relation_id).BindInt(2, limit > 0 ? limit : -1);
  std::vector<EvidenceRecord> out;
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    EvidenceRecord ev;
    ev.doc_id = st.Text(0);
    ev.doc_title = st.Text(1);
    ev.date = st.Text(2);
    ev.sentence = static_cast<int>(st.Int(3));
    ev.begin = st.Int(4);
    ev.end = st.Int(5);
    ev.sentence_text = st.Text(6);
    ev.negated = st.Int(7) != 0;
    ev.modality = ToModality(st.Int(8));
    ev.attributed_to = st.Text(9);
    out.push_back(std::move(ev));
  }
  return out;
}

Status SqliteStore::ForEachEntity(const std::function<void(const EntityRecord&)>& fn) {
  static const std::string sql = std::string("SELECT ") + kEntityColumns + " FROM entities ORDER BY id";
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(sql.c_str()));
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::OK();
    fn(ReadEntity(st));
  }
}

Status SqliteStore::ForEachRelation(const std::function<void(const RelationRecord&)>& fn) {
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(AG_RELATION_SELECT "ORDER BY r.id"));
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::OK();
    fn(ReadRelation(st));
  }
}

// One reused record per scan: assigning into its strings keeps their buffers, so rows cost no allocation.
Status SqliteStore::ScanForGraph(const GraphScan& scan) {
  if (scan.sizes) {
    AG_ASSIGN_OR_RETURN(int64_t entities, conn_->QueryInt("SELECT coalesce(max(id), 0) FROM entities"));
    AG_ASSIGN_OR_RETURN(int64_t relations, conn_->QueryInt("SELECT coalesce(max(id), 0) FROM relations"));
    scan.sizes(entities, relations);
  }
  if (scan.entity) {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "SELECT id, name, type, mention_count, first_seen, last_seen, coalesce(code, ''), coalesce(country, ''), "
        "coalesce(sector, ''), title FROM entities ORDER BY id"));
    EntityRecord e;
    for (;;) {
      AG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      e.id = st.Int(0);
      e.name.assign(st.TextView(1));
      e.type = ToEntityType(st.Int(2));
      e.mention_count = st.Int(3);
      e.first_seen.assign(st.TextView(4));
      e.last_seen.assign(st.TextView(5));
      e.code.assign(st.TextView(6));
      e.country.assign(st.TextView(7));
      e.sector.assign(st.TextView(8));
      e.title.assign(st.TextView(9));
      scan.entity(e);
    }
  }
  if (scan.alias) {
    // The primary key (entity_id, doc_id, alias) gives entity order; the per-document rows of one entity
    // are summed here rather than by a GROUP BY, which would sort the whole table.
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare("SELECT entity_id, alias, count FROM aliases ORDER BY entity_id"));
    int64_t current = -1;
    std::vector<std::pair<std::string, int64_t>> forms;
    auto flush = [&] {
      std::sort(forms.begin(), forms.end());
      for (size_t i = 0; i < forms.size();) {
        size_t j = i;
        int64_t total = 0;
        for (; j < forms.size() && forms[j].first == forms[i].first; ++j) total += forms[j].second;
        scan.alias(current, forms[i].first, total);
        i = j;
      }
      forms.clear();
    };
    for (;;) {
      AG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      int64_t id = st.Int(0);
      if (id != current) {
        flush();
        current = id;
      }
      forms.emplace_back(std::string(st.TextView(1)), st.Int(2));
    }
    flush();
  }
  if (scan.relation) {
    AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
        "SELECT id, source_id, target_id, relation, event, weight, count, negated_count, planned_count, "
        "hedged_count, first_date, last_date, cameo FROM relations ORDER BY id"));
    RelationRecord r;
    for (;;) {
      AG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      r.id = st.Int(0);
      r.source_id = st.Int(1);
      r.target_id = st.Int(2);
      r.relation.assign(st.TextView(3));
      r.event.assign(st.TextView(4));
      r.weight = st.Double(5);
      r.count = st.Int(6);
      r.negated_count = st.Int(7);
      r.planned_count = st.Int(8);
      r.hedged_count = st.Int(9);
      r.first_date.assign(st.TextView(10));
      r.last_date.assign(st.TextView(11));
      r.cameo.assign(st.TextView(12));
      scan.relation(r);
    }
  }
  return Status::OK();
}

// The exporters' scan: one pass over evidence_by_relation (relation id, then rowid), one record reused.
Status SqliteStore::ForEachEvidence(const std::function<void(int64_t, const EvidenceRecord&)>& fn) {
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(
      "SELECT e.relation_id, d.ext_id, d.title, e.date, e.sentence, e.begin_cp, e.end_cp, e.sentence_text, "
      "e.negated, e.modality, coalesce(a.name, '') FROM evidence e JOIN documents d ON d.id = e.doc_id "
      "LEFT JOIN entities a ON a.id = e.attributed_to ORDER BY e.relation_id, e.id"));
  EvidenceRecord ev;
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::OK();
    ev.doc_id.assign(st.TextView(1));
    ev.doc_title.assign(st.TextView(2));
    ev.date.assign(st.TextView(3));
    ev.sentence = static_cast<int>(st.Int(4));
    ev.begin = st.Int(5);
    ev.end = st.Int(6);
    ev.sentence_text.assign(st.TextView(7));
    ev.negated = st.Int(8) != 0;
    ev.modality = ToModality(st.Int(9));
    ev.attributed_to.assign(st.TextView(10));
    fn(st.Int(0), ev);
  }
}

}  // namespace
}  // namespace store

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool read_only) {
  if (path.empty()) return Status::InvalidArgument("database path is empty");
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) {
    return Status::InvalidArgument(path + ": is a directory, not a database file");
  }
  if (read_only && !std::filesystem::exists(status)) {
    return Status::NotFound(path + ": no such database file");
  }
  auto conn = std::make_unique<store::Connection>(path);
  const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  AG_RETURN_IF_ERROR(conn->Open(flags));
  AG_RETURN_IF_ERROR(store::PrepareSchema(conn.get(), read_only));
  return std::unique_ptr<Store>(std::make_unique<store::SqliteStore>(std::move(conn), read_only));
}

}  // namespace ag
