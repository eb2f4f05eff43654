#include "competition/competition.h"

#include <algorithm>
#include <map>
#include <set>

#include "api/args.h"
#include "api/body.h"
#include "audit/audit.h"
#include "campaign/campaign.h"
#include "competition/ranking.h"
#include "core/date.h"
#include "core/time.h"
#include "core/xlsx.h"
#include "honour/honour.h"
#include "stats/rollup.h"

namespace gonghui::competition {
namespace {

const std::vector<api::FieldDef> kFields = {
    {"org_id", "主办工会"},    {"name", "赛事名称"},       {"kind", "赛事类型"},
    {"level", "级别"},         {"start_date", "开始日期"}, {"end_date", "结束日期"},
    {"parent_id", "上级赛事"}, {"description", "说明"},    {"categories", "项目"}};

const std::vector<api::FieldDef> kEntryFields = {
    {"category_id", "项目"}, {"org_id", "参赛工会"}, {"member_id", "会员"},       {"name", "姓名"},
    {"team_name", "队名"},   {"members", "队员"},    {"special_awards", "特别奖"}};

constexpr const char* kColumns =
    "c.id, c.org_id, o.name, c.name, c.kind, c.level, c.start_date, c.end_date, c.parent_id, "
    "p.name, c.description, c.created_by, c.created_at, c.updated_at";
constexpr const char* kFrom =
    " FROM competition c JOIN org o ON o.id = c.org_id LEFT JOIN competition p ON p.id = "
    "c.parent_id";

constexpr const char* kEntryColumns =
    "e.id, e.competition_id, e.category_id, k.name, e.org_id, o.name, e.member_id, e.name, "
    "e.team_name, e.members, e.special_awards, e.score, e.place, e.qualified_from_entry_id, "
    "e.created_at, q.id";
constexpr const char* kEntryFrom =
    " FROM competition_entry e JOIN competition_category k ON k.id = e.category_id JOIN org o ON "
    "o.id = e.org_id LEFT JOIN competition_entry q ON q.qualified_from_entry_id = e.id";

nlohmann::json ParseArray(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return j.is_array() ? j : nlohmann::json::array();
}

struct Category {
  int64_t id = 0;
  std::string name, format, scoring;
  nlohmann::json awards, special_awards;
  int64_t qualify_top = 0;
};

std::vector<Category> Categories(db::Tx& tx, int64_t competition_id) {
  std::vector<Category> out;
  for (const db::Row& r :
       tx.Query("SELECT id, name, format, scoring, awards, special_awards, qualify_top FROM "
                "competition_category WHERE competition_id = ? ORDER BY position, id",
                {competition_id})) {
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3), ParseArray(r.Str(4)),
                   ParseArray(r.Str(5)), r.Int(6)});
  }
  return out;
}

std::vector<AwardTier> Tiers(const Category& k) {
  std::vector<AwardTier> out;
  for (const auto& a : k.awards) out.push_back({a["name"], a["up_to_rank"]});
  return out;
}

struct Standing {
  std::optional<int64_t> rank;
  std::string award;
};

// The category's entries in ranking order, with their rank and award.
std::vector<std::pair<int64_t, Standing>> Standings(db::Tx& tx, const Category& k) {
  std::vector<Entrant> entrants;
  const bool place = k.scoring == "place";
  for (const db::Row& r : tx.Query(
           "SELECT id, CASE WHEN team_name <> '' THEN team_name ELSE name END, score, place FROM "
           "competition_entry WHERE category_id = ?",
           {k.id})) {
    std::optional<double> result;
    if (place && !r.IsNull(3)) result = static_cast<double>(r.Int(3));
    if (!place && !r.IsNull(2)) result = r.Real(2);
    entrants.push_back({r.Int(0), r.Str(1), result});
  }
  std::vector<std::pair<int64_t, Standing>> out;
  const std::vector<AwardTier> tiers = Tiers(k);
  for (const Ranked& r : Rank(std::move(entrants), *ParseScoring(k.scoring))) {
    out.push_back({r.entry_id, {r.rank, AwardFor(r.rank, tiers)}});
  }
  return out;
}

