// The counters of labour/tally.h kept write by write equal the counters
// rebuilt from the records, after every step of a long run of random writes
// on a real SQLite database; and "in force today" read from them agrees, on
// every day, with the state of today in SQL (CurrentStateSql).
#include "labour/tally.h"

#include <gtest/gtest.h>

#include <random>

#include "db/test_db.h"
#include "labour/internal.h"
#include "labour/rules.h"
#include "org/org.h"

namespace gonghui::labour {
namespace {

class LabourTally : public db::MigratedSqliteTest {
 protected:
  static std::string Snapshot(db::Tx& tx) {
    std::string out;
    for (const db::Row& r :
         tx.Query("SELECT axis, org_id, measure, kind, bucket, n FROM labour_tally WHERE n <> 0 "
                  "ORDER BY axis, org_id, measure, kind, bucket")) {
      out += r.Str(0) + " " + r.Str(1) + " " + r.Str(2) + " " + r.Str(3) + " " + r.Str(4) + " " +
             r.Str(5) + "\n";
    }
    return out;
  }
};

TEST_F(LabourTally, WriteByWriteEqualsRebuiltFromTheRecords) {
  Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    const db::TestTree tree = db::BuildTestTree(tx, 1, 2);
    const int64_t city = tree.city;
    const int64_t trade = tree.trades[0];
    const std::vector<int64_t>& places = tree.places;
    const std::vector<int64_t>& unions = tree.unions;
    std::mt19937 rng(7);
    auto r = [&](int64_t n) { return static_cast<int64_t>(rng() % static_cast<uint64_t>(n)); };
    auto pick = [&](const auto& v) { return v[static_cast<size_t>(r(std::ssize(v)))]; };
    auto day = [&](int from_days) {  // a day around 2026
      return AddDays(Date{2026, 1, 1}, from_days + static_cast<int>(r(700)) - 350).ToString();
    };
    const char* const kinds[] = {"state_owned", "above_scale_private", "below_scale_private"};
    const char* const states[] = {"offer", "congress", "signed", "filed", "effective", "published"};
    std::vector<int64_t> enterprises, contracts, members;
    int64_t serial = 0;
    const std::string rebuilt_at_start = Snapshot(tx);
    EXPECT_EQ(rebuilt_at_start, "");
    for (int step = 0; step < 200; ++step) {
      const int op = static_cast<int>(r(8));
      if (op == 0 || enterprises.size() < 4) {
        const std::optional<int64_t> u = r(3) ? std::optional<int64_t>(pick(unions)) : std::nullopt;
        enterprises.push_back(tx.Insert(
            "INSERT INTO enterprise (org_id, name, credit_code, kind, employees, union_org_id, "
            "created_at, updated_at) VALUES (?, 'e', ?, ?, ?, ?, 0, 0) RETURNING id",
            {pick(places), "C" + std::to_string(++serial), std::string(pick(kinds)), r(60),
             db::OrNull(u)}));
        RefreshUnits(tx, {enterprises.back()});
      } else if (op == 1) {
        const int64_t e = pick(enterprises);
        tx.Exec("UPDATE enterprise SET employees = ?, kind = ?, union_org_id = ? WHERE id = ?",
                {r(60), std::string(pick(kinds)), r(4) ? db::Value(pick(unions)) : db::Null(), e});
        RefreshUnits(tx, {e});
      } else if (op == 2) {
        const int64_t u = pick(unions);
        if (members.empty() || r(3)) {
          members.push_back(tx.Insert(
              "INSERT INTO member (org_id, name, id_number_cipher, id_number_hash, "
              "id_number_masked, gender, birth_date, created_at, updated_at) VALUES (?, 'm', '', "
              "?, '', 'female', '1990-01-01', 0, 0) RETURNING id",
              {u, "H" + std::to_string(++serial)}));
          RefreshUnionUnits(tx, u);
        } else {
          const int64_t m = pick(members);
          const int64_t from = tx.QueryInt("SELECT org_id FROM member WHERE id = ?", {m});
          tx.Exec("UPDATE member SET status = ?, org_id = ? WHERE id = ?",
                  {std::string(r(2) ? "left" : "active"), u, m});
          RefreshUnionUnits(tx, from);
          RefreshUnionUnits(tx, u);
        }
      } else if (op == 3) {
        const int64_t e = pick(enterprises);
        const int64_t year = 2025 + static_cast<int64_t>(r(2));
        tx.Exec("DELETE FROM enterprise_flag WHERE enterprise_id = ? AND year = ?", {e, year});
        tx.Exec(
            "INSERT INTO enterprise_flag (enterprise_id, year, factory_affairs_open, "
            "workers_congress) VALUES (?, ?, ?, ?)",
            {e, year, r(2), r(2)});
        RefreshUnits(tx, {e});
      } else if (op == 4 || contracts.empty()) {
        const bool area = r(3) == 0;
        const std::string state = pick(states);
        const std::string filed = state == "filed" || state == "effective" || state == "published"
                                      ? day(0)
                                      : std::string();
        const std::string from = day(0);
        const std::string to = AddDays(ParseDate(from).value(), 200 + r(900)).ToString();
        std::optional<int64_t> predecessor;
        if (!contracts.empty() && r(4) == 0) predecessor = pick(contracts);
        const int64_t c = tx.Insert(
            "INSERT INTO labour_contract (number, org_id, kind, title, employer_enterprise_id, "
            "term_from, term_to, state, offered_on, offered_by, filed_on, effective_on, "
            "predecessor_id, created_at, updated_at) VALUES (?, ?, ?, 't', ?, ?, ?, ?, "
            "'2024-01-01', 'worker', ?, ?, ?, 0, 0) RETURNING id",
            {"N" + std::to_string(++serial), area ? pick(places) : pick(unions),
             std::string(area ? "regional" : "comprehensive"),
             area ? db::Null() : db::Value(pick(enterprises)), from, to, state, filed,
             filed.empty() ? std::string() : EffectiveOn(filed), db::OrNull(predecessor)});
        if (area) {
          for (int k = 0; k < 3; ++k) {
            tx.Exec(
                "INSERT INTO labour_contract_enterprise (contract_id, enterprise_id) VALUES (?, "
                "?) ON CONFLICT DO NOTHING",
                {c, pick(enterprises)});
          }
        }
        contracts.push_back(c);
        RefreshContract(tx, c);
      } else if (op == 5) {
        const int64_t c = pick(contracts);
        const std::vector<int64_t> before = ContractUnits(tx, c);
        const std::string state = pick(states);
        const std::string filed = state == "filed" || state == "effective" || state == "published"
                                      ? day(0)
                                      : std::string();
        tx.Exec(
            "UPDATE labour_contract SET state = ?, filed_on = ?, effective_on = ?, term_to = ?, "
            "employer_enterprise_id = CASE WHEN employer_enterprise_id IS NULL THEN NULL ELSE ? "
            "END WHERE id = ?",
            {state, filed, filed.empty() ? std::string() : EffectiveOn(filed), day(300),
             pick(enterprises), c});
        RefreshContract(tx, c, before);
      } else if (op == 6) {
        const int64_t c = pick(contracts);
        const std::vector<int64_t> before = ContractUnits(tx, c);
        tx.Exec("DELETE FROM labour_contract_enterprise WHERE contract_id = ?", {c});
        RefreshContract(tx, c, before);
      } else {
        // Abandoning a renewal takes the predecessor's renewal back.
        const int64_t c = pick(contracts);
        tx.Exec("UPDATE labour_contract SET state = 'abandoned' WHERE id = ?", {c});
        RefreshContract(tx, c);
      }
      const std::string incremental = Snapshot(tx);
      RebuildTallies(tx);
      EXPECT_EQ(incremental, Snapshot(tx)) << "after step " << step << " (op " << op << ")";
      if (incremental != Snapshot(tx)) break;
    }
    // In force today, from the counters and in SQL, on every tenth day of the run's span.
    for (Date d = Date{2025, 1, 1}; d <= Date{2028, 6, 1}; d = AddDays(d, 10)) {
      std::vector<db::Value> params;
      const std::string state = CurrentStateSql("c", d, params);
      std::vector<db::Value> area_params;
      const std::string area_state = CurrentStateSql("c", d, area_params);
      params.insert(params.end(), area_params.begin(), area_params.end());
      const int64_t sql = tx.QueryInt(
          "SELECT COUNT(*) FROM enterprise e WHERE e.union_org_id IS NOT NULL AND (EXISTS "
          "(SELECT 1 FROM labour_contract c WHERE c.employer_enterprise_id = e.id AND " +
              state +
              " IN ('signed', 'filed', 'effective', 'published')) OR EXISTS (SELECT 1 FROM "
              "labour_contract_enterprise ce JOIN labour_contract c ON c.id = ce.contract_id "
              "WHERE ce.enterprise_id = e.id AND " +
              area_state + " IN ('signed', 'filed', 'effective', 'published')))",
          params);
      TallyFilter f{"t", {}, "", d.year, d.ToString()};
      EXPECT_EQ(ReadTallies(tx, {city}, f)[city].in_force, sql) << d.ToString();
    }
    // Many orgs read at once (the batches of the id list) equal each read alone:
    // the real orgs spread over several batches among ids that have no counters.
    std::vector<int64_t> all;
    std::vector<int64_t> real = places;
    real.insert(real.end(), unions.begin(), unions.end());
    real.insert(real.end(), {city, trade});
    for (size_t i = 0; i < real.size(); ++i) {
      for (int64_t pad = 0; pad < 400; ++pad) all.push_back(1'000'000 + int64_t(i) * 400 + pad);
      all.push_back(real[i]);
    }
    const TallyFilter f{"t", {}, "", 2026, "2026-06-15"};
    const std::map<int64_t, Tallies> at_once = ReadTallies(tx, all, f);
    for (int64_t id : real) {
      EXPECT_EQ(at_once.count(id) ? at_once.at(id) : Tallies{}, ReadTallies(tx, {id}, f)[id])
          << "org " << id;
    }
    EXPECT_GT(at_once.at(city).eligible + at_once.at(city).in_force, 0);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
}

}  // namespace
}  // namespace gonghui::labour
