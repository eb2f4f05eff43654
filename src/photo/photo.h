// Photos: images uploaded for work records (and later news items), kept in
// the database so every server instance serves them.
//
// An upload is checked by its bytes, not its name: JPEG, PNG or WebP, at most
// 5 MiB, and the Content-Type header must agree with what the bytes are. A
// photo belongs to an org and follows that org's scope like any record.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"

namespace gonghui::photo {

inline constexpr size_t kMaxBytes = 5 * 1024 * 1024;

// The image type of `bytes` ("image/jpeg", "image/png", "image/webp") or "".
std::string SniffImageType(std::string_view bytes);

// `[{id, url, content_type, size}]` for photos a record owned by `owner_org`
// will refer to. Each id must exist and lie in the caller's scope, else
// kInvalidArgument on `field`. The photos then belong to `owner_org`, so whoever
// may read the record may read its photos.
Result<nlohmann::json> Attach(db::Tx& tx, const auth::Principal& who,
                              const std::vector<int64_t>& ids, int64_t owner_org,
                              std::string_view field);

// POST /photos (raw image body, ?org_id=; for writers of work records or news
// items), GET /photos/{id} (the image).
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::photo
