// Organisations: one tree, two roll-up axes (SPEC §2).
//
// Every org has at most one territorial parent (`parent_id`) and at most one
// industry parent (`industry_parent_id`). org_closure holds every (ancestor,
// descendant) pair per axis, the org itself at depth 0; the root (市总工会) is
// an ancestor of every org on both axes, so roll-ups along either axis agree at
// the top. Kinds: city, district (区县总工会), street (乡镇/街道工会), industry
// (市级产业工会), grassroots (基层工会), partner (非工会合作单位, never owns users).
//
// Invariants kept here and nowhere else:
//   - org_closure is exact after every Insert and Move;
//   - an org never moves under itself or its own descendant (kFailedPrecondition);
//   - indexes derived from the closure (activity_scope) are refreshed through
//     the hooks registered with OnSubtreeMoved, in the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/body.h"
#include "db/db.h"

namespace gonghui::org {

bool IsKind(std::string_view kind);
// Whether an org of `parent_kind` may be the parent of one of `kind` on
// `axis` ("t" or "i"): the rule Insert and Move enforce.
bool CanParent(std::string_view kind, std::string_view parent_kind, std::string_view axis);
// kInvalidArgument on "code" unless empty or 6, 9 or 12 digits (GB/T 2260).
Status CheckCode(const std::optional<std::string>& code);

struct OrgInput {
  std::string name;
  std::string short_name;
  std::string kind;
  std::optional<std::string> code;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> industry_parent_id;
};

// Inserts an org and its closure rows. The caller has checked scope; this
// checks that parents exist and are not partners. Answers the new id.
Result<int64_t> Insert(db::Tx& tx, const OrgInput& input, int64_t now);

// Changes the parent on one axis ("t" or "i"), rewriting the closure of the
// whole subtree and recording the move in org_move.
Status Move(db::Tx& tx, int64_t org_id, std::string_view axis, std::optional<int64_t> new_parent,
            int64_t user_id, int64_t now);

// Called after a subtree's closure on `axis` changed (root = moved org).
using SubtreeMovedHook = std::function<void(db::Tx&, int64_t root, std::string_view axis)>;
void OnSubtreeMoved(SubtreeMovedHook hook);  // at start-up only

// The kinds of the enterprises of the census (enterprise.kind).
inline constexpr const char* kEnterpriseKinds[] = {
    "state_owned",         "public_institution", "government", "above_scale_private",
    "below_scale_private", "platform",           "social_org"};
// The same kinds as a cadre writes them: the first word is the name the
// exports and the import template write, the others are read as well.
struct EnterpriseKind {
  const char* code;
  std::vector<std::string_view> words;
};
const std::vector<EnterpriseKind>& EnterpriseKindWords();
// The code of a kind given as its code or one of its words; nullptr if none.
const char* EnterpriseKindCode(std::string_view word);
// The name of a kind ("国有企业" for state_owned); `code` itself if unknown.
std::string_view EnterpriseKindName(std::string_view code);

// Called, in the writer's transaction, after an enterprise of the census
// changed (its row or its yearly flags), and after the members of a union
// changed (joined, left, transferred: for each union concerned). The labour
// rates keep counters of both (labour/tally.h).
using EnterpriseChangedHook = std::function<void(db::Tx&, int64_t enterprise_id)>;
void OnEnterpriseChanged(EnterpriseChangedHook hook);  // at start-up only
void EnterpriseChanged(db::Tx& tx, int64_t enterprise_id);
using MembersChangedHook = std::function<void(db::Tx&, int64_t union_org_id)>;
void OnMembersChanged(MembersChangedHook hook);  // at start-up only
void MembersChanged(db::Tx& tx, int64_t union_org_id);

// The id of the root (kind city), 0 before the tree exists.
int64_t RootId(db::Tx& tx);

// The org as JSON, or kNotFound.
Result<nlohmann::json> Load(db::Tx& tx, int64_t id);
// kInvalidArgument on `key` ("<label>（key）中的组织 N 不存在") unless every id is an org.
Status CheckRefs(db::Tx& tx, const std::vector<int64_t>& ids, const api::Body& body,
                 const char* key);
// `{id, name}` for each id that exists, in the given order.
nlohmann::json NameRefs(db::Tx& tx, const std::vector<int64_t>& ids);

// GET|POST /orgs, GET|PATCH /orgs/{id}, children, ancestors, subtree, history;
// enterprises.
void RegisterRoutes(api::Api& api);

// GET|POST /enterprises, GET|PATCH /enterprises/{id}, PUT /enterprises/{id}/flags/{year}
// (enterprise.cc); called by RegisterRoutes.
void RegisterEnterpriseRoutes(api::Api& api);

}  // namespace gonghui::org
