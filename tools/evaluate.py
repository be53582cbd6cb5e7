#!/usr/bin/env python3
"""actorgraph's own extraction evaluation: runs `actorgraph extract` on the development sets and reports
mention, relation and event figures with breakdowns the shared scorer does not give (per type, per event,
errors by kind), plus throughput.

usage: tools/evaluate.py [--bin build/actorgraph] [--data ../shared/data] [--sets conll2003,re3d,plover]
                         [--errors N]

The data sets are not part of the project (see ../shared/data/README.md); the script says so and exits 2
when they are absent. It uses only the Python standard library.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time


def run_extract(binary, docs):
    payload = ''.join(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n' for d in docs)
    start = time.perf_counter()
    proc = subprocess.run([binary, 'extract', '--format', 'jsonl', '-'], input=payload.encode('utf-8'),
                          capture_output=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit('extract failed (exit %d): %s' % (proc.returncode, proc.stderr.decode(errors='replace')[-1000:]))
    results = {}
    for line in proc.stdout.decode('utf-8').splitlines():
        if line.strip():
            r = json.loads(line)
            results[str(r['doc'])] = r
    return results, seconds, len(payload.encode('utf-8'))


def f1(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spans_overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------------------------- CoNLL-2003
def read_conll(path):
    """Documents rebuilt as text (tokens joined by spaces, sentences by newlines) with gold spans."""
    docs, sentence, doc = [], [], None

    def flush():
        nonlocal sentence
        if sentence:
            doc['sentences'].append(sentence)
        sentence = []

    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('-DOCSTART-'):
            if doc is not None:
                flush()
            doc = {'id': 'conll%d' % len(docs), 'sentences': []}
            docs.append(doc)
            continue
        if not line.strip():
            if doc is not None:
                flush()
            continue
        if doc is None:
            doc = {'id': 'conll0', 'sentences': []}
            docs.append(doc)
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if doc is not None:
        flush()
    for d in docs:
        text, gold, pos = [], set(), 0
        for s in d['sentences']:
            open_span = None
            for i, (tok, tag) in enumerate(s):
                if i:
                    text.append(' ')
                    pos += 1
                begin = pos
                text.append(tok)
                pos += len(tok)
                kind = tag[2:] if tag != 'O' else None
                starts = tag.startswith('B-') or (kind is not None and (open_span is None or open_span[2] != kind))
                if open_span is not None and (tag == 'O' or starts):
                    gold.add(tuple(open_span))
                    open_span = None
                if starts:
                    open_span = [begin, pos, kind]
                elif kind is not None and open_span is not None:
                    open_span[1] = pos
            if open_span is not None:
                gold.add(tuple(open_span))
            text.append('\n')
            pos += 1
        d['text'] = ''.join(text)
        d['gold'] = {g for g in gold if g[2] in ('PER', 'ORG', 'LOC')}
    return docs


def eval_conll(args):
    path = os.path.join(args.data, 'conll2003', 'dev.txt')
    docs = read_conll(path)
    results, seconds, nbytes = run_extract(args.bin, docs)
    tmap = {'PERSON': 'PER', 'ORG': 'ORG', 'GPE': 'LOC', 'LOC': 'LOC'}
    counts = collections.Counter()
    errors = collections.Counter()
    for d in docs:
        pred = set()
        for e in results.get(d['id'], {}).get('entities', []):
            if e['type'] in tmap:
                for m in e['mentions']:
                    pred.add((m['begin'], m['end'], tmap[e['type']]))
        gold = d['gold']
        for t in ('PER', 'ORG', 'LOC'):
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            counts[t, 'tp'] += len(g & p)
            counts[t, 'pred'] += len(p)
            counts[t, 'gold'] += len(g)
        gold_spans = {(b, e): t for b, e, t in gold}
        for b, e, t in pred - gold:
            if (b, e) in gold_spans:
                errors['wrong type %s->%s' % (gold_spans[b, e], t)] += 1
            elif any(spans_overlap((b, e), g) for g in gold_spans):
                errors['wrong boundary'] += 1
            else:
                errors['spurious'] += 1
        pred_spans = {(b, e) for b, e, _ in pred}
        for b, e, t in gold - pred:
            if (b, e) not in pred_spans and not any(spans_overlap((b, e), p) for p in pred_spans):
                errors['missed %s' % t] += 1
    print('CoNLL-2003 dev: actor mentions, exact span and type')
    print('  type  precision  recall     F1')
    tp = pred = gold = 0
    for t in ('PER', 'ORG', 'LOC'):
        p, r, f = f1(counts[t, 'tp'], counts[t, 'pred'], counts[t, 'gold'])
        tp += counts[t, 'tp']
        pred += counts[t, 'pred']
        gold += counts[t, 'gold']
        print('  %-4s  %9.3f  %6.3f  %6.3f' % (t, p, r, f))
    p, r, f = f1(tp, pred, gold)
    print('  all   %9.3f  %6.3f  %6.3f' % (p, r, f))
    print('  errors: ' + ', '.join('%s %d' % kv for kv in errors.most_common()))
    print('  throughput: %.2f MB/s (%.1f MB in %.2f s, one process)' % (nbytes / 1e6 / seconds, nbytes / 1e6, seconds))
    return {'conll_f1': f}


# --------------------------------------------------------------------------------------------- re3d
def eval_re3d(args):
    root = os.path.join(args.data, 're3d')
    docs, rels = [], collections.defaultdict(list)
    for source in sorted(os.listdir(root)):
        folder = os.path.join(root, source)
        if not os.path.isdir(folder):
            continue
        for line in open(os.path.join(folder, 'documents.jsonl'), encoding='utf-8'):
            d = json.loads(line)
            docs.append({'id': d['_id'], 'text': d['text']})
        for line in open(os.path.join(folder, 'relations.jsonl'), encoding='utf-8'):
            r = json.loads(line)
            if r.get('confidence', 1) >= 0.5:
                rels[r['documentId']].append(r)
    results, seconds, nbytes = run_extract(args.bin, docs)
    verb_types = {'FightingAgainst', 'CommWith', 'AlliesOf', 'Likes', 'Dislikes'}
    by_type = collections.Counter()
    found_by_type = collections.Counter()
    pred_total = pred_ok = 0
    ends_missing = collections.Counter()
    for d in docs:
        res = results.get(d['id'], {})
        mentions = collections.defaultdict(list)
        for e in res.get('entities', []):
            for m in e['mentions']:
                mentions[e['id']].append((m['begin'], m['end']))

        def touches(eid, span):
            return any(spans_overlap(m, span) for m in mentions.get(eid, []))

        def any_mention(span):
            return any(spans_overlap(m, span) for ms in mentions.values() for m in ms)

        pairs = [(r['source'], r['target']) for r in res.get('relations', [])]

        def joined(g):
            s, t = (g['sourceBegin'], g['sourceEnd']), (g['targetBegin'], g['targetEnd'])
            return any((touches(a, s) and touches(b, t)) or (touches(a, t) and touches(b, s)) for a, b in pairs)

        for g in rels[d['id']]:
            if g['type'] not in verb_types:
                continue
            by_type[g['type']] += 1
            if joined(g):
                found_by_type[g['type']] += 1
            else:
                s = any_mention((g['sourceBegin'], g['sourceEnd']))
                t = any_mention((g['targetBegin'], g['targetEnd']))
                ends_missing['both ends found, not related' if s and t else
                             'one end not an actor mention' if s or t else 'neither end found'] += 1
        for a, b in pairs:
            pred_total += 1
            pred_ok += any(
                (touches(a, (g['sourceBegin'], g['sourceEnd'])) and touches(b, (g['targetBegin'], g['targetEnd']))) or
                (touches(b, (g['sourceBegin'], g['sourceEnd'])) and touches(a, (g['targetBegin'], g['targetEnd'])))
                for g in rels[d['id']])
    gold = sum(by_type.values())
    found = sum(found_by_type.values())
    print('re3d: verb relations (either direction, ends overlapping gold spans)')
    for t in sorted(by_type):
        print('  %-16s recall %.3f (%d/%d)' % (t, found_by_type[t] / by_type[t], found_by_type[t], by_type[t]))
    recall = found / gold if gold else 0
    precision = pred_ok / pred_total if pred_total else 0
    print('  all              recall %.3f (%d/%d); precision %.3f (%d/%d predicted match a gold relation)'
          % (recall, found, gold, precision, pred_ok, pred_total))
    print('  misses: ' + ', '.join('%s %d' % kv for kv in ends_missing.most_common()))
    print('  throughput: %.2f MB/s' % (nbytes / 1e6 / seconds))
    return {'re3d_recall': recall, 're3d_precision': precision}


# --------------------------------------------------------------------------------------------- PLOVER
def eval_plover(args):
    records = [json.loads(l) for l in open(os.path.join(args.data, 'plover-gsr', 'records.jsonl'), encoding='utf-8')]
    results, seconds, nbytes = run_extract(args.bin, [{'id': r['id'], 'text': r['text']} for r in records])
    n = pair = typed = 0
    per_event = collections.Counter()
    per_event_ok = collections.Counter()
    confusion = collections.Counter()
    for rec in records:
        text = rec['text']
        res = results.get(rec['id'], {})
        mentions = collections.defaultdict(list)
        for e in res.get('entities', []):
            for m in e['mentions']:
                mentions[e['id']].append((m['begin'], m['end']))

        def locate(actors):
            if isinstance(actors, (dict, str)):
                actors = [actors]
            out = []
            for a in actors:
                needle = a if isinstance(a, str) else a.get('actorText', '')
                i = text.find(needle) if needle else -1
                while i >= 0:
                    out.append((i, i + len(needle)))
                    i = text.find(needle, i + 1)
            return out

        src, tgt = rec.get('source', []), rec.get('target', [])
        joint = False
        if isinstance(src, list) and len(src) >= 2 and not isinstance(tgt, list):
            src, tgt, joint = src[:1], src[1:], True
        S, T = locate(src), locate(tgt)
        if not S or not T:
            continue
        n += 1
        per_event[rec['event']] += 1

        def touches(eid, spans):
            return any(spans_overlap(m, s) for m in mentions.get(eid, []) for s in spans)

        hits = [x for x in res.get('relations', []) if (touches(x['source'], S) and touches(x['target'], T)) or
                (joint and touches(x['source'], T) and touches(x['target'], S))]
        pair += bool(hits)
        ok = any(x.get('event') == rec['event'] for x in hits)
        typed += ok
        per_event_ok[rec['event']] += ok
        if hits and not ok:
            confusion['%s as %s' % (rec['event'], '/'.join(sorted({str(x.get('event')) for x in hits})))] += 1
    print('PLOVER gold records: source-target pairs and event types')
    for ev in sorted(per_event):
        print('  %-12s %.2f (%d/%d)' % (ev, per_event_ok[ev] / per_event[ev], per_event_ok[ev], per_event[ev]))
    print('  pair recall %.3f, event recall %.3f over %d records' % (pair / n, typed / n, n))
    print('  most frequent wrong events: ' + ', '.join('%s %d' % kv for kv in confusion.most_common(8)))
    return {'plover_pair': pair / n, 'plover_event': typed / n}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(here, '..', 'build', 'actorgraph'))
    ap.add_argument('--data', default=os.path.join(here, '..', '..', 'shared', 'data'))
    ap.add_argument('--sets', default='conll2003,re3d,plover')
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print('evaluate.py: the development data sets are not at %s (give --data DIR); nothing to evaluate'
              % args.data, file=sys.stderr)
        sys.exit(2)
    if not os.access(args.bin, os.X_OK):
        sys.exit('evaluate.py: %s is not an executable; build first (make build)' % args.bin)
    summary = {}
    for name in args.sets.split(','):
        summary.update({'conll2003': eval_conll, 're3d': eval_re3d, 'plover': eval_plover}[name](args))
        print()
    print('summary ' + ' '.join('%s=%.3f' % kv for kv in summary.items()))


if __name__ == '__main__':
    main()
