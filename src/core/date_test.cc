#include "core/date.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

TEST(Date, ParsesStrictIsoDates) {
  const Result<Date> d = ParseDate("2024-05-09");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(*d, (Date{2024, 5, 9}));
  EXPECT_EQ(d->ToString(), "2024-05-09");
  EXPECT_TRUE(ParseDate("1900-01-01").ok());
  EXPECT_TRUE(ParseDate("2100-12-31").ok());
}

TEST(Date, HandlesFebruary29) {
  EXPECT_TRUE(ParseDate("2024-02-29").ok());
  EXPECT_TRUE(ParseDate("2000-02-29").ok());  // divisible by 400
  for (const char* text : {"2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30"}) {
    const Result<Date> d = ParseDate(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().message(), "日期不存在") << text;
  }
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 4), 30);
  EXPECT_EQ(DaysInMonth(2023, 12), 31);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
  EXPECT_EQ(DaysInMonth(2023, 0), 0);
}

TEST(Date, RejectsMalformedDates) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "日期不能为空"},
           Case{"2024-5-9", "日期格式应为YYYY-MM-DD"},
           Case{"2024/05/09", "日期格式应为YYYY-MM-DD"},
           Case{"20240509", "日期格式应为YYYY-MM-DD"},
           Case{" 2024-05-09", "日期格式应为YYYY-MM-DD"},
           Case{"2024-05-09T00", "日期格式应为YYYY-MM-DD"},
           Case{"2024-0a-09", "日期格式应为YYYY-MM-DD"},
           Case{"2024-13-01", "日期不存在"},
           Case{"2024-00-10", "日期不存在"},
           Case{"2024-04-31", "日期不存在"},
           Case{"2024-04-00", "日期不存在"},
           Case{"1899-12-31", "年份应在1900年至2100年之间"},
           Case{"2101-01-01", "年份应在1900年至2100年之间"},
       }) {
    const Result<Date> d = ParseDate(c.text, "held_on");
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.status().code(), Code::kInvalidArgument) << c.text;
    EXPECT_EQ(d.status().field(), "held_on") << c.text;
    EXPECT_EQ(d.status().message(), c.message) << c.text;
  }
}

TEST(Date, ChecksRanges) {
  EXPECT_TRUE(CheckDateRange("2024-05-01", "2024-05-01", "from", "to").ok());
  EXPECT_TRUE(CheckDateRange("2024-05-01", "2025-01-01", "from", "to").ok());

  const Status reversed = CheckDateRange("2024-05-02", "2024-05-01", "start_date", "end_date");
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.field(), "end_date");
  EXPECT_EQ(reversed.message(), "结束日期不能早于开始日期");

  const Status bad_from = CheckDateRange("2024-02-30", "2024-05-01", "start_date", "end_date");
  ASSERT_FALSE(bad_from.ok());
  EXPECT_EQ(bad_from.field(), "start_date");

  const Status bad_to = CheckDateRange("2024-05-01", "soon", "start_date", "end_date");
  ASSERT_FALSE(bad_to.ok());
  EXPECT_EQ(bad_to.field(), "end_date");
  EXPECT_EQ(bad_to.message(), "日期格式应为YYYY-MM-DD");
}

