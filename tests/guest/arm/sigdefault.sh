#!/usr/bin/env bash
# Default signal actions: `sigdefault.sh FERRY BINARY [FERRY OPTIONS...]` runs each case of
# sigdefault and checks its exit status (128 + signal for a death by that signal, as a shell
# reports it) and output.  The stop cases are stopped, checked, then continued with SIGCONT.
set -u
ferry=$1 bin=$2
shift 2
fail=0
opts=("$@")
run() { # case status output-regex
  out=$("$ferry" "${opts[@]}" "$bin" "$1" 2>/dev/null)
  status=$?
  if [ "$status" -ne "$2" ] || ! grep -Eq -- "$3" <<<"$out"; then
    echo "FAIL: $1: status $status (want $2), output: $(tr '\n' '|' <<<"$out")"
    fail=1
  else
    echo "ok: $1: status $status"
  fi
}
run segv 139 '^before segv$'
run abort 134 '^before abort$'
run term 143 '^before term$'
run usr1 138 '^before usr1$'
run rt $((128 + 34 + 3)) '^before rt$'
run ignore 0 '^survived$'
run resethand 139 '^before resethand$'
run blocked 139 '^before blocked$'
run nested 139 '^before nested$'
run thread 139 '^before thread$'

# Stopped by SIGSTOP or SIGTSTP's default action, then continued.
for what in stop tstp; do
  out=$(mktemp)
  "$ferry" "${opts[@]}" "$bin" "$what" >"$out" 2>/dev/null &
  pid=$!
  state=
  for _ in $(seq 100); do
    state=$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)
    [ "$state" = T ] && break
    sleep 0.1
  done
  kill -CONT "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  if [ "$state" != T ] || [ "$status" -ne 0 ] || ! grep -q '^continued$' "$out"; then
    echo "FAIL: $what: state '$state', status $status, output: $(tr '\n' '|' <"$out")"
    fail=1
  else
    echo "ok: $what: stopped, then continued"
  fi
  rm -f "$out"
done
exit $fail
