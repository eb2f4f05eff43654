// A job queued or running in this process, shared by the routes (which make
// and read it) and the runner (which runs it); its row in import_job is the
// record, this the live progress.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/auth.h"
#include "import/internal.h"

namespace gonghui::import {

struct Job {
  int64_t id = 0;
  const Kind* kind = nullptr;
  auth::Principal who;
  std::string mode;  // "create" or "update"
  bool dry_run = false;
  std::optional<int64_t> default_org;
  std::string file_name, file_hash;
  std::FILE* file = nullptr;  // the upload, unlinked; closed with the job

  enum Phase : int { kQueued, kChecking, kWriting, kDone };
  std::atomic<int> phase{kQueued};
  std::atomic<int64_t> read{0}, checked{0}, bad{0}, written{0};
  std::atomic<double> fraction{0};  // of the file checked
  std::atomic<bool> cancel{false};
  std::atomic<bool> stop{false};  // the server is stopping
  // Its write transaction is open: nothing else in this process can write
  // (SQLite's one writer; PostgreSQL's writers take turns, db.h).
  std::atomic<bool> writing{false};

  Job() = default;
  ~Job();
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;
  // The upload as a path the readers can open.
  std::string Path() const;
};

// A job not final whose server has not said it is alive for this long
// (job.cc beats every few seconds) was left by a server that stopped.
inline constexpr int64_t kStaleSeconds = 15;
inline constexpr const char* kStoppedMessage = "服务在导入过程中停止，未导入任何数据，请重新导入";

// Hands a job to this process's runner; false when there is none.
bool Enqueue(std::shared_ptr<Job> job);
// The job with this id when it is queued or running here, else nullptr.
std::shared_ptr<Job> Running(int64_t id);

// "检查中" … for a state of import.h.
std::string_view StateLabel(std::string_view state);
bool IsFinal(std::string_view state);

}  // namespace gonghui::import
