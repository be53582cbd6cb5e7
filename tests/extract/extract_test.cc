// Extraction tests on sentences the team wrote for each construction the rule-based extractor handles:
// titles, possessives, particles and curly apostrophes, acronyms, surname aliases, pronouns, passive
// voice, apposition, coordination, negation and modality, plus code-point offsets and the JSON contract.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "actorgraph/extract.h"
#include "test_util.h"

namespace ag {
namespace {

class ExtractTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ExtractorOptions o;
    o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
    auto ex = Extractor::Create(o);
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    extractor_ = std::move(ex).value().release();
  }
  static void TearDownTestSuite() { delete extractor_; }

  Extraction Run(const std::string& text) {
    Document d;
    d.id = "t";
    d.text = text;
    auto x = extractor_->Extract(d);
    EXPECT_TRUE(x.ok()) << x.status().ToString();
    return x.ok() ? x.value() : Extraction();
  }

  static const Entity* Find(const Extraction& x, const std::string& name) {
    for (const Entity& e : x.entities)
      if (e.name == name) return &e;
    return nullptr;
  }
  static std::string NameOf(const Extraction& x, const std::string& id) {
    for (const Entity& e : x.entities)
      if (e.id == id) return e.name;
    return "?";
  }
  // The relation source -relation-> target, or nullptr.
  static const Relation* Rel(const Extraction& x, const std::string& source, const std::string& relation,
                             const std::string& target) {
    for (const Relation& r : x.relations)
      if (NameOf(x, r.source) == source && NameOf(x, r.target) == target && r.relation == relation) return &r;
    return nullptr;
  }
  static std::string Dump(const Extraction& x) {
    std::string s;
    for (const Entity& e : x.entities) {
      s += e.id + " " + EntityTypeName(e.type) + " " + e.name + ":";
      for (const Mention& m : e.mentions) s += " [" + m.text + "]";
      s += "\n";
    }
    for (const Relation& r : x.relations)
      s += NameOf(x, r.source) + " -" + r.relation + "-> " + NameOf(x, r.target) + " " + ModalityName(r.modality) +
           (r.negated ? " negated" : "") + "\n";
    return s;
  }

  static Extractor* extractor_;
};
Extractor* ExtractTest::extractor_ = nullptr;

