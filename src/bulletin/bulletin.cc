#include "bulletin/bulletin.h"

#include <map>
#include <set>

#include "api/body.h"
#include "audit/audit.h"
#include "core/date.h"
#include "core/time.h"
#include "news/news.h"
#include "search/search.h"

namespace gonghui::bulletin {
namespace {

constexpr size_t kMaxBody = 50000;
constexpr size_t kMaxEntries = 500;
constexpr const char* kWrite = "bulletin:issue:write";

bool IsStyle(std::string_view s) { return s == "article" || s == "brief"; }

std::string Label(int64_t year, int64_t number) {
  return std::to_string(year) + "年第" + std::to_string(number) + "期";
}

std::string FederationName(db::Tx& tx) {
  std::vector<db::Row> rows = tx.Query(
      "SELECT name FROM org WHERE kind = 'city' AND parent_id IS NULL ORDER BY id LIMIT 1");
  return rows.empty() ? "" : rows[0].Str(0);
}

int64_t RootOrg(db::Tx& tx) {
  return tx.QueryInt(
      "SELECT COALESCE(MIN(id), 0) FROM org WHERE kind = 'city' AND parent_id IS NULL");
}

// The section definitions: name → {style, points}.
struct SectionDef {
  std::string style;
  int64_t points = 0;
};
std::map<std::string, SectionDef> SectionDefs(db::Tx& tx) {
  std::map<std::string, SectionDef> out;
  for (const db::Row& r : tx.Query("SELECT name, style, points FROM bulletin_section_def"))
    out[r.Str(0)] = {r.Str(1), r.Int(2)};
  return out;
}

// The working copy as JSON (the same shape a frozen version keeps).
std::optional<nlohmann::json> WorkingCopy(db::Tx& tx, int64_t id) {
  std::optional<db::Row> b = tx.QueryOne(
      "SELECT id, year, number, title, date_from, date_to, issue_date, sections, "
      "published_version, changed, created_at, updated_at FROM bulletin WHERE id = ?",
      {id});
  if (!b) return std::nullopt;
  nlohmann::json entries = nlohmann::json::array();
  for (const db::Row& e :
       tx.Query("SELECT e.id, e.section, e.position, e.style, e.title, e.body, e.org_id, o.name, "
                "e.news_id, e.activity_id FROM bulletin_entry e LEFT JOIN org o ON o.id = e.org_id "
                "WHERE e.bulletin_id = ? ORDER BY e.position, e.id",
                {id})) {
    entries.push_back({{"id", e.Int(0)},
                       {"section", e.Str(1)},
                       {"position", e.Int(2)},
                       {"style", e.Str(3)},
                       {"title", e.Str(4)},
                       {"body", e.Str(5)},
                       {"org_id", e.OptInt(6) ? nlohmann::json(*e.OptInt(6)) : nullptr},
                       {"org_name", e.OptStr(7).value_or("")},
                       {"news_id", e.OptInt(8) ? nlohmann::json(*e.OptInt(8)) : nullptr},
                       {"activity_id", e.OptInt(9) ? nlohmann::json(*e.OptInt(9)) : nullptr}});
  }
  nlohmann::json sections = nlohmann::json::parse(b->Str(7), nullptr, false);
  const int64_t published = b->Int(8);
  return nlohmann::json{{"id", b->Int(0)},
                        {"year", b->Int(1)},
                        {"number", b->Int(2)},
                        {"title", b->Str(3)},
                        {"label", Label(b->Int(1), b->Int(2))},
                        {"date_from", b->Str(4)},
                        {"date_to", b->Str(5)},
                        {"issue_date", b->Str(6)},
                        {"federation", FederationName(tx)},
                        {"sections", sections.is_array() ? sections : nlohmann::json::array()},
                        {"state", published > 0 ? "published" : "draft"},
                        {"published_version", published},
                        {"has_unpublished_changes", published > 0 && b->Int(9) != 0},
                        {"version", nullptr},
                        {"entries", std::move(entries)},
                        {"created_at", FormatTimestamp(b->Int(10))},
                        {"updated_at", FormatTimestamp(b->Int(11))}};
}

nlohmann::json Versions(db::Tx& tx, int64_t id) {
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& r : tx.Query(
           "SELECT v.version, v.published_at, v.published_by, u.display_name FROM "
           "bulletin_version v LEFT JOIN app_user u ON u.id = v.published_by WHERE v.bulletin_id "
           "= ? ORDER BY v.version",
           {id})) {
    out.push_back({{"version", r.Int(0)},
                   {"published_at", FormatTimestamp(r.Int(1))},
                   {"published_by", r.OptInt(2) ? nlohmann::json(*r.OptInt(2)) : nullptr},
                   {"published_by_name", r.OptStr(3).value_or("")}});
  }
  return out;
}

std::optional<nlohmann::json> Frozen(db::Tx& tx, int64_t id, int64_t version) {
  std::optional<db::Row> r = tx.QueryOne(
      "SELECT content FROM bulletin_version WHERE bulletin_id = ? AND version = ?", {id, version});
  if (!r) return std::nullopt;
  return nlohmann::json::parse(r->Str(0));
}

// What the caller may see of issue `id`: a frozen version when `version` > 0;
// otherwise the working copy for editors and the latest version for others.
// Unpublished issues do not exist for readers.
Result<nlohmann::json> Load(api::Call& call, int64_t id, int64_t version) {
  std::optional<nlohmann::json> working = WorkingCopy(call.tx, id);
  if (!working) return NotFound("期刊不存在");
  const int64_t published = (*working)["published_version"];
  const bool editor = call.who.Has(kWrite);
  if (!editor && published == 0) return NotFound("期刊不存在");
  if (version == 0 && !editor) version = published;
  nlohmann::json out;
  if (version > 0) {
    std::optional<nlohmann::json> frozen = Frozen(call.tx, id, version);
    if (!frozen) return InvalidArgument("version", "第" + std::to_string(version) + "版不存在");
    out = std::move(*frozen);
    out["version"] = version;
    out["published_version"] = published;
    out["has_unpublished_changes"] = (*working)["has_unpublished_changes"];
  } else {
    out = std::move(*working);
  }
  out["versions"] = Versions(call.tx, id);
  return out;
}

// ?version=V (a positive number), "draft" or absent (0).
Result<int64_t> VersionParam(const http::Request& req, bool allow_draft) {
  std::optional<std::string> v = req.Query("version");
  if (!v || v->empty()) return 0;
  if (allow_draft && *v == "draft") return -1;
  int64_t n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9' || n > 1000000) {
      return Status(
          Code::kBadRequest,
          allow_draft ? "查询参数 version 应为版本号或 draft" : "查询参数 version 应为版本号",
          "version");
    }
    n = n * 10 + (c - '0');
  }
  if (n == 0) return InvalidArgument("version", "版本号从 1 开始");
  return n;
}

