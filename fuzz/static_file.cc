// StaticFile, the web UI's files: whatever the path, the answer is a file of the web root (or
// the app's index.html) with the type of the file actually read, or 404, never a file outside
// the root.
#include <filesystem>
#include <fstream>

#include "fuzz.h"
#include "http/server.h"

namespace fs = std::filesystem;

namespace {

// web/index.html, web/assets/app.js, web/assets/app.css and, beside the root, secret.txt.
const fs::path& Root() {
  static const fs::path root = [] {
    fs::path dir = fs::temp_directory_path() / ("gonghui-fuzz-static-" + std::to_string(getpid()));
    fs::create_directories(dir / "web" / "assets");
    std::ofstream(dir / "web" / "index.html") << "INDEX";
    std::ofstream(dir / "web" / "assets" / "app.js") << "SCRIPT";
    std::ofstream(dir / "web" / "assets" / "app.css") << "STYLE";
    std::ofstream(dir / "secret.txt") << "SECRET";
    return dir / "web";
  }();
  return root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path(gonghui::fuzz::AsText(data, size));
  gonghui::http::Response r = gonghui::http::StaticFile(Root().string(), path);
  if (r.status != 200) {
    FUZZ_CHECK(r.status == 404);
    return 0;
  }
  FUZZ_CHECK(r.body != "SECRET");
  if (r.body == "INDEX") FUZZ_CHECK(r.content_type.starts_with("text/html"));
  if (r.body == "SCRIPT") FUZZ_CHECK(r.content_type.starts_with("text/javascript"));
  if (r.body == "STYLE") FUZZ_CHECK(r.content_type.starts_with("text/css"));
  return 0;
}