TEST_F(ExtractTest, TitlesAreStrippedAndCountryModifierIsItsOwnActor) {
  Extraction x = Run("US President Donald Trump met Syrian Foreign Minister Omar Haddad in Washington.");
  const Entity* trump = Find(x, "Donald Trump");
  ASSERT_NE(trump, nullptr) << Dump(x);
  EXPECT_EQ(trump->type, EntityType::kPerson);
  ASSERT_NE(Find(x, "United States"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "United States")->type, EntityType::kGpe);
  ASSERT_NE(Find(x, "Omar Haddad"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Donald Trump", "meet", "Omar Haddad"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "United States", "meet", "Syrian"), nullptr) << Dump(x);
  // The title is an attribute of the person, never part of the name.
  EXPECT_EQ(trump->title, "President");
  EXPECT_EQ(Find(x, "Omar Haddad")->title, "Foreign Minister");
  EXPECT_EQ(Find(x, "United States")->title, "");
  EXPECT_NE(ExtractionToJson(x).find("\"title\":\"Foreign Minister\""), std::string::npos);
}

TEST_F(ExtractTest, TitlesAndNationalitiesGiveLinks) {
  Extraction x = Run("US President Donald Trump met Syrian President Karim Haddad. Syria welcomed it.");
  const Relation* us = Rel(x, "Donald Trump", "affiliated_with", "United States");
  ASSERT_NE(us, nullptr) << Dump(x);
  EXPECT_TRUE(us->link);
  EXPECT_NE(Rel(x, "Karim Haddad", "affiliated_with", "Syria"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Syrian", "nationality_of", "Syria"), nullptr) << Dump(x);
  std::string json = ExtractionToJson(x);
  size_t links = json.find("\"links\":[");
  ASSERT_NE(links, std::string::npos) << json;
  EXPECT_GT(json.find("affiliated_with"), links) << json;  // links are not verb relations
  EXPECT_LT(json.find("\"relation\":\"meet\""), links) << json;
}

TEST_F(ExtractTest, AnOrganisationsTitleBeforeANameSplitsIntoOrganisationAndPerson) {
  Extraction x = Run("Northern Bank Governor Hilde Vasquez said rates would stay. Vasquez left.");
  const Entity* hilde = Find(x, "Hilde Vasquez");
  ASSERT_NE(hilde, nullptr) << Dump(x);
  EXPECT_EQ(hilde->type, EntityType::kPerson);
  EXPECT_EQ(hilde->mentions.size(), 2u) << Dump(x);  // the surname later is the same person
  const Entity* bank = Find(x, "Northern Bank");
  ASSERT_NE(bank, nullptr) << Dump(x);
  EXPECT_EQ(bank->type, EntityType::kOrg);
  EXPECT_NE(Rel(x, "Hilde Vasquez", "affiliated_with", "Northern Bank"), nullptr) << Dump(x);
  EXPECT_EQ(hilde->title, "Governor");
  x = Run("He met EC Commission Vice President Pavel Horak in Brussels.");
  ASSERT_NE(Find(x, "Pavel Horak"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "Pavel Horak")->type, EntityType::kPerson);
  // No name after the title: the organisation keeps its words; a nationality before it is another rule.
  x = Run("The Foreign Ministry spokesman declined to comment.");
  EXPECT_NE(Find(x, "Foreign Ministry"), nullptr) << Dump(x);
  x = Run("Syrian Foreign Minister Omar Haddad arrived.");
  EXPECT_NE(Find(x, "Omar Haddad"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, TheCoalitionActs) {
  Extraction x = Run("The international coalition struck Raqqa on Monday.");
  const Entity* c = Find(x, "international coalition");
  ASSERT_NE(c, nullptr) << Dump(x);
  EXPECT_EQ(c->type, EntityType::kOrg);
  EXPECT_NE(Rel(x, "international coalition", "strike", "Raqqa"), nullptr) << Dump(x);
  x = Run("The Global Counter-Terrorism Coalition met in Rome. Later the coalition attacked Raqqa.");
  EXPECT_NE(Rel(x, "Global Counter-Terrorism Coalition", "attack", "Raqqa"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "coalition"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, PossessiveIsCut) {
  Extraction x = Run("Syria's government accused Turkey of shelling the town.");
  const Entity* syria = Find(x, "Syria");
  ASSERT_NE(syria, nullptr) << Dump(x);
  EXPECT_EQ(syria->mentions[0].text, "Syria");
}

TEST_F(ExtractTest, PossessorIsNotTheObject) {
  Extraction x = Run("Tom Burke meets Syria's Karim al-Haddad in Damascus.");
  EXPECT_NE(Rel(x, "Tom Burke", "meet", "Karim al-Haddad"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Tom Burke", "meet", "Syria"), nullptr) << Dump(x);
  ASSERT_NE(Find(x, "Syria"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, NameVariantsAreOneActor) {
  Extraction x = Run(
      "President Ahmed al-Shara\xE2\x80\x99" "a arrived in Washington. Al-Sharaa met the envoy. "
      "Later, al-Shara'a said Ahmed al-Sharaa would return.");
  int persons = 0;
  const Entity* p = nullptr;
  for (const Entity& e : x.entities)
    if (e.type == EntityType::kPerson) {
      ++persons;
      p = &e;
    }
  ASSERT_EQ(persons, 1) << Dump(x);
  EXPECT_EQ(p->mentions.size(), 4u) << Dump(x);
}

TEST_F(ExtractTest, AcronymDefinedInTextIsAnAlias) {
  Extraction x = Run("The Syrian Democratic Forces (SDF) signed a deal. Later the SDF attacked Raqqa.");
  const Entity* sdf = Find(x, "Syrian Democratic Forces");
  ASSERT_NE(sdf, nullptr) << Dump(x);
  EXPECT_EQ(sdf->type, EntityType::kOrg);
  EXPECT_EQ(sdf->mentions.size(), 3u) << Dump(x);
  EXPECT_NE(Rel(x, "Syrian Democratic Forces", "attack", "Raqqa"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, UndefinedAcronymMatchesInitials) {
  Extraction x = Run("Turkey warns EDF. The Euphrates Democratic Forces said the EDF would respond.");
  const Entity* edf = Find(x, "Euphrates Democratic Forces");
  ASSERT_NE(edf, nullptr) << Dump(x);
  EXPECT_EQ(edf->mentions.size(), 3u) << Dump(x);
  EXPECT_EQ(Find(x, "EDF"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, SurnameAndPronounResolveToThePerson) {
  Extraction x = Run("Tom Burke arrived in Damascus. Burke met Karim Haddad. He later warned Turkey.");
  const Entity* burke = Find(x, "Tom Burke");
  ASSERT_NE(burke, nullptr) << Dump(x);
  EXPECT_EQ(burke->mentions.size(), 3u);  // two names and "He"
  EXPECT_NE(Rel(x, "Tom Burke", "meet", "Karim Haddad"), nullptr) << Dump(x);
  // "He" opening a sentence continues the previous sentence's subject, not its most recent person.
  EXPECT_NE(Rel(x, "Tom Burke", "warn", "Turkey"), nullptr) << Dump(x);
  x = Run("Levent Kaya met Karim al-Haddad in Ankara. He praised al-Haddad. Tom Burke said he would visit Amman.");
  EXPECT_NE(Rel(x, "Levent Kaya", "praise", "Karim al-Haddad"), nullptr) << Dump(x);  // not al-Haddad himself
  EXPECT_NE(Rel(x, "Tom Burke", "visit", "Amman"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, SurnameInAnotherSpellingResolvesToThePerson) {
  // The transliteration-folded surname key joins a lone surname the exact key misses (ee/i, ou/o, glued
  // article), and a different surname stays its own actor.
  Extraction x = Run("President Hadi Al-Khateeb met Layla Qasabjiou in Damascus. Al-Khatib praised Qasabjio. "
                     "Turkey warned Alkhatib on Monday.");
  const Entity* khateeb = Find(x, "Hadi Al-Khateeb");
  ASSERT_NE(khateeb, nullptr) << Dump(x);
  EXPECT_EQ(khateeb->mentions.size(), 3u) << Dump(x);
  const Entity* qasabjiou = Find(x, "Layla Qasabjiou");
  ASSERT_NE(qasabjiou, nullptr) << Dump(x);
  EXPECT_EQ(qasabjiou->mentions.size(), 2u) << Dump(x);
  EXPECT_EQ(Find(x, "Al-Khatib"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "Qasabjio"), nullptr) << Dump(x);
  x = Run("Karim Hassan met Omar Hussein in Amman. Hussein said Hasan would return.");
  const Entity* hussein = Find(x, "Omar Hussein");
  ASSERT_NE(hussein, nullptr) << Dump(x);
  EXPECT_EQ(hussein->mentions.size(), 2u) << Dump(x);  // "Hasan" is Karim Hassan's, not Hussein's
  const Entity* hassan = Find(x, "Karim Hassan");
  ASSERT_NE(hassan, nullptr) << Dump(x);
  EXPECT_EQ(hassan->mentions.size(), 2u) << Dump(x);
}

TEST_F(ExtractTest, PassiveReversesDirection) {
  Extraction x = Run("The convoy of the United Nations was attacked by Jund al-Aqsa near Idlib.");
  EXPECT_NE(Rel(x, "Jund al-Aqsa", "attack", "United Nations"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "United Nations", "attack", "Jund al-Aqsa"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, AppositionBeforeTheVerbKeepsTheSubject) {
  Extraction x = Run("Tom Burke, the American envoy to Syria, met Karim Haddad on Monday.");
  EXPECT_NE(Rel(x, "Tom Burke", "meet", "Karim Haddad"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Syria", "meet", "Karim Haddad"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ReportedSpeech) {
  Extraction x = Run("Tom Burke, the US envoy, said Turkey would sign the deal. "
                     "\"We are ready,\" said Kemal Aydin. Egypt warned Israel against an offensive.");
  // What is said is no addressee: no edge from the speaker to the subject of the report.
  EXPECT_EQ(Rel(x, "Tom Burke", "say", "Turkey"), nullptr) << Dump(x);
  const Relation* sign = nullptr;
  for (const Relation& r : x.relations)
    if (r.relation == "sign") sign = &r;
  EXPECT_EQ(sign, nullptr) << Dump(x);  // no object actor
  for (const Relation& r : x.relations) EXPECT_NE(NameOf(x, r.target), "Kemal Aydin") << Dump(x);
  EXPECT_NE(Rel(x, "Egypt", "warn", "Israel"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, SpeechRelatesOnlyWhomItAddressesAndAttributesWhatItReports) {
  Extraction x = Run("Finance Minister Ana Ruiz said Norbank would support Greece.");
  EXPECT_EQ(Rel(x, "Ana Ruiz", "say", "Norbank"), nullptr) << Dump(x);
  const Relation* support = Rel(x, "Norbank", "support", "Greece");
  ASSERT_NE(support, nullptr) << Dump(x);
  EXPECT_EQ(NameOf(x, support->attributed_to), "Ana Ruiz") << Dump(x);
  EXPECT_EQ(support->modality, Modality::kPlanned) << Dump(x);
  // Addressed: an edge, not attributed to anyone.
  x = Run("Ana Ruiz told the IMF that rates would fall. Egypt warned Israel would pay a price.");
  const Relation* told = Rel(x, "Ana Ruiz", "tell", "International Monetary Fund");
  ASSERT_NE(told, nullptr) << Dump(x);
  EXPECT_TRUE(told->attributed_to.empty());
  EXPECT_NE(Rel(x, "Egypt", "warn", "Israel"), nullptr) << Dump(x);
  // An actor inside what is said is no addressee either; "to" addresses.
  x = Run("Karl Brand said his Norbank counterpart was a disgrace. Karl Brand said to Vestland that it was over.");
  EXPECT_EQ(Rel(x, "Karl Brand", "say", "Norbank"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Karl Brand", "say", "Vestland"), nullptr) << Dump(x);
  // A reported demand is a demand made of its subject.
  x = Run("Russia said Sudan must withdraw its troops.");
  const Relation* demand = Rel(x, "Russia", "say", "Sudan");
  ASSERT_NE(demand, nullptr) << Dump(x);
  EXPECT_EQ(demand->event, "DEMAND");
  // The speaker after the report, and "according to".
  x = Run("Iran attacked Kurdish rebels in Iraq, said General Ali Demir.");
  const Relation* attack = nullptr;
  for (const Relation& r : x.relations)
    if (r.relation == "attack") attack = &r;
  ASSERT_NE(attack, nullptr) << Dump(x);
  EXPECT_EQ(NameOf(x, attack->attributed_to), "Ali Demir") << Dump(x);
  x = Run("According to Amnesty International, Iran attacked Turkey.");
  const Relation* claim = Rel(x, "Iran", "attack", "Turkey");
  ASSERT_NE(claim, nullptr) << Dump(x);
  EXPECT_EQ(NameOf(x, claim->attributed_to), "Amnesty International");
  EXPECT_EQ(Rel(x, "Amnesty International", "attack", "Turkey"), nullptr) << Dump(x);
  // Stated by the text itself: no attribution; the JSON carries it only when there is one.
  x = Run("Iran attacked Turkey.");
  ASSERT_EQ(x.relations.size(), 1u) << Dump(x);
  EXPECT_TRUE(x.relations[0].attributed_to.empty());
  EXPECT_EQ(ExtractionToJson(x).find("attributed_to"), std::string::npos);
  x = Run("The envoy Omar Haddad announced that Iran would sign the accord with Turkey.");
  EXPECT_NE(ExtractionToJson(x).find("\"attributed_to\":"), std::string::npos) << Dump(x);
}

TEST_F(ExtractTest, ProspectiveActsArePlannedAndNoActorOfAnotherPhraseActs) {
  Extraction x = Run("Vestland approaches its formal joining of the Nordic Alliance.");
  const Relation* join = Rel(x, "Vestland", "join", "Nordic Alliance");
  ASSERT_NE(join, nullptr) << Dump(x);
  EXPECT_EQ(join->modality, Modality::kPlanned);
  x = Run("Norway is moving toward its entry into NATO.");
  join = Rel(x, "Norway", "join", "NATO");
  ASSERT_NE(join, nullptr) << Dump(x);
  EXPECT_EQ(join->modality, Modality::kPlanned);
  // The source of a report and the object of an opening gerund are no participants.
  x = Run("According to a study by the Nordic Institute, joining NATO will strengthen Sweden.");
  EXPECT_EQ(Rel(x, "Nordic Institute", "join", "NATO"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "NATO", "strengthen", "Sweden"), nullptr) << Dump(x);
  // An adverb between a participle and its agent keeps it passive: no reversed edge.
  x = Run("Karl Brand, backed generally by Vestland, rejected the plan.");
  EXPECT_EQ(Rel(x, "Karl Brand", "back", "Vestland"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Karl Brand", "support", "Vestland"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Vestland", "support", "Karl Brand"), nullptr) << Dump(x);
  // A verb form before a title is part of the title, not an act.
  x = Run("Syria criticised trade representative Mara Quist. The militants struck, press secretary Tom Burke said. "
          "The envoys will meet ministers from Iraq.");
  EXPECT_EQ(Rel(x, "Syria", "trade", "Mara Quist"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Syria", "criticise", "Mara Quist"), nullptr) << Dump(x);
  for (const Relation& r : x.relations) EXPECT_NE(r.relation, "press") << Dump(x);
  x = Run("Attacking Iran would hurt Israel.");
  EXPECT_EQ(Rel(x, "Iran", "hurt", "Israel"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, HyphenatedWordsAreNotVerbs) {
  Extraction x = Run("Jordan signed a duty-free deal with the so-called Islamic Front.");
  for (const Relation& r : x.relations) {
    EXPECT_NE(r.relation, "free") << Dump(x);
    EXPECT_NE(r.relation, "call") << Dump(x);
  }
}

TEST_F(ExtractTest, CoordinatedParticiplesArePassive) {
  Extraction x = Run("Karim Haddad was struck and killed by Jund al-Aqsa near Raqqa.");
  EXPECT_NE(Rel(x, "Jund al-Aqsa", "kill", "Karim Haddad"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Karim Haddad", "kill", "Raqqa"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, NominalTriggers) {
  Extraction x = Run("Karim Haddad's visit to Washington lasted two days. "
                     "Turkey continued its offensive against the Euphrates Democratic Forces.");
  const Relation* visit = Rel(x, "Karim Haddad", "visit", "Washington");
  ASSERT_NE(visit, nullptr) << Dump(x);
  EXPECT_EQ(visit->event, "CONSULT");
  EXPECT_NE(Rel(x, "Turkey", "attack", "Euphrates Democratic Forces"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, CoordinatedVerbPhrasesShareTheSubject) {
  Extraction x = Run("Nabil Karam visited Damascus on Thursday and met President Karim Haddad.");
  EXPECT_NE(Rel(x, "Nabil Karam", "visit", "Damascus"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Nabil Karam", "meet", "Karim Haddad"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Damascus", "meet", "Karim Haddad"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, MilitaryMeansAgainstAnActor) {
  Extraction x = Run("The Assad government has used chemical weapons against the Free Syrian Army.");
  const Relation* r = Rel(x, "Assad", "fight", "Free Syrian Army");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_EQ(r->event, "FIGHT");
}

TEST_F(ExtractTest, PossessiveDeterminerPointsToTheClauseSubject) {
  Extraction x = Run("Iraqi forces seized Mosul University in their battle with the Islamic State.");
  EXPECT_EQ(Rel(x, "Mosul University", "battle", "Islamic State"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Iraqi", "battle", "Islamic State"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, CoordinatedSubjectsOfASymmetricVerb) {
  Extraction x = Run("Jordan and Syria met in Amman on Sunday.");
  EXPECT_NE(Rel(x, "Jordan", "meet", "Syria"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, NegationAndModality) {
  Extraction x = Run(
      "Turkey did not sign the accord with Greece. Haddad is scheduled to meet Donald Trump tomorrow. "
      "Jordan is expected to join the Global Coalition. Egypt may impose sanctions on Libya.");
  const Relation* sign = Rel(x, "Turkey", "sign", "Greece");
  ASSERT_NE(sign, nullptr) << Dump(x);
  EXPECT_TRUE(sign->negated);
  EXPECT_EQ(sign->modality, Modality::kAsserted);
  EXPECT_EQ(sign->event, "REJECT");
  const Relation* meet = Rel(x, "Haddad", "meet", "Donald Trump");
  ASSERT_NE(meet, nullptr) << Dump(x);
  EXPECT_EQ(meet->modality, Modality::kPlanned);
  EXPECT_FALSE(meet->negated);
  const Relation* join = Rel(x, "Jordan", "join", "Global Coalition");
  ASSERT_NE(join, nullptr) << Dump(x);
  EXPECT_EQ(join->modality, Modality::kHedged);
  EXPECT_EQ(join->event, "AGREE");  // PLOVER: an expected cooperative act is an agreement to act
  const Relation* impose = Rel(x, "Egypt", "sanction", "Libya");
  ASSERT_NE(impose, nullptr) << Dump(x);
  EXPECT_EQ(impose->modality, Modality::kHedged);
  EXPECT_EQ(impose->event, "THREATEN");  // PLOVER: a possible hostile act is a threat
}

TEST_F(ExtractTest, ArmedForcesFightRatherThanAssault) {
  Extraction x = Run("Russian aircraft killed Afghan civilians. Jund al-Aqsa killed Kurdish civilians.");
  const Relation* fight = Rel(x, "Russian", "kill", "Afghan");
  ASSERT_NE(fight, nullptr) << Dump(x);
  EXPECT_EQ(fight->event, "FIGHT");
  const Relation* assault = Rel(x, "Jund al-Aqsa", "kill", "Kurdish");
  ASSERT_NE(assault, nullptr) << Dump(x);
  EXPECT_EQ(assault->event, "ASSAULT");
}

TEST_F(ExtractTest, TheSpeakerAtTheEndIsNotAnObject) {
  Extraction x = Run("Jund al-Aqsa killed 20 civilians in Idlib, Pentagon spokesman Peter Cook said.");
  for (const Relation& r : x.relations)
    if (r.relation == "kill") {
      EXPECT_NE(NameOf(x, r.target), "Peter Cook") << Dump(x);
    }
}

TEST_F(ExtractTest, APlaceAdjunctIsNotTheSourceOfANominalTrigger) {
  Extraction x = Run("Near Palmyra, the attack on Jund al-Aqsa killed ten fighters.");
  for (const Relation& r : x.relations) EXPECT_NE(NameOf(x, r.source), "Palmyra") << Dump(x);
}

TEST_F(ExtractTest, ACapitalThatActsIsItsCountry) {
  Extraction x = Run("Syria and Turkey are neighbours. Damascus warned Ankara on Monday. "
                     "Tom Burke visited Damascus.");
  EXPECT_NE(Rel(x, "Syria", "warn", "Turkey"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Damascus", "warn", "Ankara"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Tom Burke", "visit", "Damascus"), nullptr) << Dump(x);  // the place of a visit
}

TEST_F(ExtractTest, TheGovernmentOfANationIsItsCountry) {
  Extraction x = Run("Syria rejected the report. The Syrian government accused Jund al-Aqsa of the attack.");
  EXPECT_NE(Rel(x, "Syria", "accuse", "Jund al-Aqsa"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Syrian", "accuse", "Jund al-Aqsa"), nullptr) << Dump(x);
  ASSERT_NE(Find(x, "Syrian"), nullptr);  // the mention stays a nationality
}

TEST_F(ExtractTest, LemmasFromInflectedForms) {
  Extraction x = Run("Egypt meets Israel. Qatar accused Iran. Oman is meeting Yemen. Kuwait criticised Iraq.");
  EXPECT_NE(Rel(x, "Egypt", "meet", "Israel"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Qatar", "accuse", "Iran"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Oman", "meet", "Yemen"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Kuwait", "criticise", "Iraq"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, OffsetsAreCodePointsIntoTheOriginalText) {
  std::string text = "\xE2\x80\x9CNo,\xE2\x80\x9D said Jos\xC3\xA9 Mar\xC3\xADn. Mar\xC3\xADn met Egypt\xE2\x80\x99s envoy.";
  Extraction x = Run(text);
  const Entity* jose = Find(x, "Jos\xC3\xA9 Mar\xC3\xADn");
  ASSERT_NE(jose, nullptr) << Dump(x);
  EXPECT_EQ(jose->mentions[0].begin, 11);  // “No,” said = 11 code points (17 bytes)
  EXPECT_EQ(jose->mentions[0].end, 21);
  ASSERT_EQ(jose->mentions.size(), 2u);
  const Entity* egypt = Find(x, "Egypt");
  ASSERT_NE(egypt, nullptr) << Dump(x);
  EXPECT_EQ(egypt->mentions[0].text, "Egypt");
  ASSERT_EQ(x.sentences.size(), 2u);
  EXPECT_EQ(x.sentences[0].begin, 0);
}

TEST_F(ExtractTest, SentenceInitialWordsAreNotActors) {
  Extraction x = Run("Officials said the talks went well. Negotiations resume on Monday in Cairo.");
  for (const Entity& e : x.entities) {
    EXPECT_NE(e.name, "Officials");
    EXPECT_NE(e.name, "Negotiations");
    EXPECT_NE(e.name, "Monday");
  }
  ASSERT_NE(Find(x, "Cairo"), nullptr);
}

TEST_F(ExtractTest, TriplesConvertWithoutText) {
  Document d;
  d.id = "g";
  d.is_triples = true;
  d.triples.push_back(Triple{"Alpha", "attacked", "Beta", "ORG", "", "2025-01-01", 3.0});
  d.triples.push_back(Triple{"beta", "meets", "Gamma", "", "PERSON", "", 1.0});
  auto x = extractor_->Extract(d);
  ASSERT_OK(x);
  ASSERT_EQ(x->entities.size(), 3u);  // "Beta" and "beta" are one actor
  ASSERT_EQ(x->relations.size(), 2u);
  EXPECT_EQ(x->relations[0].relation, "attack");
  EXPECT_EQ(x->relations[0].event, "ASSAULT");
  EXPECT_EQ(x->relations[0].weight, 3.0);
  EXPECT_EQ(x->entities[2].type, EntityType::kPerson);
}

TEST_F(ExtractTest, JsonContract) {
  Extraction x = Run("Tom Burke met \"Karim Haddad\".");
  std::string json = ExtractionToJson(x);
  EXPECT_EQ(json.rfind("{\"doc\":\"t\",\"entities\":[{\"id\":\"e1\",\"name\":\"Tom Burke\",\"type\":\"PERSON\","
                       "\"code\":null,\"country\":null,\"sector\":null,\"mentions\":[{\"begin\":0,\"end\":9,\"text\":\"Tom Burke\"}]}",
                       0),
            0u)
      << json;
  EXPECT_NE(json.find("\"relation\":\"meet\",\"event\":\"CONSULT\",\"cameo\":\"040\",\"sentence\":0,\"begin\":10,\"end\":13,"
                      "\"negated\":false,\"modality\":\"asserted\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("],\"links\":[]}"), std::string::npos) << json;
}

TEST(AliasFileTest, ForcesIgnoresAndKeepsApart) {
  testing::TempDir dir;
  std::string p = dir.Write("aliases.json", R"({
    "actors": [{"name": "Ahmed al-Sharaa", "type": "PERSON", "aliases": ["Abu Mohammed al-Jolani", "Jolani"]}],
    "ignore": ["Accountability"],
    "keep_apart": ["Elena Markovic"]
  })");
  ExtractorOptions o;
  o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  o.alias_file = p;
  auto ex = Extractor::Create(o);
  ASSERT_OK(ex);
  Document d;
  d.id = "t";
  d.text = "Abu Mohammed al-Jolani met Elena Markovic in Damascus. Jolani said Markovic was welcome. "
           "Accountability matters, Jolani said.";
  auto x = (*ex)->Extract(d);
  ASSERT_OK(x);
  int sharaa = 0;
  for (const Entity& e : x->entities) {
    EXPECT_NE(e.name, "Accountability");
    EXPECT_NE(e.name, "Jolani");
    if (e.name == "Ahmed al-Sharaa") {
      ++sharaa;
      EXPECT_EQ(e.type, EntityType::kPerson);
      EXPECT_EQ(e.mentions.size(), 3u);
    }
    if (e.name == "Elena Markovic") {
      EXPECT_EQ(e.mentions.size(), 1u);  // "Markovic" is not folded into her
    }
  }
  EXPECT_EQ(sharaa, 1);
}

TEST(AliasFileTest, MalformedFileNamesLineAndColumn) {
  testing::TempDir dir;
  std::string p = dir.Write("aliases.json", "{\"actors\": [\n  {\"name\": }\n]}");
  ExtractorOptions o;
  o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  o.alias_file = p;
  auto ex = Extractor::Create(o);
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find(p + ":2:12"), std::string::npos) << ex.status().message();
}

TEST(LexiconTest, MissingDataDirectoryIsAnError) {
  ExtractorOptions o;
  o.data_dir = "/nonexistent-actorgraph-data";
  auto ex = Extractor::Create(o);
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find("/nonexistent-actorgraph-data/relations.json"), std::string::npos);
}

TEST(LexiconTest, MalformedUserLexiconNamesLineAndColumn) {
  testing::TempDir dir;
  std::string p = dir.Write("lex.json", "{\"verbs\": [\n  {\"lemma\": \"parley\",}\n]}");
  ExtractorOptions o;
  o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  o.user_lexicon = p;
  auto ex = Extractor::Create(o);
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find(p + ":2:"), std::string::npos) << ex.status().message();
}

TEST(LexiconTest, UserLexiconAddsVerbs) {
  testing::TempDir dir;
  std::string p = dir.Write("lex.json", "{\"verbs\": [{\"lemma\": \"parley\", \"event\": \"CONSULT\"}]}");
  ExtractorOptions o;
  o.data_dir = std::string(AG_SOURCE_DIR) + "/data";
  o.user_lexicon = p;
  auto ex = Extractor::Create(o);
  ASSERT_OK(ex);
  Document d;
  d.id = "t";
  d.text = "Egypt parleyed with Israel.";
  auto x = (*ex)->Extract(d);
  ASSERT_OK(x);
  ASSERT_EQ(x->relations.size(), 1u);
  EXPECT_EQ(x->relations[0].relation, "parley");
}

TEST_F(ExtractTest, UnnamedGroupsAreActors) {
  Extraction x = Run("On Sunday, militants shot dead four villagers near the dam.");
  const Entity* militants = Find(x, "militants");
  ASSERT_NE(militants, nullptr) << Dump(x);
  EXPECT_EQ(militants->type, EntityType::kGroup);
  const Entity* villagers = Find(x, "villagers");  // the number is left out of the name
  ASSERT_NE(villagers, nullptr) << Dump(x);
  EXPECT_EQ(villagers->mentions[0].text, "four villagers");
  EXPECT_NE(Rel(x, "militants", "shoot", "villagers"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, AGroupAfterANameBelongsToTheName) {
  Extraction x = Run("Kurdish fighters attacked the Islamic State near Raqqa.");
  EXPECT_EQ(Find(x, "fighters"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "Kurdish fighters"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Kurdish", "attack", "Islamic State"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ReferencesUsedByRelationsAreMarkedMentions) {
  Extraction x = Run("Omar Haddad arrived in Amman. He later met King Abdullah.");
  const Entity* haddad = Find(x, "Omar Haddad");
  ASSERT_NE(haddad, nullptr) << Dump(x);
  ASSERT_EQ(haddad->mentions.size(), 2u) << Dump(x);
  EXPECT_FALSE(haddad->mentions[0].reference);
  EXPECT_EQ(haddad->mentions[1].text, "He");
  EXPECT_TRUE(haddad->mentions[1].reference);
  EXPECT_NE(Rel(x, "Omar Haddad", "meet", "Abdullah"), nullptr) << Dump(x);
  std::string json = ExtractionToJson(x);
  EXPECT_NE(json.find("\"text\":\"He\",\"kind\":\"reference\""), std::string::npos) << json;
}

TEST_F(ExtractTest, QuotedFirstPersonIsTheSpeaker) {
  Extraction x = Run("\"We will never negotiate with the Islamic State,\" said Omar Haddad.");
  const Relation* r = Rel(x, "Omar Haddad", "negotiate", "Islamic State");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_TRUE(r->negated);
  // Outside a quotation "we" is nobody the text names.
  Extraction y = Run("We will never negotiate with the Islamic State, Omar Haddad said.");
  EXPECT_EQ(Rel(y, "Omar Haddad", "negotiate", "Islamic State"), nullptr) << Dump(y);
}

TEST_F(ExtractTest, CoordinatedSubjectsActTogether) {
  Extraction x = Run("Iraqi troops, Kurdish fighters and Sunni tribesmen launched an offensive on Mosul.");
  EXPECT_NE(Rel(x, "Iraqi", "ally", "Kurdish"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Kurdish", "ally", "Sunni"), nullptr) << Dump(x);
  // Symmetric verbs relate the subjects to each other instead.
  Extraction y = Run("Turkey and Russia met in Sochi.");
  EXPECT_EQ(Rel(y, "Turkey", "ally", "Russia"), nullptr) << Dump(y);
  EXPECT_NE(Rel(y, "Turkey", "meet", "Russia"), nullptr) << Dump(y);
  // "A, the B, ..." is an apposition, not a coordination.
  Extraction z = Run("Throughout the campaign to free Raqqa, the coalition will consult its partners.");
  EXPECT_EQ(Rel(z, "Raqqa", "consult", "partners"), nullptr) << Dump(z);
}

TEST_F(ExtractTest, PossessorAndItsAllies) {
  Extraction x = Run("Government forces and their allies attacked the town of Daraya.");
  EXPECT_NE(Rel(x, "government forces", "ally", "allies"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ReducedPassiveAfterAComma) {
  Extraction x = Run("Syrian Democratic Forces, backed by the United States, captured the dam.");
  EXPECT_NE(Rel(x, "United States", "support", "Syrian Democratic Forces"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, StrikesActForTheirAttacker) {
  Extraction x = Run("The coalition conducted 12 strikes in Syria on Monday. Near Raqqa, three strikes destroyed "
                     "an Islamic State tank.");
  const Relation* r = Rel(x, "coalition", "destroy", "Islamic State");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Raqqa", "destroy", "Islamic State"), nullptr) << Dump(x);  // towns do not act
}

TEST_F(ExtractTest, TheRegimeIsTheRegimeNamedBefore) {
  Extraction x = Run("The Assad regime bombed Aleppo again. The regime has also shelled the Free Syrian Army.");
  EXPECT_NE(Rel(x, "Assad", "shell", "Free Syrian Army"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, SubjectIsNotInAPlacePhrase) {
  Extraction x = Run("In Geneva, United Nations officials criticised the Syrian government.");
  EXPECT_EQ(Rel(x, "Geneva", "criticize", "Syrian"), nullptr) << Dump(x);
  Extraction y = Run("Rebels in the north dismissed an appeal from President Bashar al-Assad.");
  EXPECT_NE(Rel(y, "rebels", "dismiss", "Bashar al-Assad"), nullptr) << Dump(y);
}

TEST_F(ExtractTest, NameBetweenCommasIsTheSubject) {
  Extraction x = Run("The American envoy to Syria, Tom Barrack, announced that the talks would resume.");
  EXPECT_EQ(Rel(x, "Syria", "announce", "Tom Barrack"), nullptr) << Dump(x);
  Extraction y = Run("The American envoy to Syria, Tom Barrack, met Karim Haddad in Damascus.");
  EXPECT_NE(Rel(y, "Tom Barrack", "meet", "Karim Haddad"), nullptr) << Dump(y);
}

TEST_F(ExtractTest, PossessiveBeforeAnAdjectiveAndANominal) {
  Extraction x = Run("Syria approaches its formal joining of the international coalition.");
  EXPECT_NE(Rel(x, "Syria", "join", "international coalition"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, TitleInsideASentenceStaysWithThePerson) {
  Extraction x = Run("He is scheduled to meet tomorrow with US President Donald Trump.");
  EXPECT_EQ(Find(x, "US President"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Donald Trump", "affiliated_with", "United States"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, VerbsOutsideTheLexiconKeepTheirLemma) {
  Extraction x = Run("Turkey courted Qatar for months.");
  const Relation* r = Rel(x, "Turkey", "court", "Qatar");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_EQ(r->event, "");
  // Only a direct object or a participant right after the verb: not an actor later in the clause.
  Extraction y = Run("Turkey courted investors for months before the summit in Qatar.");
  EXPECT_EQ(Rel(y, "Turkey", "court", "Qatar"), nullptr) << Dump(y);
  // Auxiliary, light and aspectual verbs relate no one by themselves.
  Extraction z = Run("Turkey made Qatar an offer.");
  EXPECT_EQ(Rel(z, "Turkey", "make", "Qatar"), nullptr) << Dump(z);
}

TEST_F(ExtractTest, PloverCodesDeEscalationAndReportedActs) {
  // A planned withdrawal de-escalates: an offer (AGREE), not a threat.
  Extraction x = Run("Israel will evacuate its settlements in the Gaza Strip next month.");
  const Relation* r = Rel(x, "Israel", "evacuate", "Gaza Strip");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_EQ(r->modality, Modality::kPlanned);
  EXPECT_EQ(r->event, "AGREE");
  // "reportedly" hedges the report, not the act: the event stays the act's.
  Extraction y = Run("President Karim Haddad has reportedly conceded to demands from the Euphrates Democratic Forces.");
  const Relation* c = Rel(y, "Karim Haddad", "concede", "Euphrates Democratic Forces");
  ASSERT_NE(c, nullptr) << Dump(y);
  EXPECT_EQ(c->modality, Modality::kHedged);
  EXPECT_EQ(c->event, "CONCEDE");
}

TEST_F(ExtractTest, CooperationPurposeAndDates) {
  Extraction x = Run("The United Kingdom is working closely with Jordan to support the Syrian opposition.");
  const Relation* r = Rel(x, "United Kingdom", "cooperate", "Jordan");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_EQ(r->event, "COOPERATE");
  EXPECT_NE(Rel(x, "United Kingdom", "support", "Syrian"), nullptr) << Dump(x);  // the purpose is the UK's
  EXPECT_EQ(Rel(x, "Jordan", "support", "Syrian"), nullptr) << Dump(x);
  // A date between a nominal trigger and its preposition.
  Extraction y = Run("Hammond welcomed the agreement on 2 December between Iraq and the Kurdistan Regional Government.");
  EXPECT_NE(Rel(y, "Iraq", "agree", "Kurdistan Regional Government"), nullptr) << Dump(y);
  // "States" in "the United States supports" is part of a name, not a verb before a plural noun.
  Extraction z = Run("As we have said, the United States supports Iraqi unity.");
  EXPECT_NE(Rel(z, "United States", "support", "Iraqi"), nullptr) << Dump(z);
}

TEST_F(ExtractTest, StatementAfterSaidColonIsQuoted) {
  Extraction x = Run("Minister Tobias Ellwood said:\n\nI welcome the agreement. We will support the Iraqi Army.\n\n"
                     "We regret the delay.");
  EXPECT_NE(Rel(x, "Tobias Ellwood", "support", "Iraqi Army"), nullptr) << Dump(x);
  const Entity* e = Find(x, "Tobias Ellwood");
  ASSERT_NE(e, nullptr);
  int refs = 0;
  for (const Mention& m : e->mentions) refs += m.reference;
  EXPECT_EQ(refs, 1) << Dump(x);  // "We" of the next paragraph is nobody's
}

TEST_F(ExtractTest, LexiconPhrasesOverrideTheVerb) {
  Extraction x = Run("Turkey called on Qatar to act. Turkey called for calm in Qatar. Jordan works closely with Syria.");
  const Relation* urge = Rel(x, "Turkey", "urge", "Qatar");
  ASSERT_NE(urge, nullptr) << Dump(x);
  EXPECT_EQ(urge->event, "REQUEST");
  EXPECT_EQ(Rel(x, "Turkey", "call", "Qatar"), nullptr) << Dump(x);  // neither "called on" nor "called for"
  EXPECT_NE(Rel(x, "Jordan", "cooperate", "Syria"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, TheTwoLeadersAreBothActors) {
  Extraction x = Run("President Karim Haddad met Gen. Serhat Dilan in Damascus. The two leaders signed an "
                     "agreement. Tom Burke praised both men.");
  const Relation* sign = Rel(x, "Serhat Dilan", "sign", "Karim Haddad");
  if (sign == nullptr) sign = Rel(x, "Karim Haddad", "sign", "Serhat Dilan");
  EXPECT_NE(sign, nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Tom Burke", "praise", "Karim Haddad"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Tom Burke", "praise", "Serhat Dilan"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "men"), nullptr) << Dump(x);  // a reference, not a group
}

TEST_F(ExtractTest, SpeechRelatesWhomItAddressesNotWhatItIsAbout) {
  Extraction x = Run("Tom Burke told reporters in Amman that the talks went well. Karim Haddad said the campaign "
                     "against Jund al-Badiya is progressing. Yusuf Darwish said on Monday that Turkey would help.");
  EXPECT_EQ(Rel(x, "Tom Burke", "tell", "Amman"), nullptr) << Dump(x);  // where, not whom
  EXPECT_EQ(Rel(x, "Karim Haddad", "say", "Jund al-Badiya"), nullptr) << Dump(x);
  // The subject of the report is no addressee either: its own relation is attributed to the speaker.
  EXPECT_EQ(Rel(x, "Yusuf Darwish", "say", "Turkey"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, AnActorAfterAnotherVerbIsThatVerbsParticipant) {
  Extraction x = Run("UN staff received reports of killings committed by Jund al-Badiya. Jordan threatened to "
                     "close its border with Syria.");
  EXPECT_EQ(Rel(x, "United Nations", "receive", "Jund al-Badiya"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordan", "threaten", "Syria"), nullptr) << Dump(x);  // the verb's own complement
}

TEST_F(ExtractTest, ACountryAfterATownSaysWhereTheTownIs) {
  Extraction x = Run("Jund al-Badiya attacked Homs, Syria, on Monday.");
  EXPECT_NE(Rel(x, "Jund al-Badiya", "attack", "Homs"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jund al-Badiya", "attack", "Syria"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, TheAgentOfAParticiplePhraseIsNotTheSubject) {
  Extraction x = Run("Kurdish fighters and local militiamen, assisted by Turkish air strikes, launched an offensive "
                     "to retake Mosul.");
  EXPECT_EQ(Rel(x, "Turkey", "retake", "Mosul"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Turkish", "retake", "Mosul"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, AVerbalActDoesNotTargetTheTownWhereSomethingHappened) {
  Extraction x = Run("Tom Burke condemned the attack in Homs. Jordan imposed a curfew in Irbid.");
  EXPECT_EQ(Rel(x, "Tom Burke", "condemn", "Homs"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordan", "impose", "Irbid"), nullptr) << Dump(x);  // a material act does
}

TEST_F(ExtractTest, ANounPhraseBeforeTheVerbIsItsSubject) {
  Extraction x = Run("Jordan faces great challenges and all communities must cooperate to defeat Jund al-Badiya. "
                     "Jordanian officials warned Syria. Jordan in the last 24 hours conducted 10 strikes "
                     "against Jund al-Badiya.");
  EXPECT_EQ(Rel(x, "Jordan", "cooperate", "Jund al-Badiya"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordan", "defeat", "Jund al-Badiya"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordanian", "warn", "Syria"), nullptr) << Dump(x);  // the noun is the argument's own
  EXPECT_NE(Rel(x, "Jordan", "strike", "Jund al-Badiya"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ALoneNameBeforeRegimeIsItsLeader) {
  Extraction x = Run("The Maduro regime has used tear gas against students. The Syrian regime bombed Homs. The "
                     "regime shelled Hama.");
  const Entity* maduro = Find(x, "Maduro");
  ASSERT_NE(maduro, nullptr) << Dump(x);
  EXPECT_EQ(maduro->type, EntityType::kPerson);
  EXPECT_EQ(Rel(x, "Maduro", "bomb", "Homs"), nullptr) << Dump(x);  // "the Syrian regime" is not Maduro's
  EXPECT_EQ(Rel(x, "Maduro", "shell", "Hama"), nullptr) << Dump(x);  // the regime named last
  x = Run("We call for an end to the Maduro regime's escalating attacks on Caracas.");
  EXPECT_NE(Rel(x, "Maduro", "attack", "Caracas"), nullptr) << Dump(x);  // a noun after a participle
}

TEST_F(ExtractTest, ATriggerNounThatModifiesANounNamesNoAct) {
  Extraction x = Run("Inspector Omar Haddad met several protest groups in Amman. Jordan bought attack helicopters "
                     "from Turkey. Jordan will attack Jund al-Badiya tomorrow.");
  EXPECT_EQ(Find(x, "Inspector Omar Haddad"), nullptr) << Dump(x);  // a title
  EXPECT_EQ(Rel(x, "Omar Haddad", "protest", "groups"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordan", "attack", "Turkey"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordan", "attack", "Jund al-Badiya"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ANameNeverEndsOnAConnector) {
  Extraction x = Run("The Foreign Office said it was reviewing the Civil Service Pension Scheme, and hoped to act.");
  EXPECT_NE(Find(x, "Civil Service Pension Scheme"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ASpeakerAfterTheReportIsNoObject) {
  Extraction x = Run("Jordan cannot take older voters for granted in the coming election, says Amnesty International.");
  EXPECT_EQ(Rel(x, "Jordan", "say", "Amnesty International"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, NounsThatLookLikeVerbs) {
  Extraction x = Run("The three freed Jordanian detainees were released without charge by Syrian police. If people "
                     "turn up in Jordan asking for help they will be turned away.");
  EXPECT_EQ(Rel(x, "Syrian police", "charge", "Jordanian"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordanian", "charge", "Syrian police"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordanian", "free", "Syrian police"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Syrian police", "release", "Jordanian"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordan", "help", "people"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ASecondClauseHasItsOwnSubject) {
  Extraction x = Run("Jordan attacked Jund al-Badiya and Syria protested. Tom Burke offered his congratulations, "
                     "as did Omar Haddad.");
  EXPECT_NE(Rel(x, "Jordan", "attack", "Jund al-Badiya"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordan", "attack", "Syria"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Tom Burke", "offer", "Omar Haddad"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, AgeAndHomeTownDescribeTheSubject) {
  Extraction x = Run("Mr Karim Haddad, 32, from Irbid, Jordan, criticised Syria.");
  EXPECT_NE(Rel(x, "Karim Haddad", "criticise", "Syria"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, BothPartiesAreTheTwoPartiesNamedBefore) {
  Extraction x = Run("Labour and the Tories clashed over migrants in Britain. The Liberal Democrats warned both parties "
                     "against pandering to prejudice.");
  EXPECT_NE(Rel(x, "Liberal Democrats", "warn", "Labour Party"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Liberal Democrats", "warn", "Conservative Party"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ATitledSpeakerAfterACommaIsNoObject) {
  Extraction x = Run("Asked whether Labour and the Tories appeal to the same voters, Mr Karim Haddad told "
                     "reporters he disagreed. Police take officers off day shifts in order to do their job.");
  EXPECT_EQ(Rel(x, "Labour Party", "appeal", "Karim Haddad"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "officers", "order", "police"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, WhatASymmetricActIsAboutIsNoParticipant) {
  Extraction x = Run("Labour and the Tories clashed over migrants in Britain. Jordan met Syria over the refugees.");
  EXPECT_NE(Rel(x, "Labour Party", "clash", "Conservative Party"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Labour Party", "clash", "migrants"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordan", "meet", "Syria"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordan", "meet", "refugees"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, AnAppositionBeforeTheVerbIsNoVerbCoordination) {
  Extraction x = Run("Karim Haddad spoke after Sir Omar Saleh, Jordan's foreign minister, warned Syria. Omar Saleh "
                     "said the extra money should be spent on helping Syrian refugees.");
  EXPECT_NE(Rel(x, "Omar Saleh", "warn", "Syria"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Karim Haddad", "warn", "Syria"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Omar Saleh", "help", "Syrian"), nullptr) << Dump(x);  // the money's, not his
}

TEST_F(ExtractTest, VerbPhrasesMatchAcrossModifiers) {
  Extraction x = Run("The Treasury Department lifted most remaining US sanctions on Syria. Jordan imposed new "
                     "sanctions on Jund al-Badiya.");
  EXPECT_NE(Rel(x, "Treasury Department", "lift_sanctions", "Syria"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Treasury Department", "lift_sanctions", "United States"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "United States", "sanction", "Syria"), nullptr) << Dump(x);  // inside the phrase
  const Relation* r = Rel(x, "Jordan", "sanction", "Jund al-Badiya");
  ASSERT_NE(r, nullptr) << Dump(x);
  EXPECT_EQ(r->event, "SANCTION");
}

TEST_F(ExtractTest, PronounsAgreeInGender) {
  Extraction x = Run("Elena Markovic met Nabil Karam in Beirut. Tom Burke arrived later. She is expected to travel "
                     "to Amman to meet Omar Haddad. Mr Haddad praised her.");
  EXPECT_NE(Rel(x, "Elena Markovic", "visit", "Amman"), nullptr) << Dump(x);  // not Tom Burke ("travel to")
  EXPECT_NE(Rel(x, "Elena Markovic", "meet", "Omar Haddad"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Omar Haddad", "praise", "Elena Markovic"), nullptr) << Dump(x);  // not Nabil Karam
}

TEST_F(ExtractTest, ShortFormsOfOrganisationsAndPlacesAreNoSurnames) {
  Extraction x = Run("Yeltsin endorses Lebed Chechnya peace plan. Alexander Lebed is now in Chechnya. Douglas & "
                     "Lomason Co agreed to be acquired by Magna International Inc. Magna said the deal would close.");
  const Entity* chechnya = Find(x, "Chechnya");
  ASSERT_NE(chechnya, nullptr) << Dump(x);
  EXPECT_EQ(chechnya->type, EntityType::kGpe);
  const Entity* magna = Find(x, "Magna International Inc");
  ASSERT_NE(magna, nullptr) << Dump(x);
  EXPECT_EQ(magna->mentions.size(), 2u) << Dump(x);  // "Magna" is its short form
}

TEST_F(ExtractTest, ANameThatWhoFollowsIsAPerson) {
  Extraction x = Run("Wimbledon finalist MaliVai Washington lost on Thursday. Washington, who climbed back from a "
                     "1-5 deficit, looked poised for another set. Thousands marched to Washington.");
  const Entity* player = Find(x, "MaliVai Washington");
  ASSERT_NE(player, nullptr) << Dump(x);
  EXPECT_EQ(player->mentions.size(), 2u) << Dump(x);
  const Entity* city = Find(x, "Washington");
  ASSERT_NE(city, nullptr) << Dump(x);
  EXPECT_EQ(city->type, EntityType::kGpe);
}

TEST_F(ExtractTest, AnEventsNameHoldsNoActor) {
  Extraction x = Run("Agassi won at the U.S. Open on Sunday. Italy won the Davis Cup. France hosted the World Cup.");
  EXPECT_EQ(Find(x, "United States"), nullptr) << Dump(x);
  EXPECT_EQ(Find(x, "Davis"), nullptr) << Dump(x);
  EXPECT_NE(Find(x, "France"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ANationActsThroughItsPeopleNotThroughAnyNoun) {
  Extraction x = Run("Jordanian companies are hosting Syrian Government websites. A Jordanian official warned "
                     "Syria. Turkish firms provided services to the Syrian government.");
  EXPECT_EQ(Rel(x, "Jordanian", "host", "Syrian Government"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordanian", "warn", "Syria"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Turkish", "provide", "Syrian Government"), nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Turkish", "provide", "Syrian"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, TheGroupIsTheOrganisationDescribedAsOne) {
  Extraction x = Run("Jund al-Badiya, a jihadist group, ambushed a convoy. The Euphrates Democratic Forces condemned "
                     "the ambush. An EDF spokesman said the group had attacked EDF positions near Hasakah.");
  EXPECT_NE(Rel(x, "Jund al-Badiya", "attack", "Euphrates Democratic Forces"), nullptr) << Dump(x);
  x = Run("The Air Refueling Wing sent more airmen. The group of reserve airmen will support the Global Coalition.");
  EXPECT_EQ(Rel(x, "Air Refueling Wing", "support", "Global Coalition"), nullptr) << Dump(x);  // "the group of"
}

TEST_F(ExtractTest, ANounHeadingTheVerbsPhraseIsTheSubjectsAct) {
  Extraction x = Run("Jordanian forces arrested a senior Jund al-Badiya commander in a raid east of Irbid.");
  EXPECT_EQ(Rel(x, "Jund al-Badiya", "raid", "Irbid"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordanian", "arrest", "Jund al-Badiya"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, StancesProtestsAndBombs) {
  Extraction x = Run("Jordan, a key ally in the war against terrorism, has refused to deploy troops in Syria. "
                     "Serbia lodged an official protest with Albania. Israel is opposed to French mediation. "
                     "Rebels exploded a series of bombs in the capital Kabul.");
  EXPECT_NE(Rel(x, "Jordan", "deploy", "troops"), nullptr) << Dump(x);  // the apposition closes before "has"
  const Relation* protest = Rel(x, "Serbia", "protest", "Albania");
  ASSERT_NE(protest, nullptr) << Dump(x);
  EXPECT_EQ(protest->event, "PROTEST");
  EXPECT_NE(Rel(x, "Israel", "oppose", "French"), nullptr) << Dump(x);  // "is opposed to" is active
  EXPECT_NE(Rel(x, "rebels", "explode", "Kabul"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ThreatsAimAtWhoeverMustActAndRetreatsAreFromTheirTarget) {
  Extraction x = Run("Druze leaders threatened to hold a general strike unless Israel rescinded the annexation. "
                     "Jordan will withdraw its observers from Syria. Peru has issued an ultimatum to Ecuador.");
  const Relation* threat = Rel(x, "Druze", "threaten", "Israel");
  ASSERT_NE(threat, nullptr) << Dump(x);
  EXPECT_EQ(threat->event, "THREATEN");
  EXPECT_NE(Rel(x, "Jordan", "withdraw", "Syria"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Peru", "threaten", "Ecuador"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, SharingIsMutualAndItsTopicNoParticipant) {
  Extraction x = Run("Tom Burke met Karim Haddad. Jordan and Syria will share intelligence on Jund al-Badiya.");
  const Relation* share = Rel(x, "Jordan", "share", "Syria");
  if (share == nullptr) share = Rel(x, "Syria", "share", "Jordan");
  EXPECT_NE(share, nullptr) << Dump(x);
  EXPECT_EQ(Rel(x, "Jordan", "share", "Jund al-Badiya"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, RivalsNamedTogetherAreNoAllies) {
  Extraction x = Run("Labour and the Tories are not being straight with people. Labour and the Conservatives had "
                     "spent millions. Jordan and Iraq launched an offensive against Jund al-Badiya.");
  EXPECT_EQ(Rel(x, "Labour Party", "ally", "Conservative Party"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jordan", "ally", "Iraq"), nullptr) << Dump(x);  // acting together
}

TEST_F(ExtractTest, AdverbsAndAdjectivesThatLookLikeVerbsAreNoActs) {
  Extraction x = Run("Tom Burke called the Jordanian leader back to Amman. Jordan pays for elderly and disabled "
                     "people.");
  for (const Relation& r : x.relations) {
    EXPECT_NE(r.relation, "support") << Dump(x);  // "back" is an adverb here
    EXPECT_NE(r.relation, "disable") << Dump(x);
  }
}

// A wire text wrapped at about 60 columns with its second paragraph indented: names wrapped over two lines
// are one actor named with a space, their mentions still point at the original text (line break and all),
// and a clause wrapped over lines keeps its relation.
TEST_F(ExtractTest, NamesAndClausesRunAcrossWrappedLines) {
  const std::string wire =
      "Fishery ministers of the five coastal states said on Tuesday\n"
      "in a statement that the Northern Fleet Board Chairman Tomas\n"
      "Irribarren would meet the Portuguese Finance Minister Elena\n"
      "Marsh in Lisbon next week to discuss the quota.\n"
      "    The meeting was arranged by the Bank of Portugal Governor\n"
      "Ana Kowalski, officials said.\n";
  for (const std::string& line_end : {std::string("\n"), std::string("\r\n")}) {
    std::string text;
    for (char c : wire) text += c == '\n' ? line_end : std::string(1, c);
    Extraction x = Run(text);
    const Entity* tomas = Find(x, "Tomas Irribarren");
    ASSERT_NE(tomas, nullptr) << Dump(x);
    EXPECT_EQ(tomas->type, EntityType::kPerson);
    ASSERT_FALSE(tomas->mentions.empty());
    EXPECT_EQ(tomas->mentions[0].text, "Tomas" + line_end + "Irribarren");
    EXPECT_EQ(text.substr(tomas->mentions[0].begin, tomas->mentions[0].end - tomas->mentions[0].begin),
              tomas->mentions[0].text);  // ASCII text: code points are bytes
    ASSERT_NE(Find(x, "Elena Marsh"), nullptr) << Dump(x);
    EXPECT_NE(Rel(x, "Tomas Irribarren", "meet", "Elena Marsh"), nullptr) << Dump(x);
    EXPECT_NE(Rel(x, "Tomas Irribarren", "affiliated_with", "Northern Fleet Board"), nullptr) << Dump(x);
    EXPECT_NE(Rel(x, "Ana Kowalski", "affiliated_with", "Bank of Portugal"), nullptr) << Dump(x);
    EXPECT_EQ(x.sentences.size(), 2u) << Dump(x);
  }
}

// Organisation, title and name in one run, as whole newswire lines write them.
TEST_F(ExtractTest, OrganisationTitleAndNameRunsAfterUnwrapping) {
  Extraction x = Run(
      "European Commission President Ana Kowalski met Council of Economic Advisers Chairman Tom Reyes in "
      "Lisbon, Navy Capt. Jeff Davis said.");
  for (const char* person : {"Ana Kowalski", "Tom Reyes", "Jeff Davis"}) {
    ASSERT_NE(Find(x, person), nullptr) << person << "\n" << Dump(x);
    EXPECT_EQ(Find(x, person)->type, EntityType::kPerson) << person;
  }
  EXPECT_NE(Rel(x, "Ana Kowalski", "affiliated_with", "European Commission"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Tom Reyes", "affiliated_with", "Council of Economic Advisers"), nullptr) << Dump(x);
  EXPECT_NE(Rel(x, "Jeff Davis", "affiliated_with", "Navy"), nullptr) << Dump(x);
}

TEST_F(ExtractTest, ACommaEndsAName) {
  Extraction x = Run(
      "Prime Minister Anne Dubois spoke on Monday. Speaking to a meeting of the National Association for "
      "Technical Research, Dubois said the government would act.");
  ASSERT_NE(Find(x, "National Association for Technical Research"), nullptr) << Dump(x);
  for (const Entity& e : x.entities) EXPECT_EQ(e.name.find(','), std::string::npos) << Dump(x);
}

}  // namespace
}  // namespace ag
