#!/usr/bin/env bash
# Builds (or reuses) a MetalLB program at one release (the controller unless another is named)
# and prints the binary's path as the LAST line of stdout. Everything else goes to stderr.
#
#   bash e2e/metallb/build.sh v0.12.1                  # legacy ConfigMap format (the article's v0.9.3 config)
#   bash e2e/metallb/build.sh v0.15.2                  # custom resources + validating webhook
#   bash e2e/metallb/build.sh v0.15.2 configmaptocrs   # MetalLB's ConfigMap -> custom resources converter
#
# Each version has a wrapper module in e2e/metallb/<version>/ (go.mod with `tool
# go.universe.tf/metallb/<program>` per program it builds, go.sum committed). Cache:
# $HOME/.cache/cdk8s-services/metallb/<key>/metallb-<program> where <key> = sha256(version,
# program, go.mod, go.sum, build.sh, `go version`). Go modules live in the default module cache
# ($HOME/go/pkg/mod, where the e2e harness also reads the release's CRDs and manifests), build
# objects in the default GOCACHE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${1:-}"
program="${2:-controller}"
if [ -z "$version" ] || [ ! -f "$here/$version/go.mod" ]; then
  echo "usage: bash e2e/metallb/build.sh <version> [program]; versions: $(cd "$here" && ls -d v*/ | tr -d / | tr '\n' ' ')" >&2
  exit 2
fi
cd "$here/$version"
if ! grep -qx "tool go.universe.tf/metallb/${program}" go.mod; then
  echo "metallb build: e2e/metallb/${version}/go.mod has no 'tool go.universe.tf/metallb/${program}' line; programs: $(sed -n 's#^tool go.universe.tf/metallb/##p' go.mod | tr '\n' ' ')" >&2
  exit 2
fi

if ! command -v go >/dev/null 2>&1; then
  echo "metallb build: 'go' not found on PATH (need Go >= 1.24)" >&2
  exit 1
fi

key="$({ echo "$version"; echo "$program"; cat go.mod go.sum "$here/build.sh"; go version; } | sha256sum | cut -c1-32)"
cache_root="${HOME}/.cache/cdk8s-services/metallb"
cache_dir="${cache_root}/${key}"
bin="${cache_dir}/metallb-${program}"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_dir"
echo "$version" > "${cache_dir}/version"

# Serialize concurrent builds of the same key.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${cache_dir}/.lock"
  flock 9
  if [ -x "$bin" ]; then
    echo "$bin"
    exit 0
  fi
fi

echo "metallb build: building MetalLB ${version} ${program} (cold builds take minutes) ..." >&2
start="$(date +%s)"
tmp="${cache_dir}/.metallb-${program}.tmp.$$"
trap 'rm -f "$tmp"' EXIT
GOFLAGS="${GOFLAGS:-} -mod=readonly -buildvcs=false" CGO_ENABLED=0 \
  go build -p 2 -trimpath -ldflags "-s -w" -o "$tmp" "go.universe.tf/metallb/${program}" >&2
mv -f "$tmp" "$bin"
echo "metallb build: ${version} ${program} in $(( $(date +%s) - start )) s" >&2

# Keep only the 6 most recently built binaries (three programs, one older key each).
ls -1dt "${cache_root}"/*/ 2>/dev/null | tail -n +7 | while read -r old; do
  [ "${old%/}" = "$cache_dir" ] || rm -rf "${old%/}"
done
echo "$bin"