TEST(Date, ConvertsDaysAndBack) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({1970, 1, 2}), 1);
  EXPECT_EQ(DaysFromCivil({1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
  EXPECT_EQ(DaysFromCivil({2024, 5, 27}), 19870);
  EXPECT_EQ(DaysFromCivil({1900, 1, 1}), -25567);
  EXPECT_EQ(CivilFromDays(19870), (Date{2024, 5, 27}));
  EXPECT_EQ(CivilFromDays(-25567), (Date{1900, 1, 1}));

  // Every day from 1900 to 2100 round-trips and is the next day of its predecessor.
  Date previous = CivilFromDays(DaysFromCivil({1899, 12, 31}));
  for (int64_t days = DaysFromCivil({1900, 1, 1}); days <= DaysFromCivil({2100, 12, 31}); ++days) {
    const Date date = CivilFromDays(days);
    ASSERT_EQ(DaysFromCivil(date), days);
    ASSERT_GE(date.day, 1);
    ASSERT_LE(date.day, DaysInMonth(date.year, date.month));
    ASSERT_LT(previous, date);
    previous = date;
  }
}

TEST(Date, AddsDays) {
  EXPECT_EQ(AddDays({2024, 2, 28}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(AddDays({2023, 2, 28}, 1), (Date{2023, 3, 1}));
  EXPECT_EQ(AddDays({2024, 12, 31}, 1), (Date{2025, 1, 1}));
  EXPECT_EQ(AddDays({2024, 3, 1}, -1), (Date{2024, 2, 29}));
  EXPECT_EQ(AddDays({2024, 5, 27}, 0), (Date{2024, 5, 27}));
  EXPECT_EQ(AddDays({2024, 1, 1}, 366), (Date{2025, 1, 1}));
}

TEST(Date, ComputesAge) {
  EXPECT_EQ(AgeOn({1990, 5, 27}, {2024, 5, 26}), 33);
  EXPECT_EQ(AgeOn({1990, 5, 27}, {2024, 5, 27}), 34);
  EXPECT_EQ(AgeOn({1990, 5, 27}, {2024, 12, 31}), 34);
  EXPECT_EQ(AgeOn({2000, 2, 29}, {2023, 2, 28}), 22);
  EXPECT_EQ(AgeOn({2000, 2, 29}, {2023, 3, 1}), 23);
  EXPECT_EQ(AgeOn({2000, 2, 29}, {2024, 2, 29}), 24);
  EXPECT_EQ(AgeOn({2010, 6, 1}, {2010, 6, 1}), 0);
  EXPECT_EQ(AgeOn({2010, 6, 1}, {2010, 5, 31}), -1);
}

TEST(Date, TodayInChina) {
  EXPECT_EQ(TodayUtcPlus8(0), (Date{1970, 1, 1}));
  // 2024-05-26T15:59:59Z is 23:59:59 in China; one second later it is the 27th.
  EXPECT_EQ(TodayUtcPlus8(1716739199), (Date{2024, 5, 26}));
  EXPECT_EQ(TodayUtcPlus8(1716739200), (Date{2024, 5, 27}));
  // 1969-12-31T15:59:59Z is 23:59:59 on Dec 31 in China.
  EXPECT_EQ(TodayUtcPlus8(-28801), (Date{1969, 12, 31}));
  EXPECT_EQ(TodayUtcPlus8(-28800), (Date{1970, 1, 1}));
}

struct RangeCase {
  const char* text;
  Date from;
  Date to;
};

TEST(Date, ParsesBulletinDates) {
  for (const RangeCase& c : {
           RangeCase{"5月27日", {2024, 5, 27}, {2024, 5, 27}},
           RangeCase{"5 月 23 日", {2024, 5, 23}, {2024, 5, 23}},
           RangeCase{"５月２３日", {2024, 5, 23}, {2024, 5, 23}},
           RangeCase{"5月25日—26日", {2024, 5, 25}, {2024, 5, 26}},
           RangeCase{"5月25日-26日", {2024, 5, 25}, {2024, 5, 26}},
           RangeCase{"5月25日至26日", {2024, 5, 25}, {2024, 5, 26}},
           RangeCase{"5月25日——26日", {2024, 5, 25}, {2024, 5, 26}},
           RangeCase{"5月25-26日", {2024, 5, 25}, {2024, 5, 26}},
           RangeCase{"5月30日—6月2日", {2024, 5, 30}, {2024, 6, 2}},
           RangeCase{"2024年5月20日", {2024, 5, 20}, {2024, 5, 20}},
           RangeCase{"2023年5月20日", {2023, 5, 20}, {2023, 5, 20}},
           RangeCase{"2024年12月30日—2025年1月3日", {2024, 12, 30}, {2025, 1, 3}},
           RangeCase{"12月30日—1月2日", {2024, 12, 30}, {2025, 1, 2}},
           RangeCase{"2月29日", {2024, 2, 29}, {2024, 2, 29}},
           RangeCase{"5月27日上午", {2024, 5, 27}, {2024, 5, 27}},
           RangeCase{"6月1号", {2024, 6, 1}, {2024, 6, 1}},
       }) {
    const Result<std::pair<Date, Date>> range = ParseChineseDateRange(c.text, 2024);
    ASSERT_TRUE(range.ok()) << c.text << ": " << range.status().message();
    EXPECT_EQ(range->first, c.from) << c.text;
    EXPECT_EQ(range->second, c.to) << c.text;
  }
}

TEST(Date, RejectsBadBulletinDates) {
  struct Case {
    const char* text;
    int default_year;
    const char* message;
  };
  for (const Case& c : {
           Case{"", 2024, "日期不能为空"},
           Case{"五月二十日", 2024, "日期格式不正确"},
           Case{"5月", 2024, "日期格式不正确"},
           Case{"5月27", 2024, "日期格式不正确"},
           Case{"27日", 2024, "日期格式不正确"},
           Case{"5月25日—", 2024, "日期格式不正确"},
           Case{"5月27日召开", 2024, "日期格式不正确"},
           Case{"2024-05-27", 2024, "日期格式不正确"},
           Case{"2月29日", 2023, "日期不存在"},
           Case{"4月31日", 2024, "日期不存在"},
           Case{"13月1日", 2024, "日期不存在"},
           Case{"5月26日—25日", 2024, "结束日期不能早于开始日期"},
           Case{"1899年5月1日", 2024, "年份应在1900年至2100年之间"},
           Case{"5月1日", 1800, "年份应在1900年至2100年之间"},
       }) {
    const Result<std::pair<Date, Date>> range =
        ParseChineseDateRange(c.text, c.default_year, "held_on");
    ASSERT_FALSE(range.ok()) << c.text;
    EXPECT_EQ(range.status().field(), "held_on") << c.text;
    EXPECT_EQ(range.status().message(), c.message) << c.text;
  }
}

TEST(Date, FindsPartOfDay) {
  EXPECT_EQ(ParseDayPart("5月27日上午"), "am");
  EXPECT_EQ(ParseDayPart("5月27日下午，在区工人文化宫"), "pm");
  EXPECT_EQ(ParseDayPart("上午签到，下午培训"), "am");
  EXPECT_EQ(ParseDayPart("下午至上午"), "pm");
  EXPECT_EQ(ParseDayPart("5月27日"), "");
  EXPECT_EQ(ParseDayPart(""), "");
}

}  // namespace
}  // namespace gonghui
