// bench/import — members imported through the bulk path (import/import.h:
// every check, encryption and fingerprint) against bare inserts of the same
// rows into a table of the same shape and indexes, in one run.
//
//   gonghui_bench_import --db URL --secret-key HEX --file FILE.csv|xlsx
//                        [--generate N] [--user admin] [--keep-bare]
//
// --generate N writes FILE (CSV) first: N members with distinct ID numbers
// (region 510104, which no demo member has) spread over the database's
// grassroots unions (named by their unique names), phones, employers, join
// dates, statuses and tags. Then the file is imported as --user (the CLI's
// path, a background job with its check and its one write transaction), and
// the same rows (read from the CSV given by --bare-csv, default FILE itself)
// are inserted bare: on SQLite one prepared statement in one transaction, on
// PostgreSQL one COPY. Prints rows, seconds, rows/s of both and the ratio,
// and the peak resident memory of the import (the process's high-water mark,
// read before the reference runs). Goals (issue 12): 8 million members from
// CSV in under 2 minutes on SQLite; at least a third of the bare rate; peak
// memory under 300 MB.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "api/app.h"
#include "auth/auth.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/time.h"
#include "db/db.h"
#include "db/migrate.h"
#include "import/import.h"

namespace gonghui {
namespace {

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "谭"};
constexpr const char* kGiven[] = {"伟", "芳", "娜",   "敏",   "静",   "丽",  "强",
                                  "磊", "军", "洋",   "勇",   "艳",   "杰",  "涛",
                                  "明", "超", "秀英", "建华", "小红", "志强"};
constexpr const char* kEmployers[] = {"重庆某某物流有限公司", "重庆某某食品有限公司",
                                      "重庆某某建设集团", "某某外卖配送站", "重庆某某汽车配件厂"};
constexpr const char* kStatuses[] = {"正常", "正常", "正常", "正常", "暂停", "已离会"};
constexpr const char* kTags[] = {"", "", "农民工", "新就业形态劳动者", "", "困难职工", "劳模"};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string Arg(int argc, char** argv, const std::string& name, std::string fallback = "") {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == "--" + name) return argv[i + 1];
  }
  return fallback;
}

bool Flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == "--" + name) return true;
  }
  return false;
}

// Writes `rows` members to `path`; the unions are the grassroots unions with
// a name of their own.
Status Generate(db::Database& db, const std::string& path, int64_t rows) {
  std::vector<std::string> unions;
  GH_RETURN_IF_ERROR(db.Run(db::Mode::kRead, [&](db::Tx& tx) {
    for (const db::Row& r :
         tx.Query("SELECT name FROM org WHERE kind = 'grassroots' AND is_partner = 0 GROUP BY "
                  "name HAVING COUNT(*) = 1 ORDER BY name LIMIT 20000")) {
      unions.push_back(r.Str(0));
    }
    return Status::Ok();
  }));
  if (unions.empty()) return InvalidArgument("db", "数据库中没有基层工会");
  std::ofstream out(path, std::ios::binary);
  out << "姓名,身份证号码,手机号码,工作单位,入会日期,会员状态,会员标签,所属工会\r\n";
  for (int64_t i = 0; i < rows; ++i) {
    const Date birth = AddDays(Date{1960, 1, 1}, i % 16000);
    char first17[32];
    std::snprintf(first17, sizeof first17, "510104%04d%02d%02d%03lld", birth.year, birth.month,
                  birth.day, static_cast<long long>((i / 16000) % 1000));
    char phone[16];
    std::snprintf(phone, sizeof phone, "13%09lld", static_cast<long long>(i % 1000000000));
    const Date join = AddDays(Date{2000, 1, 1}, (i * 7) % 9000);
    out << kSurnames[i % std::size(kSurnames)] << kGiven[(i / 20) % std::size(kGiven)] << ','
        << CompleteIdNumber(first17) << ',' << phone << ',' << kEmployers[i % std::size(kEmployers)]
        << ',' << join.ToString() << ',' << kStatuses[i % std::size(kStatuses)] << ','
        << kTags[i % std::size(kTags)] << ',' << unions[static_cast<size_t>(i) % unions.size()]
        << "\r\n";
  }
  out.close();
  return out ? Status::Ok() : Internal("cannot write " + path);
}

