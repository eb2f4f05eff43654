// The file side of the bulk imports: a spreadsheet read row by row whatever
// it is (CSV in UTF-8 or GB18030, or the first sheet of an xlsx workbook), the
// header row matched to the columns a kind of record has (tolerating the
// usual variants of a header), and the cells read as the values they stand
// for, with the mistakes spreadsheets make refused by name: an ID number that
// Excel turned into 5.00108E+17, a formula, a date that is no date.
//
// Pure (no database) and thread-safe; the messages are zh-CN and name no row
// (the importer prefixes "第 N 行「列名」").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/xlsx_read.h"

namespace gonghui::import {

using Cell = XlsxReadCell;
using Cells = std::vector<Cell>;

enum class Format { kCsv, kXlsx };

// The rows of a file, CSV or xlsx told apart by their first bytes (an xlsx is
// a zip archive); an old binary .xls is refused with a message saying what to
// save it as. CSV cells are text (kText, or kEmpty when empty).
class Sheet {
 public:
  static Result<std::unique_ptr<Sheet>> Open(const std::string& path);
  virtual ~Sheet() = default;
  // The next row with a non-empty cell (trailing empty cells dropped), or
  // nullopt after the last.
  virtual Result<std::optional<Cells>> Next() = 0;
  // The line (CSV) or row number (xlsx) of the row last returned, 1-based.
  virtual int64_t Line() const = 0;
  // The share of the file read so far, 0 to 1 (for progress bars).
  virtual double Fraction() = 0;
  virtual Format FileFormat() const = 0;
  // "UTF-8" or "GB18030" for CSV, "" for xlsx.
  virtual std::string Encoding() const = 0;
};

// One column a kind of record takes.
struct Column {
  std::string key;                   // the record's field, e.g. "id_number"
  std::string header;                // the template's header, e.g. "身份证号码"
  std::vector<std::string> aliases;  // other headers meaning the same (normalised)
  bool required = false;             // the header must be present
  bool pii = false;                  // personal data: masked in reports for others
};

// A header as compared: without spaces (ASCII, ideographic, no-break), the
// markers of a required column ("*", "（必填）", "(必填)") and a trailing
// colon; full-width letters and digits as ASCII, ASCII letters lower-case.
std::string NormalizeHeader(std::string_view text);

// Where each column is in the file's rows: index[i] is the cell of columns[i],
// or -1 when the file has no such column. `ignored` lists the headers that
// are no column of this kind.
struct HeaderMatch {
  std::vector<int> index;
  std::vector<std::string> ignored;
};
// The row that is the header: at least two of its cells are headers of
// `columns` (a title line above it is not).
bool LooksLikeHeader(const Cells& row, const std::vector<Column>& columns);
// kInvalidArgument on "file" when a required column is missing (naming every
// one) or a column appears twice.
Result<HeaderMatch> MatchHeader(const Cells& row, const std::vector<Column>& columns);

// The cell's text, trimmed. A formula (its value might change when the
// workbook recalculates), an error value (#N/A) or a boolean is refused.
Result<std::string> TextOf(const Cell& cell);
// An ID number or phone must have been text: a number cell is refused with
// what to do (Excel keeps 15 significant digits, so the last digits of an ID
// number are gone). A whole number cell is accepted as a phone when
// `phone_digits` (11 digits survive).
Result<std::string> DigitsOf(const Cell& cell, bool phone_digits);
// A date: an Excel serial (1900 date system) or the text forms 2024-03-01,
// 2024/3/1, 2024.3.1, 2024年3月1日 and 20240301; nullopt for an empty cell.
Result<std::optional<Date>> DateOf(const Cell& cell);

// A whole number from 0 to `max`: a number cell without a fraction, or text
// of digits (thousands separated by commas allowed, a trailing 人 or 个
// dropped); nullopt for an empty cell.
Result<std::optional<int64_t>> WholeOf(const Cell& cell, int64_t max);

// The cells as the report shows them (a number as stored, a formula's value).
std::vector<std::string> CellTexts(const Cells& row);

}  // namespace gonghui::import
