#!/bin/sh
# GraphML export speed: `actorgraph export` against NetworkX's write_graphml on the same graph.
#
# Generates a random directed multigraph as a triples file (default 1,000,000 distinct relations among
# 100,000 actors, 20 relation verbs, dates over 2024), ingests it with `actorgraph ingest --format triples`,
# then times:
#   actorgraph   the whole `actorgraph export --format graphml` process: open the store, load the graph, read
#                aliases and evidence, write the file (wall clock, from the outside);
#   networkx     nx.write_graphml alone, on a MultiDiGraph holding the same nodes, edges and attributes as
#                actorgraph's GraphML (built, untimed, from actorgraph's JSON export: list attributes joined
#                with " | " exactly as the GraphML writes them).
# and prints both times and the ratio (networkx / actorgraph). Both write to the same disk.
#
# Usage: bench/export_vs_networkx.sh [ACTORGRAPH_BINARY] [RELATIONS] [ACTORS]
#   ACTORGRAPH_BINARY  default: build-bench/actorgraph, else build/actorgraph (a Release or RelWithDebInfo
#                      build: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench)
#   RELATIONS          default 1000000; ACTORS default RELATIONS / 10
# Needs Debian's python3-networkx (/usr/bin/python3, not a pyenv python). The default size takes 5 to 10
# minutes and several GB of memory, nearly all of it NetworkX's; WORK=DIR keeps the files in DIR.
# Measured on the 2-core development machine (shared, busy): actorgraph 3.7 s CPU (11.3 s wall), NetworkX
# 111.6 s CPU (229.4 s wall): 29.9x in CPU time, 20.4x in wall-clock time.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-}
if [ -z "$bin" ]; then
  for c in "$here/build-bench/actorgraph" "$here/build/actorgraph"; do
    if [ -x "$c" ]; then bin=$c; break; fi
  done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "actorgraph binary not found; pass it as the first argument" >&2; exit 2; }
relations=${2:-1000000}
actors=${3:-$((relations / 10))}
py=/usr/bin/python3
$py -c 'import networkx' 2>/dev/null || { echo "Debian's python3-networkx is needed (apt-get install python3-networkx)" >&2; exit 2; }

work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ag-export-bench.XXXXXX")}
mkdir -p "$work"
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
echo "work dir $work; $relations relations among $actors actors; binary $bin"

$py - "$relations" "$actors" "$work/graph.triples.jsonl" <<'EOF'
import json, random, sys
n_rel, n_actors, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(7)
verbs = ["meet", "visit", "warn", "criticize", "sanction", "attack", "support", "accuse", "host", "arrest",
         "threaten", "praise", "aid", "reject", "sign", "call", "fight", "join", "condemn", "urge"]
types = ["PERSON", "ORG", "GPE"]
seen = set()
with open(out, "w", encoding="utf-8") as f:
    while len(seen) < n_rel:
        s, t, v = random.randrange(n_actors), random.randrange(n_actors), random.randrange(len(verbs))
        if s == t or (s, v, t) in seen:
            continue
        seen.add((s, v, t))
        f.write(json.dumps({"source": "Actor %d" % s, "relation": verbs[v], "target": "Actor %d" % t,
                            "source_type": types[s % 3], "target_type": types[t % 3],
                            "date": "2024-%02d-%02d" % (random.randint(1, 12), random.randint(1, 28))}) + "\n")
EOF

db="$work/graph.db"
rm -f "$db" "$db-wal" "$db-shm"
start=$(date +%s.%N)
"$bin" ingest --format triples "$work/graph.triples.jsonl" --db "$db" >/dev/null
echo "ingest: $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"

sync
# Wall clock and CPU time (user + system) of the whole process; CPU time is the fairer number on a busy
# machine, wall clock what a user waits.
set -- $($py - "$bin" "$db" "$work/actorgraph.graphml" <<'EOF'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run([sys.argv[1], "export", "--format", "graphml", "--db", sys.argv[2], "-o", sys.argv[3]],
               check=True, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %.3f" % (wall, ru.ru_utime + ru.ru_stime))
EOF
)
ag=$1 ag_cpu=$2
echo "actorgraph export (graphml, whole process): $ag s wall, $ag_cpu s CPU, $(du -m "$work/actorgraph.graphml" | cut -f1) MB"

"$bin" export --format json --db "$db" -o "$work/graph.json" 2>/dev/null
nx=$($py - "$work/graph.json" "$work/networkx.graphml" <<'EOF'
import json, sys, time
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.MultiDiGraph()
def attrs(d, skip):
    out = {}
    for k, v in d.items():
        if k in skip or v is None:
            continue
        if k == "color":  # the GraphML carries the colour as r, g, b
            out["r"], out["g"], out["b"] = (int(v[i:i + 2], 16) for i in (1, 3, 5))
            continue
        if isinstance(v, list):
            if not v:
                continue
            v = " | ".join(v)
        out[k] = v
    return out
for n in data["nodes"]:
    g.add_node(n["id"], **attrs(n, ("id",)))
for e in data["links"]:
    g.add_edge(e["source"], e["target"], key=e["id"], **attrs(e, ("id", "key", "source", "target", "dates")))
del data
sys.stderr.write("networkx graph: %d nodes, %d edges\n" % (g.number_of_nodes(), g.number_of_edges()))
t, c = time.perf_counter(), time.process_time()
nx.write_graphml(g, sys.argv[2])
print("%.3f %.3f" % (time.perf_counter() - t, time.process_time() - c))
EOF
)
nx_wall=${nx% *} nx_cpu=${nx#* }
echo "networkx write_graphml: $nx_wall s wall, $nx_cpu s CPU, $(du -m "$work/networkx.graphml" | cut -f1) MB"
echo "ratio (networkx / actorgraph): $(awk "BEGIN { printf \"%.1f\", $nx_wall / $ag }")x wall clock, $(awk "BEGIN { printf \"%.1f\", $nx_cpu / $ag_cpu }")x CPU time"
