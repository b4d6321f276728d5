#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Build the crash app into OUT (default: build/ beside this script, so
# that no other checkout's objects are ever picked up) and check the
# report of every kind: exit status 125, its message, and crash_deep,
# crash_middle and main named in the RIP line and backtrace. Ends with
# "kvm crash: N passed, M failed"; exit status 0 when all passed.
set -u
ROOT=$(cd "$(dirname "$0")/../../../../.." && pwd)
APP=$ROOT/core/plat/kvm/tests/crash
OUT=${1:-$APP/build}

mkdir -p "$OUT"
if ! make -s -C "$ROOT" A="$APP" O="$OUT" C="$OUT/.config" defconfig \
	> "$OUT/build.log" 2>&1 ||
   ! make -s -C "$ROOT" A="$APP" O="$OUT" C="$OUT/.config" \
	>> "$OUT/build.log" 2>&1; then
	tail -20 "$OUT/build.log"
	echo "kvm crash: 0 passed, 1 failed"
	exit 1
fi

pass=0
fail=0
# kind, pattern the report must contain
for c in "null:CR2 0000000000000000" "ud2:#UD invalid opcode" \
	 "div:#DE divide error" "gp:#GP general protection" \
	 "abort:crash test: abort" "stack:STACK OVERFLOW"; do
	kind=${c%%:*}
	want=${c#*:}
	log=$OUT/$kind.log
	"$ROOT/scripts/qemu-guest" -k "$OUT/crash_kvm-x86_64" -a "$kind" \
		-t 60 > "$log" 2>&1 < /dev/null
	rc=$?
	# the overflow's backtrace is 32 frames of recurse()
	frames="crash_deep+0x crash_middle+0x main+0x"
	[ "$kind" = stack ] && frames="recurse+0x"
	ok=1
	for f in $frames; do
		grep -q "$f" "$log" || ok=0
	done
	if [ "$rc" -eq 125 ] && grep -qF "$want" "$log" && [ "$ok" = 1 ]; then
		pass=$((pass + 1))
	else
		echo "  FAILED: crash $kind (exit $rc), see $log"
		fail=$((fail + 1))
	fi
done
echo "kvm crash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
