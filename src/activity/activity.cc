#include "activity/activity.h"

#include <algorithm>
#include <map>

#include "api/body.h"
#include "api/cache.h"
#include "audit/audit.h"
#include "campaign/campaign.h"
#include "core/date.h"
#include "core/money.h"
#include "core/quantity.h"
#include "core/time.h"
#include "org/org.h"
#include "photo/photo.h"
#include "search/index.h"

namespace gonghui::activity {
namespace {

const std::vector<api::FieldDef> kFields = {{"org_id", "所属工会"},
                                            {"title", "标题"},
                                            {"type", "类型"},
                                            {"start_date", "开始日期"},
                                            {"end_date", "结束日期"},
                                            {"day_part", "时段"},
                                            {"places", "地点"},
                                            {"participants", "参与人数"},
                                            {"beneficiaries", "受益对象"},
                                            {"target_groups", "服务对象"},
                                            {"money", "资金"},
                                            {"items", "物资"},
                                            {"organisers", "主办单位"},
                                            {"partners", "协办单位"},
                                            {"photos", "照片"},
                                            {"body", "正文"},
                                            {"campaign_id", "关爱行动"}};

const char* const kSources[] = {"", "self_raised", "special_fund", "subsidy"};

constexpr const char* kColumns =
    "a.id, a.org_id, o.name, a.title, a.type, a.start_date, a.end_date, a.day_part, "
    "a.participants_count, a.participants_qualifier, a.participants_unit, a.detail, a.body, "
    "a.created_by, a.created_at, a.updated_at, a.campaign_id";

// A quantity object: {"text":"40余人"} or {"count":40,"qualifier":"余","unit":"人"}.
// A quantity and its text as written ("百余名"), or as formatted when only the
// number was sent.
struct Written {
  Quantity q;
  std::string text;
};

Result<Written> ReadQuantity(const nlohmann::json& j, const std::string& field) {
  if (!j.is_object())
    return InvalidArgument(field, "数量（" + field + "）应为对象，如 {\"text\":\"40余人\"}");
  for (const auto& [key, value] : j.items()) {
    if (key != "text" && key != "count" && key != "qualifier" && key != "unit" && key != "group") {
      return InvalidArgument(field + "." + key, "未知字段：" + field + "." + key);
    }
  }
  if (j.contains("text") && !j["text"].is_null()) {
    if (!j["text"].is_string()) return InvalidArgument(field + ".text", "数量文字应为字符串");
    std::string text = api::Trim(j["text"].get<std::string>());
    GH_ASSIGN_OR_RETURN(Quantity q, ParseQuantity(text, field + ".text"));
    return Written{q, text};
  }
  if (!j.contains("count") || !j["count"].is_number_integer() || j["count"].get<int64_t>() < 0) {
    return InvalidArgument(field + ".count", "人数应为非负整数（或用 text 填写如“40余人”）");
  }
  Quantity q;
  q.count = j["count"].get<int64_t>();
  if (j.contains("qualifier")) {
    if (!j["qualifier"].is_string() || !IsQualifier(j["qualifier"].get<std::string>())) {
      return InvalidArgument(field + ".qualifier", "限定词应为 余、近、多、约、以上 之一或为空");
    }
    q.qualifier = j["qualifier"].get<std::string>();
  }
  if (j.contains("unit")) {
    if (!j["unit"].is_string() || api::Utf8Length(j["unit"].get<std::string>()) > 4) {
      return InvalidArgument(field + ".unit", "单位应为不超过 4 个字的字符串");
    }
    q.unit = j["unit"].get<std::string>();
  }
  return Written{q, FormatQuantity(q)};
}

nlohmann::json QuantityJson(const Quantity& q, const std::string& text) {
  return {{"count", q.count},
          {"qualifier", q.qualifier},
          {"unit", q.unit},
          {"text", text.empty() ? FormatQuantity(q) : text}};
}

Result<nlohmann::json> ReadBeneficiaries(const api::Body& body) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json* v = body.Get("beneficiaries");
  if (!v) return out;
  if (!v->is_array() || v->size() > 20) return body.Error("beneficiaries", "应为最多 20 项的数组");
  for (size_t i = 0; i < v->size(); ++i) {
    const nlohmann::json& item = (*v)[i];
    std::string field = "beneficiaries[" + std::to_string(i) + "]";
    GH_ASSIGN_OR_RETURN(Written w, ReadQuantity(item, field));
    const Quantity& q = w.q;
    std::string group = item.value("group", "");
    if (group.empty() || api::Utf8Length(group) > 50) {
      return InvalidArgument(field + ".group",
                             "受益对象（" + field + ".group）不能为空且不超过 50 字");
    }
    nlohmann::json j = QuantityJson(q, w.text);
    j["group"] = group;
    out.push_back(std::move(j));
  }
  return out;
}

Result<nlohmann::json> ReadMoney(const api::Body& body) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json* v = body.Get("money");
  if (!v) return out;
  if (!v->is_array() || v->size() > 20) return body.Error("money", "应为最多 20 项的数组");
  for (size_t i = 0; i < v->size(); ++i) {
    const nlohmann::json& item = (*v)[i];
    std::string field = "money[" + std::to_string(i) + "]";
    if (!item.is_object())
      return InvalidArgument(field, "资金（" + field + "）应为对象，如 {\"text\":\"10万元\"}");
    for (const auto& [key, value] : item.items()) {
      if (key != "text" && key != "amount_fen" && key != "qualifier" && key != "purpose" &&
          key != "source") {
        return InvalidArgument(field + "." + key, "未知字段：" + field + "." + key);
      }
    }
    Money m;
    std::string text;
    if (item.contains("text") && !item["text"].is_null()) {
      if (!item["text"].is_string()) return InvalidArgument(field + ".text", "金额文字应为字符串");
      text = item["text"].get<std::string>();
      GH_ASSIGN_OR_RETURN(m, ParseMoney(text, field + ".text"));
    } else {
      if (!item.contains("amount_fen") || !item["amount_fen"].is_number_integer() ||
          item["amount_fen"].get<int64_t>() < 0) {
        return InvalidArgument(field + ".amount_fen",
                               "金额（分）应为非负整数（或用 text 填写如“10万元”）");
      }
      m.fen = item["amount_fen"].get<int64_t>();
      m.qualifier = item.value("qualifier", "");
      if (!IsMoneyQualifier(m.qualifier)) {
        return InvalidArgument(field + ".qualifier",
                               "金额限定词应为 最高、近、约、余、多 之一或为空");
      }
    }
    std::string source = item.value("source", "");
    if (std::none_of(std::begin(kSources), std::end(kSources),
                     [&](const char* s) { return source == s; })) {
      return InvalidArgument(
          field + ".source",
          "资金来源应为 self_raised（自筹）、special_fund（专项经费）或 subsidy（补助）");
    }
    std::string purpose = item.value("purpose", "");
    if (api::Utf8Length(purpose) > 100)
      return InvalidArgument(field + ".purpose", "资金用途不能超过 100 字");
    out.push_back({{"amount_fen", m.fen},
                   {"qualifier", m.qualifier},
                   {"purpose", purpose},
                   {"source", source},
                   {"text", text.empty() ? FormatMoney(m) : text}});
  }
  return out;
}

