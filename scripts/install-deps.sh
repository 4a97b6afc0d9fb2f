#!/usr/bin/env bash
# Installs everything fraudgen needs to build and test, from Debian packages and npm only.
# Idempotent: re-running on a machine that has everything does no downloads.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

apt_packages=(
  build-essential cmake pkgconf ninja-build ccache
  libzstd-dev zlib1g-dev libsnappy-dev libssl-dev libcurl4-openssl-dev curl openssl
  libcli11-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-sklearn python3-pandas
  nodejs npm
  openmpi-bin mpich slurm-wlm munge python3-distributed util-linux
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere on this image: accept working binaries on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Test-only JavaScript readers (DuckDB's node API, ...), pinned by package-lock.json.
if [ -f "$here/tests/e2e/package-lock.json" ]; then
  if [ ! -d "$here/tests/e2e/node_modules" ] || [ "$here/tests/e2e/package-lock.json" -nt "$here/tests/e2e/node_modules/.package-lock.json" ]; then
    (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
