#include "core/quantity.h"

#include <array>
#include <limits>

namespace gonghui {
namespace {

constexpr int64_t kMaxValue = std::numeric_limits<int64_t>::max();

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

struct Numeral {
  std::string_view text;
  int value;  // 0–9 for digits; 10, 100, 1000, 10000, 100000000 for units
};

constexpr std::array<Numeral, 17> kNumerals = {{
    {"零", 0},
    {"〇", 0},
    {"一", 1},
    {"二", 2},
    {"两", 2},
    {"三", 3},
    {"四", 4},
    {"五", 5},
    {"六", 6},
    {"七", 7},
    {"八", 8},
    {"九", 9},
    {"十", 10},
    {"百", 100},
    {"千", 1000},
    {"万", 10000},
    {"亿", 100000000},
}};

// The numeral `text` starts with, or nullptr.
const Numeral* MatchNumeral(std::string_view text) {
  for (const Numeral& numeral : kNumerals) {
    if (text.starts_with(numeral.text)) return &numeral;
  }
  return nullptr;
}

// Decimal exponent of a magnitude suffix after Arabic digits, or 0 when `text` starts with none.
int MatchMagnitude(std::string_view text, size_t* length) {
  static constexpr std::array<std::pair<std::string_view, int>, 4> kMagnitudes = {{
      {"百", 2},
      {"千", 3},
      {"万", 4},
      {"亿", 8},
  }};
  for (const auto& [suffix, exponent] : kMagnitudes) {
    if (text.starts_with(suffix)) {
      *length = suffix.size();
      return exponent;
    }
  }
  return 0;
}

Status FormatError(std::string_view field, std::string_view noun) {
  return InvalidArgument(std::string(field), std::string(noun) + "格式不正确");
}

Status OverflowError(std::string_view field, std::string_view noun) {
  return InvalidArgument(std::string(field), std::string(noun) + "过大");
}

// "1,000.5万"-style numbers.
Result<int64_t> ParseArabic(std::string_view text, int decimals, std::string_view field,
                            std::string_view noun) {
  size_t pos = 0;
  std::string integer_digits;
  bool has_comma = false;
  size_t group = 0;  // digits since the last comma
  while (pos < text.size() && (IsAsciiDigit(text[pos]) || text[pos] == ',')) {
    if (text[pos] == ',') {
      // The first group has 1–3 digits, every later one exactly 3.
      if (group == 0 || group > 3 || (has_comma && group != 3)) return FormatError(field, noun);
      has_comma = true;
      group = 0;
    } else {
      integer_digits.push_back(text[pos]);
      ++group;
    }
    ++pos;
  }
  if (integer_digits.empty() || (has_comma && group != 3)) return FormatError(field, noun);

  std::string fraction_digits;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsAsciiDigit(text[pos])) fraction_digits.push_back(text[pos++]);
    if (fraction_digits.empty()) return FormatError(field, noun);
  }

  int exponent = 0;
  int last_exponent = 0;
  while (pos < text.size()) {
    size_t length = 0;
    const int magnitude = MatchMagnitude(text.substr(pos), &length);
    // Suffixes multiply and must grow: 千万 and 万亿 are fine, 万千 is not.
    if (magnitude == 0 || magnitude <= last_exponent) return FormatError(field, noun);
    exponent += magnitude;
    last_exponent = magnitude;
    pos += length;
  }

  // value = digits × 10^shift, where digits = integer and fraction digits run together.
  std::string digits = integer_digits + fraction_digits;
  int shift = exponent + decimals - static_cast<int>(fraction_digits.size());
  while (shift < 0) {
    if (digits.back() != '0') {
      const std::string message =
          decimals == 0 ? "必须是整数" : "最多保留" + std::to_string(decimals) + "位小数";
      return InvalidArgument(std::string(field), std::string(noun) + message);
    }
    digits.pop_back();
    ++shift;
  }
  int64_t value = 0;
  for (char c : digits) {
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, c - '0', &value)) {
      return OverflowError(field, noun);
    }
  }
  for (int i = 0; i < shift; ++i) {
    if (__builtin_mul_overflow(value, 10, &value)) return OverflowError(field, noun);
  }
  return value;
}

