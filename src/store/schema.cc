// Schema creation, migration and the open-time checks of the store's file format. See schema.h; the
// tables are documented column by column in docs/data-model.md ("Store schema").
#include "store/schema.h"

#include "store/name_keys.h"

#include <sqlite3.h>

#include <cstdio>
#include <string>

namespace ag::store {
namespace {

// Version 1. Conventions: text columns are NOT NULL with '' for "none" (so MIN/MAX and equality need no
// NULL cases); offsets are code points into the document text (suffix _cp); persisted enums (entities.type,
// evidence.modality) hold the values of ag::EntityType / ag::Modality, which are append-only.
// Aggregates (entities.mention_count .. last_seen, relations.weight .. last_date) are derived from the
// per-document rows (doc_entities, evidence) and recomputed by Ingest for every row a document touches.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  ingested_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE entities(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  norm TEXT NOT NULL UNIQUE,
  type INTEGER NOT NULL,
  mention_count INTEGER NOT NULL DEFAULT 0,
  degree INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT NOT NULL DEFAULT '',
  last_seen TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_by_mentions ON entities(mention_count DESC, name);
CREATE TABLE doc_entities(
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  name TEXT NOT NULL,
  type INTEGER NOT NULL,
  mention_count INTEGER NOT NULL,
  PRIMARY KEY(doc_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX doc_entities_by_entity ON doc_entities(entity_id);
CREATE TABLE aliases(
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  alias TEXT NOT NULL,
  norm TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY(entity_id, doc_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_by_norm ON aliases(norm);
CREATE INDEX aliases_by_doc ON aliases(doc_id);
CREATE TABLE mentions(
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  begin_cp INTEGER NOT NULL,
  end_cp INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX mentions_by_doc ON mentions(doc_id);
CREATE INDEX mentions_by_entity ON mentions(entity_id);
CREATE TABLE relations(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES entities(id),
  target_id INTEGER NOT NULL REFERENCES entities(id),
  relation TEXT NOT NULL,
  event TEXT NOT NULL DEFAULT '',
  weight REAL NOT NULL,
  count INTEGER NOT NULL,
  negated_count INTEGER NOT NULL DEFAULT 0,
  planned_count INTEGER NOT NULL DEFAULT 0,
  hedged_count INTEGER NOT NULL DEFAULT 0,
  first_date TEXT NOT NULL DEFAULT '',
  last_date TEXT NOT NULL DEFAULT '',
  UNIQUE(source_id, relation, target_id),
  CHECK(source_id <> target_id)
);
CREATE INDEX relations_by_target ON relations(target_id);
CREATE TABLE evidence(
  id INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relations(id),
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  sentence INTEGER NOT NULL,
  begin_cp INTEGER NOT NULL,
  end_cp INTEGER NOT NULL,
  sentence_text TEXT NOT NULL DEFAULT '',
  negated INTEGER NOT NULL DEFAULT 0,
  modality INTEGER NOT NULL DEFAULT 0,
  weight REAL NOT NULL,
  event TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_by_relation ON evidence(relation_id);
CREATE INDEX evidence_by_doc ON evidence(doc_id);
)sql";

// Forward-only: migration i takes a database from version to_version - 1 to to_version. Append only;
// never edit a released entry (files in the wild were made by it).
struct Migration {
  int to_version;
  const char* sql;
};
// Version 2: mentions.reference marks a pronoun or description that a relation uses as its argument
// (Mention::reference); name mentions are 0.
constexpr char kSchemaV2[] = R"sql(
ALTER TABLE mentions ADD COLUMN reference INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 3: cross-document resolution. name_keys indexes entities by keys of their names' parts
// (store/name_keys.h): "surname:volcker" for a person named with a given name, "initials:ico" for an
// organisation of two words or more, so that a later "Volcker", "Paul A. Volcker" or "ICO" finds them;
// merges records why a document's name joined an entity of another name (shown by `show`);
// evidence.attributed_to is the entity id an occurrence is reported by (0: none). The backfill
// keys the entities already stored with the same function, registered on the connection as
// ag_name_keys(norm, type) (keys separated by '\n', '' for none).
constexpr char kSchemaV3[] = R"sql(
CREATE TABLE name_keys(
  key TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  PRIMARY KEY(key, entity_id)
) WITHOUT ROWID;
CREATE INDEX name_keys_by_entity ON name_keys(entity_id);
CREATE TABLE merges(
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  name TEXT NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY(entity_id, doc_id, name)
) WITHOUT ROWID;
CREATE INDEX merges_by_doc ON merges(doc_id);
ALTER TABLE evidence ADD COLUMN attributed_to INTEGER NOT NULL DEFAULT 0;
WITH RECURSIVE k(entity_id, rest, key) AS (
  SELECT id, ag_name_keys(norm, type) || char(10), NULL FROM entities
  UNION ALL
  SELECT entity_id, substr(rest, instr(rest, char(10)) + 1), substr(rest, 1, instr(rest, char(10)) - 1)
  FROM k WHERE rest <> ''
)
INSERT OR IGNORE INTO name_keys(key, entity_id) SELECT key, entity_id FROM k WHERE key <> '';
)sql";

// Version 4: CAMEO actor codes (Entity::code, ::country, ::sector), NULL when unknown; on doc_entities
// each document's coding, on entities the most recent document's. The CAMEO event code of each occurrence
// (Relation::cameo) on evidence and on the relation (chosen like relations.event), and a person's title
// (Entity::title) on doc_entities and on entities (the most recent document's that has one), '' for none.
constexpr char kSchemaV4[] = R"sql(
ALTER TABLE doc_entities ADD COLUMN code TEXT;
ALTER TABLE doc_entities ADD COLUMN country TEXT;
ALTER TABLE doc_entities ADD COLUMN sector TEXT;
ALTER TABLE entities ADD COLUMN code TEXT;
ALTER TABLE entities ADD COLUMN country TEXT;
ALTER TABLE entities ADD COLUMN sector TEXT;
ALTER TABLE evidence ADD COLUMN cameo TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN cameo TEXT NOT NULL DEFAULT '';
ALTER TABLE doc_entities ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN title TEXT NOT NULL DEFAULT '';
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3},
    {4, kSchemaV4},
};
static_assert(kMigrations[sizeof(kMigrations) / sizeof(kMigrations[0]) - 1].to_version == kSchemaVersion,
              "the last migration must produce kSchemaVersion");

struct FileState {
  int64_t application_id = 0;
  int64_t user_version = 0;
  int64_t tables = 0;
};

std::string Hex32(int64_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(static_cast<uint32_t>(v)));
  return buf;
}

// Reads the header fields and the table count. This is the first read of the file, so a file that is not
// SQLite at all fails here (SQLITE_NOTADB) and gets its own message.
Result<FileState> ReadState(Connection* conn) {
  FileState state;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(conn->db(), "SELECT count(*) FROM sqlite_master WHERE type = 'table'", -1,
                              &stmt, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      state.tables = sqlite3_column_int64(stmt, 0);
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(stmt);
  if ((rc & 0xff) == SQLITE_NOTADB) {
    return Status::Corruption(conn->path() + ": not an actorgraph database (not an SQLite file)");
  }
  if (rc != SQLITE_OK) return SqliteStatus(conn->db(), rc, conn->path(), "cannot read the database");
  AG_ASSIGN_OR_RETURN(state.application_id, conn->QueryInt("PRAGMA application_id"));
  AG_ASSIGN_OR_RETURN(state.user_version, conn->QueryInt("PRAGMA user_version"));
  return state;
}

// Refuses a file that is not (or not yet) actorgraph's. Returns OK for an empty file and for ours.
Status CheckOwner(const FileState& state, const std::string& path) {
  if (state.application_id == kApplicationId) return Status::OK();
  if (state.application_id == 0 && state.tables == 0) return Status::OK();
  std::string detail = "application_id " + Hex32(state.application_id);
  if (state.application_id == 0) detail += " with " + std::to_string(state.tables) + " table(s)";
  return Status::VersionMismatch(path + ": belongs to another application (" + detail +
                                 "; actorgraph databases have " + Hex32(kApplicationId) +
                                 "); use another --db file");
}

Status CheckNotNewer(const FileState& state, const std::string& path) {
  if (state.user_version <= kSchemaVersion) return Status::OK();
  return Status::VersionMismatch(path + ": schema version " + std::to_string(state.user_version) +
                                 " is newer than this actorgraph supports (" +
                                 std::to_string(kSchemaVersion) + "); upgrade actorgraph");
}

bool IsFresh(const FileState& state) { return state.application_id == 0 && state.tables == 0; }

// Creates or upgrades the schema in one write transaction. The state is read again inside it because
// another process may have created or upgraded the file between our first look and the lock.
// ag_name_keys(norm, type): NameKeys joined by '\n', for the migrations' backfills.
void NameKeysFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  std::string joined;
  const unsigned char* text = argc == 2 ? sqlite3_value_text(argv[0]) : nullptr;
  if (text != nullptr) {
    for (const std::string& key : NameKeys(reinterpret_cast<const char*>(text), sqlite3_value_int(argv[1]))) {
      if (!joined.empty()) joined += '\n';
      joined += key;
    }
  }
  sqlite3_result_text(ctx, joined.data(), static_cast<int>(joined.size()), SQLITE_TRANSIENT);
}

Status Migrate(Connection* conn) {
  int rc = sqlite3_create_function(conn->db(), "ag_name_keys", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                   NameKeysFunction, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(conn->db(), rc, conn->path(), "cannot register ag_name_keys");
  Transaction txn(conn);
  AG_RETURN_IF_ERROR(txn.Begin());
  AG_ASSIGN_OR_RETURN(FileState state, ReadState(conn));
  AG_RETURN_IF_ERROR(CheckOwner(state, conn->path()));
  AG_RETURN_IF_ERROR(CheckNotNewer(state, conn->path()));
  int version = IsFresh(state) ? 0 : static_cast<int>(state.user_version);
  if (version == kSchemaVersion) return Status::OK();  // someone else did it; the rollback is a no-op
  for (const Migration& m : kMigrations) {
    if (m.to_version <= version) continue;
    Status s = conn->Exec(m.sql);
    if (!s.ok()) {
      return s.WithPrefix(conn->path() + ": migration to schema version " + std::to_string(m.to_version) +
                          " failed");
    }
    version = m.to_version;
  }
  // Header fields are transactional: they become visible with the tables, or not at all.
  std::string pragmas = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                        "; PRAGMA user_version = " + std::to_string(kSchemaVersion) + ";";
  AG_RETURN_IF_ERROR(conn->Exec(pragmas.c_str()));
  return txn.Commit();
}

}  // namespace

Status PrepareSchema(Connection* conn, bool read_only) {
  // Wait for a concurrent writer (another ingest) instead of failing with SQLITE_BUSY at once.
  sqlite3_busy_timeout(conn->db(), 10000);
  AG_ASSIGN_OR_RETURN(FileState state, ReadState(conn));
  // Nothing is written before these two checks pass: not even the journal mode, which lives in the header.
  AG_RETURN_IF_ERROR(CheckOwner(state, conn->path()));
  AG_RETURN_IF_ERROR(CheckNotNewer(state, conn->path()));
  AG_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys = ON"));
  if (read_only) {
    if (IsFresh(state)) {
      return Status::NotFound(conn->path() + ": empty database, not an actorgraph store yet (nothing to read)");
    }
    if (state.user_version < kSchemaVersion) {
      return Status::VersionMismatch(conn->path() + ": schema version " + std::to_string(state.user_version) +
                                     " is older than this actorgraph's (" + std::to_string(kSchemaVersion) +
                                     ") and the file is opened read-only; open it for writing once (e.g. "
                                     "ingest) to upgrade it");
    }
    return Status::OK();
  }
  // WAL: readers (query, export) do not block an ingest and vice versa; NORMAL is durable enough with WAL
  // (a power loss may drop the last commits, never corrupt). A larger page cache keeps the indexes of a
  // bulk ingest in memory.
  AG_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;"));
  if (IsFresh(state) || state.user_version < kSchemaVersion) return Migrate(conn);
  return Status::OK();
}

}  // namespace ag::store
