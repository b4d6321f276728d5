# SPDX-License-Identifier: BSD-3-Clause
"""Instructions per packet of DPDK testpmd on net_virtio_user (callgrind).

A net_vhost testpmd backend runs natively; the measured testpmd client
runs under `valgrind --tool=callgrind --separate-threads=yes` with
--record-burst-stats, and only its forwarding lcore's thread is
counted. Two runs forward for SHORT and LONG seconds (from the client's
"packet forwarding" line); the difference of their instructions over
the difference of their packets removes start-up, exit and the thread's
own set-up.

Under callgrind the client is much slower than the backend, yet not
every turn of its loop moves packets: rxonly and macswap sometimes poll
an empty ring, txonly sometimes finds its ring full and drops the
packets it built. How many such turns a run has depends on scheduling,
so each run's count is first reduced by their cost, measured in a
calibration run where every turn is one (a backend that never sends,
or one that never drains the client's ring).

valgrind hides AVX-512, so DPDK may pick another code path than it
does natively; DPDK has no debug symbols here (functions are addresses).
"""

import glob
import os
import re
import subprocess
import time

from . import hugepages, metrics, parse, runner, testpmd

TOOL = "valgrind --tool=callgrind (forwarding lcore thread)"
# Seconds of forwarding of the short, long and calibration runs.
SHORT, LONG, IDLE = 2, 6, 2
READY_TIMEOUT = 180	# testpmd's start-up under callgrind
STOP_GRACE = 120	# its exit: callgrind writes one file per thread
MAIN_THREAD = 1		# callgrind's number of the main thread
# client mode -> (backend mode of the calibration run, wasted turn,
# packet counter). rxonly/macswap: a backend in rxonly never sends, so
# every poll is empty; txonly: a backend in txonly never takes from the
# client's ring, so every packet built is dropped.
MODES = {
	"txonly": ("txonly", "dropped packet", "TX-packets"),
	"rxonly": ("rxonly", "empty poll", "RX-packets"),
	"macswap": ("rxonly", "empty poll", "RX-packets"),
}

_THREAD = re.compile(r"^thread:\s*(\d+)", re.M)


# --- pure parts -------------------------------------------------------

# testpmd's output parsers live in parse.py; the tests name them here
bursts = parse.bursts


def forward_stats(text, port=0):
	"""The end-of-run forward statistics of PORT in testpmd's output
	TEXT (parse.forward_stats); None when testpmd did not print them
	(it did not end normally)."""
	return parse.forward_stats(text.splitlines()).get(port)


def empty_polls(rx_bursts, packets, burst=testpmd.BURST):
	"""(empty receive polls, exact) of a run from its RX-bursts and
	RX-packets. Exact when the spread shows only empty and full bursts
	(every non-empty poll brought BURST packets); else from testpmd's
	percentage of empty polls, which it rounds down (off by up to 1%
	of the polls)."""
	sizes = {n for _, n in rx_bursts["spread"]}
	if sizes <= {0, burst} and packets % burst == 0:
		return rx_bursts["total"] - packets // burst, True
	pct = sum(p for p, n in rx_bursts["spread"] if n == 0)
	return round(rx_bursts["total"] * pct / 100.0), False


def wasted_turns(mode, stats, burst=testpmd.BURST):
	"""(events, exact): the loop turns of a run that moved no packet,
	counted the way MODES says (txonly: packets dropped; else: empty
	polls). ValueError when testpmd did not print what it takes."""
	if mode == "txonly":
		if "TX-dropped" not in stats:
			raise ValueError("no TX-dropped in the forward statistics")
		return stats["TX-dropped"], True
	if "RX-bursts" not in stats or "RX-packets" not in stats:
		raise ValueError("no RX-bursts in the forward statistics "
				 "(--record-burst-stats missing?)")
	return empty_polls(stats["RX-bursts"], stats["RX-packets"], burst)


def event_cost(ir, events, what="event"):
	"""Instructions of one wasted turn from a calibration run."""
	if events <= 0:
		raise ValueError("calibration run had no %s" % what)
	return ir / events


def net_per_packet(short, long, cost):
	"""The figure: SHORT and LONG are (instructions, packets, wasted
	turns) of the two runs, COST the instructions of one wasted turn.
	((Ir_l - c*w_l) - (Ir_s - c*w_s)) / (P_l - P_s)."""
	if long[1] <= short[1]:
		raise ValueError("the long run forwarded %d packets, the short "
				 "one %d: no difference to divide by"
				 % (long[1], short[1]))
	return metrics.per_packet(long[0] - cost * long[2],
				  short[0] - cost * short[2], long[1], short[1])


