// SniffImageType: the type comes from the bytes alone, and only the three image kinds exist.
#include "fuzz.h"
#include "photo/photo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = gonghui::fuzz::AsText(data, size);
  std::string type = gonghui::photo::SniffImageType(bytes);
  if (type == "image/jpeg") {
    FUZZ_CHECK(bytes.substr(0, 3) == "\xFF\xD8\xFF");
  } else if (type == "image/png") {
    FUZZ_CHECK(bytes.size() >= 8 && bytes.substr(1, 3) == "PNG");
  } else if (type == "image/webp") {
    FUZZ_CHECK(bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP");
  } else {
    FUZZ_CHECK(type.empty());
  }
  return 0;
}
