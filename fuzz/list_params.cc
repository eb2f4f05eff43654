// ParseQuery then ParseListParams, as every list endpoint reads its query string: what passes
// is within the bounds docs/api.md gives (page, page_size, dates in order, q of at most 100
// characters, axis t or i); what fails names a parameter.
#include "api/api.h"
#include "api/body.h"
#include "core/date.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gonghui;
  http::Request req;
  if (!http::ParseQuery(fuzz::AsText(data, size), req.query).ok()) return 0;
  Result<api::ListParams> p = api::ParseListParams(req);
  if (!p.ok()) {
    FUZZ_CHECK(!p.status().field().empty());
    FUZZ_CHECK(p.status().code() == Code::kBadRequest ||
               p.status().code() == Code::kInvalidArgument);
    return 0;
  }
  FUZZ_CHECK(p->page >= 1 && p->page <= 1000000);
  FUZZ_CHECK(p->page_size >= 1 && p->page_size <= 200);
  FUZZ_CHECK(p->offset() >= 0);
  FUZZ_CHECK(p->axis.empty() || p->axis == "t" || p->axis == "i");
  FUZZ_CHECK(!p->org_id || *p->org_id > 0);
  FUZZ_CHECK(p->from.empty() || ParseDate(p->from).ok());
  FUZZ_CHECK(p->to.empty() || ParseDate(p->to).ok());
  FUZZ_CHECK(p->from.empty() || p->to.empty() || p->from <= p->to);
  FUZZ_CHECK(api::Utf8Length(p->q) <= 100 && fuzz::IsUtf8(p->q));
  FUZZ_CHECK(!p->year || (*p->year >= 0 && *p->year <= 9999));
  return 0;
}
