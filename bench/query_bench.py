#!/usr/bin/python3
# Query engine benchmark: actorgraph against python-igraph and NetworkX on one random multigraph.
#
# Generates a random directed multigraph (default 200,000 actors, 1,000,000 relations) as a triples file
# for `actorgraph ingest --format triples` and as a plain edge list for the Python libraries, times the
# ingest, then times three processes that each answer the same 20 mixed questions (10 two-hop
# neighbourhoods, 10 shortest paths, directions ignored):
#   actorgraph query  opens the store, builds its graph, resolves the names and prints JSON;
#   igraph            Graph.Read_Ncol on the edge list (C reader), neighborhood() and get_shortest_paths();
#   networkx          read_edgelist into a MultiDiGraph, then ego-graph BFS and shortest_path on an
#                     undirected view.
# Each is a fresh process timed from the outside (interpreter or binary start included), and the answers
# are cross-checked (neighbourhood sizes and path lengths must agree). Prints seconds and the ratios.
#
# Run with Debian's python (python3-igraph, python3-networkx), not a pyenv one:
#   make bench   # or: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench
#   /usr/bin/python3 bench/query_bench.py --bin build-bench/actorgraph
# Smaller runs for a quick look: --actors 20000 --relations 100000.
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

RELATIONS = ["meet", "attack", "sanction", "support", "criticize", "accuse", "praise", "visit", "warn",
             "arrest", "fund", "threaten", "negotiate", "host", "condemn", "call", "sign", "protest"]
TYPES = ["PERSON", "ORG", "GPE"]


def actor(i):
    return "Actor%06d" % i


def generate(workdir, n_actors, n_relations, seed):
    """Writes graph.triples.jsonl and graph.ncol; returns nothing. No self-loops (the store drops them),
    parallel relations with different names are allowed; a repeated (source, relation, target) is merged
    by the store, so the edge list keeps only the first of each."""
    rng = random.Random(seed)
    seen = set()
    triples = open(os.path.join(workdir, "graph.triples.jsonl"), "w")
    ncol = open(os.path.join(workdir, "graph.ncol"), "w")
    written = 0
    while written < n_relations:
        s = rng.randrange(n_actors)
        t = rng.randrange(n_actors)
        if s == t:
            continue
        r = rng.randrange(len(RELATIONS))
        key = (s, r, t)
        if key in seen:
            continue
        seen.add(key)
        w = rng.randint(1, 5)
        date = "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        triples.write(json.dumps({"source": actor(s), "source_type": TYPES[s % 3], "relation": RELATIONS[r],
                                  "target": actor(t), "target_type": TYPES[t % 3], "date": date,
                                  "weight": w}) + "\n")
        ncol.write("%s %s %d\n" % (actor(s), actor(t), w))
        written += 1
    # Actors that no relation mentions do not exist in the store; the edge list has the same vertex set.
    triples.close()
    ncol.close()


def pick_queries(n_actors, n_queries, seed):
    rng = random.Random(seed + 1)
    queries = []
    for i in range(n_queries):
        if i % 2 == 0:
            queries.append(("neighbors", rng.randrange(n_actors), None))
        else:
            queries.append(("path", rng.randrange(n_actors), rng.randrange(n_actors)))
    return queries


IGRAPH_PROGRAM = r"""
import json, sys, time
import igraph
t0 = time.time()
g = igraph.Graph.Read_Ncol(sys.argv[1], names=True, weights=True, directed=True)
t1 = time.time()
index = {name: i for i, name in enumerate(g.vs["name"])}
out = []
for kind, a, b in json.load(open(sys.argv[2])):
    if a not in index or (b is not None and b not in index):
        out.append(None)
        continue
    if kind == "neighbors":
        out.append(len(g.neighborhood(index[a], order=2, mode="all")))
    else:
        p = g.get_shortest_paths(index[a], to=index[b], mode="all", output="vpath")[0]
        out.append(len(p) - 1 if p else -1)
t2 = time.time()
print(json.dumps({"load": t1 - t0, "queries": t2 - t1, "answers": out}))
"""

