#include <gtest/gtest.h>

#include <string>

#include "api/api.h"

namespace gonghui::api {
namespace {

std::string Nested(size_t depth, std::string_view inner) {
  std::string s = "{\"a\":";
  for (size_t i = 1; i < depth; ++i) s += '[';
  s += inner;
  for (size_t i = 1; i < depth; ++i) s += ']';
  return s + "}";
}

TEST(ParseBody, EmptyIsAnEmptyObject) {
  Result<nlohmann::json> j = ParseBody(" \r\n");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(*j, nlohmann::json::object());
}

TEST(ParseBody, OnlyObjectsOfValidJson) {
  EXPECT_EQ(ParseBody("[1]").status().code(), Code::kBadRequest);
  EXPECT_EQ(ParseBody("{\"a\":").status().code(), Code::kBadRequest);
}

// Found by fuzz/json_body: a body of a million nested arrays holding "\u0000" overflowed the
// stack in the NUL search (and would in anything else that walks the body).
TEST(ParseBody, DeepNestingIsRefusedBeforeParsing) {
  EXPECT_TRUE(ParseBody(Nested(kMaxBodyDepth, "1")).ok());
  Result<nlohmann::json> deep = ParseBody(Nested(kMaxBodyDepth + 1, "1"));
  EXPECT_EQ(deep.status().code(), Code::kBadRequest);
  EXPECT_NE(deep.status().message().find("嵌套过深"), std::string::npos);
  EXPECT_EQ(ParseBody(Nested(1000000, "\"\\u0000\"")).status().code(), Code::kBadRequest);
}

TEST(ParseBody, BracketsInsideStringsDoNotCount) {
  std::string many(1000, '[');
  Result<nlohmann::json> j = ParseBody("{\"t\":\"" + many + "\\\"" + many + "\"}");
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ((*j)["t"].get<std::string>().size(), 2001u);
}

TEST(ParseBody, NulCharacterNamesItsField) {
  Result<nlohmann::json> j = ParseBody(R"({"items":[{"name":"a"},{"name":"b\u0000c"}]})");
  EXPECT_EQ(j.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(j.status().field(), "items[1].name");
  EXPECT_TRUE(ParseBody(R"({"text":"\\u0000 as written"})").ok());
}

TEST(ParseId, PositiveDecimalsOnly) {
  EXPECT_EQ(ParseId("42"), 42);
  for (std::string_view bad : {"", "0", "-1", "+1", " 1", "1x", "99999999999999999999"})
    EXPECT_EQ(ParseId(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace gonghui::api
