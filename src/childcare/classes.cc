// Classes, enrolments (with the priority waiting list) and attendance.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "childcare/childcare.h"
#include "childcare/internal.h"
#include "childcare/rules.h"
#include "core/date.h"
#include "core/time.h"
#include "member/member.h"
#include "org/count.h"

namespace gonghui::childcare {
namespace {

const std::vector<api::FieldDef> kFields = {
    {"org_id", "主办工会"},     {"name", "托管班名称"},
    {"build_mode", "建设方式"}, {"operation_mode", "运营方式"},
    {"partner", "合作方"},      {"site", "场地"},
    {"term", "托管类型"},       {"start_date", "开始日期"},
    {"end_date", "结束日期"},   {"capacity", "容量"},
    {"age_min", "最小年龄"},    {"age_max", "最大年龄"},
    {"fee_fen", "收费（分）"},  {"priority_tags", "优先家庭"},
    {"staff", "师资"},          {"courses", "课程"},
    {"grade", "等级"}};

const char* const kBuildModes[] = {"independent", "joint"};
const char* const kOperationModes[] = {"self", "third_party"};
const char* const kTerms[] = {"summer", "winter", "after_school"};
const char* const kStaffRoles[] = {"teacher", "five_elders", "volunteer", "third_party"};
const char* const kCourseCategories[] = {"tutoring",       "outdoor",   "study_tour",
                                         "counselling",    "patriotic", "labour",
                                         "culture_sports", "moral",     "other"};

template <size_t N>
bool OneOf(const char* const (&list)[N], std::string_view v) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* k) { return v == k; });
}

template <size_t N>
std::string Joined(const char* const (&list)[N]) {
  std::string out;
  for (const char* k : list) out += (out.empty() ? "" : "、") + std::string(k);
  return out;
}

constexpr const char* kColumns =
    "k.id, k.org_id, o.name, k.name, k.build_mode, k.operation_mode, k.partner, k.site, k.term, "
    "k.start_date, k.end_date, k.capacity, k.age_min, k.age_max, k.fee_fen, k.priority_tags, "
    "k.staff, k.courses, k.grade, k.graded_year, k.enrolled, k.served, k.subsidy_fen, "
    "k.created_at, k.updated_at, k.attendance_present, k.attendance_recorded";
constexpr const char* kFrom = " FROM childcare_class k JOIN org o ON o.id = k.org_id";

nlohmann::json ToJson(db::Tx& tx, const std::vector<db::Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  if (rows.empty()) return out;
  std::string ids;
  for (const db::Row& r : rows) ids += (ids.empty() ? "" : ",") + std::to_string(r.Int(0));
  std::map<int64_t, int64_t> waiting;
  for (const db::Row& r :
       tx.Query("SELECT class_id, COUNT(*) FROM childcare_enrolment WHERE status = 'waiting' AND "
                "class_id IN (" +
                ids + ") GROUP BY class_id")) {
    waiting[r.Int(0)] = r.Int(1);
  }
  std::map<int64_t, nlohmann::json> evaluation;
  for (const db::Row& r :
       tx.Query("SELECT class_id, id, year, state FROM childcare_evaluation WHERE class_id IN (" +
                ids + ") ORDER BY year, id")) {
    evaluation[r.Int(0)] = {{"id", r.Int(1)},
                            {"year", r.Int(2)},
                            {"state", r.Str(3)},
                            {"state_label", StateLabel(r.Str(3))}};
  }
  for (const db::Row& r : rows) {
    const int64_t id = r.Int(0);
    std::optional<double> rate = AttendanceRate(r.Int(25), r.Int(26));
    nlohmann::json staff = nlohmann::json::parse(r.Str(16), nullptr, false);
    nlohmann::json courses = nlohmann::json::parse(r.Str(17), nullptr, false);
    auto ev = evaluation.find(id);
    out.push_back({{"id", id},
                   {"org_id", r.Int(1)},
                   {"org_name", r.Str(2)},
                   {"name", r.Str(3)},
                   {"build_mode", r.Str(4)},
                   {"operation_mode", r.Str(5)},
                   {"partner", r.Str(6)},
                   {"site", r.Str(7)},
                   {"term", r.Str(8)},
                   {"start_date", r.Str(9)},
                   {"end_date", r.Str(10)},
                   {"capacity", r.Int(11)},
                   {"age_min", r.Int(12)},
                   {"age_max", r.Int(13)},
                   {"fee_fen", r.Int(14)},
                   {"priority_tags", member::SplitTags(r.Str(15))},
                   {"staff", staff.is_array() ? staff : nlohmann::json::array()},
                   {"courses", courses.is_array() ? courses : nlohmann::json::array()},
                   {"grade", r.Str(18)},
                   {"grade_label", GradeLabel(r.Str(18))},
                   {"graded_year", OptInt(r.OptInt(19))},
                   {"enrolled", r.Int(20)},
                   {"served", r.Int(21)},
                   {"waiting", waiting[id]},
                   {"subsidy_fen", r.Int(22)},
                   {"attendance_rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)},
                   {"evaluation", ev == evaluation.end() ? nlohmann::json(nullptr) : ev->second},
                   {"created_at", FormatTimestamp(r.Int(23))},
                   {"updated_at", FormatTimestamp(r.Int(24))}});
  }
  return out;
}

Result<nlohmann::json> ParseStaff(const nlohmann::json& v) {
  if (!v.is_array() || v.size() > 200) {
    return InvalidArgument("staff", "师资（staff）应为不超过200项的数组");
  }
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = "staff[" + std::to_string(i) + "]";
    const nlohmann::json& s = v[i];
    if (!s.is_object()) return InvalidArgument(at, "师资每项应为对象");
    for (const auto& item : s.items()) {
      if (item.key() != "name" && item.key() != "role" && item.key() != "insured" &&
          item.key() != "phone") {
        return InvalidArgument(at + "." + item.key(), "未知字段：" + item.key());
      }
    }
    if (!s.contains("name") || !s["name"].is_string() || api::Trim(s["name"]).empty() ||
        api::Utf8Length(s["name"].get<std::string>()) > 50) {
      return InvalidArgument(at + ".name", "师资姓名（" + at + ".name）不能为空，最多50字");
    }
    if (!s.contains("role") || !s["role"].is_string() ||
        !OneOf(kStaffRoles, s["role"].get<std::string>())) {
      return InvalidArgument(at + ".role",
                             "师资类别（" + at + ".role）应为 " + Joined(kStaffRoles));
    }
    if (s.contains("insured") && !s["insured"].is_boolean()) {
      return InvalidArgument(at + ".insured",
                             "是否购买人身保险（" + at + ".insured）应为 true 或 false");
    }
    if (s.contains("phone") &&
        (!s["phone"].is_string() || s["phone"].get<std::string>().size() > 30)) {
      return InvalidArgument(at + ".phone", "联系电话（" + at + ".phone）应为文字，最多30字");
    }
    out.push_back({{"name", api::Trim(s["name"])},
                   {"role", s["role"]},
                   {"insured", s.value("insured", false)},
                   {"phone", s.value("phone", std::string())}});
  }
  return out;
}

