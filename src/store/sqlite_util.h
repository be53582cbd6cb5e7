// Thin RAII layer over the SQLite C API for the store: a Connection that owns the handle and a cache of
// persistent prepared statements, a Statement handle that resets itself when it goes out of scope, a
// Transaction that rolls back unless committed, and the mapping of SQLite result codes to Status (every
// message names the database path). Nothing here throws. Not thread-safe: one Connection per thread.
#ifndef AG_STORE_SQLITE_UTIL_H_
#define AG_STORE_SQLITE_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actorgraph/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ag::store {

// Status for SQLite result code `rc` on `db`: Corruption for SQLITE_CORRUPT and SQLITE_NOTADB, Internal
// for constraint violations (the store checks its input first, so one is a bug), IOError otherwise.
// The message is "<path>: <what>: <sqlite3_errmsg>".
Status SqliteStatus(sqlite3* db, int rc, const std::string& path, std::string_view what);

// A cached prepared statement in use. Does not own the statement: the Connection does. Resets it (and
// clears its bindings) on destruction so the next user starts clean. Text is bound as a copy, except by
// BindTextNoCopy.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt, const std::string* path) : db_(db), stmt_(stmt), path_(path) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameter indexes are 1-based, as in SQL (?1, ?2, ...).
  Statement& BindInt(int index, int64_t value);
  Statement& BindDouble(int index, double value);
  Statement& BindText(int index, std::string_view value);
  // Binds `value` without copying it (SQLITE_STATIC): the caller keeps its bytes alive and unchanged
  // until the statement is stepped to completion and reset or rebound. For the bulk rows of an ingest.
  Statement& BindTextNoCopy(int index, std::string_view value);

  // Advances: true when a row is available, false when done; an error Status otherwise.
  Result<bool> Step();
  // Steps until done (for statements that return no rows, or whose rows are not needed).
  Status Run();
  // Makes the statement ready to be bound and stepped again (keeps bindings).
  void Reset();

  // Column accessors for the current row (0-based). NULL reads as 0, 0.0 or "".
  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::string_view TextView(int column) const;  // valid until the next Step/Reset
  bool IsNull(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string* path_ = nullptr;
};

// An open database handle plus its statement cache.
class Connection {
 public:
  explicit Connection(std::string path) : path_(std::move(path)) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();  // finalizes the cached statements and closes the handle

  // sqlite3_open_v2 with `flags` (SQLITE_OPEN_*). IOError naming the path when it fails.
  Status Open(int flags);

  sqlite3* db() const { return db_; }
  const std::string& path() const { return path_; }

  // Runs one or more SQL statements that return no rows needed by the caller.
  Status Exec(const char* sql);
  // The cached statement for `sql` (prepared once, persistent). A statement may be in use by only one
  // Statement handle at a time.
  Result<Statement> Prepare(const char* sql);
  // Runs a query returning a single integer (e.g. PRAGMA user_version, COUNT(*)).
  Result<int64_t> QueryInt(const char* sql);
  int64_t LastInsertRowId() const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Appends rows to one table through multi-row INSERT statements: per row, SQLite's statement overhead
// (program start, cursors, halt) costs about as much as the row itself, so a bulk ingest writes kRows
// rows per statement. Values are given column by column, row by row; text is not copied, so the caller
// keeps it alive until Finish(). The rows are written in the order given, by the time Finish() returns OK
// (some earlier). Rowids are not reported: a caller that needs them assigns them in a column.
class BatchInsert {
 public:
  static constexpr int kRows = 64;

  // `head` is "INSERT INTO table(col, ...)"; `columns` the number of columns it names.
  BatchInsert(Connection* conn, std::string_view head, int columns);
  BatchInsert(const BatchInsert&) = delete;
  BatchInsert& operator=(const BatchInsert&) = delete;

  BatchInsert& Int(int64_t value);
  BatchInsert& Double(double value);
  BatchInsert& Text(std::string_view value);
  // Ends the row (exactly `columns` values must have been given); writes a full batch.
  Status EndRow();
  // Writes the rows still pending, one statement each.
  Status Finish();

 private:
  struct Value {
    enum Kind { kInt, kDouble, kText } kind;
    int64_t i;
    double d;
    std::string_view text;
  };
  Status Write(const std::string& sql, size_t first_value, int rows);

  Connection* conn_;
  int columns_;
  std::string batch_sql_;  // kRows rows
  std::string row_sql_;    // one row
  std::vector<Value> values_;
};

// BEGIN IMMEDIATE on Begin(); ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection* conn) : conn_(conn) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status Begin();
  Status Commit();

 private:
  Connection* conn_;
  bool active_ = false;
};

}  // namespace ag::store

#endif  // AG_STORE_SQLITE_UTIL_H_
