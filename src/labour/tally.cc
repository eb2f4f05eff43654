#include "labour/tally.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "labour/rules.h"
#include "org/org.h"

namespace gonghui::labour {
namespace {

constexpr const char* kAllKinds = "*";

// One counter entry of a source, before it is added to its org's ancestors.
struct Entry {
  std::string measure;
  std::string kind;
  std::string bucket;
  int64_t n = 0;
  auto operator<=>(const Entry&) const = default;
};
using Entries = std::vector<Entry>;

// What the rates need of one enterprise.
struct UnitFacts {
  int64_t org_id = 0;
  std::string kind;
  int64_t employees = 0;
  bool unionised = false;
  int64_t members = 0;
  std::set<int64_t> affairs_years;
  std::set<int64_t> congress_years;
  std::string in_force_until;  // the latest of its contracts', "" for none
};

Entries UnitEntries(const UnitFacts& f, int64_t min_employees) {
  Entries out;
  const bool eligible = f.employees >= min_employees;
  // Each entry for the unit's kind and for all kinds ("*"), so a read without
  // a kind filter sums one row where it would sum seven.
  auto add = [&](const char* measure, const std::string& bucket, int64_t n) {
    if (n == 0) return;
    out.push_back({measure, f.kind, bucket, n});
    out.push_back({measure, kAllKinds, bucket, n});
  };
  add("eligible", "", eligible ? 1 : 0);
  if (!f.unionised) return out;
  add("eligible_unionised", "", eligible ? 1 : 0);
  add("unionised", "", 1);
  add("members", "", f.members);
  add("employees", "", f.employees);
  for (int64_t y : f.affairs_years) add("affairs", std::to_string(y), 1);
  for (int64_t y : f.congress_years) add("congress", std::to_string(y), 1);
  if (!f.in_force_until.empty()) {
    add("in_force", f.in_force_until, 1);
    add("in_force_m", f.in_force_until.substr(0, 7), 1);
  }
  return out;
}

// A contract that took effect counts among the expiries of its term's end.
Entries ContractEntries(const std::string& kind, const std::string& effective_on,
                        const std::string& term_to, bool renewed) {
  if (effective_on.empty()) return {};
  const std::string month = term_to.substr(0, 7);
  Entries out;
  for (const std::string& k : {kind, std::string(kAllKinds)}) {
    out.push_back({"expired", k, term_to, 1});
    out.push_back({"expired_m", k, month, 1});
    if (renewed) {
      out.push_back({"renewed", k, term_to, 1});
      out.push_back({"renewed_m", k, month, 1});
    }
  }
  return out;
}

std::string Encode(const Entries& entries) {
  nlohmann::json j = nlohmann::json::array();
  for (const Entry& e : entries) j.push_back({e.measure, e.kind, e.bucket, e.n});
  return j.dump();
}

Entries Decode(const std::string& text) {
  Entries out;
  for (const nlohmann::json& e : nlohmann::json::parse(text)) {
    out.push_back({e[0].get<std::string>(), e[1].get<std::string>(), e[2].get<std::string>(),
                   e[3].get<int64_t>()});
  }
  return out;
}

int64_t MinEmployees(db::Tx& tx) {
  auto r = tx.QueryOne("SELECT value FROM labour_setting WHERE setting_key = 'min_employees'");
  return r ? std::stoll(r->Str(0)) : kDefaultMinEmployees;
}

// The counters a source of `org_id` adds to: its ancestors on both axes
// (itself included) and its own row.
std::vector<std::pair<std::string, int64_t>> Targets(db::Tx& tx, int64_t org_id) {
  std::vector<std::pair<std::string, int64_t>> out = {{"o", org_id}};
  for (const db::Row& r :
       tx.Query("SELECT axis, ancestor_id FROM org_closure WHERE descendant_id = ?", {org_id})) {
    out.emplace_back(r.Str(0), r.Int(1));
  }
  return out;
}

void Apply(db::Tx& tx, int64_t org_id, const Entries& entries, int sign) {
  if (entries.empty()) return;
  for (const auto& [axis, target] : Targets(tx, org_id)) {
    for (const Entry& e : entries) {
      tx.Exec(
          "INSERT INTO labour_tally (axis, org_id, measure, kind, bucket, n) VALUES (?, ?, ?, ?, "
          "?, ?) ON CONFLICT (axis, org_id, measure, kind, bucket) DO UPDATE SET n = "
          "labour_tally.n + excluded.n",
          {axis, target, e.measure, e.kind, e.bucket, sign * e.n});
    }
  }
}

// Replaces what source (`source`, `id`) added with `entries` of `org_id`.
void Replace(db::Tx& tx, const char* source, int64_t id, int64_t org_id, const Entries& entries) {
  auto old = tx.QueryOne(
      "SELECT org_id, entries FROM labour_tally_source WHERE source = ? AND source_id = ?",
      {std::string(source), id});
  const Entries before = old ? Decode(old->Str(1)) : Entries{};
  if (old && old->Int(0) == org_id && before == entries) return;
  if (old) Apply(tx, old->Int(0), before, -1);
  Apply(tx, org_id, entries, +1);
  tx.Exec("DELETE FROM labour_tally_source WHERE source = ? AND source_id = ?",
          {std::string(source), id});
  if (!entries.empty()) {
    tx.Exec(
        "INSERT INTO labour_tally_source (source, source_id, org_id, entries) VALUES (?, ?, ?, ?)",
        {std::string(source), id, org_id, Encode(entries)});
  }
}

constexpr const char* kInForceStates = "('signed', 'filed', 'effective', 'published')";
constexpr const char* kRenewalStates = "('signed', 'filed', 'effective', 'published', 'expired')";

// The later of two "in force until" days ("" is none).
void Later(std::string& until, const std::string& other) { until = std::max(until, other); }

void RefreshContractOnly(db::Tx& tx, int64_t id) {
  auto c =
      tx.QueryOne(std::string("SELECT org_id, kind, effective_on, term_to, EXISTS (SELECT 1 FROM "
                              "labour_contract n WHERE n.predecessor_id = c.id AND n.state IN ") +
                      kRenewalStates + ") FROM labour_contract c WHERE c.id = ?",
                  {id});
  if (!c) {
    Replace(tx, "c", id, 0, {});
    return;
  }
  Replace(tx, "c", id, c->Int(0), ContractEntries(c->Str(1), c->Str(2), c->Str(3), c->Int(4) != 0));
}

}  // namespace

void RefreshUnits(db::Tx& tx, const std::vector<int64_t>& enterprise_ids) {
  if (enterprise_ids.empty()) return;
  const int64_t min_employees = MinEmployees(tx);
  for (int64_t id : std::set<int64_t>(enterprise_ids.begin(), enterprise_ids.end())) {
    auto e = tx.QueryOne(
        "SELECT org_id, kind, employees, union_org_id FROM enterprise WHERE id = ?", {id});
    if (!e) {
      Replace(tx, "e", id, 0, {});
      continue;
    }
    UnitFacts f;
    f.org_id = e->Int(0);
    f.kind = e->Str(1);
    f.employees = e->Int(2);
    f.unionised = e->OptInt(3).has_value();
    if (f.unionised) {
      f.members = tx.QueryInt("SELECT COUNT(*) FROM member WHERE org_id = ? AND status = 'active'",
                              {*e->OptInt(3)});
      for (const db::Row& r :
           tx.Query("SELECT year, factory_affairs_open, workers_congress FROM enterprise_flag "
                    "WHERE enterprise_id = ?",
                    {id})) {
        if (r.Int(1)) f.affairs_years.insert(r.Int(0));
        if (r.Int(2)) f.congress_years.insert(r.Int(0));
      }
      for (const db::Row& r : tx.Query(
               std::string("SELECT c.state, c.filed_on, c.term_to FROM labour_contract c WHERE "
                           "c.employer_enterprise_id = ? AND c.state IN ") +
                   kInForceStates +
                   " UNION ALL SELECT c.state, c.filed_on, c.term_to FROM "
                   "labour_contract_enterprise ce JOIN labour_contract c ON c.id = "
                   "ce.contract_id WHERE ce.enterprise_id = ? AND c.state IN " +
                   kInForceStates,
               {id, id})) {
        Later(f.in_force_until, InForceUntil(r.Str(0), {r.Str(1), r.Str(2)}));
      }
    }
    Replace(tx, "e", id, f.org_id, UnitEntries(f, min_employees));
  }
}

void RefreshUnionUnits(db::Tx& tx, int64_t union_org_id) {
  std::vector<int64_t> ids;
  for (const db::Row& r :
       tx.Query("SELECT id FROM enterprise WHERE union_org_id = ?", {union_org_id})) {
    ids.push_back(r.Int(0));
  }
  RefreshUnits(tx, ids);
}

std::vector<int64_t> ContractUnits(db::Tx& tx, int64_t contract_id) {
  std::vector<int64_t> out;
  for (const db::Row& r :
       tx.Query("SELECT employer_enterprise_id FROM labour_contract WHERE id = ? AND "
                "employer_enterprise_id IS NOT NULL UNION SELECT enterprise_id FROM "
                "labour_contract_enterprise WHERE contract_id = ?",
                {contract_id, contract_id})) {
    out.push_back(r.Int(0));
  }
  return out;
}

void RefreshContract(db::Tx& tx, int64_t contract_id, const std::vector<int64_t>& also) {
  RefreshContractOnly(tx, contract_id);
  if (auto p =
          tx.QueryOne("SELECT predecessor_id FROM labour_contract WHERE id = ?", {contract_id});
      p && p->OptInt(0)) {
    RefreshContractOnly(tx, *p->OptInt(0));
  }
  std::vector<int64_t> units = ContractUnits(tx, contract_id);
  units.insert(units.end(), also.begin(), also.end());
  RefreshUnits(tx, units);
}

void RebuildTallies(db::Tx& tx) {
  tx.Exec("DELETE FROM labour_tally");
  tx.Exec("DELETE FROM labour_tally_source");
  const int64_t min_employees = MinEmployees(tx);
  std::map<int64_t, UnitFacts> units;
  std::map<int64_t, std::vector<int64_t>> by_union;
  for (const db::Row& r :
       tx.Query("SELECT id, org_id, kind, employees, union_org_id FROM enterprise")) {
    UnitFacts& f = units[r.Int(0)];
    f.org_id = r.Int(1);
    f.kind = r.Str(2);
    f.employees = r.Int(3);
    f.unionised = r.OptInt(4).has_value();
    if (f.unionised) by_union[*r.OptInt(4)].push_back(r.Int(0));
  }
  for (const db::Row& r : tx.Query("SELECT org_id, COUNT(*) FROM member WHERE status = 'active' "
                                   "AND org_id IN (SELECT union_org_id FROM enterprise) GROUP BY "
                                   "org_id")) {
    for (int64_t e : by_union[r.Int(0)]) units[e].members = r.Int(1);
  }
  for (const db::Row& r :
       tx.Query("SELECT enterprise_id, year, factory_affairs_open, workers_congress FROM "
                "enterprise_flag WHERE factory_affairs_open = 1 OR workers_congress = 1")) {
    auto it = units.find(r.Int(0));
    if (it == units.end()) continue;
    if (r.Int(2)) it->second.affairs_years.insert(r.Int(1));
    if (r.Int(3)) it->second.congress_years.insert(r.Int(1));
  }
  for (const db::Row& r : tx.Query(
           std::string("SELECT c.employer_enterprise_id, c.state, c.filed_on, c.term_to FROM "
                       "labour_contract c WHERE c.employer_enterprise_id IS NOT NULL AND c.state "
                       "IN ") +
           kInForceStates +
           " UNION ALL SELECT ce.enterprise_id, c.state, c.filed_on, c.term_to FROM "
           "labour_contract_enterprise ce JOIN labour_contract c ON c.id = ce.contract_id WHERE "
           "c.state IN " +
           kInForceStates)) {
    auto it = units.find(r.Int(0));
    if (it == units.end()) continue;
    Later(it->second.in_force_until, InForceUntil(r.Str(1), {r.Str(2), r.Str(3)}));
  }
  // Every source's entries, summed per counter of its org's ancestors.
  std::map<int64_t, std::vector<std::pair<std::string, int64_t>>> targets;
  for (const db::Row& r :
       tx.Query("SELECT descendant_id, axis, ancestor_id FROM org_closure WHERE descendant_id IN "
                "(SELECT org_id FROM enterprise UNION SELECT org_id FROM labour_contract)")) {
    targets[r.Int(0)].emplace_back(r.Str(1), r.Int(2));
  }
  // Summed per org first (a few thousand orgs hold the census), then per
  // counter of each org's ancestors.
  using Key = std::tuple<std::string, std::string, std::string>;  // measure, kind, bucket
  std::map<int64_t, std::map<Key, int64_t>> per_org;
  db::BulkInsert sources(tx, "labour_tally_source", {"source", "source_id", "org_id", "entries"});
  auto add = [&](const char* source, int64_t id, int64_t org_id, const Entries& entries) {
    if (entries.empty()) return;
    sources.Add({std::string(source), id, org_id, Encode(entries)});
    auto& sums = per_org[org_id];
    for (const Entry& e : entries) sums[{e.measure, e.kind, e.bucket}] += e.n;
  };
  for (const auto& [id, f] : units) add("e", id, f.org_id, UnitEntries(f, min_employees));
  for (const db::Row& r :
       tx.Query(std::string("SELECT c.id, c.org_id, c.kind, c.effective_on, "
                            "c.term_to, EXISTS (SELECT 1 FROM labour_contract "
                            "n WHERE n.predecessor_id = c.id AND n.state IN ") +
                kRenewalStates + ") FROM labour_contract c WHERE c.effective_on <> ''")) {
    add("c", r.Int(0), r.Int(1), ContractEntries(r.Str(2), r.Str(3), r.Str(4), r.Int(5) != 0));
  }
  std::map<std::tuple<std::string, int64_t, std::string, std::string, std::string>, int64_t> sums;
  for (const auto& [org_id, entries] : per_org) {
    std::vector<std::pair<std::string, int64_t>> to = targets[org_id];
    to.emplace_back("o", org_id);
    for (const auto& [key, n] : entries) {
      const auto& [measure, kind, bucket] = key;
      for (const auto& [axis, ancestor] : to) sums[{axis, ancestor, measure, kind, bucket}] += n;
    }
  }
  sources.Flush();
  db::BulkInsert tally(tx, "labour_tally", {"axis", "org_id", "measure", "kind", "bucket", "n"});
  for (const auto& [key, n] : sums) {
    const auto& [axis, org_id, measure, kind, bucket] = key;
    tally.Add({axis, org_id, measure, kind, bucket, n});
  }
}

void RegisterTallyHooks() {
  org::OnEnterpriseChanged(
      [](db::Tx& tx, int64_t enterprise_id) { RefreshUnits(tx, {enterprise_id}); });
  org::OnMembersChanged(
      [](db::Tx& tx, int64_t union_org_id) { RefreshUnionUnits(tx, union_org_id); });
  // The ancestors of the moved subtree's sources changed.
  org::OnSubtreeMoved([](db::Tx& tx, int64_t, std::string_view) { RebuildTallies(tx); });
}

namespace {

// One part of a read: measures of some kinds over a range of buckets.
struct Part {
  std::vector<std::string> measures;
  const std::vector<std::string>* kinds;
  std::string buckets;                     // the condition on bucket, with `?`s
  std::vector<std::string> bucket_values;  // the values of those `?`s
};

// The sums of `parts` for the orgs org_ids[from, to): one arm per part,
// measure and kind, each an equality on every leading column of the primary
// key, so that both databases read exactly the index range — with IN lists
// for the measures and kinds SQLite keyed on (axis, org_id) alone and walked
// every row of each district (33 ms for the city's five headcount measures
// against 0.4 ms).
void Read(db::Tx& tx, const std::vector<int64_t>& org_ids, size_t from, size_t to,
          const std::vector<Part>& parts, const TallyFilter& f, std::map<int64_t, Tallies>& out) {
  std::string orgs = "(";
  for (size_t i = from; i < to; ++i) orgs += i > from ? ", ?" : "?";
  orgs += ")";
  std::string sql;
  std::vector<db::Value> params;
  for (const Part& part : parts) {
    for (const std::string& measure : part.measures) {
      for (const std::string& kind : *part.kinds) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT org_id, measure, SUM(n) FROM labour_tally WHERE axis = ? AND org_id IN " +
               orgs + " AND measure = ? AND kind = ? AND " + part.buckets +
               " GROUP BY org_id, measure";
        params.emplace_back(f.axis);
        for (size_t i = from; i < to; ++i) params.emplace_back(org_ids[i]);
        params.emplace_back(measure);
        params.emplace_back(kind);
        for (const std::string& v : part.bucket_values) params.emplace_back(v);
      }
    }
  }
  for (const db::Row& r : tx.Query(sql, params)) {
    Tallies& t = out[r.Int(0)];
    const std::string m = r.Str(1);
    const int64_t n = r.Int(2);
    if (m == "eligible") t.eligible += n;
    if (m == "eligible_unionised") t.eligible_unionised += n;
    if (m == "unionised") t.unionised += n;
    if (m == "members") t.members += n;
    if (m == "employees") t.employees += n;
    if (m == "affairs") t.affairs += n;
    if (m == "congress") t.congress += n;
    if (m == "in_force" || m == "in_force_m") t.in_force += n;
    if (m == "expired" || m == "expired_m") t.expired += n;
    if (m == "renewed" || m == "renewed_m") t.renewed += n;
  }
}

}  // namespace

