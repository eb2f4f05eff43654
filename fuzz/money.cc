// ParseMoney: every amount that parses formats back to itself (money.h's round-trip promise).
#include "core/money.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  Result<Money> m = ParseMoney(fuzz::AsText(data, size), "money");
  if (m.ok()) {
    FUZZ_CHECK(m->fen >= 0);
    FUZZ_CHECK(IsMoneyQualifier(m->qualifier));
    Result<Money> again = ParseMoney(FormatMoney(*m), "money");
    FUZZ_CHECK(again.ok() && *again == *m);
  } else {
    FUZZ_CHECK(m.status().code() == Code::kInvalidArgument);
    FUZZ_CHECK(m.status().field() == "money");
  }
  return 0;
}
