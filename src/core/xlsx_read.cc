#include "core/xlsx_read.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <deque>
#include <string_view>

namespace gonghui {
namespace {

constexpr size_t kBlock = 64 * 1024;
constexpr size_t kMaxColumns = 16384;  // XFD, Excel's last column

Status FileError(const std::string& what) { return InvalidArgument("file", what); }

// "x:row" → "row": some writers prefix the spreadsheetml namespace.
std::string_view Local(const XML_Char* name) {
  std::string_view n(name);
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const XML_Char* Attr(const XML_Char** attrs, std::string_view local) {
  for (size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (Local(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

// "C5" → column 2 (0-based) and row 5; false when it is no cell reference.
bool ParseRef(std::string_view ref, size_t& col, int64_t& row) {
  size_t i = 0;
  size_t c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    if (c > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int64_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > 10'000'000) return false;
  }
  col = c - 1;
  row = r;
  return true;
}

// One part of the package, parsed by `parser` a block at a time.
class Part {
 public:
  Part(zip_t* zip, zip_file_t* file, uint64_t size) : zip_(zip), file_(file), size_(size) {}
  ~Part() {
    if (file_ != nullptr) zip_fclose(file_);
  }
  Part(const Part&) = delete;
  Part& operator=(const Part&) = delete;

  // Feeds the next block; false after the last. `name` is for messages.
  Result<bool> Feed(XML_Parser parser, const std::string& name) {
    if (done_) return false;
    char buf[kBlock];
    const zip_int64_t n = zip_fread(file_, buf, sizeof buf);
    if (n < 0) return FileError("无法读取文件中的 " + name + "：" + zip_strerror(zip_));
    done_ = n == 0;
    read_ += static_cast<uint64_t>(n);
    if (XML_Parse(parser, buf, static_cast<int>(n), done_ ? XML_TRUE : XML_FALSE) ==
        XML_STATUS_ERROR) {
      if (XML_GetErrorCode(parser) == XML_ERROR_ABORTED) return true;  // a handler stopped it
      return FileError(name + " 不是有效的 XML（第 " +
                       std::to_string(XML_GetCurrentLineNumber(parser)) + " 行：" +
                       XML_ErrorString(XML_GetErrorCode(parser)) + "）");
    }
    return !done_;
  }

  // The share of the part inflated so far (0 when its size is unknown).
  double Fraction() const {
    return size_ == 0 ? 0 : std::min(1.0, static_cast<double>(read_) / static_cast<double>(size_));
  }

 private:
  zip_t* zip_;
  zip_file_t* file_;
  uint64_t size_;
  uint64_t read_ = 0;
  bool done_ = false;
};

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
using Parser = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

Parser NewParser(void* data, XML_StartElementHandler start, XML_EndElementHandler end,
                 XML_CharacterDataHandler text) {
  Parser p(XML_ParserCreate("UTF-8"));
  XML_SetUserData(p.get(), data);
  XML_SetElementHandler(p.get(), start, end);
  XML_SetCharacterDataHandler(p.get(), text);
  return p;
}

}  // namespace

struct XlsxReader::State {
  std::string bytes;  // the package, when opened from memory
  zip_t* zip = nullptr;
  std::vector<std::string> shared;
  std::unique_ptr<Part> sheet;
  Parser parser;
  std::deque<std::pair<int64_t, std::vector<XlsxReadCell>>> ready;
  Status error;  // set by a handler, which then stops the parser
  bool done = false;

  // Parsing: a string (<si>, <is>) or a value (<v>) being read.
  bool in_string = false;
  bool in_text = false;
  int phonetic = 0;  // inside <rPh>, whose text is a reading aid, not the value
  bool in_value = false;
  std::string text;
  // Parsing the sheet: the row and the cell.
  int64_t row_number = 0;
  std::vector<XlsxReadCell> row;
  size_t column = 0;
  std::string type;
  bool formula = false;

  ~State() {
    if (zip != nullptr) zip_discard(zip);
  }

  // A handler of the sheet found the file wrong: stop there.
  void Fail(Status s) {
    if (error.ok()) error = std::move(s);
    XML_StopParser(parser.get(), XML_FALSE);
  }

  Result<std::unique_ptr<Part>> OpenPart(const std::string& name, bool required) {
    zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
    if (f == nullptr) {
      if (!required) return std::unique_ptr<Part>();
      return FileError("文件不是有效的 Excel 工作簿（缺少 " + name + "）");
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    const bool sized = zip_stat(zip, name.c_str(), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE);
    return std::make_unique<Part>(zip, f, sized ? stat.size : 0);
  }

  // Parses the whole part `name` with `parser`; a missing part is an error when
  // `required`, else nothing to parse.
  Status ParseWhole(const std::string& name, XML_Parser parser, bool required = true) {
    GH_ASSIGN_OR_RETURN(std::unique_ptr<Part> part, OpenPart(name, required));
    if (!part) return Status::Ok();
    for (;;) {
      GH_ASSIGN_OR_RETURN(bool more, part->Feed(parser, name));
      if (!error.ok()) return error;
      if (!more) return Status::Ok();
    }
  }
};

namespace {

using State = XlsxReader::State;

State& Of(void* data) { return *static_cast<State*>(data); }

void OnText(void* data, const XML_Char* s, int len) {
  State& st = Of(data);
  if ((st.in_text && st.phonetic == 0) || st.in_value) st.text.append(s, static_cast<size_t>(len));
}

// Shared strings: <si> holds a <t>, or rich-text runs <r><t>…</t></r>, and maybe <rPh>.
void SharedStart(void* data, const XML_Char* name, const XML_Char** /*attrs*/) {
  State& st = Of(data);
  const std::string_view n = Local(name);
  if (n == "si") {
    st.in_string = true;
    st.text.clear();
  } else if (n == "t" && st.in_string) {
    st.in_text = true;
  } else if (n == "rPh") {
    ++st.phonetic;
  }
}

void SharedEnd(void* data, const XML_Char* name) {
  State& st = Of(data);
  const std::string_view n = Local(name);
  if (n == "t") {
    st.in_text = false;
  } else if (n == "rPh") {
    --st.phonetic;
  } else if (n == "si") {
    st.in_string = false;
    st.shared.push_back(std::move(st.text));
    st.text.clear();
  }
}

void SheetStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  State& st = Of(data);
  const std::string_view n = Local(name);
  if (n == "row") {
    const XML_Char* r = Attr(attrs, "r");
    st.row_number = r != nullptr ? std::atoll(r) : st.row_number + 1;
    st.row.clear();
    st.column = 0;
  } else if (n == "c") {
    const XML_Char* ref = Attr(attrs, "r");
    size_t col = st.column;
    int64_t row = 0;
    if (ref != nullptr && !ParseRef(ref, col, row)) col = kMaxColumns;
    st.column = col;
    const XML_Char* t = Attr(attrs, "t");
    st.type = t != nullptr ? t : "n";
    st.formula = false;
    st.text.clear();
  } else if (n == "v") {
    st.in_value = true;
  } else if (n == "f") {
    st.formula = true;
  } else if (n == "is") {
    st.in_string = true;
  } else if (n == "t" && st.in_string) {
    st.in_text = true;
  } else if (n == "rPh") {
    ++st.phonetic;
  }
}

void SheetEnd(void* data, const XML_Char* name) {
  State& st = Of(data);
  const std::string_view n = Local(name);
  if (n == "v") {
    st.in_value = false;
  } else if (n == "t") {
    st.in_text = false;
  } else if (n == "rPh") {
    --st.phonetic;
  } else if (n == "is") {
    st.in_string = false;
  } else if (n == "c") {
    XlsxReadCell cell;
    cell.formula = st.formula;
    if (st.type == "s") {
      const std::string& v = st.text;
      size_t index = 0;
      bool digits = !v.empty() && v.size() < 10;
      for (char c : v) {
        digits = digits && c >= '0' && c <= '9';
        if (digits) index = index * 10 + static_cast<size_t>(c - '0');
      }
      if (!digits || index >= st.shared.size()) {
        st.Fail(FileError("第 " + std::to_string(st.row_number) + " 行引用了不存在的共享字符串"));
        return;
      }
      cell.kind = XlsxReadCell::Kind::kText;
      cell.text = st.shared[index];
    } else if (st.type == "inlineStr" || st.type == "str") {
      cell.kind = XlsxReadCell::Kind::kText;
      cell.text = std::move(st.text);
    } else if (st.type == "b") {
      cell.kind = XlsxReadCell::Kind::kBool;
      cell.text = st.text == "1" ? "TRUE" : "FALSE";
    } else if (st.type == "e") {
      cell.kind = XlsxReadCell::Kind::kError;
      cell.text = std::move(st.text);
    } else if (!st.text.empty()) {
      cell.kind = XlsxReadCell::Kind::kNumber;
      cell.text = std::move(st.text);
    }
    st.text.clear();
    if (cell.kind != XlsxReadCell::Kind::kEmpty || cell.formula) {
      if (st.column >= kMaxColumns) {
        st.Fail(FileError("第 " + std::to_string(st.row_number) + " 行的单元格位置无效"));
        return;
      }
      if (st.row.size() <= st.column) st.row.resize(st.column + 1);
      st.row[st.column] = std::move(cell);
    }
    ++st.column;
  } else if (n == "row") {
    if (!st.row.empty()) st.ready.emplace_back(st.row_number, std::move(st.row));
    st.row.clear();
  }
}

// workbook.xml: the first <sheet>'s name and relationship id.
struct Workbook {
  std::string name;
  std::string rel;
  std::string target;  // from the relationships
};

}  // namespace

XlsxReader::XlsxReader() : state_(std::make_unique<State>()) {}
XlsxReader::~XlsxReader() = default;

double XlsxReader::Fraction() const {
  return state_ && state_->sheet ? state_->sheet->Fraction() : 0;
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::OpenBytes(std::string bytes) {
  std::unique_ptr<XlsxReader> r(new XlsxReader());
  State& st = *r->state_;
  st.bytes = std::move(bytes);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(st.bytes.data(), st.bytes.size(), 0, &err);
  if (src != nullptr) {
    st.zip = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (st.zip == nullptr) zip_source_free(src);
  }
  zip_error_fini(&err);
  if (st.zip == nullptr) return FileError("文件不是有效的 Excel 工作簿（不是 zip 包）");
  GH_RETURN_IF_ERROR(r->Init());
  return r;
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(const std::string& path) {
  std::unique_ptr<XlsxReader> r(new XlsxReader());
  int code = 0;
  r->state_->zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (r->state_->zip == nullptr) return FileError("文件不是有效的 Excel 工作簿（不是 zip 包）");
  GH_RETURN_IF_ERROR(r->Init());
  return r;
}

Status XlsxReader::Init() {
  State& st = *state_;
  // The first sheet: workbook.xml names it, its relationships give the part.
  Workbook wb;
  {
    Parser p(XML_ParserCreate("UTF-8"));
    XML_SetUserData(p.get(), &wb);
    XML_SetStartElementHandler(p.get(),
                               [](void* data, const XML_Char* name, const XML_Char** attrs) {
                                 auto& w = *static_cast<Workbook*>(data);
                                 if (Local(name) != "sheet" || !w.rel.empty()) return;
                                 const XML_Char* n = Attr(attrs, "name");
                                 const XML_Char* id = Attr(attrs, "id");
                                 w.name = n != nullptr ? n : "";
                                 w.rel = id != nullptr ? id : "";
                               });
    GH_RETURN_IF_ERROR(st.ParseWhole("xl/workbook.xml", p.get()));
  }
  if (wb.rel.empty()) return FileError("文件不是有效的 Excel 工作簿（没有工作表）");
  {
    Parser p(XML_ParserCreate("UTF-8"));
    XML_SetUserData(p.get(), &wb);
    XML_SetStartElementHandler(p.get(),
                               [](void* data, const XML_Char* name, const XML_Char** attrs) {
                                 auto& w = *static_cast<Workbook*>(data);
                                 if (Local(name) != "Relationship") return;
                                 const XML_Char* id = Attr(attrs, "Id");
                                 const XML_Char* target = Attr(attrs, "Target");
                                 if (id != nullptr && target != nullptr && w.rel == id)
                                   w.target = target;
                               });
    GH_RETURN_IF_ERROR(st.ParseWhole("xl/_rels/workbook.xml.rels", p.get()));
  }
  if (wb.target.empty()) return FileError("文件不是有效的 Excel 工作簿（找不到第一个工作表）");
  std::string sheet = wb.target.starts_with('/') ? wb.target.substr(1) : "xl/" + wb.target;
  sheet_name_ = wb.name;

  {
    Parser p = NewParser(&st, SharedStart, SharedEnd, OnText);
    GH_RETURN_IF_ERROR(st.ParseWhole("xl/sharedStrings.xml", p.get(), false));
  }
  st.in_string = st.in_text = false;
  st.phonetic = 0;
  GH_ASSIGN_OR_RETURN(st.sheet, st.OpenPart(sheet, true));
  st.parser = NewParser(&st, SheetStart, SheetEnd, OnText);
  return Status::Ok();
}

Result<std::optional<std::vector<XlsxReadCell>>> XlsxReader::Next() {
  State& st = *state_;
  while (st.ready.empty() && !st.done) {
    GH_ASSIGN_OR_RETURN(bool more, st.sheet->Feed(st.parser.get(), "工作表"));
    if (!st.error.ok()) return st.error;
    st.done = !more;
  }
  if (st.ready.empty()) return std::optional<std::vector<XlsxReadCell>>();
  auto [number, row] = std::move(st.ready.front());
  st.ready.pop_front();
  line_ = number;
  return std::optional<std::vector<XlsxReadCell>>(std::move(row));
}

}  // namespace gonghui
