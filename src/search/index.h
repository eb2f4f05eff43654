// Writing the search index (search.h is the whole map): documents in, one at
// a time with the record they index, or in bulk for generated data and
// migrations. Depends on the database seam only.
//
// Storage (migration 5): search_doc holds one row per document — its
// identity, owner, the scope and kind lexemes it was indexed with, and the
// indexed prefix of its text (for highlighting). Its id is the rank key
// (SortKey), so the index can hand out matches newest first and stop after a
// page. SQLite indexes the tokens in the contentless FTS5 table search_fts
// (rowid = search_doc.id); PostgreSQL in the tsvector column search_doc.tsv
// with a GIN index. Contentless rows are removed by repeating what was
// inserted, which is rebuilt from search_doc: a change to the tokenizer needs a
// migration that rebuilds the index.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "db/db.h"

namespace gonghui::search {

// One searchable document. (kind, ref_id) identifies it; Put replaces it.
struct Doc {
  std::string kind;  // "news", "bulletin", "activity"
  int64_t ref_id = 0;
  int64_t org_id = 0;     // owner; scope is checked against it
  bool everyone = false;  // visible to every signed-in user (published bulletins)
  std::string date;       // YYYY-MM-DD
  std::string title;
  std::string body;
};

// Adds or replaces a document, in the caller's transaction. Throws
// std::invalid_argument for an unknown kind or an id ≥ 2^34 (a bug).
void Put(db::Tx& tx, const Doc& doc);
// Removes a document (no-op when absent).
void Remove(db::Tx& tx, std::string_view kind, int64_t ref_id);

// The rank key and search_doc.id: date (newest first), then kind (activity,
// bulletin, news), then ref_id (highest first) — all descending in one
// integer, so "ORDER BY id DESC" is the order of the results.
int64_t SortKey(std::string_view date, std::string_view kind, int64_t ref_id);

// The searchable body of a work record: its text, then its places, target
// groups and items (activity.detail), one line each.
std::string ActivityBody(std::string_view body, const nlohmann::json& detail);

// Adds many documents that are not indexed yet, much faster than Put: they are
// buffered, sorted by rank key and written in batches (COPY on PostgreSQL).
// Finish (or the destructor, unless an exception is unwinding) writes the rest;
// after a big load it also merges SQLite's index into one segment, and builds
// PostgreSQL's GIN index anew (dropped at the first full batch, which locks
// search_doc until the transaction ends). Runs in the caller's transaction;
// one BulkIndexer at a time per transaction.
class BulkIndexer {
 public:
  explicit BulkIndexer(db::Tx& tx) : tx_(tx) {}
  ~BulkIndexer() noexcept(false);
  BulkIndexer(const BulkIndexer&) = delete;
  BulkIndexer& operator=(const BulkIndexer&) = delete;

  void Add(Doc doc);
  void Finish();

 private:
  void Flush();

  db::Tx& tx_;
  std::vector<Doc> pending_;
  std::map<std::pair<int64_t, bool>, std::string> scopes_;  // (org, everyone) → lexemes
  int64_t written_ = 0;
  bool gin_dropped_ = false;
};

// Indexes every live work record through a BulkIndexer (migration 5 on an
// existing database). kFailedPrecondition when work records are indexed already.
Status IndexAllActivities(db::Tx& tx);

}  // namespace gonghui::search
