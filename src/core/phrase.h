// Figures as a bulletin writes them (the register of 一周动态): "15家", "600余个", "2万余人",
// "近1万人", "10万元" — never "20,143人". A dashboard figure offers its sentence in this register
// and the bulletin composer inserts it citing the exact figure and its date.
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gonghui {

struct PhraseOptions {
  // A count just below a round number is written "近<round>" (9,960 → 近1万人); without it the
  // round number below with 余 (9900余人).
  bool near = true;
};

// The count as a bulletin writes it with its unit:
//   below 100                     exactly (15家, 86次)
//   100 to 999                    the hundred below with 余 (623 → 600余个)
//   1,000 and more                two significant digits below with 余 (1,234 → 1200余人,
//                                 20,143 → 2万余人, 25,600 → 2.5万余人, 123,456 → 12万余人)
//   a count that is round already exactly (600个, 1200个, 2万人)
//   less than half a step short of a number of one significant digit, when options.near: 近
//   (651 → 近700个, 980 → 近1000个, 9,960 → 近1万人; but 25,600 → 2.5万余人)
// Negative counts are written exactly.
std::string PhraseCount(int64_t count, std::string_view unit, PhraseOptions options = {});

// An amount in fen as a bulletin writes it: below 1万元 exactly (5000元, 3.25元); from 1万元 in
// 万 when it is a multiple of 0.1万 (10万元, 12.5万元), else two significant digits below with 余
// (123,456元 → 12万余元, 15,300元 → 1.5万余元).
std::string PhraseMoney(int64_t fen);

// A rate in per mille (1000 = 100%) as "100%", "98.7%", "0%".
std::string PhrasePercent(int64_t per_mille);

}  // namespace gonghui
