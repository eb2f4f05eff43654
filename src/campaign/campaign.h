// Care campaigns (关爱行动, SPEC §3.6): a campaign such as 2024年“六一”关爱 has
// an owner union (usually the city), a period and a target ("1000名儿童" of
// 新就业形态劳动者子女 and 农民工子女). Unions report their care work against
// it: a work record carries the campaign's id (activity.campaign_id), and the
// campaign's progress sums the linked live records per district.
//
// Reach rule, shared by the programmes a higher union runs for the unions
// below it (campaigns and competitions): a programme owned by org O is
// visible to a user whose org is O, an ancestor of O, or below O, on either
// axis; creating and editing it need O in the user's scope (auth::InScope).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::campaign {

// "<column> lies in the subtree of org or is one of its ancestors (either
// axis)", tested row by row; appends its two values to params.
std::string ReachSql(std::string_view column, int64_t org_id, std::vector<db::Value>& params);
// Whether a programme owned by `owner` reaches a user of org `user_org`.
bool Reaches(db::Tx& tx, int64_t user_org, int64_t owner);

// Checks that a work record of `org_id` starting on `start_date` may report
// against campaign `campaign_id`: the campaign exists and reaches the caller,
// the record's org lies in the owner's subtree (either axis), and the date lies
// in the campaign's period. kInvalidArgument naming `campaign_id` otherwise.
Status CheckLink(db::Tx& tx, const auth::Principal& who, int64_t campaign_id, int64_t org_id,
                 const std::string& start_date);

// One live work record's share of its campaign's progress.
struct Share {
  int64_t campaign_id = 0;
  int64_t org_id = 0;
  int64_t beneficiaries = 0;  // its participants when it names no beneficiaries (50余人参加)
  int64_t money_fen = 0;
  std::vector<std::string> items;  // 书包, 文具 …
};
// The share of a record from its columns and detail JSON.
Share ShareOf(int64_t campaign_id, int64_t org_id, int64_t beneficiaries_total,
              std::optional<int64_t> participants, int64_t money_fen, const nlohmann::json& detail);

// Progress is kept as counters (table campaign_tally, migration 8): for each
// campaign, one row per org and axis summing the records of the org's subtree
// ('t', 'i') and one for the org's own records ('o'), with the items in
// campaign_tally_item. The work-record writes call Count with +1 for a record
// that now counts and -1 for one that no longer does, in their transaction;
// the increments are single upserts, so concurrent writers do not lose counts.
void Count(db::Tx& tx, const Share& share, int sign);
// Recomputes the counters of one campaign, or of all, from the live records:
// the migration, bulk loads that bypass Count (the demo) and org moves call it.
void RebuildTallies(db::Tx& tx, std::optional<int64_t> campaign_id = std::nullopt);

// The progress of a campaign's live records in the subtree of `root` on `axis`
// ("t" or "i"): {"total":{…},"rows":[…]} as in docs/api.md. `with_rows`
// false leaves the per-child rows out (the programme statistics).
nlohmann::json Progress(db::Tx& tx, int64_t campaign_id, int64_t target_count, int64_t root,
                        const std::string& axis, bool with_rows = true);

// GET|POST /campaigns, GET|PATCH /campaigns/{id}, GET /campaigns/{id}/progress.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::campaign
