#!/usr/bin/env python3
"""Samples edges of a graph built from a corpus, each with one evidence sentence, for reading by hand.

usage: sample_edges.py --ag BIN --input FILE.jsonl [--first N] [--skip K] [--edges 50] [--seed 1] --out FILE
Ingests documents K+1..K+N of FILE (JSON lines {"id","text",...}) into a fresh store next to --out, picks
--edges aggregated verb-relation edges at random (seeded; the links read off names, affiliated_with and
nationality_of, are left out), and writes them as JSON lines: source, relation, event, target,
modality and negation of the evidence, who it is attributed to, and the evidence sentence. A reader marks
each edge right (source, relation, direction and target as the sentence states them), partly right or
wrong; docs/evaluation.md keeps the share of fully right edges. Needs Python's sqlite3.
"""
import argparse, json, os, random, sqlite3, subprocess, sys, tempfile

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ag', required=True); ap.add_argument('--input', required=True)
    ap.add_argument('--first', type=int, default=100); ap.add_argument('--skip', type=int, default=0)
    ap.add_argument('--edges', type=int, default=50); ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix='sample-edges-')
    docs = os.path.join(work, 'docs.jsonl')
    with open(a.input, encoding='utf-8') as f, open(docs, 'w', encoding='utf-8') as g:
        for i, line in enumerate(f):
            if i < a.skip: continue
            if i >= a.skip + a.first: break
            g.write(line)
    db = os.path.join(work, 'g.db')
    subprocess.run([a.ag, 'ingest', '--db', db, docs], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT r.id, s.name, r.relation, r.event, t.name FROM relations r "
        "JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id "
        "WHERE r.relation NOT IN ('affiliated_with', 'nationality_of') ORDER BY r.id").fetchall()
    random.Random(a.seed).shuffle(rows)
    # Stores before schema version 3 have no attribution.
    attributed = any(c[1] == 'attributed_to' for c in con.execute("PRAGMA table_info(evidence)"))
    with open(a.out, 'w', encoding='utf-8') as out:
        for rid, src, rel, event, tgt in rows[:a.edges]:
            by_sql = "coalesce(x.name, '')" if attributed else "''"
            join = "LEFT JOIN entities x ON x.id = e.attributed_to " if attributed else ""
            ev = con.execute(
                f"SELECT d.ext_id, e.sentence_text, e.negated, e.modality, {by_sql} FROM evidence e "
                f"JOIN documents d ON d.id = e.doc_id {join}"
                "WHERE e.relation_id = ? ORDER BY e.id LIMIT 1", (rid,)).fetchone()
            doc, sentence, negated, modality, by = ev
            out.write(json.dumps({'source': src, 'relation': rel, 'event': event, 'target': tgt,
                                  'negated': bool(negated), 'modality': ['asserted', 'planned', 'hedged'][modality],
                                  'attributed_to': by, 'doc': doc, 'evidence': sentence}, ensure_ascii=False) + '\n')
    print(f'{min(a.edges, len(rows))} of {len(rows)} edges written to {a.out}', file=sys.stderr)

if __name__ == '__main__':
    main()
