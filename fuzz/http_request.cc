// What the server does with a request line before any handler runs: ParseQuery decodes the
// query (every value it lets through can be stored as text: UTF-8 without NUL), and the router
// matches the path against a route table shaped like the API's (placeholders take one whole
// segment, a match never invents a segment).
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz.h"
#include "http/http.h"
#include "http/router.h"

namespace http = gonghui::http;

namespace {

const http::Router& Routes() {
  static const http::Router* router = [] {
    auto* r = new http::Router;
    http::Handler none = [](http::Request&) { return http::Response{}; };
    for (const char* path : {"/api/v1/orgs", "/api/v1/orgs/{id}", "/api/v1/orgs/{id}/children",
                             "/api/v1/activities/{id}/photos/{photo}", "/api/v1/search"}) {
      r->Add("GET", path, none);
    }
    r->Add("POST", "/api/v1/photos", none, 5 * 1024 * 1024);
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  http::Request req;
  req.method = in.PickValueInArray({"GET", "POST", "PATCH", "DELETE"});
  req.path = in.ConsumeRandomLengthString(120);
  std::string query = in.ConsumeRemainingBytesAsString();

  if (http::ParseQuery(query, req.query).ok()) {
    for (const auto& [key, value] : req.query) {
      FUZZ_CHECK(gonghui::fuzz::IsUtf8(key) && gonghui::fuzz::IsUtf8(value));
      FUZZ_CHECK(key.find('\0') == std::string::npos && value.find('\0') == std::string::npos);
    }
  }
  const http::Handler* handler = nullptr;
  size_t max_body = 0;
  if (Routes().Match(req, &handler, &max_body) == http::Router::MatchResult::kFound) {
    FUZZ_CHECK(handler != nullptr);
    std::vector<std::string> segments = http::SplitPath(req.path);
    for (const std::string& param : req.path_params) {
      FUZZ_CHECK(!param.empty() && param.find('/') == std::string::npos);
      FUZZ_CHECK(std::find(segments.begin(), segments.end(), param) != segments.end());
    }
  }
  return 0;
}
