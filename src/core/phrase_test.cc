#include "core/phrase.h"

#include <gtest/gtest.h>

#include "core/money.h"
#include "core/quantity.h"

namespace gonghui {
namespace {

TEST(PhraseCount, SmallCountsAreExact) {
  EXPECT_EQ(PhraseCount(0, "个"), "0个");
  EXPECT_EQ(PhraseCount(15, "家"), "15家");
  EXPECT_EQ(PhraseCount(59, "家"), "59家");
  EXPECT_EQ(PhraseCount(86, "次"), "86次");
  EXPECT_EQ(PhraseCount(99, "人"), "99人");  // not 近100: below 100 a bulletin counts
}

TEST(PhraseCount, RoundCountsAreExact) {
  EXPECT_EQ(PhraseCount(100, "个"), "100个");
  EXPECT_EQ(PhraseCount(600, "个"), "600个");
  EXPECT_EQ(PhraseCount(1200, "人"), "1200人");
  EXPECT_EQ(PhraseCount(20000, "人"), "2万人");
  EXPECT_EQ(PhraseCount(25000, "人"), "2.5万人");
}

TEST(PhraseCount, OthersRoundDownWithYu) {
  EXPECT_EQ(PhraseCount(623, "个"), "600余个");
  EXPECT_EQ(PhraseCount(101, "人"), "100余人");
  EXPECT_EQ(PhraseCount(1234, "人"), "1200余人");
  EXPECT_EQ(PhraseCount(20143, "人"), "2万余人");
  EXPECT_EQ(PhraseCount(25600, "人"), "2.5万余人");
  EXPECT_EQ(PhraseCount(123456, "人"), "12万余人");
  EXPECT_EQ(PhraseCount(8123456, "名"), "810万余名");
  EXPECT_EQ(PhraseCount(650, "个"), "600余个");  // exactly half a step short of 700: 余
}

TEST(PhraseCount, JustBelowARoundNumberIsJin) {
  EXPECT_EQ(PhraseCount(9960, "人"), "近1万人");
  EXPECT_EQ(PhraseCount(980, "个"), "近1000个");
  EXPECT_EQ(PhraseCount(651, "个"), "近700个");
  EXPECT_EQ(PhraseCount(1960, "人"), "近2000人");
  EXPECT_EQ(PhraseCount(99600, "人"), "近10万人");
  EXPECT_EQ(PhraseCount(1940, "人"), "1900余人");
}

TEST(PhraseCount, NearCanBeTurnedOff) {
  const PhraseOptions floor{false};
  EXPECT_EQ(PhraseCount(9960, "人", floor), "9900余人");
  EXPECT_EQ(PhraseCount(980, "个", floor), "900余个");
  EXPECT_EQ(PhraseCount(623, "个", floor), "600余个");
  EXPECT_EQ(PhraseCount(600, "个", floor), "600个");
}

TEST(PhraseCount, ReadsBackAsTheQuantityItSays) {
  // Whatever it writes, ParseQuantity reads as a round count that brackets the figure.
  for (int64_t n : {100, 623, 999, 1001, 9960, 20143, 54321, 99999, 100001, 7654321}) {
    for (bool near : {true, false}) {
      const std::string text = PhraseCount(n, "人", {near});
      Result<Quantity> q = ParseQuantity(text);
      ASSERT_TRUE(q.ok()) << text;
      if (q->qualifier == "余") {
        EXPECT_LT(q->count, n) << text;
      } else if (q->qualifier == "近") {
        EXPECT_GT(q->count, n) << text;
      } else {
        EXPECT_EQ(q->qualifier, "") << text;
        EXPECT_EQ(q->count, n) << text;
      }
    }
  }
}

TEST(PhraseMoney, AsABulletinWritesIt) {
  EXPECT_EQ(PhraseMoney(100000 * 100), "10万元");
  EXPECT_EQ(PhraseMoney(125000 * 100), "12.5万元");
  EXPECT_EQ(PhraseMoney(5000 * 100), "5000元");
  EXPECT_EQ(PhraseMoney(325), "3.25元");
  EXPECT_EQ(PhraseMoney(123456 * 100), "12万余元");
  EXPECT_EQ(PhraseMoney(15300 * 100), "1.5万余元");
  EXPECT_EQ(PhraseMoney(10000 * 100 + 1), "1万余元");
  EXPECT_EQ(PhraseMoney(0), "0元");
}

TEST(PhrasePercent, OneDecimalAtMost) {
  EXPECT_EQ(PhrasePercent(1000), "100%");
  EXPECT_EQ(PhrasePercent(987), "98.7%");
  EXPECT_EQ(PhrasePercent(0), "0%");
  EXPECT_EQ(PhrasePercent(5), "0.5%");
}

}  // namespace
}  // namespace gonghui
