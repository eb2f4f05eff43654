// Reading the first worksheet of an .xlsx workbook row by row, for the bulk
// imports: the sheet's XML is inflated (libzip) and parsed (expat) a block at
// a time, so memory holds the shared strings and a few rows, whatever the
// number of rows (Excel's limit is 1,048,576).
//
// A row is its cells from column A to its last non-empty cell, each as its
// text and kind: a shared or inline string (rich-text runs joined), a number
// exactly as stored ("45292" for a date Excel keeps as a serial,
// "5.00108E+17" for an ID number Excel turned into a number), a boolean
// ("TRUE"/"FALSE") or an error ("#DIV/0!"); a cell with a formula says so.
// Rows with no cell are skipped; Line() is the row's own number (r="7").
// A file that is not a workbook, or a part that is not well-formed XML, is an
// error on the field "file" naming what is wrong.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace gonghui {

struct XlsxReadCell {
  enum class Kind { kEmpty, kText, kNumber, kBool, kError };
  Kind kind = Kind::kEmpty;
  std::string text;
  bool formula = false;
  bool operator==(const XlsxReadCell&) const = default;
};

class XlsxReader {
 public:
  // Opens the workbook at `path` (or held in `bytes` by OpenBytes) and loads
  // its shared strings.
  static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path);
  static Result<std::unique_ptr<XlsxReader>> OpenBytes(std::string bytes);
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The next row with at least one cell, nullopt after the last.
  Result<std::optional<std::vector<XlsxReadCell>>> Next();
  // The row number (1-based) of the row last returned.
  int64_t Line() const { return line_; }
  // The share of the sheet read so far, 0 to 1 (for progress bars).
  double Fraction() const;
  // The first sheet's name, as the workbook gives it.
  const std::string& SheetName() const { return sheet_name_; }

  struct State;

 private:
  XlsxReader();
  // Finds the first sheet, loads the shared strings and starts on the sheet.
  Status Init();
  std::unique_ptr<State> state_;
  int64_t line_ = 0;
  std::string sheet_name_;
};

}  // namespace gonghui
