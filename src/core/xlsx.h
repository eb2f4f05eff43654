// Writing .xlsx workbooks (libxlsxwriter) for the spreadsheets cadres download:
// rankings, statistics. One header row in bold, frozen; columns sized to fit.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace gonghui {

using XlsxCell = std::variant<std::string, int64_t, double>;

struct XlsxSheet {
  std::string name;   // ≤ 31 characters, no []:*?/\ (replaced by the writer)
  std::string title;  // an optional first line above the header ("" for none)
  std::vector<std::string> header;
  std::vector<std::vector<XlsxCell>> rows;
  // Columns kept as text whatever is typed in them (number format "@"): ID
  // numbers and phones, which Excel would turn into 5.00108E+17 (templates).
  std::vector<size_t> text_columns = {};
  // Drop-down lists of the values a column allows, on the rows below the
  // header (templates), as (column, values).
  std::vector<std::pair<size_t, std::vector<std::string>>> lists = {};
};

// The bytes of a workbook with these sheets; kInternal on a library error.
Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets);

}  // namespace gonghui
