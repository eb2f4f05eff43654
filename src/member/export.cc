// GET /members/export (member.h): the list's members as CSV or xlsx, streamed
// union by union, logged before the first row (audit/export.h).
#include <climits>

#include "api/body.h"
#include "audit/export.h"
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

// What the rows need once the request's transaction has ended.
struct Job {
  api::App& app;
  api::Subtree sub;
  std::string where;  // the filters without the subtree
  std::vector<db::Value> params;
  bool masked = true;
};

Result<std::string> Open(const Job& job, const std::string& sealed) {
  if (sealed.empty()) return std::string();
  Result<std::string> plain = job.app.box.Open(sealed);
  if (!plain.ok()) return Internal("会员个人信息无法解密，请联系系统管理员");
  return plain;
}

// Union by union through member_org (org_id, id): one index range each, a
// batch at a time, whatever the subtree's size.
Status Rows(const Job& job, db::Tx& tx, audit::ExportSink& sink) {
  const std::vector<db::Row> orgs = tx.Query(
      "SELECT c.descendant_id, o.name FROM org_closure c JOIN org o ON o.id = c.descendant_id "
      "WHERE c.ancestor_id = ? AND c.axis = ? ORDER BY c.depth, c.descendant_id",
      {job.sub.root, job.sub.axis});
  for (const db::Row& org : orgs) {
    for (int64_t before = INT64_MAX;;) {
      std::vector<db::Value> params = job.params;
      params.emplace_back(org.Int(0));
      params.emplace_back(before);
      const std::vector<db::Row> batch = tx.Query(
          "SELECT m.id, m.name, m.id_number_cipher, m.id_number_masked, m.gender, m.birth_date, "
          "m.phone_cipher, m.phone_masked, m.employer, m.join_date, m.status, m.tags FROM member "
          "m" +
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
            bool sent,
            sink.Row({OutCell::Int(r.Int(0)), OutCell::Text(r.Str(1)),
                      OutCell::Text(id_number, !job.masked),
                      OutCell::Text(r.Str(4) == "male" ? "男" : "女"), OutCell::Text(r.Str(5)),
                      OutCell::Text(phone, !job.masked), OutCell::Text(r.Str(8)),
                      OutCell::Text(org.Str(1)), OutCell::Text(r.Str(9)),
                      OutCell::Text(StatusWord(r.Str(10))), OutCell::Text(TagWords(r.Str(11)))}));
        if (!sent) return Status::Ok();
      }
      if (static_cast<int64_t>(batch.size()) < kBatch) break;
      before = batch.back().Int(0);
    }
  }
  return Status::Ok();
}

Result<api::Reply> Export(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  GH_ASSIGN_OR_RETURN(std::string format, audit::ExportFormat(call));
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
  auto job = std::make_shared<Job>(Job{call.app, sub, "", {}, unmasked != "true"});
  GH_ASSIGN_OR_RETURN(job->where, ListWhere(call, p, nullptr, job->params));
  nlohmann::json filter = {{"org_id", sub.root}, {"axis", sub.axis}};
  for (const char* key : {"q", "status", "tag"}) {
    if (auto v = call.req.Query(key); v && !v->empty()) filter[key] = *v;
  }
  const std::string org = call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {sub.root})
                              .value_or(db::Row({std::string()}))
                              .Str(0);
  audit::ExportFile file = audit::ExportBy(call, "member", format, filter);
  file.log.masked = job->masked;
  file.log.purpose = purpose;
  file.sheet = "会员";
  file.header = kHeader;
  file.file_name = org + "会员名单." + format;
  file.ascii_name = "members." + format;
  file.rows = [job](db::Tx& tx, audit::ExportSink& sink) { return Rows(*job, tx, sink); };
  return audit::StreamExport(call.app, std::move(file));
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
