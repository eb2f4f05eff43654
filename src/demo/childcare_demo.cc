#include "demo/childcare_demo.h"

#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "childcare/rules.h"
#include "core/date.h"

namespace gonghui::demo {
namespace {

// A counter-based generator (splitmix's finaliser over a running index): the
// same index always gives the same number, on every platform.
class Draw {
 public:
  explicit Draw(uint64_t seed) : next_(seed) {}
  int64_t Below(int64_t n) {
    uint64_t z = ++next_ * 0xD1B54A32D192ED03ULL;
    z ^= z >> 32;
    z *= 0xAEF17502108EF2D9ULL;
    z ^= z >> 29;
    return static_cast<int64_t>(z % static_cast<uint64_t>(n));
  }
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }

 private:
  uint64_t next_;
};

const char* const kChildGiven[] = {"小雨", "小宇", "可欣", "梓涵", "浩宇", "一诺", "思远", "语桐",
                                   "子墨", "欣然", "俊熙", "若曦", "嘉怡", "明轩", "雨萱", "天佑",
                                   "诗涵", "沐阳", "佳琪", "睿泽", "安琪", "晨曦", "宇航", "紫萱"};
const char* const kSites[] = {"职工之家",     "社区活动中心", "街道文化站",
                              "企业职工书屋", "园区服务中心", "小学教室"};

struct Term {
  const char* term;
  const char* label;
  const char* start;
  const char* end;
};
const Term kTerms[] = {{"summer", "暑期", "2024-07-08", "2024-08-16"},
                       {"winter", "寒假", "2025-01-13", "2025-02-07"},
                       {"after_school", "课后", "2024-09-02", "2025-01-10"},
                       {"summer", "暑期", "2023-07-10", "2023-08-18"}};

struct Parent {
  int64_t id;
  std::string name;
  bool priority;
  int children = 0;
};

// The first character of a Chinese name (its surname, as a rule).
std::string Surname(const std::string& name) {
  size_t n = 1;
  if (!name.empty() && (static_cast<unsigned char>(name[0]) & 0xE0) == 0xE0) n = 3;
  return name.substr(0, std::min(n, name.size()));
}

}  // namespace

