// CAMEO verb dictionary tests: the PETRARCH-format loader on small dictionaries the team wrote (synsets,
// blocks, irregular forms, multi-word verbs, patterns with an object noun, a particle and a preposition;
// errors with file:line), the pattern matcher, and the extractor coding relations on sentences the team
// wrote with the shipped dictionary (CAMEO code and PLOVER event) and with a user's --verbs file.
#include "extract/cameo.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "actorgraph/extract.h"
#include "test_util.h"

namespace ag {
namespace {

const char kSmallDictionary[] = R"(# A small verb dictionary in PETRARCH format.
&ENVOY
+ENVOY
+AMBASSADOR
+PEACE_ENVOY

&TALKS_
+TALKS
+NEGOTIATIONS

--- GREET [040] ---
GREET
WELCOME  [051]  # its own code
- * (FOR &TALKS)                      [046]         # GREET
- * &ENVOY                            [042]         # GREET
- * {WARM WELCOME}                    [051]         # GREET
- * RUN-OFF                           [---]         # GREET

--- SHUN [125] ---
SHUN {SHUNS SHUNNED SHUNNING}
+FREEZE_OUT {+FREEZES_OUT +FROZE_OUT +FREEZING_OUT}  [126]
- * PROPOSAL (FROM)                   [1241:1241]   # SHUN
- RIVALS *                            [:110]        # SHUN
)";

std::string WriteFile(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.path() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

class CameoDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(dict_.LoadPlover(std::string(AG_SOURCE_DIR) + "/data/lexicon/cameo_plover.tsv"));
    ASSERT_OK(dict_.LoadPetrarch(WriteFile(dir_, "verbs.txt", kSmallDictionary)));
  }
  // Codes the first word of `sentence` that the dictionary lists ("" when none).
  std::string Code(const std::string& sentence, std::string* plover = nullptr) {
    std::vector<std::string> words;
    std::string w;
    for (char c : sentence + " ") {
      if (c == ' ' || c == ',' || c == '.') {
        if (!w.empty()) words.push_back(w);
        w.clear();
        if (c != ' ') words.push_back("");
      } else {
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    auto word = [&](int i) -> std::string_view { return words[i]; };
    for (size_t v = 0; v < words.size(); ++v) {
      extract::CameoMatch m;
      if (dict_.Code(word, 0, static_cast<int>(words.size()), static_cast<int>(v), "", &m)) {
        if (plover != nullptr) *plover = m.plover;
        return m.code;
      }
    }
    return "none";
  }

  testing::TempDir dir_;
  extract::CameoDictionary dict_;
};

TEST_F(CameoDictionaryTest, VerbAloneTakesItsBlockOrOwnCode) {
  std::string plover;
  EXPECT_EQ(Code("the mayor greets the crowd", &plover), "040");
  EXPECT_EQ(plover, "CONSULT");
  EXPECT_EQ(Code("the mayor welcomed the crowd"), "051");  // the verb's own code
  EXPECT_EQ(Code("they shunned the mayor", &plover), "125");
  EXPECT_EQ(plover, "REJECT");
  EXPECT_EQ(Code("nobody shuns anyone"), "125");  // an irregular form listed in {...}
  EXPECT_EQ(Code("the mayor slept"), "none");
}

TEST_F(CameoDictionaryTest, ObjectNounAndSynset) {
  EXPECT_EQ(Code("the mayor greeted the new ambassador"), "042");
  EXPECT_EQ(Code("the mayor greeted two envoys"), "042");                       // a synset noun's plural
  EXPECT_EQ(Code("the mayor greeted the peace envoy"), "042");                  // a synset phrase
  EXPECT_EQ(Code("they greeted him with a warm and generous welcome"), "040");  // not the head
  EXPECT_EQ(Code("they greeted the warm welcome"), "051");
  EXPECT_EQ(Code("the mayor greeted the run-off"), "");  // "[---]": the pattern codes no event
}

TEST_F(CameoDictionaryTest, PrepositionPhrase) {
  EXPECT_EQ(Code("the mayor greeted the delegates for talks"), "046");
  EXPECT_EQ(Code("the mayor greeted the delegates for negotiations"), "046");
  EXPECT_EQ(Code("the mayor greeted the delegates for lunch"), "040");
  // A preposition after the clause ends does not count.
  EXPECT_EQ(Code("the mayor greeted the delegates, who came for talks"), "040");
  EXPECT_EQ(Code("the council shunned the proposal from the mayor"), "1241");
  EXPECT_EQ(Code("the council shunned the proposal"), "125");
}

TEST_F(CameoDictionaryTest, ParticleAndNounBeforeTheVerb) {
  std::string plover;
  EXPECT_EQ(Code("the council froze out the mayor", &plover), "126");
  EXPECT_EQ(plover, "REJECT");
  EXPECT_EQ(Code("the council freezes out the mayor"), "126");
  // "[:110]" codes only the passive voice: the active reads no event.
  EXPECT_EQ(Code("the rivals shunned each other"), "");
}

TEST(CameoLoaderTest, MalformedLinesNameFileAndLine) {
  testing::TempDir dir;
  struct Case {
    std::string text;
    int line;
    std::string what;
  } cases[] = {
      {"--- MEET [040] ---\nMEET\n- * (WITH LEADERS [036]\n", 3, "unbalanced '('"},
      {"--- MEET [040] ---\nMEET\n- * (WITH LEADERS)\n", 3, "without a [code]"},
      {"--- MEET [040] ---\nMEET\n- (WITH LEADERS) [036]\n", 3, "without '*'"},
      {"# no verb yet\n- * LEADERS [036]\n", 2, "pattern before any verb"},
      {"--- MEET [040] ---\nMEET {MEETS MET\n", 2, "'{' without '}'"},
      {"--- MEET [04x] ---\n", 1, "bad CAMEO code"},
      {"--- MEET [040] ---\nMEET WITH LEADERS\n", 2, "expected a verb"},
  };
  for (const Case& c : cases) {
    extract::CameoDictionary dict;
    std::string path = WriteFile(dir, "bad.txt", c.text);
    Status st = dict.LoadPetrarch(path);
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_EQ(st.code(), StatusCode::kParseError);
    EXPECT_NE(st.message().find(path + ":" + std::to_string(c.line) + ":"), std::string::npos)
        << st.message();
    EXPECT_NE(st.message().find(c.what), std::string::npos) << st.message();
  }
  extract::CameoDictionary dict;
  EXPECT_EQ(dict.LoadPetrarch(dir.path() + "/missing.txt").code(), StatusCode::kIOError);
}

TEST(CameoLoaderTest, ShippedDictionaryLoads) {
  extract::CameoDictionary dict;
  ASSERT_OK(dict.LoadPlover(std::string(AG_SOURCE_DIR) + "/data/lexicon/cameo_plover.tsv"));
  ASSERT_OK(dict.LoadTsv(std::string(AG_SOURCE_DIR) + "/data/lexicon/cameo_verbs.tsv"));
  EXPECT_GT(dict.form_count(), 5000u);
  EXPECT_GT(dict.pattern_count(), 4000u);
}

// The extractor with the shipped dictionary: relations carry the CAMEO code and the PLOVER event.
class CameoExtractTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ExtractorOptions o;
    o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
    auto ex = Extractor::Create(o);
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    extractor_ = std::move(ex).value().release();
  }
  static void TearDownTestSuite() { delete extractor_; }

