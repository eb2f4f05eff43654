#include "task/rules.h"

#include <gtest/gtest.h>

#include <map>

namespace gonghui::task {
namespace {

Date D(const char* text) { return ParseDate(text).value(); }

TEST(TaskRules, EveryAllowedStepAndNoOther) {
  const std::map<std::pair<std::string, ItemStep>, std::string> allowed = {
      {{"not_started", ItemStep::kReport}, "in_progress"},
      {{"in_progress", ItemStep::kReport}, "in_progress"},
      {{"not_started", ItemStep::kComplete}, "done"},
      {{"in_progress", ItemStep::kComplete}, "done"},
      {{"done", ItemStep::kAccept}, "closed"},
      {{"done", ItemStep::kReturn}, "in_progress"},
  };
  int checked = 0;
  for (const char* state : kItemStates) {
    for (ItemStep step : kItemSteps) {
      auto it = allowed.find({state, step});
      std::optional<std::string> next = ItemNext(state, step);
      if (it == allowed.end()) {
        EXPECT_FALSE(next) << state << " " << ItemStepName(step);
      } else {
        ASSERT_TRUE(next) << state << " " << ItemStepName(step);
        EXPECT_EQ(*next, it->second) << state << " " << ItemStepName(step);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(allowed.size()));
  EXPECT_FALSE(ItemNext("no_such_state", ItemStep::kReport));
}

TEST(TaskRules, OnlyTheOwnerAcceptsAndReturns) {
  EXPECT_TRUE(OwnerOnly(ItemStep::kAccept));
  EXPECT_TRUE(OwnerOnly(ItemStep::kReturn));
  EXPECT_FALSE(OwnerOnly(ItemStep::kReport));
  EXPECT_FALSE(OwnerOnly(ItemStep::kComplete));
}

TEST(TaskRules, StatesHaveTheirChineseNames) {
  EXPECT_EQ(ItemStateLabel("not_started"), "未开始");
  EXPECT_EQ(ItemStateLabel("in_progress"), "推进中");
  EXPECT_EQ(ItemStateLabel("done"), "已完成");
  EXPECT_EQ(ItemStateLabel("closed"), "已关闭");
  EXPECT_TRUE(IsItemState("done"));
  EXPECT_FALSE(IsItemState("open"));
}

TEST(TaskRules, OverdueIsOpenAndPastTheDeadline) {
  const Date deadline = D("2026-06-30");
  EXPECT_FALSE(Overdue("in_progress", deadline, D("2026-06-30")));  // the deadline day itself
  EXPECT_TRUE(Overdue("in_progress", deadline, D("2026-07-01")));
  EXPECT_TRUE(Overdue("not_started", deadline, D("2026-07-01")));
  EXPECT_FALSE(Overdue("done", deadline, D("2026-07-01")));  // waiting for acceptance
  EXPECT_FALSE(Overdue("closed", deadline, D("2027-01-01")));
}

TEST(TaskRules, StaleAfterMoreThanTheDaysWithoutAReport) {
  const Date since = D("2026-02-20");
  EXPECT_FALSE(Stale("in_progress", since, 14, D("2026-03-06")));  // 14 days: still in time
  EXPECT_TRUE(Stale("in_progress", since, 14, D("2026-03-07")));   // across February's end
  EXPECT_TRUE(Stale("not_started", since, 0, D("2026-02-21")));
  EXPECT_FALSE(Stale("done", since, 14, D("2026-12-31")));
}

TEST(TaskRules, WeeksStartOnMonday) {
  EXPECT_EQ(WeekStart(D("2026-12-07")).ToString(), "2026-12-07");  // a Monday
  EXPECT_EQ(WeekStart(D("2026-12-13")).ToString(), "2026-12-07");  // its Sunday
  EXPECT_EQ(WeekStart(D("2026-12-14")).ToString(), "2026-12-14");
  EXPECT_EQ(WeekStart(D("2027-01-01")).ToString(), "2026-12-28");  // across a year
  EXPECT_EQ(WeekStart(D("1970-01-01")).ToString(), "1969-12-29");  // before the epoch's Thursday
}

}  // namespace
}  // namespace gonghui::task
