// Record counts per org subtree, kept by the database's own triggers, so the
// total of a large list (the city's 8 million members) is one row, not a count.
//
// org_count holds, per measure (a table of records that belong to an org) and
// bucket (a value of the record: a member's status, or its status and tags
// together; an enterprise's kind), the number of records:
//   axis 'o'       of the org itself;
//   axis 't', 'i'  of the org's whole subtree on that axis.
// The invariant: a subtree row is the sum of the own rows of the org's
// descendants on that axis (org_closure, the org itself included).
// Triggers keep it on every write, whichever code path or bulk load made it:
//   - a record inserted, deleted, or updated in its org or bucket column adds
//     ±1 to the own row of its org and to the subtree rows of every ancestor;
//   - a closure row inserted or deleted (an org created, a subtree moved, see
//     org.h) adds or takes back the descendant's own rows at the ancestor.
// The upserts are increments, so concurrent writers on PostgreSQL lose no
// count. A bulk load may drop the triggers and call RebuildCounts, which
// recomputes everything from the records and creates the triggers again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "db/db.h"

namespace gonghui::org {

// Creates the triggers (after DropCountTriggers, or on a new database) and
// recomputes every count from the records.
void RebuildCounts(db::Tx& tx);
// For bulk loads, which then call RebuildCounts.
void DropCountTriggers(db::Tx& tx);
// Creates the triggers anew without recounting (after a change to their text).
void ReplaceCountTriggers(db::Tx& tx);

// A bulk writer of one measure's records (the imports) inside one
// transaction: PauseCounts stops the triggers counting `measure` in this
// transaction only (SQLite: its triggers are dropped, PostgreSQL: a
// transaction-local setting they read, so no lock is taken on the table), the
// writer adds what it wrote with AddCounts, and ResumeCounts starts them
// again. A rollback undoes all three.
void PauseCounts(db::Tx& tx, std::string_view measure);
void ResumeCounts(db::Tx& tx, std::string_view measure);
struct CountDelta {
  int64_t org_id = 0;
  std::string bucket;
  int64_t n = 0;
};
// Adds each delta to the org's own row and to every ancestor's subtree rows.
void AddCounts(db::Tx& tx, std::string_view measure, const std::vector<CountDelta>& deltas);

// The records of `measure` ("member", "enterprise", "labour_contract",
// "childcare_enrolment") in the subtree, in `buckets` (all when empty).
int64_t CountInSubtree(db::Tx& tx, std::string_view measure, const api::Subtree& sub,
                       const std::vector<std::string>& buckets = {});
// The members in the subtree holding `tag` (a code without LIKE wildcards:
// member::IsTag), of `status` unless it is empty: the measure
// "tagged_member", bucketed by status and tags together.
int64_t CountTaggedMembers(db::Tx& tx, const api::Subtree& sub, std::string_view tag,
                           std::string_view status);

}  // namespace gonghui::org