RenderDoc ToRenderDoc(const nlohmann::json& b) {
  RenderDoc doc;
  doc.federation = b.value("federation", "");
  doc.title = b["title"];
  doc.year = b["year"];
  doc.number = b["number"];
  doc.issue_date = b["issue_date"];
  doc.date_from = b["date_from"];
  doc.date_to = b["date_to"];
  doc.version = b["version"].is_number() ? b["version"].get<int>() : 0;
  for (const auto& s : b["sections"]) {
    RenderSection section{s["name"], {}};
    for (const auto& e : b["entries"]) {
      if (e["section"] != s["name"]) continue;
      section.entries.push_back({e["style"], e["title"], e["body"], e.value("org_name", "")});
    }
    if (!section.entries.empty()) doc.sections.push_back(std::move(section));
  }
  return doc;
}

Status CheckUniqueNumber(db::Tx& tx, int64_t year, int64_t number, int64_t except_id) {
  if (tx.QueryInt("SELECT COUNT(*) FROM bulletin WHERE year = ? AND number = ? AND id <> ?",
                  {year, number, except_id}) > 0) {
    return AlreadyExists("number", Label(year, number) + "已存在，期号在同一年内不能重复");
  }
  return Status::Ok();
}

// `sections`: names in order, each known or new (new ones are articles).
Result<nlohmann::json> ReadSections(db::Tx& tx, const api::Body& body) {
  GH_ASSIGN_OR_RETURN(std::vector<std::string> names, body.TextList("sections", 20, 20));
  if (names.empty()) return body.Error("sections", "至少需要一个栏目");
  std::map<std::string, SectionDef> defs = SectionDefs(tx);
  std::set<std::string> seen;
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& n : names) {
    if (n.empty()) return body.Error("sections", "栏目名称不能为空");
    if (!seen.insert(n).second) return body.Error("sections", "中栏目“" + n + "”重复");
    auto it = defs.find(n);
    out.push_back({{"name", n}, {"style", it == defs.end() ? "article" : it->second.style}});
  }
  return out;
}

nlohmann::json DefaultSections(db::Tx& tx) {
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& r :
       tx.Query("SELECT name, style FROM bulletin_section_def ORDER BY position, name"))
    out.push_back({{"name", r.Str(0)}, {"style", r.Str(1)}});
  return out;
}

