#!/usr/bin/env python3
"""Is prediction B really better than prediction A on a gold set? A paired bootstrap over articles.

    python3 tools/compare_bootstrap.py --gold DIR --pred-a DIR --pred-b DIR [--gold DIR --pred-a ... ]
                                       [--samples 2000] [--eval-dir ../shared/eval]

Several --gold/--pred-a/--pred-b triples are pooled (for example all held-out sets). Each article
is scored with score.py's own counting; the articles are then resampled with replacement (the same
sample for A and B) and micro F1 is recomputed on every sample. Printed, per measure: F1 of A and
of B on the full set, B's 95% interval, the difference, its 95% interval, and how often B beat A
over the samples.
Only sums over many articles are printed, never an article, so it is safe on the held-out sets.
A difference whose interval contains 0 is within the noise of the set.

To compare two builds on every held-out set at once, keep their predictions with score_all.sh:

    KGFORGE_PRED_DIR=/tmp/a tools/score_all.sh OLD_BINARY
    KGFORGE_PRED_DIR=/tmp/b tools/score_all.sh NEW_BINARY
    python3 tools/compare_bootstrap.py --gold /tmp/a/all-gold --pred-a /tmp/a/all-pred --pred-b /tmp/b/all-pred
"""
import argparse
import contextlib
import io
import json
import os
import random
import sys

MEASURES = ["entities", "entities_typed", "relations_typed"]


def per_article(score, gold_dir, pred_dir):
    """[(name, [(tp, fp, fn) per measure])] for every article of a gold set."""
    rows = []
    for name in sorted(f[: -len(".gold.json")] for f in os.listdir(gold_dir) if f.endswith(".gold.json")):
        with open(os.path.join(gold_dir, name + ".gold.json"), encoding="utf-8") as fh:
            gold = json.load(fh)
        pred, _problem = score.load_pred(os.path.join(pred_dir, name + ".json"))
        with contextlib.redirect_stdout(io.StringIO()):
            counts = score.score_doc(gold, pred, False, name)
        rows.append((name, [(c.tp, c.fp, c.fn) for c in counts[: len(MEASURES)]]))
    return rows


def f1(counts):
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", action="append", required=True)
    parser.add_argument("--pred-a", action="append", required=True)
    parser.add_argument("--pred-b", action="append", required=True)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--eval-dir", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    args = parser.parse_args()
    if not len(args.gold) == len(args.pred_a) == len(args.pred_b):
        parser.error("give one --pred-a and one --pred-b for every --gold")
    sys.path.insert(0, args.eval_dir)
    import score

    a_rows, b_rows = [], []
    for gold, pred_a, pred_b in zip(args.gold, args.pred_a, args.pred_b):
        a_rows += [counts for _, counts in per_article(score, gold, pred_a)]
        b_rows += [counts for _, counts in per_article(score, gold, pred_b)]
    n = len(a_rows)
    if n == 0:
        sys.exit("no NAME.gold.json files in the --gold folders")
    rng = random.Random(args.seed)
    samples = [[rng.randrange(n) for _ in range(n)] for _ in range(args.samples)]
    print(f"{n} articles, {args.samples} paired bootstrap samples")
    print(f"{'measure':<16}{'F1 A':>7}{'F1 B':>7}{'B 95% interval':>18}{'B-A':>8}   {'95% interval':<17}{'B>A':>6}")
    for m, measure in enumerate(MEASURES):
        fa = f1([r[m] for r in a_rows])
        fb = f1([r[m] for r in b_rows])
        b_values = sorted(f1([b_rows[i][m] for i in s]) for s in samples)
        b_low, b_high = b_values[int(0.025 * len(b_values))], b_values[int(0.975 * len(b_values)) - 1]
        diffs = sorted(f1([b_rows[i][m] for i in s]) - f1([a_rows[i][m] for i in s]) for s in samples)
        low, high = diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs)) - 1]
        wins = sum(d > 0 for d in diffs) / len(diffs)
        print(f"{measure:<16}{fa:>7.3f}{fb:>7.3f}   [{b_low:.3f}, {b_high:.3f}]{fb - fa:>+8.3f}   [{low:+.3f}, {high:+.3f}]  {wins:>6.2f}")


if __name__ == "__main__":
    main()
