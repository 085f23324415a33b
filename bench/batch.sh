#!/usr/bin/env bash
# Batch benchmark: 10,000 verify-PAN rows sent by `vk batch` (release, no rate limit) to vk-sandbox (release) on
# loopback, and in the same run the plain load generator (vk-loadgen, pre-signed requests, nothing recorded) at the
# same concurrency against the same sandbox. Three rounds, alternating; prints each and the medians, and the ratio.
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
batch_rates=()
load_rates=()
for round in 1 2 3; do
  load=$(./target/release/vk-loadgen --base-url "$base" --endpoint pan --connections "$concurrency" --seconds 3 \
    | awk '/requests_per_second/ {print $2}')
  rm -f "$work"/out.csv*
  VK_API_SECRET=vk_sandbox_demo_secret ./target/release/vk batch verify.pan --input "$work/rows.csv" \
    --output "$work/out.csv" --rate 0 --concurrency "$concurrency" --base-url "$base" \
    --api-key vk_sandbox_demo_key --tenant 123456 2>"$work/batch.err"
  batch=$(grep -o 'run took [0-9.]* s ([0-9]* rows a second' "$work/batch.err" | grep -o '([0-9]*' | tr -d '(')
  echo "round $round: vk batch $batch rows/s, vk-loadgen $load requests/s (concurrency $concurrency)"
  batch_rates+=("$batch")
  load_rates+=("$load")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
b=$(median "${batch_rates[@]}")
l=$(median "${load_rates[@]}")
echo "batch_rows_per_second $b"
echo "loadgen_requests_per_second $l"
awk -v b="$b" -v l="$l" 'BEGIN { printf "batch_to_loadgen_percent %.0f\n", 100 * b / l }'
