// Status and Result<T>: how every public actorgraph function reports success or failure. The public API
// never throws; a Status carries a code from a small append-only enum and a message that names the place
// (file, line, column, byte offset) where the problem is. Both types are values and thread-compatible.
#ifndef ACTORGRAPH_STATUS_H_
#define ACTORGRAPH_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace ag {

// Append-only: values may be printed in logs and tests; never renumber.
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,
  kParseError = 2,
  kNotFound = 3,
  kIOError = 4,
  kCorruption = 5,
  kVersionMismatch = 6,
  kResourceLimit = 7,
  kInternal = 8,
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status ParseError(std::string m) { return {StatusCode::kParseError, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status VersionMismatch(std::string m) { return {StatusCode::kVersionMismatch, std::move(m)}; }
  static Status ResourceLimit(std::string m) { return {StatusCode::kResourceLimit, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>".
  std::string ToString() const;
  // Returns a copy whose message is "<prefix>: <message>" (same code).
  Status WithPrefix(const std::string& prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

const char* StatusCodeName(StatusCode code);

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {           // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result built from an OK Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ag

// Propagates a non-OK Status from the current function.
#define AG_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::ag::Status ag_status_ = (expr);        \
    if (!ag_status_.ok()) return ag_status_; \
  } while (0)

#define AG_CONCAT_INNER_(a, b) a##b
#define AG_CONCAT_(a, b) AG_CONCAT_INNER_(a, b)
// AG_ASSIGN_OR_RETURN(auto x, ResultExpr()): binds the value or returns the Status.
#define AG_ASSIGN_OR_RETURN(lhs, expr) AG_ASSIGN_OR_RETURN_IMPL_(AG_CONCAT_(ag_result_, __LINE__), lhs, expr)
#define AG_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // ACTORGRAPH_STATUS_H_
