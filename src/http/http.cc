#include "http/http.h"

namespace gonghui::http {

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string Request::Cookie(std::string_view name) const {
  std::string_view all = headers.count("cookie") ? std::string_view(headers.at("cookie")) : "";
  while (!all.empty()) {
    size_t end = all.find(';');
    std::string_view part = all.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(
    const std::vector<std::string>& style_hashes) {
  std::string style_src = "style-src 'self'";
  for (const std::string& hash : style_hashes) style_src += " '" + hash + "'";
  return {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; " + style_src +
           "; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; "
           "form-action 'self'; frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Permissions-Policy",
       "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
       "encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), "
       "idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), "
       "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), "
       "sync-xhr=(), usb=(), xr-spatial-tracking=()"},
      {"X-Content-Type-Options", "nosniff"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
}

Response Response::Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

int HttpStatus(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kBadRequest:
      return 400;
    case Code::kInvalidArgument:
      return 422;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kFailedPrecondition:
      return 409;
    case Code::kPayloadTooLarge:
      return 413;
    case Code::kResourceExhausted:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Status& status) {
  nlohmann::json error = {{"code", CodeName(status.code())}, {"message", status.message()}};
  if (!status.field().empty()) error["field"] = status.field();
  return Response::Json(HttpStatus(status.code()), {{"error", error}});
}

}  // namespace gonghui::http
