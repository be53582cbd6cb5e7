// Tests of the dependency parser (src/extract/dep_parser.h): training, saving and loading a tiny model;
// projectivisation; every way a model file can be missing or damaged; and, when the EWT model has been
// trained into data/models/ (it is not shipped: extraction does not use the parser, docs/evaluation.md),
// that model on sentences the team wrote (clear cases only: subject, object, passive subject and agent,
// coordination, possessive), tokens and tags as the pipeline makes them, and well-formed trees on any input.
#include "extract/dep_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extract/pos_tagger.h"
#include "test_util.h"
#include "text/segment.h"

namespace ag::extract {
namespace {

const std::string kModels = std::string(AG_SOURCE_DIR) + "/data/models/";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// Checks that `tree` is a tree over n words: heads in range, exactly one root, no cycle, and relations in
// range with `root` exactly on the root.
void ExpectWellFormed(const DepTree& tree, size_t n) {
  ASSERT_EQ(tree.heads.size(), n);
  ASSERT_EQ(tree.rels.size(), n);
  int roots = 0;
  for (size_t i = 0; i < n; ++i) {
    const int h = tree.heads[i];
    ASSERT_GE(h, -1);
    ASSERT_LT(h, static_cast<int>(n));
    ASSERT_NE(h, static_cast<int>(i));
    ASSERT_LT(tree.rels[i], DepParser::kNumRels);
    EXPECT_EQ(h < 0, tree.rels[i] == static_cast<uint8_t>(DepRel::kRoot)) << "word " << i;
    roots += h < 0;
    int steps = 0;
    for (int k = static_cast<int>(i); k >= 0; k = tree.heads[k])
      ASSERT_LE(++steps, static_cast<int>(n)) << "cycle";
  }
  EXPECT_EQ(roots, n ? 1 : 0);
}

class DepParserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kModels + "dep-ewt.model")) return;  // not trained here
    auto pos = PosTagger::Load(kModels + "pos-ewt.model");
    ASSERT_TRUE(pos.ok()) << pos.status().ToString();
    pos_ = std::move(pos).value().release();
    auto dep = DepParser::Load(kModels + "dep-ewt.model");
    ASSERT_TRUE(dep.ok()) << dep.status().ToString();
    dep_ = std::move(dep).value().release();
  }
  void SetUp() override {
    if (dep_ == nullptr) GTEST_SKIP() << "data/models/dep-ewt.model is not trained (docs/evaluation.md)";
  }
  static void TearDownTestSuite() {
    delete pos_;
    delete dep_;
  }

  // A sentence segmented, tagged and parsed as the pipeline would.
  struct Parsed {
    std::string text;
    std::vector<std::string_view> words;
    std::vector<uint8_t> tags;
    DepTree tree;

    int Find(std::string_view w) const {
      for (size_t i = 0; i < words.size(); ++i)
        if (words[i] == w) return static_cast<int>(i);
      ADD_FAILURE() << "no word \"" << w << "\" in: " << text;
      return -1;
    }
    // "rel(head)" of word `w`, e.g. "nsubj(signed)", "root(-)".
    std::string Arc(std::string_view w) const {
      int i = Find(w);
      if (i < 0) return "?";
      const int h = tree.heads[i];
      return std::string(DepParser::RelName(tree.rels[i])) + "(" +
             (h < 0 ? std::string("-") : std::string(words[h])) + ")";
    }
    std::string Dump() const {
      std::string out;
      for (size_t i = 0; i < words.size(); ++i)
        out += std::string(words[i]) + "/" + PosTagger::TagName(tags[i]) + " -> " + Arc(words[i]) + "\n";
      return out;
    }
  };

  static std::unique_ptr<Parsed> Parse(const std::string& text) {
    auto p = std::make_unique<Parsed>();
    p->text = text;
    text::Segmentation seg = text::Segment(p->text);
    for (const text::Token& t : seg.tokens)
      p->words.push_back(std::string_view(p->text).substr(t.begin, t.end - t.begin));
    pos_->Tag(p->words, &p->tags);
    dep_->Parse(p->words, p->tags, &p->tree);
    ExpectWellFormed(p->tree, p->words.size());
    return p;
  }

  static PosTagger* pos_;
  static DepParser* dep_;
};

PosTagger* DepParserTest::pos_ = nullptr;
DepParser* DepParserTest::dep_ = nullptr;

