#include <restinio/uri_helpers.hpp>

#include "http/http.h"

namespace gonghui::http {

Status ParseQuery(std::string_view raw, std::map<std::string, std::string>& out) {
  if (raw.empty()) return Status::Ok();
  auto parsed = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(raw);
  if (!parsed) return {Code::kBadRequest, "查询参数格式错误，无法解析"};
  // RESTinio's decoder already refuses percent-escapes that are not UTF-8 (surrogates and
  // overlong forms included); a NUL is valid UTF-8, so it is refused here.
  for (const auto& [key, value] : *parsed) {
    if (key.find('\0') != std::string_view::npos) {
      return {Code::kBadRequest, "查询参数名不能包含空字符（%00）"};
    }
    if (value.find('\0') != std::string_view::npos) {
      return {Code::kBadRequest, "查询参数 " + std::string(key) + " 不能包含空字符（%00）",
              std::string(key)};
    }
    out[std::string(key)] = std::string(value);
  }
  return Status::Ok();
}

}  // namespace gonghui::http
