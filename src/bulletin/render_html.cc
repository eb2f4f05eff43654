// HTML: one standalone page with its CSS inside, written as well-formed XML
// (void elements closed, every text escaped) so that the portal can publish it
// as it is and tools can parse it.
#include <string>

#include "bulletin/render.h"
#include "bulletin/render_internal.h"

namespace gonghui::bulletin {
namespace {

constexpr char kStyle[] = R"css(
body { margin: 0; background: #f3f3f3; color: #222;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, "宋体", serif; }
.bulletin { max-width: 46em; margin: 0 auto; padding: 2.5em 3em 3em; background: #fff; line-height: 1.8; }
.masthead { text-align: center; border-bottom: 3px double #c00; padding-bottom: 0.6em; margin-bottom: 1.2em; }
.masthead p { margin: 0; text-indent: 0; text-align: center; }
.masthead .draft { text-align: right; color: #c00; font-weight: bold; }
.masthead .issue { font-size: 1.15em; margin: 0.2em 0 0.8em; }
.masthead .meta { display: flex; justify-content: space-between; }
.masthead h1 { color: #c00; font-size: 2.8em; letter-spacing: 0.25em; padding-left: 0.25em; margin: 0.2em 0 0.1em; }
h2 { color: #c00; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 1.25em; margin: 1.6em 0 0.6em; }
h3 { text-align: center; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 1.12em; margin: 1.2em 0 0.5em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.brief { text-indent: 0; margin-top: 0.5em; }
p.source { text-indent: 0; text-align: right; color: #555; font-size: 0.9em; }
@media print { body { background: #fff; } .bulletin { padding: 0; } }
)css";

void Element(std::string& out, const char* open, const std::string& escaped, const char* close) {
  out += open;
  out += escaped;
  out += close;
  out += '\n';
}

}  // namespace

std::string_view HtmlStyleSheet() { return kStyle; }

std::string RenderHtml(const RenderDoc& doc) {
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" "
      "xml:lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n";
  Element(out, "<meta name=\"description\" content=\"", XmlEscape(DateRange(doc)), "\" />");
  Element(out, "<title>", XmlEscape(DocumentTitle(doc)), "</title>");
  out += "<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<div class=\"bulletin\">\n<header class=\"masthead\">\n";
  if (doc.version == 0) Element(out, "<p class=\"draft\">", std::string(kDraftMark), "</p>");
  Element(out, "<h1>", XmlEscape(doc.title), "</h1>");
  Element(out, "<p class=\"issue\">", IssueLine(doc), "</p>");
  out += "<p class=\"meta\"><span>" + XmlEscape(doc.federation) + "</span><span>" +
         XmlEscape(ChineseDate(doc.issue_date)) + "</span></p>\n</header>\n";

  for (const RenderSection& section : doc.sections) {
    out += "<section>\n";
    Element(out, "<h2>", XmlEscape(SectionHeading(section.name)), "</h2>");
    for (const RenderEntry& entry : section.entries) {
      if (entry.style == "brief") {
        const BriefText brief = SplitBrief(entry);
        out += "<p class=\"brief\">" + std::string(kBriefMark);
        if (!brief.title.empty()) out += "<strong>" + XmlEscape(brief.title) + "</strong> ";
        Element(out, "", XmlEscape(brief.first), "</p>");
        for (const std::string& paragraph : brief.rest) {
          Element(out, "<p>", XmlEscape(paragraph), "</p>");
        }
        continue;
      }
      out += "<article>\n";
      if (const std::string title = XmlEscape(entry.title); !title.empty()) {
        Element(out, "<h3>", title, "</h3>");
      }
      for (const std::string& paragraph : Paragraphs(entry.body)) {
        Element(out, "<p>", XmlEscape(paragraph), "</p>");
      }
      if (const std::string source = SourceLine(entry.org_name); !source.empty()) {
        Element(out, "<p class=\"source\">", XmlEscape(source), "</p>");
      }
      out += "</article>\n";
    }
    out += "</section>\n";
  }
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace gonghui::bulletin
