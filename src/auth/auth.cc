#include "auth/auth.h"

#include <sodium.h>

#include <algorithm>
#include <regex>

#include "auth/password.h"
#include "core/time.h"

namespace gonghui::auth {
namespace {

const char* const kReadPermissions[] = {
    "org:org:read",           "org:enterprise:read",    "member:member:read",
    "activity:activity:read", "news:item:read",         "bulletin:issue:read",
    "childcare:class:read",   "campaign:campaign:read", "competition:event:read",
    "honour:honour:read",     "stats:stats:read",       "labour:contract:read",
    "task:plan:read"};
const char* const kWritePermissions[] = {"org:org:write",
                                         "org:enterprise:write",
                                         "member:member:write",
                                         "activity:activity:write",
                                         "news:item:write",
                                         "childcare:class:write",
                                         "childcare:evaluation:review",
                                         "campaign:campaign:write",
                                         "competition:event:write",
                                         "honour:honour:write",
                                         "labour:contract:write",
                                         "task:plan:write"};
// The city's bulletin editors (SPEC §1): review news, compose and publish.
const char* const kEditorPermissions[] = {"news:item:write", "news:item:review",
                                          "bulletin:issue:write"};
const char* const kAdminPermissions[] = {"member:pii:read", "audit:log:read", "auth:user:read",
                                         "auth:user:write"};

bool SameString(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Principal PrincipalFromRow(const db::Row& row) {
  Principal p;
  p.user_id = row.Int(0);
  p.username = row.Str(1);
  p.display_name = row.Str(2);
  p.role = row.Str(3);
  p.org_id = row.Int(4);
  p.org_name = row.Str(5);
  for (const std::string& perm : PermissionsFor(p.role)) p.permissions.insert(perm);
  return p;
}

}  // namespace

bool IsRole(std::string_view role) {
  return std::any_of(std::begin(kRoles), std::end(kRoles),
                     [&](const char* r) { return role == r; });
}

std::vector<std::string> PermissionsFor(std::string_view role) {
  std::vector<std::string> out;
  auto add = [&](const auto& list) {
    for (const char* p : list) out.emplace_back(p);
  };
  if (role == "admin") {
    add(kReadPermissions);
    add(kWritePermissions);
    add(kAdminPermissions);
    add(kEditorPermissions);
  } else if (role == "manager") {
    add(kReadPermissions);
    add(kWritePermissions);
  } else if (role == "editor" || role == "viewer") {
    add(kReadPermissions);
    if (role == "editor") add(kEditorPermissions);
  } else if (role == "reporter") {
    out = {"activity:activity:read", "org:org:read", "news:item:read", "news:item:write",
           "bulletin:issue:read"};
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

nlohmann::json Principal::ToJson() const {
  return {{"user",
           {{"id", user_id},
            {"username", username},
            {"display_name", display_name},
            {"role", role},
            {"org_id", org_id},
            {"org_name", org_name}}},
          {"permissions", std::vector<std::string>(permissions.begin(), permissions.end())},
          {"csrf_token", csrf_token}};
}

Result<NewSession> Login(api::App& app, const std::string& username, const std::string& password,
                         const std::string& remote_address) {
  static LoginGate gate(app.settings.max_concurrent_logins);
  const Status kWrong(Code::kUnauthenticated, "用户名或密码错误", "password");
  struct Account {
    int64_t id = 0;
    std::string hash;
    int64_t attempt = 0;  // this attempt's number since the last success
  };
  // Each attempt is counted before the password is checked, in one write
  // transaction, so concurrent guesses cannot slip past the limit: the attempt
  // after the last allowed one locks the account.
  std::optional<Account> account;
  Status locked = Status::Ok();
  int64_t now = app.clock.Now();
  Status s = app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    auto row = tx.QueryOne(
        "SELECT id, password_hash, locked_until, disabled, failed_logins FROM app_user WHERE "
        "username = ?",
        {username});
    if (!row || row->Int(3) != 0) return Status::Ok();
    int64_t locked_until = row->Int(2);
    if (locked_until <= now && row->Int(4) >= app.settings.max_failed_logins) {
      locked_until = now + app.settings.lockout_seconds;
      tx.Exec("UPDATE app_user SET failed_logins = 0, locked_until = ? WHERE id = ?",
              {locked_until, row->Int(0)});
    }
    if (locked_until > now) {
      int64_t minutes = (locked_until - now + 59) / 60;
      locked = Status(Code::kResourceExhausted,
                      "密码错误次数过多，账户已锁定，请 " + std::to_string(minutes) + " 分钟后再试",
                      "username");
      return Status::Ok();
    }
    tx.Exec("UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = ?", {row->Int(0)});
    account = Account{row->Int(0), row->Str(1), row->Int(4) + 1};
    return Status::Ok();
  });
  GH_RETURN_IF_ERROR(s);
  GH_RETURN_IF_ERROR(locked);
  if (!account) {
    // Spend the same effort as a real check so timing does not reveal names.
    static const std::string kDummy = HashPassword("timing-equaliser").value();
    if (gate.TryEnter()) {
      (void)VerifyPassword(password, kDummy);
      gate.Leave();
    }
    return kWrong;
  }
  if (!gate.TryEnter()) {
    return Status(Code::kResourceExhausted, "同时登录的人数过多，请稍后重试");
  }
  bool good = VerifyPassword(password, account->hash);
  gate.Leave();

  std::optional<NewSession> session;
  Status outcome = Status::Ok();
  s = app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    if (!good) {
      int64_t failed = account->attempt;
      if (failed >= app.settings.max_failed_logins) {
        tx.Exec("UPDATE app_user SET failed_logins = 0, locked_until = ? WHERE id = ?",
                {now + app.settings.lockout_seconds, account->id});
        outcome = Status(
            Code::kUnauthenticated,
            "用户名或密码错误；已连续错误 " + std::to_string(failed) + " 次，账户锁定 15 分钟",
            "password");
      } else {
        outcome = kWrong;
      }
      tx.Exec(
          "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, after_json) "
          "VALUES (?, ?, ?, 'login_failed', 'user', ?, ?)",
          {now, account->id, username, account->id,
           nlohmann::json({{"remote_address", remote_address}}).dump()});
      return Status::Ok();
    }
    tx.Exec("UPDATE app_user SET failed_logins = 0, locked_until = 0 WHERE id = ?", {account->id});
    auto row = tx.QueryOne(
        "SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.name FROM app_user u "
        "JOIN org o ON o.id = u.org_id WHERE u.id = ?",
        {account->id});
    if (!row) return Internal("用户所属组织不存在");
    NewSession ns{PrincipalFromRow(*row), RandomHex(32)};
    ns.who.csrf_token = RandomHex(24);
    ns.who.session_hash = HashHex(ns.token);
    ns.who.last_seen_at = now;
    tx.Exec(
        "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {ns.who.session_hash, ns.who.user_id, ns.who.csrf_token, now, now});
    tx.Exec(
        "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, org_id, "
        "after_json) VALUES (?, ?, ?, 'login', 'user', ?, ?, ?)",
        {now, ns.who.user_id, ns.who.username, ns.who.user_id, ns.who.org_id,
         nlohmann::json({{"remote_address", remote_address}}).dump()});
    session = std::move(ns);
    return Status::Ok();
  });
  GH_RETURN_IF_ERROR(s);
  GH_RETURN_IF_ERROR(outcome);
  return std::move(*session);
}

Result<Principal> Authenticate(db::Tx& tx, const api::App& app, const std::string& token) {
  const Status kExpired(Code::kUnauthenticated, "登录已失效，请重新登录");
  if (token.size() != 64) return kExpired;
  std::string hash = HashHex(token);
  auto row = tx.QueryOne(
      "SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.name, s.csrf_token, "
      "s.created_at, s.last_seen_at, u.disabled FROM user_session s "
      "JOIN app_user u ON u.id = s.user_id JOIN org o ON o.id = u.org_id WHERE s.token_hash = ?",
      {hash});
  if (!row) return kExpired;
  int64_t now = app.clock.Now();
  if (row->Int(9) != 0 || now - row->Int(8) > app.settings.session_idle_seconds ||
      now - row->Int(7) > app.settings.session_max_seconds) {
    return kExpired;
  }
  Principal p = PrincipalFromRow(*row);
  p.csrf_token = row->Str(6);
  p.session_hash = hash;
  p.last_seen_at = row->Int(8);
  return p;
}

Result<Principal> UserPrincipal(db::Tx& tx, std::string_view username) {
  auto row = tx.QueryOne(
      "SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.name FROM app_user u JOIN org "
      "o ON o.id = u.org_id WHERE u.username = ? AND u.disabled = 0",
      {std::string(username)});
  if (!row)
    return Status(Code::kNotFound, "用户“" + std::string(username) + "”不存在或已停用", "user");
  return PrincipalFromRow(*row);
}

void TouchSession(api::App& app, const Principal& who) {
  // Often enough that a session in use never looks idle: at most a minute,
  // and a quarter of the idle limit when that is shorter.
  int64_t now = app.clock.Now();
  int64_t every = std::min<int64_t>(60, app.settings.session_idle_seconds / 4);
  if (now - who.last_seen_at < every) return;
  (void)app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    tx.Exec("UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?",
            {now, who.session_hash});
    return Status::Ok();
  });
}

