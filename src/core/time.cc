#include "core/time.h"

#include <ctime>

namespace gonghui {

int64_t SystemClock::Now() const { return static_cast<int64_t>(std::time(nullptr)); }

std::string FormatTimestamp(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace gonghui
