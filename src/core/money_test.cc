#include "core/money.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

struct ParseCase {
  const char* text;
  int64_t fen;
  const char* qualifier;
};

TEST(Money, ParsesBulletinExamples) {
  for (const ParseCase& c : {
           ParseCase{"10万元", 10'000'000, ""},
           ParseCase{"最高5万元", 5'000'000, "最高"},
           ParseCase{"5万余元", 5'000'000, "余"},
           ParseCase{"100000元", 10'000'000, ""},
           ParseCase{"100,000元", 10'000'000, ""},
           ParseCase{"1.5万元", 1'500'000, ""},
           ParseCase{"2000元", 200'000, ""},
           ParseCase{"3.25元", 325, ""},
           ParseCase{"10万", 10'000'000, ""},
           ParseCase{"自筹资金10万元", 10'000'000, ""},
           ParseCase{"1亿元", 10'000'000'000, ""},
           ParseCase{"专项经费近20万元", 20'000'000, "近"},
           ParseCase{"约3000元", 300'000, "约"},
           ParseCase{"1000多元", 100'000, "多"},
           ParseCase{"１０ 万元", 10'000'000, ""},
           ParseCase{"十万元", 10'000'000, ""},
           ParseCase{"补助两千元", 200'000, ""},
           ParseCase{"一次性补助五万元", 5'000'000, ""},
           ParseCase{"0.5元", 50, ""},
           ParseCase{"3.20元", 320, ""},
       }) {
    const Result<Money> m = ParseMoney(c.text);
    ASSERT_TRUE(m.ok()) << c.text << ": " << m.status().message();
    EXPECT_EQ(m->fen, c.fen) << c.text;
    EXPECT_EQ(m->qualifier, c.qualifier) << c.text;
  }
}

TEST(Money, RejectsBadText) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "金额不能为空"},
           Case{"  ", "金额不能为空"},
           Case{"-5元", "金额不能为负数"},
           Case{"负5元", "金额不能为负数"},
           Case{"自筹资金-10万元", "金额不能为负数"},
           Case{"3.255元", "金额最多保留2位小数"},
           Case{"1.2345678万元", "金额最多保留2位小数"},
           Case{"元", "金额格式不正确"},
           Case{"abc元", "金额格式不正确"},
           Case{"若干", "金额格式不正确"},
           Case{"10万元整", "金额格式不正确"},
           Case{"5元abc", "金额格式不正确"},
           Case{"12,34元", "金额格式不正确"},
           Case{"1.2.3元", "金额格式不正确"},
           Case{".5元", "金额格式不正确"},
           Case{"99999999999999999999元", "金额过大"},
           Case{"1000000000亿元", "金额过大"},
           Case{"最高5万余元", "金额只能有一个限定词（最高、近、约、余、多）"},
       }) {
    const Result<Money> m = ParseMoney(c.text, "funding");
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_EQ(m.status().code(), Code::kInvalidArgument) << c.text;
    EXPECT_EQ(m.status().field(), "funding") << c.text;
    EXPECT_EQ(m.status().message(), c.message) << c.text;
  }
  EXPECT_EQ(ParseMoney("x").status().field(), "money");
}

TEST(Money, IsMoneyQualifier) {
  for (const char* q : {"", "最高", "近", "约", "余", "多"}) EXPECT_TRUE(IsMoneyQualifier(q)) << q;
  for (const char* q : {"以上", "最低", "左右"}) EXPECT_FALSE(IsMoneyQualifier(q)) << q;
}

TEST(Money, Formats) {
  EXPECT_EQ(FormatMoney({10'000'000, ""}), "10万元");
  EXPECT_EQ(FormatMoney({5'000'000, "最高"}), "最高5万元");
  EXPECT_EQ(FormatMoney({5'000'000, "余"}), "5万余元");
  EXPECT_EQ(FormatMoney({1'500'000, ""}), "1.5万元");
  EXPECT_EQ(FormatMoney({200'000, ""}), "2000元");
  EXPECT_EQ(FormatMoney({325, ""}), "3.25元");
  EXPECT_EQ(FormatMoney({320, ""}), "3.2元");
  EXPECT_EQ(FormatMoney({5, ""}), "0.05元");
  EXPECT_EQ(FormatMoney({0, ""}), "0元");
  EXPECT_EQ(FormatMoney({999'900, ""}), "9999元");     // below 1万
  EXPECT_EQ(FormatMoney({1'234'500, ""}), "12345元");  // not a multiple of 0.1万
  EXPECT_EQ(FormatMoney({1'000'050, ""}), "10000.5元");
  EXPECT_EQ(FormatMoney({10'000'000'000, ""}), "1亿元");
  EXPECT_EQ(FormatMoney({15'000'000'000, "近"}), "近1.5亿元");
  EXPECT_EQ(FormatMoney({12'300'000'000, ""}), "12300万元");  // not a multiple of 0.1亿
}

TEST(Money, FormatInvertsParseForCanonicalText) {
  for (const char* text : {"10万元", "最高5万元", "5万余元", "1.5万元", "2000元", "3.25元", "1亿元",
                           "近20万元", "约3000元", "1000多元"}) {
    const Result<Money> m = ParseMoney(text);
    ASSERT_TRUE(m.ok()) << text << ": " << m.status().message();
    EXPECT_EQ(FormatMoney(*m), text);
  }
  // Non-canonical spellings come back canonical.
  EXPECT_EQ(FormatMoney(*ParseMoney("100,000元")), "10万元");
  EXPECT_EQ(FormatMoney(*ParseMoney("自筹资金10万元")), "10万元");
}

TEST(Money, ParseInvertsFormat) {
  for (int64_t fen : {0LL, 1LL, 10LL, 99LL, 100LL, 325LL, 999'999LL, 1'000'000LL, 1'000'001LL,
                      1'010'000LL, 1'100'000LL, 12'345'678LL, 9'990'000'000LL, 10'000'000'000LL,
                      25'000'000'000LL, 9'223'372'036'854'775'807LL}) {
    for (const char* qualifier : {"", "最高", "近", "约", "余", "多"}) {
      const Money m{fen, qualifier};
      const Result<Money> parsed = ParseMoney(FormatMoney(m));
      ASSERT_TRUE(parsed.ok()) << FormatMoney(m) << ": " << parsed.status().message();
      EXPECT_EQ(*parsed, m) << FormatMoney(m);
    }
  }
}

}  // namespace
}  // namespace gonghui
