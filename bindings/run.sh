#!/usr/bin/env bash
# Proves the packages work for users in each language (`npm run test:bindings`).
#
#   bash bindings/run.sh [typescript] [python] [java] [go] [dotnet]     (default: all of them)
#
# The reference is the repo's own example app (examples/main.ts, run from source). Then, per
# language, the library is packaged the way it is published and a consumer program outside the
# library's source rebuilds the same app; its manifests must equal the reference byte for byte
# (a unified diff is printed otherwise):
#   typescript  `npm pack` -> a fresh cdk8s app (outside the repo) installs the tarball, tsc
#               type-checks bindings/typescript/main.ts + examples/article.ts (its `../src` import
#               turned into 'cdk8s-services') against the tarball's .d.ts, node runs it
#   python      jsii-pacmak wheel -> a venv with bindings/python/requirements.txt -> main.py
#   java        jsii-pacmak Maven repository -> bindings/java (Maven) -> example.Main
#   go          jsii-pacmak Go module -> bindings/go (replace directive) -> go build
#   dotnet      no .NET SDK here: jsii-pacmak --code-only, and the C# sources must be there
# With typescript, bindings/plus-versions.sh then installs the tarball in a fresh app per cdk8s-plus
# release from 28 to 33 (bindings/plus/versions.txt) and synthesizes a NodePortService whose
# backend is the app's Deployment: `bindings: typescript plus-33 ok`.
# Finally bindings/snippets.js checks the README quick examples (see bindings/README-snippets.md).
#
# Expects `npm ci` and the jsii compile to have run (it compiles if src/ is newer than .jsii).
# Packages and outputs go to bindings/.work/ (git-ignored); what is slow to rebuild is cached
# under ~/.cache/cdk8s-services/bindings (the TypeScript consumer app, the Python venv, the Java
# bindings of cdk8s and cdk8s-plus-28), ~/.m2, ~/go/pkg/mod and ~/.cache/go-build.
#
# Registries: npm, PyPI, Maven Central and the Go module proxy. Two of the consumers' dependencies
# are not served by the registries reachable here, so they are generated with jsii-pacmak from the
# npm packages at the versions in package.json (exactly how cdk8s-team publishes them):
# org.cdk8s:cdk8s + org.cdk8s:cdk8s-plus-28 (Maven) and github.com/cdk8s-team/cdk8s-core-go (Go).
set -euo pipefail

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export CDK8S_CHECK_UPGRADE=false

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$ROOT/bindings
WORK=$B/.work
CACHE=${CDK8S_SERVICES_CACHE:-$HOME/.cache/cdk8s-services}/bindings
M2_REPO=$HOME/.m2/repository
ALL_LANGS=(typescript python java go dotnet)

if [ $# -gt 0 ]; then LANGS=("$@"); else LANGS=("${ALL_LANGS[@]}"); fi
for l in "${LANGS[@]}"; do
  case " ${ALL_LANGS[*]} " in *" $l "*) ;; *) echo "bindings: unknown language '$l' (one of: ${ALL_LANGS[*]})" >&2; exit 2 ;; esac
done

now() { date +%s; }
T_START=$(now)
TIMINGS=()
FAILED=()

mkdir -p "$WORK/logs" "$CACHE"
cd "$ROOT"

# ---------------------------------------------------------------------------------------------
# Versions: package.json and node_modules are the one source; the consumers' pins must agree.
# ---------------------------------------------------------------------------------------------
node_version_of() { node -p "require(require.resolve('$1/package.json', { paths: ['$ROOT'] })).version"; }
PKG_NAME=$(node -p "require('./package.json').name")
PKG_VERSION=$(node -p "require('./package.json').version")
CDK8S_V=$(node_version_of cdk8s)
PLUS_V=$(node_version_of cdk8s-plus-28)
CONSTRUCTS_V=$(node_version_of constructs)
TS_V=$(node_version_of typescript)
PACMAK_V=$(node_version_of jsii-pacmak)
PACMAK=("$ROOT/node_modules/.bin/jsii-pacmak" --no-npmignore --force)

