#!/usr/bin/env python3
"""Converts the PETRARCH-2 CAMEO verb dictionary into actorgraph's compact verb lexicon.

Reads CAMEO.2.0.txt (PETRARCH verb-dictionary format, MIT licence, Open Event Data) and the team's own
CAMEO -> PLOVER table data/lexicon/cameo_plover.tsv (CODE<TAB>TYPE, longest prefix wins) and writes:

  data/lexicon/cameo_verbs.tsv   synsets, verb forms and patterns with their CAMEO code and PLOVER type

Row kinds of cameo_verbs.tsv (tab-separated, lower case; the loader is src/extract/cameo.cc):

  S  &NAME   phrase|phrase|...                          a synset (plurals generated as PETRARCH does)
  V  block   form|form|...  pre  post  code  plover     a verb of a block: its forms; for a multi-word verb
                                                        the words before (pre) and after (post) the verb
  P  block   pre  object  preps  code  plover  line     a pattern of a block: words before the verb, the
                                                        object noun phrase (head last), prepositional
                                                        phrases "prep>noun phrase" joined by ";"

Within a field, alternatives are "/" ("by/with"), words of one phrase are separated by spaces (matched in
order, the last is the head) and "&NAME" names a synset. A code "active:passive" keeps PETRARCH's two codes;
the PLOVER column is that of the active code ("" for none or for CAMEO 01/02, which PLOVER leaves out).

Usage: tools/convert_cameo.py CAMEO.2.0.txt data/lexicon/cameo_plover.tsv OUT_DIR
"""
import re
import sys

MIT_NOTICE = """\
# Converted from CAMEO.2.0.txt, the PETRARCH-2 CAMEO verb pattern dictionary, by tools/convert_cameo.py.
# Source: https://github.com/openeventdata/petrarch2 (petrarch2/data/dictionaries/CAMEO.2.0.txt)
#
# The MIT License (MIT)
#
# Copyright (c) 2014 Open Event Data
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

PLOVER_CREDIT = """\
# PLOVER column: the type data/lexicon/cameo_plover.tsv (written by the actorgraph team) gives the code.
"""


def read_plover(path):
    """The team's table: CODE<TAB>TYPE lines, '#' comments."""
    table = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        code, category = line.rstrip('\n').split('\t')
        table[code] = category
    return table


def plover_of(code, table):
    """PLOVER category of a CAMEO code: the code itself, else its nearest listed prefix."""
    active = code.split(':', 1)[0]
    if not active or active == '---':
        return ''
    for n in range(len(active), 1, -1):
        if active[:n] in table:
            return table[active[:n]]
    return ''


def plural(word):
    if word.endswith('Y') and len(word) > 1 and word[-2] not in 'AEIOU':  # "envoys", not PETRARCH's "envoies"
        return word[:-1] + 'IES'
    if word.endswith('S'):
        return word[:-1] + 'ES'
    return word + 'S'


def regular_forms(verb):
    """Regular inflections of an upper-case verb, as PETRARCH generates them, plus the -ies/-ied forms."""
    sibilant = re.search(r'(S|SH|CH|X|Z)$', verb)
    forms = [verb, verb + ('ES' if sibilant else 'S')]
    if verb.endswith('E'):
        forms += [verb + 'D', verb[:-1] + 'ING']
    elif verb.endswith('Y') and len(verb) > 1 and verb[-2] not in 'AEIOU':
        forms += [verb[:-1] + 'IES', verb[:-1] + 'IED', verb + 'ING']
    else:
        forms += [verb + 'ED', verb + 'ING']
    return forms


def words_of(phrase):
    """A pattern phrase ("{FINANCIAL AID}", "AIR_STRIKE", "&FIGHT") as lower-case words, head last."""
    phrase = phrase.strip('{}')
    out = []
    for w in re.split(r'[\s_]+', phrase):
        w = w.strip('$+^%')
        if w:
            out.append(w if w.startswith('&') else w.lower())
    return ' '.join(out)


def split_pattern(body):
    """Splits a pattern's text (after "-", before "[code]") into pre-verb and post-verb parts: lists of
    noun phrases and "(prep phrase)" groups."""
    pre, _, post = body.partition('*')

    def tokens(part):
        out, i = [], 0
        while i < len(part):
            c = part[i]
            if c.isspace():
                i += 1
            elif c in '({':
                close = ')' if c == '(' else '}'
                depth, j = 0, i
                while j < len(part):
                    if part[j] in '({':
                        depth += 1
                    elif part[j] in ')}':
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if j >= len(part):
                    raise ValueError('unbalanced ' + c)
                out.append(part[i:j + 1])
                i = j + 1
            else:
                j = i
                while j < len(part) and not part[j].isspace() and part[j] not in '({':
                    j += 1
                out.append(part[i:j])
                i = j
        return [t for t in out if t.strip('$+^%')]
    return tokens(pre), tokens(post)


