#include "bulletin/render.h"

#include <gtest/gtest.h>

#include <future>
#include <regex>
#include <sstream>
#include <vector>

#include "core/test_util.h"

namespace gonghui::bulletin {
namespace {

using test_util::HasTool;
using test_util::Quote;
using test_util::RunCommand;
using test_util::TempDir;
using test_util::ZipEntry;

// Invented sentences; a paragraph cycles through them from its seed.
constexpr const char* kClauses[] = {
    "区总工会深入园区企业开展职工技能培训，参训职工共计128人",
    "组织劳模工匠走进生产车间，面对面宣讲安全生产知识",
    "为环卫工人、快递小哥等户外劳动者送去防暑降温物资",
    "推动非公企业建立健全厂务公开和职工代表大会制度",
    "帮助新就业形态劳动者就近加入工会组织，新增会员3000余人",
    "在暑期开设职工子女爱心托管班，配备专职教师和志愿者",
    "举办“劳动创造幸福”主题职工运动会，设置拔河、跳绳等项目",
    "落实困难职工帮扶救助政策，发放慰问金15.6万元",
    "开展集体协商要约行动，推动签订工资专项集体合同",
    "建成职工之家和户外劳动者服务站点，提供饮水、休息、充电服务",
};

std::string Sentence(int seed, int clauses) {
  std::string text;
  for (int i = 0; i < clauses; ++i) {
    text += kClauses[(seed * 7 + i * 3) % std::size(kClauses)];
    text += i + 1 == clauses ? "。" : "；";
  }
  return text;
}

// `paragraphs` paragraphs of `clauses` clauses each, separated by "\n".
std::string Body(int seed, int paragraphs, int clauses) {
  std::string body;
  for (int p = 0; p < paragraphs; ++p) {
    if (p > 0) body += "\n";
    body += Sentence(seed + p, clauses);
  }
  return body;
}

RenderEntry Article(std::string title, int seed, int paragraphs, std::string org = "") {
  return {"article", std::move(title), Body(seed, paragraphs, 6), std::move(org)};
}

RenderEntry Brief(const std::string& date, int seed) {
  return {"brief", "", date + "，" + Sentence(seed, 3), ""};
}

// An issue of about five pages: long lead articles, cases, briefs (one with
// characters that need escaping), a themed section.
RenderDoc SampleDoc() {
  RenderDoc doc;
  doc.federation = "重庆市总工会";
  doc.title = "一周动态";
  doc.year = 2024;
  doc.number = 21;
  doc.issue_date = "2024-05-31";
  doc.date_from = "2024-05-25";
  doc.date_to = "2024-05-31";
  doc.version = 2;
  doc.sections.push_back(
      {"要闻",
       {Article("市总工会召开机关干部职工大会", 1, 7), Article("全市职工技能大赛启动", 2, 6)}});
  doc.sections.push_back({"创新案例",
                          {Article("用心用情提供“爱心托管”服务", 3, 4, "市总工会女职工部"),
                           Article("“四强四抓”筑牢和谐劳动关系根基", 4, 5, "巫山县总工会")}});
  RenderSection briefs{"基层动态", {}};
  for (int i = 0; i < 7; ++i)
    briefs.entries.push_back(Brief("5月" + std::to_string(20 + i) + "日", i));
  briefs.entries.push_back({"brief", "职工书屋", "5月28日，书屋上架<新书> & \"好书\"推荐单。", ""});
  doc.sections.push_back(std::move(briefs));
  doc.sections.push_back({"六一关爱", {Article("“六一”关爱活动走进基层", 5, 3, "大足区总工会")}});
  return doc;
}

// Removes whitespace (ASCII, no-break and ideographic spaces): line breaks and
// justification spaces differ between a text and its typeset form.
std::string Squeeze(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') continue;
    if (text.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    if (text.compare(i, 2, "\u00a0") == 0) {
      i += 1;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

// What a reader sees, in order: masthead, then per section its heading and
// entries. Brief texts start with ◆; articles end with their source line.
std::vector<std::string> ExpectedText(const RenderDoc& doc) {
  std::vector<std::string> out = {doc.title, "2024年第21期", doc.federation, "2024年5月31日"};
  for (const RenderSection& section : doc.sections) {
    out.push_back("【" + section.name + "】");
    for (const RenderEntry& entry : section.entries) {
      std::string body = entry.body;
      if (entry.style == "brief") body = "◆" + entry.title + body;
      if (entry.style == "article") out.push_back(entry.title);
      std::istringstream paragraphs(body);
      for (std::string paragraph; std::getline(paragraphs, paragraph);) out.push_back(paragraph);
      if (!entry.org_name.empty()) out.push_back("（供稿：" + entry.org_name + "）");
    }
  }
  for (std::string& text : out) text = Squeeze(text);
  return out;
}

// Empty when every expected text occurs in `text` in order; else the first one
// missing.
std::string FirstMissing(const std::string& text, const std::vector<std::string>& expected) {
  const std::string squeezed = Squeeze(text);
  size_t at = 0;
  for (const std::string& part : expected) {
    const size_t found = squeezed.find(part, at);
    if (found == std::string::npos) return part;
    at = found + part.size();
  }
  return "";
}

// Page numbers "— 3 —" sit on lines of their own.
const std::regex kFooter(R"(^\s*— *\d+ *—\s*$)");

// pdftotext's pages (split on form feeds) without their page-number lines.
std::vector<std::string> PdfPages(const std::string& pdf_text, std::vector<int>* numbers) {
  std::vector<std::string> pages;
  std::istringstream stream(pdf_text);
  for (std::string page; std::getline(stream, page, '\f');) {
    std::string kept;
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
      if (std::regex_match(line, kFooter)) {
        numbers->push_back(std::stoi(line.substr(line.find_first_of("0123456789"))));
      } else {
        kept += line + "\n";
      }
    }
    if (!Squeeze(kept).empty()) pages.push_back(kept);
  }
  return pages;
}

bool ToolsMissing(std::initializer_list<const char*> tools, std::string* which) {
  for (const char* tool : tools) {
    if (!HasTool(tool)) {
      *which = tool;
      return true;
    }
  }
  return false;
}

#define SKIP_WITHOUT(...)                                  \
  do {                                                     \
    std::string missing_tool;                              \
    if (ToolsMissing({__VA_ARGS__}, &missing_tool)) {      \
      GTEST_SKIP() << missing_tool << " is not installed"; \
    }                                                      \
  } while (0)

TEST(RenderPdf, StartsAsPdf) {
  const Result<std::string> pdf = RenderPdf(SampleDoc());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->rfind("%%EOF"), std::string::npos);
}

TEST(RenderPdf, TextInOrderOnNumberedPages) {
  SKIP_WITHOUT("pdftotext", "pdfinfo");
  const RenderDoc doc = SampleDoc();
  const Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  TempDir dir;
  const std::string file = dir.Write("issue.pdf", *pdf);

  const auto info = RunCommand("pdfinfo " + Quote(file));
  ASSERT_EQ(info.exit_code, 0);
  std::smatch pages_match;
  ASSERT_TRUE(std::regex_search(info.output, pages_match, std::regex(R"(Pages:\s+(\d+))")));
  const int page_count = std::stoi(pages_match[1]);
  EXPECT_GE(page_count, 3) << "the long articles should flow over several pages";
  EXPECT_TRUE(std::regex_search(info.output, std::regex("Title: +一周动态 2024年第21期\n")))
      << info.output;

  const auto text = RunCommand("pdftotext -enc UTF-8 " + Quote(file) + " -");
  ASSERT_EQ(text.exit_code, 0);
  std::vector<int> numbers;
  const std::vector<std::string> pages = PdfPages(text.output, &numbers);
  std::string body;
  for (const std::string& page : pages) body += page;
  EXPECT_EQ(FirstMissing(body, ExpectedText(doc)), "");
  EXPECT_EQ(Squeeze(body).find("草稿"), std::string::npos) << "a published issue is no draft";

  ASSERT_EQ(static_cast<int>(numbers.size()), page_count);
  for (int i = 0; i < page_count; ++i) EXPECT_EQ(numbers[i], i + 1);
}

// The sample preceded by a lead article of `extra` paragraphs, so that page
// breaks fall elsewhere in each variant.
RenderDoc Variant(int extra) {
  RenderDoc doc = SampleDoc();
  if (extra > 0) {
    doc.sections[0].entries.insert(doc.sections[0].entries.begin(), Article("开篇", 9, extra));
  }
  return doc;
}

// The non-blank lines of each page as pdftotext's layout mode shows them
// (indents kept), page numbers left out.
std::vector<std::vector<std::string>> LayoutLines(const std::string& pdf) {
  TempDir dir;
  const auto text =
      RunCommand("pdftotext -layout -enc UTF-8 " + Quote(dir.Write("issue.pdf", pdf)) + " -");
  EXPECT_EQ(text.exit_code, 0);
  std::vector<int> numbers;
  std::vector<std::vector<std::string>> pages;
  for (const std::string& page : PdfPages(text.output, &numbers)) {
    pages.emplace_back();
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
      if (!Squeeze(line).empty()) pages.back().push_back(line);
    }
  }
  return pages;
}

constexpr int kVariants = 10;

TEST(RenderPdf, HeadingsNeverEndAPage) {
  SKIP_WITHOUT("pdftotext");
  for (int extra = 0; extra < kVariants; ++extra) {
    const RenderDoc doc = Variant(extra);
    std::vector<std::string> headings;
    for (const RenderSection& section : doc.sections) {
      headings.push_back("【" + section.name + "】");
      for (const RenderEntry& entry : section.entries) {
        if (entry.style == "article") headings.push_back(Squeeze(entry.title));
      }
    }
    const Result<std::string> pdf = RenderPdf(doc);
    ASSERT_TRUE(pdf.ok());
    const std::vector<std::vector<std::string>> pages = LayoutLines(*pdf);
    ASSERT_GT(pages.size(), 1u);
    for (size_t p = 0; p + 1 < pages.size(); ++p) {
      const std::string last = Squeeze(pages[p].back());
      for (const std::string& heading : headings) {
        EXPECT_NE(last, heading) << "variant " << extra << ": page " << p + 1
                                 << " ends with a heading";
      }
    }
  }
}

// In pdftotext's layout mode a paragraph's first line is indented, starts
// with ◆ or is a centred or bracketed heading; later lines start at the margin.
bool IsContinuation(const std::string& line) {
  return !line.empty() && line[0] != ' ' && !line.starts_with("◆") && !line.starts_with("【");
}

// No page starts with the last line of a paragraph alone (a widow), nor ends
// with the first line alone (an orphan).
TEST(RenderPdf, NoSingleLineAtPageBreaks) {
  SKIP_WITHOUT("pdftotext");
  int breaks_inside_paragraphs = 0;
  for (int extra = 0; extra < kVariants; ++extra) {
    const Result<std::string> pdf = RenderPdf(Variant(extra));
    ASSERT_TRUE(pdf.ok());
    const std::vector<std::vector<std::string>> pages = LayoutLines(*pdf);
    for (size_t p = 1; p < pages.size(); ++p) {
      const std::vector<std::string>& before = pages[p - 1];
      const std::vector<std::string>& page = pages[p];
      if (!IsContinuation(page[0])) continue;
      ++breaks_inside_paragraphs;
      EXPECT_TRUE(page.size() > 1 && IsContinuation(page[1]))
          << "variant " << extra << ": page " << p + 1 << " starts with a widow: " << page[0];
      EXPECT_TRUE(before.size() > 1 && IsContinuation(before.back()))
          << "variant " << extra << ": page " << p << " ends with an orphan: " << before.back();
    }
  }
  EXPECT_GT(breaks_inside_paragraphs, kVariants) << "the variants should break inside paragraphs";
}

TEST(RenderPdf, EmbedsCjkFont) {
  SKIP_WITHOUT("pdffonts");
  const Result<std::string> pdf = RenderPdf(SampleDoc());
  ASSERT_TRUE(pdf.ok());
  TempDir dir;
  const auto fonts = RunCommand("pdffonts " + Quote(dir.Write("issue.pdf", *pdf)));
  ASSERT_EQ(fonts.exit_code, 0);
  // Columns: name type [type] encoding emb sub uni object-id generation.
  int embedded_cjk = 0;
  std::istringstream lines(fonts.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("CJK") == std::string::npos) continue;
    std::istringstream fields(line);
    std::vector<std::string> columns;
    for (std::string field; fields >> field;) columns.push_back(field);
    ASSERT_GE(columns.size(), 6u) << line;
    EXPECT_EQ(columns[columns.size() - 5], "yes") << "not embedded: " << line;
    ++embedded_cjk;
  }
  EXPECT_GE(embedded_cjk, 2) << fonts.output;  // serif body and sans headings
}

TEST(RenderPdf, DraftIsMarked) {
  SKIP_WITHOUT("pdftotext");
  RenderDoc doc = SampleDoc();
  doc.version = 0;
  const Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok());
  TempDir dir;
  const auto text =
      RunCommand("pdftotext -enc UTF-8 " + Quote(dir.Write("draft.pdf", *pdf)) + " -");
  EXPECT_NE(Squeeze(text.output).find("草稿（预览，未发布）"), std::string::npos);
}

