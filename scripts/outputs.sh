#!/usr/bin/env bash
# Writes every output a speed change must leave byte-identical, so two
# builds can be compared with `diff -r`: `check -f jsonl` and `eval -f json`
# on the eval files (../shared/eval, or $EVAL_DIR), `check -f jsonl` on a
# generated batch of 100,000 pairs and on the seed page, each with the Ding
# dictionary on (when installed) and off.
#   scripts/outputs.sh target/release/mtlint /tmp/before
#   (change, rebuild)
#   scripts/outputs.sh target/release/mtlint /tmp/after && diff -r /tmp/before /tmp/after
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1"); out=$2; mkdir -p "$out"
eval_dir=${EVAL_DIR:-../shared/eval}
batch=${BENCH_DIR:-/tmp}/batch-100000.jsonl
if [ ! -s "$batch" ]; then
  cargo build --release --quiet --example gen_pairs && ./target/release/examples/gen_pairs 100000 > "$batch"
fi
for ding in on off; do
  if [ $ding = off ]; then export MTLINT_DING=; fi
  for f in challenge-dev mqm-ende-2020 ced-ende-dev; do
    [ -s "$eval_dir/$f.jsonl" ] || continue
    "$bin" check "$eval_dir/$f.jsonl" -f jsonl --min-severity minor > "$out/$f.$ding.jsonl" 2>/dev/null
    "$bin" eval "$eval_dir/$f.jsonl" -f json > "$out/$f.$ding.eval.json" 2>/dev/null
  done
  "$bin" check "$batch" -f jsonl --min-severity minor > "$out/batch100k.$ding.jsonl" 2>/dev/null
  "$bin" check sample_pairs/seed.en.txt sample_pairs/seed.de.txt -f jsonl --min-severity minor > "$out/seed.$ding.jsonl" 2>/dev/null
done
exit 0
