#!/usr/bin/env bash
# Installs what gonghui needs on Debian 12 and is missing: Debian packages with
# apt-get, front-end packages with npm ci. Safe to run again: it only installs
# what is absent. Usage: scripts/deps.sh [build|test|bench]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

pkgs=(build-essential cmake pkg-config librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
      nlohmann-json3-dev libsoci-dev libsqlite3-dev libpq-dev libsodium-dev sqlite3
      libcairo2-dev libpango1.0-dev libzip-dev libxlsxwriter-dev fonts-noto-cjk)
if [ "$what" = test ]; then
  pkgs+=(libgtest-dev postgresql chromium clang-format clang-tidy poppler-utils libxml2-utils
        libreoffice-writer-nogui)
fi
if [ "$what" = bench ]; then
  pkgs+=(wrk nginx-light bc curl poppler-utils libreoffice-writer-nogui)
fi
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages, reinstalled when package-lock.json changes.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "deps: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
