// PDF: pango lays out each paragraph for the A4 text width (Chinese line
// breaking for zh-CN, justified), then the lines are placed one by one into
// pages, so a long article flows over pages. Page breaks avoid a single line of
// a paragraph alone at the foot or head of a page, and a heading at the foot.
//
// Thread-safety: every call has its own surface, cairo context and pango
// context; the font map is pango's per-thread default, a cache of open fonts.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bulletin/render.h"
#include "bulletin/render_internal.h"

namespace gonghui::bulletin {
namespace {

// A4 in points; margins of about 25 mm, the page number inside the bottom one.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMarginX = 70;
constexpr double kMarginTop = 70;
constexpr double kTextWidth = kPageWidth - 2 * kMarginX;
constexpr double kTextBottom = kPageHeight - 76;
constexpr double kFooterBaseline = kPageHeight - 42;

constexpr char kSerif[] = "Noto Serif CJK SC";
constexpr char kSans[] = "Noto Sans CJK SC";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kRed{0.8, 0.05, 0.05};  // the red of official mastheads
constexpr Rgb kGrey{0.35, 0.35, 0.35};
constexpr Rgb kWatermark{0.88, 0.88, 0.88};

// How one kind of paragraph looks and behaves at a page break.
struct Style {
  const char* family = kSerif;
  double size = 12;  // points
  PangoWeight weight = PANGO_WEIGHT_NORMAL;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double indent_em = 0;       // first line
  double line_spacing = 1.0;  // factor of the font's height
  Rgb color = kBlack;
  double space_before = 0;      // points, dropped at the top of a page
  bool keep_with_next = false;  // never the last thing on a page
};

// The flow: headings, body paragraphs, briefs, attributions.
constexpr Style kSectionStyle{.family = kSans,
                              .size = 14,
                              .weight = PANGO_WEIGHT_BOLD,
                              .color = kRed,
                              .space_before = 20,
                              .keep_with_next = true};
constexpr Style kTitleStyle{.family = kSans,
                            .size = 13.5,
                            .weight = PANGO_WEIGHT_BOLD,
                            .align = PANGO_ALIGN_CENTER,
                            .space_before = 14,
                            .keep_with_next = true};
constexpr Style kBodyStyle{.justify = true, .indent_em = 2, .line_spacing = 1.2};
constexpr Style kBriefStyle{.justify = true, .line_spacing = 1.2, .space_before = 7};
constexpr Style kSourceStyle{.size = 10.5,
                             .align = PANGO_ALIGN_RIGHT,
                             .line_spacing = 1.2,
                             .color = kGrey,
                             .space_before = 2};

// Drawn in place: the masthead, the draft watermark, the page number.
constexpr Style kDraftMarkStyle{.family = kSans,
                                .size = 10.5,
                                .weight = PANGO_WEIGHT_BOLD,
                                .align = PANGO_ALIGN_RIGHT,
                                .color = kRed};
constexpr Style kMastheadStyle{
    .size = 42, .weight = PANGO_WEIGHT_BOLD, .align = PANGO_ALIGN_CENTER, .color = kRed};
constexpr Style kIssueStyle{.size = 14, .align = PANGO_ALIGN_CENTER};
constexpr Style kByLeftStyle{};
constexpr Style kByRightStyle{.align = PANGO_ALIGN_RIGHT};
constexpr Style kWatermarkStyle{
    .family = kSans, .size = 110, .weight = PANGO_WEIGHT_BOLD, .color = kWatermark};
constexpr Style kFooterStyle{.size = 10.5, .align = PANGO_ALIGN_CENTER};

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;

// A laid-out line, in points relative to its layout's top left.
struct Line {
  PangoLayoutLine* line;  // owned by the layout
  double x, top, bottom, baseline;
};

struct Block {
  LayoutPtr layout;
  const Style* style;
  std::vector<Line> lines;
};

// A paragraph laid out in `style` (`width` < 0: one unbroken line);
// `bold_bytes` leading bytes in bold (a brief's own title).
LayoutPtr MakeLayout(PangoContext* context, const std::string& text, const Style& style,
                     double width = kTextWidth, size_t bold_bytes = 0) {
  LayoutPtr layout(pango_layout_new(context));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, style.family);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.weight);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);

  pango_layout_set_width(layout.get(), width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), style.align);
  pango_layout_set_justify(layout.get(), style.justify);
  pango_layout_set_indent(layout.get(),
                          static_cast<int>(style.indent_em * style.size * PANGO_SCALE));
  pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.line_spacing));

  PangoAttrList* attrs = pango_attr_list_new();
  // Hyphens would put text into the PDF that the editors never wrote.
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  if (bold_bytes > 0) {
    PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    bold->end_index = static_cast<guint>(bold_bytes);
    pango_attr_list_insert(attrs, bold);
  }
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

