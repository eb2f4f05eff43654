// The pure rules of task plans (task.h): the item transition table, who takes
// each step, and the 督办 tests. No I/O; rules_test.cc walks the table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace gonghui::task {

inline constexpr const char* kItemStates[] = {"not_started", "in_progress", "done", "closed"};
bool IsItemState(std::string_view state);
// 未开始, 推进中, 已完成, 已关闭.
std::string ItemStateLabel(std::string_view state);
// Not yet done: the states that can be overdue or stale.
bool ItemOpen(std::string_view state);

enum class ItemStep { kReport, kComplete, kAccept, kReturn };
inline constexpr ItemStep kItemSteps[] = {ItemStep::kReport, ItemStep::kComplete, ItemStep::kAccept,
                                          ItemStep::kReturn};
// "report", "complete", "accept", "return" (the path segment and the timeline's step).
const char* ItemStepName(ItemStep step);
// 报送进展, 提交完成, 验收通过, 退回.
const char* ItemStepLabel(ItemStep step);
// The state after `step` from `state`; nullopt when the step is not allowed there.
std::optional<std::string> ItemNext(std::string_view state, ItemStep step);
// Accept and return belong to the plan's owner alone; the item's union reports and completes.
bool OwnerOnly(ItemStep step);

// Open and past its deadline on `today`.
bool Overdue(std::string_view state, const Date& deadline, const Date& today);
// Open and without a report for more than `stale_days` days: `since` is the day
// of the last report (or of the assignment when there is none).
bool Stale(std::string_view state, const Date& since, int stale_days, const Date& today);

// The Monday of the week holding `day` (weeks run Monday to Sunday).
Date WeekStart(const Date& day);

}  // namespace gonghui::task
