#include "demo/labour_demo.h"

#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/idcard.h"
#include "core/time.h"
#include "labour/rules.h"

namespace gonghui::demo {
namespace {

constexpr const char* kWushanCode = "500237";  // 巫山县, GB/T 2260

// A fixed-seed generator: the same data on every run and machine.
class Dice {
 public:
  int64_t Below(int64_t n) {
    return n <= 0 ? 0 : static_cast<int64_t>(gen_() % static_cast<uint64_t>(n));
  }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  std::mt19937_64 gen_{20260501};
};

struct Unit {
  int64_t id;
  int64_t district;
  int64_t union_org_id;
  int64_t employees;
  std::string name;
};

// "YYYY-MM-DD" of `d` moved by `days`.
std::string Plus(const Date& d, int64_t days) { return AddDays(d, days).ToString(); }

// The last day of a term of `years` years from `from`.
Date TermEnd(const Date& from, int years) {
  const Date anniversary{from.year + years, from.month,
                         std::min(from.day, DaysInMonth(from.year + years, from.month))};
  return AddDays(anniversary, -1);
}

class LabourDemo {
 public:
  LabourDemo(db::Tx& tx, const SecretBox& box, int64_t now)
      : tx_(tx), box_(box), now_(now), today_(TodayUtcPlus8(now)) {}

  Status Run() {
    LoadDistricts();
    if (wushan_ == 0) return Status::Ok();  // no 巫山 in this tree: nothing shaped on it
    UnioniseWushan();
    SizeWorkforces();
    LoadUnits();
    Flags();
    EnterpriseContracts();
    AreaContracts();
    SignedOnline();
    Timelines();
    Documents();
    Consultations();
    Visits();
    Trainings();
    Mediations();
    NumberRecords();
    return Status::Ok();
  }

 private:
  bool InWushan(int64_t district) const { return district == wushan_; }
  Date YearStart() const { return Date{today_.year, 1, 1}; }
  // A day of this year up to today.
  std::string ThisYear() {
    const int64_t span = DaysFromCivil(today_) - DaysFromCivil(YearStart());
    return Plus(YearStart(), dice_.Below(span + 1));
  }

  void LoadDistricts() {
    for (const db::Row& r :
         tx_.Query("SELECT id, short_name, code FROM org WHERE kind = 'district' ORDER BY id")) {
      districts_.push_back(r.Int(0));
      short_name_[r.Int(0)] = r.Str(1);
      if (r.Str(2) == kWushanCode) wushan_ = r.Int(0);
    }
    // Each org's district on the territorial axis.
    for (const db::Row& r :
         tx_.Query("SELECT c.descendant_id, c.ancestor_id FROM org_closure c JOIN org d ON d.id = "
                   "c.ancestor_id WHERE c.axis = 't' AND d.kind = 'district'")) {
      district_of_[r.Int(0)] = r.Int(1);
    }
    for (const db::Row& r :
         tx_.Query("SELECT o.id, o.parent_id FROM org o WHERE o.kind = 'partner' AND o.name LIKE "
                   "'%人力资源和社会保障局'")) {
      hr_bureau_[r.Int(1)] = r.Int(0);
    }
  }

  // 巫山's state enterprises, public institutions and above-scale private
  // enterprises all have a union: the census's units of those kinds without
  // one are small private firms there.
  void UnioniseWushan() {
    tx_.Exec(
        "UPDATE enterprise SET kind = 'below_scale_private' WHERE union_org_id IS NULL AND kind "
        "IN ('state_owned', 'public_institution', 'above_scale_private') AND org_id IN (SELECT "
        "descendant_id FROM org_closure WHERE ancestor_id = ? AND axis = 't')",
        {wushan_});
  }

