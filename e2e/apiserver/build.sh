#!/usr/bin/env bash
# Builds (or reuses) a binary of the e2e control plane and prints its path as the
# LAST line of stdout. Everything else goes to stderr.
#
#   bash build.sh                          the kube-apiserver-e2e wrapper (main.go)
#   bash build.sh kube-controller-manager  kube-controller-manager of the same Kubernetes
#                                          release (k8s.io/kubernetes/cmd/kube-controller-manager,
#                                          built from this module, so same go.mod and replaces)
#
# Cache: $HOME/.cache/cdk8s-services/<dir>/<key>/<binary> where <dir> is `apiserver` or
# `kube-controller-manager` and <key> = sha256(go.mod, go.sum, main.go, build.sh, `go version`).
# Go modules live in the default module cache ($HOME/go/pkg/mod), build objects in the default
# GOCACHE ($HOME/.cache/go-build).
set -euo pipefail

target="${1:-kube-apiserver}"
case "$target" in
  kube-apiserver) cache_name=apiserver; bin_name=kube-apiserver-e2e; pkg=. ;;
  kube-controller-manager) cache_name=kube-controller-manager; bin_name=kube-controller-manager
    pkg=k8s.io/kubernetes/cmd/kube-controller-manager ;;
  *) echo "usage: build.sh [kube-apiserver|kube-controller-manager] (got: $target)" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if ! command -v go >/dev/null 2>&1; then
  echo "apiserver build: 'go' not found on PATH (need Go >= 1.25)" >&2
  exit 1
fi

key="$({ cat go.mod go.sum main.go build.sh; go version; } | sha256sum | cut -c1-32)"
cache_root="${HOME}/.cache/cdk8s-services/${cache_name}"
cache_dir="${cache_root}/${key}"
bin="${cache_dir}/${bin_name}"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_dir"

# Serialize concurrent builds (e.g. several test workers starting at once).
if command -v flock >/dev/null 2>&1; then
  exec 9>"${cache_dir}/.lock"
  flock 9
  if [ -x "$bin" ]; then
    echo "$bin"
    exit 0
  fi
fi

echo "apiserver build: building ${bin_name} (cold builds take several minutes) ..." >&2
start="$(date +%s)"
tmp="${cache_dir}/.${bin_name}.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# Stamp the Kubernetes version the way release builds do, so /version and the
# compatibility version say v1.35.x rather than v0.0.0-master.
kver="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' go.mod)"
kmajor="${kver#v}"; kmajor="${kmajor%%.*}"
kminor="${kver#v*.}"; kminor="${kminor%%.*}"
vpkg=k8s.io/component-base/version
ldflags="-s -w -X ${vpkg}.gitVersion=${kver} -X ${vpkg}.gitMajor=${kmajor} -X ${vpkg}.gitMinor=${kminor}"
ldflags="${ldflags} -X ${vpkg}.gitTreeState=clean -X ${vpkg}.buildDate=1970-01-01T00:00:00Z"
GOFLAGS="${GOFLAGS:-} -mod=mod -buildvcs=false" CGO_ENABLED=0 \
  go build -p 2 -trimpath -ldflags "$ldflags" -o "$tmp" "$pkg" >&2
mv -f "$tmp" "$bin"
echo "apiserver build: ${bin_name} in $(( $(date +%s) - start )) s" >&2

# Keep only the 3 most recently built binaries of each kind (each is ~100 MB).
ls -1dt "${cache_root}"/*/ 2>/dev/null | tail -n +4 | while read -r old; do
  [ "${old%/}" = "$cache_dir" ] || rm -rf "${old%/}"
done
echo "$bin"
