// Demo programmes, shaped like the founding bulletin: the 2024 六一 care
// campaign (target 1,000 children) with 大足区's 500 children and 10万元, 巫山's
// 50余 drivers and children, 酉阳's 53 children and other districts' visits;
// 奉节县's 乒乓球比赛 (男子单打/女子单打, a tie, top 5 awarded and qualified for
// the 市第三届职工运动会); the 公交新能源客车 skills competition (驾驶员 with
// 巾帼奖 and 新秀奖, 修理工 as teams); and honours (五一劳动奖章, 工人先锋号,
// 全国工会爱心托管班, 工会重点工作创新案例 …).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "db/db.h"

namespace gonghui::demo {

// Needs the org tree and the demo accounts; deterministic.
Status GenerateProgrammes(db::Tx& tx, int64_t now);

}  // namespace gonghui::demo