nlohmann::json OptInt(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json EntryJson(const db::Row& r, const Standing& s) {
  return {{"id", r.Int(0)},
          {"competition_id", r.Int(1)},
          {"category_id", r.Int(2)},
          {"category_name", r.Str(3)},
          {"org_id", r.Int(4)},
          {"org_name", r.Str(5)},
          {"member_id", OptInt(r.OptInt(6))},
          {"name", r.Str(7)},
          {"team_name", r.Str(8)},
          {"members", ParseArray(r.Str(9))},
          {"special_awards", ParseArray(r.Str(10))},
          {"score", r.IsNull(11) ? nlohmann::json(nullptr) : nlohmann::json(r.Real(11))},
          {"place", OptInt(r.OptInt(12))},
          {"rank", OptInt(s.rank)},
          {"award", s.award},
          {"qualified_from_entry_id", OptInt(r.OptInt(13))},
          {"qualified_entry_id", OptInt(r.OptInt(15))},
          {"created_at", FormatTimestamp(r.Int(14))}};
}

// Entries with `where` (binding params), each with its standing in its category.
nlohmann::json Entries(db::Tx& tx, const std::string& where, const std::vector<db::Value>& params,
                       const std::string& order = "e.category_id, e.id") {
  std::vector<db::Row> rows = tx.Query(
      std::string("SELECT ") + kEntryColumns + kEntryFrom + where + " ORDER BY " + order, params);
  std::map<int64_t, Standing> standing;
  std::set<int64_t> categories;
  for (const db::Row& r : rows) categories.insert(r.Int(2));
  for (int64_t id : categories) {
    std::optional<db::Row> k = tx.QueryOne(
        "SELECT id, name, format, scoring, awards, special_awards, qualify_top FROM "
        "competition_category WHERE id = ?",
        {id});
    Category c{
        k->Int(0), k->Str(1), k->Str(2), k->Str(3), ParseArray(k->Str(4)), ParseArray(k->Str(5)),
        k->Int(6)};
    for (auto& [entry, s] : Standings(tx, c)) standing[entry] = s;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& r : rows) out.push_back(EntryJson(r, standing[r.Int(0)]));
  return out;
}

nlohmann::json CompetitionJson(db::Tx& tx, const db::Row& r) {
  nlohmann::json categories = nlohmann::json::array();
  for (const Category& k : Categories(tx, r.Int(0))) {
    categories.push_back(
        {{"id", k.id},
         {"name", k.name},
         {"format", k.format},
         {"scoring", k.scoring},
         {"awards", k.awards},
         {"special_awards", k.special_awards},
         {"qualify_top", k.qualify_top},
         {"entry_count",
          tx.QueryInt("SELECT COUNT(*) FROM competition_entry WHERE category_id = ?", {k.id})},
         {"result_count", tx.QueryInt("SELECT COUNT(*) FROM competition_entry WHERE category_id = "
                                      "? AND (score IS NOT NULL OR place IS NOT NULL)",
                                      {k.id})}});
  }
  return {{"id", r.Int(0)},
          {"org_id", r.Int(1)},
          {"org_name", r.Str(2)},
          {"name", r.Str(3)},
          {"kind", r.Str(4)},
          {"level", r.Str(5)},
          {"level_label", honour::LevelLabel(r.Str(5))},
          {"start_date", r.Str(6)},
          {"end_date", r.Str(7)},
          {"parent_id", OptInt(r.OptInt(8))},
          {"parent_name", r.OptStr(9).value_or("")},
          {"description", r.Str(10)},
          {"categories", std::move(categories)},
          {"created_by", OptInt(r.OptInt(11))},
          {"created_at", FormatTimestamp(r.Int(12))},
          {"updated_at", FormatTimestamp(r.Int(13))}};
}

// The competition when it reaches the caller; kNotFound otherwise.
Result<nlohmann::json> LoadVisible(api::Call& call, int64_t id) {
  std::optional<db::Row> r =
      call.tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE c.id = ?", {id});
  if (!r || !campaign::Reaches(call.tx, call.who.org_id, r->Int(1))) {
    return NotFound("赛事不存在");
  }
  return CompetitionJson(call.tx, *r);
}

Status RequireOrganiser(api::Call& call, const nlohmann::json& c) {
  if (auth::InScope(call.tx, call.who, c["org_id"].get<int64_t>())) return Status::Ok();
  return PermissionDenied("只有主办工会及其上级可以修改该赛事、录入成绩或推荐晋级");
}

Result<Category> FindCategory(db::Tx& tx, int64_t competition_id, int64_t category_id,
                              const std::string& field) {
  for (Category& k : Categories(tx, competition_id)) {
    if (k.id == category_id) return std::move(k);
  }
  return InvalidArgument(field, "项目（" + field + "）不属于该赛事");
}

// --- Events -----------------------------------------------------------------

Result<std::vector<AwardTier>> ReadTiers(const nlohmann::json& v, const std::string& field) {
  std::vector<AwardTier> out;
  if (v.is_null()) return out;
  if (!v.is_array() || v.size() > 20) return InvalidArgument(field, "奖项应为最多 20 项的数组");
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    const nlohmann::json& a = v[i];
    if (!a.is_object() || !a.contains("name") || !a["name"].is_string() ||
        a["name"].get<std::string>().empty() ||
        api::Utf8Length(a["name"].get<std::string>()) > 20) {
      return InvalidArgument(f + ".name", "奖项名称（" + f + ".name）不能为空且不超过 20 字");
    }
    if (!a.contains("up_to_rank") || !a["up_to_rank"].is_number_integer() ||
        a["up_to_rank"].get<int64_t>() < 1 || a["up_to_rank"].get<int64_t>() > 1000) {
      return InvalidArgument(f + ".up_to_rank",
                             "获奖名次（" + f + ".up_to_rank）应为 1–1000 的整数");
    }
    for (const auto& [key, value] : a.items()) {
      if (key != "name" && key != "up_to_rank")
        return InvalidArgument(f + "." + key, "未知字段：" + f + "." + key);
    }
    out.push_back({a["name"], a["up_to_rank"]});
  }
  std::sort(out.begin(), out.end(),
            [](const AwardTier& a, const AwardTier& b) { return a.up_to_rank < b.up_to_rank; });
  return out;
}

struct CategoryInput {
  std::optional<int64_t> id;
  std::string name, format, scoring;
  std::vector<AwardTier> awards;
  std::vector<std::string> special_awards;
  int64_t qualify_top = 0;
};

