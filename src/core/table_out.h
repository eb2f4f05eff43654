// Writing a table as it is produced (exports of a million rows): CSV or an
// xlsx workbook, handed to `write` a piece at a time, so memory holds one
// piece whatever the number of rows and the first bytes leave at once.
//
// CSV: UTF-8 with a byte-order mark (Excel then reads it as UTF-8), CRLF,
// fields quoted when they hold a comma, quote or line break. A text cell that
// a spreadsheet would take for a formula (starting with = + - @) gets a
// leading apostrophe; `Text(s, true)` (ID numbers, phones) a leading tab, so
// Excel keeps 18 digits as text — the imports trim both.
//
// xlsx: a zip written by libarchive as it goes (deflate, sizes after each
// part), inline strings, the header row bold and frozen; past Excel's
// 1,048,576 rows a sheet continues on the next ("会员 (2)").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gonghui {

// One cell: text, or an integer.
struct OutCell {
  std::string text;
  bool number = false;     // text holds an integer
  bool keep_text = false;  // digits a spreadsheet must not turn into a number
  static OutCell Text(std::string s, bool keep = false) { return {std::move(s), false, keep}; }
  static OutCell Int(int64_t n) { return {std::to_string(n), true, false}; }
};

class TableOut {
 public:
  // `write` gets each piece; false from it stops the writer (the client left).
  using Write = std::function<bool(std::string_view)>;
  enum class Format { kCsv, kXlsx };
  static Result<std::unique_ptr<TableOut>> Open(Format format, std::string sheet_name, Write write);
  virtual ~TableOut() = default;
  // False once `write` has refused a piece; kInternal on a library error.
  virtual Result<bool> Header(const std::vector<std::string>& names) = 0;
  virtual Result<bool> Row(const std::vector<OutCell>& cells) = 0;
  // Writes what is left (the zip's directory) and the last piece.
  virtual Result<bool> Finish() = 0;
};

}  // namespace gonghui
