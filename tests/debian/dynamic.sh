#!/usr/bin/env bash
# Dynamically linked Debian armhf programs under ferry, from a sysroot made of Debian packages.
#
#   dynamic.sh [--quick] [--cache DIR] WORKDIR FERRY [FERRY OPTIONS...]
#
# Fetches the packages below with apt-get download into the cache directory (WORKDIR/debs by
# default; kept between runs, only missing packages are fetched, and a lock lets two runs share
# it), unpacks them with dpkg-deb -x into WORKDIR/root, and runs the programs with -L
# WORKDIR/root. Results are compared with the host's own tools or with values fixed by the
# input (checksums of data generated here, round trips through the host's compressors, the
# host's python3 and perl running the same code). --quick runs a short subset (for the slow IR
# interpreter). Without the packages (no armhf in apt, no network) it says SKIPPED and passes.
#
# Threads are exercised too: python's threading, xz -T4 and sort --parallel.
set -u
quick=0
cache=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --cache) cache=$2; shift 2 ;;
    *) break ;;
  esac
done
work=$1
shift
ferry=("$@")
cache=${cache:-$work/debs}
mkdir -p "$work" "$cache"

# Each package with the libraries its programs load (Debian 12 names).
packages=(
  libc6 libgcc-s1 libcrypt1
  coreutils libacl1 libattr1 libgmp10 libselinux1 libpcre2-8-0
  dash findutils grep sed tar
  gzip bzip2 libbz2-1.0 xz-utils liblzma5 zlib1g
  perl-base
  python3.11-minimal libpython3.11-minimal libpython3.11-stdlib libexpat1 libssl3 libffi8
  libsqlite3-0 sqlite3 libreadline8 libtinfo6 openssl
)
have() { ls "$cache/${1}_"*.deb >/dev/null 2>&1; }
root=$work/root
# the stamp names the package list, so a changed list unpacks the sysroot again
stamp=$work/root.stamp-$(printf '%s\n' "${packages[@]}" | md5sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  exec 9>"$cache/.lock"
  flock 9
  missing=()
  for p in "${packages[@]}"; do
    have "$p" || missing+=("$p:armhf")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    ( cd "$cache" && apt-get download "${missing[@]}" >"$cache/download.log" 2>&1 ) || true
  fi
  for p in "${packages[@]}"; do
    if ! have "$p"; then
      echo "SKIPPED: $p:armhf could not be downloaded (is armhf known to apt? network?)"
      tail -3 "$cache/download.log" 2>/dev/null
      exit 0
    fi
  done
  rm -rf "$root"
  mkdir -p "$root"
  for p in "${packages[@]}"; do
    for deb in "$cache/${p}_"*.deb; do
      dpkg-deb -x "$deb" "$root" || { echo "FAIL: cannot unpack $deb"; exit 1; }
    done
  done
  # Merge /bin, /sbin and /lib into /usr as an installed Debian 12 system has them: a shell
  # searching PATH finds /usr/bin/ls first, which must be the sysroot's, not the host's.
  for d in bin sbin lib; do
    if [ -d "$root/$d" ] && [ ! -L "$root/$d" ]; then
      mkdir -p "$root/usr/$d"
      cp -a "$root/$d/." "$root/usr/$d/" && rm -rf "${root:?}/$d" && ln -s "usr/$d" "$root/$d"
    fi
  done
  flock -u 9
  touch "$stamp"
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
: > "$work/stderr"
run() { "${ferry[@]}" -L "$root" "$@" 2>>"$work/stderr"; }
bin() { run "$root/bin/$1" "${@:2}"; }
ubin() { run "$root/usr/bin/$1" "${@:2}"; }
export LC_ALL=C TZ=UTC

scratch=$work/scratch
rm -rf "$scratch"
mkdir -p "$scratch/dir"
data=$scratch/data.bin
head -c 400000 /dev/urandom > "$data"
for i in $(seq 1 300); do echo "$i" > "$scratch/dir/f$i"; done
sum() { sha256sum | cut -d' ' -f1; }
want=$(sum < "$data")

check "sha256sum of a file" "$(sha256sum "$data" | cut -d' ' -f1)" "$(ubin sha256sum "$data" | cut -d' ' -f1)"
check "gzip, then host gunzip" "$want" "$(bin gzip -c < "$data" | gunzip -c | sum)"
check "ls of 300 files" "$(ls "$scratch/dir" | tr '\n' ' ')" "$(bin ls "$scratch/dir" | tr '\n' ' ')"
py_code='import json, re, hashlib, zlib, os
print(json.dumps({"n": re.findall(r"\d+", "a1b22c333"), "s": sorted({"b": 1, "a": 2})}))
print(hashlib.sha256(b"ferry").hexdigest(), hashlib.md5(b"x" * 1000).hexdigest())
print(zlib.crc32(b"ferry"), len(zlib.compress(bytes(range(256)) * 64, 9)))
print(sum(i * i for i in range(100000)), 2 ** 100, round(3.14159265358979 ** 2, 9))
print(sorted(os.listdir(os.environ["DIR"]))[:5], len(os.listdir(os.environ["DIR"])))'
if command -v python3 >/dev/null; then
  check "python3.11 -c" "$(DIR=$scratch/dir python3 -c "$py_code")" \
        "$(DIR=$scratch/dir ubin python3.11 -c "$py_code")"
fi
if [ $quick -eq 0 ]; then
  # subprocess: fork and execve of ARM programs of the sysroot, pipes, epoll, close_range.
  sub_code='import subprocess, selectors
p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(b"ferry" * 30000)
print(len(out), out[:10], p.returncode)
print(subprocess.run(["sh", "-c", "exit 3"]).returncode, subprocess.check_output(["echo", "hi"]))
print(type(selectors.DefaultSelector()).__name__)'
  if command -v python3 >/dev/null; then
    check "python3.11 subprocess" "$(python3 -c "$sub_code")" "$(ubin python3.11 -c "$sub_code")"
  fi
  check "md5sum" "$(md5sum < "$data")" "$(ubin md5sum < "$data")"
  check "host gzip, then gunzip" "$want" "$(gzip -c < "$data" | bin gzip -dc | sum)"
  check "gzip -9 round trip under ferry" "$want" "$(bin gzip -9c < "$data" | bin gzip -dc | sum)"
  check "bzip2, then host bunzip2" "$want" "$(bin bzip2 -c < "$data" | bunzip2 -c | sum)"
  check "host bzip2, then bunzip2" "$want" "$(bzip2 -c < "$data" | bin bzip2 -dc | sum)"
  check "xz, then host unxz" "$want" "$(ubin xz -T1 -c < "$data" | xz -dc | sum)"
  check "host xz, then unxz" "$want" "$(xz -c < "$data" | ubin xz -T1 -dc | sum)"
  check "ls -l" "$(ls -l --time-style=+%s "$scratch/dir" | head -20)" \
        "$(bin ls -l --time-style=+%s "$scratch/dir" | head -20)"
  check "ls -la of the sysroot's /usr/bin" "$(ls -la "$root/usr/bin" | wc -l)" "$(bin ls -la /usr/bin | wc -l)"
  words=$(awk 'BEGIN { for (i = 0; i < 2000; i++) print (i * 7919) % 2003, "w" (i * 31) % 97 }')
  check "sort -n" "$(sort -n <<<"$words" | sum)" "$(ubin sort -n <<<"$words" | sum)"
  check "sort -k2,2 -k1,1n" "$(sort -k2,2 -k1,1n <<<"$words" | sum)" \
        "$(ubin sort -k2,2 -k1,1n <<<"$words" | sum)"
  check "uniq -c" "$(cut -d' ' -f2 <<<"$words" | sort | uniq -c | sum)" \
        "$(cut -d' ' -f2 <<<"$words" | ubin sort | ubin uniq -c | sum)"
  check "wc" "$(wc < "$data")" "$(ubin wc < "$data")"
  check "od" "$(head -c 64 "$data" | od -An -tx1)" "$(head -c 64 "$data" | ubin od -An -tx1)"
  check "tr | cut | head" "$(tr a-z A-Z <<<"$words" | cut -d' ' -f2 | head -5)" \
        "$(ubin tr a-z A-Z <<<"$words" | ubin cut -d' ' -f2 | ubin head -5)"
  check "date -u" "1970-01-02 00:00:00" "$(bin date -u -d @86400 '+%F %T')"
  check "stat -c" "$(stat -c '%s %i %h' "$data")" "$(ubin stat -c '%s %i %h' "$data")"
  check "df (statfs64)" "$(df -P -k "$scratch" | awk 'NR == 2 { print $2 }')" \
        "$(bin df -P -k "$scratch" | awk 'NR == 2 { print $2 }')"
  check "dd" "$(dd if="$data" bs=1000 skip=7 count=9 2>/dev/null | sum)" \
        "$(bin dd if="$data" bs=1000 skip=7 count=9 2>/dev/null | sum)"
  bin mkdir "$scratch/made"
  bin cp "$data" "$scratch/made/copy"
  bin mv "$scratch/made/copy" "$scratch/made/moved"
  bin ln -s moved "$scratch/made/link"
  check "mkdir, cp, mv, ln -s" "$want moved" \
        "$(sum < "$scratch/made/link" 2>/dev/null) $(readlink "$scratch/made/link")"
  bin rm -r "$scratch/made"
  check "rm -r" "no" "$([ -e "$scratch/made" ] && echo yes || echo no)"
  check "id (user and group lookups, getgroups32)" "$(id)" "$(ubin id)"
  check "readlink -f" "$(readlink -f "$scratch/dir/../data.bin")" \
        "$(bin readlink -f "$scratch/dir/../data.bin")"

  check "find (300 files, readdir)" "$(find "$scratch/dir" -type f | sort | sum)" \
        "$(ubin find "$scratch/dir" -type f | sort | sum)"
  check "grep -c" "$(grep -c '^1' <<<"$words")" "$(bin grep -c '^1' <<<"$words")"
  check "sed" "$(sed -n 's/^\([0-9]*\) w\(.*\)$/\2:\1/p' <<<"$words" | sum)" \
        "$(bin sed -n 's/^\([0-9]*\) w\(.*\)$/\2:\1/p' <<<"$words" | sum)"
  # The shell forks and executes ARM programs found under the sysroot (/bin/ls, /usr/bin/sort).
  check "sh: pipes of ARM programs" "$(ls "$scratch/dir" | sort -t f -k2 -n | tail -3 | tr '\n' ' ')" \
        "$(bin sh -c "ls '$scratch/dir' | sort -t f -k2 -n | tail -3" | tr '\n' ' ')"
  check "sh runs the sysroot's programs from PATH" "armv7l" "$(bin sh -c 'uname -m')"
  check "sh: arithmetic, loops, \$(...)" "21 x1 x2 x3 5" \
        "$(bin sh -c 'printf "%s " $((3*7)); for i in 1 2 3; do printf "x%s " $i; done; echo $(echo 5)')"
  # tar -z runs gzip (an ARM program from the sysroot) through fork and execve.
  bin tar -czf "$scratch/dir.tgz" -C "$scratch" dir
  check "tar -cz, then host tar -xz" "$(cat "$scratch"/dir/f* | sum)" \
        "$(mkdir -p "$scratch/untar" && tar -xzf "$scratch/dir.tgz" -C "$scratch/untar" &&
           cat "$scratch"/untar/dir/f* | sum)"

  # threads: python's threading (futexes, thread exit), xz and sort with several threads
  thr_code='import threading, hashlib
