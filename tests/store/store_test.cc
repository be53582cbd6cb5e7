// Tests of the SQLite store: the file format checks on open (fresh, reopened, foreign, newer, not SQLite,
// truncated, read-only), ingest outcomes (new, unchanged, replaced), merging of entities across documents
// by normalised name, aggregation of relations and evidence, name lookup, and that a failed ingest leaves
// the file exactly as it was. Each test owns a fresh database in a temporary directory.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/extract.h"
#include "actorgraph/store.h"
#include "test_util.h"

namespace ag {
namespace {

using ::ag::testing::TempDir;

int64_t CodePointOffset(const std::string& text, size_t byte) {
  int64_t n = 0;
  for (size_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

// Builds a text document and its extraction by hand: mentions are found in the text, sentences end at
// ". " (or the end of the text).
class DocBuilder {
 public:
  DocBuilder(const std::string& id, const std::string& text, const std::string& date = "") {
    doc_.id = id;
    doc_.origin = id;
    doc_.text = text;
    doc_.date = date;
    doc_.title = "Title of " + id;
    ex_.doc_id = id;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      bool end = i == text.size() || (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' '));
      if (!end) continue;
      size_t stop = i < text.size() ? i + 1 : i;
      if (stop > start) ex_.sentences.push_back({CodePointOffset(text, start), CodePointOffset(text, stop)});
      start = stop + 1;
      i = stop;
    }
  }

  // Adds an entity with one mention per surface form (each found after the previous one, else anywhere).
  std::string AddEntity(const std::string& name, EntityType type, const std::vector<std::string>& surfaces) {
    Entity e;
    e.id = "e" + std::to_string(ex_.entities.size() + 1);
    e.name = name;
    e.type = type;
    size_t from = 0;
    for (const std::string& s : surfaces) {
      size_t pos = doc_.text.find(s, from);
      if (pos == std::string::npos) pos = doc_.text.find(s);
      EXPECT_NE(pos, std::string::npos) << s;
      e.mentions.push_back({CodePointOffset(doc_.text, pos), CodePointOffset(doc_.text, pos + s.size()), s});
      from = pos + s.size();
    }
    std::sort(e.mentions.begin(), e.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    ex_.entities.push_back(e);
    return e.id;
  }

  Relation& AddRelation(const std::string& source, const std::string& relation, const std::string& target,
                        int sentence = 0) {
    Relation r;
    r.source = source;
    r.target = target;
    r.relation = relation;
    r.sentence = sentence;
    ex_.relations.push_back(r);
    return ex_.relations.back();
  }

  Document& doc() { return doc_; }
  Extraction& ex() { return ex_; }

 private:
  Document doc_;
  Extraction ex_;
};

// A triples document as the extractor converts it: entities without mentions, no text, no sentences.
struct TriplesBuilder {
  Document doc;
  Extraction ex;
  explicit TriplesBuilder(const std::string& id) {
    doc.id = id;
    doc.origin = id;
    doc.is_triples = true;
    ex.doc_id = id;
  }
  std::string Entity(const std::string& name, EntityType type) {
    auto [it, inserted] = ids.try_emplace(name, "e" + std::to_string(ex.entities.size() + 1));
    if (inserted) {
      ag::Entity e;
      e.id = it->second;
      e.name = name;
      e.type = type;
      ex.entities.push_back(e);
    }
    return it->second;
  }
  std::map<std::string, std::string> ids;  // name -> entity id
  void Add(const std::string& s, const std::string& rel, const std::string& t, const std::string& date,
           double weight = 1.0) {
    Triple tr{s, rel, t, "", "", date, weight};
    doc.triples.push_back(tr);
    Relation r;
    r.source = Entity(s, EntityType::kPerson);
    r.target = Entity(t, EntityType::kPerson);
    r.relation = rel;
    r.date = date;
    r.weight = weight;
    ex.relations.push_back(r);
  }
};

// Every row of every table plus the header fields, for before/after comparisons.
std::string Dump(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "<cannot open>";
  }
  auto query = [&](const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      out += "<error " + std::string(sqlite3_errmsg(db)) + ">\n";
      return std::vector<std::string>{};
    }
    std::vector<std::string> first_column;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* v = sqlite3_column_text(st, i);
        std::string cell = v ? reinterpret_cast<const char*>(v) : "NULL";
        if (i == 0) first_column.push_back(cell);
        out += cell + "|";
      }
      out += "\n";
    }
    sqlite3_finalize(st);
    return first_column;
  };
  query("PRAGMA application_id");
  query("PRAGMA user_version");
  for (const std::string& table : query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    out += "== " + table + "\n";
    query("SELECT * FROM " + table);
  }
  sqlite3_close(db);
  return out;
}

// Runs SQL on a database file with the plain SQLite API (to make foreign or doctored files).
void ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

int64_t QueryIntSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t v = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return v;
}

// Number of rows whose stored aggregates differ from a recomputation from the per-document rows, plus
// orphans (entities without documents, relations without evidence). 0 for a consistent store.
int64_t InconsistentRows(const std::string& path) {
  const char* kRelations = R"sql(
    SELECT count(*) FROM relations r WHERE
      r.count != (SELECT count(*) FROM evidence WHERE relation_id = r.id)
      OR abs(r.weight - (SELECT total(weight) FROM evidence WHERE relation_id = r.id)) > 1e-9
      OR r.negated_count != (SELECT coalesce(sum(negated), 0) FROM evidence WHERE relation_id = r.id)
      OR r.planned_count != (SELECT coalesce(sum(modality = 1), 0) FROM evidence WHERE relation_id = r.id)
      OR r.hedged_count != (SELECT coalesce(sum(modality = 2), 0) FROM evidence WHERE relation_id = r.id)
      OR r.first_date != (SELECT coalesce(min(nullif(date, '')), '') FROM evidence WHERE relation_id = r.id)
      OR r.last_date != (SELECT coalesce(max(nullif(date, '')), '') FROM evidence WHERE relation_id = r.id)
      OR r.event != coalesce((SELECT event FROM evidence WHERE relation_id = r.id AND event <> ''
                              ORDER BY (modality = 0 AND negated = 0) DESC, date DESC, id DESC LIMIT 1), '')
      OR r.count = 0)sql";
  const char* kEntities = R"sql(
    SELECT count(*) FROM entities e WHERE
      e.mention_count != (SELECT coalesce(sum(mention_count), 0) FROM doc_entities WHERE entity_id = e.id)
      OR e.degree != (SELECT count(*) FROM relations WHERE source_id = e.id OR target_id = e.id)
      OR e.type != (SELECT type FROM doc_entities WHERE entity_id = e.id GROUP BY type
                    ORDER BY sum(mention_count) DESC, count(*) DESC, type LIMIT 1)
      OR e.name != (SELECT name FROM doc_entities WHERE entity_id = e.id GROUP BY name
                    ORDER BY sum(mention_count) DESC, count(*) DESC, min(doc_id) LIMIT 1)
      OR e.first_seen != coalesce((SELECT min(d) FROM (
             SELECT nullif(dd.date, '') AS d FROM doc_entities de JOIN documents dd ON dd.id = de.doc_id
             WHERE de.entity_id = e.id
             UNION ALL SELECT nullif(first_date, '') FROM relations WHERE source_id = e.id OR target_id = e.id)), '')
      OR e.last_seen != coalesce((SELECT max(d) FROM (
             SELECT nullif(dd.date, '') AS d FROM doc_entities de JOIN documents dd ON dd.id = de.doc_id
             WHERE de.entity_id = e.id
             UNION ALL SELECT nullif(last_date, '') FROM relations WHERE source_id = e.id OR target_id = e.id)), '')
      OR NOT EXISTS (SELECT 1 FROM doc_entities WHERE entity_id = e.id))sql";
  return QueryIntSql(path, kRelations) + QueryIntSql(path, kEntities) +
         QueryIntSql(path, "SELECT count(*) FROM pragma_foreign_key_check");
}

bool StatsEqual(const StoreStats& a, const StoreStats& b) {
  return a.documents == b.documents && a.entities == b.entities && a.aliases == b.aliases &&
         a.mentions == b.mentions && a.relations == b.relations && a.evidence == b.evidence &&
         a.schema_version == b.schema_version;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("graph.db");
    Reopen();
  }

  void Reopen(bool read_only = false) {
    store_.reset();
    auto r = Store::Open(path_, read_only);
    ASSERT_OK(r);
    store_ = std::move(r).value();
  }

  StoreStats GetStats() {
    auto s = store_->Stats();
    EXPECT_OK(s);
    return s.ok() ? s.value() : StoreStats{};
  }

  // The single entity `name` resolves to (fails the test otherwise).
  EntityRecord Entity(const std::string& name) {
    auto ids = store_->ResolveName(name);
    EXPECT_OK(ids);
    if (!ids.ok() || ids->size() != 1) {
      ADD_FAILURE() << name << " resolves to " << (ids.ok() ? ids->size() : 0) << " entities";
      return {};
    }
    auto e = store_->GetEntity(ids->front());
    EXPECT_OK(e);
    return e.ok() ? e.value() : EntityRecord{};
  }

  // Every test that wrote something leaves a store whose aggregates match their definition.
  void TearDown() override { EXPECT_EQ(InconsistentRows(path_), 0) << Dump(path_); }

  std::vector<RelationRecord> AllRelations() {
    std::vector<RelationRecord> out;
    EXPECT_OK(store_->ForEachRelation([&](const RelationRecord& r) { out.push_back(r); }));
    return out;
  }

  IngestOutcome MustIngest(DocBuilder& b) {
    auto r = store_->Ingest(b.doc(), b.ex());
    EXPECT_OK(r);
    return r.ok() ? r.value() : IngestOutcome::kUnchanged;
  }
  IngestOutcome MustIngest(DocBuilder&& b) { return MustIngest(b); }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

