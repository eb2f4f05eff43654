// The search tokenizer and the query builders of both backends: tokens lie in order inside the
// text, an ideograph token is the very bytes it came from, every token is
// well-formed UTF-8 (the query strings are built of them), and the title/body cuts follow
// tokenize.h's limits.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz.h"
#include "search/tokenize.h"

namespace s = gonghui::search;

namespace {

void CheckTokens(std::string_view text) {
  size_t last_end = 0;
  std::string all;  // every token, checked for UTF-8 at once (the check allocates)
  for (const s::Token& t : s::Tokenize(text)) {
    FUZZ_CHECK(t.begin >= last_end && t.begin < t.end && t.end <= text.size());
    FUZZ_CHECK(!t.text.empty());
    all += t.text;
    // Words are folded (Ａ → a) and cut; a token starting with a byte of E0 or more can only
    // be one CJK character, copied as it is.
    if (static_cast<unsigned char>(t.text[0]) >= 0xE0) {
      FUZZ_CHECK(t.text == text.substr(t.begin, t.end - t.begin));
    }
    last_end = t.end;
  }
  FUZZ_CHECK(gonghui::fuzz::IsUtf8(all));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::string title = in.ConsumeRandomLengthString(200);
  std::string body = in.ConsumeRemainingBytesAsString();
  CheckTokens(title);
  CheckTokens(body);

  std::vector<s::Phrase> phrases = s::QueryPhrases(body);
  for (const s::Phrase& p : phrases) FUZZ_CHECK(!p.empty());
  if (!phrases.empty()) {
    s::Filter filter = {{"O12", "ALL"}, {"KNEWS"}};
    // Both are built of the tokens (checked above) and ASCII syntax.
    for (s::Part part : {s::Part::kAll, s::Part::kTitle, s::Part::kNotTitle}) {
      FUZZ_CHECK(!s::Fts5Match(phrases, part, filter).empty());
      FUZZ_CHECK(!s::TsQueryLiteral(phrases, part, filter).empty());
    }
  }
  s::IndexedText indexed = s::IndexText(title, body);
  FUZZ_CHECK(indexed.body_bytes <= body.size());
  FUZZ_CHECK(indexed.title.size() + indexed.body.size() + 1 <= s::kMaxPosition);
  FUZZ_CHECK(s::Fts5Text(indexed.body).size() >= indexed.body.size());
  FUZZ_CHECK(!s::TsVectorLiteral(indexed, {"O1"}).empty());
  return 0;
}
