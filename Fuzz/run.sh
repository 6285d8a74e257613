#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) and runs each for a given time on a copy
# of the checked-in seed corpus. Not part of CI: run it on demand.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      targets: rules csv json values (default: all)
#
# A crash leaves its input in .build/fuzz/TARGET/; turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=(rules csv json values); fi

mkdir -p .build/fuzz
binary=.build/fuzz/escalate-fuzz
sources=$(find Sources/EscalateKit -name '*.swift' | sort)
swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -module-name EscalateKit \
  $sources Fuzz/Targets.swift -o "$binary" 2>&1 | grep -v "warning: Cannot export local symbol" || true

for target in "${targets[@]}"; do
  work=".build/fuzz/$target"
  mkdir -p "$work/corpus"
  cp -n Fuzz/corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
  echo "== $target for ${seconds}s"
  # Swift's own backtracer would stall under AddressSanitizer; libFuzzer reports the crash.
  (cd "$work" && SWIFT_BACKTRACE=enable=no FUZZ_TARGET="$target" "../escalate-fuzz" -max_total_time="$seconds" -max_len=65536 \
    -print_final_stats=1 corpus 2>&1 | grep -E "Done|stat::number_of_executed_units|ERROR|SUMMARY|crash-" | tail -4) || true
done
