// Tests of the mention tagger's gazetteer lists and two-pass document tagging (src/extract/ner_tagger.h)
// beyond tagger_test.cc: the lists added after the first model (location words, known organisations,
// capitals, WordNet names) are matched, the WordNet list keeps its licence, and tagging a document leaves
// nothing behind for the next one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extract/ner_tagger.h"
#include "extract/perceptron.h"
#include "extract/pos_tagger.h"
#include "extract/tagger_fixture.h"
#include "test_util.h"

namespace ag::extract {
namespace {

using testing::kLexicon;
using testing::Words;

uint64_t Bit(NerGazetteer::Category c, int part) { return uint64_t{1} << (3 * c + part); }

std::vector<uint64_t> Marks(const NerGazetteer& g, const std::vector<std::string_view>& words) {
  std::vector<WordInfo> info(words.size());
  std::string scratch;
  for (size_t i = 0; i < words.size(); ++i) AnalyzeWord(words[i], &scratch, &info[i]);
  std::vector<uint64_t> marks(words.size());
  g.Match(info.data(), static_cast<int>(info.size()), marks.data());
  return marks;
}

TEST(NerGazetteerListsTest, MatchesEveryList) {
  static_assert(NerGazetteer::kNumCategories * 3 <= 64, "gazetteer marks are three bits per category");
  auto g = NerGazetteer::Load(kLexicon);
  ASSERT_OK(g);
  EXPECT_GT((*g)->size(), 10000u);  // WordNet's names are the bulk
  //                                                0       1    2   3     4       5        6     7   8
  std::vector<std::string_view> words = Words("Winston Churchill saw Hezbollah near the Golan Heights.");
  std::vector<uint64_t> m = Marks(**g, words);
  EXPECT_TRUE(m[0] & Bit(NerGazetteer::kWordNetPer, 0));
  EXPECT_TRUE(m[1] & Bit(NerGazetteer::kWordNetPer, 2));
  EXPECT_TRUE(m[3] & Bit(NerGazetteer::kKnownOrg, 0));  // organisations.tsv
  EXPECT_TRUE(m[7] & Bit(NerGazetteer::kLocWord, 0));   // loc_words.txt
  EXPECT_FALSE(m[2] & Bit(NerGazetteer::kWordNetPer, 0));
  m = Marks(**g, Words("Kaunas and Damascus and the Red Cross"));
  EXPECT_TRUE(m[0] & Bit(NerGazetteer::kWordNetLoc, 0));
  EXPECT_TRUE(m[2] & Bit(NerGazetteer::kCapital, 0));  // capitals.tsv
  EXPECT_TRUE(m[5] & Bit(NerGazetteer::kWordNetOrg, 0));
  EXPECT_TRUE(m[6] & Bit(NerGazetteer::kWordNetOrg, 2));
}

TEST(NerGazetteerListsTest, WordNetListKeepsItsLicence) {
  std::ifstream in(kLexicon + "/wordnet_names.tsv");
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find("WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved."),
            std::string::npos);
  EXPECT_NE(ss.str().find("train_tagger wordnet-names"), std::string::npos);  // how it is remade
}

TEST(NerGazetteerListsTest, MissingWordNetList) {
  testing::TempDir dir;
  for (const char* f : {"first_names.txt", "titles.txt", "org_words.txt", "not_names.txt", "nationalities.tsv",
                        "countries.tsv", "places.tsv", "loc_words.txt", "organisations.tsv", "capitals.tsv"})
    std::filesystem::copy_file(kLexicon + "/" + f, dir.File(f));
  auto g = NerGazetteer::Load(dir.path());
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kIOError);
  EXPECT_NE(g.status().message().find("wordnet_names.tsv"), std::string::npos) << g.status().ToString();
}

class NerTwoPassTest : public testing::TaggerModelsTest {
 protected:
  struct Doc {
    std::vector<std::string> texts;
    std::vector<std::vector<std::string_view>> words;
    std::vector<std::vector<uint8_t>> pos;
  };
  static Doc MakeDoc(std::vector<std::string> texts) {
    Doc d;
    d.texts = std::move(texts);
    for (const std::string& t : d.texts) {
      d.words.push_back(Words(t));
      pos_->Tag(d.words.back(), &d.pos.emplace_back());
    }
    return d;
  }
  static std::vector<std::vector<uint8_t>> TagDoc(const Doc& d) {
    std::vector<std::vector<uint8_t>> bio;
    ner_->TagDocument(d.words, d.pos, &bio);
    return bio;
  }
};

// The per-thread scratch of both passes is reset between documents: a document tags the same alone and
// after another one.
TEST_F(NerTwoPassTest, NothingLeaksBetweenDocuments) {
  Doc a = MakeDoc({"Magna said on Monday its profit rose.", "Magna International Inc. makes car parts.",
                   "Analysts in Toronto welcomed the Magna results."});
  Doc b = MakeDoc({"Karim Haddad met Tom Burke in Damascus.", "Haddad said the talks with Burke went well."});
  std::vector<std::vector<uint8_t>> b_alone = TagDoc(b);
  std::vector<std::vector<uint8_t>> a_first = TagDoc(a);
  EXPECT_EQ(TagDoc(b), b_alone);
  EXPECT_EQ(TagDoc(a), a_first);
  std::vector<NerSpan> spans;
  NerTagger::Spans(b_alone[1], &spans);
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(spans[0].type, NerType::kPer);  // "Haddad", a person in the sentence before
}

// Every tag sequence out of the second pass is well formed, whatever the first pass made of the text.
TEST_F(NerTwoPassTest, WellFormedOverADocument) {
  Doc d = MakeDoc({"SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", "Nadim Ladki",
                   "AL-AIN , United Arab Emirates 1996-12-06", "Japan began the defence of their Asian Cup title.",
                   "China 2 Uzbekistan 1 ( halftime 1-0 )", "New York New York New York"});
  std::vector<std::vector<uint8_t>> bio = TagDoc(d);
  ASSERT_EQ(bio.size(), d.words.size());
  for (size_t s = 0; s < bio.size(); ++s) {
    ASSERT_EQ(bio[s].size(), d.words[s].size());
    for (size_t i = 0; i < bio[s].size(); ++i) {
      ASSERT_LT(bio[s][i], NerTagger::kNumTags);
      if (bio[s][i] != kO && bio[s][i] % 2 == 0) {  // I-X follows B-X or I-X
        ASSERT_GT(i, 0u) << d.texts[s];
        EXPECT_TRUE(bio[s][i - 1] == bio[s][i] || bio[s][i - 1] == bio[s][i] - 1) << d.texts[s];
      }
    }
  }
}

}  // namespace
}  // namespace ag::extract
