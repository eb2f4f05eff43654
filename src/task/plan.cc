// Plans, items and the item steps of task.h's state machine.
#include <algorithm>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "core/time.h"
#include "photo/photo.h"
#include "task/internal.h"
#include "task/rules.h"
#include "task/task.h"

namespace gonghui::task {
namespace {

constexpr int kDefaultStaleDays = 14;
constexpr size_t kMaxItems = 200;

const std::vector<api::FieldDef> kPlanFields = {
    {"org_id", "方案所属工会"},      {"title", "方案名称"},
    {"period_from", "实施起始日期"}, {"period_to", "实施截止日期"},
    {"activity_id", "所依据的会议"}, {"note", "说明"},
    {"stale_days", "督办提醒天数"},  {"items", "任务清单"}};
const std::vector<api::FieldDef> kItemFields = {
    {"org_id", "责任单位"},     {"title", "任务内容"},        {"responsible", "责任人"},
    {"deadline", "完成时限"},   {"target_count", "目标数量"}, {"target_unit", "目标单位"},
    {"target_text", "目标要求"}};

constexpr const char* kPlanColumns =
    "p.id, p.org_id, o.name, p.title, p.period_from, p.period_to, p.activity_id, a.title, "
    "a.start_date, p.note, p.stale_days, p.state, p.closed_on, p.created_at, p.updated_at";
// LEFT JOIN org: see kItemFrom.
constexpr const char* kPlanFrom =
    " FROM task_plan p LEFT JOIN org o ON o.id = p.org_id LEFT JOIN activity a ON a.id = "
    "p.activity_id";
enum PlanCol {
  kPId,
  kPOrgId,
  kPOrgName,
  kPTitle,
  kPFrom,
  kPTo,
  kPActivityId,
  kPActivityTitle,
  kPActivityDate,
  kPNote,
  kPStaleDays,
  kPState,
  kPClosedOn,
  kPCreatedAt,
  kPUpdatedAt
};

std::string PlanStateLabel(std::string_view state) { return state == "open" ? "落实中" : "已办结"; }

// "i.org_id lies in the caller's scope" (either axis), appending its value.
std::string VisibleSql(const api::Call& call, std::vector<db::Value>& params) {
  params.push_back(call.who.org_id);
  return "EXISTS (SELECT 1 FROM org_closure vc WHERE vc.ancestor_id = ? AND vc.descendant_id = "
         "i.org_id)";
}

struct Plan {
  db::Row row;
  bool owner = false;  // the caller's scope holds the plan's union
};

// The plan when the caller owns it or carries one of its items; 404 otherwise.
Result<Plan> LoadPlan(api::Call& call, int64_t id) {
  auto row =
      call.tx.QueryOne(std::string("SELECT ") + kPlanColumns + kPlanFrom + " WHERE p.id = ?", {id});
  const Status missing = NotFound("实施方案不存在或不在您的管辖范围内");
  if (!row) return missing;
  const bool owner = auth::InScope(call.tx, call.who, row->Int(kPOrgId));
  Plan plan{std::move(*row), owner};
  if (!plan.owner) {
    std::vector<db::Value> params = {id};
    const std::string visible = VisibleSql(call, params);
    if (call.tx.QueryInt("SELECT COUNT(*) FROM task_item i WHERE i.plan_id = ? AND " + visible,
                         params) == 0) {
      return missing;
    }
  }
  return plan;
}

Status RequireOwner(const Plan& plan, std::string_view what) {
  if (plan.owner) return Status::Ok();
  return PermissionDenied("只有方案所属工会（" + plan.row.Str(kPOrgName) + "）可以" +
                          std::string(what));
}

Status RequireOpen(const db::Row& plan_row) {
  if (plan_row.Str(kPState) == "open") return Status::Ok();
  return FailedPrecondition("实施方案已办结，不能再修改", "state");
}

// The plan `id` for a change by its owner while it is open.
Result<Plan> LoadPlanForEdit(api::Call& call, int64_t id, std::string_view what) {
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlan(call, id));
  GH_RETURN_IF_ERROR(RequireOwner(plan, what));
  GH_RETURN_IF_ERROR(RequireOpen(plan.row));
  return plan;
}

// The items of a plan the caller may see: all of them for the owner, else those in scope.
std::vector<db::Row> PlanItems(api::Call& call, const Plan& plan) {
  std::vector<db::Value> params = {plan.row.Int(kPId)};
  std::string sql = std::string("SELECT ") + kItemColumns + kItemFrom + " WHERE i.plan_id = ?";
  if (!plan.owner) sql += " AND " + VisibleSql(call, params);
  return call.tx.Query(sql + " ORDER BY i.position, i.id", params);
}

nlohmann::json PlanJson(api::Call& call, const Plan& plan, bool with_items) {
  const db::Row& r = plan.row;
  const Date today = Today(call);
  nlohmann::json items = nlohmann::json::array();
  int64_t closed = 0, overdue = 0, total = 0;
  for (const db::Row& item : PlanItems(call, plan)) {
    nlohmann::json j = ItemJson(call.tx, item, today, plan.owner, false);
    ++total;
    closed += j["state"] == "closed" ? 1 : 0;
    overdue += j["overdue"].get<bool>() ? 1 : 0;
    if (with_items) items.push_back(std::move(j));
  }
  nlohmann::json out = {
      {"id", r.Int(kPId)},
      {"org_id", r.Int(kPOrgId)},
      {"org_name", r.Str(kPOrgName)},
      {"title", r.Str(kPTitle)},
      {"period_from", r.Str(kPFrom)},
      {"period_to", r.Str(kPTo)},
      {"activity", r.OptInt(kPActivityId) ? nlohmann::json{{"id", r.Int(kPActivityId)},
                                                           {"title", r.Str(kPActivityTitle)},
                                                           {"start_date", r.Str(kPActivityDate)}}
                                          : nlohmann::json(nullptr)},
      {"note", r.Str(kPNote)},
      {"stale_days", r.Int(kPStaleDays)},
      {"state", r.Str(kPState)},
      {"state_label", PlanStateLabel(r.Str(kPState))},
      {"closed_on", r.OptStr(kPClosedOn) ? nlohmann::json(r.Str(kPClosedOn)) : nullptr},
      {"owner", plan.owner},
      {"item_count", total},
      {"closed_count", closed},
      {"overdue_count", overdue},
      {"created_at", FormatTimestamp(r.Int(kPCreatedAt))},
      {"updated_at", FormatTimestamp(r.Int(kPUpdatedAt))}};
  if (with_items) out["items"] = std::move(items);
  return out;
}

// A date field that must lie inside the plan's period.
Result<std::string> DateIn(const api::Body& body, std::string_view key, bool required,
                           const std::string& from, const std::string& to) {
  GH_ASSIGN_OR_RETURN(std::string text, body.Text(key, required, 10));
  if (text.empty()) return text;
  GH_ASSIGN_OR_RETURN(Date d, ParseDate(text, key));
  const std::string s = d.ToString();
  if (s < from || s > to)
    return body.Error(key, "应在方案实施期限内（" + from + " 至 " + to + "）");
  return s;
}

// The fields of an item, from `json` (the body, or one entry of `items`); errors name
// `prefix` + the field ("items[2].deadline").
struct ItemInput {
  int64_t org_id = 0;
  std::string title, responsible, deadline, target_unit, target_text;
  std::optional<int64_t> target_count;
};

Status Prefixed(Status s, const std::string& prefix) {
  if (s.ok() || prefix.empty()) return s;
  return Status(s.code(), s.message(), prefix + s.field());
}

// Reads an item; `base` holds the current values on a PATCH (fields absent keep them).
Result<ItemInput> ReadItem(api::Call& call, const nlohmann::json& json, const db::Row& plan_row,
                           const std::optional<ItemInput>& base) {
  api::Body body(json, kItemFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const bool patch = base.has_value();
  ItemInput in = base.value_or(ItemInput{});
  if (!patch || body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t org, body.Int("org_id", 1, INT64_MAX));
    const int64_t plan_org = plan_row.Int(kPOrgId);
    if (call.tx.QueryInt(
            "SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND descendant_id = ?",
            {plan_org, org}) == 0) {
      return body.Error("org_id",
                        "应为方案所属工会（" + plan_row.Str(kPOrgName) + "）或其下级工会");
    }
    in.org_id = org;
  }
  if (!patch || body.Has("title")) {
    GH_ASSIGN_OR_RETURN(in.title, body.Text("title", true, 500));
  }
  if (!patch || body.Has("responsible")) {
    GH_ASSIGN_OR_RETURN(in.responsible, body.Text("responsible", true, 100));
  }
  if (!patch || body.Has("deadline")) {
    GH_ASSIGN_OR_RETURN(in.deadline,
                        DateIn(body, "deadline", true, plan_row.Str(kPFrom), plan_row.Str(kPTo)));
  }
  if (!patch || json.contains("target_count")) {
    GH_ASSIGN_OR_RETURN(in.target_count, body.OptInt("target_count", 1, 1'000'000'000));
  }
  if (!patch || json.contains("target_unit")) {
    GH_ASSIGN_OR_RETURN(in.target_unit, body.Text("target_unit", false, 10));
  }
  if (!patch || json.contains("target_text")) {
    GH_ASSIGN_OR_RETURN(in.target_text, body.Text("target_text", false, 500));
  }
  if (in.target_count && in.target_unit.empty()) {
    return body.Error("target_unit", "不能为空：数量目标须写明单位（个、家、人…）");
  }
  if (!in.target_count && !in.target_unit.empty()) {
    return body.Error("target_count", "不能为空：写了单位就须写目标数量");
  }
  return in;
}

int64_t InsertItem(api::Call& call, int64_t plan_id, int stale_days, const ItemInput& in) {
  const Date today = Today(call);
  const int64_t position =
      call.tx.QueryInt("SELECT COALESCE(MAX(position), 0) FROM task_item WHERE plan_id = ?",
                       {plan_id}) +
      1;
  return call.tx.Insert(
      "INSERT INTO task_item (plan_id, position, org_id, title, responsible, deadline, "
      "target_count, target_unit, target_text, state, assigned_on, report_due_on, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'not_started', ?, ?, ?, ?) RETURNING id",
      {plan_id, position, in.org_id, in.title, in.responsible, in.deadline,
       db::OrNull(in.target_count), in.target_unit, in.target_text, today.ToString(),
       AddDays(today, stale_days).ToString(), call.now, call.now});
}

Result<db::Row> ItemRow(db::Tx& tx, int64_t id) {
  auto row =
      tx.QueryOne(std::string("SELECT ") + kItemColumns + kItemFrom + " WHERE i.id = ?", {id});
  if (!row) return NotFound("任务清单项不存在或不在您的管辖范围内");
  return std::move(*row);
}

// The item when the caller owns its plan or its union lies in scope; 404 otherwise.
struct Item {
  db::Row row;
  bool owner = false;
};

Result<Item> LoadItem(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(db::Row row, ItemRow(call.tx, id));
  const bool owner = auth::InScope(call.tx, call.who, row.Int(kPlanOrgId));
  if (!owner && !auth::InScope(call.tx, call.who, row.Int(kOrgId))) {
    return NotFound("任务清单项不存在或不在您的管辖范围内");
  }
  return Item{std::move(row), owner};
}

Result<nlohmann::json> GetItem(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(Item item, LoadItem(call, id));
  return ItemJson(call.tx, item.row, Today(call), item.owner, true);
}

Result<nlohmann::json> GetPlan(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlan(call, id));
  return PlanJson(call, plan, true);
}

Result<api::Reply> CreatePlan(api::Call& call) {
  api::Body body(call.body, kPlanFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t org_id, api::OwnerOrg(call, body, "方案所属工会"));
  GH_ASSIGN_OR_RETURN(std::string title, body.Text("title", true, 200));
  GH_ASSIGN_OR_RETURN(std::string from_text, body.Text("period_from", true, 10));
  GH_ASSIGN_OR_RETURN(Date from, ParseDate(from_text, "period_from"));
  GH_ASSIGN_OR_RETURN(std::string to_text, body.Text("period_to", true, 10));
  GH_ASSIGN_OR_RETURN(Date to, ParseDate(to_text, "period_to"));
  if (to < from) return body.Error("period_to", "不能早于实施起始日期");
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> activity, body.OptInt("activity_id", 1, INT64_MAX));
  if (activity) {
    auto a = call.tx.QueryOne(
        "SELECT org_id, type FROM activity WHERE id = ? AND deleted_at IS NULL", {*activity});
    if (!a || !auth::InScope(call.tx, call.who, a->Int(0))) {
      return Status(Code::kNotFound, "所依据的会议不存在或不在您的管辖范围内", "activity_id");
    }
    if (a->Str(1) != "meeting") return body.Error("activity_id", "应为会议类工作动态");
  }
  GH_ASSIGN_OR_RETURN(std::string note, body.Text("note", false, 5000));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> stale, body.OptInt("stale_days", 1, 365));
  const int stale_days = static_cast<int>(stale.value_or(kDefaultStaleDays));
  const int64_t id = call.tx.Insert(
      "INSERT INTO task_plan (org_id, title, period_from, period_to, activity_id, note, "
      "stale_days, state, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
      "'open', ?, ?, ?) RETURNING id",
      {org_id, title, from.ToString(), to.ToString(), db::OrNull(activity), note,
       int64_t{stale_days}, call.who.user_id, call.now, call.now});
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlan(call, id));
  if (const nlohmann::json* items = body.Get("items")) {
    if (!items->is_array()) return body.Error("items", "应为数组");
    if (items->size() > kMaxItems) return body.Error("items", "最多 200 项");
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string prefix = "items[" + std::to_string(i) + "].";
      if (!(*items)[i].is_object())
        return InvalidArgument(prefix.substr(0, prefix.size() - 1), "任务清单项应为对象");
      Result<ItemInput> in = ReadItem(call, (*items)[i], plan.row, std::nullopt);
      if (!in.ok()) return Prefixed(in.status(), prefix);
      InsertItem(call, id, stale_days, *in);
    }
  }
  nlohmann::json out = PlanJson(call, plan, true);
  audit::Record(call, "create", "task_plan", id, org_id, nullptr, out);
  return api::Reply::Created(std::move(out));
}