Result<nlohmann::json> ParseCourses(const nlohmann::json& v) {
  if (!v.is_array() || v.size() > 100) {
    return InvalidArgument("courses", "课程（courses）应为不超过100项的数组");
  }
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = "courses[" + std::to_string(i) + "]";
    const nlohmann::json& c = v[i];
    if (!c.is_object()) return InvalidArgument(at, "课程每项应为对象");
    for (const auto& item : c.items()) {
      if (item.key() != "category" && item.key() != "title" && item.key() != "hours") {
        return InvalidArgument(at + "." + item.key(), "未知字段：" + item.key());
      }
    }
    if (!c.contains("category") || !c["category"].is_string() ||
        !OneOf(kCourseCategories, c["category"].get<std::string>())) {
      return InvalidArgument(at + ".category",
                             "课程类别（" + at + ".category）应为 " + Joined(kCourseCategories));
    }
    if (!c.contains("title") || !c["title"].is_string() || api::Trim(c["title"]).empty() ||
        api::Utf8Length(c["title"].get<std::string>()) > 100) {
      return InvalidArgument(at + ".title", "课程名称（" + at + ".title）不能为空，最多100字");
    }
    nlohmann::json hours = nullptr;
    if (c.contains("hours") && !c["hours"].is_null()) {
      if (!c["hours"].is_number_integer() || c["hours"].get<int64_t>() < 0 ||
          c["hours"].get<int64_t>() > 10000) {
        return InvalidArgument(at + ".hours", "课时（" + at + ".hours）应为0到10000的整数");
      }
      hours = c["hours"];
    }
    out.push_back(
        {{"category", c["category"]}, {"title", api::Trim(c["title"])}, {"hours", hours}});
  }
  return out;
}

