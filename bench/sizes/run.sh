#!/usr/bin/env bash
# Measures "compile only the models I need": configures and builds the autoclass CLI once per model
# selection (-DAUTOCLASS_MODELS=...) and link variant, strips each binary and prints a table of sizes.
# Then checks that the bert-only binary refuses a llama folder with the "rebuild with
# -DAUTOCLASS_MODELS=..." message and a non-zero exit code.
#
#   bench/sizes/run.sh [SELECTION ...]      default: the five selections below
#   SIZES_VARIANTS="dynamic slim static-deps"  variants to build (see variant_flags)
#   SIZES_BUILD_ROOT=/work/build-sizes      where the build dirs go (one per selection x variant)
#   SIZES_JOBS=2                            ninja -j
set -uo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROOT="${SIZES_BUILD_ROOT:-/work/build-clitests-sizes}"
JOBS="${SIZES_JOBS:-2}"
VARIANTS=(${SIZES_VARIANTS:-dynamic slim static-deps})
if [ $# -gt 0 ]; then SELECTIONS=("$@"); else
  SELECTIONS=("bert" "bert;roberta;distilbert;electra;xlm-roberta" "gpt2" "llama;mistral;qwen2;qwen3" "all")
fi
LIBDIR=/usr/lib/x86_64-linux-gnu
mkdir -p "$ROOT"

# Flags per variant. Every variant drops unused code (gc-sections) so the selection shows.
#  dynamic      the release build; system shared libraries (libstdc++, openblas, curl, ...)
#  slim         -DAUTOCLASS_SLIM=ON: no PIE (no relocation table for the generated tables), -Os outside the
#               kernels (runtime/kernels and models/ stay -O3); shared libraries as above
#  static-deps  slim, plus libstdc++/libgcc and every dependency Debian ships a usable .a for linked
#               statically (openblas + gfortran + quadmath, utf8proc, pcre2, png16, jpeg, z); libc, libcurl stay
#               shared: Debian has no libnghttp2/libssh2/libpsl/libldap/libgssapi .a, so curl cannot be static
#  full-static  -static; expected to fail for the reason above (kept to show it)
variant_flags() {
  local common=(-DCMAKE_BUILD_TYPE=Release -DAUTOCLASS_BUILD_TESTS=OFF -DAUTOCLASS_BUILD_BENCH=OFF -DCMAKE_UNITY_BUILD=ON)
  local static_libs=(-Dpkgcfg_lib_OPENBLAS_openblas=$LIBDIR/libopenblas.a
                     -Dpkgcfg_lib_UTF8PROC_utf8proc=$LIBDIR/libutf8proc.a
                     "-Dpkgcfg_lib_PCRE2_pcre2-8=$LIBDIR/libpcre2-8.a"
                     -Dpkgcfg_lib_LIBPNG_png16=$LIBDIR/libpng16.a
                     -Dpkgcfg_lib_LIBJPEG_jpeg=$LIBDIR/libjpeg.a
                     "-DCMAKE_CXX_STANDARD_LIBRARIES=-l:libgfortran.a -l:libquadmath.a -l:libz.a -lpthread -lm")
  case "$1" in
    dynamic)     printf '%s\n' "${common[@]}" "-DCMAKE_C_FLAGS=-ffunction-sections -fdata-sections"
                 printf '%s\n' "-DCMAKE_CXX_FLAGS=-ffunction-sections -fdata-sections" "-DCMAKE_EXE_LINKER_FLAGS=-Wl,--gc-sections" ;;
    slim)        printf '%s\n' "${common[@]}" -DAUTOCLASS_SLIM=ON ;;
    static-deps) printf '%s\n' "${common[@]}" -DAUTOCLASS_SLIM=ON "${static_libs[@]}" "-DCMAKE_EXE_LINKER_FLAGS=-static-libstdc++ -static-libgcc" ;;
    full-static) printf '%s\n' "${common[@]}" -DAUTOCLASS_SLIM=ON "${static_libs[@]}" "-DCMAKE_EXE_LINKER_FLAGS=-static" ;;
    *) echo "unknown variant $1" >&2; return 1 ;;
  esac
}

label_of() { [ "$1" = all ] && echo all || echo "$1" | tr ';' '+'; }
human() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1048576 }'; }

declare -A SIZE NEEDED
for sel in "${SELECTIONS[@]}"; do
  for var in "${VARIANTS[@]}"; do
    dir="$ROOT/$(label_of "$sel")-$var"
    mapfile -t flags < <(variant_flags "$var")
    echo "== $sel / $var -> $dir" >&2
    if cmake -S "$SRC" -B "$dir" -G Ninja "-DAUTOCLASS_MODELS=$sel" "${flags[@]}" > "$dir.configure.log" 2>&1 &&
       cmake --build "$dir" --target autoclass_cli -j "$JOBS" > "$dir.build.log" 2>&1; then
      strip -o "$dir/autoclass.stripped" "$dir/cli/autoclass"
      SIZE["$sel|$var"]=$(stat -c %s "$dir/autoclass.stripped")
      NEEDED["$sel|$var"]=$(readelf -d "$dir/autoclass.stripped" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sed 's/\.so.*//' | tr '\n' ' ')
    else
      SIZE["$sel|$var"]=failed
      echo "   failed; see $dir.configure.log / $dir.build.log" >&2
    fi
  done
done

printf '\n| AUTOCLASS_MODELS |'; for var in "${VARIANTS[@]}"; do printf ' %s (stripped) |' "$var"; done; printf '\n|---|'
for var in "${VARIANTS[@]}"; do printf -- '---|'; done; printf '\n'
for sel in "${SELECTIONS[@]}"; do
  printf '| %s |' "$sel"
  for var in "${VARIANTS[@]}"; do
    s="${SIZE["$sel|$var"]}"
    if [ "$s" = failed ]; then printf ' build failed |'; else printf ' %s (%s B) |' "$(human "$s")" "$s"; fi
  done
  printf '\n'
done
printf '\nshared libraries still needed:\n'
for key in "${!NEEDED[@]}"; do printf '  %s: %s\n' "$key" "${NEEDED[$key]}"; done

# The slim-build check: a bert-only binary knows llama (config tables) but has no llama kernel.
status=0
for var in "${VARIANTS[@]}"; do
  bin="$ROOT/bert-$var/cli/autoclass"
  [ -x "$bin" ] || continue
  printf '\nslim check (%s): %s info/forward on tests/fixtures/models/llama\n' "$var" "$bin"
  printf '{"input_ids": [[1, 2, 3]]}' > "$ROOT/slim-inputs.json"
  "$bin" forward "$SRC/tests/fixtures/models/llama" --auto-class AutoModelForCausalLM --inputs "$ROOT/slim-inputs.json" \
    --out "$ROOT/slim-out.safetensors" > /dev/null 2> "$ROOT/slim.err"
  code=$?
  cat "$ROOT/slim.err"
  echo "exit code: $code"
  if [ "$code" -ne 0 ] && grep -q "model type 'llama' is known but not compiled into this binary; rebuild with -DAUTOCLASS_MODELS=" "$ROOT/slim.err"; then
    echo "slim check: OK"
  else
    echo "slim check: FAILED"; status=1
  fi
  # The bert fixture still runs in the slim binary.
  if "$bin" tokenize "$SRC/tests/fixtures/models/bert_mlm" --json "Hello world!" > /dev/null; then echo "bert tokenize in slim binary: OK"; else echo "bert tokenize in slim binary: FAILED"; status=1; fi
done
exit $status
