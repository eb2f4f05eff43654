// The create mode's write (internal.h InsertRecords) on a real SQLite
// database: the counts it adds equal the counts rebuilt from the records,
// with the table's indexes kept or dropped and made again, and a duplicate
// that reaches the unique index made again rolls everything back, the
// indexes included. And the spool between the check and the write, kept in a
// file or streamed from one thread to another.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/test_db.h"
#include "import/internal.h"
#include "org/count.h"
#include "org/org.h"

namespace gonghui::import {
namespace {

class ImportInsert : public db::MigratedSqliteTest {
 protected:
  static std::string Counts(db::Tx& tx) {
    std::string out;
    for (const db::Row& r : tx.Query("SELECT measure, axis, org_id, bucket, n FROM org_count WHERE "
                                     "n <> 0 ORDER BY measure, axis, org_id, bucket")) {
      out += r.Str(0) + " " + r.Str(1) + " " + r.Str(2) + " " + r.Str(3) + " " + r.Str(4) + "\n";
    }
    return out;
  }
  static std::string Indexes(db::Tx& tx, const std::string& table) {
    std::string out;
    for (const db::Row& r : tx.Query(
             "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name",
             {table})) {
      out += r.Str(0) + " ";
    }
    return out;
  }
};

const std::vector<std::string> kMemberColumns = {
    "org_id",    "name",       "id_number_cipher", "id_number_hash", "id_number_masked",
    "gender",    "birth_date", "status",           "tags",           "created_at",
    "updated_at"};
constexpr size_t kStatusAt = 7;
constexpr size_t kTagsAt = 8;
const std::vector<Measured> kMeasured = {{"member", {kStatusAt}},
                                         {"tagged_member", {kStatusAt, kTagsAt}}};

void AddMembers(Spool& spool, const std::vector<int64_t>& unions, int n, int duplicate_of = -1) {
  const char* const statuses[] = {"active", "suspended", "left"};
  const char* const tags[] = {"", "model_worker", "migrant_worker,model_worker", "in_hardship"};
  for (int i = 0; i < n; ++i) {
    const int key = i == n - 1 && duplicate_of >= 0 ? duplicate_of : i;
    const size_t k = static_cast<size_t>(i);
    std::vector<db::Value> values = {unions[k % unions.size()],
                                     std::string("会员"),
                                     std::string(""),
                                     "hash" + std::to_string(key),
                                     std::string(""),
                                     std::string("female"),
                                     std::string("1990-01-01"),
                                     std::string(statuses[(k / (4 * unions.size())) % 3]),
                                     std::string(tags[(k / unions.size()) % 4]),
                                     int64_t{0},
                                     int64_t{0}};
    spool.Add(values);
  }
}

TEST_F(ImportInsert, CountsEqualARebuildWithTheIndexesKeptOrMadeAgain) {
  // 60 members add their counts one by one, 600 (every union, status and
  // tags: more buckets than org::AddCounts adds one by one) at once.
  for (const std::pair<int64_t, int>& run :
       {std::pair{int64_t{1'000'000}, 60}, std::pair{int64_t{10}, 60},
        std::pair{int64_t{1'000'000}, 600}, std::pair{int64_t{10}, 600}}) {
    const int64_t rebuild_from = run.first;
    const int members = run.second;
    Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
      if (org::RootId(tx) == 0) db::BuildTestTree(tx, 2, 3);
      const std::vector<int64_t> unions = [&] {
        std::vector<int64_t> out;
        for (const db::Row& r : tx.Query("SELECT id FROM org WHERE kind = 'grassroots'")) {
          out.push_back(r.Int(0));
        }
        return out;
      }();
      tx.Exec("DELETE FROM member");
      org::RebuildCounts(tx);
      const std::string indexes = Indexes(tx, "member");
      Spool spool;
      AddMembers(spool, unions, members);
      int64_t last = 0;
      const auto per_org = InsertRecords(
          tx, spool, "member", kMemberColumns, kMeasured, [&](int64_t n) { last = n; },
          rebuild_from);
      EXPECT_EQ(last, members);
      int64_t total = 0;
      for (const auto& [org_id, n] : per_org) {
        EXPECT_EQ(n, tx.QueryInt("SELECT COUNT(*) FROM member WHERE org_id = ?", {org_id}));
        total += n;
      }
      EXPECT_EQ(total, members);
      EXPECT_NE(Counts(tx).find("tagged_member o "), std::string::npos);
      EXPECT_EQ(tx.QueryInt("SELECT COUNT(*) FROM member"), members);
      EXPECT_EQ(Indexes(tx, "member"), indexes);
      const std::string added = Counts(tx);
      org::RebuildCounts(tx);
      EXPECT_EQ(added, Counts(tx)) << "rebuild_from " << rebuild_from;
      // The triggers count again after the write.
      tx.Exec(
          "INSERT INTO member (org_id, name, id_number_cipher, id_number_hash, id_number_masked, "
          "gender, birth_date, status, created_at, updated_at) VALUES (?, '又一个', '', 'late', "
          "'', 'male', '1990-01-01', 'active', 0, 0)",
          {unions[0]});
      const std::string counted = Counts(tx);
      org::RebuildCounts(tx);
      EXPECT_EQ(counted, Counts(tx));
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }
}

TEST_F(ImportInsert, ADuplicateCaughtByTheIndexMadeAgainRollsEverythingBack) {
  std::string indexes, counts;
  std::vector<int64_t> unions;
  ASSERT_TRUE(db_->Run(db::Mode::kWrite,
                       [&](db::Tx& tx) -> Status {
                         db::BuildTestTree(tx, 1, 2);
                         for (const db::Row& r :
                              tx.Query("SELECT id FROM org WHERE kind = 'grassroots'")) {
                           unions.push_back(r.Int(0));
                         }
                         indexes = Indexes(tx, "member");
                         counts = Counts(tx);
                         return Status::Ok();
                       })
                  .ok());
  const Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    Spool spool;
    AddMembers(spool, unions, 30, 4);
    InsertRecords(
        tx, spool, "member", kMemberColumns, kMeasured, [](int64_t) {}, 10);
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), Code::kAlreadyExists) << s.message();
  ASSERT_TRUE(db_->Run(db::Mode::kRead,
                       [&](db::Tx& tx) -> Status {
                         EXPECT_EQ(tx.QueryInt("SELECT COUNT(*) FROM member"), 0);
                         EXPECT_EQ(Indexes(tx, "member"), indexes);
                         EXPECT_NE(indexes.find("member_id_number"), std::string::npos);
                         EXPECT_EQ(Counts(tx), counts);
                         return Status::Ok();
                       })
                  .ok());
}

}  // namespace
}  // namespace gonghui::import