// "Biden met Putin in Geneva. Putin warned Biden." with a meet and a warn relation.
DocBuilder SummitDoc(const std::string& id = "summit", const std::string& date = "2021-06-16") {
  DocBuilder b(id, "Joe Biden met Vladimir Putin in Geneva. Putin warned Biden.", date);
  std::string biden = b.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden", "Biden"});
  std::string putin = b.AddEntity("Vladimir Putin", EntityType::kPerson, {"Vladimir Putin", "Putin"});
  b.AddEntity("Geneva", EntityType::kGpe, {"Geneva"});
  b.AddRelation(biden, "meet", putin, 0).event = "CONSULT";
  b.AddRelation(putin, "warn", biden, 1);
  return b;
}

// An invented leader, coded as one of the elite before taking office and as the government after.
DocBuilder LeaderDoc(const std::string& id, const std::string& date, const std::string& code) {
  DocBuilder b(id, "Nadia Fares spoke in Valmora. Fares met Omar Zaki.", date);
  std::string fares = b.AddEntity("Nadia Fares", EntityType::kPerson, {"Nadia Fares", "Fares"});
  if (!code.empty()) {
    b.ex().entities.back().code = code;
    b.ex().entities.back().country = code.substr(0, 3);
    b.ex().entities.back().sector = code.substr(3);
  }
  b.AddEntity("Valmora", EntityType::kGpe, {"Valmora"});
  std::string zaki = b.AddEntity("Omar Zaki", EntityType::kPerson, {"Omar Zaki"});
  b.AddRelation(fares, "meet", zaki, 1);
  return b;
}

TEST_F(StoreTest, ActorCodesFollowTheMostRecentDocument) {
  auto code_of = [&](const std::string& name) {
    auto list = store_->ListEntities(std::nullopt, 100);
    EXPECT_OK(list);
    for (const EntityRecord& e : *list)
      if (e.name == name) return e.code + "/" + e.country + "/" + e.sector;
    return std::string("missing");
  };
  DocBuilder late = LeaderDoc("late", "2020-03-01", "XYZGOV");
  EXPECT_EQ(MustIngest(late), IngestOutcome::kNew);
  EXPECT_EQ(code_of("Nadia Fares"), "XYZGOV/XYZ/GOV");
  EXPECT_EQ(code_of("Valmora"), "//");
  // An older document stored later does not take the node back to the older role.
  DocBuilder early = LeaderDoc("early", "2010-05-01", "XYZELI");
  EXPECT_EQ(MustIngest(early), IngestOutcome::kNew);
  EXPECT_EQ(code_of("Nadia Fares"), "XYZGOV/XYZ/GOV");
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM doc_entities WHERE code IS NOT NULL"), 2);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM entities WHERE code IS NULL"), 2);  // Valmora, Zaki
  // The recent document replaced by a version without a code: the older role is the latest left.
  DocBuilder uncoded = LeaderDoc("late", "2020-03-01", "");
  uncoded.doc().text += " ";
  EXPECT_EQ(MustIngest(uncoded), IngestOutcome::kReplaced);
  EXPECT_EQ(code_of("Nadia Fares"), "XYZELI/XYZ/ELI");
  auto found = store_->GetEntity(QueryIntSql(path_, "SELECT id FROM entities WHERE name = 'Nadia Fares'"));
  ASSERT_OK(found);
  EXPECT_EQ(found->code, "XYZELI");
}

// The invented leader again, with a title and CAMEO event codes on the meetings: one occurrence per
// entry of `occurrences` as (cameo, modality, negated).
struct Occurrence {
  std::string cameo;
  Modality modality = Modality::kAsserted;
  bool negated = false;
};
DocBuilder TitledDoc(const std::string& id, const std::string& date, const std::string& title,
                     const std::vector<Occurrence>& occurrences) {
  DocBuilder b(id, "Nadia Fares spoke in Valmora. Fares met Omar Zaki.", date);
  std::string fares = b.AddEntity("Nadia Fares", EntityType::kPerson, {"Nadia Fares", "Fares"});
  b.ex().entities.back().title = title;
  b.AddEntity("Valmora", EntityType::kGpe, {"Valmora"});
  std::string zaki = b.AddEntity("Omar Zaki", EntityType::kPerson, {"Omar Zaki"});
  for (const Occurrence& o : occurrences) {
    Relation& r = b.AddRelation(fares, "meet", zaki, 1);
    r.event = "CONSULT";
    r.cameo = o.cameo;
    r.modality = o.modality;
    r.negated = o.negated;
  }
  return b;
}

TEST_F(StoreTest, CameoCodesAreStoredOnEvidenceAndChosenLikeTheEvent) {
  auto cameo_of_meeting = [&]() {
    auto list = store_->RelationsOf(QueryIntSql(path_, "SELECT id FROM entities WHERE name = 'Nadia Fares'"));
    EXPECT_OK(list);
    for (const RelationRecord& r : *list)
      if (r.relation == "meet") return r.cameo;
    return std::string("missing");
  };
  // The asserted, non-negated occurrence with a code wins over the planned, negated and uncoded ones.
  DocBuilder first = TitledDoc("first", "2020-01-01", "",
                               {{"040"}, {"030", Modality::kPlanned}, {"042", Modality::kAsserted, true}, {""}});
  EXPECT_EQ(MustIngest(first), IngestOutcome::kNew);
  EXPECT_EQ(cameo_of_meeting(), "040");
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM evidence WHERE cameo = ''"), 1);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM evidence WHERE cameo IN ('040', '030', '042')"), 3);
  // A later asserted occurrence in another document takes over (the relation is recomputed from evidence).
  DocBuilder later = TitledDoc("later", "2021-06-01", "", {{"043"}});
  EXPECT_EQ(MustIngest(later), IngestOutcome::kNew);
  EXPECT_EQ(cameo_of_meeting(), "043");
  // An older one does not; nor does a later planned one.
  EXPECT_EQ(MustIngest(TitledDoc("older", "2010-01-01", "", {{"046"}})), IngestOutcome::kNew);
  EXPECT_EQ(MustIngest(TitledDoc("planned", "2022-01-01", "", {{"036", Modality::kPlanned}})),
            IngestOutcome::kNew);
  EXPECT_EQ(cameo_of_meeting(), "043");
  // The later document replaced by a version without a code: back to the most recent asserted one left.
  DocBuilder uncoded = TitledDoc("later", "2021-06-01", "", {{""}});
  uncoded.doc().text += " ";
  EXPECT_EQ(MustIngest(uncoded), IngestOutcome::kReplaced);
  EXPECT_EQ(cameo_of_meeting(), "040");
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM relations WHERE cameo = '040'"), 1);
}

TEST_F(StoreTest, OnlyNonFactualCameoCodesGiveTheMostRecentOne) {
  DocBuilder b = TitledDoc("d", "2020-01-01", "", {{"030", Modality::kPlanned}, {"036", Modality::kHedged}, {""}});
  b.ex().relations[0].date = "2019-01-01";
  EXPECT_EQ(MustIngest(b), IngestOutcome::kNew);
  auto list = store_->RelationsOf(QueryIntSql(path_, "SELECT id FROM entities WHERE name = 'Nadia Fares'"));
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].cameo, "036");
  EXPECT_EQ((*list)[0].event, "CONSULT");
}

TEST_F(StoreTest, TitlesFollowTheMostRecentDocumentThatHasOne) {
  auto title_of = [&](const std::string& name) {
    auto list = store_->ListEntities(std::nullopt, 100);
    EXPECT_OK(list);
    for (const EntityRecord& e : *list)
      if (e.name == name) return e.title;
    return std::string("missing");
  };
  EXPECT_EQ(MustIngest(TitledDoc("late", "2020-03-01", "President", {{"040"}})), IngestOutcome::kNew);
  EXPECT_EQ(title_of("Nadia Fares"), "President");
  EXPECT_EQ(title_of("Omar Zaki"), "");
  // An older document stored later keeps the newer title; a newer one without a title too.
  EXPECT_EQ(MustIngest(TitledDoc("early", "2010-05-01", "Foreign Minister", {{"040"}})), IngestOutcome::kNew);
  EXPECT_EQ(MustIngest(TitledDoc("untitled", "2021-01-01", "", {{"040"}})), IngestOutcome::kNew);
  EXPECT_EQ(title_of("Nadia Fares"), "President");
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM doc_entities WHERE title <> ''"), 2);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM entities WHERE title = ''"), 2);  // Valmora, Zaki
  // The recent titled document replaced by a version without a title: the older title is the latest left.
  DocBuilder replaced = TitledDoc("late", "2020-03-01", "", {{"040"}});
  replaced.doc().text += " ";
  EXPECT_EQ(MustIngest(replaced), IngestOutcome::kReplaced);
  EXPECT_EQ(title_of("Nadia Fares"), "Foreign Minister");
  auto found = store_->GetEntity(QueryIntSql(path_, "SELECT id FROM entities WHERE name = 'Nadia Fares'"));
  ASSERT_OK(found);
  EXPECT_EQ(found->title, "Foreign Minister");
}