  // A unionised unit's workforce from its union's members, at a membership
  // rate of 80–97% per district (95% in 巫山), so 入会率 reads like a real one,
  // plus the few who are not yet members. Only where the demo holds a union's
  // members in full (the small scale: a score or so per union); the city
  // scale's unions hold a sample of theirs, and keep the census's workforces.
  void SizeWorkforces() {
    const int64_t unions = tx_.QueryInt("SELECT COUNT(*) FROM org WHERE kind = 'grassroots'");
    const int64_t members = tx_.QueryInt("SELECT COUNT(*) FROM member");
    if (unions == 0 || members / unions < 15) return;
    for (int64_t d : districts_) {
      const int64_t rate = InWushan(d) ? 95 : 80 + dice_.Below(18);
      tx_.Exec(
          "UPDATE enterprise SET employees = (SELECT COUNT(*) FROM member m WHERE m.org_id = "
          "enterprise.union_org_id AND m.status = 'active') * 100 / ? + 5 + id % 7 WHERE "
          "union_org_id IS NOT NULL AND org_id IN (SELECT descendant_id FROM org_closure WHERE "
          "ancestor_id = ? AND axis = 't')",
          {rate, d});
    }
  }

  void LoadUnits() {
    for (const db::Row& r :
         tx_.Query("SELECT id, org_id, union_org_id, employees, name FROM enterprise WHERE "
                   "union_org_id IS NOT NULL ORDER BY id")) {
      auto it = district_of_.find(r.Int(1));
      if (it == district_of_.end()) continue;
      units_.push_back({r.Int(0), it->second, r.Int(2), r.Int(3), r.Str(4)});
    }
    for (const Unit& u : units_) units_of_[u.district].push_back(&u);
  }

  // 厂务公开 and 职代会 for this year and the last.
  void Flags() {
    db::BulkInsert bulk(tx_, "enterprise_flag",
                        {"enterprise_id", "year", "factory_affairs_open", "workers_congress"});
    for (const Unit& u : units_) {
      for (int year : {today_.year - 1, today_.year}) {
        const bool all = InWushan(u.district);
        bulk.Add({u.id, int64_t{year}, int64_t{all || dice_.Chance(72)},
                  int64_t{all || dice_.Chance(64)}});
      }
    }
  }

  struct Contract {
    int64_t org_id;
    std::string kind;
    std::string title;
    std::optional<int64_t> employer;
    std::string employer_rep;
    int64_t workers;
    Date from;
    int years;
    std::optional<int64_t> predecessor;
  };

  // Inserts a contract that went through the whole lifecycle: offered two
  // months before its term, filed 15 days before it, published 5 days into
  // it — or as far as `today_` allows.
  int64_t InsertContract(const Contract& c) {
    const Date to = TermEnd(c.from, c.years);
    const std::string offered = Plus(c.from, -60), voted = Plus(c.from, -32),
                      signed_on = Plus(c.from, -30), filed = Plus(c.from, -15),
                      published = Plus(c.from, 5);
    const std::string today = today_.ToString();
    std::string state = "published";
    if (published > today) state = "filed";
    if (filed > today) state = "signed";
    const auto reached = [&](const std::string& day) { return day <= today ? day : ""; };
    const int64_t women = c.workers * (20 + dice_.Below(30)) / 100;
    return tx_.Insert(
        "INSERT INTO labour_contract (number, org_id, kind, title, employer_enterprise_id, "
        "employer_rep, workers, women, dispatched, term_from, term_to, state, offered_on, "
        "offered_by, vote_total, vote_attendees, vote_for, vote_against, voted_on, vote_passed, "
        "signed_on, filed_on, effective_on, published_on, predecessor_id, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'worker', ?, ?, ?, ?, ?, 1, "
        "?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {"pending-" + std::to_string(++sequence_),
         c.org_id,
         c.kind,
         c.title,
         db::OrNull(c.employer),
         c.employer_rep,
         c.workers,
         women,
         c.from.ToString(),
         to.ToString(),
         state,
         offered,
         c.workers,
         c.workers,
         c.workers * 9 / 10,
         c.workers / 20,
         voted,
         signed_on,
         reached(filed),
         reached(filed).empty() ? "" : labour::EffectiveOn(filed),
         reached(published),
         db::OrNull(c.predecessor),
         now_,
         now_});
  }

