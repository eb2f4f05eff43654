// Shared between the childcare .cc files; not part of the area's interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::childcare {

// The class as answered (docs/api.md), scope-checked: kNotFound outside the
// caller's subtree.
Result<nlohmann::json> LoadClass(api::Call& call, int64_t id);

// The settings document (subsidy_caps_fen, priority_tags, pass_score).
nlohmann::json Settings(db::Tx& tx);

// Admits waiting children while seats are free (priority first, then request
// time). Answers how many were admitted.
int64_t Admit(db::Tx& tx, int64_t class_id, int64_t now);

// A comma list query parameter.
std::vector<std::string> SplitList(const std::string& text);

// Strict list filters. Absent or empty → nullopt (false); a value that does
// not parse → kBadRequest on the parameter, with a message naming it.
// IdParam: a record id (`what` names the record: "托管班编号"); YearParam:
// four digits, 1900–2100; DateParam: YYYY-MM-DD; BoolParam: true or false.
Result<std::optional<int64_t>> IdParam(const http::Request& req, const char* name,
                                       std::string_view what);
Result<std::optional<int64_t>> YearParam(const http::Request& req);
Result<std::optional<std::string>> DateParam(const http::Request& req, const char* name);
Result<bool> BoolParam(const http::Request& req, const char* name);

nlohmann::json OptInt(const std::optional<int64_t>& v);

void RegisterClassRoutes(api::Api& api);
void RegisterEvaluationRoutes(api::Api& api);
void RegisterSupervisionRoutes(api::Api& api);
void RegisterStatsRoutes(api::Api& api);

}  // namespace gonghui::childcare
