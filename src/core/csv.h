// Reading CSV files as spreadsheet programs write them (RFC 4180), for the
// bulk imports: streamed, so a file of millions of rows is read in bounded
// memory, one record at a time.
//
// Encoding, detected rather than asked: a file that starts with the UTF-8 BOM,
// or whose first block is valid UTF-8, is UTF-8; anything else is GB18030, the
// encoding Excel on Chinese Windows writes (GBK and GB2312 are subsets), and is
// converted to UTF-8 as it is read. A file detected as UTF-8 that turns out to
// hold invalid UTF-8 later, or a GB18030 file with a byte sequence GB18030 does
// not have, is an error naming the line.
//
// Records: fields separated by commas, records by CRLF, LF or CR; a field in
// double quotes may hold commas, line breaks and doubled quotes (""). As Excel
// reads them, a quote inside an unquoted field is kept as it is, and text after
// a closing quote is appended to the field. An unterminated quoted field, a
// field over kMaxField bytes or a record over kMaxRecord bytes is an error
// naming the line where the record starts. Empty lines are records of one empty
// field; callers skip them.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gonghui {

enum class TextEncoding { kUtf8, kGb18030 };

// The encoding of a file that starts with `head` (its first block): UTF-8 when
// it has the BOM or is valid UTF-8 (a character cut at the end of the block
// allowed), else GB18030.
TextEncoding DetectEncoding(std::string_view head);

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, at most
// U+10FFFF).
bool IsValidUtf8(std::string_view text);

class CsvReader {
 public:
  static constexpr size_t kMaxField = 64 * 1024;
  static constexpr size_t kMaxRecord = 1024 * 1024;

  // Reads from `in`, which must outlive the reader; the encoding is detected
  // on the first block.
  explicit CsvReader(std::istream& in);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record, nullopt at the end of the file.
  Result<std::optional<std::vector<std::string>>> Next();

  TextEncoding Encoding() const { return encoding_; }
  // The line (1-based) on which the record last returned starts.
  int64_t Line() const { return record_line_; }

 private:
  // Fills buf_ with the next block of UTF-8; false at the end of the file.
  Result<bool> Fill();

  struct Converter;
  std::istream& in_;
  TextEncoding encoding_ = TextEncoding::kUtf8;
  std::unique_ptr<Converter> converter_;
  std::string raw_;  // bytes read but not yet converted (a character cut by the block)
  std::string buf_;  // UTF-8 not yet parsed
  size_t pos_ = 0;   // in buf_
  bool started_ = false;
  bool eof_ = false;
  bool cr_ = false;   // the last character read was a CR (a following LF belongs to it)
  int64_t line_ = 1;  // the line of the next character
  int64_t record_line_ = 0;
};

}  // namespace gonghui
