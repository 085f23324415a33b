#!/usr/bin/env bash
# Installs what VK Workspace needs on Debian/Ubuntu, skipping what is already there:
# system libraries (WebKitGTK etc.), the UI's npm packages, and with --test the test tools
# (tauri-driver, a Python venv with Selenium and pytest). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=false
[ "${1:-}" = "--test" ] && with_tests=true

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev libxdo-dev
  build-essential pkg-config file curl ca-certificates git
  xvfb xauth dbus dbus-x11 imagemagick webkit2gtk-driver gnome-keyring libsecret-tools)
# With --test: the toolchains that run every exported code snippet against the sandbox (php with cURL, Go,
# Java, OpenSSL for the curl script), and xclip, which reads the clipboard in the end-to-end tests.
if $with_tests; then
  packages+=(php-cli php-curl golang-go openssl xclip)
  command -v javac >/dev/null 2>&1 || packages+=(default-jdk-headless)
fi
# Debian's python3 needs python3-venv for `python3 -m venv`; other Pythons bring it along.
python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "Installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain none
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi
# rust-toolchain.toml pins the version; this makes rustup fetch it if it is not there yet.
cargo --version >/dev/null

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "VK Workspace's UI needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it, for example from your distribution's nodejs package, then run this again." >&2
  exit 1
fi
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
fi

if $with_tests; then
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "Installing tauri-driver (WebDriver for the app window)"
    cargo install tauri-driver --locked --version 2.1.0 --quiet
  fi
  if [ ! -x tests/e2e/.venv/bin/python ]; then
    say "Creating the test tools' Python environment (Selenium, pytest, requests)"
    python3 -m venv tests/e2e/.venv
  fi
  if [ ! -f tests/e2e/.venv/.installed ] || [ tests/e2e/requirements.txt -nt tests/e2e/.venv/.installed ]; then
    tests/e2e/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
    touch tests/e2e/.venv/.installed
  fi
fi
