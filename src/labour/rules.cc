#include "labour/rules.h"

#include <algorithm>
#include <array>

namespace gonghui::labour {
namespace {

constexpr std::array<std::pair<const char*, const char*>, 9> kStateLabels = {{
    {"offer", "要约"},
    {"negotiating", "协商"},
    {"congress", "职代会审议"},
    {"signed", "签订"},
    {"filed", "报送人社审查"},
    {"effective", "生效"},
    {"published", "公布"},
    {"expired", "到期"},
    {"abandoned", "终止协商"},
}};

constexpr std::array<std::pair<Step, const char*>, 8> kStepNames = {{
    {Step::kNegotiate, "negotiate"},
    {Step::kSubmit, "submit"},
    {Step::kVote, "vote"},
    {Step::kSign, "sign"},
    {Step::kFile, "file"},
    {Step::kObject, "object"},
    {Step::kPublish, "publish"},
    {Step::kAbandon, "abandon"},
}};

Date MustParse(std::string_view text) {
  Result<Date> d = ParseDate(text);
  return d.ok() ? d.value() : Date{};
}

}  // namespace

bool IsKind(std::string_view kind) {
  return std::any_of(std::begin(kKinds), std::end(kKinds),
                     [&](const Kind& k) { return kind == k.key; });
}

std::string KindLabel(std::string_view kind) {
  for (const Kind& k : kKinds) {
    if (kind == k.key) return k.label;
  }
  return std::string(kind);
}

bool IsAreaKind(std::string_view kind) { return kind == "regional" || kind == "industry"; }

bool IsState(std::string_view state) {
  return std::any_of(kStateLabels.begin(), kStateLabels.end(),
                     [&](const auto& s) { return state == s.first; });
}

std::string StateLabel(std::string_view state) {
  for (const auto& [key, label] : kStateLabels) {
    if (state == key) return label;
  }
  return std::string(state);
}

std::optional<Step> ParseStep(std::string_view name) {
  for (const auto& [step, key] : kStepNames) {
    if (name == key) return step;
  }
  return std::nullopt;
}

const char* StepName(Step step) {
  for (const auto& [s, key] : kStepNames) {
    if (s == step) return key;
  }
  return "";
}

std::optional<std::string> Next(std::string_view state, Step step, bool vote_passed) {
  switch (step) {
    case Step::kNegotiate:
      if (state == "offer") return "negotiating";
      break;
    case Step::kSubmit:
      if (state == "negotiating") return "congress";
      break;
    case Step::kVote:
      if (state == "congress") return vote_passed ? "congress" : "negotiating";
      break;
    case Step::kSign:
      if (state == "congress" && vote_passed) return "signed";
      break;
    case Step::kFile:
      if (state == "signed") return "filed";
      break;
    case Step::kObject:
      if (state == "filed") return "negotiating";
      break;
    case Step::kPublish:
      if (state == "effective") return "published";
      break;
    case Step::kAbandon:
      if (state == "offer" || state == "negotiating" || state == "congress") return "abandoned";
      break;
  }
  return std::nullopt;
}

std::string EffectiveOn(std::string_view filed_on) {
  return AddDays(MustParse(filed_on), kEffectDays).ToString();
}

std::string InForceUntil(std::string_view stored, const Dates& dates) {
  if (stored == "signed") return "9999-12-31";
  if (stored == "filed") {
    if (dates.filed_on.empty()) return "9999-12-31";
    const std::string last_filed = AddDays(MustParse(EffectiveOn(dates.filed_on)), -1).ToString();
    return std::max(last_filed, dates.term_to);
  }
  if (stored == "effective" || stored == "published") return dates.term_to;
  return "";
}

std::string CurrentState(std::string_view stored, const Dates& dates, const Date& today) {
  std::string state(stored);
  const std::string now = today.ToString();
  if (state == "filed" && !dates.filed_on.empty() && EffectiveOn(dates.filed_on) <= now) {
    state = "effective";
  }
  if ((state == "effective" || state == "published") && !dates.term_to.empty() &&
      dates.term_to < now) {
    state = "expired";
  }
  return state;
}

std::string RenewalOpensOn(std::string_view term_to) {
  Date to = MustParse(term_to);
  int month = to.month - kRenewalMonths;
  int year = to.year;
  if (month < 1) {
    month += 12;
    --year;
  }
  return Date{year, month, std::min(to.day, DaysInMonth(year, month))}.ToString();
}

std::vector<std::string> TermWarnings(const Date& from, const Date& to) {
  std::vector<std::string> out;
  // A term of N years runs from `from` to the day before its Nth anniversary.
  auto anniversary = [&](int years) {
    Date d{from.year + years, from.month,
           std::min(from.day, DaysInMonth(from.year + years, from.month))};
    return AddDays(d, -1);
  };
  if (to < anniversary(1)) out.emplace_back("期限不足一年：集体合同期限一般为一至三年");
  if (to > anniversary(3)) out.emplace_back("期限超过三年：集体合同期限一般为一至三年");
  return out;
}

Status CheckNegotiators(const std::vector<Negotiator>& negotiators, const Workforce& workforce,
                        std::string_view field) {
  const std::string f(field);
  int64_t workers = 0, employers = 0, worker_chiefs = 0, employer_chiefs = 0, women = 0,
          dispatched = 0;
  bool chair_is_chief = false;
  for (const Negotiator& n : negotiators) {
    const bool worker = n.side == "worker";
    (worker ? workers : employers)++;
    if (n.chief) (worker ? worker_chiefs : employer_chiefs)++;
    if (worker && n.chief && n.union_chair) chair_is_chief = true;
    if (worker && n.gender == "female") women++;
    if (worker && n.dispatched) dispatched++;
  }
  for (auto [count, side] : {std::pair{workers, "职工方"}, std::pair{employers, "用人单位方"}}) {
    if (count < 3 || count > 15) {
      return InvalidArgument(
          f, std::string(side) + "协商代表应为3至15人，现为" + std::to_string(count) + "人");
    }
  }
  if (workers < employers) return InvalidArgument(f, "职工方协商代表人数不得少于用人单位方");
  if (worker_chiefs != 1) return InvalidArgument(f, "职工方应有且只有一名首席协商代表");
  if (employer_chiefs != 1) return InvalidArgument(f, "用人单位方应有且只有一名首席协商代表");
  if (!chair_is_chief) return InvalidArgument(f, "职工方首席协商代表应由工会主席担任");
  if (workforce.workers > 0 && workforce.women * 5 >= workforce.workers && women == 0) {
    return InvalidArgument(f, "女职工占职工总数五分之一以上，职工方协商代表中应有女职工");
  }
  if (workforce.workers > 0 && workforce.dispatched * 20 > workforce.workers && dispatched == 0) {
    return InvalidArgument(f, "劳务派遣职工超过职工总数5%，职工方协商代表中应有劳务派遣职工");
  }
  return Status::Ok();
}

Status CheckVote(const Vote& vote) {
  if (vote.total <= 0) return InvalidArgument("total", "应出席人数应大于0");
  if (vote.attendees > vote.total)
    return InvalidArgument("attendees", "出席人数不能多于应出席人数");
  if (vote.attendees * 3 < vote.total * 2) {
    return InvalidArgument("attendees", "出席人数不足应出席人数的三分之二，会议不能审议");
  }
  if (vote.votes_for + vote.votes_against > vote.attendees) {
    return InvalidArgument("votes_against", "赞成票与反对票之和不能多于出席人数");
  }
  return Status::Ok();
}

bool VotePasses(const Vote& vote) { return vote.votes_for * 2 > vote.total; }

namespace {
constexpr std::array<std::pair<const char*, const char*>, 6> kCaseStateLabels = {{
    {"accepted", "受理"},
    {"mediating", "调解中"},
    {"settled", "调解成功"},
    {"failed", "调解不成"},
    {"arbitration", "转仲裁"},
    {"withdrawn", "撤回"},
}};
constexpr std::array<std::pair<CaseStep, const char*>, 6> kCaseStepNames = {{
    {CaseStep::kStart, "start"},
    {CaseStep::kSettle, "settle"},
    {CaseStep::kFail, "fail"},
    {CaseStep::kRefer, "refer"},
    {CaseStep::kWithdraw, "withdraw"},
    {CaseStep::kExtend, "extend"},
}};
}  // namespace

bool IsCaseState(std::string_view state) {
  return std::any_of(kCaseStateLabels.begin(), kCaseStateLabels.end(),
                     [&](const auto& s) { return state == s.first; });
}

std::string CaseStateLabel(std::string_view state) {
  for (const auto& [key, label] : kCaseStateLabels) {
    if (state == key) return label;
  }
  return std::string(state);
}

bool CaseOpen(std::string_view state) { return state == "accepted" || state == "mediating"; }

std::optional<CaseStep> ParseCaseStep(std::string_view name) {
  for (const auto& [step, key] : kCaseStepNames) {
    if (name == key) return step;
  }
  return std::nullopt;
}

const char* CaseStepName(CaseStep step) {
  for (const auto& [s, key] : kCaseStepNames) {
    if (s == step) return key;
  }
  return "";
}

std::optional<std::string> CaseNext(std::string_view state, CaseStep step) {
  switch (step) {
    case CaseStep::kStart:
      if (state == "accepted") return "mediating";
      break;
    case CaseStep::kSettle:
      if (state == "mediating") return "settled";
      break;
    case CaseStep::kFail:
      if (state == "mediating") return "failed";
      break;
    case CaseStep::kRefer:
      if (state == "failed") return "arbitration";
      break;
    case CaseStep::kWithdraw:
    case CaseStep::kExtend:
      if (CaseOpen(state)) return step == CaseStep::kWithdraw ? "withdrawn" : std::string(state);
      break;
  }
  return std::nullopt;
}

}  // namespace gonghui::labour
