// Shared by the libFuzzer targets in this directory (see README.md).
//
// A target feeds its input to one parser and checks what the parser promises in its header: a
// clean error or a value that keeps the documented properties (round trips, bounds). A broken
// promise aborts with FUZZ_CHECK, which libFuzzer reports as a crash with the input saved.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

namespace gonghui::fuzz {

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Well-formed UTF-8, judged by another implementation than the project's own: nlohmann's
// serializer refuses anything else.
inline bool IsUtf8(std::string_view text) {
  try {
    (void)nlohmann::json(std::string(text)).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace gonghui::fuzz
