#include "stats/programmes.h"

#include "api/args.h"

#include "campaign/campaign.h"
#include "competition/competition.h"
#include "honour/honour.h"
#include "stats/rollup.h"

namespace gonghui::stats {
namespace {

Result<api::Reply> Programmes(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::optional<std::string> year;
  if (p.year) year = std::to_string(*p.year);
  // Campaigns that reach both the caller and the org asked about.
  std::vector<db::Value> params;
  std::string where = " WHERE " + campaign::ReachSql("org_id", call.who.org_id, params);
  where += " AND " + campaign::ReachSql("org_id", sub.root, params);
  if (year) {
    where += " AND " + api::TouchesYear("date_from", "date_to", *p.year, params);
  }
  nlohmann::json campaigns = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           "SELECT id, name, date_from, date_to, target_count, target_unit FROM campaign" + where +
               " ORDER BY date_from DESC, id DESC",
           params)) {
    nlohmann::json total =
        campaign::Progress(call.tx, r.Int(0), r.Int(4), sub.root, sub.axis, false)["total"];
    total["id"] = r.Int(0);
    total["name"] = r.Str(1);
    total["date_from"] = r.Str(2);
    total["date_to"] = r.Str(3);
    total["target_count"] = r.Int(4);
    total["target_unit"] = r.Str(5);
    total["progress_link"] = "/api/v1/campaigns/" + std::to_string(r.Int(0)) +
                             "/progress?org_id=" + std::to_string(sub.root) +
                             "&axis=" + AxisName(sub.axis);
    campaigns.push_back(std::move(total));
  }
  return api::Reply::Ok(
      {{"org_id", sub.root},
       {"org_name", call.tx.Query("SELECT name FROM org WHERE id = ?", {sub.root})[0].Str(0)},
       {"axis", AxisName(sub.axis)},
       {"year", year ? nlohmann::json(std::stoi(*year)) : nlohmann::json(nullptr)},
       {"campaigns", std::move(campaigns)},
       {"competitions", competition::Figures(call.tx, call.who.org_id, sub.root, sub.axis, year)},
       {"honours", honour::Figures(call.tx, sub.root, sub.axis, year)}});
}

}  // namespace

void RegisterProgrammeRoutes(api::Api& api) {
  api.Add({"GET",
           "/stats/programmes",
           "stats:stats:read",
           "stats",
           "关爱行动、竞赛、荣誉统计（按子树汇总，属地或产业）",
           Programmes,
           {"org_id", "axis", "year"}});
}

}  // namespace gonghui::stats
