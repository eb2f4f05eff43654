// The rates of labour relations (SPEC §3.4), computed from the records of an
// org's subtree on either axis, each with its numerator, denominator and the
// links to the units behind both — and to the units missing from the
// numerator, the ones that keep a rate below 100%.
//
// The units are the enterprises of the census registered in the subtree
// (enterprise.org_id), optionally of some kinds only (?kinds=state_owned,
// public_institution,above_scale_private is the bulletin's "国有企业、事业单位
// 及规上非公企业"):
//   union_founding   建会率         units with a union ÷ units that should have one
//                                   (at least `min_employees` workers, 25 by default)
//   membership       入会率         members of the units' unions ÷ the workers of the
//                                   unionised units (the unit list's sums give both)
//   factory_affairs  厂务公开建制率  unionised units flagged 厂务公开 for the year ÷ unionised
//   workers_congress 职代会建制率    the same with 职代会
//   contract_signing 集体合同签订率  unionised units with a contract in force (their own,
//                                   or a 区域性/行业性 one covering them) ÷ unionised units
//   renewal          续签率         contracts of the subtree whose term ended in the year
//                                   (having taken effect) and that have a signed renewal ÷
//                                   those contracts (?contract_kind=area: 区域性 and 行业性)
// The figures are read from the counters of labour/tally.h; the lists of
// units behind them (rate-units) from the records, so each list's total is
// the figure it opens.
// The wording beside each figure and the threshold are configuration
// (labour_setting; GET/PUT /labour/rate-settings), because the official
// statistical wording must be confirmed by the federation.
#include <algorithm>
#include <cmath>
#include <map>

#include "api/body.h"
#include "audit/audit.h"
#include "core/time.h"
#include "labour/internal.h"
#include "labour/rules.h"
#include "labour/tally.h"
#include "org/org.h"
#include "stats/rollup.h"