Result<api::Reply> UpdatePlan(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlanForEdit(call, id, "修改方案"));
  api::Body body(call.body, {{"title", "方案名称"},
                             {"period_from", "实施起始日期"},
                             {"period_to", "实施截止日期"},
                             {"note", "说明"},
                             {"stale_days", "督办提醒天数"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const nlohmann::json before = PlanJson(call, plan, false);
  const db::Row& r = plan.row;
  std::string title = r.Str(kPTitle), from = r.Str(kPFrom), to = r.Str(kPTo), note = r.Str(kPNote);
  int64_t stale_days = r.Int(kPStaleDays);
  if (body.Has("title")) {
    GH_ASSIGN_OR_RETURN(title, body.Text("title", true, 200));
  }
  for (auto [key, value] : {std::pair{"period_from", &from}, std::pair{"period_to", &to}}) {
    if (!body.Has(key)) continue;
    GH_ASSIGN_OR_RETURN(std::string text, body.Text(key, true, 10));
    GH_ASSIGN_OR_RETURN(Date d, ParseDate(text, key));
    *value = d.ToString();
  }
  if (to < from) return body.Error("period_to", "不能早于实施起始日期");
  auto outside = call.tx.QueryOne(
      "SELECT MIN(deadline), MAX(deadline) FROM task_item WHERE plan_id = ?", {id});
  if (outside && outside->OptStr(0) && (outside->Str(0) < from || outside->Str(1) > to)) {
    return body.Error(
        outside->Str(0) < from ? "period_from" : "period_to",
        "须包含每一项的完成时限（" + outside->Str(0) + " 至 " + outside->Str(1) + "）");
  }
  if (body.Has("note")) {
    GH_ASSIGN_OR_RETURN(note, body.Text("note", false, 5000));
  }
  if (body.Has("stale_days")) {
    GH_ASSIGN_OR_RETURN(stale_days, body.Int("stale_days", 1, 365));
  }
  call.tx.Exec(
      "UPDATE task_plan SET title = ?, period_from = ?, period_to = ?, note = ?, stale_days = ?, "
      "updated_at = ? WHERE id = ?",
      {title, from, to, note, stale_days, call.now, id});
  if (stale_days != r.Int(kPStaleDays)) {
    // Each item's report day moves with the plan's setting.
    for (const db::Row& item : call.tx.Query(
             "SELECT id, COALESCE(last_report_on, assigned_on) FROM task_item WHERE plan_id = ?",
             {id})) {
      call.tx.Exec("UPDATE task_item SET report_due_on = ? WHERE id = ?",
                   {AddDays(ParseDate(item.Str(1)).value(), stale_days).ToString(), item.Int(0)});
    }
  }
  GH_ASSIGN_OR_RETURN(Plan after, LoadPlan(call, id));
  nlohmann::json out = PlanJson(call, after, true);
  audit::Record(call, "update", "task_plan", id, r.Int(kPOrgId), before, out);
  return api::Reply::Ok(std::move(out));
}

Result<api::Reply> ClosePlan(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlanForEdit(call, id, "办结方案"));
  api::Body body(call.body, {{"on", "办结日期"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string on, api::PastDate(body, "on", Today(call), false));
  const int64_t items = call.tx.QueryInt("SELECT COUNT(*) FROM task_item WHERE plan_id = ?", {id});
  if (items == 0) return FailedPrecondition("方案还没有任务清单项，不能办结", "items");
  const int64_t open = call.tx.QueryInt(
      "SELECT COUNT(*) FROM task_item WHERE plan_id = ? AND state <> 'closed'", {id});
  if (open > 0) {
    return FailedPrecondition("还有 " + std::to_string(open) + " 项未验收关闭，方案不能办结",
                              "items");
  }
  const std::string last =
      call.tx
          .QueryOne("SELECT COALESCE(MAX(closed_on), '') FROM task_item WHERE plan_id = ?", {id})
          ->Str(0);
  if (on < last) return body.Error("on", "不能早于最后一项的验收日期（" + last + "）");
  const nlohmann::json before = PlanJson(call, plan, false);
  call.tx.Exec("UPDATE task_plan SET state = 'closed', closed_on = ?, updated_at = ? WHERE id = ?",
               {on, call.now, id});
  GH_ASSIGN_OR_RETURN(Plan after, LoadPlan(call, id));
  nlohmann::json out = PlanJson(call, after, true);
  audit::Record(call, "close", "task_plan", id, plan.row.Int(kPOrgId), before, out);
  return api::Reply::Ok(std::move(out));
}

Result<api::Reply> ListPlans(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  // A plan concerns a subtree when its union or the union of one of its items lies in it.
  std::string where = std::string(kPlanFrom) + " WHERE (" +
                      api::SubtreeHas("p.org_id", sub, params) +
                      " OR EXISTS (SELECT 1 FROM task_item i WHERE i.plan_id = p.id AND " +
                      api::SubtreeHas("i.org_id", sub, params) + "))";
  if (!p.from.empty()) {
    where += " AND p.period_to >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND p.period_from <= ?";
    params.push_back(p.to);
  }
  if (p.year) where += " AND " + api::TouchesYear("p.period_from", "p.period_to", *p.year, params);
  if (!p.q.empty()) {
    where += " AND p.title LIKE ? ESCAPE '\\'";
    params.push_back(db::ContainsPattern(p.q));
  }
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    if (*state != "open" && *state != "closed") {
      return InvalidArgument("state", "查询参数 state 应为 open 或 closed");
    }
    where += " AND p.state = ?";
    params.push_back(*state);
  }
  if (auto activity = call.req.Query("activity_id"); activity && !activity->empty()) {
    std::optional<int64_t> a = api::ParseId(*activity);
    if (!a) return InvalidArgument("activity_id", "查询参数 activity_id 应为正整数");
    where += " AND p.activity_id = ?";
    params.push_back(*a);
  }
  api::PageRows page = api::QueryPage(call.tx, kPlanColumns, where, std::move(params),
                                      "p.period_from DESC, p.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (db::Row& r : page.rows) {
    const bool owner = auth::InScope(call.tx, call.who, r.Int(kPOrgId));
    items.push_back(PlanJson(call, Plan{std::move(r), owner}, false));
  }
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> AddItem(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlanForEdit(call, id, "增加任务清单项"));
  if (call.tx.QueryInt("SELECT COUNT(*) FROM task_item WHERE plan_id = ?", {id}) >=
      static_cast<int64_t>(kMaxItems)) {
    return FailedPrecondition("一个方案最多 200 项", "items");
  }
  GH_ASSIGN_OR_RETURN(ItemInput in, ReadItem(call, call.body, plan.row, std::nullopt));
  const int64_t item_id = InsertItem(call, id, static_cast<int>(plan.row.Int(kPStaleDays)), in);
  GH_ASSIGN_OR_RETURN(db::Row row, ItemRow(call.tx, item_id));
  nlohmann::json out = ItemJson(call.tx, row, Today(call), true, true);
  audit::Record(call, "create", "task_item", item_id, in.org_id, nullptr, out);
  return api::Reply::Created(std::move(out));
}

// The item's plan, checked for an edit by its owner while open and the item not closed.
Result<Item> LoadItemForEdit(api::Call& call, std::string_view what) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Item item, LoadItem(call, id));
  GH_RETURN_IF_ERROR(LoadPlanForEdit(call, item.row.Int(kPlanId), what).status());
  if (item.row.Str(kState) == "closed") {
    return FailedPrecondition("该项已验收关闭，不能再修改", "state");
  }
  return item;
}