TEST_F(StoreTest, NamesakesWithOtherAffiliationsStayApart) {
  // Two people called Karim Haddad: one a US official, one Syrian. A third article joins the first.
  DocBuilder us("us", "US envoy Karim Haddad met Kemal Aydin. The United States said so.", "2025-01-01");
  std::string h1 = us.AddEntity("Karim Haddad", EntityType::kPerson, {"Karim Haddad"});
  std::string usa = us.AddEntity("United States", EntityType::kGpe, {"US", "United States"});
  std::string aydin = us.AddEntity("Kemal Aydin", EntityType::kPerson, {"Kemal Aydin"});
  us.AddRelation(h1, "affiliated_with", usa).link = true;
  us.AddRelation(h1, "meet", aydin);
  EXPECT_EQ(MustIngest(us), IngestOutcome::kNew);

  DocBuilder sy("sy", "Syrian minister Karim Haddad visited Amman. Syria welcomed it.", "2025-01-02");
  std::string h2 = sy.AddEntity("Karim Haddad", EntityType::kPerson, {"Karim Haddad"});
  std::string syria = sy.AddEntity("Syria", EntityType::kGpe, {"Syrian", "Syria"});
  std::string amman = sy.AddEntity("Amman", EntityType::kGpe, {"Amman"});
  sy.AddRelation(h2, "affiliated_with", syria).link = true;
  sy.AddRelation(h2, "visit", amman);
  EXPECT_EQ(MustIngest(sy), IngestOutcome::kNew);

  DocBuilder again("again", "US envoy Karim Haddad warned Iran. The United States agreed.", "2025-01-03");
  std::string h3 = again.AddEntity("Karim Haddad", EntityType::kPerson, {"Karim Haddad"});
  std::string usa3 = again.AddEntity("United States", EntityType::kGpe, {"US", "United States"});
  std::string iran = again.AddEntity("Iran", EntityType::kGpe, {"Iran"});
  again.AddRelation(h3, "affiliated_with", usa3).link = true;
  again.AddRelation(h3, "warn", iran);
  EXPECT_EQ(MustIngest(again), IngestOutcome::kNew);

  // "Karim Haddad" names both (the second has it as an alias); each has its own canonical name.
  auto named = [&](const std::string& name) {
    auto ids = store_->ResolveName(name);
    EXPECT_OK(ids);
    for (int64_t id : ids.value()) {
      auto e = store_->GetEntity(id);
      if (e.ok() && e->name == name) return e.value();
    }
    ADD_FAILURE() << "no actor named " << name;
    return EntityRecord{};
  };
  EXPECT_EQ(store_->ResolveName("Karim Haddad")->size(), 2u);
  EntityRecord first = named("Karim Haddad");
  EntityRecord second = named("Karim Haddad (2)");
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(first.mention_count, 2);   // the US official, in two articles
  EXPECT_EQ(second.mention_count, 1);  // the Syrian minister
  auto rels = store_->RelationsOf(second.id);
  ASSERT_OK(rels);
  for (const RelationRecord& r : rels.value()) EXPECT_NE(r.target_name, "Iran");
  // Without an affiliation a later mention cannot tell them apart and joins the first.
  DocBuilder bare("bare", "Karim Haddad spoke.", "2025-01-04");
  bare.AddEntity("Karim Haddad", EntityType::kPerson, {"Karim Haddad"});
  EXPECT_EQ(MustIngest(bare), IngestOutcome::kNew);
  EXPECT_EQ(named("Karim Haddad").mention_count, 3);
}

TEST_F(StoreTest, ReferenceMentionsAreEvidenceNotNames) {
  DocBuilder b("ref", "Joe Biden met Vladimir Putin. He warned him.", "2021-06-16");
  std::string biden = b.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden", "He"});
  std::string putin = b.AddEntity("Vladimir Putin", EntityType::kPerson, {"Vladimir Putin", "him"});
  for (ag::Entity& e : b.ex().entities) e.mentions[1].reference = true;
  b.AddRelation(biden, "warn", putin, 1);
  EXPECT_EQ(MustIngest(b), IngestOutcome::kNew);
  StoreStats s = GetStats();
  EXPECT_EQ(s.mentions, 4);  // every mention is kept as evidence ...
  EXPECT_EQ(s.aliases, 2);   // ... but "He" and "him" are no aliases
  EXPECT_EQ(Entity("Joe Biden").mention_count, 1);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM mentions WHERE reference = 1"), 2);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM aliases WHERE alias IN ('He', 'him')"), 0);
}

TEST_F(StoreTest, CreatesAnEmptyStoreWithHeaderFields) {
  StoreStats s = GetStats();
  EXPECT_EQ(s.documents, 0);
  EXPECT_EQ(s.entities, 0);
  EXPECT_EQ(s.relations, 0);
  EXPECT_EQ(s.schema_version, 4);
  store_.reset();
  EXPECT_EQ(QueryIntSql(path_, "PRAGMA application_id"), 0x41477231);
  EXPECT_EQ(QueryIntSql(path_, "PRAGMA user_version"), 4);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM sqlite_master WHERE name = 'evidence'"), 1);
}

TEST_F(StoreTest, IngestWritesDocumentEntitiesRelationsAndEvidence) {
  DocBuilder b = SummitDoc();
  EXPECT_EQ(MustIngest(b), IngestOutcome::kNew);
  StoreStats s = GetStats();
  EXPECT_EQ(s.documents, 1);
  EXPECT_EQ(s.entities, 3);
  EXPECT_EQ(s.mentions, 5);
  EXPECT_EQ(s.aliases, 5);  // Joe Biden, Biden, Vladimir Putin, Putin, Geneva
  EXPECT_EQ(s.relations, 2);
  EXPECT_EQ(s.evidence, 2);

  EntityRecord biden = Entity("Joe Biden");
  EXPECT_EQ(biden.name, "Joe Biden");
  EXPECT_EQ(biden.type, EntityType::kPerson);
  EXPECT_EQ(biden.mention_count, 2);
  EXPECT_EQ(biden.degree, 2);
  EXPECT_EQ(biden.first_seen, "2021-06-16");
  EXPECT_EQ(biden.last_seen, "2021-06-16");
  EXPECT_EQ(Entity("Geneva").degree, 0);

  auto rels = store_->RelationsOf(biden.id);
  ASSERT_OK(rels);
  ASSERT_EQ(rels->size(), 2u);
  auto meet = std::find_if(rels->begin(), rels->end(), [](auto& r) { return r.relation == "meet"; });
  ASSERT_NE(meet, rels->end());
  EXPECT_EQ(meet->source_name, "Joe Biden");
  EXPECT_EQ(meet->target_name, "Vladimir Putin");
  EXPECT_EQ(meet->event, "CONSULT");
  EXPECT_EQ(meet->count, 1);
  EXPECT_DOUBLE_EQ(meet->weight, 1.0);
  EXPECT_EQ(meet->first_date, "2021-06-16");

  auto ev = store_->EvidenceOf(meet->id, 0);
  ASSERT_OK(ev);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ((*ev)[0].doc_id, "summit");
  EXPECT_EQ((*ev)[0].doc_title, "Title of summit");
  EXPECT_EQ((*ev)[0].date, "2021-06-16");
  EXPECT_EQ((*ev)[0].sentence_text, "Joe Biden met Vladimir Putin in Geneva.");
  auto warn = AllRelations();
  ASSERT_EQ(warn.size(), 2u);
  auto ev2 = store_->EvidenceOf(warn[1].id, 10);
  ASSERT_OK(ev2);
  ASSERT_EQ(ev2->size(), 1u);
  EXPECT_EQ((*ev2)[0].sentence_text, "Putin warned Biden.");
}

TEST_F(StoreTest, SentenceTextUsesCodePointOffsets) {
  // Multi-byte characters before and inside the sentence: byte offsets would cut the wrong span.
  DocBuilder b("utf8", "Réunion à Genève. Erdoğan a rencontré Zelensky à Kyiv.", "2023-03-01");
  std::string erdogan = b.AddEntity("Erdoğan", EntityType::kPerson, {"Erdoğan"});
  std::string zelensky = b.AddEntity("Zelensky", EntityType::kPerson, {"Zelensky"});
  b.AddRelation(erdogan, "meet", zelensky, 1);
  MustIngest(b);
  auto rels = AllRelations();
  ASSERT_EQ(rels.size(), 1u);
  auto ev = store_->EvidenceOf(rels[0].id, 1);
  ASSERT_OK(ev);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ((*ev)[0].sentence_text, "Erdoğan a rencontré Zelensky à Kyiv.");
  auto e = store_->GetEntity(rels[0].source_id);
  ASSERT_OK(e);
  EXPECT_EQ(e->aliases, std::vector<std::string>{"Erdoğan"});
}

TEST_F(StoreTest, ReopenKeepsEverything) {
  DocBuilder b = SummitDoc();
  MustIngest(b);
  StoreStats before = GetStats();
  std::string dump = Dump(path_);
  auto rels_before = AllRelations();

  Reopen();
  EXPECT_TRUE(StatsEqual(GetStats(), before));
  EXPECT_EQ(Dump(path_), dump);
  auto unchanged = store_->Ingest(b.doc(), b.ex());
  ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged.value(), IngestOutcome::kUnchanged);

  Reopen(/*read_only=*/true);
  EXPECT_TRUE(StatsEqual(GetStats(), before));
  auto rels_after = AllRelations();
  ASSERT_EQ(rels_after.size(), rels_before.size());
  for (size_t i = 0; i < rels_after.size(); ++i) {
    EXPECT_EQ(rels_after[i].id, rels_before[i].id);
    EXPECT_EQ(rels_after[i].relation, rels_before[i].relation);
    EXPECT_EQ(rels_after[i].source_name, rels_before[i].source_name);
  }
  EXPECT_EQ(Entity("putin").name, "Vladimir Putin");
}

