#include "demo/programme_demo.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "activity/activity.h"

namespace gonghui::demo {
namespace {

int64_t OrgByCode(db::Tx& tx, const std::string& code) {
  return tx.QueryInt("SELECT id FROM org WHERE code = ? AND kind = 'district'", {code});
}

int64_t OrgByName(db::Tx& tx, const std::string& name) {
  return tx.QueryInt("SELECT id FROM org WHERE name = ?", {name});
}

std::string OrgName(db::Tx& tx, int64_t id) {
  return tx.Query("SELECT name FROM org WHERE id = ?", {id})[0].Str(0);
}

// Up to `n` grassroots unions below `root` on `axis`, else `root` itself.
std::vector<int64_t> UnionsBelow(db::Tx& tx, int64_t root, const char* axis, int64_t n) {
  std::vector<int64_t> out;
  for (const db::Row& r : tx.Query(
           "SELECT o.id FROM org_closure c JOIN org o ON o.id = c.descendant_id WHERE "
           "c.ancestor_id = ? AND c.axis = ? AND c.depth > 0 AND o.kind = 'grassroots' ORDER BY "
           "o.id LIMIT ?",
           {root, std::string(axis), n})) {
    out.push_back(r.Int(0));
  }
  if (out.empty()) out.push_back(root);
  return out;
}

struct Care {
  int64_t org_id;
  const char* title;
  const char* date;
  const char* group;      // beneficiaries' group ("" for none)
  int64_t count;          // beneficiaries (0 for none)
  const char* qualifier;  // of the count
  int64_t money_fen;      // 0 for none
  const char* source;     // of the money
  std::vector<std::string> items;
  std::vector<std::string> target_groups;
  const char* body;
};

int64_t InsertCare(db::Tx& tx, const Care& c, int64_t campaign_id, int64_t now) {
  activity::Record r;
  r.org_id = c.org_id;
  r.title = c.title;
  r.type = "care";
  r.start_date = c.date;
  r.end_date = c.date;
  r.campaign_id = campaign_id;
  nlohmann::json beneficiaries = nlohmann::json::array();
  if (c.count > 0) {
    r.participants_count = c.count;
    r.participants_qualifier = c.qualifier;
    r.participants_unit = "人";
    r.detail["participants_text"] = std::to_string(c.count) + c.qualifier + "人";
    beneficiaries.push_back({{"group", c.group},
                             {"count", c.count},
                             {"qualifier", c.qualifier},
                             {"unit", "人"},
                             {"text", std::to_string(c.count) + c.qualifier + "人"}});
  }
  nlohmann::json money = nlohmann::json::array();
  if (c.money_fen > 0) {
    money.push_back({{"amount_fen", c.money_fen},
                     {"qualifier", ""},
                     {"purpose", "慰问"},
                     {"source", c.source},
                     {"text", std::to_string(c.money_fen / 1000000) + "万元"}});
  }
  r.detail["places"] = nlohmann::json::array();
  r.detail["beneficiaries"] = beneficiaries;
  r.detail["money"] = money;
  r.detail["items"] = c.items;
  r.detail["target_groups"] = c.target_groups;
  r.organisers = {c.org_id};
  r.body = c.body;
  return activity::Insert(tx, r, 0, now);
}

void Campaign(db::Tx& tx, int64_t city, int64_t now) {
  const int64_t id = tx.Insert(
      "INSERT INTO campaign (org_id, name, date_from, date_to, target_count, target_unit, "
      "target_groups, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {city, std::string("2024年“六一”儿童节关爱行动"), std::string("2024-05-20"),
       std::string("2024-06-10"), int64_t{1000}, std::string("名儿童"),
       nlohmann::json({"新就业形态劳动者子女", "农民工子女"}).dump(),
       std::string(
           "“六一”儿童节期间在全市范围内慰问1000名新就业形态劳动者、农民工子女，并指导各区县"
           "总工会、市级产业工会结合实际，因地制宜配套经费自行开展关爱活动。"),
       now, now});
  const std::vector<Care> cares = {
      {OrgByCode(tx, "500111"),
       "“‘工’伴成长，‘足’梦童心”关爱职工子女在身边系列活动",
       "2024-05-29",
       "14周岁以下职工子女",
       500,
       "",
       10000000,
       "self_raised",
       {"衣服", "保温杯"},
       {"职工子女"},
       "大足区总工会紧贴职工家庭和子女需求，自筹资金10万元，对全区500名14周岁以下的职工子女走访"
       "慰问，为他们送去衣服、保温杯等物品。"},
      {OrgByCode(tx, "500237"),
       "新就业形态劳动者子女“六一”关爱活动",
       "2024-05-30",
       "货车司机、网约车司机及其子女",
       50,
       "余",
       0,
       "",
       {"书包", "雨伞", "跳绳"},
       {"货车司机", "网约车司机", "新就业形态劳动者"},
       "巫山县总工会联合县道路运输事务中心举办新就业形态劳动者子女“六一”关爱活动，全县货车司机、"
       "网约车司机及其子女代表50余人参加活动。"},
      {OrgByCode(tx, "500242"),
       "农民工和新就业形态劳动者子女“六一”儿童节关爱活动",
       "2024-05-31",
       "农民工和新就业形态劳动者子女",
       53,
       "",
       0,
       "",
       {"书包", "水彩笔"},
       {"农民工", "新就业形态劳动者"},
       "酉阳县总工会前往钟多街道、可大乡对农民工和新就业形态劳动者子女开展“六一”儿童节关爱活动，"
       "共为53名儿童送去了书包、水彩笔等学习生活用品。"},
      {OrgByCode(tx, "500104"),
       "“情暖童心·相伴成长”困境儿童关爱活动",
       "2024-05-31",
       "困境儿童及家长",
       55,
       "",
       0,
       "",
       {},
       {"困境儿童"},
       "大渡口区总工会联合区妇联、团区委在华夏航空教育训练基地开展困境儿童关爱活动，困境儿童及家长"
       "共计55人参加。"},
      {OrgByCode(tx, "500156"),
       "“工会暖童心 快乐庆六一”关爱活动",
       "2024-06-01",
       "",
       0,
       "",
       0,
       "",
       {},
       {"职工子女"},
       "武隆区总工会带领小朋友们走进喀斯特世界遗产博物馆。"},
  };
  for (const Care& c : cares) InsertCare(tx, c, id, now);
  // Other districts report smaller visits, some through their street unions.
  const char* const kOthers[] = {"500108", "500103", "500105", "500106", "500112",
                                 "500113", "500114", "500115", "500116", "500118"};
  int i = 0;
  for (const char* code : kOthers) {
    const int64_t district = OrgByCode(tx, code);
    if (district == 0) continue;
    int64_t org = district;
    if (i % 2 == 1) {
      org = tx.QueryInt("SELECT MIN(o.id) FROM org o WHERE o.parent_id = ? AND o.kind = 'street'",
                        {district});
      if (org == 0) org = district;
    }
    const std::string title = OrgName(tx, org) + "“六一”关爱新就业形态劳动者子女活动";
    Care c{org,
           "",
           i % 3 == 0 ? "2024-05-28" : "2024-06-01",
           "新就业形态劳动者子女",
           10 + (i * 7) % 30,
           "",
           (1 + i % 4) * 1000000,
           i % 2 ? "special_fund" : "self_raised",
           {"书包", "文具"},
           {"新就业形态劳动者"},
           "走访慰问新就业形态劳动者子女，送去节日祝福和学习用品。"};
    c.title = title.c_str();
    InsertCare(tx, c, id, now);
    ++i;
  }
}

int64_t Event(db::Tx& tx, int64_t org, const std::string& name, const char* kind, const char* level,
              const char* from, const char* to, std::optional<int64_t> parent, int64_t now) {
  return tx.Insert(
      "INSERT INTO competition (org_id, name, kind, level, start_date, end_date, parent_id, "
      "description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?) RETURNING id",
      {org, name, std::string(kind), std::string(level), std::string(from), std::string(to),
       db::OrNull(parent), now, now});
}

int64_t Category(db::Tx& tx, int64_t event, int64_t position, const char* name, const char* format,
                 const char* scoring, const nlohmann::json& awards, const nlohmann::json& special,
                 int64_t qualify_top) {
  return tx.Insert(
      "INSERT INTO competition_category (competition_id, position, name, format, scoring, "
      "awards, special_awards, qualify_top) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {event, position, std::string(name), std::string(format), std::string(scoring), awards.dump(),
       special.dump(), qualify_top});
}

