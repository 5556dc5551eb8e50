#!/usr/bin/env bash
# Overhead of `evaluate` through the UniFFI bindings (Kotlin on the JVM, Python) against the
# native engine call, on the 1x synthetic document, measured side by side in one run. The
# Kotlin program (Bench.kt) and the Python script (bench.py) each time their call paired, call
# by call, with the same operation timed natively inside the library (`bench_native_ms`), so
# both halves of a pair see the same load of the shared VM; the overhead is the median of the
# paired differences. A separate Rust process (benches/src/bin/engine-evaluate.rs) gives the
# native time without any binding loaded, as a reference. Rounds alternate the three.
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

# kotlin/python lines: `what native_ms binding_ms paired_overhead_%`; native: `what median min`.
declare -A col
add() { col[$1]="${col[$1]:-} $2"; }
for r in $(seq "$rounds"); do
  for who in native kotlin python; do
    echo "==> round $r: $who" >&2
    while read -r what a b c; do
      echo "    $who $what $a $b ${c:-}" >&2
      if [ "$who" = native ]; then
        add "process.$what" "$a"
      else
        add "$who.$what.native" "$a"; add "$who.$what.binding" "$b"; add "$who.$what.over" "$c"
      fi
    done < <($who)
  done
done
# The median over rounds of the per-round medians.
mid() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "document: isms-synth $scale ($(du -h "$doc" | cut -f1), $("$venv/bin/python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["risks"]))' "$doc") risks), as_of $as_of;" \
  "$rounds rounds x $runs paired calls; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| call | native, separate Rust process ms | Kotlin: native in-process ms | Kotlin via UniFFI ms | Kotlin overhead (paired) | Python: native in-process ms | Python via UniFFI ms | Python overhead (paired) |"
echo "|---|---|---|---|---|---|---|---|"
for what in evaluate evaluate_findings call_json; do
  case $what in
    evaluate) label='`evaluate(asOf)` + `summary()` (result held in Rust)' ;;
    evaluate_findings) label='`evaluate(asOf)` + `findings()` (every finding lifted into records)' ;;
    *) label='`call("evaluate", …)` → JSON text' ;;
  esac
  row="| $label | $(mid "${col[process.$what]}")"
  for who in kotlin python; do
    row="$row | $(mid "${col[$who.$what.native]}") | $(mid "${col[$who.$what.binding]}") | $(printf '%+.0f%%' "$(mid "${col[$who.$what.over]}")")"
  done
  echo "$row |"
done
echo
echo "per-round values (ms; overhead in %):"
for key in "${!col[@]}"; do echo "  $key:${col[$key]}"; done | sort
