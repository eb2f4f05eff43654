#include "core/csv.h"

#include <iconv.h>

#include <cerrno>

namespace gonghui {
namespace {

constexpr size_t kBlock = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The length of the valid UTF-8 sequence at the start of `s`, 0 when it is not one;
// `cut` is set when `s` ends inside what would be a valid sequence.
size_t Utf8Sequence(std::string_view s, bool& cut) {
  cut = false;
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; ++i) {
    if (i >= s.size()) {
      cut = true;
      return 0;
    }
    const unsigned char lower = i == 1 ? lo : 0x80;
    const unsigned char upper = i == 1 ? hi : 0xBF;
    if (b(i) < lower || b(i) > upper) return 0;
  }
  return n;
}

// The length of the longest prefix of `s` that is valid UTF-8, and whether
// what follows is only a character cut at the end.
size_t ValidPrefix(std::string_view s, bool& cut_at_end) {
  size_t i = 0;
  cut_at_end = false;
  while (i < s.size()) {
    bool cut = false;
    const size_t n = Utf8Sequence(s.substr(i), cut);
    if (n == 0) {
      cut_at_end = cut;
      return i;
    }
    i += n;
  }
  return i;
}

Status LineError(int64_t line, const std::string& what) {
  return InvalidArgument("file", "第 " + std::to_string(line) + " 行：" + what);
}

}  // namespace

TextEncoding DetectEncoding(std::string_view head) {
  if (head.starts_with(kBom)) return TextEncoding::kUtf8;
  bool cut = false;
  const size_t valid = ValidPrefix(head, cut);
  return valid == head.size() || cut ? TextEncoding::kUtf8 : TextEncoding::kGb18030;
}

bool IsValidUtf8(std::string_view text) {
  bool cut = false;
  return ValidPrefix(text, cut) == text.size();
}

struct CsvReader::Converter {
  iconv_t cd = reinterpret_cast<iconv_t>(-1);
  ~Converter() {
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }
};

CsvReader::CsvReader(std::istream& in) : in_(in) {}
CsvReader::~CsvReader() = default;

Result<bool> CsvReader::Fill() {
  if (eof_) return false;
  std::string block(kBlock, '\0');
  in_.read(block.data(), static_cast<std::streamsize>(block.size()));
  block.resize(static_cast<size_t>(in_.gcount()));
  const bool last = block.size() < kBlock;
  if (!started_) {
    started_ = true;
    encoding_ = DetectEncoding(block);
    if (block.starts_with(kBom)) block.erase(0, kBom.size());
    if (encoding_ == TextEncoding::kGb18030) {
      converter_ = std::make_unique<Converter>();
      converter_->cd = iconv_open("UTF-8", "GB18030");
      if (converter_->cd == reinterpret_cast<iconv_t>(-1)) {
        return Internal("无法转换 GB18030 编码");
      }
    }
  }
  raw_ += block;
  std::string out;
  if (encoding_ == TextEncoding::kUtf8) {
    bool cut = false;
    const size_t valid = ValidPrefix(raw_, cut);
    if (valid < raw_.size() && (!cut || last)) {
      // Count the lines up to the bad byte for the message.
      int64_t line = line_;
      for (char c : std::string_view(buf_).substr(pos_)) line += c == '\n' ? 1 : 0;
      for (char c : std::string_view(raw_).substr(0, valid)) line += c == '\n' ? 1 : 0;
      return LineError(line, "不是有效的 UTF-8 文本（文件前部是 UTF-8，此处不是）");
    }
    out = raw_.substr(0, valid);
    raw_.erase(0, valid);
  } else {
    out.resize(raw_.size() * 2 + 16);
    char* src = raw_.data();
    size_t src_left = raw_.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    while (src_left > 0) {
      if (iconv(converter_->cd, &src, &src_left, &dst, &dst_left) != static_cast<size_t>(-1)) {
        continue;
      }
      if (errno == E2BIG) {
        const size_t used = out.size() - dst_left;
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      if (errno == EINVAL && !last) break;  // a character cut by the block
      int64_t line = line_;
      for (char c : std::string_view(buf_).substr(pos_)) line += c == '\n' ? 1 : 0;
      for (char* p = out.data(); p < dst; ++p) line += *p == '\n' ? 1 : 0;
      return LineError(line, "不是有效的 GB18030 或 UTF-8 文本");
    }
    out.resize(out.size() - dst_left);
    raw_.erase(0, raw_.size() - src_left);
  }
  buf_.erase(0, pos_);
  pos_ = 0;
  buf_ += out;
  if (last) eof_ = true;
  return !buf_.empty() || !eof_;
}

Result<std::optional<std::vector<std::string>>> CsvReader::Next() {
  std::vector<std::string> fields;
  std::string field;
  size_t record_size = 0;
  bool quoted = false;    // inside a quoted part
  bool any = false;       // read anything of this record
  bool closing = false;   // the last character was a quote inside a quoted part
  bool field_cr = false;  // the last character was a CR inside a quoted part
  record_line_ = line_;
  for (;;) {
    if (pos_ == buf_.size()) {
      bool more = true;
      while (more && pos_ == buf_.size()) {
        GH_ASSIGN_OR_RETURN(more, Fill());
      }
      if (pos_ == buf_.size()) {
        if (quoted && !closing) return LineError(record_line_, "引号没有闭合");
        if (!any) return std::optional<std::vector<std::string>>();
        fields.push_back(std::move(field));
        return std::optional<std::vector<std::string>>(std::move(fields));
      }
    }
    const char c = buf_[pos_++];
    if (cr_ && c == '\n') {  // the LF of a CRLF ending the previous record
      cr_ = false;
      continue;
    }
    cr_ = false;
    if (++record_size > kMaxRecord) {
      return LineError(record_line_, "一行超过 " + std::to_string(kMaxRecord / 1024) + " KB");
    }
    any = true;
    if (quoted) {
      if (closing) {
        closing = false;
        if (c == '"') {  // a doubled quote
          field += '"';
          continue;
        }
        quoted = false;  // the quote closed the quoted part; c is handled below
      } else if (c == '"') {
        closing = true;
        continue;
      } else {
        // A line break inside the field: CRLF counts one line.
        if (c == '\r' || (c == '\n' && !field_cr)) ++line_;
        field_cr = c == '\r';
        field += c;
        if (field.size() > kMaxField) {
          return LineError(record_line_, "单元格超过 " + std::to_string(kMaxField / 1024) + " KB");
        }
        continue;
      }
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      ++line_;
      cr_ = c == '\r';
      fields.push_back(std::move(field));
      return std::optional<std::vector<std::string>>(std::move(fields));
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else {
      field += c;
      if (field.size() > kMaxField) {
        return LineError(record_line_, "单元格超过 " + std::to_string(kMaxField / 1024) + " KB");
      }
    }
  }
}

}  // namespace gonghui
