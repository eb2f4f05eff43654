// The pure rules of collective contracts (no I/O; thread-safe): kinds, the
// lifecycle's transition table, the negotiator and vote rules of 重庆市集体合同
// 条例, the deadlines and the term check. labour.h describes the workflow they
// serve; contract.cc applies them to the records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace gonghui::labour {

// Contract kinds: 综合性; 专项 (工资, 女职工权益保护, 劳动安全卫生, other); 区域性; 行业性.
struct Kind {
  const char* key;
  const char* label;
};
inline constexpr Kind kKinds[] = {
    {"comprehensive", "综合性集体合同"},     {"wage", "工资专项集体合同"},
    {"women", "女职工权益保护专项集体合同"}, {"safety", "劳动安全卫生专项集体合同"},
    {"special", "其他专项集体合同"},         {"regional", "区域性集体合同"},
    {"industry", "行业性集体合同"}};
bool IsKind(std::string_view kind);
std::string KindLabel(std::string_view kind);
// 区域性 and 行业性 contracts: an employer-representative organisation signs for
// a list of covered enterprises, and the draft goes to all the workers.
bool IsAreaKind(std::string_view kind);

// Lifecycle states, in order.
inline constexpr const char* kStates[] = {"offer",     "negotiating", "congress",
                                          "signed",    "filed",       "effective",
                                          "published", "expired",     "abandoned"};
bool IsState(std::string_view state);
std::string StateLabel(std::string_view state);

// The steps a person takes (the automatic ones — 生效 on day 15, 到期 after
// the term — are in CurrentState).
enum class Step {
  kNegotiate,  // offer → negotiating
  kSubmit,     // negotiating → congress
  kVote,       // congress → congress (passed) | negotiating (failed)
  kSign,       // congress with a passed vote → signed
  kFile,       // signed → filed
  kObject,     // filed, before taking effect → negotiating
  kPublish,    // effective → published
  kAbandon,    // offer | negotiating | congress → abandoned
};
// The step named on the wire ("negotiate", "submit", …), or nullopt.
std::optional<Step> ParseStep(std::string_view name);
const char* StepName(Step step);
// The state a contract in `state` moves to on `step`, or nullopt when the step
// is not allowed there. `vote_passed` tells kVote's outcome and, for kSign,
// whether the congress approved the draft.
std::optional<std::string> Next(std::string_view state, Step step, bool vote_passed);

// Days the law allows: filing within 10 days of signing; effect on day 15
// after filing when the labour authority raises no objection; publication
// within 10 days of taking effect; a renewal in the last 3 months of the term.
inline constexpr int kFilingDays = 10;
inline constexpr int kEffectDays = 15;
inline constexpr int kPublishDays = 10;
inline constexpr int kRenewalMonths = 3;

// The dates a contract's state depends on ('' when not reached).
struct Dates {
  std::string filed_on;
  std::string term_to;
};
// The state as of `today`: a filed contract takes effect on filed_on + 15
// days; an effective or published contract expires the day after term_to.
std::string CurrentState(std::string_view stored, const Dates& dates, const Date& today);
// The day a filed contract takes effect (filed_on + kEffectDays).
std::string EffectiveOn(std::string_view filed_on);
// The last day the contract is in force for the signing rate (its current
// state signed, filed, effective or published): "9999-12-31" for a signed
// one (it waits for its filing), term_to once filed (or the day before it
// takes effect, when the term ends sooner), "" when it is not in force on
// any day (not yet signed, abandoned). So CurrentState(stored, dates, d) is
// one of those four states exactly when d <= InForceUntil(stored, dates).
std::string InForceUntil(std::string_view stored, const Dates& dates);
// The first day a renewal may be started: term_to minus kRenewalMonths (the
// same day of the month, or the month's last day).
std::string RenewalOpensOn(std::string_view term_to);

// Warnings (not refusals) about a term: under one year or over three.
std::vector<std::string> TermWarnings(const Date& from, const Date& to);

// One negotiator (协商代表).
struct Negotiator {
  std::string side;  // "worker" | "employer"
  std::string name;
  std::string gender;  // "female" | "male"
  bool chief = false;
  bool union_chair = false;  // worker side: the union's chair (工会主席)
  bool dispatched = false;   // worker side: a 劳务派遣 worker
};
// The workforce the negotiator rules are measured against.
struct Workforce {
  int64_t workers = 0;
  int64_t women = 0;
  int64_t dispatched = 0;
};
// Checks the negotiators of both sides: 3–15 each; the workers' side not
// fewer than the employer's; exactly one chief per side, the workers' chief
// the union chair; a woman on the workers' side when women are at least a
// fifth of the workforce; a 劳务派遣 worker on it when dispatched workers are
// more than 5%. InvalidArgument on `field` ("negotiators") naming the rule.
Status CheckNegotiators(const std::vector<Negotiator>& negotiators, const Workforce& workforce,
                        std::string_view field);

// The congress vote (职代会审议): `total` is all the representatives (all the
// workers for 区域性/行业性). At least two thirds must attend; the draft passes
// with more than half of `total` for it. InvalidArgument naming the field when
// the figures do not add up.
struct Vote {
  int64_t total = 0;
  int64_t attendees = 0;
  int64_t votes_for = 0;
  int64_t votes_against = 0;
};
Status CheckVote(const Vote& vote);
bool VotePasses(const Vote& vote);

// Labour-dispute mediation cases (劳动争议调解, 劳动争议调解仲裁法 第十四条):
// mediation ends within 15 days of acceptance unless both sides agree to
// extend. States: accepted 受理, mediating 调解中, settled 调解成功 (an
// agreement), failed 调解不成, arbitration 转仲裁, withdrawn 撤回.
inline constexpr int kMediationDays = 15;
inline constexpr const char* kCaseStates[] = {"accepted", "mediating",   "settled",
                                              "failed",   "arbitration", "withdrawn"};
bool IsCaseState(std::string_view state);
std::string CaseStateLabel(std::string_view state);
// accepted and mediating are open; the others are closed.
bool CaseOpen(std::string_view state);
enum class CaseStep { kStart, kSettle, kFail, kRefer, kWithdraw, kExtend };
std::optional<CaseStep> ParseCaseStep(std::string_view name);
const char* CaseStepName(CaseStep step);
// start: accepted → mediating; settle, fail: mediating → settled | failed;
// refer: failed → arbitration; withdraw: accepted | mediating → withdrawn;
// extend: accepted | mediating → the same state (a later deadline).
std::optional<std::string> CaseNext(std::string_view state, CaseStep step);

}  // namespace gonghui::labour
