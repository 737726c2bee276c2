#!/usr/bin/env python3
"""Aggregate relation scores per relation type, summed over a whole gold set.

    python3 tools/relation_breakdown.py --gold DIR --pred DIR [--eval-dir ../shared/eval]

Prints, for every relation type, the true positives, false positives and misses over the whole
set, and splits the misses into those whose two ends were both found as entities (the relation
itself was missed) and those with an end missing (an entity problem). Only sums are printed, never
an article or a sentence, so it is safe to run on the held-out sets: it says which kind of
relation is weak, not which sentence to fit. Matching is score.py's own.
"""
import argparse
import collections
import json
import os
import sys

from gold_relations import split_relations, triple_key


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--pred", required=True)
    parser.add_argument("--eval-dir", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    args = parser.parse_args()
    sys.path.insert(0, args.eval_dir)
    import score  # the scorer's own matching and symmetric types

    rows = collections.defaultdict(lambda: [0, 0, 0, 0])  # tp, fp, fn with ends found, fn with an end missing
    for name in sorted(os.listdir(args.gold)):
        if not name.endswith(".gold.json"):
            continue
        gold = json.load(open(os.path.join(args.gold, name), encoding="utf-8"))
        pred, _problem = score.load_pred(os.path.join(args.pred, name.replace(".gold.json", ".json")))
        mapping, dups = score.match_nodes(gold, pred["nodes"])
        found = set(mapping.values())
        required, optional_rel, optional = split_relations(gold, score.SYMMETRIC)
        predicted = set()
        for e in pred["edges"]:
            s, o = mapping.get(str(e.get("source"))), mapping.get(str(e.get("target")))
            t = e.get("type") or e.get("label") or ""
            if s is None or o is None or s == o:
                rows[t][1] += 1
                continue
            predicted.add(triple_key(score.SYMMETRIC, s, t, o))
        for k in predicted:
            if k in required:
                rows[k[1]][0] += 1
            elif not (k in optional_rel or k[0] in optional or k[2] in optional):
                rows[k[1]][1] += 1
        for k in required - predicted:
            rows[k[1]][2 if k[0] in found and k[2] in found else 3] += 1

    print(f"{'type':<18}{'tp':>5}{'fp':>5}{'fn':>5}  {'(ends found':>11}{'/ end missing)':>15}{'recall':>9}")
    for t, (tp, fp, fn_rel, fn_ent) in sorted(rows.items(), key=lambda kv: -sum(kv[1][::2])):
        fn = fn_rel + fn_ent
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"{t:<18}{tp:>5}{fp:>5}{fn:>5}  {fn_rel:>11}{fn_ent:>15}{recall:>9.2f}")


if __name__ == "__main__":
    main()
