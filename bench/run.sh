#!/usr/bin/env bash
# Builds the benchmark programs, checks their results and times ferry against qemu-user.
#
#   bench/run.sh [options] [NAME...]
#     --guest G       arm (default), mips, mipsel or xtensa: which guest builds to run
#     --runs N        timed runs per emulator and program (default 5, after one warm-up run)
#     --scale N       pass N as the scale argument (default: each program's own default)
#     --markdown      also print the result table as Markdown
#     --check-only    only check the outputs under ferry against the native build; no timing
#     --no-build      use the binaries already in the build directory
#     --builddir DIR  where binaries go (default bench/build)
#
# Each program NAME.c is built for the guest, static and -O2 (ARM: NAME-arm and NAME-thumb;
# MIPS: NAME-mips big-endian with mips-linux-gnu-gcc, NAME-mipsel little-endian with
# mipsel-linux-gnu-gcc; Xtensa: NAME-xtensa with xtensa-lx106-elf-gcc and the guest test
# runtime of tests/guest/xtensa/rt, run on the lx106 core by both emulators), and as
# NAME-native for the host; neon.c is ARM only (built with -mfpu=neon-vfpv4), and the
# Xtensa toolchain has no floating point (nbody, sgemm are left out). The programs are
# deterministic,
# so the native build's output line is the expected output of the guest builds under both
# emulators. Timed runs alternate ferry and qemu so that machine noise affects both alike;
# the table shows the median of each, their ratio, and the geometric mean of the ratios.
# The ferry binary is $FERRY (default build/ferry-GUEST), qemu is $QEMU (for ARM also
# $QEMU_ARM; default: qemu-GUEST on PATH).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
guest=arm
builddir=$root/bench/build
runs=5
scale=
markdown=0
check_only=0
build=1
names=()

while [ $# -gt 0 ]; do
  case "$1" in
    --guest) guest=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --markdown) markdown=1; shift ;;
    --check-only) check_only=1; shift ;;
    --no-build) build=0; shift ;;
    --builddir) builddir=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done

case "$guest" in
  arm) variants=(arm thumb); qemu_default=${QEMU_ARM:-} ;;
  mips|mipsel) variants=("$guest"); qemu_default= ;;
  xtensa) variants=(xtensa); qemu_default=
          # the call0 core the programs are built for, under both emulators
          export QEMU_CPU=${QEMU_CPU:-lx106} FERRY_CPU=${FERRY_CPU:-lx106} ;;
  *) echo "run.sh: unknown guest $guest (arm, mips, mipsel, xtensa)" >&2; exit 2 ;;
esac
ferry=${FERRY:-$root/build/ferry-$guest}
qemu=${QEMU:-${qemu_default:-$(command -v "qemu-$guest" || true)}}
qname=qemu-$guest

# The cross compiler and its flags for one variant.
variant_cc() {
  case "$1" in
    arm) echo "${ARM_CC:-arm-linux-gnueabihf-gcc} -marm" ;;
    thumb) echo "${ARM_CC:-arm-linux-gnueabihf-gcc} -mthumb" ;;
    mips) echo "${MIPS_CC:-mips-linux-gnu-gcc}" ;;
    mipsel) echo "${MIPSEL_CC:-mipsel-linux-gnu-gcc}" ;;
    xtensa) local rt=$root/tests/guest/xtensa/rt
            echo "${XTENSA_CC:-xtensa-lx106-elf-gcc}" \
                 "--specs=/usr/lib/xtensa-lx106-elf/picolibc.specs -nostartfiles" \
                 "-mlongcalls -mtext-section-literals -I$rt/include -T $rt/xt.ld" \
                 "$rt/crt0.S $rt/runtime.c" ;;
  esac
}

