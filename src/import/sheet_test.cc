// The file side of the imports: header variants, the cells spreadsheets
// mangle, CSV and xlsx files read alike.
#include "import/sheet.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/test_util.h"

namespace gonghui::import {
namespace {

Cell Text(std::string t) { return {Cell::Kind::kText, std::move(t), false}; }
Cell Number(std::string t) { return {Cell::Kind::kNumber, std::move(t), false}; }

const std::vector<Column> kColumns = {
    {"name", "姓名", {"会员姓名"}, true},
    {"id_number", "身份证号码", {"身份证号", "公民身份号码"}, true, true},
    {"phone", "手机号码", {"手机", "联系电话"}, false, true},
};

TEST(ImportSheet, HeadersMatchTheirUsualVariants) {
  EXPECT_EQ(NormalizeHeader(" 身份证 号码 "), "身份证号码");
  EXPECT_EQ(NormalizeHeader("姓名*"), "姓名");
  EXPECT_EQ(NormalizeHeader("姓名（必填）"), "姓名");
  EXPECT_EQ(NormalizeHeader("\u3000手机号码："), "手机号码");
  EXPECT_EQ(NormalizeHeader("ＩＤ"), "id");
  Result<HeaderMatch> m =
      MatchHeader({Text("序号"), Text("公民身份号码"), Text("会员姓名 *"), Text("手机")}, kColumns);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->index, (std::vector<int>{2, 1, 3}));
  EXPECT_EQ(m->ignored, (std::vector<std::string>{"序号"}));
  EXPECT_TRUE(LooksLikeHeader({Text("姓名"), Text("身份证号")}, kColumns));
  EXPECT_FALSE(LooksLikeHeader({Text("2024年会员名单"), Text("姓名")}, kColumns));
}

TEST(ImportSheet, AHeaderMissingARequiredColumnOrHoldingOneTwiceIsRefused) {
  Result<HeaderMatch> missing = MatchHeader({Text("手机")}, kColumns);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "file");
  EXPECT_NE(missing.status().message().find("“姓名”、“身份证号码”"), std::string::npos);
  Result<HeaderMatch> twice =
      MatchHeader({Text("姓名"), Text("身份证号"), Text("身份证号码")}, kColumns);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("出现了两次（第 2 列和第 3 列）"), std::string::npos);
}

TEST(ImportSheet, IdNumbersTurnedIntoNumbersAreRefusedPhonesKept) {
  EXPECT_EQ(*DigitsOf(Text(" 500108199001011234 "), false), "500108199001011234");
  Result<std::string> number = DigitsOf(Number("5.00108199001011E+17"), false);
  ASSERT_FALSE(number.ok());
  EXPECT_NE(number.status().message().find("存成了数字"), std::string::npos);
  // A CSV saved from such a column keeps Excel's display.
  EXPECT_FALSE(DigitsOf(Text("5.00108E+17"), false).ok());
  EXPECT_EQ(*DigitsOf(Number("13800138000"), true), "13800138000");
  EXPECT_FALSE(DigitsOf(Number("1.38001E+10"), true).ok());
  Cell formula = Text("500108199001011234");
  formula.formula = true;
  EXPECT_NE(DigitsOf(formula, false).status().message().find("公式"), std::string::npos);
  EXPECT_NE(TextOf({Cell::Kind::kError, "#N/A", false}).status().message().find("#N/A"),
            std::string::npos);
  EXPECT_FALSE(TextOf({Cell::Kind::kBool, "TRUE", false}).ok());
}

TEST(ImportSheet, DatesAsSerialsAndAsText) {
  auto date = [](const Cell& c) {
    Result<std::optional<Date>> d = DateOf(c);
    return d.ok() && *d ? (*d)->ToString() : d.ok() ? "empty" : "error";
  };
  EXPECT_EQ(date(Number("45352")), "2024-03-01");
  EXPECT_EQ(date(Number("45352.75")), "2024-03-01");  // a time of day
  EXPECT_EQ(date(Number("1")), "1900-01-01");
  EXPECT_EQ(date(Number("61")), "1900-03-01");  // after Excel's 29 February 1900
  EXPECT_EQ(date(Text("2024-03-01")), "2024-03-01");
  EXPECT_EQ(date(Text("2024/3/1")), "2024-03-01");
  EXPECT_EQ(date(Text("2024.3.1")), "2024-03-01");
  EXPECT_EQ(date(Text("2024年3月1日")), "2024-03-01");
  EXPECT_EQ(date(Text("20240301")), "2024-03-01");
  EXPECT_EQ(date(Text("2024-03-01 08:30:00")), "2024-03-01");
  EXPECT_EQ(date(Text("")), "empty");
  EXPECT_EQ(date(Text("2024-02-30")), "error");
  EXPECT_EQ(date(Text("3/1/2024")), "error");
  EXPECT_EQ(date(Text("下周")), "error");
  EXPECT_EQ(date(Number("-3")), "error");
}

TEST(ImportSheet, WholeNumbersAsNumberCellsAndAsText) {
  auto whole = [](const Cell& c) {
    Result<std::optional<int64_t>> n = WholeOf(c, 10'000'000);
    return n.ok() && *n ? std::to_string(**n) : n.ok() ? "empty" : "error";
  };
  EXPECT_EQ(whole(Number("120")), "120");
  EXPECT_EQ(whole(Number("120.0")), "120");
  EXPECT_EQ(whole(Text("1,200")), "1200");
  EXPECT_EQ(whole(Text("35人")), "35");
  EXPECT_EQ(whole(Text("0")), "0");
  EXPECT_EQ(whole(Text("")), "empty");
  EXPECT_EQ(whole(Number("12.5")), "error");
  EXPECT_EQ(whole(Number("-1")), "error");
  EXPECT_EQ(whole(Number("20000000")), "error");
  EXPECT_EQ(whole(Text("约300")), "error");
  EXPECT_EQ(whole(Text("99999999999999999999")), "error");
  EXPECT_EQ(whole(Text("人")), "error");
}

TEST(ImportSheet, CsvRowsWithoutBlanksAndOldXlsRefused) {
  const std::string dir = ::testing::TempDir();
  const std::string csv = dir + "/sheet_test.csv";
  std::ofstream(csv, std::ios::binary) << "姓名,身份证号码\r\n张三,1\r\n,,\r\n李四,2,,\r\n";
  Result<std::unique_ptr<Sheet>> sheet = Sheet::Open(csv);
  ASSERT_TRUE(sheet.ok()) << sheet.status().message();
  EXPECT_EQ((*sheet)->FileFormat(), Format::kCsv);
  std::vector<std::pair<int64_t, std::vector<std::string>>> rows;
  for (;;) {
    Result<std::optional<Cells>> row = (*sheet)->Next();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    rows.emplace_back((*sheet)->Line(), CellTexts(**row));
  }
  EXPECT_EQ((*sheet)->Encoding(), "UTF-8");
  EXPECT_DOUBLE_EQ((*sheet)->Fraction(), 1.0);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].first, 4);
  EXPECT_EQ(rows[2].second, (std::vector<std::string>{"李四", "2"}));

  const std::string xls = dir + "/sheet_test.xls";
  std::ofstream(xls, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  Result<std::unique_ptr<Sheet>> old = Sheet::Open(xls);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find(".xls"), std::string::npos);
  const std::string empty = dir + "/sheet_test_empty.csv";
  std::ofstream(empty, std::ios::binary) << "";
  EXPECT_FALSE(Sheet::Open(empty).ok());
}

}  // namespace
}  // namespace gonghui::import
