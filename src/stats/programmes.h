// Programme statistics (SPEC §3.5, §3.6, §3.9): for any org and axis, the
// progress of the care campaigns that reach it, the competition entries and
// awards of its unions, and its honours by kind and level — each figure
// summing the whole subtree, with a link to the records behind it. Rolled up
// along either axis, the root's figures agree (every union lies under the
// city on both axes).
#pragma once

#include "api/api.h"

namespace gonghui::stats {

// GET /stats/programmes?org_id=&axis=&year=.
void RegisterProgrammeRoutes(api::Api& api);

}  // namespace gonghui::stats
