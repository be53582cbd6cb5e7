// Tests of the statistical taggers (src/extract/pos_tagger.h, ner_tagger.h) and their perceptron core:
// the committed models on sentences the team wrote (clear cases only), tokens as ICU segments them
// (possessives and contractions attached), the model file round trip, and every way a model or lexicon
// file can be missing or damaged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
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
using testing::kModels;
using testing::Words;

class TaggerTest : public testing::TaggerModelsTest {
 protected:
  // "WORD/TAG WORD/TAG ..." for a sentence.
  static std::string PosString(std::string_view text) {
    std::vector<std::string_view> words = Words(text);
    std::vector<uint8_t> tags;
    pos_->Tag(words, &tags);
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i) out += ' ';
      out += std::string(words[i]) + "/" + PosTagger::TagName(tags[i]);
    }
    return out;
  }

  // "TYPE:words" for each mention of a sentence, tagged as a one-sentence document.
  static std::vector<std::string> Mentions(std::string_view text) {
    std::vector<std::string_view> words = Words(text);
    std::vector<uint8_t> pos, bio;
    pos_->Tag(words, &pos);
    ner_->Tag(words, pos, &bio);
    return SpanStrings(words, bio);
  }

  static std::vector<std::string> SpanStrings(const std::vector<std::string_view>& words,
                                              const std::vector<uint8_t>& bio) {
    std::vector<NerSpan> spans;
    NerTagger::Spans(bio, &spans);
    std::vector<std::string> out;
    for (const NerSpan& s : spans) {
      std::string m = NerTagger::TypeName(s.type);
      m += ':';
      for (int i = s.begin; i < s.end; ++i) {
        if (i > s.begin) m += ' ';
        m.append(words[i]);
      }
      out.push_back(m);
    }
    return out;
  }

  // A gtest predicate, so that a failure prints every mention found.
  static ::testing::AssertionResult Has(const std::vector<std::string>& v, const std::string& x) {
    std::string all;
    for (const std::string& m : v) all += (all.empty() ? "" : ", ") + m;
    if (std::find(v.begin(), v.end(), x) != v.end()) return ::testing::AssertionSuccess() << x << " in " << all;
    return ::testing::AssertionFailure() << x << " not in [" << all << "]";
  }
};

TEST_F(TaggerTest, PosClearCases) {
  EXPECT_EQ(PosString("The minister signed the agreement in Damascus on Monday."),
            "The/DET minister/NOUN signed/VERB the/DET agreement/NOUN in/ADP Damascus/PROPN on/ADP Monday/PROPN "
            "./PUNCT");
  EXPECT_EQ(PosString("They will not attend the talks."),
            "They/PRON will/AUX not/PART attend/VERB the/DET talks/NOUN ./PUNCT");
}

TEST_F(TaggerTest, PosIcuTokens) {
  // ICU keeps "Syria's" and "don't" whole: the possessive takes the tag of its word, a contraction the tag
  // of its first part.
  std::vector<std::string_view> words = Words("Syria's army doesn't attack Hama.");
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[0], "Syria's");
  std::vector<uint8_t> tags;
  pos_->Tag(words, &tags);
  EXPECT_STREQ(PosTagger::TagName(tags[0]), "PROPN");
  EXPECT_STREQ(PosTagger::TagName(tags[1]), "NOUN");
  EXPECT_STREQ(PosTagger::TagName(tags[2]), "AUX");
  EXPECT_STREQ(PosTagger::TagName(tags[3]), "VERB");
  // Curly apostrophe as ASCII.
  std::vector<uint8_t> curly;
  pos_->Tag(Words("Syria\xE2\x80\x99s army doesn\xE2\x80\x99t attack Hama."), &curly);
  EXPECT_EQ(curly, tags);
}

TEST_F(TaggerTest, PosEmptyAndNames) {
  std::vector<uint8_t> tags = {1, 2, 3};
  pos_->Tag({}, &tags);
  EXPECT_TRUE(tags.empty());
  EXPECT_STREQ(PosTagger::TagName(static_cast<uint8_t>(Upos::kPropn)), "PROPN");
  EXPECT_STREQ(PosTagger::TagName(200), "?");
  EXPECT_EQ(PosTagger::TagFromName("VERB"), static_cast<int>(Upos::kVerb));
  EXPECT_EQ(PosTagger::TagFromName("verb"), -1);
}

