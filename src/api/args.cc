#include "api/args.h"

#include "core/time.h"

namespace gonghui::api {

std::string TouchesYear(std::string_view from_col, std::string_view to_col, int year,
                        std::vector<db::Value>& params) {
  const std::string y = std::to_string(year);
  params.insert(params.end(), {db::Value(y + "-12-31"), db::Value(y + "-01-01")});
  return "(" + std::string(from_col) + " <= ? AND " + std::string(to_col) + " >= ?)";
}

Result<int64_t> OwnerOrg(Call& call, const Body& body, std::string_view what) {
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> given, body.OptInt("org_id", 1, INT64_MAX));
  const int64_t org_id = given.value_or(call.who.org_id);
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return Status(Code::kNotFound, std::string(what) + "不存在或不在您的管辖范围内", "org_id");
  }
  return org_id;
}

void AppendEvent(Call& call, std::string_view table, std::string_view key, int64_t id,
                 std::string_view step, std::string_view from, std::string_view to,
                 const std::string& on, const nlohmann::json& detail) {
  call.tx.Exec("INSERT INTO " + std::string(table) + " (" + std::string(key) +
                   ", step, from_state, to_state, on_date, detail, user_id, created_at) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?)",
               {id, std::string(step), std::string(from), std::string(to), on, detail.dump(),
                call.who.user_id > 0 ? db::Value(call.who.user_id) : db::Null(), call.now});
}

nlohmann::json Timeline(db::Tx& tx, std::string_view table, std::string_view key, int64_t id) {
  nlohmann::json events = nlohmann::json::array();
  for (const db::Row& ev : tx.Query(
           "SELECT ev.step, ev.from_state, ev.to_state, ev.on_date, ev.detail, u.display_name, "
           "ev.created_at FROM " +
               std::string(table) + " ev LEFT JOIN app_user u ON u.id = ev.user_id WHERE ev." +
               std::string(key) + " = ? ORDER BY ev.id",
           {id})) {
    nlohmann::json detail = nlohmann::json::parse(ev.Str(4), nullptr, false);
    events.push_back({{"step", ev.Str(0)},
                      {"from_state", ev.Str(1)},
                      {"to_state", ev.Str(2)},
                      {"on", ev.Str(3)},
                      {"detail", detail.is_object() ? detail : nlohmann::json::object()},
                      {"by", ev.Str(5)},
                      {"at", FormatTimestamp(ev.Int(6))}});
  }
  return events;
}

Result<std::string> PastDate(const Body& body, std::string_view key, const Date& today,
                             bool required, bool default_today) {
  GH_ASSIGN_OR_RETURN(std::string text, body.Text(key, required, 10));
  if (text.empty()) return default_today ? today.ToString() : std::string();
  GH_ASSIGN_OR_RETURN(Date d, ParseDate(text, key));
  if (d > today) return body.Error(key, "不能晚于今天");
  return d.ToString();
}

}  // namespace gonghui::api
