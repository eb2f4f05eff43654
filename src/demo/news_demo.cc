#include "demo/news_demo.h"

#include <string>
#include <vector>

#include "bulletin/bulletin.h"
#include "core/date.h"
#include "core/quantity.h"
#include "search/search.h"

namespace gonghui::demo {
namespace {

// What district unions report, as ◆ briefs: {title, text after the date}.
// {org} is the union, {n} a count, {k} a smaller count, {m} an amount in 万元.
struct Template {
  const char* title;
  const char* text;
};
const Template kBriefs[] = {
    {"{org}开办职工子女爱心托管班",
     "{org}联合辖区学校开办职工子女爱心托管班，为{n}名职工子女提供暑期托管服务，课程涵盖课业辅导、"
     "安全教育和户外拓展。"},
    {"{org}走访慰问新就业形态劳动者",
     "{org}走访慰问快递员、外卖骑手等新就业形态劳动者，送去清凉物资{n}份，发放慰问金{m}万元。"},
    {"{org}举办职工乒乓球比赛",
     "{org}举办职工乒乓球比赛，来自{k}家基层工会的{n}余名职工参赛，决出男子单打、女子单打前五名。"},
    {"{org}推进工资集体协商",
     "{org}召开集体协商工作推进会，指导{k}家企业开展工资集体协商，覆盖职工近{n}人。"},
    {"{org}开展“劳模工匠助企行”活动",
     "{org}组织劳模工匠深入{k}家企业开展技术攻关和技能传授，解决生产难题{k}项。"},
    {"{org}开展六一关爱活动",
     "{org}开展“六一”关爱活动，看望慰问{n}名困难职工和农民工子女，送去书包、文具等慰问品。"},
    {"{org}举办职工技能大赛",
     "{org}举办职工技能大赛，{n}"
     "余名职工参加驾驶员、修理工等项目比拼，评出巾帼奖、新秀奖等特别奖。"},
    {"{org}开展职工心理健康讲座", "{org}邀请心理咨询师开展职工心理健康讲座，{n}余名一线职工参加。"},
    {"{org}开展安全生产月宣传",
     "{org}开展“安全生产月”宣传咨询活动，发放宣传资料{n}余份，接受职工咨询{k}人次。"},
    {"{org}举办劳动法律知识培训",
     "{org}举办劳动法律知识培训班，{k}家企业的{n}名工会干部参加培训。"},
};

struct Article {
  const char* section;
  const char* title;
  const char* body;
};
// Lead stories, innovation cases and a themed piece, one set per issue.
const Article kArticles[] = {
    {"要闻", "市总工会召开党组理论学习中心组学习会",
     "市总工会召开党组理论学习中心组学习会，传达学习全国总工会有关会议精神，研究部署近期重点工作。"
     "\n"
     "会议要求，各级工会要聚焦主责主业，扎实推进产业工人队伍建设改革，持续深化劳动和技能竞赛，"
     "切实维护职工合法权益，以实干实绩推动工会工作高质量发展。"},
    {"创新案例", "区县工会“三个一”机制推动职工服务阵地提质增效",
     "近年来，区县工会围绕职工需求，探索建立“一张清单、一支队伍、一套标准”工作机制。\n"
     "一是建立需求清单，定期走访企业和职工，梳理服务需求；二是组建服务队伍，整合志愿者和社会组织力"
     "量；"
     "三是制定服务标准，规范阵地建设和日常管理，职工满意度持续提升。"},
    {"专题", "各级工会扎实开展“六一”关爱职工子女活动",
     "“六一”国际儿童节前后，全市各级工会广泛开展关爱职工子女活动，走访慰问困难职工、农民工和新就业"
     "形态"
     "劳动者家庭子女，送去节日祝福和慰问品。\n各区县工会结合实际，组织亲子阅读、科普研学、爱心托管"
     "等活动，"
     "让职工子女度过一个快乐、有意义的节日。"},
    {"要闻", "市总工会召开全市工会重点工作推进会",
     "市总工会召开全市工会重点工作推进会，通报上半年重点工作进展情况，安排部署下一阶段任务。\n"
     "会议强调，要紧盯年度目标任务，逐项对照、挂图作战，确保各项工作按时保质完成。"},
    {"创新案例", "基层工会“网格化”服务新就业形态劳动者",
     "基层工会以街道社区为网格，建立新就业形态劳动者服务站点，推动建会入会和服务全覆盖。\n"
     "一是摸清底数，建立劳动者信息台账；二是就近服务，在站点提供休息、饮水、充电等服务；"
     "三是维护权益，联合平台企业开展集体协商。"},
    {"要闻", "市总工会开展劳动和技能竞赛专题调研",
     "市总工会调研组深入重点企业，开展劳动和技能竞赛专题调研，听取企业和职工意见建议。\n"
     "调研组指出，要把劳动和技能竞赛作为服务经济社会发展的重要抓手，推动竞赛向新兴产业和中小企业延"
     "伸。"},
};

std::string Fill(std::string text, const std::string& org, int64_t n, int64_t k, int64_t m) {
  auto replace = [&](const std::string& token, const std::string& with) {
    for (size_t pos; (pos = text.find(token)) != std::string::npos;)
      text.replace(pos, token.size(), with);
  };
  replace("{org}", org);
  // A qualified count is a round one (400余名, 近500人); a bare count stays exact.
  for (const char* qualifier : {"余", "多"})
    replace("{n}" + std::string(qualifier),
            std::to_string(RoundForQualifier(n, qualifier)) + qualifier);
  replace("近{n}", "近" + std::to_string(RoundForQualifier(n, "近")));
  replace("{n}", std::to_string(n));
  replace("{k}", std::to_string(k));
  replace("{m}", std::to_string(m));
  return text;
}

std::string MonthDay(const Date& d) {
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

}  // namespace

Status GenerateNews(db::Tx& tx, int64_t now) {
  std::vector<db::Row> districts =
      tx.Query("SELECT id, name FROM org WHERE kind = 'district' ORDER BY code IS NULL, code, id");
  if (districts.empty()) return Status::Ok();
  const int64_t city = tx.QueryInt("SELECT id FROM org WHERE kind = 'city' ORDER BY id LIMIT 1");
  const int64_t editor =
      tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM app_user WHERE username = 'editor'");
  const int64_t reporter =
      tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM app_user WHERE username = 'reporter.nanan'");
  const int64_t nanan =
      tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM org WHERE name = '南岸区总工会'");
  const int64_t brief_points = bulletin::SectionPoints(tx, "基层动态");
  size_t turn = 0;

  // Writes one news item (and its timeline) in `state`; answers its id.
  auto item = [&](int64_t org_id, const std::string& title, const std::string& body,
                  const Date& date, const std::string& state, int64_t author) {
    const int64_t at = now - 86400 * 30;
    const int64_t id = tx.Insert(
        "INSERT INTO news_item (org_id, title, body, event_date, state, comment, submitted_at, "
        "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {org_id, title, body, date.ToString(), state,
         std::string(state == "returned" ? "请补充活动的参与人数和资金来源后再次报送。" : ""),
         state == "draft" ? db::Null() : db::Value(at), author ? db::Value(author) : db::Null(), at,
         at});
    auto event = [&](const char* action, const char* from, const char* to, const char* comment,
                     int64_t user) {
      tx.Exec(
          "INSERT INTO news_event (news_id, at, user_id, action, from_state, to_state, comment) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {id, at, user ? db::Value(user) : db::Null(), std::string(action), std::string(from),
           std::string(to), std::string(comment)});
    };
    event("create", "", "draft", "", author);
    if (state != "draft") event("submit", "draft", "submitted", "", author);
    if (state == "returned") {
      event("return", "submitted", "returned", "请补充活动的参与人数和资金来源后再次报送。",
            editor);
    }
    search::Put(tx, {"news", id, org_id, false, date.ToString(), title, body});
    return id;
  };

