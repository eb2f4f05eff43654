// ParseBody and the field readers of api::Body: any bytes end in a JSON object or a 400/422
// with a Chinese message, never a crash, a deep recursion or an exception; each reader returns
// what its signature promises (trimmed text within the length, integers within their bounds).
#include "api/api.h"
#include "api/body.h"
#include "fuzz.h"

namespace api = gonghui::api;
using gonghui::Code;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(gonghui::fuzz::AsText(data, size));
  gonghui::Result<nlohmann::json> j = api::ParseBody(text);
  if (!j.ok()) {
    Code c = j.status().code();
    FUZZ_CHECK(c == Code::kBadRequest || c == Code::kInvalidArgument);
    FUZZ_CHECK(!j.status().message().empty());
    return 0;
  }
  FUZZ_CHECK(j->is_object());
  (void)j->dump();  // what the audit log and the replies do with a body
  api::Body body(*j, {{"title", "标题"},
                      {"count", "人数"},
                      {"tags", "标签"},
                      {"photo_ids", "照片"},
                      {"public", "公开"},
                      {"note", "备注"}});
  (void)body.CheckUnknown();
  if (auto t = body.Text("title", true, 50); t.ok()) {
    FUZZ_CHECK(!t->empty() && api::Utf8Length(*t) <= 50);
    FUZZ_CHECK(api::Trim(*t) == *t);
  } else {
    FUZZ_CHECK(t.status().field() == "title");
  }
  if (auto t = body.OptText("note", 10); t.ok() && *t) FUZZ_CHECK(api::Utf8Length(**t) <= 10);
  if (auto n = body.Int("count", -5, 1000); n.ok()) FUZZ_CHECK(*n >= -5 && *n <= 1000);
  if (auto n = body.OptInt("count", 0, 10); n.ok() && *n) FUZZ_CHECK(**n >= 0 && **n <= 10);
  (void)body.OptBool("public");
  if (auto tags = body.TextList("tags", 5, 8); tags.ok()) {
    FUZZ_CHECK(tags->size() <= 5);
    for (const std::string& tag : *tags) FUZZ_CHECK(api::Utf8Length(tag) <= 8);
  }
  if (auto ids = body.IdList("photo_ids", 3); ids.ok()) {
    FUZZ_CHECK(ids->size() <= 3);
    for (int64_t id : *ids) FUZZ_CHECK(id > 0);
  }
  return 0;
}
