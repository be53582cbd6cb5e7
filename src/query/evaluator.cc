// The query evaluator (see evaluator.h) and the public entry points RunQueryScript and CheckQueryScript:
// parse everything, resolve every name, check the limits, then execute and print statement by statement.
// This is the query stage's boundary: any exception from below (std::bad_alloc, Boost) is turned into a
// Status here.
//
// entity and relations read the aggregated relations from the in-memory graph (its adjacency answers
// "relations of X" and "relations to Y" without a table scan) and their evidence sentences and the
// entity's aliases from the Store (GetEntity, EvidenceOf).
#include "query/evaluator.h"

#include <algorithm>
#include <exception>
#include <map>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actorgraph/query.h"
#include "query/parser.h"
#include "text/normalize.h"
#include "util/strings.h"

namespace ag {
namespace query {
namespace {

constexpr int kSuggestions = 3;
constexpr size_t kMaxCandidatesShown = 10;
constexpr int64_t kDefaultPathLimit = 100;

// Up to `limit` names from `vocabulary` closest to `name` (case-insensitive edit distance), for
// "did you mean" on relation and event names.
std::vector<std::string> Closest(const std::string& name, const std::vector<std::string>& vocabulary, int limit) {
  const std::string key = AsciiLower(name);
  const int max_distance = 1 + static_cast<int>(key.size()) / 4;
  std::vector<std::pair<int, std::string>> scored;
  for (const std::string& v : vocabulary) {
    int d = EditDistance(key, AsciiLower(v));
    if (d <= max_distance) scored.emplace_back(d, v);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && out.size() < static_cast<size_t>(limit); ++i)
    out.push_back(scored[i].second);
  return out;
}

std::string DidYouMean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  std::string out = "; did you mean ";
  for (size_t i = 0; i < suggestions.size(); ++i) out += (i > 0 ? ", " : "") + QuoteName(suggestions[i]);
  return out + "?";
}

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
      auto suggestions = store_.SuggestNames(ref->name, kSuggestions);
      const std::string hint = suggestions.ok() ? DidYouMean(*suggestions) : "";
      return Status::NotFound(source_.Format(ref->loc, "unknown actor " + QuoteName(ref->name) + hint));
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

  // Relation and event names must occur in the graph (ASCII case-insensitive): a typo would otherwise
  // silently filter everything out.
  Status Check(const Filters& filters) {
    auto check = [&](const std::vector<Word>& words, const std::vector<std::string>& vocabulary,
                     const char* what) -> Status {
      for (const Word& w : words) {
        const std::string key = AsciiLower(w.text);
        bool found = std::any_of(vocabulary.begin(), vocabulary.end(),
                                 [&](const std::string& v) { return AsciiLower(v) == key; });
        if (!found)
          return Status::NotFound(source_.Format(w.loc, std::string("unknown ") + what + " " + QuoteName(w.text) +
                                                            DidYouMean(Closest(w.text, vocabulary, kSuggestions))));
      }
      return Status::OK();
    };
    AG_RETURN_IF_ERROR(check(filters.relations, graph_.relation_names(), "relation"));
    return check(filters.events, graph_.event_names(), "event");
  }

