// The labour-relations records besides contracts that are plain records of
// what a union did: collective consultation meetings (集体协商会), guidance
// visits (调研指导) scored on the configurable checklist, training sessions
// with attendee groups, and framework documents (制度文件). Each is owned by
// a union (org_id, in the caller's scope), listed by subtree and period, and
// edited by PATCH: the stored record overlaid with the fields given is
// checked whole again, so an edit can never leave what a create refuses.
#include <algorithm>
#include <map>
#include <set>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "core/quantity.h"
#include "core/time.h"
#include "labour/internal.h"
#include "labour/labour.h"
#include "org/org.h"

namespace gonghui::labour {
namespace {

using Values = std::vector<std::pair<std::string, db::Value>>;

struct RecordKind {
  const char* path;                   // below /api/v1
  const char* table;                  // also the audit entity
  const char* what;                   // zh-CN, in messages
  const char* date_col;               // the day it happened: order, from/to and year filters
  std::vector<api::FieldDef> fields;  // the input, org_id first
  // Stored columns with their kind ('t' text, 'i' integer or null, 'j' JSON text, 'b' 0/1).
  std::vector<std::pair<std::string, char>> columns;
  // Checks a whole input (every field of a create, or the stored record with
  // a PATCH's fields over it) and answers the column values.
  Result<Values> (*read)(api::Call&, const api::Body&);
  // Adds what the row holds beyond the input fields (names, totals).
  void (*decorate)(db::Tx&, nlohmann::json&);
  const char* extra_filter = nullptr;  // a boolean query parameter filtering on the same column
  const char* id_filter = nullptr;     // an id query parameter filtering on the same column
};

Date Today(const api::Call& call) { return TodayUtcPlus8(call.now); }

Result<std::string> Day(const api::Body& body, std::string_view key, const Date& today,
                        bool required = true) {
  return api::PastDate(body, key, today, required, false);
}

// An optional enterprise of the census in the caller's scope; its kind.
Result<std::optional<std::pair<int64_t, std::string>>> OptEnterprise(api::Call& call,
                                                                     const api::Body& body,
                                                                     std::string_view key) {
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> id, body.OptInt(key, 1, INT64_MAX));
  if (!id) return std::optional<std::pair<int64_t, std::string>>();
  auto e = call.tx.QueryOne("SELECT org_id, kind FROM enterprise WHERE id = ?", {*id});
  if (!e || !auth::InScope(call.tx, call.who, e->Int(0))) {
    return Status(Code::kNotFound, "用人单位不存在或不在您的管辖范围内", std::string(key));
  }
  return std::optional<std::pair<int64_t, std::string>>(std::pair{*id, e->Str(1)});
}

std::string NameOf(db::Tx& tx, const char* table, const nlohmann::json& id) {
  if (!id.is_number_integer()) return "";
  auto r =
      tx.QueryOne(std::string("SELECT name FROM ") + table + " WHERE id = ?", {id.get<int64_t>()});
  return r ? r->Str(0) : "";
}

Result<std::vector<int64_t>> Partners(const api::Call& call, const api::Body& body) {
  GH_ASSIGN_OR_RETURN(std::vector<int64_t> ids, body.IdList("partners", 20));
  GH_RETURN_IF_ERROR(org::CheckRefs(call.tx, ids, body, "partners"));
  return ids;
}

nlohmann::json PartnerRefs(db::Tx& tx, const nlohmann::json& ids) {
  std::vector<int64_t> list;
  for (const auto& id : ids) {
    if (id.is_number_integer()) list.push_back(id.get<int64_t>());
  }
  return org::NameRefs(tx, list);
}

// --- 集体协商会 ---------------------------------------------------------------

Result<Values> ReadConsultation(api::Call& call, const api::Body& body) {
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string title, body.Text("title", true, 200));
  GH_ASSIGN_OR_RETURN(std::string held_on, Day(body, "held_on", today));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> contract, body.OptInt("contract_id", 1, INT64_MAX));
  if (contract) {
    auto row = LoadRow(call, *contract);
    if (!row.ok()) return Status(Code::kNotFound, "集体合同不存在", "contract_id");
  }
  GH_ASSIGN_OR_RETURN(auto enterprise, OptEnterprise(call, body, "enterprise_id"));
  GH_ASSIGN_OR_RETURN(std::string worker_side, body.Text("worker_side", false, 200));
  GH_ASSIGN_OR_RETURN(std::string employer_side, body.Text("employer_side", false, 200));
  GH_ASSIGN_OR_RETURN(std::vector<std::string> topics, body.TextList("topics", 20, 50));
  GH_ASSIGN_OR_RETURN(std::string outcome, body.Text("outcome", false, 2000));
  GH_ASSIGN_OR_RETURN(std::string minutes, body.Text("minutes", false, 20000));
  GH_ASSIGN_OR_RETURN(std::optional<bool> new_forms, body.OptBool("new_forms"));
  // A consultation with a platform company is a 新业态 one unless said otherwise.
  const bool platform = enterprise && enterprise->second == "platform";
  return Values{{"title", title},
                {"held_on", held_on},
                {"contract_id", db::OrNull(contract)},
                {"enterprise_id", enterprise ? db::Value(enterprise->first) : db::Null()},
                {"worker_side", worker_side},
                {"employer_side", employer_side},
                {"topics", nlohmann::json(topics).dump()},
                {"outcome", outcome},
                {"minutes", minutes},
                {"new_forms", int64_t{new_forms.value_or(platform)}}};
}

