#include "campaign/campaign.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "core/date.h"
#include "core/time.h"
#include "org/org.h"
#include "stats/rollup.h"

namespace gonghui::campaign {
namespace {

const std::vector<api::FieldDef> kFields = {
    {"org_id", "主办工会"},        {"name", "行动名称"},         {"date_from", "开始日期"},
    {"date_to", "结束日期"},       {"target_count", "目标数量"}, {"target_unit", "目标单位"},
    {"target_groups", "目标对象"}, {"description", "说明"}};

constexpr const char* kColumns =
    "c.id, c.org_id, o.name, c.name, c.date_from, c.date_to, c.target_count, c.target_unit, "
    "c.target_groups, c.description, c.created_by, c.created_at, c.updated_at";
constexpr const char* kFrom = " FROM campaign c JOIN org o ON o.id = c.org_id";

nlohmann::json ToJson(const db::Row& r) {
  nlohmann::json groups = nlohmann::json::parse(r.Str(8), nullptr, false);
  return {{"id", r.Int(0)},
          {"org_id", r.Int(1)},
          {"org_name", r.Str(2)},
          {"name", r.Str(3)},
          {"date_from", r.Str(4)},
          {"date_to", r.Str(5)},
          {"target_count", r.Int(6)},
          {"target_unit", r.Str(7)},
          {"target_groups", groups.is_array() ? groups : nlohmann::json::array()},
          {"description", r.Str(9)},
          {"created_by", r.OptInt(10) ? nlohmann::json(*r.OptInt(10)) : nullptr},
          {"created_at", FormatTimestamp(r.Int(11))},
          {"updated_at", FormatTimestamp(r.Int(12))}};
}

// The campaign when it reaches the caller; kNotFound otherwise.
Result<nlohmann::json> LoadVisible(api::Call& call, int64_t id) {
  std::optional<db::Row> r =
      call.tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE c.id = ?", {id});
  if (!r || !Reaches(call.tx, call.who.org_id, r->Int(1))) return NotFound("关爱行动不存在");
  return ToJson(*r);
}

double Ratio(int64_t count, int64_t target) {
  return std::round(static_cast<double>(count) / static_cast<double>(target) * 10000.0) / 10000.0;
}

// Reads the editable fields into `c` (the current values when patching).
Status Parse(const api::Body& body, bool creating, nlohmann::json& c) {
  if (creating || body.Has("name")) {
    GH_ASSIGN_OR_RETURN(std::string name, body.Text("name", true, 200));
    c["name"] = name;
  }
  for (const char* key : {"date_from", "date_to"}) {
    if (creating || body.Has(key)) {
      GH_ASSIGN_OR_RETURN(std::string date, body.Text(key, true, 10));
      GH_RETURN_IF_ERROR(ParseDate(date, key).status());
      c[key] = date;
    }
  }
  if (c["date_to"].get<std::string>() < c["date_from"].get<std::string>()) {
    return body.Error("date_to", "不能早于开始日期");
  }
  if (creating || body.Has("target_count")) {
    GH_ASSIGN_OR_RETURN(int64_t n, body.Int("target_count", 0, 1000000000));
    c["target_count"] = n;
  }
  if (body.Has("target_unit") || creating) {
    GH_ASSIGN_OR_RETURN(std::string unit, body.Text("target_unit", false, 10));
    c["target_unit"] = unit.empty() ? std::string("人") : unit;
  }
  if (body.Has("target_groups")) {
    GH_ASSIGN_OR_RETURN(std::vector<std::string> groups, body.TextList("target_groups", 20, 50));
    c["target_groups"] = groups;
  } else if (creating) {
    c["target_groups"] = nlohmann::json::array();
  }
  if (body.Has("description") || creating) {
    GH_ASSIGN_OR_RETURN(std::string text, body.Text("description", false, 5000));
    c["description"] = text;
  }
  return Status::Ok();
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(const int64_t org_id, api::OwnerOrg(call, body, "主办工会"));
  nlohmann::json c = {{"date_from", ""}, {"date_to", ""}};
  GH_RETURN_IF_ERROR(Parse(body, true, c));
  const int64_t id = call.tx.Insert(
      "INSERT INTO campaign (org_id, name, date_from, date_to, target_count, target_unit, "
      "target_groups, description, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?) RETURNING id",
      {org_id, c["name"].get<std::string>(), c["date_from"].get<std::string>(),
       c["date_to"].get<std::string>(), c["target_count"].get<int64_t>(),
       c["target_unit"].get<std::string>(), c["target_groups"].dump(),
       c["description"].get<std::string>(), call.who.user_id, call.now, call.now});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadVisible(call, id));
  audit::Record(call, "create", "campaign", id, org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadVisible(call, id));
  const int64_t org_id = before["org_id"];
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return PermissionDenied("只有主办工会及其上级可以修改该关爱行动");
  }
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t given, body.Int("org_id", 1, INT64_MAX));
    if (given != org_id) return body.Error("org_id", "创建后不能修改");
  }
  nlohmann::json c = before;
  GH_RETURN_IF_ERROR(Parse(body, false, c));
  for (auto [key, sql] :
       {std::pair{"date_from", "start_date < ?"}, std::pair{"date_to", "start_date > ?"}}) {
    if (call.tx.QueryInt(std::string("SELECT COUNT(*) FROM activity WHERE campaign_id = ? AND "
                                     "deleted_at IS NULL AND ") +
                             sql,
                         {id, c[key].get<std::string>()}) > 0) {
      return FailedPrecondition("已有关联的工作动态落在新的起止日期之外", key);
    }
  }
  call.tx.Exec(
      "UPDATE campaign SET name = ?, date_from = ?, date_to = ?, target_count = ?, target_unit = "
      "?, target_groups = ?, description = ?, updated_at = ? WHERE id = ?",
      {c["name"].get<std::string>(), c["date_from"].get<std::string>(),
       c["date_to"].get<std::string>(), c["target_count"].get<int64_t>(),
       c["target_unit"].get<std::string>(), c["target_groups"].dump(),
       c["description"].get<std::string>(), call.now, id});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadVisible(call, id));
  audit::Record(call, "update", "campaign", id, org_id, before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::vector<db::Value> params;
  std::string where = " WHERE " + ReachSql("c.org_id", call.who.org_id, params);
  if (p.org_id) {
    GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
    where += " AND " + ReachSql("c.org_id", sub.root, params);
  }
  if (p.year) {
    where += " AND " + api::TouchesYear("c.date_from", "c.date_to", *p.year, params);
  }
  if (!p.q.empty()) {
    where += " AND c.name LIKE ? ESCAPE '\\'";
    params.push_back(db::ContainsPattern(p.q));
  }
  api::PageRows page =
      api::QueryPage(call.tx, kColumns, kFrom + where, params, "c.date_from DESC, c.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(r));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> GetProgress(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  nlohmann::json out = Progress(call.tx, id, c["target_count"], sub.root, sub.axis);
  out["campaign"] = std::move(c);
  out["org_id"] = sub.root;
  out["org_name"] = call.tx.Query("SELECT name FROM org WHERE id = ?", {sub.root})[0].Str(0);
  out["axis"] = stats::AxisName(sub.axis);
  return api::Reply::Ok(std::move(out));
}

}  // namespace

