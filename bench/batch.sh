#!/usr/bin/env bash
# Batch benchmark: 10,000 verify-PAN rows sent by `vk batch` (release, no rate limit) to vk-sandbox (release) on
# loopback, and in the same run the plain load generator (vk-loadgen, pre-signed requests, nothing recorded) at the
# same concurrency against the same sandbox. Five rounds, alternating; prints each round (with the CPU each side used
# per request) and the medians; the ratio is the median of the rounds' own ratios, so a machine that drifts between
# rounds moves both sides of each one.
# Usage: bash bench/batch.sh [CONCURRENCY] (default 16)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
concurrency="${1:-16}"
rows=10000
cargo build --release --quiet -p vk-sandbox -p vk-loadgen -p vk-cli
work=$(mktemp -d)
./target/release/vk-sandbox --port 0 >"$work/sandbox.out" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -rf "$work"' EXIT
until grep -q "listening on" "$work/sandbox.out"; do sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$work/sandbox.out" | head -1)
python3 - "$work/rows.csv" "$rows" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    # A PAN per row and nothing else: the same request as the load generator's, {"pan":"…"}.
    f.write("PAN\n")
    for i in range(n):
        f.write(f"ABCP{chr(65 + i // 9999)}{i % 9999 + 1:04d}F\n")
PY
# The shell's own `time` prints the CPU a command used (user and system seconds).
TIMEFORMAT='cpu %U %S'
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
batch_rates=()
load_rates=()
ratios=()
for round in 1 2 3 4 5; do
  s0=$(cpu_ticks $sandbox)
  load_out=$( { time ./target/release/vk-loadgen --base-url "$base" --endpoint pan --connections "$concurrency" \
    --seconds 3; } 2>&1)
  s1=$(cpu_ticks $sandbox)
  load=$(awk '/requests_per_second/ {print $2}' <<<"$load_out")
  # The load generator runs 1 s of warm-up before its 3 s: it sent about 4/3 of what it counted.
  load_sent=$(awk '/requests in/ {printf "%d", $2 * 4 / 3}' <<<"$load_out")
  load_cpu=$(awk -v n="$load_sent" '/^cpu/ {printf "%.1f", ($2 + $3) * 1e6 / n}' <<<"$load_out")
  load_sandbox=$(awk -v t=$((s1 - s0)) -v u=$tick_us -v n="$load_sent" 'BEGIN {printf "%.1f", t * u / n}')
  rm -f "$work"/out.csv*
  s0=$(cpu_ticks $sandbox)
  { time VK_API_SECRET=vk_sandbox_demo_secret ./target/release/vk batch verify.pan --input "$work/rows.csv" \
    --output "$work/out.csv" --rate 0 --concurrency "$concurrency" --base-url "$base" \
    --api-key vk_sandbox_demo_key --tenant 123456 2>"$work/batch.err"; } 2>"$work/batch.cpu"
  s1=$(cpu_ticks $sandbox)
  batch=$(grep -o 'run took [0-9.]* s ([0-9]* rows a second' "$work/batch.err" | grep -o '([0-9]*' | tr -d '(')
  searchable=$(grep -o 'searchable in history in [0-9.]* s' "$work/batch.err" | grep -o '[0-9.]* s' | tr -d ' s')
  batch_cpu=$(awk -v n=$rows '/^cpu/ {printf "%.1f", ($2 + $3) * 1e6 / n}' "$work/batch.cpu")
  batch_sandbox=$(awk -v t=$((s1 - s0)) -v u=$tick_us -v n=$rows 'BEGIN {printf "%.1f", t * u / n}')
  ratio=$(awk -v b="$batch" -v l="$load" 'BEGIN {printf "%.0f", 100 * b / l}')
  echo "round $round: vk batch $batch rows/s (CPU per row: vk ${batch_cpu} µs, sandbox ${batch_sandbox} µs;" \
    "searchable ${searchable} s later), vk-loadgen $load requests/s (CPU per request: vk-loadgen ${load_cpu} µs," \
    "sandbox ${load_sandbox} µs); ratio ${ratio}%"
  batch_rates+=("$batch")
  load_rates+=("$load")
  ratios+=("$ratio")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "batch_rows_per_second $(median "${batch_rates[@]}")"
echo "loadgen_requests_per_second $(median "${load_rates[@]}")"
echo "batch_to_loadgen_percent $(median "${ratios[@]}")"
