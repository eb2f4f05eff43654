// ParseQuantity and the number readers it shares with money: every count that parses formats
// back to itself (quantity.h's round-trip promise), and no input ends in anything but a value or
// an InvalidArgument on the field.
#include "core/quantity.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  std::string_view text = fuzz::AsText(data, size);
  Result<Quantity> q = ParseQuantity(text, "participants");
  if (q.ok()) {
    FUZZ_CHECK(q->count >= 0);
    FUZZ_CHECK(IsQualifier(q->qualifier));
    Result<Quantity> again = ParseQuantity(FormatQuantity(*q), "participants");
    FUZZ_CHECK(again.ok() && *again == *q);
  } else {
    FUZZ_CHECK(q.status().code() == Code::kInvalidArgument);
    FUZZ_CHECK(q.status().field() == "participants");
  }
  std::string normal = NormalizeNumberText(text);
  for (int decimals : {0, 2, 6}) {
    Result<int64_t> n = ParseChineseNumber(normal, decimals, "n", "数量");
    FUZZ_CHECK(n.ok() ? *n >= 0 : n.status().field() == "n");
  }
  FUZZ_CHECK(NumberCharLength(text) <= text.size());
  return 0;
}