std::string ReachSql(std::string_view column, int64_t org_id, std::vector<db::Value>& params) {
  // Row by row: programmes are few, a subtree may be the whole city.
  params.insert(params.end(), {db::Value(org_id), db::Value(org_id)});
  const std::string col(column);
  return "(EXISTS (SELECT 1 FROM org_closure rc WHERE rc.ancestor_id = ? AND rc.descendant_id = " +
         col + ") OR EXISTS (SELECT 1 FROM org_closure rc WHERE rc.ancestor_id = " + col +
         " AND rc.descendant_id = ?))";
}

bool Reaches(db::Tx& tx, int64_t user_org, int64_t owner) {
  return tx.QueryInt(
             "SELECT COUNT(*) FROM org_closure WHERE (ancestor_id = ? AND descendant_id = ?) OR "
             "(ancestor_id = ? AND descendant_id = ?)",
             {user_org, owner, owner, user_org}) > 0;
}

Status CheckLink(db::Tx& tx, const auth::Principal& who, int64_t campaign_id, int64_t org_id,
                 const std::string& start_date) {
  std::optional<db::Row> c = tx.QueryOne(
      "SELECT org_id, date_from, date_to, name FROM campaign WHERE id = ?", {campaign_id});
  if (!c || !Reaches(tx, who.org_id, c->Int(0))) {
    return InvalidArgument("campaign_id", "关爱行动（campaign_id）不存在");
  }
  if (tx.QueryInt("SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND descendant_id = ?",
                  {c->Int(0), org_id}) == 0) {
    return InvalidArgument("campaign_id",
                           "关爱行动（campaign_id）“" + c->Str(3) + "”不面向该工作动态所属工会");
  }
  if (start_date < c->Str(1) || start_date > c->Str(2)) {
    return InvalidArgument("campaign_id", "工作动态的日期不在关爱行动（campaign_id）“" + c->Str(3) +
                                              "”的起止日期（" + c->Str(1) + "至" + c->Str(2) +
                                              "）之内");
  }
  return Status::Ok();
}

