// Resident identity card numbers (GB 11643-1999) and phone numbers: validation and masking.
//
// A member's ID number is stored encrypted and shown masked; gender and birth date are derived
// from it, never typed separately. Phones are shown masked as well.
// All functions are pure and thread-safe. Inputs are expected to be ASCII; masking works on bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gonghui {

struct IdNumberInfo {
  std::string number;       // normalised: 18 characters, check character X in upper case
  std::string birth_date;   // YYYY-MM-DD
  std::string gender;       // "male" | "female"
  std::string region_code;  // the first 6 digits (administrative division of first registration)
};

// Parses and validates an 18-character ID number. Leading and trailing spaces are trimmed and a
// lower-case check character x is accepted.
// Errors, all InvalidArgument on `field`: empty; not 18 characters; anything but digits in the
// first 17 places or anything but a digit or X in the last; a birth date that does not exist or is
// outside 1900–2100 (the years a date in gonghui may have); a wrong ISO 7064 MOD 11-2 check
// character ("身份证号码校验位错误").
//
// The birth date is not compared with today (nothing here reads the clock).
Result<IdNumberInfo> ParseIdNumber(std::string_view text, std::string_view field = "id_number");

// `first17` (17 ASCII digits) followed by its check character (0–9 or X). Used to build valid
// numbers for demo data and tests. Returns "" when `first17` is not 17 ASCII digits.
std::string CompleteIdNumber(std::string_view first17);

// For display: an 18-character number becomes first 6 + "********" + last 4
// (500108********1234); any other non-empty input keeps only its last 4 characters
// (all of it is masked when it has 4 or fewer).
std::string MaskIdNumber(std::string_view number);

// Checks a phone number as typed, without normalising it: an 11-digit mainland mobile starting
// with 13–19, or a landline with a 3–4 digit area code starting with 0 and a 7–8 digit local
// number, with or without a hyphen (023-12345678, 02312345678).
// Errors, all InvalidArgument on `field`: empty, a mobile of the wrong length or prefix, a
// malformed landline, anything else.
Status CheckPhone(std::string_view phone, std::string_view field = "phone");

// For display: an 11-character phone becomes 138****5678; other phones of 8 or more characters
// keep their first 3 and last 4; shorter ones keep only their last 2.
std::string MaskPhone(std::string_view phone);

}  // namespace gonghui
