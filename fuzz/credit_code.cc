// CheckCreditCode: a code that passes is one CompleteCreditCode would have written.
#include "core/credit_code.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  std::string_view code = fuzz::AsText(data, size);
  Status s = CheckCreditCode(code, "credit_code");
  if (s.ok()) {
    FUZZ_CHECK(code.size() == 18);
    FUZZ_CHECK(CompleteCreditCode(code.substr(0, 17)) == code);
  } else {
    FUZZ_CHECK(s.code() == Code::kInvalidArgument && s.field() == "credit_code");
  }
  if (code.size() >= 17) {
    std::string full = CompleteCreditCode(code.substr(0, 17));
    FUZZ_CHECK(full.empty() || CheckCreditCode(full).ok());
  }
  return 0;
}
