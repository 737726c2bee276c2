#!/usr/bin/env python3
"""Structural check of hand-made gold graphs (complements score.py's own gold warnings):

    python3 tools/check_gold.py GOLD_DIR [GOLD_DIR ...]

For every NAME.gold.json: each relation's `evidence` is a verbatim span of NAME.txt (up to
whitespace; "..." may join several spans), entity ids are unique, relation ends name annotated entities, no (source, type,
target) triple is listed twice (symmetric types in either direction). Prints one line per problem
and exits non-zero if there is any. Python 3 standard library only.
"""
import glob
import json
import os
import re
import sys

SYMMETRIC = {"spoke-with", "met-with", "agreed-with"}


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def check(gold_path):
    """Problems found in one gold file, as printable strings."""
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    with open(gold_path[: -len(".gold.json")] + ".txt", encoding="utf-8") as f:
        text = squash(f.read())
    problems, ids, seen = [], set(), set()
    for e in gold["entities"]:
        if e["id"] in ids:
            problems.append(f"duplicate entity id {e['id']}")
        ids.add(e["id"])
    for r in gold["relations"]:
        for end in (r["source"], r["target"]):
            if end not in ids:
                problems.append(f"dangling relation end {end}")
        ends = (r["source"], r["target"])
        if r["type"] in SYMMETRIC:
            ends = tuple(sorted(ends))
        key = (ends[0], r["type"], ends[1])
        if key in seen:
            problems.append(f"duplicate triple {key}")
        seen.add(key)
        if any(part not in text for part in map(squash, r["evidence"].split("..."))):
            problems.append(f"evidence not in text: {r['evidence']!r}")
    return problems


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: check_gold.py GOLD_DIR [GOLD_DIR ...]")
    bad = 0
    for gold_dir in sys.argv[1:]:
        for path in sorted(glob.glob(os.path.join(gold_dir, "*.gold.json"))):
            for p in check(path):
                print(f"{os.path.basename(path)}: {p}")
                bad += 1
    print(f"{bad} problem(s)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
