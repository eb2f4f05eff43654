// Maps (method, path) to a handler. Patterns are literal segments and `{name}`
// placeholders: "/api/v1/orgs/{id}/children". Registration happens at start-up;
// Match is thread-safe afterwards (read-only).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/http.h"

namespace gonghui::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  enum class MatchResult { kFound, kNoPath, kWrongMethod };
  // On kFound sets *handler and fills request.path_params.
  MatchResult Match(Request& request, const Handler** handler) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(std::string_view path);

}  // namespace gonghui::http