TEST_F(DepParserTest, SubjectAndObject) {
  auto p = Parse("Russia attacked Ukraine on Tuesday.");
  EXPECT_EQ(p->Arc("attacked"), "root(-)") << p->Dump();
  EXPECT_EQ(p->Arc("Russia"), "nsubj(attacked)") << p->Dump();
  EXPECT_EQ(p->Arc("Ukraine"), "obj(attacked)") << p->Dump();
  EXPECT_EQ(p->Arc("Tuesday"), "obl(attacked)") << p->Dump();
  EXPECT_EQ(p->Arc("on"), "case(Tuesday)") << p->Dump();
}

TEST_F(DepParserTest, PassiveSubjectAndAgent) {
  auto p = Parse("The minister was arrested by the police.");
  EXPECT_EQ(p->Arc("minister"), "nsubj:pass(arrested)") << p->Dump();
  EXPECT_EQ(p->Arc("was"), "aux:pass(arrested)") << p->Dump();
  EXPECT_EQ(p->Arc("police"), "obl:agent(arrested)") << p->Dump();
  EXPECT_EQ(p->Arc("The"), "det(minister)") << p->Dump();
}

TEST_F(DepParserTest, Coordination) {
  auto p = Parse("France and Germany signed the new treaty.");
  EXPECT_EQ(p->Arc("France"), "nsubj(signed)") << p->Dump();
  EXPECT_EQ(p->Arc("Germany"), "conj(France)") << p->Dump();
  EXPECT_EQ(p->Arc("and"), "cc(Germany)") << p->Dump();
  EXPECT_EQ(p->Arc("treaty"), "obj(signed)") << p->Dump();
  EXPECT_EQ(p->Arc("new"), "amod(treaty)") << p->Dump();
}

TEST_F(DepParserTest, AuxiliaryCopulaAndMarker) {
  auto p = Parse("He said that the talks had been useful.");
  EXPECT_EQ(p->Arc("He"), "nsubj(said)") << p->Dump();
  EXPECT_EQ(p->Arc("useful"), "ccomp(said)") << p->Dump();
  EXPECT_EQ(p->Arc("that"), "mark(useful)") << p->Dump();
  EXPECT_EQ(p->Arc("talks"), "nsubj(useful)") << p->Dump();
  EXPECT_EQ(p->Arc("had"), "aux(useful)") << p->Dump();
  EXPECT_EQ(p->Arc("been"), "cop(useful)") << p->Dump();
}

TEST_F(DepParserTest, PossessiveAttachedAsIcuCutsIt) {
  auto p = Parse("Syria's president met the rebels.");
  EXPECT_EQ(p->Arc("Syria's"), "nmod:poss(president)") << p->Dump();
  EXPECT_EQ(p->Arc("president"), "nsubj(met)") << p->Dump();
  EXPECT_EQ(p->Arc("rebels"), "obj(met)") << p->Dump();
  p = Parse("The minister's aide was fired.");
  EXPECT_EQ(p->Arc("minister's"), "nmod:poss(aide)") << p->Dump();
  EXPECT_EQ(p->Arc("aide"), "nsubj:pass(fired)") << p->Dump();
}

// Apposition after an object. (Before the verb, "The minister, a former lawyer, resigned", the greedy
// parser still goes wrong: see docs/evaluation.md.)
TEST_F(DepParserTest, ApposedObject) {
  // "in Moscow" may modify either "met" or "Putin": not checked.
  auto p = Parse("He met Vladimir Putin, the Russian president, in Moscow.");
  EXPECT_EQ(p->Arc("Vladimir"), "obj(met)") << p->Dump();
  EXPECT_EQ(p->Arc("Putin"), "flat(Vladimir)") << p->Dump();
  EXPECT_EQ(p->Arc("president"), "appos(Vladimir)") << p->Dump();
}

TEST(DepParserNames, Relations) {
  EXPECT_STREQ(DepParser::RelName(static_cast<uint8_t>(DepRel::kNsubjPass)), "nsubj:pass");
  EXPECT_STREQ(DepParser::RelName(static_cast<uint8_t>(DepRel::kDep)), "dep");
  EXPECT_STREQ(DepParser::RelName(DepParser::kNumRels), "?");
  EXPECT_EQ(DepParser::RelFromName("obj"), static_cast<int>(DepRel::kObj));
  EXPECT_EQ(DepParser::RelFromName("nsubj:pass"), static_cast<int>(DepRel::kNsubjPass));
  EXPECT_EQ(DepParser::RelFromName("obl:tmod"), static_cast<int>(DepRel::kObl));
  EXPECT_EQ(DepParser::RelFromName("nmod:unmarked"), static_cast<int>(DepRel::kNmod));
  EXPECT_EQ(DepParser::RelFromName("frobnicate"), -1);
  EXPECT_EQ(DepParser::RelFromName("_"), -1);
  for (int r = 0; r < DepParser::kNumRels; ++r) EXPECT_EQ(DepParser::RelFromName(DepParser::RelName(r)), r);
}