Result<std::vector<CategoryInput>> ReadCategories(const api::Body& body) {
  const nlohmann::json* v = body.Get("categories");
  if (!v || !v->is_array() || v->empty() || v->size() > 50) {
    return body.Error("categories", "应为 1–50 项的数组");
  }
  std::vector<CategoryInput> out;
  std::set<std::string> names;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string f = "categories[" + std::to_string(i) + "]";
    const nlohmann::json& j = (*v)[i];
    if (!j.is_object()) return InvalidArgument(f, "项目（" + f + "）应为对象");
    const std::vector<api::FieldDef> fields = {{"id", "编号"},
                                               {"name", "项目名称"},
                                               {"format", "赛制"},
                                               {"scoring", "计分方式"},
                                               {"awards", "奖项"},
                                               {"special_awards", "特别奖"},
                                               {"qualify_top", "晋级名额"}};
    api::Body c(j, fields);
    if (Status s = c.CheckUnknown(); !s.ok())
      return InvalidArgument(f + "." + s.field(), s.message());
    CategoryInput in;
    auto prefixed = [&](const Status& s) {
      return InvalidArgument(f + "." + s.field(), s.message());
    };
    if (auto id = c.OptInt("id", 1, INT64_MAX); !id.ok())
      return prefixed(id.status());
    else
      in.id = *id;
    if (auto name = c.Text("name", true, 50); !name.ok())
      return prefixed(name.status());
    else
      in.name = *name;
    if (!names.insert(in.name).second)
      return InvalidArgument(f + ".name", "项目名称（" + f + ".name）重复");
    in.format = j.value("format", "individual");
    if (in.format != "individual" && in.format != "team") {
      return InvalidArgument(f + ".format",
                             "赛制（" + f + ".format）应为 individual（个人）或 team（团体）");
    }
    in.scoring = j.value("scoring", "place");
    if (!ParseScoring(in.scoring)) {
      return InvalidArgument(
          f + ".scoring",
          "计分方式（" + f +
              ".scoring）应为 place（名次）、high（分高者胜）或 low（分低或用时短者胜）");
    }
    GH_ASSIGN_OR_RETURN(in.awards, ReadTiers(j.value("awards", nlohmann::json()), f + ".awards"));
    if (auto list = c.TextList("special_awards", 10, 20); !list.ok())
      return prefixed(list.status());
    else
      in.special_awards = *list;
    if (auto top = c.OptInt("qualify_top", 0, 1000); !top.ok())
      return prefixed(top.status());
    else
      in.qualify_top = top->value_or(0);
    out.push_back(std::move(in));
  }
  return out;
}

