// ParseDate and ParseChineseDateRange: a strict date prints back as its input, day numbers round
// trip, and a range that parses is two real days in order within 1900–2100.
#include <fuzzer/FuzzedDataProvider.h>

#include "core/date.h"
#include "fuzz.h"

namespace {

bool Real(const gonghui::Date& d) {
  return d.year >= 1900 && d.year <= 2100 && gonghui::ParseDate(d.ToString()).ok();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  FuzzedDataProvider in(data, size);
  int default_year = in.ConsumeIntegralInRange(1900, 2100);
  std::string text = in.ConsumeRemainingBytesAsString();

  Result<Date> d = ParseDate(text, "date");
  if (d.ok()) {
    FUZZ_CHECK(d->ToString() == text);
    FUZZ_CHECK(CivilFromDays(DaysFromCivil(*d)) == *d);
    FUZZ_CHECK(AddDays(AddDays(*d, 400), -400) == *d);
  } else {
    FUZZ_CHECK(d.status().field() == "date");
  }
  Result<std::pair<Date, Date>> range = ParseChineseDateRange(text, default_year, "date");
  if (range.ok()) {
    FUZZ_CHECK(Real(range->first) && Real(range->second));
    FUZZ_CHECK(range->first <= range->second);
  } else {
    FUZZ_CHECK(range.status().code() == Code::kInvalidArgument);
  }
  std::string part = ParseDayPart(text);
  FUZZ_CHECK(part.empty() || part == "am" || part == "pm");
  return 0;
}
