#include "http/http.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

namespace gonghui::http {
namespace {

// Directive name → its source list, from a Content-Security-Policy value.
std::map<std::string, std::set<std::string>> Directives(const std::string& policy) {
  std::map<std::string, std::set<std::string>> out;
  std::istringstream parts(policy);
  std::string part;
  while (std::getline(parts, part, ';')) {
    std::istringstream words(part);
    std::string name, source;
    if (!(words >> name)) continue;
    EXPECT_EQ(out.count(name), 0u) << "directive given twice: " << name;
    auto& sources = out[name];
    while (words >> source) sources.insert(source);
  }
  return out;
}

std::map<std::string, std::string> HeaderMap(const std::vector<std::string>& style_hashes) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : SecurityHeaders(style_hashes)) {
    EXPECT_TRUE(out.emplace(name, value).second) << "header given twice: " << name;
  }
  return out;
}

TEST(SecurityHeaders, EveryHeaderOnce) {
  const auto headers = HeaderMap({});
  EXPECT_EQ(headers.at("X-Frame-Options"), "DENY");
  EXPECT_EQ(headers.at("Referrer-Policy"), "same-origin");
  EXPECT_EQ(headers.at("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(headers.at("Cross-Origin-Opener-Policy"), "same-origin");
  for (const char* feature : {"camera=()", "microphone=()", "geolocation=()", "payment=()"}) {
    EXPECT_NE(headers.at("Permissions-Policy").find(feature), std::string::npos) << feature;
  }
}

TEST(SecurityHeaders, PolicyWithoutInlineScriptOrFraming) {
  const auto csp = Directives(HeaderMap({}).at("Content-Security-Policy"));
  EXPECT_EQ(csp.at("default-src"), (std::set<std::string>{"'self'"}));
  EXPECT_EQ(csp.at("script-src"), (std::set<std::string>{"'self'"}));
  EXPECT_EQ(csp.at("style-src"), (std::set<std::string>{"'self'"}));
  EXPECT_EQ(csp.at("frame-ancestors"), (std::set<std::string>{"'none'"}));
  EXPECT_EQ(csp.at("object-src"), (std::set<std::string>{"'none'"}));
  for (const auto& [name, sources] : csp) {
    for (const char* unsafe : {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"}) {
      EXPECT_EQ(sources.count(unsafe), 0u) << name << " allows " << unsafe;
    }
  }
}

TEST(SecurityHeaders, InlineStyleSheetsOnlyByHash) {
  const auto csp =
      Directives(HeaderMap({"sha256-abc=", "sha256-def="}).at("Content-Security-Policy"));
  EXPECT_EQ(csp.at("style-src"),
            (std::set<std::string>{"'self'", "'sha256-abc='", "'sha256-def='"}));
  EXPECT_EQ(csp.at("script-src"), (std::set<std::string>{"'self'"}));
}

}  // namespace
}  // namespace gonghui::http
