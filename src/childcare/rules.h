// The pure rules of 爱心托管班 (no I/O; thread-safe): the six standards, the
// evaluation transition table, the subsidy cap check and attendance rates.
// childcare.h describes the workflow they serve.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gonghui::childcare {

// The six standards (六大建设标准) in the bulletin's order.
struct Standard {
  const char* key;
  const char* label;
};
inline constexpr Standard kStandards[] = {
    {"site_safety", "场地安全"}, {"management", "管理规范"},   {"responsibility", "权责明确"},
    {"catering", "餐饮卫生"},    {"satisfaction", "职工满意"}, {"scale", "规模达标"}};
inline constexpr int kMaxScore = 100;

// The index of `key` in kStandards, or -1.
int StandardIndex(std::string_view key);

// Grades, lowest first; "none" is 未定级.
inline constexpr const char* kGrades[] = {"none", "district", "municipal", "national"};
bool IsGrade(std::string_view grade);
std::string GradeLabel(std::string_view grade);

// Evaluation states and the steps between them.
enum class Step { kEdit, kSubmit, kDistrictReview, kCityReview, kDistrictReturn, kCityReturn };
bool IsEvaluationState(std::string_view state);
std::string StateLabel(std::string_view state);

// The state an evaluation in `state` moves to on `step`, or nullopt when the
// step is not allowed from there. `has_district` is false for classes with no
// district reviewer: submit then goes straight to the city, and the city's
// return goes back to the host.
std::optional<std::string> Next(std::string_view state, Step step, bool has_district);

// Checks a subsidy against the cap of the class's grade: `already_fen` granted
// before plus `amount_fen` must not pass `cap_fen`. InvalidArgument on `field`
// ("补助金额超过市级托管班上限5万元（已补助…）") otherwise.
Status CheckSubsidy(std::string_view grade, int64_t cap_fen, int64_t already_fen,
                    int64_t amount_fen, std::string_view field);

// present ÷ recorded rounded to 4 decimals; nullopt when nothing is recorded.
std::optional<double> AttendanceRate(int64_t present, int64_t recorded);

// The mean of the scores, rounded down (0 for none).
int64_t TotalScore(const std::vector<int64_t>& scores);

}  // namespace gonghui::childcare