Status Logout(db::Tx& tx, const Principal& who) {
  tx.Exec("DELETE FROM user_session WHERE token_hash = ?", {who.session_hash});
  return Status::Ok();
}

bool CsrfMatches(const Principal& who, const std::string& header) {
  return !header.empty() && SameString(who.csrf_token, header);
}

std::string SessionCookie(const std::string& token, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (token.empty()) c += "; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

bool InScope(db::Tx& tx, const Principal& who, int64_t org_id) {
  return tx.QueryInt("SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND descendant_id = ?",
                     {who.org_id, org_id}) > 0;
}

Status RequireInScope(db::Tx& tx, const Principal& who, int64_t org_id, std::string_view what) {
  if (InScope(tx, who, org_id)) return Status::Ok();
  return NotFound(std::string(what) + "不存在或不在您的管辖范围内");
}

Result<int64_t> CreateUser(db::Tx& tx, const UserInput& input, const std::string& password_hash,
                           int64_t now) {
  static const std::regex kName("^[a-z][a-z0-9._-]{1,31}$");
  if (!std::regex_match(input.username, kName)) {
    return InvalidArgument("username",
                           "用户名应为 2–32 位小写字母、数字、点、下划线或连字符，以字母开头");
  }
  if (!IsRole(input.role)) {
    return InvalidArgument("role", "角色应为 admin、editor、manager、reporter 或 viewer 之一");
  }
  auto org = tx.QueryOne("SELECT is_partner FROM org WHERE id = ?", {input.org_id});
  if (!org) return InvalidArgument("org_id", "所属组织不存在");
  if (org->Int(0) != 0) return InvalidArgument("org_id", "合作单位不能拥有用户");
  if (tx.QueryInt("SELECT COUNT(*) FROM app_user WHERE username = ?", {input.username}) > 0) {
    return AlreadyExists("username", "用户名已被使用");
  }
  return tx.Insert(
      "INSERT INTO app_user (username, display_name, password_hash, role, org_id, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.username, input.display_name, password_hash, input.role, input.org_id, now, now});
}

Status SetPassword(db::Tx& tx, const std::string& username, const std::string& password_hash,
                   int64_t now) {
  int64_t n = tx.Exec(
      "UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = 0, updated_at = ? "
      "WHERE username = ?",
      {password_hash, now, username});
  if (n == 0) return NotFound("用户 " + username + " 不存在");
  tx.Exec("DELETE FROM user_session WHERE user_id = (SELECT id FROM app_user WHERE username = ?)",
          {username});
  return Status::Ok();
}

nlohmann::json UserJson(const db::Row& row) {
  return {{"id", row.Int(0)},
          {"username", row.Str(1)},
          {"display_name", row.Str(2)},
          {"role", row.Str(3)},
          {"org_id", row.Int(4)},
          {"org_name", row.Str(5)},
          {"disabled", row.Int(6) != 0},
          {"created_at", FormatTimestamp(row.Int(7))}};
}

}  // namespace gonghui::auth
