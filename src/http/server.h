// The HTTP server: RESTinio on a thread pool, static files for the web UI, and
// a graceful shutdown.
//
// Serve blocks until SIGTERM or SIGINT. It then stops taking new work (new
// requests get 503 `unavailable` with Connection: close), waits for the
// requests in flight to finish (at most `drain_timeout_seconds`), and stops.
// Handlers run synchronously on the pool threads; the database pool should
// have at least as many connections as there are threads.
#pragma once

#include <string>
#include <vector>

#include "http/router.h"

namespace gonghui::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t threads = 4;
  std::string web_dir;              // served at "/" with index.html fallback
  size_t body_limit = 1024 * 1024;  // larger bodies get 413, unless the route allows more
  // No route may allow more than this; a larger body closes the connection.
  size_t max_route_body_limit = 8 * 1024 * 1024;
  int drain_timeout_seconds = 30;
  // CSP hash sources of inline style sheets the server writes (see SecurityHeaders).
  std::vector<std::string> style_hashes;
  std::function<void()> on_ready;  // called once the socket listens
};

// Runs until SIGTERM/SIGINT. Answers an error if the socket cannot be opened.
Status Serve(const ServerOptions& options, const Router& router);

// Reads a file below `root` for `path` (no "..", index.html fallback for
// paths without an extension). Exposed for tests.
Response StaticFile(const std::string& root, const std::string& path);

}  // namespace gonghui::http
