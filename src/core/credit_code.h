// Unified social credit codes (统一社会信用代码, GB 32100-2015) of employers and organisations.
//
// Layout: 1 registration authority code, 1 organisation type code, 6 administrative division
// digits, 9 organisation code characters, 1 check character; the alphabet is 0-9 and the capital
// letters except I, O, Z, S, V. The first two characters are not checked against the code tables.
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gonghui {

// Checks a code exactly as given (no trimming, no case folding).
// Errors, all InvalidArgument on `field`, in this order: empty; not 18 characters; a character
// outside the alphabet (lower case included); characters 3–8 not all digits; a wrong check
// character ("统一社会信用代码校验位错误").
Status CheckCreditCode(std::string_view code, std::string_view field = "credit_code");

// `first17` followed by its check character, for generating valid codes (demo data, tests).
// Returns "" when `first17` is not 17 characters of the alphabet with digits in places 3–8, so
// every code it returns passes CheckCreditCode.
std::string CompleteCreditCode(std::string_view first17);

}  // namespace gonghui
