// Grassroots unions (基层工会) from a spreadsheet (import.h): each with its
// territorial parent and optionally its industry parent, named by code or by
// exact name — an org in the caller's scope or a union on an earlier row of
// the same file (so a union and its branch unions come in one file, parents
// first) — and optionally the enterprise of the census it is the union of.
// The rules are those of POST /orgs (org/org.cc): the parent kinds of
// org::CanParent, names and codes as there; no two unions of one name under
// one parent. Written through org::Insert row by row (its closure rows), so
// the tree's invariants hold as for one union made in the UI.
#include <algorithm>
#include <unordered_map>

#include "auth/auth.h"
#include "core/credit_code.h"
#include "import/internal.h"
#include "org/org.h"

namespace gonghui::import {
namespace {

enum Col : size_t { kName, kShort, kParent, kIndustryParent, kCode, kEnterprise };

const std::vector<Column>& UnionColumns() {
  static const std::vector<Column> columns = {
      {"name", "工会名称", {"基层工会名称", "工会全称", "组织名称", "名称"}, true},
      {"short_name", "简称", {"工会简称"}, false},
      {"parent",
       "上级工会",
       {"属地上级工会", "上级工会名称", "上级组织", "所属上级工会", "上级工会编码", "属地上级"},
       false},
      {"industry_parent",
       "上级产业工会",
       {"产业上级工会", "所属产业工会", "产业工会", "产业上级"},
       false},
      {"code", "行政区划代码", {"区划代码", "工会编码", "组织编码"}, false},
      {"enterprise",
       "单位统一社会信用代码",
       {"统一社会信用代码", "所在单位统一社会信用代码", "信用代码", "单位信用代码"},
       false},
  };
  return columns;
}

constexpr const char* kKind = "grassroots";

// A parent: an org of the database, or the union of an earlier line of the
// file.
struct Parent {
  int64_t id = 0;
  int64_t line = 0;
};

// The spool's record: name, short_name, code, parent id, parent line,
// industry parent id, industry parent line, enterprise id, line.
enum At : size_t {
  kAtName,
  kAtShort,
  kAtCode,
  kAtParent,
  kAtParentLine,
  kAtIndustry,
  kAtIndustryLine,
  kAtEnterprise,
  kAtLine
};

db::Value IdOrNull(int64_t id) { return id != 0 ? db::Value(id) : db::Null(); }
int64_t IdOf(const db::Value& v) {
  return std::holds_alternative<int64_t>(v) ? std::get<int64_t>(v) : 0;
}

class UnionChecker final : public Checker {
 public:
  explicit UnionChecker(const JobContext& job) : job_(job), orgs_(job.who, "") {}

  void Check(db::Tx& tx, std::vector<Row>& rows, Spool& out) override {
    for (Row& row : rows) {
      std::vector<db::Value> values;
      if (ReadRow(tx, row, values)) out.Add(values);
    }
  }

  std::vector<std::pair<int64_t, Problem>> Finish() override { return {}; }

  Result<int64_t> Write(db::Tx& tx, Spool& in,
                        const std::function<void(int64_t)>& written) override {
    std::unordered_map<int64_t, int64_t> made;  // line → id
    auto parent = [&](const std::vector<db::Value>& v, size_t id_at) -> std::optional<int64_t> {
      if (int64_t id = IdOf(v[id_at])) return id;
      if (int64_t line = IdOf(v[id_at + 1])) return made.at(line);
      return std::nullopt;
    };
    int64_t n = 0;
    std::vector<db::Value> v;
    for (in.Rewind(); in.Next(v);) {
      org::OrgInput input;
      input.name = std::get<std::string>(v[kAtName]);
      input.short_name = std::get<std::string>(v[kAtShort]);
      input.kind = kKind;
      if (std::holds_alternative<std::string>(v[kAtCode])) {
        input.code = std::get<std::string>(v[kAtCode]);
      }
      input.parent_id = parent(v, kAtParent);
      input.industry_parent_id = parent(v, kAtIndustry);
      GH_ASSIGN_OR_RETURN(int64_t id, org::Insert(tx, input, job_.now));
      made[std::get<int64_t>(v[kAtLine])] = id;
      if (int64_t enterprise = IdOf(v[kAtEnterprise])) {
        tx.Exec("UPDATE enterprise SET union_org_id = ?, updated_at = ? WHERE id = ?",
                {id, job_.now, enterprise});
        org::EnterpriseChanged(tx, enterprise);
      }
      if (++n % 1000 == 0) written(n);
    }
    written(n);
    return n;
  }

