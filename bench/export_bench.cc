// bench/export — typesetting a 20-page 一周动态 ourselves against converting
// the same issue's DOCX to PDF with LibreOffice, in one run.
//
// Prints, for RenderPdf, RenderDocx and RenderHtml, a cold first call (fonts
// load) and the median of --runs more; for LibreOffice's conversion, the first
// run (it builds its profile) and the median of --lo-runs more; page counts
// (pdfinfo) and the ratio of the medians.
// Goals (SPEC §3.2, §4): the PDF in under 0.5 s and at least 10× faster than
// LibreOffice. --keep DIR leaves the files there to look at.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "bulletin/render.h"
#include "core/test_util.h"

namespace gonghui {
namespace {

using bulletin::RenderDoc;
using bulletin::RenderEntry;

constexpr const char* kWho[] = {"南岸区总工会", "涪陵区总工会",   "巫山县总工会",
                                "大足区总工会", "市交通建设工会", "市金融财贸轻工纺织工会",
                                "奉节县总工会", "渝北区总工会"};
constexpr const char* kDid[] = {
    "组织开展“安康杯”安全知识竞赛，辖区80余家企业参赛",
    "深入新就业形态劳动者聚集的站点开展集中入会服务",
    "举办职工职业技能大赛，设置电工、焊工、叉车司机等工种",
    "为一线职工发放慰问金和防暑降温物资，总价值20余万元",
    "召开产业工人队伍建设改革推进会，部署下半年重点任务",
    "在工业园区建成职工服务驿站，提供休息、饮水、充电等服务",
    "开设暑期职工子女爱心托管班，招收学员120余名",
    "指导企业开展工资集体协商，签订集体合同12份",
    "邀请劳模工匠走进校园，讲述奋斗故事，弘扬劳模精神",
    "开展困难职工家庭走访慰问，逐户了解生产生活情况",
};

// A deterministic stream of choices (a linear congruential generator).
class Picker {
 public:
  size_t Next(size_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state_ >> 33) % n;
  }

