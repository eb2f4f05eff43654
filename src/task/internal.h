// Shared by the files of task/ (not part of the area's interface).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "core/date.h"
#include "db/db.h"

namespace gonghui::task {

// The columns every item read selects (SELECT kItemColumns kItemFrom), in the order of ItemCol.
constexpr const char* kItemColumns =
    "i.id, i.plan_id, p.title, p.org_id, po.name, p.state, p.stale_days, p.period_from, "
    "i.position, i.org_id, "
    "o.name, i.title, i.responsible, i.deadline, i.target_count, i.target_unit, i.target_text, "
    "i.achieved, i.state, i.assigned_on, i.last_report_on, i.report_due_on, "
    "i.evidence_report_id, i.completed_on, i.closed_on, i.created_at, i.updated_at";
// The orgs are LEFT JOINed (their rows always exist) so that SQLite, which
// keeps a LEFT JOIN's order, reads the items first: without statistics on the
// item tables it would scan every org and look up each one's items.
constexpr const char* kItemFrom =
    " FROM task_item i JOIN task_plan p ON p.id = i.plan_id LEFT JOIN org po ON po.id = p.org_id "
    "LEFT JOIN org o ON o.id = i.org_id";
enum ItemCol {
  kId,
  kPlanId,
  kPlanTitle,
  kPlanOrgId,
  kPlanOrgName,
  kPlanState,
  kStaleDays,
  kPlanPeriodFrom,
  kPosition,
  kOrgId,
  kOrgName,
  kTitle,
  kResponsible,
  kDeadline,
  kTargetCount,
  kTargetUnit,
  kTargetText,
  kAchieved,
  kState,
  kAssignedOn,
  kLastReportOn,
  kReportDueOn,
  kEvidenceReportId,
  kCompletedOn,
  kClosedOn,
  kCreatedAt,
  kUpdatedAt
};

// The calendar day of the call (China time).
Date Today(const api::Call& call);

// The item as JSON (督办 flags of today included); `full` adds its reports and timeline.
// `owner` tells whether the caller owns the plan (may edit, accept and return).
nlohmann::json ItemJson(db::Tx& tx, const db::Row& r, const Date& today, bool owner, bool full);

// SQL conditions: the item row `i` is open and past its deadline / its report day.
// Each appends its value (today) to params.
std::string OverdueSql(const Date& today, std::vector<db::Value>& params);
std::string StaleSql(const Date& today, std::vector<db::Value>& params);

// plan.cc: /tasks/plans…, /tasks/items/{id}… (the item's own reads, edits and steps).
void RegisterPlanRoutes(api::Api& api);
// supervision.cc: GET /tasks/items (督办, JSON or xlsx), GET /tasks/digest.
void RegisterSupervisionRoutes(api::Api& api);

}  // namespace gonghui::task
