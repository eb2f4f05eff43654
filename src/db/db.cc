#include "db/db.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <fmt/format.h>
#include <charconv>
#include <deque>
#include <unordered_map>

namespace gonghui::db {

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(p->data(), p->data() + p->size(), out);
    return out;
  }
  return 0;
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::string Row::Str(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return fmt::format("{}", *p);
  return {};
}

std::optional<std::string> Row::OptStr(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Str(i);
}

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_literal = false;
  for (char c : sql) {
    if (c == '\'') in_literal = !in_literal;
    if (c == '?' && !in_literal) {
      out += fmt::format(":p{}", ++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Holds bound values at stable addresses for the life of a statement.
class Binder {
 public:
  void Bind(soci::statement& st, const std::vector<Value>& params) {
    for (const Value& v : params) {
      indicators_.push_back(soci::i_ok);
      soci::indicator& ind = indicators_.back();
      if (auto p = std::get_if<int64_t>(&v)) {
        ints_.push_back(static_cast<long long>(*p));
        st.exchange(soci::use(ints_.back(), ind));
      } else if (auto p = std::get_if<double>(&v)) {
        reals_.push_back(*p);
        st.exchange(soci::use(reals_.back(), ind));
      } else if (auto p = std::get_if<std::string>(&v)) {
        strings_.push_back(*p);
        st.exchange(soci::use(strings_.back(), ind));
      } else {
        ind = soci::i_null;
        strings_.emplace_back();
        st.exchange(soci::use(strings_.back(), ind));
      }
    }
  }

 private:
  std::deque<long long> ints_;
  std::deque<double> reals_;
  std::deque<std::string> strings_;
  std::deque<soci::indicator> indicators_;
};

Value ColumnValue(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::monostate{};
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return static_cast<int64_t>(row.get<int>(i));
    case soci::dt_long_long:
      return static_cast<int64_t>(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return row.get<double>(i);
    case soci::dt_string:
    case soci::dt_xml:
      return row.get<std::string>(i);
    case soci::dt_date: {
      std::tm t = row.get<std::tm>(i);
      return fmt::format("{:04}-{:02}-{:02}", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
    }
    case soci::dt_blob:
      break;
  }
  return std::monostate{};
}

// SOCI 4.0 mangles URI connection strings: turn a postgresql:// URI into
// libpq's keyword=value form with libpq's own parser.
Result<std::string> PostgresConninfo(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (!options) {
    std::string message = err ? err : "invalid";
    PQfreemem(err);
    return InvalidArgument("db", "PostgreSQL 连接地址无效：" + message);
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  return out;
}

bool IsUniqueViolation(const std::string& what) {
  return what.find("UNIQUE constraint failed") != std::string::npos ||
         what.find("duplicate key value") != std::string::npos;
}

}  // namespace

// The C API under a SOCI SQLite session, with prepared statements kept per
// connection (keyed by SQL text; statements with literal id lists are many and
// short-lived, so past kMaxCached they are prepared and finalized each time).
class NativeSqlite {
 public:
  explicit NativeSqlite(sqlite_api::sqlite3* conn) : conn_(conn) {}
  ~NativeSqlite() {
    for (auto& [sql, st] : cache_) sqlite_api::sqlite3_finalize(st);
  }
  NativeSqlite(const NativeSqlite&) = delete;
  NativeSqlite& operator=(const NativeSqlite&) = delete;

  // Runs `sql`; calls on_row for each result row. Answers sqlite3_changes().
  int64_t Run(std::string_view sql, const std::vector<Value>& params,
              const std::function<void(sqlite_api::sqlite3_stmt*)>& on_row) {
    bool cached = true;
    sqlite_api::sqlite3_stmt* st = Prepare(sql, &cached);
    struct Done {
      sqlite_api::sqlite3_stmt* st;
      bool cached;
      ~Done() {
        if (cached) {
          sqlite_api::sqlite3_reset(st);
          sqlite_api::sqlite3_clear_bindings(st);
        } else {
          sqlite_api::sqlite3_finalize(st);
        }
      }
    } done{st, cached};
    for (size_t i = 0; i < params.size(); ++i) {
      int n = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc;
      if (auto p = std::get_if<int64_t>(&v)) {
        rc = sqlite_api::sqlite3_bind_int64(st, n, *p);
      } else if (auto p = std::get_if<double>(&v)) {
        rc = sqlite_api::sqlite3_bind_double(st, n, *p);
      } else if (auto p = std::get_if<std::string>(&v)) {
        // SQLITE_TRANSIENT (-1, "copy the text"), spelled out because SOCI's header
        // puts sqlite3_destructor_type in namespace sqlite_api.
        rc = sqlite_api::sqlite3_bind_text64(
            st, n, p->data(), p->size(), reinterpret_cast<sqlite_api::sqlite3_destructor_type>(-1),
            SQLITE_UTF8);
      } else {
        rc = sqlite_api::sqlite3_bind_null(st, n);
      }
      if (rc != SQLITE_OK) Fail(sql);
    }
    int rc;
    while ((rc = sqlite_api::sqlite3_step(st)) == SQLITE_ROW) {
      if (on_row) on_row(st);
    }
    if (rc != SQLITE_DONE) Fail(sql);
    return sqlite_api::sqlite3_changes(conn_);
  }

  // A statement that needs no parameters and no cache (BEGIN, COMMIT, bulk).
  void Exec(const std::string& sql) {
    if (sqlite_api::sqlite3_exec(conn_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      Fail(sql);
    }
  }

 private:
  static constexpr size_t kMaxCached = 256;

  sqlite_api::sqlite3_stmt* Prepare(std::string_view sql, bool* cached) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    sqlite_api::sqlite3_stmt* st = nullptr;
    *cached = cache_.size() < kMaxCached;
    if (sqlite_api::sqlite3_prepare_v3(conn_, key.data(), static_cast<int>(key.size()),
                                       *cached ? SQLITE_PREPARE_PERSISTENT : 0, &st,
                                       nullptr) != SQLITE_OK) {
      Fail(sql);
    }
    if (*cached) cache_.emplace(std::move(key), st);
    return st;
  }

  [[noreturn]] void Fail(std::string_view sql) {
    std::string what = sqlite_api::sqlite3_errmsg(conn_);
    throw std::runtime_error(what + " while running \"" + std::string(sql.substr(0, 300)) + "\"");
  }

  sqlite_api::sqlite3* conn_;
  std::unordered_map<std::string, sqlite_api::sqlite3_stmt*> cache_;
};

namespace {

Value NativeColumn(sqlite_api::sqlite3_stmt* st, int i) {
  switch (sqlite_api::sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
      return static_cast<int64_t>(sqlite_api::sqlite3_column_int64(st, i));
    case SQLITE_FLOAT:
      return sqlite_api::sqlite3_column_double(st, i);
    case SQLITE_NULL:
      return std::monostate{};
    default: {
      const auto* text = sqlite_api::sqlite3_column_blob(st, i);
      int bytes = sqlite_api::sqlite3_column_bytes(st, i);
      return std::string(static_cast<const char*>(text), static_cast<size_t>(bytes));
    }
  }
}

// The sqlite3 connection under a SOCI session; see NativeConnection below for
// why UBSan's vptr check is off.
__attribute__((no_sanitize("vptr"))) sqlite_api::sqlite3* NativeSqliteConnection(
    soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

}  // namespace

void Tx::CountStatement() {
  int64_t left = db_.fail_countdown_.load();
  if (left > 0 && db_.fail_countdown_.fetch_sub(1) == 1) {
    throw std::runtime_error("injected failure (FailNthStatementForTest)");
  }
}

std::vector<Row> Tx::Query(std::string_view sql, const std::vector<Value>& params) {
  CountStatement();
  if (native_) {
    std::vector<Row> out;
    native_->Run(sql, params, [&](sqlite_api::sqlite3_stmt* st) {
      int n = sqlite_api::sqlite3_column_count(st);
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) values.push_back(NativeColumn(st, i));
      out.emplace_back(std::move(values));
    });
    return out;
  }
  Binder binder;
  soci::row row;
  soci::statement st(session_);
  st.alloc();
  binder.Bind(st, params);
  st.exchange(soci::into(row));
  st.prepare(NumberPlaceholders(sql));
  st.define_and_bind();
  std::vector<Row> out;
  if (st.execute(true)) {
    do {
      std::vector<Value> values;
      values.reserve(row.size());
      for (size_t i = 0; i < row.size(); ++i) values.push_back(ColumnValue(row, i));
      out.emplace_back(std::move(values));
    } while (st.fetch());
  }
  return out;
}

std::optional<Row> Tx::QueryOne(std::string_view sql, const std::vector<Value>& params) {
  std::vector<Row> rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

int64_t Tx::QueryInt(std::string_view sql, const std::vector<Value>& params) {
  std::optional<Row> row = QueryOne(sql, params);
  if (!row || row->size() == 0) return 0;
  return row->Int(0);
}

int64_t Tx::Exec(std::string_view sql, const std::vector<Value>& params) {
  CountStatement();
  if (native_) return native_->Run(sql, params, nullptr);
  Binder binder;
  soci::statement st(session_);
  st.alloc();
  binder.Bind(st, params);
  st.prepare(NumberPlaceholders(sql));
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

int64_t Tx::Insert(std::string_view sql, const std::vector<Value>& params) {
  std::optional<Row> row = QueryOne(sql, params);
  if (!row) throw std::runtime_error("INSERT … RETURNING returned no row");
  return row->Int(0);
}

SerialPlan::SerialPlan(Tx& tx) : tx_(tx) {
  if (tx_.sqlite()) return;
  before_ = tx_.QueryOne(
                   "SELECT current_setting('max_parallel_workers_per_gather'), "
                   "set_config('max_parallel_workers_per_gather', '0', true)")
                ->Str(0);
}

SerialPlan::~SerialPlan() {
  if (tx_.sqlite()) return;
  // Transaction-local both ways: a transaction that failed meanwhile ends with
  // the setting undone anyway, so a refused statement here changes nothing.
  try {
    tx_.Query("SELECT set_config('max_parallel_workers_per_gather', ?, true)", {before_});
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch)
  }
}

Database::Database(Backend backend, std::string url) : backend_(backend), url_(std::move(url)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, size_t pool_size) {
  Backend backend;
  std::string connect;
  if (url.starts_with("sqlite:")) {
    backend = Backend::kSqlite;
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty()) return InvalidArgument("db", "数据库地址缺少 SQLite 文件路径");
    connect = "db=\"" + path + "\" timeout=10 shared_cache=false";
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    backend = Backend::kPostgres;
    GH_ASSIGN_OR_RETURN(connect, PostgresConninfo(url));
  } else {
    return InvalidArgument("db", "数据库地址应以 sqlite: 或 postgresql:// 开头");
  }
  if (backend == Backend::kSqlite) {
    // Before SQLite's first use: no global allocation statistics (a mutex on
    // every malloc) and no per-connection mutexes — each connection is used by
    // one thread at a time, handed over through the pool's mutex.
    static std::once_flag configured;
    std::call_once(configured, [] {
      // SOCI's header declares SQLite's API inside namespace sqlite_api.
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    });
  }
  std::unique_ptr<Database> db(new Database(backend, url));
  try {
    for (size_t i = 0; i < std::max<size_t>(pool_size, 1); ++i) {
      auto s = std::make_unique<soci::session>();
      if (backend == Backend::kSqlite) {
        s->open(*soci::factory_sqlite3(), connect);
        *s << "PRAGMA journal_mode=WAL";
        *s << "PRAGMA synchronous=NORMAL";
        *s << "PRAGMA foreign_keys=ON";
        *s << "PRAGMA busy_timeout=10000";
        *s << "PRAGMA cache_size=-65536";
      } else {
        s->open(*soci::factory_postgresql(), connect);
        *s << "SET client_min_messages TO WARNING";
      }
      if (backend == Backend::kSqlite) {
        db->native_.emplace_back(s.get(),
                                 std::make_unique<NativeSqlite>(NativeSqliteConnection(*s)));
      }
      db->free_.push_back(s.get());
      db->sessions_.push_back(std::move(s));
    }
  } catch (const std::exception& e) {
    return Status(Code::kInternal, std::string("无法连接数据库：") + e.what(), "db");
  }
  return db;
}

soci::session* Database::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  soci::session* s = free_.back();
  free_.pop_back();
  return s;
}

void Database::Release(soci::session* s) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(s);
  }
  cv_.notify_one();
}

Status Database::Run(Mode mode, const std::function<Status(Tx&)>& fn) {
  soci::session* s = Acquire();
  struct Releaser {
    Database* db;
    soci::session* s;
    ~Releaser() { db->Release(s); }
  } releaser{this, s};
  NativeSqlite* native = nullptr;
  for (auto& [session, cache] : native_) {
    if (session == s) native = cache.get();
  }
  Tx tx(*s, backend_, *this, native);
  auto exec = [&](const std::string& sql) {
    if (native) {
      native->Exec(sql);
    } else {
      *s << sql;
    }
  };
  bool open = false;
  auto rollback = [&] {
    if (!open) return;
    try {
      exec("ROLLBACK");
    } catch (const std::exception&) {
      // The connection is unusable; the next BEGIN reports it.
    }
  };
  try {
    exec(backend_ == Backend::kSqlite && mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    open = true;
    if (backend_ == Backend::kPostgres && mode == Mode::kWrite) {
      // Writers take turns, as on SQLite: a request reads what it is about to
      // change and decides on it, and under READ COMMITTED two such requests
      // could otherwise both act on the same old state (lost updates, cycles
      // from crossing moves). Readers never wait.
      tx.Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7262019)) AS writer_turn");
    }
    Status status = fn(tx);
    if (!status.ok()) {
      rollback();
      return status;
    }
    exec("COMMIT");
    return Status::Ok();
  } catch (const std::exception& e) {
    rollback();
    std::string what = e.what();
    if (IsUniqueViolation(what)) return AlreadyExists("", "记录已存在（违反唯一约束）");
    // SOCI puts the statement first and the reason last: keep both ends.
    if (what.size() > 800) what = what.substr(0, 300) + " … " + what.substr(what.size() - 500);
    fmt::print(stderr, "gonghui: database error: {}\n", what);
    return Internal("数据库操作失败，本次请求未写入任何数据");
  }
}

}  // namespace gonghui::db

