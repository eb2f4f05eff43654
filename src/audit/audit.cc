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

void RegisterRoutes(api::Api& api) {
  api.Add({"GET",
           "/audit",
           "audit:log:read",
           "audit",
           "审计日志（管理员）",
           List,
           {"entity", "entity_id", "user_id", "action", "from", "to", "page", "page_size"}});
}

}  // namespace gonghui::audit
