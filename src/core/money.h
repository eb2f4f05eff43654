// Amounts of money, kept in fen (1 yuan = 100 fen) so that sums are exact.
//
// Bulletins write amounts as "10万元", "最高5万元", "5万余元", "自筹资金10万元"; a Money keeps the
// amount and its qualifier, the purpose and source live in the record that holds it.
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gonghui {

struct Money {
  int64_t fen = 0;
  // "" | "最高" | "近" | "约" | "余" | "多". 最高, 近 and 约 precede the number; 余 and 多
  // follow it.
  std::string qualifier;

  bool operator==(const Money&) const = default;
};

// True when `q` is one of the qualifiers above, the empty one included.
bool IsMoneyQualifier(std::string_view q);

// Parses an amount. Spaces anywhere and full-width digits are accepted. Form:
//   [free text] [最高|近|约] number [余|多] [元]
// where number is as ParseChineseNumber reads it (in yuan: "100,000", "1.5万", "3.25", "1亿",
// "十万"). Free text before the amount (a source such as 自筹资金) is ignored: the amount starts at
// the first ASCII digit, or, when there is none, at the first Chinese numeral from which the rest
// reads as an amount.
// Errors, all InvalidArgument on `field`: empty; a negative amount; no amount or trailing text
// ("金额格式不正确"); more than 2 decimal places of yuan ("金额最多保留2位小数"); more than
// INT64_MAX fen.
Result<Money> ParseMoney(std::string_view text, std::string_view field = "money");

// The inverse of ParseMoney: "10万元", "最高5万元", "5万余元", "1.5万元", "2000元", "3.25元".
// Amounts of at least 1万 yuan that are multiples of 0.1万 are written with 万, amounts of at least
// 1亿 yuan that are multiples of 0.1亿 with 亿; others in yuan with up to 2 decimals and no
// trailing zeros. For every Money with fen ≥ 0 and a qualifier from the set,
// ParseMoney(FormatMoney(m)) == m.
std::string FormatMoney(const Money& m);

}  // namespace gonghui