TEST_F(StoreTest, IngestNewUnchangedReplaced) {
  DocBuilder v1 = SummitDoc();
  EXPECT_EQ(MustIngest(v1), IngestOutcome::kNew);
  auto same = store_->IsUnchanged("summit", DocumentHash(v1.doc()));
  ASSERT_OK(same);
  EXPECT_TRUE(same.value());
  auto other = store_->IsUnchanged("summit", "0123");
  ASSERT_OK(other);
  EXPECT_FALSE(other.value());
  auto missing = store_->IsUnchanged("nope", DocumentHash(v1.doc()));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing.value());

  std::string dump = Dump(path_);
  EXPECT_EQ(MustIngest(v1), IngestOutcome::kUnchanged);
  EXPECT_EQ(Dump(path_), dump);

  // Second version: Geneva and the warn relation are gone; Biden now criticises Xi.
  DocBuilder v2("summit", "Joe Biden met Vladimir Putin. Biden criticised Xi Jinping.", "2021-06-17");
  std::string biden = v2.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden", "Biden"});
  std::string putin = v2.AddEntity("Vladimir Putin", EntityType::kPerson, {"Vladimir Putin"});
  std::string xi = v2.AddEntity("Xi Jinping", EntityType::kPerson, {"Xi Jinping"});
  v2.AddRelation(biden, "meet", putin, 0);
  v2.AddRelation(biden, "criticise", xi, 1);
  EXPECT_EQ(MustIngest(v2), IngestOutcome::kReplaced);

  StoreStats s = GetStats();
  EXPECT_EQ(s.documents, 1);
  EXPECT_EQ(s.entities, 3);  // Biden, Putin, Xi; Geneva deleted
  EXPECT_EQ(s.mentions, 4);
  EXPECT_EQ(s.relations, 2);
  EXPECT_EQ(s.evidence, 2);
  auto geneva = store_->ResolveName("Geneva");
  ASSERT_OK(geneva);
  EXPECT_TRUE(geneva->empty());
  std::vector<std::string> names;
  for (const auto& r : AllRelations()) names.push_back(r.source_name + " " + r.relation + " " + r.target_name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Joe Biden criticise Xi Jinping", "Joe Biden meet Vladimir Putin"}));
  EntityRecord p = Entity("Vladimir Putin");
  EXPECT_EQ(p.mention_count, 1);
  EXPECT_EQ(p.degree, 1);
  EXPECT_EQ(p.first_seen, "2021-06-17");
  EXPECT_EQ(p.aliases, std::vector<std::string>{"Vladimir Putin"});
  // The meet relation kept its id and lost its old event with the old evidence.
  for (const auto& r : AllRelations()) {
    if (r.relation == "meet") {
      EXPECT_EQ(r.event, "");
      EXPECT_EQ(r.count, 1);
      EXPECT_EQ(r.first_date, "2021-06-17");
    }
  }
  auto now_same = store_->IsUnchanged("summit", DocumentHash(v2.doc()));
  ASSERT_OK(now_same);
  EXPECT_TRUE(now_same.value());
}

TEST_F(StoreTest, MergesEntitiesAcrossDocumentsByNameVariant) {
  DocBuilder a("a", "Ahmed al-Shara’a spoke in Damascus. Ahmed al-Shara’a left.", "2025-01-10");
  std::string shara = a.AddEntity("Ahmed al-Shara’a", EntityType::kPerson, {"Ahmed al-Shara’a", "Ahmed al-Shara’a"});
  std::string damascus = a.AddEntity("Damascus", EntityType::kGpe, {"Damascus"});
  a.AddRelation(shara, "visit", damascus, 0);
  DocBuilder b("b", "AHMED AL-SHARAA VISITS DAMASCUS", "2024-12-09");
  std::string shara2 = b.AddEntity("AHMED AL-SHARAA", EntityType::kOrg, {"AHMED AL-SHARAA"});
  std::string damascus2 = b.AddEntity("DAMASCUS", EntityType::kGpe, {"DAMASCUS"});
  b.AddRelation(shara2, "visit", damascus2, 0).event = "TRAVEL";
  // An older report with another event: the relation keeps the most recent event (TRAVEL).
  DocBuilder old("old", "Ahmed al-Sharaa threatened Damascus.", "2023-01-01");
  std::string shara3 = old.AddEntity("Ahmed al-Sharaa", EntityType::kPerson, {"Ahmed al-Sharaa"});
  std::string damascus3 = old.AddEntity("Damascus", EntityType::kGpe, {"Damascus"});
  old.AddRelation(shara3, "visit", damascus3, 0).event = "COERCE";
  EXPECT_EQ(MustIngest(a), IngestOutcome::kNew);
  EXPECT_EQ(MustIngest(b), IngestOutcome::kNew);
  EXPECT_EQ(MustIngest(old), IngestOutcome::kNew);
  auto before_old = AllRelations();
  ASSERT_EQ(before_old.size(), 1u);
  EXPECT_EQ(before_old[0].event, "TRAVEL");
  EXPECT_EQ(before_old[0].first_date, "2023-01-01");
  old.doc().date = "2026-01-01";  // now the newest report: its event wins
  EXPECT_EQ(MustIngest(old), IngestOutcome::kReplaced);
  EXPECT_EQ(AllRelations()[0].event, "COERCE");
  // And gone again: a version of the document without entities.
  DocBuilder empty_old("old", "Nothing.", "2023-01-01");
  EXPECT_EQ(MustIngest(empty_old), IngestOutcome::kReplaced);

  StoreStats s = GetStats();
  EXPECT_EQ(s.documents, 3);
  EXPECT_EQ(s.entities, 2);
  EXPECT_EQ(s.relations, 1);
  EXPECT_EQ(s.evidence, 2);
  EntityRecord e = Entity("Ahmed al Sharaa");
  EXPECT_EQ(e.name, "Ahmed al-Shara’a");  // the name with the most mentions
  EXPECT_EQ(e.type, EntityType::kPerson);  // 2 PERSON mentions beat 1 ORG mention
  EXPECT_EQ(e.mention_count, 3);
  EXPECT_EQ(e.first_seen, "2024-12-09");
  EXPECT_EQ(e.last_seen, "2025-01-10");
  EXPECT_EQ(e.aliases, (std::vector<std::string>{"Ahmed al-Shara’a", "AHMED AL-SHARAA"}));
  auto rels = AllRelations();
  ASSERT_EQ(rels.size(), 1u);
  EXPECT_EQ(rels[0].count, 2);
  EXPECT_DOUBLE_EQ(rels[0].weight, 2.0);
  EXPECT_EQ(rels[0].event, "TRAVEL");
  EXPECT_EQ(rels[0].first_date, "2024-12-09");
  EXPECT_EQ(rels[0].last_date, "2025-01-10");
  auto ev = store_->EvidenceOf(rels[0].id, 1);  // most recent first
  ASSERT_OK(ev);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ((*ev)[0].doc_id, "a");

  // Replacing document a with one that no longer mentions al-Sharaa keeps the entity alive through b.
  DocBuilder a2("a", "Damascus was quiet.", "2025-01-11");
  a2.AddEntity("Damascus", EntityType::kGpe, {"Damascus"});
  EXPECT_EQ(MustIngest(a2), IngestOutcome::kReplaced);
  EntityRecord e2 = Entity("ahmed al-sharaa");
  EXPECT_EQ(e2.id, e.id);
  EXPECT_EQ(e2.name, "AHMED AL-SHARAA");
  EXPECT_EQ(e2.type, EntityType::kOrg);
  EXPECT_EQ(e2.mention_count, 1);
  EXPECT_EQ(e2.last_seen, "2024-12-09");
  rels = AllRelations();
  ASSERT_EQ(rels.size(), 1u);
  EXPECT_EQ(rels[0].count, 1);
  EXPECT_EQ(rels[0].last_date, "2024-12-09");
}

TEST_F(StoreTest, AcronymsAndLongAliasesMergeAcrossDocumentsButSurnamesDoNot) {
  DocBuilder a("a", "The Euphrates Democratic Forces (EDF) met Elena Markovic. Markovic left.");
  std::string edf = a.AddEntity("Euphrates Democratic Forces", EntityType::kOrg, {"Euphrates Democratic Forces", "EDF"});
  std::string elena = a.AddEntity("Elena Markovic", EntityType::kPerson, {"Elena Markovic", "Markovic"});
  a.AddRelation(edf, "meet", elena, 0);
  DocBuilder b("b", "The EDF met Luka Markovic. Markovic stayed.");
  std::string edf2 = b.AddEntity("EDF", EntityType::kOrg, {"EDF"});
  std::string luka = b.AddEntity("Luka Markovic", EntityType::kPerson, {"Luka Markovic", "Markovic"});
  b.AddRelation(edf2, "meet", luka, 0);
  // A later article that names only "Markovic" cannot be either of them.
  DocBuilder c("c", "Markovic met the EDF.");
  std::string who = c.AddEntity("Markovic", EntityType::kPerson, {"Markovic"});
  std::string edf3 = c.AddEntity("EDF", EntityType::kOrg, {"EDF"});
  c.AddRelation(who, "meet", edf3, 0);
  MustIngest(a);
  MustIngest(b);
  MustIngest(c);
  EntityRecord forces = Entity("Euphrates Democratic Forces");
  EXPECT_EQ(forces.name, "Euphrates Democratic Forces");
  EXPECT_EQ(forces.mention_count, 4);
  auto markovic = store_->ResolveName("Markovic");
  ASSERT_OK(markovic);
  EXPECT_EQ(markovic->size(), 3u);  // Elena, Luka and the unknown Markovic stay three actors
  EXPECT_EQ(GetStats().entities, 4);
}

