#include "org/org.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "api/body.h"
#include "api/cache.h"
#include "audit/audit.h"
#include "core/time.h"

namespace gonghui::org {
namespace {

const char* const kKinds[] = {"city", "district", "street", "industry", "grassroots", "partner"};

std::vector<SubtreeMovedHook>& Hooks() {
  static std::vector<SubtreeMovedHook> hooks;
  return hooks;
}

const char* ParentColumn(std::string_view axis) {
  return axis == "i" ? "industry_parent_id" : "parent_id";
}

constexpr const char* kColumns =
    "o.id, o.name, o.short_name, o.kind, o.code, o.parent_id, o.industry_parent_id, "
    "o.is_partner, o.created_at, o.updated_at, "
    "(SELECT COUNT(*) FROM org c WHERE c.parent_id = o.id), "
    "(SELECT COUNT(*) FROM org c WHERE c.industry_parent_id = o.id)";

nlohmann::json OptJson(const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nullptr; }

nlohmann::json ToJson(const db::Row& r) {
  return {{"id", r.Int(0)},
          {"name", r.Str(1)},
          {"short_name", r.Str(2)},
          {"kind", r.Str(3)},
          {"code", r.OptStr(4) ? nlohmann::json(*r.OptStr(4)) : nullptr},
          {"parent_id", OptJson(r.OptInt(5))},
          {"industry_parent_id", OptJson(r.OptInt(6))},
          {"is_partner", r.Int(7) != 0},
          {"created_at", FormatTimestamp(r.Int(8))},
          {"updated_at", FormatTimestamp(r.Int(9))},
          {"child_count", r.Int(10)},
          {"industry_child_count", r.Int(11)}};
}

// The ancestors of `parent` on `axis` (parent first, depth 1), ending with the
// root even when the chain stops short of it.
std::vector<std::pair<int64_t, int64_t>> AncestorsThrough(db::Tx& tx, std::optional<int64_t> parent,
                                                          std::string_view axis, int64_t root,
                                                          int64_t self) {
  std::vector<std::pair<int64_t, int64_t>> out;  // (ancestor, depth from self)
  if (parent) {
    for (const db::Row& r :
         tx.Query("SELECT ancestor_id, depth FROM org_closure WHERE descendant_id = ? AND axis = ?",
                  {*parent, std::string(axis)})) {
      out.emplace_back(r.Int(0), r.Int(1) + 1);
    }
  }
  bool has_root = std::any_of(out.begin(), out.end(), [&](auto& a) { return a.first == root; });
  if (root != 0 && root != self && !has_root) {
    int64_t depth = 1;
    for (auto& a : out) depth = std::max(depth, a.second + 1);
    out.emplace_back(root, depth);
  }
  return out;
}

// Which kinds may be the parent of which, per axis. The territorial tree runs
// city → district → street → grassroots (a grassroots union may hold branch
// unions); the industry tree runs city → industry → grassroots. Partners hang
// under the union they work with, on the territorial axis only.
const char* AllowedParents(std::string_view kind, std::string_view axis) {
  if (axis == "t") {
    if (kind == "district") return "city";
    if (kind == "street") return "district";
    if (kind == "grassroots") return "city district street grassroots";
    if (kind == "partner") return "city district street grassroots industry";
    return "";
  }
  if (kind == "industry") return "city";
  if (kind == "grassroots") return "industry grassroots";
  return "";
}

// `parent` may hold an org of `kind` on `axis`; a missing parent is fine
// except where the kind needs one.
Status CheckParent(db::Tx& tx, std::string_view kind, std::optional<int64_t> parent,
                   std::string_view axis) {
  const char* field = ParentColumn(axis);
  std::string allowed = AllowedParents(kind, axis);
  if (!parent) {
    bool needed = kind != "city" &&
                  ((axis == "t" && kind != "industry") || (axis == "i" && kind == "industry"));
    if (needed) return InvalidArgument(field, "该类型的组织必须有上级组织");
    return Status::Ok();
  }
  auto row = tx.QueryOne("SELECT kind FROM org WHERE id = ?", {*parent});
  if (!row) return InvalidArgument(field, "上级组织不存在");
  std::string parent_kind = row->Str(0);
  if (!CanParent(kind, parent_kind, axis)) {
    if (parent_kind == "partner") return InvalidArgument(field, "合作单位不能作为上级组织");
    return InvalidArgument(field, allowed.empty()
                                      ? std::string("该类型的组织在此轴上不能有上级组织")
                                      : "上级组织类型不符：只能是 " + allowed);
  }
  return Status::Ok();
}

// --- Handlers ----------------------------------------------------------------

const std::vector<api::FieldDef> kOrgFields = {
    {"name", "组织名称"},          {"short_name", "简称"},
    {"kind", "组织类型"},          {"code", "行政区划代码"},
    {"parent_id", "属地上级组织"}, {"industry_parent_id", "产业上级组织"}};

Result<api::Reply> ListOrgs(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  // Joined rather than IN (…): the order uses the closure's depth.
  std::string from =
      "FROM org o JOIN org_closure sc ON sc.descendant_id = o.id AND sc.ancestor_id = ? AND "
      "sc.axis = ? WHERE 1 = 1";
  std::vector<db::Value> params = {sub.root, sub.axis};
  if (!p.q.empty()) {
    from += " AND (o.name LIKE ? ESCAPE '\\' OR o.short_name LIKE ? ESCAPE '\\')";
    params.push_back(db::ContainsPattern(p.q));
    params.push_back(db::ContainsPattern(p.q));
  }
  if (auto kind = call.req.Query("kind"); kind && !kind->empty()) {
    if (!IsKind(*kind)) return InvalidArgument("kind", "查询参数 kind 不是有效的组织类型");
    from += " AND o.kind = ?";
    params.push_back(*kind);
  }
  api::PageRows page = api::QueryPage(call.tx, kColumns, from, std::move(params),
                                      "sc.depth, o.code, o.name, o.id", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(ToJson(r));
  int64_t total = page.total;
  return api::Reply::Ok(api::Page(std::move(items), total, p));
}

Result<nlohmann::json> LoadInScope(api::Call& call, int64_t id) {
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, id, "组织"));
  return Load(call.tx, id);
}

Result<api::Reply> GetOrg(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json org, LoadInScope(call, id));
  return api::Reply::Ok(std::move(org));
}

