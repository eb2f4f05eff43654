// Enterprises of the employer census (用人单位) from a spreadsheet
// (import.h): the columns and rules of org/enterprise.cc row by row, the
// credit code (GB 32100) unique against the file and the database, update
// mode by credit code, and the write that pauses the count triggers and
// refreshes the labour counters of every enterprise written.
#include <algorithm>
#include <unordered_map>

#include "auth/auth.h"
#include "core/credit_code.h"
#include "import/internal.h"
#include "org/count.h"
#include "org/org.h"

namespace gonghui::import {
namespace {

enum Col : size_t { kOrg, kName, kCredit, kKind, kRegion, kIndustry, kEmployees, kUnion };

const std::vector<Column>& EnterpriseColumns() {
  static const std::vector<Column> columns = {
      {"org",
       "登记工会",
       {"所属工会", "登记单位", "登记工会名称", "登记工会编码", "工会编码", "组织编码"},
       false},
      {"name", "单位名称", {"企业名称", "用人单位名称", "单位全称", "用人单位"}, true},
      {"credit_code",
       "统一社会信用代码",
       {"信用代码", "社会信用代码", "统一代码", "统一社会信用代码证号", "组织机构代码"},
       true},
      {"kind", "单位类型", {"单位性质", "企业类型", "类型", "单位类别"}, false},
      {"region_code",
       "所在区县代码",
       {"行政区划代码", "区县代码", "区划代码", "所在地区代码"},
       false},
      {"industry", "所属行业", {"行业", "行业类别", "国民经济行业"}, false},
      {"employees",
       "职工人数",
       {"从业人员数", "从业人数", "职工数", "员工人数", "在岗职工人数", "人数"},
       false},
      {"union", "单位工会", {"本单位工会", "单位工会名称", "所建工会", "单位工会编码"}, false},
  };
  return columns;
}

// The insert's columns, in the spool's order.
const std::vector<std::string> kInsertColumns = {
    "org_id",   "name",      "credit_code",  "kind",       "region_code",
    "industry", "employees", "union_org_id", "created_at", "updated_at"};
constexpr size_t kKindAt = 3;

class EnterpriseChecker final : public Checker {
 public:
  explicit EnterpriseChecker(const JobContext& job)
      : job_(job),
        orgs_(job.who, "是非工会合作单位，不能登记用人单位"),
        unions_(job.who, "是非工会合作单位，不是工会") {}

  void Check(db::Tx& tx, std::vector<Row>& rows, Spool& out) override {
    std::vector<Good> good;
    for (size_t i = 0; i < rows.size(); ++i) {
      Good g;
      g.row = i;
      if (ReadRow(tx, rows[i], g)) good.push_back(std::move(g));
    }
    // The credit codes against the database, one query per batch.
    std::vector<std::string> codes;
    for (const Good& g : good) codes.push_back(g.credit_code);
    const auto found = FindExisting(tx, "enterprise", "credit_code", codes);  // → (id, org)
    const bool update = job_.mode == "update";
    for (Good& g : good) {
      Row& row = rows[g.row];
      auto hit = found.find(g.credit_code);
      const bool in_scope = hit != found.end() && auth::InScope(tx, job_.who, hit->second.second);
      const std::string& column = EnterpriseColumns()[kCredit].header;
      if (!update && hit != found.end()) {
        row.problems.push_back({column, in_scope ? "该统一社会信用代码已登记（单位编号 " +
                                                       std::to_string(hit->second.first) + "）"
                                                 : "该统一社会信用代码已由其他工会登记"});
        continue;
      }
      if (update && !in_scope) {
        row.problems.push_back({column, "您管辖的工会登记的用人单位中没有该统一社会信用代码"});
        continue;
      }
      if (update && g.org_id != 0 && g.org_id != hit->second.second) {
        row.problems.push_back({EnterpriseColumns()[kOrg].header, "与该单位现在的登记工会不同"});
        continue;
      }
      AddRecord(out, update, update ? hit->second.first : 0, update ? hit->second.second : g.org_id,
                g.columns, job_.now);
    }
  }

  std::vector<std::pair<int64_t, Problem>> Finish() override {
    std::vector<std::pair<int64_t, Problem>> out;
    for (const auto& [line, first] : repeats_) {
      out.push_back({line,
                     {EnterpriseColumns()[kCredit].header,
                      "与本文件第 " + std::to_string(first) + " 行的统一社会信用代码重复"}});
    }
    return out;
  }

  Result<int64_t> Write(db::Tx& tx, Spool& in,
                        const std::function<void(int64_t)>& written) override {
    return job_.mode == "update" ? WriteUpdates(tx, in, written) : WriteNew(tx, in, written);
  }

 private:
  struct Good {
    size_t row = 0;
    int64_t org_id = 0;
    std::string credit_code;
    std::vector<std::pair<std::string, db::Value>> columns;  // as enterprise.cc stores them
  };