 private:
  bool ReadRow(db::Tx& tx, Row& row, std::vector<db::Value>& values) {
    RowReader r(row, job_.header.index, UnionColumns());
    std::optional<std::string> name = r.Text(kName, 100, true);
    std::optional<std::string> short_name = r.Text(kShort, 50, false);
    std::optional<std::string> code = r.Text(kCode);
    if (code && !code->empty()) {
      if (Status s = org::CheckCode(code); !s.ok()) {
        r.Fail(kCode, "应为 6、9 或 12 位数字（GB/T 2260）");
        code.reset();
      } else if (tx.QueryInt("SELECT COUNT(*) FROM org WHERE code = ?", {*code}) > 0) {
        r.Fail(kCode, "已有组织使用该编码");
        code.reset();
      } else if (file_codes_.count(*code) != 0) {
        r.Fail(kCode, "与本文件第 " + std::to_string(file_codes_[*code]) + " 行的编码重复");
        code.reset();
      }
    }
    // 上级工会: the default union of the upload when empty.
    std::optional<Parent> parent;
    if (std::optional<std::string> text = r.Text(kParent); text && !text->empty()) {
      parent = ResolveParent(tx, r, kParent, *text, "t");
    } else if (text) {
      if (job_.default_org) {
        parent = Parent{*job_.default_org, 0};
        if (!CheckKind(tx, r, kParent, *job_.default_org, "t")) parent.reset();
      } else {
        r.Fail(kParent, "不能为空（或在导入时选择默认的上级工会）");
      }
    }
    std::optional<Parent> industry;
    if (std::optional<std::string> text = r.Text(kIndustryParent); text && !text->empty()) {
      industry = ResolveParent(tx, r, kIndustryParent, *text, "i");
    }
    // No two unions of one name under one parent.
    if (name && parent) {
      const std::string key =
          std::to_string(parent->id) + ":" + std::to_string(parent->line) + ":" + *name;
      if (parent->id != 0 &&
          tx.QueryInt("SELECT COUNT(*) FROM org WHERE parent_id = ? AND name = ?",
                      {parent->id, *name}) > 0) {
        r.Fail(kName, "上级工会下已有同名的工会");
      } else if (auto seen = file_siblings_.find(key); seen != file_siblings_.end()) {
        r.Fail(kName,
               "与本文件第 " + std::to_string(seen->second) + " 行重复（同一上级下的同名工会）");
      } else if (r.Ok()) {
        file_siblings_.emplace(key, row.line);
      }
    }
    // 单位统一社会信用代码: an enterprise in scope that has no union yet.
    int64_t enterprise = 0;
    if (std::optional<std::string> credit = r.Text(kEnterprise); credit && !credit->empty()) {
      std::transform(credit->begin(), credit->end(), credit->begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      std::optional<db::Row> e = tx.QueryOne(
          "SELECT id, org_id, union_org_id FROM enterprise WHERE credit_code = ?", {*credit});
      if (Status s = CheckCreditCode(*credit); !s.ok()) {
        r.Fail(kEnterprise, s.message());
      } else if (!e || !auth::InScope(tx, job_.who, e->Int(1))) {
        r.Fail(kEnterprise, "您管辖的工会登记的用人单位中没有该统一社会信用代码");
      } else if (e->OptInt(2)) {
        r.Fail(kEnterprise, "该单位已有工会（组织编号 " + std::to_string(*e->OptInt(2)) + "）");
      } else if (auto seen = file_enterprises_.find(e->Int(0)); seen != file_enterprises_.end()) {
        r.Fail(kEnterprise, "与本文件第 " + std::to_string(seen->second) + " 行是同一单位");
      } else {
        enterprise = e->Int(0);
      }
    }
    if (!r.Ok()) return false;
    // A good row: later rows may name it as their parent.
    if (code && !code->empty()) file_codes_.emplace(*code, row.line);
    auto [named, fresh] = file_names_.emplace(*name, row.line);
    if (!fresh) named->second = -1;  // two unions of this name: only the code names either
    if (enterprise != 0) file_enterprises_.emplace(enterprise, row.line);
    values = {*name,
              *short_name,
              code && !code->empty() ? db::Value(*code) : db::Null(),
              IdOrNull(parent->id),
              IdOrNull(parent->line),
              IdOrNull(industry ? industry->id : 0),
              IdOrNull(industry ? industry->line : 0),
              IdOrNull(enterprise),
              row.line};
    return true;
  }

  // The parent named by `text` on `axis`: an org in scope, else a union of an
  // earlier good row of the file.
  std::optional<Parent> ResolveParent(db::Tx& tx, RowReader& r, Col col, const std::string& text,
                                      const char* axis) {
    Result<int64_t> id = orgs_.Resolve(tx, text);
    if (id.ok()) {
      if (!CheckKind(tx, r, col, *id, axis)) return std::nullopt;
      return Parent{*id, 0};
    }
    if (id.status().code() == Code::kNotFound) {
      if (auto c = file_codes_.find(text); c != file_codes_.end()) return Parent{0, c->second};
      if (auto n = file_names_.find(text); n != file_names_.end()) {
        if (n->second > 0) return Parent{0, n->second};
        r.Fail(col, "本文件中有多个名为“" + text + "”的工会，请改填其编码");
        return std::nullopt;
      }
      r.Fail(col, "“" + text +
                      "”不是您管辖范围内的工会，也不是本文件前面各行中的工会（请填写全称或编码，"
                      "上级工会的行须在下级之前）");
      return std::nullopt;
    }
    r.Fail(col, id.status().message());
    return std::nullopt;
  }

  // Whether org `id` may be a grassroots union's parent on `axis`.
  bool CheckKind(db::Tx& tx, RowReader& r, Col col, int64_t id, const char* axis) {
    const std::string kind = tx.QueryOne("SELECT kind FROM org WHERE id = ?", {id})->Str(0);
    if (org::CanParent(kKind, kind, axis)) return true;
    r.Fail(col, std::string(axis[0] == 't'
                                ? "基层工会的上级工会应为市、区县、乡镇（街道）总工会或基层工会"
                                : "基层工会的上级产业工会应为产业工会或基层工会"));
    return false;
  }

  const JobContext& job_;
  UnionResolver orgs_;
  std::unordered_map<std::string, int64_t> file_codes_;     // code → line
  std::unordered_map<std::string, int64_t> file_names_;     // name → line, -1 when two
  std::unordered_map<std::string, int64_t> file_siblings_;  // parent:name → line
  std::unordered_map<int64_t, int64_t> file_enterprises_;   // enterprise → line
};

XlsxSheet UnionTemplate() {
  XlsxSheet sheet;
  sheet.name = "基层工会导入";
  for (const Column& c : UnionColumns()) sheet.header.push_back(c.header);
  sheet.rows.push_back({std::string(kExampleMark) + "重庆某某科技有限公司工会",
                        std::string("某某科技工会"), std::string("南坪街道总工会"), std::string(""),
                        std::string(""), CompleteCreditCode("91500108MA5U12345")});
  sheet.text_columns = {kCode, kEnterprise};
  return sheet;
}

}  // namespace

const Kind& UnionKind() {
  static const Kind kind{"union",
                         "基层工会",
                         "org:org:write",
                         UnionColumns(),
                         UnionTemplate,
                         [](const JobContext& job) -> std::unique_ptr<Checker> {
                           return std::make_unique<UnionChecker>(job);
                         },
                         ""};
  return kind;
}

}  // namespace gonghui::import
