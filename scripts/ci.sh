#!/usr/bin/env bash
# The full test command for a fresh Debian or Ubuntu machine: installs what the tests need (only
# what is missing), installs the npm packages exactly as locked, then runs `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
have_pkg libsecret-1-dev || need+=(libsecret-1-dev)
have_cmd gnome-keyring-daemon || need+=(gnome-keyring)
have_cmd dbus-run-session || need+=(dbus-x11)
have_cmd chromium || need+=(chromium)
have_cmd age || need+=(age)
have_cmd aws || need+=(awscli)
have_cmd g++ || need+=(g++)
have_cmd make || need+=(make)

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Electron's own binary comes from the internet, which CI cannot reach; nothing here needs it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
npm test
