#include "http/router.h"

#include <algorithm>

namespace gonghui::http {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Handler handler, size_t max_body) {
  routes_.push_back({std::move(method), SplitPath(pattern), std::move(handler), max_body});
}

Router::MatchResult Router::Match(Request& request, const Handler** handler,
                                  size_t* max_body) const {
  std::vector<std::string> segments = SplitPath(request.path);
  bool path_seen = false;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::vector<std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const std::string& s = route.segments[i];
      if (s.size() > 1 && s.front() == '{' && s.back() == '}') {
        params.push_back(segments[i]);
      } else {
        ok = s == segments[i];
      }
    }
    if (!ok) continue;
    path_seen = true;
    if (route.method != request.method) continue;
    request.path_params = std::move(params);
    *handler = &route.handler;
    *max_body = route.max_body;
    return MatchResult::kFound;
  }
  return path_seen ? MatchResult::kWrongMethod : MatchResult::kNoPath;
}

size_t Router::LargestBody() const {
  size_t largest = 0;
  for (const Route& r : routes_) largest = std::max(largest, r.max_body);
  return largest;
}

}  // namespace gonghui::http
