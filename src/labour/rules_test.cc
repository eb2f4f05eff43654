#include "labour/rules.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace gonghui::labour {
namespace {

constexpr Step kAllSteps[] = {Step::kNegotiate, Step::kSubmit, Step::kVote,    Step::kSign,
                              Step::kFile,      Step::kObject, Step::kPublish, Step::kAbandon};

Date D(const char* text) { return ParseDate(text).value(); }

TEST(LabourRules, EveryAllowedStepAndNoOther) {
  // (state, step, vote_passed) → next; everything not listed is refused.
  const std::map<std::tuple<std::string, Step, bool>, std::string> allowed = {
      {{"offer", Step::kNegotiate, false}, "negotiating"},
      {{"offer", Step::kNegotiate, true}, "negotiating"},
      {{"negotiating", Step::kSubmit, false}, "congress"},
      {{"negotiating", Step::kSubmit, true}, "congress"},
      {{"congress", Step::kVote, true}, "congress"},
      {{"congress", Step::kVote, false}, "negotiating"},
      {{"congress", Step::kSign, true}, "signed"},
      {{"signed", Step::kFile, false}, "filed"},
      {{"signed", Step::kFile, true}, "filed"},
      {{"filed", Step::kObject, false}, "negotiating"},
      {{"filed", Step::kObject, true}, "negotiating"},
      {{"effective", Step::kPublish, false}, "published"},
      {{"effective", Step::kPublish, true}, "published"},
      {{"offer", Step::kAbandon, false}, "abandoned"},
      {{"offer", Step::kAbandon, true}, "abandoned"},
      {{"negotiating", Step::kAbandon, false}, "abandoned"},
      {{"negotiating", Step::kAbandon, true}, "abandoned"},
      {{"congress", Step::kAbandon, false}, "abandoned"},
      {{"congress", Step::kAbandon, true}, "abandoned"},
  };
  int checked = 0;
  for (const char* state : kStates) {
    for (Step step : kAllSteps) {
      for (bool passed : {false, true}) {
        auto it = allowed.find({state, step, passed});
        std::optional<std::string> next = Next(state, step, passed);
        if (it == allowed.end()) {
          EXPECT_FALSE(next) << state << " " << StepName(step) << " " << passed;
        } else {
          EXPECT_EQ(next, it->second) << state << " " << StepName(step);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 9 * 8 * 2);
  // Not signed without an approved draft, nothing moves once expired or abandoned.
  EXPECT_FALSE(Next("congress", Step::kSign, false));
}

TEST(LabourRules, StepNamesRoundTrip) {
  for (Step step : kAllSteps) EXPECT_EQ(ParseStep(StepName(step)), step);
  EXPECT_FALSE(ParseStep("approve"));
  EXPECT_FALSE(ParseStep(""));
}

TEST(LabourRules, KindsAndStates) {
  EXPECT_TRUE(IsKind("wage"));
  EXPECT_FALSE(IsKind("Wage"));
  EXPECT_EQ(KindLabel("regional"), "区域性集体合同");
  EXPECT_TRUE(IsAreaKind("industry"));
  EXPECT_FALSE(IsAreaKind("comprehensive"));
  EXPECT_EQ(StateLabel("filed"), "报送人社审查");
  EXPECT_FALSE(IsState("renewed"));
}

TEST(LabourRules, TakesEffectOnDayFifteenAfterFiling) {
  const Dates dates{"2026-03-01", "2028-12-31"};
  EXPECT_EQ(EffectiveOn("2026-03-01"), "2026-03-16");
  EXPECT_EQ(CurrentState("filed", dates, D("2026-03-15")), "filed");
  EXPECT_EQ(CurrentState("filed", dates, D("2026-03-16")), "effective");
  // Across a month and a leap day.
  EXPECT_EQ(EffectiveOn("2028-02-20"), "2028-03-06");
  // The other stored states are left alone while the term runs.
  for (const char* s : {"offer", "negotiating", "congress", "signed", "abandoned"}) {
    EXPECT_EQ(CurrentState(s, dates, D("2027-01-01")), s);
  }
}

TEST(LabourRules, ExpiresTheDayAfterItsTerm) {
  const Dates dates{"2026-03-01", "2026-12-31"};
  EXPECT_EQ(CurrentState("published", dates, D("2026-12-31")), "published");
  EXPECT_EQ(CurrentState("published", dates, D("2027-01-01")), "expired");
  EXPECT_EQ(CurrentState("effective", dates, D("2027-01-01")), "expired");
  // Filed long ago and never objected to: took effect, then ran out.
  EXPECT_EQ(CurrentState("filed", dates, D("2027-06-01")), "expired");
  // A contract that never took effect does not expire.
  EXPECT_EQ(CurrentState("signed", dates, D("2027-06-01")), "signed");
}

// The signing rate's counters rest on InForceUntil: it must agree with
// CurrentState on every day, for every stored state and shape of dates.
TEST(LabourRules, InForceUntilAgreesWithCurrentStateOnEveryDay) {
  const Dates shapes[] = {{"2026-03-01", "2028-12-31"},  // a normal term
                          {"2026-03-01", "2026-03-05"},  // the term ends before it takes effect
                          {"2026-03-01", "2026-03-16"},  // ends the day it takes effect
                          {"", "2026-06-30"}};           // not filed
  const std::set<std::string> in_force = {"signed", "filed", "effective", "published"};
  for (const char* stored : kStates) {
    for (const Dates& dates : shapes) {
      if (std::string_view(stored) == "filed" && dates.filed_on.empty()) continue;
      const std::string until = InForceUntil(stored, dates);
      for (Date d = D("2026-01-01"); d <= D("2029-03-01"); d = AddDays(d, 1)) {
        const bool counted = in_force.count(CurrentState(stored, dates, d)) > 0;
        ASSERT_EQ(counted, !until.empty() && d.ToString() <= until)
            << stored << " filed " << dates.filed_on << " to " << dates.term_to << " on "
            << d.ToString();
      }
    }
  }
}

TEST(LabourRules, RenewalWindowIsTheLastThreeMonths) {
  EXPECT_EQ(RenewalOpensOn("2026-12-31"), "2026-09-30");
  EXPECT_EQ(RenewalOpensOn("2026-05-31"), "2026-02-28");
  EXPECT_EQ(RenewalOpensOn("2028-05-29"), "2028-02-29");
  EXPECT_EQ(RenewalOpensOn("2027-02-15"), "2026-11-15");
}

TEST(LabourRules, TermOfOneToThreeYearsHasNoWarning) {
  EXPECT_TRUE(TermWarnings(D("2026-01-01"), D("2026-12-31")).empty());
  EXPECT_TRUE(TermWarnings(D("2026-01-01"), D("2028-12-31")).empty());
  EXPECT_TRUE(TermWarnings(D("2024-02-29"), D("2025-02-27")).empty());
  ASSERT_EQ(TermWarnings(D("2026-01-01"), D("2026-12-30")).size(), 1u);
  EXPECT_NE(TermWarnings(D("2026-01-01"), D("2026-06-30"))[0].find("不足一年"), std::string::npos);
  EXPECT_NE(TermWarnings(D("2026-01-01"), D("2029-01-01"))[0].find("超过三年"), std::string::npos);
}

std::vector<Negotiator> Team(int workers, int employers) {
  std::vector<Negotiator> out;
  for (int i = 0; i < workers; ++i) {
    out.push_back(
        {"worker", "职工" + std::to_string(i), i == 1 ? "female" : "male", i == 0, i == 0, false});
  }
  for (int i = 0; i < employers; ++i) {
    out.push_back({"employer", "企业" + std::to_string(i), "male", i == 0, false, false});
  }
  return out;
}

std::string Rule(const std::vector<Negotiator>& team, const Workforce& w = {100, 10, 0}) {
  Status s = CheckNegotiators(team, w, "negotiators");
  if (s.ok()) return "ok";
  EXPECT_EQ(s.field(), "negotiators");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  return s.message();
}

bool Says(const std::string& message, const char* part) {
  return message.find(part) != std::string::npos;
}

TEST(LabourRules, NegotiatorsThreeToFifteenPerSide) {
  EXPECT_EQ(Rule(Team(3, 3)), "ok");
  EXPECT_EQ(Rule(Team(15, 15)), "ok");
  EXPECT_TRUE(Says(Rule(Team(2, 2)), "职工方协商代表应为3至15人，现为2人"));
  EXPECT_TRUE(Says(Rule(Team(16, 3)), "现为16人"));
  EXPECT_TRUE(Says(Rule(Team(3, 2)), "用人单位方协商代表应为3至15人"));
  EXPECT_TRUE(Says(Rule(Team(3, 16)), "用人单位方"));
}

TEST(LabourRules, WorkersNotFewerThanEmployers) {
  EXPECT_EQ(Rule(Team(5, 4)), "ok");
  EXPECT_TRUE(Says(Rule(Team(4, 5)), "不得少于用人单位方"));
}

TEST(LabourRules, OneChiefPerSideAndTheUnionChairLeadsTheWorkers) {
  auto team = Team(3, 3);
  team[0].union_chair = false;
  EXPECT_TRUE(Says(Rule(team), "应由工会主席担任"));
  team = Team(3, 3);
  team[2].chief = true;
  EXPECT_TRUE(Says(Rule(team), "职工方应有且只有一名首席"));
  team = Team(3, 3);
  team[3].chief = false;
  EXPECT_TRUE(Says(Rule(team), "用人单位方应有且只有一名首席"));
}

TEST(LabourRules, AWomanWhenWomenAreAFifthOfTheWorkforce) {
  auto men = Team(3, 3);
  men[1].gender = "male";
  EXPECT_EQ(Rule(men, {100, 19, 0}), "ok");
  EXPECT_TRUE(Says(Rule(men, {100, 20, 0}), "应有女职工"));
  EXPECT_EQ(Rule(Team(3, 3), {100, 20, 0}), "ok");
  // A woman on the employer's side does not count.
  men[4].gender = "female";
  EXPECT_TRUE(Says(Rule(men, {100, 60, 0}), "应有女职工"));
}

TEST(LabourRules, DispatchedWorkersRepresentedAboveFivePercent) {
  auto team = Team(3, 3);
  EXPECT_EQ(Rule(team, {100, 10, 5}), "ok");
  EXPECT_TRUE(Says(Rule(team, {100, 10, 6}), "应有劳务派遣职工"));
  team[2].dispatched = true;
  EXPECT_EQ(Rule(team, {100, 10, 6}), "ok");
}

TEST(LabourRules, VoteNeedsTwoThirdsPresentAndMoreThanHalfOfAll) {
  EXPECT_TRUE(CheckVote({60, 40, 31, 9}).ok());
  EXPECT_TRUE(VotePasses({60, 40, 31, 9}));
  EXPECT_FALSE(VotePasses({60, 40, 30, 5}));  // half of all is not more than half
  EXPECT_EQ(CheckVote({60, 39, 30, 5}).field(), "attendees");
  EXPECT_EQ(CheckVote({60, 61, 30, 5}).field(), "attendees");
  EXPECT_EQ(CheckVote({60, 40, 35, 6}).field(), "votes_against");
  EXPECT_EQ(CheckVote({0, 0, 0, 0}).field(), "total");
}

TEST(LabourRules, MediationStepsAndNoOther) {
  const std::map<std::pair<std::string, CaseStep>, std::string> allowed = {
      {{"accepted", CaseStep::kStart}, "mediating"},
      {{"mediating", CaseStep::kSettle}, "settled"},
      {{"mediating", CaseStep::kFail}, "failed"},
      {{"failed", CaseStep::kRefer}, "arbitration"},
      {{"accepted", CaseStep::kWithdraw}, "withdrawn"},
      {{"mediating", CaseStep::kWithdraw}, "withdrawn"},
      {{"accepted", CaseStep::kExtend}, "accepted"},
      {{"mediating", CaseStep::kExtend}, "mediating"},
  };
  const CaseStep steps[] = {CaseStep::kStart, CaseStep::kSettle,   CaseStep::kFail,
                            CaseStep::kRefer, CaseStep::kWithdraw, CaseStep::kExtend};
  for (const char* state : kCaseStates) {
    EXPECT_EQ(CaseOpen(state),
              std::string(state) == "accepted" || std::string(state) == "mediating");
    for (CaseStep step : steps) {
      auto it = allowed.find({state, step});
      EXPECT_EQ(CaseNext(state, step),
                it == allowed.end() ? std::nullopt : std::optional<std::string>(it->second))
          << state << " " << CaseStepName(step);
      EXPECT_EQ(ParseCaseStep(CaseStepName(step)), step);
    }
  }
  EXPECT_EQ(CaseStateLabel("arbitration"), "转仲裁");
  EXPECT_FALSE(IsCaseState("closed"));
}

}  // namespace
}  // namespace gonghui::labour