TEST_F(StoreTest, LoneSurnamesAndNameVariantsJoinTheOnePersonOfThatSurname) {
  DocBuilder a("a", "Finance Minister Karin Aldous met Norbank. Aldous left.");
  std::string karin = a.AddEntity("Karin Aldous", EntityType::kPerson, {"Karin Aldous", "Aldous"});
  std::string bank = a.AddEntity("Norbank", EntityType::kOrg, {"Norbank"});
  a.AddRelation(karin, "meet", bank, 0);
  DocBuilder b("b", "Aldous said the budget would pass.");
  b.AddEntity("Aldous", EntityType::kPerson, {"Aldous"});
  DocBuilder c("c", "K. Aldous and Karin M. Aldous are one minister.");
  c.AddEntity("K. Aldous", EntityType::kPerson, {"K. Aldous"});
  DocBuilder d("d", "Karin M. Aldous spoke.");
  d.AddEntity("Karin M. Aldous", EntityType::kPerson, {"Karin M. Aldous"});
  // Another given name: another person.
  DocBuilder e("e", "Lars Aldous sings.");
  e.AddEntity("Lars Aldous", EntityType::kPerson, {"Lars Aldous"});
  for (DocBuilder* doc : {&a, &b, &c, &d, &e}) MustIngest(*doc);
  EntityRecord minister = Entity("Karin Aldous");
  EXPECT_EQ(minister.name, "Karin Aldous");
  EXPECT_EQ(minister.mention_count, 5);
  EXPECT_EQ(Entity("K. Aldous").id, minister.id);
  EXPECT_EQ(Entity("Karin M. Aldous").id, minister.id);
  EXPECT_NE(Entity("Lars Aldous").id, minister.id);
  EXPECT_EQ(GetStats().entities, 3);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM merges WHERE rule = 'surname of a full name'"), 1);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM merges WHERE rule = 'given names agree'"), 2);
  ASSERT_EQ(minister.merges.size(), 3u);  // what `show` prints: why each other name joined
  EXPECT_EQ(minister.merges[0].name, "Aldous");
  EXPECT_EQ(minister.merges[0].rule, "surname of a full name");
  EXPECT_EQ(minister.merges[0].documents, 1);
  EXPECT_EQ(minister.merges[0].first_doc, "b");
  // With two people of that surname stored, a lone "Aldous" is neither.
  DocBuilder f("f", "Aldous won.");
  f.AddEntity("Aldous", EntityType::kPerson, {"Aldous"});
  MustIngest(f);
  EXPECT_EQ(GetStats().entities, 4);
}

TEST_F(StoreTest, TransliteratedSpellingsOfANameAreOnePerson) {
  DocBuilder a("a", "Rami al-Khateeb met Norbank.");
  std::string rami = a.AddEntity("Rami al-Khateeb", EntityType::kPerson, {"Rami al-Khateeb"});
  std::string bank = a.AddEntity("Norbank", EntityType::kOrg, {"Norbank"});
  a.AddRelation(rami, "meet", bank, 0);
  DocBuilder b("b", "Rami Al-Khatib spoke.");
  b.AddEntity("Rami Al-Khatib", EntityType::kPerson, {"Rami Al-Khatib"});
  DocBuilder c("c", "Al-Khatib left.");
  c.AddEntity("Al-Khatib", EntityType::kPerson, {"Al-Khatib"});
  DocBuilder d("d", "Rami Hussein stayed.");  // another surname
  d.AddEntity("Rami Hussein", EntityType::kPerson, {"Rami Hussein"});
  for (DocBuilder* doc : {&a, &b, &c, &d}) MustIngest(*doc);
  EntityRecord e = Entity("Rami al-Khateeb");
  EXPECT_EQ(e.mention_count, 3);
  EXPECT_EQ(GetStats().entities, 3);
}

TEST_F(StoreTest, AFullNameCompletesALoneSurnameStoredBefore) {
  DocBuilder a("a", "Okonjo criticised Norbank.");
  std::string lone = a.AddEntity("Okonjo", EntityType::kPerson, {"Okonjo"});
  std::string bank = a.AddEntity("Norbank", EntityType::kOrg, {"Norbank"});
  a.AddRelation(lone, "criticize", bank, 0);
  DocBuilder b("b", "Grace Okonjo, the governor, resigned.");
  b.AddEntity("Grace Okonjo", EntityType::kPerson, {"Grace Okonjo"});
  DocBuilder c("c", "Okonjo returned.");
  c.AddEntity("Okonjo", EntityType::kPerson, {"Okonjo"});
  MustIngest(a);
  MustIngest(b);
  MustIngest(c);
  EntityRecord grace = Entity("Grace Okonjo");
  EXPECT_EQ(grace.name, "Grace Okonjo");
  EXPECT_EQ(grace.mention_count, 3);
  EXPECT_EQ(GetStats().entities, 2);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM entities WHERE norm = 'okonjo'"), 0);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM merges WHERE rule = 'full name of a lone surname'"), 1);
}

TEST_F(StoreTest, NamesakesShareALoneSurnameOnlyThroughSharedActors) {
  DocBuilder a("a", "John Tellmann met Norbank.");
  std::string john = a.AddEntity("John Tellmann", EntityType::kPerson, {"John Tellmann"});
  std::string bank = a.AddEntity("Norbank", EntityType::kOrg, {"Norbank"});
  a.AddRelation(john, "meet", bank, 0);
  DocBuilder b("b", "James Tellmann met Vestport.");
  std::string james = b.AddEntity("James Tellmann", EntityType::kPerson, {"James Tellmann"});
  std::string port = b.AddEntity("Vestport", EntityType::kGpe, {"Vestport"});
  b.AddRelation(james, "meet", port, 0);
  DocBuilder c("c", "Tellmann visited Vestport again.");
  std::string who = c.AddEntity("Tellmann", EntityType::kPerson, {"Tellmann"});
  std::string port2 = c.AddEntity("Vestport", EntityType::kGpe, {"Vestport"});
  c.AddRelation(who, "visit", port2, 0);
  DocBuilder d("d", "Tellmann sang.");
  d.AddEntity("Tellmann", EntityType::kPerson, {"Tellmann"});
  for (DocBuilder* doc : {&a, &b, &c, &d}) MustIngest(*doc);
  EXPECT_EQ(Entity("James Tellmann").mention_count, 2);  // c shares Vestport with James
  EXPECT_EQ(Entity("John Tellmann").mention_count, 1);
  // d: no evidence for either ("Tellmann" also resolves to James through c's alias).
  EXPECT_EQ(QueryIntSql(path_, "SELECT mention_count FROM entities WHERE norm = 'tellmann'"), 1);
  EXPECT_EQ(GetStats().entities, 5);
}

TEST_F(StoreTest, AcronymsAndSpellingVariantsJoinTheirOrganisation) {
  DocBuilder a("a", "The International Cotton Organization met.");
  a.AddEntity("International Cotton Organization", EntityType::kOrg, {"International Cotton Organization"});
  DocBuilder b("b", "The International Cotton Organisation met again.");
  b.AddEntity("International Cotton Organisation", EntityType::kOrg, {"International Cotton Organisation"});
  DocBuilder c("c", "The ICO met.");
  c.AddEntity("ICO", EntityType::kOrg, {"ICO"});
  // A lone acronym first, its full name later.
  DocBuilder d("d", "The WTA met.");
  d.AddEntity("WTA", EntityType::kOrg, {"WTA"});
  DocBuilder e("e", "The World Tin Association met.");
  e.AddEntity("World Tin Association", EntityType::kOrg, {"World Tin Association"});
  // Two organisations with the same initials: the acronym is neither.
  DocBuilder f("f", "The Nordic Energy Council and the Nordic Economic Commission met.");
  f.AddEntity("Nordic Energy Council", EntityType::kOrg, {"Nordic Energy Council"});
  f.AddEntity("Nordic Economic Commission", EntityType::kOrg, {"Nordic Economic Commission"});
  DocBuilder g("g", "The NEC met.");
  g.AddEntity("NEC", EntityType::kOrg, {"NEC"});
  for (DocBuilder* doc : {&a, &b, &c, &d, &e, &f, &g}) MustIngest(*doc);
  EntityRecord ico = Entity("International Cotton Organization");
  EXPECT_EQ(ico.mention_count, 3);
  EXPECT_EQ(Entity("ICO").id, ico.id);
  EntityRecord wta = Entity("World Tin Association");
  EXPECT_EQ(wta.name, "World Tin Association");
  EXPECT_EQ(wta.mention_count, 2);
  EXPECT_EQ(Entity("NEC").mention_count, 1);
  EXPECT_EQ(GetStats().entities, 5);
}

TEST_F(StoreTest, EvidenceKeepsWhoReportedIt) {
  DocBuilder a("a", "Ana Ruiz said Norbank would support Vestland.");
  std::string ruiz = a.AddEntity("Ana Ruiz", EntityType::kPerson, {"Ana Ruiz"});
  std::string bank = a.AddEntity("Norbank", EntityType::kOrg, {"Norbank"});
  std::string land = a.AddEntity("Vestland", EntityType::kGpe, {"Vestland"});
  a.AddRelation(bank, "support", land, 0).attributed_to = ruiz;
  MustIngest(a);
  auto rels = AllRelations();
  ASSERT_EQ(rels.size(), 1u);
  auto ev = store_->EvidenceOf(rels[0].id, 0);
  ASSERT_OK(ev);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ((*ev)[0].attributed_to, "Ana Ruiz");
  int seen = 0;
  ASSERT_OK(store_->ForEachEvidence([&](int64_t, const EvidenceRecord& r) {
    EXPECT_EQ(r.attributed_to, "Ana Ruiz");
    ++seen;
  }));
  EXPECT_EQ(seen, 1);
  // An attribution to an entity the document does not have is refused, and nothing is written.
  DocBuilder b("b", "Norbank would support Vestland.");
  std::string bank2 = b.AddEntity("Norbank", EntityType::kOrg, {"Norbank"});
  std::string land2 = b.AddEntity("Vestland", EntityType::kGpe, {"Vestland"});
  b.AddRelation(bank2, "support", land2, 0).attributed_to = "e9";
  auto r = store_->Ingest(b.doc(), b.ex());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("attributed_to 'e9'"), std::string::npos) << r.status().message();
  EXPECT_EQ(GetStats().documents, 1);
}