namespace gonghui::labour {
namespace {

struct RateDef {
  const char* key;
  const char* label;
  const char* wording;  // the default, until the federation sets its own
};
constexpr RateDef kRates[] = {
    {"union_founding", "建会率", "已建立工会的单位数 ÷ 职工25人以上应建会的单位数"},
    {"membership", "入会率", "已建会单位的工会会员数 ÷ 已建会单位职工总数"},
    {"factory_affairs", "厂务公开建制率", "本年度建立厂务公开制度的已建会单位数 ÷ 已建会单位数"},
    {"workers_congress", "职代会建制率", "本年度建立职工代表大会制度的已建会单位数 ÷ 已建会单位数"},
    {"contract_signing", "集体合同签订率",
     "签订集体合同（含区域性、行业性集体合同覆盖）且在有效期内的已建会单位数 ÷ 已建会单位数"},
    {"renewal", "集体合同续签率", "本年度期满的集体合同中已续签的份数 ÷ 本年度期满的集体合同份数"},
};

std::map<std::string, std::string> Settings(db::Tx& tx) {
  std::map<std::string, std::string> out;
  for (const db::Row& r : tx.Query("SELECT setting_key, value FROM labour_setting")) {
    out[r.Str(0)] = r.Str(1);
  }
  return out;
}

int64_t MinEmployees(const std::map<std::string, std::string>& settings) {
  auto it = settings.find("min_employees");
  return it == settings.end() ? kDefaultMinEmployees : std::stoll(it->second);
}

std::string Wording(const std::map<std::string, std::string>& settings, const RateDef& r) {
  auto it = settings.find(std::string("wording.") + r.key);
  return it == settings.end() ? r.wording : it->second;
}

// The request's filters.
struct Scope {
  api::Subtree sub;
  int year = 0;
  std::vector<std::string> kinds;  // enterprise kinds, empty = all
  std::string contract_kind;       // "", "area" or a contract kind
  int64_t min_employees = kDefaultMinEmployees;
  std::string today;
  bool own_only = false;  // ?level=own: the units and contracts of the root itself (本级)
  std::map<std::string, std::string> settings;
};

Result<Scope> ReadScope(api::Call& call) {
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  Scope s;
  GH_ASSIGN_OR_RETURN(s.sub, api::ResolveSubtree(call.tx, call.who, p));
  const Date today = TodayUtcPlus8(call.now);
  s.today = today.ToString();
  s.year = p.year.value_or(today.year);
  if (auto kinds = call.req.Query("kinds"); kinds && !kinds->empty()) {
    size_t start = 0;
    while (start <= kinds->size()) {
      size_t end = kinds->find(',', start);
      if (end == std::string::npos) end = kinds->size();
      const std::string kind = kinds->substr(start, end - start);
      if (std::none_of(std::begin(org::kEnterpriseKinds), std::end(org::kEnterpriseKinds),
                       [&](const char* k) { return kind == k; })) {
        return InvalidArgument("kinds", "单位类型（kinds）中的 " + kind + " 不存在");
      }
      s.kinds.push_back(kind);
      start = end + 1;
    }
  }
  if (auto ck = call.req.Query("contract_kind"); ck && !ck->empty()) {
    if (*ck != "area" && !IsKind(*ck)) {
      return InvalidArgument("contract_kind", "合同类型（contract_kind）应为 area 或一种合同类型");
    }
    s.contract_kind = *ck;
  }
  if (auto level = call.req.Query("level"); level && !level->empty()) {
    if (*level != "own") return InvalidArgument("level", "层级（level）只能为 own（本级）");
    s.own_only = true;
  }
  s.settings = Settings(call.tx);
  s.min_employees = MinEmployees(s.settings);
  return s;
}

// The root's subtree, or the root alone for 本级.
std::string InScope(std::string_view column, const Scope& s, std::vector<db::Value>& params) {
  if (!s.own_only) return api::InSubtree(column, s.sub, params);
  params.emplace_back(s.sub.root);
  return std::string(column) + " = ?";
}

// "FROM enterprise e WHERE <in the subtree, of the kinds>" and its values.
std::string UnitsFrom(const Scope& s, std::vector<db::Value>& params) {
  std::string sql = " FROM enterprise e LEFT JOIN org u ON u.id = e.union_org_id WHERE " +
                    InScope("e.org_id", s, params);
  if (!s.kinds.empty()) {
    sql += " AND e.kind IN (";
    for (size_t i = 0; i < s.kinds.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.push_back(s.kinds[i]);
    }
    sql += ")";
  }
  return sql;
}

// The condition a unit meets to be counted in `part` ("denominator" or
// "numerator") of a unit-based rate. Appends its values.
std::string UnitCondition(const Scope& s, const std::string& rate, bool numerator,
                          std::vector<db::Value>& params) {
  if (rate == "union_founding") {
    params.push_back(s.min_employees);
    return numerator ? "e.employees >= ? AND e.union_org_id IS NOT NULL" : "e.employees >= ?";
  }
  const std::string unionised = "e.union_org_id IS NOT NULL";
  if (!numerator || rate == "membership") return unionised;
  if (rate == "factory_affairs" || rate == "workers_congress") {
    params.push_back(int64_t{s.year});
    return unionised +
           " AND EXISTS (SELECT 1 FROM enterprise_flag f WHERE f.enterprise_id = e.id " +
           "AND f.year = ? AND f." +
           (rate == "factory_affairs" ? "factory_affairs_open" : "workers_congress") + " = 1)";
  }
  // contract_signing: a contract in force today, of the unit or covering it.
  const Date today = ParseDate(s.today).value();
  std::string in_force_own = CurrentStateSql("c", today, params);
  std::string sql =
      unionised +
      " AND (EXISTS (SELECT 1 FROM labour_contract c WHERE c.employer_enterprise_id = "
      "e.id AND " +
      in_force_own + " IN ('signed', 'filed', 'effective', 'published'))";
  std::string in_force_area = CurrentStateSql("c", today, params);
  sql +=
      " OR EXISTS (SELECT 1 FROM labour_contract_enterprise ce JOIN labour_contract c ON c.id = "
      "ce.contract_id WHERE ce.enterprise_id = e.id AND " +
      in_force_area + " IN ('signed', 'filed', 'effective', 'published')))";
  return sql;
}

// "FROM labour_contract c WHERE <of the subtree, the term ended in the year, took effect>".
std::string ExpiredFrom(const Scope& s, std::vector<db::Value>& params) {
  std::string sql =
      " FROM labour_contract c JOIN org o ON o.id = c.org_id LEFT JOIN enterprise e "
      "ON e.id = c.employer_enterprise_id WHERE " +
      InScope("c.org_id", s, params) +
      " AND c.effective_on <> '' AND c.term_to >= ? AND c.term_to <= ? AND c.term_to "
      "< ?";
  params.insert(params.end(),
                {std::to_string(s.year) + "-01-01", std::to_string(s.year) + "-12-31", s.today});
  if (s.contract_kind == "area") {
    sql += " AND c.kind IN ('regional', 'industry')";
  } else if (!s.contract_kind.empty()) {
    sql += " AND c.kind = ?";
    params.push_back(s.contract_kind);
  }
  return sql;
}

constexpr const char* kRenewed =
    "EXISTS (SELECT 1 FROM labour_contract n WHERE n.predecessor_id = c.id AND n.state IN "
    "('signed', 'filed', 'effective', 'published', 'expired'))";

std::string Query(const Scope& s, std::string_view rate) {
  std::string q = "org_id=" + std::to_string(s.sub.root) + "&axis=" + stats::AxisName(s.sub.axis) +
                  "&year=" + std::to_string(s.year);
  if (s.own_only) q += "&level=own";
  if (!rate.empty()) q += "&rate=" + std::string(rate);
  if (!s.kinds.empty()) {
    q += "&kinds=";
    // The comma written %2C, as browsers do (the query parser takes no raw comma).
    for (size_t i = 0; i < s.kinds.size(); ++i) q += (i ? "%2C" : "") + s.kinds[i];
  }
  if (!s.contract_kind.empty()) q += "&contract_kind=" + s.contract_kind;
  return q;
}

TallyFilter Filter(const Scope& s) {
  return {s.own_only ? "o" : s.sub.axis, s.kinds, s.contract_kind, s.year, s.today};
}

// A rate's numerator and denominator from the counters.
std::pair<int64_t, int64_t> Parts(const Tallies& t, std::string_view rate) {
  if (rate == "union_founding") return {t.eligible_unionised, t.eligible};
  if (rate == "membership") return {t.members, t.employees};
  if (rate == "factory_affairs") return {t.affairs, t.unionised};
  if (rate == "workers_congress") return {t.congress, t.unionised};
  if (rate == "contract_signing") return {t.in_force, t.unionised};
  return {t.renewed, t.expired};  // renewal
}

// numerator ÷ denominator to four places, null without a denominator.
nlohmann::json RateValue(int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return nullptr;
  return std::round(static_cast<double>(numerator) / static_cast<double>(denominator) * 10000.0) /
         10000.0;
}

nlohmann::json Figure(const Scope& s, const RateDef& def, const std::string& wording,
                      int64_t numerator, int64_t denominator) {
  const std::string base = "/api/v1/labour/rate-units?" + Query(s, def.key);
  return {{"key", def.key},
          {"label", def.label},
          {"wording", wording},
          {"numerator", numerator},
          {"denominator", denominator},
          {"rate", RateValue(numerator, denominator)},
          {"links",
           {{"numerator", base + "&part=numerator"},
            {"denominator", base + "&part=denominator"},
            {"missing", base + "&part=missing"}}}};
}

// Members of the unionised units' unions, and those units' workers.
std::pair<int64_t, int64_t> MembershipSums(db::Tx& tx, const Scope& s, const std::string& extra,
                                           std::vector<db::Value> params) {
  std::string from = UnitsFrom(s, params) + " AND e.union_org_id IS NOT NULL" + extra;
  auto row = tx.QueryOne(
      "SELECT COALESCE(SUM((SELECT COUNT(*) FROM member m WHERE m.org_id = e.union_org_id AND "
      "m.status = 'active')), 0), COALESCE(SUM(e.employees), 0)" +
          from,
      params);
  return {row->Int(0), row->Int(1)};
}

Result<api::Reply> Rates(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Scope s, ReadScope(call));
  const auto& settings = s.settings;
  const Tallies t = ReadTallies(call.tx, {s.sub.root}, Filter(s))[s.sub.root];
  nlohmann::json rates = nlohmann::json::array();
  for (const RateDef& def : kRates) {
    const auto [num, den] = Parts(t, def.key);
    rates.push_back(Figure(s, def, Wording(settings, def), num, den));
  }
  // The counts of the other records, for the year.
  const std::string from = std::to_string(s.year) + "-01-01";
  const std::string to = std::to_string(s.year) + "-12-31";
  // One statement (a round trip each costs more than these counts on
  // PostgreSQL). The tables are small next to a city's subtree: each row's
  // org is tested (SubtreeHas) rather than the subtree listed.
  std::vector<db::Value> params;
  std::string sql = "SELECT ";
  auto add = [&](const std::string& what, const std::string& table, const std::string& date_col,
                 const std::string& extra) {
    if (sql.size() > 7) sql += ", ";
    sql += "(SELECT " + what + " FROM " + table + " r WHERE " +
           api::SubtreeHas("r.org_id", s.sub, params) + " AND r." + date_col + " >= ? AND r." +
           date_col + " <= ?" + extra + ")";
    params.insert(params.end(), {from, to});
  };
  add("COUNT(*)", "labour_visit", "visited_on", "");
  add("COUNT(*)", "labour_training", "held_from", "");
  add("COALESCE(SUM(r.total), 0)", "labour_training", "held_from", "");
  add("COUNT(*)", "labour_consultation", "held_on", "");
  add("COUNT(*)", "labour_consultation", "held_on", " AND r.new_forms = 1");
  add("COUNT(*)", "labour_document", "issued_on", "");
  add("COUNT(*)", "labour_mediation", "accepted_on", "");
  sql += ", (SELECT name FROM org WHERE id = ?)";
  params.emplace_back(s.sub.root);
  const db::Row c = *call.tx.QueryOne(sql, params);
  const std::string org = "org_id=" + std::to_string(s.sub.root) +
                          "&axis=" + stats::AxisName(s.sub.axis) +
                          "&year=" + std::to_string(s.year);
  nlohmann::json counts = {
      {"visits", c.Int(0)},
      {"trainings", c.Int(1)},
      {"trained", c.Int(2)},
      {"consultations", c.Int(3)},
      {"new_forms_consultations", c.Int(4)},
      {"documents", c.Int(5)},
      {"mediations", c.Int(6)},
      {"links",
       {{"visits", "/api/v1/labour/visits?" + org},
        {"trainings", "/api/v1/labour/trainings?" + org},
        {"trained", "/api/v1/labour/trainings?" + org},
        {"consultations", "/api/v1/labour/consultations?" + org},
        {"new_forms_consultations", "/api/v1/labour/consultations?new_forms=true&" + org},
        {"documents", "/api/v1/labour/documents?" + org},
        {"mediations", "/api/v1/labour/mediations?" + org}}}};
  return api::Reply::Ok({{"org_id", s.sub.root},
                         {"org_name", c.Str(7)},
                         {"axis", stats::AxisName(s.sub.axis)},
                         {"year", s.year},
                         {"kinds", s.kinds},
                         {"contract_kind", s.contract_kind},
                         {"min_employees", s.min_employees},
                         {"rates", rates},
                         {"counts", counts}});
}

// Every rate per child of the root on its axis (a district's streets and
// grassroots, the city's districts), plus a 本级 row for the root's own units:
// one grouped query per rate, the rows in the order of stats::Children.
Result<api::Reply> Breakdown(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Scope s, ReadScope(call));
  const std::vector<stats::Child> children = stats::Children(call.tx, s.sub.root, s.sub.axis);
  TallyFilter of_children = Filter(s);
  of_children.axis = s.sub.axis;  // the children's subtrees, even when asked with level=own
  std::vector<int64_t> ids;
  for (const stats::Child& c : children) ids.push_back(c.id);
  // The ids listed: PostgreSQL plans a closure subquery here far worse (0.8 s for the city).
  std::map<int64_t, Tallies> by_child = ReadTallies(call.tx, ids, of_children);
  TallyFilter own = Filter(s);
  own.axis = "o";
  const Tallies self = ReadTallies(call.tx, {s.sub.root}, own)[s.sub.root];
  auto row = [&](int64_t id, const std::string& name, bool own) {
    Scope child = s;
    child.sub.root = id;
    child.own_only = own;
    nlohmann::json rates = nlohmann::json::array();
    const Tallies& t = own ? self : by_child[id];
    for (const RateDef& def : kRates) {
      const auto [num, den] = Parts(t, def.key);
      const std::string base = "/api/v1/labour/rate-units?" + Query(child, def.key);
      rates.push_back({{"key", def.key},
                       {"numerator", num},
                       {"denominator", den},
                       {"rate", RateValue(num, den)},
                       {"links",
                        {{"numerator", base + "&part=numerator"},
                         {"denominator", base + "&part=denominator"},
                         {"missing", base + "&part=missing"}}}});
    }
    return nlohmann::json{{"org_id", id},
                          {"org_name", name},
                          {"own", own},
                          {"rates", rates},
                          {"link", "/api/v1/labour/rates?" + Query(child, "")}};
  };
  nlohmann::json rows = nlohmann::json::array();
  for (const stats::Child& c : children) {
    rows.push_back(row(c.id, c.name, false));
  }
  auto name = call.tx.QueryOne("SELECT name FROM org WHERE id = ?", {s.sub.root});
  rows.push_back(row(s.sub.root, "本级", true));
  nlohmann::json labels = nlohmann::json::array();
  for (const RateDef& def : kRates) labels.push_back({{"key", def.key}, {"label", def.label}});
  return api::Reply::Ok({{"org_id", s.sub.root},
                         {"org_name", name ? name->Str(0) : ""},
                         {"axis", stats::AxisName(s.sub.axis)},
                         {"year", s.year},
                         {"rates", labels},
                         {"rows", rows}});
}