std::string SectionStyle(const nlohmann::json& sections, const std::string& name) {
  for (const auto& s : sections) {
    if (s["name"] == name) return s["style"];
  }
  return "";
}

const std::vector<api::FieldDef> kFields = {{"year", "年份"},        {"number", "期号"},
                                            {"title", "刊名"},       {"date_from", "开始日期"},
                                            {"date_to", "结束日期"}, {"issue_date", "出刊日期"},
                                            {"sections", "栏目"},    {"entries", "稿件"}};

// Reads the dates into `b` (the current values when patching) and checks them.
Status ReadDates(const api::Body& body, nlohmann::json& b) {
  for (const char* key : {"date_from", "date_to", "issue_date"}) {
    if (!body.Has(key)) continue;
    GH_ASSIGN_OR_RETURN(std::string d, body.Text(key, true, 10));
    GH_RETURN_IF_ERROR(ParseDate(d, key).status());
    b[key] = d;
  }
  return CheckDateRange(b["date_from"].get<std::string>(), b["date_to"].get<std::string>(),
                        "date_from", "date_to");
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("entries")) return body.Error("entries", "请在创建后通过修改或采用添加");
  GH_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 1949, 2100));
  GH_ASSIGN_OR_RETURN(int64_t number, body.Int("number", 1, 1000));
  GH_ASSIGN_OR_RETURN(std::optional<std::string> title, body.OptText("title", 50));
  nlohmann::json b = {{"date_from", ""}, {"date_to", ""}, {"issue_date", ""}};
  for (const char* key : {"date_from", "date_to"}) {
    GH_ASSIGN_OR_RETURN(b[key], body.Text(key, true, 10));
  }
  GH_RETURN_IF_ERROR(ReadDates(body, b));
  if (b["issue_date"] == "") b["issue_date"] = b["date_to"];
  nlohmann::json sections = DefaultSections(call.tx);
  if (body.Has("sections")) {
    GH_ASSIGN_OR_RETURN(sections, ReadSections(call.tx, body));
  }
  GH_RETURN_IF_ERROR(CheckUniqueNumber(call.tx, year, number, 0));
  const int64_t id = call.tx.Insert(
      "INSERT INTO bulletin (year, number, title, date_from, date_to, issue_date, sections, "
      "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {year, number, title && !title->empty() ? *title : std::string("一周动态"),
       b["date_from"].get<std::string>(), b["date_to"].get<std::string>(),
       b["issue_date"].get<std::string>(), sections.dump(), call.who.user_id, call.now, call.now});
  GH_ASSIGN_OR_RETURN(nlohmann::json out, Load(call, id, 0));
  audit::Record(call, "create", "bulletin", id, RootOrg(call.tx), nullptr, out);
  return api::Reply::Created(std::move(out));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::string where = " WHERE 1 = 1";
  std::vector<db::Value> params;
  if (!call.who.Has(kWrite)) where += " AND b.published_version > 0";
  if (p.year) {
    where += " AND b.year = ?";
    params.push_back(int64_t{*p.year});
  }
  api::PageRows page = api::QueryPage(
      call.tx,
      "b.id, b.year, b.number, b.title, b.date_from, b.date_to, b.issue_date, "
      "b.published_version, b.changed, b.updated_at, (SELECT COUNT(*) FROM bulletin_entry e WHERE "
      "e.bulletin_id = b.id)",
      " FROM bulletin b" + where, params, "b.year DESC, b.number DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) {
    items.push_back({{"id", r.Int(0)},
                     {"year", r.Int(1)},
                     {"number", r.Int(2)},
                     {"title", r.Str(3)},
                     {"label", Label(r.Int(1), r.Int(2))},
                     {"date_from", r.Str(4)},
                     {"date_to", r.Str(5)},
                     {"issue_date", r.Str(6)},
                     {"state", r.Int(7) > 0 ? "published" : "draft"},
                     {"published_version", r.Int(7)},
                     {"has_unpublished_changes", r.Int(7) > 0 && r.Int(8) != 0},
                     {"entry_count", r.Int(10)},
                     {"updated_at", FormatTimestamp(r.Int(9))}});
  }
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(int64_t version, VersionParam(call.req, false));
  GH_ASSIGN_OR_RETURN(nlohmann::json b, Load(call, id, version));
  return api::Reply::Ok(std::move(b));
}

void Touch(api::Call& call, int64_t id) {
  call.tx.Exec("UPDATE bulletin SET changed = 1, updated_at = ? WHERE id = ?", {call.now, id});
}

