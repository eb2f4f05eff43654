// The shared parts of the kinds (internal.h): reading a row's cells, finding
// the records a file names, and the two writes (create, update).
#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>

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

std::map<int64_t, int64_t> InsertRecords(db::Tx& tx, Spool& in, const std::string& table,
                                         const std::vector<std::string>& columns,
                                         const std::vector<Measured>& measures,
                                         const std::function<void(int64_t)>& written,
                                         int64_t rebuild_indexes_from) {
  std::vector<std::string> indexes;
  if (tx.sqlite() && in.Expected() >= rebuild_indexes_from &&
      in.Expected() * 2 >= tx.QueryInt("SELECT COUNT(*) FROM " + table)) {
    indexes = db::DropIndexes(tx, table);
  }
  for (const Measured& m : measures) org::PauseCounts(tx, m.measure);
  // The columns any bucket reads, in order. Rows are counted per key (the
  // org's 8 bytes, then the text of each of those columns and a separator),
  // and each measure's buckets are summed from these counts at the end.
  std::vector<size_t> key_at;
  for (const Measured& m : measures) {
    key_at.insert(key_at.end(), m.bucket_at.begin(), m.bucket_at.end());
  }
  std::sort(key_at.begin(), key_at.end());
  key_at.erase(std::unique(key_at.begin(), key_at.end()), key_at.end());
  // Each measure's bucket columns as places in the key.
  std::vector<std::vector<size_t>> slots;
  for (const Measured& m : measures) {
    std::vector<size_t>& mine = slots.emplace_back();
    for (size_t at : m.bucket_at) {
      mine.push_back(
          static_cast<size_t>(std::lower_bound(key_at.begin(), key_at.end(), at) - key_at.begin()));
    }
  }
  constexpr char kSeparator = '\x1f';
  std::unordered_map<std::string, int64_t> rows;
  int64_t n = 0;
  {
    db::BulkInsert insert(tx, table, columns);
    std::vector<db::Value> values;
    std::string key;
    for (in.Rewind(); in.Next(values);) {
      const int64_t org_id = std::get<int64_t>(values[0]);
      key.assign(reinterpret_cast<const char*>(&org_id), sizeof org_id);
      for (size_t at : key_at) {
        if (const auto* text = std::get_if<std::string>(&values[at])) key += *text;
        key += kSeparator;
      }
      ++rows[key];
      insert.Add(values);
      if (++n % 10000 == 0) written(n);
    }
  }
  for (const std::string& sql : indexes) tx.Exec(sql);
  std::map<int64_t, int64_t> per_org;
  std::vector<std::map<std::pair<int64_t, std::string>, int64_t>> buckets(measures.size());
  for (const auto& [key, count] : rows) {
    int64_t org_id = 0;
    std::memcpy(&org_id, key.data(), sizeof org_id);
    per_org[org_id] += count;
    std::vector<std::string_view> texts;
    for (size_t from = sizeof org_id; from < key.size();) {
      const size_t end = key.find(kSeparator, from);
      texts.emplace_back(key.data() + from, end - from);
      from = end + 1;
    }
    for (size_t i = 0; i < measures.size(); ++i) {
      std::string bucket;
      for (size_t j = 0; j < slots[i].size(); ++j) {
        if (j > 0) bucket += '|';
        bucket += texts[slots[i][j]];
      }
      buckets[i][{org_id, std::move(bucket)}] += count;
    }
  }
  for (size_t i = 0; i < measures.size(); ++i) {
    std::vector<org::CountDelta> deltas;
    for (const auto& [key, count] : buckets[i]) deltas.push_back({key.first, key.second, count});
    org::AddCounts(tx, measures[i].measure, deltas);
    org::ResumeCounts(tx, measures[i].measure);
  }
  written(n);
  return per_org;
}

}  // namespace gonghui::import
