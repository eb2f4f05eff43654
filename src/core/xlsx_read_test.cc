#include "core/xlsx_read.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>

#include "core/test_util.h"
#include "core/xlsx.h"

namespace gonghui {
namespace {

using Kind = XlsxReadCell::Kind;
using test_util::Quote;
using test_util::RunCommand;
using test_util::TempDir;

XlsxReadCell Text(std::string t) { return {Kind::kText, std::move(t), false}; }
XlsxReadCell Number(std::string t) { return {Kind::kNumber, std::move(t), false}; }
const XlsxReadCell kEmpty{};

}  // namespace

// How gtest prints a cell when a test fails.
void PrintTo(const XlsxReadCell& c, std::ostream* os) {
  *os << "{" << static_cast<int>(c.kind) << ", \"" << c.text << "\""
      << (c.formula ? ", formula" : "") << "}";
}

namespace {

struct Read {
  std::vector<std::pair<int64_t, std::vector<XlsxReadCell>>> rows;
  std::string sheet;
};

Result<Read> ReadAll(Result<std::unique_ptr<XlsxReader>> opened) {
  GH_ASSIGN_OR_RETURN(std::unique_ptr<XlsxReader> reader, std::move(opened));
  Read out;
  out.sheet = reader->SheetName();
  for (;;) {
    GH_ASSIGN_OR_RETURN(std::optional<std::vector<XlsxReadCell>> row, reader->Next());
    if (!row) return out;
    out.rows.emplace_back(reader->Line(), std::move(*row));
  }
}

// A package made of these parts, as a writer other than ours might lay it out.
std::string Package(const std::map<std::string, std::string>& parts) {
  return test_util::ZipPackage({parts.begin(), parts.end()});
}

const char* const kWorkbook =
    R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="会员" sheetId="1" r:id="rId7"/><x:sheet name="其他" sheetId="2" r:id="rId8"/></x:sheets></x:workbook>)";
const char* const kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Target="worksheets/other.xml"/><Relationship Id="rId7" Target="/xl/worksheets/members.xml"/></Relationships>)";

TEST(XlsxRead, EveryKindOfCellAsExcelStoresThem) {
  const std::string shared =
      R"(<sst><si><t>姓名</t></si><si><r><t>身份</t></r><r><rPr><b/></rPr><t>证号</t></r><rPh><t>ミ</t></rPh></si><si><t xml:space="preserve"> 张三 </t></si></sst>)";
  const std::string sheet =
      R"(<x:worksheet xmlns:x="m"><x:sheetData>)"
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="2"/>)"
      R"(<x:row r="4"><x:c r="A4" t="s"><x:v>2</x:v></x:c><x:c r="B4"><x:v>5.00108E+17</x:v></x:c>)"
      R"(<x:c r="D4" t="inlineStr"><x:is><x:t>内联 &amp; 文本</x:t></x:is></x:c><x:c r="E4"><x:f>SUM(1,2)</x:f><x:v>3</x:v></x:c>)"
      R"(<x:c r="F4" t="b"><x:v>1</x:v></x:c><x:c r="G4" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="H4" s="3"/></x:row>)"
      R"(<x:row><x:c t="str"><x:f>A4</x:f><x:v>张三</x:v></x:c><x:c><x:v>45292</x:v></x:c></x:row>)"
      R"(</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>)";
  auto read = ReadAll(XlsxReader::OpenBytes(Package({{"xl/workbook.xml", kWorkbook},
                                                     {"xl/_rels/workbook.xml.rels", kRels},
                                                     {"xl/sharedStrings.xml", shared},
                                                     {"xl/worksheets/members.xml", sheet},
                                                     {"xl/worksheets/other.xml", "<bad"}})));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->sheet, "会员");
  ASSERT_EQ(read->rows.size(), 3u);
  EXPECT_EQ(read->rows[0].first, 1);
  EXPECT_EQ(read->rows[0].second, (std::vector<XlsxReadCell>{Text("姓名"), Text("身份证号")}));
  EXPECT_EQ(read->rows[1].first, 4);
  EXPECT_EQ(read->rows[1].second, (std::vector<XlsxReadCell>{Text(" 张三 "),
                                                             Number("5.00108E+17"),
                                                             kEmpty,
                                                             Text("内联 & 文本"),
                                                             {Kind::kNumber, "3", true},
                                                             {Kind::kBool, "TRUE", false},
                                                             {Kind::kError, "#DIV/0!", false}}));
  EXPECT_EQ(read->rows[2].first, 5);
  EXPECT_EQ(read->rows[2].second,
            (std::vector<XlsxReadCell>{{Kind::kText, "张三", true}, Number("45292")}));
}