void DecorateConsultation(db::Tx& tx, nlohmann::json& j) {
  j["enterprise_name"] = NameOf(tx, "enterprise", j["enterprise_id"]);
  auto number = j["contract_id"].is_number_integer()
                    ? tx.QueryOne("SELECT number FROM labour_contract WHERE id = ?",
                                  {j["contract_id"].get<int64_t>()})
                    : std::nullopt;
  j["contract_number"] = number ? nlohmann::json(number->Str(0)) : nullptr;
}

// --- 调研指导 -----------------------------------------------------------------

// The active checklist items, in order: key → label.
std::vector<std::pair<std::string, std::string>> VisitItems(db::Tx& tx, bool active_only) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const db::Row& r :
       tx.Query(std::string("SELECT item_key, label FROM labour_visit_item") +
                (active_only ? " WHERE active = 1" : "") + " ORDER BY position, item_key")) {
    out.emplace_back(r.Str(0), r.Str(1));
  }
  return out;
}

constexpr int64_t kMaxItemScore = 5;

Result<Values> ReadVisit(api::Call& call, const api::Body& body) {
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string title, body.Text("title", true, 200));
  GH_ASSIGN_OR_RETURN(std::string visited_on, Day(body, "visited_on", today));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> target, body.OptInt("target_org_id", 1, INT64_MAX));
  if (target && !auth::InScope(call.tx, call.who, *target)) {
    return Status(Code::kNotFound, "被指导的工会不存在或不在您的管辖范围内", "target_org_id");
  }
  GH_ASSIGN_OR_RETURN(auto enterprise, OptEnterprise(call, body, "enterprise_id"));
  nlohmann::json scores = nlohmann::json::object();
  if (const nlohmann::json* given = body.Get("scores")) {
    if (!given->is_object()) return body.Error("scores", "应为“检查项: 分数”的对象");
    std::map<std::string, std::string> items;
    for (auto& [key, label] : VisitItems(call.tx, true)) items[key] = label;
    for (const auto& [key, value] : given->items()) {
      if (!items.count(key)) return body.Error("scores", "中的检查项 " + key + " 不存在或已停用");
      if (!value.is_number_integer() || value.get<int64_t>() < 0 ||
          value.get<int64_t>() > kMaxItemScore) {
        return body.Error("scores", "中“" + items[key] + "”的分数应为 0 到 5 的整数");
      }
      scores[key] = value;
    }
  }
  GH_ASSIGN_OR_RETURN(std::string findings, body.Text("findings", false, 5000));
  return Values{{"title", title},
                {"visited_on", visited_on},
                {"target_org_id", db::OrNull(target)},
                {"enterprise_id", enterprise ? db::Value(enterprise->first) : db::Null()},
                {"scores", scores.dump()},
                {"findings", findings}};
}

