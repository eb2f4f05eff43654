// Collective contracts: records, negotiators, text versions and the lifecycle
// written down in labour.h.
#include <algorithm>
#include <set>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "core/crypto.h"
#include "core/time.h"
#include "labour/internal.h"
#include "labour/labour.h"
#include "labour/rules.h"
#include "labour/tally.h"
#include "org/count.h"

namespace gonghui::labour {

std::string CurrentStateSql(std::string_view alias, const Date& today,
                            std::vector<db::Value>& params) {
  const std::string a(alias);
  const std::string t = today.ToString();
  params.insert(params.end(), {t, t, t});
  return "(CASE WHEN " + a + ".state = 'filed' AND " + a + ".effective_on <= ? THEN (CASE WHEN " +
         a + ".term_to < ? THEN 'expired' ELSE 'effective' END) WHEN " + a +
         ".state IN ('effective', 'published') AND " + a + ".term_to < ? THEN 'expired' ELSE " + a +
         ".state END)";
}

namespace {

const std::vector<api::FieldDef> kFields = {{"org_id", "工会方"},
                                            {"kind", "合同类型"},
                                            {"title", "合同名称"},
                                            {"employer_enterprise_id", "用人单位"},
                                            {"employer_rep", "企业方代表组织"},
                                            {"enterprise_ids", "覆盖企业"},
                                            {"workers", "覆盖职工人数"},
                                            {"women", "其中女职工人数"},
                                            {"dispatched", "其中劳务派遣职工人数"},
                                            {"term_from", "期限起始日"},
                                            {"term_to", "期限截止日"},
                                            {"offered_on", "要约日期"},
                                            {"offered_by", "要约方"},
                                            {"note", "备注"}};

constexpr size_t kMaxTextChars = 200'000;
constexpr size_t kMaxFileBytes = 20 * 1024 * 1024;

std::string Plus(const std::string& date, int64_t days) {
  return date.empty() ? std::string() : AddDays(ParseDate(date).value(), days).ToString();
}

nlohmann::json OrNullJson(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

std::string StateToday(const db::Row& r, const Date& today) {
  return CurrentState(r.Str(kState), {r.Str(kFiledOn), r.Str(kTermTo)}, today);
}

namespace {

std::optional<int64_t> SuccessorOf(db::Tx& tx, int64_t id) {
  auto row = tx.QueryOne(
      "SELECT id FROM labour_contract WHERE predecessor_id = ? AND state <> 'abandoned'", {id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

// Whether a renewal may be started today, and if not why (empty when it may).
std::string RenewalRefusal(const db::Row& r, const std::string& state, const Date& today,
                           const std::optional<int64_t>& successor) {
  if (successor) return "该合同已有续订合同";
  if (state == "expired") return "";
  if (state != "effective" && state != "published") return "只有已生效的合同才能续订";
  const std::string opens = RenewalOpensOn(r.Str(kTermTo));
  if (today.ToString() < opens) return "合同期满前三个月内方可续订（" + opens + " 起）";
  return "";
}

}  // namespace

nlohmann::json ToJson(db::Tx& tx, const db::Row& r, const Date& today, bool full) {
  const std::string state = StateToday(r, today);
  const std::string now = today.ToString();
  const std::string filing_due = Plus(r.Str(kSignedOn), kFilingDays);
  const std::string effective_on = r.Str(kEffectiveOn);
  const std::string publish_due = Plus(effective_on, kPublishDays);
  nlohmann::json vote = nullptr;
  if (r.OptInt(kVoteTotal)) {
    vote = {{"total", r.Int(kVoteTotal)},   {"attendees", r.Int(kVoteAttendees)},
            {"votes_for", r.Int(kVoteFor)}, {"votes_against", r.Int(kVoteAgainst)},
            {"voted_on", r.Str(kVotedOn)},  {"passed", r.Int(kVotePassed) != 0}};
  }
  std::vector<std::string> warnings;
  if (auto from = ParseDate(r.Str(kTermFrom)), to = ParseDate(r.Str(kTermTo));
      from.ok() && to.ok()) {
    warnings = TermWarnings(from.value(), to.value());
  }
  const std::optional<int64_t> successor = SuccessorOf(tx, r.Int(kId));
  nlohmann::json out = {
      {"id", r.Int(kId)},
      {"number", r.Str(kNumber)},
      {"org_id", r.Int(kOrgId)},
      {"org_name", r.Str(kOrgName)},
      {"kind", r.Str(kKind)},
      {"kind_label", KindLabel(r.Str(kKind))},
      {"title", r.Str(kTitle)},
      {"employer_enterprise_id",
       r.OptInt(kEmployerId) ? nlohmann::json(*r.OptInt(kEmployerId)) : nullptr},
      {"employer_name", r.OptStr(kEmployerName) ? nlohmann::json(*r.OptStr(kEmployerName))
                                                : nlohmann::json(r.Str(kEmployerRep))},
      {"employer_rep", r.Str(kEmployerRep)},
      {"workers", r.Int(kWorkers)},
      {"women", r.Int(kWomen)},
      {"dispatched", r.Int(kDispatched)},
      {"term_from", r.Str(kTermFrom)},
      {"term_to", r.Str(kTermTo)},
      {"state", state},
      {"state_label", StateLabel(state)},
      {"offered_on", r.Str(kOfferedOn)},
      {"offered_by", r.Str(kOfferedBy)},
      {"vote", vote},
      {"signed_on", OrNullJson(r.Str(kSignedOn))},
      {"filed_on", OrNullJson(r.Str(kFiledOn))},
      {"effective_on", OrNullJson(effective_on)},
      {"published_on", OrNullJson(r.Str(kPublishedOn))},
      {"deadlines",
       {{"filing_due", OrNullJson(filing_due)},
        {"filing_overdue", state == "signed" && now > filing_due},
        {"publish_due", OrNullJson(publish_due)},
        {"publish_overdue", state == "effective" && now > publish_due},
        {"renewal_opens_on", RenewalOpensOn(r.Str(kTermTo))},
        {"renewable", RenewalRefusal(r, state, today, successor).empty()}}},
      {"predecessor_id",
       r.OptInt(kPredecessor) ? nlohmann::json(*r.OptInt(kPredecessor)) : nullptr},
      {"successor_id", successor ? nlohmann::json(*successor) : nullptr},
      {"warnings", warnings},
      {"note", r.Str(kNote)},
      {"created_at", FormatTimestamp(r.Int(kCreatedAt))},
      {"updated_at", FormatTimestamp(r.Int(kUpdatedAt))}};
  if (!full) return out;
  const int64_t id = r.Int(kId);
  nlohmann::json negotiators = nlohmann::json::array();
  for (const db::Row& n :
       tx.Query("SELECT side, name, gender, title, chief, union_chair, dispatched FROM "
                "labour_negotiator WHERE contract_id = ? ORDER BY position",
                {id})) {
    negotiators.push_back({{"side", n.Str(0)},
                           {"name", n.Str(1)},
                           {"gender", n.Str(2)},
                           {"title", n.Str(3)},
                           {"chief", n.Int(4) != 0},
                           {"union_chair", n.Int(5) != 0},
                           {"dispatched", n.Int(6) != 0}});
  }
  nlohmann::json enterprises = nlohmann::json::array();
  for (const db::Row& e : tx.Query(
           "SELECT e.id, e.name, e.credit_code, e.employees FROM labour_contract_enterprise ce "
           "JOIN enterprise e ON e.id = ce.enterprise_id WHERE ce.contract_id = ? ORDER BY e.id",
           {id})) {
    enterprises.push_back(
        {{"id", e.Int(0)}, {"name", e.Str(1)}, {"credit_code", e.Str(2)}, {"employees", e.Int(3)}});
  }
  nlohmann::json texts = nlohmann::json::array();
  for (const db::Row& t : tx.Query(
           "SELECT id, version, source, file_name, content_type, size, sha256, created_at FROM "
           "labour_contract_text WHERE contract_id = ? ORDER BY version",
           {id})) {
    texts.push_back({{"id", t.Int(0)},
                     {"version", t.Int(1)},
                     {"source", t.Str(2)},
                     {"file_name", t.Str(3)},
                     {"content_type", t.Str(4)},
                     {"size", t.Int(5)},
                     {"sha256", t.Str(6)},
                     {"url", "/api/v1/labour/contracts/" + std::to_string(id) + "/texts/" +
                                 std::to_string(t.Int(0))},
                     {"created_at", FormatTimestamp(t.Int(7))}});
  }
  out["negotiators"] = std::move(negotiators);
  out["enterprises"] = std::move(enterprises);
  out["texts"] = std::move(texts);
  out["events"] = api::Timeline(tx, "labour_contract_event", "contract_id", id);
  out["signatures"] = SignaturesJson(tx, id);
  out["sign_links"] = SignLinksJson(tx, id);
  return out;
}

std::optional<TextRef> NewestText(db::Tx& tx, int64_t contract_id) {
  auto t = tx.QueryOne(
      "SELECT id, version, sha256 FROM labour_contract_text WHERE contract_id = ? ORDER BY "
      "version DESC LIMIT 1",
      {contract_id});
  if (!t) return std::nullopt;
  return TextRef{t->Int(0), t->Int(1), t->Str(2)};
}

std::optional<db::Row> FindContract(db::Tx& tx, std::string_view column, const db::Value& value) {
  return tx.QueryOne(
      std::string("SELECT ") + kColumns + kFrom + " WHERE " + std::string(column) + " = ?",
      {value});
}

Result<db::Row> LoadRow(api::Call& call, int64_t id) {
  auto row = FindContract(call.tx, "c.id", id);
  if (!row) return NotFound("集体合同不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(kOrgId), "集体合同"));
  return std::move(*row);
}

namespace {

Date Today(const api::Call& call) { return TodayUtcPlus8(call.now); }

Result<nlohmann::json> LoadInScope(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  return ToJson(call.tx, row, Today(call), true);
}

// The checked parties, workforce and term of a contract (create and patch).
struct Fields {
  int64_t org_id = 0;
  std::string kind, title, employer_rep, term_from, term_to, note;
  std::optional<int64_t> employer_id;
  std::vector<int64_t> enterprise_ids;
  int64_t workers = 0, women = 0, dispatched = 0;
};

Fields FieldsOf(db::Tx& tx, const db::Row& r) {
  Fields f;
  f.org_id = r.Int(kOrgId);
  f.kind = r.Str(kKind);
  f.title = r.Str(kTitle);
  f.employer_rep = r.Str(kEmployerRep);
  f.term_from = r.Str(kTermFrom);
  f.term_to = r.Str(kTermTo);
  f.note = r.Str(kNote);
  f.employer_id = r.OptInt(kEmployerId);
  for (const db::Row& e :
       tx.Query("SELECT enterprise_id FROM labour_contract_enterprise WHERE contract_id = ? "
                "ORDER BY enterprise_id",
                {r.Int(kId)})) {
    f.enterprise_ids.push_back(e.Int(0));
  }
  f.workers = r.Int(kWorkers);
  f.women = r.Int(kWomen);
  f.dispatched = r.Int(kDispatched);
  return f;
}

// An enterprise of the census in the caller's scope: {employees, union_org_id}.
Result<std::pair<int64_t, std::optional<int64_t>>> EnterpriseInScope(api::Call& call, int64_t id,
                                                                     std::string_view field) {
  auto e =
      call.tx.QueryOne("SELECT org_id, employees, union_org_id FROM enterprise WHERE id = ?", {id});
  if (!e || !auth::InScope(call.tx, call.who, e->Int(0))) {
    return Status(Code::kNotFound, "用人单位 " + std::to_string(id) + " 不存在或不在您的管辖范围内",
                  std::string(field));
  }
  return std::pair{e->Int(1), e->OptInt(2)};
}

// Reads the fields present in `body` over `f` and checks the whole.
Status ReadFields(api::Call& call, const api::Body& body, bool creating, Fields& f) {
  if (creating || body.Has("kind")) {
    GH_ASSIGN_OR_RETURN(f.kind, body.Text("kind", true, 20));
    if (!IsKind(f.kind)) {
      return body.Error("kind",
                        "应为 comprehensive、wage、women、safety、special、regional 或 industry");
    }
  }
  if (creating || body.Has("title")) {
    GH_ASSIGN_OR_RETURN(f.title, body.Text("title", true, 200));
  }
  for (auto [key, target] :
       {std::pair{"term_from", &f.term_from}, std::pair{"term_to", &f.term_to}}) {
    if (creating || body.Has(key)) {
      GH_ASSIGN_OR_RETURN(*target, body.Text(key, true, 10));
    }
  }
  GH_RETURN_IF_ERROR(CheckDateRange(f.term_from, f.term_to, "term_from", "term_to"));
  if (body.Has("note") || creating) {
    GH_ASSIGN_OR_RETURN(f.note, body.Text("note", false, 2000));
  }
  // The employer side.
  const bool area = IsAreaKind(f.kind);
  if (body.Has("employer_enterprise_id") || creating) {
    GH_ASSIGN_OR_RETURN(f.employer_id, body.OptInt("employer_enterprise_id", 1, INT64_MAX));
  }
  if (body.Has("employer_rep") || creating) {
    GH_ASSIGN_OR_RETURN(f.employer_rep, body.Text("employer_rep", false, 100));
  }
  if (body.Has("enterprise_ids") || creating) {
    GH_ASSIGN_OR_RETURN(f.enterprise_ids, body.IdList("enterprise_ids", 5000));
    std::set<int64_t> unique(f.enterprise_ids.begin(), f.enterprise_ids.end());
    if (unique.size() != f.enterprise_ids.size()) return body.Error("enterprise_ids", "有重复");
    f.enterprise_ids.assign(unique.begin(), unique.end());
  }
  int64_t covered_employees = 0;
  if (area) {
    if (f.employer_id) {
      return body.Error("employer_enterprise_id",
                        "区域性、行业性集体合同由企业方代表组织签订，不填单个用人单位");
    }
    if (f.employer_rep.empty()) {
      return body.Error("employer_rep", "不能为空：区域性、行业性集体合同须写明企业方代表组织");
    }
    if (f.enterprise_ids.empty()) return body.Error("enterprise_ids", "不能为空：请选择覆盖的企业");
    for (int64_t e : f.enterprise_ids) {
      GH_ASSIGN_OR_RETURN(auto found, EnterpriseInScope(call, e, "enterprise_ids"));
      covered_employees += found.first;
    }
  } else {
    if (!f.employer_id) return body.Error("employer_enterprise_id", "不能为空");
    if (!f.enterprise_ids.empty()) {
      return body.Error("enterprise_ids", "只有区域性、行业性集体合同才列覆盖企业");
    }
    GH_ASSIGN_OR_RETURN(auto found,
                        EnterpriseInScope(call, *f.employer_id, "employer_enterprise_id"));
    covered_employees = found.first;
    if (found.second && *found.second != f.org_id) {
      auto name = call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {*found.second});
      return body.Error("org_id", "应为该用人单位的工会（" + (name ? name->Str(0) : "") + "）");
    }
  }
  // The workforce: the covered enterprises' headcount unless given.
  if (body.Has("workers")) {
    GH_ASSIGN_OR_RETURN(f.workers, body.Int("workers", 1, 100'000'000));
  } else if (creating || body.Has("employer_enterprise_id") || body.Has("enterprise_ids")) {
    f.workers = covered_employees;
  }
  if (f.workers <= 0) return body.Error("workers", "应大于0：请填写覆盖职工人数");
  if (body.Has("women")) {
    GH_ASSIGN_OR_RETURN(f.women, body.Int("women", 0, 100'000'000));
  }
  if (body.Has("dispatched")) {
    GH_ASSIGN_OR_RETURN(f.dispatched, body.Int("dispatched", 0, 100'000'000));
  }
  if (f.women > f.workers) return body.Error("women", "不能多于覆盖职工人数");
  if (f.dispatched > f.workers) return body.Error("dispatched", "不能多于覆盖职工人数");
  return Status::Ok();
}

void WriteEnterprises(db::Tx& tx, int64_t id, const std::vector<int64_t>& ids) {
  tx.Exec("DELETE FROM labour_contract_enterprise WHERE contract_id = ?", {id});
  for (int64_t e : ids) {
    tx.Exec("INSERT INTO labour_contract_enterprise (contract_id, enterprise_id) VALUES (?, ?)",
            {id, e});
  }
}

}  // namespace

void AddEvent(api::Call& call, int64_t id, std::string_view step, std::string_view from,
              std::string_view to, const std::string& on, const nlohmann::json& detail) {
  api::AppendEvent(call, "labour_contract_event", "contract_id", id, step, from, to, on, detail);
}

namespace {

// The day of the newest lifecycle step so far (a new step may not be dated before it;
// text versions and signatures are dated when they are made and do not count).
std::string LastStepOn(db::Tx& tx, int64_t id) {
  auto row = tx.QueryOne(
      "SELECT on_date FROM labour_contract_event WHERE contract_id = ? AND step NOT IN ('text', "
      "'signature') ORDER BY on_date DESC LIMIT 1",
      {id});
  return row ? row->Str(0) : std::string();
}

std::vector<Negotiator> NegotiatorsOf(db::Tx& tx, int64_t id) {
  std::vector<Negotiator> out;
  for (const db::Row& n :
       tx.Query("SELECT side, name, gender, chief, union_chair, dispatched FROM labour_negotiator "
                "WHERE contract_id = ? ORDER BY position",
                {id})) {
    out.push_back({n.Str(0), n.Str(1), n.Str(2), n.Int(3) != 0, n.Int(4) != 0, n.Int(5) != 0});
  }
  return out;
}

// Inserts a contract in `offer` with its enterprises; answers its id.
int64_t InsertContract(api::Call& call, const Fields& f, const std::string& offered_on,
                       const std::string& offered_by, std::optional<int64_t> predecessor) {
  const int64_t id = call.tx.Insert(
      "INSERT INTO labour_contract (number, org_id, kind, title, employer_enterprise_id, "
      "employer_rep, workers, women, dispatched, term_from, term_to, state, offered_on, "
      "offered_by, predecessor_id, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, 'offer', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {"pending-" + RandomHex(8), f.org_id, f.kind, f.title, db::OrNull(f.employer_id),
       f.employer_rep, f.workers, f.women, f.dispatched, f.term_from, f.term_to, offered_on,
       offered_by, db::OrNull(predecessor), f.note, call.who.user_id, call.now, call.now});
  // 集合〔year〕number: the year of the offer and the record's id, unique and stable.
  std::string seq = std::to_string(id);
  if (seq.size() < 6) seq.insert(0, 6 - seq.size(), '0');
  call.tx.Exec("UPDATE labour_contract SET number = ? WHERE id = ?",
               {"JT" + offered_on.substr(0, 4) + "-" + seq, id});
  WriteEnterprises(call.tx, id, f.enterprise_ids);
  return id;
}

Result<std::string> ReadOfferedBy(const api::Body& body) {
  GH_ASSIGN_OR_RETURN(std::string by, body.Text("offered_by", true, 10));
  if (by != "worker" && by != "employer")
    return body.Error("offered_by", "应为 worker 或 employer");
  return by;
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  Fields f;
  GH_ASSIGN_OR_RETURN(f.org_id, api::OwnerOrg(call, body, "工会方"));
  if (call.tx.QueryInt("SELECT is_partner FROM org WHERE id = ?", {f.org_id}) != 0) {
    return body.Error("org_id", "应为工会，不能是合作单位");
  }
  GH_RETURN_IF_ERROR(ReadFields(call, body, true, f));
  const Date today = Today(call);
  GH_ASSIGN_OR_RETURN(std::string offered_on, api::PastDate(body, "offered_on", today, true));
  GH_ASSIGN_OR_RETURN(std::string offered_by, ReadOfferedBy(body));
  const int64_t id = InsertContract(call, f, offered_on, offered_by, std::nullopt);
  AddEvent(call, id, "create", "", "offer", offered_on, {{"offered_by", offered_by}});
  RefreshContract(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "create", "labour_contract", id, f.org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

Status RequireState(const std::string& state, std::initializer_list<const char*> allowed,
                    std::string_view what) {
  if (std::none_of(allowed.begin(), allowed.end(), [&](const char* s) { return state == s; })) {
    return FailedPrecondition("合同当前为「" + StateLabel(state) + "」，不能" + std::string(what),
                              "state");
  }
  return Status::Ok();
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  const Date today = Today(call);
  const nlohmann::json before = ToJson(call.tx, row, today, true);
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  for (const char* key : {"org_id", "offered_on", "offered_by"}) {
    if (body.Has(key)) return body.Error(key, "创建后不能修改");
  }
  Fields f = FieldsOf(call.tx, row);
  const bool only_note = call.body.size() == 1 && body.Has("note");
  if (!only_note) {
    GH_RETURN_IF_ERROR(RequireState(StateToday(row, today), {"offer", "negotiating"},
                                    "修改合同要素（签约双方、职工人数、期限）"));
  }
  GH_RETURN_IF_ERROR(ReadFields(call, body, false, f));
  std::vector<Negotiator> team = NegotiatorsOf(call.tx, id);
  if (!team.empty()) {
    GH_RETURN_IF_ERROR(CheckNegotiators(team, {f.workers, f.women, f.dispatched}, "negotiators"));
  }
  const std::vector<int64_t> units_before = ContractUnits(call.tx, id);
  call.tx.Exec(
      "UPDATE labour_contract SET kind = ?, title = ?, employer_enterprise_id = ?, employer_rep = "
      "?, workers = ?, women = ?, dispatched = ?, term_from = ?, term_to = ?, note = ?, "
      "updated_at = ? WHERE id = ?",
      {f.kind, f.title, db::OrNull(f.employer_id), f.employer_rep, f.workers, f.women, f.dispatched,
       f.term_from, f.term_to, f.note, call.now, id});
  WriteEnterprises(call.tx, id, f.enterprise_ids);
  RefreshContract(call.tx, id, units_before);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "labour_contract", id, f.org_id, before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> PutNegotiators(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  const Date today = Today(call);
  GH_RETURN_IF_ERROR(
      RequireState(StateToday(row, today), {"offer", "negotiating"}, "更换协商代表"));
  api::Body body(call.body, {{"negotiators", "协商代表"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const nlohmann::json* list = body.Get("negotiators");
  if (!list || !list->is_array()) return body.Error("negotiators", "应为协商代表数组");
  if (list->size() > 30) return body.Error("negotiators", "最多 30 人");
  std::vector<Negotiator> team;
  std::vector<std::string> titles;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string prefix = "negotiators[" + std::to_string(i) + "].";
    if (!(*list)[i].is_object()) return InvalidArgument(prefix, "协商代表应为对象");
    const std::vector<api::FieldDef> item_fields = {{"side", "所属方"},
                                                    {"name", "姓名"},
                                                    {"gender", "性别"},
                                                    {"title", "职务"},
                                                    {"chief", "首席代表"},
                                                    {"union_chair", "工会主席"},
                                                    {"dispatched", "劳务派遣职工"}};
    api::Body item((*list)[i], item_fields);
    auto named = [&](Status s) {
      return s.ok() ? s : Status(s.code(), s.message(), prefix + s.field());
    };
    GH_RETURN_IF_ERROR(named(item.CheckUnknown()));
    Negotiator n;
    auto side = item.Text("side", true, 10);
    if (!side.ok()) return named(side.status());
    n.side = *side;
    if (n.side != "worker" && n.side != "employer") {
      return named(item.Error("side", "应为 worker 或 employer"));
    }
    auto name = item.Text("name", true, 50);
    if (!name.ok()) return named(name.status());
    n.name = *name;
    auto gender = item.Text("gender", true, 10);
    if (!gender.ok()) return named(gender.status());
    n.gender = *gender;
    if (n.gender != "female" && n.gender != "male") {
      return named(item.Error("gender", "应为 female 或 male"));
    }
    auto title = item.Text("title", false, 50);
    if (!title.ok()) return named(title.status());
    for (auto [key, target] :
         {std::pair{"chief", &n.chief}, std::pair{"union_chair", &n.union_chair},
          std::pair{"dispatched", &n.dispatched}}) {
      auto flag = item.OptBool(key);
      if (!flag.ok()) return named(flag.status());
      *target = flag->value_or(false);
    }
    if (n.side == "employer" && (n.union_chair || n.dispatched)) {
      return named(item.Error(n.union_chair ? "union_chair" : "dispatched", "只能用于职工方"));
    }
    team.push_back(std::move(n));
    titles.push_back(*title);
  }
  GH_RETURN_IF_ERROR(CheckNegotiators(
      team, {row.Int(kWorkers), row.Int(kWomen), row.Int(kDispatched)}, "negotiators"));
  const nlohmann::json before = ToJson(call.tx, row, today, true);
  call.tx.Exec("DELETE FROM labour_negotiator WHERE contract_id = ?", {id});
  for (size_t i = 0; i < team.size(); ++i) {
    const Negotiator& n = team[i];
    call.tx.Exec(
        "INSERT INTO labour_negotiator (contract_id, position, side, name, gender, title, chief, "
        "union_chair, dispatched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, static_cast<int64_t>(i), n.side, n.name, n.gender, titles[i], int64_t{n.chief},
         int64_t{n.union_chair}, int64_t{n.dispatched}});
  }
  call.tx.Exec("UPDATE labour_contract SET updated_at = ? WHERE id = ?", {call.now, id});
  RefreshContract(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "labour_contract", id, row.Int(kOrgId), before, after);
  return api::Reply::Ok(std::move(after));
}

// Stores a text version (typed or a file); a new text in congress voids the vote.
Result<api::Reply> AddText(api::Call& call, const db::Row& row, const std::string& source,
                           const std::string& file_name, const std::string& content_type,
                           const std::string& bytes) {
  const int64_t id = row.Int(kId);
  const Date today = Today(call);
  const std::string state = StateToday(row, today);
  GH_RETURN_IF_ERROR(RequireState(state, {"offer", "negotiating", "congress"}, "更换合同文本"));
  const nlohmann::json before = ToJson(call.tx, row, today, true);
  const int64_t version =
      call.tx.QueryInt("SELECT MAX(version) FROM labour_contract_text WHERE contract_id = ?",
                       {id}) +
      1;
  const std::string sha = Sha256Hex(bytes);
  call.tx.Insert(
      "INSERT INTO labour_contract_text (contract_id, version, source, file_name, content_type, "
      "size, sha256, data, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {id, version, source, file_name, content_type, static_cast<int64_t>(bytes.size()), sha,
       source == "typed" ? bytes : Base64(bytes), call.who.user_id, call.now});
  VoidSignatures(call.tx, id, call.now, "合同文本已更改（第" + std::to_string(version) + "版）");
  if (state == "congress" && row.OptInt(kVoteTotal)) {
    call.tx.Exec(
        "UPDATE labour_contract SET vote_total = NULL, vote_attendees = NULL, vote_for = NULL, "
        "vote_against = NULL, voted_on = '', vote_passed = 0 WHERE id = ?",
        {id});
  }
  AddEvent(call, id, "text", state, state, today.ToString(),
           {{"version", version}, {"sha256", sha}, {"source", source}});
  call.tx.Exec("UPDATE labour_contract SET updated_at = ? WHERE id = ?", {call.now, id});
  RefreshContract(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, "update", "labour_contract", id, row.Int(kOrgId), before, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> PostTypedText(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  api::Body body(call.body, {{"text", "合同文本"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string text, body.Text("text", true, kMaxTextChars));
  return AddText(call, row, "typed", "", "text/plain; charset=utf-8", text);
}

// A PDF starts with %PDF-; a DOCX is a zip package holding word/document.xml.
std::string SniffDocument(const std::string& bytes) {
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4)) &&
      bytes.find("word/document.xml") != std::string::npos) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "";
}

Result<api::Reply> PostFileText(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  const std::string& bytes = call.req.body;
  if (bytes.empty()) return InvalidArgument("file", "合同文本文件（file）不能为空");
  if (bytes.size() > kMaxFileBytes) {
    return Status(Code::kPayloadTooLarge, "合同文本文件不能超过 20 MiB", "file");
  }
  const std::string type = SniffDocument(bytes);
  if (type.empty()) return InvalidArgument("file", "合同文本文件（file）只能是 PDF 或 DOCX");
  std::string name = call.req.Query("name").value_or("");
  if (api::Utf8Length(name) > 100) return InvalidArgument("name", "文件名（name）最多 100 个字符");
  if (name.empty()) name = type == "application/pdf" ? "合同文本.pdf" : "合同文本.docx";
  return AddText(call, row, "file", name, type, bytes);
}

Result<api::Reply> GetText(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId(0));
  GH_ASSIGN_OR_RETURN(int64_t text_id, call.PathId(1));
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  auto t = call.tx.QueryOne(
      "SELECT source, file_name, content_type, data, version FROM labour_contract_text WHERE id "
      "= ? AND contract_id = ?",
      {text_id, id});
  if (!t) return NotFound("合同文本不存在");
  std::string bytes = t->Str(0) == "typed" ? t->Str(3) : FromBase64(t->Str(3)).value_or("");
  std::string name = t->Str(1);
  if (name.empty()) name = row.Str(kNumber) + "-v" + t->Str(4) + ".txt";
  return api::Download(std::move(bytes), t->Str(2), name,
                       row.Str(kNumber) + "-v" + t->Str(4) +
                           (t->Str(2).starts_with("text/")   ? ".txt"
                            : t->Str(2) == "application/pdf" ? ".pdf"
                                                             : ".docx"));
}

// One step of the lifecycle (labour.h): checks, the new state, the timeline.
Result<api::Reply> TakeStep(api::Call& call, Step step) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  const Date today = Today(call);
  const std::string state = StateToday(row, today);
  const nlohmann::json before = ToJson(call.tx, row, today, true);
  std::vector<api::FieldDef> fields = {{"on", "日期"}};
  if (step == Step::kVote) {
    fields.insert(fields.end(), {{"total", "应出席人数"},
                                 {"attendees", "出席人数"},
                                 {"votes_for", "赞成票"},
                                 {"votes_against", "反对票"}});
  }
  if (step == Step::kObject || step == Step::kAbandon) fields.push_back({"reason", "原因"});
  api::Body body(call.body, fields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());

  bool passed = row.Int(kVotePassed) != 0;
  Vote vote;
  if (step == Step::kVote) {
    GH_ASSIGN_OR_RETURN(vote.total, body.Int("total", 1, 100'000'000));
    GH_ASSIGN_OR_RETURN(vote.attendees, body.Int("attendees", 0, 100'000'000));
    GH_ASSIGN_OR_RETURN(vote.votes_for, body.Int("votes_for", 0, 100'000'000));
    GH_ASSIGN_OR_RETURN(vote.votes_against, body.Int("votes_against", 0, 100'000'000));
    passed = VotePasses(vote);
  }
  std::optional<std::string> next = Next(state, step, passed);
  if (!next) {
    if (step == Step::kSign && state == "congress") {
      return FailedPrecondition("职代会尚未审议通过合同草案，不能签订", "vote");
    }
    if (step == Step::kObject && state == "effective") {
      return FailedPrecondition("报送满15日未提出异议，合同已生效，不能再登记审查意见", "state");
    }
    return FailedPrecondition(
        "合同当前为「" + StateLabel(state) + "」，不能执行“" + StepName(step) + "”", "state");
  }
  if (step == Step::kVote) {
    GH_RETURN_IF_ERROR(CheckVote(vote));
    if (IsAreaKind(row.Str(kKind)) && vote.total > row.Int(kWorkers)) {
      return body.Error("total", "不能多于覆盖职工人数");
    }
  }
  GH_ASSIGN_OR_RETURN(std::string on, api::PastDate(body, "on", today, false));
  const std::string last = LastStepOn(call.tx, id);
  if (on < last) return body.Error("on", "不能早于上一环节的日期（" + last + "）");
  std::string reason;
  if (step == Step::kObject || step == Step::kAbandon) {
    GH_ASSIGN_OR_RETURN(reason, body.Text("reason", true, 2000));
  }

  nlohmann::json detail = nlohmann::json::object();
  switch (step) {
    case Step::kNegotiate: {
      std::vector<Negotiator> team = NegotiatorsOf(call.tx, id);
      if (team.empty()) return FailedPrecondition("请先登记双方协商代表", "negotiators");
      GH_RETURN_IF_ERROR(CheckNegotiators(
          team, {row.Int(kWorkers), row.Int(kWomen), row.Int(kDispatched)}, "negotiators"));
      break;
    }
    case Step::kSubmit:
      if (call.tx.QueryInt("SELECT COUNT(*) FROM labour_contract_text WHERE contract_id = ?",
                           {id}) == 0) {
        return FailedPrecondition("请先录入或上传合同草案文本", "texts");
      }
      break;
    case Step::kVote:
      VoidSignatures(call.tx, id, call.now, "职代会重新表决");
      call.tx.Exec(
          "UPDATE labour_contract SET vote_total = ?, vote_attendees = ?, vote_for = ?, "
          "vote_against = ?, voted_on = ?, vote_passed = ? WHERE id = ?",
          {vote.total, vote.attendees, vote.votes_for, vote.votes_against, on, int64_t{passed},
           id});
      detail = {{"total", vote.total},
                {"attendees", vote.attendees},
                {"votes_for", vote.votes_for},
                {"votes_against", vote.votes_against},
                {"passed", passed}};
      break;
    case Step::kSign:
      // Signed on paper; signatures collected online so far stay on the record.
      call.tx.Exec("UPDATE labour_contract SET signed_on = ? WHERE id = ?", {on, id});
      detail = {{"online", false}};
      break;
    case Step::kFile:
      call.tx.Exec("UPDATE labour_contract SET filed_on = ?, effective_on = ? WHERE id = ?",
                   {on, EffectiveOn(on), id});
      detail = {{"effective_on", EffectiveOn(on)}};
      break;
    case Step::kObject:
      if (on >= row.Str(kEffectiveOn)) {
        return body.Error("on", "审查意见应在报送后15日内（" + row.Str(kEffectiveOn) + " 之前）");
      }
      VoidSignatures(call.tx, id, call.now, "人社部门提出审查意见，重新协商");
      call.tx.Exec(
          "UPDATE labour_contract SET vote_total = NULL, vote_attendees = NULL, vote_for = NULL, "
          "vote_against = NULL, voted_on = '', vote_passed = 0, signed_on = '', filed_on = '', "
          "effective_on = '' WHERE id = ?",
          {id});
      detail = {{"reason", reason}};
      break;
    case Step::kPublish:
      if (on < row.Str(kEffectiveOn)) {
        return body.Error("on", "不能早于生效日期（" + row.Str(kEffectiveOn) + "）");
      }
      call.tx.Exec("UPDATE labour_contract SET published_on = ? WHERE id = ?", {on, id});
      break;
    case Step::kAbandon:
      detail = {{"reason", reason}};
      break;
  }
  call.tx.Exec("UPDATE labour_contract SET state = ?, updated_at = ? WHERE id = ?",
               {*next, call.now, id});
  // The automatic step the contract went through before this one is on the timeline too.
  if (state == "effective" && row.Str(kState) == "filed") {
    AddEvent(call, id, "take_effect", "filed", "effective", row.Str(kEffectiveOn), {});
  }
  AddEvent(call, id, StepName(step), state, *next, on, detail);
  RefreshContract(call.tx, id);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, id));
  audit::Record(call, StepName(step), "labour_contract", id, row.Int(kOrgId), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> Renew(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  const Date today = Today(call);
  const std::string state = StateToday(row, today);
  const std::string refusal = RenewalRefusal(row, state, today, SuccessorOf(call.tx, id));
  if (!refusal.empty()) return FailedPrecondition(refusal, "state");
  api::Body body(call.body, {{"title", "合同名称"},
                             {"term_from", "期限起始日"},
                             {"term_to", "期限截止日"},
                             {"offered_on", "要约日期"},
                             {"offered_by", "要约方"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  Fields f = FieldsOf(call.tx, row);
  f.note.clear();
  if (body.Has("title")) {
    GH_ASSIGN_OR_RETURN(f.title, body.Text("title", true, 200));
  }
  GH_ASSIGN_OR_RETURN(f.term_from, body.Text("term_from", true, 10));
  GH_ASSIGN_OR_RETURN(f.term_to, body.Text("term_to", true, 10));
  GH_RETURN_IF_ERROR(CheckDateRange(f.term_from, f.term_to, "term_from", "term_to"));
  if (f.term_from <= row.Str(kTermTo)) {
    return body.Error("term_from", "续订合同应在原合同期满（" + row.Str(kTermTo) + "）后开始");
  }
  GH_ASSIGN_OR_RETURN(std::string offered_on, api::PastDate(body, "offered_on", today, false));
  GH_ASSIGN_OR_RETURN(std::string offered_by, ReadOfferedBy(body));
  const int64_t renewal = InsertContract(call, f, offered_on, offered_by, id);
  // The negotiators carry over as the starting point of the new round.
  call.tx.Exec(
      "INSERT INTO labour_negotiator (contract_id, position, side, name, gender, title, chief, "
      "union_chair, dispatched) SELECT ?, position, side, name, gender, title, chief, "
      "union_chair, dispatched FROM labour_negotiator WHERE contract_id = ?",
      {renewal, id});
  AddEvent(call, renewal, "create", "", "offer", offered_on,
           {{"offered_by", offered_by}, {"renews", row.Str(kNumber)}});
  RefreshContract(call.tx, renewal);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadInScope(call, renewal));
  audit::Record(call, "create", "labour_contract", renewal, f.org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  const Date today = Today(call);
  std::vector<db::Value> params;
  std::string where = " WHERE " + api::InSubtree("c.org_id", sub, params);
  if (!p.q.empty()) {
    where +=
        " AND (c.title LIKE ? ESCAPE '\\' OR c.number = ? OR e.name LIKE ? ESCAPE '\\' OR "
        "c.employer_rep LIKE ? ESCAPE '\\')";
    params.insert(params.end(), {db::ContainsPattern(p.q), p.q, db::ContainsPattern(p.q),
                                 db::ContainsPattern(p.q)});
  }
  if (!p.type.empty()) {
    if (!IsKind(p.type)) return InvalidArgument("type", "合同类型（type）不存在");
    where += " AND c.kind = ?";
    params.push_back(p.type);
  }
  if (auto state = call.req.Query("state"); state && !state->empty()) {
    if (!IsState(*state)) return InvalidArgument("state", "合同状态（state）不存在");
    where += " AND " + CurrentStateSql("c", today, params) + " = ?";
    params.push_back(*state);
  }
  if (auto overdue = call.req.Query("overdue"); overdue && !overdue->empty()) {
    if (*overdue == "filing") {
      where += " AND c.state = 'signed' AND c.signed_on < ?";
      params.push_back(AddDays(today, -kFilingDays).ToString());
    } else if (*overdue == "publish") {
      where +=
          " AND " + CurrentStateSql("c", today, params) + " = 'effective' AND c.effective_on < ?";
      params.push_back(AddDays(today, -kPublishDays).ToString());
    } else {
      return InvalidArgument("overdue", "逾期类型（overdue）应为 filing 或 publish");
    }
  }
  // Without a search, a state or a deadline, the count of the subtree's contracts by kind.
  std::optional<int64_t> counted;
  if (p.q.empty() && call.req.Query("state").value_or("").empty() &&
      call.req.Query("overdue").value_or("").empty()) {
    counted = org::CountInSubtree(
        call.tx, "labour_contract", sub,
        p.type.empty() ? std::vector<std::string>{} : std::vector<std::string>{p.type});
  }
  api::PageRows page =
      api::QueryPage(call.tx, kColumns, kFrom + where, std::move(params), "c.id DESC", p, counted);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(call.tx, r, today, false));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

// The unions in scope whose newest signed wage contract is more than a year old.
Result<api::Reply> WageDue(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  const Date today = Today(call);
  const Date year_ago = AddDays(today, -365);
  std::vector<db::Value> params;
  std::string from =
      "FROM (SELECT c.org_id, MAX(c.signed_on) AS last_signed FROM labour_contract c WHERE "
      "c.kind = 'wage' AND c.signed_on <> '' AND " +
      api::InSubtree("c.org_id", sub, params) +
      " GROUP BY c.org_id) w JOIN org o ON o.id = w.org_id WHERE w.last_signed < ?";
  params.push_back(year_ago.ToString());
  api::PageRows page = api::QueryPage(call.tx, "w.org_id, o.name, w.last_signed", from,
                                      std::move(params), "w.last_signed, w.org_id", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) {
    items.push_back({{"org_id", r.Int(0)},
                     {"org_name", r.Str(1)},
                     {"last_signed_on", r.Str(2)},
                     {"due_since", Plus(r.Str(2), 365)}});
  }
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

api::ApiHandler StepHandler(Step step) {
  return [step](api::Call& call) { return TakeStep(call, step); };
}

}  // namespace

void RegisterRoutes(api::Api& api) {
  RegisterTallyHooks();
  const std::vector<std::string> list_query = {"q",      "type", "state", "overdue",
                                               "org_id", "axis", "page",  "page_size"};
  api.Add({"GET", "/labour/contracts", "labour:contract:read", "labour", "集体合同列表", List,
           list_query});
  api.Add({"POST", "/labour/contracts", "labour:contract:write", "labour", "登记集体合同（要约）",
           Create});
  api.Add({"GET", "/labour/contracts/{id}", "labour:contract:read", "labour",
           "集体合同详情（协商代表、文本、流转时间线）", api::GetById<LoadInScope>});
  api.Add({"PATCH", "/labour/contracts/{id}", "labour:contract:write", "labour", "修改集体合同要素",
           Patch});
  api.Add({"PUT", "/labour/contracts/{id}/negotiators", "labour:contract:write", "labour",
           "登记双方协商代表", PutNegotiators});
  api.Add({"POST", "/labour/contracts/{id}/texts", "labour:contract:write", "labour",
           "录入合同文本（新版本）", PostTypedText});
  api::Endpoint upload = {"POST",   "/labour/contracts/{id}/texts/file",   "labour:contract:write",
                          "labour", "上传合同文本（PDF 或 DOCX，新版本）", PostFileText,
                          {"name"}};
  upload.raw_body = true;
  upload.max_body = kMaxFileBytes;
  upload.raw_types = {"application/pdf",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
  api.Add(std::move(upload));
  api.Add({"GET", "/labour/contracts/{id}/texts/{text_id}", "labour:contract:read", "labour",
           "下载合同文本", GetText});
  const std::pair<Step, const char*> steps[] = {{Step::kNegotiate, "进入协商"},
                                                {Step::kSubmit, "提交职代会审议"},
                                                {Step::kVote, "登记职代会表决结果"},
                                                {Step::kSign, "签订"},
                                                {Step::kFile, "报送人社部门审查"},
                                                {Step::kObject, "登记人社部门审查意见（退回协商）"},
                                                {Step::kPublish, "公布"},
                                                {Step::kAbandon, "终止协商"}};
  for (const auto& [step, summary] : steps) {
    api.Add({"POST", std::string("/labour/contracts/{id}/") + StepName(step),
             "labour:contract:write", "labour", summary, StepHandler(step)});
  }
  api.Add({"POST", "/labour/contracts/{id}/renewal", "labour:contract:write", "labour",
           "续订（在期满前三个月内或期满后发起新一轮协商）", Renew});
  RegisterSigningRoutes(api);
  RegisterRecordRoutes(api);
  RegisterMediationRoutes(api);
  RegisterRateRoutes(api);
  api.Add({"GET",
           "/labour/wage-due",
           "labour:contract:read",
           "labour",
           "工资专项集体合同逾一年未续签的工会",
           WageDue,
           {"org_id", "axis", "page", "page_size"}});
}

}  // namespace gonghui::labour
