// The import job's state machine (import.h), the runner thread, the spool and
// the file side of a job: header, batches, progress, the bad rows.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "audit/audit.h"
#include "import/import.h"
#include "import/internal.h"
#include "import/job.h"

namespace gonghui::import {

// --- Spool --------------------------------------------------------------------

namespace {
constexpr size_t kSpoolChunk = 1 << 20;
constexpr size_t kSpoolQueued = 16;  // chunks a streamed spool holds at most

template <typename T>
void PutRaw(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
}  // namespace

Spool::Spool(Mode mode) : mode_(mode) {
  pending_.reserve(kSpoolChunk * 2);
  if (mode_ == Mode::kKept) {
    file_ = std::tmpfile();
    if (file_ == nullptr) throw std::runtime_error("无法创建导入的临时文件");
  }
}

Spool::~Spool() {
  if (file_ != nullptr) std::fclose(file_);
}

void Spool::Add(const std::vector<db::Value>& values) {
  PutRaw(pending_, static_cast<uint32_t>(values.size()));
  for (const db::Value& v : values) {
    pending_ += static_cast<char>(v.index());
    if (const auto* i = std::get_if<int64_t>(&v)) {
      PutRaw(pending_, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      PutRaw(pending_, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      PutRaw(pending_, static_cast<uint32_t>(s->size()));
      pending_ += *s;
    }
  }
  ++records_;
  if (pending_.size() >= kSpoolChunk) Push();
}

// The pending records as one chunk: to the file (its size first), or onto
// the queue once there is room.
void Spool::Push() {
  if (pending_.empty()) return;
  if (mode_ == Mode::kKept) {
    const auto n = static_cast<uint32_t>(pending_.size());
    if (std::fwrite(&n, sizeof n, 1, file_) != 1 ||
        std::fwrite(pending_.data(), 1, n, file_) != n) {
      throw std::runtime_error("导入的临时文件写入失败");
    }
    pending_.clear();
    return;
  }
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return aborted_ || queue_.size() < kSpoolQueued; });
  if (!aborted_) queue_.push_back(std::move(pending_));
  // A chunk the reader is done with, its memory kept: no chunk grows again.
  pending_.clear();
  if (!spare_.empty()) {
    pending_ = std::move(spare_.back());
    spare_.pop_back();
    pending_.clear();
  } else {
    pending_.reserve(kSpoolChunk * 2);
  }
  cv_.notify_all();
}

void Spool::Rewind() {
  if (mode_ == Mode::kStreamed) return;  // read once, as it comes
  Push();
  std::fflush(file_);
  std::rewind(file_);
  chunk_.clear();
  at_ = 0;
}

void Spool::Close() {
  Push();
  std::lock_guard lock(mu_);
  closed_ = true;
  cv_.notify_all();
}

void Spool::Abort() {
  std::lock_guard lock(mu_);
  aborted_ = true;
  queue_.clear();
  cv_.notify_all();
}

// The next chunk into chunk_; false when there is none (kept: the end of
// the file; streamed: closed and all read).
bool Spool::Pull() {
  chunk_.clear();
  at_ = 0;
  if (mode_ == Mode::kKept) {
    uint32_t n = 0;
    if (std::fread(&n, sizeof n, 1, file_) != 1) return false;
    chunk_.resize(n);
    if (std::fread(chunk_.data(), 1, n, file_) != n) {
      throw std::runtime_error("导入的临时文件读取失败");
    }
    return true;
  }
  std::unique_lock lock(mu_);
  if (chunk_.capacity() > 0 && spare_.size() < 2) spare_.push_back(std::move(chunk_));
  cv_.wait(lock, [&] { return aborted_ || closed_ || !queue_.empty(); });
  if (aborted_) throw Aborted();
  if (queue_.empty()) return false;
  chunk_ = std::move(queue_.front());
  queue_.pop_front();
  cv_.notify_all();
  return true;
}

bool Spool::Next(std::vector<db::Value>& values) {
  if (at_ >= chunk_.size() && !Pull()) return false;
  auto get = [&](void* p, size_t n) {
    if (chunk_.size() - at_ < n) throw std::runtime_error("导入的临时文件读取失败");
    std::memcpy(p, chunk_.data() + at_, n);
    at_ += n;
  };
  uint32_t count = 0;
  get(&count, sizeof count);
  values.resize(count);
  for (db::Value& v : values) {
    uint8_t tag = 0;
    get(&tag, 1);
    if (tag == 1) {
      int64_t i = 0;
      get(&i, sizeof i);
      v = i;
    } else if (tag == 2) {
      double d = 0;
      get(&d, sizeof d);
      v = d;
    } else if (tag == 3) {
      uint32_t n = 0;
      get(&n, sizeof n);
      if (chunk_.size() - at_ < n) throw std::runtime_error("导入的临时文件读取失败");
      v = std::string(chunk_.data() + at_, n);
      at_ += n;
    } else {
      v = db::Null();
    }
  }
  return true;
}

// --- Rows, unions, kinds ----------------------------------------------------

const Cell& Row::At(const std::vector<int>& index, size_t i) const {
  static const Cell kEmpty;
  const int at = index.at(i);
  return at >= 0 && static_cast<size_t>(at) < cells.size() ? cells[static_cast<size_t>(at)]
                                                           : kEmpty;
}

Result<int64_t> UnionResolver::Check(db::Tx& tx, int64_t org_id) {
  auto hit = by_id_.find(org_id);
  if (hit != by_id_.end()) return hit->second;
  Result<int64_t> out = org_id;
  std::optional<db::Row> org = tx.QueryOne("SELECT is_partner FROM org WHERE id = ?", {org_id});
  if (!org || !auth::InScope(tx, who_, org_id)) {
    out = NotFound("该工会不存在或不在您的管辖范围内");
  } else if (org->Int(0) != 0 && !partner_message_.empty()) {
    out = InvalidArgument("org", partner_message_);
  }
  by_id_.emplace(org_id, out);
  return out;
}

Result<int64_t> UnionResolver::Resolve(db::Tx& tx, const std::string& text) {
  auto hit = by_text_.find(text);
  if (hit != by_text_.end()) return hit->second;
  // By code first (unique where given), then by the exact name among the
  // unions in scope.
  std::vector<db::Row> rows = tx.Query("SELECT id FROM org WHERE code = ? ORDER BY id", {text});
  if (rows.empty()) {
    rows = tx.Query(
        "SELECT o.id FROM org o JOIN org_closure c ON c.descendant_id = o.id AND c.axis = 't' "
        "WHERE c.ancestor_id = ? AND o.name = ? ORDER BY o.id",
        {who_.org_id, text});
    if (rows.empty()) {
      rows = tx.Query(
          "SELECT o.id FROM org o JOIN org_closure c ON c.descendant_id = o.id AND c.axis = 'i' "
          "WHERE c.ancestor_id = ? AND o.name = ? ORDER BY o.id",
          {who_.org_id, text});
    }
  }
  Result<int64_t> out = int64_t{0};
  if (rows.empty()) {
    out = NotFound("“" + text + "”不是您管辖范围内的工会（请填写工会全称或编码）");
  } else if (rows.size() > 1) {
    out = InvalidArgument(
        "org", "有 " + std::to_string(rows.size()) + " 个工会名为“" + text + "”，请改填工会编码");
  } else {
    out = Check(tx, rows[0].Int(0));
    if (!out.ok() && out.status().code() == Code::kNotFound) {
      out = NotFound("“" + text + "”不是您管辖范围内的工会（请填写工会全称或编码）");
    }
  }
  by_text_.emplace(text, out);
  return out;
}

const Kind* FindKind(std::string_view key) {
  for (const Kind* kind : {&MemberKind(), &EnterpriseKind(), &UnionKind()}) {
    if (key == kind->key) return kind;
  }
  return nullptr;
}

// --- The job ----------------------------------------------------------------

std::string_view StateLabel(std::string_view state) {
  if (state == "queued") return "排队中";
  if (state == "checking") return "检查中";
  if (state == "writing") return "写入中";
  if (state == "checked") return "检查通过（试导入）";
  if (state == "done") return "已导入";
  if (state == "rejected") return "有错误，未导入";
  if (state == "failed") return "失败，未导入";
  if (state == "cancelled") return "已取消";
  return state;
}

bool IsFinal(std::string_view state) {
  return state == "checked" || state == "done" || state == "rejected" || state == "failed" ||
         state == "cancelled";
}

namespace {

constexpr size_t kBatch = 1000;
constexpr size_t kMaxStoredBadRows = 100000;
constexpr int kHeaderSearchRows = 10;
constexpr auto kProgressEvery = std::chrono::seconds(1);
constexpr auto kClaimPatience = std::chrono::seconds(60);
constexpr auto kBeat = std::chrono::seconds(3);

// A bad row as the report keeps it.
struct BadRow {
  int64_t line = 0;
  std::vector<std::string> cells;
  std::vector<Problem> problems;
};

nlohmann::json ProblemsJson(const std::vector<Problem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const Problem& p : problems) out.push_back({{"column", p.column}, {"message", p.message}});
  return out;
}

// The outcome of the check, before anything is written.
struct Checked {
  std::string state;  // "" when every row is good
  std::string message;
  nlohmann::json header = nlohmann::json::object();
  std::string format, encoding;
  int64_t bad = 0, skipped = 0;
  std::vector<BadRow> bad_rows;  // at most kMaxStoredBadRows
};

class JobRun {
 public:
  JobRun(api::App& app, Job& job) : app_(app), job_(job) {}

