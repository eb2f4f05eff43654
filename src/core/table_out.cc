#include "core/table_out.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <ctime>

#include "core/escape.h"

namespace gonghui {
namespace {

constexpr size_t kPiece = 64 * 1024;
constexpr int64_t kMaxSheetRows = 1048576;  // Excel's limit, the header included

// Collects output and hands it on in pieces of about kPiece bytes.
class Pieces {
 public:
  explicit Pieces(TableOut::Write write) : write_(std::move(write)) {}
  bool Add(std::string_view bytes) {
    buf_ += bytes;
    return buf_.size() < kPiece || Flush();
  }
  bool Flush() {
    if (!ok_) return false;
    if (!buf_.empty()) ok_ = write_(buf_);
    buf_.clear();
    return ok_;
  }
  bool ok() const { return ok_; }

 private:
  TableOut::Write write_;
  std::string buf_;
  bool ok_ = true;
};

bool StartsLikeFormula(std::string_view text) {
  return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
}

class CsvOut final : public TableOut {
 public:
  explicit CsvOut(Write write) : out_(std::move(write)) { out_.Add("\xEF\xBB\xBF"); }

  Result<bool> Header(const std::vector<std::string>& names) override {
    std::vector<OutCell> cells;
    for (const std::string& n : names) cells.push_back(OutCell::Text(n));
    return Row(cells);
  }

  Result<bool> Row(const std::vector<OutCell>& cells) override {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += ',';
      std::string text = cells[i].text;
      if (!cells[i].number && StartsLikeFormula(text)) text.insert(0, "'");
      if (cells[i].keep_text && !text.empty()) text.insert(0, "\t");
      if (text.find_first_of(",\"\r\n") != std::string::npos) {
        line += '"';
        for (char c : text) {
          if (c == '"') line += '"';
          line += c;
        }
        line += '"';
      } else {
        line += text;
      }
    }
    line += "\r\n";
    return out_.Add(line);
  }

  Result<bool> Finish() override { return out_.Flush(); }

 private:
  Pieces out_;
};

// XML text: escaped as markup, the control characters XML 1.0 cannot hold dropped.
void AppendXml(std::string& out, std::string_view text) {
  const bool clean = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  });
  if (clean) return AppendEscapedMarkup(out, text);
  std::string kept;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') kept += c;
  }
  AppendEscapedMarkup(out, kept);
}

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

class XlsxOut final : public TableOut {
 public:
  XlsxOut(std::string sheet_name, Write write)
      : out_(std::move(write)), name_(std::move(sheet_name)) {}
  ~XlsxOut() override {
    if (archive_ != nullptr) archive_write_free(archive_);
  }
  XlsxOut(const XlsxOut&) = delete;
  XlsxOut& operator=(const XlsxOut&) = delete;

  Status Init() {
    archive_ = archive_write_new();
    if (archive_ == nullptr) return Internal("生成xlsx失败：无法创建压缩包");
    if (archive_write_set_format_zip(archive_) != ARCHIVE_OK ||
        archive_write_zip_set_compression_deflate(archive_) != ARCHIVE_OK ||
        archive_write_set_format_option(archive_, "zip", "zip64", nullptr) < ARCHIVE_WARN ||
        archive_write_set_bytes_per_block(archive_, 0) != ARCHIVE_OK ||
        archive_write_open(archive_, this, nullptr, &XlsxOut::OnWrite, nullptr) != ARCHIVE_OK) {
      return Failed();
    }
    return Status::Ok();
  }

  Result<bool> Header(const std::vector<std::string>& names) override {
    header_ = names;
    return StartSheet();
  }

  Result<bool> Row(const std::vector<OutCell>& cells) override {
    if (rows_ >= kMaxSheetRows) {
      GH_ASSIGN_OR_RETURN(bool more, EndSheet());
      if (!more) return false;
      GH_ASSIGN_OR_RETURN(more, StartSheet());
      if (!more) return false;
    }
    std::string xml = "<row>";
    for (const OutCell& c : cells) AppendCell(xml, c, c.keep_text ? 2 : 0);
    xml += "</row>";
    ++rows_;
    return Data(xml);
  }

