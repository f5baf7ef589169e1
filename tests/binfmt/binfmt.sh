#!/bin/sh
# binfmt_misc registration end to end: ferry-binfmt registers ferry for ARM, the kernel then
# runs an ARM program by its name, with and without the preserve-argv0 flag; --systemd
# writes configuration files instead.  Skipped (exit 77) without root or binfmt_misc, and
# when a ferry-arm registration already exists (it is left alone).
#
# usage: binfmt.sh FERRY ARM-HELLO-PROGRAM
set -u
FERRY=$1
HELLO=$2
TOOL="$(dirname "$0")/../../binfmt/ferry-binfmt"
BINFMT=/proc/sys/fs/binfmt_misc
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# --systemd needs neither root nor binfmt_misc
conf=$(mktemp -d)
trap 'rm -rf "$conf"' EXIT
"$TOOL" register --systemd --binfmt-d "$conf" --interpreter "$FERRY" arm >/dev/null ||
    fail "--systemd registration"
line=$(cat "$conf/ferry-arm.conf")
# the ELF header of a 32-bit little-endian ARM executable (ELF spec, EM_ARM = 40)
case $line in
    ":ferry-arm:M::\\x7fELF\\x01\\x01\\x01\\x00"*"\\x02\\x00\\x28\\x00:"*":$FERRY-arm:PF") ;;
    *) fail "unexpected binfmt.d line: $line" ;;
esac

[ "$(id -u)" = 0 ] || skip "not root"
if [ ! -e "$BINFMT/register" ]; then
    mount -t binfmt_misc binfmt_misc "$BINFMT" 2>/dev/null || skip "binfmt_misc unavailable"
fi
[ -w "$BINFMT/register" ] || skip "binfmt_misc is read-only here"
[ -e "$BINFMT/ferry-arm" ] && skip "ferry-arm is already registered on this machine"

prog="$conf/hello-by-name"
cp "$HELLO" "$prog"
chmod +x "$prog"
cleanup() { "$TOOL" unregister arm >/dev/null 2>&1; rm -rf "$conf"; }
trap cleanup EXIT

# preserve-argv0: the program sees the name it was started under
"$TOOL" register --interpreter "$FERRY" --flags P arm || fail "register"
"$TOOL" list | grep -q "^arm .*enabled" || fail "list does not show the registration"
out=$(cd "$conf" && PATH="$conf:$PATH" hello-by-name one "two words") || fail "run by name: $out"
echo "$out" | grep -qx "argc=3" || fail "argc with P: $out"
echo "$out" | grep -qx "argv\[1\]=one" || fail "argv[1] with P: $out"
echo "$out" | grep -qx "argv\[2\]=two words" || fail "argv[2] with P: $out"
echo "$out" | grep -q "all .* checks passed" || fail "program checks: $out"
"$TOOL" unregister arm >/dev/null

# without P the kernel replaces argv[0] with the path; arguments are unchanged
"$TOOL" register --interpreter "$FERRY" --flags F arm >/dev/null || fail "register F"
out=$("$prog" one) || fail "run by path: $out"
echo "$out" | grep -qx "argc=2" || fail "argc without P: $out"
echo "$out" | grep -qx "argv\[1\]=one" || fail "argv[1] without P: $out"
"$TOOL" unregister arm >/dev/null

# open-binary: the kernel opens the program and ferry reads it through AT_EXECFD, so a
# program its user may execute but not read still runs (checked as an unprivileged user)
if command -v setpriv >/dev/null 2>&1; then
    xdir=$(mktemp -d /tmp/ferry-binfmt-x.XXXXXX)
    cp "$HELLO" "$xdir/hello-x"
    chmod 711 "$xdir"
    chmod 111 "$xdir/hello-x"
    nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
    "$TOOL" register --interpreter "$FERRY" --flags F arm >/dev/null || fail "register F"
    if $nobody "$xdir/hello-x" >/dev/null 2>&1; then
        rm -rf "$xdir"
        fail "an unreadable program ran without the O flag"
    fi
    "$TOOL" unregister arm >/dev/null
    "$TOOL" register --interpreter "$FERRY" --flags FO arm >/dev/null || fail "register FO"
    out=$($nobody "$xdir/hello-x" one 2>&1) || { rm -rf "$xdir"; fail "O flag: $out"; }
    rm -rf "$xdir"
    echo "$out" | grep -qx "argv\[1\]=one" || fail "argv[1] with O: $out"
    "$TOOL" unregister arm >/dev/null
fi
[ -e "$BINFMT/ferry-arm" ] && fail "unregister left the entry"
echo "binfmt: registration, run by name with P, F and O, --systemd: ok"
