// Tests of the CAMEO actor coding (src/extract/actor_codes.h): the PETRARCH actor format as the C++
// parser reads it (records, synonyms, inline and indented roles, dates, rejected lines with file:line),
// dated roles, the shipped Phoenix dictionary (a state, a capital, an IGO, agent nouns after a
// nationality), a user dictionary extending and overriding it, and the converter (tools/convert_phoenix.py)
// reading a dictionary to the same codes as the C++ parser. Names and sentences are the team's own.
#include "extract/actor_codes.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "actorgraph/extract.h"
#include "test_util.h"
#include "text/normalize.h"

namespace ag::extract {
namespace {

using ::ag::testing::TempDir;

// An invented country, its capital, a leader with dated roles, an opposition figure, an armed group, two
// codeless primaries sharing the roles that follow them, and an international body written TABARI-style.
constexpr char kFreedonia[] = R"(# Invented for the tests.
FREEDONIA_  [FRD]
+FREEDONIAN_
+ZELIGRAD_   # its capital
NADIA_FARES_  # a leader
+N._FARES
	[FRDELI 100101-150630]
	[FRDGOV >150701]
	[FRDELI]
OMAR_ZAKI_ [FRDOPP]
VALMORA_LIBERATION_FRONT_(VLF)
+VLF_FIGHTERS
	[FRDREB >20120101]
CODELESS_ONE
CODELESS_TWO
	[FRDMIL]
LEAGUE_OF_SMALL_STATES_	[IGOLSS 900101-991231] [IGOLSSDEV]
)";

TEST(PetrarchParseTest, RecordsSynonymsAndRoles) {
  auto r = ParsePetrarchActors(kFreedonia, "freedonia.actors");
  ASSERT_OK(r);
  const std::vector<PetrarchRecord>& recs = *r;
  ASSERT_EQ(recs.size(), 6u);
  EXPECT_EQ(recs[0].names, (std::vector<std::string>{"FREEDONIA", "FREEDONIAN", "ZELIGRAD"}));
  ASSERT_EQ(recs[0].roles.size(), 1u);
  EXPECT_EQ(recs[0].roles[0].code, "FRD");
  EXPECT_EQ(recs[0].roles[0].when, ActorRole::When::kAlways);
  EXPECT_EQ(recs[1].names, (std::vector<std::string>{"NADIA FARES", "N. FARES"}));
  ASSERT_EQ(recs[1].roles.size(), 3u);
  EXPECT_EQ(recs[1].roles[0].when, ActorRole::When::kBetween);
  EXPECT_EQ(recs[1].roles[0].from, "20100101");  // YYMMDD with YY <= 30 is 20YY
  EXPECT_EQ(recs[1].roles[0].to, "20150630");
  EXPECT_EQ(recs[1].roles[1].when, ActorRole::When::kFrom);
  EXPECT_EQ(recs[1].roles[1].from, "20150701");
  EXPECT_EQ(recs[1].line, 5);
  EXPECT_EQ(recs[3].names, (std::vector<std::string>{"VALMORA LIBERATION FRONT", "VLF FIGHTERS"}));
  EXPECT_EQ(recs[3].roles[0].from, "20120101");
  // Primaries without roles join the next record that has them, as PETRARCH reads them.
  EXPECT_EQ(recs[4].names, (std::vector<std::string>{"CODELESS ONE", "CODELESS TWO"}));
  ASSERT_EQ(recs[5].roles.size(), 2u);
  EXPECT_EQ(recs[5].roles[0].from, "19900101");  // YY > 30 is 19YY
  EXPECT_EQ(recs[5].roles[1].code, "IGOLSSDEV");
}

TEST(PetrarchParseTest, MalformedLinesNameFileAndLine) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"FREEDONIA_ [FRD]\n+ZELIGRAD\n\t[FRDGOV 2015-2016]\n", "d.actors:3: date \"2015\""},
      {"FREEDONIA_ [FRD\n", "d.actors:1: \"[\" without \"]\""},
      {"\n+ZELIGRAD_\n", "d.actors:2: a synonym (+) before any actor"},
      {"\t[FRD]\n", "d.actors:1: a role before any actor"},
      {"NADIA_FARES_\n\t[FRDGOV 150701-100101]\n", "d.actors:2: date range 20150701-20100101 ends before"},
      {"NADIA_FARES_\n\t[FRDGOV >151301]\n", "d.actors:2: date \"151301\""},
      {"NADIA_FARES_\n\t[FRD$GOV]\n", "d.actors:2: actor code \"FRD$GOV\""},
      {"NADIA_FARES_ [FRDGOV] extra\n", "d.actors:1: text \"extra\" after a role"},
      {"[]\n", "d.actors:1: "},
  };
  for (const Case& c : cases) {
    auto r = ParsePetrarchActors(c.text, "d.actors");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kParseError);
    EXPECT_NE(r.status().message().find(c.error), std::string::npos) << r.status().message();
  }
}

