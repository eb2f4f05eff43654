// Full-text search (SPEC §3.2) over news items, published bulletins and work
// records: one index, one query, scoped to the caller's subtree.
//
// Chinese has no spaces, so every CJK character is its own token and a query
// is a phrase of characters: "托管" matches exactly where 托 is followed by 管,
// which is right for words of any length (two-character words included).
// Latin letters and digits form lower-cased words. The same tokens are
// produced in C++ for both backends — an FTS5 table on SQLite, a tsvector
// column with a GIN index on PostgreSQL — so both answer the same rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
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

// Adds or replaces a document, in the caller's transaction.
void Put(db::Tx& tx, const Doc& doc);
// Removes a document (no-op when absent).
void Remove(db::Tx& tx, std::string_view kind, int64_t ref_id);

// GET /search. Also hooks work records (activity) into the index.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::search
