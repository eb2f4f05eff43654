// Labour-dispute mediation cases (劳动争议调解, 劳动争议调解仲裁法): the
// union's mediation committee accepts a case, mediates within 15 days of
// acceptance unless both sides agree to extend, and closes it as settled
// (with the agreement), failed (and maybe referred to arbitration) or
// withdrawn. rules.h CaseNext is the transition table:
//
//   create {accepted_on}   → accepted (受理); due_on = accepted_on + 15 days
//   start                  accepted → mediating (调解中)
//   settle {outcome}       mediating → settled (调解成功, the agreement in `outcome`)
//   fail {outcome}         mediating → failed (调解不成)
//   refer                  failed → arbitration (转仲裁)
//   withdraw {outcome}     accepted | mediating → withdrawn (撤回)
//   extend {due_on, both_agree: true}   accepted | mediating, a later deadline
//
// An open case past due_on is `overdue` (and listed by ?overdue=true). Every
// step is dated (not after today, not before the step before it) and written
// to the case's timeline and the audit log. Cases are kept until closed and
// are never deleted. The applicant's phone and ID number are stored
// encrypted and shown masked unless the caller holds member:pii:read.
#include <algorithm>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "core/crypto.h"
#include "core/idcard.h"
#include "core/time.h"
#include "labour/internal.h"
#include "labour/rules.h"

