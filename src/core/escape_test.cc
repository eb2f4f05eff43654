#include "core/escape.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

TEST(EscapeMarkup, ReplacesTheFiveMarkupCharacters) {
  EXPECT_EQ(EscapeMarkup("<b>\"A&B\"</b> it's"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; it&#39;s");
}

TEST(EscapeMarkup, LeavesOtherTextAlone) {
  EXPECT_EQ(EscapeMarkup("南岸区总工会 5月20日\n◆"), "南岸区总工会 5月20日\n◆");
  EXPECT_EQ(EscapeMarkup(""), "");
}

TEST(EscapeMarkup, AppendsToWhatIsThere) {
  std::string out = "<p>";
  AppendEscapedMarkup(out, "1 < 2");
  EXPECT_EQ(out, "<p>1 &lt; 2");
}

}  // namespace
}  // namespace gonghui
