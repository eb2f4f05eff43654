// What job.cc (the state machine, the file, the progress) asks of each kind
// of record it imports (member_kind.cc, …).
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "api/api.h"
#include "core/xlsx.h"
#include "db/db.h"
#include "import/sheet.h"

namespace gonghui::import {

// The good rows of the check, as the values the write inserts, a chunk of
// whole records at a time. Kept: in an unlinked temporary file (tmpfile(3)),
// written once, then read once after Rewind. Streamed: handed from the
// checking thread to the writing one through a queue of a few chunks, the
// checker waiting while the writer is behind, so memory stays bounded.
class Spool {
 public:
  enum class Mode { kKept, kStreamed };
  explicit Spool(Mode mode = Mode::kKept);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // What Next throws in the writer once the checker has given up (a bad row,
  // cancel): the write stops and rolls back.
  struct Aborted : std::runtime_error {
    Aborted() : std::runtime_error("import spool aborted") {}
  };

  void Add(const std::vector<db::Value>& values);
  int64_t size() const { return records_; }
  // Kept: starts reading from the first record (streamed: nothing to do).
  void Rewind();
  // The next record into `values`; false after the last (streamed: waits for
  // the next chunk, false once closed and read).
  bool Next(std::vector<db::Value>& values);
  // Streamed: no record follows. Abort: none will be written either.
  void Close();
  void Abort();
  // The records the whole file is expected to give (streamed: an estimate
  // from the first rows; kept: size()).
  void Expect(int64_t records) { expected_ = records; }
  int64_t Expected() const { return std::max<int64_t>(expected_, records_); }

 private:
  void Push();
  bool Pull();

  Mode mode_;
  std::FILE* file_ = nullptr;  // kept
  std::string pending_;        // records not yet handed on
  std::string chunk_;          // the chunk being read
  size_t at_ = 0;              // in chunk_
  std::atomic<int64_t> records_{0};
  std::atomic<int64_t> expected_{0};
  // Streamed.
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  std::vector<std::string> spare_;  // chunks read, for the next ones
  bool closed_ = false, aborted_ = false;
};

// One problem of a row: the column's header ("" for the row as a whole) and
// what is wrong, in Chinese.
struct Problem {
  std::string column;
  std::string message;
};

// A row of the file as a kind checks it.
struct Row {
  int64_t line = 0;
  Cells cells;                    // as read
  std::vector<Problem> problems;  // found so far
  // The cell of column `i` (an empty one when the file has no such column or
  // the row is short).
  const Cell& At(const std::vector<int>& index, size_t i) const;
};

class UnionResolver;

// The cells of one row as a kind reads them: each problem is put under its
// column's header.
class RowReader {
 public:
  RowReader(Row& row, const std::vector<int>& index, const std::vector<Column>& columns)
      : row_(row), index_(index), columns_(columns) {}
  const Cell& At(size_t col) const { return row_.At(index_, col); }
  void Fail(size_t col, const std::string& message);
  // The cell's text (TextOf), or nullopt after a problem.
  std::optional<std::string> Text(size_t col);
  // The same, of at most `max_chars` characters; an empty cell is a problem
  // when `required`.
  std::optional<std::string> Text(size_t col, size_t max_chars, bool required);
  // The org the cell names (UnionResolver); an empty cell is `fallback` (the
  // upload's default), else a problem when `required`. 0 when none.
  int64_t Org(db::Tx& tx, size_t col, UnionResolver& orgs, std::optional<int64_t> fallback,
              bool required);
  bool Ok() const { return row_.problems.empty(); }

