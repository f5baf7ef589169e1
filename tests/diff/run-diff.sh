#!/usr/bin/env bash
# Differential runner: runs guest programs under ferry-arm and under qemu-arm (the reference)
# and compares their standard output and exit status. Prints one table row per program and
# fails when any program differs. When qemu-arm is not installed it says so and passes.
#
#   run-diff.sh [--ferry PATH] [--qemu PATH] [--timeout SECONDS] [--] DIR|PROGRAM...
#
# A directory stands for every executable file in it. The ferry binary defaults to $FERRY,
# then build/ferry-arm; qemu-arm to $QEMU_ARM, then the one on PATH. Options after the
# programs' paths are not parsed. Extra ferry options can be given in $FERRY_OPTS
# (for example FERRY_OPTS="-backend interp").
set -uo pipefail

ferry=${FERRY:-build/ferry-arm}
qemu=${QEMU_ARM:-$(command -v qemu-arm || true)}
limit=120

while [ $# -gt 0 ]; do
  case "$1" in
    --ferry) ferry=$2; shift 2 ;;
    --qemu) qemu=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "run-diff.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done

if [ -z "$qemu" ] || ! command -v "$qemu" >/dev/null 2>&1; then
  echo "run-diff.sh: ${qemu:-qemu-arm} is not installed; differential tests SKIPPED (counted as passed)."
  echo "run-diff.sh: install it with scripts/setup (package qemu-user) to run them."
  exit 0
fi
if [ ! -x "$ferry" ]; then
  echo "run-diff.sh: ferry binary '$ferry' not found or not executable" >&2
  exit 1
fi

programs=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do
      programs+=("$f")
    done < <(find "$arg" -maxdepth 1 -type f -perm -u+x | sort)
  elif [ -f "$arg" ]; then
    programs+=("$arg")
  else
    echo "run-diff.sh: no such file or directory: $arg" >&2
    exit 2
  fi
done
if [ ${#programs[@]} -eq 0 ]; then
  echo "run-diff.sh: no guest programs given" >&2
  exit 2
fi

qname=$(basename "$qemu")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
read -r -a ferry_opts <<<"${FERRY_OPTS:-}"

describe() { # exit status -> text
  case "$1" in
    124) echo "timeout" ;;
    *) if [ "$1" -gt 128 ]; then echo "$1 (signal $(($1 - 128)))"; else echo "$1"; fi ;;
  esac
}

printf '%-28s %-14s %-14s %-8s %s\n' program "$qname" ferry stdout result
printf '%-28s %-14s %-14s %-8s %s\n' ------- -------- ----- ------ ------
differ=0
for prog in "${programs[@]}"; do
  name=$(basename "$prog")
  # The outer redirections only silence the shell's own "Illegal instruction"-style notes.
  { timeout "$limit" "$qemu" "$prog" >"$scratch/qemu.out" 2>"$scratch/qemu.err" </dev/null; } 2>/dev/null
  qs=$?
  { timeout "$limit" "$ferry" "${ferry_opts[@]}" "$prog" >"$scratch/ferry.out" \
      2>"$scratch/ferry.err" </dev/null; } 2>/dev/null
  fs=$?
  same_out=same
  cmp -s "$scratch/qemu.out" "$scratch/ferry.out" || same_out=differs
  result=ok
  if [ "$same_out" != same ] || [ "$qs" -ne "$fs" ]; then
    result=DIFFERENT
    differ=$((differ + 1))
  fi
  printf '%-28s %-14s %-14s %-8s %s\n' "$name" "$(describe "$qs")" "$(describe "$fs")" \
    "$same_out" "$result"
  if [ "$result" != ok ]; then
    diff -u --label "$qname $name" --label "ferry $name" "$scratch/qemu.out" \
      "$scratch/ferry.out" | head -n 20 | sed 's/^/    /'
    if [ -s "$scratch/ferry.err" ]; then
      echo "    ferry stderr:"
      head -n 10 "$scratch/ferry.err" | sed 's/^/      /'
    fi
  fi
done

total=${#programs[@]}
if [ "$differ" -ne 0 ]; then
  echo "run-diff.sh: $differ of $total programs differ between ferry and $qname"
  exit 1
fi
echo "run-diff.sh: all $total programs behave the same under ferry and $qname"
