// A test fixture: a fresh SQLite database in a temporary directory, migrated
// to the latest schema, for the tests of code that keeps counters in SQL.
// Header-only and never included by the server's own code.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "core/test_util.h"
#include "db/db.h"
#include "db/migrate.h"
#include "org/org.h"

namespace gonghui::db {

class MigratedSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto().ok());
    auto db = Database::Open("sqlite:" + dir_.Path() + "/test.db", 1);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(Migrate(*db_).ok());
  }
  void TearDown() override { db_.reset(); }

  test_util::TempDir dir_;
  std::unique_ptr<Database> db_;
};

// A small tree: the city; `trades` industry unions; `districts` districts, each with a
// street (places: district, street, district, street, …) and three grassroots unions, the
// first two on the street and the third on the district, the first and the third also
// under an industry union (the first trade for the first union, trades in turn for the third).
struct TestTree {
  int64_t city = 0;
  std::vector<int64_t> trades, places, unions;
};
inline TestTree BuildTestTree(Tx& tx, int trades, int districts) {
  TestTree t;
  t.city = org::Insert(tx, {"市总工会", "", "city", {}, {}, {}}, 0).value();
  for (int i = 0; i < trades; ++i) {
    t.trades.push_back(
        org::Insert(tx, {"产业工会" + std::to_string(i), "", "industry", {}, {}, t.city}, 0)
            .value());
  }
  for (int d = 0; d < districts; ++d) {
    const std::string n = std::to_string(d);
    const int64_t district =
        org::Insert(tx, {"区总工会" + n, "", "district", {}, t.city, {}}, 0).value();
    const int64_t street =
        org::Insert(tx, {"街道工会" + n, "", "street", {}, district, {}}, 0).value();
    t.places.insert(t.places.end(), {district, street});
    for (int u = 0; u < 3; ++u) {
      std::optional<int64_t> industry;
      if (u != 1 && trades > 0) industry = t.trades[u == 0 ? 0 : d % trades];
      t.unions.push_back(org::Insert(tx,
                                     {"基层工会" + n + std::to_string(u),
                                      "",
                                      "grassroots",
                                      {},
                                      u == 2 ? district : street,
                                      industry},
                                     0)
                             .value());
    }
  }
  return t;
}

}  // namespace gonghui::db
