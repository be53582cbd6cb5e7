// Private to the query stage: runs a parsed Script in two phases. Resolve binds every actor name to one
// graph node (via Store::ResolveName and Graph::NodeOfEntity) before anything runs, so an unknown or
// ambiguous name stops the script with no output written; Execute then runs the statements in order and
// hands each result to the Printer. Not thread-safe (the Store is not).
#ifndef AG_QUERY_EVALUATOR_H_
#define AG_QUERY_EVALUATOR_H_

#include "actorgraph/graph.h"
#include "actorgraph/status.h"
#include "actorgraph/store.h"
#include "query/ast.h"
#include "query/lexer.h"
#include "query/printer.h"

namespace ag::query {

// Fills NameRef::node for every name in `script`. NotFound ("unknown actor", with suggestions) or
// InvalidArgument ("ambiguous actor", with candidates), both with file:line:col and a caret; a Store error
// is passed on with the position prefixed.
Status Resolve(const SourceText& source, Store& store, const Graph& graph, Script* script);

// Runs the resolved statements in order, printing each as it completes. A graph error (ResourceLimit) stops
// the run with the failing statement's position and a caret; earlier results have been printed.
Status Execute(const SourceText& source, const Script& script, const Graph& graph, Printer& printer);

}  // namespace ag::query

#endif  // AG_QUERY_EVALUATOR_H_