Status GenerateChildcare(db::Tx& tx, const std::string& scale, int64_t now) {
  const bool city = scale == "city";
  const int classes = city ? 2000 : 624;
  Draw draw(city ? 20241 : 20240);

  // Districts with their hosts (the district, its streets, its grassroots
  // unions) and their active members.
  struct District {
    int64_t id;
    std::string name;
    std::vector<int64_t> hosts;
    std::vector<Parent> parents;
    size_t next_parent = 0;
  };
  std::vector<District> districts;
  std::map<int64_t, size_t> index;
  for (const db::Row& r :
       tx.Query("SELECT id, short_name FROM org WHERE kind = 'district' ORDER BY id")) {
    index[r.Int(0)] = districts.size();
    districts.push_back({r.Int(0), r.Str(1), {r.Int(0)}, {}, 0});
  }
  for (const db::Row& r : tx.Query(
           "SELECT c.ancestor_id, o.id FROM org o JOIN org_closure c ON c.descendant_id = o.id AND "
           "c.axis = 't' AND c.depth > 0 JOIN org d ON d.id = c.ancestor_id AND d.kind = "
           "'district' WHERE o.kind IN ('street', 'grassroots') ORDER BY o.id")) {
    districts[index.at(r.Int(0))].hosts.push_back(r.Int(1));
  }
  int64_t members = 0;
  for (const db::Row& r : tx.Query(
           "SELECT c.ancestor_id, m.id, m.name, m.tags FROM member m JOIN org_closure c ON "
           "c.descendant_id = m.org_id AND c.axis = 't' JOIN org d ON d.id = c.ancestor_id AND "
           "d.kind = 'district' WHERE m.status = 'active' ORDER BY m.id")) {
    const std::string tags = r.Str(3);
    districts[index.at(r.Int(0))].parents.push_back(
        {r.Int(1), r.Str(2),
         tags.find("new_employment") != std::string::npos ||
             tags.find("migrant_worker") != std::string::npos});
    ++members;
  }
  if (districts.empty() || members == 0) return Status::Ok();
  // Class i < districts.size() goes to district i; the others follow the
  // members, so every district has classes and big ones have more.
  std::vector<size_t> by_member;
  for (size_t d = 0; d < districts.size(); ++d) {
    for (size_t k = 0; k < districts[d].parents.size(); ++k) by_member.push_back(d);
  }

  db::BulkInsert children(tx, "member_child", {"member_id", "name", "birth_date"});
  db::BulkInsert enrolments(tx, "childcare_enrolment",
                            {"class_id", "member_id", "child_name", "child_birth_date", "status",
                             "priority", "requested_at", "created_at", "updated_at"});
  db::BulkInsert scores(
      tx, "childcare_score",
      {"evaluation_id", "stage", "standard", "score", "evidence", "photos", "user_id", "at"});
  const int64_t admin = tx.QueryInt("SELECT id FROM app_user WHERE username = 'admin'");
  const int64_t nanan_user = tx.QueryInt("SELECT id FROM app_user WHERE username = 'nanan'");
  const int64_t nanan = tx.QueryInt("SELECT id FROM org WHERE name = '南岸区总工会'");
  std::vector<int64_t> nanan_classes;

  for (int i = 0; i < classes; ++i) {
    District& d = districts[i < static_cast<int>(districts.size())
                                ? static_cast<size_t>(i)
                                : by_member[draw.Below(static_cast<int64_t>(by_member.size()))]];
    const int64_t host = d.hosts[i % 3 == 0 ? 0 : draw.Below(static_cast<int64_t>(d.hosts.size()))];
    const Term& term = kTerms[draw.Below(std::size(kTerms))];
    // 15 national and 59 municipal classes, then about a fifth 区县级.
    const std::string grade = i < 15       ? "national"
                              : i < 74     ? "municipal"
                              : i % 5 == 0 ? "district"
                                           : "none";
    const int64_t capacity = city ? draw.Between(45, 60) : draw.Between(32, 40);
    const int64_t age_min = draw.Between(5, 7);
    const int64_t age_max = draw.Between(11, 13);
    nlohmann::json staff = {
        {{"name", "班主任" + std::to_string(i + 1)},
         {"role", "teacher"},
         {"insured", true},
         {"phone", ""}},
        {{"name", "五老志愿者"}, {"role", "five_elders"}, {"insured", true}, {"phone", ""}},
        {{"name", "大学生志愿者"}, {"role", "volunteer"}, {"insured", i % 4 != 0}, {"phone", ""}}};
    nlohmann::json courses = {{{"category", "tutoring"}, {"title", "作业辅导"}, {"hours", 40}},
                              {{"category", "patriotic"}, {"title", "红色故事会"}, {"hours", 6}},
                              {{"category", i % 2 ? "outdoor" : "labour"},
                               {"title", i % 2 ? "户外拓展" : "劳动实践"},
                               {"hours", 8}}};
    const bool third_party = i % 4 == 1;
    const int64_t subsidy = grade == "national" || grade == "municipal" ? 5'000'000
                            : grade == "district"                       ? 1'000'000
                                                                        : 0;
    const Date start = *ParseDate(term.start);
    const int64_t class_id = tx.Insert(
        "INSERT INTO childcare_class (org_id, name, build_mode, operation_mode, partner, site, "
        "term, start_date, end_date, capacity, age_min, age_max, fee_fen, priority_tags, staff, "
        "courses, grade, graded_year, enrolled, served, subsidy_fen, created_by, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, "
        "'new_employment,migrant_worker', "
        "?, ?, ?, ?, 0, 0, ?, ?, ?, ?) RETURNING id",
        {host,
         d.name + std::to_string(start.year) + "年" + term.label + "爱心托管班（" +
             std::to_string(i + 1) + "）",
         std::string(i % 3 == 2 ? "joint" : "independent"),
         std::string(third_party ? "third_party" : "self"),
         std::string(third_party ? "重庆市青少年托管服务中心" : ""),
         d.name + kSites[draw.Below(std::size(kSites))],
         std::string(term.term),
         std::string(term.start),
         std::string(term.end),
         capacity,
         age_min,
         age_max,
         staff.dump(),
         courses.dump(),
         grade,
         grade == "none" ? db::Null() : db::Value(int64_t{start.year}),
         subsidy,
         admin,
         now,
         now});
    if (host == nanan || d.id == nanan) nanan_classes.push_back(class_id);

    // Children: each from the next active member of the district.
    const int64_t enrolled = d.parents.empty() ? 0 : capacity - draw.Between(0, 4);
    for (int64_t k = 0; k < enrolled; ++k) {
      Parent& p = d.parents[d.next_parent++ % d.parents.size()];
      const std::string name = Surname(p.name) +
                               kChildGiven[(p.id + p.children * 7) % std::size(kChildGiven)] +
                               (p.children >= 3 ? std::to_string(p.children) : "");
      ++p.children;
      const int64_t age = draw.Between(age_min, age_max);
      const Date birth =
          AddDays(Date{start.year - static_cast<int>(age) - 1, start.month, start.day},
                  1 + draw.Below(360));
      children.Add({p.id, name, birth.ToString()});
      enrolments.Add({class_id, p.id, name, birth.ToString(), std::string("enrolled"),
                      int64_t{p.priority ? 1 : 0}, now, now, now});
    }
    tx.Exec("UPDATE childcare_class SET enrolled = ?, served = ? WHERE id = ?",
            {enrolled, enrolled, class_id});

    // Graded classes went through the three steps; the city's sheet is kept.
    if (grade != "none") {
      const int64_t district_org = d.id;
      const int64_t ev = tx.Insert(
          "INSERT INTO childcare_evaluation (class_id, year, state, district_org_id, grade, "
          "created_by, created_at, updated_at) VALUES (?, ?, 'graded', ?, ?, ?, ?, ?) RETURNING id",
          {class_id, int64_t{start.year}, district_org, grade, admin, now, now});
      for (const char* stage : {"self", "district", "city"}) {
        for (const auto& s : childcare::kStandards) {
          scores.Add({ev, std::string(stage), std::string(s.key), draw.Between(75, 100),
                      std::string(s.label) + "符合要求，台账齐全", std::string("[]"), admin, now});
        }
      }
      const char* steps[][3] = {{"create", "", "draft"},
                                {"submit", "draft", "district_review"},
                                {"district_review", "district_review", "city_review"},
                                {"city_review", "city_review", "graded"}};
      for (const auto& s : steps) {
        tx.Exec(
            "INSERT INTO childcare_evaluation_event (evaluation_id, at, user_id, action, "
            "from_state, to_state) VALUES (?, ?, ?, ?, ?, ?)",
            {ev, now, admin, std::string(s[0]), std::string(s[1]), std::string(s[2])});
      }
      tx.Exec(
          "INSERT INTO childcare_grant (class_id, evaluation_id, grade, year, amount_fen, note, "
          "approved_by, approved_at) VALUES (?, ?, ?, ?, ?, '评审定级补助', ?, ?)",
          {class_id, ev, grade, int64_t{start.year}, subsidy, admin, now});
    }
    // Supervision: every seventh class was inspected; some findings are
    // closed, some still open, a few past their deadline.
    if (i % 7 == 0) {
      const int64_t ins = tx.Insert(
          "INSERT INTO childcare_inspection (class_id, org_id, day, inspector, notes, created_by, "
          "created_at) VALUES (?, ?, ?, '督查组', '现场查看场地、台账和餐食，询问家长意见。', ?, "
          "?) "
          "RETURNING id",
          {class_id, d.id, AddDays(start, 5).ToString(), admin, now});
      const char* const kFindings[] = {"消防通道堆放杂物", "晨检记录不完整", "部分志愿者未购买保险",
                                       "食品留样记录缺失"};
      const int state = (i / 7) % 3;  // 0 accepted, 1 open, 2 rectified
      tx.Exec(
          "INSERT INTO childcare_finding (inspection_id, class_id, description, deadline, state, "
          "rectification, rectified_by, rectified_at, accepted_by, accepted_at, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {ins, class_id, std::string(kFindings[(i / 7) % 4]), AddDays(start, 15).ToString(),
           std::string(state == 0   ? "accepted"
                       : state == 1 ? "open"
                                    : "rectified"),
           std::string(state == 1 ? "" : "已整改完毕"), state == 1 ? db::Null() : db::Value(admin),
           state == 1 ? db::Null() : db::Value(now), state == 0 ? db::Value(admin) : db::Null(),
           state == 0 ? db::Value(now) : db::Null(), now, now});
    }
  }
  children.Flush();
  enrolments.Flush();
  scores.Flush();

  // 南岸区's review queue: a few classes waiting for each step.
  const char* const kQueue[] = {"draft", "district_review", "district_review", "city_review"};
  for (size_t q = 0; q < std::size(kQueue) && q < nanan_classes.size(); ++q) {
    const int64_t class_id = nanan_classes[nanan_classes.size() - 1 - q];
    if (tx.QueryInt("SELECT COUNT(*) FROM childcare_evaluation WHERE class_id = ?", {class_id}) > 0)
      continue;
    const int64_t ev = tx.Insert(
        "INSERT INTO childcare_evaluation (class_id, year, state, district_org_id, created_by, "
        "created_at, updated_at) VALUES (?, 2025, ?, ?, ?, ?, ?) RETURNING id",
        {class_id, std::string(kQueue[q]), nanan, nanan_user, now, now});
    if (std::string(kQueue[q]) != "draft") {
      for (const auto& s : childcare::kStandards) {
        tx.Exec(
            "INSERT INTO childcare_score (evaluation_id, stage, standard, score, evidence, photos, "
            "user_id, at) VALUES (?, 'self', ?, ?, ?, '[]', ?, ?)",
            {ev, std::string(s.key), draw.Between(80, 98), std::string(s.label) + "自评材料已上传",
             nanan_user, now});
      }
    }
    tx.Exec(
        "INSERT INTO childcare_evaluation_event (evaluation_id, at, user_id, action, from_state, "
        "to_state) VALUES (?, ?, ?, 'create', '', 'draft')",
        {ev, now, nanan_user});
  }
  return Status::Ok();
}

}  // namespace gonghui::demo
