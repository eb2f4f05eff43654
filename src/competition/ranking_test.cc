#include "competition/ranking.h"

#include <gtest/gtest.h>

namespace gonghui::competition {
namespace {

std::vector<std::optional<int64_t>> Ranks(const std::vector<Ranked>& ranked) {
  std::vector<std::optional<int64_t>> out;
  for (const Ranked& r : ranked) out.push_back(r.rank);
  return out;
}

std::vector<int64_t> Ids(const std::vector<Ranked>& ranked) {
  std::vector<int64_t> out;
  for (const Ranked& r : ranked) out.push_back(r.entry_id);
  return out;
}

TEST(Ranking, TiesShareARankAndTheNextSkips) {
  std::vector<Ranked> r =
      Rank({{1, "甲", 90.0}, {2, "乙", 95.0}, {3, "丙", 95.0}, {4, "丁", 80.0}}, Scoring::kHigh);
  EXPECT_EQ(Ids(r), (std::vector<int64_t>{3, 2, 1, 4}));  // tied: by name (丙 < 乙 in UTF-8)
  EXPECT_EQ(Ranks(r), (std::vector<std::optional<int64_t>>{1, 1, 3, 4}));
}

TEST(Ranking, LowerIsBetterForTimesAndPlaces) {
  std::vector<Ranked> low = Rank({{1, "a", 12.5}, {2, "b", 11.0}, {3, "c", 12.5}}, Scoring::kLow);
  EXPECT_EQ(Ids(low), (std::vector<int64_t>{2, 1, 3}));
  EXPECT_EQ(Ranks(low), (std::vector<std::optional<int64_t>>{1, 2, 2}));
  std::vector<Ranked> place =
      Rank({{1, "a", 3.0}, {2, "b", 1.0}, {3, "c", 2.0}, {4, "d", 2.0}}, Scoring::kPlace);
  EXPECT_EQ(Ranks(place), (std::vector<std::optional<int64_t>>{1, 2, 2, 4}));
}

TEST(Ranking, EntriesWithoutResultsComeLastUnranked) {
  std::vector<Ranked> r = Rank({{1, "a", std::nullopt}, {2, "b", 5.0}}, Scoring::kHigh);
  EXPECT_EQ(Ids(r), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(Ranks(r), (std::vector<std::optional<int64_t>>{1, std::nullopt}));
  EXPECT_FALSE(Complete(r));
  EXPECT_TRUE(Complete(Rank({{2, "b", 5.0}}, Scoring::kHigh)));
  EXPECT_TRUE(Rank({}, Scoring::kLow).empty());
}

TEST(Ranking, AwardTiersByRank) {
  const std::vector<AwardTier> tiers = {{"二等奖", 3}, {"一等奖", 1}, {"三等奖", 6}};
  EXPECT_EQ(AwardFor(1, tiers), "一等奖");
  EXPECT_EQ(AwardFor(2, tiers), "二等奖");
  EXPECT_EQ(AwardFor(3, tiers), "二等奖");
  EXPECT_EQ(AwardFor(6, tiers), "三等奖");
  EXPECT_EQ(AwardFor(7, tiers), "");
  EXPECT_EQ(AwardFor(std::nullopt, tiers), "");
}

TEST(Ranking, QualifiersIncludeEveryoneTiedAtTheCut) {
  std::vector<Ranked> r = Rank(
      {{1, "a", 10.0}, {2, "b", 9.0}, {3, "c", 8.0}, {4, "d", 8.0}, {5, "e", 7.0}}, Scoring::kHigh);
  EXPECT_EQ(Qualifiers(r, 3), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(Qualifiers(r, 2), (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(Qualifiers(r, 0).empty());
}

TEST(Ranking, ParsesScoring) {
  EXPECT_EQ(ParseScoring("place"), Scoring::kPlace);
  EXPECT_EQ(ParseScoring("high"), Scoring::kHigh);
  EXPECT_EQ(ParseScoring("low"), Scoring::kLow);
  EXPECT_EQ(ParseScoring("best"), std::nullopt);
}

}  // namespace
}  // namespace gonghui::competition