TEST(CodeOnTest, DatedRolesFollowTheDate) {
  auto r = ParsePetrarchActors(kFreedonia, "f");
  ASSERT_OK(r);
  const std::vector<ActorRole>& fares = (*r)[1].roles;
  EXPECT_EQ(CodeOn(fares, "20120301"), "FRDELI");  // before taking office
  EXPECT_EQ(CodeOn(fares, "20150701"), "FRDGOV");  // limits are inclusive
  EXPECT_EQ(CodeOn(fares, "20200101"), "FRDGOV");
  EXPECT_EQ(CodeOn(fares, "20000101"), "FRDELI");  // no dated role holds: the undated one
  EXPECT_EQ(CodeOn(fares, ""), "FRDGOV");          // no date: the latest role
  const std::vector<ActorRole>& league = (*r)[5].roles;
  EXPECT_EQ(CodeOn(league, "19950101"), "IGOLSS");
  EXPECT_EQ(CodeOn(league, "20050101"), "IGOLSSDEV");
  // A gap between dated roles and no undated one: the nearest role.
  auto gap = ParsePetrarchActors("X_\n\t[AAA <20030320]\n\t[BBB >20060520]\n", "g");
  ASSERT_OK(gap);
  EXPECT_EQ(CodeOn((*gap)[0].roles, "20030501"), "AAA");
  EXPECT_EQ(CodeOn((*gap)[0].roles, "20060301"), "BBB");
  EXPECT_EQ(CodeOn((*gap)[0].roles, ""), "BBB");
}

class ShippedDictionaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dict_ = new ActorDictionary;
    Status s = dict_->LoadShipped(std::string(AG_SOURCE_DIR) + "/data/lexicon");
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownTestSuite() { delete dict_; }
  static std::string Code(const std::string& name, const std::string& date = "") {
    ActorCode c = dict_->Lookup(text::NameKey(name), date);
    return c.code + "/" + c.country + "/" + c.sector;
  }
  static ActorDictionary* dict_;
};
ActorDictionary* ShippedDictionaryTest::dict_ = nullptr;

TEST_F(ShippedDictionaryTest, StatesIgosAndAgents) {
  EXPECT_GT(dict_->name_count(), 20000u);
  EXPECT_EQ(Code("Syria"), "SYR/SYR/");
  EXPECT_EQ(Code("SYRIAN"), "SYR/SYR/");
  EXPECT_EQ(Code("United Nations"), "IGOUNO//IGO");
  EXPECT_EQ(Code("the United Nations"), "IGOUNO//IGO");
  EXPECT_EQ(Code("NATO"), "IGOWSTNAT//IGO");
  ASSERT_NE(dict_->Agent("army"), nullptr);
  EXPECT_EQ(*dict_->Agent("army"), "~MIL");
  EXPECT_EQ(*dict_->Agent("officials"), "~GOV");  // the team's addition (agents.tsv)
  EXPECT_EQ(*dict_->Agent("government forces"), "~MIL");
  EXPECT_EQ(ActorDictionary::ApplyAgent("SYR", "~MIL"), "SYRMIL");
  EXPECT_EQ(ActorDictionary::ApplyAgent("SYRGOV", "~GOV"), "SYRGOV");
  EXPECT_EQ(ActorDictionary::ApplyAgent("SYR", "NGO~"), "NGOSYR");
  std::string country, sector;
  dict_->Split("SYRREBMUS", &country, &sector);
  EXPECT_EQ(country + "/" + sector, "SYR/REB MUS");
}

