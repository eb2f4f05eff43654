#include "stats/dashboard.h"

#include "core/date.h"
#include "core/phrase.h"
#include "stats/periods.h"
#include "stats/rollup.h"

namespace gonghui::stats {
namespace {

// How a figure reads the answer of its link.
enum class Read {
  kTotal,     // a list: its `total`
  kRank,      // the news ranking: this union's rank among its siblings
  kProgress,  // a campaign's progress: the work records reported against it
};

// Which period a figure's list is asked for: the dated lists take from/to (the
// year on the dashboard, a week or a month in the trends), the programme lists
// their year, the standing counts (members, open cases) none.
enum class Period { kNone, kRange, kYear };

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
  Period period = Period::kNone;
  std::string path = {};   // "/activities"
  std::string query = {};  // the figure's own filters: "type=meeting"
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

// The figures read through a list's total, without their links (see LinkOf).
std::vector<Figure> Figures() {
  std::vector<Figure> out;
  auto add = [&](std::string key, std::string area, std::string label, std::string unit,
                 std::string path, std::string query, Period period, std::string sentence) {
    Figure f;
    f.key = std::move(key);
    f.area = std::move(area);
    f.label = std::move(label);
    f.unit = std::move(unit);
    f.path = std::move(path);
    f.query = std::move(query);
    f.period = period;
    f.sentence = std::move(sentence);
    out.push_back(std::move(f));
  };
  add("activities", "activity", "工作动态", "条", "/activities", "", Period::kRange,
      "记录工作动态{n}");
  for (const auto& [type, label] : kActivityTypes) {
    add(std::string("activities.") + type, "activity", std::string(label) + "类工作动态", "条",
        "/activities", std::string("type=") + type, Period::kRange,
        std::string("开展") + label + "类工作{n}");
  }
  // Every state but a draft: what was submitted, whatever became of it.
  add("news.submitted", "news", "报送信息", "条", "/news",
      "state=submitted%2Cresubmitted%2Creturned%2Cadopted%2Cdeclined", Period::kRange,
      "报送信息{n}");
  add("news.adopted", "news", "信息被采用", "条", "/news", "state=adopted", Period::kRange,
      "信息被采用{n}");
  add("childcare.classes", "childcare", "爱心托管班", "个", "/childcare/classes", "", Period::kYear,
      "举办爱心托管班{n}");
  for (const auto& [grade, label] : kGrades) {
    add(std::string("childcare.") + grade, "childcare", label, "家", "/childcare/classes",
        std::string("grade=") + grade, Period::kYear, std::string("有") + label + "{n}");
  }
  add("childcare.children", "childcare", "托管职工子女", "人", "/childcare/enrolments",
      "status=enrolled", Period::kNone, "托管职工子女{n}");
  add("campaigns", "campaign", "关爱行动", "项", "/campaigns", "", Period::kYear,
      "参与关爱行动{n}");
  add("competitions", "competition", "竞赛活动", "项", "/competitions", "", Period::kYear,
      "举办竞赛活动{n}");
  add("competitions.awarded", "competition", "竞赛获奖", "个", "/competitions/entries",
      "awarded=true", Period::kYear, "竞赛获奖{n}");
  add("honours", "honour", "荣誉", "项", "/honours", "", Period::kYear, "获得荣誉{n}");
  for (const auto& [level, label] : kHonourLevels) {
    add(std::string("honours.") + level, "honour", label, "项", "/honours",
        std::string("level=") + level, Period::kYear, std::string("获得") + label + "{n}");
  }
  add("labour.contracts", "labour", "集体合同", "份", "/labour/contracts", "", Period::kNone,
      "签订集体合同{n}");
  add("labour.consultations", "labour", "集体协商", "次", "/labour/consultations", "",
      Period::kRange, "开展集体协商{n}");
  add("labour.mediations_open", "labour", "在办调解案件", "件", "/labour/mediations", "state=open",
      Period::kNone, "在办劳动争议调解案件{n}");
  add("tasks.plans_open", "task", "落实中的实施方案", "个", "/tasks/plans", "state=open",
      Period::kNone, "推进实施方案{n}");
  add("tasks.items", "task", "任务清单项", "项", "/tasks/items", "", Period::kNone,
      "承担任务清单{n}");
  add("tasks.closed", "task", "已验收关闭的任务", "项", "/tasks/items", "state=closed",
      Period::kNone, "完成并验收任务{n}");
  add("tasks.overdue", "task", "逾期任务", "项", "/tasks/items", "overdue=true", Period::kNone,
      "有逾期任务{n}");
  add("members", "member", "工会会员", "人", "/members", "status=active", Period::kNone,
      "有工会会员{n}");
  add("enterprises", "org", "企业", "家", "/enterprises", "", Period::kNone, "联系企业{n}");
  return out;
}

// The list behind figure `f` for the subtree `base` ("org_id=…&axis=…"), over the days
// from–to (a dated list) or the year (a programme list).
std::string LinkOf(const Figure& f, const std::string& base, const std::string& from,
                   const std::string& to, int year) {
  std::string link = "/api/v1" + f.path + "?" + base;
  if (f.period == Period::kRange) link += "&from=" + from + "&to=" + to;
  if (f.period == Period::kYear) link += "&year=" + std::to_string(year);
  if (!f.query.empty()) link += "&" + f.query;
  return link;
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

// The query of a subtree's lists: "org_id=…&axis=…".
std::string Base(const api::Subtree& sub) {
  return "org_id=" + std::to_string(sub.root) + "&axis=" + AxisName(sub.axis);
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
  const std::string base = Base(sub);
  const std::string y = std::to_string(year);
  std::vector<Figure> figures = Figures();
  for (Figure& f : figures) f.link = LinkOf(f, base, y + "-01-01", y + "-12-31", year);

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

// The figure the query's `key` names, or a 400 naming key.
Result<Figure> FigureOf(const api::Call& call) {
  const std::string key = call.req.Query("key").value_or("");
  if (key.empty()) return InvalidArgument("key", "缺少查询参数 key（工作台数字）");
  for (Figure& f : Figures()) {
    if (f.key == key) return std::move(f);
  }
  return InvalidArgument("key", "查询参数 key 不是工作台上按列表计数的数字：" + key);
}

// The total of the list `link` answers (its area unreadable: 403).
Result<int64_t> TotalOf(const api::Api& api, api::Call& call, const std::string& link) {
  GH_ASSIGN_OR_RETURN(nlohmann::json answer, api.Read(call, link));
  if (!answer["total"].is_number_integer()) return Internal("数字读取失败：" + link);
  return answer["total"].get<int64_t>();
}

// GET /dashboard/trends: a dated figure by month or week over from–to (default: the last
// twelve months), each period beside the same days a year earlier, each with its list.
Result<api::Reply> Trends(const api::Api& api, api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  GH_ASSIGN_OR_RETURN(Figure f, FigureOf(call));
  if (f.period != Period::kRange) {
    return InvalidArgument("key", "数字“" + f.label + "”不按日期统计，没有趋势");
  }
  const std::string by = call.req.Query("by").value_or("month");
  if (by != "month" && by != "week") {
    return InvalidArgument("by", "查询参数 by 应为 month（按月）或 week（按周）");
  }
  const Date today = TodayUtcPlus8(call.now);
  GH_ASSIGN_OR_RETURN(Date to, ParseDate(p.to.empty() ? today.ToString() : p.to, "to"));
  Date from = AddDays(YearEarlier(to), 1);
  if (by == "month" && p.from.empty()) from = {from.year, from.month, 1};
  if (!p.from.empty()) {
    GH_ASSIGN_OR_RETURN(from, ParseDate(p.from, "from"));
  }
  if (to < from) return InvalidArgument("to", "结束日期（to）不能早于开始日期（from）");
  if (DaysFromCivil(to) - DaysFromCivil(from) > 3 * 366) {
    return InvalidArgument("to", "趋势的时间段不能超过三年");
  }
  const std::string base = Base(sub);
  nlohmann::json points = nlohmann::json::array();
  for (const Bucket& b : Buckets(from, to, by == "week")) {
    const std::string link = LinkOf(f, base, b.from.ToString(), b.to.ToString(), 0);
    GH_ASSIGN_OR_RETURN(int64_t value, TotalOf(api, call, link));
    const Date was_from = YearEarlier(b.from);
    const Date was_to = YearEarlier(b.to);
    const std::string was_link = LinkOf(f, base, was_from.ToString(), was_to.ToString(), 0);
    GH_ASSIGN_OR_RETURN(int64_t was, TotalOf(api, call, was_link));
    points.push_back({{"label", b.label},
                      {"from", b.from.ToString()},
                      {"to", b.to.ToString()},
                      {"value", value},
                      {"link", link},
                      {"previous",
                       {{"from", was_from.ToString()},
                        {"to", was_to.ToString()},
                        {"value", was},
                        {"link", was_link}}}});
  }
  return api::Reply::Ok({{"key", f.key},
                         {"label", f.label},
                         {"unit", f.unit},
                         {"org_id", sub.root},
                         {"axis", AxisName(sub.axis)},
                         {"by", by},
                         {"from", from.ToString()},
                         {"to", to.ToString()},
                         {"points", std::move(points)}});
}

// GET /dashboard/ranking: a figure (a list's total, or a labour-relations rate) for each
// child union of the root, ranked (ties share a rank: 1, 1, 3), each with its list.
Result<api::Reply> Ranking(const api::Api& api, api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  const Date today = TodayUtcPlus8(call.now);
  const int year = p.year.value_or(today.year);
  const std::string y = std::to_string(year);
  const std::string key = call.req.Query("key").value_or("");
  const std::string axis = "&axis=" + AxisName(sub.axis);
  // A labour key that is no list's figure is a rate: read from each child's rates page.
  Result<Figure> listed = FigureOf(call);
  const bool rate = !listed.ok() && key.starts_with("labour.");
  Figure f;
  if (rate) {
    f.key = key;
    f.unit = "%";
  } else {
    GH_ASSIGN_OR_RETURN(f, std::move(listed));
  }
  struct Row {
    nlohmann::json item;
    double value = 0;
  };
  std::vector<Row> rows;
  for (const Child& c : Children(call.tx, sub.root, sub.axis)) {
    const std::string base = "org_id=" + std::to_string(c.id) + axis;
    Row r;
    r.item = {{"org_id", c.id}, {"org_name", c.name}};
    if (auto code = call.tx.QueryOne("SELECT code FROM org WHERE id = ?", {c.id})) {
      r.item["code"] = code->OptStr(0) ? nlohmann::json(*code->OptStr(0)) : nlohmann::json();
    }
    if (rate) {
      const std::string link = "/api/v1/labour/rates?" + base + "&year=" + y;
      GH_ASSIGN_OR_RETURN(nlohmann::json rates, api.Read(call, link));
      const nlohmann::json* found = nullptr;
      for (const nlohmann::json& x : rates["rates"]) {
        if ("labour." + x["key"].get<std::string>() == key) found = &x;
      }
      if (!found) return InvalidArgument("key", "查询参数 key 不是工作台上的数字：" + key);
      f.label = (*found)["label"];
      r.value = (*found)["rate"].is_number() ? (*found)["rate"].get<double>() : 0.0;
      r.item.update({{"value", (*found)["rate"]},
                     {"numerator", (*found)["numerator"]},
                     {"denominator", (*found)["denominator"]},
                     {"link", link},
                     {"numerator_link", (*found)["links"]["numerator"]},
                     {"denominator_link", (*found)["links"]["denominator"]}});
    } else {
      const std::string link = LinkOf(f, base, y + "-01-01", y + "-12-31", year);
      GH_ASSIGN_OR_RETURN(int64_t value, TotalOf(api, call, link));
      r.value = static_cast<double>(value);
      r.item.update({{"value", value}, {"link", link}});
    }
    rows.push_back(std::move(r));
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.value > b.value; });
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = 0; i < rows.size(); ++i) {
    const bool tie = i > 0 && rows[i].value == rows[i - 1].value;
    rows[i].item["rank"] = tie ? items.back()["rank"].get<int64_t>() : static_cast<int64_t>(i + 1);
    items.push_back(std::move(rows[i].item));
  }
  return api::Reply::Ok({{"key", f.key},
                         {"label", f.label},
                         {"unit", f.unit},
                         {"org_id", sub.root},
                         {"axis", AxisName(sub.axis)},
                         {"year", year},
                         {"items", std::move(items)}});
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
  api.Add({"GET",
           "/dashboard/trends",
           "",
           "stats",
           "工作台数字的趋势：按月或按周，与上年同期对比，每个数字链接到其背后的列表",
           [&api](api::Call& call) { return Trends(api, call); },
           {"org_id", "axis", "key", "from", "to", "by"}});
  api.Add({"GET",
           "/dashboard/ranking",
           "",
           "stats",
           "工作台数字的下级排行：每个下级工会的数字及其列表，并列同名次",
           [&api](api::Call& call) { return Ranking(api, call); },
           {"org_id", "axis", "key", "year"}});
}

}  // namespace gonghui::stats
