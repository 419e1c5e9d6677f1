#!/usr/bin/env bash
# The full test command for a fresh Debian or Ubuntu machine: installs what the tests need (only
# what is missing), installs the npm packages exactly as locked, then runs `npm test`.
#
# Each requirement is detected by its Debian package *and* the exact path the tests run, never by
# a command name: another program of the same name on PATH (this image ships a pip-installed
# `aws` v1) must not stand in for the one the tests use.
#   bash scripts/ci.sh --list-missing   prints the packages that would be installed, and exits
set -euo pipefail
cd "$(dirname "$0")/.."

# package  path-the-tests-use
requirements=(
  'libsecret-1-dev /usr/include/libsecret-1/libsecret/secret.h'
  'gnome-keyring /usr/bin/gnome-keyring-daemon'
  'dbus-x11 /usr/bin/dbus-launch'
  'dbus-daemon /usr/bin/dbus-run-session'
  'libsecret-tools /usr/bin/secret-tool'
  'chromium /usr/bin/chromium'
  'age /usr/bin/age'
  'awscli /usr/bin/aws'
  'bsdutils /usr/bin/script'
  'g++ /usr/bin/g++'
  'make /usr/bin/make'
  'desktop-file-utils /usr/bin/desktop-file-validate'
)

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

need=()
for requirement in "${requirements[@]}"; do
  read -r package path <<<"$requirement"
  if ! have_pkg "$package" || [ ! -e "$path" ]; then need+=("$package"); fi
done

if [ "${1:-}" = "--list-missing" ]; then
  printf '%s\n' "${need[@]+"${need[@]}"}"
  exit 0
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
  echo "Installed: ${need[*]}"
else
  echo "Debian packages the tests need: all present"
fi

# Electron's own binary comes from the internet, which CI cannot reach; nothing here needs it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
npm test
