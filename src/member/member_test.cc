#include "member/member.h"

#include <gtest/gtest.h>

namespace gonghui::member {
namespace {

using nlohmann::json;

const Date kToday{2024, 5, 20};

TEST(Status, KnowsTheThreeStatuses) {
  EXPECT_TRUE(IsStatus("active"));
  EXPECT_TRUE(IsStatus("suspended"));
  EXPECT_TRUE(IsStatus("left"));
  EXPECT_FALSE(IsStatus("dead"));
  EXPECT_FALSE(IsStatus(""));
}

TEST(Tags, ParsedInCanonicalOrderWithoutRepeats) {
  Result<std::vector<std::string>> tags =
      ParseTags(json::array({"in_hardship", "migrant_worker", "in_hardship"}));
  ASSERT_TRUE(tags.ok()) << tags.status().message();
  EXPECT_EQ(*tags, (std::vector<std::string>{"migrant_worker", "in_hardship"}));
  EXPECT_EQ(JoinTags(*tags), "migrant_worker,in_hardship");
}

TEST(Tags, EmptyArrayIsNoTags) {
  Result<std::vector<std::string>> tags = ParseTags(json::array());
  ASSERT_TRUE(tags.ok());
  EXPECT_TRUE(tags->empty());
  EXPECT_EQ(JoinTags(*tags), "");
  EXPECT_TRUE(SplitTags("").empty());
}

TEST(Tags, UnknownTagNamesItsPosition) {
  Result<std::vector<std::string>> tags = ParseTags(json::array({"model_worker", "not_a_tag"}));
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(tags.status().field(), "tags[1]");
}

TEST(Tags, NotAnArrayNamesTheField) {
  for (const json& bad : {json("migrant_worker"), json(3), json::object()}) {
    Result<std::vector<std::string>> tags = ParseTags(bad);
    ASSERT_FALSE(tags.ok()) << bad.dump();
    EXPECT_EQ(tags.status().field(), "tags");
  }
  Result<std::vector<std::string>> number = ParseTags(json::array({1}));
  ASSERT_FALSE(number.ok());
  EXPECT_EQ(number.status().field(), "tags[0]");
}

TEST(Tags, SplitReversesJoin) {
  std::vector<std::string> all(std::begin(kTags), std::end(kTags));
  EXPECT_EQ(SplitTags(JoinTags(all)), all);
  EXPECT_EQ(SplitTags("model_worker"), (std::vector<std::string>{"model_worker"}));
  EXPECT_EQ(SplitTags(",model_worker,,in_hardship,"),
            (std::vector<std::string>{"model_worker", "in_hardship"}));
}

TEST(Children, ValidListIsTrimmedAndKeptInOrder) {
  Result<std::vector<Child>> children =
      ParseChildren(json::array({{{"name", " 张小三 "}, {"birth_date", "2016-05-01"}},
                                 {{"name", "张小四"}, {"birth_date", "2024-05-20"}}}),
                    kToday);
  ASSERT_TRUE(children.ok()) << children.status().message();
  ASSERT_EQ(children->size(), 2u);
  EXPECT_EQ((*children)[0].name, "张小三");
  EXPECT_EQ((*children)[0].birth_date, "2016-05-01");
  EXPECT_EQ((*children)[1].name, "张小四");
  EXPECT_EQ((*children)[1].birth_date, "2024-05-20");  // born today is fine
}

TEST(Children, EmptyArrayIsNoChildren) {
  Result<std::vector<Child>> children = ParseChildren(json::array(), kToday);
  ASSERT_TRUE(children.ok());
  EXPECT_TRUE(children->empty());
}

std::string FieldOf(const json& value) {
  Result<std::vector<Child>> r = ParseChildren(value, kToday);
  EXPECT_FALSE(r.ok()) << value.dump();
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(r.status().message().empty());
  return r.status().field();
}

TEST(Children, ErrorsNameTheField) {
  const json good = {{"name", "李小一"}, {"birth_date", "2016-05-01"}};
  EXPECT_EQ(FieldOf(json("张小三")), "children");
  EXPECT_EQ(FieldOf(json::object()), "children");
  EXPECT_EQ(FieldOf(json::array({good, "李小二"})), "children[1]");
  EXPECT_EQ(FieldOf(json::array({good, {{"name", "李小二"}, {"birth_date", "2016-13-45"}}})),
            "children[1].birth_date");
  EXPECT_EQ(FieldOf(json::array({{{"name", "李小二"}, {"birth_date", "bad"}}})),
            "children[0].birth_date");
  EXPECT_EQ(FieldOf(json::array({{{"name", "李小二"}}})), "children[0].birth_date");
  EXPECT_EQ(FieldOf(json::array({{{"name", "李小二"}, {"birth_date", 20160501}}})),
            "children[0].birth_date");
  EXPECT_EQ(FieldOf(json::array({{{"birth_date", "2016-05-01"}}})), "children[0].name");
  EXPECT_EQ(FieldOf(json::array({{{"name", "  "}, {"birth_date", "2016-05-01"}}})),
            "children[0].name");
  EXPECT_EQ(FieldOf(json::array({{{"name", 7}, {"birth_date", "2016-05-01"}}})),
            "children[0].name");
  EXPECT_EQ(
      FieldOf(json::array({{{"name", std::string(51 * 3, 'a')}, {"birth_date", "2016-05-01"}}})),
      "children[0].name");
  EXPECT_EQ(FieldOf(json::array({{{"name", "李小二"}, {"birth_date", "2016-05-01"}, {"age", 8}}})),
            "children[0].age");
}

TEST(Children, BirthAfterTodayIsRefused) {
  EXPECT_EQ(FieldOf(json::array({{{"name", "李小二"}, {"birth_date", "2024-05-21"}}})),
            "children[0].birth_date");
}

TEST(Children, AtMostTen) {
  json ten = json::array();
  for (int i = 0; i < 10; ++i) ten.push_back({{"name", "子女"}, {"birth_date", "2016-05-01"}});
  EXPECT_TRUE(ParseChildren(ten, kToday).ok());
  ten.push_back({{"name", "子女"}, {"birth_date", "2016-05-01"}});
  EXPECT_EQ(FieldOf(ten), "children");
}

TEST(Children, FieldPrefixIsTheCallers) {
  Result<std::vector<Child>> r = ParseChildren(
      json::array({{{"name", "李小二"}, {"birth_date", "x"}}}), kToday, "rows[4].children");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "rows[4].children[0].birth_date");
}

}  // namespace
}  // namespace gonghui::member
