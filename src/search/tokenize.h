// Search tokens: the one definition of what is indexed and what a query asks
// for, shared by both backends so SQLite and PostgreSQL hold the same index and
// answer the same rows (SPEC §4). Pure functions, no I/O, thread-safe.
//
// Tokens:
//   - every CJK character (Han, kana, Hangul) is one token, so a word of any
//     length is the phrase of its characters: 托管 is 托 followed by 管;
//   - runs of letters and digits (Latin, Greek, Cyrillic; full-width forms
//     such as Ａ and ２ folded to ASCII) are lower-cased words, cut into pieces
//     of kMaxWordChars characters;
//   - everything else (spaces, punctuation of either width, symbols, emoji,
//     invalid UTF-8) only separates tokens.
//
// Indexed positions follow PostgreSQL's tsvector limits on both backends, so a
// long document is cut the same way everywhere: positions 1..kMaxPosition
// (title first, then one unused position, then the body), and at most
// kMaxOccurrences positions per token — later occurrences are left out but
// keep their place, so phrases never join across them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gonghui::search {

inline constexpr size_t kMaxWordChars = 32;
inline constexpr size_t kMaxPosition = 16383;   // PostgreSQL: MAXENTRYPOS - 1
inline constexpr size_t kMaxOccurrences = 256;  // PostgreSQL: MAXNUMPOS

struct Token {
  std::string text;  // lower-cased word, or one CJK character (UTF-8)
  size_t begin = 0;  // byte range in the source text
  size_t end = 0;
};

std::vector<Token> Tokenize(std::string_view text);

// A query word: the tokens of one space-separated word, matched as a phrase.
using Phrase = std::vector<std::string>;

// Splits a query on spaces (ASCII or ideographic) into phrases, in order;
// words without tokens (punctuation, emoji) are dropped.
std::vector<Phrase> QueryPhrases(std::string_view q);

// One document as the index holds it. Each slot is a token, or "" for an
// occurrence past kMaxOccurrences (left out, but it keeps its position).
// Title slot i sits at position i + 1, body slot j at title.size() + 2 + j.
struct IndexedText {
  std::vector<std::string> title;
  std::vector<std::string> body;
  size_t body_bytes = 0;  // the indexed prefix of the body; the rest is not searchable
};
IndexedText IndexText(std::string_view title, std::string_view body);

// --- Backend encodings ---------------------------------------------------------

// SQLite: the slots as FTS5's `ascii` tokenizer reads them back one by one,
// separated by spaces; a left-out occurrence becomes U+FFFF, which no query
// produces.
std::string Fts5Text(const std::vector<std::string>& slots);

// PostgreSQL: a tsvector literal. Tokens with their positions (title weighted
// A, body B) answer phrases of three tokens or more; lexemes without positions
// make the common cases exact in the GIN index and known to the planner's
// statistics (PostgreSQL estimates a phrase as if its characters were
// independent, and a weighted or positional query is re-checked row by row):
// each pair of neighbouring tokens "a b", the title's tokens and pairs again
// as "t:a" and "t:a b", and the `filter` lexemes (scope and kind, upper case
// so no text token equals them).
std::string TsVectorLiteral(const IndexedText& text, const std::vector<std::string>& filter);

// Which documents a query part selects, among those matching the filter.
enum class Part {
  kAll,       // every phrase in the title or the body
  kTitle,     // every phrase in the title
  kNotTitle,  // kAll but not kTitle
};

// A conjunction of disjunctions of filter lexemes: (O12 OR ALL) AND (KNEWS OR
// KACTIVITY). Empty means no constraint.
using Filter = std::vector<std::vector<std::string>>;

// SQLite: an FTS5 MATCH expression over columns title, body and scope.
// PostgreSQL: a tsquery literal over TsVectorLiteral's lexemes — a word of one
// token is that token, of two their pair, of more all its pairs and the phrase
// of its tokens. Both select the same documents. `phrases` must not be empty.
std::string Fts5Match(const std::vector<Phrase>& phrases, Part part, const Filter& filter);
std::string TsQueryLiteral(const std::vector<Phrase>& phrases, Part part, const Filter& filter);

}  // namespace gonghui::search