void DecorateVisit(db::Tx& tx, nlohmann::json& j) {
  j["target_org_name"] = NameOf(tx, "org", j["target_org_id"]);
  j["enterprise_name"] = NameOf(tx, "enterprise", j["enterprise_id"]);
  int64_t total = 0;
  for (const auto& [key, value] : j["scores"].items()) total += value.get<int64_t>();
  j["score_total"] = total;
}

// --- 培训 ---------------------------------------------------------------------

Result<Values> ReadTraining(api::Call& call, const api::Body& body) {
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string title, body.Text("title", true, 200));
  GH_ASSIGN_OR_RETURN(std::string from, Day(body, "held_from", today));
  GH_ASSIGN_OR_RETURN(std::string to, Day(body, "held_to", today, false));
  if (to.empty()) to = from;
  GH_RETURN_IF_ERROR(CheckDateRange(from, to, "held_from", "held_to"));
  const nlohmann::json* given = body.Get("groups");
  if (!given || !given->is_array() || given->empty()) {
    return body.Error(
        "groups",
        "不能为空：请填写参训对象及人数，如 {\"group\":\"职工代表\",\"count\":\"300余人\"}");
  }
  if (given->size() > 20) return body.Error("groups", "最多 20 项");
  nlohmann::json groups = nlohmann::json::array();
  int64_t total = 0;
  std::set<std::string> seen;
  for (size_t i = 0; i < given->size(); ++i) {
    const std::string field = "groups[" + std::to_string(i) + "]";
    const nlohmann::json& g = (*given)[i];
    if (!g.is_object() || !g.contains("group") || !g["group"].is_string() || !g.contains("count")) {
      return InvalidArgument(field, "参训对象（" + field + "）应为 {\"group\",\"count\"}");
    }
    const std::string name = api::Trim(g["group"].get<std::string>());
    if (name.empty() || api::Utf8Length(name) > 50) {
      return InvalidArgument(field + ".group", "参训对象名称应为 1 到 50 个字符");
    }
    if (!seen.insert(name).second)
      return InvalidArgument(field + ".group", "参训对象重复：" + name);
    Quantity q;
    if (g["count"].is_number_integer() && g["count"].get<int64_t>() >= 0) {
      q.count = g["count"].get<int64_t>();
      q.unit = "人";
    } else if (g["count"].is_string()) {
      GH_ASSIGN_OR_RETURN(q, ParseQuantity(g["count"].get<std::string>(), field + ".count"));
    } else {
      return InvalidArgument(field + ".count", "人数应为整数或“300余人”这样的写法");
    }
    total += q.count;
    groups.push_back({{"group", name},
                      {"count", q.count},
                      {"qualifier", q.qualifier},
                      {"unit", q.unit},
                      {"as_written", FormatQuantity(q)}});
  }
  GH_ASSIGN_OR_RETURN(std::vector<int64_t> partners, Partners(call, body));
  GH_ASSIGN_OR_RETURN(std::string note, body.Text("note", false, 2000));
  return Values{{"title", title}, {"held_from", from},
                {"held_to", to},  {"attendee_groups", groups.dump()},
                {"total", total}, {"partners", nlohmann::json(partners).dump()},
                {"note", note}};
}

void DecorateTraining(db::Tx& tx, nlohmann::json& j) {
  j["groups"] = j["attendee_groups"];
  j.erase("attendee_groups");
  j["partners"] = PartnerRefs(tx, j["partners"]);
}

// --- 制度文件 -----------------------------------------------------------------

constexpr const char* kDocumentKinds[] = {"regulation", "measures", "opinion",
                                          "notice",     "plan",     "other"};

