#!/usr/bin/env bash
# Whole-corpus throughput and peak memory of `kgforge extract`, on one and on all cores.
#
# usage: tools/corpus_bench.sh [CORPUS_DIR] [ARTICLES]
#   CORPUS_DIR  articles (*.txt), default ../shared/corpus/wikinews
#   ARTICLES    how many articles to merge; the corpus is repeated (as distinct documents,
#               each copy with a one-line header of its own) until there are that many
#               (default: the corpus as it is)
# Prints, per thread count: articles, bytes, seconds, bytes/s, articles/s, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/wikinews}
want=${2:-0}
cargo build --release -q
bin=target/release/kgforge
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t files < <(find "$corpus" -name '*.txt' | sort)
[ ${#files[@]} -gt 0 ] || { echo "no .txt files in $corpus" >&2; exit 1; }
if [ "$want" -gt 0 ]; then
  input="$work/articles"
  mkdir -p "$input"
  n=0
  while [ "$n" -lt "$want" ]; do
    for f in "${files[@]}"; do
      [ "$n" -ge "$want" ] && break
      # a header line makes each copy a different document text
      { echo "Copy $n."; echo; cat "$f"; } > "$input/$(printf '%06d' "$n").txt"
      n=$((n + 1))
    done
  done
else
  input=$corpus
fi
bytes=$(find "$input" -name '*.txt' -print0 | xargs -0 cat | wc -c)
articles=$(find "$input" -name '*.txt' | wc -l)
for threads in 1 2; do
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" extract "$input" -q -j "$threads" -o "$work/graph.json"
  read -r seconds rss_kb < "$work/time"
  awk -v t="$threads" -v a="$articles" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" 'BEGIN {
    printf "threads %d: %d articles, %d bytes in %.2f s = %.0f bytes/s, %.0f articles/s, peak RSS %.1f MB\n",
      t, a, b, s, b / s, a / s, r / 1024 }'
done
