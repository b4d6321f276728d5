# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The test toolkit of uknf's shell tests: scripts/run-tests and every
# */tests/host/run source it (bash):
#
#     . "$ROOT/scripts/lib/test.sh"
#
# Cases have three outcomes, one line each:
#     ok    NAME
#     FAIL  NAME
#     skip  NAME (REASON)
# and `summary` ends a suite with the line run-tests reads,
#     N passed, N failed, N skipped
# and status 1 when anything failed. Under CI=true (environment) a skip
# is a failure: what a test skips for (root, a tool, hugepages, clang's
# libFuzzer, a NIC) is what scripts/setup and the test set-up provide,
# so a skip there means a step is missing, never a green run.
#
# Also here: building an app for a platform with a fragment (t_build),
# booting a kvm image through scripts/qemu-guest (t_kvm) or running a
# linuxu one (t_linuxu), bounded; waiting for a condition or a log line
# with a deadline (t_wait, t_wait_line); namespaces (t_netns, t_netlab);
# hugepages (t_hugepages); clean-up at exit (t_on_exit, t_tmpdir).

T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T_PASSED=0
T_FAILED=0
T_SKIPPED=0
T_KEEP=${T_KEEP:-0}	# 1: t_tmpdir folders are kept (a suite's -k)
T_EXIT=()

# t_ci: is this a CI run (CI=true), where a skip fails?
t_ci()
{
	[ "${CI:-}" = true ]
}

# --- cases -------------------------------------------------------------------

ok()
{
	T_PASSED=$((T_PASSED + 1))
	echo "ok    $*"
}

fail()
{
	T_FAILED=$((T_FAILED + 1))
	echo "FAIL  $*"
}

# skip NAME REASON: NAME did not run because of REASON; a failure under
# CI=true.
skip()
{
	if t_ci; then
		T_FAILED=$((T_FAILED + 1))
		echo "FAIL  $1: skipped ($2), and under CI=true a skip fails" \
			"(scripts/setup and the test set-up must provide it)"
	else
		T_SKIPPED=$((T_SKIPPED + 1))
		echo "skip  $1 ($2)"
	fi
}

# check NAME CMD...: a case that passes when CMD succeeds.
check()
{
	local name=$1
	shift
	if "$@"; then
		ok "$name"
	else
		fail "$name"
	fi
}

# expect NAME GOT WANT: a case that passes when the two strings are equal.
expect()
{
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1: got '$2', expected '$3'"
	fi
}

# t_add PASSED FAILED SKIPPED: add the counts of a part run elsewhere (an
# image's uktest summary, a suite); under CI=true its skips are
# failures.
t_add()
{
	T_PASSED=$((T_PASSED + $1))
	if t_ci; then
		T_FAILED=$((T_FAILED + $2 + $3))
	else
		T_FAILED=$((T_FAILED + $2))
		T_SKIPPED=$((T_SKIPPED + $3))
	fi
}

# t_counts_of FILE: "P F S" of the last "N passed, N failed[, N skipped]"
# line of FILE (optionally after a "name: " prefix); status 1 and no
# output when there is none.
t_counts_of()
{
	sed -n 's/^\([^ ]*[^0-9 ][^:]*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed\(, \([0-9][0-9]*\) skipped\)\{0,1\}[[:space:]]*$/\2 \3 \5/p' \
		"$1" 2>/dev/null | tail -1 |
		awk 'NF { print $1, $2, ($3 == "" ? 0 : $3); found = 1 }
			END { exit !found }'
}

# t_program LOG CMD...: run CMD, a test program that prints its cases and
# ends with a counts line; show its output but that line and add its
# counts to this suite's. Its output is kept in LOG. A failure when it
# ends without counts, or with a failure status but no failed case.
t_program()
{
	local log=$1 rc counts
	shift
	"$@" > "$log" 2>&1
	rc=$?
	if ! counts=$(t_counts_of "$log"); then
		cat "$log"
		fail "$(basename "$1") did not finish (exit status $rc)"
		return
	fi
	sed '$d' "$log"
	# shellcheck disable=SC2086  # three numbers
	t_add $counts
	[ "$rc" -eq 0 ] || [ "${counts#* }" != "0 0" ] ||
		fail "$(basename "$1"): exit status $rc without a failed case"
}

# summary: print the closing line and exit, status 1 if anything failed.
summary()
{
	echo "$T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
	[ "$T_FAILED" -eq 0 ]
	exit
}

# need_root WHAT: end the suite (WHAT skipped) unless running as root.
need_root()
{
	[ "$(id -u)" = 0 ] && return 0
	skip "$1" "needs root"
	summary
}

