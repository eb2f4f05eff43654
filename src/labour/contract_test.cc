// The state of today read in SQL (lists, figures) agrees with rules.h
// CurrentState (details, steps), on a real SQLite database and a moving clock.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/crypto.h"
#include "db/migrate.h"
#include "labour/internal.h"
#include "labour/rules.h"
#include "org/org.h"

namespace gonghui::labour {
namespace {

TEST(LabourStateSql, AgreesWithCurrentStateOnEveryDay) {
  ASSERT_TRUE(InitCrypto().ok());
  const auto path = std::filesystem::temp_directory_path() /
                    ("gonghui-labour-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto db = db::Database::Open("sqlite:" + path.string(), 1);
  ASSERT_TRUE(db.ok()) << db.status().message();
  ASSERT_TRUE(db::Migrate(**db).ok());
  struct Case {
    const char* state;
    const char* filed_on;
    const char* term_to;
  };
  const Case cases[] = {{"offer", "", "2026-12-31"},
                        {"signed", "", "2026-03-10"},
                        {"filed", "2026-03-01", "2026-12-31"},
                        {"filed", "2026-03-01", "2026-03-10"},
                        {"effective", "2026-01-01", "2026-03-20"},
                        {"published", "2026-01-01", "2026-03-05"},
                        {"abandoned", "", "2026-03-01"},
                        {"expired", "2025-01-01", "2025-12-31"}};
  Status s = (*db)->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    const int64_t org = org::Insert(tx, {"重庆市总工会", "", "city", {}, {}, {}}, 0).value();
    int64_t n = 0;
    for (const Case& c : cases) {
      const std::string filed = c.filed_on;
      tx.Exec(
          "INSERT INTO labour_contract (number, org_id, kind, title, workers, term_from, term_to, "
          "state, offered_on, offered_by, filed_on, effective_on, created_at, updated_at) VALUES "
          "(?, ?, 'comprehensive', 't', 10, '2025-01-01', ?, ?, '2025-01-01', 'worker', ?, ?, 0, "
          "0)",
          {"N" + std::to_string(++n), org, std::string(c.term_to), std::string(c.state), filed,
           filed.empty() ? std::string() : EffectiveOn(filed)});
    }
    int checked = 0;
    for (Date day = ParseDate("2026-02-20").value(); day <= ParseDate("2026-04-10").value();
         day = AddDays(day, 1)) {
      std::vector<db::Value> params;
      const std::string sql = "SELECT state, filed_on, term_to, " +
                              CurrentStateSql("c", day, params) +
                              " FROM labour_contract c ORDER BY id";
      for (const db::Row& r : tx.Query(sql, params)) {
        EXPECT_EQ(r.Str(3), CurrentState(r.Str(0), {r.Str(1), r.Str(2)}, day))
            << r.Str(0) << " filed " << r.Str(1) << " to " << r.Str(2) << " on " << day.ToString();
        ++checked;
      }
    }
    EXPECT_EQ(checked, 50 * 8);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  db->reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace gonghui::labour