// End to end through the Extractor: the shipped dictionary, then a user dictionary over it.
class CodedExtractTest : public ::testing::Test {
 protected:
  static std::unique_ptr<Extractor> Make(const std::string& actors_file) {
    ExtractorOptions o;
    o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
    o.actors_file = actors_file;
    auto ex = Extractor::Create(o);
    EXPECT_OK(ex);
    return ex.ok() ? std::move(ex).value() : nullptr;
  }
  static Extraction Run(const Extractor& ex, const std::string& text, const std::string& date = "") {
    Document d;
    d.id = "t";
    d.text = text;
    d.date = date;
    auto x = ex.Extract(d);
    EXPECT_OK(x);
    return x.ok() ? x.value() : Extraction();
  }
  // "CODE/COUNTRY/SECTOR" of the entity named `name`, or "missing" with the entities listed.
  static std::string CodeOf(const Extraction& x, const std::string& name) {
    std::string all;
    for (const Entity& e : x.entities) {
      if (e.name == name) return e.code + "/" + e.country + "/" + e.sector;
      all += " [" + e.name + " " + e.code + "]";
    }
    return "missing:" + all;
  }
  // Whether some entity has the code.
  static bool HasCode(const Extraction& x, const std::string& code) {
    for (const Entity& e : x.entities)
      if (e.code == code) return true;
    return false;
  }
  static std::string Codes(const Extraction& x) {
    std::string all;
    for (const Entity& e : x.entities) all += " [" + e.name + " " + EntityTypeName(e.type) + " " + e.code + "]";
    return all;
  }
};

TEST_F(CodedExtractTest, StatesCapitalsIgosAndAgentNouns) {
  auto ex = Make("");
  ASSERT_NE(ex, nullptr);
  Extraction x = Run(*ex, "Karim Haddad flew from Damascus to Ankara. The United Nations urged Turkey to talk.");
  EXPECT_EQ(CodeOf(x, "Damascus"), "SYRGOV/SYR/GOV");  // a capital stands for its government
  EXPECT_EQ(CodeOf(x, "Turkey"), "TUR/TUR/");
  EXPECT_EQ(CodeOf(x, "United Nations"), "IGOUNO//IGO");
  EXPECT_EQ(CodeOf(x, "Karim Haddad"), "//");  // not in the dictionary
  x = Run(*ex, "The Egyptian military closed the crossing on Sunday.");
  EXPECT_TRUE(HasCode(x, "EGYMIL")) << Codes(x);
  x = Run(*ex, "Iraqi officials said the convoy had left Basra.");
  EXPECT_TRUE(HasCode(x, "IRQGOV")) << Codes(x);
  x = Run(*ex, "Government forces shelled the valley.");
  EXPECT_EQ(CodeOf(x, "government forces"), "//MIL");  // a sector, but no state in the mention
  x = Run(*ex, "The patrol detained male civilians near the river.");
  EXPECT_FALSE(HasCode(x, "MDVCVL")) << Codes(x);  // "male" is not Male, the capital of the Maldives
  EXPECT_EQ(CodeOf(x, "male civilians"), "//CVL");
}

TEST_F(CodedExtractTest, UserDictionaryExtendsAndOverrides) {
  TempDir dir;
  std::string path = dir.Write("mine.actors", std::string(kFreedonia) +
                                                  "HEZBOLLAH_ [LBNPTY]  # overrides the shipped LBNREB\n");
  auto shipped = Make("");
  auto mine = Make(path);
  ASSERT_NE(shipped, nullptr);
  ASSERT_NE(mine, nullptr);
  EXPECT_NE(shipped->Fingerprint(), mine->Fingerprint());
  const std::string text = "Nadia Fares met Hezbollah leaders in Zeligrad.";
  EXPECT_EQ(CodeOf(Run(*shipped, text), "Hezbollah"), "LBNREB/LBN/REB");
  Extraction x = Run(*mine, text, "2012-06-01");
  EXPECT_EQ(CodeOf(x, "Hezbollah"), "LBNPTY/LBN/PTY");
  EXPECT_EQ(CodeOf(x, "Nadia Fares"), "FRDELI/FRD/ELI");  // before taking office
  EXPECT_EQ(CodeOf(Run(*mine, text, "2019-02-01"), "Nadia Fares"), "FRDGOV/FRD/GOV");  // after
  EXPECT_EQ(CodeOf(Run(*mine, text), "Nadia Fares"), "FRDGOV/FRD/GOV");                // undated: latest
}

TEST_F(CodedExtractTest, MalformedUserDictionaryNamesFileAndLine) {
  TempDir dir;
  std::string path = dir.Write("bad.actors", "FREEDONIA_ [FRD]\n+ZELIGRAD_\n\n\t[FRDGOV 150701-1001]\n");
  ExtractorOptions o;
  o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  o.actors_file = path;
  auto ex = Extractor::Create(o);
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().code(), StatusCode::kParseError);
  EXPECT_NE(ex.status().message().find(path + ":4: date \"1001\""), std::string::npos) << ex.status().message();
  o.actors_file = dir.File("missing.actors");
  auto missing = Extractor::Create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
}

