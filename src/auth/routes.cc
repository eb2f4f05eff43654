#include "auth/routes.h"

#include "api/body.h"
#include "audit/audit.h"
#include "auth/password.h"

namespace gonghui::auth {
namespace {

Result<api::Reply> LogoutHandler(api::Call& call) {
  GH_RETURN_IF_ERROR(auth::Logout(call.tx, call.who));
  audit::Record(call, "logout", "user", call.who.user_id, call.who.org_id, nullptr, nullptr);
  api::Reply reply = api::Reply::NoContent();
  reply.headers.emplace_back("Set-Cookie", SessionCookie("", call.app.settings.secure_cookie));
  return reply;
}

Result<api::Reply> Me(api::Call& call) { return api::Reply::Ok(call.who.ToJson()); }

// Argon2id runs inside the request transaction here; password changes are
// rare and the LoginGate bounds memory only for logins.
Result<api::Reply> ChangePassword(api::Call& call) {
  api::Body body(call.body, {{"old_password", "原密码"}, {"new_password", "新密码"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const nlohmann::json* old_pw = body.Get("old_password");
  const nlohmann::json* new_pw = body.Get("new_password");
  if (!old_pw || !old_pw->is_string()) return body.Error("old_password", "不能为空");
  if (!new_pw || !new_pw->is_string()) return body.Error("new_password", "不能为空");
  GH_RETURN_IF_ERROR(CheckPasswordStrength(new_pw->get<std::string>(), "new_password"));
  std::string hash =
      call.tx.QueryOne("SELECT password_hash FROM app_user WHERE id = ?", {call.who.user_id})
          ->Str(0);
  if (!VerifyPassword(old_pw->get<std::string>(), hash)) {
    return InvalidArgument("old_password", "原密码不正确");
  }
  GH_ASSIGN_OR_RETURN(std::string new_hash, HashPassword(new_pw->get<std::string>()));
  call.tx.Exec("UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?",
               {new_hash, call.now, call.who.user_id});
  call.tx.Exec("DELETE FROM user_session WHERE user_id = ? AND token_hash <> ?",
               {call.who.user_id, call.who.session_hash});
  audit::Record(call, "update", "user", call.who.user_id, call.who.org_id, nullptr,
                {{"password", "changed"}});
  return api::Reply::NoContent();
}

Result<nlohmann::json> LoadUser(api::Call& call, int64_t id) {
  auto row = call.tx.QueryOne(std::string("SELECT ") + kUserColumns +
                                  " FROM app_user u JOIN org o ON o.id = u.org_id WHERE u.id = ?",
                              {id});
  if (!row) return NotFound("用户不存在");
  GH_RETURN_IF_ERROR(RequireInScope(call.tx, call.who, row->Int(4), "用户"));
  return UserJson(*row);
}

Result<api::Reply> ListUsers(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  std::string from = "FROM app_user u JOIN org o ON o.id = u.org_id WHERE " +
                     api::InSubtree("u.org_id", sub, params);
  if (!p.q.empty()) {
    from += " AND (u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(db::ContainsPattern(p.q));
  }
  api::PageRows page = api::QueryPage(call.tx, kUserColumns, from, std::move(params), "u.id", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(UserJson(r));
  int64_t total = page.total;
  return api::Reply::Ok(api::Page(std::move(items), total, p));
}

const std::vector<api::FieldDef> kUserFields = {{"username", "用户名"},   {"password", "密码"},
                                                {"role", "角色"},         {"org_id", "所属组织"},
                                                {"display_name", "姓名"}, {"disabled", "停用"}};

Result<api::Reply> CreateUserHandler(api::Call& call) {
  api::Body body(call.body, kUserFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("disabled")) return body.Error("disabled", "创建时不能设置");
  UserInput in;
  GH_ASSIGN_OR_RETURN(in.username, body.Text("username", true, 32));
  GH_ASSIGN_OR_RETURN(in.role, body.Text("role", true, 20));
  GH_ASSIGN_OR_RETURN(in.org_id, body.Int("org_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(in.display_name, body.Text("display_name", false, 50));
  const nlohmann::json* pw = body.Get("password");
  if (!pw || !pw->is_string()) return body.Error("password", "不能为空");
  GH_RETURN_IF_ERROR(CheckPasswordStrength(pw->get<std::string>()));
  if (!InScope(call.tx, call.who, in.org_id)) {
    return Status(Code::kNotFound, "所属组织不存在或不在您的管辖范围内", "org_id");
  }
  GH_ASSIGN_OR_RETURN(std::string hash, HashPassword(pw->get<std::string>()));
  GH_ASSIGN_OR_RETURN(int64_t id, CreateUser(call.tx, in, hash, call.now));
  GH_ASSIGN_OR_RETURN(nlohmann::json user, LoadUser(call, id));
  audit::Record(call, "create", "user", id, in.org_id, nullptr, user);
  return api::Reply::Created(std::move(user));
}

Result<api::Reply> PatchUser(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadUser(call, id));
  api::Body body(call.body, kUserFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  for (const char* fixed : {"username", "password"}) {
    if (body.Has(fixed)) return body.Error(fixed, "不能在此修改");
  }
  std::string sql = "UPDATE app_user SET updated_at = ?";
  std::vector<db::Value> params = {call.now};
  if (body.Has("role")) {
    GH_ASSIGN_OR_RETURN(std::string role, body.Text("role", true, 20));
    if (!IsRole(role))
      return body.Error("role", "应为 admin、editor、manager、reporter 或 viewer 之一");
    sql += ", role = ?";
    params.push_back(role);
  }
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, INT64_MAX));
    if (!InScope(call.tx, call.who, org_id)) {
      return Status(Code::kNotFound, "所属组织不存在或不在您的管辖范围内", "org_id");
    }
    sql += ", org_id = ?";
    params.push_back(org_id);
  }
  if (body.Has("display_name")) {
    GH_ASSIGN_OR_RETURN(std::string name, body.Text("display_name", false, 50));
    sql += ", display_name = ?";
    params.push_back(name);
  }
  GH_ASSIGN_OR_RETURN(std::optional<bool> disabled, body.OptBool("disabled"));
  if (disabled) {
    if (*disabled && id == call.who.user_id) return body.Error("disabled", "不能停用自己的账户");
    sql += ", disabled = ?";
    params.push_back(int64_t{*disabled});
    if (*disabled) call.tx.Exec("DELETE FROM user_session WHERE user_id = ?", {id});
  }
  params.push_back(id);
  call.tx.Exec(sql + " WHERE id = ?", params);
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadUser(call, id));
  audit::Record(call, "update", "user", id, after["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

}  // namespace

void RegisterRoutes(api::Api& api) {
  api.Add({"POST", "/auth/logout", "", "auth", "退出登录", LogoutHandler});
  api.Add({"GET", "/auth/me", "", "auth", "当前用户、权限与 CSRF 令牌", Me});
  api.Add({"POST", "/auth/password", "", "auth", "修改自己的密码", ChangePassword});
  api.Add({"GET",
           "/users",
           "auth:user:read",
           "users",
           "用户列表（管理员）",
           ListUsers,
           {"q", "org_id", "axis", "page", "page_size"}});
  api.Add({"POST", "/users", "auth:user:write", "users", "新建用户（管理员）", CreateUserHandler});
  api.Add({"PATCH", "/users/{id}", "auth:user:write", "users", "修改用户角色、组织或停用（管理员）",
           PatchUser});
}

}  // namespace gonghui::auth
