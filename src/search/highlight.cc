#include "search/highlight.h"

#include <algorithm>

#include "core/escape.h"

namespace gonghui::search {
namespace {

// Appends `text` escaped; with `flatten`, line breaks and tabs become spaces (snippets).
void AppendEscaped(std::string& out, std::string_view text, bool flatten) {
  if (!flatten) return AppendEscapedMarkup(out, text);
  std::string flat(text);
  for (char& c : flat) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  AppendEscapedMarkup(out, flat);
}

// text[begin, end) escaped, with the parts inside `matches` marked.
std::string Marked(std::string_view text, size_t begin, size_t end,
                   const std::vector<std::pair<size_t, size_t>>& matches, bool flatten) {
  std::string out;
  size_t at = begin;
  for (auto [b, e] : matches) {
    b = std::max(b, begin);
    e = std::min(e, end);
    if (b >= e) continue;
    AppendEscaped(out, text.substr(at, b - at), flatten);
    out += "<mark>";
    AppendEscaped(out, text.substr(b, e - b), flatten);
    out += "</mark>";
    at = e;
  }
  AppendEscaped(out, text.substr(at, end - at), flatten);
  return out;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> FindMatches(std::string_view text,
                                                   const std::vector<Phrase>& phrases) {
  std::vector<Token> tokens = Tokenize(text);
  std::vector<std::pair<size_t, size_t>> found;
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const Phrase& p : phrases) {
      if (p.empty() || i + p.size() > tokens.size()) continue;
      bool same = true;
      for (size_t k = 0; k < p.size() && same; ++k) same = tokens[i + k].text == p[k];
      if (same) found.emplace_back(tokens[i].begin, tokens[i + p.size() - 1].end);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& m : found) {
    if (!merged.empty() && m.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, m.second);
    } else {
      merged.push_back(m);
    }
  }
  return merged;
}

std::string MarkHtml(std::string_view text, const std::vector<Phrase>& phrases) {
  return Marked(text, 0, text.size(), FindMatches(text, phrases), false);
}

std::string SnippetHtml(std::string_view body, const std::vector<Phrase>& phrases) {
  // Byte offset of every character, and of the end.
  std::vector<size_t> chars;
  for (size_t i = 0; i < body.size(); ++i) {
    if ((static_cast<unsigned char>(body[i]) & 0xC0) != 0x80) chars.push_back(i);
  }
  const size_t n = chars.size();
  chars.push_back(body.size());
  auto char_at = [&](size_t byte) {
    return static_cast<size_t>(std::lower_bound(chars.begin(), chars.end(), byte) - chars.begin());
  };
  std::vector<std::pair<size_t, size_t>> matches = FindMatches(body, phrases);
  size_t first = 0, first_end = 0;
  if (!matches.empty()) {
    first = char_at(matches[0].first);
    first_end = char_at(matches[0].second);
  }
  size_t start = first > kSnippetLead ? first - kSnippetLead : 0;
  size_t end = std::min(n, std::max(start + kSnippetChars, first_end));
  if (end == n) start = std::min(start, n > kSnippetChars ? n - kSnippetChars : 0);
  std::string out = start > 0 ? "…" : "";
  out += Marked(body, chars[start], chars[end], matches, true);
  if (end < n) out += "…";
  return out;
}

}  // namespace gonghui::search
