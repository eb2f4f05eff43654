// What the PDF, DOCX and HTML renderers share, so that the three formats print
// the same words: cleaned text, paragraphs, the issue line, dates and labels.
// Internal to bulletin/render_*.cc. All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bulletin/render.h"

namespace gonghui::bulletin {

// Shown on every format of a working copy (version 0).
inline constexpr std::string_view kDraftMark = "草稿（预览，未发布）";

// `text` as valid UTF-8 holding only characters XML 1.0 allows (tab and
// newline included): invalid bytes become U+FFFD, other control characters go.
std::string CleanText(std::string_view text);

// CleanText, then escaped (core/escape.h): safe in XML text and in attributes.
std::string XmlEscape(std::string_view text);

// The paragraphs of a body: split on "\n", each trimmed of spaces (ASCII and
// the full-width U+3000 that pasted text indents with), blank ones dropped.
// Each is CleanText'd.
std::vector<std::string> Paragraphs(std::string_view body);

// "2024年第21期".
std::string IssueLine(const RenderDoc& doc);

// "2024-05-31" → "2024年5月31日"; text that is not a date comes back cleaned.
std::string ChineseDate(std::string_view iso_date);

// The issue date as "2024-05-31T00:00:00" for document metadata; "" when it
// is not a date.
std::string IssueDateTime(const RenderDoc& doc);

// The date range as one phrase, "2024年5月25日至5月31日" (the year once when
// both dates share it); "" when neither date is set.
std::string DateRange(const RenderDoc& doc);

// The document title for metadata and the HTML <title>: "一周动态 2024年第21期".
std::string DocumentTitle(const RenderDoc& doc);

// "【要闻】"; a name that already carries brackets is kept as written.
std::string SectionHeading(std::string_view name);

// The attribution line under an article, "（供稿：南岸区总工会）"; "" for none.
std::string SourceLine(std::string_view org_name);

// The marker briefs start with.
inline constexpr std::string_view kBriefMark = "◆";

// A brief as printed: "◆", its title if any (bold, then a space), its first
// paragraph; further paragraphs follow as ordinary indented ones.
struct BriefText {
  std::string title;
  std::string first;
  std::vector<std::string> rest;
};
BriefText SplitBrief(const RenderEntry& entry);

}  // namespace gonghui::bulletin
