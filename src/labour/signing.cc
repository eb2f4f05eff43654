// Online signing of collective contracts ("指尖上的集体合同") and the public
// verification of a signed text.
//
// Signing opens when the congress has approved the draft (state congress with
// a passed vote) and covers the newest text version. The union side signs
// through a gonghui account (POST …/signatures); a representative with no
// account — the employer's, or a union chair away from the office — signs
// through a single-use link (POST …/sign-links answers the token once; only
// its hash is stored; it expires after 1–168 hours, 72 by default, and a new
// link for a side retires the unused ones). Each signature keeps who signed,
// when, from which address and the SHA-256 of the exact text they confirmed
// (a signer whose page shows an older text is refused). When both sides have
// signed the contract moves to signed (labour.h), dated the day of the last
// signature. A new text, a new vote or the labour authority's objection
// voids the signatures collected.
//
// POST /public/verify?number= with a file answers whether that file is the
// text of contract `number` as signed: its SHA-256 equals the newest text's
// and the contract has been signed.
#include <algorithm>

#include "api/body.h"
#include "audit/audit.h"
#include "core/crypto.h"
#include "core/time.h"
#include "labour/internal.h"
#include "labour/rules.h"
#include "labour/tally.h"

namespace gonghui::labour {
namespace {

constexpr int64_t kDefaultLinkHours = 72;
constexpr int64_t kMaxLinkHours = 168;
constexpr size_t kMaxVerifyBytes = 20 * 1024 * 1024;

std::string SideLabel(std::string_view side) { return side == "worker" ? "职工方" : "用人单位方"; }

// 409 unless the contract is open for signing.
Status RequireSignable(const db::Row& row, const Date& today) {
  if (StateToday(row, today) != "congress" || row.Int(kVotePassed) == 0) {
    return FailedPrecondition("合同草案经职代会审议通过后方可签署（当前为「" +
                                  StateLabel(StateToday(row, today)) + "」）",
                              "state");
  }
  return Status::Ok();
}

bool SideSigned(db::Tx& tx, int64_t contract_id, const std::string& side) {
  return tx.QueryInt(
             "SELECT COUNT(*) FROM labour_signature WHERE contract_id = ? AND side = ? AND "
             "voided_at IS NULL",
             {contract_id, side}) > 0;
}

Result<std::string> ReadSide(const api::Body& body) {
  GH_ASSIGN_OR_RETURN(std::string side, body.Text("side", true, 10));
  if (side != "worker" && side != "employer") return body.Error("side", "应为 worker 或 employer");
  return side;
}

// Records one signature of the newest text; when both sides have signed, the
// contract is signed. `sha256` is the text the signer saw.
Status Sign(api::Call& call, const db::Row& row, const std::string& side, const std::string& signer,
            std::optional<int64_t> link_id, const std::string& sha256) {
  const int64_t id = row.Int(kId);
  const Date today = TodayUtcPlus8(call.now);
  GH_RETURN_IF_ERROR(RequireSignable(row, today));
  std::optional<TextRef> text = NewestText(call.tx, id);
  if (!text) return FailedPrecondition("合同还没有文本", "texts");
  if (sha256 != text->sha256) {
    return FailedPrecondition("合同文本已更新，请刷新页面阅读最新文本后再签署", "sha256");
  }
  if (SideSigned(call.tx, id, side)) {
    return FailedPrecondition(SideLabel(side) + "已签署", "side");
  }
  call.tx.Exec(
      "INSERT INTO labour_signature (contract_id, text_id, side, signer_name, user_id, link_id, "
      "sha256, address, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, text->id, side, signer, call.who.user_id > 0 ? db::Value(call.who.user_id) : db::Null(),
       db::OrNull(link_id), text->sha256, call.req.remote_address, call.now});
  const std::string on = today.ToString();
  AddEvent(call, id, "signature", "congress", "congress", on,
           {{"side", side}, {"signer", signer}, {"version", text->version}});
  if (SideSigned(call.tx, id, "worker") && SideSigned(call.tx, id, "employer")) {
    call.tx.Exec(
        "UPDATE labour_contract SET state = 'signed', signed_on = ?, updated_at = ? WHERE id = ?",
        {on, call.now, id});
    AddEvent(call, id, "sign", "congress", "signed", on,
             {{"online", true}, {"version", text->version}, {"sha256", text->sha256}});
    RefreshContract(call.tx, id);
  }
  return Status::Ok();
}

Result<api::Reply> SignWithAccount(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  api::Body body(call.body, {{"side", "签署方"}, {"sha256", "文本摘要"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string side, ReadSide(body));
  if (side != "worker") {
    return body.Error("side", "工会账号只能代表职工方签署；用人单位方请通过签署链接签署");
  }
  GH_ASSIGN_OR_RETURN(std::string sha, body.Text("sha256", true, 64));
  const Date today = TodayUtcPlus8(call.now);
  const nlohmann::json before = ToJson(call.tx, row, today, true);
  const std::string signer =
      call.who.display_name.empty() ? call.who.username : call.who.display_name;
  GH_RETURN_IF_ERROR(Sign(call, row, side, signer, std::nullopt, sha));
  GH_ASSIGN_OR_RETURN(db::Row now_row, LoadRow(call, id));
  nlohmann::json after = ToJson(call.tx, now_row, today, true);
  audit::Record(call, "sign", "labour_contract", id, row.Int(kOrgId), before, after);
  return api::Reply::Created(std::move(after));
}

Result<api::Reply> CreateLink(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(db::Row row, LoadRow(call, id));
  GH_RETURN_IF_ERROR(RequireSignable(row, TodayUtcPlus8(call.now)));
  api::Body body(call.body,
                 {{"side", "签署方"}, {"signer_name", "签署人"}, {"hours", "有效小时数"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::string side, ReadSide(body));
  GH_ASSIGN_OR_RETURN(std::string signer, body.Text("signer_name", true, 50));
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> hours, body.OptInt("hours", 1, kMaxLinkHours));
  if (SideSigned(call.tx, id, side)) return FailedPrecondition(SideLabel(side) + "已签署", "side");
  const int64_t expires = call.now + hours.value_or(kDefaultLinkHours) * 3600;
  // A new link for a side retires the unused ones.
  call.tx.Exec(
      "UPDATE labour_sign_link SET expires_at = ? WHERE contract_id = ? AND side = ? AND used_at "
      "IS NULL AND expires_at > ?",
      {call.now, id, side, call.now});
  const std::string token = RandomHex(32);
  const int64_t link = call.tx.Insert(
      "INSERT INTO labour_sign_link (contract_id, side, signer_name, token_hash, expires_at, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {id, side, signer, HashHex(token), expires, call.who.user_id, call.now});
  audit::Record(call, "create", "labour_sign_link", link, row.Int(kOrgId), nullptr,
                {{"contract_id", id},
                 {"side", side},
                 {"signer_name", signer},
                 {"expires_at", FormatTimestamp(expires)}});
  return api::Reply::Created({{"id", link},
                              {"side", side},
                              {"signer_name", signer},
                              {"expires_at", FormatTimestamp(expires)},
                              {"token", token},
                              {"path", "/sign/" + token}});
}

// The link of the path's token with its contract row; 404 for an unknown
// token, 409 naming `token` for a used or expired one.
struct Link {
  int64_t id = 0;
  std::string side, signer;
  int64_t expires_at = 0;
  db::Row contract;
};
Result<Link> LinkOfPath(api::Call& call) {
  const Status unknown = NotFound("签署链接不存在");
  if (call.req.path_params.empty()) return unknown;
  const std::string& token = call.req.path_params[0];
  if (token.size() != 64 ||
      !std::all_of(token.begin(), token.end(), [](char c) { return std::isxdigit(c) != 0; })) {
    return unknown;
  }
  auto l = call.tx.QueryOne(
      "SELECT id, contract_id, side, signer_name, expires_at, used_at FROM labour_sign_link "
      "WHERE token_hash = ?",
      {HashHex(token)});
  if (!l) return unknown;
  if (l->OptInt(5)) return FailedPrecondition("该签署链接已使用，不能再次签署", "token");
  if (l->Int(4) <= call.now) {
    return FailedPrecondition("该签署链接已过期，请联系工会重新发送", "token");
  }
  auto row = FindContract(call.tx, "c.id", l->Int(1));
  if (!row) return unknown;
  return Link{l->Int(0), l->Str(2), l->Str(3), l->Int(4), std::move(*row)};
}

Result<api::Reply> ShowLink(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Link link, LinkOfPath(call));
  const db::Row& r = link.contract;
  GH_RETURN_IF_ERROR(RequireSignable(r, TodayUtcPlus8(call.now)));
  const int64_t id = r.Int(kId);
  auto t = call.tx.QueryOne(
      "SELECT version, sha256, source, file_name, content_type, size, data FROM "
      "labour_contract_text WHERE contract_id = ? ORDER BY version DESC LIMIT 1",
      {id});
  if (!t) return FailedPrecondition("合同还没有文本", "texts");
  nlohmann::json signatures = nlohmann::json::array();
  for (const db::Row& s : call.tx.Query(
           "SELECT side, signer_name, signed_at FROM labour_signature WHERE contract_id = ? AND "
           "voided_at IS NULL ORDER BY id",
           {id})) {
    signatures.push_back(
        {{"side", s.Str(0)}, {"signer_name", s.Str(1)}, {"signed_at", FormatTimestamp(s.Int(2))}});
  }
  const bool typed = t->Str(2) == "typed";
  return api::Reply::Ok({{"number", r.Str(kNumber)},
                         {"title", r.Str(kTitle)},
                         {"kind_label", KindLabel(r.Str(kKind))},
                         {"org_name", r.Str(kOrgName)},
                         {"employer_name", r.OptStr(kEmployerName).value_or(r.Str(kEmployerRep))},
                         {"term_from", r.Str(kTermFrom)},
                         {"term_to", r.Str(kTermTo)},
                         {"workers", r.Int(kWorkers)},
                         {"side", link.side},
                         {"side_label", SideLabel(link.side)},
                         {"signer_name", link.signer},
                         {"expires_at", FormatTimestamp(link.expires_at)},
                         {"text",
                          {{"version", t->Int(0)},
                           {"sha256", t->Str(1)},
                           {"source", t->Str(2)},
                           {"file_name", t->Str(3)},
                           {"content_type", t->Str(4)},
                           {"size", t->Int(5)},
                           {"content", typed ? nlohmann::json(t->Str(6)) : nlohmann::json(nullptr)},
                           {"url", "/api/v1/public/sign/" + call.req.path_params[0] + "/text"}}},
                         {"signatures", signatures}});
}

Result<api::Reply> LinkText(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Link link, LinkOfPath(call));
  auto t = call.tx.QueryOne(
      "SELECT source, content_type, data, version FROM labour_contract_text WHERE contract_id = "
      "? ORDER BY version DESC LIMIT 1",
      {link.contract.Int(kId)});
  if (!t) return NotFound("合同还没有文本");
  const bool typed = t->Str(0) == "typed";
  std::string bytes = typed ? t->Str(2) : FromBase64(t->Str(2)).value_or("");
  const std::string ext = typed ? ".txt" : t->Str(1) == "application/pdf" ? ".pdf" : ".docx";
  const std::string name = link.contract.Str(kNumber) + "-v" + t->Str(3) + ext;
  return api::Download(std::move(bytes), t->Str(1), name, name);
}

Result<api::Reply> SignWithLink(api::Call& call) {
  GH_ASSIGN_OR_RETURN(Link link, LinkOfPath(call));
  api::Body body(call.body,
                 {{"sha256", "文本摘要"}, {"agree", "确认签署"}, {"signer_name", "签署人姓名"}});
  GH_RETURN_IF_ERROR(body.CheckUnknown());
  GH_ASSIGN_OR_RETURN(std::optional<bool> agree, body.OptBool("agree"));
  if (!agree.value_or(false)) return body.Error("agree", "请阅读合同文本并确认签署");
  // The name the signer typed, when given, must be the one the link was made for.
  GH_ASSIGN_OR_RETURN(std::string typed, body.Text("signer_name", false, 50));
  if (!typed.empty() && api::Trim(typed) != link.signer) {
    return body.Error("signer_name", "与签署链接指定的签署人（" + link.signer + "）不一致");
  }
  GH_ASSIGN_OR_RETURN(std::string sha, body.Text("sha256", true, 64));
  const db::Row& r = link.contract;
  const Date today = TodayUtcPlus8(call.now);
  const nlohmann::json before = ToJson(call.tx, r, today, true);
  GH_RETURN_IF_ERROR(Sign(call, r, link.side, link.signer, link.id, sha));
  call.tx.Exec("UPDATE labour_sign_link SET used_at = ? WHERE id = ?", {call.now, link.id});
  auto now_row = FindContract(call.tx, "c.id", r.Int(kId));
  const nlohmann::json after = ToJson(call.tx, *now_row, today, true);
  audit::Record(call, "sign", "labour_contract", r.Int(kId), r.Int(kOrgId), before, after);
  return api::Reply::Created({{"signed", true},
                              {"side", link.side},
                              {"signer_name", link.signer},
                              {"state", after["state"]},
                              {"state_label", after["state_label"]}});
}

Result<api::Reply> Verify(api::Call& call) {
  const std::string number = call.req.Query("number").value_or("");
  if (number.empty() || number.size() > 40) {
    return InvalidArgument("number", "合同编号（number）不能为空");
  }
  const std::string& bytes = call.req.body;
  if (bytes.empty()) return InvalidArgument("file", "待核验的文件（file）不能为空");
  if (bytes.size() > kMaxVerifyBytes) {
    return Status(Code::kPayloadTooLarge, "待核验的文件不能超过 20 MiB", "file");
  }
  auto row = FindContract(call.tx, "c.number", number);
  if (!row) return NotFound("合同编号不存在");
  const std::string state = StateToday(*row, TodayUtcPlus8(call.now));
  const bool signed_ = state == "signed" || state == "filed" || state == "effective" ||
                       state == "published" || state == "expired";
  std::optional<TextRef> text = NewestText(call.tx, row->Int(kId));
  const std::string sha = Sha256Hex(bytes);
  nlohmann::json out = {{"number", number}, {"sha256", sha}};
  if (!signed_ || !text) {
    out["match"] = false;
    out["message"] = "该合同尚未签订";
    return api::Reply::Ok(std::move(out));
  }
  if (sha != text->sha256) {
    out["match"] = false;
    out["message"] = "该文件与已签订的合同文本不一致";
    return api::Reply::Ok(std::move(out));
  }
  nlohmann::json signatures = nlohmann::json::array();
  for (const db::Row& s : call.tx.Query(
           "SELECT side, signer_name, signed_at FROM labour_signature WHERE contract_id = ? AND "
           "text_id = ? AND voided_at IS NULL ORDER BY id",
           {row->Int(kId), text->id})) {
    signatures.push_back({{"side", s.Str(0)},
                          {"side_label", SideLabel(s.Str(0))},
                          {"signer_name", s.Str(1)},
                          {"signed_at", FormatTimestamp(s.Int(2))}});
  }
  out["match"] = true;
  out["message"] = "该文件即为已签订的合同文本";
  out["contract"] = {{"title", row->Str(kTitle)},
                     {"kind_label", KindLabel(row->Str(kKind))},
                     {"org_name", row->Str(kOrgName)},
                     {"employer_name", row->OptStr(kEmployerName).value_or(row->Str(kEmployerRep))},
                     {"signed_on", row->Str(kSignedOn)},
                     {"state_label", StateLabel(state)},
                     {"version", text->version}};
  out["signatures"] = std::move(signatures);
  return api::Reply::Ok(std::move(out));
}

}  // namespace

void VoidSignatures(db::Tx& tx, int64_t contract_id, int64_t now, const std::string& reason) {
  tx.Exec(
      "UPDATE labour_signature SET voided_at = ?, void_reason = ? WHERE contract_id = ? AND "
      "voided_at IS NULL",
      {now, reason, contract_id});
}

nlohmann::json SignaturesJson(db::Tx& tx, int64_t contract_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& s :
       tx.Query("SELECT s.id, s.side, s.signer_name, s.user_id, s.link_id, s.sha256, s.address, "
                "s.signed_at, s.voided_at, s.void_reason, t.version FROM labour_signature s JOIN "
                "labour_contract_text t ON t.id = s.text_id WHERE s.contract_id = ? ORDER BY s.id",
                {contract_id})) {
    out.push_back({{"id", s.Int(0)},
                   {"side", s.Str(1)},
                   {"signer_name", s.Str(2)},
                   {"via", s.OptInt(4) ? "link" : "account"},
                   {"sha256", s.Str(5)},
                   {"address", s.Str(6)},
                   {"signed_at", FormatTimestamp(s.Int(7))},
                   {"void", s.OptInt(8).has_value()},
                   {"void_reason", s.Str(9)},
                   {"text_version", s.Int(10)}});
  }
  return out;
}

nlohmann::json SignLinksJson(db::Tx& tx, int64_t contract_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const db::Row& l : tx.Query(
           "SELECT id, side, signer_name, expires_at, used_at, created_at FROM labour_sign_link "
           "WHERE contract_id = ? ORDER BY id",
           {contract_id})) {
    out.push_back(
        {{"id", l.Int(0)},
         {"side", l.Str(1)},
         {"signer_name", l.Str(2)},
         {"expires_at", FormatTimestamp(l.Int(3))},
         {"used_at", l.OptInt(4) ? nlohmann::json(FormatTimestamp(*l.OptInt(4))) : nullptr},
         {"created_at", FormatTimestamp(l.Int(5))}});
  }
  return out;
}

