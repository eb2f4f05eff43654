#include "member/member.h"

#include <algorithm>
#include <climits>
#include <map>

#include "api/body.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "core/idcard.h"
#include "core/time.h"
#include "org/count.h"
#include "org/org.h"

namespace gonghui::member {

bool IsStatus(std::string_view status) {
  return std::any_of(std::begin(kStatuses), std::end(kStatuses),
                     [&](const char* s) { return status == s; });
}

bool IsTag(std::string_view tag) {
  return std::any_of(std::begin(kTags), std::end(kTags), [&](const char* t) { return tag == t; });
}

Result<std::vector<std::string>> ParseTags(const nlohmann::json& value, std::string_view field) {
  const std::string f(field);
  if (!value.is_array()) {
    return InvalidArgument(f, "会员标签（" + f + "）应为数组，如 [\"migrant_worker\"]");
  }
  bool seen[std::size(kTags)] = {};
  for (size_t i = 0; i < value.size(); ++i) {
    const nlohmann::json& item = value[i];
    auto it = item.is_string()
                  ? std::find(std::begin(kTags), std::end(kTags), item.get<std::string>())
                  : std::end(kTags);
    if (it == std::end(kTags)) {
      std::string at = f + "[" + std::to_string(i) + "]";
      return InvalidArgument(at, "会员标签（" + at +
                                     "）应为 new_employment（新就业形态劳动者）、migrant_worker"
                                     "（农民工）、model_worker（劳模）或 in_hardship（困难职工）");
    }
    seen[it - std::begin(kTags)] = true;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < std::size(kTags); ++i) {
    if (seen[i]) out.emplace_back(kTags[i]);
  }
  return out;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const std::string& t : tags) {
    if (!out.empty()) out += ',';
    out += t;
  }
  return out;
}

std::vector<std::string> SplitTags(std::string_view stored) {
  std::vector<std::string> out;
  while (!stored.empty()) {
    size_t comma = stored.find(',');
    std::string_view tag = stored.substr(0, comma);
    if (!tag.empty()) out.emplace_back(tag);
    if (comma == std::string_view::npos) break;
    stored.remove_prefix(comma + 1);
  }
  return out;
}

namespace {

// "<label>（<field>）<what>", the shape api::Body gives its errors.
Status FieldError(const std::string& field, std::string_view label, std::string_view what) {
  return InvalidArgument(field, std::string(label) + "（" + field + "）" + std::string(what));
}

}  // namespace

Result<std::vector<Child>> ParseChildren(const nlohmann::json& value, const Date& today,
                                         std::string_view field) {
  const std::string f(field);
  if (!value.is_array() || value.size() > kMaxChildren) {
    return FieldError(f, "子女",
                      "应为最多 " + std::to_string(kMaxChildren) +
                          " 项的数组，每项如 {\"name\":\"张小三\",\"birth_date\":\"2016-05-01\"}");
  }
  std::vector<Child> out;
  for (size_t i = 0; i < value.size(); ++i) {
    const nlohmann::json& item = value[i];
    const std::string at = f + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return FieldError(at, "子女", "应为含 name 和 birth_date 的对象");
    for (const auto& [key, v] : item.items()) {
      if (key != "name" && key != "birth_date") {
        return InvalidArgument(at + "." + key, "未知字段：" + at + "." + key);
      }
    }
    Child child;
    const std::string name_field = at + ".name";
    auto name = item.find("name");
    if (name == item.end() || name->is_null())
      return FieldError(name_field, "子女姓名", "不能为空");
    if (!name->is_string()) return FieldError(name_field, "子女姓名", "应为字符串");
    child.name = api::Trim(name->get<std::string>());
    if (child.name.empty()) return FieldError(name_field, "子女姓名", "不能为空");
    if (api::Utf8Length(child.name) > 50)
      return FieldError(name_field, "子女姓名", "不能超过 50 个字");

    const std::string date_field = at + ".birth_date";
    auto birth = item.find("birth_date");
    if (birth == item.end() || birth->is_null()) {
      return FieldError(date_field, "子女出生日期", "不能为空");
    }
    if (!birth->is_string())
      return FieldError(date_field, "子女出生日期", "应为 YYYY-MM-DD 格式的字符串");
    Result<Date> date = ParseDate(birth->get<std::string>(), date_field);
    if (!date.ok()) return FieldError(date_field, "子女出生日期", "：" + date.status().message());
    if (*date > today) return FieldError(date_field, "子女出生日期", "不能晚于今天");
    child.birth_date = date->ToString();
    out.push_back(std::move(child));
  }
  return out;
}

