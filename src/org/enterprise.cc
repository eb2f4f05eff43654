// The employer census (用人单位): units with or without a union, with the
// yearly 厂务公开 and 职代会 flags. An enterprise is owned by the union that
// registered it (org_id) and follows that union's scope.
#include <algorithm>
#include <climits>
#include <memory>

#include "api/body.h"
#include "audit/audit.h"
#include "audit/export.h"
#include "core/credit_code.h"
#include "core/time.h"
#include "org/count.h"
#include "org/org.h"

namespace gonghui::org {

const std::vector<EnterpriseKind>& EnterpriseKindWords() {
  static const std::vector<EnterpriseKind> kinds = {
      {"state_owned", {"国有企业", "国企", "国有及国有控股企业"}},
      {"public_institution", {"事业单位"}},
      {"government", {"机关", "党政机关", "机关单位"}},
      {"above_scale_private", {"规上非公企业", "规模以上非公企业", "规上企业"}},
      {"below_scale_private", {"规下非公企业", "规模以下非公企业", "小微企业"}},
      {"platform", {"新就业形态平台企业", "平台企业"}},
      {"social_org", {"社会组织"}},
  };
  return kinds;
}

const char* EnterpriseKindCode(std::string_view word) {
  for (const EnterpriseKind& k : EnterpriseKindWords()) {
    if (word == k.code || std::find(k.words.begin(), k.words.end(), word) != k.words.end()) {
      return k.code;
    }
  }
  return nullptr;
}

std::string_view EnterpriseKindName(std::string_view code) {
  for (const EnterpriseKind& k : EnterpriseKindWords()) {
    if (code == k.code) return k.words.front();
  }
  return code;
}

namespace {

const std::vector<api::FieldDef> kFields = {{"org_id", "登记工会"},
                                            {"name", "单位名称"},
                                            {"credit_code", "统一社会信用代码"},
                                            {"kind", "单位类型"},
                                            {"region_code", "所在区县代码"},
                                            {"industry", "所属行业"},
                                            {"employees", "职工人数"},
                                            {"union_org_id", "单位工会"}};

constexpr const char* kColumns =
    "e.id, e.org_id, e.name, e.credit_code, e.kind, e.region_code, e.industry, e.employees, "
    "e.union_org_id, e.created_at, e.updated_at, u.name";

nlohmann::json ToJson(db::Tx& tx, const db::Row& r) {
  nlohmann::json flags = nlohmann::json::array();
  for (const db::Row& f : tx.Query(
           "SELECT year, factory_affairs_open, workers_congress, evidence FROM enterprise_flag "
           "WHERE enterprise_id = ? ORDER BY year DESC",
           {r.Int(0)})) {
    flags.push_back({{"year", f.Int(0)},
                     {"factory_affairs_open", f.Int(1) != 0},
                     {"workers_congress", f.Int(2) != 0},
                     {"evidence", f.Str(3)}});
  }
  return {{"id", r.Int(0)},
          {"org_id", r.Int(1)},
          {"name", r.Str(2)},
          {"credit_code", r.Str(3)},
          {"kind", r.Str(4)},
          {"region_code", r.Str(5)},
          {"industry", r.Str(6)},
          {"employees", r.Int(7)},
          {"union_org_id", r.OptInt(8) ? nlohmann::json(*r.OptInt(8)) : nullptr},
          {"union_name", r.OptStr(11) ? nlohmann::json(*r.OptStr(11)) : nullptr},
          {"created_at", FormatTimestamp(r.Int(9))},
          {"updated_at", FormatTimestamp(r.Int(10))},
          {"flags", flags}};
}

Result<nlohmann::json> LoadInScope(api::Call& call, int64_t id) {
  auto row = call.tx.QueryOne(std::string("SELECT ") + kColumns +
                                  " FROM enterprise e LEFT JOIN org u ON u.id = e.union_org_id "
                                  "WHERE e.id = ?",
                              {id});
  if (!row) return NotFound("用人单位不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(1), "用人单位"));
  return ToJson(call.tx, *row);
}

// The FROM and WHERE of the list and the export: the subtree's enterprises,
// matching `q` (name or credit code) and `type` (the kind).
std::string ListFrom(const api::ListParams& p, const api::Subtree& sub,
                     std::vector<db::Value>& params) {
  std::string from =
      "FROM enterprise e JOIN org r ON r.id = e.org_id LEFT JOIN org u ON u.id = e.union_org_id "
      "WHERE " +
      api::InSubtree("e.org_id", sub, params);
  if (!p.q.empty()) {
    from += " AND (e.name LIKE ? ESCAPE '\\' OR e.credit_code = ?)";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(p.q);
  }
  if (!p.type.empty()) {
    from += " AND e.kind = ?";
    params.push_back(p.type);
  }
  return from;
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string from = ListFrom(p, sub, params);
  // Without a search, the count of the subtree's enterprises by kind.
  std::optional<int64_t> counted;
  if (p.q.empty()) {
    counted = CountInSubtree(
        call.tx, "enterprise", sub,
        p.type.empty() ? std::vector<std::string>{} : std::vector<std::string>{p.type});
  }
  api::PageRows page =
      api::QueryPage(call.tx, kColumns, from, std::move(params), "e.id DESC", p, counted);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(call.tx, r));
  int64_t total = page.total;
  return api::Reply::Ok(api::Page(std::move(items), total, p));
}

// GET /enterprises/export: the list as CSV or xlsx, in the import's columns
// (a file exported can be edited and imported again in update mode), newest
// first, a batch at a time by id. Logged like a member export although the
// census holds no personal data: the log shows every bulk read.
Result<api::Reply> Export(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  GH_ASSIGN_OR_RETURN(std::string format, audit::ExportFormat(call));
  auto params = std::make_shared<std::vector<db::Value>>();
  auto from = std::make_shared<std::string>(ListFrom(p, sub, *params));
  nlohmann::json filter = {{"org_id", sub.root}, {"axis", sub.axis}};
  if (!p.q.empty()) filter["q"] = p.q;
  if (!p.type.empty()) filter["type"] = p.type;
  const std::string org = call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {sub.root})
                              .value_or(db::Row({std::string()}))
                              .Str(0);
  auto rows = [params, from](db::Tx& tx, audit::ExportSink& sink) -> Status {
    constexpr int64_t kBatch = 2000;
    for (int64_t before = INT64_MAX;;) {
      std::vector<db::Value> batch_params = *params;
      batch_params.emplace_back(before);
      const std::vector<db::Row> batch = tx.Query(
          "SELECT e.id, e.name, e.credit_code, e.kind, r.name, e.region_code, e.industry, "
          "e.employees, u.name " +
              *from + " AND e.id < ? ORDER BY e.id DESC LIMIT " + std::to_string(kBatch),
          batch_params);
      for (const db::Row& r : batch) {
        GH_ASSIGN_OR_RETURN(
            bool sent,
            sink.Row(
                {OutCell::Int(r.Int(0)), OutCell::Text(r.Str(1)), OutCell::Text(r.Str(2), true),
                 OutCell::Text(std::string(EnterpriseKindName(r.Str(3)))), OutCell::Text(r.Str(4)),
                 OutCell::Text(r.Str(5), true), OutCell::Text(r.Str(6)), OutCell::Int(r.Int(7)),
                 OutCell::Text(r.OptStr(8).value_or(""))}));
        if (!sent) return Status::Ok();
      }
      if (static_cast<int64_t>(batch.size()) < kBatch) return Status::Ok();
      before = batch.back().Int(0);
    }
  };
  audit::ExportFile file = audit::ExportBy(call, "enterprise", format, filter);
  file.sheet = "用人单位";
  file.header = {"编号",         "单位名称", "统一社会信用代码", "单位类型", "登记工会",
                 "所在区县代码", "所属行业", "职工人数",         "单位工会"};
  file.file_name = org + "用人单位名录." + format;
  file.ascii_name = "enterprises." + format;
  file.rows = std::move(rows);
  return audit::StreamExport(call.app, std::move(file));
}

// Validates the fields present in `body`, appending SET clauses and values.
Status ReadFields(api::Call& call, const api::Body& body, bool creating,
                  std::vector<std::pair<std::string, db::Value>>& out) {
  if (creating || body.Has("name")) {
    GH_ASSIGN_OR_RETURN(std::string name, body.Text("name", true, 100));
    out.emplace_back("name", name);
  }
  if (creating || body.Has("credit_code")) {
    GH_ASSIGN_OR_RETURN(std::string code, body.Text("credit_code", true, 18));
    GH_RETURN_IF_ERROR(CheckCreditCode(code, "credit_code"));
    out.emplace_back("credit_code", code);
  }
  if (creating || body.Has("kind")) {
    GH_ASSIGN_OR_RETURN(std::string kind, body.Text("kind", true, 30));
    if (std::none_of(std::begin(kEnterpriseKinds), std::end(kEnterpriseKinds),
                     [&](const char* k) { return kind == k; })) {
      return body.Error("kind",
                        "应为 state_owned、public_institution、government、"
                        "above_scale_private、below_scale_private、platform 或 social_org");
    }
    out.emplace_back("kind", kind);
  }
  if (body.Has("region_code")) {
    GH_ASSIGN_OR_RETURN(std::string region, body.Text("region_code", false, 6));
    if (!region.empty() &&
        (region.size() != 6 || !std::all_of(region.begin(), region.end(), ::isdigit))) {
      return body.Error("region_code", "应为 6 位行政区划代码");
    }
    out.emplace_back("region_code", region);
  }
  if (body.Has("industry")) {
    GH_ASSIGN_OR_RETURN(std::string industry, body.Text("industry", false, 50));
    out.emplace_back("industry", industry);
  }
  if (body.Has("employees")) {
    GH_ASSIGN_OR_RETURN(int64_t n, body.Int("employees", 0, 10'000'000));
    out.emplace_back("employees", n);
  }
  if (call.body.contains("union_org_id")) {
    GH_ASSIGN_OR_RETURN(std::optional<int64_t> u, body.OptInt("union_org_id", 1, INT64_MAX));
    if (u && !auth::InScope(call.tx, call.who, *u)) {
      return Status(Code::kNotFound, "单位工会不存在或不在您的管辖范围内", "union_org_id");
    }
    out.emplace_back("union_org_id", db::OrNull(u));
  }
  return Status::Ok();
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, INT64_MAX));
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return Status(Code::kNotFound, "登记工会不存在或不在您的管辖范围内", "org_id");
  }
  std::vector<std::pair<std::string, db::Value>> fields;
  GH_RETURN_IF_ERROR(ReadFields(call, body, true, fields));
  std::string credit = std::get<std::string>(fields[1].second);
  if (call.tx.QueryInt("SELECT COUNT(*) FROM enterprise WHERE credit_code = ?", {credit}) > 0) {
    return AlreadyExists("credit_code", "该统一社会信用代码已登记");
  }
  std::string cols = "org_id, created_at, updated_at";
  std::string marks = "?, ?, ?";
  std::vector<db::Value> params = {org_id, call.now, call.now};
  for (auto& [col, value] : fields) {
    cols += ", " + col;
    marks += ", ?";
    params.push_back(value);
  }
  int64_t id = call.tx.Insert(
      "INSERT INTO enterprise (" + cols + ") VALUES (" + marks + ") RETURNING id", params);
  EnterpriseChanged(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json e, LoadInScope(call, id));
  audit::Record(call, "create", "enterprise", id, org_id, nullptr, e);
  return api::Reply::Created(std::move(e));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("org_id")) return body.Error("org_id", "不能修改");
  std::vector<std::pair<std::string, db::Value>> fields;
  GH_RETURN_IF_ERROR(ReadFields(call, body, false, fields));
  std::string sql = "UPDATE enterprise SET updated_at = ?";
  std::vector<db::Value> params = {call.now};
  for (auto& [col, value] : fields) {
    sql += ", " + col + " = ?";
    params.push_back(value);
  }
  params.push_back(id);
  call.tx.Exec(sql + " WHERE id = ?", params);
  EnterpriseChanged(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "enterprise", id, before["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> PutFlags(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId(0));
  GH_ASSIGN_OR_RETURN(int64_t year, call.PathId(1));
  if (year < 1990 || year > 2100) return InvalidArgument("year", "年份应在 1990 到 2100 之间");
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  api::Body body(call.body, {{"factory_affairs_open", "厂务公开"},
                             {"workers_congress", "职代会"},
                             {"evidence", "佐证材料"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::optional<bool> open, body.OptBool("factory_affairs_open"));
  GH_ASSIGN_OR_RETURN(std::optional<bool> congress, body.OptBool("workers_congress"));
  GH_ASSIGN_OR_RETURN(std::string evidence, body.Text("evidence", false, 2000));
  call.tx.Exec("DELETE FROM enterprise_flag WHERE enterprise_id = ? AND year = ?", {id, year});
  call.tx.Exec(
      "INSERT INTO enterprise_flag (enterprise_id, year, factory_affairs_open, workers_congress, "
      "evidence) VALUES (?, ?, ?, ?, ?)",
      {id, year, int64_t{open.value_or(false)}, int64_t{congress.value_or(false)}, evidence});
  EnterpriseChanged(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "enterprise", id, before["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

}  // namespace

void RegisterEnterpriseRoutes(api::Api& api) {
  api.Add({"GET",
           "/enterprises",
           "org:enterprise:read",
           "enterprises",
           "用人单位名录",
           List,
           {"q", "type", "org_id", "axis", "page", "page_size"}});
  api.Add({"GET",
           "/enterprises/export",
           "org:enterprise:read",
           "enterprises",
           "导出用人单位名录（xlsx/CSV，流式）",
           Export,
           {"format", "q", "type", "org_id", "axis"}});
  api.Add({"POST", "/enterprises", "org:enterprise:write", "enterprises", "登记用人单位", Create});
  api.Add({"GET", "/enterprises/{id}", "org:enterprise:read", "enterprises", "用人单位详情",
           api::GetById<LoadInScope>});
  api.Add(
      {"PATCH", "/enterprises/{id}", "org:enterprise:write", "enterprises", "修改用人单位", Patch});
  api.Add({"PUT", "/enterprises/{id}/flags/{year}", "org:enterprise:write", "enterprises",
           "登记年度厂务公开、职代会情况", PutFlags});
}

}  // namespace gonghui::org
