// The subcommands: ingest, extract, query, export, stats, entities, show. Each handler validates its
// arguments (usage errors exit 2), calls the public API and prints results to stdout; failures print one
// message naming the file/line to stderr and exit 1.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "actorgraph/document.h"
#include "actorgraph/export.h"
#include "actorgraph/extract.h"
#include "actorgraph/graph.h"
#include "actorgraph/query.h"
#include "actorgraph/store.h"
#include "cli/cli.h"

namespace ag::cli {

std::string DatabasePath(const Args& args) {
  if (args.Has("db")) return args.Get("db");
  const char* env = std::getenv("ACTORGRAPH_DB");
  if (env != nullptr && *env != '\0') return env;
  return "actorgraph.db";
}

int Fail(const Status& status) {
  std::cerr << "actorgraph: " << status.message() << "\n";
  return kExitFailure;
}

int UsageError(const Command& cmd, const std::string& message) {
  std::cerr << "actorgraph " << cmd.name << ": " << message << "\n"
            << "usage: actorgraph " << cmd.name << " " << cmd.usage << "\n"
            << "Run 'actorgraph " << cmd.name << " --help' for details.\n";
  return kExitUsage;
}

bool ParseInt(const std::string& text, long long* out) {
  if (text.empty() || text.size() > 18) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

namespace {

const Command& Cmd(const char* name) {
  for (const Command& c : Commands())
    if (std::string(c.name) == name) return c;
  std::abort();  // the table is static; an unknown name is a programming error
}

ExtractorOptions ExtractorOptionsFrom(const Args& args) {
  ExtractorOptions o;
  o.data_dir = args.Get("data");
  o.user_lexicon = args.Get("lexicon");
  o.alias_file = args.Get("aliases");
  o.verbs_file = args.Get("verbs");
  o.actors_file = args.Get("actors");
  return o;
}

// Progress on a terminal only: documents, MB/s.
class Progress {
 public:
  Progress() : enabled_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}
  void Tick(size_t docs, size_t bytes) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%zu documents, %.1f MB, %.2f MB/s   ", docs, bytes / 1e6,
                 secs > 0 ? bytes / 1e6 / secs : 0.0);
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r%60s\r", "");
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
};

Result<InputFormat> InputFormatFrom(const Args& args, bool allow_triples) {
  AG_ASSIGN_OR_RETURN(InputFormat f, ParseInputFormat(args.Get("format", "auto")));
  if (!allow_triples && f == InputFormat::kTriples)
    return Status::InvalidArgument("--format triples is for ingest only");
  return f;
}

}  // namespace

