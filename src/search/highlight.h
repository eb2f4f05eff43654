// Highlighted search results: HTML-escaped text with every match of a query
// phrase wrapped in <mark></mark>, and a short snippet of the body around the
// first match. Computed in C++ from the stored text, so both backends answer
// the same markup. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/tokenize.h"

namespace gonghui::search {

// Characters in a snippet: about kSnippetLead before the first match, the
// whole match, and the rest up to kSnippetChars in all.
inline constexpr size_t kSnippetChars = 100;
inline constexpr size_t kSnippetLead = 30;

// Byte ranges [begin, end) of every occurrence of any phrase in `text`, in
// order, overlapping or touching ranges merged.
std::vector<std::pair<size_t, size_t>> FindMatches(std::string_view text,
                                                   const std::vector<Phrase>& phrases);

// `text` HTML-escaped with every match marked.
std::string MarkHtml(std::string_view text, const std::vector<Phrase>& phrases);

// About kSnippetChars characters of `body` around its first match (its start
// when nothing matches), with the matches marked, line breaks and tabs as
// spaces, and "…" where the text was cut.
std::string SnippetHtml(std::string_view body, const std::vector<Phrase>& phrases);

}  // namespace gonghui::search
