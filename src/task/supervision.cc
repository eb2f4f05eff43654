// 督办: the items of a subtree with what stands out (overdue, no report for too long), as
// a list or an xlsx sheet; the week's digest; and each item's JSON.
#include "api/args.h"
#include "core/time.h"
#include "core/xlsx.h"
#include "task/internal.h"
#include "task/rules.h"
#include "task/task.h"

namespace gonghui::task {
namespace {

constexpr size_t kMaxExportRows = 20000;

nlohmann::json OptDate(const db::Row& r, size_t col) {
  return r.OptStr(col) ? nlohmann::json(r.Str(col)) : nlohmann::json(nullptr);
}

nlohmann::json Reports(db::Tx& tx, int64_t item_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& r : tx.Query(
           "SELECT rp.id, rp.kind, rp.on_date, rp.text, rp.achieved, rp.photos, u.display_name, "
           "rp.created_at FROM task_report rp LEFT JOIN app_user u ON u.id = rp.user_id WHERE "
           "rp.item_id = ? ORDER BY rp.id",
           {item_id})) {
    nlohmann::json activities = nlohmann::json::array();
    for (const db::Row& a : tx.Query(
             "SELECT a.id, a.title, a.start_date FROM task_report_activity ra JOIN activity a ON "
             "a.id = ra.activity_id WHERE ra.report_id = ? AND a.deleted_at IS NULL ORDER BY a.id",
             {r.Int(0)})) {
      activities.push_back({{"id", a.Int(0)}, {"title", a.Str(1)}, {"start_date", a.Str(2)}});
    }
    nlohmann::json photos = nlohmann::json::parse(r.Str(5), nullptr, false);
    out.push_back({{"id", r.Int(0)},
                   {"kind", r.Str(1)},
                   {"on", r.Str(2)},
                   {"text", r.Str(3)},
                   {"achieved", r.OptInt(4) ? nlohmann::json(r.Int(4)) : nullptr},
                   {"photos", photos.is_array() ? photos : nlohmann::json::array()},
                   {"activities", std::move(activities)},
                   {"by", r.Str(6)},
                   {"at", FormatTimestamp(r.Int(7))}});
  }
  return out;
}

// 逾期3天 / 20天未报送进展 / "": what the 督办 sheet says of an item.
std::string Flag(const nlohmann::json& j) {
  std::string out;
  if (j["overdue"].get<bool>())
    out = "逾期" + std::to_string(j["days_overdue"].get<int64_t>()) + "天";
  if (j["stale"].get<bool>()) {
    if (!out.empty()) out += "，";
    out += std::to_string(j["days_since_report"].get<int64_t>()) + "天未报送进展";
  }
  return out;
}

std::string Target(const nlohmann::json& j) {
  std::string out;
  if (!j["target_count"].is_null()) {
    out = std::to_string(j["target_count"].get<int64_t>()) + j["target_unit"].get<std::string>();
  }
  const std::string text = j["target_text"];
  if (!text.empty()) out += (out.empty() ? "" : "；") + text;
  return out;
}

struct ItemFilter {
  std::string where;
  std::vector<db::Value> params;
};

Result<ItemFilter> Filter(api::Call& call, const api::ListParams& p, const Date& today) {
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  ItemFilter f;
  f.where = std::string(kItemFrom) + " WHERE " + api::SubtreeHas("i.org_id", sub, f.params);
  if (!p.from.empty()) {
    f.where += " AND i.deadline >= ?";
    f.params.push_back(p.from);
  }
  if (!p.to.empty()) {
    f.where += " AND i.deadline <= ?";
    f.params.push_back(p.to);
  }
  if (p.year) f.where += " AND " + api::TouchesYear("i.deadline", "i.deadline", *p.year, f.params);
  if (!p.q.empty()) {
    f.where += " AND (i.title LIKE ? ESCAPE '\\' OR i.responsible LIKE ? ESCAPE '\\')";
    f.params.insert(f.params.end(), {db::ContainsPattern(p.q), db::ContainsPattern(p.q)});
  }
  if (auto plan = call.req.Query("plan_id"); plan && !plan->empty()) {
    std::optional<int64_t> id = api::ParseId(*plan);
    if (!id) return InvalidArgument("plan_id", "查询参数 plan_id 应为正整数");
    f.where += " AND i.plan_id = ?";
    f.params.push_back(*id);
  }
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    if (*state == "open") {
      f.where += " AND i.state IN ('not_started', 'in_progress')";
    } else if (IsItemState(*state)) {
      f.where += " AND i.state = ?";
      f.params.push_back(*state);
    } else {
      return InvalidArgument("state",
                             "查询参数 state 应为 open、not_started、in_progress、done 或 closed");
    }
  }
  for (const char* flag : {"overdue", "stale"}) {
    auto v = call.req.Query(flag);
    if (!v || v->empty()) continue;
    if (*v != "true" && *v != "false") {
      return InvalidArgument(flag, std::string("查询参数 ") + flag + " 应为 true 或 false");
    }
    const std::string test = std::string_view(flag) == "overdue" ? OverdueSql(today, f.params)
                                                                 : StaleSql(today, f.params);
    f.where += *v == "true" ? " AND " + test : " AND NOT " + test;
  }
  return f;
}

