// Arguments that lists and new records of several areas read the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "api/body.h"
#include "core/date.h"

namespace gonghui::api {

// "(<from_col> <= ? AND <to_col> >= ?)": the row's dates [from, to] touch
// calendar year `year` (one date column for both: the date lies in it).
// Appends its two values to params.
std::string TouchesYear(std::string_view from_col, std::string_view to_col, int year,
                        std::vector<db::Value>& params);

// The org a new record belongs to: the body's `org_id`, else the caller's own
// org; 404 naming `org_id` ("<what>不存在或不在您的管辖范围内") outside the
// caller's scope.
Result<int64_t> OwnerOrg(Call& call, const Body& body, std::string_view what);

// Timelines (labour_contract_event, labour_mediation_event, task_item_event, …): a row for a step
// of record `id`
// (`key` its column), and the rows as JSON in order.
void AppendEvent(Call& call, std::string_view table, std::string_view key, int64_t id,
                 std::string_view step, std::string_view from, std::string_view to,
                 const std::string& on, const nlohmann::json& detail);
nlohmann::json Timeline(db::Tx& tx, std::string_view table, std::string_view key, int64_t id);
// A date the user gives for something that happened: valid and not after today. When absent:
// today if `default_today`, else "" (or 422 when `required`).
Result<std::string> PastDate(const Body& body, std::string_view key, const Date& today,
                             bool required, bool default_today = true);

}  // namespace gonghui::api
