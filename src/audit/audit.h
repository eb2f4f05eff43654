// The audit log: every write records who, when, which entity, and the record
// before and after (personal data only in masked form). Rows are written in
// the same transaction as the change, so they exist exactly when it does.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::audit {

// `before`/`after` may be null (create has no before, delete no after).
void Record(api::Call& call, std::string_view action, std::string_view entity, int64_t entity_id,
            std::optional<int64_t> org_id, const nlohmann::json& before,
            const nlohmann::json& after);

// GET /audit (admin, `audit:log:read`).
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::audit