// The same rows, bare: the CSV's cells into a table shaped like member.
Result<int64_t> Bare(db::Database& db, const std::string& csv_path, bool keep) {
  const char* columns =
      "org_id BIGINT NOT NULL, name TEXT NOT NULL, id_number_cipher TEXT NOT NULL, "
      "id_number_hash TEXT NOT NULL, id_number_masked TEXT NOT NULL, gender TEXT NOT NULL, "
      "birth_date TEXT NOT NULL, phone_cipher TEXT NOT NULL, phone_masked TEXT NOT NULL, "
      "employer TEXT NOT NULL, join_date TEXT, status TEXT NOT NULL, tags TEXT NOT NULL, "
      "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL";
  GH_RETURN_IF_ERROR(db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    tx.Exec("DROP TABLE IF EXISTS bench_bare");
    tx.Exec(std::string("CREATE TABLE bench_bare (id ") +
            (tx.sqlite() ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY") + ", " + columns + ")");
    tx.Exec("CREATE INDEX bench_bare_org ON bench_bare(org_id, id)");
    tx.Exec("CREATE UNIQUE INDEX bench_bare_hash ON bench_bare(id_number_hash)");
    tx.Exec("CREATE INDEX bench_bare_name ON bench_bare(name)");
    return Status::Ok();
  }));
  std::ifstream in(csv_path, std::ios::binary);
  CsvReader reader(in);
  int64_t n = 0;
  const std::vector<std::string> names = {"org_id",
                                          "name",
                                          "id_number_cipher",
                                          "id_number_hash",
                                          "id_number_masked",
                                          "gender",
                                          "birth_date",
                                          "phone_cipher",
                                          "phone_masked",
                                          "employer",
                                          "join_date",
                                          "status",
                                          "tags",
                                          "created_at",
                                          "updated_at"};
  GH_RETURN_IF_ERROR(db.Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    auto row = [&](const std::vector<std::string>& f) -> std::vector<db::Value> {
      return {int64_t{1}, f[0], f[1], f[1], f[1], std::string("male"), f[4],      f[2],
              f[2],       f[3], f[4], f[5], f[6], int64_t{0},          int64_t{0}};
    };
    GH_ASSIGN_OR_RETURN(auto header, reader.Next());  // the header
    (void)header;
    if (tx.sqlite()) {
      const std::string sql =
          "INSERT INTO bench_bare (org_id, name, id_number_cipher, id_number_hash, "
          "id_number_masked, gender, birth_date, phone_cipher, phone_masked, employer, join_date, "
          "status, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?)";
      for (;;) {
        GH_ASSIGN_OR_RETURN(auto record, reader.Next());
        if (!record) break;
        record->resize(8);
        tx.Exec(sql, row(*record));
        ++n;
      }
    } else {
      db::BulkInsert copy(tx, "bench_bare", names);
      for (;;) {
        GH_ASSIGN_OR_RETURN(auto record, reader.Next());
        if (!record) break;
        record->resize(8);
        copy.Add(row(*record));
        ++n;
      }
    }
    return Status::Ok();
  }));
  if (!keep) {
    (void)db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
      tx.Exec("DROP TABLE bench_bare");
      return Status::Ok();
    });
  }
  return n;
}

