#!/bin/sh
# Where the library's time goes: one run of a benchmark program under `node --cpu-prof`, then the
# top functions by self time, by module group, and the library's own functions (lib/) by self and
# inclusive time. The .cpuprofile is kept in bench/.work/profile/ (open it in Chrome DevTools or
# speedscope).
#
#   bench/profile.sh              the library variant at N=10000
#   bench/profile.sh 1000 plus    another N and variant (library, raw, plus)
#
# Same environment as bench/run.js (BENCH_CHARTS, BENCH_CHART_SIZE, BENCH_SYNTH, BENCH_LIB), plus
# BENCH_PROFILE_INTERVAL (sampling interval in microseconds, default 200) and BENCH_PROFILE_TOP.
set -e
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
exec node "$(dirname "$0")/run.js" --profile "$@"
