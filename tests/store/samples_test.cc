// Regression test over the bundled sample corpus (data/samples, data/samples-jsonl; reference in
// data/samples/EXPECTED.md): the whole pipeline (reader, extractor, store) must yield the recurring cast
// as one actor each, keep the two Markovics apart, fold name variants and acronyms, and find the main
// relations with their negation and modality. ExpectedRelationsRecall reads every relation table of
// EXPECTED.md and holds the share found to a floor, so that a change that loses relations fails here.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/extract.h"
#include "actorgraph/store.h"
#include "test_util.h"

namespace ag {
namespace {

class SamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto store = Store::Open(dir_->File("samples.db"));
    ASSERT_OK(store);
    store_ = std::move(store).value().release();
    ExtractorOptions options;
    options.data_dir = std::string(AG_SOURCE_DIR) + "/data";
    auto extractor = Extractor::Create(options);
    ASSERT_OK(extractor);
    auto reader = DocumentReader::Open({std::string(AG_SOURCE_DIR) + "/data/samples",
                                        std::string(AG_SOURCE_DIR) + "/data/samples-jsonl"},
                                       InputFormat::kAuto);
    ASSERT_OK(reader);
    Document doc;
    int docs = 0;
    while (true) {
      auto next = (*reader)->Next(&doc);
      ASSERT_OK(next);
      if (!next.value()) break;
      auto x = (*extractor)->Extract(doc);
      ASSERT_OK(x);
      ASSERT_OK(store_->Ingest(doc, x.value()));
      ++docs;
    }
    ASSERT_EQ(docs, 18);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }

  static std::vector<EntityRecord> Resolve(const std::string& name) {
    std::vector<EntityRecord> out;
    auto ids = store_->ResolveName(name);
    EXPECT_OK(ids);
    if (!ids.ok()) return out;
    for (int64_t id : ids.value()) {
      auto e = store_->GetEntity(id);
      EXPECT_OK(e);
      if (e.ok()) out.push_back(e.value());
    }
    return out;
  }

  // The relation source -relation-> target between canonical names, or nullptr.
  static std::unique_ptr<RelationRecord> Rel(const std::string& source, const std::string& relation,
                                             const std::string& target) {
    auto s = Resolve(source);
    if (s.empty()) return nullptr;
    auto rels = store_->RelationsOf(s[0].id);
    EXPECT_OK(rels);
    for (const RelationRecord& r : rels.value())
      if (r.source_name == source && r.target_name == target && r.relation == relation)
        return std::make_unique<RelationRecord>(r);
    return nullptr;
  }

  static testing::TempDir* dir_;
  static Store* store_;
};
testing::TempDir* SamplesTest::dir_ = nullptr;
Store* SamplesTest::store_ = nullptr;

TEST_F(SamplesTest, RecurringCastIsOneActorEach) {
  for (const char* name : {"Karim al-Haddad", "Omar Sa\xE2\x80\x99" "adeh", "Tom Burke", "Elena Markovic",
                           "Luka Markovic", "Serhat Dilan", "Yusuf Darwish", "Kemal Aydin", "Richard Hale",
                           "Levent Kaya", "Faisal Qudah", "Ingrid Halvorsen", "Sergei Volkov"}) {
    auto found = Resolve(name);
    ASSERT_EQ(found.size(), 1u) << name;
    EXPECT_EQ(found[0].name, name);
    EXPECT_EQ(found[0].type, EntityType::kPerson) << name;
    EXPECT_GE(found[0].mention_count, 3) << name;
  }
}

TEST_F(SamplesTest, SpellingVariantsAndAcronymsFold) {
  auto curly = Resolve("Omar Sa\xE2\x80\x99" "adeh");
  ASSERT_EQ(curly.size(), 1u);
  for (const char* variant : {"Omar Sa'adeh", "Omar Saadeh", "OMAR SA'ADEH"}) {
    auto v = Resolve(variant);
    ASSERT_EQ(v.size(), 1u) << variant;
    EXPECT_EQ(v[0].id, curly[0].id) << variant;
  }
  auto edf = Resolve("EDF");
  ASSERT_EQ(edf.size(), 1u);
  EXPECT_EQ(edf[0].name, "Euphrates Democratic Forces");
  EXPECT_EQ(edf[0].type, EntityType::kOrg);
  auto us = Resolve("US");
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].name, "United States");
}

