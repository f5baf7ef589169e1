#!/usr/bin/env bash
# Checks guest faults: `faults.sh FERRY NM BINARY KIND SIGNUM FUNCTION ADDRESS`.
# The guest must print its first line, then die by signal SIGNUM (exit status 128+SIGNUM),
# with ferry's message naming a pc inside FUNCTION (found with NM) and, when ADDRESS is not
# "-", that faulting address. This checks the mapping from a host fault inside generated
# code back to the guest instruction.
set -u
ferry=$1 nm=$2 bin=$3 kind=$4 signum=$5 func=$6 addr=$7
shift 7
out=$("$ferry" "$@" "$bin" "$kind" 2>/tmp/ferry-faults.$$)
status=$?
err=$(cat /tmp/ferry-faults.$$)
rm -f /tmp/ferry-faults.$$
fail() { echo "FAIL: $*"; echo "stdout: $out"; echo "stderr: $err"; exit 1; }
[ "$out" = "before the fault" ] || fail "unexpected output"
[ "$status" -eq $((128 + signum)) ] || fail "exit status $status, want $((128 + signum))"
pc=$(printf '%s\n' "$err" | sed -n 's/.*at pc 0x\([0-9a-f]*\).*/\1/p' | head -1)
[ -n "$pc" ] || fail "no pc in the message"
start=$("$nm" "$bin" | awk -v f="$func" '$3 == f { print $1 }')
[ -n "$start" ] || fail "no symbol $func"
pcv=$((16#$pc)); sv=$(( (16#$start) & ~1 ))
[ $pcv -ge $sv ] && [ $pcv -lt $((sv + 32)) ] || fail "pc 0x$pc is not in $func (0x$start)"
if [ "$addr" != "-" ]; then
  printf '%s\n' "$err" | grep -q "address $addr" || fail "faulting address is not $addr"
fi
echo "ok: $kind died by signal $signum at pc 0x$pc in $func"
