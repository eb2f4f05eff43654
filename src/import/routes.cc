// The HTTP side of the imports (import.h): upload, jobs, bad rows, report,
// template, cancel.
#include <algorithm>
#include <chrono>
#include <climits>
#include <thread>

#include "api/body.h"
#include "auth/auth.h"
#include "core/crypto.h"
#include "core/time.h"
#include "import/import.h"
#include "import/job.h"

namespace gonghui::import {
namespace {

constexpr const char* kKindChoices =
    "应为 member（会员）、enterprise（用人单位）或 union（基层工会）";

constexpr size_t kMaxUploadBytes = 100 * 1024 * 1024;
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kWhat = "导入任务";

constexpr const char* kJobColumns =
    "j.id, j.kind, j.mode, j.dry_run, j.state, j.org_id, j.default_org_id, j.user_id, "
    "j.file_name, j.file_bytes, j.format, j.encoding, j.header, j.rows_read, j.rows_checked, "
    "j.rows_written, j.rows_bad, j.rows_skipped, j.message, j.created_at, j.started_at, "
    "j.finished_at, u.display_name, o.name, j.heartbeat_at";
constexpr const char* kJobFrom =
    " FROM import_job j JOIN org o ON o.id = j.org_id LEFT JOIN app_user u ON u.id = j.user_id";

std::optional<std::string> Timestamp(const db::Row& r, size_t i) {
  std::optional<int64_t> t = r.OptInt(i);
  if (!t) return std::nullopt;
  return FormatTimestamp(*t);
}

nlohmann::json OrNull(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

// A personal datum as others see it: its last four characters.
std::string MaskTail(const std::string& text) {
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
  if (!ascii || text.size() <= 4) return std::string(ascii ? text.size() : 4, '*');
  return std::string(text.size() - 4, '*') + text.substr(text.size() - 4);
}

// The job as stored, with the live progress when it runs in this process.
nlohmann::json JobJson(const db::Row& r, int64_t now) {
  std::string state = r.Str(4);
  std::string message = r.Str(18);
  int64_t read = r.Int(13);
  int64_t checked = r.Int(14);
  int64_t written = r.Int(15);
  int64_t bad = r.Int(16);
  double fraction = IsFinal(state) ? 1.0 : 0.0;
  bool cancelling = false;
  if (std::shared_ptr<Job> live = Running(r.Int(0))) {
    const int phase = live->phase.load();
    if (phase == Job::kChecking) state = "checking";
    if (phase == Job::kWriting) state = "writing";
    read = live->read;
    checked = live->checked;
    bad = live->bad;
    written = live->written;
    fraction = live->fraction;
    cancelling = live->cancel;
  } else if (!IsFinal(state) && now - r.OptInt(24).value_or(r.Int(19)) > kStaleSeconds) {
    // Left by a server that stopped; the next beat of any server records it.
    state = "failed";
    message = kStoppedMessage;
    written = 0;
  }
  // The bar: checking is the first 70 %, writing the rest.
  double progress = 0;
  if (IsFinal(state)) {
    progress = 1;
  } else if (state == "checking") {
    progress = 0.7 * fraction;
  } else if (state == "writing") {
    progress = checked > 0 ? 0.7 + 0.3 * std::min(1.0, static_cast<double>(written) /
                                                           static_cast<double>(checked - bad))
                           : 0.7;
  }
  nlohmann::json header = nlohmann::json::parse(r.Str(12), nullptr, false);
  std::optional<int64_t> default_org = r.OptInt(6);
  return {{"id", r.Int(0)},
          {"kind", r.Str(1)},
          {"mode", r.Str(2)},
          {"dry_run", r.Int(3) != 0},
          {"state", state},
          {"state_label", StateLabel(state)},
          {"final", IsFinal(state)},
          {"cancelling", cancelling},
          {"progress", progress},
          {"org_id", r.Int(5)},
          {"org_name", r.Str(23)},
          {"default_org_id", default_org ? nlohmann::json(*default_org) : nullptr},
          {"user_id", r.Int(7)},
          {"user_name", r.Str(22)},
          {"file_name", r.Str(8)},
          {"file_bytes", r.Int(9)},
          {"format", r.Str(10)},
          {"encoding", r.Str(11)},
          {"ignored_columns", header.is_object() && header.contains("ignored")
                                  ? header["ignored"]
                                  : nlohmann::json::array()},
          {"rows_read", read},
          {"rows_checked", checked},
          {"rows_written", written},
          {"rows_bad", bad},
          {"rows_skipped", r.Int(17)},
          {"message", message},
          {"created_at", FormatTimestamp(r.Int(19))},
          {"started_at", OrNull(Timestamp(r, 20))},
          {"finished_at", OrNull(Timestamp(r, 21))}};
}

// The job, when it is in the caller's scope and of a kind the caller may import.
Result<db::Row> JobInScope(api::Call& call, int64_t id) {
  std::optional<db::Row> row =
      call.tx.QueryOne(std::string("SELECT ") + kJobColumns + kJobFrom + " WHERE j.id = ?", {id});
  if (!row) return NotFound(std::string(kWhat) + "不存在或不在您的管辖范围内");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(5), kWhat));
  const Kind* kind = FindKind(row->Str(1));
  if (kind == nullptr || !call.who.Has(kind->permission)) {
    return PermissionDenied("您的角色没有查看该导入任务的权限");
  }
  return std::move(*row);
}

// The original cells of a bad row, stored sealed: in clear for the one who
// uploaded the file and for holders of member:pii:read, else with the ID
// number and phone columns (header "pii") masked.
Result<nlohmann::json> BadCells(const api::Call& call, const db::Row& job,
                                const std::string& sealed, const nlohmann::json& header) {
  Result<std::string> plain = call.app.box.Open(sealed);
  if (!plain.ok()) return Internal("导入错误行无法解密，请联系系统管理员");
  nlohmann::json cells = nlohmann::json::parse(*plain);
  if (job.Int(7) == call.who.user_id || call.who.Has("member:pii:read")) return cells;
  if (header.is_object() && header.contains("pii")) {
    for (const nlohmann::json& i : header["pii"]) {
      const auto at = i.get<size_t>();
      if (at < cells.size()) cells[at] = MaskTail(cells[at].get<std::string>());
    }
  }
  return cells;
}

Result<const Kind*> KindParam(const api::Call& call) {
  const std::string key = call.req.Query("kind").value_or("");
  const Kind* kind = FindKind(key);
  if (kind == nullptr)
    return InvalidArgument("kind", std::string("查询参数 kind（导入类型）") + kKindChoices);
  if (!call.who.Has(kind->permission)) {
    return PermissionDenied("您的角色没有导入" + kind->label + "的权限（" + kind->permission +
                            "）");
  }
  return kind;
}

Result<bool> BoolParam(const api::Call& call, const char* name, const char* label) {
  const std::string v = call.req.Query(name).value_or("");
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return InvalidArgument(name,
                         std::string("查询参数 ") + name + "（" + label + "）应为 true 或 false");
}

Result<api::Reply> Template(api::Call& call) {
  GH_ASSIGN_OR_RETURN(const Kind* kind, KindParam(call));
  GH_ASSIGN_OR_RETURN(std::string bytes, WriteXlsx({kind->template_sheet()}));
  return api::Download(std::move(bytes), kXlsxType, kind->label + "导入模板.xlsx",
                       kind->key + "-import-template.xlsx");
}

// The upload's options, checked: kind (and the caller's right to import it),
// mode, the default union.
struct Options {
  const Kind* kind = nullptr;
  std::string mode;
  bool dry_run = false;
  bool again = false;
  std::optional<int64_t> default_org;
};

Result<Options> CheckOptions(db::Tx& tx, const auth::Principal& who, const std::string& kind_key,
                             const std::string& mode, bool dry_run, bool again,
                             std::optional<int64_t> default_org) {
  Options o;
  o.kind = FindKind(kind_key);
  if (o.kind == nullptr)
    return InvalidArgument("kind", std::string("导入类型（kind）") + kKindChoices);
  if (!who.Has(o.kind->permission)) {
    return PermissionDenied("您的角色没有导入" + o.kind->label + "的权限（" + o.kind->permission +
                            "）");
  }
  o.mode = mode.empty() ? "create" : mode;
  if (o.mode != "create" && o.mode != "update") {
    return InvalidArgument(
        "mode", "导入方式（mode）应为 create（新增）或 update（按" +
                    (o.kind->update_by.empty() ? std::string("编号") : o.kind->update_by) +
                    "更新）");
  }
  if (o.mode == "update" && o.kind->update_by.empty()) {
    return InvalidArgument("mode", o.kind->label + "导入只能新增（mode=create）");
  }
  o.dry_run = dry_run;
  o.again = again;
  if (default_org) {
    UnionResolver unions(who);
    Result<int64_t> checked = unions.Check(tx, *default_org);
    if (!checked.ok()) {
      return Status(checked.status().code(), "默认所属工会" + checked.status().message(), "org_id");
    }
    o.default_org = default_org;
  }
  return o;
}

// The job of a file (held open in `file`), queued; 409 for a file the
// caller's union already imported, unless asked again.
Result<std::shared_ptr<Job>> NewJob(db::Tx& tx, const auth::Principal& who, const Options& o,
                                    std::string file_name, std::string hash, int64_t bytes,
                                    std::FILE* file, int64_t now) {
  auto job = std::make_shared<Job>();
  job->file = file;  // closed with the job, whatever happens next
  if (!o.again && !o.dry_run) {
    std::optional<db::Row> done = tx.QueryOne(
        "SELECT id, created_at FROM import_job WHERE kind = ? AND file_hash = ? AND org_id = ? "
        "AND state = 'done' AND dry_run = 0 ORDER BY id DESC LIMIT 1",
        {o.kind->key, hash, who.org_id});
    if (done) {
      return AlreadyExists("file", "该文件已于 " + FormatTimestamp(done->Int(1)) +
                                       " 导入（导入任务 " + std::to_string(done->Int(0)) +
                                       "），如确需再次导入请选择“再次导入”");
    }
  }
  job->kind = o.kind;
  job->who = who;
  job->mode = o.mode;
  job->dry_run = o.dry_run;
  job->default_org = o.default_org;
  job->file_name = std::move(file_name);
  job->file_hash = std::move(hash);
  job->id = tx.Insert(
      "INSERT INTO import_job (kind, mode, dry_run, state, org_id, default_org_id, user_id, "
      "file_name, file_hash, file_bytes, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, "
      "?) RETURNING id",
      {o.kind->key, o.mode, int64_t{o.dry_run ? 1 : 0}, who.org_id, db::OrNull(o.default_org),
       who.user_id, job->file_name, job->file_hash, bytes, now});
  return job;
}

Result<api::Reply> Upload(api::Call& call) {
  GH_ASSIGN_OR_RETURN(bool dry_run, BoolParam(call, "dry_run", "试导入"));
  GH_ASSIGN_OR_RETURN(bool again, BoolParam(call, "again", "再次导入"));
  std::optional<int64_t> default_org;
  if (auto v = call.req.Query("org_id"); v && !v->empty()) {
    default_org = api::ParseId(*v);
    if (!default_org) return InvalidArgument("org_id", "查询参数 org_id（默认所属工会）应为正整数");
  }
  GH_ASSIGN_OR_RETURN(
      Options options,
      CheckOptions(call.tx, call.who, call.req.Query("kind").value_or(""),
                   call.req.Query("mode").value_or(""), dry_run, again, default_org));
  std::string file_name = api::Trim(call.req.Query("file_name").value_or(""));
  if (file_name.empty()) file_name = "导入文件";
  if (api::Utf8Length(file_name) > 200) {
    return InvalidArgument("file_name", "文件名（file_name）不能超过 200 个字");
  }
  const std::string& body = call.req.body;
  if (body.empty()) return InvalidArgument("file", "请选择要导入的文件（请求内容为空）");
  std::FILE* file = std::tmpfile();
  if (file == nullptr) return Internal("无法保存上传的文件，请稍后重试");
  const bool saved =
      std::fwrite(body.data(), 1, body.size(), file) == body.size() && std::fflush(file) == 0;
  GH_ASSIGN_OR_RETURN(std::shared_ptr<Job> job,
                      NewJob(call.tx, call.who, options, file_name, Sha256Hex(body),
                             static_cast<int64_t>(body.size()), file, call.now));
  if (!saved) return Internal("无法保存上传的文件，请稍后重试");
  const int64_t id = job->id;
  if (!Enqueue(std::move(job))) return Status(Code::kUnavailable, "导入服务未启动，请稍后重试");
  GH_ASSIGN_OR_RETURN(db::Row row, JobInScope(call, id));
  return api::Reply{202, JobJson(row, call.now), {}, {}, {}, {}};
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("j.org_id", sub, params);
  if (auto kind = call.req.Query("kind"); kind && !kind->empty()) {
    if (FindKind(*kind) == nullptr) {
      return InvalidArgument("kind", std::string("查询参数 kind（导入类型）") + kKindChoices);
    }
    where += " AND j.kind = ?";
    params.emplace_back(*kind);
  }
  api::PageRows page =
      api::QueryPage(call.tx, kJobColumns, kJobFrom + where, std::move(params), "j.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(JobJson(r, call.now));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, JobInScope(call, id));
  return api::Reply::Ok(JobJson(row, call.now));
}

// "第 12 行「身份证号码」：身份证号码校验位错误"
std::string Sentence(int64_t line, const nlohmann::json& problem) {
  const std::string column = problem.value("column", "");
  return "第 " + std::to_string(line) + " 行" + (column.empty() ? "" : "「" + column + "」") +
         "：" + problem.value("message", "");
}

Result<api::Reply> Errors(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row job, JobInScope(call, id));
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  api::PageRows page = api::QueryPage(call.tx, "line, cells, problems",
                                      " FROM import_error WHERE job_id = ?", {id}, "line", p);
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json header = nlohmann::json::parse(job.Str(12), nullptr, false);
  for (const db::Row& r : page.rows) {
    GH_ASSIGN_OR_RETURN(nlohmann::json cells, BadCells(call, job, r.Str(1), header));
    nlohmann::json problems = nlohmann::json::parse(r.Str(2));
    nlohmann::json sentences = nlohmann::json::array();
    for (const nlohmann::json& problem : problems) sentences.push_back(Sentence(r.Int(0), problem));
    items.push_back({{"line", r.Int(0)},
                     {"cells", std::move(cells)},
                     {"problems", std::move(problems)},
                     {"messages", std::move(sentences)}});
  }
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> Report(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row job, JobInScope(call, id));
  nlohmann::json header = nlohmann::json::parse(job.Str(12), nullptr, false);
  XlsxSheet sheet;
  sheet.name = "错误报告";
  sheet.title = job.Str(8) + " 导入错误报告（" + std::to_string(job.Int(16)) + " 行有错误）";
  sheet.header.emplace_back("行号");
  size_t width = 0;
  if (header.is_object() && header.contains("cells")) {
    for (const nlohmann::json& cell : header["cells"]) {
      sheet.header.push_back(cell.get<std::string>());
      ++width;
    }
  }
  sheet.header.emplace_back("错误说明");
  if (!job.Str(18).empty() && job.Int(16) == 0) {
    sheet.rows.push_back({int64_t{0}});
    sheet.rows.back().resize(width + 1, std::string());
    sheet.rows.back().emplace_back(job.Str(18));
  }
  for (const db::Row& r : call.tx.Query(
           "SELECT line, cells, problems FROM import_error WHERE job_id = ? ORDER BY line", {id})) {
    std::vector<XlsxCell> cells = {r.Int(0)};
    GH_ASSIGN_OR_RETURN(nlohmann::json original, BadCells(call, job, r.Str(1), header));
    for (size_t i = 0; i < width; ++i) {
      cells.emplace_back(i < original.size() ? original[i].get<std::string>() : std::string());
    }
    std::string messages;
    for (const nlohmann::json& problem : nlohmann::json::parse(r.Str(2))) {
      if (!messages.empty()) messages += "；";
      const std::string column = problem.value("column", "");
      messages += (column.empty() ? "" : column + "：") + problem.value("message", "");
    }
    cells.emplace_back(messages);
    sheet.rows.push_back(std::move(cells));
  }
  sheet.text_columns.reserve(width);
  for (size_t i = 1; i <= width; ++i) sheet.text_columns.push_back(i);
  GH_ASSIGN_OR_RETURN(std::string bytes, WriteXlsx({sheet}));
  return api::Download(std::move(bytes), kXlsxType, "导入错误报告-" + std::to_string(id) + ".xlsx",
                       "import-errors-" + std::to_string(id) + ".xlsx");
}

Result<api::Reply> Cancel(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, JobInScope(call, id));
  if (IsFinal(row.Str(4))) {
    return FailedPrecondition(
        "该导入任务已结束（" + std::string(StateLabel(row.Str(4))) + "），不能取消", "state");
  }
  std::shared_ptr<Job> live = Running(id);
  if (!live) {
    return FailedPrecondition("该导入任务不在本服务进程中运行，无法取消", "state");
  }
  live->cancel = true;
  return api::Reply::Ok(JobJson(row, call.now));
}

}  // namespace

