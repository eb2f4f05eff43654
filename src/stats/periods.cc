#include "stats/periods.h"

#include <algorithm>
#include <cstdio>

namespace gonghui::stats {
namespace {

// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
int Weekday(const Date& d) { return static_cast<int>(((DaysFromCivil(d) % 7) + 10) % 7); }

// The ISO 8601 week of `monday`: the year of its Thursday, and the week number.
std::string IsoWeek(const Date& monday) {
  const Date thursday = AddDays(monday, 3);
  const Date jan1{thursday.year, 1, 1};
  const int64_t week = (DaysFromCivil(thursday) - DaysFromCivil(jan1)) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year, static_cast<int>(week));
  return buf;
}

}  // namespace

std::vector<Bucket> Buckets(const Date& from, const Date& to, bool weekly) {
  std::vector<Bucket> out;
  if (to < from) return out;
  if (weekly) {
    for (Date monday = AddDays(from, -Weekday(from)); monday <= to; monday = AddDays(monday, 7)) {
      out.push_back({IsoWeek(monday), std::max(monday, from), std::min(AddDays(monday, 6), to)});
    }
    return out;
  }
  for (Date first{from.year, from.month, 1}; first <= to;
       first = first.month == 12 ? Date{first.year + 1, 1, 1}
                                 : Date{first.year, first.month + 1, 1}) {
    const Date last{first.year, first.month, DaysInMonth(first.year, first.month)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", first.year, first.month);
    out.push_back({buf, std::max(first, from), std::min(last, to)});
  }
  return out;
}

Date YearEarlier(const Date& d) {
  Date out{d.year - 1, d.month, d.day};
  out.day = std::min(out.day, DaysInMonth(out.year, out.month));
  return out;
}

}  // namespace gonghui::stats