check_pin() { # file, what, expected, actual
  if [ "$3" != "$4" ]; then
    echo "bindings: $1 pins $2 at '$4' but the library is built with '$3': update $1" >&2
    exit 1
  fi
}
req_pin() { sed -n "s/^$1==\(.*\)$/\1/p" "$B/python/requirements.txt"; }
pom_prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$B/java/pom.xml"; }
gomod_req() { awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1"; }
check_pin bindings/python/requirements.txt cdk8s "$CDK8S_V" "$(req_pin cdk8s)"
check_pin bindings/python/requirements.txt cdk8s-plus-28 "$PLUS_V" "$(req_pin cdk8s-plus-28)"
check_pin bindings/python/requirements.txt constructs "$CONSTRUCTS_V" "$(req_pin constructs)"
check_pin bindings/python/requirements.txt "jsii (the runtime of jsii-pacmak)" "$PACMAK_V" "$(req_pin jsii)"
check_pin bindings/java/pom.xml cdk8s.version "$CDK8S_V" "$(pom_prop cdk8s.version)"
check_pin bindings/java/pom.xml cdk8s-plus-28.version "$PLUS_V" "$(pom_prop cdk8s-plus-28.version)"
check_pin bindings/java/pom.xml constructs.version "$CONSTRUCTS_V" "$(pom_prop constructs.version)"
check_pin bindings/go/go.mod github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 "v$CDK8S_V" \
  "$(gomod_req "$B/go/go.mod" github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2)"
check_pin bindings/go/go.mod github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 "v$PLUS_V" \
  "$(gomod_req "$B/go/go.mod" github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2)"
echo "bindings: $PKG_NAME@$PKG_VERSION with cdk8s $CDK8S_V, cdk8s-plus-28 $PLUS_V, constructs $CONSTRUCTS_V, jsii-pacmak $PACMAK_V"

# ---------------------------------------------------------------------------------------------
# The compiled library and the reference manifests.
# ---------------------------------------------------------------------------------------------
if [ ! -f .jsii ] || [ ! -f lib/index.js ] || [ -n "$(find src -newer .jsii -type f -print -quit)" ]; then
  echo "bindings: .jsii is missing or older than src/: compiling (npx jsii --fail-on-warnings)"
  npx jsii --fail-on-warnings
fi

t0=$(now)
rm -rf "$WORK/ref" "$WORK/out"
CDK8S_OUTDIR="$WORK/ref" npx ts-node --transpile-only --project tsconfig.dev.json examples/main.ts
if [ -z "$(find "$WORK/ref" -name '*.yaml' -print -quit 2>/dev/null)" ]; then
  echo "bindings: the example app wrote no manifests into $WORK/ref" >&2
  exit 1
fi
TIMINGS+=("reference $(( $(now) - t0 ))s")

# compare LANG DIR: DIR must hold exactly the reference's files, byte for byte.
compare() {
  local lang=$1 out=$2
  if [ -z "$(find "$out" -name '*.yaml' -print -quit 2>/dev/null)" ]; then
    echo "bindings: the $lang consumer wrote no manifests into $out" >&2
    return 1
  fi
  if ! diff -ruN "$WORK/ref" "$out" > "$WORK/$lang.diff"; then
    echo "bindings: the $lang consumer's manifests differ from the TypeScript example's (--- reference, +++ $lang):" >&2
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# TypeScript
# ---------------------------------------------------------------------------------------------
lang_typescript() {
  local npmdir=$WORK/dist-js app=$CACHE/ts-app out=$WORK/out/typescript
  rm -rf "$npmdir" && mkdir -p "$npmdir"
  npm pack --pack-destination "$npmdir" --loglevel=warn >/dev/null
  local tarball=$npmdir/$PKG_NAME-$PKG_VERSION.tgz
  [ -f "$tarball" ] || { echo "npm pack wrote no $tarball" >&2; return 1; }

  # What the tarball must hold: the compiled JS and types, the assembly, each bin; and no source.
  tar -tzf "$tarball" | sed 's:^package/::' | sort > "$npmdir/files.txt"
  local want missing=()
  for want in .jsii package.json "$(node -p "require('./package.json').main")" "$(node -p "require('./package.json').types")" \
      $(node -p "Object.values(require('./package.json').bin || {}).join(' ')"); do
    grep -qxF "$want" "$npmdir/files.txt" || missing+=("$want")
  done
  if ! grep -q '^lib/.*\.d\.ts$' "$npmdir/files.txt"; then missing+=("lib/**/*.d.ts"); fi
  if [ ${#missing[@]} -gt 0 ]; then echo "the npm tarball lacks: ${missing[*]}" >&2; return 1; fi
  if grep -qE '^(src|test|examples|bindings)/' "$npmdir/files.txt"; then
    echo "the npm tarball holds source or test files:" >&2; grep -E '^(src|test|examples|bindings)/' "$npmdir/files.txt" >&2; return 1
  fi

  # A fresh cdk8s app outside the repo; its node_modules stay cached, the library is reinstalled.
  mkdir -p "$app"
  rm -rf "$app/out" "$app/package-lock.json" "$app/node_modules/$PKG_NAME" "$app"/*.tgz "$app"/*.ts
  cp "$tarball" "$app/$PKG_NAME.tgz"
  # shellcheck disable=SC2016 # JavaScript, not shell
  APP_DIR=$app node -e '
    const fs = require("fs");
    const [name, cdk8s, plus, constructs, ts] = process.argv.slice(1);
    fs.writeFileSync(process.env.APP_DIR + "/package.json", JSON.stringify({
      name: "cdk8s-services-bindings-ts", private: true, version: "0.0.0",
      dependencies: { cdk8s, "cdk8s-plus-28": plus, constructs, [name]: `file:./${name}.tgz` },
      devDependencies: { typescript: ts },
    }, null, 2) + "\n");
  ' "$PKG_NAME" "$CDK8S_V" "$PLUS_V" "$CONSTRUCTS_V" "$TS_V"
  cp "$B/typescript/main.ts" "$B/typescript/tsconfig.json" "$app/"
  sed "s#from '\.\./src';#from '$PKG_NAME';#" examples/article.ts > "$app/article.ts"
  if grep -nE "from '\.{1,2}/" "$app/article.ts"; then
    echo "examples/article.ts imports something other than '../src' by a relative path; the consumer only has '$PKG_NAME'" >&2
    return 1
  fi
  (cd "$app" && npm install --no-audit --no-fund --prefer-offline --loglevel=warn)
  (cd "$app" && ./node_modules/.bin/tsc -p .)
  [ -x "$app/node_modules/.bin/$PKG_NAME" ] || { echo "the '$PKG_NAME' bin was not installed" >&2; return 1; }
  rm -rf "$out"
  (cd "$app" && CDK8S_OUTDIR="$out" node out/main.js)
  compare typescript "$out"
}

# ---------------------------------------------------------------------------------------------
# Python
# ---------------------------------------------------------------------------------------------
lang_python() {
  local dist=$WORK/dist-python out=$WORK/out/python
  rm -rf "$dist"
  "${PACMAK[@]}" --target python --outdir "$dist"
  local wheel
  wheel=$(find "$dist/python" -name '*.whl' | head -n 1)
  [ -n "$wheel" ] || { echo "jsii-pacmak wrote no wheel into $dist/python" >&2; return 1; }
  echo "wheel: ${wheel#"$ROOT"/}"

  local pyver venv
  pyver=$(python3 -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
  venv=$CACHE/venv-py$pyver
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$B/python/requirements.txt"
  # The version number does not change between builds: always replace the installed wheel.
  "$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
  "$venv/bin/pip" check
  rm -rf "$out"
  (cd "$B/python" && CDK8S_OUTDIR="$out" "$venv/bin/python" main.py)
  compare python "$out"
  # cdk8s-plus workloads passed from Python as any construct (fromWorkload, governStatefulSet)
  (cd "$B/python" && "$venv/bin/python" workloads.py)
  # the MetalLB ConfigMap migration: importConfig, fromConfig and its options as keyword arguments
  (cd "$B/python" && "$venv/bin/python" migration.py)
  # dicts where structs are expected: what jsii passes on to the library (see dicts.py)
  (cd "$B/python" && "$venv/bin/python" dicts.py)
}

# ---------------------------------------------------------------------------------------------
# Java
# ---------------------------------------------------------------------------------------------
lang_java() {
  local dist=$WORK/dist-java out=$WORK/out/java
  local deps=$CACHE/java-deps/cdk8s-$CDK8S_V-plus28-$PLUS_V-pacmak-$PACMAK_V

  # org.cdk8s:cdk8s and org.cdk8s:cdk8s-plus-28, generated once per version set (slow: minutes).
  if [ ! -f "$deps/org/cdk8s/cdk8s-plus-28/$PLUS_V/cdk8s-plus-28-$PLUS_V.jar" ]; then
    echo "generating the Java bindings of cdk8s $CDK8S_V and cdk8s-plus-28 $PLUS_V (once; cached in $deps)"
    local tmp=$CACHE/java-deps/.tmp-$$
    rm -rf "$tmp"
    "${PACMAK[@]}" --target java --outdir "$tmp" --maven-local-repository "$M2_REPO" \
      node_modules/cdk8s node_modules/cdk8s-plus-28
    rm -rf "$deps" && mkdir -p "$(dirname "$deps")" && mv "$tmp/java" "$deps" && rm -rf "$tmp"
  fi

  # The packaged repository starts with those, so that jsii-pacmak's own Maven build (which uses
  # its output directory as a repository) and the consumer both resolve them from there.
  rm -rf "$dist" && mkdir -p "$dist/java" && cp -R "$deps/." "$dist/java/"
  # Release versions are never refreshed in ~/.m2: drop this library's (and the generated org.cdk8s)
  # copies so that each run resolves the artifacts just built.
  rm -rf "$M2_REPO/io/github/cdk8s-services/cdk8s-services" "$M2_REPO/org/cdk8s/cdk8s" "$M2_REPO/org/cdk8s/cdk8s-plus-28"
  "${PACMAK[@]}" --target java --outdir "$dist" --maven-local-repository "$M2_REPO"
  local jar=$dist/java/io/github/cdk8s-services/cdk8s-services/$PKG_VERSION/cdk8s-services-$PKG_VERSION.jar
  [ -f "$jar" ] || { echo "jsii-pacmak wrote no $jar" >&2; return 1; }
  echo "jar: ${jar#"$ROOT"/}"

  local target=$WORK/java-target
  rm -rf "$target"
  (cd "$B/java" && mvn -B -q \
    -Dcdk8s-services.version="$PKG_VERSION" \
    -Dcdk8s-services.repo="file://$dist/java" \
    -Dconsumer.build.directory="$target" \
    -Dmdep.outputFile="$target/classpath.txt" \
    compile dependency:build-classpath)
  rm -rf "$out"
  (cd "$B/java" && CDK8S_OUTDIR="$out" java -cp "$target/classes:$(cat "$target/classpath.txt")" example.Main)
  compare java "$out"
  # cdk8s-plus workloads passed from Java as any construct (fromWorkload, governStatefulSet)
  local wout=$WORK/out/java-workloads
  rm -rf "$wout"
  (cd "$B/java" && CDK8S_OUTDIR="$wout" java -cp "$target/classes:$(cat "$target/classpath.txt")" example.Workloads)
  NODE_PATH=$ROOT/node_modules node "$B/plus/check.js" "$wout"
  echo "java workloads: ok"
}

# ---------------------------------------------------------------------------------------------
# Go
# ---------------------------------------------------------------------------------------------
lang_go() {
  local dist=$WORK/dist-go out=$WORK/out/go
  rm -rf "$dist"
  # This library and cdk8s core (not served by the Go module proxy here), as Go modules. Code only:
  # jsii-pacmak's own build would try to download cdk8s-core-go; the consumer build compiles both.
  "${PACMAK[@]}" --target go --code-only --outdir "$dist" . node_modules/cdk8s

  # The consumer's go.mod must replace exactly the module paths pacmak wrote, and require the
  # jsii runtime version the generated code asks for.
  local dir mod
  for dir in "$dist"/go/*/; do
    dir=${dir%/}
    mod=$(awk '$1 == "module" { print $2; exit }' "$dir/go.mod")
    if ! grep -qxF "replace $mod => ../.work/dist-go/go/$(basename "$dir")" "$B/go/go.mod"; then
      echo "bindings/go/go.mod lacks: replace $mod => ../.work/dist-go/go/$(basename "$dir")" >&2
      return 1
    fi
    local dep want have
    for dep in github.com/aws/jsii-runtime-go github.com/aws/constructs-go/constructs/v10; do
      want=$(gomod_req "$dir/go.mod" "$dep")
      have=$(gomod_req "$B/go/go.mod" "$dep")
      if [ -n "$want" ] && [ "$want" != "$have" ]; then
        echo "bindings/go/go.mod requires $dep ${have:-(nothing)}, the generated $mod requires $want: update it (then go mod tidy)" >&2
        return 1
      fi
    done
  done

  local bin=$WORK/go-consumer
  rm -f "$bin"
  (cd "$B/go" && GOTOOLCHAIN=local go build -mod=readonly -buildvcs=false -o "$bin" .)
  rm -rf "$out"
  (cd "$B/go" && CDK8S_OUTDIR="$out" "$bin")
  compare go "$out"
  # cdk8s-plus workloads passed from Go as any construct (fromWorkload, governStatefulSet)
  local wbin=$WORK/go-workloads wout=$WORK/out/go-workloads
  rm -f "$wbin"
  (cd "$B/go" && GOTOOLCHAIN=local go build -mod=readonly -buildvcs=false -o "$wbin" ./workloads)
  rm -rf "$wout"
  (cd "$B/go" && CDK8S_OUTDIR="$wout" "$wbin")
  NODE_PATH=$ROOT/node_modules node "$B/plus/check.js" "$wout"
  echo "go workloads: ok"
}

# ---------------------------------------------------------------------------------------------
# .NET (generation only)
# ---------------------------------------------------------------------------------------------
lang_dotnet() {
  local dist=$WORK/dist-dotnet
  rm -rf "$dist"
  "${PACMAK[@]}" --target dotnet --code-only --outdir "$dist"
  local pkgid
  pkgid=$(node -p "require('./package.json').jsii.targets.dotnet.packageId")
  local csproj=$dist/dotnet/$pkgid/$pkgid.csproj
  [ -f "$csproj" ] || { echo "jsii-pacmak wrote no $csproj" >&2; return 1; }
  # One C# file per type of the assembly (an interface or struct also gets I<Name>.cs).
  local missing
  # shellcheck disable=SC2016 # JavaScript, not shell
  missing=$(DIST=$dist node -e '
    const fs = require("fs"), path = require("path");
    const files = new Set();
    const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name)); else files.add(e.name); } };
    walk(process.env.DIST);
    const types = Object.values(JSON.parse(fs.readFileSync(".jsii", "utf-8")).types ?? {});
    if (types.length === 0) { console.log("(the assembly has no types)"); process.exit(); }
    const gone = types.filter(t => !files.has(`${t.name}.cs`) && !files.has(`I${t.name}.cs`)).map(t => t.fqn);
    console.log(gone.join(" "));
  ')
  if [ -n "$missing" ]; then echo "no C# source for: $missing" >&2; return 1; fi
  echo "C# sources: $(find "$dist" -name '*.cs' | wc -l) files, ${csproj#"$ROOT"/}"
}

# ---------------------------------------------------------------------------------------------
# Run each language; a failure does not stop the others, but fails the script.
# ---------------------------------------------------------------------------------------------
for lang in "${LANGS[@]}"; do
  log=$WORK/logs/$lang.log
  rm -f "$WORK/$lang.diff"
  t0=$(now)
  set +e
  ( set -e; "lang_$lang" ) > "$log" 2>&1
  rc=$?
  set -e
  secs=$(( $(now) - t0 ))
  TIMINGS+=("$lang ${secs}s")
  if [ $rc -eq 0 ]; then
    if [ "$lang" = dotnet ]; then
      echo "bindings: dotnet generated (not compiled: no .NET SDK)"
    else
      echo "bindings: $lang ok"
    fi
  else
    FAILED+=("$lang")
    echo "bindings: $lang FAILED after ${secs}s; the end of ${log#"$ROOT"/}:" >&2
    tail -n 60 "$log" | sed 's/^/  | /' >&2
    if [ -s "$WORK/$lang.diff" ]; then
      cat "$WORK/$lang.diff" >&2
    fi
  fi
done

# TypeScript apps with each cdk8s-plus from 28 to 33 (bindings/plus-versions.sh), from the tarball
# the TypeScript consumer installed (packed again if that step did not get so far).
if [[ " ${LANGS[*]} " == *" typescript "* ]]; then
  t0=$(now)
  tarball=$WORK/dist-js/$PKG_NAME-$PKG_VERSION.tgz
  plus_args=()
  if [ -f "$tarball" ]; then plus_args=(--tarball "$tarball"); fi
  if ! bash "$B/plus-versions.sh" "${plus_args[@]}"; then FAILED+=("typescript with cdk8s-plus 28-33"); fi
  TIMINGS+=("cdk8s-plus apps $(( $(now) - t0 ))s")
fi

t0=$(now)
if ! node "$B/snippets.js" check; then FAILED+=("README snippets"); fi
TIMINGS+=("snippets $(( $(now) - t0 ))s")

echo "bindings: timings: $(printf '%s, ' "${TIMINGS[@]}")total $(( $(now) - T_START ))s"
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "bindings: FAILED: ${FAILED[*]}" >&2
  exit 1
fi