Result<Values> ReadDocument(api::Call& call, const api::Body& body) {
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string title, body.Text("title", true, 200));
  GH_ASSIGN_OR_RETURN(std::string number, body.Text("doc_number", false, 50));
  GH_ASSIGN_OR_RETURN(std::string kind, body.Text("kind", true, 20));
  if (std::none_of(std::begin(kDocumentKinds), std::end(kDocumentKinds),
                   [&](const char* k) { return kind == k; })) {
    return body.Error("kind", "应为 regulation、measures、opinion、notice、plan 或 other");
  }
  GH_ASSIGN_OR_RETURN(std::string issuer, body.Text("issuer", true, 100));
  GH_ASSIGN_OR_RETURN(std::string issued_on, Day(body, "issued_on", today));
  GH_ASSIGN_OR_RETURN(std::vector<int64_t> partners, Partners(call, body));
  GH_ASSIGN_OR_RETURN(std::string note, body.Text("note", false, 2000));
  return Values{
      {"title", title},   {"doc_number", number},   {"kind", kind},
      {"issuer", issuer}, {"issued_on", issued_on}, {"partners", nlohmann::json(partners).dump()},
      {"note", note}};
}

void DecorateDocument(db::Tx& tx, nlohmann::json& j) {
  j["partners"] = PartnerRefs(tx, j["partners"]);
}

const RecordKind kConsultations = {"/labour/consultations",
                                   "labour_consultation",
                                   "集体协商会",
                                   "held_on",
                                   {{"org_id", "组织协商的工会"},
                                    {"title", "名称"},
                                    {"held_on", "日期"},
                                    {"contract_id", "集体合同"},
                                    {"enterprise_id", "用人单位"},
                                    {"worker_side", "职工方"},
                                    {"employer_side", "企业方"},
                                    {"topics", "议题"},
                                    {"outcome", "协商结果"},
                                    {"minutes", "会议纪要"},
                                    {"new_forms", "新业态协商"}},
                                   {{"title", 't'},
                                    {"held_on", 't'},
                                    {"contract_id", 'i'},
                                    {"enterprise_id", 'i'},
                                    {"worker_side", 't'},
                                    {"employer_side", 't'},
                                    {"topics", 'j'},
                                    {"outcome", 't'},
                                    {"minutes", 't'},
                                    {"new_forms", 'b'}},
                                   ReadConsultation,
                                   DecorateConsultation,
                                   "new_forms",
                                   "contract_id"};

const RecordKind kVisits = {"/labour/visits",
                            "labour_visit",
                            "调研指导",
                            "visited_on",
                            {{"org_id", "开展指导的工会"},
                             {"title", "名称"},
                             {"visited_on", "日期"},
                             {"target_org_id", "被指导的工会"},
                             {"enterprise_id", "用人单位"},
                             {"scores", "检查项评分"},
                             {"findings", "发现的问题与建议"}},
                            {{"title", 't'},
                             {"visited_on", 't'},
                             {"target_org_id", 'i'},
                             {"enterprise_id", 'i'},
                             {"scores", 'j'},
                             {"findings", 't'}},
                            ReadVisit,
                            DecorateVisit};

const RecordKind kTrainings = {"/labour/trainings",
                               "labour_training",
                               "培训",
                               "held_from",
                               {{"org_id", "举办的工会"},
                                {"title", "名称"},
                                {"held_from", "开始日期"},
                                {"held_to", "结束日期"},
                                {"groups", "参训对象"},
                                {"partners", "联合举办单位"},
                                {"note", "备注"}},
                               {{"title", 't'},
                                {"held_from", 't'},
                                {"held_to", 't'},
                                {"attendee_groups", 'j'},
                                {"total", 'i'},
                                {"partners", 'j'},
                                {"note", 't'}},
                               ReadTraining,
                               DecorateTraining};

