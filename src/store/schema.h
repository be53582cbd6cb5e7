// The store's file format: the application id and schema version written into the SQLite header, the
// DDL of every schema version as a list of forward-only migrations, and the check run on every open that
// refuses foreign or newer files. The tables are documented in docs/data-model.md ("Store schema");
// keep the two in step. Functions here are stateless; thread-safety is that of the Connection passed.
#ifndef AG_STORE_SCHEMA_H_
#define AG_STORE_SCHEMA_H_

#include <cstdint>

#include "actorgraph/status.h"
#include "store/sqlite_util.h"

namespace ag::store {

// PRAGMA application_id of every actorgraph database: "AGr1" in ASCII.
inline constexpr int32_t kApplicationId = 0x41477231;
// PRAGMA user_version written by this build. Bumped by appending a migration in schema.cc.
inline constexpr int kSchemaVersion = 4;

// Checks the database just opened on `conn` and brings it to kSchemaVersion:
//  - not an SQLite file: Corruption "<path>: not an actorgraph database (not an SQLite file)";
//  - empty (no tables, application_id 0): creates the schema, or NotFound when read_only;
//  - another application's file (other application_id, or id 0 with tables): VersionMismatch;
//  - a newer schema: VersionMismatch naming both versions and the remedy;
//  - an older schema: runs the missing migrations in one transaction (VersionMismatch when read_only).
// Also sets the connection's pragmas (WAL journal when writable, foreign keys, busy timeout).
Status PrepareSchema(Connection* conn, bool read_only);

}  // namespace ag::store

#endif  // AG_STORE_SCHEMA_H_
