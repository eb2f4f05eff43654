// 爱心托管班 — childcare classes for workers' children (SPEC §3.3, the
// founding bulletin's 爱心托管 case): classes with staff and courses, enrolled
// children of members with a priority waiting list, daily attendance, the
// six-standard evaluation that grades a class and sets its subsidy, and
// supervision (inspections whose findings stay open until accepted).
// docs/api.md "爱心托管班 (childcare)" is the wire contract.
//
// Enrolment: a child (of an active member, age within the class's range on
// its start date) is admitted when a seat is free and nobody waits; else it
// waits (on request) or is refused (409 field capacity). The waiting list is
// ordered by priority (the parent holds one of the class's priority tags:
// 新就业形态 / 农民工 by default), then request time; every freed seat admits
// its head (Admit in classes.cc).
//
// Deleting a class (Delete in classes.cc) is for a class nothing has happened
// to yet: any enrolment (withdrawn ones too), an evaluation past its draft, a
// grade, a grant or an inspection keeps it (409 naming every reason); its
// draft evaluations go with it.
//
// The evaluation state machine, enforced in evaluation.cc and nowhere else
// (rules.h Next() is its table; anything else is 409 failed_precondition):
//
//   create {year}        → draft          host side: childcare:class:write, class in scope
//   edit {scores}        draft | returned (self scores with evidence; same state)
//   submit               draft | returned → district_review
//                                          (→ city_review when the class has no district reviewer)
//   review {scores}      district_review → city_review     the district reviewer: a
//                                          childcare:evaluation:review user whose org IS the
//                                          class's nearest district (territorial) or, failing
//                                          that, industry union
//   review {scores, grade, subsidy_fen?}
//                        city_review → graded   a reviewer whose org is the city; sets the
//                                               class's grade, records the grant (≤ cap)
//   return {comment}     district_review → returned        (the district reviewer)
//                        city_review → district_review     (a city reviewer; → returned
//                                                           without a district step)
//
// Evidence: the host's self-assessment needs evidence for every standard to
// be submitted (drafts may lack it); the reviewers must score all six
// standards, evidence optional; a return needs a comment.
//
// Who: a class outside the caller's subtree is 404 (a district never sees
// another district's class); in scope but at the wrong level for the step is
// 403. Every step writes a childcare_evaluation_event row (the timeline) and
// an audit row. A class's grade changes only by a city review (graded).
//
// Findings: open → rectify → rectified → accept → accepted, or reject →
// open; `overdue` while not accepted and past the deadline. The inspecting
// union (or one above it) may edit its visit and the findings not yet
// accepted (Patch in supervision.cc); an accepted finding is closed.
#pragma once

#include "api/api.h"

namespace gonghui::childcare {

// /childcare/classes…, /childcare/enrolments, /childcare/evaluations…,
// /childcare/settings, /childcare/inspections…, /childcare/findings…,
// /stats/childcare.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::childcare