def convert_pattern(body):
    pre_toks, post_toks = split_pattern(body)
    pre = ' '.join(words_of(t) for t in pre_toks if not t.startswith('('))
    obj, preps = [], []
    for t in post_toks:
        if t.startswith('('):
            inner = t[1:-1].strip()
            prep, _, rest = inner.partition(' ')
            prep = prep.strip('$+^%').replace('_', ' ').lower()
            preps.append(prep + '>' + words_of(rest.strip()))
        elif not preps:
            obj.append(words_of(t))
        else:  # a noun after a prepositional phrase: part of that phrase
            preps[-1] += (' ' if not preps[-1].endswith('>') else '') + words_of(t)
    return pre, ' '.join(w for w in obj if w), ';'.join(preps)


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    src, plover_path, out_dir = argv[1:]
    table = read_plover(plover_path)
    synsets, blocks, rows_v, rows_p = {}, [], [], []
    block = None
    block_code = '---'
    block_ids = set()
    in_synset = None
    skipped = 0
    for lineno, raw in enumerate(open(src, encoding='latin-1'), 1):
        line = raw.split('#', 1)[0].rstrip()
        if not line.strip():
            in_synset = None
            continue
        s = line.strip()
        if in_synset is not None and s.startswith('+'):
            word = s[1:].strip()
            name = in_synset
            no_plural = name.endswith('_') or word.endswith('_')
            word = word.rstrip('_')
            phrase = ' '.join(w.lower() for w in word.split('_') if w)
            synsets[name.rstrip('_')].append(phrase)
            if not no_plural:
                parts = word.split('_')
                parts[-1] = plural(parts[-1])
                synsets[name.rstrip('_')].append(' '.join(w.lower() for w in parts if w))
            continue
        in_synset = None
        code = ''
        m = re.search(r'\[([^\]]*)\]', s)
        if m:
            code = m.group(1).strip()
            s_nocode = (s[:m.start()] + s[m.end():]).strip()
        else:
            s_nocode = s
        if s.startswith('~'):
            continue  # transformations: verb-verb rules, not lexicon
        if s.startswith('---'):
            block_code = code or '---'
            block = None
            continue
        if s.startswith('&'):
            in_synset = s.split()[0]
            synsets.setdefault(in_synset.rstrip('_'), [])
            continue
        if s.startswith('-'):
            if block is None:
                skipped += 1
                continue
            body = s_nocode[1:]
            if '{' in body and '*' not in body:
                skipped += 1
                continue
            try:
                pre, obj, preps = convert_pattern(body)
            except ValueError:
                skipped += 1
                continue
            rows_p.append(('P', block, pre, obj, preps, code or '---', plover_of(code, table), str(lineno)))
            continue
        # A verb line: VERB {FORMS} or +MULTI_WORD {+FORMS}.
        verb_code = code or block_code
        head, _, rest = s_nocode.partition('{')
        head = head.strip()
        forms_txt = rest.partition('}')[0].split()
        if not head:
            skipped += 1
            continue
        if block is None:
            bid = head.replace('+', '').lower()
            n = 2
            base = bid
            while bid in block_ids:
                bid = '%s#%d' % (base, n)
                n += 1
            block_ids.add(bid)
            block = bid
        if '_' in head:
            words = head.split('_')
            k = next((i for i, w in enumerate(words) if w.startswith('+')), 0)
            pre = ' '.join(w.lower() for w in words[:k])
            post = ' '.join(w.lower() for w in words[k + 1:])
            verb = words[k].lstrip('+')
            if forms_txt:
                forms = [verb]
                for f in forms_txt:
                    fw = f.split('_')
                    v = next((w for w in fw if w.startswith('+')), fw[0])
                    forms.append(v.lstrip('+'))
            else:
                forms = regular_forms(verb)
        else:
            pre = post = ''
            verb = head.lstrip('+')
            forms = [verb] + [f.lstrip('+') for f in forms_txt] if forms_txt else regular_forms(verb)
        seen = []
        for f in forms:
            f = f.lower()
            if re.match(r"^[a-z][a-z'-]*$", f) and f not in seen:
                seen.append(f)
        rows_v.append(('V', block, '|'.join(seen), pre, post, verb_code, plover_of(verb_code, table)))

    with open(out_dir + '/cameo_verbs.tsv', 'w', encoding='utf-8') as out:
        out.write(MIT_NOTICE)
        out.write('#\n' + PLOVER_CREDIT)
        out.write('#\n# Generated by tools/convert_cameo.py; do not edit by hand. Row kinds: see the tool.\n')
        for name, phrases in synsets.items():
            uniq = list(dict.fromkeys(phrases))
            out.write('S\t%s\t%s\n' % (name, '|'.join(uniq)))
        for r in rows_v:
            out.write('\t'.join(r) + '\n')
        for r in rows_p:
            out.write('\t'.join(r) + '\n')
    print('synsets %d, verbs %d, patterns %d, skipped %d' % (len(synsets), len(rows_v), len(rows_p), skipped),
          file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv)
