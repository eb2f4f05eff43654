// The database seam: one pool of connections to SQLite or PostgreSQL, and the
// transaction every request runs in.
//
// Contract:
//   - Database::Open parses a URL (`sqlite:PATH` or `postgresql://…`), opens
//     `pool_size` connections and configures them (SQLite: WAL, foreign keys,
//     busy timeout). It is thread-safe after Open returns.
//   - Database::Run runs a function inside one transaction on one pooled
//     connection. The transaction commits only when the function returns an ok
//     Status; any error Status or exception rolls everything back, so a failed
//     request writes nothing. Exceptions thrown by the driver are turned into
//     kInternal (or kAlreadyExists for a unique-key violation) and never escape.
//   - Write transactions on SQLite start with BEGIN IMMEDIATE so two writers
//     queue on the busy timeout instead of failing on lock upgrade.
//   - SQL is written once for both backends with `?` placeholders; Tx turns
//     them into the driver's named placeholders. Dialect differences are
//     limited to a few helpers below (Tx::backend()).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace soci {
class session;
}

namespace gonghui::db {

enum class Backend { kSqlite, kPostgres };

// SQLite statements prepared once per connection (db.cc).
class NativeSqlite;

// A bound parameter or a fetched column: NULL, integer, real or text.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// Helpers to build optional parameters.
inline Value Null() { return std::monostate{}; }
inline Value OrNull(const std::optional<int64_t>& v) { return v ? Value(*v) : Null(); }
inline Value OrNull(const std::optional<std::string>& v) { return v ? Value(*v) : Null(); }

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  // Integer value of column i; 0 for NULL; text is parsed.
  int64_t Int(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  // Text value of column i; "" for NULL; numbers are formatted.
  std::string Str(size_t i) const;
  std::optional<std::string> OptStr(size_t i) const;
  double Real(size_t i) const;

 private:
  std::vector<Value> values_;
};

class Database;

// One open transaction. Not thread-safe; lives inside Database::Run.
class Tx {
 public:
  Backend backend() const { return backend_; }
  bool sqlite() const { return backend_ == Backend::kSqlite; }

  // Runs a statement that returns rows.
  std::vector<Row> Query(std::string_view sql, const std::vector<Value>& params = {});
  // The first row, or nullopt.
  std::optional<Row> QueryOne(std::string_view sql, const std::vector<Value>& params = {});
  // A single integer (COUNT(*), MAX(…)), 0 when there is no row or it is NULL.
  int64_t QueryInt(std::string_view sql, const std::vector<Value>& params = {});
  // Runs a statement that returns no rows; answers the number of affected rows.
  int64_t Exec(std::string_view sql, const std::vector<Value>& params = {});
  // Runs `INSERT … RETURNING id` and answers the id.
  int64_t Insert(std::string_view sql, const std::vector<Value>& params = {});

  // The native session, for bulk loads (PostgreSQL COPY) and SQLite specifics.
  soci::session& session() { return session_; }

 private:
  friend class Database;
  friend class BulkInsert;
  Tx(soci::session& session, Backend backend, Database& db, NativeSqlite* native)
      : session_(session), backend_(backend), db_(db), native_(native) {}
  void CountStatement();

  soci::session& session_;
  Backend backend_;
  Database& db_;
  // On SQLite, statements run through the C API with a per-connection cache of
  // prepared statements; SOCI prepares anew on every call, which cost more
  // than the queries themselves on the hot paths. PostgreSQL goes through SOCI.
  NativeSqlite* native_;
};

// Within its lifetime, PostgreSQL plans the transaction's statements without
// parallel workers; the setting before it is restored at its end. For short
// reads of many small index ranges (the labour tallies), where starting the
// workers cost three times the work: 14 ms against 4 ms for the city's
// breakdown. A no-op on SQLite.
class SerialPlan {
 public:
  explicit SerialPlan(Tx& tx);
  ~SerialPlan();
  SerialPlan(const SerialPlan&) = delete;
  SerialPlan& operator=(const SerialPlan&) = delete;

 private:
  Tx& tx_;
  std::string before_;
};

enum class Mode { kRead, kWrite };

class Database {
 public:
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens `pool_size` connections to `url`: `sqlite:PATH` or `postgresql://…`.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, size_t pool_size);

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

  // Runs fn in one transaction; commits when it returns ok, else rolls back.
  Status Run(Mode mode, const std::function<Status(Tx&)>& fn);

  // Same, for functions that produce a value.
  template <typename T>
  Result<T> Run(Mode mode, const std::function<Result<T>(Tx&)>& fn) {
    std::optional<T> out;
    Status s = Run(mode, [&](Tx& tx) -> Status {
      Result<T> r = fn(tx);
      if (!r.ok()) return r.status();
      out.emplace(std::move(r).value());
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return std::move(*out);
  }

  // Makes the Nth statement from now throw, to test that a failure midway
  // through a request leaves nothing behind. 0 disables.
  void FailNthStatementForTest(int64_t n) { fail_countdown_ = n; }

 private:
  friend class Tx;
  Database(Backend backend, std::string url);
  soci::session* Acquire();
  void Release(soci::session* s);

  Backend backend_;
  std::string url_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  // Declared after sessions_: finalized before the connections close.
  std::vector<std::pair<soci::session*, std::unique_ptr<NativeSqlite>>> native_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<soci::session*> free_;  // guarded by mu_
  std::atomic<int64_t> fail_countdown_{0};
};

// Converts `?` placeholders to `:p1, :p2, …` (SOCI's syntax on both backends).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace gonghui::db

namespace gonghui::db {

// Appends rows to one table, the fast path for generated and imported data:
// on PostgreSQL through COPY on the native connection (row-by-row prepared
// inserts are ~60 times slower there, `rows_per_statement` × 20 rows go per
// round trip), on SQLite through one prepared statement, bound per row.
// Values are escaped here; nothing from a request reaches this class
// unvalidated. Runs inside the caller's transaction.
class BulkInsert {
 public:
  BulkInsert(Tx& tx, std::string table, std::vector<std::string> columns,
             size_t rows_per_statement = 500);
  // Flushes, unless an exception is already unwinding (the transaction is
  // then rolled back anyway).
  ~BulkInsert() noexcept(false);
  void Add(const std::vector<Value>& row);
  void Flush();
  int64_t rows() const { return rows_; }

 private:
  Tx& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::string head_;
  size_t per_statement_;
  std::string pending_;
  size_t pending_rows_ = 0;
  int64_t rows_ = 0;
};

// SQLite: drops the indexes of `table` that are no constraint's (those its
// CREATE TABLE made stay) and answers the statements that create them again,
// for a bulk load to run after it. Nothing on PostgreSQL, where dropping an
// index would lock the table against readers until the commit.
std::vector<std::string> DropIndexes(Tx& tx, const std::string& table);

// Escapes % _ and \ for `LIKE ? ESCAPE '\'`, so the text matches itself only.
std::string EscapeLike(std::string_view text);
// "%text%" escaped: the pattern for "contains text".
inline std::string ContainsPattern(std::string_view text) { return "%" + EscapeLike(text) + "%"; }

// A value as an SQL literal ('text' with quotes doubled, numbers, NULL).
std::string Literal(const Value& v);

}  // namespace gonghui::db