TEST_F(TaggerTest, NerPersonsAndPlaces) {
  std::vector<std::string> m = Mentions("Tom Burke met Syrian President Karim Haddad in Damascus on Monday.");
  EXPECT_TRUE(Has(m, "PER:Tom Burke"));
  EXPECT_TRUE(Has(m, "PER:Karim Haddad"));
  EXPECT_TRUE(Has(m, "LOC:Damascus"));
  EXPECT_FALSE(Has(m, "PER:Monday"));
  EXPECT_FALSE(Has(m, "LOC:Monday"));
}

TEST_F(TaggerTest, NerOrganisations) {
  std::vector<std::string> m =
      Mentions("The World Health Organization sent doctors to Aleppo, a spokesman for the United Nations said.");
  EXPECT_TRUE(Has(m, "ORG:World Health Organization"));
  EXPECT_TRUE(Has(m, "LOC:Aleppo"));
  EXPECT_TRUE(Has(m, "ORG:United Nations"));
}

TEST_F(TaggerTest, NerPossessiveToken) {
  // "Turkey's" is one ICU token: the mention covers it (the caller cuts the possessive off).
  std::vector<std::string> m = Mentions("Turkey's foreign minister Ahmet Kaya arrived in Baghdad.");
  EXPECT_TRUE(Has(m, "LOC:Turkey's"));
  EXPECT_TRUE(Has(m, "PER:Ahmet Kaya"));
  EXPECT_TRUE(Has(m, "LOC:Baghdad"));
}

TEST_F(TaggerTest, NerDocumentMatchesSentenceForOneSentence) {
  std::vector<std::string_view> words = Words("Tom Burke met Karim Haddad in Damascus.");
  std::vector<uint8_t> pos, bio;
  pos_->Tag(words, &pos);
  ner_->Tag(words, pos, &bio);
  std::vector<std::vector<uint8_t>> doc_bio;
  ner_->TagDocument({words}, {pos}, &doc_bio);
  ASSERT_EQ(doc_bio.size(), 1u);
  EXPECT_EQ(doc_bio[0], bio);
}

TEST_F(TaggerTest, NerDocument) {
  const std::string headline = "HADDAD MEETS BURKE IN DAMASCUS";
  const std::string body = "Syrian President Karim Haddad met US envoy Tom Burke in Damascus on Monday.";
  std::vector<std::vector<std::string_view>> sentences = {Words(headline), Words(body)};
  std::vector<std::vector<uint8_t>> pos(2), bio;
  for (size_t i = 0; i < 2; ++i) pos_->Tag(sentences[i], &pos[i]);
  ner_->TagDocument(sentences, pos, &bio);
  ASSERT_EQ(bio.size(), 2u);
  ASSERT_EQ(bio[1].size(), sentences[1].size());
  std::vector<std::string> m = SpanStrings(sentences[1], bio[1]);
  EXPECT_TRUE(Has(m, "PER:Karim Haddad"));
  EXPECT_TRUE(Has(m, "PER:Tom Burke"));
  EXPECT_TRUE(Has(m, "LOC:Damascus"));
  // A POS sequence of the wrong length tags everything O instead of reading out of bounds.
  pos[1].pop_back();
  ner_->TagDocument(sentences, pos, &bio);
  for (const auto& s : bio)
    for (uint8_t t : s) EXPECT_EQ(t, kO);
}

TEST_F(TaggerTest, NerOutputIsWellFormed) {
  const char* texts[] = {"A B C D E F G", ". , ; : ! ?", "New York New York", "UN EU NATO US UK",
                         "the of and to in", "Mr. J. R. R. Tolkien of Oxford University Press Ltd."};
  for (const char* t : texts) {
    std::vector<std::string_view> words = Words(t);
    std::vector<uint8_t> pos, bio;
    pos_->Tag(words, &pos);
    ner_->Tag(words, pos, &bio);
    ASSERT_EQ(bio.size(), words.size()) << t;
    for (size_t i = 0; i < bio.size(); ++i) {
      ASSERT_LT(bio[i], NerTagger::kNumTags) << t;
      if (bio[i] != kO && bio[i] % 2 == 0) {  // I-X continues B-X or I-X
        ASSERT_GT(i, 0u) << t;
        EXPECT_TRUE(bio[i - 1] == bio[i] || bio[i - 1] == bio[i] - 1) << t;
      }
    }
  }
}

