// The upload sniffer (declared in photo/photo.h), apart from the routes so the
// fuzz targets (fuzz/) link it alone.
#include "photo/photo.h"

namespace gonghui::photo {

std::string SniffImageType(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
  return "";
}

}  // namespace gonghui::photo
