#include "news/news.h"

#include <algorithm>
#include <map>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "bulletin/bulletin.h"
#include "core/date.h"
#include "core/time.h"
#include "core/xlsx.h"
#include "photo/photo.h"
#include "search/search.h"

namespace gonghui::news {
namespace {

const std::vector<api::FieldDef> kFields = {
    {"org_id", "所属工会"},           {"title", "标题"}, {"body", "正文"}, {"event_date", "日期"},
    {"activity_ids", "关联工作动态"}, {"photos", "照片"}};

constexpr size_t kMaxBody = 50000;

constexpr const char* kColumns =
    "n.id, n.org_id, o.name, n.title, n.body, n.event_date, n.state, n.photos, n.comment, "
    "n.bulletin_id, n.section, n.points, n.adopted_on, n.submitted_at, n.created_by, "
    "u.display_name, n.created_at, n.updated_at, b.year, b.number";
constexpr const char* kFrom =
    " FROM news_item n JOIN org o ON o.id = n.org_id LEFT JOIN app_user u ON u.id = n.created_by "
    "LEFT JOIN bulletin b ON b.id = n.bulletin_id";

const char* const kStates[] = {"draft",       "submitted", "returned",
                               "resubmitted", "adopted",   "declined"};

bool IsState(std::string_view s) {
  return std::any_of(std::begin(kStates), std::end(kStates), [&](const char* k) { return s == k; });
}

std::string StateLabel(std::string_view s) {
  if (s == "draft") return "草稿";
  if (s == "submitted") return "已报送";
  if (s == "returned") return "已退回";
  if (s == "resubmitted") return "再次报送";
  if (s == "adopted") return "已采用";
  return "未采用";
}

nlohmann::json OptJson(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::string BulletinLabel(const db::Row& r) {
  if (r.IsNull(18)) return "";
  return std::to_string(r.Int(18)) + "年第" + std::to_string(r.Int(19)) + "期";
}

// Rows of kColumns → JSON, with linked work records fetched in one query.
nlohmann::json ToJson(db::Tx& tx, const std::vector<db::Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  if (rows.empty()) return out;
  std::string ids;
  for (const db::Row& r : rows) ids += (ids.empty() ? "" : ",") + std::to_string(r.Int(0));
  std::map<int64_t, nlohmann::json> links;
  for (const db::Row& l :
       tx.Query("SELECT l.news_id, a.id, a.title, a.start_date FROM news_activity l JOIN activity "
                "a ON a.id = l.activity_id WHERE l.news_id IN (" +
                ids + ") ORDER BY l.news_id, l.position")) {
    links[l.Int(0)].push_back({{"id", l.Int(1)}, {"title", l.Str(2)}, {"start_date", l.Str(3)}});
  }
  for (const db::Row& r : rows) {
    nlohmann::json photos = nlohmann::json::parse(r.Str(7), nullptr, false);
    auto it = links.find(r.Int(0));
    out.push_back(
        {{"id", r.Int(0)},
         {"org_id", r.Int(1)},
         {"org_name", r.Str(2)},
         {"title", r.Str(3)},
         {"body", r.Str(4)},
         {"event_date", r.Str(5)},
         {"state", r.Str(6)},
         {"state_label", StateLabel(r.Str(6))},
         {"photos", photos.is_array() ? photos : nlohmann::json::array()},
         {"comment", r.Str(8)},
         {"activities", it == links.end() ? nlohmann::json::array() : it->second},
         {"bulletin_id", OptJson(r.OptInt(9))},
         {"bulletin_label", BulletinLabel(r)},
         {"section", r.OptStr(10).value_or("")},
         {"points", r.Int(11)},
         {"adopted_on", r.OptStr(12) ? nlohmann::json(*r.OptStr(12)) : nlohmann::json(nullptr)},
         {"submitted_at", r.OptInt(13) ? nlohmann::json(FormatTimestamp(*r.OptInt(13))) : nullptr},
         {"created_by", OptJson(r.OptInt(14))},
         {"created_by_name", r.OptStr(15).value_or("")},
         {"created_at", FormatTimestamp(r.Int(16))},
         {"updated_at", FormatTimestamp(r.Int(17))}});
  }
  return out;
}

nlohmann::json Timeline(db::Tx& tx, int64_t id) {
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& r : tx.Query(
           "SELECT e.at, e.user_id, u.display_name, e.action, e.from_state, e.to_state, e.comment, "
           "e.bulletin_id, e.section FROM news_event e LEFT JOIN app_user u ON u.id = e.user_id "
           "WHERE e.news_id = ? ORDER BY e.id",
           {id})) {
    out.push_back({{"at", FormatTimestamp(r.Int(0))},
                   {"user_id", OptJson(r.OptInt(1))},
                   {"user_name", r.OptStr(2).value_or("")},
                   {"action", r.Str(3)},
                   {"from_state", r.Str(4)},
                   {"to_state", r.Str(5)},
                   {"comment", r.Str(6)},
                   {"bulletin_id", OptJson(r.OptInt(7))},
                   {"section", r.OptStr(8).value_or("")}});
  }
  return out;
}

Result<nlohmann::json> LoadInScope(api::Call& call, int64_t id) {
  std::vector<db::Row> rows =
      call.tx.Query(std::string("SELECT ") + kColumns + kFrom + " WHERE n.id = ?", {id});
  if (rows.empty()) return NotFound("稿件不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, rows[0].Int(1), "稿件"));
  return ToJson(call.tx, rows)[0];
}

Result<nlohmann::json> Detail(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(nlohmann::json n, LoadInScope(call, id));
  n["timeline"] = Timeline(call.tx, id);
  return n;
}

void Index(db::Tx& tx, int64_t id) {
  std::optional<db::Row> r =
      tx.QueryOne("SELECT org_id, event_date, title, body FROM news_item WHERE id = ?", {id});
  if (!r) return;
  search::Put(tx, {"news", id, r->Int(0), false, r->Str(1), r->Str(2), r->Str(3)});
}

// Records one step of the timeline and in the audit log, and moves the item
// to `to`.
void Step(api::Call& call, const nlohmann::json& before, std::string_view action,
          const std::string& to, const std::string& comment,
          std::optional<int64_t> bulletin_id = std::nullopt, const std::string& section = "") {
  const int64_t id = before["id"];
  call.tx.Exec(
      "INSERT INTO news_event (news_id, at, user_id, action, from_state, to_state, comment, "
      "bulletin_id, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, call.now, call.who.user_id, std::string(action), before["state"].get<std::string>(), to,
       comment, db::OrNull(bulletin_id),
       section.empty() ? db::Value(db::Null()) : db::Value(section)});
  call.tx.Exec("UPDATE news_item SET state = ?, updated_at = ? WHERE id = ?", {to, call.now, id});
}

void AuditStep(api::Call& call, std::string_view action, const nlohmann::json& before) {
  const int64_t id = before["id"];
  Result<nlohmann::json> after = LoadInScope(call, id);
  audit::Record(call, action, "news", id, before["org_id"].get<int64_t>(), before,
                after.ok() ? *after : nlohmann::json(nullptr));
}

Status RequireState(const nlohmann::json& item, std::initializer_list<const char*> allowed,
                    std::string_view what) {
  const std::string state = item["state"];
  for (const char* s : allowed) {
    if (state == s) return Status::Ok();
  }
  return FailedPrecondition("稿件当前状态为“" + StateLabel(state) + "”，不能" + std::string(what),
                            "state");
}

// Reads the editable fields into the row (and the link tables) of item `id`.
Status WriteFields(api::Call& call, const api::Body& body, int64_t id, int64_t org_id,
                   bool creating) {
  std::vector<std::string> sets;
  std::vector<db::Value> params;
  if (creating || body.Has("title")) {
    GH_ASSIGN_OR_RETURN(std::string title, body.Text("title", true, 200));
    sets.push_back("title = ?");
    params.push_back(title);
  }
  if (creating || body.Has("body")) {
    GH_ASSIGN_OR_RETURN(std::string text, body.Text("body", true, kMaxBody));
    sets.push_back("body = ?");
    params.push_back(text);
  }
  if (creating || body.Has("event_date")) {
    GH_ASSIGN_OR_RETURN(std::string date, body.Text("event_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(date, "event_date").status());
    sets.push_back("event_date = ?");
    params.push_back(date);
  }
  if (call.body.contains("photos")) {
    GH_ASSIGN_OR_RETURN(std::vector<int64_t> ids, body.IdList("photos", 20));
    GH_ASSIGN_OR_RETURN(nlohmann::json photos,
                        photo::Attach(call.tx, call.who, ids, org_id, "photos"));
    sets.push_back("photos = ?");
    params.push_back(photos.dump());
  }
  if (call.body.contains("activity_ids")) {
    GH_ASSIGN_OR_RETURN(std::vector<int64_t> ids, body.IdList("activity_ids", 20));
    call.tx.Exec("DELETE FROM news_activity WHERE news_id = ?", {id});
    for (size_t i = 0; i < ids.size(); ++i) {
      std::optional<db::Row> a = call.tx.QueryOne(
          "SELECT org_id FROM activity WHERE id = ? AND deleted_at IS NULL", {ids[i]});
      if (!a || !auth::InScope(call.tx, call.who, a->Int(0))) {
        return InvalidArgument(
            "activity_ids[" + std::to_string(i) + "]",
            "关联的工作动态 " + std::to_string(ids[i]) + " 不存在或不在您的管辖范围内");
      }
      call.tx.Exec("INSERT INTO news_activity (news_id, position, activity_id) VALUES (?, ?, ?)",
                   {id, static_cast<int64_t>(i), ids[i]});
    }
  }
  if (sets.empty()) return Status::Ok();
  std::string sql = "UPDATE news_item SET ";
  for (const std::string& s : sets) sql += s + ", ";
  sql += "updated_at = ? WHERE id = ?";
  params.push_back(call.now);
  params.push_back(id);
  call.tx.Exec(sql, params);
  return Status::Ok();
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(const int64_t org_id, api::OwnerOrg(call, body, "所属工会"));
  const int64_t id = call.tx.Insert(
      "INSERT INTO news_item (org_id, title, body, event_date, state, created_by, created_at, "
      "updated_at) VALUES (?, '', '', '', 'draft', ?, ?, ?) RETURNING id",
      {org_id, call.who.user_id, call.now, call.now});
  GH_RETURN_IF_ERROR(WriteFields(call, body, id, org_id, true));
  call.tx.Exec(
      "INSERT INTO news_event (news_id, at, user_id, action, from_state, to_state) VALUES (?, ?, "
      "?, 'create', '', 'draft')",
      {id, call.now, call.who.user_id});
  Index(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json n, Detail(call, id));
  audit::Record(call, "create", "news", id, org_id, nullptr, n);
  return api::Reply::Created(std::move(n));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json n, Detail(call, id));
  return api::Reply::Ok(std::move(n));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_RETURN_IF_ERROR(RequireState(before, {"draft", "returned"}, "修改（报送后须先由编辑退回）"));
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, INT64_MAX));
    if (org_id != before["org_id"].get<int64_t>()) return body.Error("org_id", "创建后不能修改");
  }
  GH_RETURN_IF_ERROR(WriteFields(call, body, id, before["org_id"], false));
  Index(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Detail(call, id));
  audit::Record(call, "update", "news", id, before["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

// The reviewer's and the reporter's transitions share this shape: load in
// scope, check the state, step, answer the item with its timeline.
using Action = std::function<Status(api::Call&, const nlohmann::json& before)>;

api::ApiHandler Transition(Action action) {
  return [action](api::Call& call) -> Result<api::Reply> {
    GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
    GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
    GH_RETURN_IF_ERROR(action(call, before));
    GH_ASSIGN_OR_RETURN(nlohmann::json after, Detail(call, id));
    return api::Reply::Ok(std::move(after));
  };
}

Status Submit(api::Call& call, const nlohmann::json& before) {
  api::Body body(call.body, {});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_RETURN_IF_ERROR(RequireState(before, {"draft", "returned"}, "报送"));
  const std::string to = before["state"] == "draft" ? "submitted" : "resubmitted";
  Step(call, before, to == "submitted" ? "submit" : "resubmit", to, "");
  call.tx.Exec("UPDATE news_item SET submitted_at = ? WHERE id = ?",
               {call.now, before["id"].get<int64_t>()});
  AuditStep(call, to == "submitted" ? "submit" : "resubmit", before);
  return Status::Ok();
}

Status Return(api::Call& call, const nlohmann::json& before) {
  api::Body body(call.body, {{"comment", "退回意见"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string comment, body.Text("comment", true, 500));
  GH_RETURN_IF_ERROR(RequireState(before, {"submitted", "resubmitted"}, "退回"));
  Step(call, before, "return", "returned", comment);
  call.tx.Exec("UPDATE news_item SET comment = ? WHERE id = ?",
               {comment, before["id"].get<int64_t>()});
  AuditStep(call, "return", before);
  return Status::Ok();
}

Status Decline(api::Call& call, const nlohmann::json& before) {
  api::Body body(call.body, {{"comment", "不采用说明"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string comment, body.Text("comment", false, 500));
  GH_RETURN_IF_ERROR(RequireState(before, {"submitted", "resubmitted"}, "设为不采用"));
  Step(call, before, "decline", "declined", comment);
  if (!comment.empty()) {
    call.tx.Exec("UPDATE news_item SET comment = ? WHERE id = ?",
                 {comment, before["id"].get<int64_t>()});
  }
  AuditStep(call, "decline", before);
  return Status::Ok();
}

// "5月20日，" unless the text already opens with its date.
std::string WithDate(const std::string& event_date, const std::string& text) {
  Result<Date> d = ParseDate(event_date);
  if (!d.ok()) return text;
  std::string prefix = std::to_string(d->month) + "月";
  if (text.starts_with(prefix) || text.starts_with(std::to_string(d->year) + "年")) return text;
  return prefix + std::to_string(d->day) + "日，" + text;
}

Status Adopt(api::Call& call, const nlohmann::json& before) {
  api::Body body(call.body, {{"bulletin_id", "期刊"}, {"section", "栏目"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t bulletin_id, body.Int("bulletin_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(std::string section, body.Text("section", true, 20));
  GH_RETURN_IF_ERROR(RequireState(before, {"submitted", "resubmitted"}, "采用"));
  bulletin::NewEntry entry{section,          before["title"], before["body"], "",
                           before["org_id"], before["id"],    std::nullopt};
  GH_ASSIGN_OR_RETURN(int64_t entry_id, bulletin::AppendEntry(call.tx, bulletin_id, entry));
  // A ◆ brief is one paragraph that opens with the date and has no heading.
  if (call.tx.QueryInt("SELECT COUNT(*) FROM bulletin_entry WHERE id = ? AND style = 'brief'",
                       {entry_id}) > 0) {
    std::string text = before["body"];
    std::replace(text.begin(), text.end(), '\n', ' ');
    call.tx.Exec("UPDATE bulletin_entry SET title = '', body = ? WHERE id = ?",
                 {WithDate(before["event_date"], text), entry_id});
  }
  Step(call, before, "adopt", "adopted", "", bulletin_id, section);
  call.tx.Exec(
      "UPDATE news_item SET bulletin_id = ?, section = ?, points = ?, adopted_on = ? WHERE id = ?",
      {bulletin_id, section, bulletin::SectionPoints(call.tx, section),
       TodayUtcPlus8(call.now).ToString(), before["id"].get<int64_t>()});
  AuditStep(call, "adopt", before);
  return Status::Ok();
}

// GET /news: the caller's subtree on both axes unless an axis is asked for.
Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::string where = " WHERE ";
  std::vector<db::Value> params;
  if (p.org_id || !p.axis.empty()) {
    GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
    where += api::InSubtree("n.org_id", sub, params);
  } else {
    where += "n.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ?)";
    params.push_back(call.who.org_id);
  }
  std::string order = "n.updated_at DESC, n.id DESC";
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    std::vector<std::string> states;
    if (*state == "pending") {
      states = {"submitted", "resubmitted"};
      order = "n.submitted_at, n.id";
    } else {
      for (size_t start = 0; start <= state->size();) {
        size_t comma = state->find(',', start);
        if (comma == std::string::npos) comma = state->size();
        states.push_back(state->substr(start, comma - start));
        start = comma + 1;
      }
    }
    std::string in;
    for (const std::string& s : states) {
      if (!IsState(s)) {
        return InvalidArgument("state",
                               "查询参数 state 应为 draft、submitted、returned、resubmitted、"
                               "adopted、declined 或 pending（待审核）");
      }
      in += in.empty() ? "?" : ", ?";
      params.push_back(s);
    }
    where += " AND n.state IN (" + in + ")";
  }
  if (!p.from.empty()) {
    where += " AND n.event_date >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND n.event_date <= ?";
    params.push_back(p.to);
  }
  if (!p.q.empty()) {
    where += " AND (n.title LIKE ? ESCAPE '\\' OR n.body LIKE ? ESCAPE '\\')";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(db::ContainsPattern(p.q));
  }
  api::PageRows page = api::QueryPage(call.tx, kColumns, kFrom + where, params, order, p);
  return api::Reply::Ok(api::Page(ToJson(call.tx, page.rows), page.total, p));
}

// --- The adoption score ------------------------------------------------------

struct Period {
  std::string label, from, to;
};

Result<Period> ParsePeriod(const std::optional<std::string>& text, int64_t now) {
  if (!text || text->empty()) {
    Date today = TodayUtcPlus8(now);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d-%02d", today.year, today.month);
    return Period{buf, std::string(buf) + "-01", std::string(buf) + "-31"};
  }
  const Status bad =
      InvalidArgument("period", "查询参数 period 应为月份（如 2024-05）或年份（如 2024）");
  if (text->size() == 4) {
    GH_RETURN_IF_ERROR(ParseDate(*text + "-01-01", "period").ok() ? Status::Ok() : bad);
    return Period{*text, *text + "-01-01", *text + "-12-31"};
  }
  if (text->size() == 7 && ParseDate(*text + "-01", "period").ok()) {
    return Period{*text, *text + "-01", *text + "-31"};
  }
  return bad;
}

Result<api::Reply> Ranking(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(Period period, ParsePeriod(call.req.Query("period"), call.now));
  const std::string format = call.req.Query("format").value_or("json");
  if (format != "json" && format != "xlsx") {
    return InvalidArgument("format", "查询参数 format 应为 json 或 xlsx");
  }
  const int64_t root = p.org_id.value_or(call.who.org_id);
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, root, "工会"));
  const std::string axis = p.axis.empty() ? "t" : p.axis;
  const std::string root_name =
      call.tx.Query("SELECT name FROM org WHERE id = ?", {root})[0].Str(0);

  struct Row {
    int64_t org_id;
    std::string name;
    int64_t points = 0, adopted = 0;
    std::map<std::string, int64_t> by_section;
  };
  std::vector<Row> rows;
  std::map<int64_t, size_t> index;
  for (const db::Row& r : call.tx.Query(
           "SELECT o.id, o.name FROM org_closure c JOIN org o ON o.id = c.descendant_id WHERE "
           "c.ancestor_id = ? AND c.axis = ? AND c.depth = 1 AND o.is_partner = 0",
           {root, axis})) {
    index[r.Int(0)] = rows.size();
    rows.push_back({r.Int(0), r.Str(1), 0, 0, {}});
  }
  // Each adopted item counts for the child whose subtree holds its union, or
  // for the root's own row (本级).
  std::optional<size_t> own;
  for (const db::Row& r : call.tx.Query(
           "SELECT COALESCE(c.ancestor_id, n.org_id), n.section, COUNT(*), SUM(n.points) FROM "
           "news_item n LEFT JOIN org_closure c ON c.descendant_id = n.org_id AND c.axis = ? AND "
           "c.ancestor_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND axis "
           "= ? AND depth = 1) WHERE n.state = 'adopted' AND n.adopted_on >= ? AND n.adopted_on "
           "<= ? AND n.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND "
           "axis = ?) GROUP BY COALESCE(c.ancestor_id, n.org_id), n.section",
           {axis, root, axis, period.from, period.to, root, axis})) {
    size_t at;
    if (auto it = index.find(r.Int(0)); it != index.end()) {
      at = it->second;
    } else {
      if (!own) {
        own = rows.size();
        rows.push_back({root, root_name + "（本级）", 0, 0, {}});
      }
      at = *own;
    }
    rows[at].adopted += r.Int(2);
    rows[at].points += r.Int(3);
    rows[at].by_section[r.Str(1)] += r.Int(2);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.points != b.points ? a.points > b.points : a.name < b.name;
  });
  std::vector<std::string> sections;
  for (const db::Row& r : call.tx.Query("SELECT name FROM bulletin_section_def ORDER BY position"))
    sections.push_back(r.Str(0));

  nlohmann::json items = nlohmann::json::array();
  std::vector<std::vector<XlsxCell>> cells;
  int64_t rank = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].points != rows[i - 1].points) rank = static_cast<int64_t>(i) + 1;
    items.push_back({{"rank", rank},
                     {"org_id", rows[i].org_id},
                     {"org_name", rows[i].name},
                     {"points", rows[i].points},
                     {"adopted", rows[i].adopted},
                     {"by_section", rows[i].by_section}});
    std::vector<XlsxCell> line = {rank, rows[i].name, rows[i].adopted, rows[i].points};
    for (const std::string& s : sections) line.emplace_back(rows[i].by_section[s]);
    cells.push_back(std::move(line));
  }
  if (format == "xlsx") {
    XlsxSheet sheet{"信息采用积分",
                    root_name + " 信息采用积分排行（" + period.label + "，" +
                        (axis == "t" ? "属地" : "产业") + "）",
                    {"名次", "工会", "采用条数", "积分"},
                    std::move(cells)};
    for (const std::string& s : sections) sheet.header.push_back(s);
    GH_ASSIGN_OR_RETURN(std::string bytes, WriteXlsx({sheet}));
    return api::Download(
        std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "信息采用积分-" + period.label + ".xlsx", "ranking-" + period.label + ".xlsx");
  }
  return api::Reply::Ok({{"period", period.label},
                         {"axis", axis == "t" ? "territorial" : "industry"},
                         {"org_id", root},
                         {"org_name", root_name},
                         {"sections", sections},
                         {"items", std::move(items)}});
}

}  // namespace

void Unadopt(api::Call& call, int64_t news_id) {
  Result<nlohmann::json> before = LoadInScope(call, news_id);
  if (!before.ok() || (*before)["state"] != "adopted") return;
  Step(call, *before, "unadopt", "submitted", "已从期刊中移除，回到待审核");
  call.tx.Exec(
      "UPDATE news_item SET bulletin_id = NULL, section = NULL, points = 0, adopted_on = NULL "
      "WHERE id = ?",
      {news_id});
  AuditStep(call, "unadopt", *before);
}

void RegisterRoutes(api::Api& api) {
  const std::vector<std::string> query = {"state", "org_id", "axis", "from",
                                          "to",    "q",      "page", "page_size"};
  api.Add({"GET", "/news", "news:item:read", "news", "稿件列表（state=pending 为审核队列）", List,
           query});
  api.Add({"POST", "/news", "news:item:write", "news", "撰写稿件（草稿）", Create});
  api.Add({"GET",
           "/news/ranking",
           "news:item:read",
           "news",
           "信息采用积分排行（按月或年，属地或产业；format=xlsx 导出）",
           Ranking,
           {"period", "axis", "org_id", "format"}});
  api.Add({"GET", "/news/{id}", "news:item:read", "news", "稿件详情（含流转时间线）", Get});
  api.Add({"PATCH", "/news/{id}", "news:item:write", "news", "修改稿件（草稿或已退回）", Patch});
  api.Add({"POST", "/news/{id}/submit", "news:item:write", "news", "报送（或退回后再次报送）",
           Transition(Submit)});
  api.Add({"POST", "/news/{id}/return", "news:item:review", "news", "退回并附意见",
           Transition(Return)});
  api.Add({"POST", "/news/{id}/adopt", "news:item:review", "news", "采用到期刊栏目",
           Transition(Adopt)});
  api.Add(
      {"POST", "/news/{id}/decline", "news:item:review", "news", "不采用", Transition(Decline)});
}

}  // namespace gonghui::news