std::vector<Line> LinesOf(PangoLayout* layout) {
  std::vector<Line> lines;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    int top = 0;
    int bottom = 0;
    PangoRectangle logical;
    pango_layout_iter_get_line_yrange(iter, &top, &bottom);
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    lines.push_back(
        {pango_layout_iter_get_line_readonly(iter), static_cast<double>(logical.x) / PANGO_SCALE,
         static_cast<double>(top) / PANGO_SCALE, static_cast<double>(bottom) / PANGO_SCALE,
         static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

void SetColor(cairo_t* cr, const Rgb& color) {
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
}

// Draws a whole layout in its style's colour with its top left at (x, y);
// returns its height.
double Show(cairo_t* cr, PangoLayout* layout, const Style& style, double x, double y) {
  SetColor(cr, style.color);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int height = 0;
  pango_layout_get_size(layout, nullptr, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

class Typesetter {
 public:
  Typesetter(cairo_t* cr, PangoContext* context, bool draft)
      : cr_(cr), context_(context), draft_(draft) {}

  // Page 1's head: the red title, the issue line, who and when, a red rule.
  void Masthead(const RenderDoc& doc) {
    BeginPage();
    double y = kMarginTop;
    if (draft_) y += Draw(std::string(kDraftMark), kDraftMarkStyle, y);
    LayoutPtr title = MakeLayout(context_, CleanText(doc.title), kMastheadStyle);
    PangoAttrList* attrs = pango_attr_list_copy(pango_layout_get_attributes(title.get()));
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(10 * PANGO_SCALE));
    pango_layout_set_attributes(title.get(), attrs);
    pango_attr_list_unref(attrs);
    y += Show(cr_, title.get(), kMastheadStyle, kMarginX, y) + 4;
    y += Draw(IssueLine(doc), kIssueStyle, y) + 14;
    Draw(CleanText(doc.federation), kByLeftStyle, y);
    y += Draw(ChineseDate(doc.issue_date), kByRightStyle, y) + 4;

    SetColor(cr_, kRed);
    for (const auto& [width, offset] : {std::pair{2.2, 0.0}, std::pair{0.6, 3.0}}) {
      cairo_set_line_width(cr_, width);
      cairo_move_to(cr_, kMarginX, y + offset);
      cairo_line_to(cr_, kMarginX + kTextWidth, y + offset);
      cairo_stroke(cr_);
    }
    y_ = y + 6;
  }

  void Section(const std::string& name) { Add(SectionHeading(name), kSectionStyle); }
  void Title(const std::string& title) { Add(CleanText(title), kTitleStyle); }
  void Paragraph(const std::string& text) { Add(text, kBodyStyle); }
  void Source(const std::string& text) { Add(text, kSourceStyle); }
  // `bold_bytes`: the mark and the brief's own title.
  void Brief(const std::string& text, size_t bold_bytes) { Add(text, kBriefStyle, bold_bytes); }

  // Places every block and closes the last page.
  void Finish() {
    for (size_t i = 0; i < blocks_.size(); ++i) Place(i);
    EndPage();
  }

 private:
  // Draws `text` across the text width at height `y`; returns its height.
  double Draw(const std::string& text, const Style& style, double y) {
    return Show(cr_, MakeLayout(context_, text, style).get(), style, kMarginX, y);
  }

  void Add(const std::string& text, const Style& style, size_t bold_bytes = 0) {
    if (text.empty()) return;
    Block block{MakeLayout(context_, text, style, kTextWidth, bold_bytes), &style, {}};
    block.lines = LinesOf(block.layout.get());
    blocks_.push_back(std::move(block));
  }

  static double Height(const std::vector<Line>& lines, size_t first, size_t count) {
    return lines[first + count - 1].bottom - lines[first].top;
  }

  // The room block `i` needs at the foot of a page if it is placed whole:
  // a heading takes what follows it along (up to the first two lines of text).
  double KeepHeight(size_t i) const {
    const Block& block = blocks_[i];
    if (!block.style->keep_with_next || i + 1 == blocks_.size()) {
      const size_t lines = block.style->keep_with_next ? block.lines.size()
                                                       : std::min<size_t>(2, block.lines.size());
      return Height(block.lines, 0, lines);
    }
    return Height(block.lines, 0, block.lines.size()) + blocks_[i + 1].style->space_before +
           KeepHeight(i + 1);
  }

  void Place(size_t i) {
    const Block& block = blocks_[i];
    const std::vector<Line>& lines = block.lines;
    if (!page_empty_) y_ += block.style->space_before;
    size_t start = 0;
    while (start < lines.size()) {
      const size_t left = lines.size() - start;
      size_t fit = 0;
      while (fit < left && y_ + Height(lines, start, fit + 1) <= kTextBottom) ++fit;
      if (start == 0 && block.style->keep_with_next && fit == left &&
          y_ + KeepHeight(i) > kTextBottom) {
        fit = 0;  // a heading goes with its text
      }
      if (start == 0 && fit == 1 && left > 1) fit = 0;    // no single first line at the foot,
      if (fit + 1 == left) fit = fit >= 3 ? fit - 1 : 0;  // nor a single last line at the head
      if (fit == 0) {
        if (page_empty_) {
          fit = 1;  // taller than a page: place it anyway
        } else {
          NewPage();
          continue;
        }
      }
      SetColor(cr_, block.style->color);
      for (size_t k = start; k < start + fit; ++k) {
        cairo_move_to(cr_, kMarginX + lines[k].x, y_ + lines[k].baseline - lines[start].top);
        pango_cairo_show_layout_line(cr_, lines[k].line);
      }
      y_ += Height(lines, start, fit);
      page_empty_ = false;
      start += fit;
      if (start < lines.size()) NewPage();
    }
  }

  void BeginPage() {
    ++page_;
    y_ = kMarginTop;
    page_empty_ = true;
    if (!draft_) return;
    // A working copy says so on every page, behind the text.
    LayoutPtr layout = MakeLayout(context_, "草稿", kWatermarkStyle, -1);
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout.get(), &width, &height);
    cairo_save(cr_);
    cairo_translate(cr_, kPageWidth / 2, kPageHeight / 2);
    cairo_rotate(cr_, -G_PI / 5);
    Show(cr_, layout.get(), kWatermarkStyle, -width / 2.0 / PANGO_SCALE,
         -height / 2.0 / PANGO_SCALE);
    cairo_restore(cr_);
  }

  // "— 3 —" centred at the foot, then the page is done.
  void EndPage() {
    LayoutPtr layout = MakeLayout(context_, "— " + std::to_string(page_) + " —", kFooterStyle);
    const double baseline =
        static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE;
    Show(cr_, layout.get(), kFooterStyle, kMarginX, kFooterBaseline - baseline);
    cairo_show_page(cr_);
  }

  void NewPage() {
    EndPage();
    BeginPage();
  }

  cairo_t* cr_;
  PangoContext* context_;
  bool draft_;
  std::vector<Block> blocks_;
  int page_ = 0;
  double y_ = kMarginTop;
  bool page_empty_ = true;
};

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> RenderPdf(const RenderDoc& doc) {
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(AppendTo, &out, kPageWidth, kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 DocumentTitle(doc).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                 CleanText(doc.federation).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, DateRange(doc).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "gonghui");
  // The issue date, not the clock: the same issue gives the same bytes.
  if (const std::string created = IssueDateTime(doc); !created.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  }
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));

  ContextPtr context(pango_cairo_create_context(cr.get()));
  pango_context_set_language(context.get(), pango_language_from_string("zh-cn"));
  // Exact glyph positions: the PDF is scaled by the reader, not snapped to pixels.
  pango_context_set_round_glyph_positions(context.get(), FALSE);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);

  Typesetter page(cr.get(), context.get(), doc.version == 0);
  page.Masthead(doc);
  for (const RenderSection& section : doc.sections) {
    page.Section(section.name);
    for (const RenderEntry& entry : section.entries) {
      if (entry.style == "brief") {
        const BriefText brief = SplitBrief(entry);
        const std::string lead = brief.title.empty() ? "" : brief.title + " ";
        page.Brief(std::string(kBriefMark) + lead + brief.first, kBriefMark.size() + lead.size());
        for (const std::string& paragraph : brief.rest) page.Paragraph(paragraph);
        continue;
      }
      page.Title(entry.title);
      for (const std::string& paragraph : Paragraphs(entry.body)) page.Paragraph(paragraph);
      page.Source(SourceLine(entry.org_name));
    }
  }
  page.Finish();

  cr.reset();
  cairo_surface_finish(surface.get());
  if (const cairo_status_t status = cairo_surface_status(surface.get());
      status != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("生成PDF失败：") + cairo_status_to_string(status));
  }
  return out;
}

}  // namespace gonghui::bulletin