const RecordKind kDocuments = {"/labour/documents",
                               "labour_document",
                               "制度文件",
                               "issued_on",
                               {{"org_id", "制定的工会"},
                                {"title", "标题"},
                                {"doc_number", "文号"},
                                {"kind", "类别"},
                                {"issuer", "发文单位"},
                                {"issued_on", "印发日期"},
                                {"partners", "联合发文单位"},
                                {"note", "备注"}},
                               {{"title", 't'},
                                {"doc_number", 't'},
                                {"kind", 't'},
                                {"issuer", 't'},
                                {"issued_on", 't'},
                                {"partners", 'j'},
                                {"note", 't'}},
                               ReadDocument,
                               DecorateDocument};

std::string SelectSql(const RecordKind& k) {
  std::string sql = "SELECT r.id, r.org_id, o.name";
  for (const auto& [c, type] : k.columns) sql += ", r." + c;
  return sql + ", r.created_at, r.updated_at FROM " + k.table + " r JOIN org o ON o.id = r.org_id";
}

nlohmann::json ToJson(db::Tx& tx, const RecordKind& k, const db::Row& r) {
  nlohmann::json j = {{"id", r.Int(0)}, {"org_id", r.Int(1)}, {"org_name", r.Str(2)}};
  for (size_t i = 0; i < k.columns.size(); ++i) {
    const auto& [c, type] = k.columns[i];
    const size_t at = 3 + i;
    switch (type) {
      case 'i':
        j[c] = r.OptInt(at) ? nlohmann::json(*r.OptInt(at)) : nullptr;
        break;
      case 'b':
        j[c] = r.Int(at) != 0;
        break;
      case 'j':
        j[c] = nlohmann::json::parse(r.Str(at), nullptr, false);
        break;
      default:
        j[c] = r.Str(at);
    }
  }
  j["created_at"] = FormatTimestamp(r.Int(3 + k.columns.size()));
  j["updated_at"] = FormatTimestamp(r.Int(4 + k.columns.size()));
  k.decorate(tx, j);
  return j;
}

