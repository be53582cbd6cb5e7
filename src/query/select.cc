// SelectSubgraph (include/actorgraph/query.h): one neighbors or path statement evaluated into a
// GraphSelection, so the part of the graph a query finds can be exported alone (`actorgraph export
// --query`). It reuses the query stage's parser, resolver, limits and evaluator (query::Select, which the
// language's `export ... of` and `let` use too), so names, clauses, filters, path modes, error messages and
// the selection itself are exactly those of query scripts. Like the rest of the query stage's boundary,
// it turns exceptions from below into a Status.
#include <exception>
#include <new>
#include <utility>
#include <string>
#include <variant>

#include "actorgraph/query.h"
#include "query/ast.h"
#include "query/evaluator.h"
#include "query/lexer.h"
#include "query/parser.h"

namespace ag {
namespace {

constexpr char kSourceName[] = "query";

Result<GraphSelection> SelectOne(const std::string& statement, Store& store, const Graph& graph) {
  // A trailing empty statement is allowed, so a ';' can always be added: on the same line, so that an
  // error at the end points there, unless that line may end with a comment.
  const size_t last_line = statement.rfind('\n') == std::string::npos ? 0 : statement.rfind('\n') + 1;
  const bool comment = statement.find("--", last_line) != std::string::npos ||
                       statement.find('#', last_line) != std::string::npos;
  const std::string text = statement + (comment ? "\n;" : " ;");
  query::SourceText source(kSourceName, text);
  AG_ASSIGN_OR_RETURN(query::Script script, query::Parse(source));
  if (script.statements.empty())
    return Status::ParseError(std::string(kSourceName) + ": no statement: give one neighbors or path statement");
  if (script.statements.size() > 1)
    return Status::ParseError(source.Format(script.statements[1].loc,
                                            "only one statement can be exported at a time"));
  // Only these two kinds select a subgraph; say so before any name is looked up.
  query::Statement& st = script.statements[0];
  if (!std::holds_alternative<query::NeighborsStatement>(st.body) &&
      !std::holds_alternative<query::PathStatement>(st.body))
    return Status::InvalidArgument(
        source.Format(st.loc, "only a neighbors or path statement selects a part of the graph to export"));
  AG_RETURN_IF_ERROR(query::Resolve(source, store, graph, &script));
  const QueryOptions options;  // the limits a query script runs with by default
  AG_RETURN_IF_ERROR(query::CheckLimits(source, script, options));
  query::SubgraphQuery subgraph;
  if (auto* n = std::get_if<query::NeighborsStatement>(&st.body)) {
    subgraph = std::move(*n);
  } else {
    subgraph = std::move(std::get<query::PathStatement>(st.body));
  }
  // The evaluator's own selection, so an export holds exactly what the same statement prints in a script.
  Result<GraphSelection> result = query::Select(subgraph, graph, options);
  if (!result.ok()) return Status(result.status().code(), source.Format(st.loc, result.status().message()));
  return result;
}

}  // namespace

Result<GraphSelection> SelectSubgraph(const std::string& statement, Store& store, const Graph& graph) {
  try {
    return SelectOne(statement, store, graph);
  } catch (const std::bad_alloc&) {
    return Status::ResourceLimit("out of memory while evaluating the query");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("evaluating the query: ") + e.what());
  }
}

}  // namespace ag