// The summary columns derived from the detail: beneficiaries counted over all
// groups, money in fen over all entries.
std::pair<int64_t, int64_t> Totals(const nlohmann::json& detail) {
  int64_t beneficiaries = 0, money = 0;
  for (const auto& b : detail.value("beneficiaries", nlohmann::json::array())) {
    beneficiaries += b.value("count", int64_t{0});
  }
  for (const auto& m : detail.value("money", nlohmann::json::array())) {
    money += m.value("amount_fen", int64_t{0});
  }
  return {beneficiaries, money};
}

// Reads the body into `r` (which holds the current values when patching).
Status Parse(api::Call& call, const api::Body& body, bool creating, Record& r) {
  if (creating || body.Has("title")) {
    GH_ASSIGN_OR_RETURN(r.title, body.Text("title", true, 200));
  }
  if (creating || body.Has("type")) {
    GH_ASSIGN_OR_RETURN(r.type, body.Text("type", true, 20));
    if (!IsType(r.type)) {
      return body.Error("type",
                        "应为 meeting、education、training、competition、culture_sports、care、"
                        "consultation、guidance、award 或 other 之一");
    }
  }
  if (creating || body.Has("start_date")) {
    GH_ASSIGN_OR_RETURN(r.start_date, body.Text("start_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(r.start_date, "start_date").status());
    if (creating && !body.Has("end_date")) r.end_date = r.start_date;
  }
  if (body.Has("end_date")) {
    GH_ASSIGN_OR_RETURN(r.end_date, body.Text("end_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(r.end_date, "end_date").status());
  }
  if (r.end_date < r.start_date) return body.Error("end_date", "不能早于开始日期");
  if (call.body.contains("day_part")) {
    GH_ASSIGN_OR_RETURN(r.day_part, body.Text("day_part", false, 5));
    if (r.day_part != "" && r.day_part != "am" && r.day_part != "pm") {
      return body.Error("day_part", "应为 am（上午）、pm（下午）或空");
    }
  }
  if (call.body.contains("participants")) {
    const nlohmann::json* p = body.Get("participants");
    if (!p) {
      r.participants_count.reset();
      r.participants_qualifier.clear();
      r.participants_unit.clear();
      r.detail.erase("participants_text");
    } else {
      GH_ASSIGN_OR_RETURN(Written w, ReadQuantity(*p, "participants"));
      r.participants_count = w.q.count;
      r.participants_qualifier = w.q.qualifier;
      r.participants_unit = w.q.unit;
      r.detail["participants_text"] = w.text;
    }
  }
  for (const char* key : {"places", "target_groups", "items"}) {
    if (!call.body.contains(key)) continue;
    GH_ASSIGN_OR_RETURN(std::vector<std::string> list, body.TextList(key, 50, 100));
    r.detail[key] = list;
  }
  if (call.body.contains("beneficiaries")) {
    GH_ASSIGN_OR_RETURN(r.detail["beneficiaries"], ReadBeneficiaries(body));
  }
  if (call.body.contains("money")) {
    GH_ASSIGN_OR_RETURN(r.detail["money"], ReadMoney(body));
  }
  if (call.body.contains("organisers")) {
    GH_ASSIGN_OR_RETURN(r.organisers, body.IdList("organisers", 20));
    GH_RETURN_IF_ERROR(org::CheckRefs(call.tx, r.organisers, body, "organisers"));
  }
  if (call.body.contains("partners")) {
    GH_ASSIGN_OR_RETURN(r.partners, body.IdList("partners", 20));
    GH_RETURN_IF_ERROR(org::CheckRefs(call.tx, r.partners, body, "partners"));
  }
  if (call.body.contains("photos")) {
    GH_ASSIGN_OR_RETURN(std::vector<int64_t> ids, body.IdList("photos", 20));
    GH_ASSIGN_OR_RETURN(r.detail["photos"],
                        photo::Attach(call.tx, call.who, ids, r.org_id, "photos"));
  }
  if (call.body.contains("body")) {
    GH_ASSIGN_OR_RETURN(r.body, body.Text("body", false, 500000));
  }
  if (call.body.contains("campaign_id")) {
    GH_ASSIGN_OR_RETURN(r.campaign_id, body.OptInt("campaign_id", 1, INT64_MAX));
  }
  if (r.campaign_id && (call.body.contains("campaign_id") || body.Has("start_date"))) {
    GH_RETURN_IF_ERROR(
        campaign::CheckLink(call.tx, call.who, *r.campaign_id, r.org_id, r.start_date));
  }
  return Status::Ok();
}

void WriteOrgLinks(db::Tx& tx, int64_t id, const Record& r) {
  tx.Exec("DELETE FROM activity_org WHERE activity_id = ?", {id});
  for (auto [role, list] :
       {std::pair{"organiser", &r.organisers}, std::pair{"partner", &r.partners}}) {
    for (size_t i = 0; i < list->size(); ++i) {
      tx.Exec("INSERT INTO activity_org (activity_id, role, position, org_id) VALUES (?, ?, ?, ?)",
              {id, std::string(role), static_cast<int64_t>(i), (*list)[i]});
    }
  }
}

// The record as a search document (search/index.h), written with the record.
search::Doc SearchDoc(int64_t id, const Record& r) {
  std::string body = search::ActivityBody(r.body, r.detail);
  return {"activity", id, r.org_id, false, r.start_date, r.title, std::move(body)};
}

// Counts a record into its campaign's progress (+1) or takes it out (-1).
void CountForCampaign(db::Tx& tx, const Record& r, int sign) {
  if (!r.campaign_id) return;
  auto [beneficiaries, money] = Totals(r.detail);
  campaign::Count(tx,
                  campaign::ShareOf(*r.campaign_id, r.org_id, beneficiaries, r.participants_count,
                                    money, r.detail),
                  sign);
}

void IndexScope(db::Tx& tx, int64_t id) {
  tx.Exec("DELETE FROM activity_scope WHERE activity_id = ?", {id});
  tx.Exec(
      "INSERT INTO activity_scope (ancestor_id, axis, start_date, activity_id) SELECT "
      "c.ancestor_id, "
      "c.axis, a.start_date, a.id FROM activity a JOIN org_closure c ON c.descendant_id = a.org_id "
      "WHERE a.id = ? AND a.deleted_at IS NULL",
      {id});
}

// Rows of kColumns → JSON, with organisers and partners fetched in one query.
nlohmann::json ToJson(db::Tx& tx, const std::vector<db::Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  if (rows.empty()) return out;
  std::string ids;
  for (const db::Row& r : rows) ids += (ids.empty() ? "" : ",") + std::to_string(r.Int(0));
  std::map<int64_t, nlohmann::json> organisers, partners;
  for (const db::Row& l : tx.Query(
           "SELECT l.activity_id, l.role, o.id, o.name FROM activity_org l JOIN org o ON o.id = "
           "l.org_id WHERE l.activity_id IN (" +
           ids + ") ORDER BY l.activity_id, l.role, l.position")) {
    auto& target = l.Str(1) == "organiser" ? organisers : partners;
    target[l.Int(0)].push_back({{"id", l.Int(2)}, {"name", l.Str(3)}});
  }
  for (const db::Row& r : rows) {
    nlohmann::json detail = nlohmann::json::parse(r.Str(11), nullptr, false);
    if (!detail.is_object()) detail = nlohmann::json::object();
    nlohmann::json participants = nullptr;
    if (auto count = r.OptInt(8)) {
      participants = QuantityJson(Quantity{*count, r.Str(9), r.Str(10)},
                                  detail.value("participants_text", ""));
    }
    int64_t id = r.Int(0);
    auto list = [](std::map<int64_t, nlohmann::json>& m, int64_t key) {
      auto it = m.find(key);
      return it == m.end() ? nlohmann::json::array() : it->second;
    };
    out.push_back({{"id", id},
                   {"org_id", r.Int(1)},
                   {"org_name", r.Str(2)},
                   {"title", r.Str(3)},
                   {"type", r.Str(4)},
                   {"start_date", r.Str(5)},
                   {"end_date", r.Str(6)},
                   {"day_part", r.Str(7)},
                   {"participants", participants},
                   {"places", detail.value("places", nlohmann::json::array())},
                   {"beneficiaries", detail.value("beneficiaries", nlohmann::json::array())},
                   {"target_groups", detail.value("target_groups", nlohmann::json::array())},
                   {"money", detail.value("money", nlohmann::json::array())},
                   {"items", detail.value("items", nlohmann::json::array())},
                   {"photos", detail.value("photos", nlohmann::json::array())},
                   {"organisers", list(organisers, id)},
                   {"partners", list(partners, id)},
                   {"body", r.Str(12)},
                   {"created_by", r.OptInt(13) ? nlohmann::json(*r.OptInt(13)) : nullptr},
                   {"created_at", FormatTimestamp(r.Int(14))},
                   {"updated_at", FormatTimestamp(r.Int(15))},
                   {"campaign_id", r.OptInt(16) ? nlohmann::json(*r.OptInt(16)) : nullptr}});
  }
  return out;
}

Result<nlohmann::json> LoadInScope(api::Call& call, int64_t id) {
  std::vector<db::Row> rows = call.tx.Query(std::string("SELECT ") + kColumns +
                                                " FROM activity a JOIN org o ON o.id = a.org_id "
                                                "WHERE a.id = ? AND a.deleted_at IS NULL",
                                            {id});
  if (rows.empty()) return NotFound("工作动态不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, rows[0].Int(1), "工作动态"));
  return ToJson(call.tx, rows)[0];
}

Record FromJson(const nlohmann::json& j) {
  Record r;
  r.org_id = j["org_id"];
  r.title = j["title"];
  r.type = j["type"];
  r.start_date = j["start_date"];
  r.end_date = j["end_date"];
  r.day_part = j["day_part"];
  if (!j["participants"].is_null()) {
    r.participants_count = j["participants"]["count"].get<int64_t>();
    r.participants_qualifier = j["participants"]["qualifier"];
    r.participants_unit = j["participants"]["unit"];
    r.detail["participants_text"] = j["participants"]["text"];
  }
  for (const char* key : {"places", "beneficiaries", "target_groups", "money", "items", "photos"}) {
    r.detail[key] = j[key];
  }
  for (const auto& o : j["organisers"]) r.organisers.push_back(o["id"]);
  for (const auto& o : j["partners"]) r.partners.push_back(o["id"]);
  r.body = j["body"];
  if (!j["campaign_id"].is_null()) r.campaign_id = j["campaign_id"].get<int64_t>();
  return r;
}

// Pages of the list, shared by every caller with the same subtree and filters.
api::VersionedCache& ListCache() {
  static api::VersionedCache cache(4096);
  return cache;
}

constexpr const char* kVersion = "activity";

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  // Pages show org names too, so an org edit invalidates them as well.
  const int64_t version = api::DataVersion(call.tx, {kVersion, "org"});
  const std::string key = std::to_string(sub.root) + '|' + sub.axis + '|' + std::to_string(p.page) +
                          '|' + std::to_string(p.page_size) + '|' + p.from + '|' + p.to + '|' +
                          p.type + '|' + p.sort + '|' + p.q + '|' +
                          call.req.Query("campaign_id").value_or("") + '|' + (p.own ? "own" : "");
  if (std::optional<std::string> hit = ListCache().Get(key, version)) {
    api::Reply reply;
    reply.raw_body = std::move(*hit);
    return reply;
  }
  std::string where = " WHERE s.ancestor_id = ? AND s.axis = ?";
  std::vector<db::Value> params = {sub.root, sub.axis};
  bool join = false;
  if (p.own) {
    where += " AND a.org_id = ?";
    params.push_back(sub.root);
    join = true;
  }
  if (!p.from.empty()) {
    where += " AND s.start_date >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND s.start_date <= ?";
    params.push_back(p.to);
  }
  if (!p.type.empty()) {
    if (!IsType(p.type)) return InvalidArgument("type", "查询参数 type 不是有效的工作动态类型");
    where += " AND a.type = ?";
    params.push_back(p.type);
    join = true;
  }
  if (!p.q.empty()) {
    where += " AND (a.title LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(db::ContainsPattern(p.q));
    join = true;
  }
  if (auto v = call.req.Query("campaign_id"); v && !v->empty()) {
    if (v->find_first_not_of("0123456789") != std::string::npos || v->size() > 18) {
      return Status(Code::kBadRequest, "查询参数 campaign_id 应为关爱行动编号", "campaign_id");
    }
    where += " AND a.campaign_id = ?";
    params.push_back(int64_t{std::stoll(*v)});
    join = true;
  }
  std::string order;
  if (p.sort.empty() || p.sort == "-start_date") {
    order = " ORDER BY s.start_date DESC, s.activity_id DESC";
  } else if (p.sort == "start_date") {
    order = " ORDER BY s.start_date, s.activity_id";
  } else if (p.sort == "-created_at") {
    order = " ORDER BY s.activity_id DESC";
  } else {
    return InvalidArgument("sort", "查询参数 sort 应为 -start_date、start_date 或 -created_at");
  }
  std::string from = " FROM activity_scope s";
  if (join) from += " JOIN activity a ON a.id = s.activity_id";
  int64_t total = call.tx.QueryInt("SELECT COUNT(*)" + from + where, params);
  params.push_back(p.page_size);
  params.push_back(p.offset());
  std::vector<db::Row> rows = call.tx.Query(
      std::string("SELECT ") + kColumns +
          " FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id IN (SELECT s.activity_id" +
          from + where + order + " LIMIT ? OFFSET ?)" +
          (order.find("start_date") != std::string::npos
               ? (p.sort == "start_date" ? " ORDER BY a.start_date, a.id"
                                         : " ORDER BY a.start_date DESC, a.id DESC")
               : " ORDER BY a.id DESC"),
      params);
  api::Reply reply;
  reply.raw_body = api::Page(ToJson(call.tx, rows), total, p).dump();
  ListCache().Put(key, version, reply.raw_body);
  return reply;
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  Record r;
  GH_ASSIGN_OR_RETURN(r.org_id, body.Int("org_id", 1, INT64_MAX));
  if (!auth::InScope(call.tx, call.who, r.org_id)) {
    return Status(Code::kNotFound, "所属工会不存在或不在您的管辖范围内", "org_id");
  }
  GH_RETURN_IF_ERROR(Parse(call, body, true, r));
  int64_t id = Insert(call.tx, r, call.who.user_id, call.now);
  api::BumpDataVersion(call.tx, kVersion);
  GH_ASSIGN_OR_RETURN(nlohmann::json a, LoadInScope(call, id));
  audit::Record(call, "create", "activity", id, r.org_id, nullptr, a);
  return api::Reply::Created(std::move(a));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, INT64_MAX));
    if (org_id != before["org_id"].get<int64_t>()) return body.Error("org_id", "创建后不能修改");
  }
  const Record old = FromJson(before);
  Record r = old;
  GH_RETURN_IF_ERROR(Parse(call, body, false, r));
  CountForCampaign(call.tx, old, -1);
  CountForCampaign(call.tx, r, +1);
  auto [beneficiaries, money] = Totals(r.detail);
  call.tx.Exec(
      "UPDATE activity SET title = ?, type = ?, start_date = ?, end_date = ?, day_part = ?, "
      "participants_count = ?, participants_qualifier = ?, participants_unit = ?, "
      "beneficiaries_total = ?, money_total_fen = ?, detail = ?, body = ?, campaign_id = ?, "
      "updated_at = ? WHERE id = ?",
      {r.title, r.type, r.start_date, r.end_date, r.day_part, db::OrNull(r.participants_count),
       r.participants_qualifier, r.participants_unit, beneficiaries, money, r.detail.dump(), r.body,
       db::OrNull(r.campaign_id), call.now, id});
  WriteOrgLinks(call.tx, id, r);
  if (r.start_date != before["start_date"]) IndexScope(call.tx, id);
  search::Put(call.tx, SearchDoc(id, r));
  api::BumpDataVersion(call.tx, kVersion);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "activity", id, r.org_id, before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> Delete(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  call.tx.Exec("UPDATE activity SET deleted_at = ?, updated_at = ? WHERE id = ?",
               {call.now, call.now, id});
  call.tx.Exec("DELETE FROM activity_scope WHERE activity_id = ?", {id});
  CountForCampaign(call.tx, FromJson(before), -1);
  search::Remove(call.tx, "activity", id);
  api::BumpDataVersion(call.tx, kVersion);
  audit::Record(call, "delete", "activity", id, before["org_id"].get<int64_t>(), before, nullptr);
  return api::Reply::NoContent();
}

}  // namespace

bool IsType(std::string_view type) {
  return std::any_of(std::begin(kTypes), std::end(kTypes),
                     [&](const char* t) { return type == t; });
}

int64_t Insert(db::Tx& tx, const Record& r, int64_t user_id, int64_t now) {
  auto [beneficiaries, money] = Totals(r.detail);
  int64_t id = tx.Insert(
      "INSERT INTO activity (org_id, title, type, start_date, end_date, day_part, "
      "participants_count, "
      "participants_qualifier, participants_unit, beneficiaries_total, money_total_fen, detail, "
      "body, "
      "created_by, created_at, updated_at, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?) RETURNING id",
      {r.org_id, r.title, r.type, r.start_date, r.end_date, r.day_part,
       db::OrNull(r.participants_count), r.participants_qualifier, r.participants_unit,
       beneficiaries, money, r.detail.dump(), r.body, user_id ? db::Value(user_id) : db::Null(),
       now, now, db::OrNull(r.campaign_id)});
  WriteOrgLinks(tx, id, r);
  tx.Exec(
      "INSERT INTO activity_scope (ancestor_id, axis, start_date, activity_id) SELECT ancestor_id, "
      "axis, ?, ? FROM org_closure WHERE descendant_id = ?",
      {r.start_date, id, r.org_id});
  CountForCampaign(tx, r, +1);
  search::Put(tx, SearchDoc(id, r));
  return id;
}

void RegisterRoutes(api::Api& api) {
  org::OnSubtreeMoved([](db::Tx& tx, int64_t root, std::string_view axis) {
    api::BumpDataVersion(tx, kVersion);
    std::string ax(axis);
    const char* subtree =
        "SELECT id FROM activity WHERE deleted_at IS NULL AND org_id IN (SELECT descendant_id FROM "
        "org_closure WHERE ancestor_id = ? AND axis = ?)";
    tx.Exec(std::string("DELETE FROM activity_scope WHERE axis = ? AND activity_id IN (") +
                subtree + ")",
            {ax, root, ax});
    tx.Exec(
        std::string("INSERT INTO activity_scope (ancestor_id, axis, start_date, activity_id) "
                    "SELECT c.ancestor_id, c.axis, a.start_date, a.id FROM activity a JOIN "
                    "org_closure c ON c.descendant_id = a.org_id AND c.axis = ? WHERE a.id IN (") +
            subtree + ")",
        {ax, root, ax});
  });
  const std::vector<std::string> query = {"org_id", "axis", "type",      "from",        "to", "q",
                                          "sort",   "page", "page_size", "campaign_id", "own"};
  api.Add({"GET", "/activities", "activity:activity:read", "activities",
           "工作动态列表（按子树、轴、类型、日期、关键词筛选）", List, query});
  api.Add({"POST", "/activities", "activity:activity:write", "activities", "新建工作动态", Create});
  api.Add({"GET", "/activities/{id}", "activity:activity:read", "activities", "工作动态详情",
           api::GetById<LoadInScope>});
  api.Add({"PATCH", "/activities/{id}", "activity:activity:write", "activities", "修改工作动态",
           Patch});
  api.Add({"DELETE", "/activities/{id}", "activity:activity:write", "activities",
           "删除工作动态（软删除，留审计）", Delete});
}

}  // namespace gonghui::activity
