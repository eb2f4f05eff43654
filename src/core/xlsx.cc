// libxlsxwriter 1.1.4 writes only to a named file, so the workbook goes to a
// private temporary file (mkstemp in $TMPDIR or /tmp) that is read back and
// removed. Every call has its own workbook: safe from several threads.
#include "core/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>

namespace gonghui {
namespace {

constexpr size_t kMaxSheetName = 31;  // characters (Excel's limit)
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;

// The code point at the front of `text` (valid UTF-8) and its byte length.
char32_t NextCodePoint(std::string_view text, size_t* length) {
  const auto lead = static_cast<unsigned char>(text[0]);
  *length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  *length = std::min(*length, text.size());
  char32_t c = *length == 1 ? lead : lead & (0x3F >> (*length - 1));
  for (size_t i = 1; i < *length; ++i) c = (c << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
  return c;
}

// East Asian wide and full-width characters: two columns in a spreadsheet.
bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Width in Excel's column unit (one digit of the default font).
double TextWidth(std::string_view text) {
  double width = 0;
  for (size_t length = 0; !text.empty(); text.remove_prefix(length)) {
    width += IsWide(NextCodePoint(text, &length)) ? 2 : 1;
  }
  return width;
}

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

double CellWidth(const XlsxCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return TextWidth(*text);
  if (const auto* integer = std::get_if<int64_t>(&cell)) return std::to_string(*integer).size();
  return FormatNumber(std::get<double>(cell)).size();
}

// The first `count` characters of `text`.
std::string Prefix(std::string_view text, size_t count) {
  size_t bytes = 0;
  for (size_t length = 0; bytes < text.size() && count > 0; bytes += length, --count) {
    NextCodePoint(text.substr(bytes), &length);
  }
  return std::string(text.substr(0, bytes));
}

// A name Excel accepts: []:*?/\ become "_", at most 31 characters, no
// apostrophe at either end, not empty, unique ignoring ASCII case.
std::string SheetName(std::string name, size_t index, std::set<std::string>* used) {
  std::replace_if(
      name.begin(), name.end(),
      [](char c) { return std::string_view("[]:*?/\\").find(c) != std::string_view::npos; }, '_');
  name = Prefix(name, kMaxSheetName);
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Sheet" + std::to_string(index + 1);
  const auto key = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return text;
  };
  std::string unique = name;
  for (int n = 2; used->contains(key(unique)); ++n) {
    unique = Prefix(name, kMaxSheetName - 6) + " (" + std::to_string(n) + ")";
  }
  used->insert(key(unique));
  return unique;
}

Status Failed(const std::string& what, lxw_error error) {
  return Internal("生成xlsx失败：" + what + "：" + lxw_strerror(error));
}

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
};

Status WriteSheet(lxw_worksheet* sheet, const XlsxSheet& data, const Formats& formats) {
  const auto columns = static_cast<lxw_col_t>(data.header.size());
  lxw_row_t row = 0;
  lxw_error error = LXW_NO_ERROR;
  if (!data.title.empty()) {
    error = columns > 1 ? worksheet_merge_range(sheet, 0, 0, 0, columns - 1, data.title.c_str(),
                                                formats.title)
                        : worksheet_write_string(sheet, 0, 0, data.title.c_str(), formats.title);
    if (error != LXW_NO_ERROR) return Failed("标题", error);
    worksheet_set_row(sheet, 0, 24, nullptr);
    row = 1;
  }
  std::vector<double> widths(columns, kMinWidth);
  for (lxw_col_t col = 0; col < columns; ++col) {
    error = worksheet_write_string(sheet, row, col, data.header[col].c_str(), formats.header);
    if (error != LXW_NO_ERROR) return Failed("表头", error);
    widths[col] = std::max(widths[col], TextWidth(data.header[col]));
  }
  worksheet_freeze_panes(sheet, row + 1, 0);

  for (const std::vector<XlsxCell>& cells : data.rows) {
    ++row;
    for (lxw_col_t col = 0; col < cells.size(); ++col) {
      const XlsxCell& cell = cells[col];
      if (const auto* text = std::get_if<std::string>(&cell)) {
        error = worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
      } else if (const auto* integer = std::get_if<int64_t>(&cell)) {
        error = worksheet_write_number(sheet, row, col, static_cast<double>(*integer), nullptr);
      } else if (std::isfinite(std::get<double>(cell))) {
        error = worksheet_write_number(sheet, row, col, std::get<double>(cell), nullptr);
      }  // NaN and infinities have no cell value: left blank
      if (error != LXW_NO_ERROR) return Failed("第" + std::to_string(row + 1) + "行", error);
      if (col >= widths.size()) widths.resize(col + 1, kMinWidth);
      widths[col] = std::max(widths[col], CellWidth(cell));
    }
  }
  for (lxw_col_t col = 0; col < widths.size(); ++col) {
    const bool text = std::find(data.text_columns.begin(), data.text_columns.end(), col) !=
                      data.text_columns.end();
    worksheet_set_column(sheet, col, col, std::min(widths[col] + 2, kMaxWidth),
                         text ? formats.text : nullptr);
  }
  const lxw_row_t first = data.title.empty() ? 1 : 2;
  for (const auto& [col, values] : data.lists) {
    std::vector<const char*> list;
    for (const std::string& v : values) list.push_back(v.c_str());
    list.push_back(nullptr);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = const_cast<char**>(list.data());  // NOLINT: the library's C signature
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    error =
        worksheet_data_validation_range(sheet, first, static_cast<lxw_col_t>(col), LXW_ROW_MAX - 1,
                                        static_cast<lxw_col_t>(col), &validation);
    if (error != LXW_NO_ERROR) return Failed("下拉列表", error);
  }
  return Status::Ok();
}

// Adds every sheet; the caller closes the workbook whatever this returns.
Status WriteSheets(lxw_workbook* workbook, const std::vector<XlsxSheet>& sheets) {
  Formats formats{workbook_add_format(workbook), workbook_add_format(workbook),
                  workbook_add_format(workbook)};
  format_set_num_format(formats.text, "@");
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 14);
  format_set_align(formats.title, LXW_ALIGN_CENTER);
  format_set_align(formats.title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bold(formats.header);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  format_set_bg_color(formats.header, 0xF2F2F2);

  std::set<std::string> used;
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string name = SheetName(sheets[i].name, i, &used);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    if (sheet == nullptr) return Internal("生成xlsx失败：工作表“" + name + "”");
    GH_RETURN_IF_ERROR(WriteSheet(sheet, sheets[i], formats));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path =
      std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") + "/gonghui-xlsx-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return Internal("生成xlsx失败：无法创建临时文件");
  close(fd);
  struct Unlink {
    const std::string& path;
    ~Unlink() { std::remove(path.c_str()); }
  } unlink_later{path};

  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return Internal("生成xlsx失败：无法创建工作簿");
  const Status written = WriteSheets(workbook, sheets);
  const lxw_error closed = workbook_close(workbook);  // frees the workbook
  GH_RETURN_IF_ERROR(written);
  if (closed != LXW_NO_ERROR) return Failed("写入", closed);

  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Internal("生成xlsx失败：无法读取临时文件");
  return bytes;
}

}  // namespace gonghui
