// The six-standard evaluation (the state machine in childcare.h), grants under
// the configured caps, and the settings.
#include <map>

#include "api/body.h"
#include "audit/audit.h"
#include "childcare/childcare.h"
#include "childcare/internal.h"
#include "childcare/rules.h"
#include "core/date.h"
#include "core/time.h"
#include "member/member.h"
#include "photo/photo.h"

namespace gonghui::childcare {
namespace {

constexpr const char* kColumns =
    "v.id, v.class_id, k.name, k.org_id, o.name, v.year, v.state, v.district_org_id, d.name, "
    "v.grade, v.comment, v.created_at, v.updated_at";
constexpr const char* kFrom =
    " FROM childcare_evaluation v JOIN childcare_class k ON k.id = v.class_id JOIN org o ON o.id = "
    "k.org_id LEFT JOIN org d ON d.id = v.district_org_id";

nlohmann::json Stages(db::Tx& tx, int64_t id, int64_t pass_score) {
  nlohmann::json stages = {{"self", nullptr}, {"district", nullptr}, {"city", nullptr}};
  std::map<std::string, std::vector<int64_t>> totals;
  for (const db::Row& r : tx.Query(
           "SELECT s.stage, s.standard, s.score, s.evidence, s.photos, s.user_id, s.at, "
           "u.display_name FROM childcare_score s LEFT JOIN app_user u ON u.id = s.user_id WHERE "
           "s.evaluation_id = ?",
           {id})) {
    nlohmann::json& stage = stages[r.Str(0)];
    if (stage.is_null()) {
      stage = {{"scores", nlohmann::json::array()},
               {"user_id", OptInt(r.OptInt(5))},
               {"user_name", r.OptStr(7).value_or("")},
               {"at", FormatTimestamp(r.Int(6))}};
    }
    const int i = StandardIndex(r.Str(1));
    nlohmann::json photos = nlohmann::json::parse(r.Str(4), nullptr, false);
    stage["scores"].push_back({{"standard", r.Str(1)},
                               {"label", i >= 0 ? kStandards[i].label : ""},
                               {"score", r.Int(2)},
                               {"passed", r.Int(2) >= pass_score},
                               {"evidence", r.Str(3)},
                               {"photos", photos.is_array() ? photos : nlohmann::json::array()}});
    totals[r.Str(0)].push_back(r.Int(2));
  }
  for (auto& [name, stage] : stages.items()) {
    if (stage.is_null()) continue;
    // In the standards' order.
    std::sort(stage["scores"].begin(), stage["scores"].end(),
              [](const nlohmann::json& a, const nlohmann::json& b) {
                return StandardIndex(a["standard"].get<std::string>()) <
                       StandardIndex(b["standard"].get<std::string>());
              });
    int64_t passed = 0;
    for (const nlohmann::json& s : stage["scores"]) passed += s["passed"].get<bool>() ? 1 : 0;
    stage["total"] = TotalScore(totals[name]);
    stage["passed"] = passed;
  }
  return stages;
}

nlohmann::json ToJson(db::Tx& tx, const db::Row& r, bool detail) {
  nlohmann::json v = {{"id", r.Int(0)},
                      {"class_id", r.Int(1)},
                      {"class_name", r.Str(2)},
                      {"org_id", r.Int(3)},
                      {"org_name", r.Str(4)},
                      {"year", r.Int(5)},
                      {"state", r.Str(6)},
                      {"state_label", StateLabel(r.Str(6))},
                      {"district_org_id", OptInt(r.OptInt(7))},
                      {"district_org_name", r.OptStr(8).value_or("")},
                      {"grade", r.OptStr(9) ? nlohmann::json(*r.OptStr(9)) : nullptr},
                      {"comment", r.Str(10)},
                      {"created_at", FormatTimestamp(r.Int(11))},
                      {"updated_at", FormatTimestamp(r.Int(12))}};
  if (!detail) return v;
  const nlohmann::json settings = Settings(tx);
  v["stages"] = Stages(tx, r.Int(0), settings.value("pass_score", int64_t{60}));
  nlohmann::json timeline = nlohmann::json::array();
  for (const db::Row& e : tx.Query(
           "SELECT e.at, e.user_id, u.display_name, e.action, e.from_state, e.to_state, e.comment "
           "FROM childcare_evaluation_event e LEFT JOIN app_user u ON u.id = e.user_id WHERE "
           "e.evaluation_id = ? ORDER BY e.id",
           {r.Int(0)})) {
    timeline.push_back({{"at", FormatTimestamp(e.Int(0))},
                        {"user_id", OptInt(e.OptInt(1))},
                        {"user_name", e.OptStr(2).value_or("")},
                        {"action", e.Str(3)},
                        {"from_state", e.Str(4)},
                        {"to_state", e.Str(5)},
                        {"comment", e.Str(6)}});
  }
  v["timeline"] = std::move(timeline);
  return v;
}

Result<nlohmann::json> Load(api::Call& call, int64_t id) {
  std::optional<db::Row> r =
      call.tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE v.id = ?", {id});
  if (!r) return NotFound("评审记录不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, r->Int(3), "评审记录"));
  return ToJson(call.tx, *r, true);
}

// The nearest district union at or above `org_id` on the territorial axis,
// else the nearest industry union above it on the industry axis.
std::optional<int64_t> DistrictReviewer(db::Tx& tx, int64_t org_id) {
  for (const auto& [axis, kind] : {std::pair{"t", "district"}, std::pair{"i", "industry"}}) {
    std::optional<db::Row> r = tx.QueryOne(
        "SELECT o.id FROM org_closure c JOIN org o ON o.id = c.ancestor_id WHERE c.descendant_id "
        "= ? AND c.axis = ? AND o.kind = ? ORDER BY c.depth LIMIT 1",
        {org_id, std::string(axis), std::string(kind)});
    if (r) return r->Int(0);
  }
  return std::nullopt;
}

std::string CallerKind(api::Call& call) {
  std::optional<db::Row> r =
      call.tx.QueryOne("SELECT kind FROM org WHERE id = ?", {call.who.org_id});
  return r ? r->Str(0) : "";
}

// Reads six scores, each with optional evidence and photos, and writes them as
// `stage`, replacing that stage's earlier sheet. `required`: a review step,
// which must score; the self-assessment may be saved in parts (its evidence
// is required on submit, Submit).
Status WriteScores(api::Call& call, const api::Body& body, int64_t id, int64_t org_id,
                   const std::string& stage, bool required) {
  const nlohmann::json* scores = body.Get("scores");
  if (!scores) {
    if (required) return body.Error("scores", "不能为空：须对六项标准逐项评分");
    return Status::Ok();
  }
  if (!scores->is_array() || scores->size() != std::size(kStandards)) {
    return body.Error("scores",
                      "应为六项标准（场地安全、管理规范、权责明确、餐饮卫生、职工满意、"
                      "规模达标）各一项的数组");
  }
  std::vector<bool> seen(std::size(kStandards), false);
  struct Sheet {
    std::string standard, evidence, photos;
    int64_t score;
  };
  std::vector<Sheet> sheets;
  for (size_t i = 0; i < scores->size(); ++i) {
    const std::string at = "scores[" + std::to_string(i) + "]";
    const nlohmann::json& s = (*scores)[i];
    if (!s.is_object()) return InvalidArgument(at, "评分（" + at + "）应为对象");
    for (const auto& item : s.items()) {
      if (item.key() != "standard" && item.key() != "score" && item.key() != "evidence" &&
          item.key() != "photos") {
        return InvalidArgument(at + "." + item.key(), "未知字段：" + item.key());
      }
    }
    const int k = s.contains("standard") && s["standard"].is_string()
                      ? StandardIndex(s["standard"].get<std::string>())
                      : -1;
    if (k < 0) {
      return InvalidArgument(at + ".standard",
                             "标准（" + at +
                                 ".standard）应为 site_safety、management、"
                                 "responsibility、catering、satisfaction 或 scale");
    }
    if (seen[k])
      return InvalidArgument(at + ".standard", std::string(kStandards[k].label) + "重复评分");
    seen[k] = true;
    if (!s.contains("score") || !s["score"].is_number_integer() || s["score"].get<int64_t>() < 0 ||
        s["score"].get<int64_t>() > kMaxScore) {
      return InvalidArgument(at + ".score", std::string(kStandards[k].label) + "得分（" + at +
                                                ".score）应为0到100的整数");
    }
    std::string evidence;
    if (s.contains("evidence") && !s["evidence"].is_null()) {
      if (!s["evidence"].is_string() || api::Utf8Length(s["evidence"].get<std::string>()) > 2000) {
        return InvalidArgument(at + ".evidence",
                               "佐证材料（" + at + ".evidence）应为文字，最多2000字");
      }
      evidence = api::Trim(s["evidence"].get<std::string>());
    }
    nlohmann::json photos = nlohmann::json::array();
    if (s.contains("photos")) {
      if (!s["photos"].is_array() || s["photos"].size() > 20) {
        return InvalidArgument(at + ".photos", "照片（" + at + ".photos）应为不超过20个编号的数组");
      }
      std::vector<int64_t> ids;
      for (size_t j = 0; j < s["photos"].size(); ++j) {
        if (!s["photos"][j].is_number_integer()) {
          return InvalidArgument(at + ".photos[" + std::to_string(j) + "]", "照片编号应为整数");
        }
        ids.push_back(s["photos"][j].get<int64_t>());
      }
      GH_ASSIGN_OR_RETURN(photos, photo::Attach(call.tx, call.who, ids, org_id, at + ".photos"));
    }
    sheets.push_back({kStandards[k].key, evidence, photos.dump(), s["score"].get<int64_t>()});
  }
  call.tx.Exec("DELETE FROM childcare_score WHERE evaluation_id = ? AND stage = ?", {id, stage});
  for (const Sheet& s : sheets) {
    call.tx.Exec(
        "INSERT INTO childcare_score (evaluation_id, stage, standard, score, evidence, photos, "
        "user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id, stage, s.standard, s.score, s.evidence, s.photos, call.who.user_id, call.now});
  }
  return Status::Ok();
}

Status WrongState(const nlohmann::json& v, std::string_view what) {
  return FailedPrecondition(
      "评审当前状态为“" + StateLabel(v["state"].get<std::string>()) + "”，不能" + std::string(what),
      "state");
}

void StepTo(api::Call& call, const nlohmann::json& before, std::string_view action,
            const std::string& to, const std::string& comment) {
  const int64_t id = before["id"];
  call.tx.Exec(
      "INSERT INTO childcare_evaluation_event (evaluation_id, at, user_id, action, from_state, "
      "to_state, comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {id, call.now, call.who.user_id, std::string(action), before["state"].get<std::string>(), to,
       comment});
  call.tx.Exec(
      "UPDATE childcare_evaluation SET state = ?, comment = ?, updated_at = ? WHERE id = ?",
      {to, comment, call.now, id});
}

Result<nlohmann::json> AuditStep(api::Call& call, std::string_view action,
                                 const nlohmann::json& before) {
  const int64_t id = before["id"];
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call, id));
  audit::Record(call, action, "childcare_evaluation", id, before["org_id"].get<int64_t>(), before,
                after);
  return after;
}

// The reviewer checks: `district` for the district step, else the city step.
Status RequireReviewer(api::Call& call, const nlohmann::json& v, bool district) {
  if (district) {
    if (v["district_org_id"].is_null() || v["district_org_id"].get<int64_t>() != call.who.org_id) {
      return PermissionDenied("本阶段须由" +
                              (v["district_org_name"].get<std::string>().empty()
                                   ? std::string("区县总工会")
                                   : v["district_org_name"].get<std::string>()) +
                              "审核");
    }
    return Status::Ok();
  }
  if (CallerKind(call) != "city") return PermissionDenied("本阶段须由市总工会审核");
  return Status::Ok();
}

Result<int64_t> RecordGrant(api::Call& call, const nlohmann::json& evaluation, int64_t amount,
                            const std::string& note, std::string_view field) {
  const std::string grade =
      evaluation["grade"].is_null() ? "none" : evaluation["grade"].get<std::string>();
  const nlohmann::json caps = Settings(call.tx)["subsidy_caps_fen"];
  const int64_t cap = caps.is_object() ? caps.value(grade, int64_t{0}) : 0;
  const int64_t already = call.tx.QueryInt(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM childcare_grant WHERE evaluation_id = ?",
      {evaluation["id"].get<int64_t>()});
  GH_RETURN_IF_ERROR(CheckSubsidy(grade, cap, already, amount, field));
  const int64_t class_id = evaluation["class_id"];
  const int64_t id = call.tx.Insert(
      "INSERT INTO childcare_grant (class_id, evaluation_id, grade, year, amount_fen, note, "
      "approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {class_id, evaluation["id"].get<int64_t>(), grade, evaluation["year"].get<int64_t>(), amount,
       note, call.who.user_id, call.now});
  call.tx.Exec(
      "UPDATE childcare_class SET subsidy_fen = subsidy_fen + ?, updated_at = ? WHERE id = ?",
      {amount, call.now, class_id});
  return id;
}