 private:
  uint64_t state_ = 20240531;
};

std::string Paragraph(Picker& pick, int clauses) {
  std::string text = kWho[pick.Next(std::size(kWho))];
  for (int i = 0; i < clauses; ++i) {
    text += kDid[pick.Next(std::size(kDid))];
    text += i + 1 == clauses ? "。" : "，";
  }
  return text;
}

RenderEntry Article(Picker& pick, const std::string& title, int paragraphs) {
  RenderEntry entry{"article", title, "", kWho[pick.Next(std::size(kWho))]};
  for (int i = 0; i < paragraphs; ++i) entry.body += (i ? "\n" : "") + Paragraph(pick, 5);
  return entry;
}

// About twenty A4 pages: lead articles, work news, cases, briefs, a theme.
RenderDoc BenchDoc() {
  Picker pick;
  RenderDoc doc{"重庆市总工会", "一周动态",   2024, 21, "2024-05-31",
                "2024-05-25",   "2024-05-31", 1,    {}};
  const std::vector<std::pair<const char*, int>> sections = {
      {"要闻", 4}, {"工作动态", 8}, {"创新案例", 4}, {"专题", 4}};
  for (const auto& [name, articles] : sections) {
    bulletin::RenderSection section{name, {}};
    for (int i = 0; i < articles; ++i) {
      section.entries.push_back(
          Article(pick, std::string(name) + "：第" + std::to_string(i + 1) + "篇", 6));
    }
    doc.sections.push_back(std::move(section));
  }
  bulletin::RenderSection briefs{"基层动态", {}};
  for (int i = 0; i < 40; ++i) {
    briefs.entries.push_back(
        {"brief", "", "5月" + std::to_string(20 + i % 10) + "日，" + Paragraph(pick, 3), ""});
  }
  doc.sections.insert(doc.sections.begin() + 3, std::move(briefs));
  return doc;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Seconds of one cold call (fonts or LibreOffice's profile load then) and the
// median of `runs` more.
struct Timing {
  double first = 0;
  double median = 0;
};

Result<Timing> Time(int runs, const std::function<Status()>& work) {
  std::vector<double> times;
  for (int i = 0; i <= runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    GH_RETURN_IF_ERROR(work());
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  const double first = times.front();
  times.erase(times.begin());
  return Timing{first, Median(times)};
}

void PrintRow(const char* name, const Timing& timing, int runs, const std::string& note = "") {
  std::printf("%-22s %10.1f %10.1f %6d  %s\n", name, timing.first * 1000, timing.median * 1000,
              runs, note.c_str());
}

int PdfPages(const std::string& file) {
  const test_util::CommandResult info = test_util::RunCommand("pdfinfo " + test_util::Quote(file));
  std::smatch match;
  if (info.exit_code != 0 ||
      !std::regex_search(info.output, match, std::regex(R"(Pages:\s+(\d+))"))) {
    return -1;
  }
  return std::stoi(match[1]);
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "export bench: %s\n", message.c_str());
  return 1;
}

int Main(int argc, char** argv) {
  int runs = 10;
  int lo_runs = 3;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--lo-runs" && i + 1 < argc) {
      lo_runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else {
      return Fail("usage: gonghui_bench_export [--runs N] [--lo-runs N] [--keep DIR]");
    }
  }

  const RenderDoc doc = BenchDoc();
  std::string pdf;
  std::string docx;
  std::string html;
  const Result<Timing> pdf_time = Time(runs, [&] {
    GH_ASSIGN_OR_RETURN(pdf, bulletin::RenderPdf(doc));
    return Status::Ok();
  });
  const Result<Timing> docx_time = Time(runs, [&] {
    GH_ASSIGN_OR_RETURN(docx, bulletin::RenderDocx(doc));
    return Status::Ok();
  });
  const Result<Timing> html_time = Time(runs, [&] {
    html = bulletin::RenderHtml(doc);
    return Status::Ok();
  });
  for (const Result<Timing>* time : {&pdf_time, &docx_time, &html_time}) {
    if (!time->ok()) return Fail(time->status().message());
  }

  // LibreOffice's profile and output, and our files unless --keep names a place.
  test_util::TempDir temp;
  const std::string dir = keep.empty() ? temp.Path() : keep;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  const std::string pdf_file = dir + "/ours.pdf";
  const std::string docx_file = dir + "/issue.docx";
  if (!test_util::WriteFile(pdf_file, pdf) || !test_util::WriteFile(docx_file, docx) ||
      !test_util::WriteFile(dir + "/issue.html", html)) {
    return Fail("cannot write to " + dir);
  }

  std::printf("issue: %zu sections, %zu KiB PDF, %zu KiB DOCX, %zu KiB HTML\n\n",
              doc.sections.size(), pdf.size() / 1024, docx.size() / 1024, html.size() / 1024);
  std::printf("%-22s %10s %10s %6s\n", "export", "first ms", "median ms", "runs");
  PrintRow("RenderPdf", *pdf_time, runs, std::to_string(PdfPages(pdf_file)) + " pages");
  PrintRow("RenderDocx", *docx_time, runs);
  PrintRow("RenderHtml", *html_time, runs);

  if (!test_util::HasTool("soffice")) {
    std::printf(
        "\nLibreOffice (soffice) is not installed: no comparison (scripts/deps.sh bench)\n");
    return 0;
  }
  const std::string convert =
      test_util::LibreOfficeConvert(temp.Path() + "/lo-profile", "pdf", dir + "/lo", docx_file) +
      " >/dev/null 2>&1";
  const Result<Timing> lo_time = Time(lo_runs, [&] {
    if (test_util::RunCommand(convert).exit_code == 0) return Status::Ok();
    return Internal("LibreOffice failed to convert " + docx_file);
  });
  if (!lo_time.ok()) return Fail(lo_time.status().message());
  PrintRow(
      "LibreOffice DOCX→PDF", *lo_time, lo_runs,
      std::to_string(PdfPages(dir + "/lo/issue.pdf")) + " pages; first run builds its profile");

  const double ours = pdf_time->median;
  const double ratio = lo_time->median / ours;
  std::printf("\nratio LibreOffice/RenderPdf (medians): %.1f×\n", ratio);
  std::printf("goal RenderPdf < 0.5 s:               %s\n", ours < 0.5 ? "met" : "NOT met");
  std::printf("goal ≥ 10× faster than LibreOffice:   %s\n", ratio >= 10 ? "met" : "NOT met");
  if (!keep.empty()) std::printf("files kept in %s\n", dir.c_str());
  return 0;
}

}  // namespace
}  // namespace gonghui

int main(int argc, char** argv) { return gonghui::Main(argc, argv); }
