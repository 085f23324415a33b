#!/usr/bin/env bash
# README command 1: installs what is missing, builds VK Workspace and opens its window on the built-in sandbox.
# With no display (a server, a container) it starts a virtual one (Xvfb :99) and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/install-deps.sh
printf '\n==> Building the UI and the app (the first build takes a few minutes)\n'
npm --prefix ui run build --silent
cargo build --quiet --bin vk-workspace

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  export DISPLAY=:99
  if [ ! -e /tmp/.X11-unix/X99 ]; then
    Xvfb :99 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    sleep 1
  fi
  echo "No display found: the window opens on the virtual display :99."
  echo "See it with: DISPLAY=:99 import -window root vk-workspace.png"
fi
echo "Starting VK Workspace on the built-in sandbox. Close the window (or press Ctrl+C) to stop."
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- ./target/debug/vk-workspace
fi
exec ./target/debug/vk-workspace
