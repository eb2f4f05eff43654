#include "bulletin/render_internal.h"

#include <glib.h>

#include "core/date.h"
#include "core/escape.h"

namespace gonghui::bulletin {
namespace {

// XML 1.0 `Char`, minus carriage return (paragraphs end with "\n" only).
bool IsXmlChar(gunichar c) {
  return c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

constexpr std::string_view kIdeographicSpace = "\u3000";

std::string_view Trim(std::string_view text) {
  while (true) {
    if (text.empty()) return text;
    if (text.front() == ' ' || text.front() == '\t') {
      text.remove_prefix(1);
    } else if (text.back() == ' ' || text.back() == '\t') {
      text.remove_suffix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      return text;
    }
  }
}

}  // namespace

std::string CleanText(std::string_view text) {
  gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out;
  out.reserve(text.size());
  for (const gchar* p = valid; *p != '\0';) {
    const gchar* next = g_utf8_next_char(p);
    if (IsXmlChar(g_utf8_get_char(p))) out.append(p, next);
    p = next;
  }
  g_free(valid);
  return out;
}

std::string XmlEscape(std::string_view text) { return EscapeMarkup(CleanText(text)); }

std::vector<std::string> Paragraphs(std::string_view body) {
  std::vector<std::string> out;
  const std::string clean = CleanText(body);
  std::string_view rest = clean;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view line = Trim(rest.substr(0, end));
    if (!line.empty()) out.emplace_back(line);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return out;
}

std::string IssueLine(const RenderDoc& doc) {
  return std::to_string(doc.year) + "年第" + std::to_string(doc.number) + "期";
}

std::string ChineseDate(std::string_view iso_date) {
  const Result<Date> date = ParseDate(iso_date);
  if (!date.ok()) return CleanText(iso_date);
  return std::to_string(date->year) + "年" + std::to_string(date->month) + "月" +
         std::to_string(date->day) + "日";
}

std::string IssueDateTime(const RenderDoc& doc) {
  const Result<Date> date = ParseDate(doc.issue_date);
  return date.ok() ? date->ToString() + "T00:00:00" : "";
}

std::string DateRange(const RenderDoc& doc) {
  if (doc.date_from.empty() && doc.date_to.empty()) return "";
  if (doc.date_from.empty() || doc.date_to.empty()) {
    return ChineseDate(doc.date_from.empty() ? doc.date_to : doc.date_from);
  }
  const Result<Date> from = ParseDate(doc.date_from);
  const Result<Date> to = ParseDate(doc.date_to);
  std::string end = ChineseDate(doc.date_to);
  if (from.ok() && to.ok() && from->year == to->year) {
    end = std::to_string(to->month) + "月" + std::to_string(to->day) + "日";
  }
  return ChineseDate(doc.date_from) + "至" + end;
}

std::string DocumentTitle(const RenderDoc& doc) {
  return CleanText(doc.title) + " " + IssueLine(doc);
}

std::string SectionHeading(std::string_view name) {
  const std::string clean = CleanText(Trim(name));
  if (clean.starts_with("【")) return clean;
  return "【" + clean + "】";
}

std::string SourceLine(std::string_view org_name) {
  const std::string clean = CleanText(Trim(org_name));
  if (clean.empty()) return "";
  return "（供稿：" + clean + "）";
}

BriefText SplitBrief(const RenderEntry& entry) {
  BriefText brief{CleanText(Trim(entry.title)), "", Paragraphs(entry.body)};
  if (!brief.rest.empty()) {
    brief.first = std::move(brief.rest.front());
    brief.rest.erase(brief.rest.begin());
  }
  return brief;
}

}  // namespace gonghui::bulletin