Result<nlohmann::json> ImportFile(api::App& app, const auth::Principal& who, const FileImport& f,
                                  const std::function<void(const nlohmann::json&)>& progress) {
  GH_ASSIGN_OR_RETURN(std::string hash, Sha256FileHex(f.path));
  std::FILE* file = std::fopen(f.path.c_str(), "rb");
  if (file == nullptr) return Status(Code::kNotFound, "无法读取文件 " + f.path, "file");
  const size_t slash = f.path.rfind('/');
  const std::string name = slash == std::string::npos ? f.path : f.path.substr(slash + 1);
  std::fseek(file, 0, SEEK_END);
  const int64_t bytes = std::ftell(file);
  std::rewind(file);
  GH_ASSIGN_OR_RETURN(std::shared_ptr<Job> job,
                      app.db.Run<std::shared_ptr<Job>>(
                          db::Mode::kWrite, [&](db::Tx& tx) -> Result<std::shared_ptr<Job>> {
                            GH_ASSIGN_OR_RETURN(
                                Options o, CheckOptions(tx, who, f.kind, f.mode, f.dry_run, f.again,
                                                        f.default_org));
                            return NewJob(tx, who, o, name, hash, bytes, file, app.clock.Now());
                          }));
  const int64_t id = job->id;
  if (!Enqueue(job)) return Status(Code::kUnavailable, "导入服务未启动");
  auto read = [&]() -> Result<nlohmann::json> {
    return app.db.Run<nlohmann::json>(db::Mode::kRead, [&](db::Tx& tx) -> Result<nlohmann::json> {
      std::optional<db::Row> row =
          tx.QueryOne(std::string("SELECT ") + kJobColumns + kJobFrom + " WHERE j.id = ?", {id});
      if (!row) return Internal("导入任务丢失");
      return JobJson(*row, app.clock.Now());
    });
  };
  while (job->phase.load() != Job::kDone) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    if (job->phase.load() == Job::kDone) break;
    GH_ASSIGN_OR_RETURN(nlohmann::json now, read());
    progress(now);
  }
  // The runner lets go of the job after recording its outcome.
  while (Running(id)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return read();
}

