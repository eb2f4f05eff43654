// Task plans (实施方案, SPEC §3.8): after a meeting a union "制定闭环落实实施方案，
// 逐条逐项对照梳理，项目化、清单化、责任化推进落实". A plan belongs to its owner
// union and may cite the meeting's work record (activity_id, a record of type
// meeting); its items (清单) each name the union that carries it out (any union
// in the owner's subtree, on either axis), a responsible person, a deadline and
// a measurable target where there is one (a count with its unit, or text).
// docs/api.md "任务清单 (tasks)" is the wire contract.
//
// Who may do what. The plan's owner — a caller whose scope holds the plan's
// union — edits the plan and its items, accepts or returns finished items and
// closes the plan. The union of an item — a caller whose scope holds the item's
// union — reads the plan's heading and the items in its own scope (nothing of
// the items of other unions), reports on them and submits them as done; it may
// not change the plan. Anyone else gets 404.
//
// The state machine, enforced in plan.cc and nowhere else (rules.h ItemNext is
// the table; anything not listed is 409 failed_precondition naming the step):
//
//   plan  create {org_id, title, period_from, period_to, activity_id?, items?}
//                                      → open (落实中)
//         PATCH (title, period, note, stale_days)            open only, owner
//         close {on}                   open → closed (已办结), owner; only when the plan has
//                                      items and every one is closed
//   item  add (POST …/plans/{id}/items)                      plan open, owner → not_started
//         PATCH (title, union, person, deadline, target)     owner, plan open, item not closed
//         DELETE                       owner, plan open, item not_started with no report
//         report {on, text, achieved?, photos?, activity_ids?}
//                                      not_started | in_progress → in_progress (推进中);
//                                      the item's union or the owner
//         complete {on, evidence, achieved?, photos?, activity_ids?}
//                                      not_started | in_progress → done (已完成, 待验收);
//                                      the item's union or the owner; evidence is the text
//                                      and at least one photo or linked work record
//         accept {on, comment?}        done → closed (已关闭), owner only: an item closes only
//                                      with evidence and the owner's acceptance
//         return {on, reason}          done → in_progress, owner only: the evidence is not
//                                      enough; the item is carried on
//
// Every step is dated (not after today, not before the item's previous step),
// writes a task_item_event row (the item's timeline) and an audit row; plan
// edits write audit rows. Nothing is deleted but a never-started item.
//
// 督办: an open item (not_started, in_progress) past its deadline is `overdue`;
// one without a report for more than the plan's stale_days days (counted from
// the last report, or from the day it was assigned) is `stale`. GET
// /tasks/items lists the items of a subtree, overdue first (?overdue=true,
// ?stale=true, ?state=open…; ?format=xlsx downloads the same list); GET
// /tasks/digest is the week's digest: what became overdue, what was submitted,
// what closed.
#pragma once

#include "api/api.h"

namespace gonghui::task {

// /tasks/plans…, /tasks/items…, /tasks/digest.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::task