int RunIngest(const Args& args) {
  const Command& cmd = Cmd("ingest");
  if (args.positional.empty()) return UsageError(cmd, "no input: give files, directories or - for stdin");
  Result<InputFormat> format = InputFormatFrom(args, true);
  if (!format.ok()) return UsageError(cmd, format.status().message());
  std::string on_error = args.Get("on-error", "fail");
  if (on_error != "fail" && on_error != "skip") return UsageError(cmd, "--on-error must be fail or skip");
  bool skip = on_error == "skip";

  auto reader = DocumentReader::Open(args.positional, format.value());
  if (!reader.ok()) return Fail(reader.status());
  auto extractor = Extractor::Create(ExtractorOptionsFrom(args));
  if (!extractor.ok()) return Fail(extractor.status());
  std::string db = DatabasePath(args);
  auto store = Store::Open(db);
  if (!store.ok()) return Fail(store.status());

  // Part of every document's hash: a changed model or lexicon re-extracts documents on the next ingest.
  const std::string fingerprint = (*extractor)->Fingerprint();
  size_t added = 0, unchanged = 0, replaced = 0, failed = 0, bytes = 0, entities = 0, relations = 0;
  Progress progress;
  auto report_failure = [&](const Status& st) -> bool {
    ++failed;
    progress.Done();
    std::cerr << "actorgraph: " << (skip ? "skipped: " : "") << st.message() << "\n";
    return skip;
  };
  while (true) {
    Document doc;
    Result<bool> next = (*reader)->Next(&doc);
    if (!next.ok()) {
      if (report_failure(next.status())) continue;
      break;
    }
    if (!next.value()) break;
    bytes += doc.text.size();
    doc.extractor_key = fingerprint;
    const std::string hash = DocumentHash(doc);
    Result<bool> same = (*store)->IsUnchanged(doc.id, hash);
    if (!same.ok()) {
      if (report_failure(same.status().WithPrefix(doc.origin))) continue;
      break;
    }
    if (same.value()) {
      ++unchanged;
      progress.Tick(added + unchanged + replaced, bytes);
      continue;
    }
    Result<Extraction> x = (*extractor)->Extract(doc);
    if (!x.ok()) {
      if (report_failure(x.status())) continue;
      break;
    }
    Result<IngestOutcome> outcome = (*store)->Ingest(doc, x.value(), hash);
    if (!outcome.ok()) {
      if (report_failure(outcome.status().WithPrefix(doc.origin))) continue;
      break;
    }
    entities += x->entities.size();
    relations += x->relations.size();
    switch (outcome.value()) {
      case IngestOutcome::kNew: ++added; break;
      case IngestOutcome::kUnchanged: ++unchanged; break;
      case IngestOutcome::kReplaced: ++replaced; break;
    }
    progress.Tick(added + unchanged + replaced, bytes);
  }
  progress.Done();
  auto stats = (*store)->Stats();
  std::cout << "documents: " << added << " new, " << unchanged << " unchanged, " << replaced << " replaced, "
            << failed << " failed\n"
            << "extracted: " << entities << " entities, " << relations << " relations\n";
  if (stats.ok())
    std::cout << "graph " << db << ": " << stats->documents << " documents, " << stats->entities << " entities, "
              << stats->relations << " relations (" << stats->evidence << " evidence rows)\n";
  if (failed > 0 && !skip) {
    std::cerr << "actorgraph: ingest stopped at the failing document; the database holds everything before it "
                 "(use --on-error skip to go on past bad documents)\n";
    return kExitFailure;
  }
  return kExitOk;
}