void RegisterRoutes(api::Api& api) {
  api.Add({"GET", "/imports/template", "", "imports", "导入模板（xlsx）", Template, {"kind"}});
  api::Endpoint upload{"POST",
                       "/imports",
                       "",
                       "imports",
                       "上传文件导入（后台任务）",
                       Upload,
                       {"kind", "mode", "dry_run", "org_id", "again", "file_name"}};
  upload.raw_body = true;
  upload.max_body = kMaxUploadBytes;
  upload.raw_types = {kXlsxType, "text/csv"};
  api.Add(std::move(upload));
  api.Add({"GET",
           "/imports",
           "",
           "imports",
           "导入任务列表",
           List,
           {"kind", "org_id", "axis", "page", "page_size"}});
  api.Add({"GET", "/imports/{id}", "", "imports", "导入任务（含进度）", Get});
  api.Add({"GET",
           "/imports/{id}/errors",
           "",
           "imports",
           "导入的错误行",
           Errors,
           {"page", "page_size"}});
  api.Add({"GET", "/imports/{id}/report", "", "imports", "导入错误报告（xlsx）", Report});
  api::Endpoint cancel{"POST", "/imports/{id}/cancel", "", "imports", "取消导入", Cancel};
  cancel.read_only = true;
  api.Add(std::move(cancel));
}

}  // namespace gonghui::import
