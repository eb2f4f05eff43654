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
  // `max_body` bounds the request body in bytes; 0 keeps the server's limit.
  void Add(std::string method, std::string pattern, Handler handler, size_t max_body = 0);

  enum class MatchResult { kFound, kNoPath, kWrongMethod };
  // On kFound sets *handler and *max_body and fills request.path_params.
  MatchResult Match(Request& request, const Handler** handler, size_t* max_body) const;
  // The largest `max_body` of any route (0 when none sets one).
  size_t LargestBody() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
    size_t max_body;
  };
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(std::string_view path);

}  // namespace gonghui::http
