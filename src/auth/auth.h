// Who is calling, what they may do, and where: users, sessions, permissions
// and the scope rule.
//
// Scope rule (SPEC §1): a user sees and changes only records owned by their
// organisation or one below it, on either axis. InScope answers that question
// for one org; every area calls RequireInScope before reading or writing a
// record, and lists filter through org_closure. A record outside the scope is
// reported as kNotFound, never as "exists but forbidden".
//
// Sessions are random 32-byte tokens; only their hash is stored (user_session),
// so every server instance on the same database shares them. A session ends on
// logout, after `session_idle_seconds` without a request, or after
// `session_max_seconds`.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "core/result.h"
#include "db/db.h"

namespace gonghui::auth {

// Roles (SPEC §1).
inline constexpr const char* kRoles[] = {"admin", "editor", "manager", "reporter", "viewer"};
bool IsRole(std::string_view role);
// The permission strings (`area:entity:action`) a role holds, sorted.
std::vector<std::string> PermissionsFor(std::string_view role);

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  int64_t org_id = 0;
  std::string org_name;
  std::string csrf_token;
  std::string session_hash;
  int64_t last_seen_at = 0;
  std::set<std::string> permissions;

  bool Has(std::string_view permission) const {
    return permissions.count(std::string(permission)) > 0;
  }
  // The body of login and /auth/me.
  nlohmann::json ToJson() const;
};

// --- Sessions ---------------------------------------------------------------

struct NewSession {
  Principal who;
  std::string token;  // goes to the cookie, never stored
};

// Checks username and password, applying the lockout, and on success opens a
// session. kUnauthenticated for a wrong name or password (the same message for
// both), kResourceExhausted while locked or when too many logins run at once.
// Runs its own transactions: failed attempts are recorded even though the
// request fails.
Result<NewSession> Login(api::App& app, const std::string& username, const std::string& password,
                         const std::string& remote_address);

// The principal of a live session token; kUnauthenticated when the token is
// unknown, idle too long, too old, or its user is disabled.
Result<Principal> Authenticate(db::Tx& tx, const api::App& app, const std::string& token);
// The principal of an enabled user, without a session (the command line acts
// as a user: `gonghui import --user NAME`); kNotFound otherwise.
Result<Principal> UserPrincipal(db::Tx& tx, std::string_view username);

// Moves last_seen_at forward when it is older than a minute, or than a quarter
// of the idle limit if that is shorter (own transaction).
void TouchSession(api::App& app, const Principal& who);

Status Logout(db::Tx& tx, const Principal& who);

// Constant-time comparison of the X-CSRF-Token header with the session's.
bool CsrfMatches(const Principal& who, const std::string& header);

// The Set-Cookie header value for a token ("" clears the cookie).
std::string SessionCookie(const std::string& token, bool secure);
inline constexpr const char* kSessionCookie = "gonghui_session";

// --- Scope ------------------------------------------------------------------

bool InScope(db::Tx& tx, const Principal& who, int64_t org_id);
// kNotFound with a message naming `what` (e.g. "工作动态") when out of scope.
Status RequireInScope(db::Tx& tx, const Principal& who, int64_t org_id, std::string_view what);

// --- Users ------------------------------------------------------------------

struct UserInput {
  std::string username;
  std::string password;
  std::string role;
  int64_t org_id = 0;
  std::string display_name;
};

// Creates a user. kInvalidArgument for a bad username, role, org or password;
// kAlreadyExists when the username is taken. The password is hashed outside
// any transaction by the caller passing `password_hash`.
Result<int64_t> CreateUser(db::Tx& tx, const UserInput& input, const std::string& password_hash,
                           int64_t now);
Status SetPassword(db::Tx& tx, const std::string& username, const std::string& password_hash,
                   int64_t now);
nlohmann::json UserJson(const db::Row& row);  // from the columns of kUserColumns
inline constexpr const char* kUserColumns =
    "u.id, u.username, u.display_name, u.role, u.org_id, o.name, u.disabled, u.created_at";

}  // namespace gonghui::auth