TEST(DepParserProjectivize, LiftsCrossingArcs) {
  std::vector<int> proj = {1, -1, 1};  // a <- b -> c
  EXPECT_EQ(Projectivize(&proj), 0);
  EXPECT_EQ(proj, (std::vector<int>{1, -1, 1}));
  std::vector<int> h = {-1, 3, 0,
                        0};  // 0 -> 2 and 0 -> 3 -> 1: the arc 3 -> 1 spans 2, which 3 does not dominate
  EXPECT_EQ(Projectivize(&h), 1);
  EXPECT_EQ(h, (std::vector<int>{-1, 0, 0, 0}));
}

// A parser trained on a few hand-made sentences: training, saving and loading keep its parses.
DepSentence S(std::vector<std::string> words, std::vector<Upos> tags, std::vector<int> heads,
              std::vector<DepRel> rels) {
  DepSentence s;
  s.words = std::move(words);
  for (Upos t : tags) s.tags.push_back(static_cast<uint8_t>(t));
  s.tree.heads = std::move(heads);
  for (DepRel r : rels) s.tree.rels.push_back(static_cast<uint8_t>(r));
  return s;
}

std::vector<DepSentence> TinyData() {
  using U = Upos;
  using R = DepRel;
  return {
      S({"Russia", "attacked", "Ukraine", "."}, {U::kPropn, U::kVerb, U::kPropn, U::kPunct}, {1, -1, 1, 1},
        {R::kNsubj, R::kRoot, R::kObj, R::kPunct}),
      S({"The", "army", "left", "the", "city", "."},
        {U::kDet, U::kNoun, U::kVerb, U::kDet, U::kNoun, U::kPunct}, {1, 2, -1, 4, 2, 2},
        {R::kDet, R::kNsubj, R::kRoot, R::kDet, R::kObj, R::kPunct}),
      S({"He", "was", "arrested", "."}, {U::kPron, U::kAux, U::kVerb, U::kPunct}, {2, 2, -1, 2},
        {R::kNsubjPass, R::kAuxPass, R::kRoot, R::kPunct}),
  };
}

std::unique_ptr<DepParser> TrainTiny(const DepParser::EpochCallback& on_epoch = nullptr) {
  DepTrainOptions o;
  o.epochs = 30;
  o.min_count = 1;
  o.explore_from_epoch = 31;  // the static oracle: three sentences are too few to explore from
  return DepParser::Train(TinyData(), o, on_epoch);
}

TEST(TinyModelTest, TrainSaveLoad) {
  int epochs_seen = 0;
  auto parser = TrainTiny([&](int, double, const DepParser&) { ++epochs_seen; });
  EXPECT_EQ(epochs_seen, 30);
  ::ag::testing::TempDir dir;
  const std::string path = dir.File("tiny.model");
  ASSERT_OK(parser->Save(path, {"a tiny test model", "second comment"}));
  auto loaded = DepParser::Load(path);
  ASSERT_OK(loaded);
  EXPECT_EQ((*loaded)->comments(), (std::vector<std::string>{"a tiny test model", "second comment"}));
  size_t words_total = 0, heads_right = 0;
  for (const DepSentence& s : TinyData()) {
    std::vector<std::string_view> words(s.words.begin(), s.words.end());
    DepTree a, b;
    parser->Parse(words, s.tags, &a);
    (*loaded)->Parse(words, s.tags, &b);
    ExpectWellFormed(a, words.size());
    EXPECT_EQ(a.heads, b.heads);
    EXPECT_EQ(a.rels, b.rels);
    for (size_t i = 0; i < words.size(); ++i) heads_right += a.heads[i] == s.tree.heads[i];
    words_total += words.size();
  }
  // It learnt its own training data (the averaged, 8-bit weights need not fit every word of it).
  EXPECT_GE(heads_right * 10, words_total * 8) << heads_right << " of " << words_total;
}

// The mean of a parser with itself has its weights, so it parses as it does; that of two parsers trained
// on other shuffles has the features of both.
TEST(TinyModelTest, Average) {
  auto one = TrainTiny();
  auto same = DepParser::Average({one.get(), one.get()});
  DepTrainOptions o;
  o.epochs = 30;
  o.min_count = 1;
  o.explore_from_epoch = 31;
  o.seed = 7;
  auto other = DepParser::Train(TinyData(), o, nullptr);
  auto mean = DepParser::Average({one.get(), other.get()});
  EXPECT_GE(mean->transitions().weights().size(), one->transitions().weights().size());
  for (const DepSentence& s : TinyData()) {
    std::vector<std::string_view> words(s.words.begin(), s.words.end());
    DepTree a, b, c;
    one->Parse(words, s.tags, &a);
    same->Parse(words, s.tags, &b);
    mean->Parse(words, s.tags, &c);
    EXPECT_EQ(a.heads, b.heads);
    EXPECT_EQ(a.rels, b.rels);
    ExpectWellFormed(c, words.size());
  }
}