Share ShareOf(int64_t campaign_id, int64_t org_id, int64_t beneficiaries_total,
              std::optional<int64_t> participants, int64_t money_fen,
              const nlohmann::json& detail) {
  Share s{campaign_id,
          org_id,
          beneficiaries_total > 0 ? beneficiaries_total : participants.value_or(0),
          money_fen,
          {}};
  std::set<std::string> items;
  if (detail.is_object() && detail.contains("items") && detail["items"].is_array()) {
    for (const auto& item : detail["items"]) {
      if (item.is_string()) items.insert(item.get<std::string>());
    }
  }
  s.items.assign(items.begin(), items.end());
  return s;
}

namespace {

// Adds to the row of the org's own records and to the subtree rows of the org
// and each of its ancestors, on both axes (org_closure holds depth 0).
constexpr const char* kTallyOwn =
    "INSERT INTO campaign_tally (campaign_id, axis, org_id, activities, beneficiaries, "
    "money_fen) VALUES (?, 'o', ?, ?, ?, ?)";
constexpr const char* kTallyUp =
    "INSERT INTO campaign_tally (campaign_id, axis, org_id, activities, beneficiaries, "
    "money_fen) SELECT CAST(? AS BIGINT), axis, ancestor_id, CAST(? AS BIGINT), CAST(? AS "
    "BIGINT), CAST(? AS BIGINT) FROM org_closure WHERE descendant_id = ?";
constexpr const char* kTallyAdd =
    " ON CONFLICT (campaign_id, axis, org_id) DO UPDATE SET activities = "
    "campaign_tally.activities + excluded.activities, beneficiaries = "
    "campaign_tally.beneficiaries + excluded.beneficiaries, money_fen = campaign_tally.money_fen "
    "+ excluded.money_fen";
constexpr const char* kItemOwn =
    "INSERT INTO campaign_tally_item (campaign_id, axis, org_id, item, n) VALUES (?, 'o', ?, ?, "
    "?)";
constexpr const char* kItemUp =
    "INSERT INTO campaign_tally_item (campaign_id, axis, org_id, item, n) SELECT CAST(? AS "
    "BIGINT), axis, ancestor_id, CAST(? AS TEXT), CAST(? AS BIGINT) FROM org_closure WHERE "
    "descendant_id = ?";
constexpr const char* kItemAdd =
    " ON CONFLICT (campaign_id, axis, org_id, item) DO UPDATE SET n = campaign_tally_item.n + "
    "excluded.n";

// Sums of records, as counted into a tally row.
struct Sum {
  int64_t activities = 0, beneficiaries = 0, money = 0;
  std::map<std::string, int64_t> items;  // item → records naming it

  void Add(const Sum& other) {
    activities += other.activities;
    beneficiaries += other.beneficiaries;
    money += other.money;
    for (const auto& [item, n] : other.items) items[item] += n;
  }
};

}  // namespace

