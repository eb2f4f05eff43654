// The web UI's files (declared in http/server.h), apart from the server so the
// fuzz targets (fuzz/) link it without RESTinio.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/server.h"

namespace gonghui::http {
namespace {

std::string ContentType(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  return "application/octet-stream";
}

}  // namespace

Response StaticFile(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  // A NUL would cut the name the system opens short of the one whose extension picks the type.
  if (root.empty() || path.find("..") != std::string::npos ||
      path.find('\0') != std::string::npos) {
    return ErrorResponse(NotFound("页面不存在"));
  }
  fs::path base(root);
  fs::path file = base / fs::path(path).relative_path();
  std::error_code ec;
  if (path == "/" || fs::is_directory(file, ec)) file = base / "index.html";
  if (!fs::is_regular_file(file, ec)) {
    if (fs::path(path).has_extension()) return ErrorResponse(NotFound("文件不存在"));
    file = base / "index.html";  // the single-page app routes itself
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return ErrorResponse(NotFound("页面不存在，请先构建前端（make web）"));
  std::ostringstream buf;
  buf << in.rdbuf();
  Response r;
  r.content_type = ContentType(file);
  r.body = buf.str();
  bool hashed = file.parent_path().filename() == "assets";
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace gonghui::http
