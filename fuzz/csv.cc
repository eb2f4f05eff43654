// CsvReader: any bytes give records of well-formed UTF-8 or a clean error naming the file and a
// line, and the records written back as CSV (every field quoted) read back the same (csv.h).
#include <sstream>

#include "core/csv.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  std::istringstream in{std::string(fuzz::AsText(data, size))};
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    Result<std::optional<std::vector<std::string>>> r = reader.Next();
    if (!r.ok()) {
      FUZZ_CHECK(r.status().code() == Code::kInvalidArgument);
      FUZZ_CHECK(r.status().field() == "file");
      FUZZ_CHECK(r.status().message().starts_with("第 "));
      return 0;
    }
    if (!*r) break;
    FUZZ_CHECK(!(*r)->empty());
    for (const std::string& f : **r) FUZZ_CHECK(fuzz::IsUtf8(f));
    FUZZ_CHECK(reader.Line() >= 1);
    rows.push_back(std::move(**r));
    FUZZ_CHECK(rows.size() <= size + 1);
  }
  std::string written;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      written += i ? ",\"" : "\"";
      for (char c : row[i]) written += c == '"' ? std::string("\"\"") : std::string(1, c);
      written += '"';
    }
    written += "\r\n";
  }
  std::istringstream again_in(written);
  CsvReader again(again_in);
  for (const auto& row : rows) {
    Result<std::optional<std::vector<std::string>>> r = again.Next();
    FUZZ_CHECK(r.ok() && *r && **r == row);
  }
  Result<std::optional<std::vector<std::string>>> end = again.Next();
  FUZZ_CHECK(end.ok() && !*end);
  return 0;
}