nlohmann::json GrantJson(const db::Row& r) {
  return {{"id", r.Int(0)},
          {"class_id", r.Int(1)},
          {"evaluation_id", r.Int(2)},
          {"grade", r.Str(3)},
          {"grade_label", GradeLabel(r.Str(3))},
          {"year", r.Int(4)},
          {"amount_fen", r.Int(5)},
          {"note", r.Str(6)},
          {"approved_by", OptInt(r.OptInt(7))},
          {"approved_by_name", r.OptStr(8).value_or("")},
          {"approved_at", FormatTimestamp(r.Int(9))}};
}
constexpr const char* kGrantSelect =
    "SELECT g.id, g.class_id, g.evaluation_id, g.grade, g.year, g.amount_fen, g.note, "
    "g.approved_by, u.display_name, g.approved_at FROM childcare_grant g LEFT JOIN app_user u ON "
    "u.id = g.approved_by";

// --- Handlers -----------------------------------------------------------------

Result<api::Reply> Create(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  api::Body body(call.body, {{"year", "评审年度"}, {"scores", "自评得分"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
  if (call.tx.QueryInt("SELECT COUNT(*) FROM childcare_evaluation WHERE class_id = ? AND state <> "
                       "'graded'",
                       {class_id}) > 0) {
    return FailedPrecondition("本班已有未完成的评审", "year");
  }
  if (call.tx.QueryInt("SELECT COUNT(*) FROM childcare_evaluation WHERE class_id = ? AND year = ?",
                       {class_id, year}) > 0) {
    return AlreadyExists("year", "本班" + std::to_string(year) + "年度已参加评审");
  }
  const int64_t org_id = k["org_id"];
  const int64_t id = call.tx.Insert(
      "INSERT INTO childcare_evaluation (class_id, year, state, district_org_id, created_by, "
      "created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?) RETURNING id",
      {class_id, year, db::OrNull(DistrictReviewer(call.tx, org_id)), call.who.user_id, call.now,
       call.now});
  GH_RETURN_IF_ERROR(WriteScores(call, body, id, org_id, "self", false));
  call.tx.Exec(
      "INSERT INTO childcare_evaluation_event (evaluation_id, at, user_id, action, from_state, "
      "to_state) VALUES (?, ?, ?, 'create', '', 'draft')",
      {id, call.now, call.who.user_id});
  GH_ASSIGN_OR_RETURN(nlohmann::json v, Load(call, id));
  audit::Record(call, "create", "childcare_evaluation", id, org_id, nullptr, v);
  return api::Reply::Created(std::move(v));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json v, Load(call, id));
  return api::Reply::Ok(std::move(v));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id));
  api::Body body(call.body, {{"scores", "自评得分"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (!Next(before["state"].get<std::string>(), Step::kEdit, true)) {
    return WrongState(before, "修改自评（提交后须先被退回）");
  }
  GH_RETURN_IF_ERROR(WriteScores(call, body, id, before["org_id"], "self", false));
  call.tx.Exec("UPDATE childcare_evaluation SET updated_at = ? WHERE id = ?", {call.now, id});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, AuditStep(call, "update", before));
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> Submit(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id));
  api::Body body(call.body, {{"scores", "自评得分"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const bool has_district = !before["district_org_id"].is_null();
  std::optional<std::string> to =
      Next(before["state"].get<std::string>(), Step::kSubmit, has_district);
  if (!to) return WrongState(before, "提交");
  GH_RETURN_IF_ERROR(WriteScores(call, body, id, before["org_id"], "self", false));
  // Every standard scored with evidence.
  const nlohmann::json self = Load(call, id)->at("stages")["self"];
  if (self.is_null() || self["scores"].size() != std::size(kStandards)) {
    return InvalidArgument("scores", "自评得分（scores）须对六项标准逐项评分后才能提交");
  }
  for (size_t i = 0; i < self["scores"].size(); ++i) {
    if (self["scores"][i]["evidence"].get<std::string>().empty()) {
      return InvalidArgument("scores[" + std::to_string(i) + "].evidence",
                             self["scores"][i]["label"].get<std::string>() + "的佐证材料（scores[" +
                                 std::to_string(i) + "].evidence）不能为空");
    }
  }
  StepTo(call, before, "submit", *to, "");
  GH_ASSIGN_OR_RETURN(nlohmann::json after, AuditStep(call, "submit", before));
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> Review(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id));
  api::Body body(call.body, {{"scores", "评审得分"},
                             {"comment", "评审意见"},
                             {"grade", "评定等级"},
                             {"subsidy_fen", "补助金额（分）"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const std::string state = before["state"];
  const bool has_district = !before["district_org_id"].is_null();
  if (state == "district_review") {
    GH_RETURN_IF_ERROR(RequireReviewer(call, before, true));
    if (body.Has("grade") || body.Has("subsidy_fen")) {
      return body.Error(body.Has("grade") ? "grade" : "subsidy_fen",
                        "须在市总工会审核时确定，区县审核不能定级");
    }
    GH_ASSIGN_OR_RETURN(std::string comment, body.Text("comment", false, 500));
    GH_RETURN_IF_ERROR(WriteScores(call, body, id, before["org_id"], "district", true));
    StepTo(call, before, "district_review", *Next(state, Step::kDistrictReview, has_district),
           comment);
  } else if (state == "city_review") {
    GH_RETURN_IF_ERROR(RequireReviewer(call, before, false));
    GH_ASSIGN_OR_RETURN(std::string comment, body.Text("comment", false, 500));
    GH_ASSIGN_OR_RETURN(std::string grade, body.Text("grade", true, 20));
    if (!IsGrade(grade)) return body.Error("grade", "应为 national、municipal、district 或 none");
    GH_ASSIGN_OR_RETURN(std::optional<int64_t> subsidy,
                        body.OptInt("subsidy_fen", 1, 100'000'000'000));
    GH_RETURN_IF_ERROR(WriteScores(call, body, id, before["org_id"], "city", true));
    StepTo(call, before, "city_review", *Next(state, Step::kCityReview, has_district), comment);
    const int64_t class_id = before["class_id"];
    call.tx.Exec("UPDATE childcare_evaluation SET grade = ? WHERE id = ?", {grade, id});
    call.tx.Exec(
        "UPDATE childcare_class SET grade = ?, graded_year = ?, updated_at = ? WHERE id = ?",
        {grade, before["year"].get<int64_t>(), call.now, class_id});
    if (subsidy) {
      nlohmann::json graded = before;
      graded["grade"] = grade;
      GH_RETURN_IF_ERROR(
          RecordGrant(call, graded, *subsidy, "评审定级补助", "subsidy_fen").status());
    }
  } else {
    return WrongState(before, "审核");
  }
  GH_ASSIGN_OR_RETURN(nlohmann::json after, AuditStep(call, "review", before));
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> Return(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, Load(call, id));
  api::Body body(call.body, {{"comment", "退回意见"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string comment, body.Text("comment", true, 500));
  const std::string state = before["state"];
  const bool has_district = !before["district_org_id"].is_null();
  std::optional<std::string> to;
  if (state == "district_review") {
    GH_RETURN_IF_ERROR(RequireReviewer(call, before, true));
    to = Next(state, Step::kDistrictReturn, has_district);
  } else if (state == "city_review") {
    GH_RETURN_IF_ERROR(RequireReviewer(call, before, false));
    to = Next(state, Step::kCityReturn, has_district);
  } else {
    return WrongState(before, "退回");
  }
  StepTo(call, before, "return", *to, comment);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, AuditStep(call, "return", before));
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("k.org_id", sub, params);
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    if (*state == "pending") {
      // The steps the caller can act on now.
      if (CallerKind(call) == "city") {
        where += " AND v.state = 'city_review'";
      } else {
        where += " AND v.state = 'district_review' AND v.district_org_id = ?";
        params.push_back(call.who.org_id);
      }
    } else {
      std::string in;
      for (const std::string& s : SplitList(*state)) {
        if (!IsEvaluationState(s)) {
          return InvalidArgument("state",
                                 "查询参数 state 应为 draft、returned、district_review、"
                                 "city_review、graded 或 pending");
        }
        in += in.empty() ? "?" : ", ?";
        params.push_back(s);
      }
      where += " AND v.state IN (" + in + ")";
    }
  }
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> year, YearParam(call.req));
  if (year) {
    where += " AND v.year = ?";
    params.push_back(*year);
  }
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> class_id, IdParam(call.req, "class_id", "托管班编号"));
  if (class_id) {
    where += " AND v.class_id = ?";
    params.push_back(*class_id);
  }
  api::PageRows page =
      api::QueryPage(call.tx, kColumns, kFrom + where, params, "v.updated_at DESC, v.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(call.tx, r, false));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

Result<api::Reply> CreateGrant(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  api::Body body(call.body, {{"amount_fen", "补助金额（分）"}, {"note", "说明"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t amount, body.Int("amount_fen", 1, 100'000'000'000));
  GH_ASSIGN_OR_RETURN(std::string note, body.Text("note", false, 200));
  if (CallerKind(call) != "city") return PermissionDenied("补助须由市总工会审批");
  std::optional<db::Row> r = call.tx.QueryOne(
      std::string("SELECT ") + kColumns + kFrom +
          " WHERE v.class_id = ? AND v.state = 'graded' ORDER BY v.year DESC, v.id DESC LIMIT 1",
      {class_id});
  if (!r) return FailedPrecondition("托管班尚未经市总工会评审定级，不能发放补助", "grade");
  const nlohmann::json evaluation = ToJson(call.tx, *r, false);
  GH_ASSIGN_OR_RETURN(int64_t id, RecordGrant(call, evaluation, amount, note, "amount_fen"));
  nlohmann::json g =
      GrantJson(*call.tx.QueryOne(std::string(kGrantSelect) + " WHERE g.id = ?", {id}));
  audit::Record(call, "create", "childcare_grant", id, k["org_id"].get<int64_t>(), nullptr, g);
  return api::Reply::Created(std::move(g));
}

Result<api::Reply> Grants(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t class_id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json k, LoadClass(call, class_id));
  nlohmann::json items = nlohmann::json::array();
  int64_t total = 0;
  for (const db::Row& r : call.tx.Query(
           std::string(kGrantSelect) + " WHERE g.class_id = ? ORDER BY g.id", {class_id})) {
    items.push_back(GrantJson(r));
    total += r.Int(5);
  }
  return api::Reply::Ok({{"items", std::move(items)}, {"total_fen", total}});
}

Result<api::Reply> GetSettings(api::Call& call) { return api::Reply::Ok(Settings(call.tx)); }

Result<api::Reply> PutSettings(api::Call& call) {
  api::Body body(call.body, {{"subsidy_caps_fen", "补助上限（分）"},
                             {"priority_tags", "优先家庭"},
                             {"pass_score", "达标分数"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (CallerKind(call) != "city") return PermissionDenied("托管班设置须由市总工会修改");
  const nlohmann::json* caps = body.Get("subsidy_caps_fen");
  if (!caps || !caps->is_object()) return body.Error("subsidy_caps_fen", "应为按等级的上限对象");
  nlohmann::json out_caps = nlohmann::json::object();
  for (const char* g : kGrades) {
    if (!caps->contains(g) || !(*caps)[g].is_number_integer() || (*caps)[g].get<int64_t>() < 0) {
      return InvalidArgument(
          std::string("subsidy_caps_fen.") + g,
          GradeLabel(g) + "补助上限（subsidy_caps_fen." + g + "）应为不小于0的整数（分）");
    }
    out_caps[g] = (*caps)[g];
  }
  for (const auto& item : caps->items()) {
    if (!IsGrade(item.key())) {
      return InvalidArgument("subsidy_caps_fen." + item.key(), "未知等级：" + item.key());
    }
  }
  const nlohmann::json* tags = body.Get("priority_tags");
  if (!tags) return body.Error("priority_tags", "不能为空（可为空数组）");
  GH_ASSIGN_OR_RETURN(std::vector<std::string> tag_list, member::ParseTags(*tags, "priority_tags"));
  GH_ASSIGN_OR_RETURN(int64_t pass, body.Int("pass_score", 0, kMaxScore));
  nlohmann::json before = Settings(call.tx);
  nlohmann::json after = {
      {"subsidy_caps_fen", out_caps}, {"priority_tags", tag_list}, {"pass_score", pass}};
  call.tx.Exec("UPDATE childcare_setting SET value = ? WHERE name = 'settings'", {after.dump()});
  audit::Record(call, "update", "childcare_settings", 0, call.who.org_id, before, after);
  return api::Reply::Ok(std::move(after));
}

}  // namespace

void RegisterEvaluationRoutes(api::Api& api) {
  const std::string tag = "childcare";
  api.Add({"POST", "/childcare/classes/{id}/evaluations", "childcare:class:write", tag,
           "发起评审（自评草稿）", Create});
  api.Add({"GET",
           "/childcare/evaluations",
           "childcare:class:read",
           tag,
           "评审列表（state=pending 为待我审核）",
           List,
           {"org_id", "axis", "state", "year", "class_id", "page", "page_size"}});
  api.Add({"GET", "/childcare/evaluations/{id}", "childcare:class:read", tag,
           "评审详情（各阶段得分与时间线）", Get});
  api.Add({"PATCH", "/childcare/evaluations/{id}", "childcare:class:write", tag, "修改自评得分",
           Patch});
  api.Add({"POST", "/childcare/evaluations/{id}/submit", "childcare:class:write", tag, "提交自评",
           Submit});
  api.Add({"POST", "/childcare/evaluations/{id}/review", "childcare:evaluation:review", tag,
           "区县审核或市总审核定级", Review});
  api.Add({"POST", "/childcare/evaluations/{id}/return", "childcare:evaluation:review", tag,
           "退回上一环节并附意见", Return});
  api.Add({"POST", "/childcare/classes/{id}/grants", "childcare:evaluation:review", tag,
           "审批补助（不超过等级上限）", CreateGrant});
  api.Add(
      {"GET", "/childcare/classes/{id}/grants", "childcare:class:read", tag, "补助记录", Grants});
  api.Add({"GET", "/childcare/settings", "childcare:class:read", tag,
           "托管班设置（补助上限、优先家庭、达标分数）", GetSettings});
  api.Add({"PUT", "/childcare/settings", "childcare:evaluation:review", tag, "修改托管班设置",
           PutSettings});
}

}  // namespace gonghui::childcare