// A parent given in a request must lie in the caller's scope.
Status CheckParentInScope(api::Call& call, std::optional<int64_t> parent, const char* field) {
  if (parent && !auth::InScope(call.tx, call.who, *parent)) {
    return Status(Code::kNotFound, "上级组织不存在或不在您的管辖范围内", field);
  }
  return Status::Ok();
}

Result<api::Reply> CreateOrg(api::Call& call) {
  api::Body body(call.body, kOrgFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  OrgInput in;
  GH_ASSIGN_OR_RETURN(in.name, body.Text("name", true, 100));
  GH_ASSIGN_OR_RETURN(in.short_name, body.Text("short_name", false, 50));
  GH_ASSIGN_OR_RETURN(in.kind, body.Text("kind", true, 20));
  if (!IsKind(in.kind) || in.kind == "city") {
    return body.Error("kind", "应为 district、street、industry、grassroots 或 partner 之一");
  }
  GH_ASSIGN_OR_RETURN(in.code, body.OptText("code", 12));
  GH_ASSIGN_OR_RETURN(in.parent_id, body.OptInt("parent_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(in.industry_parent_id, body.OptInt("industry_parent_id", 1, INT64_MAX));
  GH_RETURN_IF_ERROR(CheckParentInScope(call, in.parent_id, "parent_id"));
  GH_RETURN_IF_ERROR(CheckParentInScope(call, in.industry_parent_id, "industry_parent_id"));
  GH_ASSIGN_OR_RETURN(int64_t id, Insert(call.tx, in, call.now));
  GH_ASSIGN_OR_RETURN(nlohmann::json org, Load(call.tx, id));
  audit::Record(call, "create", "org", id, id, nullptr, org);
  return api::Reply::Created(std::move(org));
}

Result<api::Reply> PatchOrg(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadInScope(call, id));
  api::Body body(call.body, kOrgFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("kind")) {
    GH_ASSIGN_OR_RETURN(std::string kind, body.Text("kind", true, 20));
    if (kind != before["kind"]) return body.Error("kind", "创建后不能修改");
  }
  std::vector<std::string> sets;
  std::vector<db::Value> params;
  if (body.Has("name")) {
    GH_ASSIGN_OR_RETURN(std::string name, body.Text("name", true, 100));
    sets.push_back("name = ?");
    params.push_back(name);
  }
  if (call.body.contains("short_name")) {
    GH_ASSIGN_OR_RETURN(std::string short_name, body.Text("short_name", false, 50));
    sets.push_back("short_name = ?");
    params.push_back(short_name);
  }
  if (call.body.contains("code")) {
    GH_ASSIGN_OR_RETURN(std::optional<std::string> code, body.OptText("code", 12));
    GH_RETURN_IF_ERROR(CheckCode(code));
    sets.push_back("code = ?");
    params.push_back(code && !code->empty() ? db::Value(*code) : db::Null());
  }
  bool root = before["parent_id"].is_null() && before["industry_parent_id"].is_null();
  for (auto [key, axis] : {std::pair{"parent_id", "t"}, std::pair{"industry_parent_id", "i"}}) {
    if (!call.body.contains(key)) continue;
    GH_ASSIGN_OR_RETURN(std::optional<int64_t> parent, body.OptInt(key, 1, INT64_MAX));
    // Ids are positive, so 0 stands for "no parent" in this comparison.
    int64_t old = before[key].is_null() ? 0 : before[key].get<int64_t>();
    if (parent.value_or(0) == old) continue;
    if (root) return FailedPrecondition("市总工会是根组织，不能移动", key);
    // Moving changes what the mover's own org holds: they must govern the org
    // being moved and the new parent, and may not move their own org.
    if (id == call.who.org_id) return PermissionDenied("不能移动您自己所在的组织");
    GH_RETURN_IF_ERROR(CheckParentInScope(call, parent, key));
    GH_RETURN_IF_ERROR(Move(call.tx, id, axis, parent, call.who.user_id, call.now));
  }
  if (!sets.empty()) {
    std::string sql = "UPDATE org SET ";
    for (const std::string& s : sets) sql += s + ", ";
    sql += "updated_at = ? WHERE id = ?";
    params.push_back(call.now);
    params.push_back(id);
    call.tx.Exec(sql, params);
  } else {
    call.tx.Exec("UPDATE org SET updated_at = ? WHERE id = ?", {call.now, id});
  }
  api::BumpDataVersion(call.tx, "org");
  GH_ASSIGN_OR_RETURN(nlohmann::json after, Load(call.tx, id));
  bool moved = before["parent_id"] != after["parent_id"] ||
               before["industry_parent_id"] != after["industry_parent_id"];
  audit::Record(call, moved ? "move" : "update", "org", id, id, before, after);
  return api::Reply::Ok(std::move(after));
}

Result<std::string> AxisParam(api::Call& call) {
  std::string axis = call.req.Query("axis").value_or("territorial");
  if (axis == "territorial" || axis.empty()) return std::string("t");
  if (axis == "industry") return std::string("i");
  return InvalidArgument("axis", "查询参数 axis 应为 territorial（属地）或 industry（产业）");
}

Result<api::Reply> Children(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, id, "组织"));
  GH_ASSIGN_OR_RETURN(std::string axis, AxisParam(call));
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(std::string("SELECT ") + kColumns + " FROM org o WHERE o." +
                                            ParentColumn(axis) + " = ? ORDER BY o.is_partner, " +
                                            "o.code, o.name, o.id",
                                        {id})) {
    items.push_back(ToJson(r));
  }
  return api::Reply::Ok({{"items", std::move(items)}});
}

