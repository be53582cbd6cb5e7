// Graph::Load against a real temporary Store: entities become nodes in id order with their aliases,
// aggregated relations become edges with their attributes, entity ids map back to nodes, and an empty store
// gives an empty graph. A scripted Store checks sparse entity ids, alias order, a dangling relation and the
// default Store::ScanForGraph.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "actorgraph/graph.h"
#include "graph/store_fixture.h"
#include "test_util.h"

namespace ag {
namespace {

class GraphLoadTest : public testing::StoreFixture {};

TEST_F(GraphLoadTest, EmptyStore) {
  OpenStore();
  LoadGraph();
  EXPECT_EQ(graph_->num_nodes(), 0u);
  EXPECT_EQ(graph_->num_edges(), 0u);
}

TEST_F(GraphLoadTest, NodesAndEdges) {
  OpenStore();
  testing::DocBuilder d1("d1", "Alice met Bob. Alice met Bob again. Bob warned Acme.");
  auto alice = d1.Entity("Alice", EntityType::kPerson, {"Alice", "Alice"});
  auto bob = d1.Entity("Bob", EntityType::kPerson, {"Bob", "Bob", "Bob"});
  auto acme = d1.Entity("Acme", EntityType::kOrg, {"Acme"});
  d1.Relation(alice, "meet", bob);
  d1.Relation(alice, "meet", bob);
  d1.Relation(bob, "warn", acme);
  Ingest(d1);
  testing::DocBuilder d2("d2", "Carol met Alice.");
  d2.Relation(d2.Entity("Carol", EntityType::kPerson, {"Carol"}), "meet",
              d2.Entity("Alice", EntityType::kPerson, {"Alice"}));
  Ingest(d2);
  LoadGraph();

  ASSERT_EQ(graph_->num_nodes(), 4u);
  ASSERT_EQ(graph_->num_edges(), 3u);
  auto entities = store_->ListEntities(std::nullopt, 0);
  ASSERT_OK(entities);
  for (const EntityRecord& e : *entities) {
    auto node = graph_->NodeOfEntity(e.id);
    ASSERT_TRUE(node.has_value()) << e.name;
    EXPECT_EQ(graph_->node(*node).name, e.name);
    EXPECT_EQ(graph_->node(*node).type, e.type);
    EXPECT_EQ(graph_->node(*node).mention_count, e.mention_count);
  }
  for (NodeIndex i = 1; i < graph_->num_nodes(); ++i)
    EXPECT_LT(graph_->node(i - 1).entity_id, graph_->node(i).entity_id);

  const GraphEdge& meet = graph_->edge(0);
  EXPECT_EQ(graph_->node(meet.source).name, "Alice");
  EXPECT_EQ(graph_->node(meet.target).name, "Bob");
  EXPECT_EQ(meet.relation, "meet");
  EXPECT_EQ(meet.count, 2);
  EXPECT_DOUBLE_EQ(meet.weight, 2.0);
  EXPECT_EQ(meet.first_date, "2024-01-01");
  EXPECT_EQ(graph_->node(graph_->edge(2).source).name, "Carol");

  auto alice_node = graph_->NodeOfEntity(graph_->node(0).entity_id);
  NeighborOptions o;
  o.depth = 1;
  auto hood = graph_->Neighbors(*alice_node, o);
  ASSERT_OK(hood);
  EXPECT_EQ(hood->nodes.size(), 3u);  // Alice, Bob, Carol
}

TEST_F(GraphLoadTest, AliasesAndModalityCounts) {
  OpenStore();
  testing::DocBuilder d("d1", "Richard Hale met Bob. Hale said Bob may meet Hale again. President Hale left.");
  auto hale = d.Entity("Richard Hale", EntityType::kPerson, {"Richard Hale", "Hale", "Hale", "President Hale"});
  auto bob = d.Entity("Bob", EntityType::kPerson, {"Bob", "Bob"});
  d.Relation(hale, "meet", bob);
  Ingest(d);
  LoadGraph();
  ASSERT_EQ(graph_->num_nodes(), 2u);
  const GraphNode& h = graph_->node(*graph_->NodeOfEntity(graph_->node(0).entity_id));
  EXPECT_EQ(h.name, "Richard Hale");
  EXPECT_EQ(h.aliases, (std::vector<std::string>{"Hale", "President Hale"}));  // most frequent first
  EXPECT_TRUE(graph_->node(1).aliases.empty());
  EXPECT_EQ(graph_->relation_names(), (std::vector<std::string>{"meet"}));
}

// A Store whose graph scan is scripted; everything else is unused by Graph::Load.
class ScriptedStore : public Store {
 public:
  std::vector<EntityRecord> entities;
  std::vector<std::tuple<int64_t, std::string, int64_t>> aliases;
  std::vector<RelationRecord> relations;
  bool override_scan = true;

