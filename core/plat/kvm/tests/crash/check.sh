#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Build the crash app into OUT (default: build/ beside this script, so
# that no other checkout's objects are ever picked up) and check the
# report of every kind: exit status 125, its message, and crash_deep,
# crash_middle and main named in the RIP line and backtrace. One case
# per kind; ends with "N passed, N failed, N skipped" (exit status 0
# when all passed).
#
# Usage: check.sh [OUT]
set -u
ROOT=$(cd "$(dirname "$0")/../../../../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../../../../../scripts/lib/test.sh
. "$ROOT/scripts/lib/test.sh"
APP=$ROOT/core/plat/kvm/tests/crash
OUT=${1:-$APP/build}

if ! IMG=$(t_build "$APP" kvm "$OUT" 2>&1); then
	echo "$IMG"
	fail "build of the crash app"
	summary
fi

# kind, pattern the report must contain
for c in "null:CR2 0000000000000000" "ud2:#UD invalid opcode" \
	 "div:#DE divide error" "gp:#GP general protection" \
	 "abort:crash test: abort" "stack:STACK OVERFLOW"; do
	kind=${c%%:*}
	want=${c#*:}
	log=$OUT/$kind.log
	t_kvm "$IMG" 60 "$kind" > "$log" 2>&1
	rc=$?
	# the overflow's backtrace is 32 frames of recurse()
	frames="crash_deep+0x crash_middle+0x main+0x"
	[ "$kind" = stack ] && frames="recurse+0x"
	missing=
	for f in $frames; do
		grep -q "$f" "$log" || missing="$missing $f"
	done
	if [ "$rc" -eq 125 ] && grep -qF "$want" "$log" && [ -z "$missing" ]
	then
		ok "crash $kind: status 125, '$want', backtrace"
	else
		fail "crash $kind: status $rc (want 125), '$want'," \
			"missing:${missing:- none}; see $log"
	fi
done
summary