out = [None] * 8
def work(i):
    h = hashlib.sha256()
    for k in range(2000):
        h.update(str(i * k).encode())
    out[i] = h.hexdigest()[:16]
ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
lock = threading.Lock(); n = [0]
def inc():
    for _ in range(20000):
        with lock:
            n[0] += 1
ts = [threading.Thread(target=inc) for _ in range(4)]
[t.start() for t in ts]
[t.join() for t in ts]
print(out, n[0])'
  sql_code='import sqlite3
db = sqlite3.connect(":memory:")
db.execute("create table t (k integer primary key, v text)")
db.executemany("insert into t (v) values (?)", [(str(i * i),) for i in range(1000)])
print(db.execute("select count(*), sum(length(v)), max(k) from t").fetchone())'
  if command -v python3 >/dev/null; then
    check "python3.11 threading" "$(python3 -c "$thr_code")" "$(ubin python3.11 -c "$thr_code")"
    check "python3.11 sqlite3" "$(python3 -c "$sql_code")" "$(ubin python3.11 -c "$sql_code")"
  fi
  check "xz -T4, then host unxz" "$want" "$(ubin xz -T4 -c < "$data" | xz -dc | sum)"
  check "sort --parallel=4" "$(sort -n <<<"$words" | sum)" \
        "$(ubin sort --parallel=4 -S 64K -n <<<"$words" | sum)"
  sql='create table t(a); insert into t values (6*7), (hex(255)), (x'"'"'ff'"'"');
       select count(*), sum(length(a)), group_concat(typeof(a)) from t;'
  if command -v sqlite3 >/dev/null; then
    check "sqlite3" "$(sqlite3 :memory: "$sql")" "$(bin sqlite3 :memory: "$sql" 2>&1)"
  fi
  check "openssl dgst -sha256" "$want" "$(ubin openssl dgst -sha256 -r "$data" | cut -d' ' -f1)"
  check "openssl enc under ferry, host openssl dec" "$want" \
        "$(ubin openssl enc -aes-256-cbc -pbkdf2 -pass pass:ferry -in "$data" |
           openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:ferry | sum)"
  check "host openssl enc, openssl dec under ferry" "$want" \
        "$(openssl enc -aes-256-cbc -pbkdf2 -pass pass:ferry -in "$data" |
           ubin openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:ferry | sum)"

  perl_code='my %h; $h{$_}++ for split //, "mississippi";
             print join(",", map { "$_=$h{$_}" } sort keys %h), "\n";
             printf "%.10f %s %d\n", sqrt(2), scalar reverse("ferry"), 2**40 % 1000003;
             my $s = "a1b22c333"; my @n = $s =~ /(\d+)/g; print "@n ", unpack("H*", pack("N", 3735928559)), "\n";'
  if command -v perl >/dev/null; then
    check "perl -e" "$(perl -e "$perl_code")" "$(ubin perl -e "$perl_code")"
  fi
fi
if grep -q "internal error" "$work/stderr"; then
  failed=$((failed + 1))
  echo "FAIL: ferry reported an internal error:"
  cat "$work/stderr"
fi
rm -rf "$scratch"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
