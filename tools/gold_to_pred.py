#!/usr/bin/env python3
"""Self-check helper: convert every NAME.gold.json in a gold directory into the
prediction format (NAME.json: nodes with name/type/aliases, edges) so that

    python3 tools/gold_to_pred.py GOLD_DIR OUT_DIR
    python3 /work/shared/eval/score.py --gold GOLD_DIR --pred OUT_DIR

scores the gold against itself (expected: F1 1.000 everywhere, no gold warnings).
Optional entities and relations are exported too; the scorer ignores them.
Python 3 standard library only.
"""
import glob
import json
import os
import sys


def convert(gold):
    nodes = [{"id": e["id"], "name": e["name"], "type": e["type"],
              "aliases": list(e.get("aliases", []))} for e in gold["entities"]]
    edges = [{"source": r["source"], "target": r["target"], "type": r["type"]}
             for r in gold["relations"]]
    return {"nodes": nodes, "edges": edges}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gold_to_pred.py GOLD_DIR OUT_DIR")
    gold_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    for path in sorted(glob.glob(os.path.join(gold_dir, "*.gold.json"))):
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
        name = os.path.basename(path)[:-len(".gold.json")]
        with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(convert(gold), f, ensure_ascii=False, indent=1)
        n += 1
    print(f"converted {n} gold files to {out_dir}")


if __name__ == "__main__":
    main()
