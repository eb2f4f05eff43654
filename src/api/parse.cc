// Parsing what a request brings: the JSON body and the common list parameters
// (declared in api/api.h). Kept apart from the pipeline so the fuzz targets
// (fuzz/) link them without the database and the server.
#include <charconv>
#include <string>

#include "api/api.h"
#include "api/body.h"
#include "core/date.h"

namespace gonghui::api {

namespace {

// The path of the first string (key or value) holding a NUL character, which
// PostgreSQL cannot store; "" when there is none. Recursion is bounded by
// kMaxBodyDepth, which ParseBody checks first.
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

// True when `body` nests arrays and objects deeper than `limit`. Brackets inside strings do not
// count; the text need not be valid JSON (the parser judges that afterwards).
bool NestsDeeperThan(std::string_view body, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

Result<nlohmann::json> ParseBody(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  // Every reader of a body (and nlohmann's dump) recurses once per level.
  if (NestsDeeperThan(body, kMaxBodyDepth)) {
    return Status(Code::kBadRequest,
                  "请求体嵌套过深（最多 " + std::to_string(kMaxBodyDepth) + " 层）");
  }
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

}  // namespace gonghui::api
