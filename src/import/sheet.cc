#include "import/sheet.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "api/body.h"
#include "core/csv.h"

namespace gonghui::import {
namespace {

Status FileError(std::string message) { return InvalidArgument("file", std::move(message)); }

class CsvSheet final : public Sheet {
 public:
  explicit CsvSheet(const std::string& path) : in_(path, std::ios::binary), reader_(in_) {
    in_.seekg(0, std::ios::end);
    size_ = static_cast<double>(in_.tellg());
    in_.seekg(0);
  }
  bool ok() const { return in_.good(); }
  double Fraction() override {
    if (size_ <= 0) return 0;
    const std::streamoff at = in_.tellg();
    return at < 0 ? 1.0 : std::min(1.0, static_cast<double>(at) / size_);
  }

  Result<std::optional<Cells>> Next() override {
    for (;;) {
      GH_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> record, reader_.Next());
      if (!record) return std::optional<Cells>();
      Cells cells;
      cells.reserve(record->size());
      for (std::string& field : *record) {
        Cell cell;
        cell.kind = field.empty() ? Cell::Kind::kEmpty : Cell::Kind::kText;
        cell.text = std::move(field);
        cells.push_back(std::move(cell));
      }
      while (!cells.empty() && api::Trim(cells.back().text).empty()) cells.pop_back();
      if (!cells.empty()) return std::optional<Cells>(std::move(cells));
    }
  }
  int64_t Line() const override { return reader_.Line(); }
  Format FileFormat() const override { return Format::kCsv; }
  std::string Encoding() const override {
    return reader_.Encoding() == TextEncoding::kUtf8 ? "UTF-8" : "GB18030";
  }

 private:
  std::ifstream in_;
  CsvReader reader_;
  double size_ = 0;
};

class XlsxSheet final : public Sheet {
 public:
  explicit XlsxSheet(std::unique_ptr<XlsxReader> reader) : reader_(std::move(reader)) {}

  Result<std::optional<Cells>> Next() override {
    for (;;) {
      GH_ASSIGN_OR_RETURN(std::optional<Cells> row, reader_->Next());
      if (!row) return row;
      const bool blank = std::all_of(row->begin(), row->end(), [](const Cell& c) {
        return c.kind == Cell::Kind::kEmpty ||
               (c.kind == Cell::Kind::kText && !c.formula && api::Trim(c.text).empty());
      });
      if (!blank) return row;
    }
  }
  int64_t Line() const override { return reader_->Line(); }
  double Fraction() override { return reader_->Fraction(); }
  Format FileFormat() const override { return Format::kXlsx; }
  std::string Encoding() const override { return ""; }

 private:
  std::unique_ptr<XlsxReader> reader_;
};

// Appends the UTF-8 of code point `c`.
void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The code points of valid UTF-8 `text` (anything invalid is skipped).
std::u32string Decode(std::string_view text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + n > text.size()) break;
    char32_t c = n == 1 ? lead : lead & (0x3F >> (n - 1));
    for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out += c;
    i += n;
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "2024", "3", "1" → the date, validated.
Result<std::optional<Date>> DateFromParts(std::string_view y, std::string_view m,
                                          std::string_view d) {
  auto number = [](std::string_view s, int* out) {
    return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit) &&
           std::from_chars(s.data(), s.data() + s.size(), *out).ec == std::errc();
  };
  int year = 0;
  int month = 0;
  int day = 0;
  if (y.size() != 4 || m.size() > 2 || d.size() > 2 || !number(y, &year) || !number(m, &month) ||
      !number(d, &day)) {
    return InvalidArgument("date", "");
  }
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  GH_ASSIGN_OR_RETURN(Date date, ParseDate(iso, "date"));
  return std::optional<Date>(date);
}

}  // namespace