TEST_F(CodedExtractTest, JsonCarriesCodeCountryAndSector) {
  auto ex = Make("");
  ASSERT_NE(ex, nullptr);
  Extraction x = Run(*ex, "Syria thanked Tom Burke.");
  std::string json = ExtractionToJson(x);
  EXPECT_NE(json.find(R"("name":"Syria","type":"GPE","code":"SYR","country":"SYR","sector":null)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("name":"Tom Burke","type":"PERSON","code":null,"country":null,"sector":null)"),
            std::string::npos)
      << json;
}

TEST_F(CodedExtractTest, TriplesAreCodedByName) {
  TempDir dir;
  auto ex = Make(dir.Write("mine.actors", kFreedonia));
  ASSERT_NE(ex, nullptr);
  Document d;
  d.id = "g";
  d.is_triples = true;
  d.date = "2012-03-01";
  d.triples.push_back(Triple{"Nadia Fares", "met", "Turkey", "PERSON", "", "", 1.0});
  d.triples.push_back(Triple{"Acme Widgets", "meets", "Freedonia", "ORG", "", "", 1.0});
  auto x = ex->Extract(d);
  ASSERT_OK(x);
  EXPECT_EQ(CodeOf(*x, "Nadia Fares"), "FRDELI/FRD/ELI");
  EXPECT_EQ(CodeOf(*x, "Turkey"), "TUR/TUR/");
  EXPECT_EQ(CodeOf(*x, "Freedonia"), "FRD/FRD/");
  EXPECT_EQ(CodeOf(*x, "Acme Widgets"), "//");
}

// The converter and the C++ parser read one dictionary to the same codes.
TEST(ConverterTest, ConverterAndParserAgree) {
  if (std::system("python3 -c 'import sys' > /dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not found";
  TempDir src, out;
  src.Write("Phoenix.Countries.actors.txt", kFreedonia);
  src.Write("Phoenix.International.actors.txt", "ALLIANCE_OF_LAKES_ [IGOAOL]\n");
  src.Write("Phoenix.MilNonState.actors.txt", "RED_HAND_CELLS_ [FRDREB] # invented\n+RED_HANDS\n");
  src.Write("Phoenix.agents.txt",
            "!PERSON! = MAN, MEN\nARMY [~MIL]\nPOLICE!PERSON! [~COP]\nOFFICIAL_MEDIA {} [~GOVMED]\n"
            "MILITIA {MILITIAS} [~REB]\nAUTHORITY [~GOV]\n");
  out.Write("agents.tsv", "# none\n");
  std::string cmd = "python3 " + std::string(AG_SOURCE_DIR) + "/tools/convert_phoenix.py " + src.File("") + " " +
                    out.File("") + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  ActorDictionary converted, parsed;
  ASSERT_OK(converted.LoadShipped(out.File("")));
  ASSERT_OK(parsed.AddUser(std::string(kFreedonia) + "ALLIANCE_OF_LAKES_ [IGOAOL]\nRED_HAND_CELLS_ [FRDREB]\n"
                                                      "+RED_HANDS\n",
                           "all"));
  for (const char* name : {"Freedonia", "Freedonian", "Zeligrad", "Nadia Fares", "N. Fares", "Omar Zaki",
                           "Valmora Liberation Front", "VLF fighters", "Codeless One", "Codeless Two",
                           "League of Small States", "Alliance of Lakes", "Red Hand Cells", "Red Hands"}) {
    for (const char* date : {"", "19950101", "20120301", "20150701", "20200101"}) {
      const std::string key = text::NameKey(name);
      EXPECT_EQ(converted.Lookup(key, date).code, parsed.Lookup(key, date).code) << name << " " << date;
      EXPECT_FALSE(converted.Lookup(key, date).code.empty()) << name << " " << date;
    }
  }
  EXPECT_EQ(converted.Lookup("freedonia", "").country, "FRD");
  // Agent plurals and substitution markers.
  for (const char* agent : {"army", "armies", "policeman", "policemen", "official media", "militias",
                            "authorities"})
    EXPECT_NE(converted.Agent(agent), nullptr) << agent;
  EXPECT_EQ(converted.Agent("official medias"), nullptr);
  EXPECT_EQ(*converted.Agent("authorities"), "~GOV");
}

}  // namespace
}  // namespace ag::extract