TEST(XlsxRead, WhatIsNotAWorkbookIsAnErrorOnTheFile) {
  for (
      const std::string& bytes :
      {std::string("姓名,身份证号\n"), Package({{"xl/workbook.xml", kWorkbook}}),
       Package({{"xl/workbook.xml", kWorkbook},
                {"xl/_rels/workbook.xml.rels", kRels},
                {"xl/worksheets/members.xml", "<worksheet><sheetData><row><c><v>1</v></row>"}}),
       Package(
           {{"xl/workbook.xml", kWorkbook},
            {"xl/_rels/workbook.xml.rels", kRels},
            {"xl/worksheets/members.xml",
             R"(<worksheet><sheetData><row r="3"><c t="s"><v>9</v></c></row></sheetData></worksheet>)"}})}) {
    auto read = ReadAll(XlsxReader::OpenBytes(bytes));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().field(), "file");
    EXPECT_EQ(read.status().code(), Code::kInvalidArgument) << read.status().message();
  }
  auto shared = ReadAll(XlsxReader::OpenBytes(Package(
      {{"xl/workbook.xml", kWorkbook},
       {"xl/_rels/workbook.xml.rels", kRels},
       {"xl/worksheets/members.xml",
        R"(<worksheet><sheetData><row r="3"><c t="s"><v>9</v></c></row></sheetData></worksheet>)"}})));
  EXPECT_NE(shared.status().message().find("第 3 行"), std::string::npos);
}

TEST(XlsxRead, OurOwnWorkbooksReadBackRowByRowAcrossBlocks) {
  XlsxSheet sheet{"名单", "", {"序号", "姓名", "金额"}, {}};
  for (int64_t i = 1; i <= 30000; ++i) {
    sheet.rows.push_back({i, std::string("会员") + std::to_string(i), 1.5});
  }
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok());
  TempDir dir;
  auto reader = XlsxReader::Open(dir.Write("list.xlsx", *bytes));
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ((*reader)->SheetName(), "名单");
  auto header = (*reader)->Next();
  ASSERT_TRUE(header.ok() && *header);
  EXPECT_EQ((**header)[1], Text("姓名"));
  int64_t n = 0;
  for (;;) {
    auto row = (*reader)->Next();
    ASSERT_TRUE(row.ok()) << row.status().message();
    if (!*row) break;
    ++n;
    ASSERT_EQ((**row)[0], Number(std::to_string(n)));
    ASSERT_EQ((**row)[1], Text("会员" + std::to_string(n)));
    ASSERT_EQ((**row)[2], Number("1.5"));
  }
  EXPECT_EQ(n, 30000);
}

// LibreOffice takes seconds to start: one test reads what it writes.
TEST(XlsxRead, AWorkbookLibreOfficeWrote) {
  if (!test_util::HasTool("soffice")) GTEST_SKIP() << "soffice is not installed";
  TempDir dir;
  const std::string csv = dir.Write(
      "members.csv", "姓名,身份证号,入会日期\n张三,'110101199003077777,2020-01-01\n李四,,\n");
  // The CSV is UTF-8 (character set 76), comma-separated, quoted with ".
  std::string command =
      test_util::LibreOfficeConvert(dir.Path() + "/profile", "xlsx", dir.Path(), csv);
  command.replace(command.find(" --headless"), 11, " --headless --infilter=CSV:44,34,76,1");
  const auto convert = RunCommand(command + " 2>&1");
  ASSERT_EQ(convert.exit_code, 0) << convert.output;
  auto read = ReadAll(XlsxReader::Open(dir.Path() + "/members.xlsx"));
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->rows.size(), 3u);
  EXPECT_EQ(read->rows[0].second[0], Text("姓名"));
  EXPECT_EQ(read->rows[1].second[0], Text("张三"));
  EXPECT_EQ(read->rows[2].first, 3);
  EXPECT_EQ(read->rows[2].second.size(), 1u) << "trailing empty cells are left out";
}

}  // namespace
}  // namespace gonghui