TEST_F(StoreTest, AggregatesRepeatedRelationsAndSkipsSelfLoops) {
  DocBuilder b("d", "Iran threatened Israel. Iran will not threaten Israel. Iran may threaten Israel. "
                    "Iran and IRAN met.", "2024-04-01");
  std::string iran = b.AddEntity("Iran", EntityType::kGpe, {"Iran", "Iran", "Iran", "Iran"});
  std::string israel = b.AddEntity("Israel", EntityType::kGpe, {"Israel", "Israel", "Israel"});
  std::string iran2 = b.AddEntity("IRAN", EntityType::kGpe, {"IRAN"});
  b.AddRelation(iran, "threaten", israel, 0).event = "THREATEN";
  Relation& r2 = b.AddRelation(iran, "threaten", israel, 1);
  r2.negated = true;
  r2.modality = Modality::kPlanned;
  r2.date = "2024-05-01";
  r2.event = "ASSURE";  // more recent, but negated and planned: the asserted occurrence's event wins
  Relation& r3 = b.AddRelation(iran, "threaten", israel, 2);
  r3.modality = Modality::kHedged;
  r3.weight = 0.5;
  r3.date = "2024-03-01";
  r3.event = "COERCE";
  b.AddRelation(iran, "meet", iran2, 3);  // both ends are one entity after merging
  MustIngest(b);

  StoreStats s = GetStats();
  EXPECT_EQ(s.entities, 2);
  EXPECT_EQ(s.relations, 1);
  EXPECT_EQ(s.evidence, 3);
  auto rels = AllRelations();
  ASSERT_EQ(rels.size(), 1u);
  EXPECT_EQ(rels[0].count, 3);
  EXPECT_DOUBLE_EQ(rels[0].weight, 2.5);
  EXPECT_EQ(rels[0].negated_count, 1);
  EXPECT_EQ(rels[0].planned_count, 1);
  EXPECT_EQ(rels[0].hedged_count, 1);
  EXPECT_EQ(rels[0].first_date, "2024-03-01");
  EXPECT_EQ(rels[0].last_date, "2024-05-01");
  EXPECT_EQ(rels[0].event, "THREATEN");
  EntityRecord iran_e = Entity("iran");
  EXPECT_EQ(iran_e.mention_count, 5);
  EXPECT_EQ(iran_e.degree, 1);
  EXPECT_EQ(iran_e.first_seen, "2024-03-01");
  EXPECT_EQ(iran_e.last_seen, "2024-05-01");
  auto ev = store_->EvidenceOf(rels[0].id, 0);
  ASSERT_OK(ev);
  ASSERT_EQ(ev->size(), 3u);
  EXPECT_EQ((*ev)[0].date, "2024-05-01");
  EXPECT_TRUE((*ev)[0].negated);
  EXPECT_EQ((*ev)[0].modality, Modality::kPlanned);
  EXPECT_EQ((*ev)[0].sentence_text, "Iran will not threaten Israel.");
}

TEST_F(StoreTest, ResolveNameByAliasAndListEntities) {
  DocBuilder b = SummitDoc();
  MustIngest(b);
  auto by_alias = store_->ResolveName("PUTIN");
  ASSERT_OK(by_alias);
  ASSERT_EQ(by_alias->size(), 1u);
  auto putin = store_->GetEntity(by_alias->front());
  ASSERT_OK(putin);
  EXPECT_EQ(putin->name, "Vladimir Putin");
  EXPECT_EQ(putin->aliases, (std::vector<std::string>{"Putin", "Vladimir Putin"}));
  auto none = store_->ResolveName("Angela Merkel");
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(store_->GetEntity(987654).status().code(), StatusCode::kNotFound);

  // An alias shared by two entities resolves to both, the more mentioned first.
  DocBuilder c("c", "Hunter Biden spoke. Hunter Biden and Biden left.", "2021-07-01");
  c.AddEntity("Hunter Biden", EntityType::kPerson, {"Hunter Biden", "Hunter Biden", "Biden"});
  MustIngest(c);
  auto two = store_->ResolveName("biden");
  ASSERT_OK(two);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ(store_->GetEntity((*two)[0])->name, "Hunter Biden");

  auto all = store_->ListEntities(std::nullopt, 0);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].name, "Hunter Biden");  // 3 mentions
  EXPECT_EQ((*all)[1].name, "Joe Biden");     // 2, then by name
  EXPECT_EQ((*all)[2].name, "Vladimir Putin");
  EXPECT_EQ((*all)[3].name, "Geneva");
  auto gpe = store_->ListEntities(EntityType::kGpe, 0);
  ASSERT_OK(gpe);
  ASSERT_EQ(gpe->size(), 1u);
  EXPECT_EQ((*gpe)[0].name, "Geneva");
  auto top = store_->ListEntities(std::nullopt, 2);
  ASSERT_OK(top);
  EXPECT_EQ(top->size(), 2u);
}

TEST_F(StoreTest, SuggestNamesByEditDistance) {
  DocBuilder b = SummitDoc();
  MustIngest(b);
  auto s = store_->SuggestNames("Vladimir Puttin", 3);
  ASSERT_OK(s);
  ASSERT_FALSE(s->empty());
  EXPECT_EQ(s->front(), "Vladimir Putin");
  EXPECT_EQ(std::count(s->begin(), s->end(), "Geneva"), 0);  // far too different to suggest
  auto g = store_->SuggestNames("genva", 1);
  ASSERT_OK(g);
  EXPECT_EQ(*g, std::vector<std::string>{"Geneva"});
  auto nothing = store_->SuggestNames("Something Entirely Unrelated", 5);
  ASSERT_OK(nothing);
  EXPECT_TRUE(nothing->empty());
}

TEST_F(StoreTest, TriplesDocumentUsesNamesAsAliasesAndTripleDates) {
  TriplesBuilder t("graph.triples.jsonl");
  t.Add("NATO", "warn", "Russia", "2022-02-20", 2.0);
  t.Add("Russia", "invade", "Ukraine", "2022-02-24");
  t.Add("NATO", "warn", "Russia", "2022-03-01", 0.5);
  auto r = store_->Ingest(t.doc, t.ex);
  ASSERT_OK(r);
  EXPECT_EQ(r.value(), IngestOutcome::kNew);
  StoreStats s = GetStats();
  EXPECT_EQ(s.entities, 3);
  EXPECT_EQ(s.aliases, 3);
  EXPECT_EQ(s.mentions, 0);
  EXPECT_EQ(s.relations, 2);
  EXPECT_EQ(s.evidence, 3);
  EntityRecord russia = Entity("russia");
  EXPECT_EQ(russia.degree, 2);
  EXPECT_EQ(russia.first_seen, "2022-02-20");
  EXPECT_EQ(russia.last_seen, "2022-03-01");
  EXPECT_EQ(russia.aliases, std::vector<std::string>{"Russia"});
  auto rels = store_->RelationsOf(russia.id);
  ASSERT_OK(rels);
  ASSERT_EQ(rels->size(), 2u);
  EXPECT_EQ((*rels)[0].relation, "warn");  // weight 2.5 before 1.0
  EXPECT_DOUBLE_EQ((*rels)[0].weight, 2.5);
  EXPECT_EQ((*rels)[0].last_date, "2022-03-01");
  auto ev = store_->EvidenceOf((*rels)[0].id, 0);
  ASSERT_OK(ev);
  ASSERT_EQ(ev->size(), 2u);
  EXPECT_EQ((*ev)[0].sentence_text, "");
}

TEST_F(StoreTest, BulkTriplesDocumentThenReplacement) {
  // Above the bulk threshold (written without per-row foreign-key checks): the same invariants hold,
  // checked by TearDown, and repeated triples aggregate.
  TriplesBuilder t("bulk.triples.jsonl");
  const int kActors = 300;
  for (int i = 0; i < 12000; ++i) {
    int s = (i * 7) % kActors, d = (i * 13 + 1) % kActors;
    if (s == d) d = (d + 1) % kActors;
    t.Add("Actor " + std::to_string(s), i % 2 ? "meet" : "warn", "Actor " + std::to_string(d),
          "2020-01-" + std::to_string(10 + i % 20));
  }
  auto r = store_->Ingest(t.doc, t.ex);
  ASSERT_OK(r);
  StoreStats s = GetStats();
  EXPECT_EQ(s.entities, kActors);
  EXPECT_EQ(s.evidence, 12000);
  EXPECT_LT(s.relations, 12000);
  int64_t evidence_sum = 0;
  for (const auto& rel : AllRelations()) evidence_sum += rel.count;
  EXPECT_EQ(evidence_sum, 12000);

  // A small document shares some of the actors and relations.
  DocBuilder b("small", "Actor 7 met Actor 92.", "2021-01-01");
  std::string a = b.AddEntity("Actor 7", EntityType::kPerson, {"Actor 7"});
  std::string c = b.AddEntity("Actor 92", EntityType::kPerson, {"Actor 92"});
  b.AddRelation(a, "meet", c, 0);
  MustIngest(b);

  // Replace the bulk document by a smaller one: most relations and actors go, the shared ones stay.
  TriplesBuilder t2("bulk.triples.jsonl");
  for (int i = 0; i < 10001; ++i) t2.Add("Actor 1", "call", "Actor " + std::to_string(2 + i % 5), "2020-02-01");
  auto r2 = store_->Ingest(t2.doc, t2.ex);
  ASSERT_OK(r2);
  EXPECT_EQ(r2.value(), IngestOutcome::kReplaced);
  s = GetStats();
  EXPECT_EQ(s.entities, 8);  // Actor 1..6 from the new version, Actor 7 and 92 from "small"
  EXPECT_EQ(s.relations, 6);
  EXPECT_EQ(s.evidence, 10002);
}

// The names of the store's own indexes, in order.
std::string IndexNames(const std::string& path) {
  std::string names;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name", -1,
                           &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char* sql = sqlite3_column_text(st, 1);
        names += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + ": " +
                 (sql ? reinterpret_cast<const char*>(sql) : "(automatic)") + "\n";
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return names;
}

