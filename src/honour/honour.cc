#include "honour/honour.h"

#include <algorithm>
#include <map>

#include "api/body.h"
#include "audit/audit.h"
#include "core/time.h"
#include "stats/rollup.h"

namespace gonghui::honour {
namespace {

const std::vector<api::FieldDef> kFields = {{"kind", "荣誉类别"},
                                            {"level", "级别"},
                                            {"year", "年度"},
                                            {"title", "荣誉名称"},
                                            {"awardee_type", "获得者类型"},
                                            {"member_id", "会员"},
                                            {"awardee_name", "获得者"},
                                            {"org_id", "所属工会"},
                                            {"conferred_by", "授予单位"},
                                            {"note", "备注"}};

constexpr const char* kColumns =
    "h.id, h.kind, h.level, h.year, h.title, h.awardee_type, h.member_id, h.awardee_name, "
    "h.org_id, o.name, h.conferred_by, h.note, h.created_by, h.created_at, h.updated_at";
constexpr const char* kFrom = " FROM honour h JOIN org o ON o.id = h.org_id";

template <size_t N>
bool OneOf(const char* const (&list)[N], std::string_view v) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* k) { return v == k; });
}

nlohmann::json ToJson(const db::Row& r) {
  return {{"id", r.Int(0)},
          {"kind", r.Str(1)},
          {"kind_label", KindLabel(r.Str(1))},
          {"level", r.Str(2)},
          {"level_label", LevelLabel(r.Str(2))},
          {"year", r.Int(3)},
          {"title", r.Str(4)},
          {"awardee_type", r.Str(5)},
          {"member_id", r.OptInt(6) ? nlohmann::json(*r.OptInt(6)) : nullptr},
          {"awardee_name", r.Str(7)},
          {"org_id", r.Int(8)},
          {"org_name", r.Str(9)},
          {"conferred_by", r.Str(10)},
          {"note", r.Str(11)},
          {"created_by", r.OptInt(12) ? nlohmann::json(*r.OptInt(12)) : nullptr},
          {"created_at", FormatTimestamp(r.Int(13))},
          {"updated_at", FormatTimestamp(r.Int(14))}};
}