struct EntryIn {
  std::optional<int64_t> id, activity_id;
  std::string section, style, title, body;
};

// One element of `entries`; errors name the field inside it ("section").
Result<EntryIn> ReadEntry(const nlohmann::json& e, const nlohmann::json& sections) {
  if (!e.is_object()) return InvalidArgument("", "应为对象");
  api::Body entry(e, {{"id", "编号"},
                      {"section", "栏目"},
                      {"title", "标题"},
                      {"body", "正文"},
                      {"style", "版式"},
                      {"activity_id", "工作动态"}});
  GH_RETURN_IF_ERROR(entry.CheckUnknown());
  EntryIn in;
  GH_ASSIGN_OR_RETURN(in.id, entry.OptInt("id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(in.activity_id, entry.OptInt("activity_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(in.section, entry.Text("section", true, 20));
  in.style = SectionStyle(sections, in.section);
  if (in.style.empty()) return entry.Error("section", "“" + in.section + "”不在本期栏目中");
  GH_ASSIGN_OR_RETURN(in.title, entry.Text("title", false, 200));
  GH_ASSIGN_OR_RETURN(in.body, entry.Text("body", true, kMaxBody));
  if (entry.Has("style")) {
    GH_ASSIGN_OR_RETURN(in.style, entry.Text("style", true, 10));
    if (!IsStyle(in.style)) return entry.Error("style", "应为 article（文章）或 brief（◆简讯）");
  }
  return in;
}

// Replaces the working copy's entries by the list in the body (see docs/api.md).
Status WriteEntries(api::Call& call, const api::Body& body, int64_t id,
                    const nlohmann::json& sections) {
  const nlohmann::json* list = body.Get("entries");
  if (!list->is_array() || list->size() > kMaxEntries) {
    return body.Error("entries", "应为最多 500 项的数组");
  }
  std::map<int64_t, std::optional<int64_t>> existing;  // entry id → news id
  for (const db::Row& r :
       call.tx.Query("SELECT id, news_id FROM bulletin_entry WHERE bulletin_id = ?", {id}))
    existing[r.Int(0)] = r.OptInt(1);
  std::set<int64_t> kept;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string field = "entries[" + std::to_string(i) + "]";
    Result<EntryIn> in = ReadEntry((*list)[i], sections);
    if (!in.ok()) {
      const Status& s = in.status();
      return Status(s.code(), "稿件（" + field + "）" + s.message(),
                    s.field().empty() ? field : field + "." + s.field());
    }
    const int64_t position = static_cast<int64_t>(i);
    if (in->id) {
      if (!existing.count(*in->id) || !kept.insert(*in->id).second) {
        return InvalidArgument(field + ".id",
                               "稿件 " + std::to_string(*in->id) + " 不属于本期或重复出现");
      }
      call.tx.Exec(
          "UPDATE bulletin_entry SET section = ?, position = ?, style = ?, title = ?, body = ? "
          "WHERE id = ?",
          {in->section, position, in->style, in->title, in->body, *in->id});
      continue;
    }
    std::optional<int64_t> org_id;
    if (in->activity_id) {
      std::optional<db::Row> a = call.tx.QueryOne(
          "SELECT org_id FROM activity WHERE id = ? AND deleted_at IS NULL", {*in->activity_id});
      if (!a || !auth::InScope(call.tx, call.who, a->Int(0))) {
        return InvalidArgument(field + ".activity_id", "工作动态不存在或不在您的管辖范围内");
      }
      org_id = a->Int(0);
    }
    call.tx.Exec(
        "INSERT INTO bulletin_entry (bulletin_id, section, position, style, title, body, org_id, "
        "activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id, in->section, position, in->style, in->title, in->body, db::OrNull(org_id),
         db::OrNull(in->activity_id)});
  }
  // Entries left out are removed; an adopted item goes back to the queue,
  // unless a published version already carries it.
  for (const auto& [entry_id, news_id] : existing) {
    if (kept.count(entry_id)) continue;
    if (news_id) {
      for (const db::Row& v :
           call.tx.Query("SELECT content FROM bulletin_version WHERE bulletin_id = ?", {id})) {
        const nlohmann::json frozen = nlohmann::json::parse(v.Str(0));
        for (const auto& e : frozen["entries"]) {
          if (e["news_id"] == *news_id) {
            return FailedPrecondition(
                "稿件“" + e["title"].get<std::string>() +
                    "”已在已发布的版本中刊出，不能移除（可修改其文字或移到其他栏目）",
                "entries");
          }
        }
      }
    }
    call.tx.Exec("DELETE FROM bulletin_entry WHERE id = ?", {entry_id});
    if (news_id) news::Unadopt(call, *news_id);
  }
  return Status::Ok();
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(int64_t version, VersionParam(call.req, false));
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id, 0));
  if (version > 0) {
    if (version <= before["published_version"].get<int64_t>()) {
      return FailedPrecondition(
          "第" + std::to_string(version) + "版已发布，不能修改；修改本期并重新发布将形成新版本",
          "version");
    }
    return InvalidArgument("version", "第" + std::to_string(version) + "版不存在");
  }
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  nlohmann::json b = before;
  if (body.Has("year")) {
    GH_ASSIGN_OR_RETURN(b["year"], body.Int("year", 1949, 2100));
  }
  if (body.Has("number")) {
    GH_ASSIGN_OR_RETURN(b["number"], body.Int("number", 1, 1000));
  }
  if (body.Has("title")) {
    GH_ASSIGN_OR_RETURN(b["title"], body.Text("title", true, 50));
  }
  GH_RETURN_IF_ERROR(ReadDates(body, b));
  if (body.Has("sections")) {
    GH_ASSIGN_OR_RETURN(b["sections"], ReadSections(call.tx, body));
  }
  GH_RETURN_IF_ERROR(CheckUniqueNumber(call.tx, b["year"], b["number"], id));
  call.tx.Exec(
      "UPDATE bulletin SET year = ?, number = ?, title = ?, date_from = ?, date_to = ?, "
      "issue_date = ?, sections = ? WHERE id = ?",
      {b["year"].get<int64_t>(), b["number"].get<int64_t>(), b["title"].get<std::string>(),
       b["date_from"].get<std::string>(), b["date_to"].get<std::string>(),
       b["issue_date"].get<std::string>(), b["sections"].dump(), id});
  if (body.Has("entries")) {
    GH_RETURN_IF_ERROR(WriteEntries(call, body, id, b["sections"]));
  }
  // Every entry must sit in one of the issue's sections.
  for (const db::Row& r :
       call.tx.Query("SELECT DISTINCT section FROM bulletin_entry WHERE bulletin_id = ?", {id})) {
    if (SectionStyle(b["sections"], r.Str(0)).empty()) {
      return body.Error("sections", "中缺少栏目“" + r.Str(0) + "”，该栏目下还有稿件");
    }
  }
  Touch(call, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call, id, 0));
  audit::Record(call, "update", "bulletin", id, RootOrg(call.tx), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> AddEntry(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id, 0));
  api::Body body(call.body, {{"section", "栏目"},
                             {"activity_id", "工作动态"},
                             {"title", "标题"},
                             {"body", "正文"},
                             {"style", "版式"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  NewEntry entry;
  GH_ASSIGN_OR_RETURN(entry.section, body.Text("section", true, 20));
  GH_ASSIGN_OR_RETURN(entry.activity_id, body.OptInt("activity_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(entry.title, body.Text("title", false, 200));
  if (body.Has("style")) {
    GH_ASSIGN_OR_RETURN(entry.style, body.Text("style", true, 10));
    if (!IsStyle(entry.style)) return body.Error("style", "应为 article（文章）或 brief（◆简讯）");
  }
  if (entry.activity_id) {
    std::optional<db::Row> a = call.tx.QueryOne(
        "SELECT a.org_id, o.name, a.title, a.start_date, a.end_date, a.day_part, "
        "a.participants_count, a.detail FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id "
        "= ? AND a.deleted_at IS NULL",
        {*entry.activity_id});
    if (!a || !auth::InScope(call.tx, call.who, a->Int(0))) {
      return body.Error("activity_id", "不存在或不在您的管辖范围内");
    }
    nlohmann::json detail = nlohmann::json::parse(a->Str(7), nullptr, false);
    if (!detail.is_object()) detail = nlohmann::json::object();
    nlohmann::json activity = detail;
    activity["org_name"] = a->Str(1);
    activity["title"] = a->Str(2);
    activity["start_date"] = a->Str(3);
    activity["end_date"] = a->Str(4);
    activity["day_part"] = a->Str(5);
    if (a->OptInt(6)) {
      activity["participants"] = {{"text", detail.value("participants_text", "")}};
    }
    entry.org_id = a->Int(0);
    if (entry.style.empty()) entry.style = "brief";
    entry.body = DraftBrief(activity);
    if (body.Has("body")) {
      GH_ASSIGN_OR_RETURN(entry.body, body.Text("body", true, kMaxBody));
    }
  } else {
    GH_ASSIGN_OR_RETURN(entry.body, body.Text("body", true, kMaxBody));
  }
  GH_ASSIGN_OR_RETURN(int64_t entry_id, AppendEntry(call.tx, id, entry));
  Touch(call, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call, id, 0));
  audit::Record(call, "update", "bulletin", id, RootOrg(call.tx), before, after);
  for (const auto& e : after["entries"]) {
    if (e["id"] == entry_id) return api::Reply::Created(e);
  }
  return Internal("新稿件未找到");
}

Result<api::Reply> Publish(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  api::Body body(call.body, {});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id, 0));
  GH_RETURN_IF_ERROR(PublishWorkingCopy(call.tx, id, call.who.user_id, call.now).status());
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call, id, 0));
  audit::Record(call, "publish", "bulletin", id, RootOrg(call.tx), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> ExportRoute(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(int64_t version, VersionParam(call.req, true));
  const std::string format = call.req.Query("format").value_or("pdf");
  if (format != "pdf" && format != "docx" && format != "html") {
    return InvalidArgument("format", "查询参数 format 应为 pdf、docx 或 html");
  }
  if (version < 0 && !call.who.Has(kWrite)) {
    return PermissionDenied("只有编辑可以导出未发布的草稿");
  }
  if (version == 0) {
    GH_ASSIGN_OR_RETURN(nlohmann::json b, Load(call, id, 0));
    version = b["published_version"];
  }
  GH_ASSIGN_OR_RETURN(nlohmann::json b, Load(call, id, version < 0 ? 0 : version));
  GH_ASSIGN_OR_RETURN(ExportFile file, Export(ToRenderDoc(b), format));
  const std::string ascii = "bulletin-" + std::to_string(b["year"].get<int64_t>()) + "-" +
                            std::to_string(b["number"].get<int64_t>()) + "." + format;
  return api::Download(std::move(file.bytes), file.content_type, file.file_name, ascii);
}

Result<api::Reply> GetSections(api::Call& call) {
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           "SELECT name, style, points FROM bulletin_section_def ORDER BY position, name"))
    items.push_back({{"name", r.Str(0)}, {"style", r.Str(1)}, {"points", r.Int(2)}});
  return api::Reply::Ok({{"items", std::move(items)}});
}

