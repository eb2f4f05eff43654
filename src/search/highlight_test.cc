#include "search/highlight.h"

#include <gtest/gtest.h>

namespace gonghui::search {
namespace {

TEST(SearchHighlight, MarksEveryOccurrenceOfEveryWord) {
  EXPECT_EQ(MarkHtml("托管班开展托管服务，骑手参加", QueryPhrases("托管 骑手")),
            "<mark>托管</mark>班开展<mark>托管</mark>服务，<mark>骑手</mark>参加");
}

TEST(SearchHighlight, MarkedTextIsEscapedAroundAndInside) {
  EXPECT_EQ(MarkHtml("<script>工会</script>&工会", QueryPhrases("工会")),
            "&lt;script&gt;<mark>工会</mark>&lt;/script&gt;&amp;<mark>工会</mark>");
  EXPECT_EQ(MarkHtml("R&D <APP> 上线", QueryPhrases("app")),
            "R&amp;D &lt;<mark>APP</mark>&gt; 上线");
}

TEST(SearchHighlight, MatchesWholeTokensOnly) {
  EXPECT_EQ(MarkHtml("apple app", QueryPhrases("app")), "apple <mark>app</mark>");
  EXPECT_EQ(MarkHtml("托 管", QueryPhrases("托管")), "<mark>托 管</mark>")
      << "as the index: punctuation and spaces between characters do not break a phrase";
}

TEST(SearchHighlight, OverlappingAndTouchingMatchesMerge) {
  EXPECT_EQ(MarkHtml("工会会员", QueryPhrases("工会 会员")), "<mark>工会会员</mark>");
  EXPECT_EQ(MarkHtml("工工工", QueryPhrases("工工")), "<mark>工工工</mark>");
}

TEST(SearchHighlight, FullWidthAndCaseKeepTheOriginalText) {
  EXPECT_EQ(MarkHtml("推广ＡＰＰ和App", QueryPhrases("app")),
            "推广<mark>ＡＰＰ</mark>和<mark>App</mark>");
}

TEST(SearchHighlight, NothingToMark) {
  EXPECT_EQ(MarkHtml("工会", {}), "工会");
  EXPECT_EQ(MarkHtml("", QueryPhrases("工会")), "");
  EXPECT_EQ(SnippetHtml("", QueryPhrases("工会")), "");
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(SearchHighlight, SnippetAroundTheFirstMatch) {
  std::string body = Repeat("甲", 200) + "托管" + Repeat("乙", 200);
  std::string s = SnippetHtml(body, QueryPhrases("托管"));
  std::string want = "…" + Repeat("甲", kSnippetLead) + "<mark>托管</mark>" +
                     Repeat("乙", kSnippetChars - kSnippetLead - 2) + "…";
  EXPECT_EQ(s, want);
}

TEST(SearchHighlight, SnippetAtTheStartAndTheEnd) {
  std::string body = "托管" + Repeat("乙", 200);
  EXPECT_EQ(SnippetHtml(body, QueryPhrases("托管")),
            "<mark>托管</mark>" + Repeat("乙", kSnippetChars - 2) + "…");
  body = Repeat("甲", 200) + "托管";
  EXPECT_EQ(SnippetHtml(body, QueryPhrases("托管")),
            "…" + Repeat("甲", kSnippetChars - 2) + "<mark>托管</mark>");
}

TEST(SearchHighlight, SnippetWithoutMatchIsTheStart) {
  EXPECT_EQ(SnippetHtml(Repeat("乙", 150), QueryPhrases("托管")),
            Repeat("乙", kSnippetChars) + "…");
  EXPECT_EQ(SnippetHtml("短正文", QueryPhrases("托管")), "短正文");
}

TEST(SearchHighlight, SnippetFlattensLinesAndEscapes) {
  EXPECT_EQ(SnippetHtml("第一行\n<托管>\t第三行", QueryPhrases("托管")),
            "第一行 &lt;<mark>托管</mark>&gt; 第三行");
}

TEST(SearchHighlight, SnippetNeverSplitsACharacterOrAnEmoji) {
  std::string body = Repeat("😀", 150) + "工会";
  std::string s = SnippetHtml(body, QueryPhrases("工会"));
  EXPECT_EQ(s, "…" + Repeat("😀", kSnippetChars - 2) + "<mark>工会</mark>");
}

}  // namespace
}  // namespace gonghui::search
