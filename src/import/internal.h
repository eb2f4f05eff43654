// What job.cc (the state machine, the file, the progress) asks of each kind
// of record it imports (member_kind.cc, …).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "core/xlsx.h"
#include "db/db.h"
#include "import/sheet.h"

namespace gonghui::import {

// The good rows of the check, as the values the write phase inserts, in an
// unlinked temporary file (tmpfile(3)): written once, then read once.
class Spool {
 public:
  Spool();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void Add(const std::vector<db::Value>& values);
  int64_t size() const { return records_; }
  // Starts reading from the first record.
  void Rewind();
  // The next record into `values`; false after the last.
  bool Next(std::vector<db::Value>& values);

 private:
  std::FILE* file_;
  int64_t records_ = 0;
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
};

// The kinds, by key; nullptr for none.
const Kind* FindKind(std::string_view key);
const Kind& MemberKind();

// The template's example rows start their first cell with this; the import
// skips them.
inline constexpr std::string_view kExampleMark = "示例：";

// "所属工会" as a column a row resolves to a union in the caller's scope that
// may hold members: by code, else by exact name. Cached per job.
class UnionResolver {
 public:
  explicit UnionResolver(const auth::Principal& who) : who_(who) {}
  // The union's id, or a message saying why the text names none.
  Result<int64_t> Resolve(db::Tx& tx, const std::string& text);
  // The union of a row that names none (`org_id` of the upload).
  Result<int64_t> Check(db::Tx& tx, int64_t org_id);

 private:
  const auth::Principal& who_;
  std::map<std::string, Result<int64_t>> by_text_;
  std::map<int64_t, Result<int64_t>> by_id_;
};

}  // namespace gonghui::import