TEST(NerSpansTest, FromBio) {
  std::vector<NerSpan> spans;
  // B-PER I-PER O I-LOC B-ORG B-ORG I-ORG I-MISC
  NerTagger::Spans({kBPer, kIPer, kO, kILoc, kBOrg, kBOrg, kIOrg, kIMisc}, &spans);
  ASSERT_EQ(spans.size(), 5u);
  EXPECT_EQ(spans[0].begin, 0);
  EXPECT_EQ(spans[0].end, 2);
  EXPECT_EQ(spans[0].type, NerType::kPer);
  EXPECT_EQ(spans[1].begin, 3);  // a stray I-LOC starts a mention
  EXPECT_EQ(spans[1].type, NerType::kLoc);
  EXPECT_EQ(spans[2].end, 5);
  EXPECT_EQ(spans[3].begin, 5);
  EXPECT_EQ(spans[3].end, 7);
  EXPECT_EQ(spans[4].type, NerType::kMisc);
  EXPECT_EQ(NerTagger::TagFromName("I-MISC"), kIMisc);
  EXPECT_STREQ(NerTagger::TagName(kBLoc), "B-LOC");
}

// ---- word analysis ----

TEST(WordAnalysisTest, PossessiveShapeAndQuotes) {
  std::string scratch;
  WordInfo plain, poss, curly, upper;
  AnalyzeWord("Syria", &scratch, &plain);
  AnalyzeWord("Syria's", &scratch, &poss);
  AnalyzeWord("Syria\xE2\x80\x99s", &scratch, &curly);
  AnalyzeWord("SYRIA", &scratch, &upper);
  EXPECT_EQ(plain.word, poss.word);
  EXPECT_EQ(plain.lower, poss.lower);
  EXPECT_EQ(poss.lower, curly.lower);
  EXPECT_EQ(plain.lower, upper.lower);
  EXPECT_NE(plain.word, upper.word);
  EXPECT_TRUE(poss.flags & kPossessive);
  EXPECT_FALSE(plain.flags & kPossessive);
  EXPECT_TRUE(plain.flags & kInitCap);
  EXPECT_TRUE(upper.flags & kAllCaps);
  WordInfo xxxx, a, b;
  AnalyzeWord("Damascus", &scratch, &xxxx);
  AnalyzeWord("Syria", &scratch, &a);
  EXPECT_EQ(xxxx.shape, a.shape);  // "Xxxx": runs cut at four
  AnalyzeWord("'s", &scratch, &b);  // a split-off possessive stays itself
  EXPECT_FALSE(b.flags & kPossessive);
  WordInfo d1, d2;
  AnalyzeWord("1996", &scratch, &d1);
  AnalyzeWord("2024", &scratch, &d2);
  EXPECT_EQ(d1.lower, d2.lower);  // digits as 0
  EXPECT_TRUE(d1.flags & kAllDigits);
  WordInfo accented, accented_upper;
  AnalyzeWord("\xC3\x89mile", &scratch, &accented);  // Émile
  AnalyzeWord("\xC3\xA9mile", &scratch, &accented_upper);
  EXPECT_TRUE(accented.flags & kInitCap);
  EXPECT_EQ(accented.lower, accented_upper.lower);
}

// ---- model files ----

PerceptronModel TinyModel() {
  PerceptronTrainer trainer(3);
  const uint64_t a[] = {FeatureKey(1, 10), FeatureKey(2, 20)};
  const uint64_t b[] = {FeatureKey(1, 11), FeatureKey(2, 20)};
  for (int i = 0; i < 20; ++i) {
    float scores[3] = {};
    trainer.weights().AddScores(a, 2, scores);
    trainer.Update(a, 2, 0, BestClass(scores, 3));
    float scores_b[3] = {};
    trainer.weights().AddScores(b, 2, scores_b);
    trainer.Update(b, 2, 2, BestClass(scores_b, 3));
  }
  return PerceptronModel("test", 7, {"A", "B", "C"}, trainer.Averaged(0));
}

