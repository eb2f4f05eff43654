#include "search/tokenize.h"

#include <gtest/gtest.h>

namespace gonghui::search {
namespace {

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.text);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenize, EachCjkCharacterIsAToken) {
  EXPECT_EQ(Texts("托管班"), (V{"托", "管", "班"}));
  EXPECT_EQ(Texts("外卖骑手"), (V{"外", "卖", "骑", "手"}));
}

TEST(Tokenize, OffsetsAreBytesOfTheSource) {
  std::vector<Token> t = Tokenize("工会ABC");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].begin, 0u);
  EXPECT_EQ(t[0].end, 3u);
  EXPECT_EQ(t[1].begin, 3u);
  EXPECT_EQ(t[2].text, "abc");
  EXPECT_EQ(t[2].begin, 6u);
  EXPECT_EQ(t[2].end, 9u);
}

TEST(Tokenize, LatinAndDigitRunsAreLowerCasedWords) {
  EXPECT_EQ(Texts("APP上线5G网络2024年"), (V{"app", "上", "线", "5g", "网", "络", "2024", "年"}));
  EXPECT_EQ(Texts("COVID-19 vaccine"), (V{"covid", "19", "vaccine"}));
}

TEST(Tokenize, FullWidthFormsFoldToAscii) {
  EXPECT_EQ(Texts("ＡＰＰ２０２４"), (V{"app2024"}));
  std::vector<Token> t = Tokenize("ＡＢ");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].end, 6u) << "the range covers the full-width bytes";
}

TEST(Tokenize, PunctuationOfEitherWidthSeparates) {
  EXPECT_EQ(Texts("托管，骑手。“劳模”（困难）、安全！"),
            (V{"托", "管", "骑", "手", "劳", "模", "困", "难", "安", "全"}));
  EXPECT_EQ(Texts("a,b;c"), (V{"a", "b", "c"}));
  EXPECT_EQ(Texts("职工\u3000之家"), (V{"职", "工", "之", "家"}));
}

TEST(Tokenize, EmojiAndSymbolsSeparate) {
  EXPECT_EQ(Texts("工会😀活动🎉"), (V{"工", "会", "活", "动"}));
  EXPECT_EQ(Texts("ab😀cd"), (V{"ab", "cd"}));
  EXPECT_TRUE(Texts("😀🎉★※").empty());
}

TEST(Tokenize, EmptyAndBlankInput) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize("   \n\t").empty());
}

TEST(Tokenize, OtherAlphabetsAreWordsAndLowerCased) {
  EXPECT_EQ(Texts("Ünïcode ΑΒΓ Москва"), (V{"ünïcode", "αβγ", "москва"}));
}

TEST(Tokenize, KanaHangulAndRareHanAreSingleTokens) {
  EXPECT_EQ(Texts("カナ한글𠀀〇"), (V{"カ", "ナ", "한", "글", "𠀀", "〇"}));
}

TEST(Tokenize, InvalidUtf8Separates) {
  EXPECT_EQ(Texts(std::string("ab\xFF"
                              "cd\xE6\x89")),
            (V{"ab", "cd"}));
  EXPECT_EQ(Texts(std::string("\xC0\xAF"
                              "工")),
            (V{"工"}))
      << "overlong encodings are not letters";
  // Found by fuzz/search_query: lead bytes F5–FF were read as the start of a three-byte
  // sequence, so F8 80 80 came out as the ideograph U+8000.
  EXPECT_EQ(Texts(std::string("\xF8\x80\x80")), V{});
  EXPECT_EQ(Texts(std::string("\xFF\xBF\xBF"
                              "a")),
            V{"a"});
}

TEST(Tokenize, LongWordsAreCutIntoPieces) {
  std::string word(70, 'x');
  EXPECT_EQ(Texts(word), (V{std::string(32, 'x'), std::string(32, 'x'), std::string(6, 'x')}));
}

TEST(TokenizeQuery, SpacesSeparateWordsEachAPhrase) {
  std::vector<Phrase> p = QueryPhrases("托管  骑手\u3000劳模 APP");
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0], (Phrase{"托", "管"}));
  EXPECT_EQ(p[1], (Phrase{"骑", "手"}));
  EXPECT_EQ(p[2], (Phrase{"劳", "模"}));
  EXPECT_EQ(p[3], (Phrase{"app"}));
}

TEST(TokenizeQuery, PunctuationInsideAWordKeepsOnePhrase) {
  std::vector<Phrase> p = QueryPhrases("COVID-19");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], (Phrase{"covid", "19"}));
}

TEST(TokenizeQuery, WordsWithoutTokensAreDropped) {
  EXPECT_TRUE(QueryPhrases("！？ 😀").empty());
  EXPECT_TRUE(QueryPhrases("").empty());
  EXPECT_EQ(QueryPhrases("，托管。").size(), 1u);
}