Result<nlohmann::json> LoadInScope(api::Call& call, int64_t id) {
  std::optional<db::Row> r =
      call.tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE h.id = ?", {id});
  if (!r) return NotFound("荣誉记录不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, r->Int(8), "荣誉记录"));
  return ToJson(*r);
}

// The honour as written, before it is stored.
struct Honour {
  std::string kind, level, title, awardee_type, awardee_name, conferred_by, note;
  int64_t year = 0;
  std::optional<int64_t> member_id;
  int64_t org_id = 0;
};

Honour FromJson(const nlohmann::json& j) {
  Honour h;
  h.kind = j["kind"];
  h.level = j["level"];
  h.year = j["year"];
  h.title = j["title"];
  h.awardee_type = j["awardee_type"];
  if (!j["member_id"].is_null()) h.member_id = j["member_id"].get<int64_t>();
  h.awardee_name = j["awardee_name"];
  h.org_id = j["org_id"];
  h.conferred_by = j["conferred_by"];
  h.note = j["note"];
  return h;
}

// Reads the body into `h` (holding the current values when patching) and
// checks the whole: kind and level codes, the awardee, the union in scope.
Status Parse(api::Call& call, const api::Body& body, bool creating, Honour& h) {
  if (creating || body.Has("kind")) {
    GH_ASSIGN_OR_RETURN(h.kind, body.Text("kind", true, 30));
    if (!OneOf(kKinds, h.kind)) {
      return body.Error("kind",
                        "应为 may_day_certificate（五一劳动奖状）、may_day_medal（五一劳动奖章）、"
                        "worker_pioneer（工人先锋号）、model_worker（劳动模范）、childcare_class"
                        "（工会爱心托管班）、innovation_case（工会重点工作创新案例）或 other");
    }
  }
  if (creating || body.Has("level")) {
    GH_ASSIGN_OR_RETURN(h.level, body.Text("level", true, 20));
    if (!OneOf(kLevels, h.level)) {
      return body.Error("level", "应为 national（全国）、city（市级）或 district（区县级）");
    }
  }
  if (creating || body.Has("year")) {
    GH_ASSIGN_OR_RETURN(h.year, body.Int("year", 1949, 2100));
  }
  if (creating || body.Has("awardee_type")) {
    GH_ASSIGN_OR_RETURN(h.awardee_type, body.Text("awardee_type", true, 20));
    if (h.awardee_type != "person" && h.awardee_type != "collective") {
      return body.Error("awardee_type", "应为 person（个人）或 collective（集体）");
    }
  }
  for (auto [key, out, max] : {std::tuple{"title", &h.title, size_t{100}},
                               std::tuple{"conferred_by", &h.conferred_by, size_t{100}},
                               std::tuple{"note", &h.note, size_t{2000}}}) {
    if (call.body.contains(key)) {
      GH_ASSIGN_OR_RETURN(*out, body.Text(key, false, max));
    }
  }
  if (h.kind == "other" && h.title.empty()) return body.Error("title", "类别为“其他”时必须填写");
  std::optional<int64_t> given_org;
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(given_org, body.OptInt("org_id", 1, INT64_MAX));
  }
  if (call.body.contains("member_id")) {
    GH_ASSIGN_OR_RETURN(h.member_id, body.OptInt("member_id", 1, INT64_MAX));
  }
  if (h.awardee_type == "collective") h.member_id.reset();
  std::string member_name;
  if (h.member_id) {
    std::optional<db::Row> m =
        call.tx.QueryOne("SELECT org_id, name FROM member WHERE id = ?", {*h.member_id});
    if (!m || !auth::InScope(call.tx, call.who, m->Int(0))) {
      return body.Error("member_id", "所指会员不存在或不在您的管辖范围内");
    }
    if (given_org && *given_org != m->Int(0)) {
      return body.Error("org_id", "应为该会员所在的工会");
    }
    if (!creating && m->Int(0) != h.org_id) {
      return body.Error("member_id", "应为本荣誉所属工会的会员");
    }
    if (creating) h.org_id = m->Int(0);
    member_name = m->Str(1);
  }
  if (creating && !h.member_id) h.org_id = given_org.value_or(call.who.org_id);
  if (!creating && given_org && *given_org != h.org_id) {
    return body.Error("org_id", "创建后不能修改");
  }
  if (creating && !auth::InScope(call.tx, call.who, h.org_id)) {
    return Status(Code::kNotFound, "所属工会不存在或不在您的管辖范围内", "org_id");
  }
  if (call.body.contains("awardee_name")) {
    GH_ASSIGN_OR_RETURN(h.awardee_name, body.Text("awardee_name", false, 100));
  }
  if (h.awardee_name.empty()) h.awardee_name = member_name;
  if (h.awardee_name.empty() && h.awardee_type == "collective") {
    h.awardee_name = call.tx.Query("SELECT name FROM org WHERE id = ?", {h.org_id})[0].Str(0);
  }
  if (h.awardee_name.empty()) return body.Error("awardee_name", "个人荣誉须指明会员或填写姓名");
  return Status::Ok();
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  Honour h;
  GH_RETURN_IF_ERROR(Parse(call, body, true, h));
  const int64_t id = call.tx.Insert(
      "INSERT INTO honour (kind, level, year, title, awardee_type, member_id, awardee_name, "
      "org_id, conferred_by, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {h.kind, h.level, h.year, h.title, h.awardee_type, db::OrNull(h.member_id), h.awardee_name,
       h.org_id, h.conferred_by, h.note, call.who.user_id, call.now, call.now});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "create", "honour", id, h.org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  Honour h = FromJson(before);
  GH_RETURN_IF_ERROR(Parse(call, body, false, h));
  call.tx.Exec(
      "UPDATE honour SET kind = ?, level = ?, year = ?, title = ?, awardee_type = ?, member_id = "
      "?, awardee_name = ?, conferred_by = ?, note = ?, updated_at = ? WHERE id = ?",
      {h.kind, h.level, h.year, h.title, h.awardee_type, db::OrNull(h.member_id), h.awardee_name,
       h.conferred_by, h.note, call.now, id});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "honour", id, h.org_id, before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> Delete(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  call.tx.Exec("DELETE FROM honour WHERE id = ?", {id});
  audit::Record(call, "delete", "honour", id, before["org_id"].get<int64_t>(), before, nullptr);
  return api::Reply::NoContent();
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("h.org_id", sub, params);
  for (auto [key, list_ok] :
       {std::pair{"kind", +[](std::string_view v) { return OneOf(kKinds, v); }},
        std::pair{"level", +[](std::string_view v) { return OneOf(kLevels, v); }},
        std::pair{"awardee_type",
                  +[](std::string_view v) { return v == "person" || v == "collective"; }}}) {
    auto v = call.req.Query(key);
    if (!v || v->empty()) continue;
    if (!list_ok(*v)) return InvalidArgument(key, std::string("查询参数 ") + key + " 的取值无效");
    where += std::string(" AND h.") + key + " = ?";
    params.push_back(*v);
  }
  if (p.year) {
    where += " AND h.year = ?";
    params.push_back(int64_t{*p.year});
  }
  if (p.own) {
    where += " AND h.org_id = ?";
    params.push_back(sub.root);
  }
  if (!p.q.empty()) {
    where += " AND (h.awardee_name LIKE ? ESCAPE '\\' OR h.title LIKE ? ESCAPE '\\')";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(db::ContainsPattern(p.q));
  }
  api::PageRows page = api::QueryPage(call.tx, kColumns, kFrom + where, params,
                                      "h.year DESC, h.kind, h.awardee_name, h.id", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(r));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

}  // namespace

