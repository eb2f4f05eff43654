#include "api/body.h"

#include <algorithm>

namespace gonghui::api {

size_t Utf8Length(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Trim(std::string s) {
  auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  size_t i = 0;
  while (i < s.size() && space(s[i])) ++i;
  return s.substr(i);
}

Body::Body(const nlohmann::json& json, std::vector<FieldDef> fields)
    : json_(json), fields_(std::move(fields)) {}

std::string Body::Label(std::string_view key) const {
  for (const FieldDef& f : fields_) {
    if (key == f.key) return f.label;
  }
  return std::string(key);
}

Status Body::Error(std::string_view key, std::string_view what) const {
  std::string label = Label(key);
  std::string message = label == key ? "字段 " + label : label + "（" + std::string(key) + "）";
  return InvalidArgument(std::string(key), message + std::string(what));
}

Status Body::CheckUnknown() const {
  for (const auto& item : json_.items()) {
    const std::string& key = item.key();
    bool known = std::any_of(fields_.begin(), fields_.end(),
                             [&](const FieldDef& f) { return key == f.key; });
    if (!known) return InvalidArgument(key, "未知字段：" + key);
  }
  return Status::Ok();
}

const nlohmann::json* Body::Get(std::string_view key) const {
  auto it = json_.find(std::string(key));
  if (it == json_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool Body::Has(std::string_view key) const { return Get(key) != nullptr; }

Result<std::optional<std::string>> Body::OptText(std::string_view key, size_t max_chars) const {
  const nlohmann::json* v = Get(key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return Error(key, "应为字符串");
  std::string s = Trim(v->get<std::string>());
  if (Utf8Length(s) > max_chars) {
    return Error(key, "不能超过 " + std::to_string(max_chars) + " 个字");
  }
  return std::optional<std::string>(std::move(s));
}

Result<std::string> Body::Text(std::string_view key, bool required, size_t max_chars) const {
  GH_ASSIGN_OR_RETURN(std::optional<std::string> s, OptText(key, max_chars));
  if (required && (!s || s->empty())) return Error(key, "不能为空");
  return s.value_or("");
}

Result<std::optional<int64_t>> Body::OptInt(std::string_view key, int64_t min, int64_t max) const {
  const nlohmann::json* v = Get(key);
  if (!v) return std::optional<int64_t>();
  if (!v->is_number_integer()) return Error(key, "应为整数");
  int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    return Error(key, "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
  }
  return std::optional<int64_t>(n);
}

Result<int64_t> Body::Int(std::string_view key, int64_t min, int64_t max) const {
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> n, OptInt(key, min, max));
  if (!n) return Error(key, "不能为空");
  return *n;
}

Result<std::optional<bool>> Body::OptBool(std::string_view key) const {
  const nlohmann::json* v = Get(key);
  if (!v) return std::optional<bool>();
  if (!v->is_boolean()) return Error(key, "应为 true 或 false");
  return std::optional<bool>(v->get<bool>());
}

Result<std::vector<std::string>> Body::TextList(std::string_view key, size_t max_items,
                                                size_t max_chars) const {
  std::vector<std::string> out;
  const nlohmann::json* v = Get(key);
  if (!v) return out;
  if (!v->is_array()) return Error(key, "应为字符串数组");
  if (v->size() > max_items) return Error(key, "最多 " + std::to_string(max_items) + " 项");
  for (const auto& item : *v) {
    if (!item.is_string()) return Error(key, "应为字符串数组");
    std::string s = Trim(item.get<std::string>());
    if (s.empty()) continue;
    if (Utf8Length(s) > max_chars) {
      return Error(key, "每项不能超过 " + std::to_string(max_chars) + " 个字");
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<int64_t>> Body::IdList(std::string_view key, size_t max_items) const {
  std::vector<int64_t> out;
  const nlohmann::json* v = Get(key);
  if (!v) return out;
  if (!v->is_array()) return Error(key, "应为编号数组");
  if (v->size() > max_items) return Error(key, "最多 " + std::to_string(max_items) + " 项");
  for (const auto& item : *v) {
    if (!item.is_number_integer() || item.get<int64_t>() <= 0) return Error(key, "应为编号数组");
    out.push_back(item.get<int64_t>());
  }
  return out;
}

}  // namespace gonghui::api
