// Demo 爱心托管班 shaped like the founding bulletin: at `small` scale 624
// classes spread over every district (15 全国 and 59 市级 among them, the rest
// 区县级 or not graded), over 20,000 enrolled children of active members (the
// children are added to member_child as needed), graded evaluations with
// scores and grants, a review queue and inspections with open and overdue
// findings; at `city` scale 2,000 classes and 100,000 children for the bench.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "db/db.h"

namespace gonghui::demo {

// Needs the org tree, members and the demo accounts; deterministic.
Status GenerateChildcare(db::Tx& tx, const std::string& scale, int64_t now);

}  // namespace gonghui::demo