namespace {

constexpr const char* kPiiPermission = "member:pii:read";
// The same words auth::RequireInScope uses, so a missing record and one
// outside the scope cannot be told apart.
constexpr const char* kWhat = "会员";
const std::string kNotFoundMessage = std::string(kWhat) + "不存在或不在您的管辖范围内";

const std::vector<api::FieldDef> kFields = {
    {"org_id", "所属工会"}, {"name", "姓名"},         {"id_number", "身份证号码"},
    {"phone", "手机号码"},  {"employer", "工作单位"}, {"join_date", "入会日期"},
    {"status", "会员状态"}, {"tags", "会员标签"},     {"children", "子女"}};

constexpr const char* kColumns =
    "m.id, m.org_id, o.name, m.name, m.id_number_cipher, m.id_number_masked, m.gender, "
    "m.birth_date, m.phone_cipher, m.phone_masked, m.employer, m.join_date, m.status, m.tags, "
    "m.created_at, m.updated_at";
// Positions in kColumns.
enum : size_t {
  kColId,
  kColOrgId,
  kColOrgName,
  kColName,
  kColIdCipher,
  kColIdMasked,
  kColGender,
  kColBirthDate,
  kColPhoneCipher,
  kColPhoneMasked,
  kColEmployer,
  kColJoinDate,
  kColStatus,
  kColTags,
  kColCreatedAt,
  kColUpdatedAt,
};
constexpr const char* kFrom = " FROM member m JOIN org o ON o.id = m.org_id";

// A member row with its children, as loaded.
struct Stored {
  db::Row row;
  nlohmann::json children;  // [{name, birth_date}], in the order entered
};

// The children of each member in `ids` (an empty array for those without), in
// one query.
std::map<int64_t, nlohmann::json> LoadChildren(db::Tx& tx, const std::vector<int64_t>& ids) {
  std::map<int64_t, nlohmann::json> out;
  if (ids.empty()) return out;
  std::string marks;
  std::vector<db::Value> params;
  for (int64_t id : ids) {
    out[id] = nlohmann::json::array();
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const db::Row& r :
       tx.Query("SELECT member_id, name, birth_date FROM member_child WHERE member_id IN (" +
                    marks + ") ORDER BY member_id, id",
                params)) {
    out[r.Int(0)].push_back({{"name", r.Str(1)}, {"birth_date", r.Str(2)}});
  }
  return out;
}

// The member row, or kNotFound when it is missing or outside the caller's
// scope (the same message either way).
Result<db::Row> RowInScope(api::Call& call, int64_t id) {
  std::optional<db::Row> row =
      call.tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE m.id = ?", {id});
  if (!row) return NotFound(kNotFoundMessage);
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(kColOrgId), kWhat));
  return std::move(*row);
}

Result<Stored> LoadInScope(api::Call& call, int64_t id) {
  GH_ASSIGN_OR_RETURN(db::Row row, RowInScope(call, id));
  nlohmann::json children = std::move(LoadChildren(call.tx, {id})[id]);
  return Stored{std::move(row), std::move(children)};
}

// The member with the ID number and phone masked and no age: what the audit
// log keeps, and the base of every answer.
nlohmann::json MaskedJson(const Stored& m) {
  const db::Row& r = m.row;
  std::optional<std::string> join = r.OptStr(kColJoinDate);
  return {{"id", r.Int(kColId)},
          {"org_id", r.Int(kColOrgId)},
          {"org_name", r.Str(kColOrgName)},
          {"name", r.Str(kColName)},
          {"id_number", r.Str(kColIdMasked)},
          {"gender", r.Str(kColGender)},
          {"birth_date", r.Str(kColBirthDate)},
          {"phone", r.Str(kColPhoneMasked)},
          {"employer", r.Str(kColEmployer)},
          {"join_date", join ? nlohmann::json(*join) : nullptr},
          {"status", r.Str(kColStatus)},
          {"tags", SplitTags(r.Str(kColTags))},
          {"children", m.children},
          {"created_at", FormatTimestamp(r.Int(kColCreatedAt))},
          {"updated_at", FormatTimestamp(r.Int(kColUpdatedAt))}};
}

