#!/usr/bin/env bash
# Window benchmark: builds the release app with the UI embedded, then runs bench/window.py in the real window
# under Xvfb (1280x800) with a private keyring. Prints one table row per figure for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build --silent
cargo build --release --quiet --bin vk-workspace
xvfb-run -a -s "-screen 0 1280x800x24" bash scripts/with-keyring.sh tests/e2e/.venv/bin/python bench/window.py