Result<api::Reply> Ancestors(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, id, "组织"));
  GH_ASSIGN_OR_RETURN(std::string axis, AxisParam(call));
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           std::string("SELECT ") + kColumns +
               " FROM org_closure c JOIN org o ON o.id = c.ancestor_id WHERE c.descendant_id = ? "
               "AND c.axis = ? AND c.depth > 0 ORDER BY c.depth DESC",
           {id, axis})) {
    items.push_back(ToJson(r));
  }
  return api::Reply::Ok({{"items", std::move(items)}});
}

Result<api::Reply> Subtree(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, id, "组织"));
  GH_ASSIGN_OR_RETURN(std::string axis, AxisParam(call));
  int64_t depth = 2;
  if (auto d = call.req.Query("depth")) {
    if (d->size() != 1 || (*d)[0] < '0' || (*d)[0] > '9') {
      return Status(Code::kBadRequest, "查询参数 depth 应为 0 到 3 的整数", "depth");
    }
    depth = (*d)[0] - '0';
    if (depth > 3) return InvalidArgument("depth", "查询参数 depth 应为 0 到 3");
  }
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           std::string("SELECT ") + kColumns +
               ", c.depth FROM org_closure c JOIN org o ON o.id = c.descendant_id WHERE "
               "c.ancestor_id = ? AND c.axis = ? AND c.depth <= ? ORDER BY c.depth, o.code, "
               "o.name, o.id LIMIT 5000",
           {id, axis, depth})) {
    nlohmann::json j = ToJson(r);
    j["depth"] = r.Int(12);
    items.push_back(std::move(j));
  }
  return api::Reply::Ok({{"items", std::move(items)}});
}

