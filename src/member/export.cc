// GET /members/export (member.h): the list's members as CSV or xlsx, streamed
// union by union, logged before the first row (audit.h).
#include <climits>

#include "api/body.h"
#include "audit/audit.h"
#include "core/table_out.h"
#include "member/member.h"

namespace gonghui::member {
namespace {

constexpr const char* kPiiPermission = "member:pii:read";
constexpr int64_t kBatch = 2000;

const std::vector<std::string> kHeader = {"会员编号", "姓名",     "身份证号码", "性别",
                                          "出生日期", "手机号码", "工作单位",   "所属工会",
                                          "入会日期", "会员状态", "会员标签"};

std::string StatusWord(const std::string& status) {
  if (status == "active") return "正常";
  if (status == "suspended") return "暂停";
  if (status == "left") return "已离会";
  return status;
}

std::string TagWords(const std::string& stored) {
  static const std::map<std::string, std::string> kWords = {{"new_employment", "新就业形态劳动者"},
                                                            {"migrant_worker", "农民工"},
                                                            {"model_worker", "劳模"},
                                                            {"in_hardship", "困难职工"}};
  std::string out;
  for (const std::string& tag : SplitTags(stored)) {
    auto it = kWords.find(tag);
    out += (out.empty() ? "" : "、") + (it == kWords.end() ? tag : it->second);
  }
  return out;
}

// What the producer needs once the request's transaction has ended.
struct Job {
  api::App& app;
  auth::Principal who;
  api::Subtree sub;
  std::string where;  // the filters without the subtree
  std::vector<db::Value> params;
  bool masked = true;
  TableOut::Format format = TableOut::Format::kCsv;
  audit::Export log;
};

Result<std::string> Open(const Job& job, const std::string& sealed) {
  if (sealed.empty()) return std::string();
  Result<std::string> plain = job.app.box.Open(sealed);
  if (!plain.ok()) return Internal("会员个人信息无法解密，请联系系统管理员");
  return plain;
}

Status Produce(const Job& job, const http::StreamWrite& write) {
  int64_t log_id = 0;
  GH_RETURN_IF_ERROR(job.app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    log_id = audit::BeginExport(tx, job.log);
    return Status::Ok();
  }));
  GH_ASSIGN_OR_RETURN(std::unique_ptr<TableOut> out, TableOut::Open(job.format, "会员", write));
  int64_t rows = 0;
  bool sent = true;
  Status s = job.app.db.Run(db::Mode::kRead, [&](db::Tx& tx) -> Status {
    GH_ASSIGN_OR_RETURN(sent, out->Header(kHeader));
    // Union by union through member_org (org_id, id): one index range each,
    // a batch at a time, whatever the subtree's size.
    const std::vector<db::Row> orgs = tx.Query(
        "SELECT c.descendant_id, o.name FROM org_closure c JOIN org o ON o.id = c.descendant_id "
        "WHERE c.ancestor_id = ? AND c.axis = ? ORDER BY c.depth, c.descendant_id",
        {job.sub.root, job.sub.axis});
    for (const db::Row& org : orgs) {
      for (int64_t before = INT64_MAX; sent;) {
        std::vector<db::Value> params = job.params;
        params.emplace_back(org.Int(0));
        params.emplace_back(before);
        const std::vector<db::Row> batch = tx.Query(
            "SELECT m.id, m.name, m.id_number_cipher, m.id_number_masked, m.gender, "
            "m.birth_date, m.phone_cipher, m.phone_masked, m.employer, m.join_date, m.status, "
            "m.tags FROM member m" +
                job.where + " AND m.org_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT " +
                std::to_string(kBatch),
            params);
        for (const db::Row& r : batch) {
          std::string id_number = r.Str(3);
          std::string phone = r.Str(7);
          if (!job.masked) {
            GH_ASSIGN_OR_RETURN(id_number, Open(job, r.Str(2)));
            GH_ASSIGN_OR_RETURN(phone, Open(job, r.Str(6)));
          }
          GH_ASSIGN_OR_RETURN(
              sent,
              out->Row({OutCell::Int(r.Int(0)), OutCell::Text(r.Str(1)),
                        OutCell::Text(id_number, !job.masked),
                        OutCell::Text(r.Str(4) == "male" ? "男" : "女"), OutCell::Text(r.Str(5)),
                        OutCell::Text(phone, !job.masked), OutCell::Text(r.Str(8)),
                        OutCell::Text(org.Str(1)), OutCell::Text(r.Str(9)),
                        OutCell::Text(StatusWord(r.Str(10))), OutCell::Text(TagWords(r.Str(11)))}));
          if (!sent) break;
          ++rows;
        }
        if (static_cast<int64_t>(batch.size()) < kBatch) break;
        before = batch.back().Int(0);
      }
      if (!sent) break;
    }
    return Status::Ok();
  });
  if (s.ok() && sent) {
    Result<bool> finished = out->Finish();
    if (!finished.ok()) s = finished.status();
    sent = finished.ok() && *finished;
  }
  (void)job.app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    audit::EndExport(tx, log_id, rows, s.ok() && sent);
    return Status::Ok();
  });
  return s;
}

Result<api::Reply> Export(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  const std::string format = call.req.Query("format").value_or("");
  if (format != "csv" && format != "xlsx") {
    return InvalidArgument("format", "查询参数 format（导出格式）应为 csv 或 xlsx");
  }
  const std::string unmasked = call.req.Query("unmasked").value_or("false");
  if (unmasked != "true" && unmasked != "false") {
    return InvalidArgument("unmasked", "查询参数 unmasked（导出完整个人信息）应为 true 或 false");
  }
  const std::string purpose = api::Trim(call.req.Query("purpose").value_or(""));
  if (unmasked == "true") {
    if (!call.who.Has(kPiiPermission)) {
      return PermissionDenied(
          "导出完整的身份证号码和手机号码需要查看个人信息的权限（member:pii:read）");
    }
    if (purpose.empty()) {
      return InvalidArgument("purpose", "导出完整个人信息须说明用途（purpose），将记入导出日志");
    }
  }
  if (api::Utf8Length(purpose) > 200) {
    return InvalidArgument("purpose", "导出用途（purpose）不能超过 200 个字");
  }
  auto job =
      std::make_shared<Job>(Job{call.app,
                                call.who,
                                sub,
                                "",
                                {},
                                unmasked != "true",
                                format == "xlsx" ? TableOut::Format::kXlsx : TableOut::Format::kCsv,
                                {}});
  GH_ASSIGN_OR_RETURN(job->where, ListWhere(call, p, nullptr, job->params));
  nlohmann::json filter = {{"org_id", sub.root}, {"axis", sub.axis}};
  for (const char* key : {"q", "status", "tag"}) {
    if (auto v = call.req.Query(key); v && !v->empty()) filter[key] = *v;
  }
  job->log = {"member", format,      call.who.org_id, call.who.user_id,
              filter,   job->masked, purpose,         call.now};
  const std::string org = call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {sub.root})
                              .value_or(db::Row({std::string()}))
                              .Str(0);
  api::Reply reply = api::Download(
      "",
      format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                       : "text/csv; charset=utf-8",
      org + "会员名单." + format, "members." + format);
  reply.stream = [job](const http::StreamWrite& write) { return Produce(*job, write); };
  return reply;
}

}  // namespace

void RegisterExportRoutes(api::Api& api) {
  api.Add({"GET",
           "/members/export",
           "member:member:read",
           "members",
           "导出会员名单（xlsx/CSV，流式）",
           Export,
           {"format", "org_id", "axis", "q", "status", "tag", "unmasked", "purpose"}});
}

}  // namespace gonghui::member
