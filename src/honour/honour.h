// Honours (荣誉, SPEC §3.5): 五一劳动奖状/奖章, 工人先锋号, 劳动模范, 全国工会爱心
// 托管班, 工会重点工作创新案例 … conferred on a person (a member, or a named
// person) or a collective (a team, class or unit) of a union, at a level
// (全国/市级/区县级) in a year.
//
// An honour belongs to the awardee's union (org_id) and follows the scope
// rule like any record: a caller reads and writes the honours of their
// subtree; one outside it is "not found". Every write is audited (entity
// "honour").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::honour {

inline constexpr const char* kKinds[] = {
    "may_day_certificate", "may_day_medal",   "worker_pioneer", "model_worker",
    "childcare_class",     "innovation_case", "other"};
inline constexpr const char* kLevels[] = {"national", "city", "district"};

// zh-CN labels: "五一劳动奖章", "市级"; "" for an unknown code.
std::string KindLabel(std::string_view kind);
std::string LevelLabel(std::string_view level);

// The honour figures of GET /stats/programmes for the subtree of `root` on
// `axis` (`year` narrows): total, by kind and level, and per child union,
// each with the link to the list behind it.
nlohmann::json Figures(db::Tx& tx, int64_t root, const std::string& axis,
                       const std::optional<std::string>& year);

// GET|POST /honours, GET|PATCH|DELETE /honours/{id}.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::honour
