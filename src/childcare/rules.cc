#include "childcare/rules.h"

#include <cmath>
#include <numeric>

#include "core/money.h"

namespace gonghui::childcare {

int StandardIndex(std::string_view key) {
  for (size_t i = 0; i < std::size(kStandards); ++i) {
    if (key == kStandards[i].key) return static_cast<int>(i);
  }
  return -1;
}

bool IsGrade(std::string_view grade) {
  for (const char* g : kGrades) {
    if (grade == g) return true;
  }
  return false;
}

std::string GradeLabel(std::string_view grade) {
  if (grade == "national") return "全国";
  if (grade == "municipal") return "市级";
  if (grade == "district") return "区县级";
  return "未定级";
}

bool IsEvaluationState(std::string_view s) {
  return s == "draft" || s == "returned" || s == "district_review" || s == "city_review" ||
         s == "graded";
}

std::string StateLabel(std::string_view s) {
  if (s == "draft") return "自评中";
  if (s == "returned") return "已退回自评";
  if (s == "district_review") return "区县审核中";
  if (s == "city_review") return "市总审核中";
  return "已定级";
}

std::optional<std::string> Next(std::string_view state, Step step, bool has_district) {
  const bool at_host = state == "draft" || state == "returned";
  switch (step) {
    case Step::kEdit:
      if (at_host) return std::string(state);
      break;
    case Step::kSubmit:
      if (at_host) return has_district ? "district_review" : "city_review";
      break;
    case Step::kDistrictReview:
      if (state == "district_review") return "city_review";
      break;
    case Step::kCityReview:
      if (state == "city_review") return "graded";
      break;
    case Step::kDistrictReturn:
      if (state == "district_review") return "returned";
      break;
    case Step::kCityReturn:
      if (state == "city_review") return has_district ? "district_review" : "returned";
      break;
  }
  return std::nullopt;
}

Status CheckSubsidy(std::string_view grade, int64_t cap_fen, int64_t already_fen,
                    int64_t amount_fen, std::string_view field) {
  if (amount_fen <= 0) return InvalidArgument(std::string(field), "补助金额应大于0");
  if (already_fen + amount_fen <= cap_fen) return Status::Ok();
  std::string message =
      "补助金额超过" + GradeLabel(grade) + "托管班上限" + FormatMoney(Money{cap_fen, ""});
  if (already_fen > 0) message += "（已补助" + FormatMoney(Money{already_fen, ""}) + "）";
  return InvalidArgument(std::string(field), message);
}

std::optional<double> AttendanceRate(int64_t present, int64_t recorded) {
  if (recorded <= 0) return std::nullopt;
  return std::round(static_cast<double>(present) * 10000.0 / static_cast<double>(recorded)) /
         10000.0;
}

int64_t TotalScore(const std::vector<int64_t>& scores) {
  if (scores.empty()) return 0;
  return std::accumulate(scores.begin(), scores.end(), int64_t{0}) /
         static_cast<int64_t>(scores.size());
}

}  // namespace gonghui::childcare