int64_t Entry(db::Tx& tx, int64_t event, int64_t category, int64_t org, const std::string& name,
              const std::string& team, const nlohmann::json& members, const nlohmann::json& special,
              std::optional<double> score, int64_t now) {
  return tx.Insert(
      "INSERT INTO competition_entry (competition_id, category_id, org_id, name, team_name, "
      "members, special_awards, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?) RETURNING id",
      {event, category, org, name, team, members.dump(), special.dump(),
       score ? db::Value(*score) : db::Null(), now, now});
}

void Competitions(db::Tx& tx, int64_t city, int64_t now) {
  const nlohmann::json kNone = nlohmann::json::array();
  // The city games' table tennis, which 奉节's best five go on to.
  const int64_t games = Event(tx, city, "重庆市第三届职工运动会乒乓球比赛", "sports", "city",
                              "2024-07-10", "2024-07-12", std::nullopt, now);
  Category(tx, games, 0, "男子单打", "individual", "place", kNone, kNone, 0);
  Category(tx, games, 1, "女子单打", "individual", "place", kNone, kNone, 0);

  const int64_t fengjie = OrgByCode(tx, "500236");
  const int64_t table_tennis = Event(tx, fengjie, "2024年“互助保障杯”乒乓球比赛", "sports",
                                     "district", "2024-05-25", "2024-05-26", games, now);
  const nlohmann::json tiers = {{{"name", "一等奖"}, {"up_to_rank", 1}},
                                {{"name", "二等奖"}, {"up_to_rank", 3}},
                                {{"name", "三等奖"}, {"up_to_rank", 5}}};
  const std::vector<int64_t> unions = UnionsBelow(tx, fengjie, "t", 8);
  const char* const kMen[] = {"刘建国", "陈志强", "王海涛", "李明辉",
                              "张伟",   "赵磊",   "周斌",   "吴刚"};
  const char* const kWomen[] = {"李秀英", "王芳", "张丽", "刘敏", "陈静", "杨艳", "黄霞", "周婷"};
  // Points won in the group stage; 2nd and 3rd tie in both (ranks 1, 2, 2, 4 …).
  const double kScores[] = {9, 7, 7, 6, 5, 4, 3, 2};
  for (int c = 0; c < 2; ++c) {
    const int64_t category = Category(tx, table_tennis, c, c == 0 ? "男子单打" : "女子单打",
                                      "individual", "high", tiers, kNone, 5);
    const int64_t parent_category =
        tx.QueryInt("SELECT id FROM competition_category WHERE competition_id = ? AND name = ?",
                    {games, std::string(c == 0 ? "男子单打" : "女子单打")});
    for (int i = 0; i < 8; ++i) {
      const int64_t org = unions[i % unions.size()];
      const std::string name = c == 0 ? kMen[i] : kWomen[i];
      const int64_t entry =
          Entry(tx, table_tennis, category, org, name, "", kNone, kNone, kScores[i], now);
      // The top five (with the tie: six entrants ranked ≤ 5) qualified.
      if (i < 5) {
        tx.Exec(
            "INSERT INTO competition_entry (competition_id, category_id, org_id, name, team_name, "
            "members, special_awards, qualified_from_entry_id, created_at, updated_at) VALUES (?, "
            "?, ?, ?, '', '[]', '[]', ?, ?, ?)",
            {games, parent_category, org, name, entry, now, now});
      }
    }
  }

  // The bus skills competition of the transport union: drivers individually,
  // mechanics in teams (the first team format), special awards for drivers.
  const int64_t transport = OrgByName(tx, "重庆市交通建设工会");
  const int64_t skills = Event(tx, transport, "2024年重庆城市公交新能源客车职工职业技能竞赛",
                               "skills", "city", "2024-05-20", "2024-05-20", std::nullopt, now);
  const nlohmann::json skill_tiers = {{{"name", "一等奖"}, {"up_to_rank", 1}},
                                      {{"name", "二等奖"}, {"up_to_rank", 3}},
                                      {{"name", "三等奖"}, {"up_to_rank", 6}}};
  const int64_t drivers = Category(tx, skills, 0, "驾驶员", "individual", "high", skill_tiers,
                                   nlohmann::json({"巾帼奖", "新秀奖"}), 0);
  const int64_t mechanics =
      Category(tx, skills, 1, "修理工", "team", "high", skill_tiers, kNone, 0);
  const std::vector<int64_t> bus_unions = UnionsBelow(tx, transport, "i", 6);
  const char* const kDrivers[] = {"谭建华", "何小红", "罗勇", "邓晓燕",
                                  "冉俊",   "蒋涛",   "秦川", "熊伟"};
  const double kDriverScores[] = {96.5, 93.0, 93.0, 91.5, 90.0, 88.5, 86.0, 85.5};
  for (int i = 0; i < 8; ++i) {
    nlohmann::json special = kNone;
    if (i == 1) special = {"巾帼奖"};
    if (i == 6) special = {"新秀奖"};
    Entry(tx, skills, drivers, bus_unions[i % bus_unions.size()], kDrivers[i], "", kNone, special,
          kDriverScores[i], now);
  }
  const double kTeamScores[] = {188.0, 181.5, 176.0, 176.0, 170.5};
  for (int i = 0; i < 5; ++i) {
    const int64_t org = bus_unions[i % bus_unions.size()];
    Entry(tx, skills, mechanics, org, "", "新能源维修" + std::to_string(i + 1) + "队",
          nlohmann::json({"队员甲" + std::to_string(i + 1), "队员乙" + std::to_string(i + 1),
                          "队员丙" + std::to_string(i + 1)}),
          kNone, kTeamScores[i], now);
  }
}

