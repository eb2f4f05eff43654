#include "core/phrase.h"

#include "core/money.h"
#include "core/quantity.h"

namespace gonghui {
namespace {

// The rounding step of a count: 100 below 1,000 (one significant digit), else two significant
// digits.
int64_t Step(int64_t count) {
  if (count < 1000) return 100;
  int64_t step = 1;
  for (int64_t n = count; n >= 100; n /= 10) step *= 10;
  return step;
}

}  // namespace

std::string PhraseCount(int64_t count, std::string_view unit, PhraseOptions options) {
  Quantity q{count, "", std::string(unit)};
  if (count < 100) return FormatQuantity(q);
  const int64_t step = Step(count);
  const int64_t below = count / step * step;
  if (below == count) return FormatQuantity(q);
  // 近 goes with a number of one significant digit (近700, 近1000, 近1万), never with 近2.6万.
  int64_t round = 1;
  while (round * 10 <= count) round *= 10;
  const int64_t above = (count / round + 1) * round;
  if (options.near && above - count < step / 2) {
    q = {above, "近", q.unit};
  } else {
    q = {below, "余", q.unit};
  }
  return FormatQuantity(q);
}

std::string PhraseMoney(int64_t fen) {
  constexpr int64_t kWanFen = 10000 * 100;
  if (fen < kWanFen || fen % (kWanFen / 10) == 0) return FormatMoney({fen, ""});
  const int64_t yuan = fen / 100;
  const int64_t step = Step(yuan);
  return FormatMoney({yuan / step * step * 100, "余"});
}

std::string PhrasePercent(int64_t per_mille) {
  std::string out = std::to_string(per_mille / 10);
  if (per_mille % 10 != 0) out += "." + std::to_string(per_mille % 10);
  return out + "%";
}

}  // namespace gonghui
