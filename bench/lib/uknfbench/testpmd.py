# SPDX-License-Identifier: BSD-3-Clause
"""DPDK testpmd runs: command lines and one measured window.

Every run has its own --file-prefix (so a backend and a client can run
at once and their hugepage files are known) and prints its statistics
once a second through `stdbuf -oL`, since the output goes to a pipe.
"""

import os
import time

from . import hugepages, metrics, parse, runner

TESTPMD = "dpdk-testpmd"
BURST = 32
# mbufs per testpmd: 16384 x 2176 B = 18 hugepages instead of testpmd's
# default 155456 (170 pages), so that a backend, a client and other
# people's DPDK runs fit in 512 pages.
MBUFS = 16384
# counters that say what arrived (rxonly/macswap/io) or left (txonly)
RX, TX = "rx_packets", "tx_packets"


class DpdkError(RuntimeError):
	pass


def eal_args(lcores, prefix, vdevs, single_file=False):
	"""EAL part. LCORES is testpmd's --lcores map ("0@1,1@1": main and
	forwarding lcore both on CPU 1)."""
	a = ["--lcores", lcores, "--no-pci", "--file-prefix",
	     hugepages.PREFIX + "-" + prefix, "--huge-dir", hugepages.HUGEDIR]
	if single_file:
		a.append("--single-file-segments")
	for v in vdevs:
		a += ["--vdev", v]
	return a


def app_args(mode, size, burst=BURST, mbufs=MBUFS, txpkts=True,
	     extra=()):
	"""testpmd part: one port looped, stats every second. SIZE is the
	frame size with FCS; testpmd's --txpkts (left out without TXPKTS)
	counts without it. One word per argument: a guest takes them on its
	kernel command line."""
	a = ["--forward-mode=" + mode, "--port-topology=loop",
	     "--stats-period=1", "--burst=%d" % burst,
	     "--total-num-mbufs=%d" % mbufs]
	if txpkts:
		a.append("--txpkts=%d" % metrics.frame_without_fcs(size))
	return a + list(extra)


def command(eal, app):
	return ["stdbuf", "-oL", TESTPMD] + eal + ["--"] + app


def null_vdev(size, name="net_null0"):
	"""net_null whose rx synthesises frames of SIZE (with FCS)."""
	return "%s,size=%d" % (name, metrics.frame_without_fcs(size))


def _window(lines, port, counter, warmup, duration):
	blocks = [b for b in parse.testpmd_blocks(lines) if b["port"] == port]
	return parse.window_rate(blocks, counter, warmup, duration)


def window_complete(port, counter, warmup, duration):
	"""stop_when for runner.run: the window has been seen in full."""
	def done(lines):
		w = _window(lines, port, counter, warmup, duration)
		return w is not None and w["seconds"] >= duration - 1e-3
	return done


def measure(cmd, counter, warmup, duration, log=None, port=0, beside=(),
	    check_counter=None):
	"""Run testpmd CMD until a window of DURATION s after WARMUP s of
	statistics has been seen; return the window (parse.window_rate)
	plus "check": the same window of CHECK_COUNTER (the other side's
	count, for cross-checks) and the last block's drop counters."""
	r = runner.run(cmd, timeout=warmup + duration + 60,
		       stop_when=window_complete(port, counter, warmup,
						 duration),
		       log=log, beside=beside)
	w = _window(r.lines, port, counter, warmup, duration)
	if w is None or w["seconds"] < duration - 1e-3:
		raise DpdkError("testpmd gave no full window (exit %s):\n%s"
				% (r.rc, r.tail()))
	blocks = [b for b in parse.testpmd_blocks(r.lines)
		  if b["port"] == port]
	w["drops"] = drops(blocks[-1])
	if check_counter:
		c = _window(r.lines, port, check_counter, warmup, duration)
		w["check_pps"] = c["pps"] if c else None
	return w


def drops(block):
	"""The drop counters of a statistics block."""
	return {k: block.get(k, 0) for k in
		("rx_missed", "rx_errors", "rx_nombuf", "tx_errors")}


def start_backend(cmd, log=None, ready="Port 0: ", timeout=30):
	"""Start a testpmd that must run beside the measured one (a
	net_vhost backend). Returns the runner.Proc once its port is up."""
	p = runner.Proc(cmd, log=log)
	if p.wait_for(ready, timeout):
		return p
	r = p.stop()
	raise DpdkError("backend testpmd not ready (exit %s):\n%s"
			% (r.rc, r.tail()))


