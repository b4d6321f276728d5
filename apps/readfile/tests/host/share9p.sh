# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Helpers of the 9p app suites (apps/readfile, apps/store), sourced after
# scripts/lib/test.sh: boot a kvm image with a host folder as its root
# filesystem (virtio-9p, mount tag fs0) and check what it printed. The
# suite sets IMG (the image), QEMU_TIMEOUT (seconds) and TMP.

# boot NAME SHARE ARGS: boot $IMG with SHARE as fs0 and main()'s
# ARGS; console (without CRs) in $TMP/NAME.out, status in RC.
boot()
{
	RC=0
	t_kvm "$IMG" "$QEMU_TIMEOUT" "-- $3" -e "$2" > "$TMP/$1.raw" 2>&1 ||
		RC=$?
	tr -d '\r' < "$TMP/$1.raw" > "$TMP/$1.out"
}

# shows NAME STATUS LINE...: the boot NAME ended with STATUS and printed
# each LINE (whole lines); its console when not.
shows()
{
	local name=$1 want=$2 l ok=1
	shift 2
	[ "$RC" -eq "$want" ] || { echo "exit status $RC, expected $want"; ok=0; }
	for l in "$@"; do
		grep -qxF -- "$l" "$TMP/$name.out" ||
			{ echo "no line: $l"; ok=0; }
	done
	[ "$ok" = 1 ] || sed 's/^/    | /' "$TMP/$name.out" | tail -20
	[ "$ok" = 1 ]
}

# workshop_build SRC DIR: copy the workshop app folder SRC to DIR and do
# what its user does there: `scripts/kraft configure` (the kraft.yaml
# lines, the menuconfig of the tutorial), then `make` with UK_ROOT given
# on the command line (the workshop's Makefile, its L= as it is). Its
# notes and warnings are shown; a kraft or kconfig warning fails it.
# Log in DIR.log.
workshop_build()
{
	local log=$2.log
	cp -r "$1" "$2"
	(
		cd "$2" &&
		"$T_ROOT/scripts/kraft" configure &&
		make UK_ROOT="$T_ROOT" -j"$(nproc)"
	) > "$log" 2>&1 || { tail -30 "$log"; return 1; }
	grep -E '^L=:|^kraft: (note|warning)|kconfig: warning' "$log"
	! grep -qE '^kraft: warning|kconfig: warning' "$log"
}

# workshop_boot NAME DIR SHARE IMAGE ARGS: in DIR, as the tutorial runs
# it, `scripts/qemu-guest -e SHARE/ -k IMAGE` with main()'s ARGS;
# console in $TMP/NAME.out, status in RC.
workshop_boot()
{
	RC=0
	(cd "$2" && "$T_ROOT/scripts/qemu-guest" -e "$3/" -k "$4" \
		-a "-- $5" -t "$QEMU_TIMEOUT" < /dev/null) \
		> "$TMP/$1.raw" 2>&1 || RC=$?
	tr -d '\r' < "$TMP/$1.raw" > "$TMP/$1.out"
}