Result<std::string> Unseal(const api::Call& call, const std::string& sealed) {
  if (sealed.empty()) return std::string();
  Result<std::string> plain = call.app.box.Open(sealed);
  if (!plain.ok()) return Internal("会员个人信息无法解密，请联系系统管理员");
  return plain;
}

// The answer: MaskedJson plus the age, with the ID number and phone in clear
// for callers holding member:pii:read.
Result<nlohmann::json> ReplyJson(const api::Call& call, const Stored& m) {
  nlohmann::json j = MaskedJson(m);
  if (Result<Date> birth = ParseDate(m.row.Str(kColBirthDate)); birth.ok()) {
    int age = AgeOn(*birth, TodayUtcPlus8(call.now));
    if (age >= 0) j["age"] = age;
  }
  if (call.who.Has(kPiiPermission)) {
    GH_ASSIGN_OR_RETURN(j["id_number"], Unseal(call, m.row.Str(kColIdCipher)));
    GH_ASSIGN_OR_RETURN(j["phone"], Unseal(call, m.row.Str(kColPhoneCipher)));
  }
  return j;
}

// A union that may hold members: in the caller's scope (else kNotFound on
// `field`) and not a partner org (else kInvalidArgument on `field`).
Status CheckMemberUnion(api::Call& call, int64_t org_id, const std::string& field,
                        std::string_view label) {
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return Status(Code::kNotFound, std::string(label) + "不存在或不在您的管辖范围内", field);
  }
  if (call.tx.QueryInt("SELECT is_partner FROM org WHERE id = ?", {org_id}) != 0) {
    return InvalidArgument(field, std::string(label) + "是非工会合作单位，会员只能属于工会");
  }
  return Status::Ok();
}

// What a create or PATCH writes, validated.
struct Changes {
  std::vector<std::pair<std::string, db::Value>> columns;
  std::optional<std::vector<Child>> children;  // replaces the list when set
};

// Reads the fields present in `body`. `current` is the stored member on PATCH
// and nullptr on create, where name and id_number are required and status
// defaults to active.
Status ReadFields(api::Call& call, const api::Body& body, const db::Row* current, Changes& out) {
  const bool creating = current == nullptr;
  const Date today = TodayUtcPlus8(call.now);
  if (creating || body.Has("name")) {
    GH_ASSIGN_OR_RETURN(std::string name, body.Text("name", true, 50));
    out.columns.emplace_back("name", name);
  }
  if (creating || body.Has("id_number")) {
    GH_ASSIGN_OR_RETURN(std::string text, body.Text("id_number", true, 64));
    if (creating || text != current->Str(kColIdMasked)) {
      GH_ASSIGN_OR_RETURN(IdNumberInfo id, ParseIdNumber(text, "id_number"));
      GH_ASSIGN_OR_RETURN(Date birth, ParseDate(id.birth_date, "id_number"));
      if (birth > today) return InvalidArgument("id_number", "身份证号码中的出生日期晚于今天");
      std::string hash = call.app.box.Fingerprint(id.number);
      std::optional<db::Row> taken =
          call.tx.QueryOne("SELECT id, org_id FROM member WHERE id_number_hash = ? AND id <> ?",
                           {hash, creating ? int64_t{0} : current->Int(kColId)});
      if (taken) {
        if (auth::InScope(call.tx, call.who, taken->Int(1))) {
          return AlreadyExists("id_number", "该身份证号码已登记为会员（会员编号 " +
                                                std::to_string(taken->Int(0)) + "），不能重复登记");
        }
        return AlreadyExists(
            "id_number",
            "该身份证号码已在其他工会登记为会员，如需转入请联系其所在工会办理会员转移");
      }
      out.columns.emplace_back("id_number_cipher", call.app.box.Seal(id.number));
      out.columns.emplace_back("id_number_hash", hash);
      out.columns.emplace_back("id_number_masked", MaskIdNumber(id.number));
      out.columns.emplace_back("gender", id.gender);
      out.columns.emplace_back("birth_date", id.birth_date);
    }
  }
  // phone: "" or null clears it on PATCH.
  if (call.body.contains("phone")) {
    GH_ASSIGN_OR_RETURN(std::optional<std::string> phone, body.OptText("phone", 20));
    if (!phone || phone->empty()) {
      if (!creating) {
        out.columns.emplace_back("phone_cipher", std::string());
        out.columns.emplace_back("phone_masked", std::string());
      }
    } else if (creating || *phone != current->Str(kColPhoneMasked)) {
      GH_RETURN_IF_ERROR(CheckPhone(*phone, "phone"));
      out.columns.emplace_back("phone_cipher", call.app.box.Seal(*phone));
      out.columns.emplace_back("phone_masked", MaskPhone(*phone));
    }
  }
  if (body.Has("employer")) {
    GH_ASSIGN_OR_RETURN(std::string employer, body.Text("employer", false, 100));
    out.columns.emplace_back("employer", employer);
  }
  // join_date: "" or null clears it on PATCH.
  if (call.body.contains("join_date")) {
    GH_ASSIGN_OR_RETURN(std::optional<std::string> text, body.OptText("join_date", 10));
    std::optional<std::string> join;
    if (text && !text->empty()) {
      Result<Date> date = ParseDate(*text, "join_date");
      if (!date.ok()) return body.Error("join_date", "：" + date.status().message());
      join = date->ToString();
    }
    if (!creating || join) out.columns.emplace_back("join_date", db::OrNull(join));
  }
  if (creating || body.Has("status")) {
    GH_ASSIGN_OR_RETURN(std::optional<std::string> status, body.OptText("status", 20));
    if (!status) status = "active";
    if (!IsStatus(*status)) {
      return body.Error("status", "应为 active（正常）、suspended（暂停）或 left（已离会）");
    }
    out.columns.emplace_back("status", *status);
  }
  if (const nlohmann::json* tags = body.Get("tags")) {
    GH_ASSIGN_OR_RETURN(std::vector<std::string> parsed, ParseTags(*tags));
    out.columns.emplace_back("tags", JoinTags(parsed));
  }
  if (const nlohmann::json* children = body.Get("children")) {
    GH_ASSIGN_OR_RETURN(out.children, ParseChildren(*children, today));
  }
  return Status::Ok();
}

