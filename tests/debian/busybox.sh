#!/usr/bin/env bash
# Debian's statically linked busybox for armhf (package busybox-static:armhf) under ferry.
#
#   busybox.sh WORKDIR FERRY [FERRY OPTIONS...]
#
# Fetches the package with apt-get download into WORKDIR (once), then runs applets under
# ferry and compares their results with the host's own tools or with values fixed by the
# input (checksums of data generated here, round trips through the host's decompressors).
# Without the package (no armhf in apt, no network) it says SKIPPED and passes.
set -u
work=$1
shift
ferry=("$@")
mkdir -p "$work"
bb=$work/root/bin/busybox
if [ ! -x "$bb" ]; then
  ( cd "$work" && apt-get download busybox-static:armhf >/dev/null 2>&1 ) || true
  deb=$(ls "$work"/busybox-static_*_armhf.deb 2>/dev/null | head -1)
  if [ -z "$deb" ]; then
    echo "SKIPPED: busybox-static:armhf could not be downloaded (is armhf known to apt?)"
    exit 0
  fi
  dpkg-deb -x "$deb" "$work/root"
fi

passed=0 failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
  fi
}
run() { "${ferry[@]}" "$bb" "$@" 2>>"$work/stderr"; }
: > "$work/stderr"

data=$work/data.bin
head -c 300000 /dev/urandom > "$data"

check echo "hello world" "$(run echo hello world)"
check "sh arithmetic and loops" "21 x1 x2 x3" \
      "$(run sh -c 'printf "%s " $((3*7)); for i in 1 2 3; do printf "x%s " $i; done' | sed 's/ $//')"
check "seq | sort -rn" "$(seq 1 200 | sort -rn | tr '\n' ' ')" \
      "$(run seq 1 200 | run sort -rn | tr '\n' ' ')"
check sha256sum "$(sha256sum < "$data" | cut -d' ' -f1)" "$(run sha256sum < "$data" | cut -d' ' -f1)"
check md5sum "$(md5sum < "$data" | cut -d' ' -f1)" "$(run md5sum < "$data" | cut -d' ' -f1)"
check sha1sum "$(sha1sum < "$data" | cut -d' ' -f1)" "$(run sha1sum < "$data" | cut -d' ' -f1)"
check "gzip, then host gunzip" "$(sha256sum < "$data")" \
      "$(run gzip -c < "$data" | gunzip -c | sha256sum)"
check "host gzip, then gunzip" "$(sha256sum < "$data")" \
      "$(gzip -c < "$data" | run gunzip -c | sha256sum)"
check "bzip2, then host bunzip2" "$(sha256sum < "$data")" \
      "$(run bzip2 -c < "$data" | bunzip2 -c | sha256sum)"
check "wc" "$(wc -c < "$data")" "$(run wc -c < "$data" | tr -d ' ')"
check "sed" "b X c" "$(printf 'b\na\nc\n' | run sed 's/a/X/' | tr '\n' ' ' | sed 's/ $//')"
check "awk arithmetic" "5000050000" "$(run awk 'BEGIN { s = 0; for (i = 1; i <= 100000; i++) s += i; printf "%.0f", s }')"
check "awk floating point" "6.28319" "$(run awk 'BEGIN { printf "%.5f", 3.14159265 * 2 }')"
check "tr and od" "$(printf 'ferry' | tr a-z A-Z | od -An -tx1)" \
      "$(printf 'ferry' | run tr a-z A-Z | run od -An -tx1)"
check "ls of a known directory" "busybox" "$(run ls "$work/root/bin")"
if grep -q "internal error" "$work/stderr"; then
  failed=$((failed + 1))
  echo "FAIL: ferry reported an internal error:"
  cat "$work/stderr"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
