// The dashboard (工作台, SPEC §3.9): for the caller's union or any union in scope, on either
// axis, one answer with the figures of every area — work records by type, news submitted and
// adopted and the union's adoption rank, childcare classes by grade and children served,
// campaign progress, competitions and honours, the labour-relations rates, task plans and
// overdue items, members and enterprises — each with the link to the list behind it.
//
// Every figure is read through its link: the dashboard asks the list endpoint the link names
// (api::Api::Read, same caller, same transaction) and shows that list's total, so the list a
// leader opens from a figure shows the same count by construction. A figure of an area the
// caller may not read is left out. Each figure also offers its sentence in a bulletin's
// register (core/phrase.h: 600余个, 2万余人) with the exact figure and the date it was read, for
// the bulletin composer.
//
// GET /dashboard?org_id=&axis=&year=&near= ; GET /dashboard/trends?org_id=&axis=&key=&from=&to=&by=
// (a dated figure by month or by week over the period, beside the same days a year earlier) and
// GET /dashboard/ranking?org_id=&axis=&key=&year= (the figure for each child union, ranked, each
// with its list and the union's GB/T 2260 code where it has one). Trends and ranking read every
// value through its link too.
#pragma once

#include "api/api.h"

namespace gonghui::stats {

void RegisterDashboardRoutes(api::Api& api);

}  // namespace gonghui::stats