namespace gonghui::db {

std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string Literal(const Value& v) {
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return fmt::format("{}", *p);
  if (auto p = std::get_if<std::string>(&v)) {
    std::string out = "'";
    for (char c : *p) {
      if (c == '\'') out += '\'';
      if (c == '\0') continue;
      out += c;
    }
    return out + "'";
  }
  return "NULL";
}

namespace {

// A value in COPY's text format: \N for NULL; backslash, tab, newline and
// carriage return escaped.
void AppendCopyValue(std::string& out, const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) {
    out += "\\N";
    return;
  }
  if (auto p = std::get_if<std::string>(&v)) {
    for (char c : *p) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\0':
          break;
        default:
          out += c;
      }
    }
    return;
  }
  out += Literal(v);
}

// libpq's connection under a SOCI PostgreSQL session. SOCI's library exports
// no typeinfo for its backend classes, so UBSan's vptr check is off here; the
// backend derives from session_backend alone, which makes the cast exact.
__attribute__((no_sanitize("vptr"))) PGconn* NativeConnection(soci::session& session) {
  return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
}

void CopyIn(soci::session& session, const std::string& sql, const std::string& data) {
  PGconn* conn = NativeConnection(session);
  auto check = [&](PGresult* r, ExecStatusType want) {
    bool ok = PQresultStatus(r) == want;
    std::string error = ok ? "" : PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error("COPY failed: " + error);
  };
  check(PQexec(conn, sql.c_str()), PGRES_COPY_IN);
  if (PQputCopyData(conn, data.data(), static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(conn, nullptr) != 1) {
    throw std::runtime_error(std::string("COPY failed: ") + PQerrorMessage(conn));
  }
  check(PQgetResult(conn), PGRES_COMMAND_OK);
  while (PGresult* r = PQgetResult(conn)) PQclear(r);
}

}  // namespace

