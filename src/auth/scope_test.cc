// The scope rule, the org closure it rests on, sessions against a fake clock,
// and the all-or-nothing transaction — on a real SQLite database.
#include <gtest/gtest.h>

#include <filesystem>

#include "api/app.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "db/migrate.h"
#include "org/org.h"

namespace gonghui {
namespace {

class ScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto().ok());
    path_ = std::filesystem::temp_directory_path() /
            ("gonghui-scope-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = db::Database::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db::Migrate(*db_).ok());
    Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
      auto add = [&](const char* name, const char* kind, std::optional<int64_t> parent,
                     std::optional<int64_t> industry) {
        return org::Insert(tx, {name, "", kind, {}, parent, industry}, 0).value();
      };
      city_ = add("重庆市总工会", "city", {}, {});
      nanan_ = add("南岸区总工会", "district", city_, {});
      yuzhong_ = add("渝中区总工会", "district", city_, {});
      street_ = add("南坪街道工会", "street", nanan_, {});
      industry_ = add("重庆市交通建设工会", "industry", {}, city_);
      company_ = add("某公交公司工会", "grassroots", street_, industry_);
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }

  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  bool InScope(int64_t user_org, int64_t record_org) {
    bool in = false;
    auth::Principal who;
    who.org_id = user_org;
    EXPECT_TRUE(db_->Run(db::Mode::kRead,
                         [&](db::Tx& tx) {
                           in = auth::InScope(tx, who, record_org);
                           return Status::Ok();
                         })
                    .ok());
    return in;
  }

