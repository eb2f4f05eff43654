#include "stats/rollup.h"

namespace gonghui::stats {

std::vector<Child> Children(db::Tx& tx, int64_t root, const std::string& axis) {
  // The ids first, then their names: joined in one statement, PostgreSQL
  // guesses a quarter of the city's closure rows for its 52 districts and
  // scans all of org (10 ms).
  std::string ids;
  std::vector<db::Value> params;
  for (const db::Row& r :
       tx.Query("SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND axis = ? AND "
                "depth = 1",
                {root, axis})) {
    ids += ids.empty() ? "?" : ", ?";
    params.emplace_back(r.Int(0));
  }
  std::vector<Child> out;
  if (ids.empty()) return out;
  for (const db::Row& r : tx.Query("SELECT id, name FROM org WHERE id IN (" + ids +
                                       ") AND is_partner = 0 ORDER BY code, name",
                                   params)) {
    out.push_back({r.Int(0), r.Str(1)});
  }
  return out;
}

std::string RollUpJoin(std::string_view org_column, int64_t root, const std::string& axis,
                       std::vector<db::Value>& params) {
  // One insert of built values: GCC 12 at -O2 warns falsely (maybe-uninitialized)
  // about a std::string pushed into a vector of variants one at a time.
  const db::Value ax(axis);
  params.insert(params.end(), {ax, db::Value(root), ax});
  return " LEFT JOIN org_closure ru ON ru.descendant_id = " + std::string(org_column) +
         " AND ru.axis = ? AND ru.ancestor_id IN (SELECT descendant_id FROM org_closure WHERE "
         "ancestor_id = ? AND axis = ? AND depth = 1)";
}

std::string RollUpKey(std::string_view org_column) {
  return "COALESCE(ru.ancestor_id, " + std::string(org_column) + ")";
}

std::string AxisName(const std::string& axis) { return axis == "i" ? "industry" : "territorial"; }

std::string Link(std::string_view path, std::string_view query, int64_t org_id,
                 const std::string& axis) {
  std::string out = "/api/v1" + std::string(path) + "?";
  if (!query.empty()) out += std::string(query) + "&";
  return out + "org_id=" + std::to_string(org_id) + "&axis=" + AxisName(axis);
}

}  // namespace gonghui::stats
