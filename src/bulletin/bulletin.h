// Issues of the weekly bulletin 一周动态 (SPEC §3.2).
//
// An issue (year, 第N期 unique per year, date range, sections in order) has a
// working copy — its entries, each an article or a ◆ brief, ordered within
// sections — that editors change freely. Publishing freezes the working copy
// as version N+1 (bulletin_version, a JSON snapshot never written again);
// changes after that are the draft of the next version, and every published
// version stays readable and exportable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "bulletin/render.h"

namespace gonghui::bulletin {

struct NewEntry {
  std::string section;
  std::string title;
  std::string body;
  std::string style;  // "" = the section's style
  std::optional<int64_t> org_id, news_id, activity_id;
};

// Appends `entry` at the end of its section in the working copy of
// `bulletin_id`. kInvalidArgument on `bulletin_id` or `section` when either
// does not exist. Answers the entry's id.
Result<int64_t> AppendEntry(db::Tx& tx, int64_t bulletin_id, const NewEntry& entry);

// Freezes the working copy as the next version (and indexes it for search).
// kFailedPrecondition when it has no entries or nothing changed since the
// last version. Answers the new version number.
Result<int64_t> PublishWorkingCopy(db::Tx& tx, int64_t bulletin_id, int64_t user_id, int64_t now);

// The points an item adopted into `section` earns (0 for an unknown section).
int64_t SectionPoints(db::Tx& tx, const std::string& section);

// A ◆ brief drafted from a work record (the JSON of GET /activities/{id}):
// "5月20日，南岸区总工会在……开展……，共有40余人参加。" — date, union, what,
// where, and the figures with their qualifiers as written.
std::string DraftBrief(const nlohmann::json& activity);

// What to export: a published version, or the working copy (version 0).
Result<RenderDoc> LoadForRender(db::Tx& tx, int64_t bulletin_id, int version);

// The file of one export: bytes, MIME type and file name.
struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;  // 一周动态-2024-21.pdf
};
Result<ExportFile> Export(const RenderDoc& doc, const std::string& format);

// The latest published version of an issue (0 when never published).
Result<int> LatestVersion(db::Tx& tx, int64_t bulletin_id);

// GET|POST /bulletins, GET|PATCH /bulletins/{id}, POST /bulletins/{id}/publish,
// POST /bulletins/{id}/entries, GET /bulletins/{id}/export,
// GET|PUT /bulletins/sections.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::bulletin
