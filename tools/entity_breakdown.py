#!/usr/bin/env python3
"""Aggregate entity scores per entity type, summed over a whole gold set.

    python3 tools/entity_breakdown.py --gold DIR --pred DIR [--eval-dir ../shared/eval]

Counts exactly as score.py does (its own node matching): a predicted node that matches no gold
entity is a spurious entity of its predicted type; a second node for one gold entity is a
duplicate; a gold entity that no node matches is a miss of its gold type; a match with another
type is a type error (gold type -> predicted type). Only sums are printed, never an article or a
name, so it is safe to run on the held-out sets: it says which kind of entity is weak, not which
name to fit.
"""
import argparse
import collections
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--pred", required=True)
    parser.add_argument("--eval-dir", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    args = parser.parse_args()
    sys.path.insert(0, args.eval_dir)
    import score  # the scorer's own node matching and entity types

    found = collections.Counter()  # gold type -> required gold entities found (any type)
    missed = collections.Counter()  # gold type -> required gold entities missed
    spurious = collections.Counter()  # predicted type -> nodes matching no gold entity
    duplicates = collections.Counter()  # predicted type -> second nodes of one gold entity
    type_errors = collections.Counter()  # (gold type, predicted type) -> count
    for name in sorted(os.listdir(args.gold)):
        if not name.endswith(".gold.json"):
            continue
        gold = json.load(open(os.path.join(args.gold, name), encoding="utf-8"))
        pred, _problem = score.load_pred(os.path.join(args.pred, name.replace(".gold.json", ".json")))
        gold_type = {e["id"]: e["type"] for e in gold["entities"]}
        optional = {e["id"] for e in gold["entities"] if e.get("optional")}
        mapping, dups = score.match_nodes(gold, pred["nodes"])
        dup_ids = {d[0] for d in dups}
        matched = set()
        for node in pred["nodes"]:
            nid = str(node.get("id"))
            ntype = node.get("type") or node.get("label_type") or ""
            gid = mapping.get(nid)
            if gid is None:
                if ntype in score.ENTITY_TYPES:
                    spurious[ntype] += 1
                continue
            if nid in dup_ids:
                duplicates[ntype] += 1
                continue
            matched.add(gid)
            if gid in optional:
                continue
            found[gold_type[gid]] += 1
            if ntype != gold_type[gid]:
                type_errors[(gold_type[gid], ntype)] += 1
        for e in gold["entities"]:
            if e["id"] not in matched and e["id"] not in optional:
                missed[e["type"]] += 1

    types = sorted(set(found) | set(missed) | set(spurious) | set(duplicates), key=lambda t: -(found[t] + missed[t]))
    print(f"{'type':<14}{'gold':>6}{'found':>7}{'missed':>8}{'recall':>8}{'spurious':>10}{'duplicate':>11}")
    for t in types:
        gold_count = found[t] + missed[t]
        recall = found[t] / gold_count if gold_count else 0.0
        print(f"{t:<14}{gold_count:>6}{found[t]:>7}{missed[t]:>8}{recall:>8.2f}{spurious[t]:>10}{duplicates[t]:>11}")
    if type_errors:
        print("type errors (gold -> predicted): " + ", ".join(
            f"{g} -> {p}: {n}" for (g, p), n in sorted(type_errors.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
