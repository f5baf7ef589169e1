#!/usr/bin/env bash
# ferry-arm must reject files it cannot run with exactly one line on stderr starting with
# "ferry:" and exit status 1: a text file, an empty file, a truncated ARM binary, an x86-64
# binary and a path that does not exist. Nothing may reach stdout.
#
#   bad-elf.sh FERRY_ARM ARM_BINARY
set -uo pipefail

ferry=${1:?usage: bad-elf.sh FERRY_ARM ARM_BINARY}
arm_binary=${2:?usage: bad-elf.sh FERRY_ARM ARM_BINARY}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

printf 'this is text, not an ELF file\n' >"$scratch/text"
chmod +x "$scratch/text"
: >"$scratch/empty"
chmod +x "$scratch/empty"
head -c 100 "$arm_binary" >"$scratch/truncated"
chmod +x "$scratch/truncated"
host_binary=$(command -v true)
host_binary=$(readlink -f "$host_binary")

cases=(
  "text file:$scratch/text"
  "empty file:$scratch/empty"
  "truncated ARM binary:$scratch/truncated"
  "x86-64 binary:$host_binary"
  "nonexistent path:$scratch/does-not-exist"
)

failed=0
for entry in "${cases[@]}"; do
  what=${entry%%:*}
  path=${entry#*:}
  timeout 20 "$ferry" "$path" >"$scratch/stdout" 2>"$scratch/stderr"
  status=$?
  lines=$(wc -l <"$scratch/stderr")
  problems=()
  [ "$status" -eq 1 ] || problems+=("exit status $status, expected 1")
  [ "$lines" -eq 1 ] || problems+=("$lines lines on stderr, expected 1")
  head -n 1 "$scratch/stderr" | grep -q '^ferry:' || problems+=("stderr does not start with 'ferry:'")
  [ ! -s "$scratch/stdout" ] || problems+=("unexpected output on stdout")
  if [ ${#problems[@]} -eq 0 ]; then
    printf 'ok    %-22s %s\n' "$what" "$(head -n 1 "$scratch/stderr")"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-22s %s\n' "$what" "$(IFS=';'; echo "${problems[*]}")"
    sed 's/^/        stderr: /' "$scratch/stderr" | head -n 5
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "bad-elf: $failed of ${#cases[@]} cases failed"
  exit 1
fi
echo "bad-elf: all ${#cases[@]} cases passed"
