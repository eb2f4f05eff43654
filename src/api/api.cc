#include "api/api.h"

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
  return r;
}

std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

Result<int64_t> Call::PathId(size_t i) const {
  if (i >= req.path_params.size()) return NotFound("记录不存在");
  std::optional<int64_t> id = ParseId(req.path_params[i]);
  if (!id) return NotFound("记录不存在（编号无效）");
  return *id;
}

// The path of the first string (key or value) holding a NUL character, which
// PostgreSQL cannot store; "" when there is none.
std::string FindNul(const nlohmann::json& j, const std::string& path) {
  if (j.is_string())
    return j.get_ref<const std::string&>().find('\0') != std::string::npos ? path : "";
  if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) {
      std::string found = FindNul(j[i], path + "[" + std::to_string(i) + "]");
      if (!found.empty()) return found;
    }
  } else if (j.is_object()) {
    for (const auto& item : j.items()) {
      std::string child = path.empty() ? item.key() : path + "." + item.key();
      if (item.key().find('\0') != std::string::npos) return child;
      std::string found = FindNul(item.value(), child);
      if (!found.empty()) return found;
    }
  }
  return "";
}

Result<nlohmann::json> ParseBody(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return Status(Code::kBadRequest, "请求体不是合法的 JSON");
  if (!j.is_object()) return Status(Code::kBadRequest, "请求体应为 JSON 对象");
  if (body.find("\\u0000") != std::string::npos) {
    std::string field = FindNul(j, "");
    if (!field.empty())
      return InvalidArgument(field, "字段 " + field + " 不能包含空字符（\\u0000）");
  }
  return j;
}

Result<ListParams> ParseListParams(const http::Request& req) {
  ListParams p;
  auto integer = [&](const char* name, int64_t min, int64_t max, int64_t& out) -> Status {
    auto v = req.Query(name);
    if (!v) return Status::Ok();
    std::optional<int64_t> n = ParseId(*v);
    if (!n && v->find_first_not_of("0123456789") != std::string::npos) {
      return Status(Code::kBadRequest, std::string("查询参数 ") + name + " 应为整数", name);
    }
    if (!n || *n < min || *n > max) {
      return InvalidArgument(name, std::string("查询参数 ") + name + " 应为 " +
                                       std::to_string(min) + " 到 " + std::to_string(max) +
                                       " 之间的整数");
    }
    out = *n;
    return Status::Ok();
  };
  GH_RETURN_IF_ERROR(integer("page", 1, 1000000, p.page));
  GH_RETURN_IF_ERROR(integer("page_size", 1, 200, p.page_size));
  if (auto v = req.Query("org_id")) {
    std::optional<int64_t> n = ParseId(*v);
    if (!n) return Status(Code::kBadRequest, "查询参数 org_id 应为组织编号", "org_id");
    p.org_id = *n;
  }
  if (auto v = req.Query("axis")) {
    if (*v == "territorial") {
      p.axis = "t";
    } else if (*v == "industry") {
      p.axis = "i";
    } else if (!v->empty()) {
      return InvalidArgument("axis", "查询参数 axis 应为 territorial（属地）或 industry（产业）");
    }
  }
  for (auto [name, out] : {std::pair{"from", &p.from}, std::pair{"to", &p.to}}) {
    if (auto v = req.Query(name); v && !v->empty()) {
      GH_RETURN_IF_ERROR(ParseDate(*v, name).status());
      *out = *v;
    }
  }
  if (!p.from.empty() && !p.to.empty() && p.to < p.from) {
    return InvalidArgument("to", "结束日期不能早于开始日期");
  }
  p.type = req.Query("type").value_or("");
  p.q = req.Query("q").value_or("");
  if (Utf8Length(p.q) > 100) return InvalidArgument("q", "搜索词不能超过 100 个字");
  p.sort = req.Query("sort").value_or("");
  if (auto v = req.Query("year"); v && !v->empty()) {
    if (v->size() != 4 || v->find_first_not_of("0123456789") != std::string::npos) {
      return Status(Code::kBadRequest, "查询参数 year 应为四位年份", "year");
    }
    p.year = std::stoi(*v);
  }
  if (auto v = req.Query("own"); v && !v->empty()) {
    if (*v != "true" && *v != "false") {
      return Status(Code::kBadRequest, "查询参数 own 应为 true 或 false", "own");
    }
    p.own = *v == "true";
  }
  return p;
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
  return s;
}

std::string InSubtree(std::string_view column, const Subtree& sub, std::vector<db::Value>& params) {
  params.push_back(sub.root);
  params.push_back(sub.axis);
  return std::string(column) +
         " IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND axis = ?)";
}

std::string SubtreeHas(std::string_view column, const Subtree& sub,
                       std::vector<db::Value>& params) {
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
                   std::vector<db::Value> params, std::string_view order, const ListParams& p) {
  PageRows out;
  out.total = tx.QueryInt("SELECT COUNT(*) " + from, params);
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

http::Response Api::Handle(const Endpoint& endpoint, http::Request& request) {
  bool write = IsWrite(endpoint.method);
  Result<nlohmann::json> body = endpoint.raw_body ? Result<nlohmann::json>(nlohmann::json::object())
                                                  : ParseBody(request.body);
  std::optional<auth::Principal> principal;
  Reply reply;
  Status s = app_.db.Run(write ? db::Mode::kWrite : db::Mode::kRead, [&](db::Tx& tx) -> Status {
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
    nlohmann::json params = nlohmann::json::array();
    for (const std::string& seg : http::SplitPath(e.path)) {
      if (seg.front() == '{') {
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "integer"}}}});
      }
    }
    for (const std::string& q : e.query) {
      params.push_back({{"name", q}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (e.method == "POST" || e.method == "PATCH" || e.method == "PUT") {
      op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      if (e.raw_body) {
        op["requestBody"] = {
            {"content",
             {{"image/jpeg", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
              {"image/png", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
              {"image/webp", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
      }
      op["parameters"].push_back({{"name", "X-CSRF-Token"},
                                  {"in", "header"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}}});
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
