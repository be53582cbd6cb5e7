// Tests for Unwrap (text/unwrap.h) and for the segmenter over hard-wrapped text, on texts the team wrote:
// wrapped paragraphs with names and clauses across lines, paragraphs marked by blank or indented lines,
// CRLF and CR line ends, list items, tables, headlines, datelines, and text with one paragraph per line,
// which must come out as before. Every check also holds the copy to the text's byte length.
#include "text/unwrap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/segment.h"

namespace ag {
namespace {

// `text` with the line break after each listed line (1-based) made spaces: the expected Unwrap result.
std::string Joined(const std::string& text, std::vector<int> lines) {
  std::string out = text;
  int line = 1;
  size_t li = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '\n' && out[i] != '\r') continue;
    bool crlf = out[i] == '\r' && i + 1 < out.size() && out[i + 1] == '\n';
    if (li < lines.size() && lines[li] == line) {
      out[i] = ' ';
      if (crlf) out[i + 1] = ' ';
      ++li;
    }
    if (crlf) ++i;
    ++line;
  }
  return out;
}

std::vector<std::string> Sentences(const std::string& t) {
  text::Segmentation s = text::Segment(t);
  std::vector<std::string> out;
  for (const text::Sentence& x : s.sentences) out.push_back(t.substr(x.begin, x.end - x.begin));
  return out;
}

// A news paragraph wrapped at about 60 columns, its second paragraph indented, as wire archives keep it.
const std::string kWire =
    "Ministers from the five coastal states met in Valdora on\n"      // 1
    "Tuesday to discuss the fishing quota, and the Northern Fleet\n"  // 2
    "Board Chairman Tomas Irribarren said talks would continue\n"     // 3
    "next week.\n"                                                    // 4
    "    The Valdoran Finance Minister Elena Marsh told reporters\n"  // 5
    "the quota would be cut by a fifth, officials said.\n";           // 6

TEST(UnwrapTest, JoinsTheLinesOfAParagraph) {
  std::string u = text::Unwrap(kWire);
  EXPECT_EQ(u.size(), kWire.size());
  EXPECT_EQ(u, Joined(kWire, {1, 2, 3, 5}));
}

TEST(UnwrapTest, SentencesRunAcrossWrappedLinesAndKeepOffsets) {
  std::vector<std::string> s = Sentences(kWire);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0],
            "Ministers from the five coastal states met in Valdora on\n"
            "Tuesday to discuss the fishing quota, and the Northern Fleet\n"
            "Board Chairman Tomas Irribarren said talks would continue\n"
            "next week.");
  EXPECT_EQ(s[1].substr(0, 20), "The Valdoran Finance");
  std::string unwrapped;
  text::Segmentation seg = text::Segment(kWire, &unwrapped);
  EXPECT_EQ(unwrapped, text::Unwrap(kWire));
  // Tokens stay offsets into the original: "Fleet" ends line 2, "Board" starts line 3.
  std::vector<std::string> words;
  for (const text::Token& t : seg.tokens) words.push_back(kWire.substr(t.begin, t.end - t.begin));
  auto fleet = std::find(words.begin(), words.end(), "Fleet");
  ASSERT_NE(fleet, words.end());
  EXPECT_EQ(*(fleet + 1), "Board");
}

TEST(UnwrapTest, BlankLinesEndParagraphs) {
  std::string t =
      "The council of the river towns voted on Monday to reopen the\n"
      "bridge at Castel Marin, closed since the spring floods.\n"
      "\n"
      "Engineers from the provincial works office said repairs had\n"
      "cost less than the budget allowed for the whole of the year.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1, 4}));
  EXPECT_EQ(Sentences(t).size(), 2u);
}

TEST(UnwrapTest, CrlfAndCrBecomeSpacesByteForByte) {
  std::string crlf =
      "Delegates of the northern grain exporters agreed in Sorrel\r\n"
      "City on a common floor price for the coming season, said\r\n"
      "the chairman of the exporters' council.\r\n"
      "\r\n"
      "Importers were not consulted.\r\n";
  std::string u = text::Unwrap(crlf);
  EXPECT_EQ(u.size(), crlf.size());
  EXPECT_EQ(u, Joined(crlf, {1, 2}));
  std::string cr = crlf;
  for (size_t i = 0; i + 1 < cr.size(); ++i)
    if (cr[i] == '\r' && cr[i + 1] == '\n') cr.erase(i + 1, 1);
  EXPECT_EQ(text::Unwrap(cr), Joined(cr, {1, 2}));
  EXPECT_EQ(Sentences(cr).size(), 2u);
}

TEST(UnwrapTest, ListItemsStayApart) {
  std::string t =
      "The agreement signed in Port Aldren on Friday commits the two\n"
      "governments to the following steps over the next two years:\n"
      "- open the border crossing at Kessel to trade and travellers\n"
      "* return the prisoners held since the clashes of last winter\n"
      "1. hold talks on the water of the upper Tamra every quarter\n"
      "a) publish the joint census of the border villages in June\n"
      "# Reactions\n"
      "Neighbouring states welcomed the agreement in statements.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1}));
}

TEST(UnwrapTest, TableRowsStayApart) {
  std::string t =
      "The ministry of agriculture published the harvest estimates\n"
      "for the three main crops of the region as follows, in tonnes\n"
      "              2024      2023      change\n"
      "wheat         1.20      1.10      +9 pct\n"
      "maize\t0.80\t0.85\t-6 pct\n"
      "| barley | 0.30 | 0.30 | 0 |\n"
      "The estimates will be revised in the spring, officials said\n"
      "at a news conference in the capital on Wednesday evening.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1, 7}));
}

