#!/usr/bin/env python3
"""Converts the PETRARCH-2 Phoenix actor and agent dictionaries into actorgraph's shipped actor dictionary.

    python3 tools/convert_phoenix.py [PETRARCH_DIR] [OUT_DIR]

PETRARCH_DIR holds Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt and Phoenix.agents.txt (default ../shared/resources/petrarch2); OUT_DIR
receives actors_phoenix.tsv and agents_phoenix.tsv (default data/lexicon). The dictionaries are MIT-licensed
(Copyright (c) 2014 Open Event Data Alliance); each output file starts with that notice.

The actor format is read with the same rules as src/extract/actor_codes.cc (ParsePetrarchActors), which
reads a user's own dictionary (`--actors FILE`) directly; keep the two in step (docs/data-model.md,
"Actor codes"):

- `#` (and the older `;`) starts a comment; blank lines are skipped; `_` joins the words of a phrase;
  a phrase's parenthesised parts ("(ALF)") are dropped.
- A line starting with `+` is a synonym of the current record.
- A line whose first non-blank character is `[` is a role: `[CODE]` (undated), `[CODE <DATE]` (up to and
  including DATE), `[CODE >DATE]` (from DATE on), `[CODE DATE-DATE]` (between, inclusive). DATE is YYMMDD
  (YY <= 30 is 20YY, else 19YY) or YYYYMMDD. `[---]` is the null code.
- Any other line is a primary phrase and starts a new record, unless the current record has no role yet,
  in which case the phrase joins it (PETRARCH's reading: codeless primaries share the next roles). Roles
  may also follow a phrase on its own line (`SYRIA_ [SYR]`, `NAME [IGOUNO 820101-911231] [ELI]`).
- A name defined again within a dictionary has the roles of every definition, the earlier ones first
  (the first role that holds wins); a user's dictionary replaces the roles of the names it defines.

The C++ parser refuses a malformed line of a user's file (file:line); this converter reports a malformed
line of the shipped dictionaries on stderr (file:line) and skips it, since those files have a few.
"""

import os
import re
import sys