if [ ${#names[@]} -eq 0 ]; then
  for src in "$root"/bench/*.c; do
    name=$(basename "$src" .c)
    # the NEON kernel uses arm_neon.h
    [ "$name" = neon ] && [ "$guest" != arm ] && continue
    # no floating point in the Xtensa toolchain's libgcc
    [ "$guest" = xtensa ] && { [ "$name" = nbody ] || [ "$name" = sgemm ]; } && continue
    names+=("$name")
  done
fi
scale_args=()
[ -n "$scale" ] && scale_args=("$scale")

# ---- build ----

needs_build() { # output sources...
  local out=$1 src
  shift
  [ -x "$out" ] || return 0
  for src in "$@"; do
    [ "$src" -nt "$out" ] && return 0
  done
  return 1
}

# Extra compiler flags of a program for a variant (keep in step with BENCH_ARM_FLAGS_<name>
# in tests/guest/CMakeLists.txt).
extra_flags() {
  case "$1:$2" in
    neon:arm|neon:thumb) echo "-mfpu=neon-vfpv4" ;;
  esac
}

if [ "$build" -eq 1 ]; then
  host=${CC:-cc}
  for variant in "${variants[@]}"; do
    read -r -a cross <<<"$(variant_cc "$variant")"
    command -v "${cross[0]}" >/dev/null ||
      { echo "run.sh: ${cross[0]} not found (run scripts/setup)" >&2; exit 1; }
  done
  mkdir -p "$builddir"
  for name in "${names[@]}"; do
    src=$root/bench/$name.c
    [ -f "$src" ] || { echo "run.sh: no benchmark $src" >&2; exit 2; }
    deps=("$src" "$root/bench/bench.h")
    for variant in "${variants[@]}"; do
      read -r -a cross <<<"$(variant_cc "$variant")"
      read -r -a extra <<<"$(extra_flags "$name" "$variant")"
      needs_build "$builddir/$name-$variant" "${deps[@]}" &&
        { "${cross[@]}" -static -O2 "${extra[@]}" -o "$builddir/$name-$variant" "$src" -lm \
            $([ "$variant" = xtensa ] && echo "-lc -lgcc") || exit 1; }
    done
    needs_build "$builddir/$name-native" "${deps[@]}" &&
      { "$host" -O2 -o "$builddir/$name-native" "$src" -lm || exit 1; }
  done
fi

if [ ! -x "$ferry" ]; then
  echo "run.sh: ferry binary '$ferry' not found (build it with scripts/build, or set FERRY)" >&2
  exit 1
fi
have_qemu=1
if [ -z "$qemu" ] || ! command -v "$qemu" >/dev/null 2>&1; then
  have_qemu=0
  [ "$check_only" -eq 1 ] || { echo "run.sh: $qname not found; nothing to compare with" >&2; exit 1; }
fi

# ---- check outputs ----

failures=0
bad=()   # binaries whose output is wrong under ferry; they are not timed

errfile=$(mktemp)
trap 'rm -f "$errfile"' EXIT

# Compares stdout only: ferry may log unsupported features on stderr without being wrong.
check_one() { # label binary expected emulator...
  local label=$1 bin=$2 want=$3 got status
  shift 3
  got=$(timeout 600 "$@" "$bin" "${scale_args[@]}" 2>"$errfile")
  status=$?
  if [ "$status" -ne 0 ] || [ "$got" != "$want" ]; then
    echo "FAIL  $(basename "$bin") under $label (status $status)"
    echo "      expected: $want"
    echo "      got:      $(head -c 300 <<<"$got")"
    head -n 5 "$errfile" | sed 's/^/      stderr:   /'
    return 1
  fi
  echo "ok    $(basename "$bin") under $label: $got"
  return 0
}

for name in "${names[@]}"; do
  want=$("$builddir/$name-native" "${scale_args[@]}")
  if [ $? -ne 0 ]; then
    echo "FAIL  $name-native: $want"
    failures=$((failures + 1))
    continue
  fi
  for variant in "${variants[@]}"; do
    bin=$builddir/$name-$variant
    if ! check_one ferry "$bin" "$want" "$ferry"; then
      failures=$((failures + 1))
      bad+=("$name-$variant")
    fi
    if [ "$check_only" -eq 0 ] && [ "$have_qemu" -eq 1 ]; then
      check_one "$qname" "$bin" "$want" "$qemu" || failures=$((failures + 1))
    fi
  done
done

if [ "$check_only" -eq 1 ]; then
  if [ "$failures" -ne 0 ]; then
    echo "run.sh: $failures benchmark checks failed"
    exit 1
  fi
  echo "run.sh: all benchmark outputs match the native build"
  exit 0
fi

# ---- timing ----

now() { echo "${EPOCHREALTIME/,/.}"; }

time_run() { # prints elapsed seconds of one run
  local start end
  start=$(now)
  "$@" "${scale_args[@]}" >/dev/null 2>&1
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f\n", e - s }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rows=()
for name in "${names[@]}"; do
  for variant in "${variants[@]}"; do
    label=$name-$variant
    bin=$builddir/$label
    if [[ " ${bad[*]-} " == *" $label "* ]]; then
      rows+=("$label - - -")
      continue
    fi
    "$ferry" "$bin" "${scale_args[@]}" >/dev/null 2>&1 # warm-up: page cache, CPU frequency
    "$qemu" "$bin" "${scale_args[@]}" >/dev/null 2>&1
    ft=() qt=()
    for ((r = 0; r < runs; r++)); do
      ft+=("$(time_run "$ferry" "$bin")")
      qt+=("$(time_run "$qemu" "$bin")")
    done
    fm=$(printf '%s\n' "${ft[@]}" | median)
    qm=$(printf '%s\n' "${qt[@]}" | median)
    ratio=$(awk -v f="$fm" -v q="$qm" 'BEGIN { printf "%.3f", (q > 0 ? f / q : 0) }')
    rows+=("$label $fm $qm $ratio")
    printf '  timed %-18s ferry %8.3f s   qemu %8.3f s\n' "$label" "$fm" "$qm" >&2
  done
done

geomean=$(printf '%s\n' "${rows[@]}" | awk '$4 != "-" && $4 > 0 { s += log($4); n++ }
  END { if (n) printf "%.3f", exp(s / n); else print "-" }')

echo
printf '%-20s %10s %10s %12s\n' program "ferry s" "qemu s" "ferry/qemu"
printf '%-20s %10s %10s %12s\n' ------- ------- ------ ----------
for row in "${rows[@]}"; do
  read -r label f q ratio <<<"$row"
  printf '%-20s %10s %10s %12s\n' "$label" "$f" "$q" "$ratio"
done
printf '%-20s %10s %10s %12s\n' "geometric mean" "" "" "$geomean"

if [ "$markdown" -eq 1 ]; then
  echo
  echo "| program | ferry s | qemu s | ferry/qemu |"
  echo "| --- | ---: | ---: | ---: |"
  for row in "${rows[@]}"; do
    read -r label f q ratio <<<"$row"
    echo "| $label | $f | $q | $ratio |"
  done
  echo "| **geometric mean** | | | **$geomean** |"
fi

if [ "$failures" -ne 0 ]; then
  echo "run.sh: $failures benchmark checks failed" >&2
  exit 1
fi