Result<api::Reply> UpdateItem(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Item item, LoadItemForEdit(call, "修改任务清单"));
  const db::Row& r = item.row;
  GH_ASSIGN_OR_RETURN(Plan plan, LoadPlan(call, r.Int(kPlanId)));
  ItemInput base{r.Int(kOrgId),      r.Str(kTitle),      r.Str(kResponsible),   r.Str(kDeadline),
                 r.Str(kTargetUnit), r.Str(kTargetText), r.OptInt(kTargetCount)};
  GH_ASSIGN_OR_RETURN(ItemInput in, ReadItem(call, call.body, plan.row, base));
  const int64_t id = r.Int(kId);
  const nlohmann::json before = ItemJson(call.tx, r, Today(call), true, false);
  call.tx.Exec(
      "UPDATE task_item SET org_id = ?, title = ?, responsible = ?, deadline = ?, target_count = "
      "?, target_unit = ?, target_text = ?, updated_at = ? WHERE id = ?",
      {in.org_id, in.title, in.responsible, in.deadline, db::OrNull(in.target_count),
       in.target_unit, in.target_text, call.now, id});
  GH_ASSIGN_OR_RETURN(db::Row after, ItemRow(call.tx, id));
  nlohmann::json out = ItemJson(call.tx, after, Today(call), true, true);
  audit::Record(call, "update", "task_item", id, in.org_id, before, out);
  return api::Reply::Ok(std::move(out));
}