TEST(PerceptronTest, LearnsAndRoundTrips) {
  PerceptronModel m = TinyModel();
  const uint64_t a[] = {FeatureKey(1, 10), FeatureKey(2, 20)};
  const uint64_t b[] = {FeatureKey(1, 11), FeatureKey(2, 20)};
  float sa[3] = {}, sb[3] = {};
  m.weights().AddScores(a, 2, sa);
  m.weights().AddScores(b, 2, sb);
  EXPECT_EQ(BestClass(sa, 3), 0);
  EXPECT_EQ(BestClass(sb, 3), 2);

  testing::TempDir dir;
  const std::string path = dir.File("tiny.model");
  ASSERT_OK(m.Save(path, {"made by tagger_test", "second line\nwith a newline"}));
  auto loaded = PerceptronModel::Load(path, "test", 7);
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->classes(), m.classes());
  EXPECT_EQ(loaded->comments().size(), 2u);
  EXPECT_EQ(loaded->comments()[0], "made by tagger_test");
  EXPECT_EQ(loaded->weights().size(), m.weights().size());
  for (uint64_t key : {FeatureKey(1, 10), FeatureKey(1, 11), FeatureKey(2, 20)}) {
    int64_t r1 = m.weights().Find(key), r2 = loaded->weights().Find(key);
    ASSERT_GE(r1, 0);
    ASSERT_GE(r2, 0);
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(m.weights().Row(r1)[c], loaded->weights().Row(r2)[c], 1e-3);  // 16-bit quantisation
  }
  EXPECT_EQ(loaded->weights().Find(FeatureKey(3, 1)), -1);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(PerceptronTest, CountingPrunesRareFeatures) {
  PerceptronTrainer trainer(2);
  const uint64_t common = FeatureKey(1, 1), rare = FeatureKey(1, 2);
  for (int i = 0; i < 3; ++i) trainer.Count(&common, 1);
  trainer.Count(&rare, 1);
  EXPECT_EQ(trainer.Freeze(2), 1u);
  const uint64_t both[] = {common, rare};
  trainer.Update(both, 2, 1, 0);
  WeightTable w = trainer.Averaged(0);
  EXPECT_GE(w.Find(common), 0);
  EXPECT_EQ(w.Find(rare), -1);
}

TEST(PerceptronTest, TrainPosTaggerOnTinyCorpus) {
  // Determiner-noun-verb sentences the team wrote; enough to check Train, Save and Load agree.
  std::vector<PosSentence> train;
  auto add = [&](std::vector<std::string> w, std::vector<Upos> t) {
    PosSentence s;
    s.words = std::move(w);
    for (Upos u : t) s.tags.push_back(static_cast<uint8_t>(u));
    train.push_back(std::move(s));
  };
  add({"the", "army", "attacked"}, {Upos::kDet, Upos::kNoun, Upos::kVerb});
  add({"a", "minister", "resigned"}, {Upos::kDet, Upos::kNoun, Upos::kVerb});
  add({"the", "envoy", "arrived"}, {Upos::kDet, Upos::kNoun, Upos::kVerb});
  TrainOptions o;
  o.epochs = 5;
  o.min_count = 1;
  int epochs_seen = 0;
  auto tagger = PosTagger::Train(train, o, [&](int, double, const PosTagger&) { ++epochs_seen; });
  EXPECT_EQ(epochs_seen, 5);
  std::vector<uint8_t> tags;
  tagger->Tag({"the", "army", "arrived"}, &tags);
  EXPECT_EQ(tags, (std::vector<uint8_t>{static_cast<uint8_t>(Upos::kDet), static_cast<uint8_t>(Upos::kNoun),
                                        static_cast<uint8_t>(Upos::kVerb)}));
  testing::TempDir dir;
  ASSERT_OK(tagger->Save(dir.File("pos.model"), {"test"}));
  auto loaded = PosTagger::Load(dir.File("pos.model"));
  ASSERT_OK(loaded);
  std::vector<uint8_t> again;
  (*loaded)->Tag({"the", "army", "arrived"}, &again);
  EXPECT_EQ(again, tags);
}

TEST(PerceptronTest, MissingModel) {
  auto r = PosTagger::Load("/nonexistent/dir/pos.model");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find("/nonexistent/dir/pos.model"), std::string::npos);
  auto n = NerTagger::Load("/nonexistent/dir/ner.model", kLexicon);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kIOError);
}

