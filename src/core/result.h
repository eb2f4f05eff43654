// Errors as values at module boundaries.
//
// Every operation that can fail for an expected reason returns a Status or a
// Result<T>. Exceptions never cross the HTTP edge: http/ catches anything that
// escapes a handler and answers `internal`.
//
// Which code when:
//   kBadRequest         the request itself is unreadable: malformed JSON, a
//                       body that is not an object, a query string that does
//                       not parse.
//   kInvalidArgument    a field is missing, unknown, of the wrong type or has
//                       an invalid value. `field` names it.
//   kUnauthenticated    no valid session, wrong username or password.
//   kPermissionDenied   the caller's role lacks the permission, or the CSRF
//                       token is missing or wrong.
//   kNotFound           no such record, or a record outside the caller's
//                       subtree (scope is never revealed).
//   kAlreadyExists      a unique value is taken.
//   kFailedPrecondition the record's state does not allow the operation.
//   kPayloadTooLarge    the body is over the limit.
//   kResourceExhausted  a rate limit or lockout.
//   kUnavailable        the server is shutting down.
//   kInternal           a bug or an I/O failure; the request wrote nothing.
//
// Messages are zh-CN, written for the cadre who reads them in the UI.
// http/error.cc is the one place that turns a code into an HTTP status.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gonghui {

enum class Code {
  kOk,
  kBadRequest,
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPayloadTooLarge,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// The wire name of a code, e.g. "invalid_argument".
const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // The request field the error is about, empty when it is about no field.
  const std::string& field() const { return field_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string field, std::string message) {
  return {Code::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
inline Status PermissionDenied(std::string message) {
  return {Code::kPermissionDenied, std::move(message)};
}
inline Status FailedPrecondition(std::string message, std::string field = {}) {
  return {Code::kFailedPrecondition, std::move(message), std::move(field)};
}
inline Status AlreadyExists(std::string field, std::string message) {
  return {Code::kAlreadyExists, std::move(message), std::move(field)};
}
inline Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace gonghui

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define GH_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::gonghui::Status gh_status_ = (expr);   \
    if (!gh_status_.ok()) return gh_status_; \
  } while (0)

#define GH_CONCAT_INNER(a, b) a##b
#define GH_CONCAT(a, b) GH_CONCAT_INNER(a, b)

// `GH_ASSIGN_OR_RETURN(auto x, Foo())` declares x from the value of a Result
// or returns its Status from the enclosing function.
#define GH_ASSIGN_OR_RETURN(lhs, expr) \
  GH_ASSIGN_OR_RETURN_IMPL(GH_CONCAT(gh_result_, __LINE__), lhs, expr)
#define GH_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
