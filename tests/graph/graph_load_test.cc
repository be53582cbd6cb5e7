// Graph::Load against a real temporary Store: entities become nodes in id order, aggregated relations become
// edges with their attributes, entity ids map back to nodes, and an empty store gives an empty graph.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ag