  Status BindNeighbors(NeighborsStatement* s) {
    AG_RETURN_IF_ERROR(Bind(&s->start));
    return Check(s->filters);
  }
  Status BindPath(PathStatement* s) {
    AG_RETURN_IF_ERROR(Bind(&s->from));
    AG_RETURN_IF_ERROR(Bind(&s->to));
    return Check(s->filters);
  }
  Status BindQuery(SubgraphQuery* query) {
    return std::visit(Overloaded{[&](NeighborsStatement& s) { return BindNeighbors(&s); },
                                 [&](PathStatement& s) { return BindPath(&s); }},
                      *query);
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

SearchLimits Limits(const QueryOptions& options) {
  SearchLimits l;
  l.max_expanded = options.max_expanded;
  l.timeout_ms = options.timeout_ms;
  return l;
}

// A neighbourhood after the statement's limit; `truncated` when the limit cut it.
Result<Neighborhood> RunNeighbors(const NeighborsStatement& s, const Graph& graph, const QueryOptions& options,
                                  bool* truncated) {
  NeighborOptions o;
  o.depth = s.depth;
  o.direction = s.direction;
  o.filter = s.filters.ToGraphFilter();
  o.max_nodes = options.max_nodes;
  o.limits = Limits(options);
  AG_ASSIGN_OR_RETURN(Neighborhood hood, graph.Neighbors(*s.start.node, o));
  *truncated = s.limit && hood.nodes.size() > static_cast<size_t>(*s.limit);
  if (*truncated) Truncate(graph, static_cast<size_t>(*s.limit), &hood);
  return hood;
}

Result<std::vector<Path>> RunPaths(const PathStatement& s, const Graph& graph, const QueryOptions& options,
                                   bool* truncated) {
  PathOptions o;
  o.mode = s.mode;
  o.max_hops = s.max_hops;
  o.direction = s.direction;
  o.weighted = s.weighted;
  o.filter = s.filters.ToGraphFilter();
  o.limits = Limits(options);
  int64_t wanted = 1;
  switch (s.mode) {
    case PathMode::kAllShortest:
    case PathMode::kAllSimple:
      wanted = s.limit.value_or(kDefaultPathLimit);
      o.max_paths = wanted + 1;  // one more than wanted, to tell whether the cap cut anything off
      break;
    case PathMode::kShortest: o.max_paths = 1; break;
    case PathMode::kKShortest:
      wanted = s.k;
      o.max_paths = s.k;
      break;
  }
  AG_ASSIGN_OR_RETURN(std::vector<Path> paths, graph.FindPaths(*s.from.node, *s.to.node, o));
  *truncated = (s.mode == PathMode::kAllShortest || s.mode == PathMode::kAllSimple) &&
               static_cast<int64_t>(paths.size()) > wanted;
  if (*truncated) paths.resize(static_cast<size_t>(wanted));
  return paths;
}

void SortUnique(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

GraphSelection SelectionOf(const Neighborhood& hood) {
  GraphSelection sel;
  sel.all = false;
  for (const auto& [node, depth] : hood.nodes) sel.nodes.push_back(node);
  sel.edges = hood.edges;
  SortUnique(&sel.nodes);
  return sel;
}

GraphSelection SelectionOf(const std::vector<Path>& paths) {
  GraphSelection sel;
  sel.all = false;
  for (const Path& p : paths) {
    sel.nodes.insert(sel.nodes.end(), p.nodes.begin(), p.nodes.end());
    sel.edges.insert(sel.edges.end(), p.edges.begin(), p.edges.end());
  }
  SortUnique(&sel.nodes);
  SortUnique(&sel.edges);
  return sel;
}

// Relations strongest first (weight, then store order), at most `limit`, each with its latest evidence.
Result<std::vector<RelationRow>> WithEvidence(std::vector<EdgeIndex> edges, const Graph& graph, Store& store,
                                              size_t limit) {
  auto stronger = [&](EdgeIndex a, EdgeIndex b) {
    if (graph.edge(a).weight != graph.edge(b).weight) return graph.edge(a).weight > graph.edge(b).weight;
    return a < b;
  };
  if (edges.size() > limit) {
    std::partial_sort(edges.begin(), edges.begin() + static_cast<ptrdiff_t>(limit), edges.end(), stronger);
    edges.resize(limit);
  } else {
    std::sort(edges.begin(), edges.end(), stronger);
  }
  std::vector<RelationRow> rows;
  for (EdgeIndex e : edges) {
    RelationRow row;
    row.edge = e;
    AG_ASSIGN_OR_RETURN(std::vector<EvidenceRecord> evidence, store.EvidenceOf(graph.edge(e).relation_id, 1));
    if (!evidence.empty()) row.evidence = std::move(evidence[0]);
    rows.push_back(std::move(row));
  }
  return rows;
}

Status RunEntity(const Statement& statement, const EntityStatement& s, Store& store, const Graph& graph,
                 Printer& printer) {
  const NodeIndex node = *s.name.node;
  EntityResult result;
  AG_ASSIGN_OR_RETURN(result.record, store.GetEntity(graph.node(node).entity_id));
  std::erase(result.record.aliases, result.record.name);  // the other names it goes by
  std::vector<EdgeIndex> out = graph.IncidentEdges(node, Direction::kOut);
  std::vector<EdgeIndex> in = graph.IncidentEdges(node, Direction::kIn);
  result.out_degree = out.size();
  result.in_degree = in.size();
  std::vector<EdgeIndex> all = out;
  all.insert(all.end(), in.begin(), in.end());
  SortUnique(&all);  // a self-loop is both
  result.total_relations = all.size();
  AG_ASSIGN_OR_RETURN(result.relations,
                      WithEvidence(std::move(all), graph, store,
                                   static_cast<size_t>(s.limit.value_or(kDefaultEntityRelations))));
  printer.PrintEntity(statement, result);
  return Status::OK();
}

Status RunRelations(const Statement& statement, const RelationsStatement& s, Store& store, const Graph& graph,
                    Printer& printer) {
  std::optional<NodeIndex> from, to;
  if (s.from) from = *s.from->node;
  if (s.to) to = *s.to->node;
  std::vector<EdgeIndex> edges = graph.Edges(from, to, s.filters.ToGraphFilter());
  const size_t limit = static_cast<size_t>(s.limit.value_or(kDefaultRelationsLimit));
  const bool truncated = edges.size() > limit;
  AG_ASSIGN_OR_RETURN(std::vector<RelationRow> rows, WithEvidence(std::move(edges), graph, store, limit));
  printer.PrintRelations(statement, rows, truncated);
  return Status::OK();
}

std::string Above(const char* what, int64_t value, int64_t limit, const char* option) {
  return what + std::string(" ") + std::to_string(value) + " is above the limit of " + std::to_string(limit) +
         " (" + option + ")";
}

// "" when the statement is within the limits, else what is above which limit.
std::string CheckNeighbors(const NeighborsStatement& s, const QueryOptions& options) {
  if (s.depth > options.max_depth) return Above("depth", s.depth, options.max_depth, "max_depth");
  return "";
}
std::string CheckPath(const PathStatement& s, const QueryOptions& options) {
  if (s.max_hops > options.max_depth) return Above("max", s.max_hops, options.max_depth, "max_depth");
  if (s.mode == PathMode::kKShortest && s.k > options.max_paths)
    return Above("k", s.k, options.max_paths, "max_paths");
  if (s.limit && *s.limit > options.max_paths) return Above("limit", *s.limit, options.max_paths, "max_paths");
  return "";
}
std::string CheckQuery(const SubgraphQuery& query, const QueryOptions& options) {
  return std::visit(Overloaded{[&](const NeighborsStatement& s) { return CheckNeighbors(s, options); },
                               [&](const PathStatement& s) { return CheckPath(s, options); }},
                    query);
}

}  // namespace

Status Resolve(const SourceText& source, Store& store, const Graph& graph, Script* script) {
  Resolver resolver(source, store, graph);
  for (Statement& statement : script->statements) {
    Status status = std::visit(Overloaded{
                                   [&](NeighborsStatement& s) { return resolver.BindNeighbors(&s); },
                                   [&](PathStatement& s) { return resolver.BindPath(&s); },
                                   [&](EntityStatement& s) { return resolver.Bind(&s.name); },
                                   [&](RelationsStatement& s) {
                                     if (s.from) AG_RETURN_IF_ERROR(resolver.Bind(&*s.from));
                                     if (s.to) AG_RETURN_IF_ERROR(resolver.Bind(&*s.to));
                                     return resolver.Check(s.filters);
                                   },
                                   [&](ExportStatement& s) {
                                     return s.of_query ? resolver.BindQuery(&*s.of_query) : Status::OK();
                                   },
                                   [&](LetStatement& s) { return resolver.BindQuery(&s.query); },
                               },
                               statement.body);
    AG_RETURN_IF_ERROR(status);
  }
  return Status::OK();
}

Status CheckLimits(const SourceText& source, const Script& script, const QueryOptions& options) {
  for (const Statement& statement : script.statements) {
    auto rows = [&](const std::optional<int64_t>& limit) {
      return limit && *limit > options.max_rows ? Above("limit", *limit, options.max_rows, "max_rows") : "";
    };
    const std::string error =
        std::visit(Overloaded{
                       [&](const NeighborsStatement& s) { return CheckNeighbors(s, options); },
                       [&](const PathStatement& s) { return CheckPath(s, options); },
                       [&](const EntityStatement& s) { return rows(s.limit); },
                       [&](const RelationsStatement& s) { return rows(s.limit); },
                       [&](const ExportStatement& s) {
                         return s.of_query ? CheckQuery(*s.of_query, options) : std::string();
                       },
                       [&](const LetStatement& s) { return CheckQuery(s.query, options); },
                   },
                   statement.body);
    if (!error.empty()) return Status::ResourceLimit(source.Format(statement.loc, error));
  }
  return Status::OK();
}

Result<GraphSelection> Select(const SubgraphQuery& query, const Graph& graph, const QueryOptions& options) {
  bool truncated = false;
  if (const auto* n = std::get_if<NeighborsStatement>(&query)) {
    AG_ASSIGN_OR_RETURN(Neighborhood hood, RunNeighbors(*n, graph, options, &truncated));
    return SelectionOf(hood);
  }
  AG_ASSIGN_OR_RETURN(std::vector<Path> paths, RunPaths(std::get<PathStatement>(query), graph, options, &truncated));
  return SelectionOf(paths);
}

Status Execute(const SourceText& source, const Script& script, Store& store, const Graph& graph,
               const QueryOptions& options, Printer& printer) {
  std::map<std::string, GraphSelection> lets;
  for (const Statement& statement : script.statements) {
    Status status = std::visit(
        Overloaded{
            [&](const NeighborsStatement& s) -> Status {
              bool truncated = false;
              AG_ASSIGN_OR_RETURN(Neighborhood hood, RunNeighbors(s, graph, options, &truncated));
              printer.PrintNeighbors(statement, s, hood, truncated);
              return Status::OK();
            },
            [&](const PathStatement& s) -> Status {
              bool truncated = false;
              AG_ASSIGN_OR_RETURN(std::vector<Path> paths, RunPaths(s, graph, options, &truncated));
              printer.PrintPaths(statement, s, paths, truncated);
              return Status::OK();
            },
            [&](const EntityStatement& s) { return RunEntity(statement, s, store, graph, printer); },
            [&](const RelationsStatement& s) { return RunRelations(statement, s, store, graph, printer); },
            [&](const ExportStatement& s) -> Status {
              GraphSelection selection;  // all = true: the whole graph
              if (s.of_query) {
                AG_ASSIGN_OR_RETURN(selection, Select(*s.of_query, graph, options));
              } else if (!s.of_name.empty()) {
                selection = lets.at(s.of_name);  // the parser checked it is defined before
              }
              AG_RETURN_IF_ERROR(ExportGraphToFile(graph, store, selection, s.format, s.file));
              ExportResult result;
              result.format = s.format_name;
              result.file = s.file;
              result.nodes = selection.all ? graph.num_nodes() : selection.nodes.size();
              result.edges = selection.all ? graph.num_edges() : selection.edges.size();
              printer.PrintExport(statement, result);
              return Status::OK();
            },
            [&](const LetStatement& s) -> Status {
              AG_ASSIGN_OR_RETURN(GraphSelection selection, Select(s.query, graph, options));
              printer.PrintLet(statement, s.name, selection.nodes.size(), selection.edges.size());
              lets[s.name] = std::move(selection);
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
    AG_RETURN_IF_ERROR(query::CheckLimits(source, parsed, options));
    auto printer = query::MakePrinter(options.format, graph, out);
    return query::Execute(source, parsed, store, graph, options, *printer);
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
