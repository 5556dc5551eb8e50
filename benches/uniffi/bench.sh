#!/usr/bin/env bash
# Overhead of `evaluate` through the UniFFI bindings (Kotlin on the JVM, Python) against the
# native engine call, on the 1x synthetic document, measured side by side in one run: the
# native baseline (benches/src/bin/engine-evaluate.rs), the Kotlin program (Bench.kt) and the
# Python script (bench.py) each load the same file and time the same call, in rounds that
# alternate the three so that a drift of the shared VM hits them alike.
#
# Needs the outputs of scripts/test-uniffi (release library, generated sources, kotlinc).
# Usage: benches/uniffi/bench.sh [SCALE] [RUNS] [ROUNDS]   (defaults 1 31 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export ISMS_CACHE="${ISMS_CACHE:-$HOME/.cache/isms}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ISMS_CACHE/target}"
scale=${1:-1}; runs=${2:-31}; rounds=${3:-5}
as_of=2026-11-29
out="$CARGO_TARGET_DIR/uniffi-out"
kdir="$ISMS_CACHE/kotlin-compiler-2.4.20/node_modules/kotlin-compiler"
jna=/usr/share/java/jna.jar
lib="$CARGO_TARGET_DIR/release/libisms_uniffi.so"
[ -f "$out/python/isms_uniffi.py" ] || { echo "run scripts/test-uniffi first" >&2; exit 1; }

echo "==> release builds (isms-bench: isms-synth, engine-evaluate; isms-uniffi library)" >&2
cargo build --locked --release -p isms-bench --bin isms-synth --bin engine-evaluate >&2
cargo build --locked --release -p isms-uniffi --lib >&2
doc="$CARGO_TARGET_DIR/synth-$scale.json"
"$CARGO_TARGET_DIR/release/isms-synth" "$scale" > "$doc"
echo "==> kotlinc Bench.kt" >&2
kt=$(find "$out/kotlin" -name 'isms_uniffi.kt')
"$kdir/bin/kotlinc" -nowarn -cp "$jna" "$kt" benches/uniffi/Bench.kt -d "$out/kotlin-bench.jar" 2>&1 | grep -v '^warning' >&2 || true
venv=$(scripts/python-env)

native()  { "$CARGO_TARGET_DIR/release/engine-evaluate" "$doc" "$as_of" "$runs"; }
kotlin()  { java -Djna.library.path="$(dirname "$lib")" -cp "$out/kotlin-bench.jar:$jna:$kdir/lib/kotlin-stdlib.jar" BenchKt "$doc" "$as_of" "$runs"; }
python()  { PYTHONPATH="$out/python" "$venv/bin/python" benches/uniffi/bench.py "$doc" "$as_of" "$runs"; }

declare -A med mins
for r in $(seq "$rounds"); do
  for who in native kotlin python; do
    echo "==> round $r: $who" >&2
    while read -r what m n; do
      med[$who.$what]="${med[$who.$what]:-} $m"
      mins[$who.$what]="${mins[$who.$what]:-} $n"
      echo "    $who $what median $m ms, min $n ms" >&2
    done < <($who)
  done
done
# The median over rounds of the per-round medians.
mid() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
low() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | head -1; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%+.0f%%", 100*(a-b)/b}'; }
echo
echo "document: isms-synth $scale ($(du -h "$doc" | cut -f1), $("$venv/bin/python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["risks"]))' "$doc") risks), as_of $as_of;" \
  "$rounds rounds x median of $runs calls; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for kind in median min; do
  echo
  if [ $kind = median ]; then echo "median over rounds of the per-round medians:"; else echo "fastest call of all rounds:"; fi
  echo
  echo "| call | native Rust ms | Kotlin (JVM) via UniFFI ms | overhead | Python via UniFFI ms | overhead |"
  echo "|---|---|---|---|---|---|"
  for what in evaluate evaluate_findings call_json; do
    if [ $kind = median ]; then
      n=$(mid "${med[native.$what]}"); k=$(mid "${med[kotlin.$what]}"); p=$(mid "${med[python.$what]}")
    else
      n=$(low "${mins[native.$what]}"); k=$(low "${mins[kotlin.$what]}"); p=$(low "${mins[python.$what]}")
    fi
    case $what in
      evaluate) label='`evaluate(asOf)` + `summary()` (result held in Rust)' ;;
      evaluate_findings) label='`evaluate(asOf)` + `findings()` (every finding lifted into records)' ;;
      *) label='`call("evaluate", …)` → JSON text' ;;
    esac
    echo "| $label | $n | $k | $(pct "$k" "$n") | $p | $(pct "$p" "$n") |"
  done
done
echo
echo "per-round medians (ms):"
for key in "${!med[@]}"; do echo "  $key:${med[$key]}"; done | sort
echo "per-round minima (ms):"
for key in "${!mins[@]}"; do echo "  $key:${mins[$key]}"; done | sort
