#!/bin/sh
# Makes claimdesk.profdata, the profile that guides optimized builds (README.md here).
# Builds claimdesk instrumented and runs it on the linear benchmark's inputs of 1 and 4 MB
# (claim-dense news text, the seed article repeated, "N percent of" sentences) and on the
# main job over the fixtures. Both the release binary and the benchmark are run: cargo
# names a function differently in a release and a bench build, and the profile is found
# by name. Run it after changing the hot paths (extraction, the checks, the JSON writer);
# it takes 10-12 minutes.
set -eu
cd "$(dirname "$0")/../.."
sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
llvm_profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
[ -x "$llvm_profdata" ] || rustup component add llvm-tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/inputs"
export CLAIMDESK_PGO_GENERATE="$work/counts"
export CARGO_TARGET_DIR="$work/target"
cargo build --release
# Kept aside: the benchmark's build writes a bench-profile claimdesk in its place.
cp "$work/target/release/claimdesk" "$work/claimdesk"
CLAIMDESK_BENCH_SIZES=1,4 CLAIMDESK_BENCH_RUNS=1 CLAIMDESK_LINEAR_KEEP="$work/inputs" \
    cargo bench --bench linear
for input in "$work"/inputs/*.txt; do
    "$work/claimdesk" extract --max-bytes 10000000 --format json "$input" >/dev/null
done
"$work/claimdesk" --db "$work/train.db" check fixtures/articles/ >/dev/null
"$llvm_profdata" merge --sparse -o benches/pgo/claimdesk.profdata "$work"/counts/*.profraw
rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p' > benches/pgo/llvm-version
# cargo cannot tell that the profile changed: optimized builds made before it are stale.
unset CARGO_TARGET_DIR
cargo clean --release
echo "benches/pgo/claimdesk.profdata: $(wc -c < benches/pgo/claimdesk.profdata) bytes, LLVM $(cat benches/pgo/llvm-version)"