// Well-formed trees on any input, from a model trained on three sentences.
TEST(TinyModelTest, AnyInputGivesATree) {
  auto dep = TrainTiny();
  DepTree tree;
  dep->Parse({}, {}, &tree);
  EXPECT_TRUE(tree.heads.empty());
  EXPECT_TRUE(tree.rels.empty());
  // One word; tags missing or out of range; punctuation only; a long run-on sentence.
  dep->Parse({"Hello"}, {}, &tree);
  ExpectWellFormed(tree, 1);
  dep->Parse({"a", "b", "c"}, {200, 1}, &tree);
  ExpectWellFormed(tree, 3);
  std::vector<std::string_view> punct(50, ",");
  std::vector<uint8_t> punct_tags(50, static_cast<uint8_t>(Upos::kPunct));
  dep->Parse(punct, punct_tags, &tree);
  ExpectWellFormed(tree, punct.size());
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
  for (int i = 0; i < 3000; ++i) {
    words.push_back(i % 7 == 6 ? "and" : i % 2 ? "talks" : "the");
    tags.push_back(static_cast<uint8_t>(i % 7 == 6 ? Upos::kCconj : i % 2 ? Upos::kNoun : Upos::kDet));
  }
  dep->Parse(words, tags, &tree);
  ExpectWellFormed(tree, words.size());
}

// ---- damaged model files ----

class DepModelFileTest : public ::testing::Test {
 protected:
  // A model file of the shipped format: the tiny parser, saved with a header comment.
  void SetUp() override {
    const std::string path = dir_.File("tiny.model");
    ASSERT_OK(TrainTiny()->Save(path, {"trained by dep_parser_test; licence CC BY-SA 4.0"}));
    model_ = ReadAll(path);
  }
  Status LoadContent(const std::string& content) {
    const std::string path = dir_.File("dep.model");
    WriteAll(path, content);
    auto r = DepParser::Load(path);
    return r.ok() ? Status::OK() : r.status();
  }
  ::ag::testing::TempDir dir_;
  std::string model_;
};

TEST_F(DepModelFileTest, Missing) {
  auto r = DepParser::Load(dir_.File("no-such.model"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find("no-such.model"), std::string::npos);
}

TEST_F(DepModelFileTest, NotAModel) {
  for (const std::string& content :
       {std::string(), std::string("hello\n"), ReadAll(kModels + "pos-ewt.model")}) {
    Status s = LoadContent(content);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
    EXPECT_NE(s.message().find("dep.model"), std::string::npos) << s.ToString();
  }
}

TEST_F(DepModelFileTest, Truncated) {
  ASSERT_GT(model_.size(), 1000u);
  for (size_t keep :
       {size_t{20}, model_.size() / 3, model_.size() / 2, model_.size() - 9, model_.size() - 1}) {
    Status s = LoadContent(model_.substr(0, keep));
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << keep << ": " << s.ToString();
  }
  Status s = LoadContent(model_ + "x");
  EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
}

TEST_F(DepModelFileTest, DamagedWeights) {
  std::string bad = model_;
  bad[bad.size() * 3 / 4] ^= 0x55;  // inside the transition weights or the labels: the checksum catches it
  Status s = LoadContent(bad);
  EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
}

TEST_F(DepModelFileTest, OtherFeatureVersion) {
  std::string bad = model_;
  const std::string v = "feature-version " + std::to_string(DepParser::kFeatureVersion) + "\n";
  size_t at = bad.find(v);
  ASSERT_NE(at, std::string::npos);
  bad[at + v.size() - 2] = '9';
  Status s = LoadContent(bad);
  EXPECT_EQ(s.code(), StatusCode::kVersionMismatch) << s.ToString();
}

TEST_F(DepModelFileTest, HeaderCarriesLicence) {
  if (!std::filesystem::exists(kModels + "dep-ewt.model"))
    GTEST_SKIP() << "data/models/dep-ewt.model is not trained (docs/evaluation.md)";
  auto r = DepParser::Load(kModels + "dep-ewt.model");
  ASSERT_OK(r);
  bool licence = false;
  for (const std::string& c : (*r)->comments()) licence |= c.find("CC BY-SA 4.0") != std::string::npos;
  EXPECT_TRUE(licence);
}

}  // namespace
}  // namespace ag::extract
