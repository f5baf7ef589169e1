#!/usr/bin/env bash
# Runs a command and passes when it exits with status 0 and its standard output has, for every
# -m REGEX given, at least one line matching that extended regular expression.
#
#   run-expect.sh -m '^Hello, world!$' -m '^argc=3$' -- ferry-arm hello-arm a b
set -uo pipefail

patterns=()
while [ $# -gt 0 ]; do
  case "$1" in
    -m) patterns+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "run-expect.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run-expect.sh: no command given" >&2; exit 2; }

out=$("$@")
status=$?
printf '%s\n' "$out"

fail=0
if [ "$status" -ne 0 ]; then
  echo "run-expect.sh: exit status $status, expected 0"
  fail=1
fi
for re in "${patterns[@]}"; do
  if ! grep -Eq -- "$re" <<<"$out"; then
    echo "run-expect.sh: no output line matches: $re"
    fail=1
  fi
done
exit "$fail"
