// Calendar dates.
//
// A Date is a proleptic Gregorian calendar day with no time zone; on the wire and in the database
// it is the string `YYYY-MM-DD`. Dates that users type are limited to the years 1900–2100. The
// arithmetic helpers work on any Date the caller builds and do not validate it.
//
// Nothing here reads the clock: callers pass the time in (see TodayUtcPlus8).
// All functions are pure and thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace gonghui {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // `YYYY-MM-DD`, zero-padded, e.g. "2024-05-09".
  std::string ToString() const;

  auto operator<=>(const Date&) const = default;
};

// True for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
bool IsLeapYear(int year);

// The number of days in `month` (1–12) of `year`; 0 when `month` is out of range.
int DaysInMonth(int year, int month);

// Parses a strict `YYYY-MM-DD` date (exactly ten characters, no spaces).
// Errors, all InvalidArgument on `field`: empty text, another format, a year outside 1900–2100, a
// day that does not exist (e.g. 2023-02-29).
Result<Date> ParseDate(std::string_view text, std::string_view field = "date");

// Checks that `from` and `to` are valid dates (as ParseDate) and that `to` is not before `from`.
// Errors: InvalidArgument on `from_field` or `to_field` for the one that does not parse;
// InvalidArgument "结束日期不能早于开始日期" on `to_field` when to < from. Equal dates are fine.
Status CheckDateRange(std::string_view from, std::string_view to, std::string_view from_field,
                      std::string_view to_field);

// Days since 1970-01-01 (negative before it). Exact for every Gregorian date.
int64_t DaysFromCivil(const Date& date);

// The inverse of DaysFromCivil.
Date CivilFromDays(int64_t days);

// `date` moved by `days` (which may be negative).
Date AddDays(const Date& date, int64_t days);

// Completed years of age on the day `on` for someone born on `birth`: the age goes up on the
// birthday itself; someone born on Feb 29 gets a year older on Mar 1 in common years.
// Negative when `on` is before `birth`.
int AgeOn(const Date& birth, const Date& on);

// The calendar date in China (UTC+8, no daylight saving) at the instant `unix_seconds`.
Date TodayUtcPlus8(int64_t unix_seconds);

// Parses a date or date range as bulletins write it and returns {first day, last day} (equal for a
// single day). Accepted, with optional spaces and full-width digits anywhere:
//   5月27日                      a single day in `default_year`
//   2024年5月20日                an explicit year
//   5月25日—26日, 5月25日-26日, 5月25日至26日, 5月25-26日    a range within one month
//   5月30日—6月2日, 2024年12月30日—2025年1月3日             a range across months or years
// Separators: — —— - － – ~ ～ 至 到. 号 may stand for 日. A trailing part of day (上午, 下午,
// 中午, 晚上, 全天) is allowed and ignored here (see ParseDayPart). When the end has no year of its
// own and an explicit month earlier than the start's (12月30日—1月2日), it is taken to be in the
// next year.
//
// Errors, all InvalidArgument on `field`: empty text or another shape ("日期格式不正确"), a year
// outside 1900–2100, a day that does not exist, an end before the start.
Result<std::pair<Date, Date>> ParseChineseDateRange(std::string_view text, int default_year,
                                                    std::string_view field = "date");

// The part of day mentioned in bulletin text: "am" when it contains 上午, "pm" when it contains
// 下午 (whichever comes first if both do), "" otherwise.
std::string ParseDayPart(std::string_view text);

}  // namespace gonghui