TEST_F(StoreTest, FirstBulkDocumentRebuildsTheIndexesItDefers) {
  // The first bulk document of a store is written without its randomly ordered secondary indexes, which
  // are rebuilt before the commit: the file ends with the same indexes, consistent with the tables.
  const std::string indexes = IndexNames(path_);
  EXPECT_NE(indexes.find("relations_by_target"), std::string::npos) << indexes;
  TriplesBuilder t("bulk.triples.jsonl");
  for (int i = 0; i < 11000; ++i) {
    t.Add("Actor " + std::to_string((i * 7919) % 2000), i % 3 ? "meet" : "warn",
          "Actor " + std::to_string((i * 104729 + 1) % 1999), "2020-03-01");
  }
  ASSERT_OK(store_->Ingest(t.doc, t.ex));
  EXPECT_EQ(IndexNames(path_), indexes);
  EXPECT_EQ(QueryIntSql(path_, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
            0);
  // The rebuilt indexes answer lookups: an actor's relations by target, a name by alias.
  auto ids = store_->ResolveName("Actor 1");
  ASSERT_OK(ids);
  ASSERT_EQ(ids->size(), 1u);
  auto rels = store_->RelationsOf(ids->front());
  ASSERT_OK(rels);
  EXPECT_EQ(
      static_cast<int64_t>(rels->size()),
      QueryIntSql(path_, "SELECT count(*) FROM relations WHERE source_id = " + std::to_string(ids->front()) +
                             " OR target_id = " + std::to_string(ids->front())));
}

TEST_F(StoreTest, FailureAfterWritesRollsBackAFirstBulkDocument) {
  // A bulk document into an empty store that fails after its rows (and the index drops) are written:
  // the file keeps its tables, rows and indexes as before.
  const std::string indexes = IndexNames(path_);
  const std::string dump = Dump(path_);
  DocBuilder b("bulk", "Joe Biden met Xi Jinping.", "2022-11-14");
  std::string biden = b.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden"});
  std::string xi = b.AddEntity("Xi Jinping", EntityType::kPerson, {"Xi Jinping"});
  for (int i = 0; i < 10001; ++i)
    b.AddRelation(i % 2 ? biden : xi, i % 3 ? "meet" : "warn", i % 2 ? xi : biden, 0);
  b.AddRelation(xi, "warn", biden, 7);
  auto r = store_->Ingest(b.doc(), b.ex());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("sentence 7"), std::string::npos) << r.status().ToString();
  EXPECT_EQ(Dump(path_), dump);
  EXPECT_EQ(IndexNames(path_), indexes);
  b.ex().relations.pop_back();
  EXPECT_EQ(MustIngest(b), IngestOutcome::kNew);
  EXPECT_EQ(IndexNames(path_), indexes);
  EXPECT_EQ(GetStats().evidence, 10001);
}

TEST_F(StoreTest, EntityIdsOtherThanTheExtractorsAreResolved) {
  // The Extractor numbers entities e1, e2, ...; any other ids (and numbers out of order) work as well.
  DocBuilder b("ids", "Joe Biden met Xi Jinping. Xi Jinping warned Kim Jong Un.", "2022-11-14");
  b.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden"});
  b.AddEntity("Xi Jinping", EntityType::kPerson, {"Xi Jinping", "Xi Jinping"});
  b.AddEntity("Kim Jong Un", EntityType::kPerson, {"Kim Jong Un"});
  b.ex().entities[0].id = "biden";
  b.ex().entities[1].id = "e01";
  b.ex().entities[2].id = "e1";
  b.AddRelation("biden", "meet", "e01", 0);
  b.AddRelation("e01", "warn", "e1", 1);
  MustIngest(b);
  auto rels = AllRelations();
  ASSERT_EQ(rels.size(), 2u);
  std::vector<std::string> ends;
  for (const auto& rel : rels) ends.push_back(rel.source_name + " " + rel.relation + " " + rel.target_name);
  std::sort(ends.begin(), ends.end());
  EXPECT_EQ(ends[0], "Joe Biden meet Xi Jinping");
  EXPECT_EQ(ends[1], "Xi Jinping warn Kim Jong Un");

  // An id that only looks like the Extractor's is not taken for one: "e2" is no entity here.
  DocBuilder bad("ids2", "Joe Biden met Xi Jinping.");
  bad.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden"});
  bad.AddEntity("Xi Jinping", EntityType::kPerson, {"Xi Jinping"});
  bad.ex().entities[1].id = "e02";
  bad.AddRelation("e1", "meet", "e2", 0);
  auto r = store_->Ingest(bad.doc(), bad.ex());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'e2'"), std::string::npos) << r.status().ToString();
}

TEST_F(StoreTest, ForEachScansInIdOrderWithDegrees) {
  DocBuilder b = SummitDoc();
  MustIngest(b);
  std::vector<EntityRecord> entities;
  ASSERT_OK(store_->ForEachEntity([&](const EntityRecord& e) { entities.push_back(e); }));
  ASSERT_EQ(entities.size(), 3u);
  EXPECT_TRUE(std::is_sorted(entities.begin(), entities.end(),
                             [](auto& x, auto& y) { return x.id < y.id; }));
  EXPECT_EQ(entities[0].name, "Joe Biden");
  EXPECT_EQ(entities[0].degree, 2);
  EXPECT_EQ(entities[2].degree, 0);
  auto rels = AllRelations();
  ASSERT_EQ(rels.size(), 2u);
  EXPECT_LT(rels[0].id, rels[1].id);
  EXPECT_EQ(rels[0].relation, "meet");
}

TEST_F(StoreTest, ScanForGraphAndForEachEvidence) {
  DocBuilder a = SummitDoc("a", "2021-06-16");
  DocBuilder b = SummitDoc("b", "2021-06-18");
  MustIngest(a);
  MustIngest(b);
  Store::GraphScan scan;
  int64_t max_entities = -1, max_relations = -1;
  std::vector<std::string> seen;
  scan.sizes = [&](int64_t e, int64_t r) {
    max_entities = e;
    max_relations = r;
  };
  scan.entity = [&](const EntityRecord& e) { seen.push_back("E" + std::to_string(e.id) + " " + e.name); };
  scan.alias = [&](int64_t id, const std::string& alias, int64_t count) {
    seen.push_back("A" + std::to_string(id) + " " + alias + " " + std::to_string(count));
  };
  scan.relation = [&](const RelationRecord& r) {
    seen.push_back("R" + std::to_string(r.id) + " " + std::to_string(r.source_id) + " " + r.relation + " " +
                   std::to_string(r.target_id) + " " + std::to_string(r.count));
  };
  ASSERT_OK(store_->ScanForGraph(scan));
  EXPECT_GE(max_entities, 3);
  EXPECT_GE(max_relations, 2);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "E1 Joe Biden", "E2 Vladimir Putin", "E3 Geneva",
                      "A1 Biden 2", "A1 Joe Biden 2", "A2 Putin 2", "A2 Vladimir Putin 2", "A3 Geneva 2",
                      "R1 1 meet 2 2", "R2 2 warn 1 2"}));

  std::vector<std::string> evidence;
  ASSERT_OK(store_->ForEachEvidence([&](int64_t relation_id, const EvidenceRecord& ev) {
    evidence.push_back(std::to_string(relation_id) + " " + ev.doc_id + " " + ev.sentence_text);
  }));
  EXPECT_EQ(evidence, (std::vector<std::string>{
                          "1 a Joe Biden met Vladimir Putin in Geneva.", "1 b Joe Biden met Vladimir Putin in Geneva.",
                          "2 a Putin warned Biden.", "2 b Putin warned Biden."}));
}

TEST_F(StoreTest, BadRelationEndpointIsRejectedAndChangesNothing) {
  DocBuilder b = SummitDoc();
  MustIngest(b);
  StoreStats before = GetStats();
  std::string dump = Dump(path_);

  DocBuilder bad("other", "Kim Jong Un met Trump.", "2019-02-27");
  std::string kim = bad.AddEntity("Kim Jong Un", EntityType::kPerson, {"Kim Jong Un"});
  bad.AddEntity("Trump", EntityType::kPerson, {"Trump"});
  bad.AddRelation(kim, "meet", "e99", 0);
  auto r = store_->Ingest(bad.doc(), bad.ex());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'e99'"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find("other"), std::string::npos) << r.status().ToString();
  EXPECT_TRUE(StatsEqual(GetStats(), before));
  EXPECT_EQ(Dump(path_), dump);
}

TEST_F(StoreTest, FailureAfterWritesRollsBackAReplacement) {
  DocBuilder b = SummitDoc();
  MustIngest(b);
  StoreStats before = GetStats();
  std::string dump = Dump(path_);

  // A new version whose last relation points at a sentence that does not exist: by then the old
  // contribution is deleted and new entities, relations and evidence rows are written.
  DocBuilder v2("summit", "Joe Biden met Xi Jinping.", "2022-11-14");
  std::string biden = v2.AddEntity("Joe Biden", EntityType::kPerson, {"Joe Biden"});
  std::string xi = v2.AddEntity("Xi Jinping", EntityType::kPerson, {"Xi Jinping"});
  v2.AddRelation(biden, "meet", xi, 0);
  v2.AddRelation(xi, "warn", biden, 7);
  auto r = store_->Ingest(v2.doc(), v2.ex());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("sentence 7"), std::string::npos) << r.status().ToString();
  EXPECT_TRUE(StatsEqual(GetStats(), before));
  EXPECT_EQ(Dump(path_), dump);
  auto xi_ids = store_->ResolveName("Xi Jinping");
  ASSERT_OK(xi_ids);
  EXPECT_TRUE(xi_ids->empty());
  // The store is still usable, and the old version is still the stored one.
  auto same = store_->IsUnchanged("summit", DocumentHash(b.doc()));
  ASSERT_OK(same);
  EXPECT_TRUE(same.value());
  v2.ex().relations.pop_back();
  EXPECT_EQ(MustIngest(v2), IngestOutcome::kReplaced);
}

