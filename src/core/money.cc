#include "core/money.h"

#include "core/quantity.h"

namespace gonghui {
namespace {

constexpr std::string_view kNoun = "金额";
constexpr int kFenDecimals = 2;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

Status FormatError(std::string_view field) {
  return InvalidArgument(std::string(field), "金额格式不正确");
}

// Reads `number [余|多] [元]`, which must fill `body`, into `money`.
Status ParseAmount(std::string_view body, std::string_view field, Money* money) {
  size_t number_length = 0;
  while (size_t n = NumberCharLength(body.substr(number_length))) number_length += n;
  if (number_length == 0) return FormatError(field);
  GH_ASSIGN_OR_RETURN(
      money->fen, ParseChineseNumber(body.substr(0, number_length), kFenDecimals, field, kNoun));
  body.remove_prefix(number_length);
  for (std::string_view suffix : {"余", "多"}) {
    if (body.starts_with(suffix)) {
      if (!money->qualifier.empty()) {
        return InvalidArgument(std::string(field), "金额只能有一个限定词（最高、近、约、余、多）");
      }
      money->qualifier = suffix;
      body.remove_prefix(suffix.size());
      break;
    }
  }
  if (body.starts_with("元")) body.remove_prefix(std::string_view("元").size());
  if (!body.empty()) return FormatError(field);
  return Status::Ok();
}

// Reads the qualifier or sign at the end of the text before the number.
Status ParsePrefix(std::string_view prefix, std::string_view field, Money* money) {
  if (prefix.ends_with("-") || prefix.ends_with("负")) {
    return InvalidArgument(std::string(field), "金额不能为负数");
  }
  if (prefix.ends_with(".") || prefix.ends_with(",")) return FormatError(field);
  for (std::string_view qualifier : {"最高", "近", "约"}) {
    if (prefix.ends_with(qualifier)) {
      money->qualifier = qualifier;
      break;
    }
  }
  return Status::Ok();
}

// `value` (fen) in units of `unit_fen`, with one decimal: "1.5", "10".
std::string FormatTenths(int64_t fen, int64_t unit_fen) {
  std::string out = std::to_string(fen / unit_fen);
  const int64_t tenths = fen % unit_fen / (unit_fen / 10);
  if (tenths != 0) out += "." + std::to_string(tenths);
  return out;
}

}  // namespace

bool IsMoneyQualifier(std::string_view q) {
  return q.empty() || q == "最高" || q == "近" || q == "约" || q == "余" || q == "多";
}

Result<Money> ParseMoney(std::string_view text, std::string_view field) {
  const std::string normalized = NormalizeNumberText(text);
  const std::string_view s = normalized;
  if (s.empty()) return InvalidArgument(std::string(field), "金额不能为空");

  size_t start = 0;
  while (start < s.size() && !IsAsciiDigit(s[start])) ++start;
  if (start == s.size()) {
    // No Arabic digits: the first Chinese numeral from which the rest reads as an amount.
    // Free text is not split inside a UTF-8 sequence: continuation bytes are skipped.
    for (start = 0; start < s.size(); ++start) {
      if ((static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) continue;
      if (NumberCharLength(s.substr(start)) == 0) continue;
      Money candidate;
      if (ParseAmount(s.substr(start), field, &candidate).ok()) break;
    }
    if (start == s.size()) return FormatError(field);
  }

  Money money;
  GH_RETURN_IF_ERROR(ParsePrefix(s.substr(0, start), field, &money));
  GH_RETURN_IF_ERROR(ParseAmount(s.substr(start), field, &money));
  return money;
}

std::string FormatMoney(const Money& m) {
  constexpr int64_t kFenPerWan = 1'000'000;
  constexpr int64_t kFenPerYi = 10'000'000'000;
  std::string out;
  if (m.qualifier == "最高" || m.qualifier == "近" || m.qualifier == "约") out += m.qualifier;
  int64_t fen = m.fen;
  if (fen < 0) {
    out += "-";
    fen = fen == INT64_MIN ? INT64_MAX : -fen;  // off by one fen at INT64_MIN; never stored
  }
  std::string unit;
  if (fen >= kFenPerYi && fen % (kFenPerYi / 10) == 0) {
    out += FormatTenths(fen, kFenPerYi);
    unit = "亿";
  } else if (fen >= kFenPerWan && fen % (kFenPerWan / 10) == 0) {
    out += FormatTenths(fen, kFenPerWan);
    unit = "万";
  } else {
    out += std::to_string(fen / 100);
    const int64_t cents = fen % 100;
    if (cents != 0) {
      out += '.';
      out += static_cast<char>('0' + cents / 10);
      if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
    }
  }
  out += unit;
  if (m.qualifier == "余" || m.qualifier == "多") out += m.qualifier;
  return out + "元";
}

}  // namespace gonghui