def thread_of(text):
	"""Callgrind's thread number in the header of a per-thread dump."""
	m = _THREAD.search(text)
	return int(m.group(1)) if m else None


def forwarding_thread(dumps):
	"""The forwarding lcore's dump: the busiest thread other than the
	main one (which only starts things and prints statistics). DUMPS
	is {path: (thread, Ir)}; returns the path."""
	cand = {p: ir for p, (th, ir) in dumps.items()
		if th is not None and th != MAIN_THREAD}
	if not cand:
		raise ValueError("no thread besides the main one in the "
				 "callgrind output")
	return max(sorted(cand), key=lambda p: cand[p])


def uknf_cost(e):
	"""The "cost" entry of a uknf "ipp" entry E (ipp.per_packet), so
	that the report sets it beside its DPDK partner's."""
	return {"case": e["case"], "system": "uknf", "size": e["size"],
		"per_packet": e["per_packet"],
		"packets": e["count"] - e["base_count"],
		"tool": "valgrind --tool=callgrind (count minus base run)",
		"note": "whole program's Ir, count=%d run minus count=%d run, "
		"over the packet difference" % (e["count"], e["base_count"]),
		"top": e.get("top", [])}


def under_callgrind(cmd, out):
	"""testpmd command CMD (testpmd.command) run by callgrind with one
	output file per thread (OUT-01, OUT-02, ...) and burst statistics
	(they count the empty polls)."""
	i = cmd.index(testpmd.TESTPMD)
	return (cmd[:i] + ["valgrind", "--tool=callgrind",
			   "--separate-threads=yes",
			   "--callgrind-out-file=" + out] + cmd[i:] +
		["--record-burst-stats"])


def function_costs(short, long, idle, runs, cal_events):
	"""Per function the figure's own formula: SHORT, LONG, IDLE are
	{function: Ir} of the three runs, RUNS the (packets, wasted)
	pairs of short and long. [{"function", "ir", "per_packet"}],
	largest first; "ir" is the long run's."""
	out = []
	for fn in set(short) | set(long):
		c = idle.get(fn, 0) / cal_events
		pp = net_per_packet((short.get(fn, 0),) + runs[0],
				    (long.get(fn, 0),) + runs[1], c)
		out.append({"function": fn, "ir": long.get(fn, 0),
			    "per_packet": pp})
	out.sort(key=lambda e: (-e["per_packet"], e["function"]))
	return out


# --- runs -------------------------------------------------------------

def _dump_files(out):
	"""callgrind's per-thread files of OUT (OUT-01, OUT-02, ...)."""
	return glob.glob(glob.escape(out) + "-*")


def _dumps(out):
	"""{path: (thread, Ir)} of callgrind's per-thread files of OUT."""
	res = {}
	for p in _dump_files(out):
		with open(p) as f:
			text = f.read()
		res[p] = (thread_of(text), parse.callgrind_total(text))
	return res


def _forward(cli, srv, seconds):
	"""Wait for the client's forwarding to start, then SECONDS."""
	if not cli.wait_for(testpmd.CLIENT_READY, READY_TIMEOUT, [srv]):
		raise testpmd.DpdkError("testpmd under callgrind not "
					"forwarding:\n" + cli.tail())
	end = time.monotonic() + seconds
	while time.monotonic() < end:
		if not cli.running() or not srv.running():
			raise testpmd.DpdkError("a testpmd ended while "
						"forwarding")
		time.sleep(0.1)


def _tidy(sock):
	"""Remove the vhost-user socket (the next backend could not bind
	it) and the hugepage files of our testpmd runs."""
	if sock and os.path.exists(sock):
		os.unlink(sock)
	hugepages.remove_leftovers()


def one_run(backend_cmd, client_cmd, seconds, base, sock=None):
	"""BACKEND_CMD natively and CLIENT_CMD under callgrind, forwarding
	for SECONDS. Returns {"stats": client's forward statistics,
	"ir": forwarding thread's instructions, "file": its dump}."""
	out = base + ".callgrind"
	# a rerun into the same name must not count an earlier run's files
	for p in _dump_files(out):
		os.unlink(p)
	srv = cli = crun = None
	try:
		srv = testpmd.start_backend(backend_cmd,
					    log=base + "-backend.log")
		cli = runner.Proc(under_callgrind(client_cmd, out),
				  log=base + "-client.log")
		_forward(cli, srv, seconds)
	finally:
		# client first: it prints its statistics as it ends
		crun = cli.stop(grace=STOP_GRACE) if cli else None
		if srv:
			srv.stop()
		_tidy(sock)
	if os.path.isfile(out) and not os.path.getsize(out):
		os.unlink(out)	# callgrind's empty file of the process
	stats = forward_stats(crun.text)
	if not stats:
		raise testpmd.DpdkError("testpmd under callgrind printed no "
					"forward statistics (exit %s):\n%s"
					% (crun.rc, crun.tail()))
	dumps = _dumps(out)
	try:
		fwd = forwarding_thread(dumps)
	except ValueError as ex:
		raise testpmd.DpdkError("%s: %s" % (out, ex))
	return {"stats": stats, "ir": dumps[fwd][1], "file": fwd,
		"threads": len(dumps), "seconds": seconds}


