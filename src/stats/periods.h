// The periods of a trend (GET /dashboard/trends): the calendar months or the
// weeks (Monday to Sunday, ISO 8601 numbered) that a range of days touches,
// each clipped to the range, and the same days a year earlier.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"

namespace gonghui::stats {

struct Bucket {
  std::string label;  // "2026-03" or "2026-W09"
  Date from;
  Date to;
};

// The months (weekly = false) or weeks of from–to, in order; from <= to.
std::vector<Bucket> Buckets(const Date& from, const Date& to, bool weekly);

// The same day a year earlier; 29 February gives 28 February.
Date YearEarlier(const Date& d);

}  // namespace gonghui::stats