namespace gonghui::labour {
namespace {

constexpr const char* kPii = "member:pii:read";
constexpr const char* kDisputeTypes[] = {"wages", "social_insurance", "contract", "injury", "hours",
                                         "other"};

const std::vector<api::FieldDef> kFields = {{"org_id", "调解组织所在工会"},
                                            {"accepted_on", "受理日期"},
                                            {"dispute_type", "争议类型"},
                                            {"applicant_name", "申请人"},
                                            {"applicant_phone", "申请人电话"},
                                            {"applicant_id_number", "申请人身份证号"},
                                            {"enterprise_id", "被申请单位"},
                                            {"respondent", "被申请人"},
                                            {"claim", "申请事项"},
                                            {"amount_fen", "涉及金额（分）"}};

constexpr const char* kColumns =
    "m.id, m.org_id, o.name, m.case_no, m.accepted_on, m.dispute_type, m.applicant_name, "
    "m.applicant_phone_masked, m.applicant_phone_cipher, m.applicant_id_masked, "
    "m.applicant_id_cipher, m.enterprise_id, m.respondent, m.claim, m.amount_fen, m.state, "
    "m.due_on, m.extended, m.outcome, m.closed_on, m.created_at, m.updated_at";
constexpr const char* kFromSql = " FROM labour_mediation m JOIN org o ON o.id = m.org_id";

Date Today(const api::Call& call) { return TodayUtcPlus8(call.now); }

nlohmann::json ToJson(api::Call& call, const db::Row& r, bool full) {
  const std::string state = r.Str(15);
  const bool pii = call.who.Has(kPii);
  auto clear = [&](size_t masked, size_t cipher) -> nlohmann::json {
    if (!r.OptStr(cipher)) return nullptr;
    if (!pii) return r.Str(masked);
    Result<std::string> plain = call.app.box.Open(r.Str(cipher));
    return plain.ok() ? nlohmann::json(*plain) : nlohmann::json(r.Str(masked));
  };
  nlohmann::json j = {
      {"id", r.Int(0)},
      {"org_id", r.Int(1)},
      {"org_name", r.Str(2)},
      {"case_no", r.Str(3)},
      {"accepted_on", r.Str(4)},
      {"dispute_type", r.Str(5)},
      {"applicant_name", r.Str(6)},
      {"applicant_phone", clear(7, 8)},
      {"applicant_id_number", clear(9, 10)},
      {"enterprise_id", r.OptInt(11) ? nlohmann::json(*r.OptInt(11)) : nullptr},
      {"respondent", r.Str(12)},
      {"claim", r.Str(13)},
      {"amount_fen", r.Int(14)},
      {"state", state},
      {"state_label", CaseStateLabel(state)},
      {"open", CaseOpen(state)},
      {"due_on", r.Str(16)},
      {"extended", r.Int(17) != 0},
      {"overdue", CaseOpen(state) && Today(call).ToString() > r.Str(16)},
      {"outcome", r.Str(18)},
      {"closed_on", r.Str(19).empty() ? nlohmann::json(nullptr) : nlohmann::json(r.Str(19))},
      {"created_at", FormatTimestamp(r.Int(20))},
      {"updated_at", FormatTimestamp(r.Int(21))}};
  if (!full) return j;
  j["events"] = api::Timeline(call.tx, "labour_mediation_event", "case_id", r.Int(0));
  return j;
}

// The audit log keeps the masked form only.
nlohmann::json Masked(nlohmann::json j, const db::Row& r) {
  if (!j["applicant_phone"].is_null()) j["applicant_phone"] = r.Str(7);
  if (!j["applicant_id_number"].is_null()) j["applicant_id_number"] = r.Str(9);
  return j;
}

Result<db::Row> LoadCaseRow(api::Call& call, int64_t id) {
  auto row =
      call.tx.QueryOne(std::string("SELECT ") + kColumns + kFromSql + " WHERE m.id = ?", {id});
  if (!row) return NotFound("调解案件不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(1), "调解案件"));
  return std::move(*row);
}

Result<nlohmann::json> LoadCase(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(db::Row row, LoadCaseRow(call, id));
  return ToJson(call, row, true);
}

void AddCaseEvent(api::Call& call, int64_t id, std::string_view step, std::string_view from,
                  std::string_view to, const std::string& on, const nlohmann::json& detail) {
  api::AppendEvent(call, "labour_mediation_event", "case_id", id, step, from, to, on, detail);
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t org_id, api::OwnerOrg(call, body, "调解组织所在工会"));
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string accepted_on, api::PastDate(body, "accepted_on", today, true));
  GH_ASSIGN_OR_RETURN(std::string type, body.Text("dispute_type", true, 20));
  if (std::none_of(std::begin(kDisputeTypes), std::end(kDisputeTypes),
                   [&](const char* t) { return type == t; })) {
    return body.Error("dispute_type",
                      "应为 wages、social_insurance、contract、injury、hours 或 other");
  }
  GH_ASSIGN_OR_RETURN(std::string name, body.Text("applicant_name", true, 50));
  GH_ASSIGN_OR_RETURN(std::string phone, body.Text("applicant_phone", false, 20));
  db::Value phone_cipher = db::Null(), id_cipher = db::Null();
  std::string phone_masked, id_masked;
  if (!phone.empty()) {
    GH_RETURN_IF_ERROR(CheckPhone(phone, "applicant_phone"));
    phone_cipher = call.app.box.Seal(phone);
    phone_masked = MaskPhone(phone);
  }
  GH_ASSIGN_OR_RETURN(std::string id_text, body.Text("applicant_id_number", false, 18));
  if (!id_text.empty()) {
    GH_ASSIGN_OR_RETURN(IdNumberInfo id, ParseIdNumber(id_text, "applicant_id_number"));
    id_cipher = call.app.box.Seal(id.number);
    id_masked = MaskIdNumber(id.number);
  }
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> enterprise,
                      body.OptInt("enterprise_id", 1, INT64_MAX));
  std::string respondent;
  if (enterprise) {
    auto e = call.tx.QueryOne("SELECT org_id, name FROM enterprise WHERE id = ?", {*enterprise});
    if (!e || !auth::InScope(call.tx, call.who, e->Int(0))) {
      return Status(Code::kNotFound, "被申请单位不存在或不在您的管辖范围内", "enterprise_id");
    }
    respondent = e->Str(1);
  }
  GH_ASSIGN_OR_RETURN(std::string given, body.Text("respondent", !enterprise, 100));
  if (!given.empty()) respondent = given;
  GH_ASSIGN_OR_RETURN(std::string claim, body.Text("claim", true, 5000));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> amount,
                      body.OptInt("amount_fen", 0, 1'000'000'000'000));
  const std::string due = AddDays(ParseDate(accepted_on).value(), kMediationDays).ToString();
  const int64_t id = call.tx.Insert(
      "INSERT INTO labour_mediation (org_id, case_no, accepted_on, dispute_type, applicant_name, "
      "applicant_phone_cipher, applicant_phone_masked, applicant_id_cipher, applicant_id_masked, "
      "enterprise_id, respondent, claim, amount_fen, state, due_on, created_by, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?) "
      "RETURNING id",
      {org_id, "pending-" + RandomHex(8), accepted_on, type, name, phone_cipher, phone_masked,
       id_cipher, id_masked, db::OrNull(enterprise), respondent, claim, amount.value_or(0), due,
       call.who.user_id, call.now, call.now});
  std::string seq = std::to_string(id);
  if (seq.size() < 6) seq.insert(0, 6 - seq.size(), '0');
  call.tx.Exec("UPDATE labour_mediation SET case_no = ? WHERE id = ?",
               {"TJ" + accepted_on.substr(0, 4) + "-" + seq, id});
  AddCaseEvent(call, id, "accept", "", "accepted", accepted_on, {{"due_on", due}});
  GH_ASSIGN_OR_RETURN(db::Row row, LoadCaseRow(call, id));
  audit::Record(call, "create", "labour_mediation", id, org_id, nullptr,
                Masked(ToJson(call, row, false), row));
  return api::Reply::Created(ToJson(call, row, true));
}

