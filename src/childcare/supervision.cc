// Supervision (日常监管, 跟踪问效): inspection visits and their findings, each
// open until its rectification is recorded and accepted.
#include <map>

#include "api/body.h"
#include "audit/audit.h"
#include "childcare/internal.h"
#include "core/date.h"
#include "core/time.h"
#include "photo/photo.h"

namespace gonghui::childcare {
namespace {

std::string FindingLabel(std::string_view s) {
  if (s == "open") return "待整改";
  if (s == "rectified") return "已整改待验收";
  return "已验收";
}

constexpr const char* kFindingColumns =
    "f.id, f.inspection_id, f.class_id, f.description, f.deadline, f.state, f.rectification, "
    "f.photos, f.rectified_by, f.rectified_at, f.accepted_by, f.accepted_at, f.comment, "
    "f.created_at, f.updated_at, k.name, k.org_id, i.org_id";
constexpr const char* kFindingFrom =
    " FROM childcare_finding f JOIN childcare_inspection i ON i.id = f.inspection_id JOIN "
    "childcare_class k ON k.id = f.class_id";

nlohmann::json FindingJson(const db::Row& r, const std::string& today) {
  nlohmann::json photos = nlohmann::json::parse(r.Str(7), nullptr, false);
  auto ts = [&](size_t i) {
    return r.OptInt(i) ? nlohmann::json(FormatTimestamp(*r.OptInt(i))) : nlohmann::json(nullptr);
  };
  return {{"id", r.Int(0)},
          {"inspection_id", r.Int(1)},
          {"class_id", r.Int(2)},
          {"class_name", r.Str(15)},
          {"description", r.Str(3)},
          {"deadline", r.Str(4)},
          {"state", r.Str(5)},
          {"state_label", FindingLabel(r.Str(5))},
          {"rectification", r.Str(6)},
          {"photos", photos.is_array() ? photos : nlohmann::json::array()},
          {"rectified_by", OptInt(r.OptInt(8))},
          {"rectified_at", ts(9)},
          {"accepted_by", OptInt(r.OptInt(10))},
          {"accepted_at", ts(11)},
          {"comment", r.Str(12)},
          {"overdue", r.Str(5) != "accepted" && r.Str(4) < today},
          {"created_at", FormatTimestamp(r.Int(13))},
          {"updated_at", FormatTimestamp(r.Int(14))}};
}

constexpr const char* kColumns =
    "i.id, i.class_id, k.name, i.org_id, o.name, i.day, i.inspector, i.notes, i.created_by, "
    "i.created_at, k.org_id";
constexpr const char* kFrom =
    " FROM childcare_inspection i JOIN childcare_class k ON k.id = i.class_id JOIN org o ON o.id = "
    "i.org_id";

nlohmann::json ToJson(db::Tx& tx, const std::vector<db::Row>& rows, const std::string& today) {
  nlohmann::json out = nlohmann::json::array();
  if (rows.empty()) return out;
  std::string ids;
  for (const db::Row& r : rows) ids += (ids.empty() ? "" : ",") + std::to_string(r.Int(0));
  std::map<int64_t, nlohmann::json> findings;
  for (const db::Row& f : tx.Query(std::string("SELECT ") + kFindingColumns + kFindingFrom +
                                   " WHERE f.inspection_id IN (" + ids + ") ORDER BY f.id")) {
    findings[f.Int(1)].push_back(FindingJson(f, today));
  }
  for (const db::Row& r : rows) {
    nlohmann::json list = findings.count(r.Int(0)) ? findings[r.Int(0)] : nlohmann::json::array();
    int64_t open = 0, overdue = 0;
    for (const nlohmann::json& f : list) {
      open += f["state"] != "accepted" ? 1 : 0;
      overdue += f["overdue"].get<bool>() ? 1 : 0;
    }
    out.push_back({{"id", r.Int(0)},
                   {"class_id", r.Int(1)},
                   {"class_name", r.Str(2)},
                   {"class_org_id", r.Int(10)},
                   {"org_id", r.Int(3)},
                   {"org_name", r.Str(4)},
                   {"date", r.Str(5)},
                   {"inspector", r.Str(6)},
                   {"notes", r.Str(7)},
                   {"open_findings", open},
                   {"overdue_findings", overdue},
                   {"findings", std::move(list)},
                   {"created_by", OptInt(r.OptInt(8))},
                   {"created_at", FormatTimestamp(r.Int(9))}});
  }
  return out;
}

std::string Today(const api::Call& call) { return TodayUtcPlus8(call.now).ToString(); }

Result<nlohmann::json> LoadInspection(api::Call& call, int64_t id) {
  std::vector<db::Row> rows =
      call.tx.Query(std::string("SELECT ") + kColumns + kFrom + " WHERE i.id = ?", {id});
  if (rows.empty()) return NotFound("检查记录不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, rows[0].Int(10), "检查记录"));
  return ToJson(call.tx, rows, Today(call))[0];
}

// A finding as a request gives it: a new one (`id` 0; description and deadline
// both given) or, when an inspection is edited, the changes to finding `id`.
struct FindingInput {
  int64_t id = 0;
  std::optional<std::string> description, deadline;
};

// Reads `findings` (≤ 100 items `{description, deadline}`, plus `id` when
// `editing`). Deadlines are dates not before `day`, the visit's date.
// InvalidArgument naming the item's field.
Result<std::vector<FindingInput>> ParseFindings(const api::Body& body, const std::string& day,
                                                bool editing) {
  std::vector<FindingInput> out;
  const nlohmann::json* list = body.Get("findings");
  if (!list) return out;
  if (!list->is_array() || list->size() > 100) {
    return body.Error("findings", "应为不超过100项的数组");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string at = "findings[" + std::to_string(i) + "]";
    const nlohmann::json& f = (*list)[i];
    if (!f.is_object()) return InvalidArgument(at, "发现问题（" + at + "）应为对象");
    for (const auto& item : f.items()) {
      if (item.key() != "description" && item.key() != "deadline" &&
          (!editing || item.key() != "id")) {
        return InvalidArgument(at + "." + item.key(), "未知字段：" + item.key());
      }
    }
    FindingInput in;
    if (f.contains("id")) {
      if (!f["id"].is_number_integer() || f["id"].get<int64_t>() <= 0) {
        return InvalidArgument(at + ".id", "问题编号（" + at + ".id）应为正整数");
      }
      in.id = f["id"].get<int64_t>();
    }
    if (in.id == 0 || f.contains("description")) {
      if (!f.contains("description") || !f["description"].is_string() ||
          api::Trim(f["description"]).empty() ||
          api::Utf8Length(f["description"].get<std::string>()) > 500) {
        return InvalidArgument(at + ".description",
                               "问题描述（" + at + ".description）不能为空，最多500字");
      }
      in.description = api::Trim(f["description"]);
    }
    if (in.id == 0 || f.contains("deadline")) {
      if (!f.contains("deadline") || !f["deadline"].is_string()) {
        return InvalidArgument(at + ".deadline", "整改期限（" + at + ".deadline）不能为空");
      }
      GH_RETURN_IF_ERROR(ParseDate(f["deadline"].get<std::string>(), at + ".deadline").status());
      if (f["deadline"].get<std::string>() < day) {
        return InvalidArgument(at + ".deadline", "整改期限（" + at + ".deadline）不能早于检查日期");
      }
      in.deadline = f["deadline"].get<std::string>();
    }
    out.push_back(std::move(in));
  }
  return out;
}

void InsertFinding(api::Call& call, int64_t inspection_id, int64_t class_id,
                   const FindingInput& f) {
  call.tx.Exec(
      "INSERT INTO childcare_finding (inspection_id, class_id, description, deadline, state, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?)",
      {inspection_id, class_id, *f.description, *f.deadline, call.now, call.now});
}

const std::vector<api::FieldDef> kFields = {{"class_id", "托管班"}, {"org_id", "检查单位"},
                                            {"date", "检查日期"},   {"inspector", "检查人"},
                                            {"notes", "检查情况"},  {"findings", "发现问题"}};

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t class_id, body.Int("class_id", 1, INT64_MAX));
  Result<nlohmann::json> k = LoadClass(call, class_id);
  if (!k.ok()) return Status(Code::kNotFound, "托管班不存在或不在您的管辖范围内", "class_id");
  const int64_t class_org = (*k)["org_id"];
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> given, body.OptInt("org_id", 1, INT64_MAX));
  const int64_t org_id = given.value_or(call.who.org_id);
  // The inspecting union: in the caller's scope and the host itself or above it.
  if (!auth::InScope(call.tx, call.who, org_id) ||
      call.tx.QueryInt(
          "SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND descendant_id = ?",
          {org_id, class_org}) == 0) {
    return body.Error("org_id", "应为主办工会或其上级工会，且在您的管辖范围内");
  }
  GH_ASSIGN_OR_RETURN(std::string day, body.Text("date", true, 10));
  GH_RETURN_IF_ERROR(ParseDate(day, "date").status());
  GH_ASSIGN_OR_RETURN(std::string inspector, body.Text("inspector", false, 50));
  GH_ASSIGN_OR_RETURN(std::string notes, body.Text("notes", false, 5000));
  GH_ASSIGN_OR_RETURN(std::vector<FindingInput> findings, ParseFindings(body, day, false));
  const int64_t id = call.tx.Insert(
      "INSERT INTO childcare_inspection (class_id, org_id, day, inspector, notes, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {class_id, org_id, day, inspector, notes, call.who.user_id, call.now});
  for (const FindingInput& f : findings) InsertFinding(call, id, class_id, f);
  GH_ASSIGN_OR_RETURN(nlohmann::json out, LoadInspection(call, id));
  audit::Record(call, "create", "childcare_inspection", id, class_org, nullptr, out);
  return api::Reply::Created(std::move(out));
}

// Edits a visit: its date, inspector and notes, and its findings not yet
// accepted (changed by `id`, or added without one); an accepted finding is
// closed (409). Only the inspecting union or one above it edits its record,
// as only it accepts the rectifications.
Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInspection(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  for (const char* key : {"class_id", "org_id"}) {
    if (body.Has(key)) return body.Error(key, "登记后不能修改");
  }
  if (!auth::InScope(call.tx, call.who, before["org_id"].get<int64_t>())) {
    return PermissionDenied("检查记录须由检查单位或其上级工会修改");
  }
  std::string day = before["date"], inspector = before["inspector"], notes = before["notes"];
  if (body.Has("date")) {
    GH_ASSIGN_OR_RETURN(day, body.Text("date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(day, "date").status());
  }
  if (body.Has("inspector")) {
    GH_ASSIGN_OR_RETURN(inspector, body.Text("inspector", false, 50));
  }
  if (body.Has("notes")) {
    GH_ASSIGN_OR_RETURN(notes, body.Text("notes", false, 5000));
  }
  GH_ASSIGN_OR_RETURN(std::vector<FindingInput> findings, ParseFindings(body, day, true));
  call.tx.Exec("UPDATE childcare_inspection SET day = ?, inspector = ?, notes = ? WHERE id = ?",
               {day, inspector, notes, id});
  const int64_t class_id = before["class_id"];
  for (size_t i = 0; i < findings.size(); ++i) {
    const FindingInput& f = findings[i];
    if (f.id == 0) {
      InsertFinding(call, id, class_id, f);
      continue;
    }
    const std::string at = "findings[" + std::to_string(i) + "]";
    std::optional<db::Row> was = call.tx.QueryOne(
        "SELECT state, description, deadline FROM childcare_finding WHERE id = ? AND "
        "inspection_id = ?",
        {f.id, id});
    if (!was) {
      return InvalidArgument(at + ".id", "问题编号（" + at + ".id）" + std::to_string(f.id) +
                                             "不是本次检查发现的问题");
    }
    if (was->Str(0) == "accepted") {
      return FailedPrecondition("问题“" + was->Str(1) + "”已验收销号，不能修改", at);
    }
    call.tx.Exec(
        "UPDATE childcare_finding SET description = ?, deadline = ?, updated_at = ? WHERE id = ?",
        {f.description.value_or(was->Str(1)), f.deadline.value_or(was->Str(2)), call.now, f.id});
  }
  // A later date must not pass the deadlines it leaves in place.
  if (std::optional<db::Row> early = call.tx.QueryOne(
          "SELECT description, deadline FROM childcare_finding WHERE inspection_id = ? AND "
          "deadline < ? ORDER BY deadline LIMIT 1",
          {id, day})) {
    return InvalidArgument(
        "date", "检查日期（date）不能晚于问题“" + early->Str(0) + "”的整改期限" + early->Str(1));
  }
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInspection(call, id));
  audit::Record(call, "update", "childcare_inspection", id, before["class_org_id"].get<int64_t>(),
                before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  GH_ASSIGN_OR_RETURN(bool open, BoolParam(call.req, "open"));
  GH_ASSIGN_OR_RETURN(bool overdue, BoolParam(call.req, "overdue"));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("k.org_id", sub, params);
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> class_id, IdParam(call.req, "class_id", "托管班编号"));
  if (class_id) {
    where += " AND i.class_id = ?";
    params.push_back(*class_id);
  }
  if (!p.from.empty()) {
    where += " AND i.day >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND i.day <= ?";
    params.push_back(p.to);
  }
  if (open || overdue) {
    where +=
        " AND EXISTS (SELECT 1 FROM childcare_finding f WHERE f.inspection_id = i.id AND "
        "f.state <> 'accepted'";
    if (overdue) {
      where += " AND f.deadline < ?";
      params.push_back(Today(call));
    }
    where += ")";
  }
  api::PageRows page =
      api::QueryPage(call.tx, kColumns, kFrom + where, params, "i.day DESC, i.id DESC", p);
  return api::Reply::Ok(api::Page(ToJson(call.tx, page.rows, Today(call)), page.total, p));
}

Result<api::Reply> Findings(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  GH_ASSIGN_OR_RETURN(bool overdue, BoolParam(call.req, "overdue"));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("k.org_id", sub, params);
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    if (*state != "open" && *state != "rectified" && *state != "accepted") {
      return InvalidArgument("state", "查询参数 state 应为 open、rectified 或 accepted");
    }
    where += " AND f.state = ?";
    params.push_back(*state);
  }
  if (overdue) {
    where += " AND f.state <> 'accepted' AND f.deadline < ?";
    params.push_back(Today(call));
  }
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> class_id, IdParam(call.req, "class_id", "托管班编号"));
  if (class_id) {
    where += " AND f.class_id = ?";
    params.push_back(*class_id);
  }
  api::PageRows page =
      api::QueryPage(call.tx, kFindingColumns, kFindingFrom + where, params, "f.deadline, f.id", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(FindingJson(r, Today(call)));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

// One step of a finding: load in scope, check the state, write, audit.
enum class Action { kRectify, kAccept, kReject };

api::ApiHandler FindingStep(Action action) {
  return [action](api::Call& call) -> Result<api::Reply> {
    GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
    auto load = [&]() -> Result<nlohmann::json> {
      std::optional<db::Row> r = call.tx.QueryOne(
          std::string("SELECT ") + kFindingColumns + kFindingFrom + " WHERE f.id = ?", {id});
      if (!r) return NotFound("检查发现的问题不存在");
      GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, r->Int(16), "检查发现的问题"));
      nlohmann::json f = FindingJson(*r, Today(call));
      f["class_org_id"] = r->Int(16);
      f["inspection_org_id"] = r->Int(17);
      return f;
    };
    GH_ASSIGN_OR_RETURN(nlohmann::json before, load());
    const std::string state = before["state"];
    auto wrong = [&](const char* what) {
      return FailedPrecondition("该问题当前状态为“" + FindingLabel(state) + "”，不能" + what,
                                "state");
    };
    std::string name;
    if (action == Action::kRectify) {
      api::Body body(call.body, {{"rectification", "整改情况"}, {"photos", "整改照片"}});
      GH_RETURN_IF_ERROR(body.CheckUnknown());
      GH_ASSIGN_OR_RETURN(std::string text, body.Text("rectification", true, 2000));
      GH_ASSIGN_OR_RETURN(std::vector<int64_t> ids, body.IdList("photos", 20));
      if (state != "open") return wrong("登记整改");
      GH_ASSIGN_OR_RETURN(nlohmann::json photos,
                          photo::Attach(call.tx, call.who, ids, before["class_org_id"], "photos"));
      call.tx.Exec(
          "UPDATE childcare_finding SET state = 'rectified', rectification = ?, photos = ?, "
          "rectified_by = ?, rectified_at = ?, updated_at = ? WHERE id = ?",
          {text, photos.dump(), call.who.user_id, call.now, call.now, id});
      name = "rectify";
    } else {
      api::Body body(call.body, {{"comment", "验收意见"}});
      GH_RETURN_IF_ERROR(body.CheckUnknown());
      GH_ASSIGN_OR_RETURN(std::string comment,
                          body.Text("comment", action == Action::kReject, 500));
      if (state != "rectified") return wrong(action == Action::kAccept ? "验收" : "驳回整改");
      // Accepted by the inspecting union or one above it.
      if (!auth::InScope(call.tx, call.who, before["inspection_org_id"].get<int64_t>())) {
        return PermissionDenied("整改须由检查单位或其上级工会验收");
      }
      if (action == Action::kAccept) {
        call.tx.Exec(
            "UPDATE childcare_finding SET state = 'accepted', accepted_by = ?, accepted_at = ?, "
            "comment = ?, updated_at = ? WHERE id = ?",
            {call.who.user_id, call.now, comment, call.now, id});
        name = "accept";
      } else {
        call.tx.Exec(
            "UPDATE childcare_finding SET state = 'open', comment = ?, updated_at = ? WHERE id = ?",
            {comment, call.now, id});
        name = "reject";
      }
    }
    GH_ASSIGN_OR_RETURN(nlohmann::json after, load());
    audit::Record(call, name, "childcare_finding", id, before["class_org_id"].get<int64_t>(),
                  before, after);
    return api::Reply::Ok(std::move(after));
  };
}

}  // namespace