Result<api::Reply> History(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, id, "组织"));
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           "SELECT m.at, m.user_id, m.axis, m.from_parent_id, m.to_parent_id, f.name, t.name "
           "FROM org_move m LEFT JOIN org f ON f.id = m.from_parent_id LEFT JOIN org t ON t.id = "
           "m.to_parent_id WHERE m.org_id = ? ORDER BY m.id",
           {id})) {
    items.push_back({{"at", FormatTimestamp(r.Int(0))},
                     {"user_id", OptJson(r.OptInt(1))},
                     {"axis", r.Str(2) == "i" ? "industry" : "territorial"},
                     {"from_parent_id", OptJson(r.OptInt(3))},
                     {"to_parent_id", OptJson(r.OptInt(4))},
                     {"from_parent_name", r.Str(5)},
                     {"to_parent_name", r.Str(6)}});
  }
  return api::Reply::Ok({{"items", std::move(items)}});
}

}  // namespace

bool IsKind(std::string_view kind) {
  return std::any_of(std::begin(kKinds), std::end(kKinds),
                     [&](const char* k) { return kind == k; });
}

Status CheckCode(const std::optional<std::string>& code) {
  if (!code || code->empty()) return Status::Ok();
  bool digits =
      std::all_of(code->begin(), code->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (code->size() != 6 && code->size() != 9 && code->size() != 12)) {
    return InvalidArgument("code", "行政区划代码（code）应为 6、9 或 12 位数字（GB/T 2260）");
  }
  return Status::Ok();
}

bool CanParent(std::string_view kind, std::string_view parent_kind, std::string_view axis) {
  const std::string_view allowed = AllowedParents(kind, axis);
  for (size_t start = 0; start < allowed.size();) {
    size_t end = allowed.find(' ', start);
    if (end == std::string_view::npos) end = allowed.size();
    if (allowed.substr(start, end - start) == parent_kind) return true;
    start = end + 1;
  }
  return false;
}