  Status Move(int64_t org, const char* axis, std::optional<int64_t> parent) {
    return db_->Run(db::Mode::kWrite,
                    [&](db::Tx& tx) { return org::Move(tx, org, axis, parent, 0, 1); });
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
  int64_t city_ = 0, nanan_ = 0, yuzhong_ = 0, street_ = 0, industry_ = 0, company_ = 0;
};

TEST_F(ScopeTest, ADistrictSeesItsOwnSubtreeOnly) {
  EXPECT_TRUE(InScope(nanan_, nanan_));
  EXPECT_TRUE(InScope(nanan_, street_));
  EXPECT_TRUE(InScope(nanan_, company_));
  EXPECT_FALSE(InScope(nanan_, yuzhong_));
  EXPECT_FALSE(InScope(nanan_, city_));
  EXPECT_FALSE(InScope(nanan_, industry_));
  EXPECT_FALSE(InScope(yuzhong_, company_));
  EXPECT_FALSE(InScope(street_, nanan_));
}

TEST_F(ScopeTest, AnIndustryUnionSeesItsGrassrootsOnTheIndustryAxis) {
  EXPECT_TRUE(InScope(industry_, company_));
  EXPECT_FALSE(InScope(industry_, street_));
  EXPECT_FALSE(InScope(industry_, nanan_));
}

TEST_F(ScopeTest, TheCitySeesEverythingOnBothAxes) {
  for (int64_t org : {city_, nanan_, yuzhong_, street_, industry_, company_}) {
    EXPECT_TRUE(InScope(city_, org)) << org;
  }
  int64_t territorial = 0, industry = 0;
  ASSERT_TRUE(
      db_->Run(db::Mode::kRead,
               [&](db::Tx& tx) {
                 territorial = tx.QueryInt(
                     "SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND axis = 't'",
                     {city_});
                 industry = tx.QueryInt(
                     "SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND axis = 'i'",
                     {city_});
                 return Status::Ok();
               })
          .ok());
  // Both roll-ups cover all six orgs, so their totals agree at the top.
  EXPECT_EQ(territorial, 6);
  EXPECT_EQ(industry, 6);
}

TEST_F(ScopeTest, MovingASubtreeMovesTheScope) {
  ASSERT_TRUE(Move(street_, "t", yuzhong_).ok());
  EXPECT_FALSE(InScope(nanan_, street_));
  EXPECT_FALSE(InScope(nanan_, company_));
  EXPECT_TRUE(InScope(yuzhong_, street_));
  EXPECT_TRUE(InScope(yuzhong_, company_));
  EXPECT_TRUE(InScope(industry_, company_));  // the other axis is untouched
  int64_t moves = 0;
  ASSERT_TRUE(db_->Run(db::Mode::kRead,
                       [&](db::Tx& tx) {
                         moves = tx.QueryInt("SELECT COUNT(*) FROM org_move WHERE org_id = ?",
                                             {street_});
                         return Status::Ok();
                       })
                  .ok());
  EXPECT_EQ(moves, 1);
}

TEST_F(ScopeTest, AnOrgCannotMoveUnderItsOwnDescendant) {
  Status s = Move(nanan_, "t", company_);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_TRUE(InScope(city_, nanan_));
  EXPECT_TRUE(InScope(nanan_, company_));
}

TEST_F(ScopeTest, AFailureMidwayWritesNothing) {
  auto count = [&] {
    int64_t n = 0;
    EXPECT_TRUE(db_->Run(db::Mode::kRead,
                         [&](db::Tx& tx) {
                           n = tx.QueryInt("SELECT COUNT(*) FROM org");
                           return Status::Ok();
                         })
                    .ok());
    return n;
  };
  int64_t before = count();
  db_->FailNthStatementForTest(3);
  Status s = db_->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    for (int i = 0; i < 3; ++i) {
      GH_RETURN_IF_ERROR(
          org::Insert(tx, {"新工会" + std::to_string(i), "", "grassroots", {}, street_, {}}, 0)
              .status());
    }
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_EQ(count(), before);
}

TEST_F(ScopeTest, SessionsExpireWhenIdle) {
  FakeClockForTest clock(1'700'000'000);
  auto box = SecretBox::FromHex(std::string(64, 'a'));
  ASSERT_TRUE(box.ok());
  api::App app{*db_, *box, clock, {}};
  auto hash = auth::HashPassword("correct horse");
  ASSERT_TRUE(hash.ok());
  ASSERT_TRUE(db_->Run(db::Mode::kWrite,
                       [&](db::Tx& tx) {
                         return auth::CreateUser(tx, {"li", "", "manager", nanan_, "李"}, *hash,
                                                 clock.Now())
                             .status();
                       })
                  .ok());
  auto session = auth::Login(app, "li", "correct horse", "127.0.0.1");
  ASSERT_TRUE(session.ok()) << session.status().message();
  auto check = [&] {
    Code code = Code::kOk;
    EXPECT_TRUE(db_->Run(db::Mode::kRead,
                         [&](db::Tx& tx) {
                           code = auth::Authenticate(tx, app, session->token).status().code();
                           return Status::Ok();
                         })
                    .ok());
    return code;
  };
  EXPECT_EQ(check(), Code::kOk);
  clock.Advance(app.settings.session_idle_seconds - 10);
  EXPECT_EQ(check(), Code::kOk);
  clock.Advance(20);
  EXPECT_EQ(check(), Code::kUnauthenticated);
}

TEST_F(ScopeTest, ASessionInUseNeverLooksIdle) {
  FakeClockForTest clock(1'700'000'000);
  auto box = SecretBox::FromHex(std::string(64, 'c'));
  api::App app{*db_, *box, clock, {}};
  app.settings.session_idle_seconds = 60;
  auto hash = auth::HashPassword("correct horse");
  ASSERT_TRUE(db_->Run(db::Mode::kWrite,
                       [&](db::Tx& tx) {
                         return auth::CreateUser(tx, {"zhao", "", "viewer", nanan_, ""}, *hash,
                                                 clock.Now())
                             .status();
                       })
                  .ok());
  auto session = auth::Login(app, "zhao", "correct horse", "");
  ASSERT_TRUE(session.ok());
  // A request every 25 s for almost four minutes, each touching the session as
  // the pipeline does: it must never expire, though the idle limit is 60 s.
  for (int i = 1; i <= 9; ++i) {
    clock.Advance(25);
    Result<auth::Principal> who = Status(Code::kInternal, "not run");
    ASSERT_TRUE(db_->Run(db::Mode::kRead,
                         [&](db::Tx& tx) {
                           who = auth::Authenticate(tx, app, session->token);
                           return Status::Ok();
                         })
                    .ok());
    ASSERT_TRUE(who.ok()) << "request " << i << " at " << i * 25
                          << " s: " << who.status().message();
    auth::TouchSession(app, *who);
  }
}

TEST_F(ScopeTest, FiveWrongPasswordsLockTheAccount) {
  FakeClockForTest clock(1'700'000'000);
  auto box = SecretBox::FromHex(std::string(64, 'b'));
  api::App app{*db_, *box, clock, {}};
  auto hash = auth::HashPassword("correct horse");
  ASSERT_TRUE(db_->Run(db::Mode::kWrite,
                       [&](db::Tx& tx) {
                         return auth::CreateUser(tx, {"wang", "", "viewer", nanan_, ""}, *hash,
                                                 clock.Now())
                             .status();
                       })
                  .ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth::Login(app, "wang", "wrong", "").status().code(), Code::kUnauthenticated);
  }
  EXPECT_EQ(auth::Login(app, "wang", "correct horse", "").status().code(),
            Code::kResourceExhausted);
  clock.Advance(app.settings.lockout_seconds + 1);
  EXPECT_TRUE(auth::Login(app, "wang", "correct horse", "").ok());
}

}  // namespace
}  // namespace gonghui
