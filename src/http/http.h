// Plain request and response values, independent of the HTTP library.
//
// http/server.cc is the only file that sees RESTinio: it turns each incoming
// request into a Request, asks the Router for a handler and writes the
// Response back. Everything above works with these values, which keeps
// handlers testable without a socket and the heavy templates in one file.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace gonghui::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // without the query string
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::vector<std::string> path_params;  // the {…} segments of the matched route

  // The header's value, or "" when absent. `name` is lower-case.
  std::string Header(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
  std::string Cookie(std::string_view name) const;
};

// Sends one piece of a streamed body and waits until it has left; false when
// the client is gone (the producer should stop).
using StreamWrite = std::function<bool(std::string_view chunk)>;
// A body produced while it is sent (exports of a million rows): the server
// sends the head at once, then calls the producer on a thread of its own,
// which writes the body a piece at a time (chunked transfer encoding), so
// memory holds one piece whatever the size. An error Status ends the body
// early (the client sees a truncated transfer).
using StreamBody = std::function<Status(const StreamWrite& write)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  StreamBody stream;  // when set, the body instead of `body`

  static Response Json(int status, const nlohmann::json& body);
  static Response NoContent();
};

// The security headers of every response (server.cc adds them to each one, errors included):
//   Content-Security-Policy  default-src 'self'; scripts only from the server's own files, never
//                            inline or eval; styles from the server's files plus the inline
//                            <style> blocks named in `style_hashes`; images also as data: and
//                            blob: URLs (ECharts' saved images, photo previews before upload);
//                            no plugins, no <base>, forms post only here, never framed;
//   X-Frame-Options: DENY    the same for browsers without frame-ancestors;
//   Referrer-Policy: same-origin, Permissions-Policy denying every device and feature the UI
//   does not use, X-Content-Type-Options: nosniff, and the cross-origin isolation pair that keeps
//   other sites from opening a window onto the UI or embedding its responses.
// `style_hashes` are CSP hash sources ("sha256-…") of the inline style sheets the server writes
// itself: the bulletin's HTML export carries its CSS inside and the UI previews it in a
// sandboxed srcdoc frame, which inherits this policy. Vue and Element Plus set styles through
// the CSSOM, and ECharts draws on a canvas, so neither needs 'unsafe-inline'.
std::vector<std::pair<std::string, std::string>> SecurityHeaders(
    const std::vector<std::string>& style_hashes);

// Decodes a query string ("a=1&q=%E5%B7%A5") into `out` with RESTinio's parser (JavaScript's
// encodeURIComponent rules; a later duplicate key wins). 400 `bad_request` for malformed
// percent-encoding, pairs or UTF-8, and, naming the parameter, for a value holding a NUL (%00),
// which the database cannot store as text.
Status ParseQuery(std::string_view raw, std::map<std::string, std::string>& out);

// The one mapping from a result code to an HTTP status.
int HttpStatus(Code code);

// {"error":{"code","message","field"}} with the status for the code.
Response ErrorResponse(const Status& status);

}  // namespace gonghui::http
