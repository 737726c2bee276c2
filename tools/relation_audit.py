#!/usr/bin/env python3
"""Per-rule precision of relation statements, and the precision/recall curve over confidence.

usage: relation_audit.py --gold GOLD_DIR --audit AUDIT.jsonl [--scorer score.py] [--show RULE]
                         [--thresholds 0,0.5,0.6]

AUDIT.jsonl comes from `cargo run --release --example relation_audit -- GOLD_DIR`. Nodes are
matched to gold entities with the scorer's own matching (score.py), so a statement counts as
right exactly when the scorer would count its triple as right. Statements of optional triples
are left out of the rule precision, as the scorer leaves them out.
"""
import argparse
import importlib.util
import json
import os
from collections import defaultdict

from gold_relations import split_relations, triple_key


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "eval", "score.py"))
    ap.add_argument("--show", default="", help="print the statements of this rule (or 'wrong')")
    ap.add_argument("--thresholds", default="0,0.4,0.5,0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9")
    args = ap.parse_args()
    score = load_scorer(args.scorer)

    per_rule = defaultdict(lambda: [0, 0])  # rule -> [right, wrong]
    per_type = defaultdict(lambda: [0, 0])
    triples = []  # (doc, key, confidence, verdict) with verdict in {"tp", "fp", "opt"}
    gold_required = 0
    for line in open(args.audit, encoding="utf-8"):
        art = json.loads(line)
        gold = json.load(open(os.path.join(args.gold, art["name"] + ".gold.json"), encoding="utf-8"))
        mapping, _ = score.match_nodes(gold, art["nodes"])
        req, opt, optional = split_relations(gold, score.SYMMETRIC)
        gold_required += len(req)
        best = {}
        for st in art["statements"]:
            gs, go = mapping.get(st["source"]), mapping.get(st["target"])
            if gs is None or go is None or gs == go:
                k, verdict = ("?", st["source"], st["type"], st["target"]), "fp"
            else:
                k = triple_key(score.SYMMETRIC, gs, st["type"], go)
                verdict = "tp" if k in req else "opt" if (k in opt or gs in optional or go in optional) else "fp"
            if verdict != "opt":
                per_rule[st["rule"]][0 if verdict == "tp" else 1] += 1
                per_type[st["type"]][0 if verdict == "tp" else 1] += 1
            if args.show and (st["rule"] == args.show or (args.show == "wrong" and verdict == "fp")):
                print(f"{verdict:3s} {st['rule']:18s} {st['confidence']:.2f} {k} [{st['trigger']}] {st['sentence'][:160]!r}")
            best[k] = max(best.get(k, (0, verdict))[0], st["confidence"]), verdict
        for k, (c, v) in best.items():
            triples.append((art["name"], k, c, v))

    print(f"{'rule':20s} right wrong precision")
    for rule, (r, w) in sorted(per_rule.items(), key=lambda x: -sum(x[1])):
        print(f"{rule:20s} {r:5d} {w:5d} {r / (r + w):.2f}")
    print(f"\n{'type':20s} right wrong precision")
    for t, (r, w) in sorted(per_type.items(), key=lambda x: -sum(x[1])):
        print(f"{t:20s} {r:5d} {w:5d} {r / (r + w):.2f}")
    print(f"\n{'min-confidence':>14s}  P      R      F1     (tp, fp)")
    for th in [float(x) for x in args.thresholds.split(",")]:
        tp = sum(1 for *_, c, v in triples if c >= th and v == "tp")
        fp = sum(1 for *_, c, v in triples if c >= th and v == "fp")
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / gold_required if gold_required else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{th:14.2f}  {p:.3f}  {r:.3f}  {f:.3f}  ({tp}, {fp})")


if __name__ == "__main__":
    main()
