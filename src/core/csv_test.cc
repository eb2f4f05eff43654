#include "core/csv.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <sstream>

namespace gonghui {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> ReadAll(const std::string& bytes, TextEncoding* encoding = nullptr) {
  std::istringstream in(bytes);
  CsvReader reader(in);
  Rows rows;
  for (;;) {
    GH_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> r, reader.Next());
    if (!r) break;
    rows.push_back(std::move(*r));
  }
  if (encoding) *encoding = reader.Encoding();
  return rows;
}

std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 8, '\0');
  std::string in = utf8;
  char* src = in.data();
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  EXPECT_NE(iconv(cd, &src, &src_left, &dst, &dst_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

TEST(Csv, FieldsAsExcelWritesThem) {
  auto rows = ReadAll(
      "姓名,身份证号,备注\r\n张三,\"110101199003077777\",\"含,逗号\"\r\n李四,,\"两\r\n行\"\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(*rows, (Rows{{"姓名", "身份证号", "备注"},
                         {"张三", "110101199003077777", "含,逗号"},
                         {"李四", "", "两\r\n行"}}));
}

TEST(Csv, QuotesLineEndingsAndTheLastLine) {
  auto rows = ReadAll("a,\"say \"\"hi\"\"\"\nb\"c,d\r\"e\"f,\n\nlast");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"a", "say \"hi\""}, {"b\"c", "d"}, {"ef", ""}, {""}, {"last"}}));
  EXPECT_EQ(*ReadAll(""), Rows{});
  EXPECT_EQ(*ReadAll("x\n"), (Rows{{"x"}}));
}

TEST(Csv, TheBomAndUtf8AreDetected) {
  TextEncoding e = TextEncoding::kGb18030;
  auto rows = ReadAll("\xEF\xBB\xBF工会,会员\n", &e);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(e, TextEncoding::kUtf8);
  EXPECT_EQ(*rows, (Rows{{"工会", "会员"}}));
}

TEST(Csv, Gb18030IsDetectedAndConverted) {
  const std::string text = "姓名,手机号码\n王五,13800000000\n𠀀字,x\n";
  TextEncoding e = TextEncoding::kUtf8;
  auto rows = ReadAll(ToGb18030(text), &e);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(e, TextEncoding::kGb18030);
  EXPECT_EQ(*rows, (Rows{{"姓名", "手机号码"}, {"王五", "13800000000"}, {"𠀀字", "x"}}));
}

TEST(Csv, LongFilesCrossBlocksWithCharactersCutAtTheEdge) {
  // Each row is 3 + 1 + 12 + 1 bytes in UTF-8: block edges fall inside characters.
  std::string utf8;
  for (int i = 0; i < 20000; ++i) utf8 += "重庆市,南岸区总工会\n";
  for (const std::string& bytes : {utf8, ToGb18030(utf8)}) {
    std::istringstream in(bytes);
    CsvReader reader(in);
    int n = 0;
    for (;;) {
      auto r = reader.Next();
      ASSERT_TRUE(r.ok()) << r.status().message();
      if (!*r) break;
      ASSERT_EQ(**r, (std::vector<std::string>{"重庆市", "南岸区总工会"})) << n;
      ++n;
      EXPECT_EQ(reader.Line(), n);
    }
    EXPECT_EQ(n, 20000);
  }
}

TEST(Csv, ErrorsNameTheLine) {
  auto open = ReadAll("a\nb\n\"c,\nd\n");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().field(), "file");
  EXPECT_NE(open.status().message().find("第 3 行"), std::string::npos) << open.status().message();
  EXPECT_NE(open.status().message().find("引号"), std::string::npos);

  // UTF-8 at the start, then a byte that is not.
  std::string bad;
  for (int i = 0; i < 5000; ++i) bad += "中文,ok\n";
  bad += "x\xC3\x28\n";
  const auto broken = ReadAll(bad);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("第 5001 行"), std::string::npos)
      << broken.status().message();

  const auto wide = ReadAll(std::string(CsvReader::kMaxField + 1, 'x'));
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.status().message().find("第 1 行"), std::string::npos);
}

TEST(Csv, Utf8Validity) {
  EXPECT_TRUE(IsValidUtf8("工会 ok 𠀀"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                                   // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));                               // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));                           // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE5\xB7"));                                   // cut
  EXPECT_EQ(DetectEncoding("\xE5\xB7\xA5\xE4\xBC"), TextEncoding::kUtf8);  // cut at the end
  EXPECT_EQ(DetectEncoding("\xB9\xA4\xBB\xE1"), TextEncoding::kGb18030);   // 工会 in GBK
}

}  // namespace
}  // namespace gonghui