Result<api::Reply> PutSections(api::Call& call) {
  api::Body body(call.body, {{"items", "栏目"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const nlohmann::json* items = body.Get("items");
  if (!items || !items->is_array() || items->empty() || items->size() > 20) {
    return body.Error("items", "应为 1 到 20 个栏目的数组");
  }
  GH_ASSIGN_OR_RETURN(api::Reply before, GetSections(call));
  call.tx.Exec("DELETE FROM bulletin_section_def");
  std::set<std::string> seen;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "]";
    const nlohmann::json& it = (*items)[i];
    if (!it.is_object()) return InvalidArgument(field, "栏目（" + field + "）应为对象");
    api::Body item(it, {{"name", "栏目名称"}, {"style", "版式"}, {"points", "积分"}});
    auto named = [&](const Status& s) {
      return Status(s.code(), s.message(), field + "." + s.field());
    };
    if (Status s = item.CheckUnknown(); !s.ok()) return named(s);
    Result<std::string> name = item.Text("name", true, 20);
    if (!name.ok()) return named(name.status());
    if (!seen.insert(*name).second) return InvalidArgument(field + ".name", "栏目名称重复");
    Result<std::string> style = item.Text("style", true, 10);
    if (!style.ok()) return named(style.status());
    if (!IsStyle(*style)) {
      return InvalidArgument(field + ".style", "版式应为 article（文章）或 brief（◆简讯）");
    }
    Result<int64_t> points = item.Int("points", 0, 1000);
    if (!points.ok()) return named(points.status());
    call.tx.Exec(
        "INSERT INTO bulletin_section_def (name, position, style, points) VALUES (?, ?, ?, ?)",
        {*name, static_cast<int64_t>(i), *style, *points});
  }
  GH_ASSIGN_OR_RETURN(api::Reply after, GetSections(call));
  audit::Record(call, "update", "bulletin_section", 0, RootOrg(call.tx), before.body, after.body);
  return after;
}

std::string MonthDay(const std::string& iso) {
  Result<Date> d = ParseDate(iso);
  if (!d.ok()) return iso;
  return std::to_string(d->month) + "月" + std::to_string(d->day) + "日";
}

std::string JoinList(const nlohmann::json& list, const char* sep = "、") {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (!v.is_string() || v.get<std::string>().empty()) continue;
    out += (out.empty() ? "" : sep) + v.get<std::string>();
  }
  return out;
}

}  // namespace

