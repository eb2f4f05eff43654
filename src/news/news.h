// News items (信息报送, SPEC §3.2): a union's reporter writes an item, the
// city's editors review it, and an adopted item goes into a section of an
// issue of 一周动态 and earns the union adoption points (信息采用积分).
//
// The state machine, enforced here and nowhere else (anything not listed is
// 409 failed_precondition; the reviewer's steps need news:item:review):
//
//   create            → draft          (news:item:write, org in the caller's scope)
//   edit              draft, returned  (text, date, links, photos; same state)
//   submit            draft → submitted;  returned → resubmitted
//   return {comment}  submitted | resubmitted → returned
//   adopt {bulletin_id, section}
//                     submitted | resubmitted → adopted   (appended to that section
//                                                          of the working copy)
//   decline           submitted | resubmitted → declined
//   unadopt           adopted → submitted  (only when the editor removes the entry
//                                           from an issue no published version holds)
//
// Every step writes a news_event row (the timeline shown with the item) and
// an audit_log row. Adopted and declined are final for the reporter.
#pragma once

#include <cstdint>

#include "api/api.h"

namespace gonghui::news {

// Sends an adopted item back to the review queue because its entry left the
// issue's working copy (called by the bulletin composer).
void Unadopt(api::Call& call, int64_t news_id);

// GET|POST /news, GET|PATCH /news/{id}, POST /news/{id}/submit|return|adopt|decline,
// GET /news/ranking.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::news
