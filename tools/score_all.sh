#!/usr/bin/env bash
# Extraction quality in one command: extracts and scores the dev set, the visible study set
# (eval/study-wikinews, not held out) and the five held-out sets (and all held-out sets together),
# printing only aggregate scores.
#
#   tools/score_all.sh [KGFORGE_BINARY]     (default: target/release/kgforge, built if missing)
#   KGFORGE_PRED_DIR=DIR tools/score_all.sh  keeps the predictions in DIR (for tools/compare_bootstrap.py)
#
# The shared eval folder is ../shared/eval next to the checkout, or $KGFORGE_EVAL_DIR. Held-out sets: read only the
# aggregate numbers this prints (see eval/heldout-wikinews*/README.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${1:-target/release/kgforge}"
if [[ ! -x "$bin" ]]; then
    cargo build --release --quiet
fi
eval_dir="$(cd "${KGFORGE_EVAL_DIR:-$root/../shared/eval}" && pwd)"
if [[ -n "${KGFORGE_PRED_DIR:-}" ]]; then
    # keep the predictions (for tools/compare_bootstrap.py): $KGFORGE_PRED_DIR/all-gold, all-pred, ...
    work="$KGFORGE_PRED_DIR"
    if [[ -e "$work" && -n "$(ls -A "$work")" && ! -e "$work/.score_all" ]]; then
        echo "score_all.sh: $work is not empty and was not made by score_all.sh; refusing to overwrite it" >&2
        exit 2
    fi
    rm -rf "$work"
    mkdir -p "$work"
    touch "$work/.score_all"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

score() { # name gold_dir pred_dir
    echo "== $1"
    python3 "$eval_dir/score.py" --gold "$2" --pred "$3" | grep -E '^(entities|relations)'
}
extract() { # gold_dir pred_dir
    "$bin" extract "$1" --format json --out-dir "$2" --quiet >/dev/null
}

extract "$eval_dir/dev" "$work/dev"
score "dev (fitted)" "$eval_dir/dev" "$work/dev"
extract eval/study-wikinews "$work/study"
score "study (visible)" eval/study-wikinews "$work/study"
mkdir -p "$work/all-gold" "$work/all-pred"
for set in eval/heldout-wikinews eval/heldout-wikinews-2 eval/heldout-wikinews-3 eval/heldout-wikinews-4 \
    eval/heldout-wikinews-5; do
    name="$(basename "$set")"
    extract "$set" "$work/$name"
    score "$name" "$set" "$work/$name"
    for gold in "$set"/*.gold.json; do
        article="$(basename "$gold" .gold.json)"
        ln -s "$root/$set/$article.txt" "$work/all-gold/$article.txt"
        ln -s "$root/$gold" "$work/all-gold/$article.gold.json"
        ln -s "$work/$name/$article.json" "$work/all-pred/$article.json"
    done
done
score "held-out, all held-out sets" "$work/all-gold" "$work/all-pred"