std::string DraftBrief(const nlohmann::json& a) {
  const std::string start = a.value("start_date", "");
  const std::string end = a.value("end_date", start);
  std::string when = MonthDay(start);
  if (!end.empty() && end != start) {
    Result<Date> s = ParseDate(start), e = ParseDate(end);
    if (s.ok() && e.ok() && s->year == e->year && s->month == e->month) {
      when += "—" + std::to_string(e->day) + "日";
    } else {
      when += "—" + MonthDay(end);
    }
  }
  const std::string part = a.value("day_part", "");
  if (part == "am") when += "上午";
  if (part == "pm") when += "下午";

  const std::string org = a.value("org_name", "");
  std::string title = a.value("title", "");
  std::string text = when + "，";
  // A title that already names the union ("南岸区总工会开展……") reads as the sentence itself.
  if (!org.empty() && title.starts_with(org)) {
    text += title;
  } else {
    text += org;
    std::string places = JoinList(a.value("places", nlohmann::json::array()));
    if (!places.empty()) text += "在" + places;
    text += title.starts_with("开展") || title.starts_with("举办") || title.starts_with("召开")
                ? title
                : "开展" + title;
  }
  for (const auto& b : a.value("beneficiaries", nlohmann::json::array())) {
    if (b.is_object() && b.contains("group") && b.contains("text")) {
      text += "，服务" + b["group"].get<std::string>() + b["text"].get<std::string>();
    }
  }
  std::string items = JoinList(a.value("items", nlohmann::json::array()));
  if (!items.empty()) text += "，送去" + items + "等物资";
  for (const auto& m : a.value("money", nlohmann::json::array())) {
    if (!m.is_object() || !m.contains("text")) continue;
    std::string purpose = m.value("purpose", "");
    text += "，" + (purpose.empty() ? std::string("投入") : purpose) + "资金" +
            m["text"].get<std::string>();
  }
  if (a.contains("participants") && a["participants"].is_object()) {
    std::string p = a["participants"].value("text", "");
    if (!p.empty()) text += "，" + p + "参加";
  }
  return text + "。";
}

