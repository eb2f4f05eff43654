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
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::campaign {

// "(<column> IN (the subtree of org) OR <column> IN (the ancestors of org))",
// appending its two values to params.
std::string ReachSql(std::string_view column, int64_t org_id, std::vector<db::Value>& params);
// Whether a programme owned by `owner` reaches a user of org `user_org`.
bool Reaches(db::Tx& tx, int64_t user_org, int64_t owner);

// Checks that a work record of `org_id` starting on `start_date` may report
// against campaign `campaign_id`: the campaign exists and reaches the caller,
// the record's org lies in the owner's subtree (either axis), and the date lies
// in the campaign's period. kInvalidArgument naming `campaign_id` otherwise.
Status CheckLink(db::Tx& tx, const auth::Principal& who, int64_t campaign_id, int64_t org_id,
                 const std::string& start_date);

// The progress of a campaign's linked live records in the subtree of `root`
// on `axis` ("t" or "i"): {"total":{…},"rows":[…]} as in docs/api.md.
nlohmann::json Progress(db::Tx& tx, int64_t campaign_id, int64_t target_count, int64_t root,
                        const std::string& axis);

// GET|POST /campaigns, GET|PATCH /campaigns/{id}, GET /campaigns/{id}/progress.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::campaign
