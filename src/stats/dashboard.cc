#include "stats/dashboard.h"

#include "core/date.h"
#include "core/phrase.h"
#include "stats/rollup.h"

namespace gonghui::stats {
namespace {

// How a figure reads the answer of its link.
enum class Read {
  kTotal,     // a list: its `total`
  kRank,      // the news ranking: this union's rank among its siblings
  kProgress,  // a campaign's progress: the work records reported against it
};

struct Figure {
  std::string key;
  std::string area;
  std::string label;
  std::string unit;
  std::string link;
  // The sentence after the subject, with {n} for the phrased figure: "举办爱心托管班{n}".
  std::string sentence;
  Read read = Read::kTotal;
  nlohmann::json extra = nlohmann::json::object();
};

const std::pair<const char*, const char*> kActivityTypes[] = {
    {"meeting", "会议"},      {"education", "宣传教育"},      {"training", "培训"},
    {"competition", "竞赛"},  {"culture_sports", "文体活动"}, {"care", "关爱帮扶"},
    {"consultation", "协商"}, {"guidance", "调研指导"},       {"award", "表彰"},
    {"other", "其他"}};
const std::pair<const char*, const char*> kGrades[] = {{"national", "全国工会爱心托管班"},
                                                       {"municipal", "市级爱心托管班"},
                                                       {"district", "区县级爱心托管班"}};
const std::pair<const char*, const char*> kHonourLevels[] = {
    {"national", "全国级荣誉"}, {"city", "市级荣誉"}, {"district", "区县级荣誉"}};

// "全市各级工会组织" for the city, "南岸区各级工会组织" for 南岸区总工会, else the union's name.
std::string Subject(db::Tx& tx, int64_t root, const std::string& name) {
  if (!tx.QueryOne("SELECT parent_id FROM org WHERE id = ?", {root})->OptInt(0)) {
    return "全市各级工会组织";
  }
  const std::string suffix = "总工会";
  if (name.size() > suffix.size() && name.ends_with(suffix)) {
    return name.substr(0, name.size() - suffix.size()) + "各级工会组织";
  }
  return name;
}

std::vector<Figure> Figures(const std::string& base, int year) {
  const std::string y = std::to_string(year);
  const std::string range = "from=" + y + "-01-01&to=" + y + "-12-31";
  const std::string in_year = "year=" + y;
  auto link = [&](const std::string& path, const std::string& query) {
    return "/api/v1" + path + "?" + base + (query.empty() ? "" : "&" + query);
  };
  std::vector<Figure> out;
  out.push_back(
      {"activities", "activity", "工作动态", "条", link("/activities", range), "记录工作动态{n}"});
  for (const auto& [type, label] : kActivityTypes) {
    out.push_back({std::string("activities.") + type, "activity", std::string(label) + "类工作动态",
                   "条", link("/activities", range + "&type=" + type),
                   std::string("开展") + label + "类工作{n}"});
  }
  // Every state but a draft: what was submitted, whatever became of it.
  out.push_back(
      {"news.submitted", "news", "报送信息", "条",
       link("/news", range + "&state=submitted%2Cresubmitted%2Creturned%2Cadopted%2Cdeclined"),
       "报送信息{n}"});
  out.push_back({"news.adopted", "news", "信息被采用", "条",
                 link("/news", range + "&state=adopted"), "信息被采用{n}"});
  out.push_back({"childcare.classes", "childcare", "爱心托管班", "个",
                 link("/childcare/classes", in_year), "举办爱心托管班{n}"});
  for (const auto& [grade, label] : kGrades) {
    out.push_back({std::string("childcare.") + grade, "childcare", label, "家",
                   link("/childcare/classes", in_year + "&grade=" + grade),
                   std::string("有") + label + "{n}"});
  }
  out.push_back({"childcare.children", "childcare", "托管职工子女", "人",
                 link("/childcare/enrolments", "status=enrolled"), "托管职工子女{n}"});
  out.push_back(
      {"campaigns", "campaign", "关爱行动", "项", link("/campaigns", in_year), "参与关爱行动{n}"});
  out.push_back({"competitions", "competition", "竞赛活动", "项", link("/competitions", in_year),
                 "举办竞赛活动{n}"});
  out.push_back({"competitions.awarded", "competition", "竞赛获奖", "个",
                 link("/competitions/entries", in_year + "&awarded=true"), "竞赛获奖{n}"});
  out.push_back({"honours", "honour", "荣誉", "项", link("/honours", in_year), "获得荣誉{n}"});
  for (const auto& [level, label] : kHonourLevels) {
    out.push_back({std::string("honours.") + level, "honour", label, "项",
                   link("/honours", in_year + "&level=" + level),
                   std::string("获得") + label + "{n}"});
  }
  out.push_back({"labour.contracts", "labour", "集体合同", "份", link("/labour/contracts", ""),
                 "签订集体合同{n}"});
  out.push_back({"labour.consultations", "labour", "集体协商", "次",
                 link("/labour/consultations", in_year), "开展集体协商{n}"});
  out.push_back({"labour.mediations_open", "labour", "在办调解案件", "件",
                 link("/labour/mediations", "state=open"), "在办劳动争议调解案件{n}"});
  out.push_back({"tasks.plans_open", "task", "落实中的实施方案", "个",
                 link("/tasks/plans", "state=open"), "推进实施方案{n}"});
  out.push_back(
      {"tasks.items", "task", "任务清单项", "项", link("/tasks/items", ""), "承担任务清单{n}"});
  out.push_back({"tasks.closed", "task", "已验收关闭的任务", "项",
                 link("/tasks/items", "state=closed"), "完成并验收任务{n}"});
  out.push_back({"tasks.overdue", "task", "逾期任务", "项", link("/tasks/items", "overdue=true"),
                 "有逾期任务{n}"});
  out.push_back(
      {"members", "member", "工会会员", "人", link("/members", "status=active"), "有工会会员{n}"});
  out.push_back({"enterprises", "org", "企业", "家", link("/enterprises", ""), "联系企业{n}"});
  return out;
}

std::string ChineseDate(const Date& d) {
  return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) +
         "日";
}

nlohmann::json Cite(const Figure& f, int64_t value, const std::string& subject,
                    const PhraseOptions& options, const Date& today) {
  const std::string phrase = f.read == Read::kRank ? "第" + std::to_string(value) + "名"
                                                   : PhraseCount(value, f.unit, options);
  std::string sentence = f.sentence;
  sentence.replace(sentence.find("{n}"), 3, phrase);
  const std::string exact = f.read == Read::kRank ? phrase : std::to_string(value) + f.unit;
  return {{"phrase", phrase},
          {"sentence", subject + sentence},
          {"citation", "（据工会工作平台统计，截至" + ChineseDate(today) + "为" + exact + "）"}};
}

Result<api::Reply> Dashboard(const api::Api& api, api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  const Date today = TodayUtcPlus8(call.now);
  const int year = p.year.value_or(today.year);
  PhraseOptions options;
  if (auto near = call.req.Query("near"); near && !near->empty()) {
    if (*near != "true" && *near != "false") {
      return InvalidArgument("near", "查询参数 near 应为 true 或 false");
    }
    options.near = *near == "true";
  }
  const std::string name =
      call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {sub.root})->Str(0);
  const std::string subject = Subject(call.tx, sub.root, name);
  const std::string base = "org_id=" + std::to_string(sub.root) + "&axis=" + AxisName(sub.axis);
  std::vector<Figure> figures = Figures(base, year);

