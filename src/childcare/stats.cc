// GET /stats/childcare: the figures of an org's subtree on one axis, with one
// row per child org for charts and a link to the records behind each figure.
// Reads the per-class counters (enrolled, served, subsidy_fen, attendance), so
// a request is one grouped scan of the classes.
#include <algorithm>
#include <map>

#include "childcare/internal.h"
#include "childcare/rules.h"
#include "core/date.h"

namespace gonghui::childcare {
namespace {

struct Figures {
  std::map<std::string, int64_t> by_grade = {
      {"national", 0}, {"municipal", 0}, {"district", 0}, {"none", 0}};
  int64_t total = 0, run = 0, enrolled = 0, served = 0, subsidy = 0;
  int64_t present = 0, recorded = 0;  // child-days

  void Add(const db::Row& r) {
    by_grade[r.Str(1)] += r.Int(2);
    total += r.Int(2);
    run += r.Int(3);
    enrolled += r.Int(4);
    served += r.Int(5);
    subsidy += r.Int(6);
    present += r.Int(7);
    recorded += r.Int(8);
  }
  nlohmann::json Json() const {
    std::optional<double> rate = AttendanceRate(present, recorded);
    return {{"classes_by_grade", by_grade},
            {"classes_total", total},
            {"classes_run", run},
            {"children_enrolled", enrolled},
            {"children_served", served},
            {"subsidy_fen", subsidy},
            {"attendance_present", present},
            {"attendance_recorded", recorded},
            {"attendance_rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}};
  }
};

Result<api::Reply> Childcare(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  if (!p.from.empty() && !p.to.empty() && p.to < p.from) {
    return InvalidArgument("to", "结束日期不能早于开始日期");
  }
  const std::string today = TodayUtcPlus8(call.now).ToString();
  // Classes drive the join (CROSS JOIN keeps SQLite from materialising the
  // subtree, 61,000 orgs for the city): one closure lookup for "in the
  // subtree" and one for the bucket, the ancestor one step below the root.
  std::vector<db::Value> params = {today, sub.root, sub.axis};
  std::string sql =
      "SELECT COALESCE(c.ancestor_id, k.org_id), k.grade, COUNT(*), SUM(CASE WHEN k.start_date "
      "<= ? THEN 1 ELSE 0 END), SUM(k.enrolled), SUM(k.served), SUM(k.subsidy_fen), "
      "SUM(k.attendance_present), SUM(k.attendance_recorded) FROM "
      "childcare_class k CROSS JOIN org_closure s LEFT JOIN org_closure c ON c.descendant_id = "
      "k.org_id AND c.axis = s.axis AND c.depth = s.depth - 1 WHERE s.ancestor_id = ? AND s.axis = "
      "? AND s.descendant_id = k.org_id";
  if (!p.from.empty()) {
    sql += " AND k.end_date >= ?";
    params.push_back(p.from);
  }
  if (!p.to.empty()) {
    sql += " AND k.start_date <= ?";
    params.push_back(p.to);
  }
  sql += " GROUP BY COALESCE(c.ancestor_id, k.org_id), k.grade";
  Figures total;
  std::map<int64_t, Figures> rows;
  for (const db::Row& r : call.tx.Query(sql, params)) {
    total.Add(r);
    rows[r.Int(0)].Add(r);
  }
  const std::string axis = sub.axis == "t" ? "territorial" : "industry";
  std::string period;
  if (!p.from.empty()) period += "&from=" + p.from;
  if (!p.to.empty()) period += "&to=" + p.to;
  auto classes = [&](int64_t org) {
    return "/api/v1/childcare/classes?org_id=" + std::to_string(org) + "&axis=" + axis + period;
  };
  auto links = [&](int64_t org) {
    nlohmann::json l = {
        {"classes_total", classes(org)},
        {"classes_run", classes(org) + "&started_by=" + today},
        {"children_enrolled", "/api/v1/childcare/enrolments?org_id=" + std::to_string(org) +
                                  "&axis=" + axis + "&status=enrolled"},
        {"children_served",
         "/api/v1/childcare/enrolments?org_id=" + std::to_string(org) + "&axis=" + axis},
        {"subsidy_fen", classes(org) + "&grade=national,municipal,district"},
        // Each class in the list carries its own attendance_rate.
        {"attendance_rate", classes(org)}};
    for (const char* g : kGrades)
      l[std::string("classes_by_grade.") + g] = classes(org) + "&grade=" + g;
    return l;
  };
  std::map<int64_t, std::string> names;
  if (!rows.empty()) {
    std::string ids;
    for (const auto& [id, f] : rows) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    for (const db::Row& r : call.tx.Query("SELECT id, name FROM org WHERE id IN (" + ids + ")")) {
      names[r.Int(0)] = r.Str(1);
    }
  }
  const std::string root_name =
      call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {sub.root})->Str(0);
  nlohmann::json by_org = nlohmann::json::array();
  for (const auto& [id, f] : rows) {
    nlohmann::json row = f.Json();
    row["org_id"] = id;
    row["org_name"] = id == sub.root ? root_name + "（本级）" : names[id];
    row["own"] = id == sub.root;
    row["link"] = id == sub.root ? "/api/v1/childcare/classes?org_id=" + std::to_string(id) +
                                       "&axis=" + axis + "&own=true" + period
                                 : classes(id);
    by_org.push_back(std::move(row));
  }
  // Largest first, for ranked bars.
  std::stable_sort(by_org.begin(), by_org.end(),
                   [](const nlohmann::json& a, const nlohmann::json& b) {
                     return a["classes_total"].get<int64_t>() > b["classes_total"].get<int64_t>();
                   });
  nlohmann::json out = total.Json();
  out["org_id"] = sub.root;
  out["org_name"] = root_name;
  out["axis"] = axis;
  out["from"] = p.from.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.from);
  out["to"] = p.to.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.to);
  out["links"] = links(sub.root);
  out["by_org"] = std::move(by_org);
  return api::Reply::Ok(std::move(out));
}

}  // namespace

void RegisterStatsRoutes(api::Api& api) {
  api.Add({"GET",
           "/stats/childcare",
           "stats:stats:read",
           "stats",
           "爱心托管班统计（按组织子树汇总，分等级、分下级）",
           Childcare,
           {"org_id", "axis", "from", "to"}});
}

}  // namespace gonghui::childcare
