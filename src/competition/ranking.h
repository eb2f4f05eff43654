// Ranking a category's results (pure logic, no I/O): competition ranking
// where tied results share a rank and the next rank skips (1, 1, 3) — the
// same rule as the adoption-score ranking of news/news.cc — award tiers by
// rank, and the entries that qualify for a higher-level event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gonghui::competition {

// How a category's result orders entries: `place` (a finishing place, 1
// best), `high` (a score, higher better), `low` (a score or time, lower
// better).
enum class Scoring { kPlace, kHigh, kLow };
std::optional<Scoring> ParseScoring(std::string_view text);

struct Entrant {
  int64_t entry_id = 0;
  std::string name;              // ties are listed by name, then id
  std::optional<double> result;  // the place or the score; nullopt: no result yet
};

struct Ranked {
  int64_t entry_id = 0;
  std::optional<int64_t> rank;  // nullopt for entries without a result (listed last)
};

// The entrants in ranking order. Equal results share a rank; the rank after
// k tied entrants skips k-1 places.
std::vector<Ranked> Rank(std::vector<Entrant> entrants, Scoring scoring);

// An award tier: entrants ranked at most `up_to_rank` get `name`, unless an
// earlier (smaller up_to_rank) tier applies.
struct AwardTier {
  std::string name;
  int64_t up_to_rank = 0;
};
// The tier for `rank` ("" when none); tiers may come in any order.
std::string AwardFor(std::optional<int64_t> rank, const std::vector<AwardTier>& tiers);

// The entries whose rank is at most `top` (every entrant tied at the cut goes
// through). Empty when top is 0.
std::vector<int64_t> Qualifiers(const std::vector<Ranked>& ranked, int64_t top);

// Whether every entrant has a result (qualification needs complete results).
bool Complete(const std::vector<Ranked>& ranked);

}  // namespace gonghui::competition
