#include "api/cache.h"

namespace gonghui::api {

int64_t DataVersion(db::Tx& tx, std::initializer_list<std::string_view> names) {
  std::string sql = "SELECT SUM(version) FROM data_version WHERE name IN (";
  std::vector<db::Value> params;
  for (std::string_view name : names) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(std::string(name));
  }
  return tx.QueryInt(sql + ")", params);
}

void BumpDataVersion(db::Tx& tx, std::string_view name) {
  if (tx.Exec("UPDATE data_version SET version = version + 1 WHERE name = ?",
              {std::string(name)}) == 0) {
    tx.Exec("INSERT INTO data_version (name, version) VALUES (?, 1)", {std::string(name)});
  }
}

std::optional<std::string> VersionedCache::Get(const std::string& key, int64_t version) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second.position);
  return it->second.text;
}

void VersionedCache::Put(const std::string& key, int64_t version, std::string text) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second.version = version;
    it->second.text = std::move(text);
    order_.splice(order_.begin(), order_, it->second.position);
    return;
  }
  order_.push_front(key);
  entries_.emplace(key, Entry{version, std::move(text), order_.begin()});
  while (entries_.size() > capacity_) {
    entries_.erase(order_.back());
    order_.pop_back();
  }
}

}  // namespace gonghui::api