std::string KindLabel(std::string_view kind) {
  if (kind == "may_day_certificate") return "五一劳动奖状";
  if (kind == "may_day_medal") return "五一劳动奖章";
  if (kind == "worker_pioneer") return "工人先锋号";
  if (kind == "model_worker") return "劳动模范";
  if (kind == "childcare_class") return "工会爱心托管班";
  if (kind == "innovation_case") return "工会重点工作创新案例";
  if (kind == "other") return "其他";
  return "";
}

std::string LevelLabel(std::string_view level) {
  if (level == "national") return "全国";
  if (level == "city") return "市级";
  if (level == "district") return "区县级";
  if (level == "grassroots") return "基层";
  return "";
}

nlohmann::json Figures(db::Tx& tx, int64_t root, const std::string& axis,
                       const std::optional<std::string>& year) {
  std::vector<db::Value> params;
  std::string join = stats::RollUpJoin("h.org_id", root, axis, params);
  std::vector<db::Value> where_params;
  std::string where = " WHERE " + api::SubtreeHas("h.org_id", {root, axis}, where_params);
  if (year) {
    where += " AND h.year = ?";
    where_params.push_back(int64_t{std::stoi(*year)});
  }
  params.insert(params.end(), where_params.begin(), where_params.end());
  const std::string year_query = year ? "year=" + *year : "";
  int64_t total = 0;
  std::map<int64_t, int64_t> by_key;
  for (const db::Row& r :
       tx.Query("SELECT " + stats::RollUpKey("h.org_id") + ", COUNT(*) FROM honour h" + join +
                    where + " GROUP BY " + stats::RollUpKey("h.org_id"),
                params)) {
    by_key[r.Int(0)] = r.Int(1);
    total += r.Int(1);
  }
  nlohmann::json by_kind = nlohmann::json::array();
  for (const db::Row& r : tx.Query("SELECT h.kind, h.level, COUNT(*) FROM honour h" + where +
                                       " GROUP BY h.kind, h.level ORDER BY h.kind, h.level",
                                   where_params)) {
    std::string query = "kind=" + r.Str(0) + "&level=" + r.Str(1);
    if (year) query += "&" + year_query;
    by_kind.push_back({{"kind", r.Str(0)},
                       {"kind_label", KindLabel(r.Str(0))},
                       {"level", r.Str(1)},
                       {"level_label", LevelLabel(r.Str(1))},
                       {"count", r.Int(2)},
                       {"link", stats::Link("/honours", query, root, axis)}});
  }
  nlohmann::json by_org = nlohmann::json::array();
  for (const stats::Child& child : stats::Children(tx, root, axis)) {
    auto it = by_key.find(child.id);
    if (it == by_key.end()) continue;
    by_org.push_back({{"org_id", child.id},
                      {"org_name", child.name},
                      {"own", false},
                      {"count", it->second},
                      {"link", stats::Link("/honours", year_query, child.id, axis)}});
  }
  if (auto it = by_key.find(root); it != by_key.end()) {
    by_org.push_back(
        {{"org_id", root},
         {"org_name", "本级"},
         {"own", true},
         {"count", it->second},
         {"link",
          stats::Link("/honours", year_query.empty() ? "own=true" : year_query + "&own=true", root,
                      axis)}});
  }
  return {{"total", total},
          {"link", stats::Link("/honours", year_query, root, axis)},
          {"by_kind", std::move(by_kind)},
          {"by_org", std::move(by_org)}};
}

void RegisterRoutes(api::Api& api) {
  api.Add({"GET",
           "/honours",
           "honour:honour:read",
           "honours",
           "荣誉列表（按子树、类别、级别、年度筛选）",
           List,
           {"org_id", "axis", "kind", "level", "year", "awardee_type", "own", "q", "page",
            "page_size"}});
  api.Add({"POST", "/honours", "honour:honour:write", "honours", "登记荣誉", Create});
  api.Add({"GET", "/honours/{id}", "honour:honour:read", "honours", "荣誉详情",
           api::GetById<LoadInScope>});
  api.Add({"PATCH", "/honours/{id}", "honour:honour:write", "honours", "修改荣誉", Patch});
  api.Add({"DELETE", "/honours/{id}", "honour:honour:write", "honours", "删除荣誉", Delete});
}

}  // namespace gonghui::honour
