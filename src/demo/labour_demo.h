// Demo labour relations, shaped like the founding bulletin's 巫山县 case
// ("四强四抓四提升"): its state enterprises, public institutions and
// above-scale private enterprises all unionised, all with 厂务公开 and 职代会;
// its regional and industry contracts that expired this year all renewed
// (续签率 100%); five framework documents with the 人社局; consultations with
// 美团 and 饿了么 riders (新业态); 86 guidance visits this year; training of
// 1000余 people (集体协商指导员, 乡镇(街道)社会化工作者, 职工代表); one contract
// signed online by both sides. Every other district gets the same kinds of
// records at lower rates, so the figures and their ranking mean something.
// At every scale every unionised enterprise of the census gets its flags and,
// most of them, contracts (comprehensive, the yearly wage contract, renewals).
#pragma once

#include <cstdint>

#include "core/crypto.h"
#include "core/result.h"
#include "db/db.h"

namespace gonghui::demo {

// Needs the org tree, the enterprise census and the members; deterministic
// for a given `now`.
Status GenerateLabour(db::Tx& tx, const SecretBox& box, int64_t now);

}  // namespace gonghui::demo
