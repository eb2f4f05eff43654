#include "photo/photo.h"

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/time.h"

namespace gonghui::photo {
namespace {

nlohmann::json RefJson(int64_t id, const std::string& content_type, int64_t size) {
  return {{"id", id},
          {"url", "/api/v1/photos/" + std::to_string(id)},
          {"content_type", content_type},
          {"size", size}};
}

Result<api::Reply> Upload(api::Call& call) {
  // Photos illustrate work records and news items: whoever writes either may upload.
  if (!call.who.Has("activity:activity:write") && !call.who.Has("news:item:write")) {
    return PermissionDenied("您没有上传照片的权限");
  }
  const std::string& bytes = call.req.body;
  if (bytes.empty()) return InvalidArgument("photo", "照片（photo）不能为空：请求体应为图片文件");
  if (bytes.size() > kMaxBytes) {
    return Status(Code::kPayloadTooLarge, "照片不能超过 5 MiB", "photo");
  }
  std::string type = SniffImageType(bytes);
  if (type.empty()) return InvalidArgument("photo", "照片（photo）只能是 JPEG、PNG 或 WebP 图片");
  std::string declared = call.req.Header("content-type");
  declared = declared.substr(0, declared.find(';'));
  if (declared != type) {
    return InvalidArgument("photo",
                           "照片的 Content-Type（" + declared + "）与文件内容（" + type + "）不符");
  }
  int64_t org_id = call.who.org_id;
  if (auto v = call.req.Query("org_id")) {
    std::optional<int64_t> n = api::ParseId(*v);
    if (!n) return Status(Code::kBadRequest, "查询参数 org_id 应为组织编号", "org_id");
    org_id = *n;
  }
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return Status(Code::kNotFound, "组织不存在或不在您的管辖范围内", "org_id");
  }
  std::string sha = Sha256Hex(bytes);
  int64_t size = static_cast<int64_t>(bytes.size());
  int64_t id = call.tx.Insert(
      "INSERT INTO photo (org_id, content_type, size, sha256, data, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org_id, type, size, sha, Base64(bytes), call.who.user_id, call.now});
  nlohmann::json ref = RefJson(id, type, size);
  ref["org_id"] = org_id;
  ref["sha256"] = sha;
  ref["created_at"] = FormatTimestamp(call.now);
  audit::Record(call, "create", "photo", id, org_id, nullptr, ref);
  return api::Reply::Created(std::move(ref));
}

Result<api::Reply> Get(api::Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  auto row = call.tx.QueryOne("SELECT org_id, content_type, data FROM photo WHERE id = ?", {id});
  if (!row) return NotFound("照片不存在");
  GH_RETURN_IF_ERROR(auth::RequireInScope(call.tx, call.who, row->Int(0), "照片"));
  api::Reply reply;
  reply.raw_body = FromBase64(row->Str(2)).value_or(std::string());
  reply.content_type = row->Str(1);
  reply.headers.emplace_back("Cache-Control", "private, max-age=86400");
  return reply;
}

}  // namespace

Result<nlohmann::json> Attach(db::Tx& tx, const auth::Principal& who,
                              const std::vector<int64_t>& ids, int64_t owner_org,
                              std::string_view field) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < ids.size(); ++i) {
    auto row = tx.QueryOne("SELECT org_id, content_type, size FROM photo WHERE id = ?", {ids[i]});
    if (!row || !auth::InScope(tx, who, row->Int(0))) {
      return InvalidArgument(std::string(field) + "[" + std::to_string(i) + "]",
                             "照片 " + std::to_string(ids[i]) + " 不存在或不在您的管辖范围内");
    }
    out.push_back(RefJson(ids[i], row->Str(1), row->Int(2)));
  }
  for (int64_t id : ids) tx.Exec("UPDATE photo SET org_id = ? WHERE id = ?", {owner_org, id});
  return out;
}

void RegisterRoutes(api::Api& api) {
  api::Endpoint upload{
      "POST", "/photos", "", "photos", "上传照片（请求体为 JPEG、PNG 或 WebP 图片，≤ 5 MiB）",
      Upload, {"org_id"}};
  upload.raw_body = true;
  upload.max_body = kMaxBytes;
  api.Add(std::move(upload));
  api.Add({"GET", "/photos/{id}", "activity:activity:read", "photos", "照片文件", Get});
}

}  // namespace gonghui::photo