Status WriteCategories(api::Call& call, int64_t competition_id,
                       const std::vector<CategoryInput>& list) {
  std::set<int64_t> kept;
  for (const CategoryInput& in : list) {
    if (in.id) kept.insert(*in.id);
  }
  for (const Category& k : Categories(call.tx, competition_id)) {
    if (kept.count(k.id)) continue;
    if (call.tx.QueryInt("SELECT COUNT(*) FROM competition_entry WHERE category_id = ?", {k.id}) >
        0) {
      return FailedPrecondition("项目“" + k.name + "”已有报名，不能删除", "categories");
    }
    call.tx.Exec("DELETE FROM competition_category WHERE id = ?", {k.id});
  }
  // Names are unique per event: park kept rows under temporary names first.
  call.tx.Exec(
      "UPDATE competition_category SET name = '#' || CAST(id AS TEXT) WHERE competition_id = ?",
      {competition_id});
  for (size_t i = 0; i < list.size(); ++i) {
    const CategoryInput& in = list[i];
    nlohmann::json awards = nlohmann::json::array();
    for (const AwardTier& t : in.awards)
      awards.push_back({{"name", t.name}, {"up_to_rank", t.up_to_rank}});
    const std::vector<db::Value> values = {static_cast<int64_t>(i),
                                           in.name,
                                           in.format,
                                           in.scoring,
                                           awards.dump(),
                                           nlohmann::json(in.special_awards).dump(),
                                           in.qualify_top};
    if (in.id) {
      if (call.tx.QueryInt("SELECT COUNT(*) FROM competition_category WHERE id = ? AND "
                           "competition_id = ?",
                           {*in.id, competition_id}) == 0) {
        return InvalidArgument("categories[" + std::to_string(i) + "].id", "项目不属于该赛事");
      }
      std::vector<db::Value> p = values;
      p.push_back(*in.id);
      call.tx.Exec(
          "UPDATE competition_category SET position = ?, name = ?, format = ?, scoring = ?, "
          "awards = ?, special_awards = ?, qualify_top = ? WHERE id = ?",
          p);
    } else {
      std::vector<db::Value> p = {competition_id};
      p.insert(p.end(), values.begin(), values.end());
      call.tx.Exec(
          "INSERT INTO competition_category (competition_id, position, name, format, scoring, "
          "awards, special_awards, qualify_top) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          p);
    }
  }
  return Status::Ok();
}

// Reads the event's own fields into `c` (the current values when patching).
Status ParseEvent(api::Call& call, const api::Body& body, bool creating, nlohmann::json& c) {
  if (creating || body.Has("name")) {
    GH_ASSIGN_OR_RETURN(std::string name, body.Text("name", true, 200));
    c["name"] = name;
  }
  if (creating || body.Has("kind")) {
    GH_ASSIGN_OR_RETURN(std::string kind, body.Text("kind", true, 20));
    if (kind != "sports" && kind != "skills")
      return body.Error("kind", "应为 sports（体育）或 skills（技能）");
    c["kind"] = kind;
  }
  if (creating || body.Has("level")) {
    GH_ASSIGN_OR_RETURN(std::string level, body.Text("level", true, 20));
    if (level != "national" && level != "city" && level != "district" && level != "grassroots") {
      return body.Error(
          "level", "应为 national（全国）、city（市级）、district（区县级）或 grassroots（基层）");
    }
    c["level"] = level;
  }
  if (creating || body.Has("start_date")) {
    GH_ASSIGN_OR_RETURN(std::string d, body.Text("start_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(d, "start_date").status());
    c["start_date"] = d;
    if (creating && !body.Has("end_date")) c["end_date"] = d;
  }
  if (body.Has("end_date")) {
    GH_ASSIGN_OR_RETURN(std::string d, body.Text("end_date", true, 10));
    GH_RETURN_IF_ERROR(ParseDate(d, "end_date").status());
    c["end_date"] = d;
  }
  if (c["end_date"].get<std::string>() < c["start_date"].get<std::string>()) {
    return body.Error("end_date", "不能早于开始日期");
  }
  if (creating || body.Has("description")) {
    GH_ASSIGN_OR_RETURN(std::string d, body.Text("description", false, 5000));
    c["description"] = d;
  }
  if (call.body.contains("parent_id")) {
    GH_ASSIGN_OR_RETURN(std::optional<int64_t> parent, body.OptInt("parent_id", 1, INT64_MAX));
    if (parent) {
      std::optional<db::Row> p =
          call.tx.QueryOne("SELECT org_id FROM competition WHERE id = ?", {*parent});
      if (!p || !campaign::Reaches(call.tx, call.who.org_id, p->Int(0))) {
        return body.Error("parent_id", "所指上级赛事不存在");
      }
      // No cycles: walk up from the parent.
      const int64_t self = c.value("id", int64_t{0});
      std::optional<int64_t> at = parent;
      for (int guard = 0; at && guard < 100; ++guard) {
        if (*at == self) return body.Error("parent_id", "不能是本赛事或其下级赛事");
        std::optional<db::Row> up =
            call.tx.QueryOne("SELECT parent_id FROM competition WHERE id = ?", {*at});
        at = up ? up->OptInt(0) : std::nullopt;
      }
    }
    c["parent_id"] = OptInt(parent);
  }
  return Status::Ok();
}

Result<api::Reply> Create(api::Call& call) {
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(const int64_t org_id, api::OwnerOrg(call, body, "主办工会"));
  nlohmann::json c = {{"end_date", ""}, {"parent_id", nullptr}};
  GH_RETURN_IF_ERROR(ParseEvent(call, body, true, c));
  GH_ASSIGN_OR_RETURN(std::vector<CategoryInput> categories, ReadCategories(body));
  for (const CategoryInput& k : categories) {
    if (k.id) return InvalidArgument("categories", "新建赛事的项目不能带编号（id）");
  }
  const int64_t id = call.tx.Insert(
      "INSERT INTO competition (org_id, name, kind, level, start_date, end_date, parent_id, "
      "description, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {org_id, c["name"].get<std::string>(), c["kind"].get<std::string>(),
       c["level"].get<std::string>(), c["start_date"].get<std::string>(),
       c["end_date"].get<std::string>(),
       c["parent_id"].is_null() ? db::Null() : db::Value(c["parent_id"].get<int64_t>()),
       c["description"].get<std::string>(), call.who.user_id, call.now, call.now});
  GH_RETURN_IF_ERROR(WriteCategories(call, id, categories));
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadVisible(call, id));
  audit::Record(call, "create", "competition", id, org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> Patch(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadVisible(call, id));
  GH_RETURN_IF_ERROR(RequireOrganiser(call, before));
  api::Body body(call.body, kFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  if (body.Has("org_id")) {
    GH_ASSIGN_OR_RETURN(int64_t given, body.Int("org_id", 1, INT64_MAX));
    if (given != before["org_id"].get<int64_t>()) return body.Error("org_id", "创建后不能修改");
  }
  nlohmann::json c = before;
  GH_RETURN_IF_ERROR(ParseEvent(call, body, false, c));
  call.tx.Exec(
      "UPDATE competition SET name = ?, kind = ?, level = ?, start_date = ?, end_date = ?, "
      "parent_id = ?, description = ?, updated_at = ? WHERE id = ?",
      {c["name"].get<std::string>(), c["kind"].get<std::string>(), c["level"].get<std::string>(),
       c["start_date"].get<std::string>(), c["end_date"].get<std::string>(),
       c["parent_id"].is_null() ? db::Null() : db::Value(c["parent_id"].get<int64_t>()),
       c["description"].get<std::string>(), call.now, id});
  if (call.body.contains("categories")) {
    GH_ASSIGN_OR_RETURN(std::vector<CategoryInput> categories, ReadCategories(body));
    GH_RETURN_IF_ERROR(WriteCategories(call, id, categories));
  }
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadVisible(call, id));
  audit::Record(call, "update", "competition", id, before["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> List(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::vector<db::Value> params;
  std::string where = " WHERE " + campaign::ReachSql("c.org_id", call.who.org_id, params);
  if (p.org_id) {
    GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
    where += " AND " + campaign::ReachSql("c.org_id", sub.root, params);
  }
  for (const char* key : {"kind", "level"}) {
    if (auto v = call.req.Query(key); v && !v->empty()) {
      where += std::string(" AND c.") + key + " = ?";
      params.push_back(*v);
    }
  }
  if (p.year) {
    where += " AND " + api::TouchesYear("c.start_date", "c.start_date", *p.year, params);
  }
  if (!p.q.empty()) {
    where += " AND c.name LIKE ? ESCAPE '\\'";
    params.push_back(db::ContainsPattern(p.q));
  }
  api::PageRows page =
      api::QueryPage(call.tx, kColumns, kFrom + where, params, "c.start_date DESC, c.id DESC", p);
  nlohmann::json items = nlohmann::json::array();
  for (const db::Row& r : page.rows) items.push_back(CompetitionJson(call.tx, r));
  return api::Reply::Ok(api::Page(std::move(items), page.total, p));
}

// --- Entries ----------------------------------------------------------------

Result<nlohmann::json> LoadEntry(api::Call& call, int64_t competition_id, int64_t entry_id) {
  nlohmann::json e =
      Entries(call.tx, " WHERE e.id = ? AND e.competition_id = ?", {entry_id, competition_id});
  if (e.empty() || !auth::InScope(call.tx, call.who, e[0]["org_id"].get<int64_t>())) {
    return NotFound("报名记录不存在或不在您的管辖范围内");
  }
  return e[0];
}

Status ReadSpecialAwards(const api::Body& body, const Category& k, nlohmann::json& out) {
  if (!body.Has("special_awards")) return Status::Ok();
  GH_ASSIGN_OR_RETURN(std::vector<std::string> list, body.TextList("special_awards", 10, 20));
  for (size_t i = 0; i < list.size(); ++i) {
    if (std::find(k.special_awards.begin(), k.special_awards.end(), list[i]) ==
        k.special_awards.end()) {
      return InvalidArgument("special_awards[" + std::to_string(i) + "]",
                             "特别奖“" + list[i] + "”不是项目“" + k.name + "”设立的特别奖");
    }
  }
  out = list;
  return Status::Ok();
}

Status ReadEntrant(api::Call& call, const api::Body& body, const Category& k, nlohmann::json& e) {
  for (const char* key : {"name", "team_name"}) {
    if (call.body.contains(key)) {
      GH_ASSIGN_OR_RETURN(std::string v, body.Text(key, false, 50));
      e[key] = v;
    }
  }
  if (call.body.contains("members")) {
    GH_ASSIGN_OR_RETURN(std::vector<std::string> members, body.TextList("members", 50, 50));
    e["members"] = members;
  }
  GH_RETURN_IF_ERROR(ReadSpecialAwards(body, k, e["special_awards"]));
  if (k.format == "team" && e["team_name"].get<std::string>().empty()) {
    return body.Error("team_name", "团体项目须填写队名");
  }
  if (k.format == "individual" && e["name"].get<std::string>().empty()) {
    return body.Error("name", "个人项目须指明会员（member_id）或填写姓名");
  }
  return Status::Ok();
}

Result<api::Reply> CreateEntry(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  api::Body body(call.body, kEntryFields);
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t category_id, body.Int("category_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(Category k, FindCategory(call.tx, id, category_id, "category_id"));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> member_id, body.OptInt("member_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> given_org, body.OptInt("org_id", 1, INT64_MAX));
  nlohmann::json e = {{"name", ""},
                      {"team_name", ""},
                      {"members", nlohmann::json::array()},
                      {"special_awards", nlohmann::json::array()}};
  int64_t org_id = given_org.value_or(call.who.org_id);
  if (member_id) {
    std::optional<db::Row> m =
        call.tx.QueryOne("SELECT org_id, name FROM member WHERE id = ?", {*member_id});
    if (!m || !auth::InScope(call.tx, call.who, m->Int(0))) {
      return body.Error("member_id", "所指会员不存在或不在您的管辖范围内");
    }
    if (given_org && *given_org != m->Int(0)) return body.Error("org_id", "应为该会员所在的工会");
    org_id = m->Int(0);
    e["name"] = m->Str(1);
  }
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return Status(Code::kNotFound, "参赛工会不存在或不在您的管辖范围内", "org_id");
  }
  if (call.tx.QueryInt(
          "SELECT COUNT(*) FROM org_closure WHERE ancestor_id = ? AND descendant_id = ?",
          {c["org_id"].get<int64_t>(), org_id}) == 0) {
    return body.Error("org_id", "不在主办工会“" + c["org_name"].get<std::string>() + "”的范围内");
  }
  GH_RETURN_IF_ERROR(ReadEntrant(call, body, k, e));
  const int64_t entry_id = call.tx.Insert(
      "INSERT INTO competition_entry (competition_id, category_id, org_id, member_id, name, "
      "team_name, members, special_awards, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {id, k.id, org_id, db::OrNull(member_id), e["name"].get<std::string>(),
       e["team_name"].get<std::string>(), e["members"].dump(), e["special_awards"].dump(),
       call.who.user_id, call.now, call.now});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadEntry(call, id, entry_id));
  audit::Record(call, "create", "competition_entry", entry_id, org_id, nullptr, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> PatchEntry(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId(0));
  GH_ASSIGN_OR_RETURN(int64_t entry_id, call.PathId(1));
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadEntry(call, id, entry_id));
  api::Body body(
      call.body,
      {{"name", "姓名"}, {"team_name", "队名"}, {"members", "队员"}, {"special_awards", "特别奖"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(Category k, FindCategory(call.tx, id, before["category_id"], "category_id"));
  nlohmann::json e = before;
  GH_RETURN_IF_ERROR(ReadEntrant(call, body, k, e));
  call.tx.Exec(
      "UPDATE competition_entry SET name = ?, team_name = ?, members = ?, special_awards = ?, "
      "updated_at = ? WHERE id = ?",
      {e["name"].get<std::string>(), e["team_name"].get<std::string>(), e["members"].dump(),
       e["special_awards"].dump(), call.now, entry_id});
  GH_ASSIGN_OR_RETURN(nlohmann::json after, LoadEntry(call, id, entry_id));
  audit::Record(call, "update", "competition_entry", entry_id, before["org_id"].get<int64_t>(),
                before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> DeleteEntry(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId(0));
  GH_ASSIGN_OR_RETURN(int64_t entry_id, call.PathId(1));
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  GH_ASSIGN_OR_RETURN(nlohmann::json before, LoadEntry(call, id, entry_id));
  if (!before["qualified_entry_id"].is_null()) {
    return FailedPrecondition("该报名已晋级上级赛事，不能撤销");
  }
  call.tx.Exec("DELETE FROM competition_entry WHERE id = ?", {entry_id});
  audit::Record(call, "delete", "competition_entry", entry_id, before["org_id"].get<int64_t>(),
                before, nullptr);
  return api::Reply::NoContent();
}

Result<api::Reply> ListEntries(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  std::vector<db::Value> params = {id};
  std::string where = " WHERE e.competition_id = ?";
  if (p.org_id || !p.axis.empty() || !auth::InScope(call.tx, call.who, c["org_id"])) {
    // Outside the organiser's own cadres, a caller sees its subtree's entries.
    GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
    where += " AND " + api::InSubtree("e.org_id", sub, params);
  }
  if (auto v = call.req.Query("category_id"); v && !v->empty()) {
    if (v->find_first_not_of("0123456789") != std::string::npos || v->size() > 18) {
      return Status(Code::kBadRequest, "查询参数 category_id 应为项目编号", "category_id");
    }
    where += " AND e.category_id = ?";
    params.push_back(int64_t{std::stoll(*v)});
  }
  return api::Reply::Ok({{"items", Entries(call.tx, where, params)}});
}

// --- Results, ranking, qualification ------------------------------------------

nlohmann::json CategoryRanking(db::Tx& tx, const Category& k) {
  std::vector<std::pair<int64_t, Standing>> standings = Standings(tx, k);
  nlohmann::json by_id = nlohmann::json::object();
  for (const auto& e : Entries(tx, " WHERE e.category_id = ?", {k.id})) {
    by_id[std::to_string(e["id"].get<int64_t>())] = e;
  }
  nlohmann::json items = nlohmann::json::array();
  bool complete = true;
  for (const auto& [entry_id, s] : standings) {
    items.push_back(by_id[std::to_string(entry_id)]);
    complete = complete && s.rank.has_value();
  }
  return {{"id", k.id},           {"name", k.name},       {"format", k.format},
          {"scoring", k.scoring}, {"complete", complete}, {"items", std::move(items)}};
}

Result<api::Reply> RecordResults(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  GH_RETURN_IF_ERROR(RequireOrganiser(call, c));
  api::Body body(call.body, {{"category_id", "项目"}, {"results", "成绩"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t category_id, body.Int("category_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(Category k, FindCategory(call.tx, id, category_id, "category_id"));
  const nlohmann::json* results = body.Get("results");
  if (!results || !results->is_array() || results->size() > 2000) {
    return body.Error("results", "应为最多 2000 项的数组");
  }
  const nlohmann::json before = CategoryRanking(call.tx, k);
  const bool place = k.scoring == "place";
  for (size_t i = 0; i < results->size(); ++i) {
    const std::string f = "results[" + std::to_string(i) + "]";
    const nlohmann::json& r = (*results)[i];
    if (!r.is_object()) return InvalidArgument(f, "成绩（" + f + "）应为对象");
    for (const auto& [key, value] : r.items()) {
      if (key != "entry_id" && key != "score" && key != "place") {
        return InvalidArgument(f + "." + key, "未知字段：" + f + "." + key);
      }
    }
    if (!r.contains("entry_id") || !r["entry_id"].is_number_integer() ||
        call.tx.QueryInt("SELECT COUNT(*) FROM competition_entry WHERE id = ? AND category_id = ?",
                         {r["entry_id"].get<int64_t>(), k.id}) == 0) {
      return InvalidArgument(f + ".entry_id", "报名（" + f + ".entry_id）不属于该项目");
    }
    const char* key = place ? "place" : "score";
    const std::string field = f + "." + key;
    db::Value value = db::Null();
    if (r.contains(key) && !r[key].is_null()) {
      if (place) {
        if (!r[key].is_number_integer() || r[key].get<int64_t>() < 1 ||
            r[key].get<int64_t>() > 100000) {
          return InvalidArgument(field, "名次（" + field + "）应为正整数");
        }
        value = r[key].get<int64_t>();
      } else {
        if (!r[key].is_number()) return InvalidArgument(field, "成绩（" + field + "）应为数字");
        value = r[key].get<double>();
      }
    } else if (r.contains(place ? "score" : "place") && !r[place ? "score" : "place"].is_null()) {
      return InvalidArgument(
          field, std::string("该项目按") + (place ? "名次" : "得分") + "排名，请填写 " + key);
    }
    call.tx.Exec(
        std::string("UPDATE competition_entry SET ") + key + " = ?, updated_at = ? WHERE id = ?",
        {value, call.now, r["entry_id"].get<int64_t>()});
  }
  nlohmann::json after = CategoryRanking(call.tx, k);
  audit::Record(call, "results", "competition", id, c["org_id"].get<int64_t>(), before, after);
  return api::Reply::Ok(std::move(after));
}

Result<api::Reply> GetRanking(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  const std::string format = call.req.Query("format").value_or("json");
  if (format != "json" && format != "xlsx") {
    return InvalidArgument("format", "查询参数 format 应为 json 或 xlsx");
  }
  std::optional<int64_t> only;
  if (auto v = call.req.Query("category_id"); v && !v->empty()) {
    if (v->find_first_not_of("0123456789") != std::string::npos || v->size() > 18) {
      return Status(Code::kBadRequest, "查询参数 category_id 应为项目编号", "category_id");
    }
    only = std::stoll(*v);
    GH_RETURN_IF_ERROR(FindCategory(call.tx, id, *only, "category_id").status());
  }
  nlohmann::json categories = nlohmann::json::array();
  std::vector<XlsxSheet> sheets;
  for (const Category& k : Categories(call.tx, id)) {
    if (only && *only != k.id) continue;
    nlohmann::json ranking = CategoryRanking(call.tx, k);
    XlsxSheet sheet{
        k.name,
        c["name"].get<std::string>() + " " + k.name + " 成绩排名",
        {"名次", k.format == "team" ? "队名" : "姓名", "工会", "成绩", "奖项", "特别奖"},
        {}};
    for (const auto& e : ranking["items"]) {
      std::string special;
      for (const auto& s : e["special_awards"])
        special += (special.empty() ? "" : "、") + s.get<std::string>();
      XlsxCell result = std::string("");
      if (!e["place"].is_null()) result = e["place"].get<int64_t>();
      if (!e["score"].is_null()) result = e["score"].get<double>();
      sheet.rows.push_back(
          {e["rank"].is_null() ? XlsxCell(std::string("")) : XlsxCell(e["rank"].get<int64_t>()),
           k.format == "team" ? e["team_name"].get<std::string>() : e["name"].get<std::string>(),
           e["org_name"].get<std::string>(), result, e["award"].get<std::string>(), special});
    }
    sheets.push_back(std::move(sheet));
    categories.push_back(std::move(ranking));
  }
  if (format == "xlsx") {
    GH_ASSIGN_OR_RETURN(std::string bytes, WriteXlsx(sheets));
    return api::Download(
        std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "成绩排名-" + std::to_string(id) + ".xlsx", "ranking-" + std::to_string(id) + ".xlsx");
  }
  return api::Reply::Ok({{"competition", std::move(c)}, {"categories", std::move(categories)}});
}

Result<api::Reply> Qualify(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json c, LoadVisible(call, id));
  GH_RETURN_IF_ERROR(RequireOrganiser(call, c));
  api::Body body(call.body, {{"category_id", "项目"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(int64_t category_id, body.Int("category_id", 1, INT64_MAX));
  GH_ASSIGN_OR_RETURN(Category k, FindCategory(call.tx, id, category_id, "category_id"));
  if (c["parent_id"].is_null())
    return FailedPrecondition("该赛事没有上级赛事，无法推荐晋级", "parent_id");
  if (k.qualify_top == 0)
    return FailedPrecondition("项目“" + k.name + "”未设晋级名额（qualify_top）", "qualify_top");
  const int64_t parent_id = c["parent_id"];
  std::optional<db::Row> target =
      call.tx.QueryOne("SELECT id FROM competition_category WHERE competition_id = ? AND name = ?",
                       {parent_id, k.name});
  if (!target) {
    return FailedPrecondition(
        "上级赛事“" + c["parent_name"].get<std::string>() + "”没有项目“" + k.name + "”",
        "category_id");
  }
  std::vector<Ranked> ranked;
  for (const auto& [entry_id, s] : Standings(call.tx, k)) ranked.push_back({entry_id, s.rank});
  if (!Complete(ranked))
    return FailedPrecondition("项目“" + k.name + "”的成绩尚未录入完整，不能推荐晋级", "results");
  int64_t created = 0, existing = 0;
  std::vector<int64_t> ids;
  std::set<int64_t> fresh;
  for (int64_t entry_id : Qualifiers(ranked, k.qualify_top)) {
    std::optional<db::Row> done = call.tx.QueryOne(
        "SELECT id FROM competition_entry WHERE qualified_from_entry_id = ?", {entry_id});
    if (done) {
      ++existing;
      ids.push_back(done->Int(0));
      continue;
    }
    const int64_t new_id = call.tx.Insert(
        "INSERT INTO competition_entry (competition_id, category_id, org_id, member_id, name, "
        "team_name, members, special_awards, qualified_from_entry_id, created_by, created_at, "
        "updated_at) SELECT ?, ?, org_id, member_id, name, team_name, members, '[]', id, ?, ?, ? "
        "FROM competition_entry WHERE id = ? RETURNING id",
        {parent_id, target->Int(0), call.who.user_id, call.now, call.now, entry_id});
    ++created;
    ids.push_back(new_id);
    fresh.insert(new_id);
  }
  nlohmann::json items = nlohmann::json::array();
  for (int64_t e : ids) {
    nlohmann::json one = Entries(call.tx, " WHERE e.id = ?", {e});
    items.push_back(one[0]);
    if (fresh.count(e)) {
      audit::Record(call, "qualify", "competition_entry", e, one[0]["org_id"].get<int64_t>(),
                    nullptr, one[0]);
    }
  }
  return api::Reply::Ok(
      {{"created", created}, {"existing", existing}, {"items", std::move(items)}});
}

// GET /competitions/entries: entries of visible events whose union lies in the subtree.
Result<api::Reply> ListAllEntries(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  GH_ASSIGN_OR_RETURN(api::Subtree sub, api::ResolveSubtree(call.tx, call.who, p));
  std::vector<db::Value> params;
  // Appended one by one: the order of the bound values must follow the text.
  std::string where = " JOIN competition ev ON ev.id = e.competition_id WHERE ";
  where += api::InSubtree("e.org_id", sub, params);
  where += " AND " + campaign::ReachSql("ev.org_id", call.who.org_id, params);
  if (p.year) {
    where += " AND " + api::TouchesYear("ev.start_date", "ev.start_date", *p.year, params);
  }
  if (p.own) {
    where += " AND e.org_id = ?";
    params.push_back(sub.root);
  }
  std::optional<bool> awarded;
  if (auto v = call.req.Query("awarded"); v && !v->empty()) {
    if (*v != "true" && *v != "false")
      return InvalidArgument("awarded", "查询参数 awarded 应为 true 或 false");
    awarded = *v == "true";
  }
  nlohmann::json all = Entries(call.tx, where, params,
                               "ev.start_date DESC, e.competition_id DESC, e.category_id, e.id");
  nlohmann::json items = nlohmann::json::array();
  int64_t total = 0;
  for (auto& e : all) {
    if (awarded && (e["award"].get<std::string>().empty() == *awarded)) continue;
    if (total >= p.offset() && total < p.offset() + p.page_size) items.push_back(std::move(e));
    ++total;
  }
  return api::Reply::Ok(api::Page(std::move(items), total, p));
}

}  // namespace

nlohmann::json Figures(db::Tx& tx, int64_t viewer_org, int64_t root, const std::string& axis,
                       const std::optional<std::string>& year) {
  std::vector<db::Value> params;
  std::string join = stats::RollUpJoin("e.org_id", root, axis, params);
  // Appended one by one: the order of the bound values must follow the text.
  std::string where = " JOIN competition ev ON ev.id = e.competition_id" + join + " WHERE ";
  where += api::SubtreeHas("e.org_id", {root, axis}, params);
  where += " AND " + campaign::ReachSql("ev.org_id", viewer_org, params);
  if (year) {
    where += " AND " + api::TouchesYear("ev.start_date", "ev.start_date", std::stoi(*year), params);
  }
  // Keys of each entry's child, then standings per category.
  std::map<int64_t, int64_t> key_of;
  for (const db::Row& r : tx.Query(
           "SELECT e.id, " + stats::RollUpKey("e.org_id") + " FROM competition_entry e" + where,
           params)) {
    key_of[r.Int(0)] = r.Int(1);
  }
  struct Sum {
    int64_t entries = 0, awarded = 0, special = 0, qualified = 0;
  };
  std::map<int64_t, Sum> by_key;
  Sum total;
  if (!key_of.empty()) {
    std::string ids;
    for (const auto& [id, key] : key_of) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    for (const auto& e : Entries(tx, " WHERE e.id IN (" + ids + ")", {})) {
      for (Sum* s : {&by_key[key_of[e["id"].get<int64_t>()]], &total}) {
        s->entries += 1;
        s->awarded += e["award"].get<std::string>().empty() ? 0 : 1;
        s->special += static_cast<int64_t>(e["special_awards"].size());
        s->qualified += e["qualified_entry_id"].is_null() ? 0 : 1;
      }
    }
  }
  const std::string year_query = year ? "year=" + *year : "";
  nlohmann::json by_org = nlohmann::json::array();
  auto row = [&](int64_t org_id, const std::string& name, bool own, const Sum& s) {
    return nlohmann::json{
        {"org_id", org_id},
        {"org_name", name},
        {"own", own},
        {"entries", s.entries},
        {"awarded", s.awarded},
        {"special_awards", s.special},
        {"qualified", s.qualified},
        {"link", stats::Link("/competitions/entries",
                             own ? (year_query.empty() ? "own=true" : year_query + "&own=true")
                                 : year_query,
                             org_id, axis)}};
  };
  for (const stats::Child& child : stats::Children(tx, root, axis)) {
    if (auto it = by_key.find(child.id); it != by_key.end())
      by_org.push_back(row(child.id, child.name, false, it->second));
  }
  if (auto it = by_key.find(root); it != by_key.end())
    by_org.push_back(row(root, "本级", true, it->second));
  nlohmann::json out = row(root, "", false, total);
  out.erase("org_id");
  out.erase("org_name");
  out.erase("own");
  out["by_org"] = std::move(by_org);
  return out;
}

void RegisterRoutes(api::Api& api) {
  const std::string read = "competition:event:read";
  const std::string write = "competition:event:write";
  api.Add({"GET",
           "/competitions",
           read,
           "competitions",
           "赛事列表",
           List,
           {"org_id", "axis", "kind", "level", "year", "q", "page", "page_size"}});
  api.Add({"POST", "/competitions", write, "competitions", "新建赛事（含项目）", Create});
  api.Add({"GET",
           "/competitions/entries",
           read,
           "competitions",
           "子树内工会的参赛报名（统计数字背后的记录）",
           ListAllEntries,
           {"org_id", "axis", "year", "awarded", "own", "page", "page_size"}});
  api.Add(
      {"GET", "/competitions/{id}", read, "competitions", "赛事详情", api::GetById<LoadVisible>});
  api.Add({"PATCH", "/competitions/{id}", write, "competitions", "修改赛事及项目", Patch});
  api.Add({"GET",
           "/competitions/{id}/entries",
           read,
           "competitions",
           "赛事报名列表",
           ListEntries,
           {"category_id", "org_id", "axis"}});
  api.Add({"POST", "/competitions/{id}/entries", write, "competitions", "报名参赛", CreateEntry});
  api.Add({"PATCH", "/competitions/{id}/entries/{entry_id}", write, "competitions",
           "修改报名（含特别奖）", PatchEntry});
  api.Add({"DELETE", "/competitions/{id}/entries/{entry_id}", write, "competitions", "撤销报名",
           DeleteEntry});
  api.Add({"POST", "/competitions/{id}/results", write, "competitions", "录入成绩（名次或得分）",
           RecordResults});
  api.Add({"GET",
           "/competitions/{id}/ranking",
           read,
           "competitions",
           "成绩排名（并列同名次；format=xlsx 导出）",
           GetRanking,
           {"category_id", "format"}});
  api.Add({"POST", "/competitions/{id}/qualify", write, "competitions", "推荐前 N 名晋级上级赛事",
           Qualify});
}

}  // namespace gonghui::competition
