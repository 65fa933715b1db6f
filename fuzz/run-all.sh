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
# Per-target libFuzzer options. The error-body parser must stay linear in its input: it gets
# inputs of up to 1 MiB (its seeds expand to bodies of up to 1 MiB, see `amplified` in
# fuzz/src/lib.rs) and a memory ceiling well under what a quadratic body would need (the seed
# `seed-long-key` needed 1.8 GB before the fix), so such a case is a crash here, not in a bot.
options() {
    case "$1" in
        error_body) echo "-max_len=1048576 -rss_limit_mb=1024 -malloc_limit_mb=256" ;;
        responses) echo "-max_len=65536 -rss_limit_mb=1024" ;;
        *) echo "" ;;
    esac
}
cargo fuzz build
targets=$(cargo fuzz list)
for target in $targets; do
    printf '\n==> fuzz %s for %s s %s\n' "$target" "$seconds" "$(options "$target")"
    # Seeds are committed as fuzz/corpus/<target>/seed-*; new inputs land beside them (ignored).
    mkdir -p "fuzz/corpus/$target"
    # shellcheck disable=SC2046 # the options are separate words
    cargo fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=1 $(options "$target")
done
printf '\n==> every fuzz target ran %s s without a crash: %s\n' "$seconds" "$(echo $targets)"
