#include "api/api.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "api/body.h"
#include "core/date.h"

namespace gonghui::api {
namespace {

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

http::Response ToResponse(const Reply& reply) {
  http::Response r = reply.status == 204 ? http::Response::NoContent()
                                         : http::Response::Json(reply.status, reply.body);
  if (!reply.raw_body.empty()) r.body = reply.raw_body;
  if (!reply.content_type.empty()) r.content_type = reply.content_type;
  r.headers = reply.headers;
  r.headers.emplace_back("Cache-Control", "no-store");
  r.stream = reply.stream;
  return r;
}

}  // namespace

Result<int64_t> Call::PathId(size_t i) const {
  if (i >= req.path_params.size()) return NotFound("记录不存在");
  std::optional<int64_t> id = ParseId(req.path_params[i]);
  if (!id) return NotFound("记录不存在（编号无效）");
  return *id;
}

Result<Subtree> ResolveSubtree(db::Tx& tx, const auth::Principal& who, const ListParams& p) {
  Subtree s{p.org_id.value_or(who.org_id), p.axis};
  // The scope check and the root's kind in one statement (lists are hot).
  auto kind = tx.QueryOne(
      "SELECT o.kind FROM org o WHERE o.id = ? AND EXISTS (SELECT 1 FROM org_closure c WHERE "
      "c.ancestor_id = ? AND c.descendant_id = o.id)",
      {s.root, who.org_id});
  if (!kind) return NotFound("组织不存在或不在您的管辖范围内");
  if (s.axis.empty()) s.axis = kind->Str(0) == "industry" ? "i" : "t";
  s.whole = kind->Str(0) == "city";
  return s;
}

std::string InSubtree(std::string_view column, const Subtree& sub, std::vector<db::Value>& params) {
  if (sub.whole) return std::string(column) + " IS NOT NULL";
  params.push_back(sub.root);
  params.push_back(sub.axis);
  return std::string(column) +
         " IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND axis = ?)";
}

std::string SubtreeHas(std::string_view column, const Subtree& sub,
                       std::vector<db::Value>& params) {
  if (sub.whole) return std::string(column) + " IS NOT NULL";
  params.insert(params.end(), {db::Value(sub.root), db::Value(sub.axis)});
  return "EXISTS (SELECT 1 FROM org_closure sh WHERE sh.ancestor_id = ? AND sh.axis = ? AND "
         "sh.descendant_id = " +
         std::string(column) + ")";
}

Reply Download(std::string bytes, std::string content_type, std::string_view file_name,
               std::string_view ascii_name) {
  std::string encoded;
  for (unsigned char c : file_name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  Reply reply;
  reply.raw_body = std::move(bytes);
  reply.content_type = std::move(content_type);
  reply.headers.push_back(
      {"Content-Disposition",
       "attachment; filename=\"" + std::string(ascii_name) + "\"; filename*=UTF-8''" + encoded});
  return reply;
}

PageRows QueryPage(db::Tx& tx, std::string_view columns, const std::string& from,
                   std::vector<db::Value> params, std::string_view order, const ListParams& p,
                   std::optional<int64_t> total) {
  PageRows out;
  out.total = total ? *total : tx.QueryInt("SELECT COUNT(*) " + from, params);
  params.push_back(p.page_size);
  params.push_back(p.offset());
  out.rows = tx.Query("SELECT " + std::string(columns) + " " + from + " ORDER BY " +
                          std::string(order) + " LIMIT ? OFFSET ?",
                      params);
  return out;
}

nlohmann::json Page(nlohmann::json items, int64_t total, const ListParams& p) {
  return {
      {"items", std::move(items)}, {"total", total}, {"page", p.page}, {"page_size", p.page_size}};
}

void Api::Add(Endpoint endpoint) { endpoints_.push_back(std::move(endpoint)); }

Result<nlohmann::json> Api::Read(Call& call, std::string_view link) const {
  constexpr std::string_view kPrefix = "/api/v1";
  if (!link.starts_with(kPrefix)) return NotFound("链接不存在");
  http::Request request;
  request.method = "GET";
  const size_t mark = link.find('?');
  request.path = std::string(link.substr(kPrefix.size(), mark - kPrefix.size()));
  if (mark != std::string_view::npos) {
    std::string_view rest = link.substr(mark + 1);
    while (!rest.empty()) {
      const std::string_view pair = rest.substr(0, rest.find('&'));
      rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      // Values may carry %XX escapes (a ',' must travel as %2C over HTTP).
      std::string value;
      const std::string_view raw = pair.substr(eq + 1);
      for (size_t i = 0; i < raw.size(); ++i) {
        unsigned byte = 0;
        if (raw[i] == '%' && i + 2 < raw.size() &&
            std::from_chars(raw.data() + i + 1, raw.data() + i + 3, byte, 16).ptr ==
                raw.data() + i + 3) {
          value += static_cast<char>(byte);
          i += 2;
        } else {
          value += raw[i];
        }
      }
      request.query[std::string(pair.substr(0, eq))] = std::move(value);
    }
  }
  auto segments = [](std::string_view path) {
    std::vector<std::string_view> out;
    for (size_t start = 1; start <= path.size();) {
      const size_t end = std::min(path.find('/', start), path.size());
      out.push_back(path.substr(start, end - start));
      start = end + 1;
    }
    return out;
  };
  const std::vector<std::string_view> want = segments(request.path);
  for (const Endpoint& e : endpoints_) {
    if (e.method != "GET" || e.anonymous) continue;
    const std::vector<std::string_view> have = segments(e.path);
    if (have.size() != want.size()) continue;
    std::vector<std::string> params;
    bool match = true;
    for (size_t i = 0; i < have.size() && match; ++i) {
      if (have[i].starts_with('{')) {
        params.emplace_back(want[i]);
      } else {
        match = have[i] == want[i];
      }
    }
    if (!match) continue;
    if (!e.permission.empty() && !call.who.Has(e.permission)) {
      return PermissionDenied("您的角色没有此操作的权限（" + e.permission + "）");
    }
    request.path_params = std::move(params);
    const nlohmann::json no_body = nlohmann::json::object();
    Call inner{call.app, request, call.tx, call.who, no_body, call.now};
    GH_ASSIGN_OR_RETURN(Reply reply, e.handler(inner));
    if (reply.raw_body.empty()) return std::move(reply.body);
    // A cached answer arrives serialised; anything else raw is not a figure's list.
    if (!reply.content_type.empty()) return NotFound("链接不是 JSON 列表");
    return nlohmann::json::parse(reply.raw_body);
  }
  return NotFound("链接不存在");
}

http::Response Api::Handle(const Endpoint& endpoint, http::Request& request) {
  bool write = IsWrite(endpoint.method);
  Result<nlohmann::json> body = endpoint.raw_body ? Result<nlohmann::json>(nlohmann::json::object())
                                                  : ParseBody(request.body);
  std::optional<auth::Principal> principal;
  Reply reply;
  const db::Mode mode = write && !endpoint.read_only ? db::Mode::kWrite : db::Mode::kRead;
  Status s = app_.db.Run(mode, [&](db::Tx& tx) -> Status {
    if (endpoint.anonymous) {
      if (!body.ok()) return body.status();
      const auth::Principal nobody;
      Call call{app_, request, tx, nobody, *body, app_.clock.Now()};
      Result<Reply> r = endpoint.handler(call);
      if (!r.ok()) return r.status();
      reply = std::move(*r);
      return Status::Ok();
    }
    Result<auth::Principal> who =
        auth::Authenticate(tx, app_, request.Cookie(auth::kSessionCookie));
    if (!who.ok()) return who.status();
    principal = *who;
    if (write && !auth::CsrfMatches(*who, request.Header("x-csrf-token"))) {
      return Status(Code::kPermissionDenied, "缺少或错误的 CSRF 令牌，请刷新页面后重试",
                    "X-CSRF-Token");
    }
    if (!endpoint.permission.empty() && !who->Has(endpoint.permission)) {
      return PermissionDenied("您的角色没有此操作的权限（" + endpoint.permission + "）");
    }
    if (!body.ok()) return body.status();
    Call call{app_, request, tx, *who, *body, app_.clock.Now()};
    Result<Reply> r = endpoint.handler(call);
    if (!r.ok()) return r.status();
    reply = std::move(*r);
    return Status::Ok();
  });
  if (principal) auth::TouchSession(app_, *principal);
  if (!s.ok()) return http::ErrorResponse(s);
  return ToResponse(reply);
}

http::Response Api::HandleLogin(http::Request& request) {
  Result<nlohmann::json> json = ParseBody(request.body);
  if (!json.ok()) return http::ErrorResponse(json.status());
  Body body(*json, {{"username", "用户名"}, {"password", "密码"}});
  Status s = body.CheckUnknown();
  if (!s.ok()) return http::ErrorResponse(s);
  Result<std::string> username = body.Text("username", true, 64);
  if (!username.ok()) return http::ErrorResponse(username.status());
  const nlohmann::json* password = body.Get("password");
  if (!password || !password->is_string() || password->get<std::string>().empty()) {
    return http::ErrorResponse(body.Error("password", "不能为空"));
  }
  Result<auth::NewSession> session =
      auth::Login(app_, *username, password->get<std::string>(), request.remote_address);
  if (!session.ok()) return http::ErrorResponse(session.status());
  Reply reply = Reply::Ok(session->who.ToJson());
  reply.headers.emplace_back("Set-Cookie",
                             auth::SessionCookie(session->token, app_.settings.secure_cookie));
  return ToResponse(reply);
}

void Api::Mount(http::Router& router) {
  router.Add("POST", "/api/v1/auth/login", [this](http::Request& r) { return HandleLogin(r); });
  router.Add("GET", "/api/v1/openapi.json",
             [this](http::Request&) { return http::Response::Json(200, OpenApi()); });
  for (const Endpoint& e : endpoints_) {
    router.Add(
        e.method, "/api/v1" + e.path, [this, &e](http::Request& r) { return Handle(e, r); },
        e.max_body);
  }
}

nlohmann::json Api::OpenApi() const {
  nlohmann::json error_schema = {{"type", "object"},
                                 {"properties",
                                  {{"error",
                                    {{"type", "object"},
                                     {"required", {"code", "message"}},
                                     {"properties",
                                      {{"code", {{"type", "string"}}},
                                       {"message", {{"type", "string"}}},
                                       {"field", {{"type", "string"}}}}}}}}}};
  nlohmann::json paths = nlohmann::json::object();
  auto error_responses = [] {
    nlohmann::json r;
    for (const char* code : {"400", "401", "403", "404", "409", "413", "422", "429", "500"}) {
      r[code] = {{"description", "错误"},
                 {"content",
                  {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    }
    return r;
  };
  paths["/api/v1/auth/login"]["post"] = {
      {"tags", {"auth"}},
      {"summary", "登录"},
      {"security", nlohmann::json::array()},
      {"requestBody",
       {{"required", true},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"required", {"username", "password"}},
              {"properties",
               {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}}}}}}}}},
      {"responses", error_responses()}};
  paths["/api/v1/auth/login"]["post"]["responses"]["200"] = {
      {"description", "登录成功，设置会话 Cookie"}};
  paths["/api/v1/openapi.json"]["get"] = {
      {"tags", {"meta"}},
      {"summary", "本接口文档"},
      {"security", nlohmann::json::array()},
      {"responses", {{"200", {{"description", "OpenAPI 3.0 文档"}}}}}};
  for (const Endpoint& e : endpoints_) {
    nlohmann::json op = {
        {"tags", {e.tag}}, {"summary", e.summary}, {"responses", error_responses()}};
    if (!e.permission.empty()) op["x-permission"] = e.permission;
    if (e.anonymous) op["security"] = nlohmann::json::array();
    nlohmann::json params = nlohmann::json::array();
    for (const std::string& seg : http::SplitPath(e.path)) {
      if (seg.front() == '{') {
        const std::string name = seg.substr(1, seg.size() - 2);
        const bool text = name == "token" || name == "date";
        params.push_back({{"name", name},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", text ? "string" : "integer"}}}});
      }
    }
    for (const std::string& q : e.query) {
      params.push_back({{"name", q}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (e.method == "POST" || e.method == "PATCH" || e.method == "PUT") {
      op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      if (e.raw_body) {
        const std::vector<std::string> types =
            e.raw_types.empty() ? std::vector<std::string>{"image/jpeg", "image/png", "image/webp"}
                                : e.raw_types;
        nlohmann::json content = nlohmann::json::object();
        for (const std::string& type : types) {
          content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
        }
        op["requestBody"] = {{"content", content}};
      }
      if (!e.anonymous) {
        op["parameters"].push_back({{"name", "X-CSRF-Token"},
                                    {"in", "header"},
                                    {"required", true},
                                    {"schema", {{"type", "string"}}}});
      }
    }
    std::string method = e.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    op["responses"][e.method == "DELETE" ? "204"
                    : e.method == "POST" ? "201"
                                         : "200"] = {{"description", "成功"}};
    paths["/api/v1" + e.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "gonghui 工会工作平台 API"},
            {"version", "1"},
            {"description", "会话 Cookie gonghui_session；写操作需 X-CSRF-Token 头。"},
            {"license", {{"name", "Apache-2.0"}}}}},
          {"servers", {{{"url", "/"}}}},
          {"security", {{{"session", nlohmann::json::array()}}}},
          {"components",
           {{"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "gonghui_session"}}}}},
            {"schemas", {{"Error", error_schema}}}}},
          {"paths", paths}};
}

}  // namespace gonghui::api