  // The unit's comprehensive contract (renewed when it ran out, mostly) and
  // its yearly wage contract, which some let lapse (the flag of rules.h).
  void EnterpriseContracts() {
    for (const Unit& u : units_) {
      const bool wushan = InWushan(u.district);
      const int64_t workers = u.employees;
      if (workers < 3) continue;
      if (dice_.Chance(wushan ? 92 : 58)) {
        Contract c{u.union_org_id,
                   "comprehensive",
                   u.name + "集体合同",
                   u.id,
                   "",
                   workers,
                   AddDays(today_, -dice_.Below(4 * 365 + 200)),
                   3,
                   std::nullopt};
        int64_t id = InsertContract(c);
        const Date end = TermEnd(c.from, 3);
        if (end < today_ && dice_.Chance(wushan ? 95 : 70)) {
          c.from = AddDays(end, 1);
          c.predecessor = id;
          c.title = u.name + "集体合同（续订）";
          InsertContract(c);
        }
      }
      // The wage contract of the last year or so, most renewing the year's before.
      if (dice_.Chance(wushan ? 85 : 42)) {
        const Date from = AddDays(today_, -dice_.Below(520));
        std::optional<int64_t> before;
        if (dice_.Chance(wushan ? 100 : 75)) {
          const Date earlier{from.year - 1, from.month,
                             std::min(from.day, DaysInMonth(from.year - 1, from.month))};
          before = InsertContract({u.union_org_id, "wage", u.name + "工资专项集体合同", u.id, "",
                                   workers, earlier, 1, std::nullopt});
        }
        InsertContract({u.union_org_id, "wage", u.name + "工资专项集体合同", u.id, "", workers,
                        from, 1, before});
      }
    }
  }

  // Regional contracts of streets and an industry contract per district, the
  // earlier ones expired this year: 巫山 renewed every one, others about half.
  void AreaContracts() {
    const Date expiry = AddDays(today_, -20);
    if (expiry.year != today_.year) return;  // too early in the year for one to have expired
    for (int64_t d : districts_) {
      const bool wushan = InWushan(d);
      const std::string& name = short_name_[d];
      // The two streets with most enterprises registered there.
      for (const db::Row& r : tx_.Query(
               "SELECT o.id, o.short_name FROM org o JOIN enterprise e ON e.org_id = o.id WHERE "
               "o.parent_id = ? AND o.kind = 'street' GROUP BY o.id, o.short_name ORDER BY "
               "COUNT(*) DESC, o.id LIMIT 2",
               {d})) {
        AreaPair(r.Int(0), "regional", r.Str(1) + "区域性集体合同", r.Str(1) + "企业联合会",
                 "e.org_id = ?", r.Int(0), expiry, wushan || dice_.Chance(50));
      }
      AreaPair(d, "industry", name + "餐饮住宿业行业性集体合同", name + "餐饮行业协会",
               "e.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND "
               "axis = 't') AND e.kind IN ('below_scale_private', 'platform')",
               d, expiry, wushan || dice_.Chance(50));
    }
  }

  // One area contract that ran to `expiry`, its renewal when `renewed`, both
  // covering the enterprises that `where` picks (with `arg`).
  void AreaPair(int64_t org, const std::string& kind, const std::string& title,
                const std::string& rep, const std::string& where, int64_t arg, const Date& expiry,
                bool renewed) {
    std::vector<int64_t> covered;
    int64_t workers = 0;
    for (const db::Row& r : tx_.Query("SELECT e.id, e.employees FROM enterprise e WHERE " + where +
                                          " ORDER BY e.id LIMIT 40",
                                      {arg})) {
      covered.push_back(r.Int(0));
      workers += r.Int(1);
    }
    if (covered.empty()) return;
    // A term of three years that ended on `expiry`.
    const Date from =
        AddDays(Date{expiry.year - 3, expiry.month,
                     std::min(expiry.day, DaysInMonth(expiry.year - 3, expiry.month))},
                1);
    Contract c{org, kind, title, std::nullopt, rep, workers, from, 3, std::nullopt};
    const int64_t first = InsertContract(c);
    Cover(first, covered);
    if (!renewed) return;
    c.from = AddDays(expiry, 1);
    c.predecessor = first;
    c.title = title + "（续订）";
    Cover(InsertContract(c), covered);
  }