Result<int64_t> AppendEntry(db::Tx& tx, int64_t bulletin_id, const NewEntry& entry) {
  std::optional<db::Row> b =
      tx.QueryOne("SELECT sections FROM bulletin WHERE id = ?", {bulletin_id});
  if (!b) return InvalidArgument("bulletin_id", "期刊不存在");
  std::string style = SectionStyle(nlohmann::json::parse(b->Str(0)), entry.section);
  if (style.empty()) return InvalidArgument("section", "栏目“" + entry.section + "”不在本期栏目中");
  if (!entry.style.empty()) style = entry.style;
  const int64_t position = tx.QueryInt(
      "SELECT COALESCE(MAX(position), -1) + 1 FROM bulletin_entry WHERE bulletin_id = ?",
      {bulletin_id});
  // Later sections move down by one so the new entry ends its own section.
  tx.Exec(
      "UPDATE bulletin_entry SET position = position + 1 WHERE bulletin_id = ? AND position >= "
      "COALESCE((SELECT MAX(position) + 1 FROM bulletin_entry WHERE bulletin_id = ? AND section "
      "= ?), ?)",
      {bulletin_id, bulletin_id, entry.section, position});
  const int64_t at = tx.QueryInt(
      "SELECT COALESCE((SELECT MAX(position) + 1 FROM bulletin_entry WHERE bulletin_id = ? AND "
      "section = ?), ?)",
      {bulletin_id, entry.section, position});
  const int64_t id = tx.Insert(
      "INSERT INTO bulletin_entry (bulletin_id, section, position, style, title, body, org_id, "
      "news_id, activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {bulletin_id, entry.section, at, style, entry.title, entry.body, db::OrNull(entry.org_id),
       db::OrNull(entry.news_id), db::OrNull(entry.activity_id)});
  tx.Exec("UPDATE bulletin SET changed = 1 WHERE id = ?", {bulletin_id});
  return id;
}

int64_t SectionPoints(db::Tx& tx, const std::string& section) {
  return tx.QueryInt("SELECT COALESCE(MAX(points), 0) FROM bulletin_section_def WHERE name = ?",
                     {section});
}