std::vector<std::string> DropIndexes(Tx& tx, const std::string& table) {
  std::vector<std::string> sqls;
  if (!tx.sqlite()) return sqls;
  for (const Row& r : tx.Query(
           "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS "
           "NOT NULL ORDER BY name",
           {table})) {
    tx.Exec("DROP INDEX " + r.Str(0));
    sqls.push_back(r.Str(1));
  }
  return sqls;
}

BulkInsert::BulkInsert(Tx& tx, std::string table, std::vector<std::string> columns,
                       size_t rows_per_statement)
    : tx_(tx),
      table_(std::move(table)),
      columns_(std::move(columns)),
      per_statement_(tx.sqlite() ? rows_per_statement : rows_per_statement * 20) {
  std::string cols, marks;
  for (size_t i = 0; i < columns_.size(); ++i) {
    cols += (i ? ", " : "") + columns_[i];
    marks += i ? ", ?" : "?";
  }
  head_ = tx.sqlite() ? "INSERT INTO " + table_ + " (" + cols + ") VALUES (" + marks + ")"
                      : "COPY " + table_ + " (" + cols + ") FROM STDIN";
}

BulkInsert::~BulkInsert() noexcept(false) {
  if (std::uncaught_exceptions() == 0) Flush();
}

void BulkInsert::Add(const std::vector<Value>& row) {
  ++rows_;
  if (tx_.sqlite()) {
    // One cached prepared statement per row: SQLite then parses nothing,
    // where multi-row INSERTs of literals parsed every value.
    tx_.Exec(head_, row);
    return;
  }
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) pending_ += '\t';
    AppendCopyValue(pending_, row[i]);
  }
  pending_ += '\n';
  if (++pending_rows_ >= per_statement_) Flush();
}

void BulkInsert::Flush() {
  if (pending_rows_ == 0) return;
  std::string data;
  data.swap(pending_);
  pending_rows_ = 0;
  tx_.CountStatement();
  CopyIn(tx_.session(), head_, data);
}

}  // namespace gonghui::db