// Overdue first (the longest overdue at the top), then by deadline.
std::string Order(const Date& today) {
  return "CASE WHEN i.state IN ('not_started', 'in_progress') AND i.deadline < '" +
         today.ToString() + "' THEN 0 ELSE 1 END, i.deadline, i.id";
}

Result<api::Reply> ListItems(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  const std::string format = call.req.Query("format").value_or("json");
  if (format != "json" && format != "xlsx") {
    return InvalidArgument("format", "查询参数 format 应为 json 或 xlsx");
  }
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(ItemFilter f, Filter(call, p, today));
  if (format == "xlsx") {
    p.page = 1;
    p.page_size = kMaxExportRows;
  }
  api::PageRows page =
      api::QueryPage(call.tx, kItemColumns, f.where, std::move(f.params), Order(today), p);
  std::vector<nlohmann::json> items;
  for (const db::Row& r : page.rows) {
    items.push_back(
        ItemJson(call.tx, r, today, auth::InScope(call.tx, call.who, r.Int(kPlanOrgId)), false));
  }
  if (format == "json") {
    return api::Reply::Ok(api::Page(nlohmann::json(std::move(items)), page.total, p));
  }
  if (page.total > static_cast<int64_t>(kMaxExportRows)) {
    return FailedPrecondition("共 " + std::to_string(page.total) + " 项，超过导出上限 " +
                              std::to_string(kMaxExportRows) + " 项，请缩小范围");
  }
  XlsxSheet sheet{"督办清单",
                  "任务督办清单（" + today.ToString() + "）",
                  {"序号", "实施方案", "任务内容", "责任单位", "责任人", "完成时限", "目标",
                   "完成数量", "状态", "最近报送", "督办提示"},
                  {}};
  int64_t n = 0;
  for (const nlohmann::json& j : items) {
    sheet.rows.push_back(
        {++n, j["plan_title"].get<std::string>(), j["title"].get<std::string>(),
         j["org_name"].get<std::string>(), j["responsible"].get<std::string>(),
         j["deadline"].get<std::string>(), Target(j),
         j["achieved"].is_null() ? XlsxCell(std::string()) : XlsxCell(j["achieved"].get<int64_t>()),
         j["state_label"].get<std::string>(),
         j["last_report_on"].is_null() ? std::string("未报送")
                                       : j["last_report_on"].get<std::string>(),
         Flag(j)});
  }
  GH_ASSIGN_OR_RETURN(std::string bytes, WriteXlsx({sheet}));
  return api::Download(
      std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "督办清单-" + today.ToString() + ".xlsx", "tasks-" + today.ToString() + ".xlsx");
}

// The week's digest: items whose first overdue day fell in the week (and were not done
// by their deadline), items submitted as done, items closed; and what is overdue now.
Result<api::Reply> Digest(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  const Date today = Today(call);
  Date day = today;
  if (auto week = call.req.Query("week"); week && !week->empty()) {
    GH_ASSIGN_OR_RETURN(day, ParseDate(*week, "week"));
  }
  const Date start = WeekStart(day);
  const Date end = AddDays(start, 6);
  auto list = [&](const std::string& test, std::vector<db::Value> extra) {
    std::vector<db::Value> params;
    std::string sql = std::string("SELECT ") + kItemColumns + kItemFrom + " WHERE " +
                      api::SubtreeHas("i.org_id", sub, params) + " AND " + test +
                      " ORDER BY i.deadline, i.id";
    params.insert(params.end(), extra.begin(), extra.end());
    nlohmann::json out = nlohmann::json::array();
    for (const db::Row& r : call.tx.Query(sql, params)) {
      out.push_back(
          ItemJson(call.tx, r, today, auth::InScope(call.tx, call.who, r.Int(kPlanOrgId)), false));
    }
    return out;
  };
  // The first overdue day is deadline + 1: deadlines from the day before the week's Monday
  // to the day before its Sunday, and not after yesterday.
  const std::string last_deadline = std::min(AddDays(end, -1), AddDays(today, -1)).ToString();
  nlohmann::json overdue = list(
      "i.deadline >= ? AND i.deadline <= ? AND (i.completed_on IS NULL OR i.completed_on > "
      "i.deadline) AND i.state <> 'closed'",
      {AddDays(start, -1).ToString(), last_deadline});
  nlohmann::json submitted =
      list("i.completed_on >= ? AND i.completed_on <= ?", {start.ToString(), end.ToString()});
  nlohmann::json closed =
      list("i.closed_on >= ? AND i.closed_on <= ?", {start.ToString(), end.ToString()});
  std::vector<db::Value> params;
  const std::string in_sub = api::SubtreeHas("i.org_id", sub, params);
  const std::string overdue_now_sql = OverdueSql(today, params);
  const int64_t overdue_now = call.tx.QueryInt(
      "SELECT COUNT(*) FROM task_item i WHERE " + in_sub + " AND " + overdue_now_sql, params);
  std::vector<db::Value> rparams;
  const std::string r_sub = api::SubtreeHas("i.org_id", sub, rparams);
  rparams.insert(rparams.end(), {start.ToString(), end.ToString()});
  const int64_t reports = call.tx.QueryInt(
      "SELECT COUNT(*) FROM task_report rp JOIN task_item i ON i.id = rp.item_id WHERE " + r_sub +
          " AND rp.on_date >= ? AND rp.on_date <= ?",
      rparams);
  return api::Reply::Ok({{"org_id", sub.root},
                         {"axis", sub.axis == "t" ? "territorial" : "industry"},
                         {"week_start", start.ToString()},
                         {"week_end", end.ToString()},
                         {"became_overdue", std::move(overdue)},
                         {"submitted", std::move(submitted)},
                         {"closed", std::move(closed)},
                         {"reports", reports},
                         {"overdue_now", overdue_now}});
}

}  // namespace

