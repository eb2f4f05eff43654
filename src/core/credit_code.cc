#include "core/credit_code.h"

#include <array>

namespace gonghui {
namespace {

constexpr size_t kCodeLength = 18;
// Position of each character in this string is its value (0–30).
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

// The value of `c` in the alphabet, or -1.
int CharValue(char c) {
  const size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool AllInAlphabet(std::string_view text) {
  for (char c : text) {
    if (CharValue(c) < 0) return false;
  }
  return true;
}

// The check character for 17 characters of the alphabet.
char CheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) sum += CharValue(first17[i]) * kWeights[i];
  const int check = (31 - sum % 31) % 31;
  return kAlphabet[check];
}

}  // namespace

Status CheckCreditCode(std::string_view code, std::string_view field) {
  if (code.empty()) return InvalidArgument(std::string(field), "统一社会信用代码不能为空");
  if (code.size() != kCodeLength) {
    return InvalidArgument(std::string(field), "统一社会信用代码应为18位");
  }
  if (!AllInAlphabet(code)) {
    return InvalidArgument(
        std::string(field),
        "统一社会信用代码含有非法字符（只能是数字和除I、O、Z、S、V以外的大写字母）");
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return InvalidArgument(std::string(field), "统一社会信用代码第3至8位应为行政区划码数字");
    }
  }
  if (CheckChar(code.substr(0, kCodeLength - 1)) != code.back()) {
    return InvalidArgument(std::string(field), "统一社会信用代码校验位错误");
  }
  return Status::Ok();
}

std::string CompleteCreditCode(std::string_view first17) {
  if (first17.size() != kCodeLength - 1 || !AllInAlphabet(first17)) return "";
  for (size_t i = 2; i < 8; ++i) {
    if (first17[i] < '0' || first17[i] > '9') return "";  // the division code, as CheckCreditCode
  }
  std::string code(first17);
  code.push_back(CheckChar(first17));
  return code;
}

}  // namespace gonghui