int RunExtract(const Args& args) {
  const Command& cmd = Cmd("extract");
  std::vector<std::string> inputs = args.positional;
  if (inputs.empty()) return UsageError(cmd, "no input: give files, directories or - for stdin");
  Result<InputFormat> format = InputFormatFrom(args, false);
  if (!format.ok()) return UsageError(cmd, format.status().message());
  auto reader = DocumentReader::Open(inputs, format.value());
  if (!reader.ok()) return Fail(reader.status());
  auto extractor = Extractor::Create(ExtractorOptionsFrom(args));
  if (!extractor.ok()) return Fail(extractor.status());
  int failures = 0;
  std::string line;
  while (true) {
    Document doc;
    Result<bool> next = (*reader)->Next(&doc);
    if (!next.ok()) {
      // Extraction is a filter: report the bad document and go on with the rest.
      std::cerr << "actorgraph: skipped: " << next.status().message() << "\n";
      ++failures;
      continue;
    }
    if (!next.value()) break;
    Result<Extraction> x = (*extractor)->Extract(doc);
    if (!x.ok()) {
      std::cerr << "actorgraph: skipped: " << x.status().message() << "\n";
      ++failures;
      continue;
    }
    line = ExtractionToJson(x.value());
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  std::fflush(stdout);
  return failures > 0 ? kExitFailure : kExitOk;
}

namespace {

Result<std::unique_ptr<Store>> OpenExisting(const Args& args) { return Store::Open(DatabasePath(args), true); }

}  // namespace

int RunQuery(const Args& args) {
  const Command& cmd = Cmd("query");
  std::vector<std::pair<std::string, std::string>> scripts;  // (name, text)
  for (const std::string& path : args.positional) {
    std::stringstream ss;
    if (path == "-") {
      ss << std::cin.rdbuf();
      scripts.emplace_back("<stdin>", ss.str());
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Status::NotFound(path + ": cannot open query script"));
    ss << in.rdbuf();
    scripts.emplace_back(path, ss.str());
  }
  for (const std::string& e : args.All("e")) scripts.emplace_back("-e", e);
  if (scripts.empty()) return UsageError(cmd, "no script: give script files, - for stdin, or -e TEXT");
  QueryOptions options;
  auto format = ParseOutputFormat(args.Get("format", "table"));
  if (!format.ok()) return UsageError(cmd, format.status().message());
  options.format = format.value();
  struct LimitFlag {
    const char* name;
    int64_t* value;
  };
  int64_t max_depth = options.max_depth;
  for (LimitFlag f : {LimitFlag{"max-depth", &max_depth}, LimitFlag{"max-paths", &options.max_paths},
                      LimitFlag{"max-nodes", &options.max_nodes}, LimitFlag{"max-expanded", &options.max_expanded},
                      LimitFlag{"max-rows", &options.max_rows}, LimitFlag{"timeout-ms", &options.timeout_ms}}) {
    if (!args.Has(f.name)) continue;
    long long v = 0;
    if (!ParseInt(args.Get(f.name), &v) || (v == 0 && std::string(f.name) != "timeout-ms"))
      return UsageError(cmd, std::string("--") + f.name + " needs a positive integer");
    *f.value = v;
  }
  if (max_depth > 1000000) return UsageError(cmd, "--max-depth is at most 1000000");
  options.max_depth = static_cast<int>(max_depth);
  // Syntax first, for every script, before the graph is loaded.
  for (const auto& [name, text] : scripts) {
    Status st = CheckQueryScript(name, text);
    if (!st.ok()) return Fail(st);
  }
  auto store = OpenExisting(args);
  if (!store.ok()) return Fail(store.status());
  auto graph = Graph::Load(**store);
  if (!graph.ok()) return Fail(graph.status());
  for (const auto& [name, text] : scripts) {
    Status st = RunQueryScript(name, text, **store, **graph, options, std::cout);
    std::cout.flush();
    if (!st.ok()) return Fail(st);
  }
  return kExitOk;
}

namespace {

// The format named by --format, else the one -o's extension names (.gexf, .json, .graphml), else GraphML.
Result<ExportFormat> ExportFormatFrom(const Args& args) {
  if (args.Has("format")) return ParseExportFormat(args.Get("format"));
  const std::string out = args.Get("o");
  for (const char* ext : {"gexf", "json", "graphml"}) {
    const std::string suffix = std::string(".") + ext;
    if (out.size() > suffix.size() && out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0)
      return ParseExportFormat(ext);
  }
  return ExportFormat::kGraphML;
}

}  // namespace

int RunExport(const Args& args) {
  const Command& cmd = Cmd("export");
  if (!args.Has("o")) return UsageError(cmd, "missing -o FILE (- for stdout; a directory for csv)");
  if (!args.positional.empty()) return UsageError(cmd, "unexpected argument " + args.positional[0]);
  auto format = ExportFormatFrom(args);
  if (!format.ok()) return UsageError(cmd, format.status().message());
  const std::string out = args.Get("o");
  if (out == "-" && format.value() == ExportFormat::kCsv)
    return UsageError(cmd, "csv writes two files (nodes.csv, relationships.csv): give -o DIRECTORY");
  ExportOptions options;
  if (args.Has("max-doc-ids")) {
    long long n = 0;
    if (!ParseInt(args.Get("max-doc-ids"), &n) || n > 1000000000)
      return UsageError(cmd, "--max-doc-ids needs a non-negative integer (0 = all)");
    options.max_doc_ids = static_cast<int>(n);
  }
  const bool subgraph = args.Has("query");
  const std::string statement = args.Get("query");
  if (subgraph) {
    // Syntax first, before a large graph is loaded for nothing; the ';' is added as SelectSubgraph adds
    // it, so the messages and carets are the same.
    const size_t nl = statement.rfind('\n');
    const size_t last_line = nl == std::string::npos ? 0 : nl + 1;
    const bool comment = statement.find("--", last_line) != std::string::npos ||
                         statement.find('#', last_line) != std::string::npos;
    Status syntax = CheckQueryScript("query", statement + (comment ? "\n;" : " ;"));
    if (!syntax.ok()) return Fail(syntax);
  }
  auto store = OpenExisting(args);
  if (!store.ok()) return Fail(store.status());
  auto graph = Graph::Load(**store);
  if (!graph.ok()) return Fail(graph.status());
  GraphSelection selection;
  if (subgraph) {
    auto selected = SelectSubgraph(statement, **store, **graph);
    if (!selected.ok()) return Fail(selected.status());
    selection = std::move(selected).value();
  }
  Status st = out == "-" ? ExportGraph(**graph, **store, selection, format.value(), std::cout, options)
                         : ExportGraphToFile(**graph, **store, selection, format.value(), out, options);
  if (!st.ok()) return Fail(st);
  const size_t nodes = selection.all ? (*graph)->num_nodes() : selection.nodes.size();
  const size_t edges = selection.all ? (*graph)->num_edges() : selection.edges.size();
  if (subgraph && nodes == 0) std::cerr << "actorgraph: the query found nothing (no path); the export is empty\n";
  if (out != "-")
    std::cerr << "wrote " << out << " (" << ExportFormatName(format.value()) << "): " << nodes << " nodes, "
              << edges << " edges\n";
  return kExitOk;
}

int RunStats(const Args& args) {
  auto store = OpenExisting(args);
  if (!store.ok()) return Fail(store.status());
  auto s = (*store)->Stats();
  if (!s.ok()) return Fail(s.status());
  if (args.Get("format", "table") == "json") {
    std::cout << "{\"documents\":" << s->documents << ",\"entities\":" << s->entities << ",\"aliases\":" << s->aliases
              << ",\"mentions\":" << s->mentions << ",\"relations\":" << s->relations
              << ",\"evidence\":" << s->evidence << ",\"schema_version\":" << s->schema_version << "}\n";
    return kExitOk;
  }
  std::printf("database        %s\nschema version  %d\ndocuments       %lld\nentities        %lld\n"
              "aliases         %lld\nmentions        %lld\nrelations       %lld\nevidence rows   %lld\n",
              DatabasePath(args).c_str(), s->schema_version, static_cast<long long>(s->documents),
              static_cast<long long>(s->entities), static_cast<long long>(s->aliases),
              static_cast<long long>(s->mentions), static_cast<long long>(s->relations),
              static_cast<long long>(s->evidence));
  return kExitOk;
}

int RunEntities(const Args& args) {
  const Command& cmd = Cmd("entities");
  std::optional<EntityType> type;
  if (args.Has("type")) {
    auto t = ParseEntityType(args.Get("type"));
    if (!t.ok()) return UsageError(cmd, t.status().message());
    type = t.value();
  }
  long long limit = 0;
  if (args.Has("limit") && !ParseInt(args.Get("limit"), &limit))
    return UsageError(cmd, "--limit needs a non-negative integer");
  auto store = OpenExisting(args);
  if (!store.ok()) return Fail(store.status());
  auto list = (*store)->ListEntities(type, limit);
  if (!list.ok()) return Fail(list.status());
  std::printf("%-40s %-7s %8s %7s\n", "name", "type", "mentions", "degree");
  for (const EntityRecord& e : list.value())
    std::printf("%-40s %-7s %8lld %7lld\n", e.name.c_str(), EntityTypeName(e.type),
                static_cast<long long>(e.mention_count), static_cast<long long>(e.degree));
  return kExitOk;
}

int RunShow(const Args& args) {
  const Command& cmd = Cmd("show");
  if (args.positional.size() != 1) return UsageError(cmd, "give exactly one NAME (quote names with spaces)");
  const std::string& name = args.positional[0];
  auto store = OpenExisting(args);
  if (!store.ok()) return Fail(store.status());
  auto ids = (*store)->ResolveName(name);
  if (!ids.ok()) return Fail(ids.status());
  if (ids->empty()) {
    std::string msg = "unknown actor \"" + name + "\"";
    auto sugg = (*store)->SuggestNames(name, 5);
    if (sugg.ok() && !sugg->empty()) {
      msg += "; did you mean ";
      for (size_t i = 0; i < sugg->size(); ++i) msg += (i ? ", \"" : "\"") + (*sugg)[i] + "\"";
      msg += "?";
    }
    return Fail(Status::NotFound(msg));
  }
  for (size_t k = 0; k < ids->size(); ++k) {
    auto e = (*store)->GetEntity((*ids)[k]);
    if (!e.ok()) return Fail(e.status());
    if (k) std::cout << "\n";
    std::cout << e->name << " (" << EntityTypeName(e->type) << ")\n";
    std::cout << "  mentions: " << e->mention_count << ", relations: " << e->degree;
    if (!e->first_seen.empty()) std::cout << ", seen " << e->first_seen << " .. " << e->last_seen;
    std::cout << "\n  aliases: ";
    for (size_t i = 0; i < e->aliases.size(); ++i) std::cout << (i ? ", " : "") << e->aliases[i];
    std::cout << "\n";
    if (!e->code.empty() || !e->sector.empty()) {
      std::cout << "  code: " << (e->code.empty() ? "-" : e->code);
      if (!e->country.empty()) std::cout << ", country " << e->country;
      if (!e->sector.empty()) std::cout << ", sector " << e->sector;
      std::cout << "\n";
    }
    if (!e->title.empty()) std::cout << "  title: " << e->title << "\n";
    for (const EntityRecord::Merge& m : e->merges) {
      std::cout << "  merged: \"" << m.name << "\" (" << m.rule << ") in " << m.documents
                << (m.documents == 1 ? " document: " : " documents, first: ") << m.first_doc << "\n";
    }
    auto rels = (*store)->RelationsOf(e->id);
    if (!rels.ok()) return Fail(rels.status());
    for (const RelationRecord& r : rels.value()) {
      std::cout << "  " << r.source_name << " -[" << r.relation << "]-> " << r.target_name;
      if (!r.event.empty()) std::cout << "  " << r.event;
      if (!r.cameo.empty()) std::cout << " (CAMEO " << r.cameo << ")";
      std::cout << "  x" << r.count;
      if (!r.first_date.empty()) std::cout << "  " << r.first_date;
      if (!r.last_date.empty() && r.last_date != r.first_date) std::cout << " .. " << r.last_date;
      std::cout << "\n";
      auto ev = (*store)->EvidenceOf(r.id, 2);
      if (!ev.ok()) return Fail(ev.status());
      for (const EvidenceRecord& x : ev.value()) {
        std::cout << "      " << x.doc_id;
        if (!x.date.empty()) std::cout << " (" << x.date << ")";
        if (x.negated) std::cout << " [negated]";
        if (x.modality != Modality::kAsserted) std::cout << " [" << ModalityName(x.modality) << "]";
        if (!x.attributed_to.empty()) std::cout << " [according to " << x.attributed_to << "]";
        std::cout << ": " << x.sentence_text << "\n";
      }
    }
  }
  return kExitOk;
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"ingest", "[--db FILE] [--format auto|text|jsonl|triples] [--on-error fail|skip] PATH... | -",
       "Extract actors and relations from documents and merge them into the graph database.",
       "  PATH             a text file, a JSON-lines file (*.jsonl), a directory (recursively: *.txt, *.jsonl)\n"
       "                   or - for stdin\n"
       "  --format F       auto (by extension; stdin is sniffed), text, jsonl ({\"id\",\"text\"} per line, optional\n"
       "                   \"title\",\"date\",\"source\",\"url\") or triples ({\"source\",\"relation\",\"target\"} per\n"
       "                   line, optional \"source_type\",\"target_type\",\"date\",\"weight\"; the file is one document)\n"
       "  --on-error M     fail (default): stop at the first bad document, exit 1, keep what came before;\n"
       "                   skip: report it, count it and go on\n"
       "  --lexicon FILE   a further relation lexicon (same shape as data/relations.json)\n"
       "  --aliases FILE   a user alias file: force merges and canonical names, ignore or keep apart names\n"
       "                   (see docs/entity-resolution.md)\n"
       "  --verbs FILE     a verb dictionary in PETRARCH's CAMEO format; its verbs replace the shipped ones\n"
       "  --actors FILE    a user actor dictionary (PETRARCH actor format) extending and overriding the\n"
       "                   shipped CAMEO actor codes (see docs/data-model.md, \"Actor codes\")\n"
       "  --data DIR       the data directory (default: $ACTORGRAPH_DATA, else the built-in one)\n"
       "  --db FILE        the database (default: $ACTORGRAPH_DB, else ./actorgraph.db)\n"
       "Re-ingesting an unchanged document changes nothing; a changed one replaces its old contribution.\n",
       {"db", "format", "on-error", "lexicon", "aliases", "verbs", "actors", "data"},
       {},
       RunIngest},
      {"extract", "[--format auto|text|jsonl] PATH... | -",
       "Extract actors and relations without a database: one JSON line per document on stdout.",
       "  --format F       auto, text or jsonl (as for ingest)\n"
       "  --lexicon FILE   a further relation lexicon\n"
       "  --aliases FILE   a user alias file (see docs/entity-resolution.md)\n"
       "  --verbs FILE     a verb dictionary in PETRARCH's CAMEO format (see docs/data-model.md)\n"
       "  --actors FILE    a user actor dictionary (PETRARCH actor format) for the CAMEO actor codes\n"
       "  --data DIR       the data directory\n"
       "Output per document: {\"doc\", \"entities\": [{\"id\",\"name\",\"type\",\"title\"?,\"code\",\"country\",\"sector\",\"mentions\":[{\"begin\",\"end\",\"text\"}]}],\n"
       "\"relations\": [{\"source\",\"target\",\"relation\",\"event\",\"cameo\",\"sentence\",\"begin\",\"end\",\"negated\",\"modality\",\"attributed_to\"?}]}\n"
       "Offsets are code points into the document text. Bad documents are reported on stderr and skipped\n"
       "(exit 1 at the end if any).\n",
       {"format", "lexicon", "aliases", "verbs", "actors", "data"},
       {},
       RunExtract},
      {"query", "[--db FILE] [--format table|json|csv] SCRIPT... | - | -e TEXT",
       "Run query scripts against the graph (see docs/query-language.md).",
       "  SCRIPT           a query script file; - reads one from stdin\n"
       "  -e TEXT          a script given on the command line (repeatable)\n"
       "  --format F       table (default), json (one line per statement) or csv\n"
       "  --max-depth N    largest depth / path length a statement may ask for (default 100)\n"
       "  --max-paths N    most paths one path statement may return (default 100000)\n"
       "  --max-nodes N    most nodes in one neighbourhood (default 1000000)\n"
       "  --max-expanded N most nodes one search may expand (default 5000000)\n"
       "  --max-rows N     most rows of an entity or relations statement (default 1000000)\n"
       "  --timeout-ms N   wall-clock limit of one search in ms (default 60000; 0 = none)\n"
       "A limit that is hit stops the script with an error naming it (exit 1).\n"
       "Example: actorgraph query -e 'neighbors of \"Tom Burke\" depth 2;'\n",
       {"db", "format", "e", "max-depth", "max-paths", "max-nodes", "max-expanded", "max-rows", "timeout-ms"},
       {},
       RunQuery},
      {"export", "[--db FILE] [--format graphml|gexf|json|csv] [--query STATEMENT] -o FILE|DIR|-",
       "Export the graph, or the part a query finds, for Gephi, yEd, NetworkX, igraph, Cytoscape.js, Neo4j.",
       "  --format F       graphml (Gephi, yEd, NetworkX, igraph), gexf (Gephi, with a timeline), json\n"
       "                   (node-link: NetworkX, Cytoscape.js) or csv (neo4j-admin import); default: from\n"
       "                   -o's extension (.graphml, .gexf, .json), else graphml\n"
       "  -o FILE          output file, written atomically; - for stdout; for csv a directory that gets\n"
       "                   nodes.csv and relationships.csv\n"
       "  --query S        export only what one neighbors or path statement finds (docs/query-language.md)\n"
       "  --max-doc-ids N  at most N document ids per relation (default 100; 0 = all)\n"
       "Example: actorgraph export --format gexf --query 'neighbors of \"Tom Burke\" depth 2' -o burke.gexf\n"
       "See docs/exports.md for what each tool shows and how to open the files.\n",
       {"db", "format", "o", "query", "max-doc-ids"},
       {},
       RunExport},
      {"stats", "[--db FILE] [--format table|json]", "Counts of documents, entities, relations and evidence.",
       "  --format F       table (default) or json\n", {"db", "format"}, {}, RunStats},
      {"entities", "[--db FILE] [--type T] [--limit N]", "List actors by number of mentions.",
       "  --type T         PERSON, ORG, GPE, LOC, NORP, GROUP or OTHER\n  --limit N        at most N rows\n",
       {"db", "type", "limit"}, {}, RunEntities},
      {"show", "[--db FILE] NAME", "An actor with its aliases, type, relations and evidence sentences.",
       "  NAME             canonical name or alias, case and diacritics ignored\n", {"db"}, {}, RunShow},
  };
  return kCommands;
}

}  // namespace ag::cli
