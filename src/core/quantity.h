// Counts as Chinese bulletins write them: "40余人", "近1000名", "2万余人", "百余名", "100人以上".
//
// A Quantity keeps the number, the qualifier and the unit as written, so that a figure can be
// both summed (count) and quoted back faithfully (FormatQuantity). The number readers below are
// shared with money.h.
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gonghui {

struct Quantity {
  int64_t count = 0;
  // "" | "余" | "近" | "多" | "约" | "以上": 近 and 约 precede the number, 余 and 多 follow it,
  // 以上 follows the unit.
  std::string qualifier;
  // 人, 名, 支, 个, 家, 次, 人次…; may be empty.
  std::string unit;

  bool operator==(const Quantity&) const = default;
};

// True when `q` is one of the qualifiers above, the empty one included.
bool IsQualifier(std::string_view q);

// Parses a count. Spaces anywhere and full-width digits are accepted. Forms:
//   [近|约] number [余|多] [unit] [以上]      at most one qualifier
// where number is Arabic digits (with optional thousands commas, an optional decimal part and an
// optional 百/千/万/亿 suffix: "1.5万" is 15000) or Chinese numerals ("十", "二十", "三百",
// "两千", "百", "一万二"), and unit is 1–4 Chinese characters.
// Errors, all InvalidArgument on `field`: empty; a negative number; no number or text that does not
// fit the form ("数量格式不正确"); a fractional count ("1.55万"); a count above INT64_MAX.
Result<Quantity> ParseQuantity(std::string_view text, std::string_view field = "participants");

// The inverse of ParseQuantity: "40余人", "近1000名", "2万余人", "100人以上". Counts of at least
// 10000 that are multiples of 1000 are written with 万 (15000 → "1.5万"). For every Quantity with
// count ≥ 0, a qualifier from the set and a unit that ParseQuantity accepts,
// ParseQuantity(FormatQuantity(q)) == q.
std::string FormatQuantity(const Quantity& q);

// The round number a bulletin writes with `qualifier` for about `count`: 余, 多 and 以上 go with
// a round number below the count (484 → "400余"), 近 with one above it (61 → "近70"), 约 with the
// nearest. Round means a multiple of 10 below 100, of 100 below 10,000 and of 1000 from there.
// Counts below 10 (and any count without a qualifier) are written exactly, so they come back as
// they are. For a count of at least 10 the result is never 0 or negative.
int64_t RoundForQualifier(int64_t count, std::string_view qualifier);

// --- Number readers shared by quantity and money --------------------------------------------

// Turns full-width digits, "．", "，" and "－" into their ASCII forms and removes spaces (ASCII
// whitespace, U+3000, U+00A0). Other text is kept as it is.
std::string NormalizeNumberText(std::string_view text);

// Parses a bare, already normalised number and returns its value times 10^decimals, exactly
// (decimals 0–6; ParseChineseNumber("3.25", 2, ...) is 325). Accepted: "40", "1,000", "1.5万",
// "1千万", "1亿"; Chinese numerals such as "十", "三百五十", "一千零五", "两千", "一万二".
// Errors, all InvalidArgument on `field` with a message that starts with `noun` (e.g. "金额"):
// empty text or anything that is not such a number, more decimal places than `decimals` allows,
// a result above INT64_MAX. Signs are not accepted.
Result<int64_t> ParseChineseNumber(std::string_view text, int decimals, std::string_view field,
                                   std::string_view noun);

// True when `text` starts with a character that can belong to a number ParseChineseNumber reads:
// an ASCII digit, '.', ',', a Chinese numeral or 十百千万亿. Returns its length in bytes, else 0.
size_t NumberCharLength(std::string_view text);

}  // namespace gonghui
