#!/usr/bin/env bash
# Fuzz draftsmith-core: `scripts/fuzz.sh [seconds]` runs every target for that long (default
# 10 s; `make fuzz` passes 600), after replaying the crash inputs kept under
# fuzz/regressions/<target>/. A new crash is copied there so it stays a regression test.
#
# cargo-fuzz needs nightly-only compiler flags; the stable toolchain accepts them under
# RUSTC_BOOTSTRAP=1. Fuzz builds (sanitizer flags) get their own target folder.
set -euo pipefail

seconds="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=(front_matter render)

export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$root/fuzz/target}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

cd "$root/fuzz"
status=0
for target in "${targets[@]}"; do
    regressions="regressions/$target"
    mkdir -p "$regressions" "corpus/$target"
    # The committed seeds stay untouched: new inputs libFuzzer finds go to a scratch copy.
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    cp -r "corpus/$target/." "$work/"

    mapfile -t saved < <(find "$regressions" -type f ! -name '.*' | sort)
    if ((${#saved[@]})); then
        echo "fuzz: $target: replaying ${#saved[@]} regression input(s)" >&2
        cargo fuzz run "$target" "${saved[@]}" -- -runs=0 || status=1
    fi

    echo "fuzz: $target: ${seconds}s" >&2
    artifacts="artifacts/$target"
    mkdir -p "$artifacts"
    if ! cargo fuzz run "$target" "$work" -- -max_total_time="$seconds" \
        -artifact_prefix="$artifacts/" -max_len=65536; then
        status=1
        for crash in "$artifacts"/*; do
            [ -f "$crash" ] || continue
            cp "$crash" "$regressions/"
            echo "fuzz: $target: kept $(basename "$crash") in fuzz/$regressions" >&2
        done
    fi
    rm -rf "$work"
    trap - EXIT
done
exit "$status"