  // Three published issues and the working copy of a fourth, a week each.
  const Date first_monday{2024, 5, 6};
  for (int week = 0; week < 4; ++week) {
    const Date from = AddDays(first_monday, 7 * week);
    const Date to = AddDays(from, 6);
    const Date issue = AddDays(to, 5);
    const int64_t bulletin_id = tx.Insert(
        "INSERT INTO bulletin (year, number, title, date_from, date_to, issue_date, sections, "
        "created_by, created_at, updated_at) VALUES (2024, ?, '一周动态', ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {int64_t{19 + week}, from.ToString(), to.ToString(), issue.ToString(),
         std::string(R"([{"name":"要闻","style":"article"},{"name":"工作动态","style":"article"},)"
                     R"({"name":"创新案例","style":"article"},{"name":"基层动态","style":"brief"},)"
                     R"({"name":"专题","style":"article"}])"),
         editor ? db::Value(editor) : db::Null(), now, now});
    if (week == 3) break;  // 第22期 is still being composed
    for (int a = 0; a < 2; ++a) {
      const Article& article = kArticles[(week * 2 + a) % std::size(kArticles)];
      GH_RETURN_IF_ERROR(
          bulletin::AppendEntry(tx, bulletin_id,
                                {article.section, article.title, article.body, "", city, {}, {}})
              .status());
    }
    // Six adopted briefs from districts, each also a news item.
    for (int b = 0; b < 6; ++b, ++turn) {
      const db::Row& d = districts[(turn * 7) % districts.size()];
      const Template& t = kBriefs[turn % std::size(kBriefs)];
      const Date date = AddDays(from, static_cast<int64_t>(b % 7));
      const int64_t n = 40 + static_cast<int64_t>((turn * 37) % 460);
      const int64_t k = 3 + static_cast<int64_t>(turn % 9);
      const int64_t m = 1 + static_cast<int64_t>(turn % 5);
      const std::string body = Fill(t.text, d.Str(1), n, k, m);
      const int64_t news_id =
          item(d.Int(0), Fill(t.title, d.Str(1), n, k, m), body, date, "submitted", 0);
      GH_ASSIGN_OR_RETURN(
          int64_t entry_id,
          bulletin::AppendEntry(
              tx, bulletin_id,
              {"基层动态", "", MonthDay(date) + "，" + body, "", d.Int(0), news_id, {}}));
      (void)entry_id;
      tx.Exec(
          "UPDATE news_item SET state = 'adopted', bulletin_id = ?, section = '基层动态', points "
          "= ?, adopted_on = ? WHERE id = ?",
          {bulletin_id, brief_points, to.ToString(), news_id});
      tx.Exec(
          "INSERT INTO news_event (news_id, at, user_id, action, from_state, to_state, "
          "bulletin_id, section) VALUES (?, ?, ?, 'adopt', 'submitted', 'adopted', ?, '基层动态')",
          {news_id, now - 86400 * 20, editor ? db::Value(editor) : db::Null(), bulletin_id});
    }
    GH_RETURN_IF_ERROR(
        bulletin::PublishWorkingCopy(tx, bulletin_id, editor, now - 86400 * (20 - week)).status());
  }

  // The review queue: submitted items from districts, and 南岸区's own items
  // in every state a reporter meets.
  const Date queue_day{2024, 5, 28};
  for (int q = 0; q < 8; ++q, ++turn) {
    const db::Row& d = districts[(turn * 5 + 3) % districts.size()];
    const Template& t = kBriefs[(turn + 3) % std::size(kBriefs)];
    const int64_t n = 30 + static_cast<int64_t>((turn * 53) % 500);
    const int64_t k = 2 + static_cast<int64_t>(turn % 7);
    item(d.Int(0), Fill(t.title, d.Str(1), n, k, 2), Fill(t.text, d.Str(1), n, k, 2),
         AddDays(queue_day, q % 4), "submitted", 0);
  }
  if (nanan) {
    const std::string org = "南岸区总工会";
    const char* states[] = {"submitted", "returned", "draft"};
    for (int q = 0; q < 3; ++q) {
      const Template& t = kBriefs[(q * 4 + 1) % std::size(kBriefs)];
      item(nanan, Fill(t.title, org, 120 + q * 30, 4 + q, 3),
           Fill(t.text, org, 120 + q * 30, 4 + q, 3), AddDays(queue_day, q), states[q], reporter);
    }
  }
  return Status::Ok();
}

}  // namespace gonghui::demo
