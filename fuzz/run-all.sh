#!/usr/bin/env bash
# Builds every fuzz target once, then runs each one for SECONDS seconds (default 30) on the stable
# toolchain. Exits non-zero at the first crash; libFuzzer prints the input and cargo-fuzz saves it
# under fuzz/artifacts/<target>/ (reproduce with `cargo fuzz run <target> <file>`).
#
#   fuzz/run-all.sh 30
set -euo pipefail
seconds="${1:-30}"
case "$seconds" in
    '' | *[!0-9]*) echo "usage: $0 SECONDS" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
# cargo-fuzz needs nightly-only flags (-Zsanitizer); RUSTC_BOOTSTRAP lets stable accept them.
export RUSTC_BOOTSTRAP=1
if ! command -v cargo-fuzz > /dev/null; then
    cargo install cargo-fuzz --locked
fi
cargo fuzz build
targets=$(cargo fuzz list)
for target in $targets; do
    printf '\n==> fuzz %s for %s s\n' "$target" "$seconds"
    # Seeds are committed as fuzz/corpus/<target>/seed-*; new inputs land beside them (ignored).
    mkdir -p "fuzz/corpus/$target"
    cargo fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=1
done
printf '\n==> every fuzz target ran %s s without a crash: %s\n' "$seconds" "$(echo $targets)"
