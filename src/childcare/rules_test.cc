#include "childcare/rules.h"

#include <gtest/gtest.h>

namespace gonghui::childcare {
namespace {

TEST(ChildcareRules, SixStandardsInTheBulletinsOrder) {
  ASSERT_EQ(std::size(kStandards), 6u);
  EXPECT_EQ(StandardIndex("site_safety"), 0);
  EXPECT_EQ(StandardIndex("scale"), 5);
  EXPECT_EQ(StandardIndex("fun"), -1);
  EXPECT_STREQ(kStandards[4].label, "职工满意");
}

TEST(ChildcareRules, HostSteps) {
  EXPECT_EQ(Next("draft", Step::kEdit, true), "draft");
  EXPECT_EQ(Next("returned", Step::kEdit, true), "returned");
  EXPECT_EQ(Next("draft", Step::kSubmit, true), "district_review");
  EXPECT_EQ(Next("returned", Step::kSubmit, true), "district_review");
  EXPECT_EQ(Next("draft", Step::kSubmit, false), "city_review");
  for (const char* s : {"district_review", "city_review", "graded"}) {
    EXPECT_FALSE(Next(s, Step::kEdit, true)) << s;
    EXPECT_FALSE(Next(s, Step::kSubmit, true)) << s;
  }
}

TEST(ChildcareRules, ReviewAndReturnSteps) {
  EXPECT_EQ(Next("district_review", Step::kDistrictReview, true), "city_review");
  EXPECT_EQ(Next("city_review", Step::kCityReview, true), "graded");
  EXPECT_EQ(Next("district_review", Step::kDistrictReturn, true), "returned");
  EXPECT_EQ(Next("city_review", Step::kCityReturn, true), "district_review");
  EXPECT_EQ(Next("city_review", Step::kCityReturn, false), "returned");
  // Nothing is graded before the city review, nothing moves once graded.
  for (const char* s : {"draft", "returned", "district_review", "graded"}) {
    EXPECT_FALSE(Next(s, Step::kCityReview, true)) << s;
  }
  for (Step step : {Step::kEdit, Step::kSubmit, Step::kDistrictReview, Step::kCityReview,
                    Step::kDistrictReturn, Step::kCityReturn}) {
    EXPECT_FALSE(Next("graded", step, true));
  }
  EXPECT_FALSE(Next("draft", Step::kDistrictReview, true));
  EXPECT_FALSE(Next("city_review", Step::kDistrictReview, true));
  EXPECT_FALSE(Next("district_review", Step::kCityReturn, true));
}

TEST(ChildcareRules, SubsidyCap) {
  EXPECT_TRUE(CheckSubsidy("municipal", 5'000'000, 0, 5'000'000, "amount_fen").ok());
  Status over = CheckSubsidy("municipal", 5'000'000, 0, 5'000'001, "amount_fen");
  EXPECT_EQ(over.code(), Code::kInvalidArgument);
  EXPECT_EQ(over.field(), "amount_fen");
  EXPECT_NE(over.message().find("市级"), std::string::npos) << over.message();
  EXPECT_NE(over.message().find("5万元"), std::string::npos) << over.message();
  // The cap holds for the sum of the grants.
  Status sum = CheckSubsidy("municipal", 5'000'000, 3'000'000, 2'500'000, "subsidy_fen");
  EXPECT_EQ(sum.field(), "subsidy_fen");
  EXPECT_NE(sum.message().find("已补助3万元"), std::string::npos) << sum.message();
  EXPECT_TRUE(CheckSubsidy("municipal", 5'000'000, 3'000'000, 2'000'000, "x").ok());
  EXPECT_FALSE(CheckSubsidy("none", 0, 0, 1, "x").ok());
  EXPECT_FALSE(CheckSubsidy("district", 1'000'000, 0, 0, "x").ok());
}

TEST(ChildcareRules, AttendanceRate) {
  EXPECT_FALSE(AttendanceRate(0, 0));
  EXPECT_DOUBLE_EQ(*AttendanceRate(15, 16), 0.9375);
  EXPECT_DOUBLE_EQ(*AttendanceRate(2, 3), 0.6667);
  EXPECT_DOUBLE_EQ(*AttendanceRate(0, 7), 0.0);
  EXPECT_DOUBLE_EQ(*AttendanceRate(7, 7), 1.0);
}

TEST(ChildcareRules, GradesAndTotals) {
  EXPECT_TRUE(IsGrade("national"));
  EXPECT_FALSE(IsGrade("city"));
  EXPECT_EQ(GradeLabel("municipal"), "市级");
  EXPECT_EQ(TotalScore({90, 80, 85, 70, 100, 60}), 80);
  EXPECT_EQ(TotalScore({1, 2}), 1);
  EXPECT_EQ(TotalScore({}), 0);
}

}  // namespace
}  // namespace gonghui::childcare