  void Run() {
    if (!Claim()) return;
    streamed_ = job_.kind->streams && job_.mode == "create" && !job_.dry_run;
    Spool spool(streamed_ ? Spool::Mode::kStreamed : Spool::Mode::kKept);
    JobContext context{app_, job_.who, job_.mode, job_.default_org, {}, app_.clock.Now()};
    Checked checked;
    std::unique_ptr<Checker> checker;
    try {
      checked = Check(context, checker, spool);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gonghui: import %lld: %s\n", static_cast<long long>(job_.id), e.what());
      checked.state = "failed";
      checked.message = "检查时出错，未导入任何数据，请重试或联系系统管理员";
    }
    if (checked.state.empty() && job_.cancel) checked.state = "cancelled";
    if (checked.state == "cancelled" && job_.stop) Stopped(checked);
    if (checked.state.empty() && job_.dry_run) checked.state = "checked";
    if (!checked.state.empty()) {
      (void)EndWriter(spool, nullptr);  // its transaction rolls back
      Finish(checked);
      return;
    }
    job_.phase = Job::kWriting;
    Status s = streamed_ ? EndWriter(spool, &checked)
                         : Write(*checker, spool, [&]() -> const Checked* { return &checked; });
    if (s.ok()) {
      job_.phase = Job::kDone;
      return;
    }
    checked.state = job_.cancel ? "cancelled" : "failed";
    if (job_.stop) {
      Stopped(checked);
    } else if (!job_.cancel) {
      checked.message =
          s.code() == Code::kAlreadyExists
              ? "写入时发现有记录在检查之后已被登记（如同一身份证号码），未导入任何数据，请重新导入"
              : "写入时出错，未导入任何数据：" + s.message();
    }
    job_.written = 0;
    Finish(checked);
  }