// The units behind one part of one rate (enterprises, or contracts for renewal).
Result<api::Reply> RateUnits(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Scope s, ReadScope(call));
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  const std::string rate = call.req.Query("rate").value_or("");
  if (std::none_of(std::begin(kRates), std::end(kRates),
                   [&](const RateDef& d) { return rate == d.key; })) {
    return InvalidArgument("rate", "指标（rate）不存在");
  }
  const std::string part = call.req.Query("part").value_or("");
  if (part != "numerator" && part != "denominator" && part != "missing") {
    return InvalidArgument("part", "部分（part）应为 numerator、denominator 或 missing");
  }
  std::vector<db::Value> params;
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json sums = nlohmann::json::object();
  if (rate == "renewal") {
    std::string from = ExpiredFrom(s, params);
    if (part == "numerator") from += std::string(" AND ") + kRenewed;
    if (part == "missing") from += std::string(" AND NOT ") + kRenewed;
    api::PageRows page = api::QueryPage(
        call.tx,
        "c.id, c.number, c.title, c.kind, c.org_id, o.name, c.term_to, COALESCE(e.name, "
        "c.employer_rep), (SELECT n.id FROM labour_contract n WHERE n.predecessor_id = c.id AND "
        "n.state <> 'abandoned')",
        from, params, "c.term_to, c.id", p);
    for (const db::Row& r : page.rows) {
      items.push_back({{"id", r.Int(0)},
                       {"number", r.Str(1)},
                       {"title", r.Str(2)},
                       {"kind", r.Str(3)},
                       {"kind_label", KindLabel(r.Str(3))},
                       {"org_id", r.Int(4)},
                       {"org_name", r.Str(5)},
                       {"term_to", r.Str(6)},
                       {"employer_name", r.Str(7)},
                       {"renewal_id", r.OptInt(8) ? nlohmann::json(*r.OptInt(8)) : nullptr}});
    }
    nlohmann::json out = api::Page(std::move(items), page.total, p);
    out["unit"] = "contract";
    return api::Reply::Ok(std::move(out));
  }
  std::string from = UnitsFrom(s, params);
  std::string extra;
  std::vector<db::Value> extra_params;
  if (part == "missing") {
    // One call per statement: the values must go in the order of the clauses.
    extra = " AND " + UnitCondition(s, rate, false, extra_params);
    extra += " AND NOT (" + UnitCondition(s, rate, true, extra_params) + ")";
  } else {
    extra = " AND " + UnitCondition(s, rate, part == "numerator", extra_params);
  }
  params.insert(params.end(), extra_params.begin(), extra_params.end());
  api::PageRows page = api::QueryPage(
      call.tx,
      "e.id, e.name, e.credit_code, e.kind, e.employees, e.union_org_id, u.name, (SELECT COUNT(*) "
      "FROM member m WHERE m.org_id = e.union_org_id AND m.status = 'active')",
      from + extra, params, "e.employees DESC, e.id", p);
  for (const db::Row& r : page.rows) {
    items.push_back({{"id", r.Int(0)},
                     {"name", r.Str(1)},
                     {"credit_code", r.Str(2)},
                     {"kind", r.Str(3)},
                     {"employees", r.Int(4)},
                     {"union_org_id", r.OptInt(5) ? nlohmann::json(*r.OptInt(5)) : nullptr},
                     {"union_name", r.OptStr(6) ? nlohmann::json(*r.OptStr(6)) : nullptr},
                     {"members", r.OptInt(5) ? r.Int(7) : 0}});
  }
  nlohmann::json out = api::Page(std::move(items), page.total, p);
  out["unit"] = "enterprise";
  if (rate == "membership" && part != "missing") {
    auto [members, employees] = MembershipSums(call.tx, s, "", {});
    out["sums"] = {{"members", members}, {"employees", employees}};
  }
  return api::Reply::Ok(std::move(out));
}