void RegisterSigningRoutes(api::Api& api) {
  api.Add({"POST", "/labour/contracts/{id}/signatures", "labour:contract:write", "labour",
           "以工会账号代表职工方在线签署", SignWithAccount});
  api.Add({"POST", "/labour/contracts/{id}/sign-links", "labour:contract:write", "labour",
           "生成签署链接（一次性，限时有效）", CreateLink});
  api::Endpoint show = {"GET",    "/public/sign/{token}",   "",
                        "labour", "签署页：合同与待签文本", ShowLink};
  show.anonymous = true;
  api.Add(std::move(show));
  api::Endpoint text = {"GET",    "/public/sign/{token}/text", "",
                        "labour", "签署页：下载待签文本",      LinkText};
  text.anonymous = true;
  api.Add(std::move(text));
  api::Endpoint sign = {"POST",   "/public/sign/{token}", "",
                        "labour", "通过签署链接签署",     SignWithLink};
  sign.anonymous = true;
  api.Add(std::move(sign));
  api::Endpoint verify = {"POST", "/public/verify", "", "labour", "核验文件是否为已签订的合同文本",
                          Verify, {"number"}};
  verify.anonymous = true;
  verify.raw_body = true;
  verify.max_body = kMaxVerifyBytes;
  verify.raw_types = {"application/pdf",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      "text/plain"};
  api.Add(std::move(verify));
}

}  // namespace gonghui::labour
