// Members (会员, SPEC §3.7): the people a union enrols — name, ID number, the
// gender and birth date derived from it, phone, employer, join date, status
// (active 正常, suspended 暂停, left 已离会), tags (new_employment 新就业形态劳动者,
// migrant_worker 农民工, model_worker 劳模, in_hardship 困难职工) and children.
// A member belongs to exactly one union (org_id) and follows that union's scope:
// a record outside the caller's subtree is answered 404, like a missing one.
//
// Personal data (PII rule, PIPL):
//   - The ID number is stored three ways and never in clear: id_number_cipher
//     (SecretBox::Seal), id_number_hash (SecretBox::Fingerprint, unique: one
//     person is a member once, anywhere in the city) and id_number_masked
//     (500108********1234). The phone likewise: phone_cipher and phone_masked.
//   - Answers carry the masked strings unless the caller holds
//     `member:pii:read`, in which case they are decrypted (lists too).
//   - Audit rows only ever hold the masked strings.
//   - A PATCH whose id_number or phone is exactly the masked string the caller
//     was shown leaves the stored value alone, so an edit form that displays
//     the masked value and sends it back unchanged neither fails nor erases it.
//
// Transfers (转会): a member never changes union through PATCH (422 on
// org_id). POST /members/{id}/transfer moves it: both the current and the
// target union must be in the caller's scope (404 otherwise), the target may
// not be a partner org (422) nor the current union (409 failed_precondition).
// Each transfer appends a member_transfer row (from, to, reason, who, when) and
// an audit row `transfer`; history is never rewritten, and
// GET /members/{id}/transfers reads it back oldest first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "core/date.h"
#include "core/result.h"

namespace gonghui::member {

// Routes (docs/api.md "Members"), each one transaction:
//   GET   /members                  member:member:read   list of the subtree, newest first;
//                                   query org_id, axis, q (the start of a name, by name;
//                                   or a whole ID number), status, tag, page, page_size;
//                                   total_capped when a search matched over 200
//   POST  /members                  member:member:write  201 member; 404 org_id out of scope,
//                                   422 invalid field or partner org, 409 ID number taken
//   GET   /members/{id}             member:member:read
//   PATCH /members/{id}             member:member:write  any field but org_id; children,
//                                   when given, replace the list
//   POST  /members/{id}/transfer    member:member:write  {to_org_id, reason?} → 200 member
//   GET   /members/{id}/transfers   member:member:read   {"items":[{at, from_org_id,
//                                   from_org_name, to_org_id, to_org_name, reason, user_id}]}
void RegisterRoutes(api::Api& api);

// Export (export.cc, docs/api.md "Members"), the list's filters:
//   GET /members/export?format=csv|xlsx&org_id&axis&q&status&tag&unmasked&purpose
//       member:member:read; streamed (a piece at a time, whatever the rows),
//       grouped by union. Masked unless `unmasked=true`, which needs
//       member:pii:read (403) and a stated `purpose` (422). Every export is
//       logged (audit.h, the PIPL export log) before its first row.
void RegisterExportRoutes(api::Api& api);

// The WHERE clause of the list's filters (q, status, tag; 422 naming the
// parameter), with the subtree when `sub` is given: tested member by member
// when `walk` (the list reads the members in its order and keeps the
// subtree's), else left to the planner (which reads the subtree's unions).
Result<std::string> ListWhere(const api::Call& call, const api::ListParams& p,
                              const api::Subtree* sub, std::vector<db::Value>& params,
                              bool walk = false);

// --- Validation shared with bulk import; pure and thread-safe ---------------

inline constexpr const char* kStatuses[] = {"active", "suspended", "left"};
inline constexpr const char* kTags[] = {"new_employment", "migrant_worker", "model_worker",
                                        "in_hardship"};
inline constexpr size_t kMaxChildren = 10;

bool IsStatus(std::string_view status);
bool IsTag(std::string_view tag);

// A JSON array of tag names → the tags in kTags order, without repeats.
// InvalidArgument on `field` when not an array, on `field[i]` for an item that
// is not a known tag.
Result<std::vector<std::string>> ParseTags(const nlohmann::json& value,
                                           std::string_view field = "tags");
// The stored form: tags joined with ',' ("" for none), and back.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(std::string_view stored);

struct Child {
  std::string name;        // 1–50 characters, trimmed
  std::string birth_date;  // YYYY-MM-DD, not after `today`
};

// A JSON array of {name, birth_date} objects, at most kMaxChildren.
// InvalidArgument on `field` when not such an array, on `field[i]` for an item
// that is not an object, on `field[i].key` for an unknown, missing or invalid
// key (e.g. children[0].birth_date).
Result<std::vector<Child>> ParseChildren(const nlohmann::json& value, const Date& today,
                                         std::string_view field = "children");

}  // namespace gonghui::member