std::string OverdueSql(const Date& today, std::vector<db::Value>& params) {
  params.push_back(today.ToString());
  return "(i.state IN ('not_started', 'in_progress') AND i.deadline < ?)";
}

std::string StaleSql(const Date& today, std::vector<db::Value>& params) {
  params.push_back(today.ToString());
  return "(i.state IN ('not_started', 'in_progress') AND i.report_due_on < ?)";
}

nlohmann::json ItemJson(db::Tx& tx, const db::Row& r, const Date& today, bool owner, bool full) {
  const std::string state = r.Str(kState);
  const Date deadline = ParseDate(r.Str(kDeadline)).value();
  const std::string since_text =
      r.OptStr(kLastReportOn) ? r.Str(kLastReportOn) : r.Str(kAssignedOn);
  const Date since = ParseDate(since_text).value();
  const bool overdue = Overdue(state, deadline, today);
  const bool stale = Stale(state, since, static_cast<int>(r.Int(kStaleDays)), today);
  const std::optional<int64_t> target = r.OptInt(kTargetCount);
  const std::optional<int64_t> achieved = r.OptInt(kAchieved);
  nlohmann::json j = {
      {"id", r.Int(kId)},
      {"plan_id", r.Int(kPlanId)},
      {"plan_title", r.Str(kPlanTitle)},
      {"plan_org_id", r.Int(kPlanOrgId)},
      {"plan_org_name", r.Str(kPlanOrgName)},
      {"plan_state", r.Str(kPlanState)},
      {"position", r.Int(kPosition)},
      {"org_id", r.Int(kOrgId)},
      {"org_name", r.Str(kOrgName)},
      {"title", r.Str(kTitle)},
      {"responsible", r.Str(kResponsible)},
      {"deadline", r.Str(kDeadline)},
      {"target_count", target ? nlohmann::json(*target) : nullptr},
      {"target_unit", r.Str(kTargetUnit)},
      {"target_text", r.Str(kTargetText)},
      {"achieved", achieved ? nlohmann::json(*achieved) : nullptr},
      {"percent", target && achieved
                      ? nlohmann::json(std::min<int64_t>(100, *achieved * 100 / *target))
                      : nullptr},
      {"state", state},
      {"state_label", ItemStateLabel(state)},
      {"assigned_on", r.Str(kAssignedOn)},
      {"last_report_on", OptDate(r, kLastReportOn)},
      {"report_due_on", r.Str(kReportDueOn)},
      {"completed_on", OptDate(r, kCompletedOn)},
      {"closed_on", OptDate(r, kClosedOn)},
      {"overdue", overdue},
      {"days_overdue", overdue ? DaysFromCivil(today) - DaysFromCivil(deadline) : 0},
      {"stale", stale},
      {"days_since_report", DaysFromCivil(today) - DaysFromCivil(since)},
      {"owner", owner},
      {"created_at", FormatTimestamp(r.Int(kCreatedAt))},
      {"updated_at", FormatTimestamp(r.Int(kUpdatedAt))}};
  if (!full) return j;
  nlohmann::json reports = Reports(tx, r.Int(kId));
  j["evidence"] = nullptr;
  if (r.OptInt(kEvidenceReportId)) {
    for (const nlohmann::json& rp : reports) {
      if (rp["id"] == r.Int(kEvidenceReportId)) j["evidence"] = rp;
    }
  }
  j["reports"] = std::move(reports);
  j["events"] = api::Timeline(tx, "task_item_event", "item_id", r.Int(kId));
  return j;
}

void RegisterSupervisionRoutes(api::Api& api) {
  api.Add({"GET",
           "/tasks/items",
           "task:plan:read",
           "tasks",
           "督办清单：子树内的任务清单项，逾期在前（format=xlsx 导出）",
           ListItems,
           {"org_id", "axis", "from", "to", "year", "q", "plan_id", "state", "overdue", "stale",
            "format", "page", "page_size"}});
  api.Add({"GET",
           "/tasks/digest",
           "task:plan:read",
           "tasks",
           "督办周报：本周新逾期、提交完成、验收关闭的任务",
           Digest,
           {"org_id", "axis", "week"}});
}

void RegisterRoutes(api::Api& api) {
  RegisterPlanRoutes(api);
  RegisterSupervisionRoutes(api);
}

}  // namespace gonghui::task