// "三百五十", "一千零五", "两千", "一万二".
Result<int64_t> ParseNumerals(std::string_view text, int decimals, std::string_view field,
                              std::string_view noun) {
  // Values stay below 2^63 · 10^8 between checks, far inside __int128.
  __int128 total = 0;    // completed 万/亿 groups
  __int128 section = 0;  // the group below 万 being read
  int digit = -1;        // a digit waiting for its unit; -1 when none
  bool after_zero = false;
  int last_small_unit = 10000;  // 十/百/千 must decrease within a group
  bool wan_in_group = false;    // one 万 per 亿 group
  int previous_unit = 0;        // the unit just read, for colloquial "三百五" = 350
  bool first_token = true;
  while (!text.empty()) {
    const bool was_first = first_token;
    first_token = false;
    const Numeral* numeral = MatchNumeral(text);
    if (numeral == nullptr) return FormatError(field, noun);
    text.remove_prefix(numeral->text.size());
    const int v = numeral->value;
    if (v < 10) {
      if (digit > 0) return FormatError(field, noun);  // "一二"
      if (v == 0) {
        after_zero = true;
      } else {
        digit = v;
      }
      continue;
    }
    const int multiplier = digit < 0 ? 1 : digit;
    if (v < 10000) {
      // Without a digit before it, a unit only starts a number (百余名) or follows 零 (一千零十).
      const bool bare_ok = was_first || (after_zero && v == 10);
      if (v >= last_small_unit || (digit < 0 && !bare_ok)) return FormatError(field, noun);
      section += static_cast<__int128>(multiplier) * v;
      last_small_unit = v;
    } else if (v == 10000) {
      if (wan_in_group) return FormatError(field, noun);
      section += digit < 0 ? 0 : digit;
      if (section == 0) section = 1;  // "万" alone
      total += section * 10000;
      wan_in_group = true;
      last_small_unit = 10000;
      section = 0;
    } else {
      section += digit < 0 ? 0 : digit;
      if (total + section == 0) section = 1;  // "亿" alone
      total = (total + section) * 100000000;
      wan_in_group = false;
      last_small_unit = 10000;
      section = 0;
    }
    if (total > kMaxValue) return OverflowError(field, noun);
    digit = -1;
    after_zero = false;
    previous_unit = v;
  }
  __int128 value = total + section;
  if (digit > 0) {
    // A bare trailing digit right after 百 or larger is one place lower: 三百五 = 350.
    value += previous_unit >= 100 && !after_zero ? static_cast<__int128>(digit) * previous_unit / 10
                                                 : digit;
  }
  for (int i = 0; i < decimals; ++i) {
    value *= 10;
    if (value > kMaxValue) return OverflowError(field, noun);
  }
  if (value > kMaxValue) return OverflowError(field, noun);
  return static_cast<int64_t>(value);
}

