// The search index on a real SQLite database: documents replaced and removed
// leave no trace in the contentless FTS5 table, scope lexemes follow the org
// tree, bulk loads match one-by-one writes, and the rank key orders results.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "db/migrate.h"
#include "org/org.h"
#include "search/index.h"
#include "search/tokenize.h"

namespace gonghui::search {
namespace {

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("gonghui-search-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = db::Database::Open("sqlite:" + path_.string(), 1);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db::Migrate(*db_).ok());
    Run([&](db::Tx& tx) {
      auto add = [&](const char* name, const char* kind, std::optional<int64_t> parent) {
        return org::Insert(tx, {name, "", kind, {}, parent, {}}, 0).value();
      };
      city_ = add("重庆市总工会", "city", {});
      nanan_ = add("南岸区总工会", "district", city_);
      yuzhong_ = add("渝中区总工会", "district", city_);
      street_ = add("南坪街道工会", "street", nanan_);
    });
  }

  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  void Run(const std::function<void(db::Tx&)>& fn) {
    Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) {
      fn(tx);
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }

  // The ref_ids matching `q` (optionally within the scope of `org`), best rank
  // key first; -1 for an index entry without its document (a stale entry).
  std::vector<int64_t> Find(const std::string& q, Part part = Part::kAll, int64_t org = 0) {
    std::vector<int64_t> out;
    Filter filter;
    if (org) filter.push_back({"O" + std::to_string(org), "ALL"});
    Run([&](db::Tx& tx) {
      for (const db::Row& r :
           tx.Query("SELECT COALESCE(d.ref_id, -1) FROM search_fts f LEFT JOIN search_doc d ON "
                    "d.id = f.rowid WHERE search_fts MATCH ? ORDER BY f.rowid DESC",
                    {Fts5Match(QueryPhrases(q), part, filter)})) {
        out.push_back(r.Int(0));
      }
    });
    return out;
  }

