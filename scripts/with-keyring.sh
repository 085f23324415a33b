#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service),
# so the OS credential store works on headless machines and in CI. Usage: scripts/with-keyring.sh CMD ARGS…
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)" XDG_RUNTIME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c '
  printf %s "vk-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' bash "$@"
