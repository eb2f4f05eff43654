#include "task/rules.h"

#include <algorithm>

namespace gonghui::task {

bool IsItemState(std::string_view state) {
  return std::any_of(std::begin(kItemStates), std::end(kItemStates),
                     [&](const char* s) { return state == s; });
}

std::string ItemStateLabel(std::string_view state) {
  if (state == "not_started") return "未开始";
  if (state == "in_progress") return "推进中";
  if (state == "done") return "已完成";
  if (state == "closed") return "已关闭";
  return std::string(state);
}

bool ItemOpen(std::string_view state) { return state == "not_started" || state == "in_progress"; }

const char* ItemStepName(ItemStep step) {
  switch (step) {
    case ItemStep::kReport:
      return "report";
    case ItemStep::kComplete:
      return "complete";
    case ItemStep::kAccept:
      return "accept";
    case ItemStep::kReturn:
      return "return";
  }
  return "";
}

const char* ItemStepLabel(ItemStep step) {
  switch (step) {
    case ItemStep::kReport:
      return "报送进展";
    case ItemStep::kComplete:
      return "提交完成";
    case ItemStep::kAccept:
      return "验收通过";
    case ItemStep::kReturn:
      return "退回";
  }
  return "";
}

std::optional<std::string> ItemNext(std::string_view state, ItemStep step) {
  switch (step) {
    case ItemStep::kReport:
      if (ItemOpen(state)) return "in_progress";
      break;
    case ItemStep::kComplete:
      if (ItemOpen(state)) return "done";
      break;
    case ItemStep::kAccept:
      if (state == "done") return "closed";
      break;
    case ItemStep::kReturn:
      if (state == "done") return "in_progress";
      break;
  }
  return std::nullopt;
}

bool OwnerOnly(ItemStep step) { return step == ItemStep::kAccept || step == ItemStep::kReturn; }

bool Overdue(std::string_view state, const Date& deadline, const Date& today) {
  return ItemOpen(state) && deadline < today;
}

bool Stale(std::string_view state, const Date& since, int stale_days, const Date& today) {
  return ItemOpen(state) && DaysFromCivil(today) - DaysFromCivil(since) > stale_days;
}

Date WeekStart(const Date& day) {
  const int64_t days = DaysFromCivil(day);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
  const int64_t since_monday = ((days + 3) % 7 + 7) % 7;
  return CivilFromDays(days - since_monday);
}

}  // namespace gonghui::task
