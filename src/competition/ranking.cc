#include "competition/ranking.h"

#include <algorithm>

namespace gonghui::competition {

std::optional<Scoring> ParseScoring(std::string_view text) {
  if (text == "place") return Scoring::kPlace;
  if (text == "high") return Scoring::kHigh;
  if (text == "low") return Scoring::kLow;
  return std::nullopt;
}

std::vector<Ranked> Rank(std::vector<Entrant> entrants, Scoring scoring) {
  const bool higher_first = scoring == Scoring::kHigh;
  std::stable_sort(entrants.begin(), entrants.end(), [&](const Entrant& a, const Entrant& b) {
    if (a.result.has_value() != b.result.has_value()) return a.result.has_value();
    if (a.result && *a.result != *b.result) {
      return higher_first ? *a.result > *b.result : *a.result < *b.result;
    }
    if (a.name != b.name) return a.name < b.name;
    return a.entry_id < b.entry_id;
  });
  std::vector<Ranked> out;
  out.reserve(entrants.size());
  int64_t rank = 0;
  for (size_t i = 0; i < entrants.size(); ++i) {
    if (!entrants[i].result) {
      out.push_back({entrants[i].entry_id, std::nullopt});
      continue;
    }
    if (i == 0 || *entrants[i].result != *entrants[i - 1].result) {
      rank = static_cast<int64_t>(i) + 1;
    }
    out.push_back({entrants[i].entry_id, rank});
  }
  return out;
}

std::string AwardFor(std::optional<int64_t> rank, const std::vector<AwardTier>& tiers) {
  if (!rank) return "";
  const AwardTier* best = nullptr;
  for (const AwardTier& t : tiers) {
    if (*rank <= t.up_to_rank && (best == nullptr || t.up_to_rank < best->up_to_rank)) best = &t;
  }
  return best == nullptr ? "" : best->name;
}

std::vector<int64_t> Qualifiers(const std::vector<Ranked>& ranked, int64_t top) {
  std::vector<int64_t> out;
  for (const Ranked& r : ranked) {
    if (r.rank && *r.rank <= top) out.push_back(r.entry_id);
  }
  return out;
}

bool Complete(const std::vector<Ranked>& ranked) {
  return std::all_of(ranked.begin(), ranked.end(),
                     [](const Ranked& r) { return r.rank.has_value(); });
}

}  // namespace gonghui::competition
