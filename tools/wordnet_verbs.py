#!/usr/bin/env python3
"""Writes data/lexicon/verb_lemmas.tsv from WordNet 3.0 as Debian's wordnet-base installs it
(/usr/share/wordnet): every one-word verb lemma, and the irregular inflected forms of verb.exc with their
lemma. The relation pass lemmatises verbs that are not in data/relations.json with it ("recognised" ->
recognise), so that such relations keep their lemma with event null.

usage: tools/wordnet_verbs.py [--wordnet /usr/share/wordnet] [--out data/lexicon/verb_lemmas.tsv]

WordNet is needed only to remake the file, not to build, train or run actorgraph. Standard library only.
"""
import argparse
import os
import sys

LICENCE = """\
# WordNet 3.0 licence (Princeton University), to be kept with every copy:
# Permission to use, copy, modify and distribute this software and database and its documentation for any
# purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following
# copyright notice and statements, including the disclaimer, and that the same appear on ALL copies of the
# software, database and documentation, including modifications that you make for internal use or for
# distribution.
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
# WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
# OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
# TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to
# distribution of the software and/or database.  Title to copyright in this software, database and any
# associated documentation shall at all times remain with Princeton University and LICENSEE agrees to
# preserve same.
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--wordnet', default='/usr/share/wordnet')
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'data', 'lexicon',
                                                  'verb_lemmas.tsv'))
    args = ap.parse_args()
    index = os.path.join(args.wordnet, 'index.verb')
    exc = os.path.join(args.wordnet, 'verb.exc')
    if not os.path.exists(index) or not os.path.exists(exc):
        sys.exit('%s: WordNet not found (apt-get install wordnet-base)' % args.wordnet)
    lemmas = set()
    for line in open(index, encoding='utf-8'):
        if line.startswith(' '):
            continue
        word = line.split(' ', 1)[0]
        if word.isalpha() and word.islower():
            lemmas.add(word)
    forms = {}
    for line in open(exc, encoding='utf-8'):
        parts = line.split()
        if len(parts) >= 2 and parts[0].isalpha() and parts[1] in lemmas:
            forms.setdefault(parts[0], parts[1])
    with open(args.out, 'w', encoding='utf-8') as out:
        out.write('# English verbs from WordNet 3.0: every one-word verb lemma (a line with the lemma alone) and the\n'
                  '# irregular forms of verb.exc (form<TAB>lemma). Made by tools/wordnet_verbs.py (actorgraph) from\n'
                  "# Debian's wordnet-base; do not edit by hand.\n#\n")
        out.write(LICENCE)
        for lemma in sorted(lemmas):
            out.write(lemma + '\n')
        for form in sorted(forms):
            out.write('%s\t%s\n' % (form, forms[form]))
    print('wrote %s: %d lemmas, %d irregular forms' % (args.out, len(lemmas), len(forms)))


if __name__ == '__main__':
    main()
