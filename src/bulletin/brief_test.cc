// DraftBrief: a ◆ brief drafted from a work record reads like the bulletin's.
#include <gtest/gtest.h>

#include "bulletin/bulletin.h"

namespace gonghui::bulletin {
namespace {

TEST(DraftBriefTest, DateUnionPlaceWhatAndFiguresAsWritten) {
  nlohmann::json a = {{"start_date", "2024-05-20"},
                      {"end_date", "2024-05-20"},
                      {"day_part", "am"},
                      {"org_name", "大足区总工会"},
                      {"title", "六一关爱活动"},
                      {"places", {"龙岗街道", "棠香街道"}},
                      {"beneficiaries", {{{"group", "新就业形态劳动者子女"}, {"text", "500名"}}}},
                      {"money", {{{"text", "10万元"}, {"purpose", "慰问"}}}},
                      {"items", {"书包"}},
                      {"participants", {{"text", "近百人"}}}};
  EXPECT_EQ(DraftBrief(a),
            "5月20日上午，大足区总工会在龙岗街道、棠香街道开展六一关爱活动，服务新就业形态劳动者"
            "子女500名，送去书包等物资，慰问资金10万元，近百人参加。");
}

TEST(DraftBriefTest, RangesAcrossDaysAndMonths) {
  nlohmann::json a = {{"start_date", "2024-05-25"},
                      {"end_date", "2024-05-26"},
                      {"org_name", "南岸区总工会"},
                      {"title", "举办职工乒乓球比赛"}};
  EXPECT_EQ(DraftBrief(a), "5月25日—26日，南岸区总工会举办职工乒乓球比赛。");
  a["end_date"] = "2024-06-02";
  EXPECT_EQ(DraftBrief(a), "5月25日—6月2日，南岸区总工会举办职工乒乓球比赛。");
}

TEST(DraftBriefTest, TitleThatNamesTheUnionIsTheSentence) {
  nlohmann::json a = {{"start_date", "2024-05-27"},
                      {"org_name", "市总工会"},
                      {"title", "市总工会召开机关干部职工大会"},
                      {"places", {"机关"}}};
  EXPECT_EQ(DraftBrief(a), "5月27日，市总工会召开机关干部职工大会。");
}

}  // namespace
}  // namespace gonghui::bulletin
