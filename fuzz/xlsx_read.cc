// XlsxReader: any bytes give rows of cells, each text well-formed UTF-8 (expat's promise for text
// of a UTF-8 document), or a clean error on the field "file". Input that is not a zip package is
// taken as the sheet's XML and packed with a workbook and shared strings, so that the mutations
// reach the XML handlers rather than die on zip checksums.
#include <iterator>

#include "core/test_util.h"
#include "core/xlsx_read.h"
#include "fuzz.h"

namespace {

std::string Pack(const std::string& sheet) {
  const std::pair<std::string, std::string> parts[] = {
      {"xl/workbook.xml",
       R"(<workbook><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/sharedStrings.xml",
       R"(<sst><si><t>姓名</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>)"},
      {"xl/worksheets/sheet1.xml", sheet}};
  return gonghui::test_util::ZipPackage({std::begin(parts), std::end(parts)});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  auto check = [](const Status& s) {
    FUZZ_CHECK(s.code() == Code::kInvalidArgument);
    FUZZ_CHECK(s.field() == "file");
  };
  std::string input(fuzz::AsText(data, size));
  if (!input.starts_with("PK")) input = Pack(input);
  Result<std::unique_ptr<XlsxReader>> reader = XlsxReader::OpenBytes(std::move(input));
  if (!reader.ok()) {
    check(reader.status());
    return 0;
  }
  FUZZ_CHECK(fuzz::IsUtf8((*reader)->SheetName()));
  for (int rows = 0;; ++rows) {
    Result<std::optional<std::vector<XlsxReadCell>>> row = (*reader)->Next();
    if (!row.ok()) {
      check(row.status());
      return 0;
    }
    if (!*row) return 0;
    FUZZ_CHECK(!(*row)->empty() && (*row)->size() <= 16384);
    FUZZ_CHECK((*row)->back().kind != XlsxReadCell::Kind::kEmpty || (*row)->back().formula);
    for (const XlsxReadCell& c : **row) FUZZ_CHECK(fuzz::IsUtf8(c.text));
    FUZZ_CHECK(rows < 1'000'000);
  }
}
