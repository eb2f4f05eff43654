// Demo news items and issues of 一周动态, shaped like the founding bulletin:
// three published issues (2024 第19–21期) with lead stories, innovation cases
// and ◆ briefs adopted from district unions, the working copy of 第22期, a
// review queue of submitted items, and 南岸区's items in every state.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "db/db.h"

namespace gonghui::demo {

// Needs the org tree and the demo accounts; deterministic.
Status GenerateNews(db::Tx& tx, int64_t now);

}  // namespace gonghui::demo
