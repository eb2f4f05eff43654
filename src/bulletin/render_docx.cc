// DOCX: the smallest Office Open XML package Word and LibreOffice open without
// complaint — content types, relationships, the document, its styles and
// settings, a footer with the page number, and the core and app properties —
// zipped in memory with libzip. Paragraphs carry named styles (标题 1/2 for
// sections and titles, so the navigation pane lists them), which keeps the
// look in one place: styles.xml.
#include <zip.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bulletin/render.h"
#include "bulletin/render_internal.h"

namespace gonghui::bulletin {
namespace {

constexpr char kXmlDecl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kWordNs[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
constexpr char kRelNs[] =
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
constexpr char kRelTypes[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

constexpr char kContentTypes[] =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

// A4 with the PDF's margins (twentieths of a point): the text is 9106 wide,
// where the masthead's right tab stop sits.
constexpr char kSection[] =
    "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
    "<w:pgMar w:top=\"1400\" w:right=\"1400\" w:bottom=\"1520\" w:left=\"1400\" w:header=\"850\" "
    "w:footer=\"840\" w:gutter=\"0\"/></w:sectPr>";

// Body text is 宋体 (SimSun) 12 pt on a fixed 21 pt line (the PDF's is
// 20.7 pt), justified, first line indented two characters; headings 黑体
// (SimHei). Readers without these fonts substitute their own CJK fonts.
constexpr char kStyles[] =
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" "
    "w:cs=\"Times New Roman\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:before=\"0\" w:after=\"0\" "
    "w:line=\"420\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:jc w:val=\"both\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/>"
    "</w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Masthead\">"
    "<w:name w:val=\"Masthead\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"240\" "
    "w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"
    "</w:pPr><w:rPr><w:b/><w:color w:val=\"CC0D0D\"/><w:spacing w:val=\"200\"/><w:sz w:val=\"84\"/>"
    "<w:szCs w:val=\"84\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"IssueLine\">"
    "<w:name w:val=\"Issue Line\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"80\" "
    "w:after=\"200\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"
    "</w:pPr><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"MastheadRule\">"
    "<w:name w:val=\"Masthead Rule\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
    "<w:pBdr><w:bottom w:val=\"thickThinSmallGap\" w:sz=\"24\" w:space=\"4\" w:color=\"CC0D0D\"/>"
    "</w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"9106\"/></w:tabs><w:spacing w:after=\"120\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Draft\">"
    "<w:name w:val=\"Draft\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:firstLineChars=\"0\" "
    "w:firstLine=\"0\"/><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"CC0D0D\"/>"
    "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:keepLines/><w:spacing w:before=\"400\" w:after=\"120\"/><w:ind w:firstLineChars=\"0\" "
    "w:firstLine=\"0\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
    "<w:rFonts w:eastAsia=\"黑体\"/><w:b/><w:color w:val=\"CC0D0D\"/><w:sz w:val=\"28\"/>"
    "<w:szCs w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:keepLines/><w:spacing w:before=\"280\" w:after=\"120\"/><w:ind w:firstLineChars=\"0\" "
    "w:firstLine=\"0\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
    "<w:rFonts w:eastAsia=\"黑体\"/><w:b/><w:sz w:val=\"27\"/><w:szCs w:val=\"27\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Brief\"><w:name "
    "w:val=\"Brief\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"140\"/><w:ind "
    "w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Source\"><w:name "
    "w:val=\"Source\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"40\"/><w:ind "
    "w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/></w:pPr><w:rPr>"
    "<w:color w:val=\"595959\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr>"
    "</w:style>";

constexpr char kSettings[] =
    "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>";

// "— 3 —" with Word's PAGE field.
constexpr char kFooter[] =
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
    "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p>";

std::string Relationship(const char* id, const std::string& type, const char* target) {
  return std::string("<Relationship Id=\"") + id + "\" Type=\"" + type + "\" Target=\"" + target +
         "\"/>";
}

std::string Relationships(const std::string& list) {
  return kXmlDecl +
         ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
          list + "</Relationships>");
}

// A run of already clean text; `bold` for a brief's title.
std::string Run(const std::string& text, bool bold = false) {
  return std::string("<w:r>") + (bold ? "<w:rPr><w:b/></w:rPr>" : "") +
         "<w:t xml:space=\"preserve\">" + XmlEscape(text) + "</w:t></w:r>";
}

void Paragraph(std::string& out, const char* style, const std::string& runs) {
  out += "<w:p>";
  if (style != nullptr) out += std::string("<w:pPr><w:pStyle w:val=\"") + style + "\"/></w:pPr>";
  out += runs;
  out += "</w:p>";
}

std::string DocumentXml(const RenderDoc& doc) {
  std::string body;
  if (doc.version == 0) Paragraph(body, "Draft", Run(std::string(kDraftMark)));
  Paragraph(body, "Masthead", Run(CleanText(doc.title)));
  Paragraph(body, "IssueLine", Run(IssueLine(doc)));
  Paragraph(
      body, "MastheadRule",
      Run(CleanText(doc.federation)) + "<w:r><w:tab/></w:r>" + Run(ChineseDate(doc.issue_date)));
  for (const RenderSection& section : doc.sections) {
    Paragraph(body, "Heading1", Run(SectionHeading(section.name)));
    for (const RenderEntry& entry : section.entries) {
      if (entry.style == "brief") {
        const BriefText brief = SplitBrief(entry);
        std::string runs = Run(std::string(kBriefMark));
        if (!brief.title.empty()) runs += Run(brief.title, true) + Run(" ");
        Paragraph(body, "Brief", runs + Run(brief.first));
        for (const std::string& paragraph : brief.rest) Paragraph(body, nullptr, Run(paragraph));
        continue;
      }
      if (const std::string title = CleanText(entry.title); !title.empty()) {
        Paragraph(body, "Heading2", Run(title));
      }
      for (const std::string& paragraph : Paragraphs(entry.body)) {
        Paragraph(body, nullptr, Run(paragraph));
      }
      if (const std::string source = SourceLine(entry.org_name); !source.empty()) {
        Paragraph(body, "Source", Run(source));
      }
    }
  }
  return kXmlDecl + ("<w:document " + std::string(kWordNs) + " " + kRelNs + "><w:body>" + body +
                     kSection + "</w:body></w:document>");
}

std::string CoreXml(const RenderDoc& doc) {
  std::string out = std::string(kXmlDecl) +
                    "<cp:coreProperties "
                    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  out += "<dc:title>" + XmlEscape(DocumentTitle(doc)) + "</dc:title>";
  out += "<dc:subject>" + XmlEscape(DateRange(doc)) + "</dc:subject>";
  out += "<dc:creator>" + XmlEscape(doc.federation) + "</dc:creator>";
  out += "<dc:language>zh-CN</dc:language>";
  if (const std::string created = IssueDateTime(doc); !created.empty()) {
    out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + created + "Z</dcterms:created>";
  }
  return out + "</cp:coreProperties>";
}

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

Status ZipError(const char* what, zip_error_t* error) {
  return Internal(std::string("生成DOCX失败：") + what + "：" + zip_error_strerror(error));
}

// The bytes of a zip archive holding `parts` (name, contents) in this order.
Result<std::string> Zip(const std::vector<std::pair<const char*, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (buffer == nullptr) return ZipError("缓冲区", &error);
  // zip_close frees the archive's source; the buffer must outlive it to be read.
  zip_source_keep(buffer.get());
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer.get());  // the reference zip_source_keep added
    return ZipError("打开", &error);
  }
  for (const auto& [name, contents] : parts) {
    zip_source_t* part = zip_source_buffer(archive, contents.data(), contents.size(), 0);
    if (part == nullptr || zip_file_add(archive, name, part, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(part);
      Status status = ZipError(name, zip_get_error(archive));
      zip_discard(archive);
      return status;
    }
  }
  if (zip_close(archive) < 0) {
    Status status = ZipError("写入", zip_get_error(archive));
    zip_discard(archive);
    return status;
  }

  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) < 0 || zip_source_open(buffer.get()) < 0) {
    return ZipError("读取", zip_source_error(buffer.get()));
  }
  std::string out(stat.size, '\0');
  const zip_int64_t read = zip_source_read(buffer.get(), out.data(), out.size());
  zip_source_close(buffer.get());
  if (read != static_cast<zip_int64_t>(out.size())) {
    return ZipError("读取", zip_source_error(buffer.get()));
  }
  return out;
}

}  // namespace

