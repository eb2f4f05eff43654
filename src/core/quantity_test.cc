#include "core/quantity.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

struct ParseCase {
  const char* text;
  int64_t count;
  const char* qualifier;
  const char* unit;
};

TEST(Quantity, ParsesBulletinExamples) {
  for (const ParseCase& c : {
           ParseCase{"40余人", 40, "余", "人"},
           ParseCase{"近1000名", 1000, "近", "名"},
           ParseCase{"2万余人", 20000, "余", "人"},
           ParseCase{"百余名", 100, "余", "名"},
           ParseCase{"1000余人", 1000, "余", "人"},
           ParseCase{"500人", 500, "", "人"},
           ParseCase{"28支", 28, "", "支"},
           ParseCase{"53名", 53, "", "名"},
           ParseCase{"50余名", 50, "余", "名"},
           ParseCase{"约300人", 300, "约", "人"},
           ParseCase{"600余个", 600, "余", "个"},
           ParseCase{"2万余", 20000, "余", ""},
           ParseCase{"1.5万人", 15000, "", "人"},
           ParseCase{"100人以上", 100, "以上", "人"},
           ParseCase{"86次", 86, "", "次"},
           ParseCase{"十", 10, "", ""},
           ParseCase{"二十", 20, "", ""},
           ParseCase{"三百", 300, "", ""},
           ParseCase{"两千", 2000, "", ""},
           ParseCase{"４０", 40, "", ""},
           ParseCase{"４０余人", 40, "余", "人"},
           ParseCase{"40 余人", 40, "余", "人"},
           ParseCase{" 近 1000 名 ", 1000, "近", "名"},
           ParseCase{"1000多人", 1000, "多", "人"},
           ParseCase{"1,200人次", 1200, "", "人次"},
           ParseCase{"十余家", 10, "余", "家"},
           ParseCase{"三百五十人", 350, "", "人"},
           ParseCase{"100以上", 100, "以上", ""},
           ParseCase{"0人", 0, "", "人"},
       }) {
    const Result<Quantity> q = ParseQuantity(c.text);
    ASSERT_TRUE(q.ok()) << c.text << ": " << q.status().message();
    EXPECT_EQ(q->count, c.count) << c.text;
    EXPECT_EQ(q->qualifier, c.qualifier) << c.text;
    EXPECT_EQ(q->unit, c.unit) << c.text;
  }
}

TEST(Quantity, RejectsBadText) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "数量不能为空"},
           Case{"   ", "数量不能为空"},
           Case{"-5人", "数量不能为负数"},
           Case{"负5人", "数量不能为负数"},
           Case{"人", "数量格式不正确"},
           Case{"abc", "数量格式不正确"},
           Case{"余人", "数量格式不正确"},
           Case{"40abc", "数量格式不正确"},
           Case{"40人3", "数量格式不正确"},
           Case{"300人左右", "数量格式不正确"},
           Case{"1.2.3人", "数量格式不正确"},
           Case{"1,00人", "数量格式不正确"},
           Case{"一二人", "数量格式不正确"},
           Case{"十百人", "数量格式不正确"},
           Case{"1.55555万人", "数量必须是整数"},
           Case{"2.5人", "数量必须是整数"},
           Case{"99999999999999999999人", "数量过大"},
           Case{"9999999999999亿人", "数量过大"},
           Case{"近40余人", "数量只能有一个限定词（余、近、多、约、以上）"},
           Case{"40余人以上", "数量只能有一个限定词（余、近、多、约、以上）"},
       }) {
    const Result<Quantity> q = ParseQuantity(c.text, "beneficiaries");
    ASSERT_FALSE(q.ok()) << c.text;
    EXPECT_EQ(q.status().code(), Code::kInvalidArgument) << c.text;
    EXPECT_EQ(q.status().field(), "beneficiaries") << c.text;
    EXPECT_EQ(q.status().message(), c.message) << c.text;
  }
  EXPECT_EQ(ParseQuantity("").status().field(), "participants");
}

TEST(Quantity, IsQualifier) {
  for (const char* q : {"", "余", "近", "多", "约", "以上"}) EXPECT_TRUE(IsQualifier(q)) << q;
  for (const char* q : {"左右", "最高", "以下", "余人", " "}) EXPECT_FALSE(IsQualifier(q)) << q;
}

TEST(Quantity, Formats) {
  EXPECT_EQ(FormatQuantity({40, "余", "人"}), "40余人");
  EXPECT_EQ(FormatQuantity({1000, "近", "名"}), "近1000名");
  EXPECT_EQ(FormatQuantity({20000, "余", "人"}), "2万余人");
  EXPECT_EQ(FormatQuantity({15000, "", "人"}), "1.5万人");
  EXPECT_EQ(FormatQuantity({100, "以上", "人"}), "100人以上");
  EXPECT_EQ(FormatQuantity({300, "约", "人"}), "约300人");
  EXPECT_EQ(FormatQuantity({1000, "多", "人"}), "1000多人");
  EXPECT_EQ(FormatQuantity({12345, "", "人"}), "12345人");  // not a multiple of 1000
  EXPECT_EQ(FormatQuantity({12300, "", "人"}), "12300人");  // not a multiple of 1000
  EXPECT_EQ(FormatQuantity({9000, "", "人"}), "9000人");    // below 1万
  EXPECT_EQ(FormatQuantity({120000, "", ""}), "12万");
  EXPECT_EQ(FormatQuantity({86, "", "次"}), "86次");
}