 private:
  struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("cancelled") {}
  };

  static void Stopped(Checked& checked) {
    checked.state = "failed";
    checked.message = kStoppedMessage;
  }

  // The write transaction: every record of the spool, then, once `verdict`
  // says the check passed, the job done, in one commit. A null verdict (a bad
  // row, cancel) or a spool aborted rolls it all back.
  Status Write(Checker& checker, Spool& spool, const std::function<const Checked*()>& verdict) {
    struct Writing {
      std::atomic<bool>& flag;
      ~Writing() { flag = false; }
    } writing{job_.writing};
    return app_.db.Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
      job_.writing = true;
      int64_t written = 0;
      try {
        GH_ASSIGN_OR_RETURN(written, checker.Write(tx, spool, [&](int64_t n) {
          job_.written = n;
          if (job_.cancel) throw Cancelled();
        }));
      } catch (const Spool::Aborted&) {
        return Status(Code::kFailedPrecondition, "导入已停止");
      }
      const Checked* checked = verdict();
      if (checked == nullptr) return Status(Code::kFailedPrecondition, "导入已停止");
      const int64_t now = app_.clock.Now();
      tx.Exec(
          "UPDATE import_job SET state = 'done', rows_written = ?, rows_read = ?, rows_checked = "
          "?, rows_skipped = ?, header = ?, format = ?, encoding = ?, finished_at = ? WHERE id = ?",
          {written, job_.read.load(), job_.checked.load(), checked->skipped, checked->header.dump(),
           checked->format, checked->encoding, now, job_.id});
      const http::Request request;
      const nlohmann::json body = nlohmann::json::object();
      api::Call call{app_, request, tx, job_.who, body, now};
      audit::Record(call, "import", "import_job", job_.id, job_.who.org_id, nullptr,
                    {{"kind", job_.kind->key},
                     {"mode", job_.mode},
                     {"file_name", job_.file_name},
                     {"file_hash", job_.file_hash},
                     {"rows_written", written}});
      return Status::Ok();
    });
  }

  // A streamed import writes while it checks: the writer starts after the
  // first batch and takes the records as they pass.
  void StartWriter(Checker& checker, Spool& spool) {
    writer_ = std::thread([this, &checker, &spool] {
      write_status_ = Write(checker, spool, [this]() -> const Checked* {
        std::unique_lock lock(verdict_mu_);
        verdict_cv_.wait(lock, [&] { return verdict_given_; });
        return verdict_;
      });
      // A failed write: the checker must not wait for room any more.
      if (!write_status_.ok()) spool.Abort();
    });
  }

  // The check's verdict to the writer (null: roll back), once it has ended;
  // answers how the write went.
  Status EndWriter(Spool& spool, const Checked* verdict) {
    if (!writer_.joinable()) return Status(Code::kFailedPrecondition, "导入已停止");
    if (verdict == nullptr) spool.Abort();
    {
      std::lock_guard lock(verdict_mu_);
      verdict_ = verdict;
      verdict_given_ = true;
    }
    verdict_cv_.notify_all();
    writer_.join();
    return write_status_;
  }

  // queued → checking, once the request that made the job has committed.
  bool Claim() {
    const auto deadline = std::chrono::steady_clock::now() + kClaimPatience;
    for (;;) {
      int64_t claimed = 0;
      std::string state;
      Status s = app_.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
        claimed = tx.Exec(
            "UPDATE import_job SET state = 'checking', started_at = ?, heartbeat_at = ? WHERE id "
            "= ? AND state = 'queued'",
            {app_.clock.Now(), app_.clock.Now(), job_.id});
        if (claimed == 0) {
          std::optional<db::Row> row =
              tx.QueryOne("SELECT state FROM import_job WHERE id = ?", {job_.id});
          if (row) state = row->Str(0);
        }
        return Status::Ok();
      });
      if (s.ok() && claimed == 1) {
        job_.phase = Job::kChecking;
        return true;
      }
      // Cancelled before it started, or the request that made it failed.
      if (!state.empty() || std::chrono::steady_clock::now() > deadline || job_.stop) {
        job_.phase = Job::kDone;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  void SaveProgress(const Checked& checked) {
    (void)app_.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
      tx.Exec(
          "UPDATE import_job SET rows_read = ?, rows_checked = ?, rows_bad = ?, rows_skipped = ? "
          "WHERE id = ? AND state = 'checking'",
          {job_.read.load(), job_.checked.load(), checked.bad, checked.skipped, job_.id});
      return Status::Ok();
    });
  }

  void Reject(Checked& checked, const Status& s, int64_t line) {
    checked.state = "rejected";
    checked.message = line > 0 ? "第 " + std::to_string(line) + " 行：" + s.message() : s.message();
  }

  Checked Check(JobContext& context, std::unique_ptr<Checker>& checker, Spool& spool) {
    Checked checked;
    Result<std::unique_ptr<Sheet>> opened = Sheet::Open(job_.Path());
    if (!opened.ok()) {
      Reject(checked, opened.status(), 0);
      return checked;
    }
    Sheet& sheet = **opened;
    checked.format = sheet.FileFormat() == Format::kXlsx ? "xlsx" : "csv";
    // The header: the first row that names two columns of the kind.
    std::vector<Column> columns = job_.kind->columns;
    if (job_.mode == "update") {
      for (Column& c : columns) c.required = c.header == job_.kind->update_by;
    }
    std::optional<Cells> header;
    for (int i = 0; i < kHeaderSearchRows; ++i) {
      Result<std::optional<Cells>> row = sheet.Next();
      if (!row.ok()) {
        Reject(checked, row.status(), sheet.Line());
        return checked;
      }
      if (!*row) break;
      if (LooksLikeHeader(**row, columns)) {
        header = std::move(*row);
        break;
      }
    }
    checked.encoding = sheet.Encoding();
    if (!header) {
      checked.state = "rejected";
      checked.message = "文件的前 " + std::to_string(kHeaderSearchRows) + " 行中没有表头（如“" +
                        columns.at(0).header + "”“" + columns.at(1).header + "”），请使用导入模板";
      return checked;
    }
    Result<HeaderMatch> match = MatchHeader(*header, columns);
    if (!match.ok()) {
      Reject(checked, match.status(), sheet.Line());
      return checked;
    }
    context.header = *match;
    nlohmann::json pii = nlohmann::json::array();
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].pii && match->index[i] >= 0) pii.push_back(match->index[i]);
    }
    checked.header = {{"line", sheet.Line()},
                      {"cells", CellTexts(*header)},
                      {"ignored", match->ignored},
                      {"pii", std::move(pii)}};
    checker = job_.kind->checker(context);

    auto last_save = std::chrono::steady_clock::now();
    std::vector<Row> batch;
    bool more = true;
    bool first_batch = true;
    while (more && !job_.cancel) {
      batch.clear();
      while (batch.size() < kBatch) {
        Result<std::optional<Cells>> cells = sheet.Next();
        if (!cells.ok()) {
          Reject(checked, cells.status(), sheet.Line());
          return checked;
        }
        if (!*cells) {
          more = false;
          break;
        }
        ++job_.read;
        if (!(*cells)->empty() && (**cells)[0].text.starts_with(kExampleMark)) {
          ++checked.skipped;
          continue;
        }
        batch.push_back(Row{sheet.Line(), std::move(**cells), {}});
      }
      Status s = app_.db.Run(db::Mode::kRead, [&](db::Tx& tx) {
        checker->Check(tx, batch, spool);
        return Status::Ok();
      });
      if (!s.ok()) {
        checked.state = "failed";
        checked.message = "检查时数据库出错，未导入任何数据：" + s.message();
        return checked;
      }
      for (Row& row : batch) {
        if (row.problems.empty()) continue;
        if (checked.bad++ == 0) spool.Abort();  // nothing of this file is written now
        if (checked.bad_rows.size() < kMaxStoredBadRows) {
          checked.bad_rows.push_back({row.line, CellTexts(row.cells), std::move(row.problems)});
        }
      }
      job_.checked += static_cast<int64_t>(batch.size());
      job_.bad = checked.bad;
      job_.fraction = sheet.Fraction();
      // What the whole file holds of `so_far`, from the share of it read.
      const double fraction = job_.fraction;
      auto whole = [&](int64_t so_far) {
        return more && fraction > 0 ? static_cast<int64_t>(static_cast<double>(so_far) / fraction)
                                    : so_far;
      };
      if (first_batch) {
        checker->Expect(whole(job_.read));
        first_batch = false;
      }
      if (streamed_ && !writer_.joinable() && checked.bad == 0) {
        spool.Expect(whole(spool.size()));
        StartWriter(*checker, spool);
      }
      // The writer of a streamed import holds the write lock: its progress is
      // read live (routes.cc), not saved.
      if (!streamed_ && std::chrono::steady_clock::now() - last_save > kProgressEvery) {
        SaveProgress(checked);
        last_save = std::chrono::steady_clock::now();
      }
    }
    if (job_.cancel) {
      checked.state = "cancelled";
      return checked;
    }
    spool.Close();
    AddLateProblems(checked, checker->Finish());
    if (checked.bad > 0) {
      checked.state = "rejected";
      checked.message = "有 " + std::to_string(checked.bad) + " 行不符合要求，未导入任何数据";
    } else if (spool.size() == 0) {
      checked.state = "rejected";
      checked.message = "文件中没有可导入的数据行" +
                        std::string(checked.skipped > 0 ? "（模板的示例行不会导入）" : "");
    }
    return checked;
  }

  // Problems only the whole file shows (duplicates) fall on rows the check
  // passed: their cells are read again from the file for the report.
  void AddLateProblems(Checked& checked, std::vector<std::pair<int64_t, Problem>> late) {
    if (late.empty()) return;
    std::map<int64_t, std::vector<Problem>> by_line;
    for (auto& [line, problem] : late) by_line[line].push_back(std::move(problem));
    std::map<int64_t, BadRow*> existing;
    for (BadRow& row : checked.bad_rows) existing[row.line] = &row;
    std::map<int64_t, std::vector<std::string>> cells;
    if (Result<std::unique_ptr<Sheet>> again = Sheet::Open(job_.Path()); again.ok()) {
      for (;;) {
        Result<std::optional<Cells>> row = (*again)->Next();
        if (!row.ok() || !*row) break;
        if (by_line.contains((*again)->Line())) cells[(*again)->Line()] = CellTexts(**row);
      }
    }
    for (auto& [line, problems] : by_line) {
      if (auto it = existing.find(line); it != existing.end()) {
        for (Problem& p : problems) it->second->problems.push_back(std::move(p));
        continue;
      }
      ++checked.bad;
      if (checked.bad_rows.size() < kMaxStoredBadRows) {
        checked.bad_rows.push_back({line, std::move(cells[line]), std::move(problems)});
      }
    }
    std::sort(checked.bad_rows.begin(), checked.bad_rows.end(),
              [](const BadRow& a, const BadRow& b) { return a.line < b.line; });
    job_.bad = checked.bad;
  }

  // checking or writing → a final state other than done, with the bad rows.
  void Finish(const Checked& checked) {
    Status s = app_.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
      tx.Exec(
          "UPDATE import_job SET state = ?, message = ?, rows_read = ?, rows_checked = ?, "
          "rows_written = 0, rows_bad = ?, rows_skipped = ?, header = ?, format = ?, encoding = "
          "?, finished_at = ? WHERE id = ?",
          {checked.state, checked.message, job_.read.load(), job_.checked.load(), checked.bad,
           checked.skipped, checked.header.dump(), checked.format, checked.encoding,
           app_.clock.Now(), job_.id});
      db::BulkInsert errors(tx, "import_error", {"job_id", "line", "cells", "problems"});
      for (const BadRow& row : checked.bad_rows) {
        errors.Add({job_.id, row.line, app_.box.Seal(nlohmann::json(row.cells).dump()),
                    ProblemsJson(row.problems).dump()});
      }
      return Status::Ok();
    });
    if (!s.ok()) {
      std::fprintf(stderr, "gonghui: import %lld: the outcome was not saved: %s\n",
                   static_cast<long long>(job_.id), s.message().c_str());
    }
    job_.phase = Job::kDone;
  }

  api::App& app_;
  Job& job_;
  bool streamed_ = false;
  std::thread writer_;
  Status write_status_;
  std::mutex verdict_mu_;
  std::condition_variable verdict_cv_;
  bool verdict_given_ = false;
  const Checked* verdict_ = nullptr;
};

}  // namespace

