#!/usr/bin/env bash
# Runs every importer fuzz target for SECONDS each (default 30), starting from the saved
# corpus in fuzz/corpus/<target> and growing it in place. A crash, a timeout (> 10 s on one
# input) or memory over 1 GiB fails the run; libFuzzer writes the input to fuzz/artifacts/.
#
#   bash fuzz/run.sh          short run (not in `.ci/dev test` yet: the sanitizer build takes ~10 min)
#   bash fuzz/run.sh 3600     the long run: one hour per target
#
# Needs the nightly toolchain and cargo-fuzz; installs both when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

for target in $(cargo +nightly fuzz list); do
  echo "== fuzz $target: ${seconds} s"
  # The corpus folder in the repository stays the small saved seeds; what a run finds
  # goes to a scratch folder (libFuzzer writes new inputs to the first folder given).
  scratch="fuzz/corpus-new/$target"
  mkdir -p "$scratch"
  cargo +nightly fuzz run "$target" "$scratch" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=262144 \
    -print_final_stats=1
done
