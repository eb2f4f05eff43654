// Arguments that lists and new records of several areas read the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "api/body.h"

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

}  // namespace gonghui::api
