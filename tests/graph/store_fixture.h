// Test fixture shared by the graph and query tests: a fresh SQLite store in a temporary directory, filled from
// hand-built documents and extractions (no extractor involved), and the Graph loaded from it.
#ifndef AG_TESTS_GRAPH_STORE_FIXTURE_H_
#define AG_TESTS_GRAPH_STORE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "actorgraph/document.h"
#include "actorgraph/extract.h"
#include "actorgraph/graph.h"
#include "actorgraph/store.h"
#include "test_util.h"

namespace ag::testing {

// A text document whose entities' mentions are found in the text in order; every relation is put in
// sentence 0 with an empty trigger span.
class DocBuilder {
 public:
  DocBuilder(const std::string& id, const std::string& text) {
    doc_.id = id;
    doc_.origin = id;
    doc_.text = text;
    doc_.date = "2024-01-01";
    ex_.doc_id = id;
    ex_.sentences.push_back({0, CodePoints(text.size())});
  }

  // Returns the entity id; each surface is searched after the previous one.
  std::string Entity(const std::string& name, EntityType type, const std::vector<std::string>& surfaces) {
    ag::Entity e;
    e.id = "e" + std::to_string(ex_.entities.size() + 1);
    e.name = name;
    e.type = type;
    size_t from = 0;
    for (const std::string& s : surfaces) {
      size_t pos = doc_.text.find(s, from);
      EXPECT_NE(pos, std::string::npos) << s;
      if (pos == std::string::npos) continue;
      e.mentions.push_back({CodePoints(pos), CodePoints(pos + s.size()), s});
      from = pos + s.size();
    }
    ex_.entities.push_back(e);
    return e.id;
  }

  void Relation(const std::string& source, const std::string& relation, const std::string& target) {
    ag::Relation r;
    r.source = source;
    r.target = target;
    r.relation = relation;
    ex_.relations.push_back(r);
  }

  const Document& doc() const { return doc_; }
  const Extraction& extraction() const { return ex_; }

 private:
  int64_t CodePoints(size_t bytes) const {
    int64_t n = 0;
    for (size_t i = 0; i < bytes; ++i) n += (static_cast<unsigned char>(doc_.text[i]) & 0xC0) != 0x80;
    return n;
  }

  Document doc_;
  Extraction ex_;
};

class StoreFixture : public ::testing::Test {
 protected:
  void OpenStore() {
    auto store = Store::Open(dir_.File("test.db"));
    ASSERT_OK(store);
    store_ = std::move(store).value();
  }
  void Ingest(const DocBuilder& b) { ASSERT_OK(store_->Ingest(b.doc(), b.extraction())); }
  void LoadGraph() {
    auto graph = Graph::Load(*store_);
    ASSERT_OK(graph);
    graph_ = std::move(graph).value();
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Graph> graph_;
};

}  // namespace ag::testing

#endif  // AG_TESTS_GRAPH_STORE_FIXTURE_H_
