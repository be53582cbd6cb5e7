// The query evaluator (see evaluator.h) and the public entry points RunQueryScript and CheckQueryScript:
// parse everything, resolve every name, then execute and print statement by statement. This is the query
// stage's boundary: any exception from below (std::bad_alloc, Boost) is turned into a Status here.
#include "query/evaluator.h"

#include <algorithm>
#include <exception>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actorgraph/query.h"
#include "query/parser.h"
#include "text/normalize.h"

namespace ag {
namespace query {
namespace {

constexpr int kSuggestions = 3;
constexpr size_t kMaxCandidatesShown = 10;

class Resolver {
 public:
  Resolver(const SourceText& source, Store& store, const Graph& graph)
      : source_(source), store_(store), graph_(graph) {}

  Status Bind(NameRef* ref) {
    if (auto it = cache_.find(ref->name); it != cache_.end()) {
      ref->node = it->second;
      return Status::OK();
    }
    auto ids = store_.ResolveName(ref->name);
    if (!ids.ok()) return Status(ids.status().code(), source_.Format(ref->loc, ids.status().message()));
    std::vector<NodeIndex> nodes;
    for (int64_t id : *ids)
      if (auto node = graph_.NodeOfEntity(id)) nodes.push_back(*node);
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());

    if (nodes.empty()) {
      std::string message = "unknown actor " + QuoteName(ref->name);
      auto suggestions = store_.SuggestNames(ref->name, kSuggestions);
      if (suggestions.ok() && !suggestions->empty()) {
        message += "; did you mean ";
        for (size_t i = 0; i < suggestions->size(); ++i)
          message += (i > 0 ? ", " : "") + QuoteName((*suggestions)[i]);
        message += "?";
      }
      return Status::NotFound(source_.Format(ref->loc, message));
    }
    if (nodes.size() > 1) {
      // An actor's own canonical name beats other actors' aliases, so that an actor named "Hale" stays
      // reachable when "Hale" is also an alias of "Richard Hale".
      const std::string key = text::NameKey(ref->name);
      std::vector<NodeIndex> exact;
      for (NodeIndex n : nodes)
        if (text::NameKey(graph_.node(n).name) == key) exact.push_back(n);
      if (exact.size() == 1) nodes = std::move(exact);
    }
    if (nodes.size() > 1) {
      std::string message = "ambiguous actor " + QuoteName(ref->name) + ": candidates: ";
      for (size_t i = 0; i < nodes.size() && i < kMaxCandidatesShown; ++i) {
        const GraphNode& n = graph_.node(nodes[i]);
        message += (i > 0 ? ", " : "") + n.name + " (" + EntityTypeName(n.type) + ")";
      }
      if (nodes.size() > kMaxCandidatesShown)
        message += " and " + std::to_string(nodes.size() - kMaxCandidatesShown) + " more";
      return Status::InvalidArgument(source_.Format(ref->loc, message));
    }
    ref->node = nodes[0];
    cache_.emplace(ref->name, nodes[0]);
    return Status::OK();
  }

 private:
  const SourceText& source_;
  Store& store_;
  const Graph& graph_;
  std::unordered_map<std::string, NodeIndex> cache_;
};

// Keeps the first `limit` nodes (the nearest, in result order) and the edges among them.
void Truncate(const Graph& graph, size_t limit, Neighborhood* hood) {
  hood->nodes.resize(limit);
  std::vector<NodeIndex> kept;
  kept.reserve(limit);
  for (const auto& [node, depth] : hood->nodes) kept.push_back(node);
  std::sort(kept.begin(), kept.end());
  auto has = [&](NodeIndex n) { return std::binary_search(kept.begin(), kept.end(), n); };
  std::erase_if(hood->edges, [&](EdgeIndex e) { return !has(graph.edge(e).source) || !has(graph.edge(e).target); });
}

}  // namespace

Status Resolve(const SourceText& source, Store& store, const Graph& graph, Script* script) {
  Resolver resolver(source, store, graph);
  for (Statement& statement : script->statements) {
    Status status = std::visit(Overloaded{
                                   [&](NeighborsStatement& s) { return resolver.Bind(&s.start); },
                                   [&](PathStatement& s) {
                                     AG_RETURN_IF_ERROR(resolver.Bind(&s.from));
                                     return resolver.Bind(&s.to);
                                   },
                               },
                               statement.body);
    AG_RETURN_IF_ERROR(status);
  }
  return Status::OK();
}

Status Execute(const SourceText& source, const Script& script, const Graph& graph, Printer& printer) {
  for (const Statement& statement : script.statements) {
    Status status = std::visit(
        Overloaded{
            [&](const NeighborsStatement& s) -> Status {
              NeighborOptions options;
              options.depth = s.depth;
              options.direction = s.direction;
              auto result = graph.Neighbors(*s.start.node, options);
              if (!result.ok()) return result.status();
              Neighborhood& hood = result.value();
              bool truncated = s.limit && hood.nodes.size() > static_cast<size_t>(*s.limit);
              if (truncated) Truncate(graph, static_cast<size_t>(*s.limit), &hood);
              printer.PrintNeighbors(statement, s, hood, truncated);
              return Status::OK();
            },
            [&](const PathStatement& s) -> Status {
              PathOptions options;
              options.max_hops = s.max_hops;
              options.direction = s.direction;
              // One more than wanted, to tell whether the cap cut anything off.
              const int64_t wanted = s.limit ? *s.limit : options.max_paths;
              options.max_paths = wanted + 1;
              auto result = graph.ShortestPaths(*s.from.node, *s.to.node, options);
              if (!result.ok()) return result.status();
              std::vector<Path>& paths = result.value();
              bool truncated = static_cast<int64_t>(paths.size()) > wanted;
              if (truncated) paths.resize(static_cast<size_t>(wanted));
              printer.PrintPaths(statement, s, paths, truncated);
              return Status::OK();
            },
        },
        statement.body);
    if (!status.ok()) return Status(status.code(), source.Format(statement.loc, status.message()));
    if (!printer.Good()) return Status::IOError("writing the query results failed");
  }
  return Status::OK();
}

}  // namespace query

Status RunQueryScript(const std::string& source_name, const std::string& script, Store& store,
                      const Graph& graph, const QueryOptions& options, std::ostream& out) {
  try {
    query::SourceText source(source_name, script);
    AG_ASSIGN_OR_RETURN(query::Script parsed, query::Parse(source));
    AG_RETURN_IF_ERROR(query::Resolve(source, store, graph, &parsed));
    auto printer = query::MakePrinter(options.format, graph, out);
    return query::Execute(source, parsed, graph, *printer);
  } catch (const std::bad_alloc&) {
    return Status::ResourceLimit("out of memory while running " + source_name);
  } catch (const std::exception& e) {
    return Status::Internal("running " + source_name + ": " + e.what());
  }
}

Status CheckQueryScript(const std::string& source_name, const std::string& script) {
  try {
    query::SourceText source(source_name, script);
    return query::Parse(source).status();
  } catch (const std::bad_alloc&) {
    return Status::ResourceLimit("out of memory while checking " + source_name);
  } catch (const std::exception& e) {
    return Status::Internal("checking " + source_name + ": " + e.what());
  }
}

}  // namespace ag
