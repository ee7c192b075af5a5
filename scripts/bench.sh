#!/usr/bin/env bash
# Throughput benchmark: release build, a generated batch of N pairs
# (default 100k, 1M), all detectors, JSONL in -> JSONL out. Prints pairs/s,
# MB/s and peak RSS per size.
#   scripts/bench.sh                 # 100k and 1M pairs
#   scripts/bench.sh 100000 1000000 10000000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
dir=${BENCH_DIR:-$(mktemp -d)}; mkdir -p "$dir"
cargo build --release --quiet --bin mtlint --example gen_pairs
printf '%10s %10s %12s %9s %10s %s\n' pairs seconds pairs/s MB/s peak_MB cores
for n in "${sizes[@]}"; do
  batch="$dir/batch-$n.jsonl"
  [ -s "$batch" ] || ./target/release/examples/gen_pairs "$n" > "$batch"
  bytes=$(stat -c %s "$batch")
  /usr/bin/time -f '%e %M' -o "$dir/time" ./target/release/mtlint check "$batch" -f jsonl -q > /dev/null || [ $? -eq 1 ]
  read -r secs rss_kb < <(tail -n 1 "$dir/time")
  awk -v n="$n" -v s="$secs" -v b="$bytes" -v r="$rss_kb" -v c="$(nproc)" \
    'BEGIN { printf "%10d %10.2f %12.0f %9.1f %10.1f %s\n", n, s, n/s, b/1e6/s, r/1024, c }'
done