def available():
	"""Why testpmd cannot run here, or None."""
	for d in os.environ.get("PATH", "").split(":"):
		if os.access(os.path.join(d, TESTPMD), os.X_OK):
			break
	else:
		return "dpdk-testpmd not found (scripts/setup --bench)"
	if os.geteuid() != 0:
		return "testpmd needs root (hugepages)"
	return None


CLIENT_READY = "packet forwarding - ports="


def _abs_blocks(lines, t0_proc, port, since):
	"""Blocks of PORT of a process started at monotonic T0_PROC, with
	absolute times, from absolute time SINCE on."""
	out = []
	for b in parse.testpmd_blocks(lines):
		if b["port"] != port or t0_proc + b["t"] < since:
			continue
		c = dict(b)
		c["t"] = t0_proc + b["t"]
		out.append(c)
	return out


def span_rate(lines, t0_proc, counter, lo, hi, port=0):
	"""Rate of COUNTER from the blocks of PORT of a process started at
	monotonic T0_PROC that arrived between absolute times LO and HI
	(the other side's count over a window, as a cross-check); None
	with fewer than two blocks there."""
	ob = [b for b in _abs_blocks(lines, t0_proc, port, lo) if b["t"] <= hi]
	if len(ob) < 2 or ob[-1]["t"] <= ob[0]["t"]:
		return None
	return ((ob[-1].get(counter, 0) - ob[0].get(counter, 0)) /
		(ob[-1]["t"] - ob[0]["t"]))


def host_timed(lines, app, start):
	"""An app's rate lines with t = arrival time on the host - START
	(seconds since the process started): a guest's own clock may not
	follow real time (under TCG it can run several times slower)."""
	rows = []
	for t, line in lines:
		per, _ = parse.app_lines(line, app)
		if per:
			per[0]["guest_t"] = per[0]["t"]
			per[0]["t"] = t - start
			rows.append(per[0])
	return rows


def measure_pair(server_cmd, client, measured, counter, warmup, duration,
		 logs=(None, None), check_counter=None, port=0,
		 client_ready=CLIENT_READY, client_app=None):
	"""A net_vhost SERVER_CMD testpmd and a CLIENT beside it.

	CLIENT is a command list (a testpmd, or a uknf app with its
	virtio-user transport: then CLIENT_APP is its name); the window
	counts from the first line of its output that contains
	CLIENT_READY (its forwarding started). MEASURED ("server" or
	"client") names the receiving side, whose COUNTER gives the rate
	(for a uknf client: its rate lines); the backend's CHECK_COUNTER
	over the same span is the cross-check ("check_pps": what it
	offered).
	"""
	srv = start_backend(server_cmd, log=logs[0])
	cli = None
	try:
		cli = runner.Proc(client, log=logs[1])
		if not cli.wait_for(client_ready, 60, [srv]):
			raise DpdkError("client not forwarding:\n" + cli.tail())
		since = time.monotonic()
		m = srv if measured == "server" else cli
		limit = since + warmup + duration + 60

		def window():
			if client_app and m is cli:
				rows = host_timed(m.lines(), client_app,
						  since - cli.t0)
				key = "pkts" if rows and "pkts" in rows[0] \
					else "rx"
				return None, parse.window_rate(rows, key, warmup,
							       duration)
			b = _abs_blocks(m.lines(), m.t0, port, since)
			return b, parse.window_rate(b, counter, warmup,
						    duration)
		while (m.running() and cli.running() and srv.running() and
		       time.monotonic() < limit):
			w = window()[1]
			if w is not None and w["seconds"] >= duration - 1e-3:
				break
			time.sleep(0.05)
	finally:
		crun = cli.stop() if cli else None
		srun = srv.stop()
	mrun, orun = (srun, crun) if measured == "server" else (crun, srun)
	blocks, w = window()
	if w is None or w["seconds"] < duration - 1e-3:
		raise DpdkError("no full window on the %s side:\n%s\n--- "
				"other side:\n%s" % (measured, mrun.tail(),
						     orun.tail()))
	if blocks is None:		# a uknf client measured
		per, done = parse.app_lines(crun.text, client_app)
		w["last"] = per[-1] if per else None
		blocks = [{"t": since + w["t_start"]}]
		w["t_start"] = 0.0
	w["drops"] = drops(blocks[-1])
	if check_counter:
		# the backend's CHECK_COUNTER over the same span (what it
		# offered, for rx and reflect)
		lo = blocks[0]["t"] + w["t_start"]
		w["check_pps"] = span_rate(srun.lines, srv.t0, check_counter,
					   lo, lo + w["seconds"] + 1e-3, port)
	return w