Result<api::Reply> DeleteItem(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Item item, LoadItemForEdit(call, "删除任务清单项"));
  const int64_t id = item.row.Int(kId);
  if (item.row.Str(kState) != "not_started" ||
      call.tx.QueryInt("SELECT COUNT(*) FROM task_report WHERE item_id = ?", {id}) > 0) {
    return FailedPrecondition("该项已有进展报送，不能删除", "state");
  }
  const nlohmann::json before = ItemJson(call.tx, item.row, Today(call), true, false);
  call.tx.Exec("DELETE FROM task_item_event WHERE item_id = ?", {id});
  call.tx.Exec("DELETE FROM task_item WHERE id = ?", {id});
  audit::Record(call, "delete", "task_item", id, item.row.Int(kOrgId), before, nullptr);
  return api::Reply::NoContent();
}

// The work records a report links: each must exist and lie in the caller's scope.
Result<std::vector<int64_t>> LinkedActivities(api::Call& call, const api::Body& body) {
  GH_ASSIGN_OR_RETURN(std::vector<int64_t> ids, body.IdList("activity_ids", 20));
  for (size_t i = 0; i < ids.size(); ++i) {
    auto a = call.tx.QueryOne("SELECT org_id FROM activity WHERE id = ? AND deleted_at IS NULL",
                              {ids[i]});
    if (!a || !auth::InScope(call.tx, call.who, a->Int(0))) {
      return InvalidArgument("activity_ids[" + std::to_string(i) + "]",
                             "工作动态 " + std::to_string(ids[i]) + " 不存在或不在您的管辖范围内");
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Result<api::Reply> TakeStep(api::Call& call, ItemStep step) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Item item, LoadItem(call, id));
  const db::Row& r = item.row;
  const std::string state = r.Str(kState);
  const bool reports = step == ItemStep::kReport || step == ItemStep::kComplete;
  std::vector<api::FieldDef> fields = {{"on", "日期"}};
  if (step == ItemStep::kReport) fields.push_back({"text", "进展情况"});
  if (step == ItemStep::kComplete) fields.push_back({"evidence", "完成情况及佐证说明"});
  if (reports) {
    fields.insert(fields.end(),
                  {{"achieved", "累计完成数量"}, {"photos", "照片"}, {"activity_ids", "工作动态"}});
  }
  if (step == ItemStep::kAccept) fields.push_back({"comment", "验收意见"});
  if (step == ItemStep::kReturn) fields.push_back({"reason", "退回理由"});
  api::Body body(call.body, fields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (OwnerOnly(step) && !item.owner) {
    return PermissionDenied("只有方案所属工会（" + r.Str(kPlanOrgName) + "）可以" +
                            ItemStepLabel(step));
  }
  if (r.Str(kPlanState) != "open") return FailedPrecondition("实施方案已办结", "state");
  std::optional<std::string> next = ItemNext(state, step);
  if (!next) {
    return FailedPrecondition(
        "该项当前为「" + ItemStateLabel(state) + "」，不能" + ItemStepLabel(step), "state");
  }
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string on, api::PastDate(body, "on", today, false));
  const std::string last =
      call.tx
          .QueryOne("SELECT COALESCE(MAX(on_date), '') FROM task_item_event WHERE item_id = ?",
                    {id})
          ->Str(0);
  if (on < last) return body.Error("on", "不能早于上一次的日期（" + last + "）");
  if (on < r.Str(kPlanPeriodFrom)) {
    return body.Error("on", "不能早于方案实施起始日期（" + r.Str(kPlanPeriodFrom) + "）");
  }
  const nlohmann::json before = ItemJson(call.tx, r, today, item.owner, false);
  nlohmann::json detail = nlohmann::json::object();
  std::string sql = "UPDATE task_item SET state = ?, updated_at = ?";
  std::vector<db::Value> params = {*next, call.now};
  if (reports) {
    const char* text_key = step == ItemStep::kReport ? "text" : "evidence";
    GH_ASSIGN_OR_RETURN(std::string text, body.Text(text_key, true, 5000));
    GH_ASSIGN_OR_RETURN(std::optional<int64_t> achieved, body.OptInt("achieved", 0, 1'000'000'000));
    if (achieved && !r.OptInt(kTargetCount)) {
      return body.Error("achieved", "不适用：该项没有数量目标");
    }
    GH_ASSIGN_OR_RETURN(std::vector<int64_t> photo_ids, body.IdList("photos", 20));
    GH_ASSIGN_OR_RETURN(nlohmann::json photos,
                        photo::Attach(call.tx, call.who, photo_ids, r.Int(kOrgId), "photos"));
    GH_ASSIGN_OR_RETURN(std::vector<int64_t> activities, LinkedActivities(call, body));
    if (step == ItemStep::kComplete && photos.empty() && activities.empty()) {
      return body.Error("photos", "不能为空：提交完成须附至少一张照片或一条工作动态作为佐证");
    }
    const int64_t report = call.tx.Insert(
        "INSERT INTO task_report (item_id, kind, on_date, text, achieved, photos, user_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {id, step == ItemStep::kReport ? "progress" : "evidence", on, text, db::OrNull(achieved),
         photos.dump(), call.who.user_id, call.now});
    for (int64_t a : activities) {
      call.tx.Exec("INSERT INTO task_report_activity (report_id, activity_id) VALUES (?, ?)",
                   {report, a});
    }
    sql += ", last_report_on = ?, report_due_on = ?";
    params.insert(params.end(), {on, AddDays(ParseDate(on).value(), r.Int(kStaleDays)).ToString()});
    if (achieved) {
      sql += ", achieved = ?";
      params.push_back(*achieved);
    }
    if (step == ItemStep::kComplete) {
      sql += ", evidence_report_id = ?, completed_on = ?";
      params.insert(params.end(), {report, on});
    }
    detail = {{"report_id", report}};
  }
  if (step == ItemStep::kAccept) {
    GH_ASSIGN_OR_RETURN(std::string comment, body.Text("comment", false, 2000));
    sql += ", closed_on = ?";
    params.push_back(on);
    if (!comment.empty()) detail["comment"] = comment;
  }
  if (step == ItemStep::kReturn) {
    GH_ASSIGN_OR_RETURN(std::string reason, body.Text("reason", true, 2000));
    sql += ", evidence_report_id = NULL, completed_on = NULL";
    detail["reason"] = reason;
  }
  params.push_back(id);
  call.tx.Exec(sql + " WHERE id = ?", params);
  api::AppendEvent(call, "task_item_event", "item_id", id, ItemStepName(step), state, *next, on,
                   detail);
  GH_ASSIGN_OR_RETURN(db::Row after, ItemRow(call.tx, id));
  nlohmann::json out = ItemJson(call.tx, after, today, item.owner, true);
  audit::Record(call, ItemStepName(step), "task_item", id, r.Int(kOrgId), before, out);
  return api::Reply::Ok(std::move(out));
}

api::ApiHandler StepHandler(ItemStep step) {
  return [step](api::Call& call) { return TakeStep(call, step); };
}

}  // namespace

Date Today(const api::Call& call) { return TodayUtcPlus8(call.now); }

void RegisterPlanRoutes(api::Api& api) {
  api.Add(
      {"GET",
       "/tasks/plans",
       "task:plan:read",
       "tasks",
       "实施方案列表（所属工会或其清单项在子树内）",
       ListPlans,
       {"org_id", "axis", "from", "to", "year", "q", "state", "activity_id", "page", "page_size"}});
  api.Add({"POST", "/tasks/plans", "task:plan:write", "tasks", "制定实施方案", CreatePlan});
  api.Add({"GET", "/tasks/plans/{id}", "task:plan:read", "tasks", "实施方案详情",
           api::GetById<GetPlan>});
  api.Add({"PATCH", "/tasks/plans/{id}", "task:plan:write", "tasks", "修改实施方案", UpdatePlan});
  api.Add({"POST", "/tasks/plans/{id}/close", "task:plan:write", "tasks",
           "办结实施方案（每一项均已验收关闭）", ClosePlan});
  api.Add(
      {"POST", "/tasks/plans/{id}/items", "task:plan:write", "tasks", "增加任务清单项", AddItem});
  api.Add({"GET", "/tasks/items/{id}", "task:plan:read", "tasks", "任务清单项详情",
           api::GetById<GetItem>});
  api.Add({"PATCH", "/tasks/items/{id}", "task:plan:write", "tasks", "修改任务清单项", UpdateItem});
  api.Add({"DELETE", "/tasks/items/{id}", "task:plan:write", "tasks", "删除未开始的任务清单项",
           DeleteItem});
  const std::pair<ItemStep, const char*> steps[] = {
      {ItemStep::kReport, "报送进展"},
      {ItemStep::kComplete, "提交完成（附佐证）"},
      {ItemStep::kAccept, "验收通过并关闭（方案所属工会）"},
      {ItemStep::kReturn, "退回重办（方案所属工会）"}};
  for (const auto& [step, summary] : steps) {
    api.Add({"POST", std::string("/tasks/items/{id}/") + ItemStepName(step), "task:plan:write",
             "tasks", summary, StepHandler(step)});
  }
}

}  // namespace gonghui::task