TEST(PerceptronTest, MalformedModels) {
  testing::TempDir dir;
  struct Case {
    std::string name;
    std::string content;
  };
  const std::string valid = [&] {
    EXPECT_OK(TinyModel().Save(dir.File("valid.model"), {"x"}));
    return testing::ReadFile(dir.File("valid.model"));
  }();
  std::string flipped = valid;
  flipped[flipped.size() - 12] ^= 0x55;  // inside the weights: the checksum no longer matches
  const std::vector<Case> cases = {
      {"empty", ""},
      {"text", "hello world\n"},
      {"header-only", "AGPERCEPTRON 1\nkind test\n"},
      {"truncated", valid.substr(0, valid.size() - 5)},
      {"flipped", flipped},
      {"bad-classes", "AGPERCEPTRON 1\nkind test\nfeature-version 7\nclasses 0\nfeatures 0\nscale 1\ndata\n"},
      {"unknown-line", "AGPERCEPTRON 1\nkind test\nflavour sweet\ndata\n"},
  };
  for (const Case& c : cases) {
    const std::string path = dir.Write(c.name + ".model", c.content);
    auto r = PerceptronModel::Load(path, "test", 7);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << c.name << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find(path), std::string::npos) << c.name;
  }
  // Every truncation of a valid file is refused, and no damaged byte makes the reader misbehave.
  for (size_t n = 0; n < valid.size(); ++n) {
    const std::string path = dir.Write("cut.model", valid.substr(0, n));
    EXPECT_FALSE(PerceptronModel::Load(path, "test", 7).ok()) << n;
  }
  for (size_t i = 0; i < valid.size(); ++i) {
    std::string damaged = valid;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xA5);
    (void)PerceptronModel::Load(dir.Write("damaged.model", damaged), "test", 7);
  }
  // The right file for the wrong tagger, and a model of another feature version.
  auto wrong_kind = PosTagger::Load(kModels + "ner-conll.model");
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_EQ(wrong_kind.status().code(), StatusCode::kCorruption);
  auto version = PerceptronModel::Load(dir.File("valid.model"), "test", 8);
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), StatusCode::kVersionMismatch);
  EXPECT_NE(version.status().message().find("train_tagger"), std::string::npos);
}

TEST(NerGazetteerTest, LoadsAndMatches) {
  auto g = NerGazetteer::Load(kLexicon);
  ASSERT_OK(g);
  EXPECT_GT((*g)->size(), 500u);  // the team's lists plus ICU's countries, regions and cities
  std::vector<std::string_view> words = Words("He flew from Buenos Aires to Saudi Arabia today.");
  std::vector<WordInfo> info(words.size());
  std::string scratch;
  for (size_t i = 0; i < words.size(); ++i) AnalyzeWord(words[i], &scratch, &info[i]);
  std::vector<uint64_t> marks(words.size());
  (*g)->Match(info.data(), static_cast<int>(info.size()), marks.data());
  auto bit = [](NerGazetteer::Category c, int part) { return uint64_t{1} << (3 * c + part); };
  EXPECT_TRUE(marks[3] & bit(NerGazetteer::kCity, 0));  // Buenos: begins
  EXPECT_TRUE(marks[4] & bit(NerGazetteer::kCity, 2));  // Aires: ends
  EXPECT_TRUE(marks[6] & bit(NerGazetteer::kCountry, 0));  // Saudi
  EXPECT_FALSE(marks[6] & bit(NerGazetteer::kCountry, 2));
  EXPECT_TRUE(marks[7] & bit(NerGazetteer::kCountry, 2));  // Arabia
  EXPECT_FALSE(marks[8] & bit(NerGazetteer::kCountry, 1));
  EXPECT_FALSE(marks[0] & bit(NerGazetteer::kCountry, 0));
}

TEST(NerGazetteerTest, BadLexicon) {
  testing::TempDir dir;
  auto missing = NerGazetteer::Load(dir.path());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
  EXPECT_NE(missing.status().message().find("first_names.txt"), std::string::npos);
  for (const char* f : {"first_names.txt", "titles.txt", "org_words.txt", "not_names.txt", "countries.tsv",
                        "places.tsv"})
    std::filesystem::copy_file(kLexicon + "/" + f, dir.File(f));
  dir.Write("nationalities.tsv", "# demonym\tcountry\nSyrian\tSyria\nno tab on this line\n");
  auto bad = NerGazetteer::Load(dir.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kParseError);
  EXPECT_NE(bad.status().message().find("nationalities.tsv:3"), std::string::npos) << bad.status().ToString();
}

}  // namespace
}  // namespace ag::extract