  // The union's adoption rank among its siblings (the city has none).
  const std::string parent_col = sub.axis == "t" ? "parent_id" : "industry_parent_id";
  if (auto parent = call.tx.QueryOne("SELECT " + parent_col + " FROM org WHERE id = ?", {sub.root});
      parent && parent->OptInt(0)) {
    figures.push_back({"news.rank", "news", "信息采用积分排名", "名",
                       "/api/v1/news/ranking?period=" + std::to_string(year) + "&org_id=" +
                           std::to_string(parent->Int(0)) + "&axis=" + AxisName(sub.axis),
                       "信息采用积分排名{n}", Read::kRank});
  }
  // The campaigns of the year that reach the union: the work records reported against each.
  if (call.who.Has("campaign:campaign:read")) {
    GH_ASSIGN_OR_RETURN(nlohmann::json campaigns,
                        api.Read(call, "/api/v1/campaigns?" + base +
                                           "&year=" + std::to_string(year) + "&page_size=5"));
    for (const nlohmann::json& c : campaigns["items"]) {
      const std::string id = std::to_string(c["id"].get<int64_t>());
      figures.push_back({"campaign." + id, "campaign", c["name"].get<std::string>(), "次",
                         "/api/v1/campaigns/" + id + "/progress?" + base,
                         "在" + c["name"].get<std::string>() + "中开展活动{n}", Read::kProgress});
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (Figure& f : figures) {
    Result<nlohmann::json> answer = api.Read(call, f.link);
    if (!answer.ok()) {
      // An area the caller may not read; the ranking of the parent's children when the
      // parent lies above the caller's scope.
      if (answer.status().code() == Code::kPermissionDenied) continue;
      if (f.read == Read::kRank && answer.status().code() == Code::kNotFound) continue;
      return answer.status();
    }
    if (f.read == Read::kTotal && !(*answer)["total"].is_number_integer()) {
      return Internal("工作台数字读取失败：" + f.link + " 没有 total");
    }
    int64_t value = 0;
    switch (f.read) {
      case Read::kTotal:
        value = (*answer)["total"].get<int64_t>();
        break;
      case Read::kRank: {
        bool found = false;
        for (const nlohmann::json& item : (*answer)["items"]) {
          if (item["org_id"] == sub.root) {
            value = item["rank"].get<int64_t>();
            f.extra = {{"adopted", item["adopted"]}, {"points", item["points"]}};
            found = true;
          }
        }
        if (!found) continue;
        break;
      }
      case Read::kProgress: {
        const nlohmann::json& total = (*answer)["total"];
        value = total["activities"].get<int64_t>();
        f.extra = {{"beneficiaries", total["beneficiaries"]},
                   {"ratio", total["ratio"]},
                   {"target_count", (*answer)["campaign"]["target_count"]},
                   {"target_unit", (*answer)["campaign"]["target_unit"]},
                   {"list_link", total["link"]}};
        f.link = total["link"].get<std::string>();
        break;
      }
    }
    nlohmann::json j = {{"key", f.key},   {"area", f.area}, {"label", f.label},
                        {"value", value}, {"unit", f.unit}, {"link", f.link}};
    j.update(f.extra);
    j.update(Cite(f, value, subject, options, today));
    out.push_back(std::move(j));
  }
  // The labour-relations rates, each as the rates page shows it (its link), with the lists of
  // the units behind the numerator and the denominator.
  if (call.who.Has("labour:contract:read")) {
    const std::string link = "/api/v1/labour/rates?" + base + "&year=" + std::to_string(year);
    GH_ASSIGN_OR_RETURN(nlohmann::json rates, api.Read(call, link));
    for (const nlohmann::json& r : rates["rates"]) {
      const double rate = r["rate"].is_number() ? r["rate"].get<double>() : 0.0;
      const std::string phrase = PhrasePercent(static_cast<int64_t>(rate * 1000 + 0.5));
      const std::string label = r["label"];
      out.push_back(
          {{"key", "labour." + r["key"].get<std::string>()},
           {"area", "labour"},
           {"label", label},
           {"value", r["numerator"]},
           {"denominator", r["denominator"]},
           {"rate", r["rate"]},
           {"unit", "%"},
           {"link", link},
           {"numerator_link", r["links"]["numerator"]},
           {"denominator_link", r["links"]["denominator"]},
           {"wording", r["wording"]},
           {"phrase", phrase},
           {"sentence", subject + label + "达" + phrase},
           {"citation", "（据工会工作平台统计，截至" + ChineseDate(today) + "为" +
                            r["numerator"].dump() + "/" + r["denominator"].dump() + "）"}});
    }
  }
  return api::Reply::Ok({{"org_id", sub.root},
                         {"org_name", name},
                         {"axis", AxisName(sub.axis)},
                         {"year", year},
                         {"as_of", today.ToString()},
                         {"figures", std::move(out)}});
}

}  // namespace

void RegisterDashboardRoutes(api::Api& api) {
  api.Add({"GET",
           "/dashboard",
           "",
           "stats",
           "工作台：各领域数字，每个数字链接到其背后的列表",
           [&api](api::Call& call) { return Dashboard(api, call); },
           {"org_id", "axis", "year", "near"}});
}

}  // namespace gonghui::stats
