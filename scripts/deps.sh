#!/usr/bin/env bash
# Installs what gonghui needs on Debian 12 and is missing: the Debian packages of
# scripts/packages.list with apt-get (without Recommends), front-end packages with npm ci.
# Safe to run again: it only installs what is absent.
# Usage: scripts/deps.sh [PURPOSE...]   purposes: build (always), test, fuzz, bench, all
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh

mapfile -t pkgs < <(packages_for "$@")
missing=()
for p in "${pkgs[@]}"; do
  # Node.js and npm may come from elsewhere (NodeSource): present on PATH is enough.
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
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
