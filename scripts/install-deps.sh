#!/usr/bin/env bash
# Installs what actorgraph needs to build, test and benchmark, from Debian 12 packages only. Does nothing
# (and needs no network or root) when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libicu-dev libsqlite3-dev libboost-graph-dev rapidjson-dev
  libgtest-dev libbenchmark-dev
  libxml2-utils                 # xmllint: GraphML/GEXF schema validation in tests
  python3 python3-networkx python3-igraph   # independent readers for export round-trip tests
  sqlite3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