  static Extraction Run(const Extractor& ex, const std::string& text) {
    Document d;
    d.id = "t";
    d.text = text;
    auto x = ex.Extract(d);
    EXPECT_TRUE(x.ok()) << x.status().ToString();
    return x.ok() ? x.value() : Extraction();
  }
  static std::string NameOf(const Extraction& x, const std::string& id) {
    for (const Entity& e : x.entities)
      if (e.id == id) return e.name;
    return "?";
  }
  // "relation cameo event" of the relation source -> target, or a dump of all relations.
  static std::string Coded(const Extraction& x, const std::string& source, const std::string& target) {
    std::string all;
    for (const Relation& r : x.relations) {
      std::string s =
          r.relation + " " + (r.cameo.empty() ? "-" : r.cameo) + " " + (r.event.empty() ? "-" : r.event);
      if (NameOf(x, r.source) == source && NameOf(x, r.target) == target) return s;
      all += "[" + NameOf(x, r.source) + " " + s + " " + NameOf(x, r.target) + "] ";
    }
    return "none of " + all;
  }

  static Extractor* extractor_;
};
Extractor* CameoExtractTest::extractor_ = nullptr;

// The relation name and the PLOVER event are the team lexicon's (data/relations.json); the CAMEO code is
// the dictionary's, from the verb alone, its particle, its object noun or a preposition phrase after it.
TEST_F(CameoExtractTest, VerbsAndPhrasesCodedWithShippedDictionary) {
  struct Case {
    const char* text;
    const char* source;
    const char* target;
    const char* coded;  // "relation cameo event"
  } cases[] = {
      // the verb alone
      {"France accused Germany of spying on its ministers.", "France", "Germany", "accuse 112 DISAPPROVE"},
      {"Russia condemned Ukraine on Tuesday.", "Russia", "Ukraine", "condemn 111 DISAPPROVE"},
      {"Denmark praised Iceland.", "Denmark", "Iceland", "praise 051 SUPPORT"},
      {"Brazil threatened Argentina last week.", "Brazil", "Argentina", "threaten 130 THREATEN"},
      {"Kenya expelled Somalia's ambassador.", "Kenya", "Somalia", "expel 174 SANCTION"},
      {"Norway deported Lithuania's consul.", "Norway", "Lithuania", "deport 174 COERCE"},
      {"Serbia apologized to Croatia.", "Serbia", "Croatia", "apologize 055 CONCEDE"},
      {"Chile hosted Peru's president in Santiago.", "Chile", "Peru", "host 043 CONSULT"},
      {"Turkey invaded Cyprus in 1974.", "Turkey", "Cyprus", "invade 192 FIGHT"},
      {"Peru investigated Chile for spying.", "Peru", "Chile", "investigate 090 INVESTIGATE"},
      {"Cuba rejected the proposal from Spain.", "Cuba", "Spain", "reject 120 REJECT"},
      {"Egypt met Israel in Cairo.", "Egypt", "Israel", "meet 040 CONSULT"},
      // verb + particle
      {"Iran lashed out at Saudi Arabia.", "Iran", "Saudi Arabia", "criticise 111 DISAPPROVE"},
      {"Mexico called off talks with Guatemala.", "Mexico", "Guatemala", "call 160 CONSULT"},
      {"Poland pulled out of the treaty with Russia.", "Poland", "Russia", "pull 080 RETREAT"},
      // verb + object noun
      {"Canada imposed sanctions on Iran.", "Canada", "Iran", "sanction 163 SANCTION"},
      {"Canada imposed a curfew on Iran.", "Canada", "Iran", "impose 1723 SANCTION"},
      {"India signed a peace treaty with Pakistan.", "India", "Pakistan", "sign 057 AGREE"},
      {"India signed a trade treaty with Pakistan.", "India", "Pakistan", "sign 0311 AGREE"},
      // verb + preposition phrase
      {"Egypt met Israel for talks in Cairo.", "Egypt", "Israel", "meet 036 CONSULT"},
      {"Egypt met with Israel by telephone.", "Egypt", "Israel", "meet 041 CONSULT"},
  };
  for (const Case& c : cases) {
    Extraction x = Run(*extractor_, c.text);
    EXPECT_EQ(Coded(x, c.source, c.target), c.coded) << c.text;
  }
}