TEST(RenderPdf, SameBytesFromManyThreads) {
  const RenderDoc doc = SampleDoc();
  const Result<std::string> alone = RenderPdf(doc);
  ASSERT_TRUE(alone.ok());
  std::vector<std::future<Result<std::string>>> runs;
  for (int i = 0; i < 4; ++i) {
    runs.push_back(std::async(std::launch::async, [&doc] { return RenderPdf(doc); }));
  }
  for (auto& run : runs) {
    const Result<std::string> pdf = run.get();
    ASSERT_TRUE(pdf.ok());
    EXPECT_TRUE(*pdf == *alone) << "a concurrent render differs";
  }
}

TEST(RenderPdf, EmptyIssueAndOddText) {
  RenderDoc doc = SampleDoc();
  doc.sections = {{"要闻", {{"article", "", "\x01\xff\n\n  \u3000", ""}, {"brief", "", "", ""}}}};
  doc.issue_date = "not a date";
  const Result<std::string> pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
}

// DOCX

TEST(RenderDocx, PackageParts) {
  const Result<std::string> docx = RenderDocx(SampleDoc());
  ASSERT_TRUE(docx.ok()) << docx.status().message();
  EXPECT_EQ(docx->substr(0, 2), "PK");
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                           "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                           "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"}) {
    EXPECT_TRUE(ZipEntry(*docx, part).has_value()) << part;
  }
  const std::optional<std::string> document = ZipEntry(*docx, "word/document.xml");
  ASSERT_TRUE(document.has_value());
  EXPECT_NE(document->find("书屋上架&lt;新书&gt; &amp; &quot;好书&quot;推荐单"), std::string::npos);
  EXPECT_EQ(document->find("<新书>"), std::string::npos);
  const std::optional<std::string> styles = ZipEntry(*docx, "word/styles.xml");
  ASSERT_TRUE(styles.has_value());
  EXPECT_NE(styles->find("w:eastAsia=\"宋体\""), std::string::npos);
  EXPECT_NE(ZipEntry(*docx, "word/footer1.xml").value_or("").find(" PAGE "), std::string::npos);
  EXPECT_NE(ZipEntry(*docx, "docProps/core.xml")
                .value_or("")
                .find("<dc:title>一周动态 2024年第21期</dc:title>"),
            std::string::npos);
}