// Reads the editable fields into the class row `id`; `before` is the class as
// it was (null when creating).
Status WriteFields(api::Call& call, const api::Body& body, int64_t id,
                   const nlohmann::json& before) {
  const bool creating = before.is_null();
  std::vector<std::string> sets;
  std::vector<db::Value> params;
  auto set = [&](const char* column, db::Value v) {
    sets.push_back(std::string(column) + " = ?");
    params.push_back(std::move(v));
  };
  if (body.Has("grade")) return body.Error("grade", "由市总工会评审定级，不能直接修改");
  if (creating || body.Has("name")) {
    GH_ASSIGN_OR_RETURN(std::string v, body.Text("name", true, 100));
    set("name", v);
  }
  auto choice = [&](const char* key, auto& list) -> Status {
    if (!creating && !body.Has(key)) return Status::Ok();
    GH_ASSIGN_OR_RETURN(std::string v, body.Text(key, true, 30));
    if (!OneOf(list, v)) return body.Error(key, "应为 " + Joined(list));
    set(key, v);
    return Status::Ok();
  };
  GH_RETURN_IF_ERROR(choice("build_mode", kBuildModes));
  GH_RETURN_IF_ERROR(choice("operation_mode", kOperationModes));
  GH_RETURN_IF_ERROR(choice("term", kTerms));
  if (body.Has("partner") || (!creating && call.body.contains("partner"))) {
    GH_ASSIGN_OR_RETURN(std::string v, body.Text("partner", false, 100));
    set("partner", v);
  }
  if (creating || body.Has("site")) {
    GH_ASSIGN_OR_RETURN(std::string v, body.Text("site", true, 200));
    set("site", v);
  }
  std::string start = creating ? "" : before["start_date"].get<std::string>();
  std::string end = creating ? "" : before["end_date"].get<std::string>();
  if (creating || body.Has("start_date")) {
    GH_ASSIGN_OR_RETURN(start, body.Text("start_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(start, "start_date").status());
    set("start_date", start);
  }
  if (creating || body.Has("end_date")) {
    GH_ASSIGN_OR_RETURN(end, body.Text("end_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(end, "end_date").status());
    set("end_date", end);
  }
  GH_RETURN_IF_ERROR(CheckDateRange(start, end, "start_date", "end_date"));
  int64_t age_min = creating ? 0 : before["age_min"].get<int64_t>();
  int64_t age_max = creating ? 0 : before["age_max"].get<int64_t>();
  if (creating || body.Has("age_min")) {
    GH_ASSIGN_OR_RETURN(age_min, body.Int("age_min", 0, 18));
    set("age_min", age_min);
  }
  if (creating || body.Has("age_max")) {
    GH_ASSIGN_OR_RETURN(age_max, body.Int("age_max", 0, 18));
    set("age_max", age_max);
  }
  if (age_max < age_min) return body.Error("age_max", "不能小于最小年龄");
  if (creating || body.Has("capacity")) {
    GH_ASSIGN_OR_RETURN(int64_t capacity, body.Int("capacity", 1, 10000));
    if (!creating && capacity < before["enrolled"].get<int64_t>()) {
      return FailedPrecondition(
          "容量（capacity）不能小于已报名人数" + std::to_string(before["enrolled"].get<int64_t>()),
          "capacity");
    }
    set("capacity", capacity);
  }
  if (body.Has("fee_fen")) {
    GH_ASSIGN_OR_RETURN(int64_t fee, body.Int("fee_fen", 0, 100'000'000));
    set("fee_fen", fee);
  }
  if (body.Has("priority_tags")) {
    GH_ASSIGN_OR_RETURN(std::vector<std::string> tags,
                        member::ParseTags(*body.Get("priority_tags"), "priority_tags"));
    set("priority_tags", member::JoinTags(tags));
  } else if (creating) {
    GH_ASSIGN_OR_RETURN(std::vector<std::string> tags,
                        member::ParseTags(Settings(call.tx)["priority_tags"], "priority_tags"));
    set("priority_tags", member::JoinTags(tags));
  }
  if (body.Has("staff")) {
    GH_ASSIGN_OR_RETURN(nlohmann::json staff, ParseStaff(*body.Get("staff")));
    set("staff", staff.dump());
  }
  if (body.Has("courses")) {
    GH_ASSIGN_OR_RETURN(nlohmann::json courses, ParseCourses(*body.Get("courses")));
    set("courses", courses.dump());
  }
  if (sets.empty()) return Status::Ok();
  std::string sql = "UPDATE childcare_class SET ";
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
  GH_ASSIGN_OR_RETURN(const int64_t org_id, api::OwnerOrg(call, body, "主办工会"));
  if (call.tx.QueryInt("SELECT is_partner FROM org WHERE id = ?", {org_id}) != 0) {
    return body.Error("org_id", "应为工会组织，不能是合作单位");
  }
  const int64_t id = call.tx.Insert(
      "INSERT INTO childcare_class (org_id, name, build_mode, operation_mode, site, term, "
      "start_date, end_date, capacity, age_min, age_max, created_by, created_at, updated_at) "
      "VALUES (?, '', '', '', '', '', '', '', 0, 0, 0, ?, ?, ?) RETURNING id",
      {org_id, call.who.user_id, call.now, call.now});
  GH_RETURN_IF_ERROR(WriteFields(call, body, id, nullptr));
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, id));
  audit::Record(call, "create", "childcare_class", id, org_id, nullptr, k);
  return api::Reply::Created(std::move(k));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, id));
  return api::Reply::Ok(std::move(k));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadClass(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, INT64_MAX));
    if (org_id != before["org_id"].get<int64_t>()) return body.Error("org_id", "创建后不能修改");
  }
  GH_RETURN_IF_ERROR(WriteFields(call, body, id, before));
  Admit(call.tx, id, call.now);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadClass(call, id));
  audit::Record(call, "update", "childcare_class", id, before["org_id"].get<int64_t>(), before,
                after);
  return api::Reply::Ok(std::move(after));
}

