#include "core/idcard.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

// Fixture numbers are synthetic: region 500108 with invented birth dates and sequence numbers,
// their check characters computed independently of the code under test.
constexpr char kValidX[] = "50010819850612001X";
constexpr char kValidDigit[] = "500108199003071230";
constexpr char kValidFemale[] = "500108199003071222";

TEST(IdNumber, ParsesValidNumberWithXCheckChar) {
  Result<IdNumberInfo> info = ParseIdNumber(kValidX);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->number, "50010819850612001X");
  EXPECT_EQ(info->birth_date, "1985-06-12");
  EXPECT_EQ(info->gender, "male");  // 17th digit 1
  EXPECT_EQ(info->region_code, "500108");
}

TEST(IdNumber, ParsesValidNumberWithDigitCheckChar) {
  Result<IdNumberInfo> info = ParseIdNumber(kValidDigit);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->number, kValidDigit);
  EXPECT_EQ(info->birth_date, "1990-03-07");
  EXPECT_EQ(info->gender, "male");  // 17th digit 3

  Result<IdNumberInfo> female = ParseIdNumber(kValidFemale);
  ASSERT_TRUE(female.ok()) << female.status().message();
  EXPECT_EQ(female->gender, "female");  // 17th digit 2
}

TEST(IdNumber, TrimsSpacesAndUppercasesX) {
  Result<IdNumberInfo> info = ParseIdNumber("  50010819850612001x \u3000");
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->number, kValidX);
}

TEST(IdNumber, RejectsOneChangedDigitWithCheckMessage) {
  // Sequence digit 0 -> 1: still a well-formed number, but the check character no longer fits.
  Result<IdNumberInfo> info = ParseIdNumber("50010819850612011X");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(info.status().field(), "id_number");
  EXPECT_EQ(info.status().message(), "身份证号码校验位错误");

  Result<IdNumberInfo> changed_check = ParseIdNumber("500108199003071231");
  ASSERT_FALSE(changed_check.ok());
  EXPECT_EQ(changed_check.status().message(), "身份证号码校验位错误");
}

TEST(IdNumber, RejectsWrongLengthAndCharacters) {
  const Result<IdNumberInfo> empty = ParseIdNumber("   ");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "身份证号码不能为空");

  const Result<IdNumberInfo> short_number = ParseIdNumber("50010819850612001");
  ASSERT_FALSE(short_number.ok());
  EXPECT_EQ(short_number.status().message(), "身份证号码应为18位");

  const Result<IdNumberInfo> fifteen = ParseIdNumber("500108850612001");
  ASSERT_FALSE(fifteen.ok());
  EXPECT_EQ(fifteen.status().message(), "身份证号码应为18位");

  const Result<IdNumberInfo> letter = ParseIdNumber("5001081985061200AX");
  ASSERT_FALSE(letter.ok());
  EXPECT_EQ(letter.status().message(), "身份证号码只能由数字和末位的X组成");

  const Result<IdNumberInfo> x_in_middle = ParseIdNumber("500108198506X20010");
  ASSERT_FALSE(x_in_middle.ok());
  EXPECT_EQ(x_in_middle.status().message(), "身份证号码只能由数字和末位的X组成");

  const Result<IdNumberInfo> bad_last = ParseIdNumber("50010819850612001Y");
  ASSERT_FALSE(bad_last.ok());
  EXPECT_EQ(bad_last.status().message(), "身份证号码只能由数字和末位的X组成");
}

TEST(IdNumber, UsesCallerField) {
  const Result<IdNumberInfo> info = ParseIdNumber("123", "members[3].id_number");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().field(), "members[3].id_number");
}

