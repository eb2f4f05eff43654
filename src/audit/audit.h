// The audit log: every write records who, when, which entity, and the record
// before and after (personal data only in masked form). Rows are written in
// the same transaction as the change, so they exist exactly when it does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::audit {

// `before`/`after` may be null (create has no before, delete no after).
void Record(api::Call& call, std::string_view action, std::string_view entity, int64_t entity_id,
            std::optional<int64_t> org_id, const nlohmann::json& before,
            const nlohmann::json& after);

// The export log (PIPL): every export of records holding personal data, who,
// when, with which filter, how many rows, masked or not and for what purpose.
// Begun in its own transaction before the first row leaves, ended with the
// rows sent and whether the file was sent whole.
struct Export {
  std::string kind;    // "member", "enterprise"
  std::string format;  // "csv", "xlsx"
  int64_t org_id = 0;  // the caller's union
  int64_t user_id = 0;
  nlohmann::json filter;  // the list's filters, as given
  bool masked = true;
  std::string purpose;  // required when not masked
  int64_t at = 0;
};
int64_t BeginExport(db::Tx& tx, const Export& e);
void EndExport(db::Tx& tx, int64_t id, int64_t rows, bool completed);

// GET /audit (admin, `audit:log:read`); GET /exports, the export log of the
// admin's subtree (`audit:log:read`), newest first.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::audit
