#!/usr/bin/env bash
# Fresh cdk8s apps with each cdk8s-plus release, installing the packed library (part of
# `npm run test:bindings`, via bindings/run.sh; or alone):
#
#   bash bindings/plus-versions.sh [--tarball FILE] [28 29 ...]   (default: every line of bindings/plus/versions.txt)
#
# Per release (bindings/plus/versions.txt pins them): an app outside the repo whose package.json
# holds only cdk8s, constructs, that one cdk8s-plus and the library's tarball (no cdk8s-plus-28
# unless it is the one under test: the library must need none), bindings/plus/main.ts with its
# `cdk8s-plus-28` import turned into the release under test, compiled with tsc against the
# tarball's .d.ts and run; bindings/plus/check.js checks the manifests (a NodePortService whose
# backend is the Deployment, a StatefulSet governed by the library's headless Service). Prints
# `bindings: typescript plus-33 ok` per release.
#
# The apps and their node_modules stay in ~/.cache/cdk8s-services/bindings/plus-NN (only the
# library is reinstalled), npm's own cache is ~/.npm.
set -euo pipefail

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export CDK8S_CHECK_UPGRADE=false

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$ROOT/bindings
WORK=$B/.work
CACHE=${CDK8S_SERVICES_CACHE:-$HOME/.cache/cdk8s-services}/bindings
cd "$ROOT"

TARBALL=
WANT=()
while [ $# -gt 0 ]; do
  case $1 in
    --tarball) TARBALL=$2; shift 2 ;;
    *) WANT+=("$1"); shift ;;
  esac
done

node_version_of() { node -p "require(require.resolve('$1/package.json', { paths: ['$ROOT'] })).version"; }
PKG_NAME=$(node -p "require('./package.json').name")
PKG_VERSION=$(node -p "require('./package.json').version")
CDK8S_V=$(node_version_of cdk8s)
CONSTRUCTS_V=$(node_version_of constructs)
TS_V=$(node_version_of typescript)

if [ -z "$TARBALL" ]; then
  if [ ! -f .jsii ] || [ ! -f lib/index.js ] || [ -n "$(find src -newer .jsii -type f -print -quit)" ]; then
    echo "bindings: .jsii is missing or older than src/: compiling (npx jsii --fail-on-warnings)"
    npx jsii --fail-on-warnings
  fi
  mkdir -p "$WORK/dist-plus"
  rm -f "$WORK/dist-plus"/*.tgz
  npm pack --pack-destination "$WORK/dist-plus" --loglevel=warn >/dev/null
  TARBALL=$WORK/dist-plus/$PKG_NAME-$PKG_VERSION.tgz
fi
[ -f "$TARBALL" ] || { echo "bindings: no tarball at $TARBALL" >&2; exit 1; }

FAILED=()
mkdir -p "$WORK/logs"
while read -r plus_pkg plus_v; do
  case $plus_pkg in ''|'#'*) continue ;; esac
  nn=${plus_pkg#cdk8s-plus-}
  if [ ${#WANT[@]} -gt 0 ] && [[ " ${WANT[*]} " != *" $nn "* ]]; then continue; fi
  app=$CACHE/plus-$nn out=$WORK/out/plus-$nn log=$WORK/logs/plus-$nn.log
  t0=$(date +%s)
  if (
    set -e
    mkdir -p "$app"
    rm -rf "$app/out" "$app/package-lock.json" "$app/node_modules/$PKG_NAME" "$app"/*.tgz "$app"/*.ts
    cp "$TARBALL" "$app/$PKG_NAME.tgz"
    # shellcheck disable=SC2016 # JavaScript, not shell
    APP_DIR=$app node -e '
      const fs = require("fs");
      const [name, cdk8s, plusPkg, plusV, constructs, ts] = process.argv.slice(1);
      fs.writeFileSync(process.env.APP_DIR + "/package.json", JSON.stringify({
        name: `cdk8s-services-${plusPkg}`, private: true, version: "0.0.0",
        dependencies: { cdk8s, constructs, [plusPkg]: plusV, [name]: `file:./${name}.tgz` },
        devDependencies: { typescript: ts },
      }, null, 2) + "\n");
    ' "$PKG_NAME" "$CDK8S_V" "$plus_pkg" "$plus_v" "$CONSTRUCTS_V" "$TS_V"
    sed "s#from 'cdk8s-plus-28';#from '$plus_pkg';#" "$B/plus/main.ts" > "$app/main.ts"
    grep -q "from '$plus_pkg';" "$app/main.ts"
    cp "$B/plus/tsconfig.json" "$app/"
    (cd "$app" && npm install --no-audit --no-fund --prefer-offline --loglevel=warn)
    # the app has exactly the cdk8s-plus under test
    (cd "$app" && node -e '
      const fs = require("fs");
      const have = fs.readdirSync("node_modules").filter(d => d.startsWith("cdk8s-plus-"));
      if (have.join() !== process.argv[1]) { console.error(`node_modules holds ${have.join(", ")}, not only ${process.argv[1]}`); process.exit(1); }
    ' "$plus_pkg")
    (cd "$app" && ./node_modules/.bin/tsc -p .)
    rm -rf "$out"
    (cd "$app" && CDK8S_OUTDIR="$out" node out/main.js)
    NODE_PATH=$ROOT/node_modules node "$B/plus/check.js" "$out"
  ) > "$log" 2>&1; then
    echo "bindings: typescript plus-$nn ok ($plus_pkg $plus_v, $(( $(date +%s) - t0 ))s)"
  else
    FAILED+=("plus-$nn")
    echo "bindings: typescript plus-$nn FAILED ($plus_pkg $plus_v); the end of ${log#"$ROOT"/}:" >&2
    tail -n 40 "$log" | sed 's/^/  | /' >&2
  fi
done < "$B/plus/versions.txt"

if [ ${#FAILED[@]} -gt 0 ]; then
  echo "bindings: FAILED: ${FAILED[*]}" >&2
  exit 1
fi