Result<std::unique_ptr<Sheet>> Sheet::Open(const std::string& path) {
  std::ifstream probe(path, std::ios::binary);
  char head[8] = {};
  probe.read(head, sizeof head);
  if (!probe && probe.gcount() == 0) return FileError("文件为空");
  const std::string_view magic(head, static_cast<size_t>(probe.gcount()));
  if (magic.starts_with("\xD0\xCF\x11\xE0")) {
    return FileError("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入");
  }
  if (magic.starts_with("PK\x03\x04")) {
    GH_ASSIGN_OR_RETURN(std::unique_ptr<XlsxReader> reader, XlsxReader::Open(path));
    return std::unique_ptr<Sheet>(std::make_unique<XlsxSheet>(std::move(reader)));
  }
  auto csv = std::make_unique<CsvSheet>(path);
  if (!csv->ok()) return FileError("无法读取上传的文件");
  return std::unique_ptr<Sheet>(std::move(csv));
}

std::string NormalizeHeader(std::string_view text) {
  std::u32string cps = Decode(text);
  std::u32string out;
  for (char32_t c : cps) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xA0 ||
        c == 0xFEFF || c == '*' || c == 0xFF0A) {
      continue;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    out += c;
  }
  for (std::u32string marker : {std::u32string(U"(必填)"), std::u32string(U"必填")}) {
    if (out.size() > marker.size() && out.ends_with(marker)) out.resize(out.size() - marker.size());
  }
  while (!out.empty() && (out.back() == ':')) out.pop_back();
  std::string utf8;
  for (char32_t c : out) AppendUtf8(utf8, c);
  return utf8;
}

namespace {

// The column whose header or alias `normalized` is, or -1.
int ColumnOf(const std::string& normalized, const std::vector<Column>& columns) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (NormalizeHeader(columns[i].header) == normalized) return static_cast<int>(i);
    for (const std::string& alias : columns[i].aliases) {
      if (NormalizeHeader(alias) == normalized) return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace

bool LooksLikeHeader(const Cells& row, const std::vector<Column>& columns) {
  int known = 0;
  for (const Cell& cell : row) {
    if (cell.kind == Cell::Kind::kText && ColumnOf(NormalizeHeader(cell.text), columns) >= 0) {
      ++known;
    }
  }
  return known >= 2 || (columns.size() == 1 && known == 1);
}

Result<HeaderMatch> MatchHeader(const Cells& row, const std::vector<Column>& columns) {
  HeaderMatch match;
  match.index.assign(columns.size(), -1);
  for (size_t i = 0; i < row.size(); ++i) {
    const std::string normalized = NormalizeHeader(row[i].text);
    if (normalized.empty()) continue;
    const int col = ColumnOf(normalized, columns);
    if (col < 0) {
      match.ignored.push_back(api::Trim(row[i].text));
      continue;
    }
    if (match.index[col] >= 0) {
      return FileError("表头中“" + columns[col].header + "”出现了两次（第 " +
                       std::to_string(match.index[col] + 1) + " 列和第 " + std::to_string(i + 1) +
                       " 列），请只保留一列");
    }
    match.index[col] = static_cast<int>(i);
  }
  std::string missing;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].required && match.index[i] < 0) {
      missing += (missing.empty() ? "“" : "、“") + columns[i].header + "”";
    }
  }
  if (!missing.empty()) {
    return FileError("表头缺少必填列 " + missing + "，请使用导入模板的表头");
  }
  return match;
}

Result<std::string> TextOf(const Cell& cell) {
  if (cell.formula) {
    return InvalidArgument("cell", "是公式，请复制后“选择性粘贴 → 数值”再导入");
  }
  switch (cell.kind) {
    case Cell::Kind::kEmpty:
      return std::string();
    case Cell::Kind::kError:
      return InvalidArgument("cell", "是错误值 " + cell.text);
    case Cell::Kind::kBool:
      return InvalidArgument("cell", "是逻辑值 " + cell.text + "，应填写文字");
    case Cell::Kind::kText:
    case Cell::Kind::kNumber:
      break;
  }
  return api::Trim(cell.text);
}