NETWORKX_PROGRAM = r"""
import json, sys, time
import networkx as nx
t0 = time.time()
g = nx.read_edgelist(sys.argv[1], create_using=nx.MultiDiGraph, data=(("weight", int),))
t1 = time.time()
u = g.to_undirected(as_view=True)
out = []
for kind, a, b in json.load(open(sys.argv[2])):
    if a not in g or (b is not None and b not in g):
        out.append(None)
        continue
    if kind == "neighbors":
        out.append(len(nx.single_source_shortest_path_length(u, a, cutoff=2)))
    else:
        try:
            out.append(len(nx.shortest_path(u, a, b)) - 1)
        except nx.NetworkXNoPath:
            out.append(-1)
t2 = time.time()
print(json.dumps({"load": t1 - t0, "queries": t2 - t1, "answers": out}))
"""


def timed(cmd, stdout=subprocess.PIPE):
    t0 = time.time()
    p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    elapsed = time.time() - t0
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr))
    return elapsed, p


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", default="build-bench/actorgraph", help="the actorgraph binary (a Release build)")
    ap.add_argument("--actors", type=int, default=200000)
    ap.add_argument("--relations", type=int, default=1000000)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-hops", type=int, default=12, help="max clause of the path statements")
    ap.add_argument("--workdir", help="keep the generated files here (default: a temporary directory)")
    ap.add_argument("--skip-networkx", action="store_true")
    args = ap.parse_args()

    workdir = args.workdir or tempfile.mkdtemp(prefix="actorgraph-bench-")
    os.makedirs(workdir, exist_ok=True)
    db = os.path.join(workdir, "graph.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)

    t0 = time.time()
    generate(workdir, args.actors, args.relations, args.seed)
    print("generated %d actors / %d relations in %.1f s (%s)" %
          (args.actors, args.relations, time.time() - t0, workdir))

    ingest_s, _ = timed([args.bin, "ingest", "--db", db, "--format", "triples",
                         os.path.join(workdir, "graph.triples.jsonl")])
    print("ingest --format triples: %.2f s (target < 10 s)" % ingest_s)

    queries = pick_queries(args.actors, args.queries, args.seed)
    script = os.path.join(workdir, "bench.kgq")
    with open(script, "w") as f:
        for kind, a, b in queries:
            if kind == "neighbors":
                f.write('neighbors of "%s" depth 2;\n' % actor(a))
            else:
                f.write('path from "%s" to "%s" max %d shortest;\n' % (actor(a), actor(b), args.max_hops))
    qfile = os.path.join(workdir, "queries.json")
    with open(qfile, "w") as f:
        json.dump([[k, actor(a), actor(b) if b is not None else None] for k, a, b in queries], f)

    ours_s, p = timed([args.bin, "query", "--db", db, "--format", "json", script])
    ours = []
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if "nodes" in r:
            ours.append(len(r["nodes"]))
        else:
            ours.append(len(r["paths"][0]["edges"]) if r["paths"] else -1)
    print("actorgraph query (open + load + %d queries): %.2f s" % (len(queries), ours_s))

    results = {"actorgraph": ours_s}
    answers = {"actorgraph": ours}
    for name, program in (("igraph", IGRAPH_PROGRAM), ("networkx", NETWORKX_PROGRAM)):
        if name == "networkx" and args.skip_networkx:
            continue
        elapsed, p = timed(["/usr/bin/python3", "-c", program, os.path.join(workdir, "graph.ncol"), qfile])
        r = json.loads(p.stdout)
        results[name] = elapsed
        answers[name] = r["answers"]
        print("%s (load %.2f s + queries %.2f s): %.2f s" % (name, r["load"], r["queries"], elapsed))

    for name, a in answers.items():
        # Paths longer than max hops are "no path" for actorgraph.
        expected = [x if (q[0] == "neighbors" or x <= args.max_hops) else -1 for x, q in zip(a, queries)]
        if expected != ours:
            print("MISMATCH between actorgraph and %s:\n  %s\n  %s" % (name, ours, expected))
            sys.exit(1)
    print("answers agree (neighbourhood sizes, path lengths): %s" % ours)

    print("\nratios (other / actorgraph, higher is better for actorgraph):")
    for name in ("igraph", "networkx"):
        if name in results:
            print("  %-9s %.2fx" % (name, results[name] / ours_s))
    print("  targets: igraph > 1x, networkx >= 10x; ingest < 10 s")
    if not args.workdir:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
