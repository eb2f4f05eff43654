// Shared by the files of labour/ (not part of the area's interface).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/body.h"
#include "core/date.h"
#include "db/db.h"

namespace gonghui::labour {

// The columns every contract read selects.
constexpr const char* kColumns =
    "c.id, c.number, c.org_id, o.name, c.kind, c.title, c.employer_enterprise_id, e.name, "
    "c.employer_rep, c.workers, c.women, c.dispatched, c.term_from, c.term_to, c.state, "
    "c.offered_on, c.offered_by, c.vote_total, c.vote_attendees, c.vote_for, c.vote_against, "
    "c.voted_on, c.vote_passed, c.signed_on, c.filed_on, c.effective_on, c.published_on, "
    "c.predecessor_id, c.note, c.created_at, c.updated_at";
constexpr const char* kFrom =
    " FROM labour_contract c JOIN org o ON o.id = c.org_id LEFT JOIN enterprise e ON e.id = "
    "c.employer_enterprise_id";
// The columns every contract read (SELECT kColumns kFrom) gives, in order.
enum Col {
  kId,
  kNumber,
  kOrgId,
  kOrgName,
  kKind,
  kTitle,
  kEmployerId,
  kEmployerName,
  kEmployerRep,
  kWorkers,
  kWomen,
  kDispatched,
  kTermFrom,
  kTermTo,
  kState,
  kOfferedOn,
  kOfferedBy,
  kVoteTotal,
  kVoteAttendees,
  kVoteFor,
  kVoteAgainst,
  kVotedOn,
  kVotePassed,
  kSignedOn,
  kFiledOn,
  kEffectiveOn,
  kPublishedOn,
  kPredecessor,
  kNote,
  kCreatedAt,
  kUpdatedAt
};

// rules.h CurrentState as an SQL expression over the labour_contract row
// aliased `alias`, for lists and figures that filter by the state of today
// (filed → effective on effective_on; effective | published → expired after
// term_to). Appends its values to params. contract_test.cc checks the two
// agree.
std::string CurrentStateSql(std::string_view alias, const Date& today,
                            std::vector<db::Value>& params);

// contract.cc
// The contract whose `column` ("c.id", "c.number") equals `value`, in scope or not.
std::optional<db::Row> FindContract(db::Tx& tx, std::string_view column, const db::Value& value);
// The contract's row when it exists and lies in the caller's scope; 404 otherwise.
Result<db::Row> LoadRow(api::Call& call, int64_t id);
// The state of today of a contract row (rules.h CurrentState).
std::string StateToday(const db::Row& r, const Date& today);
// The contract as JSON; `full` adds negotiators, enterprises, texts, signatures and events.
nlohmann::json ToJson(db::Tx& tx, const db::Row& r, const Date& today, bool full);
// A row of the timeline of contract `id`.
void AddEvent(api::Call& call, int64_t id, std::string_view step, std::string_view from,
              std::string_view to, const std::string& on, const nlohmann::json& detail);
// The newest text version: {id, version, sha256}, nullopt when there is none.
struct TextRef {
  int64_t id = 0;
  int64_t version = 0;
  std::string sha256;
};
std::optional<TextRef> NewestText(db::Tx& tx, int64_t contract_id);

// records.cc: /labour/consultations, /labour/visits, /labour/trainings, /labour/documents,
// /labour/visit-items.
void RegisterRecordRoutes(api::Api& api);
// rates.cc: /labour/rates, /labour/rate-units, /labour/rate-settings.
void RegisterRateRoutes(api::Api& api);
// mediation.cc: /labour/mediations….
void RegisterMediationRoutes(api::Api& api);

// signing.cc
// Voids the signatures collected so far (a new text, a new vote, an objection).
void VoidSignatures(db::Tx& tx, int64_t contract_id, int64_t now, const std::string& reason);
// The signatures and signing links of a contract, for its JSON.
nlohmann::json SignaturesJson(db::Tx& tx, int64_t contract_id);
nlohmann::json SignLinksJson(db::Tx& tx, int64_t contract_id);
// /labour/contracts/{id}/signatures, …/sign-links, /public/sign/{token}…, /public/verify.
void RegisterSigningRoutes(api::Api& api);

}  // namespace gonghui::labour
