#!/bin/sh
# run-fuzz.sh TARGET SECONDS SEEDS WORK: runs a libFuzzer target for
# SECONDS over the checked-in SEEDS (read only) and WORK (where it keeps
# what it finds); a crashing input is written to WORK-artifacts/. Exit 0:
# nothing found; otherwise libFuzzer's report names the input (add it to
# SEEDS once fixed, as a regression seed).
set -eu
target=$1 seconds=$2 seeds=$3 work=$4
mkdir -p "$work" "$work-artifacts"
name=$(basename "$target")
echo "$name: ${seconds}s over $seeds ($(ls "$seeds" | wc -l) seeds) and $work"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
G_SLICE=always-malloc \
  "$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work-artifacts/" "$work" "$seeds"
