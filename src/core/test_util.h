// Helpers for tests and benchmarks that check generated files with outside
// tools (poppler, LibreOffice, xmllint) or look inside zip packages (DOCX,
// xlsx). Header-only and never included by the server's own code.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gonghui::test_util {

// Writes `bytes` to the file `path`; false when that fails.
inline bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out.flush());
}

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/gonghui-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& Path() const { return path_; }

  // Writes `bytes` to the file `name` in the directory and returns its path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::string file = path_ + "/" + name;
    WriteFile(file, bytes);
    return file;
  }

 private:
  std::string path_;
};

// `text` quoted for /bin/sh.
inline std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // standard output
};

// Runs `command` with /bin/sh and waits for it.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[8192];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Whether `tool` is on the PATH.
inline bool HasTool(const std::string& tool) {
  return RunCommand("command -v " + Quote(tool) + " >/dev/null 2>&1").exit_code == 0;
}

// The command that converts `file` to `format` (e.g. "pdf") into `outdir`
// with LibreOffice, using its own profile in `profile` so that runs at the
// same time, or a desktop LibreOffice, do not collide.
inline std::string LibreOfficeConvert(const std::string& profile, const std::string& format,
                                      const std::string& outdir, const std::string& file) {
  return "soffice " + Quote("-env:UserInstallation=file://" + profile) +
         " --headless --convert-to " + Quote(format) + " --outdir " + Quote(outdir) + " " +
         Quote(file);
}

// The contents of the entry `name` of the zip archive `archive`; nullopt when
// the archive does not open or has no such entry.
inline std::optional<std::string> ZipEntry(const std::string& archive, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  if (source == nullptr) return std::nullopt;
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip == nullptr) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> contents;
  zip_stat_t stat;
  if (zip_stat(zip, name.c_str(), 0, &stat) == 0) {
    if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0); file != nullptr) {
      std::string bytes(stat.size, '\0');
      if (zip_fread(file, bytes.data(), bytes.size()) == static_cast<zip_int64_t>(bytes.size())) {
        contents = std::move(bytes);
      }
      zip_fclose(file);
    }
  }
  zip_discard(zip);  // read-only: nothing to write back; frees the source too
  return contents;
}

// A zip package of these (name, contents) parts, built in memory.
inline std::string ZipPackage(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* zip = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, body] : parts) {
    zip_file_add(zip, name.c_str(), zip_source_buffer(zip, body.data(), body.size(), 0),
                 ZIP_FL_ENC_UTF_8);
  }
  zip_close(zip);
  std::string bytes;
  if (zip_source_open(src) == 0) {
    char buf[4096];
    zip_int64_t n = 0;
    while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
      bytes.append(buf, static_cast<size_t>(n));
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&err);
  return bytes;
}

}  // namespace gonghui::test_util