Result<nlohmann::json> Load(api::Call& call, const RecordKind& k, int64_t id) {
  auto row = call.tx.QueryOne(SelectSql(k) + " WHERE r.id = ?", {id});
  if (!row) return NotFound(std::string(k.what) + "不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(1), k.what));
  return ToJson(call.tx, k, *row);
}

Result<api::Reply> List(api::Call& call, const RecordKind& k) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("r.org_id", sub, params);
  const std::string date = std::string("r.") + k.date_col;
  if (!p.from.empty()) {
    where += " AND " + date + " >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND " + date + " <= ?";
    params.push_back(p.to);
  }
  if (p.year) where += " AND " + api::TouchesYear(date, date, *p.year, params);
  if (!p.q.empty()) {
    where += " AND r.title LIKE ? ESCAPE '\\'";
    params.push_back(db::ContainsPattern(p.q));
  }
  if (!p.type.empty() && std::string(k.table) == "labour_document") {
    where += " AND r.kind = ?";
    params.push_back(p.type);
  }
  if (k.extra_filter) {
    if (auto v = call.req.Query(k.extra_filter); v && !v->empty()) {
      if (*v != "true" && *v != "false") {
        return InvalidArgument(k.extra_filter,
                               std::string("参数（") + k.extra_filter + "）应为 true 或 false");
      }
      where += std::string(" AND r.") + k.extra_filter + " = ?";
      params.push_back(int64_t{*v == "true"});
    }
  }
  if (k.id_filter) {
    if (auto v = call.req.Query(k.id_filter); v && !v->empty()) {
      const std::optional<int64_t> id = api::ParseId(*v);
      if (!id) {
        return InvalidArgument(k.id_filter, std::string("参数（") + k.id_filter + "）应为正整数");
      }
      where += std::string(" AND r.") + k.id_filter + " = ?";
      params.emplace_back(*id);
    }
  }
  std::string columns = SelectSql(k);
  const std::string from = columns.substr(columns.find(" FROM ")) + where;
  columns = columns.substr(7, columns.find(" FROM ") - 7);
  api::PageRows page =
      api::QueryPage(call.tx, columns, from, std::move(params), date + " DESC, r.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(call.tx, k, r));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> Create(api::Call& call, const RecordKind& k) {
  api::Body body(call.body, k.fields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t org_id, api::OwnerOrg(call, body, k.fields[0].label));
  GH_ASSIGN_OR_RETURN(Values values, k.read(call, body));
  std::string cols = "org_id, created_by, created_at, updated_at";
  std::string marks = "?, ?, ?, ?";
  std::vector<db::Value> params = {org_id, call.who.user_id, call.now, call.now};
  for (auto& [col, value] : values) {
    cols += ", " + col;
    marks += ", ?";
    params.push_back(value);
  }
  const int64_t id = call.tx.Insert(
      std::string("INSERT INTO ") + k.table + " (" + cols + ") VALUES (" + marks + ") RETURNING id",
      params);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call, k, id));
  audit::Record(call, "create", k.table, id, org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

// The stored record in the shape of the input, for PATCH to overlay.
nlohmann::json AsInput(const RecordKind& k, const nlohmann::json& stored) {
  nlohmann::json in = nlohmann::json::object();
  for (const api::FieldDef& f : k.fields) {
    if (!stored.contains(f.key) || stored[f.key].is_null()) continue;
    const nlohmann::json& v = stored[f.key];
    if (v.is_array() && !v.empty() && v[0].is_object() && v[0].contains("id")) {
      nlohmann::json ids = nlohmann::json::array();  // org refs back to ids
      for (const auto& ref : v) ids.push_back(ref["id"]);
      in[f.key] = ids;
    } else if (v.is_array() && !v.empty() && v[0].is_object() && v[0].contains("as_written")) {
      nlohmann::json groups = nlohmann::json::array();  // training groups back to their input
      for (const auto& g : v) groups.push_back({{"group", g["group"]}, {"count", g["as_written"]}});
      in[f.key] = groups;
    } else {
      in[f.key] = v;
    }
  }
  return in;
}

Result<api::Reply> Patch(api::Call& call, const RecordKind& k) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, k, id));
  api::Body given(call.body, k.fields);
  GH_RETURN_IF_ERROR(given.CheckUnknown());
  if (given.Has("org_id") && call.body["org_id"] != before["org_id"]) {
    return given.Error("org_id", "创建后不能修改");
  }
  nlohmann::json merged = AsInput(k, before);
  for (const auto& [key, value] : call.body.items()) merged[key] = value;
  api::Body body(merged, k.fields);
  GH_ASSIGN_OR_RETURN(Values values, k.read(call, body));
  std::string sql = std::string("UPDATE ") + k.table + " SET updated_at = ?";
  std::vector<db::Value> params = {call.now};
  for (auto& [col, value] : values) {
    sql += ", " + col + " = ?";
    params.push_back(value);
  }
  params.push_back(id);
  call.tx.Exec(sql + " WHERE id = ?", params);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call, k, id));
  audit::Record(call, "update", k.table, id, before["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> GetVisitItems(api::Call& call) {
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           "SELECT item_key, label, active FROM labour_visit_item ORDER BY position, item_key")) {
    items.push_back({{"key", r.Str(0)}, {"label", r.Str(1)}, {"active", r.Int(2) != 0}});
  }
  return api::Reply::Ok({{"items", items}, {"max_score", kMaxItemScore}});
}

