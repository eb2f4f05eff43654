#include "core/date.h"

#include <array>
#include <cstdio>
#include <initializer_list>
#include <optional>

namespace gonghui {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Full-width digits become ASCII; spaces (ASCII, no-break, ideographic) are dropped.
std::string NormalizeBulletinText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("\u3000")) {
      i += 2;
      continue;
    }
    if (rest.starts_with("\u00a0")) {
      i += 1;
      continue;
    }
    // Full-width digits U+FF10..U+FF19 are EF BC 90..99.
    if (rest.size() >= 3 && c == 0xEF && static_cast<unsigned char>(rest[1]) == 0xBC) {
      const auto b2 = static_cast<unsigned char>(rest[2]);
      if (b2 >= 0x90 && b2 <= 0x99) {
        out.push_back(static_cast<char>('0' + (b2 - 0x90)));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Checks year range and calendar validity of y-m-d.
Status CheckYmd(int year, int month, int day, std::string_view field) {
  if (year < kMinYear || year > kMaxYear) {
    return InvalidArgument(std::string(field), "年份应在1900年至2100年之间");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    return InvalidArgument(std::string(field), "日期不存在");
  }
  return Status::Ok();
}

// A forward-only reader over normalised bulletin text.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : rest_(text) {}

  bool AtEnd() const { return rest_.empty(); }

  bool Consume(std::string_view literal) {
    if (!rest_.starts_with(literal)) return false;
    rest_.remove_prefix(literal.size());
    return true;
  }

  bool ConsumeAny(std::initializer_list<std::string_view> literals) {
    for (std::string_view literal : literals) {
      if (Consume(literal)) return true;
    }
    return false;
  }

  // Reads 1 to `max_digits` ASCII digits; nullopt when there are none or more than that.
  std::optional<int> ReadInt(size_t max_digits) {
    size_t n = 0;
    while (n < rest_.size() && IsAsciiDigit(rest_[n])) ++n;
    if (n == 0 || n > max_digits) return std::nullopt;
    int value = 0;
    for (size_t i = 0; i < n; ++i) value = value * 10 + (rest_[i] - '0');
    rest_.remove_prefix(n);
    return value;
  }

 private:
  std::string_view rest_;
};

bool ConsumeDayMark(Cursor& cursor) { return cursor.ConsumeAny({"日", "号"}); }

bool ConsumeRangeSeparator(Cursor& cursor) {
  // Longest first: "——" before "—".
  return cursor.ConsumeAny({"——", "—", "－", "–", "-", "～", "~", "至", "到"});
}

}  // namespace

std::string Date::ToString() const {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return buffer.data();
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> ParseDate(std::string_view text, std::string_view field) {
  if (text.empty()) return InvalidArgument(std::string(field), "日期不能为空");
  bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (size_t i = 0; shape_ok && i < text.size(); ++i) {
    if (i != 4 && i != 7 && !IsAsciiDigit(text[i])) shape_ok = false;
  }
  if (!shape_ok) return InvalidArgument(std::string(field), "日期格式应为YYYY-MM-DD");
  auto number = [&](size_t pos, size_t len) {
    int value = 0;
    for (size_t i = pos; i < pos + len; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const Date date{number(0, 4), number(5, 2), number(8, 2)};
  GH_RETURN_IF_ERROR(CheckYmd(date.year, date.month, date.day, field));
  return date;
}

Status CheckDateRange(std::string_view from, std::string_view to, std::string_view from_field,
                      std::string_view to_field) {
  GH_ASSIGN_OR_RETURN(const Date start, ParseDate(from, from_field));
  GH_ASSIGN_OR_RETURN(const Date end, ParseDate(to, to_field));
  if (end < start) return InvalidArgument(std::string(to_field), "结束日期不能早于开始日期");
  return Status::Ok();
}

// Howard Hinnant's days_from_civil / civil_from_days, exact on the proleptic Gregorian calendar.
int64_t DaysFromCivil(const Date& date) {
  const int64_t y = static_cast<int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const int64_t m = date.month;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

Date AddDays(const Date& date, int64_t days) { return CivilFromDays(DaysFromCivil(date) + days); }

int AgeOn(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (std::pair(on.month, on.day) < std::pair(birth.month, birth.day)) --age;
  return age;
}

Date TodayUtcPlus8(int64_t unix_seconds) {
  constexpr int64_t kSecondsPerDay = 86400;
  const int64_t local = unix_seconds + 8 * 3600;
  int64_t days = local / kSecondsPerDay;
  if (local % kSecondsPerDay < 0) --days;  // floor for instants before 1970
  return CivilFromDays(days);
}

Result<std::pair<Date, Date>> ParseChineseDateRange(std::string_view text, int default_year,
                                                    std::string_view field) {
  const std::string normalized = NormalizeBulletinText(text);
  if (normalized.empty()) return InvalidArgument(std::string(field), "日期不能为空");
  const Status bad_shape = InvalidArgument(std::string(field), "日期格式不正确");
  Cursor cursor(normalized);

  // Start: [Y年] M月 D[日]
  Date start{default_year, 0, 0};
  std::optional<int> first = cursor.ReadInt(4);
  if (!first) return bad_shape;
  if (cursor.Consume("年")) {
    start.year = *first;
    first = cursor.ReadInt(2);
    if (!first) return bad_shape;
  }
  if (!cursor.Consume("月")) return bad_shape;
  start.month = *first;
  const std::optional<int> start_day = cursor.ReadInt(2);
  if (!start_day) return bad_shape;
  start.day = *start_day;
  const bool start_has_mark = ConsumeDayMark(cursor);

  Date end = start;
  if (ConsumeRangeSeparator(cursor)) {
    // End: [Y年] [M月] D日
    bool explicit_year = false;
    bool explicit_month = false;
    std::optional<int> number = cursor.ReadInt(4);
    if (!number) return bad_shape;
    if (cursor.Consume("年")) {
      end.year = *number;
      explicit_year = true;
      number = cursor.ReadInt(2);
      if (!number || !cursor.Consume("月")) return bad_shape;
      end.month = *number;
      explicit_month = true;
      number = cursor.ReadInt(2);
      if (!number) return bad_shape;
    } else if (cursor.Consume("月")) {
      end.month = *number;
      explicit_month = true;
      number = cursor.ReadInt(2);
      if (!number) return bad_shape;
    }
    if (!ConsumeDayMark(cursor)) return bad_shape;
    end.day = *number;
    if (explicit_month && !explicit_year && end.month < start.month) ++end.year;
  } else if (!start_has_mark) {
    return bad_shape;
  }
  cursor.ConsumeAny({"上午", "下午", "中午", "晚上", "全天"});
  if (!cursor.AtEnd()) return bad_shape;

  GH_RETURN_IF_ERROR(CheckYmd(start.year, start.month, start.day, field));
  GH_RETURN_IF_ERROR(CheckYmd(end.year, end.month, end.day, field));
  if (end < start) return InvalidArgument(std::string(field), "结束日期不能早于开始日期");
  return std::pair(start, end);
}

std::string ParseDayPart(std::string_view text) {
  const size_t am = text.find("上午");
  const size_t pm = text.find("下午");
  if (am == std::string_view::npos && pm == std::string_view::npos) return "";
  return am < pm ? "am" : "pm";
}

}  // namespace gonghui
