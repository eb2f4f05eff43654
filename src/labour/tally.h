// The counters behind the rates of labour relations (labour/rates.cc), so a
// city's rates read a few hundred counter rows instead of every enterprise,
// member, flag and contract of the city.
//
// Each enterprise of the census and each contract that took effect is a
// source of entries (measure, kind, bucket, n):
//   enterprise  eligible            1 when it has at least min_employees workers
//               eligible_unionised  1 when eligible and it has a union
//               unionised           1 when it has a union
//               members, employees  its union's active members, its workers (unionised)
//               affairs, congress   1 per year (bucket) flagged 厂务公开 / 职代会 (unionised)
//               in_force            1, bucket the last day a contract of its own or a
//                                   区域性/行业性 one covering it is in force (unionised;
//                                   rules.h InForceUntil), so "in force today" is the sum
//                                   of the buckets from today on
//   kind is the enterprise's kind, so any set of kinds sums its rows;
//   contract    expired             1, bucket its term_to, kind the contract kind
//               renewed             1 the same when a signed renewal links to it
// Each dated measure comes twice, by day and by month (in_force_m, expired_m,
// renewed_m: bucket "YYYY-MM"), so a read sums whole months and the days of
// the current month only: a few hundred rows per org, whatever the dates.
// labour_tally holds the sums per org of every source of its subtree, on each
// axis ('t', 'i'), and of the org's own sources ('o'). labour_tally_source
// keeps what each source last added, so a refresh takes back exactly that and
// adds the new entries: a write calls Refresh* for what it touched, in its
// own transaction, and the upserts are increments (no lost counts between
// concurrent writers). RebuildTallies recomputes everything from the records:
// the migration, the demo's bulk load, a moved subtree and a changed
// threshold call it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/db.h"

namespace gonghui::labour {

// Units with at least this many workers should have a union (建会率), until
// the federation sets its own threshold (labour_setting min_employees).
inline constexpr int64_t kDefaultMinEmployees = 25;

// Refreshes the entries of these enterprises (ids that no longer exist take
// their entries back).
void RefreshUnits(db::Tx& tx, const std::vector<int64_t>& enterprise_ids);
// The enterprises whose union is `union_org_id` (its members changed).
void RefreshUnionUnits(db::Tx& tx, int64_t union_org_id);
// The enterprises a contract concerns: its employer and the ones it covers.
std::vector<int64_t> ContractUnits(db::Tx& tx, int64_t contract_id);
// After a contract changed: its own entries, its predecessor's (renewed) and
// those of its units plus `also` (the units it concerned before the change).
void RefreshContract(db::Tx& tx, int64_t contract_id, const std::vector<int64_t>& also = {});
// Recomputes every counter from the records.
void RebuildTallies(db::Tx& tx);
// Registers the refreshes with the org and member writes (at start-up).
void RegisterTallyHooks();

// The sums the rates are made of, for one org.
struct Tallies {
  int64_t eligible = 0;
  int64_t eligible_unionised = 0;
  int64_t unionised = 0;
  int64_t members = 0;
  int64_t employees = 0;
  int64_t affairs = 0;
  int64_t congress = 0;
  int64_t in_force = 0;
  int64_t expired = 0;
  int64_t renewed = 0;
  bool operator==(const Tallies&) const = default;
};
struct TallyFilter {
  std::string axis;                // "t", "i", or "o" (the orgs' own sources)
  std::vector<std::string> kinds;  // enterprise kinds, empty = all
  std::string contract_kind;       // "", "area" (区域性 and 行业性) or a contract kind
  int year = 0;                    // of the flags and of the expiries
  std::string today;               // "YYYY-MM-DD": in force from, expired before
};
// The sums for each of `org_ids` (absent ones are all zero).
std::map<int64_t, Tallies> ReadTallies(db::Tx& tx, const std::vector<int64_t>& org_ids,
                                       const TallyFilter& filter);

}  // namespace gonghui::labour