bool IsCjkUnified(std::string_view text, size_t pos) {
  // U+4E00..U+9FFF: lead byte E4..E9 followed by two continuation bytes.
  if (pos + 3 > text.size()) return false;
  const auto b0 = static_cast<unsigned char>(text[pos]);
  const auto b1 = static_cast<unsigned char>(text[pos + 1]);
  const auto b2 = static_cast<unsigned char>(text[pos + 2]);
  return b0 >= 0xE4 && b0 <= 0xE9 && (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80;
}

// A unit is 1–4 Chinese characters, none of them a numeral or a word that hints at a qualifier
// this module does not know (左右, 以下, 超过…).
bool IsValidUnit(std::string_view unit) {
  static constexpr std::array<std::string_view, 11> kForbidden = {
      "余", "多", "近", "约", "左", "右", "以", "超", "逾", "至", "不"};
  size_t chars = 0;
  for (size_t pos = 0; pos < unit.size(); pos += 3) {
    if (!IsCjkUnified(unit, pos) || NumberCharLength(unit.substr(pos)) > 0) return false;
    for (std::string_view word : kForbidden) {
      if (unit.substr(pos).starts_with(word)) return false;
    }
    ++chars;
  }
  return chars >= 1 && chars <= 4;
}

bool ConsumePrefix(std::string_view* text, std::string_view prefix) {
  if (!text->starts_with(prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

// "2", "1.5", "12" for a count of 万.
std::string FormatWan(int64_t count) {
  std::string out = std::to_string(count / 10000);
  const int64_t thousands = count % 10000 / 1000;
  if (thousands != 0) out += "." + std::to_string(thousands);
  return out + "万";
}

}  // namespace

bool IsQualifier(std::string_view q) {
  return q.empty() || q == "余" || q == "近" || q == "多" || q == "约" || q == "以上";
}

Result<Quantity> ParseQuantity(std::string_view text, std::string_view field) {
  constexpr std::string_view kNoun = "数量";
  const std::string normalized = NormalizeNumberText(text);
  std::string_view rest = normalized;
  if (rest.empty()) return InvalidArgument(std::string(field), "数量不能为空");

  Quantity quantity;
  if (ConsumePrefix(&rest, "近")) {
    quantity.qualifier = "近";
  } else if (ConsumePrefix(&rest, "约")) {
    quantity.qualifier = "约";
  }
  if (rest.starts_with("-") || rest.starts_with("负")) {
    return InvalidArgument(std::string(field), "数量不能为负数");
  }

  size_t number_length = 0;
  while (size_t n = NumberCharLength(rest.substr(number_length))) number_length += n;
  if (number_length == 0) return FormatError(field, kNoun);
  GH_ASSIGN_OR_RETURN(quantity.count,
                      ParseChineseNumber(rest.substr(0, number_length), 0, field, kNoun));
  rest.remove_prefix(number_length);

  for (std::string_view suffix : {"余", "多"}) {
    if (rest.starts_with(suffix)) {
      if (!quantity.qualifier.empty()) {
        return InvalidArgument(std::string(field), "数量只能有一个限定词（余、近、多、约、以上）");
      }
      quantity.qualifier = suffix;
      rest.remove_prefix(suffix.size());
    }
  }
  if (rest.ends_with("以上")) {
    if (!quantity.qualifier.empty()) {
      return InvalidArgument(std::string(field), "数量只能有一个限定词（余、近、多、约、以上）");
    }
    quantity.qualifier = "以上";
    rest.remove_suffix(std::string_view("以上").size());
  }
  if (!rest.empty() && !IsValidUnit(rest)) return FormatError(field, kNoun);
  quantity.unit = std::string(rest);
  return quantity;
}

int64_t RoundForQualifier(int64_t count, std::string_view qualifier) {
  if (qualifier.empty() || count < 10) return count;
  const int64_t step = count < 100 ? 10 : count < 10000 ? 100 : 1000;
  const int64_t below = count / step * step;
  if (qualifier == "近") return below == count ? count : below + step;
  if (qualifier == "约") return count - below >= step / 2 ? below + step : below;
  return below;  // 余, 多, 以上
}

std::string FormatQuantity(const Quantity& q) {
  std::string out;
  if (q.qualifier == "近" || q.qualifier == "约") out += q.qualifier;
  out += q.count >= 10000 && q.count % 1000 == 0 ? FormatWan(q.count) : std::to_string(q.count);
  if (q.qualifier == "余" || q.qualifier == "多") out += q.qualifier;
  out += q.unit;
  if (q.qualifier == "以上") out += q.qualifier;
  return out;
}

std::string NormalizeNumberText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("\u3000")) {  // ideographic space
      i += 2;
      continue;
    }
    if (rest.starts_with("\u00a0")) {  // no-break space
      i += 1;
      continue;
    }
    // Full-width forms U+FF0C..U+FF19 are EF BC 8C..99: ， － ． ／ ０–９.
    if (rest.size() >= 3 && static_cast<unsigned char>(rest[0]) == 0xEF &&
        static_cast<unsigned char>(rest[1]) == 0xBC) {
      const auto b2 = static_cast<unsigned char>(rest[2]);
      if (b2 >= 0x90 && b2 <= 0x99) {
        out.push_back(static_cast<char>('0' + (b2 - 0x90)));
        i += 2;
        continue;
      }
      if (b2 == 0x8C || b2 == 0x8D || b2 == 0x8E) {
        out.push_back(b2 == 0x8C ? ',' : b2 == 0x8D ? '-' : '.');
        i += 2;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

Result<int64_t> ParseChineseNumber(std::string_view text, int decimals, std::string_view field,
                                   std::string_view noun) {
  if (text.empty()) return InvalidArgument(std::string(field), std::string(noun) + "不能为空");
  if (decimals < 0 || decimals > 6) return Internal("ParseChineseNumber: decimals out of range");
  if (IsAsciiDigit(text.front())) return ParseArabic(text, decimals, field, noun);
  return ParseNumerals(text, decimals, field, noun);
}

size_t NumberCharLength(std::string_view text) {
  if (text.empty()) return 0;
  if (IsAsciiDigit(text.front()) || text.front() == '.' || text.front() == ',') return 1;
  const Numeral* numeral = MatchNumeral(text);
  return numeral == nullptr ? 0 : numeral->text.size();
}

}  // namespace gonghui
