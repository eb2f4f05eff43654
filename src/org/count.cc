#include "org/count.h"

#include <initializer_list>

namespace gonghui::org {
namespace {

// A table of records counted per org: `org` and `bucket` are SQL over the
// row, with {r} for NEW or OLD; `columns` are the ones whose update matters.
struct Measure {
  const char* key;
  const char* table;
  const char* org;
  const char* bucket;
  std::initializer_list<const char*> columns;
};

constexpr Measure kMeasures[] = {
    {"member", "member", "{r}.org_id", "{r}.status", {"org_id", "status"}},
    // Members by status and tags together ("active|model_worker,in_hardship"):
    // a list filtered by a tag sums the few buckets that hold it.
    {"tagged_member",
     "member",
     "{r}.org_id",
     "{r}.status || '|' || {r}.tags",
     {"org_id", "status", "tags"}},
    {"enterprise", "enterprise", "{r}.org_id", "{r}.kind", {"org_id", "kind"}},
    {"labour_contract", "labour_contract", "{r}.org_id", "{r}.kind", {"org_id", "kind"}},
    // An enrolment belongs to its class's org (a class never changes org:
    // childcare/classes.cc refuses it).
    {"childcare_enrolment",
     "childcare_enrolment",
     "(SELECT k.org_id FROM childcare_class k WHERE k.id = {r}.class_id)",
     "{r}.status",
     {"class_id", "status"}},
};

// "a, b" and "OLD.a IS NOT NEW.a OR …" (`differs`: the backend's null-safe test).
std::string Columns(const Measure& m) {
  std::string out;
  for (const char* c : m.columns) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}
std::string Changed(const Measure& m, std::string_view differs) {
  std::string out;
  for (const char* c : m.columns) {
    out += (out.empty() ? "OLD." : " OR OLD.") + std::string(c) + " " + std::string(differs) +
           " NEW." + c;
  }
  return out;
}

std::string Row(std::string sql, std::string_view row) {
  for (size_t at = sql.find("{r}"); at != std::string::npos; at = sql.find("{r}", at)) {
    sql.replace(at, 3, row);
  }
  return sql;
}

// PostgreSQL: the transaction-local setting naming the measures whose
// triggers PauseCounts stopped, each as ",measure,".
constexpr const char* kPausedSetting = "gonghui.paused_counts";

constexpr const char* kUpsert =
    " ON CONFLICT (measure, axis, org_id, bucket) DO UPDATE SET n = org_count.n + excluded.n";

// SQLite: the statements adding `delta` for the record `row` (NEW or OLD).
std::string SqliteAdd(const Measure& m, std::string_view row, std::string_view delta) {
  const std::string org = Row(m.org, row);
  const std::string bucket = "COALESCE(" + Row(m.bucket, row) + ", '')";
  return "INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT '" + std::string(m.key) +
         "', 'o', " + org + ", " + bucket + ", " + std::string(delta) + " WHERE " + org +
         " IS NOT NULL" + kUpsert +
         ";\n"
         "INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT '" +
         std::string(m.key) + "', c.axis, c.ancestor_id, " + bucket + ", " + std::string(delta) +
         " FROM org_closure c WHERE c.descendant_id = " + org + kUpsert + ";\n";
}

// The closure's rows move the descendant's own counts to the ancestor.
std::string ClosureAdd(std::string_view row, std::string_view sign) {
  return "INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT measure, " +
         std::string(row) + ".axis, " + std::string(row) + ".ancestor_id, bucket, " +
         std::string(sign) + "n FROM org_count WHERE axis = 'o' AND org_id = " + std::string(row) +
         ".descendant_id AND n <> 0" + kUpsert + ";\n";
}

std::vector<std::string> SqliteTriggers() {
  std::vector<std::string> out;
  for (const Measure& m : kMeasures) {
    const std::string name = std::string("count_") + m.key;
    out.push_back("CREATE TRIGGER " + name + "_insert AFTER INSERT ON " + m.table + " BEGIN\n" +
                  SqliteAdd(m, "NEW", "1") + "END");
    out.push_back("CREATE TRIGGER " + name + "_delete AFTER DELETE ON " + m.table + " BEGIN\n" +
                  SqliteAdd(m, "OLD", "-1") + "END");
    out.push_back("CREATE TRIGGER " + name + "_update AFTER UPDATE OF " + Columns(m) + " ON " +
                  m.table + " WHEN " + Changed(m, "IS NOT") + " BEGIN\n" +
                  SqliteAdd(m, "OLD", "-1") + SqliteAdd(m, "NEW", "1") + "END");
  }
  out.push_back("CREATE TRIGGER count_closure_insert AFTER INSERT ON org_closure BEGIN\n" +
                ClosureAdd("NEW", "") + "END");
  out.push_back("CREATE TRIGGER count_closure_delete AFTER DELETE ON org_closure BEGIN\n" +
                ClosureAdd("OLD", "-") + "END");
  out.push_back(
      "CREATE TRIGGER count_closure_update AFTER UPDATE OF ancestor_id, axis, descendant_id ON "
      "org_closure BEGIN\n" +
      ClosureAdd("OLD", "-") + ClosureAdd("NEW", "") + "END");
  return out;
}

// PostgreSQL: one function per measure (and one for the closure), called by
// an insert-or-delete trigger and by an update trigger that fires only when
// the org or the bucket changed. No colons or question marks in here: the
// statements go through the placeholder conversion (db.h).
std::vector<std::string> PostgresTriggers() {
  std::vector<std::string> out;
  out.push_back(
      "CREATE OR REPLACE FUNCTION org_count_add(m TEXT, o BIGINT, b TEXT, d BIGINT) RETURNS void "
      "LANGUAGE sql AS $f$\n"
      "INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT m, 'o', o, COALESCE(b, ''), "
      "d WHERE o IS NOT NULL UNION ALL SELECT m, c.axis, c.ancestor_id, COALESCE(b, ''), d FROM "
      "org_closure c WHERE c.descendant_id = o ORDER BY 2, 3" +
      std::string(kUpsert) + "\n$f$");
  for (const Measure& m : kMeasures) {
    const std::string name = std::string("count_") + m.key;
    auto add = [&](std::string_view row, std::string_view delta) {
      return "PERFORM org_count_add('" + std::string(m.key) + "', " + Row(m.org, row) + ", " +
             Row(m.bucket, row) + ", " + std::string(delta) + ");\n";
    };
    out.push_back("CREATE OR REPLACE FUNCTION " + name +
                  "() RETURNS trigger LANGUAGE plpgsql AS $f$\nBEGIN\n"
                  "IF strpos(COALESCE(current_setting('" +
                  std::string(kPausedSetting) + "', true), ''), '," + m.key +
                  ",') > 0 THEN RETURN NULL; END IF;\n"
                  "IF TG_OP IN ('UPDATE', 'DELETE') THEN " +
                  add("OLD", "-1") +
                  "END IF;\n"
                  "IF TG_OP IN ('UPDATE', 'INSERT') THEN " +
                  add("NEW", "1") + "END IF;\nRETURN NULL;\nEND\n$f$");
    out.push_back("CREATE TRIGGER " + name + "_write AFTER INSERT OR DELETE ON " + m.table +
                  " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
    out.push_back("CREATE TRIGGER " + name + "_update AFTER UPDATE OF " + Columns(m) + " ON " +
                  m.table + " FOR EACH ROW WHEN (" + Changed(m, "IS DISTINCT FROM") +
                  ") EXECUTE FUNCTION " + name + "()");
  }
  out.push_back(
      "CREATE OR REPLACE FUNCTION count_closure() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
      "BEGIN\n"
      "IF TG_OP IN ('UPDATE', 'DELETE') THEN " +
      ClosureAdd("OLD", "-") +
      "END IF;\n"
      "IF TG_OP IN ('UPDATE', 'INSERT') THEN " +
      ClosureAdd("NEW", "") + "END IF;\nRETURN NULL;\nEND\n$f$");
  out.push_back(
      "CREATE TRIGGER count_closure_write AFTER INSERT OR DELETE OR UPDATE OF ancestor_id, axis, "
      "descendant_id ON org_closure FOR EACH ROW EXECUTE FUNCTION count_closure()");
  return out;
}

}  // namespace

void DropCountTriggers(db::Tx& tx) {
  auto drop = [&](const std::string& name, std::string_view table) {
    tx.Exec("DROP TRIGGER IF EXISTS " + name + (tx.sqlite() ? "" : " ON " + std::string(table)));
  };
  // SQLite has _insert, _delete and _update, PostgreSQL _write and _update.
  for (const char* suffix : {"_insert", "_delete", "_update", "_write"}) {
    for (const Measure& m : kMeasures) drop(std::string("count_") + m.key + suffix, m.table);
    drop(std::string("count_closure") + suffix, "org_closure");
  }
}

void ReplaceCountTriggers(db::Tx& tx) {
  DropCountTriggers(tx);
  for (const std::string& stmt : tx.sqlite() ? SqliteTriggers() : PostgresTriggers()) {
    tx.Exec(stmt);
  }
}

void PauseCounts(db::Tx& tx, std::string_view measure) {
  if (!tx.sqlite()) {
    tx.Query("SELECT set_config('" + std::string(kPausedSetting) + "', COALESCE(current_setting('" +
                 std::string(kPausedSetting) + "', true), '') || ?, true)",
             {"," + std::string(measure) + ","});
    return;
  }
  for (const char* suffix : {"_insert", "_delete", "_update"}) {
    tx.Exec("DROP TRIGGER IF EXISTS count_" + std::string(measure) + suffix);
  }
}

void ResumeCounts(db::Tx& tx, std::string_view measure) {
  if (!tx.sqlite()) {
    tx.Query("SELECT set_config('" + std::string(kPausedSetting) + "', replace(COALESCE(" +
                 "current_setting('" + std::string(kPausedSetting) + "', true), ''), ?, ''), true)",
             {"," + std::string(measure) + ","});
    return;
  }
  const std::string prefix = "CREATE TRIGGER count_" + std::string(measure) + "_";
  for (const std::string& stmt : SqliteTriggers()) {
    if (stmt.starts_with(prefix)) tx.Exec(stmt);
  }
}

void AddCounts(db::Tx& tx, std::string_view measure, const std::vector<CountDelta>& deltas) {
  // A few deltas (one union's import) go one by one; many (a city's, a
  // quarter of a million buckets) through a scratch table and two statements,
  // the subtree rows summed per ancestor in the database.
  constexpr size_t kOneByOne = 64;
  if (deltas.size() <= kOneByOne) {
    for (const CountDelta& d : deltas) {
      if (d.n == 0) continue;
      tx.Exec(std::string("INSERT INTO org_count (measure, axis, org_id, bucket, n) VALUES (?, "
                          "'o', ?, ?, ?)") +
                  kUpsert,
              {std::string(measure), d.org_id, d.bucket, d.n});
      tx.Exec(
          std::string("INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT ?, "
                      "c.axis, c.ancestor_id, ?, ? FROM org_closure c WHERE c.descendant_id = ?") +
              kUpsert,
          {std::string(measure), d.bucket, d.n, d.org_id});
    }
    return;
  }
  tx.Exec(
      "CREATE TEMP TABLE IF NOT EXISTS count_delta (org_id BIGINT NOT NULL, bucket TEXT NOT NULL, "
      "n BIGINT NOT NULL)");
  tx.Exec("DELETE FROM count_delta");
  {
    db::BulkInsert rows(tx, "count_delta", {"org_id", "bucket", "n"});
    for (const CountDelta& d : deltas) {
      if (d.n != 0) rows.Add({d.org_id, d.bucket, d.n});
    }
  }
  tx.Exec(std::string("INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT ?, 'o', "
                      "org_id, bucket, SUM(n) FROM count_delta GROUP BY org_id, bucket") +
              kUpsert,
          {std::string(measure)});
  tx.Exec(std::string("INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT ?, c.axis, "
                      "c.ancestor_id, d.bucket, SUM(d.n) FROM count_delta d JOIN org_closure c ON "
                      "c.descendant_id = d.org_id GROUP BY c.axis, c.ancestor_id, d.bucket") +
              kUpsert,
          {std::string(measure)});
  tx.Exec("DELETE FROM count_delta");
}

void RebuildCounts(db::Tx& tx) {
  DropCountTriggers(tx);
  tx.Exec("DELETE FROM org_count");
  for (const Measure& m : kMeasures) {
    tx.Exec("INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT '" +
            std::string(m.key) + "', 'o', x.org, x.bucket, COUNT(*) FROM (SELECT " +
            Row(m.org, "r") + " AS org, COALESCE(" + Row(m.bucket, "r") + ", '') AS bucket FROM " +
            m.table + " r) x WHERE x.org IS NOT NULL GROUP BY x.org, x.bucket");
  }
  tx.Exec(
      "INSERT INTO org_count (measure, axis, org_id, bucket, n) SELECT o.measure, c.axis, "
      "c.ancestor_id, o.bucket, SUM(o.n) FROM org_count o JOIN org_closure c ON c.descendant_id = "
      "o.org_id WHERE o.axis = 'o' GROUP BY o.measure, c.axis, c.ancestor_id, o.bucket");
  for (const std::string& stmt : tx.sqlite() ? SqliteTriggers() : PostgresTriggers()) {
    tx.Exec(stmt);
  }
}

int64_t CountTaggedMembers(db::Tx& tx, const api::Subtree& sub, std::string_view tag,
                           std::string_view status) {
  std::string sql =
      "SELECT SUM(n) FROM org_count WHERE measure = 'tagged_member' AND axis = ? AND org_id = ? "
      "AND (',' || replace(bucket, '|', ',') || ',') LIKE ? ESCAPE '\\'";
  std::vector<db::Value> params = {sub.axis, sub.root, "%," + db::EscapeLike(tag) + ",%"};
  if (!status.empty()) {
    sql += " AND bucket LIKE ? ESCAPE '\\'";
    params.emplace_back(db::EscapeLike(status) + "|%");
  }
  return tx.QueryInt(sql, params);
}

int64_t CountInSubtree(db::Tx& tx, std::string_view measure, const api::Subtree& sub,
                       const std::vector<std::string>& buckets) {
  std::string sql = "SELECT SUM(n) FROM org_count WHERE measure = ? AND axis = ? AND org_id = ?";
  std::vector<db::Value> params = {std::string(measure), sub.axis, sub.root};
  if (!buckets.empty()) {
    sql += " AND bucket IN (";
    for (size_t i = 0; i < buckets.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.emplace_back(buckets[i]);
    }
    sql += ")";
  }
  return tx.QueryInt(sql, params);
}

}  // namespace gonghui::org