std::map<int64_t, Tallies> ReadTallies(db::Tx& tx, const std::vector<int64_t>& org_ids,
                                       const TallyFilter& f) {
  // "In force today" is the months after this one plus the days of this month
  // from today on; "expired in the year, before today" the months of the year
  // before this one plus this month's days before today.
  std::vector<std::string> kinds = f.kinds;
  if (kinds.empty()) kinds = {kAllKinds};
  std::vector<std::string> contract_kinds = {kAllKinds};
  if (f.contract_kind == "area") {
    contract_kinds = {"regional", "industry"};
  } else if (!f.contract_kind.empty()) {
    contract_kinds = {f.contract_kind};
  }
  const std::string year = std::to_string(f.year);
  const std::string month = f.today.substr(0, 7);
  const std::vector<Part> parts = {
      {{"eligible", "eligible_unionised", "unionised", "members", "employees"},
       &kinds,
       "bucket = ''",
       {}},
      {{"affairs", "congress"}, &kinds, "bucket = ?", {year}},
      {{"in_force_m"}, &kinds, "bucket > ?", {month}},
      {{"in_force"}, &kinds, "bucket >= ? AND bucket <= ?", {f.today, month + "-31"}},
      {{"expired_m", "renewed_m"},
       &contract_kinds,
       "bucket >= ? AND bucket <= ? AND bucket < ?",
       {year + "-01", year + "-12", month}},
      {{"expired", "renewed"},
       &contract_kinds,
       "bucket >= ? AND bucket < ? AND bucket >= ? AND bucket <= ?",
       {month + "-01", f.today, year + "-01-01", year + "-12-31"}},
  };
  size_t arms = 0;
  for (const Part& p : parts) arms += p.measures.size() * p.kinds->size();
  // The ids in batches, each arm listing them and at most 7 other values:
  // within the parameters one statement may hold (SQLite's 32,766) however
  // many kinds are asked for, when a root's children on the industry axis can
  // be tens of thousands (every grassroots union with no industry union above).
  const size_t per_arm = 30000 / arms;
  const size_t batch = per_arm > 8 ? std::min<size_t>(1000, per_arm - 7) : 1;
  const db::SerialPlan serial(tx);
  std::map<int64_t, Tallies> out;
  for (size_t from = 0; from < org_ids.size(); from += batch) {
    Read(tx, org_ids, from, std::min(org_ids.size(), from + batch), parts, f, out);
  }
  return out;
}

}  // namespace gonghui::labour
