#include "audit/audit.h"

#include "core/time.h"

namespace gonghui::audit {
namespace {

db::Value JsonOrNull(const nlohmann::json& j) {
  if (j.is_null()) return db::Null();
  return j.dump();
}

nlohmann::json ParseOrNull(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  nlohmann::json j = nlohmann::json::parse(*s, nullptr, false);
  return j.is_discarded() ? nlohmann::json(*s) : j;
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::string where = " WHERE 1 = 1";
  std::vector<db::Value> params;
  if (auto v = call.req.Query("entity"); v && !v->empty()) {
    where += " AND entity = ?";
    params.push_back(*v);
  }
  for (const char* key : {"entity_id", "user_id"}) {
    if (auto v = call.req.Query(key); v && !v->empty()) {
      std::optional<int64_t> n = api::ParseId(*v);
      if (!n) return InvalidArgument(key, std::string("查询参数 ") + key + " 应为正整数");
      where += std::string(" AND ") + key + " = ?";
      params.push_back(*n);
    }
  }
  if (auto v = call.req.Query("action"); v && !v->empty()) {
    where += " AND action = ?";
    params.push_back(*v);
  }
  // from/to are calendar dates in China time (UTC+8).
  auto day_start = [](const std::string& date) {
    struct tm tm {};
    strptime(date.c_str(), "%Y-%m-%d", &tm);
    return static_cast<int64_t>(timegm(&tm)) - 8 * 3600;
  };
  if (!p.from.empty()) {
    where += " AND at >= ?";
    params.push_back(day_start(p.from));
  }
  if (!p.to.empty()) {
    where += " AND at < ?";
    params.push_back(day_start(p.to) + 86400);
  }
  int64_t total = call.tx.QueryInt("SELECT COUNT(*) FROM audit_log" + where, params);
  params.push_back(p.page_size);
  params.push_back(p.offset());
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           "SELECT id, at, user_id, username, action, entity, entity_id, org_id, before_json, "
           "after_json FROM audit_log" +
               where + " ORDER BY id DESC LIMIT ? OFFSET ?",
           params)) {
    items.push_back({{"id", r.Int(0)},
                     {"at", FormatTimestamp(r.Int(1))},
                     {"user_id", r.OptInt(2) ? nlohmann::json(*r.OptInt(2)) : nullptr},
                     {"username", r.Str(3)},
                     {"action", r.Str(4)},
                     {"entity", r.Str(5)},
                     {"entity_id", r.OptInt(6) ? nlohmann::json(*r.OptInt(6)) : nullptr},
                     {"org_id", r.OptInt(7) ? nlohmann::json(*r.OptInt(7)) : nullptr},
                     {"before", ParseOrNull(r.OptStr(8))},
                     {"after", ParseOrNull(r.OptStr(9))}});
  }
  return api::Reply::Ok(api::Page(std::move(items), total, p));
}

}  // namespace

void Record(api::Call& call, std::string_view action, std::string_view entity, int64_t entity_id,
            std::optional<int64_t> org_id, const nlohmann::json& before,
            const nlohmann::json& after) {
  call.tx.Exec(
      "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, org_id, "
      "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {call.now, call.who.user_id, call.who.username, std::string(action), std::string(entity),
       entity_id, db::OrNull(org_id), JsonOrNull(before), JsonOrNull(after)});
}

int64_t BeginExport(db::Tx& tx, const Export& e) {
  return tx.Insert(
      "INSERT INTO export_log (kind, format, org_id, user_id, filter, masked, purpose, rows, "
      "completed, at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?) RETURNING id",
      {e.kind, e.format, e.org_id, e.user_id, e.filter.dump(), int64_t{e.masked ? 1 : 0}, e.purpose,
       e.at});
}

void EndExport(db::Tx& tx, int64_t id, int64_t rows, bool completed) {
  tx.Exec("UPDATE export_log SET rows = ?, completed = ? WHERE id = ?",
          {rows, int64_t{completed ? 1 : 0}, id});
}

namespace {

Result<api::Reply> Exports(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  const std::string from =
      " FROM export_log e JOIN org o ON o.id = e.org_id LEFT JOIN app_user u ON u.id = e.user_id "
      "WHERE " +
      api::InSubtree("e.org_id", sub, params);
  api::PageRows page = api::QueryPage(
      call.tx,
      "e.id, e.kind, e.format, e.org_id, o.name, e.user_id, u.username, u.display_name, e.filter, "
      "e.masked, e.purpose, e.rows, e.completed, e.at",
      from, std::move(params), "e.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) {
    items.push_back({{"id", r.Int(0)},
                     {"kind", r.Str(1)},
                     {"format", r.Str(2)},
                     {"org_id", r.Int(3)},
                     {"org_name", r.Str(4)},
                     {"user_id", r.Int(5)},
                     {"username", r.Str(6)},
                     {"user_name", r.Str(7)},
                     {"filter", ParseOrNull(r.OptStr(8))},
                     {"masked", r.Int(9) != 0},
                     {"purpose", r.Str(10)},
                     {"rows", r.Int(11)},
                     {"completed", r.Int(12) != 0},
                     {"at", FormatTimestamp(r.Int(13))}});
  }
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

}  // namespace

void RegisterRoutes(api::Api& api) {
  api.Add({"GET",
           "/exports",
           "audit:log:read",
           "audit",
           "导出记录（个人信息导出日志）",
           Exports,
           {"org_id", "axis", "page", "page_size"}});
  api.Add({"GET",
           "/audit",
           "audit:log:read",
           "audit",
           "审计日志（管理员）",
           List,
           {"entity", "entity_id", "user_id", "action", "from", "to", "page", "page_size"}});
}

}  // namespace gonghui::audit
