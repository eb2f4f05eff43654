// Bulk imports (SPEC §3.7, docs/api.md "Imports"): members — and, through the
// same machinery, any kind of record that registers a Kind — from an .xlsx or
// .csv file a district sends, checked row by row with the rules of the API and
// written all or nothing, as a background job with progress.
//
// The import job (import_job.state), enforced by job.cc and nowhere else:
//
//   queued ──start──▶ checking ──every row good, dry run──▶ checked
//     │                  │ ──every row good──▶ writing ──commit──▶ done
//     │                  │ ──any bad row──▶ rejected   (the report lists every bad row)
//     │                  │ ──file unreadable──▶ failed
//     │                  ▼                        │
//     └──cancel──▶ cancelled ◀──cancel──  checking, writing
//                                  writing ──a record taken since the check──▶ failed
//   queued, checking, writing ──server stopped or killed──▶ failed (at the next start)
//
// checked, done, rejected, failed and cancelled are final. Checking reads the
// file and the database and writes nothing but the job's progress: the good
// rows go, encrypted, to an unlinked temporary file. Writing is ONE
// transaction that inserts them and moves the job to done, so a crash or kill
// -9 at any point leaves the database as it was, and the file can be imported
// again. A dry run is the same path stopped before writing.
//
// Members in create mode stream: that one transaction opens on a second
// thread after the first batch and inserts the good rows while the check goes
// on (two cores, one checking and one writing), and nothing else writes
// meanwhile. A bad row, cancel or a stop rolls it back at once, the check
// still reporting every bad row; when the check has passed the job moves to
// writing, which makes the indexes, counts, and commits with the job done.
//
// Re-imports: a file (SHA-256) already imported by the caller's union is
// refused (409) unless `again=true`. The upload is held in an unlinked
// temporary file: no copy of it outlives the job or the process.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/api.h"

namespace gonghui::import {

// Routes (docs/api.md "Imports"), each one transaction:
//   GET  /imports/template?kind=member         the kind's xlsx template
//   POST /imports?kind&mode&dry_run&org_id&again&file_name   body: the file (≤ 100 MiB);
//                                              202 the job (queued)
//   GET  /imports?kind&page&page_size          the jobs of the caller's union, newest first
//   GET  /imports/{id}                         the job with its progress
//   GET  /imports/{id}/errors?page&page_size   the bad rows: line, cells, problems
//   GET  /imports/{id}/report                  the bad rows as xlsx, 错误说明 beside the cells
//   POST /imports/{id}/cancel                  a job not yet final → cancelled
void RegisterRoutes(api::Api& api);

// A file on disk imported as `who` by the runner of this process (the command
// line: `gonghui import`), with the checks of POST /imports; `progress` gets
// the job about once a second. Answers the job at its end, as GET
// /imports/{id} shows it.
struct FileImport {
  std::string kind = "member";
  std::string path;
  std::string mode = "create";
  bool dry_run = false;
  bool again = false;
  std::optional<int64_t> default_org;
};
Result<nlohmann::json> ImportFile(api::App& app, const auth::Principal& who, const FileImport& f,
                                  const std::function<void(const nlohmann::json&)>& progress);

// The background worker that runs the jobs, one at a time, for the lifetime
// of `serve`. Constructing it marks the jobs a stopped server left unfinished
// as failed; destroying it cancels the running job (its transaction rolls
// back) and waits for the thread.
class Runner {
 public:
  explicit Runner(api::App& app);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace gonghui::import
