#!/usr/bin/env bash
# Sandbox load benchmark: vk-sandbox (release) in one process, vk-loadgen (release) in another, over loopback,
# 32 concurrent connections with pre-signed requests; wallet balance, then verify PAN.
# Prints requests per second and p50/p99 latency for each. Both processes share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-10}"
cargo build --release --quiet -p vk-sandbox -p vk-loadgen
out=$(mktemp)
./target/release/vk-sandbox --port 0 >"$out" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -f "$out"' EXIT
until grep -q "listening on" "$out"; do sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$out" | head -1)
for endpoint in balance pan; do
  ./target/release/vk-loadgen --base-url "$base" --endpoint "$endpoint" --connections 32 --seconds "$seconds"
done
