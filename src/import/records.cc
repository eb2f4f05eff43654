// The shared parts of the kinds (internal.h): reading a row's cells, finding
// the records a file names, and the two writes (create, update).
#include <utility>

#include "api/body.h"
#include "import/internal.h"
#include "org/count.h"

namespace gonghui::import {

void RowReader::Fail(size_t col, const std::string& message) {
  row_.problems.push_back({columns_.at(col).header, message});
}

std::optional<std::string> RowReader::Text(size_t col) {
  Result<std::string> t = TextOf(At(col));
  if (!t.ok()) {
    Fail(col, t.status().message());
    return std::nullopt;
  }
  return std::move(*t);
}

std::optional<std::string> RowReader::Text(size_t col, size_t max_chars, bool required) {
  std::optional<std::string> t = Text(col);
  if (!t) return t;
  if (t->empty() && required) {
    Fail(col, "不能为空");
    return std::nullopt;
  }
  if (api::Utf8Length(*t) > max_chars) {
    Fail(col, "不能超过 " + std::to_string(max_chars) + " 个字");
    return std::nullopt;
  }
  return t;
}

std::unordered_map<std::string, std::pair<int64_t, int64_t>> FindExisting(
    db::Tx& tx, const std::string& table, const std::string& column,
    const std::vector<std::string>& keys) {
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> found;
  if (keys.empty()) return found;
  std::string marks;
  std::vector<db::Value> params;
  for (const std::string& key : keys) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(key);
  }
  for (const db::Row& r : tx.Query("SELECT " + column + ", id, org_id FROM " + table + " WHERE " +
                                       column + " IN (" + marks + ")",
                                   params)) {
    found[r.Str(0)] = {r.Int(1), r.Int(2)};
  }
  return found;
}

void AddRecord(Spool& out, bool update, int64_t id, int64_t org_id,
               std::vector<std::pair<std::string, db::Value>>& columns, int64_t now) {
  std::vector<db::Value> values;
  if (update) {
    values.emplace_back(id);
    values.emplace_back(org_id);
    for (auto& [col, v] : columns) {
      values.emplace_back(col);
      values.push_back(std::move(v));
    }
  } else {
    values.emplace_back(org_id);
    for (auto& [col, v] : columns) values.push_back(std::move(v));
    values.emplace_back(now);
    values.emplace_back(now);
  }
  out.Add(values);
}

int64_t UpdateRecords(db::Tx& tx, Spool& in, const std::string& table, int64_t now,
                      const std::function<void(int64_t)>& written,
                      const std::function<void(int64_t, int64_t)>& changed) {
  int64_t n = 0;
  std::vector<db::Value> values;
  for (in.Rewind(); in.Next(values);) {
    std::string sql = "UPDATE " + table + " SET updated_at = ?";
    std::vector<db::Value> params = {now};
    for (size_t i = 2; i + 1 < values.size(); i += 2) {
      sql += ", " + std::get<std::string>(values[i]) + " = ?";
      params.push_back(values[i + 1]);
    }
    params.push_back(values[0]);
    tx.Exec(sql + " WHERE id = ?", params);
    changed(std::get<int64_t>(values[0]), std::get<int64_t>(values[1]));
    if (++n % 1000 == 0) written(n);
  }
  written(n);
  return n;
}

int64_t RowReader::Org(db::Tx& tx, size_t col, UnionResolver& orgs, std::optional<int64_t> fallback,
                       bool required) {
  std::optional<std::string> text = Text(col);
  if (!text) return 0;
  if (text->empty()) {
    if (fallback) return *fallback;
    if (required) Fail(col, "不能为空（或在导入时选择默认的" + columns_.at(col).header + "）");
    return 0;
  }
  Result<int64_t> id = orgs.Resolve(tx, *text);
  if (id.ok()) return *id;
  Fail(col, id.status().message());
  return 0;
}

std::map<std::pair<int64_t, std::string>, int64_t> InsertRecords(
    db::Tx& tx, Spool& in, const std::string& table, const std::vector<std::string>& columns,
    size_t bucket_at, const std::function<void(int64_t)>& written, int64_t rebuild_indexes_from) {
  std::vector<std::string> indexes;
  if (tx.sqlite() && in.Expected() >= rebuild_indexes_from &&
      in.Expected() * 2 >= tx.QueryInt("SELECT COUNT(*) FROM " + table)) {
    indexes = db::DropIndexes(tx, table);
  }
  org::PauseCounts(tx, table);
  std::map<std::pair<int64_t, std::string>, int64_t> counts;  // (org, bucket) → rows
  int64_t n = 0;
  {
    db::BulkInsert insert(tx, table, columns);
    std::vector<db::Value> values;
    for (in.Rewind(); in.Next(values);) {
      ++counts[{std::get<int64_t>(values[0]), std::get<std::string>(values[bucket_at])}];
      insert.Add(values);
      if (++n % 10000 == 0) written(n);
    }
  }
  for (const std::string& sql : indexes) tx.Exec(sql);
  std::vector<org::CountDelta> deltas;
  for (const auto& [key, rows] : counts) deltas.push_back({key.first, key.second, rows});
  org::AddCounts(tx, table, deltas);
  org::ResumeCounts(tx, table);
  written(n);
  return counts;
}

}  // namespace gonghui::import