void ReplaceChildren(db::Tx& tx, int64_t member_id, const std::vector<Child>& children) {
  tx.Exec("DELETE FROM member_child WHERE member_id = ?", {member_id});
  for (const Child& c : children) {
    tx.Exec("INSERT INTO member_child (member_id, name, birth_date) VALUES (?, ?, ?)",
            {member_id, c.name, c.birth_date});
  }
}

}  // namespace

namespace {

// A search's matches are counted no further (the answer says total_capped).
constexpr int64_t kSearchCountCap = 200;

}  // namespace

Result<std::string> ListWhere(const api::Call& call, const api::ListParams& p,
                              const api::Subtree* sub, std::vector<db::Value>& params, bool walk) {
  // SQLite uses no index for a term on "+m.org_id" (PostgreSQL plans by its
  // statistics either way).
  std::string where =
      " WHERE " + (sub ? api::InSubtree(walk ? "+m.org_id" : "m.org_id", *sub, params) : "1 = 1");
  if (!p.q.empty()) {
    // A whole ID number finds its member by the fingerprint; any other text is
    // the start of a name, read from the name index as a range (exact under
    // SQLite's and PostgreSQL's C collation; the LIKE keeps it exact under
    // any other), so a search of 8 million members reads only what matches.
    if (Result<IdNumberInfo> id = ParseIdNumber(p.q); id.ok()) {
      where += " AND m.id_number_hash = ?";
      params.emplace_back(call.app.box.Fingerprint(id->number));
    } else {
      where += " AND m.name >= ? AND m.name < ? AND m.name LIKE ? ESCAPE '\\'";
      params.emplace_back(p.q);
      params.emplace_back(p.q + "\xF4\x8F\xBF\xBF");  // U+10FFFF, the last code point
      params.emplace_back(db::EscapeLike(p.q) + "%");
    }
  }
  if (auto status = call.req.Query("status"); status && !status->empty()) {
    if (!IsStatus(*status)) {
      return InvalidArgument(
          "status", "查询参数 status 应为 active（正常）、suspended（暂停）或 left（已离会）");
    }
    where += " AND m.status = ?";
    params.push_back(*status);
  }
  if (auto tag = call.req.Query("tag"); tag && !tag->empty()) {
    if (!IsTag(*tag)) {
      return InvalidArgument("tag",
                             "查询参数 tag 应为 new_employment、migrant_worker、model_worker 或 "
                             "in_hardship");
    }
    where += " AND (',' || m.tags || ',') LIKE ? ESCAPE '\\'";
    params.push_back("%," + db::EscapeLike(*tag) + ",%");
  }
  return where;
}