std::string Job::Path() const { return "/proc/self/fd/" + std::to_string(fileno(file)); }

Job::~Job() {
  if (file != nullptr) std::fclose(file);
}

// --- The runner ---------------------------------------------------------------

struct Runner::State {
  explicit State(api::App& a) : app(a) {}
  api::App& app;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Job>> queue;        // guarded by mu
  std::map<int64_t, std::shared_ptr<Job>> jobs;  // queued or running here, guarded by mu
  bool stop = false;                             // guarded by mu
  std::thread thread;
  std::thread beat;

  // Every kBeat: the jobs here say they are alive, and the unfinished jobs
  // of a server that stopped beating (killed, or stopped mid-import) are
  // marked failed, whichever server runs them.
  void Beat() {
    std::unique_lock lock(mu);
    for (;;) {
      std::vector<db::Value> ours;
      bool writing = false;  // then no other writer can go, not even to mark ours stale
      for (const auto& [id, job] : jobs) {
        ours.emplace_back(id);
        writing = writing || job->writing;
      }
      lock.unlock();
      if (!writing) Mark(ours);
      lock.lock();
      if (cv.wait_for(lock, kBeat, [&] { return stop; })) return;
    }
  }

  // Ours alive, and the jobs of a server that stopped beating failed.
  void Mark(const std::vector<db::Value>& ours) {
    (void)app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
      const int64_t now = app.clock.Now();
      std::string in;
      for (size_t i = 0; i < ours.size(); ++i) in += i ? ", ?" : "?";
      if (!ours.empty()) {
        std::vector<db::Value> params = {now};
        params.insert(params.end(), ours.begin(), ours.end());
        tx.Exec("UPDATE import_job SET heartbeat_at = ? WHERE id IN (" + in + ")", params);
      }
      std::vector<db::Value> params = {now, now - kStaleSeconds};
      params.insert(params.end(), ours.begin(), ours.end());
      tx.Exec("UPDATE import_job SET state = 'failed', rows_written = 0, message = '" +
                  std::string(kStoppedMessage) +
                  "', finished_at = ? WHERE state IN ('queued', 'checking', 'writing') AND "
                  "COALESCE(heartbeat_at, created_at) < ?" +
                  (ours.empty() ? "" : " AND id NOT IN (" + in + ")"),
              params);
      return Status::Ok();
    });
  }

  void Loop() {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || !queue.empty(); });
        if (stop) return;
        job = queue.front();
        queue.pop_front();
      }
      JobRun(app, *job).Run();
      std::lock_guard lock(mu);
      jobs.erase(job->id);
    }
  }
};

