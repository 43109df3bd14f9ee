#!/usr/bin/env bash
# Runs every importer fuzz target for SECONDS each (default 60), starting from the saved
# corpus in fuzz/corpus/<target>. A crash (a panic), a timeout (> 10 s on one input) or memory
# over 1 GiB fails the run; libFuzzer writes the input to fuzz/artifacts/<target>/.
#
#   bash fuzz/run.sh                                 the short run `.ci/dev test` makes (60 s a target)
#   bash fuzz/run.sh 3600                            the long run: one hour per target
#   FUZZ_SANITIZER=address bash fuzz/run.sh 3600     the long run under AddressSanitizer
#
# Needs only the stable toolchain (and installs cargo-fuzz when missing). cargo-fuzz passes
# rustc flags that stable rejects (-Zsanitizer, -Cllvm-args=-sanitizer-coverage-*, …);
# RUSTC_BOOTSTRAP=1, set for these commands only, lets stable accept them. Built without a
# sanitizer by default: the importers are safe Rust, where what a fuzzer finds is a panic, an
# endless loop or runaway memory, which libFuzzer catches by itself; AddressSanitizer doubles
# the build time and halves the executions for memory errors that only unsafe code (in the
# dependencies) could make — worth it for the long run. Optimised, with debug assertions and
# overflow checks on (an arithmetic overflow on a hostile file is a crash found); 16 codegen
# units build faster than cargo-fuzz's single one. The build is kept in target/fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
sanitizer="${FUZZ_SANITIZER:-none}"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
build=(--sanitizer "$sanitizer" --release --debug-assertions --codegen-units 16
  --target-dir "$PWD/target/fuzz")

start=$SECONDS
cargo fuzz build "${build[@]}"
echo "== fuzz: build $((SECONDS - start)) s"
for target in $(cargo fuzz list); do
  echo "== fuzz $target: ${seconds} s"
  # The corpus folder in the repository stays the small saved seeds; what a run finds
  # goes to a scratch folder (libFuzzer writes new inputs to the first folder given).
  scratch="fuzz/corpus-new/$target"
  mkdir -p "$scratch"
  cargo fuzz run "${build[@]}" "$target" "$scratch" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=262144 \
    -print_final_stats=1
done