  Result<bool> IsUnchanged(const std::string&, const std::string&) override { return false; }
  Result<IngestOutcome> Ingest(const Document&, const Extraction&, const std::string&) override {
    return Status::Internal("unused");
  }
  Result<StoreStats> Stats() override { return StoreStats(); }
  Result<std::vector<EntityRecord>> ListEntities(std::optional<EntityType>, int64_t) override { return entities; }
  Result<std::vector<int64_t>> ResolveName(const std::string&) override { return std::vector<int64_t>(); }
  Result<std::vector<std::string>> SuggestNames(const std::string&, int) override {
    return std::vector<std::string>();
  }
  Result<EntityRecord> GetEntity(int64_t) override { return Status::NotFound("unused"); }
  Result<std::vector<RelationRecord>> RelationsOf(int64_t) override { return relations; }
  Result<std::vector<EvidenceRecord>> EvidenceOf(int64_t, int64_t) override {
    return std::vector<EvidenceRecord>();
  }
  Status ForEachEntity(const std::function<void(const EntityRecord&)>& fn) override {
    for (const auto& e : entities) fn(e);
    return Status::OK();
  }
  Status ForEachRelation(const std::function<void(const RelationRecord&)>& fn) override {
    for (const auto& r : relations) fn(r);
    return Status::OK();
  }
  Status ScanForGraph(const GraphScan& scan) override {
    if (!override_scan) return Store::ScanForGraph(scan);
    if (scan.sizes) scan.sizes(static_cast<int64_t>(entities.size()), static_cast<int64_t>(relations.size()));
    for (const auto& e : entities) scan.entity(e);
    for (const auto& [id, alias, count] : aliases) scan.alias(id, alias, count);
    for (const auto& r : relations) scan.relation(r);
    return Status::OK();
  }
};

RelationRecord Rel(int64_t id, int64_t source, int64_t target, const std::string& relation) {
  RelationRecord r;
  r.id = id;
  r.source_id = source;
  r.target_id = target;
  r.relation = relation;
  r.weight = 1;
  r.negated_count = 1;
  r.hedged_count = 2;
  return r;
}

TEST(GraphLoadScriptedTest, SparseIdsAliasesAndAttributes) {
  ScriptedStore store;
  for (int64_t id : {int64_t{5}, int64_t{1000000000000}, int64_t{7000000000000}}) {
    EntityRecord e;
    e.id = id;
    e.name = "e" + std::to_string(id);
    store.entities.push_back(e);
  }
  store.aliases = {{5, "e5", 9}, {5, "five", 1}, {5, "V", 3}, {7000000000000LL, "seven", 1}, {42, "nobody", 1}};
  store.relations = {Rel(10, 5, 7000000000000LL, "meet"), Rel(11, 1000000000000LL, 5, "warn")};
  auto graph = Graph::Load(store);
  ASSERT_OK(graph);
  const Graph& g = **graph;
  ASSERT_EQ(g.num_nodes(), 3u);
  EXPECT_EQ(g.NodeOfEntity(7000000000000LL), std::optional<NodeIndex>(2));
  EXPECT_EQ(g.node(0).aliases, (std::vector<std::string>{"V", "five"}));  // not its own name, by count
  EXPECT_EQ(g.node(2).aliases, (std::vector<std::string>{"seven"}));
  ASSERT_EQ(g.num_edges(), 2u);
  EXPECT_EQ(g.edge(0).source, 0u);
  EXPECT_EQ(g.edge(0).target, 2u);
  EXPECT_EQ(g.edge(1).source, 1u);
  EXPECT_EQ(g.edge(1).negated_count, 1);
  EXPECT_EQ(g.edge(1).hedged_count, 2);

  store.override_scan = false;  // the default scan: ForEachEntity / ForEachRelation, no aliases
  graph = Graph::Load(store);
  ASSERT_OK(graph);
  EXPECT_EQ((*graph)->num_edges(), 2u);
  EXPECT_TRUE((*graph)->node(0).aliases.empty());
}

TEST(GraphLoadScriptedTest, DanglingRelationIsCorruption) {
  ScriptedStore store;
  EntityRecord e;
  e.id = 1;
  store.entities.push_back(e);
  store.relations = {Rel(3, 1, 99, "meet")};
  auto graph = Graph::Load(store);
  EXPECT_EQ(graph.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(graph.status().message(), "relation 3 refers to unknown entity 99");
}

}  // namespace
}  // namespace ag