namespace {

// Whether a page of the subtree's members is found faster by walking all
// members in the list's order (newest first; by name in a search), keeping
// the subtree's, than by reading every member of the subtree's unions and
// sorting them. The walk reads about wanted × all / subtree members, the
// other way the subtree's: walk when subtree² > wanted × all (for 8 million
// members and a page of 20: a subtree of over 13,000, such as a district).
bool WalkMembers(db::Tx& tx, const api::Subtree& sub, int64_t wanted) {
  if (sub.whole) return false;
  const double in_subtree = static_cast<double>(org::CountInSubtree(tx, "member", sub));
  const double all = static_cast<double>(tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM member"));
  return in_subtree * in_subtree > static_cast<double>(wanted) * all;
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  const bool walk = WalkMembers(call.tx, sub, p.offset() + p.page_size);
  GH_ASSIGN_OR_RETURN(std::string where, ListWhere(call, p, &sub, params, walk));
  // Without a search, the count of the subtree's members by status (and tag);
  // a search counts its matches up to kSearchCountCap.
  int64_t total = 0;
  bool capped = false;
  const std::string status = call.req.Query("status").value_or("");
  const std::string tag = call.req.Query("tag").value_or("");
  if (p.q.empty() && !tag.empty()) {
    total = org::CountTaggedMembers(call.tx, sub, tag, status);
  } else if (p.q.empty()) {
    total = org::CountInSubtree(
        call.tx, "member", sub,
        status.empty() ? std::vector<std::string>{} : std::vector<std::string>{status});
  } else {
    std::vector<db::Value> limited = params;
    limited.emplace_back(kSearchCountCap + 1);
    total = call.tx.QueryInt("SELECT COUNT(*) FROM (SELECT 1 FROM member m" + where + " LIMIT ?) x",
                             limited);
    capped = total > kSearchCountCap;
    total = std::min(total, kSearchCountCap);
  }
  // A search lists by name (the index's order), anything else newest first.
  // The page's ids first, then their rows: the ids of a deep page sort from
  // an index alone, without reading every member before it.
  const std::string order = p.q.empty() ? "m.id DESC" : "m.name, m.id";
  params.emplace_back(p.page_size);
  params.emplace_back(p.offset());
  std::vector<db::Row> rows = call.tx.Query(
      std::string("SELECT ") + kColumns + kFrom + " WHERE m.id IN (SELECT m.id FROM member m" +
          where + " ORDER BY " + order + " LIMIT ? OFFSET ?) ORDER BY " + order,
      params);
  std::vector<int64_t> ids;
  for (const db::Row& r : rows) ids.push_back(r.Int(kColId));
  std::map<int64_t, nlohmann::json> children = LoadChildren(call.tx, ids);
  nlohmann::json items = nlohmann::json::array();
  for (db::Row& r : rows) {
    int64_t id = r.Int(kColId);
    GH_ASSIGN_OR_RETURN(nlohmann::json item,
                        ReplyJson(call, Stored{std::move(r), std::move(children[id])}));
    items.push_back(std::move(item));
  }
  nlohmann::json answer = api::Page(std::move(items), total, p);
  answer["total_capped"] = capped;
  return api::Reply::Ok(std::move(answer));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Stored m, LoadInScope(call, id));
  GH_ASSIGN_OR_RETURN(nlohmann::json j, ReplyJson(call, m));
  return api::Reply::Ok(std::move(j));
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, INT64_MAX));
  GH_RETURN_IF_ERROR(CheckMemberUnion(call, org_id, "org_id", "所属工会"));
  Changes changes;
  GH_RETURN_IF_ERROR(ReadFields(call, body, nullptr, changes));
  std::string cols = "org_id, created_at, updated_at";
  std::string marks = "?, ?, ?";
  std::vector<db::Value> params = {org_id, call.now, call.now};
  for (auto& [col, value] : changes.columns) {
    cols += ", " + col;
    marks += ", ?";
    params.push_back(std::move(value));
  }
  int64_t id = call.tx.Insert(
      "INSERT INTO member (" + cols + ") VALUES (" + marks + ") RETURNING id", params);
  if (changes.children) ReplaceChildren(call.tx, id, *changes.children);
  org::MembersChanged(call.tx, org_id);
  GH_ASSIGN_OR_RETURN(Stored m, LoadInScope(call, id));
  audit::Record(call, "create", "member", id, org_id, nullptr, MaskedJson(m));
  GH_ASSIGN_OR_RETURN(nlohmann::json j, ReplyJson(call, m));
  return api::Reply::Created(std::move(j));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Stored before, LoadInScope(call, id));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (call.body.contains("org_id")) {
    return body.Error("org_id", "不能在此修改，请通过会员转移（POST /members/{id}/transfer）办理");
  }
  Changes changes;
  GH_RETURN_IF_ERROR(ReadFields(call, body, &before.row, changes));
  std::string sql = "UPDATE member SET updated_at = ?";
  std::vector<db::Value> params = {call.now};
  for (auto& [col, value] : changes.columns) {
    sql += ", " + col + " = ?";
    params.push_back(std::move(value));
  }
  params.push_back(id);
  call.tx.Exec(sql + " WHERE id = ?", params);
  if (changes.children) ReplaceChildren(call.tx, id, *changes.children);
  org::MembersChanged(call.tx, before.row.Int(kColOrgId));
  GH_ASSIGN_OR_RETURN(Stored after, LoadInScope(call, id));
  audit::Record(call, "update", "member", id, after.row.Int(kColOrgId), MaskedJson(before),
                MaskedJson(after));
  GH_ASSIGN_OR_RETURN(nlohmann::json j, ReplyJson(call, after));
  return api::Reply::Ok(std::move(j));
}