// A class can be deleted while nothing has happened to it yet: no enrolment
// (withdrawn ones included: they are children served and carry attendance), no
// evaluation past its draft, no grade or grant, no inspection. Otherwise 409
// naming every reason. Staff and courses live in the row; draft evaluations
// (their scores and timeline) go with it.
Result<api::Reply> Delete(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadClass(call, id));
  std::vector<std::string> reasons;
  if (int64_t n =
          call.tx.QueryInt("SELECT COUNT(*) FROM childcare_enrolment WHERE class_id = ?", {id});
      n > 0) {
    reasons.push_back("已有" + std::to_string(n) + "条报名记录（含候补和已退出）");
  }
  for (const db::Row& r :
       call.tx.Query("SELECT year, state FROM childcare_evaluation WHERE class_id = ? AND state <> "
                     "'draft' ORDER BY year",
                     {id})) {
    reasons.push_back(std::to_string(r.Int(0)) + "年度评审已提交（" + StateLabel(r.Str(1)) + "）");
  }
  if (before["grade"] != "none") {
    reasons.push_back("已评定为" + before["grade_label"].get<std::string>() + "托管班");
  }
  if (before["subsidy_fen"].get<int64_t>() > 0 ||
      call.tx.QueryInt("SELECT COUNT(*) FROM childcare_grant WHERE class_id = ?", {id}) > 0) {
    reasons.push_back("已发放补助");
  }
  if (int64_t n =
          call.tx.QueryInt("SELECT COUNT(*) FROM childcare_inspection WHERE class_id = ?", {id});
      n > 0) {
    reasons.push_back("已有" + std::to_string(n) + "次监管检查记录");
  }
  if (!reasons.empty()) {
    std::string why;
    for (const std::string& r : reasons) why += (why.empty() ? "" : "；") + r;
    return FailedPrecondition("托管班“" + before["name"].get<std::string>() + "”不能删除：" + why);
  }
  const char* const drafts = "SELECT id FROM childcare_evaluation WHERE class_id = ?";
  call.tx.Exec(std::string("DELETE FROM childcare_score WHERE evaluation_id IN (") + drafts + ")",
               {id});
  call.tx.Exec(
      std::string("DELETE FROM childcare_evaluation_event WHERE evaluation_id IN (") + drafts + ")",
      {id});
  call.tx.Exec("DELETE FROM childcare_evaluation WHERE class_id = ?", {id});
  call.tx.Exec("DELETE FROM childcare_class WHERE id = ?", {id});
  audit::Record(call, "delete", "childcare_class", id, before["org_id"].get<int64_t>(), before,
                nullptr);
  return api::Reply::NoContent();
}

// Filters shared by the class list and the statistics links.
Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("k.org_id", sub, params);
  if (auto term = call.req.Query("term"); term && !term->empty()) {
    if (!OneOf(kTerms, *term))
      return InvalidArgument("term", "查询参数 term 应为 " + Joined(kTerms));
    where += " AND k.term = ?";
    params.push_back(*term);
  }
  if (auto grade = call.req.Query("grade"); grade && !grade->empty()) {
    std::string in;
    for (const std::string& g : SplitList(*grade)) {
      if (!IsGrade(g)) {
        return InvalidArgument("grade",
                               "查询参数 grade 应为 national、municipal、district 或 none");
      }
      in += in.empty() ? "?" : ", ?";
      params.push_back(g);
    }
    where += " AND k.grade IN (" + in + ")";
  }
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> year, YearParam(call.req));
  if (year) {
    where +=
        " AND " + api::TouchesYear("k.start_date", "k.start_date", static_cast<int>(*year), params);
  }
  if (!p.from.empty()) {
    where += " AND k.end_date >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND k.start_date <= ?";
    params.push_back(p.to);
  }
  GH_ASSIGN_OR_RETURN(std::optional<std::string> started, DateParam(call.req, "started_by"));
  if (started) {
    where += " AND k.start_date <= ?";
    params.push_back(*started);
  }
  GH_ASSIGN_OR_RETURN(bool own, BoolParam(call.req, "own"));
  if (own) {
    where += " AND k.org_id = ?";
    params.push_back(sub.root);
  }
  if (!p.q.empty()) {
    where += " AND (k.name LIKE ? ESCAPE '\\' OR k.site LIKE ? ESCAPE '\\')";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(db::ContainsPattern(p.q));
  }
  std::string order = "k.start_date DESC, k.id DESC";
  if (p.sort == "name") {
    order = "k.name, k.id";
  } else if (!p.sort.empty() && p.sort != "-start_date") {
    return InvalidArgument("sort", "查询参数 sort 应为 -start_date 或 name");
  }
  api::PageRows page = api::QueryPage(call.tx, kColumns, kFrom + where, params, order, p);
  return api::Reply::Ok(api::Page(ToJson(call.tx, page.rows), page.total, p));
}

// --- Enrolments --------------------------------------------------------------

constexpr const char* kEnrolmentColumns =
    "e.id, e.class_id, e.member_id, m.name, m.tags, e.child_name, e.child_birth_date, e.status, "
    "e.priority, e.created_at, e.updated_at, k.start_date, k.name";
constexpr const char* kEnrolmentFrom =
    " FROM childcare_enrolment e JOIN member m ON m.id = e.member_id JOIN childcare_class k ON "
    "k.id = e.class_id";