TEST(TokenIndexText, PositionsTitleThenGapThenBody) {
  IndexedText t = IndexText("托管班", "骑手");
  EXPECT_EQ(t.title, (V{"托", "管", "班"}));
  EXPECT_EQ(t.body, (V{"骑", "手"}));
  EXPECT_EQ(t.body_bytes, 6u);
  // Tokens with positions in byte order, then the lexemes without positions:
  // filters, the title's tokens and pairs ("t:"), every pair of neighbours.
  EXPECT_EQ(TsVectorLiteral(t, {"O1", "KNEWS"}),
            "'手':6B '托':1A '班':3A '管':2A '骑':5B 'KNEWS' 'O1' 't:托' 't:托 管' 't:班' 't:管' "
            "'t:管 班' '托 管' '管 班' '骑 手'");
}

TEST(TokenIndexText, OccurrencesPastTheLimitKeepTheirPlace) {
  std::string body;
  for (size_t i = 0; i < kMaxOccurrences + 2; ++i) body += "工会";
  IndexedText t = IndexText("", body);
  ASSERT_EQ(t.body.size(), 2 * (kMaxOccurrences + 2));
  EXPECT_EQ(t.body[2 * kMaxOccurrences - 2], "工");
  EXPECT_EQ(t.body[2 * kMaxOccurrences], "") << "the 257th 工 is left out";
  EXPECT_EQ(t.body[2 * kMaxOccurrences + 1], "");
  EXPECT_EQ(Fts5Text({"工", "", "会"}), "工 \xEF\xBF\xBF 会");
}

TEST(TokenIndexText, BodyIsCutAtTheLastPosition) {
  std::string body;
  for (size_t i = 0; i < kMaxPosition + 100; ++i) body += (i % 2 ? "b " : "a ");
  IndexedText t = IndexText("标题", body);
  EXPECT_EQ(2 + 1 + t.body.size(), kMaxPosition) << "positions 1..16383 in all";
  EXPECT_LT(t.body_bytes, body.size());
  // The stored prefix indexes to the same slots (deletes repeat the insert).
  IndexedText again = IndexText("标题", body.substr(0, t.body_bytes));
  EXPECT_EQ(again.body, t.body);
  EXPECT_EQ(again.body_bytes, t.body_bytes);
}

TEST(TokenIndexText, ShortBodyIsKeptWhole) {
  EXPECT_EQ(IndexText("t", "正文。😀").body_bytes, std::string("正文。😀").size());
}

TEST(TokenBackend, Fts5MatchParts) {
  std::vector<Phrase> p = {{"托", "管"}, {"app"}};
  EXPECT_EQ(Fts5Match(p, Part::kAll, {}), "{title body} : (\"托 管\" AND \"app\")");
  EXPECT_EQ(Fts5Match(p, Part::kTitle, {}), "{title} : (\"托 管\" AND \"app\")");
  EXPECT_EQ(Fts5Match(p, Part::kNotTitle, {{"O5", "ALL"}}),
            "(({title body} : (\"托 管\" AND \"app\")) NOT ({title} : (\"托 管\" AND \"app\"))) "
            "AND ({scope} : (\"O5\" OR \"ALL\"))");
}

TEST(TokenBackend, TsQueryParts) {
  std::vector<Phrase> p = {{"托", "管"}, {"app"}};
  EXPECT_EQ(TsQueryLiteral(p, Part::kAll, {}), "(('托 管') & 'app')");
  EXPECT_EQ(TsQueryLiteral(p, Part::kTitle, {{"KNEWS"}}), "(('t:托 管') & 't:app') & ('KNEWS')");
  EXPECT_EQ(TsQueryLiteral({{"a"}}, Part::kNotTitle, {{"O5", "ALL"}}),
            "('a') & !('t:a') & ('O5' | 'ALL')");
}

TEST(TokenBackend, TsQueryLongWordsAddTheirPhrase) {
  std::vector<Phrase> p = {{"外", "卖", "骑", "手"}};
  EXPECT_EQ(TsQueryLiteral(p, Part::kAll, {}),
            "(('外 卖' & '卖 骑' & '骑 手' & ('外' <-> '卖' <-> '骑' <-> '手')))");
  EXPECT_EQ(TsQueryLiteral({{"托", "管", "班"}}, Part::kTitle, {}),
            "(('t:托 管' & 't:管 班' & ('托':A <-> '管':A <-> '班':A)))");
}

TEST(TokenBackend, PairsSkipLeftOutOccurrences) {
  IndexedText t;
  t.body = {"工", "", "会", "员"};
  EXPECT_EQ(TsVectorLiteral(t, {}), "'会':4B '员':5B '工':2B '会 员'");
}

TEST(TokenBackend, LexemesAreQuoted) {
  IndexedText t;
  t.title = {"it's", "a\\b"};
  EXPECT_EQ(TsVectorLiteral(t, {}),
            "'a\\\\b':2A 'it''s':1A 'it''s a\\\\b' 't:a\\\\b' 't:it''s' 't:it''s a\\\\b'");
}

}  // namespace
}  // namespace gonghui::search