Result<api::Reply> Transfer(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(Stored before, LoadInScope(call, id));
  api::Body body(call.body, {{"to_org_id", "转入工会"}, {"reason", "转移原因"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t to, body.Int("to_org_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(std::string reason, body.Text("reason", false, 200));
  GH_RETURN_IF_ERROR(CheckMemberUnion(call, to, "to_org_id", "转入工会"));
  const int64_t from = before.row.Int(kColOrgId);
  if (to == from) return FailedPrecondition("会员已在该工会，无需转移", "to_org_id");
  call.tx.Exec(
      "INSERT INTO member_transfer (member_id, from_org_id, to_org_id, reason, user_id, at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {id, from, to, reason, call.who.user_id, call.now});
  call.tx.Exec("UPDATE member SET org_id = ?, updated_at = ? WHERE id = ?", {to, call.now, id});
  org::MembersChanged(call.tx, from);
  org::MembersChanged(call.tx, to);
  GH_ASSIGN_OR_RETURN(Stored after, LoadInScope(call, id));
  audit::Record(call, "transfer", "member", id, to, MaskedJson(before), MaskedJson(after));
  GH_ASSIGN_OR_RETURN(nlohmann::json j, ReplyJson(call, after));
  return api::Reply::Ok(std::move(j));
}

Result<api::Reply> Transfers(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_RETURN_IF_ERROR(RowInScope(call, id).status());
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : call.tx.Query(
           "SELECT t.at, t.from_org_id, f.name, t.to_org_id, g.name, t.reason, t.user_id "
           "FROM member_transfer t LEFT JOIN org f ON f.id = t.from_org_id "
           "LEFT JOIN org g ON g.id = t.to_org_id WHERE t.member_id = ? ORDER BY t.at, t.id",
           {id})) {
    std::optional<int64_t> user = r.OptInt(6);
    items.push_back({{"at", FormatTimestamp(r.Int(0))},
                     {"from_org_id", r.Int(1)},
                     {"from_org_name", r.Str(2)},
                     {"to_org_id", r.Int(3)},
                     {"to_org_name", r.Str(4)},
                     {"reason", r.Str(5)},
                     {"user_id", user ? nlohmann::json(*user) : nullptr}});
  }
  return api::Reply::Ok({{"items", std::move(items)}});
}

}  // namespace

void RegisterRoutes(api::Api& api) {
  api.Add({"GET",
           "/members",
           "member:member:read",
           "members",
           "会员列表",
           List,
           {"org_id", "axis", "q", "status", "tag", "page", "page_size"}});
  api.Add({"POST", "/members", "member:member:write", "members", "登记会员", Create});
  api.Add({"GET", "/members/{id}", "member:member:read", "members", "会员详情", Get});
  api.Add({"PATCH", "/members/{id}", "member:member:write", "members", "修改会员信息", Patch});
  api.Add({"POST", "/members/{id}/transfer", "member:member:write", "members", "会员转移（转会）",
           Transfer});
  api.Add({"GET", "/members/{id}/transfers", "member:member:read", "members", "会员转移记录",
           Transfers});
}

}  // namespace gonghui::member
