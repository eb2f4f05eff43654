// ParseIdNumber, CheckPhone and the masks: a number that parses is 18 characters whose check
// character CompleteIdNumber computes again, with a real birth date; masks never show more than
// they promise.
#include <algorithm>

#include "core/date.h"
#include "core/idcard.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  std::string_view text = fuzz::AsText(data, size);
  Result<IdNumberInfo> id = ParseIdNumber(text, "id_number");
  if (id.ok()) {
    FUZZ_CHECK(id->number.size() == 18);
    FUZZ_CHECK(CompleteIdNumber(std::string_view(id->number).substr(0, 17)) == id->number);
    FUZZ_CHECK(ParseDate(id->birth_date).ok());
    FUZZ_CHECK(id->gender == "male" || id->gender == "female");
    FUZZ_CHECK(id->region_code == id->number.substr(0, 6));
    std::string masked = MaskIdNumber(id->number);
    FUZZ_CHECK(masked == id->number.substr(0, 6) + "********" + id->number.substr(14));
  } else {
    FUZZ_CHECK(id.status().field() == "id_number");
  }
  // A mask keeps the length and shows at most 10 characters of an ID number, 7 of a phone.
  auto stars = [](const std::string& s) { return std::count(s.begin(), s.end(), '*'); };
  std::string masked = MaskIdNumber(text);
  FUZZ_CHECK(masked.size() == text.size());
  FUZZ_CHECK(stars(masked) + 10 >= static_cast<std::ptrdiff_t>(text.size()));
  if (CheckPhone(text, "phone").ok()) {
    FUZZ_CHECK(text.size() >= 10 && text.size() <= 13);
    FUZZ_CHECK(text.find_first_not_of("0123456789-") == std::string_view::npos);
  }
  std::string phone = MaskPhone(text);
  FUZZ_CHECK(phone.size() == text.size());
  FUZZ_CHECK(stars(phone) + 7 >= static_cast<std::ptrdiff_t>(text.size()));
  return 0;
}
