#!/usr/bin/env bash
# README command 2: every check and test. Installs what is missing first; stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" CARGO_TERM_COLOR=never
# On CI (a fresh clone, built once) incremental data only costs disk: about 1.5 GB of it.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi
step() { printf '\n==> %s\n' "$*"; }

bash scripts/install-deps.sh --test

step "UI: type check, lint, unit tests, build"
npm --prefix ui run typecheck --silent
npm --prefix ui run lint --silent
npm --prefix ui test --silent
npm --prefix ui run build --silent

step "The commands' handler list, permissions, capability and TypeScript wrappers follow src-tauri/src/commands.rs"
python3 scripts/sync-commands.py --check

step "Rust: format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust: unit and integration tests (they also regenerate the TypeScript bindings)"
# Inside a private D-Bus session with gnome-keyring, so the OS credential store tests use a real Secret Service.
bash scripts/with-keyring.sh cargo test --workspace --quiet

step "TypeScript bindings are up to date with the Rust types"
if ! git diff --exit-code --stat -- ui/src/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]; then
  echo "ui/src/bindings changed when the tests regenerated it: commit the regenerated files." >&2
  exit 1
fi

step "End to end: the real app window over WebDriver (Xvfb)"
cargo build --quiet --bin vk-workspace
# With a real Secret Service (gnome-keyring), so environments keep their secrets in the system keyring.
xvfb-run -a -s "-screen 0 1280x800x24" bash scripts/with-keyring.sh \
  tests/e2e/.venv/bin/pytest -q -p no:cacheprovider --ignore=tests/e2e/fallback tests/e2e
# And as on a computer with no credential store at all (no D-Bus session): the session-only offer.
env -u DBUS_SESSION_BUS_ADDRESS xvfb-run -a -s "-screen 0 1280x800x24" \
  tests/e2e/.venv/bin/pytest -q -p no:cacheprovider tests/e2e/fallback