TEST(UnwrapTest, TwoSpacesAfterASentenceAreNoColumns) {
  std::string t =
      "The port of Valdora reopened on Monday.  Ships that had waited\n"
      "offshore for a week began to unload grain and fuel.  Dock\n"
      "workers said the backlog would take a month to clear, the port\n"
      "authority said.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1, 2, 3}));
}

TEST(UnwrapTest, HeadlinesAndDatelinesStayTheirOwnSentences) {
  // A headline in capitals, then a dateline line before a wrapped paragraph.
  std::string caps =
      "GRAIN TALKS RESUME IN SORREL\n"
      "SORREL CITY, March 3\n"
      "Delegates of the northern grain exporters resumed talks on a\n"
      "common floor price on Monday after a week of consultations\n"
      "with their governments, the chairman of the council said.\n";
  EXPECT_EQ(text::Unwrap(caps), Joined(caps, {3, 4}));
  EXPECT_EQ(Sentences(caps).size(), 3u);
  // A short first line without a stop before a sentence opener; a headline before a blank line.
  std::string opener =
      "Grain exporters agree on a floor price\n"
      "The northern grain exporters agreed on Monday on a common\n"
      "floor price for the coming season, the chairman of their\n"
      "council said after a week of talks in Sorrel City.\n";
  EXPECT_EQ(text::Unwrap(opener), Joined(opener, {2, 3}));
  std::string blank =
      "Grain exporters agree on a floor price\n\n" + opener.substr(opener.find("The northern"));
  EXPECT_EQ(Sentences(blank).size(), 2u);
  // A dateline at the start of the next line.
  std::string dateline =
      "Grain exporters agree on a floor price\n"
      "SORREL CITY, March 3 - The northern grain exporters agreed\n"
      "on Monday on a common floor price for the coming season, the\n"
      "chairman of their council said after a week of talks.\n";
  EXPECT_EQ(text::Unwrap(dateline), Joined(dateline, {2, 3}));
}

TEST(UnwrapTest, AShortFirstLineGoesOnIntoANameOrClause) {
  // A wire text whose dateline was cut off starts mid-paragraph with a short first line.
  std::string t =
      "Valdoran Deputy Finance Minister Elena\n"
      "Marsh said the government would borrow an additional 600\n"
      "million crowns at next Thursday's treasury bill auction.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1, 2}));
  EXPECT_EQ(Sentences(t).size(), 1u);
}

TEST(UnwrapTest, ANumberOrAnAbbreviationAtALineEdgeDoesNotEndTheParagraph) {
  std::string number =
      "The index stood at 231 on the Friday before the talks and was\n"
      "242. Since then the central banks have bought dollars on every\n"
      "trading day of the month, dealers in the capital said on Monday.\n";
  EXPECT_EQ(text::Unwrap(number), Joined(number, {1, 2}));
  std::string abbreviation =
      "Protests by U.S.\n"
      "Soybean producers against the proposed tax on vegetable oils\n"
      "continued on Monday in three cities of the Midwest, police said.\n";
  EXPECT_EQ(text::Unwrap(abbreviation), Joined(abbreviation, {1, 2}));
}

TEST(UnwrapTest, ALineThatIsNotFullEndsItsParagraph) {
  std::string t =
      "The northern grain exporters agreed on Monday on a common\n"
      "floor price for the coming season.\n"
      "Importers in the south were not consulted on the price and\n"
      "said they would appeal to the regional trade council.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1, 3}));
}

TEST(UnwrapTest, ALowerCaseLineContinuesEvenAfterAShortOne) {
  std::string t =
      "The envoy said\n"
      "that the talks had failed.\n"
      "The ministers of the five states\n"
      "Agreed nothing.\n";
  EXPECT_EQ(text::Unwrap(t), Joined(t, {1}));
}

TEST(UnwrapTest, OneParagraphPerLineIsLeftAlone) {
  // Lines longer than any wrap width are paragraphs; short lines after each other are not a wrapped
  // paragraph (a headline, a byline) unless the next visibly goes on.
  std::string t =
      "Envoy welcomes the truce in the north\n"
      "By a staff correspondent\n"
      "The United Nations envoy to the northern provinces welcomed on Tuesday the truce agreed between "
      "the government and the rebel coalition, and called for talks on the return of the displaced.\n"
      "Fighting had continued until the weekend, residents of the border towns said by telephone, and "
      "aid convoys were still waiting at the crossings on Monday night.\n";
  EXPECT_EQ(text::Unwrap(t), t);
  EXPECT_EQ(Sentences(t).size(), 4u);
  std::string headlines = "Syrian talks resume\nRebels agree to a truce\nEnvoy welcomes the deal\n";
  EXPECT_EQ(text::Unwrap(headlines), headlines);
}

TEST(UnwrapTest, NoLineBreakNothingToDo) {
  EXPECT_EQ(text::Unwrap(""), "");
  EXPECT_EQ(text::Unwrap("One line only."), "One line only.");
  EXPECT_EQ(text::Unwrap("\n\n\n"), "\n\n\n");
}

TEST(SegmentTest, AnAbbreviationDoesNotJoinAcrossAParagraph) {
  // "U.S." before a capitalised word continues a name within a paragraph, never across its end.
  std::string t = "Talks moved to the U.S.\n\nBrazil said it would not attend.";
  std::vector<std::string> s = Sentences(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "Brazil said it would not attend.");
}

}  // namespace
}  // namespace ag
