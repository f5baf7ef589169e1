#!/usr/bin/env bash
# ferry's options with a dynamically linked guest program: -L and FERRY_LD_PREFIX, the default
# sysroot when neither is given, -E, -U, -0, -s, -cpu, -strace with -D (including the ferry
# processes a guest's fork and execve start), and the message for a missing interpreter.
#
#   dyn-options.sh FERRY SYSROOT DYN_HELLO DYN_FORK
#
# DYN_HELLO prints its argv, FERRY_DYN_VAR and the size of its stack; DYN_FORK DYN_HELLO runs
# DYN_HELLO (among others) through fork and execve.
set -u
ferry=$1 sysroot=$2 hello=$3 fork=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
expect() {  # expect NAME PATTERN OUTPUT: OUTPUT has a line matching the extended regex
  if grep -Eq -- "$2" <<<"$3"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s: no line matches %s in:\n%s\n' "$1" "$2" "$3"
  fi
}
reject() {  # reject NAME PATTERN OUTPUT: no line matches
  if grep -Eq -- "$2" <<<"$3"; then
    failed=$((failed + 1))
    printf 'FAIL %s: a line matches %s in:\n%s\n' "$1" "$2" "$3"
  else
    passed=$((passed + 1))
  fi
}

out=$("$ferry" -L "$sysroot" "$hello" one 2>&1)
expect "-L" "^dyn-hello: all [0-9]+ checks passed$" "$out"
expect "argv[1]" "^argv\[1\]=one$" "$out"
out=$(FERRY_LD_PREFIX=$sysroot "$ferry" "$hello" 2>&1)
expect "FERRY_LD_PREFIX" "^dyn-hello: all [0-9]+ checks passed$" "$out"
# No -L: the interpreter is not on the host, so the cross toolchain's sysroot is used.
if [ ! -e /lib/ld-linux-armhf.so.3 ]; then
  out=$(env -u FERRY_LD_PREFIX "$ferry" "$hello" 2>&1)
  expect "default sysroot" "^dyn-hello: all [0-9]+ checks passed$" "$out"
fi
out=$("$ferry" -L "$work" "$hello" 2>&1)
status=$?
expect "missing interpreter" "cannot open the ELF interpreter /lib/ld-linux-armhf.so.3" "$out"
[ "$status" -eq 1 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL status $status"; }

out=$(FERRY_DYN_VAR=host "$ferry" -L "$sysroot" -0 renamed "$hello" 2>&1)
expect "-0" "^argv\[0\]=renamed$" "$out"
expect "environment passed on" "^FERRY_DYN_VAR=host$" "$out"
out=$(FERRY_DYN_VAR=host "$ferry" -L "$sysroot" -E FERRY_DYN_VAR=set "$hello" 2>&1)
expect "-E" "^FERRY_DYN_VAR=set$" "$out"
out=$(FERRY_DYN_VAR=host "$ferry" -L "$sysroot" -U FERRY_DYN_VAR "$hello" 2>&1)
expect "-U" "^FERRY_DYN_VAR=\(unset\)$" "$out"
out=$("$ferry" -L "$sysroot" -s 2M "$hello" 2>&1)
expect "-s" "^stack=2048 KiB$" "$out"
out=$(FERRY_STACK_SIZE=3M "$ferry" -L "$sysroot" "$hello" 2>&1)
expect "FERRY_STACK_SIZE" "^stack=3072 KiB$" "$out"
out=$("$ferry" -L "$sysroot" -cpu cortex-a15 "$hello" 2>&1)
expect "-cpu cortex-a15" "^dyn-hello: all [0-9]+ checks passed$" "$out"
out=$("$ferry" -L "$sysroot" -cpu cortex-m0 "$hello" 2>&1)
expect "-cpu unknown" "unknown arm cpu 'cortex-m0'" "$out"

# -strace into a file: the program's calls, and those of the programs it executes (their ferry
# gets the options again and appends to the same file).
out=$("$ferry" -L "$sysroot" -strace -D "$work/log" "$fork" "$hello" 2>&1)
expect "dyn-fork under -strace" "^dyn-fork: all [0-9]+ checks passed$" "$out"
log=$(cat "$work/log")
expect "strace: libc opened under the prefix" 'openat\(AT_FDCWD,"/lib/libc.so.6",.*\) = [0-9]+$' "$log"
expect "strace: a child's execve" "execve runs under ferry: .*dyn-hello" "$log"
expect "strace: the executed program's own calls" 'write\(1,"Hello from a dynamically' "$log"
pids=$(awk '{ print $1 }' "$work/log" | sort -u | wc -l)
[ "$pids" -ge 5 ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL: strace lines of only $pids processes"; }
# The same with the file named by FERRY_LOG_FILENAME: the executed programs' ferry append to
# it rather than start it afresh.
out=$(FERRY_LOG_FILENAME=$work/log2 "$ferry" -L "$sysroot" -strace "$fork" "$hello" 2>&1)
expect "strace to FERRY_LOG_FILENAME: the executed program's calls" \
  'write\(1,"Hello from a dynamically' "$(cat "$work/log2")"
expect "strace to FERRY_LOG_FILENAME: the first program's calls" \
  'write\(1,"dyn-fork: all' "$(cat "$work/log2")"
reject "no internal errors" "internal error" "$out$log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