def _annotate(path):
	"""{function: Ir} of one dump, every function (callgrind_annotate
	--threshold=100). Functions without symbols are addresses: the
	object's name is added, or they could not be told apart."""
	try:
		r = subprocess.run(["callgrind_annotate", "--auto=no",
				    "--threshold=100", path],
				   capture_output=True, text=True, timeout=120)
	except (OSError, subprocess.TimeoutExpired):
		return {}
	res = {}
	for e in parse.callgrind_annotate(r.stdout):
		fn = e["function"]
		m = re.search(r":%s \[([^\]]+)\]" % re.escape(fn), r.stdout)
		if fn.startswith("0x") and m:
			fn = "%s (%s)" % (fn, os.path.basename(m.group(1)))
		res[fn] = res.get(fn, 0) + e["ir"]
	return res


def _run_record(r):
	"""A run's raw counters for the record."""
	return {"seconds": r["seconds"], "packets": r["packets"],
		"ir": r["ir"], "wasted": r["wasted"],
		"wasted_exact": r["exact"], "stats": r["stats"],
		"dump": os.path.basename(r["file"])}


def per_packet(case, mode, feed, backend_cmd, client_cmd, size, outdir,
	       sock=None, short=SHORT, long=LONG, idle=IDLE, top=8):
	"""The record's "cost" entry of DPDK CASE: testpmd in MODE
	(txonly, rxonly, macswap) against a backend in FEED.
	BACKEND_CMD(mode, size) and CLIENT_CMD(mode, size) give the plain
	testpmd commands; SOCK is the vhost-user socket the backend makes
	(removed after each run). Raises testpmd.DpdkError or ValueError."""
	if mode not in MODES:
		raise ValueError("no calibration for testpmd mode %s" % mode)
	if not 0 < short < long:
		raise ValueError("need 0 < short (%g) < long (%g)"
				 % (short, long))
	idle_feed, what, counter = MODES[mode]
	os.makedirs(outdir, exist_ok=True)
	stem = os.path.join(outdir, "dpdk-%s-%d" % (case, size))

	def run(feed_mode, seconds, tag):
		r = one_run(backend_cmd(feed_mode, size),
			    client_cmd(mode, size), seconds,
			    "%s-%s" % (stem, tag), sock)
		r["wasted"], r["exact"] = wasted_turns(mode, r["stats"])
		r["packets"] = r["stats"].get(counter, 0)
		return r
	cal = run(idle_feed, idle, "idle")
	cost = event_cost(cal["ir"], cal["wasted"], what)
	rs = [run(feed, short, "short"), run(feed, long, "long")]
	pw = [(r["packets"], r["wasted"]) for r in rs]
	fig = net_per_packet((rs[0]["ir"],) + pw[0], (rs[1]["ir"],) + pw[1],
			     cost)
	dp = rs[1]["packets"] - rs[0]["packets"]
	tops = function_costs(_annotate(rs[0]["file"]),
			      _annotate(rs[1]["file"]),
			      _annotate(cal["file"]), pw, cal["wasted"])
	note = ("testpmd %s vs backend %s: forwarding thread's Ir, %gs run "
		"minus %gs run, less %.1f Ir per %s (backend %s), over the "
		"packet difference" % (mode, feed, long, short, cost, what,
				       idle_feed))
	if not all(r["exact"] for r in rs + [cal]):
		note += "; empty polls from testpmd's rounded percentage"
	return {"case": case, "system": "dpdk", "size": size,
		"per_packet": fig, "packets": dp, "tool": TOOL, "note": note,
		"top": tops[:top],
		"raw_per_packet": (rs[1]["ir"] - rs[0]["ir"]) / dp,
		"runs": {"short": _run_record(rs[0]),
			 "long": _run_record(rs[1])},
		"calibration": dict(_run_record(cal), backend=idle_feed,
				    event=what, cost=cost)}