Result<std::string> RenderDocx(const RenderDoc& doc) {
  const std::string word_ns(kWordNs);
  return Zip({
      {"[Content_Types].xml", kXmlDecl + std::string(kContentTypes)},
      {"_rels/.rels",
       Relationships(
           Relationship("rId1", std::string(kRelTypes) + "officeDocument", "word/document.xml") +
           Relationship("rId2",
                        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                        "core-properties",
                        "docProps/core.xml") +
           Relationship("rId3", std::string(kRelTypes) + "extended-properties",
                        "docProps/app.xml"))},
      {"word/document.xml", DocumentXml(doc)},
      {"word/_rels/document.xml.rels",
       Relationships(
           Relationship("rIdStyles", std::string(kRelTypes) + "styles", "styles.xml") +
           Relationship("rIdSettings", std::string(kRelTypes) + "settings", "settings.xml") +
           Relationship("rIdFooter", std::string(kRelTypes) + "footer", "footer1.xml"))},
      {"word/styles.xml", kXmlDecl + ("<w:styles " + word_ns + ">" + kStyles + "</w:styles>")},
      {"word/settings.xml",
       kXmlDecl + ("<w:settings " + word_ns + ">" + kSettings + "</w:settings>")},
      {"word/footer1.xml", kXmlDecl + ("<w:ftr " + word_ns + ">" + kFooter + "</w:ftr>")},
      {"docProps/core.xml", CoreXml(doc)},
      {"docProps/app.xml",
       kXmlDecl + std::string("<Properties xmlns=\"http://schemas.openxmlformats.org/"
                              "officeDocument/2006/extended-properties\">"
                              "<Application>gonghui</Application></Properties>")},
  });
}

}  // namespace gonghui::bulletin