  bool ReadRow(db::Tx& tx, Row& row, Good& g) {
    RowReader r(row, job_.header.index, EnterpriseColumns());
    const bool update = job_.mode == "update";
    // 登记工会
    g.org_id = r.Org(tx, kOrg, orgs_, update ? std::nullopt : job_.default_org, !update);
    // 单位名称
    if (std::optional<std::string> name = r.Text(kName, 100, !update); name && !name->empty()) {
      g.columns.emplace_back("name", *name);
    }
    // 统一社会信用代码 (the letters as capitals: the code has no small ones)
    if (std::optional<std::string> code = r.Text(kCredit, 18, true)) {
      std::transform(code->begin(), code->end(), code->begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (Status s = CheckCreditCode(*code); !s.ok()) {
        r.Fail(kCredit, s.message());
      } else {
        g.credit_code = *code;
        if (!update) g.columns.emplace_back("credit_code", *code);
        auto [first, fresh] = first_line_.emplace(*code, row.line);
        if (!fresh) repeats_.emplace_back(row.line, first->second);
      }
    }
    // 单位类型
    if (std::optional<std::string> kind = r.Text(kKind)) {
      const char* code = org::EnterpriseKindCode(*kind);
      if (kind->empty()) {
        if (!update) r.Fail(kKind, "不能为空");
      } else if (code == nullptr) {
        r.Fail(kKind, "“" + *kind +
                          "”不是单位类型，应为国有企业、事业单位、机关、规上非公企业、"
                          "规下非公企业、新就业形态平台企业或社会组织");
      } else {
        g.columns.emplace_back("kind", std::string(code));
      }
    }
    // 所在区县代码
    if (std::optional<std::string> region = r.Text(kRegion)) {
      const bool digits =
          std::all_of(region->begin(), region->end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!region->empty() && (region->size() != 6 || !digits)) {
        r.Fail(kRegion, "应为 6 位行政区划代码");
      } else if (!update || !region->empty()) {
        g.columns.emplace_back("region_code", *region);
      }
    }
    // 所属行业
    if (std::optional<std::string> industry = r.Text(kIndustry, 50, false);
        industry && (!update || !industry->empty())) {
      g.columns.emplace_back("industry", *industry);
    }
    // 职工人数
    if (Result<std::optional<int64_t>> n = WholeOf(r.At(kEmployees), 10'000'000); !n.ok()) {
      r.Fail(kEmployees, n.status().message());
    } else if (*n || !update) {
      g.columns.emplace_back("employees", n->value_or(0));
    }
    // 单位工会
    if (std::optional<std::string> name = r.Text(kUnion); name && !name->empty()) {
      Result<int64_t> id = unions_.Resolve(tx, *name);
      if (id.ok()) {
        g.columns.emplace_back("union_org_id", *id);
      } else {
        r.Fail(kUnion, id.status().message());
      }
    } else if (name && !update) {
      g.columns.emplace_back("union_org_id", db::Null());
    }
    return r.Ok();
  }

  Result<int64_t> WriteNew(db::Tx& tx, Spool& in, const std::function<void(int64_t)>& written) {
    const int64_t last_id = tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM enterprise");
    int64_t n = 0;
    for (const auto& [org_id, rows] : InsertRecords(tx, in, "enterprise", kInsertColumns,
                                                    {{"enterprise", {kKindAt}}}, written)) {
      n += rows;
    }
    // The labour counters of each enterprise written (the rows after the
    // last one before the write; one seen twice is refreshed twice, no harm).
    for (const db::Row& r :
         tx.Query("SELECT id FROM enterprise WHERE id > ? ORDER BY id", {last_id})) {
      org::EnterpriseChanged(tx, r.Int(0));
    }
    return n;
  }

  Result<int64_t> WriteUpdates(db::Tx& tx, Spool& in, const std::function<void(int64_t)>& written) {
    return UpdateRecords(tx, in, "enterprise", job_.now, written,
                         [&](int64_t id, int64_t) { org::EnterpriseChanged(tx, id); });
  }

  const JobContext& job_;
  UnionResolver orgs_;                                   // 登记工会
  UnionResolver unions_;                                 // 单位工会
  std::unordered_map<std::string, int64_t> first_line_;  // credit code → its first line
  std::vector<std::pair<int64_t, int64_t>> repeats_;     // (line, first line)
};

XlsxSheet EnterpriseTemplate() {
  XlsxSheet sheet;
  sheet.name = "用人单位导入";
  for (const Column& c : EnterpriseColumns()) sheet.header.push_back(c.header);
  sheet.rows.push_back(
      {std::string(kExampleMark) + "南岸区总工会", std::string("重庆某某科技有限公司"),
       CompleteCreditCode("91500108MA5U12345"), std::string("规上非公企业"), std::string("500108"),
       std::string("软件和信息技术服务业"), int64_t{120}, std::string("重庆某某科技有限公司工会")});
  sheet.text_columns = {kCredit, kRegion};
  std::vector<std::string> kinds;
  for (const org::EnterpriseKind& k : org::EnterpriseKindWords())
    kinds.emplace_back(k.words.front());
  sheet.lists = {{kKind, kinds}};
  return sheet;
}

}  // namespace

const Kind& EnterpriseKind() {
  static const Kind kind{"enterprise",
                         "用人单位",
                         "org:enterprise:write",
                         EnterpriseColumns(),
                         EnterpriseTemplate,
                         [](const JobContext& job) -> std::unique_ptr<Checker> {
                           return std::make_unique<EnterpriseChecker>(job);
                         },
                         "统一社会信用代码"};
  return kind;
}

}  // namespace gonghui::import