TEST(RenderDocx, EveryPartIsWellFormed) {
  SKIP_WITHOUT("xmllint");
  RenderDoc doc = SampleDoc();
  doc.sections[0].entries[0].body += "\n控制符\x01\x1f与坏字节\xff\xfe也不能破坏文档";
  const Result<std::string> docx = RenderDocx(doc);
  ASSERT_TRUE(docx.ok());
  TempDir dir;
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                           "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                           "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"}) {
    const std::string file = dir.Write("part.xml", ZipEntry(*docx, part).value_or(""));
    EXPECT_EQ(RunCommand("xmllint --noout " + Quote(file) + " 2>&1").exit_code, 0) << part;
  }
}

// LibreOffice takes seconds to start, so this is the one test that uses it.
TEST(RenderDocx, LibreOfficeOpensItWithAllText) {
  SKIP_WITHOUT("soffice", "pdftotext");
  const RenderDoc doc = SampleDoc();
  const Result<std::string> docx = RenderDocx(doc);
  ASSERT_TRUE(docx.ok());
  TempDir dir;
  const std::string file = dir.Write("issue.docx", *docx);
  const auto convert = RunCommand(
      test_util::LibreOfficeConvert(dir.Path() + "/profile", "pdf", dir.Path(), file) + " 2>&1");
  ASSERT_EQ(convert.exit_code, 0) << convert.output;
  const auto text = RunCommand("pdftotext -enc UTF-8 " + Quote(dir.Path() + "/issue.pdf") + " -");
  ASSERT_EQ(text.exit_code, 0) << "LibreOffice wrote no PDF: " << convert.output;
  std::vector<int> numbers;
  std::string body;
  for (const std::string& page : PdfPages(text.output, &numbers)) body += page;
  EXPECT_EQ(FirstMissing(body, ExpectedText(doc)), "");
  ASSERT_GT(numbers.size(), 1u) << "the footer's PAGE field";
  for (size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i) + 1);
}