std::string StatusLabel(std::string_view s) {
  if (s == "enrolled") return "已入班";
  if (s == "waiting") return "候补";
  return "已退出";
}

nlohmann::json EnrolmentsJson(db::Tx& tx, const std::vector<db::Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  if (rows.empty()) return out;
  std::string ids;
  std::set<int64_t> classes;
  for (const db::Row& r : rows) {
    ids += (ids.empty() ? "" : ",") + std::to_string(r.Int(0));
    classes.insert(r.Int(1));
  }
  std::map<int64_t, std::pair<int64_t, int64_t>> attendance;
  for (const db::Row& r : tx.Query("SELECT enrolment_id, SUM(present), COUNT(*) FROM "
                                   "childcare_attendance WHERE enrolment_id IN (" +
                                   ids + ") GROUP BY enrolment_id")) {
    attendance[r.Int(0)] = {r.Int(1), r.Int(2)};
  }
  // Waiting positions: the whole list of each class, in admission order.
  std::map<int64_t, int64_t> position;
  for (int64_t class_id : classes) {
    int64_t n = 0;
    for (const db::Row& r :
         tx.Query("SELECT id FROM childcare_enrolment WHERE class_id = ? AND status = 'waiting' "
                  "ORDER BY priority DESC, requested_at, id",
                  {class_id})) {
      position[r.Int(0)] = ++n;
    }
  }
  for (const db::Row& r : rows) {
    const int64_t id = r.Int(0);
    auto [present, recorded] = attendance[id];
    std::optional<double> rate = AttendanceRate(present, recorded);
    Result<Date> birth = ParseDate(r.Str(6));
    Result<Date> start = ParseDate(r.Str(11));
    auto pos = position.find(id);
    out.push_back(
        {{"id", id},
         {"class_id", r.Int(1)},
         {"class_name", r.Str(12)},
         {"member_id", r.Int(2)},
         {"member_name", r.Str(3)},
         {"member_tags", member::SplitTags(r.Str(4))},
         {"child_name", r.Str(5)},
         {"child_birth_date", r.Str(6)},
         {"child_age", birth.ok() && start.ok() ? nlohmann::json(AgeOn(*birth, *start)) : nullptr},
         {"status", r.Str(7)},
         {"status_label", StatusLabel(r.Str(7))},
         {"priority", r.Int(8) != 0},
         {"waiting_position",
          pos == position.end() ? nlohmann::json(nullptr) : nlohmann::json(pos->second)},
         {"attendance",
          {{"present", present},
           {"recorded", recorded},
           {"rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}}},
         {"created_at", FormatTimestamp(r.Int(9))},
         {"updated_at", FormatTimestamp(r.Int(10))}});
  }
  return out;
}

Result<nlohmann::json> LoadEnrolment(db::Tx& tx, int64_t class_id, int64_t id) {
  std::vector<db::Row> rows = tx.Query(std::string("SELECT ") + kEnrolmentColumns + kEnrolmentFrom +
                                           " WHERE e.id = ? AND e.class_id = ?",
                                       {id, class_id});
  if (rows.empty()) return NotFound("报名记录不存在");
  return EnrolmentsJson(tx, rows)[0];
}

Result<api::Reply> Enrol(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  api::Body body(call.body,
                 {{"member_id", "家长（会员）"}, {"child_name", "子女姓名"}, {"waitlist", "候补"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t member_id, body.Int("member_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(std::string child_name, body.Text("child_name", true, 50));
  GH_ASSIGN_OR_RETURN(std::optional<bool> waitlist, body.OptBool("waitlist"));

  std::optional<db::Row> m =
      call.tx.QueryOne("SELECT org_id, name, status, tags FROM member WHERE id = ?", {member_id});
  if (!m || !auth::InScope(call.tx, call.who, m->Int(0))) {
    return body.Error("member_id", "对应的会员不存在或不在您的管辖范围内：家长须为工会会员");
  }
  if (m->Str(2) != "active") {
    return body.Error("member_id", "对应的会员“" + m->Str(1) + "”会员状态不是正常，不能报名");
  }
  std::optional<db::Row> child = call.tx.QueryOne(
      "SELECT birth_date FROM member_child WHERE member_id = ? AND name = ? ORDER BY id LIMIT 1",
      {member_id, child_name});
  if (!child) {
    return body.Error("child_name", "“" + child_name + "”不是会员“" + m->Str(1) + "”登记的子女");
  }
  GH_ASSIGN_OR_RETURN(Date birth, ParseDate(child->Str(0), "child_name"));
  GH_ASSIGN_OR_RETURN(Date start, ParseDate(k["start_date"].get<std::string>(), "start_date"));
  const int age = AgeOn(birth, start);
  if (age < k["age_min"].get<int64_t>() || age > k["age_max"].get<int64_t>()) {
    return body.Error("child_name",
                      "“" + child_name + "”开班时" + std::to_string(age) + "岁，不在本班" +
                          std::to_string(k["age_min"].get<int64_t>()) + "至" +
                          std::to_string(k["age_max"].get<int64_t>()) + "岁的招收范围内");
  }
  if (call.tx.QueryInt("SELECT COUNT(*) FROM childcare_enrolment WHERE class_id = ? AND "
                       "member_id = ? AND child_name = ?",
                       {class_id, member_id, child_name}) > 0) {
    return AlreadyExists("child_name", "“" + child_name + "”已报名本班");
  }
  const std::vector<std::string> tags = member::SplitTags(m->Str(3));
  bool priority = false;
  for (const nlohmann::json& t : k["priority_tags"]) {
    priority = priority || std::find(tags.begin(), tags.end(), t.get<std::string>()) != tags.end();
  }
  const bool seat_free = k["enrolled"].get<int64_t>() < k["capacity"].get<int64_t>() &&
                         k["waiting"].get<int64_t>() == 0;
  if (!seat_free && !waitlist.value_or(false)) {
    return FailedPrecondition("托管班已满员（容量（capacity）" +
                                  std::to_string(k["capacity"].get<int64_t>()) + "人" +
                                  (k["waiting"].get<int64_t>() > 0 ? "，且有家庭在候补" : "") +
                                  "）：可加入候补名单（waitlist）",
                              "capacity");
  }
  const int64_t id = call.tx.Insert(
      "INSERT INTO childcare_enrolment (class_id, member_id, child_name, child_birth_date, status, "
      "priority, requested_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'waiting', "
      "?, ?, ?, ?, ?) RETURNING id",
      {class_id, member_id, child_name, child->Str(0), int64_t{priority ? 1 : 0}, call.now,
       call.who.user_id, call.now, call.now});
  Admit(call.tx, class_id, call.now);
  GH_ASSIGN_OR_RETURN(nlohmann::json e, LoadEnrolment(call.tx, class_id, id));
  audit::Record(call, "create", "childcare_enrolment", id, k["org_id"].get<int64_t>(), nullptr, e);
  return api::Reply::Created(std::move(e));
}

Result<api::Reply> Withdraw(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId(0));
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId(1));
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  api::Body body(call.body, {});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadEnrolment(call.tx, class_id, id));
  if (before["status"] == "withdrawn") {
    return FailedPrecondition("该儿童已退出本班", "status");
  }
  call.tx.Exec("UPDATE childcare_enrolment SET status = 'withdrawn', updated_at = ? WHERE id = ?",
               {call.now, id});
  if (before["status"] == "enrolled") {
    call.tx.Exec("UPDATE childcare_class SET enrolled = enrolled - 1 WHERE id = ?", {class_id});
  }
  Admit(call.tx, class_id, call.now);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadEnrolment(call.tx, class_id, id));
  audit::Record(call, "withdraw", "childcare_enrolment", id, k["org_id"].get<int64_t>(), before,
                after);
  return api::Reply::Ok(std::move(after));
}

Result<std::string> StatusFilter(const http::Request& req) {
  std::string status = req.Query("status").value_or("");
  if (!status.empty() && status != "enrolled" && status != "waiting" && status != "withdrawn") {
    return InvalidArgument("status", "查询参数 status 应为 enrolled、waiting 或 withdrawn");
  }
  return status;
}

Result<api::Reply> ClassEnrolments(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(std::string status, StatusFilter(call.req));
  std::vector<db::Value> params = {class_id};
  std::string where = " WHERE e.class_id = ?";
  if (!status.empty()) {
    where += " AND e.status = ?";
    params.push_back(status);
  }
  api::PageRows page =
      api::QueryPage(call.tx, kEnrolmentColumns, kEnrolmentFrom + where, params,
                     status == "waiting" ? "e.priority DESC, e.requested_at, e.id" : "e.id", p);
  return api::Reply::Ok(api::Page(EnrolmentsJson(call.tx, page.rows), page.total, p));
}

// GET /childcare/enrolments: the records behind the children figures.
Result<api::Reply> Enrolments(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  GH_ASSIGN_OR_RETURN(std::string status, StatusFilter(call.req));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("k.org_id", sub, params);
  if (!status.empty()) {
    where += " AND e.status = ?";
    params.push_back(status);
  }
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> class_id, IdParam(call.req, "class_id", "托管班编号"));
  if (class_id) {
    where += " AND e.class_id = ?";
    params.push_back(*class_id);
  }
  // Of every class, the count of the subtree's enrolments by status.
  std::optional<int64_t> counted;
  if (!class_id) {
    counted = org::CountInSubtree(
        call.tx, "childcare_enrolment", sub,
        status.empty() ? std::vector<std::string>{} : std::vector<std::string>{status});
  }
  api::PageRows page = api::QueryPage(call.tx, kEnrolmentColumns, kEnrolmentFrom + where, params,
                                      "e.id", p, counted);
  return api::Reply::Ok(api::Page(EnrolmentsJson(call.tx, page.rows), page.total, p));
}

// --- Attendance --------------------------------------------------------------

Result<api::Reply> PutAttendance(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  const std::string day = call.req.path_params.size() > 1 ? call.req.path_params[1] : "";
  GH_ASSIGN_OR_RETURN(Date date, ParseDate(day, "date"));
  if (day < k["start_date"].get<std::string>() || day > k["end_date"].get<std::string>()) {
    return InvalidArgument("date", "考勤日期（date）不在托管班的开班日期内");
  }
  if (date > TodayUtcPlus8(call.now))
    return InvalidArgument("date", "考勤日期（date）不能晚于今天");
  api::Body body(call.body, {{"present", "到班儿童"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::vector<int64_t> present, body.IdList("present", 10000));
  std::set<int64_t> enrolled;
  for (const db::Row& r : call.tx.Query(
           "SELECT id FROM childcare_enrolment WHERE class_id = ? AND status = 'enrolled'",
           {class_id})) {
    enrolled.insert(r.Int(0));
  }
  std::set<int64_t> here;
  for (size_t i = 0; i < present.size(); ++i) {
    if (!enrolled.count(present[i])) {
      return InvalidArgument("present[" + std::to_string(i) + "]",
                             "到班儿童（present[" + std::to_string(i) + "]）" +
                                 std::to_string(present[i]) + " 不是本班在册儿童");
    }
    here.insert(present[i]);
  }
  // The day replaces its earlier record, in the rows and in the class's counters.
  const db::Row was = *call.tx.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(present), 0) FROM childcare_attendance WHERE class_id = ? AND "
      "day = ?",
      {class_id, day});
  call.tx.Exec("DELETE FROM childcare_attendance WHERE class_id = ? AND day = ?", {class_id, day});
  for (int64_t e : enrolled) {
    call.tx.Exec(
        "INSERT INTO childcare_attendance (class_id, day, enrolment_id, present) VALUES (?, ?, ?, "
        "?)",
        {class_id, day, e, int64_t{here.count(e) ? 1 : 0}});
  }
  call.tx.Exec(
      "UPDATE childcare_class SET attendance_present = attendance_present + ?, "
      "attendance_recorded = attendance_recorded + ? WHERE id = ?",
      {static_cast<int64_t>(here.size()) - was.Int(1),
       static_cast<int64_t>(enrolled.size()) - was.Int(0), class_id});
  std::optional<double> rate =
      AttendanceRate(static_cast<int64_t>(here.size()), static_cast<int64_t>(enrolled.size()));
  nlohmann::json out = {{"date", day},
                        {"enrolled", enrolled.size()},
                        {"present", here.size()},
                        {"rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}};
  audit::Record(call, was.Int(0) > 0 ? "update" : "create", "childcare_attendance", class_id,
                k["org_id"].get<int64_t>(), nullptr, out);
  return api::Reply::Ok(std::move(out));
}

Result<api::Reply> GetAttendance(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::string where = " WHERE a.class_id = ?";
  std::vector<db::Value> params = {class_id};
  if (!p.from.empty()) {
    where += " AND a.day >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND a.day <= ?";
    params.push_back(p.to);
  }
  nlohmann::json days = nlohmann::json::array();
  int64_t present = 0, recorded = 0;
  for (const db::Row& r :
       call.tx.Query("SELECT a.day, COUNT(*), SUM(a.present) FROM childcare_attendance a" + where +
                         " GROUP BY a.day ORDER BY a.day",
                     params)) {
    std::optional<double> rate = AttendanceRate(r.Int(2), r.Int(1));
    days.push_back({{"date", r.Str(0)},
                    {"enrolled", r.Int(1)},
                    {"present", r.Int(2)},
                    {"rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}});
    present += r.Int(2);
    recorded += r.Int(1);
  }
  nlohmann::json children = nlohmann::json::array();
  for (const db::Row& r :
       call.tx.Query("SELECT a.enrolment_id, e.child_name, SUM(a.present), COUNT(*) FROM "
                     "childcare_attendance a JOIN childcare_enrolment e ON e.id = a.enrolment_id" +
                         where + " GROUP BY a.enrolment_id, e.child_name ORDER BY a.enrolment_id",
                     params)) {
    std::optional<double> rate = AttendanceRate(r.Int(2), r.Int(3));
    children.push_back({{"enrolment_id", r.Int(0)},
                        {"child_name", r.Str(1)},
                        {"present", r.Int(2)},
                        {"recorded", r.Int(3)},
                        {"rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}});
  }
  std::optional<double> rate = AttendanceRate(present, recorded);
  return api::Reply::Ok({{"class_id", class_id},
                         {"days", std::move(days)},
                         {"children", std::move(children)},
                         {"present", present},
                         {"recorded", recorded},
                         {"rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}});
}

}  // namespace

nlohmann::json OptInt(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = 0; start <= text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

namespace {

Status BadQuery(const char* name, std::string_view expected) {
  return {Code::kBadRequest, std::string("查询参数 ") + name + " 应为" + std::string(expected),
          name};
}

}  // namespace

Result<std::optional<int64_t>> IdParam(const http::Request& req, const char* name,
                                       std::string_view what) {
  const std::string v = req.Query(name).value_or("");
  if (v.empty()) return std::optional<int64_t>();
  int64_t id = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc() || end != v.data() + v.size() || id <= 0) {
    return BadQuery(name, std::string(what) + "（正整数）");
  }
  return std::optional<int64_t>(id);
}

Result<std::optional<int64_t>> YearParam(const http::Request& req) {
  const std::string v = req.Query("year").value_or("");
  if (v.empty()) return std::optional<int64_t>();
  if (v.size() != 4 || !ParseDate(v + "-01-01").ok()) return BadQuery("year", "四位年份，如 2024");
  return std::optional<int64_t>(std::stoll(v));
}

Result<std::optional<std::string>> DateParam(const http::Request& req, const char* name) {
  const std::string v = req.Query(name).value_or("");
  if (v.empty()) return std::optional<std::string>();
  if (!ParseDate(v).ok()) return BadQuery(name, "日期，如 2024-07-01");
  return std::optional<std::string>(v);
}

Result<bool> BoolParam(const http::Request& req, const char* name) {
  const std::string v = req.Query(name).value_or("");
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return BadQuery(name, " true 或 false");
}

Result<nlohmann::json> LoadClass(api::Call& call, int64_t id) {
  std::vector<db::Row> rows =
      call.tx.Query(std::string("SELECT ") + kColumns + kFrom + " WHERE k.id = ?", {id});
  if (rows.empty()) return NotFound("托管班不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, rows[0].Int(1), "托管班"));
  return ToJson(call.tx, rows)[0];
}

nlohmann::json Settings(db::Tx& tx) {
  std::optional<db::Row> r =
      tx.QueryOne("SELECT value FROM childcare_setting WHERE name = 'settings'");
  nlohmann::json s = r ? nlohmann::json::parse(r->Str(0), nullptr, false) : nlohmann::json();
  return s.is_object() ? s : nlohmann::json::object();
}

int64_t Admit(db::Tx& tx, int64_t class_id, int64_t now) {
  std::optional<db::Row> k =
      tx.QueryOne("SELECT capacity, enrolled FROM childcare_class WHERE id = ?", {class_id});
  if (!k) return 0;
  const int64_t free = k->Int(0) - k->Int(1);
  if (free <= 0) return 0;
  int64_t admitted = 0;
  for (const db::Row& r : tx.Query(
           "SELECT id FROM childcare_enrolment WHERE class_id = ? AND status = 'waiting' ORDER BY "
           "priority DESC, requested_at, id LIMIT ?",
           {class_id, free})) {
    tx.Exec("UPDATE childcare_enrolment SET status = 'enrolled', updated_at = ? WHERE id = ?",
            {now, r.Int(0)});
    ++admitted;
  }
  if (admitted > 0) {
    tx.Exec("UPDATE childcare_class SET enrolled = enrolled + ?, served = served + ? WHERE id = ?",
            {admitted, admitted, class_id});
  }
  return admitted;
}

void RegisterClassRoutes(api::Api& api) {
  const std::string tag = "childcare";
  api.Add({"GET",
           "/childcare/classes",
           "childcare:class:read",
           tag,
           "爱心托管班列表",
           List,
           {"org_id", "axis", "term", "grade", "year", "from", "to", "started_by", "own", "q",
            "sort", "page", "page_size"}});
  api.Add({"POST", "/childcare/classes", "childcare:class:write", tag, "新建爱心托管班", Create});
  api.Add({"GET", "/childcare/classes/{id}", "childcare:class:read", tag, "托管班详情", Get});
  api.Add({"PATCH", "/childcare/classes/{id}", "childcare:class:write", tag, "修改托管班", Patch});
  api.Add({"DELETE", "/childcare/classes/{id}", "childcare:class:write", tag,
           "删除托管班（尚无报名、评审、定级、补助和检查时）", Delete});
  api.Add({"GET",
           "/childcare/classes/{id}/enrolments",
           "childcare:class:read",
           tag,
           "托管班报名名单（含候补）",
           ClassEnrolments,
           {"status", "page", "page_size"}});
  api.Add({"POST", "/childcare/classes/{id}/enrolments", "childcare:class:write", tag,
           "报名（满员时可候补，优先家庭优先递补）", Enrol});
  api.Add({"POST", "/childcare/classes/{id}/enrolments/{eid}/withdraw", "childcare:class:write",
           tag, "退出托管班（空出的名额由候补递补）", Withdraw});
  api.Add({"GET",
           "/childcare/enrolments",
           "childcare:class:read",
           tag,
           "辖区内托管儿童名单",
           Enrolments,
           {"org_id", "axis", "class_id", "status", "page", "page_size"}});
  api.Add({"PUT", "/childcare/classes/{id}/attendance/{date}", "childcare:class:write", tag,
           "记录某日考勤", PutAttendance});
  api.Add({"GET",
           "/childcare/classes/{id}/attendance",
           "childcare:class:read",
           tag,
           "考勤与出勤率",
           GetAttendance,
           {"from", "to"}});
}

void RegisterRoutes(api::Api& api) {
  RegisterClassRoutes(api);
  RegisterEvaluationRoutes(api);
  RegisterSupervisionRoutes(api);
  RegisterStatsRoutes(api);
}

}  // namespace gonghui::childcare
