# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# The DPDK side of tests/user/host/run (sourced): start and stop a
# testpmd net_vhost back-end, read its counters, clean up.
#
# The caller sets TMP, and calls vu_cleanup on exit.
# Placement: the back-end on CPU $VU_BCPU, the client on CPU $VU_CCPU
# (the last two CPUs; one CPU: both on it, rates mean little then).

VU_PREFIX=uknfvu$$
VU_SOCK=/tmp/$VU_PREFIX.sock
VU_SOCK2=/tmp/$VU_PREFIX-2.sock
VU_HUGEDIR=/dev/hugepages
VU_NCPU=$(nproc)
VU_BCPU=$((VU_NCPU >= 2 ? VU_NCPU - 2 : 0))
VU_CCPU=$((VU_NCPU - 1))
VU_BACKEND_PID=

# _vu_testpmd NAME CPU VDEVS MODE [testpmd args...]: start testpmd in
# the background (output $TMP/NAME.log, bounded to 300 s), VDEVS
# separated by spaces; sets VU_PID. A --port-topology in the testpmd
# args overrides loop. 8192 mbufs (18 MiB) instead of testpmd's default
# 155456 (340 MiB of hugepages each). IOVA mode va: a net_vhost back-end then maps a
# 4 KiB-page client region without reading pagemap once per page.
_vu_testpmd()
{
	local name=$1 cpu=$2 mode=$4 v vdevs=()
	for v in $3; do
		vdevs+=(--vdev "$v")
	done
	shift 4
	timeout -s TERM 300 stdbuf -oL dpdk-testpmd \
		--lcores "0@$cpu,1@$cpu" --no-pci \
		--file-prefix "$VU_PREFIX-$name" --huge-dir "$VU_HUGEDIR" \
		--iova-mode=va --single-file-segments "${vdevs[@]}" -- \
		--port-topology=loop --forward-mode="$mode" --stats-period 1 \
		--burst=32 --total-num-mbufs=8192 "$@" < /dev/null > "$TMP/$name.log" 2>&1 &
	VU_PID=$!
}

# vu_backend NAME MODE [testpmd args...]: testpmd net_vhost (server) on
# $VU_SOCK (and a second port on $VU_SOCK2 when VU_PORTS=2); returns
# once the sockets are there. Status 1 if it died.
vu_backend()
{
	local name=$1 mode=$2 last=$VU_SOCK vdevs
	shift 2
	vdevs="net_vhost0,iface=$VU_SOCK,queues=1"
	if [ "${VU_PORTS:-1}" = 2 ]; then
		vdevs="$vdevs net_vhost1,iface=$VU_SOCK2,queues=1"
		last=$VU_SOCK2
	fi
	rm -f "$VU_SOCK" "$VU_SOCK2"
	_vu_testpmd "$name" "$VU_BCPU" "$vdevs" "$mode" "$@"
	VU_BACKEND_PID=$VU_PID
	t_wait 30 _vu_listening "$last" && return 0
	echo "back-end testpmd did not come up:" >&2
	tail -5 "$TMP/$name.log" >&2
	vu_backend_stop
	return 1
}

# _vu_listening SOCKET: the back-end's socket is there (or the back-end
# is gone: then t_wait's caller sees no socket).
_vu_listening()
{
	[ -S "$1" ] || ! kill -0 "$VU_BACKEND_PID" 2>/dev/null
}

# _vu_stop PID: SIGTERM (testpmd prints its totals and exits), wait.
_vu_stop()
{
	local pid=$1
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	t_wait_exit "$pid" 10 || kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

vu_backend_stop()
{
	_vu_stop "$VU_BACKEND_PID"
	VU_BACKEND_PID=
	rm -f "$VU_SOCK" "$VU_SOCK2"
}

# vu_cleanup: stop what is still running, remove sockets, hugepage files
# and DPDK runtime folders of this run.
vu_cleanup()
{
	vu_backend_stop
	rm -f "$VU_SOCK" "$VU_SOCK2" "$VU_HUGEDIR/$VU_PREFIX"-*
	rm -rf /var/run/dpdk/"$VU_PREFIX"-*
}

# vu_fwd LOG KEY [PORT]: a counter of testpmd's forward statistics
# (printed at exit), KEY e.g. RX-packets or TX-dropped, of all ports or
# of port PORT.
vu_fwd()
{
	awk -v k="$2:" -v p="${3:-}" '
		p == "" && /Accumulated forward statistics/ { on = 1 }
		p != "" && /Forward statistics for port/ { on = ($(NF-1) == p) }
		on { for (i = 1; i < NF; i++) if ($i == k) { print $(i+1); exit } }
		' "$1"
}