TEST(IdNumber, ChecksBirthDateOnTheCalendar) {
  // 2000 is a leap year: Feb 29 exists.
  const Result<IdNumberInfo> leap = ParseIdNumber(CompleteIdNumber("50010820000229002"));
  ASSERT_TRUE(leap.ok()) << leap.status().message();
  EXPECT_EQ(leap->birth_date, "2000-02-29");
  EXPECT_EQ(CompleteIdNumber("50010820000229002"), "500108200002290023");

  // 1900 and 2023 are not leap years.
  for (const char* first17 : {"50010819000229001", "50010820230229001", "50010819850231001",
                              "50010819851301001", "50010819850000001", "50010818991231001"}) {
    const Result<IdNumberInfo> info = ParseIdNumber(CompleteIdNumber(first17));
    ASSERT_FALSE(info.ok()) << first17;
    EXPECT_EQ(info.status().message(), "身份证号码中的出生日期无效") << first17;
  }

  // Found by fuzz/idcard: a birth year of 5100 was accepted, a date no other field of gonghui
  // can hold (dates are 1900–2100).
  for (const char* first17 : {"10101051000213273", "50010821010101001"}) {
    const Result<IdNumberInfo> info = ParseIdNumber(CompleteIdNumber(first17));
    ASSERT_FALSE(info.ok()) << first17;
    EXPECT_EQ(info.status().message(), "身份证号码中的出生日期无效") << first17;
  }
  EXPECT_TRUE(ParseIdNumber(CompleteIdNumber("50010821001231001")).ok()) << "2100-12-31";

  const Result<IdNumberInfo> earliest = ParseIdNumber("500108190001010011");
  ASSERT_TRUE(earliest.ok()) << earliest.status().message();
  EXPECT_EQ(earliest->birth_date, "1900-01-01");
}

TEST(IdNumber, CompleteIdNumberAppendsCheckChar) {
  EXPECT_EQ(CompleteIdNumber("50010819850612001"), "50010819850612001X");
  EXPECT_EQ(CompleteIdNumber("11010519491231002"), "11010519491231002X");
  EXPECT_EQ(CompleteIdNumber("50010819900307123"), "500108199003071230");
  EXPECT_EQ(CompleteIdNumber("5001081990030712"), "");    // 16 digits
  EXPECT_EQ(CompleteIdNumber("5001081990030712A"), "");   // not a digit
  EXPECT_EQ(CompleteIdNumber("500108199003071234"), "");  // 18 digits
}

TEST(IdNumber, MasksNumbers) {
  EXPECT_EQ(MaskIdNumber("500108199003071234"), "500108********1234");
  EXPECT_EQ(MaskIdNumber(kValidX), "500108********001X");
  EXPECT_EQ(MaskIdNumber("500108850612001"), "***********2001");  // 15-digit legacy number
  EXPECT_EQ(MaskIdNumber("12345"), "*2345");
  EXPECT_EQ(MaskIdNumber("1234"), "****");
  EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(Phone, AcceptsMobilesAndLandlines) {
  for (const char* phone :
       {"13812345678", "19912345678", "15000000000", "023-12345678", "02312345678", "010-1234567",
        "0755-12345678", "0851-1234567", "0851123456"}) {
    EXPECT_TRUE(CheckPhone(phone).ok()) << phone;
  }
}

TEST(Phone, RejectsMalformedNumbers) {
  struct Case {
    const char* phone;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "电话号码不能为空"},
           Case{"1381234567", "手机号码应为11位数字"},
           Case{"138123456789", "手机号码应为11位数字"},
           Case{"12812345678", "手机号码号段不正确"},
           Case{"10012345678", "手机号码号段不正确"},
           Case{"023-123456", "固定电话格式不正确，应为区号加7至8位号码"},
           Case{"023-123456789", "固定电话格式不正确，应为区号加7至8位号码"},
           Case{"02-12345678", "固定电话格式不正确，应为区号加7至8位号码"},
           Case{"023-0234567", "固定电话格式不正确，应为区号加7至8位号码"},
           Case{"0231234567890", "固定电话格式不正确，应为区号加7至8位号码"},
           Case{"023-1234567a", "固定电话格式不正确，应为区号加7至8位号码"},
           Case{"+8613812345678", "电话号码格式不正确，应为11位手机号码或带区号的固定电话"},
           Case{"abc", "电话号码格式不正确，应为11位手机号码或带区号的固定电话"},
           Case{"138 1234 5678", "电话号码格式不正确，应为11位手机号码或带区号的固定电话"},
       }) {
    const Status status = CheckPhone(c.phone, "contact_phone");
    ASSERT_FALSE(status.ok()) << c.phone;
    EXPECT_EQ(status.code(), Code::kInvalidArgument) << c.phone;
    EXPECT_EQ(status.field(), "contact_phone") << c.phone;
    EXPECT_EQ(status.message(), c.message) << c.phone;
  }
}

TEST(Phone, MasksPhones) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("023-12345678"), "023*****5678");
  EXPECT_EQ(MaskPhone("12345678"), "123*5678");
  EXPECT_EQ(MaskPhone("1234567"), "*****67");
  EXPECT_EQ(MaskPhone("12"), "**");
  EXPECT_EQ(MaskPhone(""), "");
}

}  // namespace
}  // namespace gonghui
