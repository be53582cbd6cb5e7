// Tests of the name-part keys used for resolution across documents (store/name_keys.h), on names the
// team made up: person-name parts, given-name agreement, organisation initials, acronyms and spellings.
#include "store/name_keys.h"

#include <gtest/gtest.h>

#include "actorgraph/extract.h"
#include "text/normalize.h"

namespace ag::store {
namespace {

// The folded key of one word, as SplitPersonName keys name parts.
std::string F(const std::string& word) { return text::FoldedNameKey(word); }

TEST(NameKeysTest, SplitsGivenNamesSurnameAndParticles) {
  PersonName p = SplitPersonName("karin m aldous");
  EXPECT_EQ(p.given, (std::vector<std::string>{F("karin"), "m"}));
  EXPECT_EQ(p.surname, F("aldous"));
  EXPECT_EQ(p.surname_norm, "aldous");
  p = SplitPersonName("pieter de vos");
  EXPECT_EQ(p.given, (std::vector<std::string>{F("pieter")}));
  EXPECT_EQ(p.surname, F("vos"));
  EXPECT_EQ(p.surname_norm, "de vos");
  p = SplitPersonName("omar bin rashid al haddad jr");  // particles before the surname, suffix skipped
  EXPECT_EQ(p.given, (std::vector<std::string>{F("omar"), F("rashid")}));
  EXPECT_EQ(p.surname, F("haddad"));
  EXPECT_EQ(p.surname_norm, "al haddad");
  p = SplitPersonName("al haddad");  // a lone surname with its article
  EXPECT_TRUE(p.given.empty());
  EXPECT_EQ(p.surname_norm, "al haddad");
  p = SplitPersonName("karim haddad 2");  // a stored namesake's number
  EXPECT_EQ(p.surname, F("haddad"));
  EXPECT_TRUE(SplitPersonName("").surname.empty());
}

TEST(NameKeysTest, TransliterationsShareTheirKeys) {
  // Spellings of one name as news desks write them agree part by part.
  PersonName a = SplitPersonName("ahmed al sharaa"), b = SplitPersonName("ahmad al shara a");
  PersonName c = SplitPersonName("al sharaa");
  EXPECT_EQ(a.surname, SplitPersonName("ahmad al shara").surname);
  EXPECT_EQ(a.surname, c.surname);
  EXPECT_TRUE(GivenNamesAgree(a.given, SplitPersonName("ahmad al shara").given));
  EXPECT_EQ(SurnameKey("rami al khateeb"), SurnameKey("rami al khatib"));
  EXPECT_NE(SurnameKey("rami hassan"), SurnameKey("rami hussein"));
  (void)b;
}

TEST(NameKeysTest, GivenNamesAgreeByInitialsAndSubsequence) {
  using V = std::vector<std::string>;
  EXPECT_TRUE(GivenNamesAgree(V{"paul"}, V{"paul", "a"}));
  EXPECT_TRUE(GivenNamesAgree(V{"m"}, V{"mark"}));
  EXPECT_TRUE(GivenNamesAgree(V{"onno"}, V{"h", "onno"}));
  EXPECT_TRUE(GivenNamesAgree(V{}, V{"lars"}));
  EXPECT_FALSE(GivenNamesAgree(V{"john"}, V{"james"}));
  EXPECT_FALSE(GivenNamesAgree(V{"j"}, V{"karin"}));
  EXPECT_FALSE(GivenNamesAgree(V{"mark", "a"}, V{"mark", "b"}));
}

TEST(NameKeysTest, IndexKeysByType) {
  const int person = static_cast<int>(EntityType::kPerson);
  const int org = static_cast<int>(EntityType::kOrg);
  const int gpe = static_cast<int>(EntityType::kGpe);
  EXPECT_EQ(NameKeys("karin aldous", person), (std::vector<std::string>{"surname:" + F("aldous")}));
  EXPECT_TRUE(NameKeys("aldous", person).empty());  // a lone surname is found by its own key
  EXPECT_EQ(NameKeys("international tin council", org),
            (std::vector<std::string>{"initials:itc", "spelling:international tin council"}));
  EXPECT_EQ(InitialsKey("bank of the north and the south"), "initials:bns");
  EXPECT_TRUE(NameKeys("norbank", org).empty());
  EXPECT_TRUE(NameKeys("new vestport", gpe).empty());
}

TEST(NameKeysTest, AcronymsMatchInitials) {
  EXPECT_EQ(AcronymKey("ICO"), "initials:ico");
  EXPECT_EQ(AcronymKey("I.C.O."), "initials:ico");
  EXPECT_EQ(AcronymKey("Ico"), "");
  EXPECT_EQ(AcronymKey("A"), "");
  EXPECT_EQ(AcronymKey("ID"), "");  // two letters spell too many names
  EXPECT_EQ(InitialsKey("international development"), "");
  EXPECT_EQ(AcronymKey("ABCDEFG"), "");
}

TEST(NameKeysTest, SpellingKeyFoldsBritishAndAmericanSpellings) {
  EXPECT_EQ(SpellingKey("world health organisation"), SpellingKey("world health organization"));
  EXPECT_EQ(SpellingKey("labour party of vestland"), SpellingKey("labor party of vestland"));
  EXPECT_EQ(SpellingKey("ministry of defence"), SpellingKey("ministry of defense"));
  EXPECT_EQ(SpellingKey("centre for peace studies"), SpellingKey("center for peace studies"));
  EXPECT_EQ(SpellingKey("food programme north"), SpellingKey("food program north"));
  EXPECT_NE(SpellingKey("four seasons group"), SpellingKey("for seasons group"));
  EXPECT_NE(SpellingKey("nordic energy council"), SpellingKey("nordic economic council"));
  EXPECT_EQ(SpellingKey("norbank"), "");  // one word: no variant key
}

}  // namespace
}  // namespace ag::store