void OnSubtreeMoved(SubtreeMovedHook hook) { Hooks().push_back(std::move(hook)); }

namespace {
std::vector<EnterpriseChangedHook>& EnterpriseHooks() {
  static std::vector<EnterpriseChangedHook> hooks;
  return hooks;
}
std::vector<MembersChangedHook>& MemberHooks() {
  static std::vector<MembersChangedHook> hooks;
  return hooks;
}
}  // namespace

void OnEnterpriseChanged(EnterpriseChangedHook hook) {
  EnterpriseHooks().push_back(std::move(hook));
}
void EnterpriseChanged(db::Tx& tx, int64_t enterprise_id) {
  for (const EnterpriseChangedHook& hook : EnterpriseHooks()) hook(tx, enterprise_id);
}
void OnMembersChanged(MembersChangedHook hook) { MemberHooks().push_back(std::move(hook)); }
void MembersChanged(db::Tx& tx, int64_t union_org_id) {
  for (const MembersChangedHook& hook : MemberHooks()) hook(tx, union_org_id);
}

int64_t RootId(db::Tx& tx) {
  return tx.QueryInt(
      "SELECT id FROM org WHERE kind = 'city' AND parent_id IS NULL ORDER BY id LIMIT 1");
}

Result<int64_t> Insert(db::Tx& tx, const OrgInput& in, int64_t now) {
  if (!IsKind(in.kind)) return InvalidArgument("kind", "组织类型（kind）无效");
  GH_RETURN_IF_ERROR(CheckCode(in.code));
  GH_RETURN_IF_ERROR(CheckParent(tx, in.kind, in.parent_id, "t"));
  GH_RETURN_IF_ERROR(CheckParent(tx, in.kind, in.industry_parent_id, "i"));
  int64_t root = RootId(tx);
  if (in.kind == "city" && root != 0) return AlreadyExists("kind", "市总工会（根组织）已存在");
  int64_t id = tx.Insert(
      "INSERT INTO org (name, short_name, kind, code, parent_id, industry_parent_id, is_partner, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {in.name, in.short_name, in.kind,
       in.code && !in.code->empty() ? db::Value(*in.code) : db::Null(), db::OrNull(in.parent_id),
       db::OrNull(in.industry_parent_id), int64_t{in.kind == "partner" ? 1 : 0}, now, now});
  for (std::string_view axis : {"t", "i"}) {
    std::optional<int64_t> parent = axis == "t" ? in.parent_id : in.industry_parent_id;
    tx.Exec("INSERT INTO org_closure (ancestor_id, axis, descendant_id, depth) VALUES (?, ?, ?, 0)",
            {id, std::string(axis), id});
    for (auto [ancestor, depth] : AncestorsThrough(tx, parent, axis, root, id)) {
      tx.Exec(
          "INSERT INTO org_closure (ancestor_id, axis, descendant_id, depth) VALUES (?, ?, ?, ?)",
          {ancestor, std::string(axis), id, depth});
    }
  }
  return id;
}

