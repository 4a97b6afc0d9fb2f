#!/usr/bin/env bash
# Installs everything fraudgen needs to build and test, from Debian packages and npm only.
# Idempotent: re-running on a machine that has everything does no downloads.
#   scripts/install-deps.sh               build, tests and their servers
#   scripts/install-deps.sh --build-only  what building the fraudgen binary needs (the Dockerfile)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_only=false
case "${1:-}" in
  "") ;;
  --build-only) build_only=true ;;
  *) echo "install-deps.sh: unknown argument '$1'; accepted: --build-only" >&2; exit 2 ;;
esac

apt_packages=(
  build-essential cmake pkgconf ninja-build git
  libzstd-dev zlib1g-dev libsnappy-dev libssl-dev libcurl4-openssl-dev librdkafka-dev
  libcli11-dev nlohmann-json3-dev libpq-dev
)
if ! $build_only; then
  apt_packages+=(
    ccache curl openssl libfmt-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    python3-sklearn python3-pandas python3-boto3 kcat chromium
    nodejs npm
    openmpi-bin mpich slurm-wlm munge python3-distributed util-linux
    postgresql
  )
fi

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
if ! $build_only && [ -f "$here/tests/e2e/package-lock.json" ]; then
  if [ ! -d "$here/tests/e2e/node_modules" ] || [ "$here/tests/e2e/package-lock.json" -nt "$here/tests/e2e/node_modules/.package-lock.json" ]; then
    (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