  int64_t Count(const std::string& sql) {
    int64_t n = 0;
    Run([&](db::Tx& tx) { n = tx.QueryInt(sql); });
    return n;
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
  int64_t city_ = 0, nanan_ = 0, yuzhong_ = 0, street_ = 0;
};

using Ids = std::vector<int64_t>;

TEST_F(SearchIndexTest, TwoThreeAndFourCharacterWordsMatch) {
  Run([&](db::Tx& tx) {
    Put(tx, {"activity", 1, street_, false, "2024-05-20", "开展爱心托管班", "服务外卖骑手子女"});
    Put(tx, {"activity", 2, yuzhong_, false, "2024-05-21", "职工技能培训", "托班管理"});
  });
  EXPECT_EQ(Find("托管"), Ids{1});
  EXPECT_EQ(Find("托管班"), Ids{1});
  EXPECT_EQ(Find("外卖骑手"), Ids{1});
  EXPECT_EQ(Find("管班"), Ids{1});
  EXPECT_EQ(Find("托"), (Ids{2, 1}));
  EXPECT_EQ(Find("管理 培训"), Ids{2}) << "words are ANDed, each in title or body";
  EXPECT_EQ(Find("托管 培训"), Ids{});
  EXPECT_EQ(Find("托管", Part::kTitle), Ids{1});
  EXPECT_EQ(Find("骑手", Part::kTitle), Ids{});
  EXPECT_EQ(Find("骑手", Part::kNotTitle), Ids{1});
}

TEST_F(SearchIndexTest, PhrasesDoNotJoinTitleAndBody) {
  Run([&](db::Tx& tx) { Put(tx, {"news", 1, nanan_, false, "2024-05-20", "关爱职工", "之家"}); });
  EXPECT_EQ(Find("职工"), Ids{1});
  EXPECT_EQ(Find("工之"), Ids{});
}

TEST_F(SearchIndexTest, ScopeIsTheOrgAndItsAncestors) {
  Run([&](db::Tx& tx) {
    Put(tx, {"activity", 1, street_, false, "2024-05-20", "南坪工会活动", ""});
    Put(tx, {"activity", 2, yuzhong_, false, "2024-05-20", "渝中工会活动", ""});
    Put(tx, {"bulletin", 3, city_, true, "2024-05-20", "一周动态 工会", ""});
  });
  EXPECT_EQ(Find("工会", Part::kAll, nanan_), (Ids{1, 3})) << "a published bulletin is for all";
  EXPECT_EQ(Find("工会", Part::kAll, street_), (Ids{1, 3}));
  EXPECT_EQ(Find("工会", Part::kAll, yuzhong_), (Ids{2, 3}));
  EXPECT_EQ(Find("工会", Part::kAll, city_), (Ids{2, 1, 3}));
}

TEST_F(SearchIndexTest, ReplacingAndRemovingLeaveNoTrace) {
  Run([&](db::Tx& tx) {
    Put(tx, {"activity", 7, nanan_, false, "2024-05-20", "旧标题托管", "旧正文"});
    Put(tx, {"activity", 7, nanan_, false, "2025-01-02", "新标题骑手", "新正文"});
  });
  EXPECT_EQ(Find("旧"), Ids{});
  EXPECT_EQ(Find("托管"), Ids{});
  EXPECT_EQ(Find("骑手"), Ids{7});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM search_doc"), 1);
  Run([&](db::Tx& tx) {
    Remove(tx, "activity", 7);
    Remove(tx, "activity", 7);  // absent: nothing happens
  });
  EXPECT_EQ(Find("骑手"), Ids{});
  EXPECT_EQ(Find("新"), Ids{});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM search_doc"), 0);
  Run([&](db::Tx& tx) {
    tx.Exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')");
  });
}

TEST_F(SearchIndexTest, LongDocumentsAreRemovedExactly) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "工会托管";
  Run([&](db::Tx& tx) {
    Put(tx, {"news", 1, nanan_, false, "2024-05-20", "长文", body});
    Put(tx, {"news", 1, nanan_, false, "2024-05-20", "短文", "骑手"});
  });
  EXPECT_EQ(Find("工会"), Ids{});
  EXPECT_EQ(Find("长文"), Ids{});
  EXPECT_EQ(Find("骑手"), Ids{1});
}

TEST_F(SearchIndexTest, RankKeyOrdersDateThenKindThenId) {
  EXPECT_GT(SortKey("2024-05-21", "news", 1), SortKey("2024-05-20", "activity", 999));
  EXPECT_GT(SortKey("2024-05-20", "activity", 1), SortKey("2024-05-20", "bulletin", 9));
  EXPECT_GT(SortKey("2024-05-20", "bulletin", 1), SortKey("2024-05-20", "news", 9));
  EXPECT_GT(SortKey("2024-05-20", "news", 10), SortKey("2024-05-20", "news", 9));
  EXPECT_GT(SortKey("9999-12-31", "activity", (int64_t{1} << 34) - 1), 0);
  EXPECT_THROW(SortKey("2024-05-20", "member", 1), std::invalid_argument);
  EXPECT_THROW(SortKey("2024-05-20", "news", int64_t{1} << 34), std::invalid_argument);
}

TEST_F(SearchIndexTest, BulkLoadEqualsOneByOne) {
  const char* const kDates[] = {"2023-03-01", "2024-05-20", "2022-01-09", "2024-05-20"};
  Run([&](db::Tx& tx) {
    BulkIndexer bulk(tx);
    for (int64_t i = 1; i <= 40; ++i) {
      bulk.Add({"activity", i, i % 2 ? nanan_ : yuzhong_, false, kDates[i % 4],
                "第" + std::to_string(i) + "次工会活动", i % 5 ? "" : "慰问骑手"});
    }
  });
  std::vector<int64_t> bulk = Find("工会");
  std::vector<int64_t> bulk_scoped = Find("骑手", Part::kAll, nanan_);
  ASSERT_EQ(bulk.size(), 40u);
  Run([&](db::Tx& tx) {
    for (int64_t i = 40; i >= 1; --i) Remove(tx, "activity", i);
  });
  EXPECT_EQ(Find("工会"), Ids{});
  Run([&](db::Tx& tx) {
    for (int64_t i = 1; i <= 40; ++i) {
      Put(tx, {"activity", i, i % 2 ? nanan_ : yuzhong_, false, kDates[i % 4],
               "第" + std::to_string(i) + "次工会活动", i % 5 ? "" : "慰问骑手"});
    }
  });
  EXPECT_EQ(Find("工会"), bulk);
  EXPECT_EQ(Find("骑手", Part::kAll, nanan_), bulk_scoped);
  EXPECT_EQ(bulk_scoped, (Ids{35, 25, 15, 5})) << "the same day: the higher id first";
}

TEST_F(SearchIndexTest, IndexAllActivitiesOnce) {
  Run([&](db::Tx& tx) {
    for (int i = 0; i < 3; ++i) {
      tx.Exec(
          "INSERT INTO activity (org_id, title, type, start_date, end_date, detail, body, "
          "created_at, updated_at, deleted_at) VALUES (?, ?, 'care', '2024-05-20', '2024-05-20', "
          "?, '正文', 0, 0, ?)",
          {nanan_, "慰问活动" + std::to_string(i),
           std::string(R"({"places":["职工之家"],"target_groups":["外卖骑手"],"items":[]})"),
           i == 2 ? db::Value(int64_t{1}) : db::Null()});
    }
    Status s = IndexAllActivities(tx);
    EXPECT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(IndexAllActivities(tx).code(), Code::kFailedPrecondition);
  });
  EXPECT_EQ(Find("慰问").size(), 2u) << "deleted records are not indexed";
  EXPECT_EQ(Find("骑手 职工之家").size(), 2u) << "places and target groups are searchable";
}

TEST(SearchActivityBody, AppendsPlacesGroupsAndItems) {
  nlohmann::json detail = {{"places", {"职工之家", "广场"}},
                           {"target_groups", {"外卖骑手"}},
                           {"items", nlohmann::json::array()},
                           {"money", {{{"purpose", "慰问"}}}}};
  EXPECT_EQ(ActivityBody("正文", detail), "正文\n职工之家、广场\n外卖骑手");
  EXPECT_EQ(ActivityBody("", nlohmann::json::object()), "");
  EXPECT_EQ(ActivityBody("正文", nlohmann::json()), "正文");
}

}  // namespace
}  // namespace gonghui::search