TEST_F(SamplesTest, NamesakesStayApart) {
  auto markovic = Resolve("Markovic");
  ASSERT_EQ(markovic.size(), 2u);  // an alias of both, the canonical name of neither
  EXPECT_NE(markovic[0].id, markovic[1].id);
  for (const EntityRecord& e : markovic) EXPECT_TRUE(e.name == "Elena Markovic" || e.name == "Luka Markovic");
}

TEST_F(SamplesTest, MainRelations) {
  struct Expected {
    const char* source;
    const char* relation;
    const char* target;
  };
  for (const Expected& x : std::vector<Expected>{
           {"Tom Burke", "meet", "Karim al-Haddad"},
           {"Elena Markovic", "visit", "Damascus"},
           {"Karim al-Haddad", "meet", "Richard Hale"},
           {"Kemal Aydin", "warn", "Euphrates Democratic Forces"},
           {"Nabil Karam", "visit", "Damascus"},
           {"Karim al-Haddad", "accuse", "Jund al-Badiya"},
           {"Karim al-Haddad", "meet", "Levent Kaya"},
           {"Karim al-Haddad", "visit", "Ankara"},
       }) {
    auto r = Rel(x.source, x.relation, x.target);
    EXPECT_NE(r, nullptr) << x.source << " -" << x.relation << "-> " << x.target;
  }
  auto planned = Rel("Omar Sa\xE2\x80\x99" "adeh", "meet", "Faisal Qudah");
  ASSERT_NE(planned, nullptr);
  EXPECT_EQ(planned->planned_count, 1);
  auto negated = Rel("Tom Burke", "meet", "Yusuf Darwish");
  ASSERT_NE(negated, nullptr);
  EXPECT_EQ(negated->negated_count, 1);
}

// Every non-optional row of the relation tables in EXPECTED.md ("| Source | Relation | Target | ..."),
// looked up in the store by the names as written (aliases resolve); meet and sign count both ways.
TEST_F(SamplesTest, ExpectedRelationsRecall) {
  std::ifstream in(std::string(AG_SOURCE_DIR) + "/data/samples/EXPECTED.md");
  ASSERT_TRUE(in.good());
  auto trim = [](std::string t) {
    size_t b = t.find_first_not_of(' '), e = t.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
  };
  int expected = 0, found = 0;
  std::string missed;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0 || line.rfind("| Source", 0) == 0 || line.rfind("|---", 0) == 0) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    std::string cell;
    while (std::getline(row, cell, '|')) cells.push_back(trim(cell));
    if (cells.size() < 6 || cells[5].find("optional") != std::string::npos) continue;
    if (cells[1].empty() || cells[1].find(' ') != std::string::npos) continue;  // the cast table
    ++expected;
    auto sources = Resolve(cells[0]);
    auto targets = Resolve(cells[2]);
    bool hit = false;
    for (const EntityRecord& src : sources) {
      auto rels = store_->RelationsOf(src.id);
      ASSERT_OK(rels);
      for (const RelationRecord& r : rels.value()) {
        if (r.relation != cells[1]) continue;
        for (const EntityRecord& tgt : targets) {
          bool forward = r.source_id == src.id && r.target_id == tgt.id;
          bool back = r.source_id == tgt.id && r.target_id == src.id && (cells[1] == "meet" || cells[1] == "sign");
          hit = hit || forward || back;
        }
      }
    }
    if (hit) {
      ++found;
    } else {
      missed += "\n  " + cells[0] + " -" + cells[1] + "-> " + cells[2];
    }
  }
  ASSERT_GT(expected, 100);
  std::printf("EXPECTED.md relations found: %d of %d\n", found, expected);
  // 109 of 117 when this floor was set; the floor leaves room for a few losses, not for a regression.
  EXPECT_GE(found * 100, expected * 88) << found << " of " << expected << " found; missed:" << missed;
}

TEST_F(SamplesTest, Traps) {
  auto group = Resolve("Jund al-Badiya");
  ASSERT_EQ(group.size(), 1u);
  EXPECT_EQ(group[0].type, EntityType::kOrg);  // "a jihadist group", not a person
  auto modifier = Rel("United States", "meet", "Syrian");
  EXPECT_EQ(modifier, nullptr);  // "US envoy ... met Syrian President X" is not the US meeting "Syrian"
}

}  // namespace
}  // namespace ag