void Count(db::Tx& tx, const Share& s, int sign) {
  const int64_t n = sign, b = sign * s.beneficiaries, m = sign * s.money_fen;
  tx.Exec(std::string(kTallyOwn) + kTallyAdd, {s.campaign_id, s.org_id, n, b, m});
  tx.Exec(std::string(kTallyUp) + kTallyAdd, {s.campaign_id, n, b, m, s.org_id});
  for (const std::string& item : s.items) {
    tx.Exec(std::string(kItemOwn) + kItemAdd, {s.campaign_id, s.org_id, item, n});
    tx.Exec(std::string(kItemUp) + kItemAdd, {s.campaign_id, item, n, s.org_id});
  }
}

void RebuildTallies(db::Tx& tx, std::optional<int64_t> campaign_id) {
  std::string filter = " WHERE campaign_id IS NOT NULL";
  std::vector<db::Value> params;
  if (campaign_id) {
    filter = " WHERE campaign_id = ?";
    params.push_back(*campaign_id);
  }
  tx.Exec("DELETE FROM campaign_tally_item" + filter, params);
  tx.Exec("DELETE FROM campaign_tally" + filter, params);
  const std::string live = filter + " AND deleted_at IS NULL";
  // The records' own sums by (campaign, org), then added to each ancestor.
  std::map<std::pair<int64_t, int64_t>, Sum> own;
  for (const db::Row& r : tx.Query(
           "SELECT campaign_id, org_id, beneficiaries_total, participants_count, money_total_fen, "
           "detail FROM activity" +
               live,
           params)) {
    Share share = ShareOf(r.Int(0), r.Int(1), r.Int(2), r.OptInt(3), r.Int(4),
                          nlohmann::json::parse(r.Str(5), nullptr, false));
    Sum& sum = own[{share.campaign_id, share.org_id}];
    sum.activities += 1;
    sum.beneficiaries += share.beneficiaries;
    sum.money += share.money_fen;
    for (const std::string& item : share.items) sum.items[item] += 1;
  }
  std::map<int64_t, std::vector<std::pair<std::string, int64_t>>> up;  // org → (axis, ancestor)
  for (const db::Row& r :
       tx.Query("SELECT descendant_id, axis, ancestor_id FROM org_closure WHERE descendant_id IN "
                "(SELECT DISTINCT org_id FROM activity" +
                    live + ")",
                params)) {
    up[r.Int(0)].emplace_back(r.Str(1), r.Int(2));
  }
  std::map<std::tuple<int64_t, std::string, int64_t>, Sum> rows;  // (campaign, axis, org)
  for (const auto& [key, sum] : own) {
    rows[{key.first, "o", key.second}].Add(sum);
    for (const auto& [axis, ancestor] : up[key.second]) rows[{key.first, axis, ancestor}].Add(sum);
  }
  db::BulkInsert tally(
      tx, "campaign_tally",
      {"campaign_id", "axis", "org_id", "activities", "beneficiaries", "money_fen"});
  db::BulkInsert items(tx, "campaign_tally_item", {"campaign_id", "axis", "org_id", "item", "n"});
  for (const auto& [key, sum] : rows) {
    const auto& [campaign, axis, org] = key;
    tally.Add({campaign, axis, org, sum.activities, sum.beneficiaries, sum.money});
    for (const auto& [item, n] : sum.items) items.Add({campaign, axis, org, item, n});
  }
}