  Result<bool> Finish() override {
    GH_ASSIGN_OR_RETURN(bool more, EndSheet());
    if (!more) return false;
    std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
        "Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+"
        "xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
        "PartName=\"/xl/workbook.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
        "PartName=\"/xl/styles.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
    std::string sheets;
    std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        "relationships\">";
    for (int i = 1; i <= sheet_count_; ++i) {
      const std::string n = std::to_string(i);
      types += "<Override PartName=\"/xl/worksheets/sheet" + n +
               ".xml\" ContentType=\"application/"
               "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
      sheets += "<sheet name=\"";
      AppendXml(sheets, i == 1 ? name_ : name_ + " (" + n + ")");
      sheets += "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
      rels += "<Relationship Id=\"rId" + n +
              "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "worksheet\" Target=\"worksheets/sheet" +
              n + ".xml\"/>";
    }
    types += "</Types>";
    rels += "<Relationship Id=\"rId" + std::to_string(sheet_count_ + 1) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "styles\" Target=\"styles.xml\"/></Relationships>";
    const std::string workbook =
        std::string(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook "
            "xmlns=\"") +
        kMainNs + "\" xmlns:r=\"" + kRelNs + "\"><sheets>" + sheets + "</sheets></workbook>";
    const std::string root_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
        "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    const std::string styles =
        std::string(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet "
            "xmlns=\"") +
        kMainNs +
        "\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/></font><font><b/><sz "
        "val=\"11\"/><name val=\"等线\"/></font></fonts><fills count=\"2\"><fill><patternFill "
        "patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></"
        "fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></"
        "borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
        "borderId=\"0\"/></cellStyleXfs><cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" "
        "fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" "
        "borderId=\"0\" xfId=\"0\" applyFont=\"1\"/><xf numFmtId=\"49\" fontId=\"0\" "
        "fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";
    for (const auto& [path, text] : std::vector<std::pair<std::string, const std::string*>>{
             {"[Content_Types].xml", &types},
             {"_rels/.rels", &root_rels},
             {"xl/workbook.xml", &workbook},
             {"xl/_rels/workbook.xml.rels", &rels},
             {"xl/styles.xml", &styles}}) {
      GH_ASSIGN_OR_RETURN(bool ok, Part(path, *text));
      if (!ok) return false;
    }
    if (archive_write_close(archive_) != ARCHIVE_OK) {
      return out_.ok() ? Result<bool>(Failed()) : Result<bool>(false);
    }
    return out_.Flush();
  }

 private:
  static la_ssize_t OnWrite(struct archive* /*a*/, void* self, const void* buf, size_t n) {
    auto* me = static_cast<XlsxOut*>(self);
    if (!me->out_.Add(std::string_view(static_cast<const char*>(buf), n))) return -1;
    return static_cast<la_ssize_t>(n);
  }

  Status Failed() const {
    const char* why = archive_error_string(archive_);
    return Internal(std::string("生成xlsx失败：") + (why != nullptr ? why : "压缩出错"));
  }

  static void AppendCell(std::string& xml, const OutCell& c, int style) {
    if (c.number) {
      xml += "<c><v>" + c.text + "</v></c>";
      return;
    }
    xml += style > 0 ? "<c t=\"inlineStr\" s=\"" + std::to_string(style) + "\"><is><t"
                     : std::string("<c t=\"inlineStr\"><is><t");
    if (!c.text.empty() && (c.text.front() == ' ' || c.text.back() == ' ')) {
      xml += " xml:space=\"preserve\"";
    }
    xml += '>';
    AppendXml(xml, c.text);
    xml += "</t></is></c>";
  }

  Result<bool> Entry(const std::string& path, int64_t size) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, path.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_mtime(entry, std::time(nullptr), 0);
    if (size >= 0) archive_entry_set_size(entry, size);
    const int r = archive_write_header(archive_, entry);
    archive_entry_free(entry);
    if (r != ARCHIVE_OK) return out_.ok() ? Result<bool>(Failed()) : Result<bool>(false);
    return true;
  }

  Result<bool> Data(std::string_view bytes) {
    if (archive_write_data(archive_, bytes.data(), bytes.size()) < 0) {
      return out_.ok() ? Result<bool>(Failed()) : Result<bool>(false);
    }
    return out_.ok();
  }

  Result<bool> Part(const std::string& path, const std::string& text) {
    GH_ASSIGN_OR_RETURN(bool ok, Entry(path, static_cast<int64_t>(text.size())));
    if (!ok) return false;
    return Data(text);
  }

  Result<bool> StartSheet() {
    ++sheet_count_;
    rows_ = 0;
    GH_ASSIGN_OR_RETURN(bool ok,
                        Entry("xl/worksheets/sheet" + std::to_string(sheet_count_) + ".xml", -1));
    if (!ok) return false;
    std::string xml = std::string(
                          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                          "<worksheet xmlns=\"") +
                      kMainNs +
                      "\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" "
                      "topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></"
                      "sheetView></sheetViews><cols>";
    for (size_t i = 0; i < header_.size(); ++i) {
      const size_t width = std::max<size_t>(12, header_[i].size() + 4);
      const std::string col = std::to_string(i + 1);
      xml += "<col min=\"" + col + "\" max=\"" + col + "\" width=\"" + std::to_string(width) +
             "\" customWidth=\"1\"/>";
    }
    xml += "</cols><sheetData><row>";
    for (const std::string& name : header_) AppendCell(xml, OutCell::Text(name), 1);
    xml += "</row>";
    ++rows_;
    return Data(xml);
  }

  Result<bool> EndSheet() {
    GH_ASSIGN_OR_RETURN(bool ok, Data("</sheetData></worksheet>"));
    if (!ok) return false;
    if (archive_write_finish_entry(archive_) != ARCHIVE_OK) {
      return out_.ok() ? Result<bool>(Failed()) : Result<bool>(false);
    }
    return true;
  }

  Pieces out_;
  std::string name_;
  archive* archive_ = nullptr;
  std::vector<std::string> header_;
  int sheet_count_ = 0;
  int64_t rows_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableOut>> TableOut::Open(Format format, std::string sheet_name,
                                                 Write write) {
  if (format == Format::kCsv) return std::unique_ptr<TableOut>(new CsvOut(std::move(write)));
  auto out = std::make_unique<XlsxOut>(std::move(sheet_name), std::move(write));
  GH_RETURN_IF_ERROR(out->Init());
  return std::unique_ptr<TableOut>(std::move(out));
}

}  // namespace gonghui
