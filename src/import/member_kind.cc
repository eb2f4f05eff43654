// Members from a spreadsheet (import.h): the columns, the rules of
// member/member.cc row by row, the ID fingerprint against the file and the
// database, and the write that pauses the count triggers and adds the counts
// once.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "api/body.h"
#include "auth/auth.h"
#include "core/idcard.h"
#include "core/time.h"
#include "import/internal.h"
#include "member/member.h"
#include "org/count.h"
#include "org/org.h"

namespace gonghui::import {
namespace {

enum Col : size_t { kUnion, kName, kIdNumber, kPhone, kEmployer, kJoinDate, kStatus, kTags };

const std::vector<Column>& MemberColumns() {
  static const std::vector<Column> columns = {
      {"org",
       "所属工会",
       {"工会名称", "工会", "所在工会", "会员所在工会", "工会编码", "组织编码", "工会代码",
        "所属工会编码"},
       false},
      {"name", "姓名", {"会员姓名", "名字"}, true},
      {"id_number",
       "身份证号码",
       {"身份证号", "身份证", "公民身份号码", "公民身份证号码", "身份证件号码", "证件号码"},
       true,
       true},
      {"phone",
       "手机号码",
       {"手机", "手机号", "联系电话", "电话", "电话号码", "联系方式"},
       false,
       true},
      {"employer", "工作单位", {"单位", "所在单位", "单位名称", "工作单位名称"}, false},
      {"join_date", "入会日期", {"入会时间"}, false},
      {"status", "会员状态", {"状态"}, false},
      {"tags", "会员标签", {"标签", "人员类别"}, false},
  };
  return columns;
}

struct Named {
  const char* code;
  std::vector<std::string_view> words;
};

const Named kStatusWords[] = {
    {"active", {"正常", "active"}},
    {"suspended", {"暂停", "suspended"}},
    {"left", {"已离会", "离会", "left"}},
};
const Named kTagWords[] = {
    {"new_employment", {"新就业形态劳动者", "新就业形态", "new_employment"}},
    {"migrant_worker", {"农民工", "migrant_worker"}},
    {"model_worker", {"劳模", "劳动模范", "model_worker"}},
    {"in_hardship", {"困难职工", "in_hardship"}},
};

const char* CodeOf(const Named* begin, const Named* end, std::string_view word) {
  for (const Named* n = begin; n != end; ++n) {
    if (std::find(n->words.begin(), n->words.end(), word) != n->words.end()) return n->code;
  }
  return nullptr;
}

// The tags of "农民工、劳模" (separated by 、 , ， ; ； / or spaces).
Result<std::vector<std::string>> ParseTagText(const std::string& text) {
  std::string plain = text;
  for (std::string_view sep : {"、", "，", "；", "／"}) {
    for (size_t at; (at = plain.find(sep)) != std::string::npos;)
      plain.replace(at, sep.size(), ",");
  }
  std::replace_if(
      plain.begin(), plain.end(), [](char c) { return c == ';' || c == '/' || c == ' '; }, ',');
  nlohmann::json codes = nlohmann::json::array();
  for (std::string_view rest = plain; !rest.empty();) {
    const size_t comma = rest.find(',');
    const std::string_view word = rest.substr(0, comma);
    if (!word.empty()) {
      const char* code = CodeOf(std::begin(kTagWords), std::end(kTagWords), word);
      if (code == nullptr) {
        return InvalidArgument("tags", "“" + std::string(word) +
                                           "”不是会员标签，应为新就业形态劳动者、农民工、劳模"
                                           "或困难职工，多个用顿号分隔");
      }
      codes.push_back(code);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return member::ParseTags(codes);
}

// The 17 digits before the check character: a key for duplicates inside the
// file (the check character follows from them).
uint64_t IdKey(const std::string& number) {
  uint64_t key = 0;
  for (size_t i = 0; i < 17; ++i) key = key * 10 + static_cast<uint64_t>(number[i] - '0');
  return key;
}

// A checked row, before encryption.
struct Good {
  size_t row = 0;  // in the batch
  int64_t org_id = 0;
  std::string hash;
  std::vector<std::pair<std::string, db::Value>> columns;  // as member.cc stores them
};

// The insert's columns, in the spool's order after org_id.
const std::vector<std::string> kInsertColumns = {"org_id",
                                                 "name",
                                                 "id_number_cipher",
                                                 "id_number_hash",
                                                 "id_number_masked",
                                                 "gender",
                                                 "birth_date",
                                                 "phone_cipher",
                                                 "phone_masked",
                                                 "employer",
                                                 "join_date",
                                                 "status",
                                                 "tags",
                                                 "created_at",
                                                 "updated_at"};

class MemberChecker final : public Checker {
 public:
  explicit MemberChecker(const JobContext& job)
      : job_(job), unions_(job.who), today_(TodayUtcPlus8(job.now)) {}

  void Check(db::Tx& tx, std::vector<Row>& rows, Spool& out) override {
    std::vector<Good> good;
    for (size_t i = 0; i < rows.size(); ++i) {
      Good g;
      g.row = i;
      if (ReadRow(tx, rows[i], g)) good.push_back(std::move(g));
    }
    // The fingerprints against the database, one query per batch.
    std::vector<std::string> hashes;
    for (const Good& g : good) hashes.push_back(g.hash);
    const auto found = FindExisting(tx, "member", "id_number_hash", hashes);  // → (id, org)
    const bool update = job_.mode == "update";
    for (Good& g : good) {
      Row& row = rows[g.row];
      auto hit = found.find(g.hash);
      const bool in_scope = hit != found.end() && auth::InScope(tx, job_.who, hit->second.second);
      if (!update && hit != found.end()) {
        row.problems.push_back(
            {"身份证号码", in_scope ? "该身份证号码已登记为会员（会员编号 " +
                                          std::to_string(hit->second.first) + "），不能重复登记"
                                    : "该身份证号码已在其他工会登记为会员，如需转入请联系其所在"
                                      "工会办理会员转移"});
        continue;
      }
      if (update && !in_scope) {
        row.problems.push_back({"身份证号码", "您管辖的工会中没有该身份证号码的会员"});
        continue;
      }
      if (update && g.org_id != 0 && g.org_id != hit->second.second) {
        row.problems.push_back(
            {"所属工会", "与该会员现在的工会不同；会员转入其他工会请办理会员转移"});
        continue;
      }
      AddRecord(out, update, update ? hit->second.first : 0, update ? hit->second.second : g.org_id,
                g.columns, job_.now);
    }
  }

  void Expect(int64_t rows) override {
    keys_.reserve(static_cast<size_t>(std::max<int64_t>(rows, 0)) * 21 / 20);
  }

  std::vector<std::pair<int64_t, Problem>> Finish() override {
    std::sort(keys_.begin(), keys_.end());
    std::vector<std::pair<int64_t, Problem>> out;
    for (size_t i = 1; i < keys_.size(); ++i) {
      size_t first = i - 1;
      while (first > 0 && keys_[first - 1].key == keys_[i].key) --first;
      if (keys_[i].key == keys_[i - 1].key) {
        out.push_back({keys_[i].line,
                       {"身份证号码", "与本文件第 " + std::to_string(keys_[first].line) +
                                          " 行的身份证号码重复"}});
      }
    }
    keys_.clear();
    keys_.shrink_to_fit();
    return out;
  }

  Result<int64_t> Write(db::Tx& tx, Spool& in,
                        const std::function<void(int64_t)>& written) override {
    return job_.mode == "update" ? WriteUpdates(tx, in, written) : WriteNew(tx, in, written);
  }

 private:
  // Reads the cells of one row into `g`; false (with problems) when bad.
  bool ReadRow(db::Tx& tx, Row& row, Good& g) {
    RowReader r(row, job_.header.index, MemberColumns());
    const bool update = job_.mode == "update";
    // 所属工会
    g.org_id = r.Org(tx, kUnion, unions_, update ? std::nullopt : job_.default_org, !update);
    // 姓名
    if (std::optional<std::string> name = r.Text(kName, 50, !update); name && !name->empty()) {
      g.columns.emplace_back("name", *name);
    }
    // 身份证号码
    Result<std::string> id_text = DigitsOf(r.At(kIdNumber), false);
    if (!id_text.ok()) {
      r.Fail(kIdNumber, id_text.status().message());
    } else if (Result<IdNumberInfo> id = ParseIdNumber(*id_text); !id.ok()) {
      r.Fail(kIdNumber, id.status().message());
    } else if (Result<Date> birth = ParseDate(id->birth_date); !birth.ok() || *birth > today_) {
      r.Fail(kIdNumber, "身份证号码中的出生日期晚于今天");
    } else {
      g.hash = job_.app.box.Fingerprint(id->number);
      keys_.push_back({IdKey(id->number), static_cast<uint32_t>(row.line)});
      if (!update) {
        g.columns.emplace_back("id_number_cipher", job_.app.box.Seal(id->number));
        g.columns.emplace_back("id_number_hash", g.hash);
        g.columns.emplace_back("id_number_masked", MaskIdNumber(id->number));
        g.columns.emplace_back("gender", id->gender);
        g.columns.emplace_back("birth_date", id->birth_date);
      }
    }
    // 手机号码
    Result<std::string> phone = DigitsOf(r.At(kPhone), true);
    if (!phone.ok()) {
      r.Fail(kPhone, phone.status().message());
    } else if (phone->empty()) {
      if (!update) {
        g.columns.emplace_back("phone_cipher", std::string());
        g.columns.emplace_back("phone_masked", std::string());
      }
    } else if (Status s = CheckPhone(*phone); !s.ok()) {
      r.Fail(kPhone, s.message());
    } else {
      g.columns.emplace_back("phone_cipher", job_.app.box.Seal(*phone));
      g.columns.emplace_back("phone_masked", MaskPhone(*phone));
    }
    // 工作单位
    if (std::optional<std::string> employer = r.Text(kEmployer, 100, false);
        employer && (!update || !employer->empty())) {
      g.columns.emplace_back("employer", *employer);
    }
    // 入会日期
    Result<std::optional<Date>> join = DateOf(r.At(kJoinDate));
    if (!join.ok()) {
      r.Fail(kJoinDate, join.status().message());
    } else if (*join && **join > today_) {
      r.Fail(kJoinDate, "不能晚于今天");
    } else if (*join) {
      g.columns.emplace_back("join_date", (*join)->ToString());
    } else if (!update) {
      g.columns.emplace_back("join_date", db::Null());
    }
    // 会员状态
    if (std::optional<std::string> status = r.Text(kStatus)) {
      const char* code = status->empty()
                             ? (update ? nullptr : "active")
                             : CodeOf(std::begin(kStatusWords), std::end(kStatusWords), *status);
      if (code == nullptr && !status->empty()) {
        r.Fail(kStatus, "“" + *status + "”不是会员状态，应为正常、暂停或已离会");
      } else if (code != nullptr) {
        g.columns.emplace_back("status", std::string(code));
      }
    }
    // 会员标签
    if (std::optional<std::string> tags = r.Text(kTags)) {
      if (Result<std::vector<std::string>> parsed = ParseTagText(*tags); !parsed.ok()) {
        r.Fail(kTags, parsed.status().message());
      } else if (!update || !tags->empty()) {
        g.columns.emplace_back("tags", member::JoinTags(*parsed));
      }
    }
    // In update mode, a column the file does not have is left as it is; so is
    // an empty cell.
    return r.Ok();
  }

  Result<int64_t> WriteNew(db::Tx& tx, Spool& in, const std::function<void(int64_t)>& written) {
    constexpr size_t kStatusAt = 11;
    constexpr size_t kTagsAt = 12;
    int64_t n = 0;
    for (const auto& [org_id, rows] : InsertRecords(
             tx, in, "member", kInsertColumns,
             {{"member", {kStatusAt}}, {"tagged_member", {kStatusAt, kTagsAt}}}, written)) {
      org::MembersChanged(tx, org_id);
      n += rows;
    }
    return n;
  }

  Result<int64_t> WriteUpdates(db::Tx& tx, Spool& in, const std::function<void(int64_t)>& written) {
    std::vector<int64_t> orgs;
    const int64_t n = UpdateRecords(tx, in, "member", job_.now, written,
                                    [&](int64_t, int64_t org) { orgs.push_back(org); });
    std::sort(orgs.begin(), orgs.end());
    orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
    for (int64_t org : orgs) org::MembersChanged(tx, org);
    return n;
  }

  const JobContext& job_;
  UnionResolver unions_;
  Date today_;
  // (IdKey, line) of every good ID number: 12 bytes a row, 96 MB for
  // 8 million, reserved from the first batch's estimate so it never doubles.
#pragma pack(push, 4)
  struct KeyLine {
    uint64_t key;
    uint32_t line;
    bool operator<(const KeyLine& o) const { return key != o.key ? key < o.key : line < o.line; }
  };
#pragma pack(pop)
  std::vector<KeyLine> keys_;
};

XlsxSheet MemberTemplate() {
  XlsxSheet sheet;
  sheet.name = "会员导入";
  for (const Column& c : MemberColumns()) sheet.header.push_back(c.header);
  sheet.rows.push_back({std::string(kExampleMark) + "南岸区某某公司工会", std::string("张三"),
                        CompleteIdNumber("50010819900101123"), std::string("13800138000"),
                        std::string("重庆某某有限公司"), std::string("2024-03-01"),
                        std::string("正常"), std::string("农民工、新就业形态劳动者")});
  sheet.text_columns = {kIdNumber, kPhone, kJoinDate};
  sheet.lists = {{kStatus, {"正常", "暂停", "已离会"}}};
  return sheet;
}

}  // namespace

const Kind& MemberKind() {
  static const Kind kind{"member",
                         "会员",
                         "member:member:write",
                         MemberColumns(),
                         MemberTemplate,
                         [](const JobContext& job) -> std::unique_ptr<Checker> {
                           return std::make_unique<MemberChecker>(job);
                         },
                         "身份证号码",
                         true};
  return kind;
}

}  // namespace gonghui::import