nlohmann::json Progress(db::Tx& tx, int64_t campaign_id, int64_t target_count, int64_t root,
                        const std::string& axis, bool with_rows) {
  // The root's subtree ('t'/'i') and own ('o') rows, and its children's.
  std::map<std::pair<std::string, int64_t>, Sum> tallies;
  std::string which = "((axis = ? OR axis = 'o') AND org_id = ?)";
  std::vector<db::Value> params = {campaign_id, axis, root};
  if (with_rows) {
    which +=
        " OR (axis = ? AND org_id IN (SELECT descendant_id FROM org_closure WHERE "
        "ancestor_id = ? AND axis = ? AND depth = 1))";
    params.insert(params.end(), {db::Value(axis), db::Value(root), db::Value(axis)});
  }
  for (const db::Row& r : tx.Query("SELECT axis, org_id, activities, beneficiaries, money_fen "
                                   "FROM campaign_tally WHERE campaign_id = ? AND (" +
                                       which + ") AND activities > 0",
                                   params)) {
    Sum& sum = tallies[{r.Str(0), r.Int(1)}];
    sum.activities = r.Int(2);
    sum.beneficiaries = r.Int(3);
    sum.money = r.Int(4);
  }
  for (const db::Row& r : tx.Query("SELECT axis, org_id, item FROM campaign_tally_item WHERE "
                                   "campaign_id = ? AND (" +
                                       which + ") AND n > 0",
                                   params)) {
    tallies[{r.Str(0), r.Int(1)}].items[r.Str(2)] = 1;
  }
  auto figures = [&](const std::string& tally_axis, int64_t org_id) {
    const Sum& s = tallies[{tally_axis, org_id}];
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : s.items) items.push_back(entry.first);
    return nlohmann::json{
        {"activities", s.activities},
        {"beneficiaries", s.beneficiaries},
        {"money_fen", s.money},
        {"items", std::move(items)},
        {"ratio", target_count > 0 ? nlohmann::json(Ratio(s.beneficiaries, target_count))
                                   : nlohmann::json(nullptr)},
        {"link",
         stats::Link("/activities", "campaign_id=" + std::to_string(campaign_id), org_id, axis)}};
  };
  nlohmann::json out = {{"total", figures(axis, root)}};
  if (!with_rows) return out;
  nlohmann::json rows = nlohmann::json::array();
  for (const stats::Child& child : stats::Children(tx, root, axis)) {
    if (!tallies.contains({axis, child.id})) continue;
    nlohmann::json row = figures(axis, child.id);
    row["org_id"] = child.id;
    row["org_name"] = child.name;
    row["own"] = false;
    rows.push_back(std::move(row));
  }
  if (tallies.contains({"o", root})) {
    nlohmann::json row = figures("o", root);
    row["link"] = row["link"].get<std::string>() + "&own=true";
    row["org_id"] = root;
    row["org_name"] = "本级";
    row["own"] = true;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    if (a["beneficiaries"] != b["beneficiaries"]) return a["beneficiaries"] > b["beneficiaries"];
    return a["org_name"].get<std::string>() < b["org_name"].get<std::string>();
  });
  out["rows"] = std::move(rows);
  return out;
}

void RegisterRoutes(api::Api& api) {
  // Moving a subtree changes which ancestors its records count for.
  org::OnSubtreeMoved([](db::Tx& tx, int64_t root, std::string_view axis) {
    for (const db::Row& r :
         tx.Query("SELECT DISTINCT campaign_id FROM activity WHERE campaign_id IS NOT NULL AND "
                  "deleted_at IS NULL AND org_id IN (SELECT descendant_id FROM org_closure WHERE "
                  "ancestor_id = ? AND axis = ?)",
                  {root, std::string(axis)})) {
      RebuildTallies(tx, r.Int(0));
    }
  });
  api.Add({"GET",
           "/campaigns",
           "campaign:campaign:read",
           "campaigns",
           "关爱行动列表",
           List,
           {"org_id", "axis", "year", "q", "page", "page_size"}});
  api.Add({"POST", "/campaigns", "campaign:campaign:write", "campaigns", "新建关爱行动", Create});
  api.Add({"GET", "/campaigns/{id}", "campaign:campaign:read", "campaigns", "关爱行动详情",
           api::GetById<LoadVisible>});
  api.Add(
      {"PATCH", "/campaigns/{id}", "campaign:campaign:write", "campaigns", "修改关爱行动", Patch});
  api.Add({"GET",
           "/campaigns/{id}/progress",
           "campaign:campaign:read",
           "campaigns",
           "关爱行动进度（按下级工会汇总其整个子树）",
           GetProgress,
           {"org_id", "axis"}});
}

}  // namespace gonghui::campaign