void RegisterSupervisionRoutes(api::Api& api) {
  const std::string tag = "childcare";
  api.Add({"GET",
           "/childcare/inspections",
           "childcare:class:read",
           tag,
           "监管检查列表（open/overdue 筛选未销号、逾期）",
           List,
           {"org_id", "axis", "class_id", "from", "to", "open", "overdue", "page", "page_size"}});
  api.Add({"POST", "/childcare/inspections", "childcare:class:write", tag, "登记检查及发现问题",
           Create});
  api.Add({"GET", "/childcare/inspections/{id}", "childcare:class:read", tag, "检查详情",
           api::GetById<LoadInspection>});
  api.Add({"PATCH", "/childcare/inspections/{id}", "childcare:class:write", tag,
           "修改检查记录及未验收的问题", Patch});
  api.Add({"GET",
           "/childcare/findings",
           "childcare:class:read",
           tag,
           "检查发现问题列表",
           Findings,
           {"org_id", "axis", "class_id", "state", "overdue", "page", "page_size"}});
  api.Add({"POST", "/childcare/findings/{id}/rectify", "childcare:class:write", tag, "登记整改",
           FindingStep(Action::kRectify)});
  api.Add({"POST", "/childcare/findings/{id}/accept", "childcare:class:write", tag, "验收整改",
           FindingStep(Action::kAccept)});
  api.Add({"POST", "/childcare/findings/{id}/reject", "childcare:class:write", tag,
           "驳回整改（退回待整改）", FindingStep(Action::kReject)});
}

}  // namespace gonghui::childcare