  void Cover(int64_t contract, const std::vector<int64_t>& enterprises) {
    db::BulkInsert bulk(tx_, "labour_contract_enterprise", {"contract_id", "enterprise_id"});
    for (int64_t e : enterprises) bulk.Add({contract, e});
  }

  // "指尖上的集体合同": one 巫山 contract voted, then signed by both sides
  // through single-use links, three days ago; its filing is due in a week.
  void SignedOnline() {
    const Unit* unit = nullptr;
    for (const Unit& u : units_) {
      if (InWushan(u.district) &&
          tx_.QueryInt("SELECT COUNT(*) FROM labour_contract WHERE employer_enterprise_id = ? AND "
                       "kind = 'comprehensive'",
                       {u.id}) == 0) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return;
    const int64_t workers = unit->employees;
    const Date signed_on = AddDays(today_, -3);
    const std::string text =
        unit->name +
        "集体合同\n\n第一条 为维护职工和企业的合法权益，根据《重庆市集体合同条例》，"
        "经双方平等协商，订立本合同。\n第二条 企业职工工资年增长幅度不低于当地工资指导线基准线。\n"
        "第三条 本合同经职工代表大会审议通过，双方首席代表签字后报人力资源和社会保障部门审查。\n";
    const int64_t id = tx_.Insert(
        "INSERT INTO labour_contract (number, org_id, kind, title, employer_enterprise_id, "
        "workers, women, dispatched, term_from, term_to, state, offered_on, offered_by, "
        "vote_total, vote_attendees, vote_for, vote_against, voted_on, vote_passed, signed_on, "
        "created_at, updated_at) VALUES (?, ?, 'comprehensive', ?, ?, ?, ?, 0, ?, ?, 'signed', "
        "?, 'worker', ?, ?, ?, 0, ?, 1, ?, ?, ?) RETURNING id",
        {"pending-" + std::to_string(++sequence_), unit->union_org_id, unit->name + "集体合同",
         unit->id, workers, workers / 3, Plus(signed_on, 20),
         TermEnd(AddDays(signed_on, 20), 3).ToString(), Plus(signed_on, -40), workers, workers,
         workers, Plus(signed_on, -2), signed_on.ToString(), now_, now_});
    const std::string sha = Sha256Hex(text);
    const int64_t text_id = tx_.Insert(
        "INSERT INTO labour_contract_text (contract_id, version, source, content_type, size, "
        "sha256, data, created_at) VALUES (?, 1, 'typed', 'text/plain; charset=utf-8', ?, ?, ?, "
        "?) RETURNING id",
        {id, static_cast<int64_t>(text.size()), sha, text, now_});
    const char* const kNames[][2] = {{"worker", "王建华"}, {"employer", "刘明"}};
    const char* const kAddresses[] = {"192.0.2.17", "198.51.100.42"};
    for (int i = 0; i < 2; ++i) {
      const int64_t link = tx_.Insert(
          "INSERT INTO labour_sign_link (contract_id, side, signer_name, token_hash, expires_at, "
          "used_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {id, std::string(kNames[i][0]), std::string(kNames[i][1]),
           Sha256Hex("demo-link-" + std::to_string(id) + "-" + kNames[i][0]),
           now_ - 3 * 86400 + 72 * 3600, now_ - 3 * 86400, now_ - 4 * 86400});
      tx_.Exec(
          "INSERT INTO labour_signature (contract_id, text_id, side, signer_name, link_id, "
          "sha256, address, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {id, text_id, std::string(kNames[i][0]), std::string(kNames[i][1]), link, sha,
           std::string(kAddresses[i]), now_ - 3 * 86400 + i * 1800});
    }
    // Five on the workers' side (the union chair their chief, two women),
    // three on the employer's.
    const struct {
      const char* side;
      const char* name;
      const char* gender;
      bool chief;
    } kNegotiators[] = {{"worker", "王建华", "male", true},  {"worker", "李娟", "female", false},
                        {"worker", "陈刚", "male", false},   {"worker", "张敏", "female", false},
                        {"worker", "赵强", "male", false},   {"employer", "刘明", "male", true},
                        {"employer", "周伟", "male", false}, {"employer", "吴军", "male", false}};
    int64_t position = 0;
    for (const auto& n : kNegotiators) {
      const bool worker_chief = n.chief && std::string_view(n.side) == "worker";
      tx_.Exec(
          "INSERT INTO labour_negotiator (contract_id, position, side, name, gender, chief, "
          "union_chair) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {id, ++position, std::string(n.side), std::string(n.name), std::string(n.gender),
           int64_t{n.chief}, int64_t{worker_chief}});
    }
  }

  // Each contract's timeline, from its dates.
  void Timelines() {
    const struct {
      const char* step;
      const char* from;
      const char* to;
      const char* column;
    } kSteps[] = {{"create", "", "offer", "offered_on"},
                  {"negotiate", "offer", "negotiating", "offered_on"},
                  {"submit", "negotiating", "congress", "voted_on"},
                  {"vote", "congress", "congress", "voted_on"},
                  {"sign", "congress", "signed", "signed_on"},
                  {"file", "signed", "filed", "filed_on"},
                  {"take_effect", "filed", "effective", "effective_on"},
                  {"publish", "effective", "published", "published_on"}};
    for (const auto& s : kSteps) {
      tx_.Exec(
          std::string("INSERT INTO labour_contract_event (contract_id, step, from_state, "
                      "to_state, on_date, created_at) SELECT id, ?, ?, ?, ") +
              s.column + ", ? FROM labour_contract WHERE " + s.column + " <> '' AND " + s.column +
              " <= ? ORDER BY id",
          {std::string(s.step), std::string(s.from), std::string(s.to), now_, today_.ToString()});
    }
  }

  // A district's partners: its 人社局 when it has one.
  std::string Partners(int64_t district) const {
    auto it = hr_bureau_.find(district);
    return it == hr_bureau_.end() ? "[]" : "[" + std::to_string(it->second) + "]";
  }

  void Documents() {
    const struct {
      const char* title;
      const char* kind;
    } kDocs[] = {{"{d}推进集体协商工作三年行动实施方案", "plan"},
                 {"关于加强新就业形态劳动者权益保障工作的实施意见", "opinion"},
                 {"{d}厂务公开民主管理工作规定", "regulation"},
                 {"{d}劳动争议调解工作办法", "measures"},
                 {"关于开展集体协商“集中要约”行动的通知", "notice"}};
    for (int64_t d : districts_) {
      const int n = InWushan(d) ? 5 : static_cast<int>(dice_.Below(4));
      for (int i = 0; i < n; ++i) {
        std::string title = kDocs[i].title;
        if (auto at = title.find("{d}"); at != std::string::npos) {
          title.replace(at, 3, short_name_[d]);
        }
        tx_.Exec(
            "INSERT INTO labour_document (org_id, title, doc_number, kind, issuer, issued_on, "
            "partners, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {d, title,
             short_name_[d] + "工发〔" + std::to_string(today_.year) + "〕" +
                 std::to_string(i + 3) + "号",
             std::string(kDocs[i].kind), short_name_[d] + "总工会", ThisYear(), Partners(d), now_,
             now_});
      }
    }
  }

  // Consultations at enterprises, and 新业态 ones with the platforms' riders.
  void Consultations() {
    for (int64_t d : districts_) {
      const bool wushan = InWushan(d);
      std::vector<std::pair<std::string, std::string>> platforms;
      if (wushan || dice_.Chance(30)) platforms.push_back({"美团", "外卖骑手代表"});
      if (wushan || dice_.Chance(20)) platforms.push_back({"饿了么", "外卖骑手代表"});
      for (const auto& [platform, riders] : platforms) {
        tx_.Exec(
            "INSERT INTO labour_consultation (org_id, title, held_on, worker_side, "
            "employer_side, topics, outcome, new_forms, created_at, updated_at) VALUES (?, ?, "
            "?, ?, ?, ?, ?, 1, ?, ?)",
            {d, short_name_[d] + platform + "平台集体协商会", ThisYear(), short_name_[d] + riders,
             platform + short_name_[d] + "站点负责人",
             std::string(R"(["配送单价","恶劣天气补贴","休息保障"])"),
             std::string("双方就配送单价和恶劣天气补贴达成一致"), now_, now_});
      }
      const int n = wushan ? 4 : static_cast<int>(dice_.Below(4));
      for (int i = 0; i < n; ++i) {
        const Unit* u = UnitIn(d, i);
        if (u == nullptr) break;
        tx_.Exec(
            "INSERT INTO labour_consultation (org_id, title, held_on, enterprise_id, "
            "worker_side, employer_side, topics, outcome, created_at, updated_at) VALUES (?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?)",
            {u->union_org_id, u->name + "工资集体协商会", ThisYear(), u->id,
             std::string("职工方协商代表"), std::string("企业方协商代表"),
             std::string(R"(["工资增长","劳动定额"])"), std::string("签订工资专项集体合同"), now_,
             now_});
      }
    }
  }

  // The `i`th unionised unit of district `d`, or null.
  const Unit* UnitIn(int64_t d, int i) const {
    auto it = units_of_.find(d);
    if (it == units_of_.end() || i >= static_cast<int>(it->second.size())) return nullptr;
    return it->second[static_cast<size_t>(i)];
  }

  void Visits() {
    db::BulkInsert bulk(tx_, "labour_visit",
                        {"org_id", "title", "visited_on", "target_org_id", "enterprise_id",
                         "scores", "findings", "created_at", "updated_at"});
    for (int64_t d : districts_) {
      const int n = InWushan(d) ? 86 : static_cast<int>(5 + dice_.Below(36));
      for (int i = 0; i < n; ++i) {
        const Unit* u = UnitIn(d, static_cast<int>(dice_.Below(20)));
        nlohmann::json scores = nlohmann::json::object();
        for (const char* item : {"service", "rights", "assistance", "publicity", "mediation"}) {
          scores[item] = 3 + dice_.Below(3);
        }
        bulk.Add({d, u ? "赴" + u->name + "调研指导工会工作" : short_name_[d] + "基层工会调研指导",
                  ThisYear(), u ? db::Value(u->union_org_id) : db::Null(),
                  u ? db::Value(u->id) : db::Null(), scores.dump(),
                  std::string("厂务公开栏按季度更新；建议完善职工代表提案办理台账"), now_, now_});
      }
    }
  }

  static nlohmann::json Group(const char* group, int64_t count, const char* qualifier) {
    return {{"group", group},
            {"count", count},
            {"qualifier", qualifier},
            {"unit", "人"},
            {"as_written", std::to_string(count) + qualifier + "人"}};
  }

  // 巫山: three sessions, 1000余 people in all.
  void Trainings() {
    for (int64_t d : districts_) {
      std::vector<std::pair<std::string, nlohmann::json>> sessions;
      if (InWushan(d)) {
        sessions = {
            {"集体协商指导员业务培训", nlohmann::json::array({Group("集体协商指导员", 200, "余")})},
            {"乡镇（街道）社会化工作者培训",
             nlohmann::json::array({Group("乡镇(街道)社会化工作者", 300, "余")})},
            {"职工代表履职能力培训", nlohmann::json::array({Group("职工代表", 500, "余")})}};
      } else {
        for (int i = 0; i < 1 + dice_.Below(2); ++i) {
          sessions.push_back(
              {"集体协商业务培训", nlohmann::json::array({Group("职工代表", 40 + dice_.Below(300),
                                                                dice_.Chance(50) ? "余" : "")})});
        }
      }
      for (const auto& [title, groups] : sessions) {
        int64_t total = 0;
        for (const auto& g : groups) total += g["count"].get<int64_t>();
        const std::string day = ThisYear();
        tx_.Exec(
            "INSERT INTO labour_training (org_id, title, held_from, held_to, attendee_groups, "
            "total, partners, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {d, short_name_[d] + title, day, day, groups.dump(), total, Partners(d), now_, now_});
      }
    }
  }

  // A few cases per district: settled, referred to arbitration, one in
  // mediation and, now and then, one past its 15 days.
  void Mediations() {
    const char* const kTypes[] = {"wages", "social_insurance", "contract", "injury", "hours"};
    const char* const kApplicants[] = {"张红", "李伟", "王芳", "刘洋"};
    for (int64_t d : districts_) {
      const int n = InWushan(d) ? 4 : static_cast<int>(dice_.Below(4));
      for (int i = 0; i < n; ++i) {
        const Unit* u = UnitIn(d, i);
        if (u == nullptr) break;
        const int64_t ago = i == 2 ? 5 : i == 3 ? 30 : 40 + dice_.Below(200);
        const Date accepted = AddDays(today_, -ago);
        std::string state = i == 0 ? "settled" : i == 1 ? "arbitration" : "mediating";
        const std::string closed = i < 2 ? Plus(accepted, 10) : "";
        char phone[16];
        std::snprintf(phone, sizeof phone, "139%08d", static_cast<int>(dice_.Below(100000000)));
        const int64_t id = tx_.Insert(
            "INSERT INTO labour_mediation (org_id, case_no, accepted_on, dispute_type, "
            "applicant_name, applicant_phone_cipher, applicant_phone_masked, enterprise_id, "
            "respondent, claim, amount_fen, state, due_on, outcome, closed_on, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {d, "pending-" + std::to_string(++sequence_), accepted.ToString(),
             std::string(kTypes[dice_.Below(5)]), std::string(kApplicants[i]), box_.Seal(phone),
             MaskPhone(phone), u->id, u->name, std::string("支付拖欠的加班工资"),
             (2000 + dice_.Below(20000)) * 100, state, Plus(accepted, labour::kMediationDays),
             std::string(i == 0   ? "双方达成调解协议，企业分两期支付"
                         : i == 1 ? "调解不成，已告知申请仲裁"
                                  : ""),
             closed, now_, now_});
        tx_.Exec(
            "INSERT INTO labour_mediation_event (case_id, step, from_state, to_state, on_date, "
            "created_at) VALUES (?, 'accept', '', 'accepted', ?, ?)",
            {id, accepted.ToString(), now_});
        tx_.Exec(
            "INSERT INTO labour_mediation_event (case_id, step, from_state, to_state, on_date, "
            "created_at) VALUES (?, 'start', 'accepted', 'mediating', ?, ?)",
            {id, Plus(accepted, 1), now_});
        if (i < 2) {
          tx_.Exec(
              "INSERT INTO labour_mediation_event (case_id, step, from_state, to_state, "
              "on_date, created_at) VALUES (?, ?, 'mediating', ?, ?, ?)",
              {id, std::string(i == 0 ? "settle" : "fail"),
               std::string(i == 0 ? "settled" : "failed"), closed, now_});
          if (i == 1) {
            tx_.Exec(
                "INSERT INTO labour_mediation_event (case_id, step, from_state, to_state, "
                "on_date, created_at) VALUES (?, 'refer', 'failed', 'arbitration', ?, ?)",
                {id, closed, now_});
          }
        }
      }
    }
  }

  // JT<year>-<id> and TJ<year>-<id>, as the API numbers them.
  void NumberRecords() {
    const bool sqlite = tx_.backend() == db::Backend::kSqlite;
    const std::string id6 = sqlite ? "printf('%06d', id)" : "lpad(id::text, 6, '0')";
    tx_.Exec("UPDATE labour_contract SET number = 'JT' || substr(offered_on, 1, 4) || '-' || " +
             id6 + " WHERE number LIKE 'pending-%'");
    tx_.Exec("UPDATE labour_mediation SET case_no = 'TJ' || substr(accepted_on, 1, 4) || '-' || " +
             id6 + " WHERE case_no LIKE 'pending-%'");
  }

  db::Tx& tx_;
  const SecretBox& box_;
  const int64_t now_;
  const Date today_;
  Dice dice_;
  int64_t wushan_ = 0;
  int64_t sequence_ = 0;
  std::vector<int64_t> districts_;
  std::map<int64_t, std::string> short_name_;
  std::map<int64_t, int64_t> district_of_;
  std::map<int64_t, int64_t> hr_bureau_;
  std::vector<Unit> units_;
  std::map<int64_t, std::vector<const Unit*>> units_of_;  // by district
};

}  // namespace

Status GenerateLabour(db::Tx& tx, const SecretBox& box, int64_t now) {
  return LabourDemo(tx, box, now).Run();
}

}  // namespace gonghui::demo
