#include "core/idcard.h"

#include <array>

#include "core/date.h"

namespace gonghui {
namespace {

constexpr size_t kIdLength = 18;
// ISO 7064 MOD 11-2 as GB 11643 applies it to the first 17 digits.
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheckChars = "10X98765432";

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// Strips ASCII whitespace and the ideographic space U+3000 from both ends.
std::string_view Trim(std::string_view text) {
  for (;;) {
    const size_t before = text.size();
    for (std::string_view space : {" ", "\t", "\n", "\r", "\u3000"}) {
      if (text.starts_with(space)) text.remove_prefix(space.size());
      if (text.ends_with(space)) text.remove_suffix(space.size());
    }
    if (text.size() == before) return text;
  }
}

// The check character for 17 ASCII digits.
char IdCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kIdWeights.size(); ++i) sum += (first17[i] - '0') * kIdWeights[i];
  return kIdCheckChars[sum % 11];
}

int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

Result<IdNumberInfo> ParseIdNumber(std::string_view text, std::string_view field) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return InvalidArgument(std::string(field), "身份证号码不能为空");
  if (trimmed.size() != kIdLength) {
    return InvalidArgument(std::string(field), "身份证号码应为18位");
  }
  std::string number(trimmed);
  if (number.back() == 'x') number.back() = 'X';
  const std::string_view first17 = std::string_view(number).substr(0, kIdLength - 1);
  if (!AllDigits(first17) || !(IsAsciiDigit(number.back()) || number.back() == 'X')) {
    return InvalidArgument(std::string(field), "身份证号码只能由数字和末位的X组成");
  }

  const Date birth{DigitsValue(first17.substr(6, 4)), DigitsValue(first17.substr(10, 2)),
                   DigitsValue(first17.substr(12, 2))};
  if (birth.year < 1900 || birth.year > 2100 || birth.day < 1 ||
      birth.day > DaysInMonth(birth.year, birth.month)) {
    return InvalidArgument(std::string(field), "身份证号码中的出生日期无效");
  }
  if (IdCheckChar(first17) != number.back()) {
    return InvalidArgument(std::string(field), "身份证号码校验位错误");
  }

  IdNumberInfo info;
  info.birth_date = birth.ToString();
  info.gender = (first17[16] - '0') % 2 == 1 ? "male" : "female";
  info.region_code = std::string(first17.substr(0, 6));
  info.number = std::move(number);
  return info;
}

std::string CompleteIdNumber(std::string_view first17) {
  if (first17.size() != kIdLength - 1 || !AllDigits(first17)) return "";
  std::string number(first17);
  number.push_back(IdCheckChar(first17));
  return number;
}

std::string MaskIdNumber(std::string_view number) {
  if (number.size() == kIdLength) {
    return std::string(number.substr(0, 6)) + std::string(8, '*') + std::string(number.substr(14));
  }
  if (number.size() <= 4) return std::string(number.size(), '*');
  return std::string(number.size() - 4, '*') + std::string(number.substr(number.size() - 4));
}

Status CheckPhone(std::string_view phone, std::string_view field) {
  if (phone.empty()) return InvalidArgument(std::string(field), "电话号码不能为空");
  if (phone.front() == '1' && AllDigits(phone)) {
    if (phone.size() != 11) return InvalidArgument(std::string(field), "手机号码应为11位数字");
    if (phone[1] < '3') return InvalidArgument(std::string(field), "手机号码号段不正确");
    return Status::Ok();
  }
  if (phone.front() == '0') {
    const Status bad_landline =
        InvalidArgument(std::string(field), "固定电话格式不正确，应为区号加7至8位号码");
    const size_t hyphen = phone.find('-');
    if (hyphen == std::string_view::npos) {
      // Area code and local number run together: 3+7, 3+8 / 4+7, 4+8 digits.
      if (!AllDigits(phone) || phone.size() < 10 || phone.size() > 12 || phone[1] == '0') {
        return bad_landline;
      }
      return Status::Ok();
    }
    const std::string_view area = phone.substr(0, hyphen);
    const std::string_view local = phone.substr(hyphen + 1);
    if (area.size() < 3 || area.size() > 4 || !AllDigits(area) || area[1] == '0' ||
        local.size() < 7 || local.size() > 8 || !AllDigits(local) || local[0] == '0') {
      return bad_landline;
    }
    return Status::Ok();
  }
  return InvalidArgument(std::string(field),
                         "电话号码格式不正确，应为11位手机号码或带区号的固定电话");
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() >= 8) {
    return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
           std::string(phone.substr(phone.size() - 4));
  }
  if (phone.size() <= 2) return std::string(phone.size(), '*');
  return std::string(phone.size() - 2, '*') + std::string(phone.substr(phone.size() - 2));
}

}  // namespace gonghui