int Main(int argc, char** argv) {
  const std::string url = Arg(argc, argv, "db");
  const std::string file = Arg(argc, argv, "file");
  const std::string key =
      Arg(argc, argv, "secret-key",
          std::getenv("GONGHUI_SECRET_KEY") ? std::getenv("GONGHUI_SECRET_KEY") : "");
  if (url.empty() || file.empty() || key.empty()) {
    std::fprintf(stderr,
                 "usage: gonghui_bench_import --db URL --secret-key HEX --file FILE "
                 "[--generate N] [--bare-csv FILE] [--user admin] [--keep-bare]\n");
    return 2;
  }
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "bench/import: %s\n", s.message().c_str());
    return 1;
  };
  if (Status s = InitCrypto(); !s.ok()) return fail(s);
  Result<SecretBox> box = SecretBox::FromHex(key);
  if (!box.ok()) return fail(box.status());
  Result<std::unique_ptr<db::Database>> db = db::Database::Open(url, 4);
  if (!db.ok()) return fail(db.status());
  if (Result<int> v = db::Migrate(**db); !v.ok()) return fail(v.status());
  SystemClock clock;
  api::App app{**db, *box, clock, {}};

  if (const std::string n = Arg(argc, argv, "generate"); !n.empty()) {
    const auto t0 = std::chrono::steady_clock::now();
    if (Status s = Generate(**db, file, std::atoll(n.c_str())); !s.ok()) return fail(s);
    std::printf("generated %s (%s rows) in %.1f s\n", file.c_str(), n.c_str(), Seconds(t0));
  }
  Result<auth::Principal> who = (*db)->Run<auth::Principal>(db::Mode::kRead, [&](db::Tx& tx) {
    return auth::UserPrincipal(tx, Arg(argc, argv, "user", "admin"));
  });
  if (!who.ok()) return fail(who.status());

  int64_t written = 0;
  double import_s = 0;
  {
    import::Runner runner(app);
    import::FileImport f;
    f.path = file;
    f.again = true;
    const auto t0 = std::chrono::steady_clock::now();
    std::optional<double> check_s;  // when the job went from checking to writing
    Result<nlohmann::json> job = import::ImportFile(app, *who, f, [&](const nlohmann::json& j) {
      const std::string state = j["state"].get<std::string>();
      if (state != "checking" && state != "queued" && !check_s) check_s = Seconds(t0);
      std::fprintf(stderr, "  %s: %lld checked, %lld written\n", state.c_str(),
                   static_cast<long long>(j["rows_checked"].get<int64_t>()),
                   static_cast<long long>(j["rows_written"].get<int64_t>()));
    });
    import_s = Seconds(t0);
    if (check_s) {
      std::printf("phases  check %.1f s, write %.1f s\n", *check_s, import_s - *check_s);
    }
    if (!job.ok()) return fail(job.status());
    if ((*job)["state"] != "done") {
      std::fprintf(stderr, "bench/import: the import ended %s: %s\n",
                   (*job)["state"].get<std::string>().c_str(),
                   (*job)["message"].get<std::string>().c_str());
      return 1;
    }
    written = (*job)["rows_written"].get<int64_t>();
  }
  const long peak = PeakRssMb();
  const std::string bare_csv = Arg(argc, argv, "bare-csv", file);
  const auto t1 = std::chrono::steady_clock::now();
  Result<int64_t> bare = Bare(**db, bare_csv, Flag(argc, argv, "keep-bare"));
  const double bare_s = Seconds(t1);
  if (!bare.ok()) return fail(bare.status());
  const double rate = static_cast<double>(written) / import_s;
  const double bare_rate = static_cast<double>(*bare) / bare_s;
  std::printf(
      "import  %s (%s): %lld rows in %.1f s = %.0f rows/s, peak memory %ld MB\n"
      "bare    %lld rows in %.1f s = %.0f rows/s (%s)\n"
      "ratio   %.2f of the bare rate (goal >= 0.33)\n",
      file.c_str(), (*db)->backend() == db::Backend::kSqlite ? "SQLite" : "PostgreSQL",
      static_cast<long long>(written), import_s, rate, peak, static_cast<long long>(*bare), bare_s,
      bare_rate,
      (*db)->backend() == db::Backend::kSqlite ? "one prepared statement, one transaction" : "COPY",
      rate / bare_rate);
  return 0;
}

}  // namespace
}  // namespace gonghui

int main(int argc, char** argv) { return gonghui::Main(argc, argv); }
