// Rolling records up to the children of an org (SPEC §2): every figure "per
// district" sums each child's whole subtree on one axis, plus a 本级 row for
// records of the root itself. Used by campaign progress and the programme
// statistics; the news ranking does the same inline.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/db.h"

namespace gonghui::stats {

// The root's children on `axis` ("t" or "i"), partners left out, by code then name.
struct Child {
  int64_t id = 0;
  std::string name;
};
std::vector<Child> Children(db::Tx& tx, int64_t root, const std::string& axis);

// SQL pieces for "which child of root holds <org_column>": append Join() to
// the FROM clause (it binds root and axis twice, pushed onto params) and
// select/group by Key(): the child's id, or the record's own org (= root) for
// 本级. Callers also restrict <org_column> to the root's subtree.
std::string RollUpJoin(std::string_view org_column, int64_t root, const std::string& axis,
                       std::vector<db::Value>& params);
std::string RollUpKey(std::string_view org_column);

// "/api/v1/<path>?<query>&org_id=N&axis=territorial|industry" — the list
// behind a figure.
std::string Link(std::string_view path, std::string_view query, int64_t org_id,
                 const std::string& axis);
// "territorial" or "industry".
std::string AxisName(const std::string& axis);

}  // namespace gonghui::stats
