// Work records (工作动态, SPEC §3.1): the common record under everything a union
// does — meetings, education, training, competitions, culture and sports, care
// visits, consultations, guidance visits, awards.
//
// A record belongs to one org (org_id) and is visible along both axes to every
// ancestor of that org. activity_scope indexes each live record under every
// ancestor (from org_closure), so a subtree's newest page is one index range
// scan; it is written with the record, refreshed when a subtree moves, and
// emptied when the record is (softly) deleted.
//
// Quantities keep what the bulletin wrote and the number: "40余人" is stored
// as 40 + "余" + "人"; money is fen with a qualifier ("最高") and a source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::activity {

inline constexpr const char* kTypes[] = {
    "meeting", "education",    "training", "competition", "culture_sports",
    "care",    "consultation", "guidance", "award",       "other"};
bool IsType(std::string_view type);

// A validated record, ready to store. Built from a request body by Parse, or
// directly by the demo generator.
struct Record {
  int64_t org_id = 0;
  std::string title;
  std::string type;
  std::string start_date;
  std::string end_date;
  std::string day_part;  // "", "am", "pm"
  std::optional<int64_t> participants_count;
  std::string participants_qualifier;
  std::string participants_unit;
  nlohmann::json detail =
      nlohmann::json::object();  // places, beneficiaries, target_groups, money, items
  std::vector<int64_t> organisers;
  std::vector<int64_t> partners;
  std::string body;
  std::optional<int64_t> campaign_id;  // the care campaign it reports against
};

// Writes a new record and its scope index. Answers its id. No checks: callers
// validate (Parse) and check scope.
int64_t Insert(db::Tx& tx, const Record& record, int64_t user_id, int64_t now);

// GET|POST /activities, GET|PATCH|DELETE /activities/{id}. Also registers the
// subtree-moved hook that keeps activity_scope exact.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::activity
