// Shared by the tagger tests (tagger_test.cc, ner_tagger_test.cc): where the committed models and lexicon
// are, the ICU tokens of a text, and a fixture that loads the POS and mention taggers once per test suite.
#ifndef AG_TESTS_EXTRACT_TAGGER_FIXTURE_H_
#define AG_TESTS_EXTRACT_TAGGER_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/ner_tagger.h"
#include "extract/pos_tagger.h"
#include "text/segment.h"

namespace ag::testing {

inline const std::string kModels = std::string(AG_SOURCE_DIR) + "/data/models/";
inline const std::string kLexicon = std::string(AG_SOURCE_DIR) + "/data/lexicon";

// The ICU tokens of a text.
inline std::vector<std::string_view> Words(std::string_view text) {
  text::Segmentation seg = text::Segment(text);
  std::vector<std::string_view> out;
  for (const text::Token& t : seg.tokens) out.push_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

// pos_ and ner_: the committed models (data/models/pos-ewt.model, ner-conll.model), loaded once per suite.
class TaggerModelsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto pos = extract::PosTagger::Load(kModels + "pos-ewt.model");
    ASSERT_TRUE(pos.ok()) << pos.status().ToString();
    pos_ = std::move(pos).value().release();
    auto ner = extract::NerTagger::Load(kModels + "ner-conll.model", kLexicon);
    ASSERT_TRUE(ner.ok()) << ner.status().ToString();
    ner_ = std::move(ner).value().release();
  }
  static void TearDownTestSuite() {
    delete pos_;
    delete ner_;
    pos_ = nullptr;
    ner_ = nullptr;
  }

  inline static extract::PosTagger* pos_ = nullptr;
  inline static extract::NerTagger* ner_ = nullptr;
};

}  // namespace ag::testing

#endif  // AG_TESTS_EXTRACT_TAGGER_FIXTURE_H_