# need_cmd WHAT CMD...: end the suite (WHAT skipped) unless every CMD is
# on PATH.
need_cmd()
{
	local what=$1 c absent=()
	shift
	for c in "$@"; do
		command -v "$c" > /dev/null 2>&1 || absent+=("$c")
	done
	[ ${#absent[@]} -eq 0 ] && return 0
	skip "$what" "no ${absent[*]}: scripts/setup installs it"
	summary
}

# field KEY FILE: the value of KEY= in the last line of FILE that has it
# (the "APP: done key=value ..." lines of the apps).
field()
{
	grep -o " $1=[^ ]*" "$2" 2>/dev/null | tail -1 | cut -d= -f2
}

# --- clean-up ------------------------------------------------------------------

# t_on_exit CMD: run the shell command CMD when the suite exits (the
# last registered first), also on SIGINT and SIGTERM.
t_on_exit()
{
	T_EXIT+=("$1")
}

_t_exit()
{
	local i
	for ((i = ${#T_EXIT[@]} - 1; i >= 0; i--)); do
		eval "${T_EXIT[$i]}" 3>&2 > /dev/null 2>&1
	done
	T_EXIT=()
}
trap _t_exit EXIT
trap 'exit 130' INT TERM

# t_tmpdir VAR [NAME]: a new temporary folder, its path in variable VAR
# (not through $(...): the clean-up must be registered in this shell);
# removed on exit unless T_KEEP=1 (then its path is printed at exit).
t_tmpdir()
{
	local d
	d=$(mktemp -d "/tmp/uknf-${2:-test}.XXXXXX") || return 1
	if [ "$T_KEEP" = 1 ]; then
		t_on_exit "echo 'kept $d' >&3"
	else
		t_on_exit "rm -rf '$d'"
	fi
	printf -v "$1" '%s' "$d"
}

# t_kill_at_exit PID: stop process PID (SIGTERM) if it still runs at exit.
t_kill_at_exit()
{
	t_on_exit "kill -TERM $1"
}

# --- waiting -------------------------------------------------------------------

# t_wait SECS CMD...: poll CMD every 0.1 s until it succeeds; status 1
# when it has not after SECS seconds.
t_wait()
{
	local n=$(($1 * 10))
	shift
	until "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
}

# t_wait_line FILE ERE SECS [PID]: wait until a line of FILE matches the
# extended regular expression ERE; status 1 after SECS seconds, or as
# soon as process PID has ended without it.
t_wait_line()
{
	t_wait "$3" _t_line_or_gone "$@" && grep -qE -- "$2" "$1"
}

_t_line_or_gone()
{
	grep -qE -- "$2" "$1" 2>/dev/null && return 0
	[ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null
}

# t_wait_exit PID SECS: wait for process PID (a child) to end by itself;
# status 1 if it still runs after SECS seconds.
t_wait_exit()
{
	t_wait "$2" _t_gone "$1"
}

_t_gone()
{
	! kill -0 "$1" 2>/dev/null
}

# t_capture VAR NETNS IFACE PCAP LOG [CAPTURE OPTION...]: start
# scripts/capture in the background on IFACE of NETNS (stopped at exit),
# frames into PCAP, its lines into LOG; its PID in variable VAR once it
# captures. Status 1, its log shown, when it does not start in 20 s.
t_capture()
{
	local var=$1 ns=$2 iface=$3 pcap=$4 log=$5 pid
	shift 5
	"$T_ROOT/scripts/capture" -n "$ns" -b "$iface" -w "$pcap" "$@" \
		> "$log" 2>&1 &
	pid=$!
	t_kill_at_exit "$pid"
	printf -v "$var" '%s' "$pid"
	t_wait_line "$log" '^capture: ready' 20 "$pid" && return 0
	cat "$log"
	return 1
}

# t_capture_end PID [SECS]: let the capture PID end by itself (its -c
# count reached: the last frames may cross the bridge after their sender
# stopped) within SECS seconds (20), else stop it; wait for its summary.
t_capture_end()
{
	t_wait_exit "$1" "${2:-20}" || kill -TERM "$1" 2>/dev/null
	wait "$1"
}

# --- images --------------------------------------------------------------------

# t_build APP PLAT DIR [LINE...]: configure and build APP (a folder, of
# the tree or absolute) for PLAT (kvm, linuxu) into DIR (O=DIR,
# C=DIR/.config: nothing in the app folder changes). The fragment
# DIR/fragment is APP/defconfig without its CONFIG_PLAT_ lines and
# without the lines of symbols a LINE sets, then CONFIG_PLAT_<PLAT>=y
# and the LINEs ("CONFIG_X=y", "# CONFIG_X is not set"). A fragment
# value that does not stick (kconfig's warning: unknown symbol, unmet
# dependency) fails the build. Log in DIR/build.log, its tail on
# stderr on failure. Prints the image's path.
t_build()
{
	local app=$1 plat=$2 dir=$3 img own
	shift 3
	[[ $app == /* ]] || app=$T_ROOT/$app
	mkdir -p "$dir" || return 1
	own=$(printf '%s\n' "$@" |
		sed -n 's/^\(# \)\{0,1\}\(CONFIG_[A-Za-z0-9_]*\)[= ].*/\2/p' |
		tr '\n' ' ')
	{
		[ ! -f "$app/defconfig" ] ||
			awk -v own=" $own" '{ s = $0; sub(/^# /, "", s)
				sub(/[= ].*/, "", s) }
				s ~ /^CONFIG_PLAT_/ || index(own, " " s " ") { next }
				1' "$app/defconfig"
		echo "CONFIG_PLAT_${plat^^}=y"
		printf '%s\n' "$@"
	} > "$dir/fragment"
	if make -s -C "$T_ROOT" A="$app" O="$dir" C="$dir/.config" \
		UK_DEFCONFIG="$dir/fragment" defconfig > "$dir/build.log" 2>&1 &&
	   ! grep -q '^kconfig: warning:' "$dir/build.log" &&
	   make -s -j"${JOBS:-$(nproc)}" -C "$T_ROOT" A="$app" O="$dir" \
		C="$dir/.config" >> "$dir/build.log" 2>&1; then
		for img in "$dir"/*_"$plat"-x86_64; do
			[ -f "$img" ] && echo "$img" && return 0
		done
		echo "no *_$plat-x86_64 image in $dir" >> "$dir/build.log"
	fi
	tail -30 "$dir/build.log" | sed 's/^/    | /' >&2
	return 1
}

# t_kvm [-n NETNS] IMAGE SECS ARGS [QEMU-GUEST OPTION...]: boot a kvm
# image with scripts/qemu-guest (the one QEMU command line: -b/-N/-M for
# NICs on bridges, -x for more QEMU arguments), command line ARGS,
# stopped after SECS seconds (status 124); stdin closed. -n: all of it
# under `ip netns exec NETNS` (for a -x netdev on a tap of NETNS).
# Status: the guest's.
t_kvm()
{
	local inns=()
	if [ "$1" = -n ]; then
		inns=(ip netns exec "$2")
		shift 2
	fi
	local img=$1 secs=$2 args=$3
	shift 3
	"${inns[@]}" "$T_ROOT/scripts/qemu-guest" -k "$img" -t "$secs" \
		-a "$args" "$@" < /dev/null
}

# t_linuxu [-n NETNS] IMAGE SECS [WORD...]: run a linuxu image (in NETNS),
# stopped after SECS seconds (status 124), killed 5 s later; stdin
# closed. Status: the image's.
t_linuxu()
{
	local inns=()
	if [ "$1" = -n ]; then
		inns=(ip netns exec "$2")
		shift 2
	fi
	local img=$1 secs=$2
	shift 2
	timeout -k 5 "$secs" "${inns[@]}" "$img" "$@" < /dev/null
}

# --- the host ------------------------------------------------------------------

# t_netns NAME: a new network namespace NAME, loopback up, IPv6 off (no
# router solicitations); deleted on exit with everything in it.
t_netns()
{
	ip netns add "$1" || return 1
	t_on_exit "ip netns del '$1'"
	ip -n "$1" link set lo up &&
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 > /dev/null
}

# t_netlab NETNS [NETLAB OPTION...]: scripts/netlab -n NETNS ... up (a
# namespace with a bridge), brought down on exit; its output on
# failure.
t_netlab()
{
	local ns=$1 out
	shift
	t_on_exit "'$T_ROOT/scripts/netlab' -n '$ns' down"
	out=$("$T_ROOT/scripts/netlab" -n "$ns" "$@" up 2>&1) || {
		echo "$out" >&2
		return 1
	}
}

# t_forwarding NETNS SECS [IFACE...]: wait until every bridge port IFACE
# of NETNS (no IFACE: every bridge port there is) forwards. A port
# follows its carrier through the kernel's asynchronous link watch: a
# frame sent before it forwards is dropped.
t_forwarding()
{
	local ns=$1 secs=$2
	shift 2
	t_wait "$secs" _t_all_forward "$ns" "$@"
}

_t_all_forward()
{
	local ns=$1 i
	shift
	if [ $# -eq 0 ]; then
		! bridge -n "$ns" link show | grep -v -q 'state forwarding'
		return
	fi
	for i in "$@"; do
		bridge -n "$ns" link show dev "$i" 2>/dev/null |
			grep -q 'state forwarding' || return 1
	done
}

# t_hugepages N: hugetlbfs mounted on /dev/hugepages (mounted here when
# it is not) and at least N free 2 MiB pages (vm.nr_hugepages raised
# when there are fewer). Needs root; status 1, with the reason on
# stderr, when that cannot be had.
t_hugepages()
{
	local want=$1 free total
	if ! mountpoint -q /dev/hugepages; then
		mkdir -p /dev/hugepages
		if ! mount -t hugetlbfs -o pagesize=2M nodev /dev/hugepages; then
			echo "cannot mount hugetlbfs on /dev/hugepages" >&2
			return 1
		fi
	fi
	free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
	if [ "${free:-0}" -lt "$want" ]; then
		total=$(cat /proc/sys/vm/nr_hugepages)
		echo $((total + want - ${free:-0})) > /proc/sys/vm/nr_hugepages
		free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
	fi
	[ "${free:-0}" -ge "$want" ] && return 0
	echo "only ${free:-0} free 2 MiB hugepages, $want needed" >&2
	return 1
}