Result<api::Reply> TakeStep(api::Call& call, CaseStep step) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadCaseRow(call, id));
  const std::string state = row.Str(15);
  std::vector<api::FieldDef> fields = {{"on", "日期"}};
  if (step == CaseStep::kSettle || step == CaseStep::kFail || step == CaseStep::kWithdraw) {
    fields.push_back({"outcome", step == CaseStep::kSettle ? "调解协议" : "情况说明"});
  }
  if (step == CaseStep::kExtend) {
    fields.insert(fields.end(), {{"due_on", "延长后的期限"}, {"both_agree", "双方同意延长"}});
  }
  api::Body body(call.body, fields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  std::optional<std::string> next = CaseNext(state, step);
  if (!next) {
    return FailedPrecondition(
        "案件当前为「" + CaseStateLabel(state) + "」，不能执行“" + CaseStepName(step) + "”",
        "state");
  }
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string on, api::PastDate(body, "on", today, false));
  auto last = call.tx.QueryOne(
      "SELECT on_date FROM labour_mediation_event WHERE case_id = ? ORDER BY on_date DESC LIMIT 1",
      {id});
  if (last && on < last->Str(0)) {
    return body.Error("on", "不能早于上一环节的日期（" + last->Str(0) + "）");
  }
  const nlohmann::json before = Masked(ToJson(call, row, false), row);
  nlohmann::json detail = nlohmann::json::object();
  std::string sql = "UPDATE labour_mediation SET state = ?, updated_at = ?";
  std::vector<db::Value> params = {*next, call.now};
  if (step == CaseStep::kSettle || step == CaseStep::kFail || step == CaseStep::kWithdraw) {
    GH_ASSIGN_OR_RETURN(std::string outcome, body.Text("outcome", true, 5000));
    sql += ", outcome = ?, closed_on = ?";
    params.insert(params.end(), {outcome, on});
    detail["outcome"] = outcome;
  }
  if (step == CaseStep::kExtend) {
    GH_ASSIGN_OR_RETURN(std::optional<bool> agree, body.OptBool("both_agree"));
    if (!agree.value_or(false)) {
      return body.Error("both_agree", "须双方当事人同意方可延长调解期限");
    }
    GH_ASSIGN_OR_RETURN(std::string text, body.Text("due_on", true, 10));
    GH_ASSIGN_OR_RETURN(Date due, ParseDate(text, "due_on"));
    if (due.ToString() <= row.Str(16)) {
      return body.Error("due_on", "应晚于原期限（" + row.Str(16) + "）");
    }
    sql += ", due_on = ?, extended = 1";
    params.push_back(due.ToString());
    detail = {{"from", row.Str(16)}, {"to", due.ToString()}};
  }
  params.push_back(id);
  call.tx.Exec(sql + " WHERE id = ?", params);
  AddCaseEvent(call, id, CaseStepName(step), state, *next, on, detail);
  GH_ASSIGN_OR_RETURN(db::Row after, LoadCaseRow(call, id));
  audit::Record(call, CaseStepName(step), "labour_mediation", id, row.Int(1), before,
                Masked(ToJson(call, after, false), after));
  return api::Reply::Ok(ToJson(call, after, true));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string where = std::string(kFromSql) + " WHERE " + api::InSubtree("m.org_id", sub, params);
  if (!p.from.empty()) {
    where += " AND m.accepted_on >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    where += " AND m.accepted_on <= ?";
    params.push_back(p.to);
  }
  if (p.year)
    where += " AND " + api::TouchesYear("m.accepted_on", "m.accepted_on", *p.year, params);
  if (!p.type.empty()) {
    where += " AND m.dispute_type = ?";
    params.push_back(p.type);
  }
  if (!p.q.empty()) {
    where +=
        " AND (m.case_no = ? OR m.applicant_name LIKE ? ESCAPE '\\' OR m.respondent LIKE ? "
        "ESCAPE '\\')";
    params.insert(params.end(), {p.q, db::ContainsPattern(p.q), db::ContainsPattern(p.q)});
  }
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    if (*state == "open") {
      where += " AND m.state IN ('accepted', 'mediating')";
    } else if (IsCaseState(*state)) {
      where += " AND m.state = ?";
      params.push_back(*state);
    } else {
      return InvalidArgument("state", "案件状态（state）不存在");
    }
  }
  if (auto overdue = call.req.Query("overdue"); overdue && *overdue == "true") {
    where += " AND m.state IN ('accepted', 'mediating') AND m.due_on < ?";
    params.push_back(Today(call).ToString());
  }
  api::PageRows page = api::QueryPage(call.tx, kColumns, where, std::move(params),
                                      "m.accepted_on DESC, m.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(call, r, false));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

api::ApiHandler StepHandler(CaseStep step) {
  return [step](api::Call& call) { return TakeStep(call, step); };
}

}  // namespace

void RegisterMediationRoutes(api::Api& api) {
  api.Add({"GET",
           "/labour/mediations",
           "labour:contract:read",
           "labour",
           "劳动争议调解案件列表",
           List,
           {"org_id", "axis", "from", "to", "year", "type", "state", "overdue", "q", "page",
            "page_size"}});
  api.Add(
      {"POST", "/labour/mediations", "labour:contract:write", "labour", "受理调解案件", Create});
  api.Add({"GET", "/labour/mediations/{id}", "labour:contract:read", "labour", "调解案件详情",
           api::GetById<LoadCase>});
  const std::pair<CaseStep, const char*> steps[] = {
      {CaseStep::kStart, "开始调解"},      {CaseStep::kSettle, "调解成功（达成协议）"},
      {CaseStep::kFail, "调解不成"},       {CaseStep::kRefer, "转仲裁"},
      {CaseStep::kWithdraw, "申请人撤回"}, {CaseStep::kExtend, "双方同意延长调解期限"}};
  for (const auto& [step, summary] : steps) {
    api.Add({"POST", std::string("/labour/mediations/{id}/") + CaseStepName(step),
             "labour:contract:write", "labour", summary, StepHandler(step)});
  }
}

}  // namespace gonghui::labour