Result<api::Reply> GetSettings(api::Call& call) {
  const auto settings = Settings(call.tx);
  nlohmann::json wording = nlohmann::json::object();
  for (const RateDef& d : kRates) wording[d.key] = Wording(settings, d);
  return api::Reply::Ok({{"min_employees", MinEmployees(settings)}, {"wording", wording}});
}

Result<api::Reply> PutSettings(api::Call& call) {
  if (call.who.org_id != org::RootId(call.tx)) {
    return PermissionDenied("只有市总工会可以修改指标口径");
  }
  api::Body body(call.body,
                 {{"min_employees", "应建会单位的职工人数下限"}, {"wording", "指标口径"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  const nlohmann::json before = GetSettings(call)->body;
  if (body.Has("min_employees")) {
    GH_ASSIGN_OR_RETURN(int64_t n, body.Int("min_employees", 1, 100000));
    call.tx.Exec("DELETE FROM labour_setting WHERE setting_key = 'min_employees'");
    call.tx.Exec("INSERT INTO labour_setting (setting_key, value) VALUES ('min_employees', ?)",
                 {std::to_string(n)});
    RebuildTallies(call.tx);  // which units count as eligible changed
  }
  if (const nlohmann::json* w = body.Get("wording")) {
    if (!w->is_object()) return body.Error("wording", "应为“指标: 口径”的对象");
    for (const auto& item : w->items()) {
      const std::string& key = item.key();
      const nlohmann::json& value = item.value();
      if (std::none_of(std::begin(kRates), std::end(kRates),
                       [&](const RateDef& d) { return key == d.key; })) {
        return body.Error("wording", "中的指标 " + key + " 不存在");
      }
      if (!value.is_string() || value.get<std::string>().empty() ||
          api::Utf8Length(value.get<std::string>()) > 200) {
        return body.Error("wording", "中“" + key + "”的口径应为 1 到 200 个字符");
      }
      call.tx.Exec("DELETE FROM labour_setting WHERE setting_key = ?", {"wording." + key});
      call.tx.Exec("INSERT INTO labour_setting (setting_key, value) VALUES (?, ?)",
                   {"wording." + key, value.get<std::string>()});
    }
  }
  const nlohmann::json after = GetSettings(call)->body;
  audit::Record(call, "update", "labour_setting", 0, call.who.org_id, before, after);
  return api::Reply::Ok(after);
}

}  // namespace

void RegisterRateRoutes(api::Api& api) {
  const std::vector<std::string> query = {"org_id", "axis",  "year",
                                          "level",  "kinds", "contract_kind"};
  api.Add({"GET", "/labour/rates", "labour:contract:read", "labour",
           "劳动关系指标（建会率、入会率、厂务公开、职代会、集体合同签订率、续签率）", Rates,
           query});
  api.Add({"GET", "/labour/rate-breakdown", "labour:contract:read", "labour",
           "各下级组织的劳动关系指标（含本级）", Breakdown, query});
  std::vector<std::string> unit_query = query;
  unit_query.insert(unit_query.end(), {"rate", "part", "page", "page_size"});
  api.Add({"GET", "/labour/rate-units", "labour:contract:read", "labour",
           "指标背后的单位（分子、分母、缺口）", RateUnits, unit_query});
  api.Add(
      {"GET", "/labour/rate-settings", "labour:contract:read", "labour", "指标口径", GetSettings});
  api.Add({"PUT", "/labour/rate-settings", "labour:contract:write", "labour",
           "修改指标口径（市总工会）", PutSettings});
}

}  // namespace gonghui::labour
