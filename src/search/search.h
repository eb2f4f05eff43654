// Full-text search (SPEC §3.2) over news items, published bulletins and work
// records: one index, one query, scoped to the caller's subtree.
//
// Chinese has no spaces, so every CJK character is its own token and a query
// is a phrase of characters: "托管" matches exactly where 托 is followed by 管,
// which is right for words of any length (two-character words included).
// Latin letters and digits form lower-cased words. The same tokens are
// produced in C++ for both backends — an FTS5 table on SQLite, a tsvector
// column with a GIN index on PostgreSQL — so both answer the same rows.
//
// The parts, in the order a document travels:
//   - tokenize.h: text → tokens, the indexed form of a document, and the
//     backend encodings (FTS5 text and MATCH, tsvector and tsquery literals);
//   - index.h: Put/Remove with the record that changed, BulkIndexer for
//     generated data and migration 5; every document carries filter lexemes:
//     O<org> for its org and each ancestor on either axis, ALL when everyone
//     may see it (published bulletins), K<KIND>;
//   - GET /search (search.cc): the caller's scope is the lexeme O<own org>
//     (or ALL), so scoping is part of the index lookup; the root's users need
//     none. Results come from the index in rank-key order (index.h SortKey:
//     date, kind, id), first the documents with every word in the title, then
//     the others, so a page reads about page_size matches and stops (on
//     PostgreSQL by walking the rank key, or from the GIN index when matches
//     are few: search.cc Matcher); the total is counted up to 1,000
//     (total_capped beyond);
//   - highlight.h: title and snippet with <mark>, escaped, from the stored text.
//
// Org moves re-index the documents of the moved subtree (hook registered by
// RegisterRoutes). Work records are indexed by activity/ with every write.
#pragma once

#include "api/api.h"
#include "search/index.h"

namespace gonghui::search {

// GET /search, and the org-move hook that keeps the scope lexemes exact.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::search