TEST_F(CameoExtractTest, JsonCarriesCameo) {
  Extraction x = Run(*extractor_, "France accused Germany of spying on its ministers.");
  std::string json = ExtractionToJson(x);
  EXPECT_NE(json.find("\"cameo\":\"112\""), std::string::npos) << json;
}

TEST_F(CameoExtractTest, UserDictionaryOverridesShippedVerbs) {
  testing::TempDir dir;
  std::string path = WriteFile(dir, "mine.txt", R"(# a user's own verbs
--- MEET [046] ---
MEET {MEETS MET MEETING}
- * (FOR TALKS)                [039]
--- SNUB [125] ---
SNUB {SNUBS SNUBBED SNUBBING}
)");
  ExtractorOptions o;
  o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  o.verbs_file = path;
  auto ex = Extractor::Create(o);
  ASSERT_OK(ex);
  Extraction x = Run(*ex.value(), "Egypt met Israel in Cairo.");
  EXPECT_NE(Coded(x, "Egypt", "Israel").find("meet 046 CONSULT"), std::string::npos)
      << Coded(x, "Egypt", "Israel");
  x = Run(*ex.value(), "Egypt met Israel for talks in Cairo.");
  EXPECT_NE(Coded(x, "Egypt", "Israel").find("meet 039 CONSULT"), std::string::npos)
      << Coded(x, "Egypt", "Israel");
  // A verb the shipped dictionary does not list takes the user's code (the event stays the team's: none).
  x = Run(*ex.value(), "Greece snubbed Turkey at the summit.");
  EXPECT_EQ(Coded(x, "Greece", "Turkey"), "snub 125 -");
  // Without the user's file the shipped codes hold.
  x = Run(*extractor_, "Egypt met Israel in Cairo.");
  EXPECT_EQ(Coded(x, "Egypt", "Israel"), "meet 040 CONSULT");
  // A malformed user file fails the extractor with its file and line.
  o.verbs_file = WriteFile(dir, "bad.txt", "--- MEET [046] ---\nMEET\n- * (FOR TALKS [039]\n");
  auto bad = Extractor::Create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(o.verbs_file + ":3:"), std::string::npos) << bad.status().ToString();
}

}  // namespace
}  // namespace ag