TEST(RenderDocx, DraftIsMarked) {
  RenderDoc doc = SampleDoc();
  doc.version = 0;
  const Result<std::string> draft = RenderDocx(doc);
  const Result<std::string> published = RenderDocx(SampleDoc());
  ASSERT_TRUE(draft.ok() && published.ok());
  const std::string draft_xml = ZipEntry(*draft, "word/document.xml").value_or("");
  const std::string published_xml = ZipEntry(*published, "word/document.xml").value_or("");
  ASSERT_NE(published_xml.find("一周动态"), std::string::npos);
  EXPECT_NE(draft_xml.find("草稿（预览，未发布）"), std::string::npos);
  EXPECT_EQ(published_xml.find("草稿"), std::string::npos);
}

// HTML

TEST(RenderHtml, WellFormedWithEscapedText) {
  RenderDoc doc = SampleDoc();
  doc.federation = "重庆市总工会 <script>alert(1)</script>";
  doc.sections[0].entries[0].body += "\n控制符\x01与坏字节\xff也不能破坏页面";
  const std::string html = RenderHtml(doc);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(html.find("<meta charset=\"utf-8\" />"), std::string::npos);
  EXPECT_NE(html.find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(html.find("书屋上架&lt;新书&gt; &amp; &quot;好书&quot;推荐单"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_NE(html.find("控制符与坏字节\uFFFD也不能破坏页面"), std::string::npos);
  if (!HasTool("xmllint")) GTEST_SKIP() << "xmllint is not installed";
  TempDir dir;
  const auto lint = RunCommand("xmllint --noout " + Quote(dir.Write("issue.html", html)) + " 2>&1");
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
}

TEST(RenderHtml, TextInOrder) {
  const RenderDoc doc = SampleDoc();
  const std::string html = RenderHtml(doc);
  // Drop the tags and undo the five entities the page uses.
  std::string text = std::regex_replace(html, std::regex("<[^>]*>"), "");
  text = std::regex_replace(text, std::regex("&lt;"), "<");
  text = std::regex_replace(text, std::regex("&gt;"), ">");
  text = std::regex_replace(text, std::regex("&quot;"), "\"");
  text = std::regex_replace(text, std::regex("&amp;"), "&");
  EXPECT_EQ(FirstMissing(text, ExpectedText(doc)), "");
  EXPECT_EQ(html.find("草稿"), std::string::npos);
  RenderDoc draft = doc;
  draft.version = 0;
  EXPECT_NE(RenderHtml(draft).find("草稿（预览，未发布）"), std::string::npos);
}

// The server's Content-Security-Policy allows this one inline style sheet by its hash: the page
// must carry exactly HtmlStyleSheet() as the whole text of its only <style> element.
TEST(RenderHtml, OneStyleElementHoldingHtmlStyleSheet) {
  const std::string html = RenderHtml(SampleDoc());
  const size_t open = html.find("<style>");
  ASSERT_NE(open, std::string::npos);
  const size_t start = open + std::string_view("<style>").size();
  const size_t close = html.find("</style>", start);
  ASSERT_NE(close, std::string::npos);
  EXPECT_EQ(std::string_view(html).substr(start, close - start), HtmlStyleSheet());
  EXPECT_EQ(html.find("<style", close), std::string::npos);
  EXPECT_EQ(html.find(" style=\""), std::string::npos) << "style attributes would be blocked";
}

}  // namespace
}  // namespace gonghui::bulletin