void Honour(db::Tx& tx, const char* kind, const char* level, int64_t year, const char* title,
            const char* type, const std::string& awardee, int64_t org, const char* by,
            int64_t now) {
  tx.Exec(
      "INSERT INTO honour (kind, level, year, title, awardee_type, awardee_name, org_id, "
      "conferred_by, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
      {std::string(kind), std::string(level), year, std::string(title), std::string(type), awardee,
       org, std::string(by), now, now});
}

void Honours(db::Tx& tx, int64_t city, int64_t now) {
  const int64_t finance = OrgByName(tx, "重庆市金融财贸轻工纺织工会");
  const std::vector<int64_t> banks = UnionsBelow(tx, finance, "i", 4);
  const char* const kPeople[] = {"杨建平", "冯晓丽", "唐海", "程雪"};
  for (size_t i = 0; i < 4; ++i) {
    Honour(tx, "may_day_medal", "city", 2024, "重庆市五一劳动奖章", "person", kPeople[i],
           banks[i % banks.size()], "重庆市总工会", now);
  }
  Honour(tx, "worker_pioneer", "city", 2024, "重庆市工人先锋号", "collective",
         OrgName(tx, banks[0]) + "营业部", banks[0], "重庆市总工会", now);
  Honour(tx, "worker_pioneer", "national", 2024, "全国工人先锋号", "collective",
         OrgName(tx, banks[banks.size() - 1]) + "客服中心", banks[banks.size() - 1],
         "中华全国总工会", now);
  Honour(tx, "may_day_certificate", "city", 2024, "重庆市五一劳动奖状", "collective",
         OrgName(tx, banks[0]), banks[0], "重庆市总工会", now);
  Honour(tx, "innovation_case", "national", 2024, "第三期全国工会重点工作创新案例", "collective",
         "重庆市总工会用心用情提供“爱心托管”服务", city, "中华全国总工会", now);
  Honour(tx, "innovation_case", "national", 2024, "第三期全国工会重点工作创新案例", "collective",
         "巫山县总工会“四强四抓四提升”筑牢和谐劳动关系根基", OrgByCode(tx, "500237"),
         "中华全国总工会", now);
  // Childcare classes honoured nationally and by the city, in several districts.
  const char* const kDistricts[] = {"500108", "500111", "500105", "500112", "500237"};
  int n = 0;
  for (const char* code : kDistricts) {
    const int64_t d = OrgByCode(tx, code);
    if (d == 0) continue;
    const bool national = n < 2;
    Honour(tx, "childcare_class", national ? "national" : "city", 2024,
           national ? "全国工会爱心托管班" : "重庆市工会爱心托管班", "collective",
           OrgName(tx, d) + "职工子女爱心托管班", d, national ? "中华全国总工会" : "重庆市总工会",
           now);
    Honour(tx, "model_worker", "district", 2023, "区县劳动模范", "person",
           std::string(kPeople[n % 4]) + "（区县）", d, "区县人民政府", now);
    ++n;
  }
}

}  // namespace

Status GenerateProgrammes(db::Tx& tx, int64_t now) {
  const int64_t city = tx.QueryInt("SELECT id FROM org WHERE kind = 'city' ORDER BY id LIMIT 1");
  if (!tx.sqlite()) {
    // The generated work records were written with explicit ids: move the
    // sequence past them before inserting through it.
    tx.Exec(
        "SELECT setval(pg_get_serial_sequence('activity', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 "
        "FROM activity), false)");
  }
  Campaign(tx, city, now);
  Competitions(tx, city, now);
  Honours(tx, city, now);
  return Status::Ok();
}

}  // namespace gonghui::demo