 private:
  Row& row_;
  const std::vector<int>& index_;
  const std::vector<Column>& columns_;
};

// What a job knows while it runs.
struct JobContext {
  api::App& app;
  const auth::Principal& who;
  std::string mode;                    // "create" or "update"
  std::optional<int64_t> default_org;  // the union of rows that name none
  HeaderMatch header;
  int64_t now = 0;
};

// Checks the rows of one job and writes them.
class Checker {
 public:
  virtual ~Checker() = default;
  // Checks a batch of rows inside a read transaction: appends a problem to
  // each bad row, and the values of each good one to `out`.
  virtual void Check(db::Tx& tx, std::vector<Row>& rows, Spool& out) = 0;
  // After the first batch: about how many rows the file holds (from the
  // share of it read), for what the checker keeps per row.
  virtual void Expect(int64_t rows) { (void)rows; }
  // After the last batch: the problems that only all rows show (a duplicate
  // inside the file), as (line, problem).
  virtual std::vector<std::pair<int64_t, Problem>> Finish() = 0;
  // Inside the write transaction: writes every record of `in`, calling
  // `written` with the running count; answers the rows written. An error
  // (a record taken since the check) rolls everything back.
  virtual Result<int64_t> Write(db::Tx& tx, Spool& in,
                                const std::function<void(int64_t)>& written) = 0;
};

struct Kind {
  std::string key;         // "member"
  std::string label;       // "会员"
  std::string permission;  // to import
  std::vector<Column> columns;
  // The downloadable template: the header, an example row, drop-down lists.
  std::function<XlsxSheet()> template_sheet;
  std::function<std::unique_ptr<Checker>(const JobContext&)> checker;
  // The column update mode matches records by ("身份证号码"); "" when the
  // kind has no update mode.
  std::string update_by;
  // Created records may be written while the check goes on (job.cc): the
  // checker's Write reads nothing its Check is still building.
  bool streams = false;
};

// The records of `table` whose `column` is one of `keys` (one query), as
// key → (id, org_id).
std::unordered_map<std::string, std::pair<int64_t, int64_t>> FindExisting(
    db::Tx& tx, const std::string& table, const std::string& column,
    const std::vector<std::string>& keys);

// The spool record of a good row. Create: `org_id`, the column values in
// order, then `now` twice (created_at, updated_at). Update: the record's
// `id` and `org_id`, then (column, value) pairs.
void AddRecord(Spool& out, bool update, int64_t id, int64_t org_id,
               std::vector<std::pair<std::string, db::Value>>& columns, int64_t now);

// The update mode's write: each record of `in` (as AddRecord made it) sets
// its columns and updated_at on its row of `table`; `changed(id, org_id)`
// after each.
int64_t UpdateRecords(db::Tx& tx, Spool& in, const std::string& table, int64_t now,
                      const std::function<void(int64_t)>& written,
                      const std::function<void(int64_t, int64_t)>& changed);

// A measure of org/count.h that a create-mode write adds to: its bucket is
// the text of these columns of the record joined by '|' (a member's status;
// its status and tags).
struct Measured {
  std::string measure;
  std::vector<size_t> bucket_at;
};

// The create mode's write: every record of `in` (as AddRecord made it) into
// `table` with these columns (org_id first), the count triggers of each of
// `measures` paused and their counts added once (org/count.h). A write as
// large as half the table on SQLite drops the table's indexes and creates
// them again at the end (from `rebuild_indexes_from` rows): sorting once is
// faster than growing a B-tree row by row (a unique index created again still
// refuses a duplicate, and a rollback restores them). Answers the rows
// written per org.
std::map<int64_t, int64_t> InsertRecords(db::Tx& tx, Spool& in, const std::string& table,
                                         const std::vector<std::string>& columns,
                                         const std::vector<Measured>& measures,
                                         const std::function<void(int64_t)>& written,
                                         int64_t rebuild_indexes_from = 100000);

// The kinds, by key; nullptr for none.
const Kind* FindKind(std::string_view key);
const Kind& MemberKind();
const Kind& EnterpriseKind();
const Kind& UnionKind();

// The template's example rows start their first cell with this; the import
// skips them.
inline constexpr std::string_view kExampleMark = "示例：";

// "所属工会" as a column a row resolves to an org in the caller's scope: by
// code, else by exact name. A partner org is refused with `partner_message`
// (none when it is ""). Cached per job.
class UnionResolver {
 public:
  explicit UnionResolver(const auth::Principal& who,
                         std::string partner_message = "是非工会合作单位，会员只能属于工会")
      : who_(who), partner_message_(std::move(partner_message)) {}
  // The union's id, or a message saying why the text names none.
  Result<int64_t> Resolve(db::Tx& tx, const std::string& text);
  // The union of a row that names none (`org_id` of the upload).
  Result<int64_t> Check(db::Tx& tx, int64_t org_id);

 private:
  const auth::Principal& who_;
  std::string partner_message_;
  std::map<std::string, Result<int64_t>> by_text_;
  std::map<int64_t, Result<int64_t>> by_id_;
};

}  // namespace gonghui::import