namespace {
std::atomic<Runner::State*> g_runner{nullptr};
}  // namespace

Runner::Runner(api::App& app) : state_(std::make_unique<State>(app)) {
  state_->thread = std::thread([st = state_.get()] { st->Loop(); });
  state_->beat = std::thread([st = state_.get()] { st->Beat(); });
  g_runner = state_.get();
}

Runner::~Runner() {
  g_runner = nullptr;
  {
    std::lock_guard lock(state_->mu);
    state_->stop = true;
    for (auto& [id, job] : state_->jobs) {
      job->cancel = true;
      job->stop = true;
    }
  }
  state_->cv.notify_all();
  state_->thread.join();
  state_->beat.join();
}

bool Enqueue(std::shared_ptr<Job> job) {
  Runner::State* st = g_runner.load();
  if (st == nullptr) return false;
  std::lock_guard lock(st->mu);
  st->jobs[job->id] = job;
  st->queue.push_back(std::move(job));
  st->cv.notify_all();  // the beat waits on it too
  return true;
}

std::shared_ptr<Job> Running(int64_t id) {
  Runner::State* st = g_runner.load();
  if (st == nullptr) return nullptr;
  std::lock_guard lock(st->mu);
  auto it = st->jobs.find(id);
  return it == st->jobs.end() ? nullptr : it->second;
}

}  // namespace gonghui::import
