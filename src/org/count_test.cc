// The record counts of org/count.h kept by the triggers equal the counts
// rebuilt from the records, after every step of a long run of random writes
// (members, enterprises, enrolments inserted, moved, re-bucketed, deleted;
// subtrees moved on both axes) on a real SQLite database; and the subtree
// counts read equal plain COUNTs over the closure.
#include "org/count.h"

#include <gtest/gtest.h>

#include <random>

#include "db/test_db.h"
#include "org/org.h"

namespace gonghui::org {
namespace {

class OrgCount : public db::MigratedSqliteTest {
 protected:
  static std::string Snapshot(db::Tx& tx) {
    std::string out;
    for (const db::Row& r : tx.Query("SELECT measure, axis, org_id, bucket, n FROM org_count WHERE "
                                     "n <> 0 ORDER BY measure, axis, org_id, bucket")) {
      out += r.Str(0) + " " + r.Str(1) + " " + r.Str(2) + " " + r.Str(3) + " " + r.Str(4) + "\n";
    }
    return out;
  }
};

TEST_F(OrgCount, TriggersEqualTheCountsRebuiltFromTheRecords) {
  Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    const db::TestTree tree = db::BuildTestTree(tx, 2, 3);
    const int64_t city = tree.city;
    const std::vector<int64_t>& trades = tree.trades;
    const std::vector<int64_t>& places = tree.places;
    const std::vector<int64_t>& unions = tree.unions;
    std::mt19937 rng(11);
    auto pick = [&](const std::vector<int64_t>& v) { return v[rng() % v.size()]; };
    const char* const statuses[] = {"active", "suspended", "left"};
    const char* const tag_sets[] = {"", "model_worker", "migrant_worker,model_worker",
                                    "new_employment"};
    const char* const kinds[] = {"state_owned", "platform", "social_org"};
    std::vector<int64_t> members, enterprises, classes, enrolments;
    for (int u = 0; u < 4; ++u) {
      classes.push_back(tx.Insert(
          "INSERT INTO childcare_class (org_id, name, build_mode, operation_mode, site, term, "
          "start_date, end_date, capacity, age_min, age_max, created_at, updated_at) VALUES (?, "
          "'班', 'self', 'self', '', 'summer', '2026-07-01', '2026-08-01', 40, 6, 12, 0, 0) "
          "RETURNING id",
          {pick(unions)}));
    }
    int serial = 0;
    for (int step = 0; step < 400; ++step) {
      switch (rng() % 9) {
        case 0:
        case 1:
          members.push_back(tx.Insert(
              "INSERT INTO member (org_id, name, id_number_cipher, id_number_hash, "
              "id_number_masked, gender, birth_date, status, tags, created_at, updated_at) "
              "VALUES (?, '会员', '', ?, '', 'female', '1990-01-01', ?, ?, 0, 0) RETURNING id",
              {pick(unions), "h" + std::to_string(++serial), statuses[rng() % 3],
               tag_sets[rng() % 4]}));
          break;
        case 2:
          if (members.empty()) break;
          if (rng() % 3 == 0) {
            tx.Exec("UPDATE member SET status = ? WHERE id = ?",
                    {statuses[rng() % 3], pick(members)});
          } else if (rng() % 2) {
            tx.Exec("UPDATE member SET tags = ? WHERE id = ?",
                    {tag_sets[rng() % 4], pick(members)});
          } else {
            tx.Exec("UPDATE member SET org_id = ? WHERE id = ?", {pick(unions), pick(members)});
          }
          break;
        case 3:
          enterprises.push_back(tx.Insert(
              "INSERT INTO enterprise (org_id, name, credit_code, kind, created_at, updated_at) "
              "VALUES (?, '企业', ?, ?, 0, 0) RETURNING id",
              {rng() % 4 ? pick(unions) : pick(places), "c" + std::to_string(++serial),
               kinds[rng() % 3]}));
          break;
        case 4:
          if (enterprises.empty()) break;
          tx.Exec("UPDATE enterprise SET kind = ?, org_id = ? WHERE id = ?",
                  {kinds[rng() % 3], pick(unions), pick(enterprises)});
          break;
        case 5:
          if (members.empty()) break;
          enrolments.push_back(tx.Insert(
              "INSERT INTO childcare_enrolment (class_id, member_id, child_name, "
              "child_birth_date, status, requested_at, created_at, updated_at) VALUES (?, ?, ?, "
              "'2018-01-01', ?, 0, 0, 0) RETURNING id",
              {pick(classes), pick(members), "孩子" + std::to_string(++serial),
               rng() % 2 ? "enrolled" : "waiting"}));
          break;
        case 6:
          if (enrolments.empty()) break;
          tx.Exec("UPDATE childcare_enrolment SET status = 'withdrawn', class_id = ? WHERE id = ?",
                  {pick(classes), pick(enrolments)});
          break;
        case 7: {
          // A delete of a record that nothing refers to.
          if (rng() % 2 && !enrolments.empty()) {
            const size_t i = rng() % enrolments.size();
            tx.Exec("DELETE FROM childcare_enrolment WHERE id = ?", {enrolments[i]});
            enrolments.erase(enrolments.begin() + static_cast<long>(i));
          } else if (!enterprises.empty()) {
            const size_t i = rng() % enterprises.size();
            tx.Exec("DELETE FROM enterprise WHERE id = ?", {enterprises[i]});
            enterprises.erase(enterprises.begin() + static_cast<long>(i));
          }
          break;
        }
        case 8: {
          // A union, or a street with its unions, moves on one axis.
          const bool industry = rng() % 2;
          const int64_t org = industry ? pick(unions) : (rng() % 2 ? pick(unions) : places[1]);
          std::optional<int64_t> parent;
          if (industry) {
            if (rng() % 3) parent = pick(trades);
          } else {
            parent = org == places[1] ? (rng() % 2 ? places[2] : places[4])
                                      : places[2 * (rng() % 3) + rng() % 2];
          }
          if (parent == org) break;
          GH_RETURN_IF_ERROR(Move(tx, org, industry ? "i" : "t", parent, 0, 0));
          break;
        }
      }
      if (step % 20 == 19) {
        const std::string kept = Snapshot(tx);
        RebuildCounts(tx);
        EXPECT_EQ(kept, Snapshot(tx)) << "after step " << step;
        if (kept != Snapshot(tx)) return Status::Ok();
      }
    }
    EXPECT_GT(members.size(), 50u);
    // The subtree counts equal plain COUNTs over the closure, on both axes.
    for (const std::string axis : {"t", "i"}) {
      for (const db::Row& r : tx.Query("SELECT id FROM org")) {
        const api::Subtree sub{r.Int(0), axis};
        const int64_t active = tx.QueryInt(
            "SELECT COUNT(*) FROM member WHERE status = 'active' AND org_id IN (SELECT "
            "descendant_id FROM org_closure WHERE ancestor_id = ? AND axis = ?)",
            {sub.root, sub.axis});
        EXPECT_EQ(CountInSubtree(tx, "member", sub, {"active"}), active) << r.Int(0) << axis;
        // The members of the subtree where `condition` holds, by a plain COUNT.
        auto members_where = [&](const std::string& condition) {
          return tx.QueryInt("SELECT COUNT(*) FROM member WHERE " + condition +
                                 " AND org_id IN (SELECT descendant_id FROM org_closure WHERE "
                                 "ancestor_id = ? AND axis = ?)",
                             {sub.root, sub.axis});
        };
        EXPECT_EQ(CountTaggedMembers(tx, sub, "model_worker", ""),
                  members_where("(',' || tags || ',') LIKE '%,model_worker,%'"))
            << r.Int(0) << axis;
        EXPECT_EQ(CountTaggedMembers(tx, sub, "migrant_worker", "left"),
                  members_where("status = 'left' AND tags LIKE '%migrant_worker%'"))
            << r.Int(0) << axis;
        const int64_t enrolled = tx.QueryInt(
            "SELECT COUNT(*) FROM childcare_enrolment e JOIN childcare_class k ON k.id = "
            "e.class_id WHERE k.org_id IN (SELECT descendant_id FROM org_closure WHERE "
            "ancestor_id = ? AND axis = ?)",
            {sub.root, sub.axis});
        EXPECT_EQ(CountInSubtree(tx, "childcare_enrolment", sub), enrolled) << r.Int(0) << axis;
      }
    }
    EXPECT_EQ(CountInSubtree(tx, "enterprise", {city, "t"}),
              static_cast<int64_t>(enterprises.size()));
    EXPECT_EQ(CountInSubtree(tx, "enterprise", {city, "i"}, {"platform", "social_org"}),
              tx.QueryInt("SELECT COUNT(*) FROM enterprise WHERE kind IN ('platform', "
                          "'social_org')"));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
}

// A bulk writer pauses the member triggers, writes, adds its counts once and
// resumes them: the counts equal the rebuilt ones, the triggers count again
// afterwards, and the enterprise triggers never stopped.
TEST_F(OrgCount, PausedCountsAddedOnceEqualTheRebuiltOnes) {
  Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    const db::TestTree tree = db::BuildTestTree(tx, 2, 3);
    auto insert = [&](int64_t org, const std::string& hash, const char* status) {
      tx.Exec(
          "INSERT INTO member (org_id, name, id_number_cipher, id_number_hash, id_number_masked, "
          "gender, birth_date, status, created_at, updated_at) VALUES (?, '会员', '', ?, '', "
          "'female', '1990-01-01', ?, 0, 0)",
          {org, hash, std::string(status)});
    };
    insert(tree.unions[0], "before", "active");
    PauseCounts(tx, "member");
    std::vector<CountDelta> deltas;
    for (size_t i = 0; i < tree.unions.size(); ++i) {
      for (size_t k = 0; k <= i; ++k)
        insert(tree.unions[i], "b" + std::to_string(i * 100 + k), "active");
      insert(tree.unions[i], "s" + std::to_string(i), "suspended");
      deltas.push_back({tree.unions[i], "active", static_cast<int64_t>(i + 1)});
      deltas.push_back({tree.unions[i], "suspended", 1});
    }
    tx.Exec(
        "INSERT INTO enterprise (org_id, name, credit_code, kind, created_at, updated_at) VALUES "
        "(?, "
        "'企业', 'X1', 'platform', 0, 0)",
        {tree.unions[1]});
    const int64_t paused = CountInSubtree(tx, "member", {tree.city, "t"});
    EXPECT_EQ(paused, 1) << "the paused triggers counted";
    AddCounts(tx, "member", deltas);
    ResumeCounts(tx, "member");
    insert(tree.unions[2], "after", "left");
    const std::string kept = Snapshot(tx);
    RebuildCounts(tx);
    EXPECT_EQ(kept, Snapshot(tx));
    EXPECT_EQ(CountInSubtree(tx, "member", {tree.city, "i"}),
              tx.QueryInt("SELECT COUNT(*) FROM member"));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
}

}  // namespace
}  // namespace gonghui::org
