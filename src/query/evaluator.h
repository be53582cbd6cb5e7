// Private to the query stage: runs a parsed Script in phases. Resolve binds every actor name to one graph
// node (via Store::ResolveName and Graph::NodeOfEntity) and checks every relation and event name against
// the graph, and CheckLimits compares depths, hops and limits with the QueryOptions, both before anything
// runs, so an unknown name or an impossible request stops the script with no output printed and no file
// exported; Execute then runs the statements in order and hands each result to the Printer. Not
// thread-safe (the Store is not).
#ifndef AG_QUERY_EVALUATOR_H_
#define AG_QUERY_EVALUATOR_H_

#include "actorgraph/export.h"
#include "actorgraph/graph.h"
#include "actorgraph/query.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"
#include "query/ast.h"
#include "query/lexer.h"
#include "query/printer.h"

namespace ag::query {

// Fills NameRef::node for every actor name in `script` and checks its relation and event names. NotFound
// ("unknown actor", "unknown relation", "unknown event", with suggestions) or InvalidArgument ("ambiguous
// actor", with candidates), all with file:line:col and a caret; a Store error is passed on with the
// position prefixed.
Status Resolve(const SourceText& source, Store& store, const Graph& graph, Script* script);

// ResourceLimit (with the statement's position) for a statement asking for more than `options` allow.
Status CheckLimits(const SourceText& source, const Script& script, const QueryOptions& options);

// The part of the graph a resolved neighbors or path statement finds: a neighbourhood's nodes (after its
// limit) and the edges among them, or the nodes and edges of the paths found. Errors as Graph's, without
// a position.
Result<GraphSelection> Select(const SubgraphQuery& query, const Graph& graph, const QueryOptions& options);

// Runs the resolved statements in order, printing each as it completes and writing export files. An
// error (ResourceLimit, a Store or export failure) stops the run with the failing statement's position
// and a caret; earlier results have been printed.
Status Execute(const SourceText& source, const Script& script, Store& store, const Graph& graph,
               const QueryOptions& options, Printer& printer);

}  // namespace ag::query

#endif  // AG_QUERY_EVALUATOR_H_