TEST_F(StoreTest, RejectsInvalidExtractions) {
  {
    DocBuilder b("dup", "Alice met Bob.");
    b.AddEntity("Alice", EntityType::kPerson, {"Alice"});
    b.AddEntity("Bob", EntityType::kPerson, {"Bob"});
    b.ex().entities[1].id = "e1";
    EXPECT_EQ(store_->Ingest(b.doc(), b.ex()).status().code(), StatusCode::kInvalidArgument);
  }
  {
    DocBuilder b("span", "Alice met Bob.");
    b.AddEntity("Alice", EntityType::kPerson, {"Alice"});
    b.ex().entities[0].mentions[0].end = 99;
    EXPECT_EQ(store_->Ingest(b.doc(), b.ex()).status().code(), StatusCode::kInvalidArgument);
  }
  {
    DocBuilder b("empty-name", "Alice met Bob.");
    b.AddEntity("’-", EntityType::kPerson, {});
    EXPECT_EQ(store_->Ingest(b.doc(), b.ex()).status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(GetStats().documents, 0);
}

class StoreOpenTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(StoreOpenTest, ForeignSqliteFileIsRefused) {
  std::string path = dir_.File("other.db");
  ExecSql(path, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES('x');");
  std::string before = Dump(path);
  auto r = Store::Open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kVersionMismatch);
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("another application"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("--db"), std::string::npos) << r.status().message();
  EXPECT_EQ(Dump(path), before);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'entities'"), 0);

  std::string tagged = dir_.File("tagged.db");
  ExecSql(tagged, "PRAGMA application_id = 305419896;");  // 0x12345678, no tables
  auto t = Store::Open(tagged, /*read_only=*/true);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kVersionMismatch);
  EXPECT_NE(t.status().message().find("0x12345678"), std::string::npos) << t.status().message();
  auto t2 = Store::Open(tagged);
  EXPECT_EQ(t2.status().code(), StatusCode::kVersionMismatch);
}

TEST_F(StoreOpenTest, NewerSchemaIsRefused) {
  std::string path = dir_.File("newer.db");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
  }
  ExecSql(path, "PRAGMA user_version = 5;");
  for (bool read_only : {false, true}) {
    auto r = Store::Open(path, read_only);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kVersionMismatch);
    EXPECT_NE(r.status().message().find("schema version 5"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("(4)"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("upgrade actorgraph"), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(QueryIntSql(path, "PRAGMA user_version"), 5);
}

// The columns schema version 4 adds (actor codes, CAMEO event codes, titles), dropped again to make an older file.
constexpr char kDropCodeColumns[] =
    "ALTER TABLE doc_entities DROP COLUMN code; ALTER TABLE doc_entities DROP COLUMN country; "
    "ALTER TABLE doc_entities DROP COLUMN sector; ALTER TABLE entities DROP COLUMN code; "
    "ALTER TABLE entities DROP COLUMN country; ALTER TABLE entities DROP COLUMN sector; "
    "ALTER TABLE evidence DROP COLUMN cameo; ALTER TABLE relations DROP COLUMN cameo; "
    "ALTER TABLE doc_entities DROP COLUMN title; ALTER TABLE entities DROP COLUMN title; ";

TEST_F(StoreOpenTest, VersionOneFileIsMigratedToTheCurrentVersion) {
  std::string path = dir_.File("v1.db");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
  }
  // A version-1 file: the mentions table without its reference column, no name_keys, merges,
  // evidence.attributed_to or code columns.
  ExecSql(path, std::string(kDropCodeColumns) +
                    "DROP TABLE name_keys; DROP TABLE merges; ALTER TABLE evidence DROP COLUMN attributed_to; "
                    "ALTER TABLE mentions DROP COLUMN reference; PRAGMA user_version = 1;");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
  }
  EXPECT_EQ(QueryIntSql(path, "PRAGMA user_version"), 4);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM pragma_table_info('mentions') WHERE name = 'reference'"), 1);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM pragma_table_info('entities') WHERE name = 'code'"), 1);
}

TEST_F(StoreOpenTest, VersionThreeFileKeepsItsDataAndGainsNullCodes) {
  std::string path = dir_.File("v3.db");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
    DocBuilder b = SummitDoc();
    ASSERT_OK((*s)->Ingest(b.doc(), b.ex()));
  }
  ExecSql(path, std::string(kDropCodeColumns) + "PRAGMA user_version = 3;");
  const int64_t entities = QueryIntSql(path, "SELECT count(*) FROM entities");
  ASSERT_GT(entities, 0);
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
    auto list = (*s)->ListEntities(std::nullopt, 100);
    ASSERT_OK(list);
    EXPECT_EQ(static_cast<int64_t>(list->size()), entities);
    for (const EntityRecord& e : *list) {
      EXPECT_EQ(e.code, "") << e.name;
      EXPECT_EQ(e.title, "") << e.name;
    }
  }
  EXPECT_EQ(QueryIntSql(path, "PRAGMA user_version"), 4);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM entities WHERE code IS NULL"), entities);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM entities WHERE title = ''"), entities);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM doc_entities WHERE title <> ''"), 0);
  EXPECT_GT(QueryIntSql(path, "SELECT count(*) FROM relations WHERE cameo = ''"), 0);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM evidence WHERE cameo <> ''"), 0);
}

TEST_F(StoreOpenTest, VersionTwoFileGetsItsNameKeysBackfilled) {
  std::string path = dir_.File("v2.db");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
  }
  // A version-2 file holding a person and an organisation, without the version-3 tables and the
  // version-4 columns.
  ExecSql(path,
          std::string(kDropCodeColumns) +
          "DROP TABLE name_keys; DROP TABLE merges; ALTER TABLE evidence DROP COLUMN attributed_to; "
          "INSERT INTO entities(name, norm, type) VALUES('Paul Volcker', 'paul volcker', 1), "
          "('International Tin Council', 'international tin council', 2), ('Volcker', 'volcker', 6); "
          "PRAGMA user_version = 2;");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
  }
  EXPECT_EQ(QueryIntSql(path, "PRAGMA user_version"), 4);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM name_keys WHERE key LIKE 'surname:%' AND entity_id = "
                             "(SELECT id FROM entities WHERE norm = 'paul volcker')"), 1);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM name_keys WHERE key = 'initials:itc'"), 1);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM name_keys WHERE key = 'spelling:international tin council'"), 1);
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM name_keys"), 3);  // a lone surname has no key
  EXPECT_EQ(QueryIntSql(path, "SELECT count(*) FROM pragma_table_info('evidence') WHERE name = 'attributed_to'"), 1);
}

TEST_F(StoreOpenTest, TextFileIsCorruption) {
  std::string path = dir_.Write("notes.txt", "These are my notes, not a database.\nSecond line.\n");
  for (bool read_only : {false, true}) {
    auto r = Store::Open(path, read_only);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
    EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("not an SQLite file"), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(testing::ReadFile(path), "These are my notes, not a database.\nSecond line.\n");
}

TEST_F(StoreOpenTest, TruncatedFileIsReportedNotCrashed) {
  std::string path = dir_.File("trunc.db");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
    for (int i = 0; i < 40; ++i) {
      DocBuilder b = SummitDoc("doc" + std::to_string(i));
      auto r = (*s)->Ingest(b.doc(), b.ex());
      ASSERT_OK(r);
    }
  }
  auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 8192u);
  std::filesystem::resize_file(path, size / 2);
  auto r = Store::Open(path, /*read_only=*/true);
  if (r.ok()) {
    // Page 1 survived; the damage shows when the lost pages are read.
    Status scan = (*r)->ForEachRelation([](const RelationRecord&) {});
    auto stats = (*r)->Stats();
    EXPECT_TRUE(!scan.ok() || !stats.ok());
    if (!scan.ok()) {
      EXPECT_EQ(scan.code(), StatusCode::kCorruption) << scan.ToString();
    }
  } else {
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
  }
}

TEST_F(StoreOpenTest, IngestKilledMidTransactionLeavesAllOrNothing) {
  TriplesBuilder t("big.triples.jsonl");
  int64_t stored = 0;  // triples that are not self loops
  for (int i = 0; i < 60000; ++i) {
    t.Add("Actor " + std::to_string(i % 997), "meet", "Actor " + std::to_string((i * 31 + 1) % 997), "2020-01-01");
    stored += i % 997 != (i * 31 + 1) % 997;
  }
  // A child process ingests; the parent kills it without warning after a delay, so the kill lands in
  // different phases (building, writing, committing) or after the end. Either way the file must hold
  // all of the document or none of it.
  for (int delay_ms : {50, 250, 600, 1200}) {
    SCOPED_TRACE("kill after " + std::to_string(delay_ms) + " ms");
    std::string path = dir_.File("killed-" + std::to_string(delay_ms) + ".db");
    {
      auto s = Store::Open(path);
      ASSERT_OK(s);
      DocBuilder b = SummitDoc();
      ASSERT_OK((*s)->Ingest(b.doc(), b.ex()));
    }
    std::string before = Dump(path);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto s = Store::Open(path);
      if (s.ok()) (void)(*s)->Ingest(t.doc, t.ex);
      _exit(0);
    }
    usleep(delay_ms * 1000);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);

    auto s = Store::Open(path);
    ASSERT_OK(s);
    auto stats = (*s)->Stats();
    ASSERT_OK(stats);
    if (stats->documents == 1) {
      EXPECT_EQ(Dump(path), before);
    } else {
      EXPECT_EQ(stats->documents, 2);
      EXPECT_EQ(stats->evidence, 2 + stored);
    }
    EXPECT_EQ(InconsistentRows(path), 0);
  }
}

TEST_F(StoreOpenTest, ReadOnlyOpenOfMissingFileIsNotFound) {
  std::string path = dir_.File("missing.db");
  auto r = Store::Open(path, /*read_only=*/true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(StoreOpenTest, ReadOnlyStoreRefusesIngest) {
  std::string path = dir_.File("ro.db");
  {
    auto s = Store::Open(path);
    ASSERT_OK(s);
  }
  auto r = Store::Open(path, /*read_only=*/true);
  ASSERT_OK(r);
  DocBuilder b = SummitDoc();
  auto in = (*r)->Ingest(b.doc(), b.ex());
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*r)->Stats()->documents, 0);
}

TEST_F(StoreOpenTest, DirectoryIsNotADatabase) {
  auto r = Store::Open(dir_.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(dir_.path()), std::string::npos);
}

}  // namespace
}  // namespace ag

