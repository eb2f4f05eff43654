#include "core/xlsx.h"

#include <gtest/gtest.h>

#include <cmath>
#include <future>
#include <regex>

#include "core/test_util.h"

namespace gonghui {
namespace {

using test_util::ZipEntry;

XlsxSheet Ranking() {
  return {"信息采用排名",
          "2024年5月信息采用积分排名",
          {"排名", "单位", "采用篇数", "积分"},
          {{int64_t{1}, std::string("南岸区总工会"), int64_t{12}, 36.5},
           {int64_t{2}, std::string("市金融财贸轻工纺织工会"), int64_t{9}, 27.25},
           {int64_t{3}, std::string("<巫山> & \"奉节\""), int64_t{7}, 21.0}}};
}

std::string Entry(const std::string& xlsx, const std::string& name) {
  const std::optional<std::string> entry = ZipEntry(xlsx, name);
  EXPECT_TRUE(entry.has_value()) << name;
  return entry.value_or("");
}

// The cell `ref` (e.g. "C3") of a sheet's XML: its attributes and content.
std::string Cell(const std::string& sheet_xml, const std::string& ref) {
  std::smatch match;
  if (!std::regex_search(sheet_xml, match, std::regex("<c r=\"" + ref + "\"[^>]*>.*?</c>"))) {
    return "";
  }
  return match[0];
}

// The regex_search matches of `pattern` in `text`, first group each.
std::vector<std::string> AllMatches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

// Whether a cell's style (s="N", an index into styles.xml's cellXfs) has a
// bold font.
bool IsBold(const std::string& styles, const std::string& cell) {
  std::smatch style;
  if (!std::regex_search(cell, style, std::regex(" s=\"(\\d+)\""))) return false;
  const size_t xfs = styles.find("<cellXfs");
  const std::vector<std::string> font_ids =
      AllMatches(styles.substr(xfs, styles.find("</cellXfs>") - xfs), "<xf [^>]*fontId=\"(\\d+)\"");
  const size_t fonts_at = styles.find("<fonts");
  const std::vector<std::string> fonts =
      AllMatches(styles.substr(fonts_at, styles.find("</fonts>") - fonts_at), "<font>(.*?)</font>");
  const size_t xf = std::stoul(style[1]);
  if (xf >= font_ids.size()) return false;
  const size_t font = std::stoul(font_ids[xf]);
  return font < fonts.size() && fonts[font].find("<b/>") != std::string::npos;
}

// The width of column `column` (1-based) from the sheet's <cols>.
double ColumnWidth(const std::string& sheet_xml, int column) {
  const std::string col = std::to_string(column);
  std::smatch match;
  if (!std::regex_search(
          sheet_xml, match,
          std::regex("<col min=\"" + col + "\" max=\"" + col + "\" width=\"([0-9.]+)\""))) {
    return 0;
  }
  return std::stod(match[1]);
}

TEST(Xlsx, WritesTitleHeaderAndTypedCells) {
  const Result<std::string> xlsx = WriteXlsx({Ranking()});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  EXPECT_EQ(xlsx->substr(0, 2), "PK");

  EXPECT_NE(Entry(*xlsx, "xl/workbook.xml").find("name=\"信息采用排名\""), std::string::npos);
  const std::string strings = Entry(*xlsx, "xl/sharedStrings.xml");
  for (const char* text :
       {"2024年5月信息采用积分排名", "采用篇数", "南岸区总工会", "&lt;巫山&gt; &amp; \"奉节\""}) {
    EXPECT_NE(strings.find(text), std::string::npos) << text;
  }

  const std::string sheet = Entry(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<mergeCell ref=\"A1:D1\"/>"), std::string::npos) << "title across columns";
  // Frozen below the title and the header.
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<pane ySplit=\"2\" topLeftCell=\"A3\"[^>]*"
                                                  "state=\"frozen\"")))
      << sheet;
  // Header and names are shared strings; counts and scores are numbers.
  EXPECT_NE(Cell(sheet, "B2").find("t=\"s\""), std::string::npos);
  EXPECT_NE(Cell(sheet, "B3").find("t=\"s\""), std::string::npos);
  EXPECT_EQ(Cell(sheet, "C3"), "<c r=\"C3\"><v>12</v></c>");
  EXPECT_EQ(Cell(sheet, "D3"), "<c r=\"D3\"><v>36.5</v></c>");
  EXPECT_EQ(Cell(sheet, "D4"), "<c r=\"D4\"><v>27.25</v></c>");

  const std::string styles = Entry(*xlsx, "xl/styles.xml");
  EXPECT_TRUE(IsBold(styles, Cell(sheet, "A1"))) << "title";
  EXPECT_TRUE(IsBold(styles, Cell(sheet, "D2"))) << "header";
  EXPECT_FALSE(IsBold(styles, Cell(sheet, "B3"))) << "data";

  // 市金融财贸轻工纺织工会 is 11 CJK characters: 22 columns wide at least.
  EXPECT_GE(ColumnWidth(sheet, 2), 22);
  EXPECT_LT(ColumnWidth(sheet, 1), 10);
  EXPECT_GE(ColumnWidth(sheet, 3), 8) << "采用篇数: 4 CJK characters";
}

TEST(Xlsx, SheetNamesExcelAccepts) {
  XlsxSheet bad = Ranking();
  bad.name = "a/b:c*d?e[f]g\\h 这是一个超过三十一个字符的非常非常非常长的工作表名称";
  XlsxSheet same = Ranking();
  XlsxSheet unnamed = Ranking();
  unnamed.name = "''";
  const Result<std::string> xlsx = WriteXlsx({Ranking(), same, bad, unnamed});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  const std::string workbook = Entry(*xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"信息采用排名\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"信息采用排名 (2)\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"a_b_c_d_e_f_g_h 这是一个超过三十一个字符的非常\""),
            std::string::npos)
      << workbook;
  EXPECT_NE(workbook.find("name=\"Sheet4\""), std::string::npos);
}

TEST(Xlsx, NoTitleNoRowsAndOddValues) {
  XlsxSheet sheet{"空表", "", {"单位", "数值"}, {{std::string("甲"), std::nan("")}}};
  const Result<std::string> xlsx = WriteXlsx({sheet});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  const std::string xml = Entry(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("<pane ySplit=\"1\" topLeftCell=\"A2\""), std::string::npos) << xml;
  EXPECT_EQ(xml.find("nan"), std::string::npos);
  EXPECT_EQ(Cell(xml, "B2"), "");

  const Result<std::string> empty = WriteXlsx({});
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_TRUE(ZipEntry(*empty, "xl/worksheets/sheet1.xml").has_value());
}

TEST(Xlsx, ManyThreadsAtOnce) {
  std::vector<std::future<Result<std::string>>> runs;
  for (int i = 0; i < 4; ++i)
    runs.push_back(std::async(std::launch::async, [] { return WriteXlsx({Ranking()}); }));
  for (auto& run : runs) {
    const Result<std::string> xlsx = run.get();
    ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
    EXPECT_NE(Entry(*xlsx, "xl/sharedStrings.xml").find("南岸区总工会"), std::string::npos);
  }
}

}  // namespace
}  // namespace gonghui
