// Answers cached while the data behind them has not changed.
//
// A data version is a counter in the database (table data_version), bumped in
// the same transaction as every write that can change an answer. A cached
// answer is stored with the version it was computed at and served only while
// the database still holds that version, so every server instance sharing the
// database sees a write at once. Reading the version costs one primary-key
// lookup instead of the counting and sorting behind a list.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/db.h"

namespace gonghui::api {

// The sum of the current versions of `names`: it changes whenever any of them
// is bumped (versions only grow).
int64_t DataVersion(db::Tx& tx, std::initializer_list<std::string_view> names);
// Moves `name` to a new version; call inside the writing transaction.
void BumpDataVersion(db::Tx& tx, std::string_view name);

// A bounded, thread-safe map from key to (version, text); least recently used
// entries go first.
class VersionedCache {
 public:
  explicit VersionedCache(size_t capacity) : capacity_(capacity) {}

  std::optional<std::string> Get(const std::string& key, int64_t version);
  void Put(const std::string& key, int64_t version, std::string text);

 private:
  struct Entry {
    int64_t version;
    std::string text;
    std::list<std::string>::iterator position;
  };
  const size_t capacity_;
  std::mutex mu_;
  std::list<std::string> order_;                    // guarded by mu_; front = most recent
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace gonghui::api
