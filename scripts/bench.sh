#!/usr/bin/env bash
# Throughput benchmark: release build, a generated batch of N pairs
# (default 100k, 1M), all detectors, JSONL in -> JSONL out. Prints wall and
# CPU (user+sys) seconds, pairs/s and MB/s (wall), CPU microseconds per pair
# and peak RSS per size. On a shared machine trust the CPU columns: wall time
# depends on what else runs. `JOBS=1 scripts/bench.sh 100000` measures one
# core (passed as --jobs).
#   scripts/bench.sh                 # 100k and 1M pairs
#   scripts/bench.sh 100000 1000000 10000000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
dir=${BENCH_DIR:-$(mktemp -d)}; mkdir -p "$dir"
cargo build --release --quiet --bin mtlint --example gen_pairs
jobs=()
[ -n "${JOBS:-}" ] && jobs=(--jobs "$JOBS")
# Steady state: the first run after a build parses the Ding dictionary (when
# installed) and saves its binary copy in the cache directory; every later
# run reads the copy. Make that copy now, outside the timings, in a
# directory of the bench's own (another build's run would replace a shared one).
export MTLINT_CACHE_DIR=${MTLINT_CACHE_DIR-$dir/cache}
warm="$dir/warm.jsonl"
printf '{"id":"w","source":"The house.","target":"Das Haus."}\n' > "$warm"
./target/release/mtlint check "$warm" -f jsonl -q > /dev/null || [ $? -eq 1 ]
printf '%10s %8s %8s %10s %7s %10s %8s %s\n' pairs wall_s cpu_s pairs/s MB/s cpu_us/pair peak_MB cores
for n in "${sizes[@]}"; do
  batch="$dir/batch-$n.jsonl"
  [ -s "$batch" ] || ./target/release/examples/gen_pairs "$n" > "$batch"
  bytes=$(stat -c %s "$batch")
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time" ./target/release/mtlint check "$batch" -f jsonl -q "${jobs[@]}" > /dev/null || [ $? -eq 1 ]
  read -r secs user sys rss_kb < <(tail -n 1 "$dir/time")
  awk -v n="$n" -v s="$secs" -v u="$user" -v y="$sys" -v b="$bytes" -v r="$rss_kb" -v c="${JOBS:-$(nproc)}" \
    'BEGIN { cpu = u + y; printf "%10d %8.2f %8.2f %10.0f %7.1f %10.2f %8.1f %s\n", n, s, cpu, n/s, b/1e6/s, cpu*1e6/n, r/1024, c }'
done