MIT_NOTICE = """The MIT License (MIT)

Copyright (c) 2014 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

ACTOR_FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt"]
AGENT_FILE = "Phoenix.agents.txt"

CODE_RE = re.compile(r"^(---|[A-Z0-9]+)$")

# Words that make a phrase an organisation's name (for the type column; the PETRARCH format has no types).
ORG_WORDS = set("""ARMY FRONT BRIGADE BRIGADES BATTALION BATTALIONS PARTY MOVEMENT COUNCIL ORGANIZATION
ORGANISATION ORGANIZATIONS GROUP GROUPS COMMITTEE UNION LEAGUE ASSOCIATION ALLIANCE COALITION AGENCY BANK
FUND COMMISSION COURT TRIBUNAL MINISTRY DEPARTMENT OFFICE BUREAU INSTITUTE FOUNDATION SOCIETY CENTER CENTRE
FORCES FORCE MILITIA MILITIAS CORPS GUARD GUARDS NETWORK CONGRESS PARLIAMENT ASSEMBLY SENATE CABINET
GOVERNMENT REGIME SECRETARIAT PROGRAMME PROGRAM BOARD AUTHORITY CONFERENCE FEDERATION CELLS CELL NUCLEI
COMMAND LIBERATION JIHAD TALIBAN HEZBOLLAH HAMAS QAEDA QAIDA NEWS AGENCY TELEVISION RADIO TIMES POST
UNIVERSITY COMPANY CORPORATION BANK RED CROSS NATIONS""".split())


class DictError(Exception):
    pass


def expand_date(d, where):
    """YYMMDD or YYYYMMDD -> YYYYMMDD, checked."""
    if not d.isdigit() or len(d) not in (6, 8):
        raise DictError(f"{where}: date \"{d}\" is not YYMMDD or YYYYMMDD")
    if len(d) == 6:
        yy = int(d[:2])
        d = ("20" if yy <= 30 else "19") + d
    y, m, day = int(d[:4]), int(d[4:6]), int(d[6:8])
    mdays = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30,
             31, 30, 31]
    if not (1 <= m <= 12) or not (1 <= day <= mdays[m - 1]):
        raise DictError(f"{where}: date \"{d}\" does not exist")
    return d


def parse_role(body, where):
    """The inside of [...] -> 'CODE', 'CODE <DATE', 'CODE >DATE' or 'CODE DATE-DATE' (dates YYYYMMDD)."""
    parts = body.split(None, 1)
    if not parts:
        raise DictError(f"{where}: empty role \"[]\"")
    code = parts[0].upper()
    if not CODE_RE.match(code):
        raise DictError(f"{where}: actor code \"{parts[0]}\" is not letters and digits")
    if len(parts) == 1:
        return code
    rest = parts[1].replace(" ", "")
    if rest[0] in "<>":
        return f"{code} {rest[0]}{expand_date(rest[1:], where)}"
    if rest.count("-") == 1:
        a, b = rest.split("-")
        a, b = expand_date(a, where), expand_date(b, where)
        if b < a:
            raise DictError(f"{where}: date range {a}-{b} ends before it starts")
        return f"{code} {a}-{b}"
    raise DictError(f"{where}: date restriction \"{parts[1]}\" is not <DATE, >DATE or DATE-DATE")


def clean_phrase(text):
    """A phrase as written -> words joined by single spaces (underscores are spaces; (...) dropped)."""
    text = re.sub(r"\([^)]*\)", " ", text.replace("_", " "))
    return " ".join(text.split())


def strip_comment(line):
    for mark in ("#", ";"):
        k = line.find(mark)
        if k >= 0:
            line = line[:k]
    return line


def split_roles(line, where):
    """'PHRASE [R1] [R2]' -> ('PHRASE', [roles])."""
    k = line.find("[")
    if k < 0:
        if "]" in line:
            raise DictError(f"{where}: \"]\" without \"[\"")
        return line, []
    phrase, rest, roles = line[:k], line[k:], []
    while rest.strip():
        rest = rest.strip()
        if not rest.startswith("["):
            raise DictError(f"{where}: text \"{rest}\" after a role")
        end = rest.find("]")
        if end < 0:
            raise DictError(f"{where}: \"[\" without \"]\"")
        roles.append(parse_role(rest[1:end], where))
        rest = rest[end + 1:]
    return phrase, roles


def read_lines(path):
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("latin-1")
            yield n, line.rstrip("\r\n")


def parse_actors(path, warn):
    """Records [(phrases, roles, comment_of_first_line)] of one PETRARCH actor file."""
    records = []
    cur = None
    name = os.path.basename(path)
    for n, raw in read_lines(path):
        where = f"{name}:{n}"
        comment = raw[raw.find("#"):] if "#" in raw else ""
        line = strip_comment(raw).strip()
        if not line:
            continue
        try:
            if line.startswith("["):
                if cur is None:
                    raise DictError(f"{where}: a role before any actor")
                _, roles = split_roles(line, where)
                cur[1].extend(roles)
                continue
            synonym = line.startswith("+")
            if synonym:
                line = line[1:]
            phrase, roles = split_roles(line, where)
            phrase = clean_phrase(phrase)
            if not phrase:
                raise DictError(f"{where}: no name before the role")
            if synonym:
                if cur is None:
                    raise DictError(f"{where}: a synonym (+) before any actor")
                cur[0].append(phrase)
                cur[1].extend(roles)
            elif cur is not None and not cur[1]:
                cur[0].append(phrase)
                cur[1].extend(roles)
            else:
                cur = ([phrase], list(roles), comment)
                records.append(cur)
        except DictError as e:
            warn(str(e))
    return records


def infer_type(phrase, roles, comment, source):
    """GPE, ORG or PERSON for one name of a record, or '' when unsure (the tagger decides then). The
    PETRARCH format has no types: leaders' records carry a CountryInfo/IGOrulers comment, states are
    records of a bare country code in the countries file, and organisations are told by an organisation
    word or, in the international and non-state files, by a one-word name (HAMAS, NATO, REUTERS); other
    names of those records are often people (a group's leader) and stay untyped."""
    codes = [r.split()[0] for r in roles if r.split()[0] != "---"]
    words = phrase.upper().split()
    if "CountryInfo" in comment or "IGOrulers" in comment:
        return "PERSON"
    if any(w in ORG_WORDS for w in words):
        return "ORG"
    if source == 0 and codes and all(len(c) == 3 for c in codes):
        return "GPE"
    if source in (1, 2) and len(words) == 1 and len(words[0]) >= 3:
        return "ORG"
    return ""


def agent_entries(path, warn):
    """(phrase, code) pairs of the agents file: plurals made, substitution markers expanded."""
    name = os.path.basename(path)
    subst = {}
    out = []
    for n, raw in read_lines(path):
        where = f"{name}:{n}"
        line = strip_comment(raw).strip()
        if not line or line.startswith("<!"):
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.*)$", line)
        if m:
            subst[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        k = line.find("[")
        if k < 0 or "]" not in line[k:]:
            warn(f"{where}: agent without a [code]")
            continue
        code = line[k + 1:line.find("]", k)].strip()
        if not code or "~" not in code:
            warn(f"{where}: agent code \"{code}\" has no ~")
            continue
        phrase = line[:k].replace("}", "} ").strip()
        plural = None
        if "{" in phrase:
            a, _, b = phrase.partition("{")
            plural = b.partition("}")[0].strip()
            phrase = a.strip()
        m = re.search(r"!(\w+)!", phrase)
        if m:
            if m.group(1) not in subst:
                warn(f"{where}: substitution marker !{m.group(1)}! is not defined")
                continue
            forms = [phrase.replace(m.group(0), s) for s in subst[m.group(1)]]
        else:
            forms = [phrase]
            if plural is None:
                base = phrase.rstrip("_")
                if base.endswith("Y") and not base.endswith(("AY", "EY", "OY", "UY")):
                    plural = base[:-1] + "IES"
                elif base.endswith(("S", "SH", "CH", "X")):
                    plural = base + "ES"
                else:
                    plural = base + "S"
            if plural:
                forms.append(plural)
        for f in forms:
            p = clean_phrase(f)
            if p:
                out.append((p.lower(), code.upper()))
    return out


def header(what, columns):
    lines = [f"# {what}", "# Generated by tools/convert_phoenix.py from the PETRARCH-2 Phoenix dictionaries",
             "# (https://github.com/openeventdata/petrarch2); do not edit by hand, re-run the converter.",
             f"# Columns: {columns}", "#"]
    lines += [("# " + l).rstrip() for l in MIT_NOTICE.splitlines()]
    return "\n".join(lines) + "\n"


def fold(name):
    """The ASCII part of NameKey (src/text/normalize.cc): enough to drop exact duplicates here."""
    s = re.sub(r"['`]", "", name.lower())
    return " ".join(re.split(r"[ \-._,\"\t]+", s)).strip()


def main(argv):
    src = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/resources/petrarch2")
    out_dir = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(__file__), "../data/lexicon")
    warnings = []
    warn = warnings.append
    by_key = {}  # fold(name) -> [name, roles, type], in order of first definition
    for source, fname in enumerate(ACTOR_FILES):
        for phrases, roles, comment in parse_actors(os.path.join(src, fname), warn):
            if not roles or all(r == "---" for r in roles):
                continue  # no code: nothing to look up
            for p in phrases:
                kind = infer_type(p, roles, comment, source)
                k = fold(p)
                if not k:
                    continue
                if k not in by_key:
                    by_key[k] = [p, list(roles), kind]
                else:
                    # A name defined again keeps its earlier roles first and gains the new ones.
                    entry = by_key[k]
                    entry[1] += [r for r in roles if r not in entry[1]]
                    entry[2] = entry[2] or kind
    seen = by_key
    groups = {}  # (type, roles) -> names, in order of first definition
    for name, roles, kind in by_key.values():
        groups.setdefault((kind, ";".join(roles)), []).append(name)
    rows = [(kind, roles, "|".join(names)) for (kind, roles), names in groups.items()]
    with open(os.path.join(out_dir, "actors_phoenix.tsv"), "w", encoding="utf-8") as f:
        f.write(header("Actor dictionary: CAMEO actor codes of states, places, leaders, officials, "
                       "international organisations and armed non-state groups.",
                       "type (GPE, ORG, PERSON or empty)<TAB>roles (';'-separated: CODE, CODE <YYYYMMDD, "
                       "CODE >YYYYMMDD, CODE YYYYMMDD-YYYYMMDD)<TAB>names ('|'-separated)"))
        for t, roles, names in rows:
            f.write(f"{t}\t{roles}\t{names}\n")
    agents = []
    aseen = set()
    for phrase, code in agent_entries(os.path.join(src, AGENT_FILE), warn):
        if phrase not in aseen:
            aseen.add(phrase)
            agents.append((phrase, code))
    with open(os.path.join(out_dir, "agents_phoenix.tsv"), "w", encoding="utf-8") as f:
        f.write(header("Agent nouns: the sector an unnamed actor's noun gives (army ~MIL, officials ~GOV); "
                       "~X follows the actor's code, X~ precedes it.",
                       "lower-case noun phrase (plurals included)<TAB>agent code"))
        for phrase, code in agents:
            f.write(f"{phrase}\t{code}\n")
    for w in warnings:
        print("warning: " + w, file=sys.stderr)
    print(f"{len(rows)} actor records ({len(seen)} names), {len(agents)} agent phrases, "
          f"{len(warnings)} lines skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
