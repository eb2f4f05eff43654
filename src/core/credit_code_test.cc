#include "core/credit_code.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

constexpr char kWellKnown[] = "91350100M000100Y43";

TEST(CreditCode, AcceptsWellKnownValidCode) {
  const Status status = CheckCreditCode(kWellKnown);
  EXPECT_TRUE(status.ok()) << status.message();
}

TEST(CreditCode, RejectsCorruptedCheckCharacter) {
  // Last character 3 -> 4.
  const Status status = CheckCreditCode("91350100M000100Y44");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_EQ(status.field(), "credit_code");
  EXPECT_EQ(status.message(), "统一社会信用代码校验位错误");
}

TEST(CreditCode, RejectsCorruptedBodyCharacter) {
  // M -> N in the organisation code: the check character no longer fits.
  const Status status = CheckCreditCode("91350100N000100Y43");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "统一社会信用代码校验位错误");
}

TEST(CreditCode, DistinguishesLengthCharacterAndRegionErrors) {
  struct Case {
    const char* code;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "统一社会信用代码不能为空"},
           Case{"91350100M000100Y4", "统一社会信用代码应为18位"},
           Case{"91350100M000100Y433", "统一社会信用代码应为18位"},
           Case{"91350100M000100I43",
                "统一社会信用代码含有非法字符（只能是数字和除I、O、Z、S、V以外的大写字母）"},
           Case{"91350100O000100Y43",
                "统一社会信用代码含有非法字符（只能是数字和除I、O、Z、S、V以外的大写字母）"},
           Case{"91350100m000100y43",
                "统一社会信用代码含有非法字符（只能是数字和除I、O、Z、S、V以外的大写字母）"},
           Case{"91350100M000100 43",
                "统一社会信用代码含有非法字符（只能是数字和除I、O、Z、S、V以外的大写字母）"},
           Case{"913501A0M000100Y43", "统一社会信用代码第3至8位应为行政区划码数字"},
       }) {
    const Status status = CheckCreditCode(c.code, "employer.credit_code");
    ASSERT_FALSE(status.ok()) << c.code;
    EXPECT_EQ(status.field(), "employer.credit_code") << c.code;
    EXPECT_EQ(status.message(), c.message) << c.code;
  }
}

TEST(CreditCode, CompleteCreditCodeAppendsCheckCharacter) {
  // Expected check characters computed independently from the GB 32100 weights.
  EXPECT_EQ(CompleteCreditCode("91350100M000100Y4"), kWellKnown);
  EXPECT_EQ(CompleteCreditCode("91500108MA5U00001"), "91500108MA5U00001Q");
  EXPECT_EQ(CompleteCreditCode("51500000MJ0000000"), "51500000MJ0000000W");
  EXPECT_TRUE(CheckCreditCode(CompleteCreditCode("91500108MA5U00001")).ok());
  // A weighted sum divisible by 31 gives check value 31, written 0.
  EXPECT_EQ(CompleteCreditCode("91500108MA5U00013"), "91500108MA5U000130");
  EXPECT_TRUE(CheckCreditCode("91500108MA5U000130").ok());
  EXPECT_EQ(CompleteCreditCode("91350100M000100Y"), "");   // 16 characters
  EXPECT_EQ(CompleteCreditCode("91350100M000100S4"), "");  // S is not in the alphabet
  // Found by fuzz/credit_code: letters in the division code (characters 3–8) made a code that
  // CheckCreditCode refuses.
  EXPECT_EQ(CompleteCreditCode("913501A0M000100Y4"), "");
}

TEST(CreditCode, EveryGeneratedCodeChecksAndEverySingleChangeIsCaught) {
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const std::string code = CompleteCreditCode("92500108MA60XK3B7");
  ASSERT_EQ(code.size(), 18u);
  ASSERT_TRUE(CheckCreditCode(code).ok());
  for (size_t pos = 0; pos < code.size(); ++pos) {
    for (char c : kAlphabet) {
      if (c == code[pos] || (pos >= 2 && pos < 8 && (c < '0' || c > '9'))) continue;
      std::string changed = code;
      changed[pos] = c;
      EXPECT_FALSE(CheckCreditCode(changed).ok()) << changed;
    }
  }
}

}  // namespace
}  // namespace gonghui
