// Typesetting an issue of 一周动态 (SPEC §3.2): the frozen content of a
// version, rendered as PDF (cairo + pango, Noto CJK), DOCX (Office Open XML)
// and HTML (a standalone page the portal can publish).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gonghui::bulletin {

struct RenderEntry {
  std::string style;     // "article" (heading + paragraphs) or "brief" (◆ one paragraph)
  std::string title;     // articles; may be empty for briefs
  std::string body;      // paragraphs separated by "\n"
  std::string org_name;  // the union it came from ("" when written by the editors)
};

struct RenderSection {
  std::string name;  // 要闻, 工作动态, 创新案例, 基层动态, 专题 …
  std::vector<RenderEntry> entries;
};

struct RenderDoc {
  std::string federation;  // 重庆市总工会 (the root org's name)
  std::string title;       // 一周动态
  int year = 0;
  int number = 0;          // 第N期
  std::string issue_date;  // YYYY-MM-DD, printed on the masthead
  std::string date_from, date_to;
  int version = 0;  // 0: an unpublished working copy (marked as 草稿 / preview)
  std::vector<RenderSection> sections;
};

// The bytes of each format. Fail only on a library error (kInternal).
Result<std::string> RenderPdf(const RenderDoc& doc);
Result<std::string> RenderDocx(const RenderDoc& doc);
std::string RenderHtml(const RenderDoc& doc);
// The text of the HTML page's one <style> element, for the server's Content-Security-Policy.
std::string_view HtmlStyleSheet();

}  // namespace gonghui::bulletin
