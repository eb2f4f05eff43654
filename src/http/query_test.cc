#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/http.h"
#include "http/server.h"

namespace gonghui::http {
namespace {

using Params = std::map<std::string, std::string>;

TEST(ParseQuery, DecodesPairs) {
  Params p;
  ASSERT_TRUE(ParseQuery("page=2&q=%E5%B7%A5%E4%BC%9A&own=", p).ok());
  EXPECT_EQ(p, (Params{{"own", ""}, {"page", "2"}, {"q", "工会"}}));
}

TEST(ParseQuery, MalformedEncodingIsABadRequest) {
  Params p;
  EXPECT_EQ(ParseQuery("q=%E5%B", p).code(), Code::kBadRequest);
  EXPECT_EQ(ParseQuery("a=1&b", p).code(), Code::kBadRequest);
}

// Found by fuzz/http_request: "%00" decoded into a value that PostgreSQL refuses as text, so a
// list answered 500 instead of naming the parameter.
TEST(ParseQuery, NulIsRefusedNamingTheParameter) {
  Params p;
  Status nul = ParseQuery("page=1&q=a%00b", p);
  EXPECT_EQ(nul.code(), Code::kBadRequest);
  EXPECT_EQ(nul.field(), "q");
  EXPECT_EQ(ParseQuery("%00=1", p).code(), Code::kBadRequest);
}

TEST(ParseQuery, EscapesThatAreNotUtf8AreRefused) {
  Params p;
  for (std::string_view bad : {"q=%FF%FE", "q=%ED%A0%80", "q=%C0%AF", "q=%E5%B7"})
    EXPECT_EQ(ParseQuery(bad, p).code(), Code::kBadRequest) << bad << " (a surrogate, overlong…)";
}

class StaticFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    // ctest runs each test in a process of its own, in parallel: the pid keeps their directories
    // apart (the seed and the fixture's address can be the same in two processes).
    dir_ = fs::temp_directory_path() / ("gonghui-static-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir_ / "web" / "assets");
    std::ofstream(dir_ / "web" / "index.html") << "INDEX";
    std::ofstream(dir_ / "web" / "assets" / "app.js") << "APP";
    std::ofstream(dir_ / "secret.txt") << "SECRET";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Root() const { return (dir_ / "web").string(); }
  std::filesystem::path dir_;
};

TEST_F(StaticFileTest, ServesFilesAndFallsBackToTheApp) {
  Response js = StaticFile(Root(), "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "APP");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFile(Root(), "/members/3").body, "INDEX");
  EXPECT_EQ(StaticFile(Root(), "/missing.png").status, 404);
}

TEST_F(StaticFileTest, NeverLeavesTheRoot) {
  EXPECT_EQ(StaticFile(Root(), "/../secret.txt").status, 404);
  EXPECT_EQ(StaticFile(Root(), "/assets/../../secret.txt").status, 404);
  EXPECT_NE(StaticFile(Root(), "//" + (dir_ / "secret.txt").string()).body, "SECRET");
}

// Found by fuzz/static_file: the name the system opened stopped at a NUL, while the type came
// from the extension after it ("/assets/app.js\0.png" sent the script as an image).
TEST_F(StaticFileTest, NulInThePathIsNotFound) {
  EXPECT_EQ(StaticFile(Root(), std::string("/assets/app.js\0.png", 19)).status, 404);
}

}  // namespace
}  // namespace gonghui::http