TEST(Quantity, FormatInvertsParseForCanonicalText) {
  for (const char* text :
       {"40余人", "近1000名", "2万余人", "1000余人", "500人", "28支", "53名", "50余名", "约300人",
        "600余个", "2万余", "1.5万人", "100人以上", "86次", "1000多人", "12万人次"}) {
    const Result<Quantity> q = ParseQuantity(text);
    ASSERT_TRUE(q.ok()) << text << ": " << q.status().message();
    EXPECT_EQ(FormatQuantity(*q), text);
  }
}

TEST(Quantity, ParseInvertsFormat) {
  for (int64_t count : {0LL, 1LL, 99LL, 9999LL, 10000LL, 10001LL, 12300LL, 15000LL, 123000LL,
                        999999LL, 1000000LL, 100000000LL, 9223372036854775807LL}) {
    for (const char* qualifier : {"", "余", "近", "多", "约", "以上"}) {
      for (const char* unit : {"", "人", "人次", "家企业"}) {
        const Quantity q{count, qualifier, unit};
        const Result<Quantity> parsed = ParseQuantity(FormatQuantity(q));
        ASSERT_TRUE(parsed.ok()) << FormatQuantity(q) << ": " << parsed.status().message();
        EXPECT_EQ(*parsed, q) << FormatQuantity(q);
      }
    }
  }
}

TEST(ChineseNumber, ParsesNumerals) {
  struct Case {
    const char* text;
    int64_t value;
  };
  for (const Case& c : {
           Case{"零", 0},
           Case{"十", 10},
           Case{"十五", 15},
           Case{"二十", 20},
           Case{"二十一", 21},
           Case{"百", 100},
           Case{"三百", 300},
           Case{"三百五十", 350},
           Case{"三百五", 350},
           Case{"一百零五", 105},
           Case{"一千零五", 1005},
           Case{"两千", 2000},
           Case{"两千五", 2500},
           Case{"一万二", 12000},
           Case{"一万零二", 10002},
           Case{"十万", 100000},
           Case{"一百万", 1000000},
           Case{"一亿", 100000000},
           Case{"一万亿", 1000000000000},
           Case{"1,000", 1000},
           Case{"1千万", 10000000},
           Case{"0.5万", 5000},
           Case{"2.50万", 25000},
           Case{"1.55万", 15500},
           Case{"一千零十", 1010},
           Case{"1.0", 1},
           Case{"007", 7},
       }) {
    const Result<int64_t> value = ParseChineseNumber(c.text, 0, "n", "数量");
    ASSERT_TRUE(value.ok()) << c.text << ": " << value.status().message();
    EXPECT_EQ(*value, c.value) << c.text;
  }
}

TEST(ChineseNumber, ScalesByDecimals) {
  EXPECT_EQ(*ParseChineseNumber("3.25", 2, "f", "金额"), 325);
  EXPECT_EQ(*ParseChineseNumber("3.2", 2, "f", "金额"), 320);
  EXPECT_EQ(*ParseChineseNumber("十", 2, "f", "金额"), 1000);
  EXPECT_EQ(*ParseChineseNumber("1.23456万", 2, "f", "金额"), 1234560);
  const Result<int64_t> too_fine = ParseChineseNumber("3.255", 2, "f", "金额");
  ASSERT_FALSE(too_fine.ok());
  EXPECT_EQ(too_fine.status().message(), "金额最多保留2位小数");
  EXPECT_FALSE(ParseChineseNumber("", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("万千", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("5万万", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("一万万", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("一百千", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("一万百", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber(".5", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("5.", 0, "f", "数量").ok());
  EXPECT_FALSE(ParseChineseNumber("9223372036854775808", 0, "f", "数量").ok());
  EXPECT_EQ(*ParseChineseNumber("9223372036854775807", 0, "f", "数量"), INT64_MAX);
  EXPECT_FALSE(ParseChineseNumber("92233720368547758.08", 2, "f", "金额").ok());
}

TEST(ChineseNumber, NormalizesFullWidthAndSpaces) {
  EXPECT_EQ(NormalizeNumberText("１，０００．５ 万\u3000元"), "1,000.5万元");
  EXPECT_EQ(NormalizeNumberText("－３"), "-3");
  EXPECT_EQ(NormalizeNumberText("近千人"), "近千人");
}

TEST(RoundForQualifier, AsBulletinsWriteThem) {
  EXPECT_EQ(RoundForQualifier(484, "余"), 400);
  EXPECT_EQ(RoundForQualifier(47, "多"), 40);
  EXPECT_EQ(RoundForQualifier(1290, "以上"), 1200);
  EXPECT_EQ(RoundForQualifier(61, "近"), 70);
  EXPECT_EQ(RoundForQualifier(961, "近"), 1000);
  EXPECT_EQ(RoundForQualifier(23456, "余"), 23000);
  EXPECT_EQ(RoundForQualifier(9960, "约"), 10000);
  EXPECT_EQ(RoundForQualifier(9940, "约"), 9900);
  EXPECT_EQ(RoundForQualifier(50, "近"), 50) << "already round";
}

TEST(RoundForQualifier, SmallAndUnqualifiedCountsAreExact) {
  EXPECT_EQ(RoundForQualifier(484, ""), 484);
  EXPECT_EQ(RoundForQualifier(7, "余"), 7);
  EXPECT_EQ(RoundForQualifier(10, "余"), 10);
  for (int64_t n = 10; n < 30000; n += 7) {
    for (std::string_view q : {"余", "近", "多", "约", "以上"}) {
      int64_t r = RoundForQualifier(n, q);
      ASSERT_GT(r, 0) << n << q;
      ASSERT_EQ(r % (r < 100 ? 10 : r < 10000 ? 100 : 1000), 0) << n << q << " → " << r;
    }
  }
}

}  // namespace
}  // namespace gonghui