Result<std::string> DigitsOf(const Cell& cell, bool phone_digits) {
  GH_ASSIGN_OR_RETURN(std::string text, TextOf(cell));
  if (cell.kind != Cell::Kind::kNumber) {
    // A CSV written from a number column keeps Excel's display: 5.00108E+17.
    const bool mangled = text.find_first_of("Ee") != std::string::npos &&
                         text.find('+') != std::string::npos &&
                         std::all_of(text.begin(), text.end(), [](char c) {
                           return IsDigit(c) || c == '.' || c == 'E' || c == 'e' || c == '+';
                         });
    if (!mangled) return text;
  }
  const bool whole = !text.empty() && std::all_of(text.begin(), text.end(), IsDigit);
  if (phone_digits && whole && text.size() <= 15) return text;
  return InvalidArgument("cell", "被 Excel 存成了数字（" + text +
                                     "），超过 15 位的数字末几位已丢失；请把该列设为“文本”格式后"
                                     "重新填写（或在号码前加英文单引号 '）");
}

Result<std::optional<int64_t>> WholeOf(const Cell& cell, int64_t max) {
  GH_ASSIGN_OR_RETURN(std::string text, TextOf(cell));
  if (text.empty()) return std::optional<int64_t>();
  const Status bad =
      InvalidArgument("cell", "“" + text + "”不是 0 到 " + std::to_string(max) + " 之间的整数");
  std::string digits;
  if (cell.kind == Cell::Kind::kNumber) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0 ||
        value > static_cast<double>(max) || value != std::floor(value)) {
      return bad;
    }
    return std::optional<int64_t>(static_cast<int64_t>(value));
  }
  std::string_view t = text;
  for (std::string_view unit : {"人", "个"}) {
    if (t.ends_with(unit)) t.remove_suffix(unit.size());
  }
  for (char c : t) {
    if (c == ',') continue;
    if (!IsDigit(c)) return bad;
    digits += c;
  }
  if (digits.empty() || digits.size() > 18) return bad;
  const int64_t n = std::stoll(digits);
  if (n > max) return bad;
  return std::optional<int64_t>(n);
}

Result<std::optional<Date>> DateOf(const Cell& cell) {
  GH_ASSIGN_OR_RETURN(std::string text, TextOf(cell));
  if (text.empty()) return std::optional<Date>();
  const Status bad = InvalidArgument(
      "cell", "“" + text + "”不是有效的日期，应如 2024-03-01、2024/3/1 或 2024年3月1日");
  if (cell.kind == Cell::Kind::kNumber) {
    double serial = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
    if (ec != std::errc() || end != text.data() + text.size() || serial < 1 || serial > 2958465) {
      return bad;
    }
    // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was.
    auto whole = static_cast<int64_t>(std::floor(serial));
    if (whole < 60) whole += 1;
    return std::optional<Date>(AddDays(Date{1899, 12, 30}, whole));
  }
  std::string_view t = text;
  if (t.size() == 8 && std::all_of(t.begin(), t.end(), IsDigit)) {
    Result<std::optional<Date>> d = DateFromParts(t.substr(0, 4), t.substr(4, 2), t.substr(6, 2));
    return d.ok() ? d : bad;
  }
  // Separators: - / . and 年 月 日.
  std::string plain;
  for (size_t i = 0; i < t.size();) {
    if (t.substr(i).starts_with("年") || t.substr(i).starts_with("月")) {
      plain += '-';
      i += 3;
    } else if (t.substr(i).starts_with("日")) {
      i += 3;
    } else {
      plain += t[i] == '/' || t[i] == '.' ? '-' : t[i];
      ++i;
    }
  }
  // A time after the date (2024-03-01 00:00:00) is dropped.
  if (size_t space = plain.find(' '); space != std::string::npos) plain.resize(space);
  const size_t a = plain.find('-');
  const size_t b = a == std::string::npos ? a : plain.find('-', a + 1);
  if (b == std::string::npos || plain.find('-', b + 1) != std::string::npos) return bad;
  Result<std::optional<Date>> d = DateFromParts(std::string_view(plain).substr(0, a),
                                                std::string_view(plain).substr(a + 1, b - a - 1),
                                                std::string_view(plain).substr(b + 1));
  return d.ok() ? d : bad;
}

std::vector<std::string> CellTexts(const Cells& row) {
  std::vector<std::string> out;
  out.reserve(row.size());
  for (const Cell& cell : row) out.push_back(cell.text);
  return out;
}

}  // namespace gonghui::import
