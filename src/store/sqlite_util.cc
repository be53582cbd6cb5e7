// SQLite RAII helpers for the store. See sqlite_util.h.
#include "store/sqlite_util.h"

#include <sqlite3.h>

#include <utility>

namespace ag::store {

Status SqliteStatus(sqlite3* db, int rc, const std::string& path, std::string_view what) {
  std::string message = path + ": " + std::string(what) + ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(message));
    case SQLITE_CONSTRAINT:
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
      return Status::Internal(std::move(message));
    default:
      return Status::IOError(std::move(message));
  }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), path_(other.path_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    path_ = other.path_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::BindInt(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  // A zero-length blob pointer must not be null for SQLite to bind '' rather than NULL.
  sqlite3_bind_text64(stmt_, index, value.empty() ? "" : value.data(), value.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindTextNoCopy(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.empty() ? "" : value.data(), value.size(), SQLITE_STATIC,
                      SQLITE_UTF8);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_reset returns the same error and leaves the message in place for sqlite3_errmsg.
  return SqliteStatus(db_, rc, *path_, "statement failed");
}

Status Statement::Run() {
  for (;;) {
    AG_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::OK();
  }
}

void Statement::Reset() { sqlite3_reset(stmt_); }

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const { return std::string(TextView(column)); }

std::string_view Statement::TextView(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, column));
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  // sqlite3_close_v2 also checkpoints the WAL when this is the last connection.
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Connection::Open(int flags) {
  int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteStatus(db_, rc, path_, "cannot open database");
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return s;
  }
  sqlite3_extended_result_codes(db_, 1);
  return Status::OK();
}

Status Connection::Exec(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  sqlite3_free(error);  // sqlite3_errmsg still holds the message
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, path_, "statement failed");
  return Status::OK();
}

Result<Statement> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteStatus(db_, rc, path_, "cannot prepare statement");
    it = cache_.emplace(sql, stmt).first;
  }
  return Statement(db_, it->second, &path_);
}

Result<int64_t> Connection::QueryInt(const char* sql) {
  AG_ASSIGN_OR_RETURN(Statement st, Prepare(sql));
  AG_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

BatchInsert::BatchInsert(Connection* conn, std::string_view head, int columns)
    : conn_(conn), columns_(columns) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ", ?";
  row += ")";
  row_sql_ = std::string(head) + " VALUES" + row;
  batch_sql_ = std::string(head) + " VALUES";
  for (int r = 0; r < kRows; ++r) batch_sql_ += (r == 0 ? "" : ",") + row;
  values_.reserve(static_cast<size_t>(kRows) * columns);
}

BatchInsert& BatchInsert::Int(int64_t value) {
  values_.push_back({Value::kInt, value, 0, {}});
  return *this;
}

BatchInsert& BatchInsert::Double(double value) {
  values_.push_back({Value::kDouble, 0, value, {}});
  return *this;
}

BatchInsert& BatchInsert::Text(std::string_view value) {
  values_.push_back({Value::kText, 0, 0, value});
  return *this;
}

Status BatchInsert::EndRow() {
  if (values_.size() < static_cast<size_t>(kRows) * columns_) return Status::OK();
  AG_RETURN_IF_ERROR(Write(batch_sql_, 0, kRows));
  values_.clear();
  return Status::OK();
}

Status BatchInsert::Finish() {
  const size_t rows = values_.size() / columns_;
  for (size_t r = 0; r < rows; ++r) AG_RETURN_IF_ERROR(Write(row_sql_, r * columns_, 1));
  values_.clear();
  return Status::OK();
}

Status BatchInsert::Write(const std::string& sql, size_t first_value, int rows) {
  AG_ASSIGN_OR_RETURN(Statement st, conn_->Prepare(sql.c_str()));
  const int n = rows * columns_;
  for (int i = 0; i < n; ++i) {
    const Value& v = values_[first_value + i];
    switch (v.kind) {
      case Value::kInt:
        st.BindInt(i + 1, v.i);
        break;
      case Value::kDouble:
        st.BindDouble(i + 1, v.d);
        break;
      case Value::kText:
        st.BindTextNoCopy(i + 1, v.text);
        break;
    }
  }
  return st.Run();
}

Transaction::~Transaction() {
  // Any error of ROLLBACK itself (e.g. SQLite already rolled back after an I/O error) leaves nothing to do.
  if (active_) (void)conn_->Exec("ROLLBACK");
}

Status Transaction::Begin() {
  AG_RETURN_IF_ERROR(conn_->Exec("BEGIN IMMEDIATE"));
  active_ = true;
  return Status::OK();
}

Status Transaction::Commit() {
  AG_RETURN_IF_ERROR(conn_->Exec("COMMIT"));
  active_ = false;
  return Status::OK();
}

}  // namespace ag::store