namespace gonghui::import {
namespace {

// Records of every kind of value, large enough to fill several chunks.
std::vector<db::Value> Record(int i) {
  return {int64_t{i}, std::string(static_cast<size_t>(i % 700), 'x') + std::to_string(i),
          i % 3 == 0 ? db::Null() : db::Value(i * 0.5)};
}

TEST(ImportSpool, KeptGivesBackEveryRecordInOrderAfterRewind) {
  Spool spool;
  constexpr int kRecords = 20000;
  for (int i = 0; i < kRecords; ++i) spool.Add(Record(i));
  EXPECT_EQ(spool.size(), kRecords);
  EXPECT_EQ(spool.Expected(), kRecords);
  for (int pass = 0; pass < 2; ++pass) {
    spool.Rewind();
    std::vector<db::Value> values;
    int i = 0;
    while (spool.Next(values)) {
      ASSERT_EQ(values, Record(i)) << "record " << i;
      ++i;
    }
    EXPECT_EQ(i, kRecords);
  }
}

TEST(ImportSpool, StreamedHandsEveryRecordToTheReaderWhileTheWriterWaitsForRoom) {
  Spool spool(Spool::Mode::kStreamed);
  constexpr int kRecords = 60000;  // ~21 MB: more than the queue holds
  int read = 0;
  bool in_order = true;
  std::thread reader([&] {
    std::vector<db::Value> values;
    while (spool.Next(values)) {
      in_order = in_order && values == Record(read);
      ++read;
    }
  });
  for (int i = 0; i < kRecords; ++i) spool.Add(Record(i));
  spool.Close();
  reader.join();
  EXPECT_EQ(read, kRecords);
  EXPECT_TRUE(in_order);
}

TEST(ImportSpool, AbortedStopsTheReaderAndLetsTheWriterGoOn) {
  Spool spool(Spool::Mode::kStreamed);
  std::atomic<int> read{0};
  std::atomic<bool> aborted{false};
  std::thread reader([&] {
    std::vector<db::Value> values;
    try {
      while (spool.Next(values)) ++read;
    } catch (const Spool::Aborted&) {
      aborted = true;
    }
  });
  for (int i = 0; i < 5000; ++i) spool.Add(Record(i));
  spool.Abort();
  // Nothing waits for room any more: these go nowhere.
  for (int i = 0; i < 60000; ++i) spool.Add(Record(i));
  spool.Close();
  reader.join();
  EXPECT_TRUE(aborted);
  EXPECT_LT(read, 5000 + 60000);
}

}  // namespace
}  // namespace gonghui::import
