#include "stats/periods.h"

#include <gtest/gtest.h>

namespace gonghui::stats {
namespace {

std::string Show(const std::vector<Bucket>& buckets) {
  std::string out;
  for (const Bucket& b : buckets) {
    out += b.label + " " + b.from.ToString() + ".." + b.to.ToString() + "\n";
  }
  return out;
}

TEST(Periods, MonthsAreClippedToTheRange) {
  EXPECT_EQ(Show(Buckets({2025, 11, 15}, {2026, 2, 3}, false)),
            "2025-11 2025-11-15..2025-11-30\n"
            "2025-12 2025-12-01..2025-12-31\n"
            "2026-01 2026-01-01..2026-01-31\n"
            "2026-02 2026-02-01..2026-02-03\n");
  EXPECT_EQ(Show(Buckets({2024, 2, 1}, {2024, 2, 29}, false)), "2024-02 2024-02-01..2024-02-29\n");
  EXPECT_TRUE(Buckets({2024, 3, 2}, {2024, 3, 1}, false).empty());
}

TEST(Periods, WeeksRunMondayToSundayWithIsoNumbers) {
  // 2026-01-01 is a Thursday: its week is 2026-W01 (Monday 2025-12-29).
  EXPECT_EQ(Show(Buckets({2026, 1, 1}, {2026, 1, 12}, true)),
            "2026-W01 2026-01-01..2026-01-04\n"
            "2026-W02 2026-01-05..2026-01-11\n"
            "2026-W03 2026-01-12..2026-01-12\n");
  // 2021-01-01 is a Friday: its week is the 53rd of 2020.
  EXPECT_EQ(Buckets({2021, 1, 1}, {2021, 1, 1}, true)[0].label, "2020-W53");
  // 2024-12-30 (Monday) starts 2025-W01.
  EXPECT_EQ(Buckets({2024, 12, 31}, {2024, 12, 31}, true)[0].label, "2025-W01");
  EXPECT_EQ(Buckets({2026, 1, 1}, {2026, 12, 31}, true).size(), 53u);
}

TEST(Periods, AYearEarlier) {
  EXPECT_EQ(YearEarlier({2026, 3, 9}).ToString(), "2025-03-09");
  EXPECT_EQ(YearEarlier({2024, 2, 29}).ToString(), "2023-02-28");
}

}  // namespace
}  // namespace gonghui::stats
