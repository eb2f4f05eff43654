// Reading a JSON request body field by field, with zh-CN errors that name the
// field: "标题（title）不能为空". Unknown fields are refused, so a misspelt
// field never silently does nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace gonghui::api {

struct FieldDef {
  const char* key;
  const char* label;  // zh-CN
};

class Body {
 public:
  Body(const nlohmann::json& json, std::vector<FieldDef> fields);

  // kInvalidArgument naming the first field not in the list.
  Status CheckUnknown() const;
  // Present and not null.
  bool Has(std::string_view key) const;
  const nlohmann::json* Get(std::string_view key) const;

  // A trimmed string; `required` refuses absent, null and empty.
  Result<std::string> Text(std::string_view key, bool required, size_t max_chars = 200) const;
  Result<std::optional<std::string>> OptText(std::string_view key, size_t max_chars = 200) const;
  Result<int64_t> Int(std::string_view key, int64_t min, int64_t max) const;
  Result<std::optional<int64_t>> OptInt(std::string_view key, int64_t min, int64_t max) const;
  Result<std::optional<bool>> OptBool(std::string_view key) const;
  Result<std::vector<std::string>> TextList(std::string_view key, size_t max_items,
                                            size_t max_chars = 100) const;
  Result<std::vector<int64_t>> IdList(std::string_view key, size_t max_items) const;

  // The error for `key` with the field's label: "<label>（<key>）<what>".
  Status Error(std::string_view key, std::string_view what) const;
  std::string Label(std::string_view key) const;

 private:
  const nlohmann::json& json_;
  std::vector<FieldDef> fields_;
};

// `s` without leading and trailing ASCII whitespace.
std::string Trim(std::string s);

// Number of Unicode code points in UTF-8 text.
size_t Utf8Length(std::string_view text);

}  // namespace gonghui::api