Result<int64_t> PublishWorkingCopy(db::Tx& tx, int64_t id, int64_t user_id, int64_t now) {
  std::optional<nlohmann::json> working = WorkingCopy(tx, id);
  if (!working) return NotFound("期刊不存在");
  nlohmann::json& frozen = *working;
  if (frozen["entries"].empty()) return FailedPrecondition("本期还没有稿件，不能发布");
  const int64_t published = frozen["published_version"];
  if (published > 0 && !frozen["has_unpublished_changes"].get<bool>()) {
    return FailedPrecondition("第" + std::to_string(published) + "版发布后没有修改，无需再次发布");
  }
  const int64_t version = published + 1;
  frozen["version"] = version;
  frozen["published_version"] = version;
  frozen["state"] = "published";
  frozen["has_unpublished_changes"] = false;
  tx.Exec(
      "INSERT INTO bulletin_version (bulletin_id, version, published_at, published_by, content) "
      "VALUES (?, ?, ?, ?, ?)",
      {id, version, now, user_id ? db::Value(user_id) : db::Null(), frozen.dump()});
  tx.Exec("UPDATE bulletin SET published_version = ?, changed = 0, updated_at = ? WHERE id = ?",
          {version, now, id});
  std::string text;
  for (const auto& e : frozen["entries"]) {
    text += e["title"].get<std::string>() + "\n" + e["body"].get<std::string>() + "\n";
  }
  search::Put(
      tx, {"bulletin", id, RootOrg(tx), true, frozen["issue_date"],
           frozen["title"].get<std::string>() + " " + frozen["label"].get<std::string>(), text});
  return version;
}

Result<int> LatestVersion(db::Tx& tx, int64_t bulletin_id) {
  std::optional<db::Row> r =
      tx.QueryOne("SELECT published_version FROM bulletin WHERE id = ?", {bulletin_id});
  if (!r) return NotFound("期刊不存在");
  return static_cast<int>(r->Int(0));
}

Result<RenderDoc> LoadForRender(db::Tx& tx, int64_t bulletin_id, int version) {
  std::optional<nlohmann::json> b =
      version > 0 ? Frozen(tx, bulletin_id, version) : WorkingCopy(tx, bulletin_id);
  if (!b) return NotFound(version > 0 ? "该版本不存在" : "期刊不存在");
  return ToRenderDoc(*b);
}

Result<ExportFile> Export(const RenderDoc& doc, const std::string& format) {
  ExportFile file;
  file.file_name = (doc.title.empty() ? std::string("一周动态") : doc.title) + "-" +
                   std::to_string(doc.year) + "-" + std::to_string(doc.number) + "." + format;
  if (format == "pdf") {
    GH_ASSIGN_OR_RETURN(file.bytes, RenderPdf(doc));
    file.content_type = "application/pdf";
  } else if (format == "docx") {
    GH_ASSIGN_OR_RETURN(file.bytes, RenderDocx(doc));
    file.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  } else if (format == "html") {
    file.bytes = RenderHtml(doc);
    file.content_type = "text/html; charset=utf-8";
  } else {
    return InvalidArgument("format", "导出格式应为 pdf、docx 或 html");
  }
  return file;
}

void RegisterRoutes(api::Api& api) {
  api.Add({"GET", "/bulletins/sections", "bulletin:issue:read", "bulletins",
           "一周动态栏目设置（顺序、版式、采用积分）", GetSections});
  api.Add({"PUT", "/bulletins/sections", kWrite, "bulletins", "修改栏目设置", PutSections});
  api.Add({"GET",
           "/bulletins",
           "bulletin:issue:read",
           "bulletins",
           "一周动态期刊列表",
           List,
           {"year", "page", "page_size"}});
  api.Add({"POST", "/bulletins", kWrite, "bulletins", "新建一期一周动态", Create});
  api.Add({"GET",
           "/bulletins/{id}",
           "bulletin:issue:read",
           "bulletins",
           "期刊详情（编辑看工作稿，其他人看最新发布版；version=V 看历史版本）",
           Get,
           {"version"}});
  api.Add({"PATCH",
           "/bulletins/{id}",
           kWrite,
           "bulletins",
           "修改期刊（栏目、稿件顺序与文字；已发布版本不可原地修改）",
           Patch,
           {"version"}});
  api.Add({"POST", "/bulletins/{id}/entries", kWrite, "bulletins",
           "添加稿件（可由工作动态自动生成◆简讯）", AddEntry});
  api.Add(
      {"POST", "/bulletins/{id}/publish", kWrite, "bulletins", "发布（冻结为新版本）", Publish});
  api.Add({"GET",
           "/bulletins/{id}/export",
           "bulletin:issue:read",
           "bulletins",
           "导出 PDF、DOCX 或 HTML",
           ExportRoute,
           {"format", "version"}});
}

}  // namespace gonghui::bulletin