Status Move(db::Tx& tx, int64_t org_id, std::string_view axis, std::optional<int64_t> new_parent,
            int64_t user_id, int64_t now) {
  std::string ax(axis);
  auto current = tx.QueryOne(
      std::string("SELECT ") + ParentColumn(axis) + ", kind FROM org WHERE id = ?", {org_id});
  if (!current) return NotFound("组织不存在");
  const char* field = ParentColumn(axis);
  std::set<int64_t> subtree;
  std::map<int64_t, int64_t> depth_below;  // descendant → depth under org_id
  for (const db::Row& r :
       tx.Query("SELECT descendant_id, depth FROM org_closure WHERE ancestor_id = ? AND axis = ?",
                {org_id, ax})) {
    subtree.insert(r.Int(0));
    depth_below[r.Int(0)] = r.Int(1);
  }
  if (new_parent && subtree.count(*new_parent)) {
    return FailedPrecondition("不能把组织移到它自己或它的下级组织之下", field);
  }
  GH_RETURN_IF_ERROR(CheckParent(tx, current->Str(1), new_parent, axis));
  int64_t root = RootId(tx);
  std::vector<std::pair<int64_t, int64_t>> ancestors =
      AncestorsThrough(tx, new_parent, axis, root, org_id);
  for (int64_t d : subtree) {
    tx.Exec(
        "DELETE FROM org_closure WHERE descendant_id = ? AND axis = ? AND ancestor_id NOT IN "
        "(SELECT descendant_id FROM org_closure WHERE ancestor_id = ? AND axis = ?)",
        {d, ax, org_id, ax});
    for (auto [ancestor, depth] : ancestors) {
      tx.Exec(
          "INSERT INTO org_closure (ancestor_id, axis, descendant_id, depth) VALUES (?, ?, ?, ?)",
          {ancestor, ax, d, depth + depth_below[d]});
    }
  }
  tx.Exec(std::string("UPDATE org SET ") + field + " = ?, updated_at = ? WHERE id = ?",
          {db::OrNull(new_parent), now, org_id});
  tx.Exec(
      "INSERT INTO org_move (org_id, axis, from_parent_id, to_parent_id, user_id, at) VALUES (?, "
      "?, ?, ?, ?, ?)",
      {org_id, ax, db::OrNull(current->OptInt(0)), db::OrNull(new_parent),
       user_id ? db::Value(user_id) : db::Null(), now});
  for (const SubtreeMovedHook& hook : Hooks()) hook(tx, org_id, axis);
  return Status::Ok();
}

Result<nlohmann::json> Load(db::Tx& tx, int64_t id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM org o WHERE o.id = ?", {id});
  if (!row) return NotFound("组织不存在");
  return ToJson(*row);
}

Status CheckRefs(db::Tx& tx, const std::vector<int64_t>& ids, const api::Body& body,
                 const char* key) {
  for (int64_t id : ids) {
    if (tx.QueryInt("SELECT COUNT(*) FROM org WHERE id = ?", {id}) == 0) {
      return body.Error(key, "中的组织 " + std::to_string(id) + " 不存在");
    }
  }
  return Status::Ok();
}

nlohmann::json NameRefs(db::Tx& tx, const std::vector<int64_t>& ids) {
  nlohmann::json out = nlohmann::json::array();
  for (int64_t id : ids) {
    auto row = tx.QueryOne("SELECT name FROM org WHERE id = ?", {id});
    if (row) out.push_back({{"id", id}, {"name", row->Str(0)}});
  }
  return out;
}

void RegisterRoutes(api::Api& api) {
  const std::vector<std::string> list_query = {"q", "kind", "org_id", "axis", "page", "page_size"};
  api.Add(
      {"GET", "/orgs", "org:org:read", "orgs", "按名称搜索管辖范围内的组织", ListOrgs, list_query});
  api.Add({"POST", "/orgs", "org:org:write", "orgs", "新建下级组织", CreateOrg});
  api.Add({"GET", "/orgs/{id}", "org:org:read", "orgs", "组织详情", GetOrg});
  api.Add({"PATCH", "/orgs/{id}", "org:org:write", "orgs", "修改组织（改上级即迁移，记录历史）",
           PatchOrg});
  api.Add({"GET", "/orgs/{id}/children", "org:org:read", "orgs", "下级组织", Children, {"axis"}});
  api.Add({"GET",
           "/orgs/{id}/ancestors",
           "org:org:read",
           "orgs",
           "上级组织链（根在前）",
           Ancestors,
           {"axis"}});
  api.Add({"GET",
           "/orgs/{id}/subtree",
           "org:org:read",
           "orgs",
           "组织子树",
           Subtree,
           {"axis", "depth"}});
  api.Add({"GET", "/orgs/{id}/history", "org:org:read", "orgs", "组织迁移历史", History});
  RegisterEnterpriseRoutes(api);
}

}  // namespace gonghui::org