// Replaces the checklist (city only: the items are the same everywhere so
// visits compare). An item used by a visit may be deactivated, not removed.
Result<api::Reply> PutVisitItems(api::Call& call) {
  if (call.who.org_id != org::RootId(call.tx)) {
    return PermissionDenied("只有市总工会可以修改调研指导检查项");
  }
  api::Body body(call.body, {{"items", "检查项"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const nlohmann::json* items = body.Get("items");
  if (!items || !items->is_array() || items->empty() || items->size() > 30) {
    return body.Error("items", "应为 1 到 30 个 {\"key\",\"label\",\"active\"}");
  }
  const nlohmann::json before = GetVisitItems(call)->body;
  std::set<std::string> keys;
  std::vector<std::tuple<std::string, std::string, bool>> rows;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "]";
    const nlohmann::json& it = (*items)[i];
    if (!it.is_object() || !it.contains("key") || !it["key"].is_string() || !it.contains("label") ||
        !it["label"].is_string()) {
      return InvalidArgument(field, "检查项（" + field + "）应为 {\"key\",\"label\",\"active\"}");
    }
    const std::string key = it["key"].get<std::string>();
    const std::string label = api::Trim(it["label"].get<std::string>());
    if (key.empty() || key.size() > 30 ||
        !std::all_of(key.begin(), key.end(), [](char c) { return std::islower(c) || c == '_'; })) {
      return InvalidArgument(field + ".key", "检查项代码应为 1 到 30 个小写字母或下划线");
    }
    if (label.empty() || api::Utf8Length(label) > 20) {
      return InvalidArgument(field + ".label", "检查项名称应为 1 到 20 个字符");
    }
    if (!keys.insert(key).second) return InvalidArgument(field + ".key", "检查项代码重复：" + key);
    rows.emplace_back(key, label, !it.contains("active") || it["active"] == true);
  }
  for (const auto& old : before["items"]) {
    const std::string key = old["key"];
    if (keys.count(key)) continue;
    if (call.tx.QueryInt("SELECT COUNT(*) FROM labour_visit WHERE scores LIKE ? ESCAPE '\\'",
                         {db::ContainsPattern("\"" + key + "\"")}) > 0) {
      return FailedPrecondition("检查项 " + key + " 已有评分记录，只能停用，不能删除", "items");
    }
  }
  call.tx.Exec("DELETE FROM labour_visit_item");
  int64_t position = 0;
  for (const auto& [key, label, active] : rows) {
    call.tx.Exec(
        "INSERT INTO labour_visit_item (item_key, label, position, active) VALUES (?, ?, ?, ?)",
        {key, label, ++position, int64_t{active}});
  }
  const nlohmann::json after = GetVisitItems(call)->body;
  audit::Record(call, "update", "labour_visit_item", 0, call.who.org_id, before, after);
  return api::Reply::Ok(after);
}

void AddRoutes(api::Api& api, const RecordKind& k, const char* list_summary,
               const char* create_summary) {
  const std::string base = k.path;
  std::vector<std::string> query = {"org_id", "axis", "from", "to",
                                    "year",   "q",    "page", "page_size"};
  if (k.extra_filter) query.emplace_back(k.extra_filter);
  if (k.id_filter) query.emplace_back(k.id_filter);
  if (base == "/labour/documents") query.emplace_back("type");
  api.Add({"GET", base, "labour:contract:read", "labour", list_summary,
           [&k](api::Call& call) { return List(call, k); }, query});
  api.Add({"POST", base, "labour:contract:write", "labour", create_summary,
           [&k](api::Call& call) { return Create(call, k); }});
  api.Add({"GET", base + "/{id}", "labour:contract:read", "labour", std::string(k.what) + "详情",
           [&k](api::Call& call) -> Result<api::Reply> {
             GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
             GH_ASSIGN_OR_RETURN(nlohmann::json j, Load(call, k, id));
             return api::Reply::Ok(std::move(j));
           }});
  api.Add({"PATCH", base + "/{id}", "labour:contract:write", "labour", std::string("修改") + k.what,
           [&k](api::Call& call) { return Patch(call, k); }});
}

}  // namespace

void RegisterRecordRoutes(api::Api& api) {
  AddRoutes(api, kConsultations, "集体协商会列表（new_forms=true 为新业态协商）", "登记集体协商会");
  AddRoutes(api, kVisits, "调研指导列表", "登记调研指导");
  AddRoutes(api, kTrainings, "培训列表", "登记培训");
  AddRoutes(api, kDocuments, "制度文件列表", "登记制度文件");
  api.Add({"GET", "/labour/visit-items", "labour:contract:read", "labour", "调研指导检查项",
           GetVisitItems});
  api.Add({"PUT", "/labour/visit-items", "labour:contract:write", "labour",
           "修改调研指导检查项（市总工会）", PutVisitItems});
}

}  // namespace gonghui::labour
