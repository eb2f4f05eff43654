// Competitions (竞赛, SPEC §3.5): sports and skills events (乒乓球比赛,
// 公交新能源客车职业技能竞赛) organised by a union, each with categories
// (男子单打, 驾驶员, 修理工 …; individual or team), entries from unions, results,
// a ranking with ties (ranking.h), award tiers, special awards attached to
// entries (巾帼奖, 新秀奖), and qualification of the best of a category to the
// parent event (奉节's 乒乓球比赛 → 市第三届职工运动会乒乓球比赛).
//
// Who may do what (anything else is 403, or 404 when the event does not reach
// the caller — the reach rule of campaign/campaign.h):
//   read an event, its entries and ranking   the event reaches the caller
//   create / edit the event and categories   organiser in the caller's scope
//   enter a union (add, edit, withdraw)      entrant union in the caller's scope
//                                            (404 org_id) and in the organiser's
//                                            subtree (422 org_id)
//   record results, qualify                  organiser in the caller's scope
//
// Qualification (Qualify): every entry ranked ≤ qualify_top is entered in the
// parent event's category of the same name with qualified_from_entry_id set;
// a unique index on that column makes it idempotent. Refused (409) while the
// category's results are incomplete. Every write is audited ("competition",
// "competition_entry").
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::competition {

// The competition figures of GET /stats/programmes: entries of events that
// reach `viewer_org` whose entrant union lies in the subtree of `root` on
// `axis`, with awarded, special-award and qualified counts, in total and per
// child union (each summing its subtree), each with the link to its entries.
nlohmann::json Figures(db::Tx& tx, int64_t viewer_org, int64_t root, const std::string& axis,
                       const std::optional<std::string>& year);

// GET|POST /competitions, GET|PATCH /competitions/{id}, GET /competitions/entries,
// GET|POST /competitions/{id}/entries, PATCH|DELETE /competitions/{id}/entries/{entry_id},
// POST /competitions/{id}/results, GET /competitions/{id}/ranking,
// POST /competitions/{id}/qualify.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::competition
