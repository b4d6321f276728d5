# SPDX-License-Identifier: BSD-3-Clause
"""Parsers for what the measured programs print.

Every parser takes already captured text, so that the host tests can
feed it recorded samples; timing lives in runner.py.

testpmd (DPDK 22.11, --stats-period 1) prints blocks like

    ######################## NIC statistics for port 0  ########...
    RX-packets: 190492416  RX-missed: 0          RX-bytes:  0
    ...
    Tx-pps:     66822506          Tx-bps:            0
    ###########################################################...

about once a second (its loop sleeps 1 s and prints when a period has
passed, so blocks come 1 or 2 s apart). The counters are cumulative;
rates over a window are taken from two blocks' counters and the times
at which the blocks were read.

uknf apps print a rate line once a second (`APP: t=<s> pps=<n> ...` or
`APP: pkts=<n> pps=<n> ...`) and a final `APP: done key=value ...`; the
key set may grow, so every pair is kept.
"""

import json
import re

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TP_HEADER = re.compile(r"NIC statistics for port (\d+)")
_TP_FIELD = re.compile(r"([A-Za-z][A-Za-z-]*):\s+(-?\d+)")
_TP_END = re.compile(r"^\s*#{20,}\s*$")
_KV = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)=(\S*)")
_APP_LINE = re.compile(r"^([a-z][a-z0-9_-]*): (.*)$")
_FWD_HEADER = re.compile(r"Forward statistics for port (\d+)")
_FWD_END = re.compile(r"^\s*-{20,}\s*$")
_BURSTS = re.compile(r"([RT]X)-bursts\s*:\s*(\d+)\s*\[([^\]]*)\]")
_SPREAD = re.compile(r"(\d+)% of (?:(\d+) pkts|other)")


def strip_ansi(line):
	"""Drop the terminal escapes testpmd prints between blocks."""
	return _ANSI.sub("", line)


def number(text):
	"""int, float or the text itself."""
	try:
		return int(text)
	except ValueError:
		pass
	try:
		return float(text)
	except ValueError:
		return text


def testpmd_blocks(lines):
	"""Statistics blocks from timestamped testpmd output.

	LINES is a sequence of (seconds, text). Returns one dict per block,
	in order: {"t": time of the header line, "port": n, "rx_packets":
	..., "tx_pps": ...}; keys are testpmd's names in lower case with
	'-' turned into '_'. Blocks cut short by the end of the output are
	dropped; the end-of-run "Forward statistics" blocks are not NIC
	statistics blocks and are ignored.
	"""
	blocks = []
	cur = None
	for t, raw in lines:
		line = strip_ansi(raw)
		m = _TP_HEADER.search(line)
		if m:
			cur = {"t": t, "port": int(m.group(1))}
			continue
		if cur is None:
			continue
		if _TP_END.match(line):
			blocks.append(cur)
			cur = None
			continue
		for key, val in _TP_FIELD.findall(line):
			cur[key.lower().replace("-", "_")] = int(val)
	return blocks


def bursts(line):
	"""testpmd's 'RX-bursts : N [a% of 0 pkts + b% of 32 pkts + c% of
	other]' -> ("RX", {"total": N, "spread": [(a, 0), (b, 32), (c,
	None)]}), None standing for "other"; None when LINE is not one."""
	m = _BURSTS.search(line)
	if not m:
		return None
	spread = [(int(p), int(n) if n else None)
		  for p, n in _SPREAD.findall(m.group(3))]
	return m.group(1), {"total": int(m.group(2)), "spread": spread}


def forward_stats(lines):
	"""testpmd's end-of-run "Forward statistics for port N" blocks in
	LINES (texts): {port: {"RX-packets": n, "TX-dropped": n, ...,
	"RX-bursts": {"total", "spread"}}} (burst lines with
	--record-burst-stats only). Only blocks closed by their dashed line
	count, the first of each port."""
	out = {}
	cur = None
	for raw in lines:
		line = strip_ansi(raw)
		m = _FWD_HEADER.search(line)
		if m:
			port = int(m.group(1))
			cur = {} if port not in out else None
			continue
		if cur is None:
			continue
		if _FWD_END.match(line):
			out[port] = cur
			cur = None
			continue
		b = bursts(line)
		if b:
			cur[b[0] + "-bursts"] = b[1]
		else:
			cur.update((k, int(v))
				   for k, v in _TP_FIELD.findall(line))
	return out


def done_line(line, prefix):
	"""The key=value pairs of a 'PREFIX: done k=v ...' line (a uknf
	app's, PREFIX its name, or bench/guest/run's, "guest-testpmd"),
	values as numbers where they are; None when LINE is not one."""
	head = prefix + ": done "
	line = line.strip()
	if not line.startswith(head):
		return None
	return {k: number(v) for k, v in _KV.findall(line[len(head):])}


def ip_link_stats(text):
	"""{"rx_packets", "rx_dropped", "tx_packets", "tx_dropped", ...}
	of `ip -j -s link show dev X` output TEXT."""
	link = json.loads(text)[0]
	st = link.get("stats64") or link.get("stats")
	out = {}
	for d in ("rx", "tx"):
		for k, v in st[d].items():
			if isinstance(v, int):
				out["%s_%s" % (d, k)] = v
	return out


def window_rate(samples, counter, warmup, duration):
	"""Rate of a cumulative COUNTER over a window after warm-up.

	SAMPLES are dicts with "t" and COUNTER, in time order. The window
	starts at the first sample at least WARMUP seconds after the first
	sample and ends at the first sample at least DURATION seconds later
	(or the last one). Returns {"pps", "t_start", "seconds", "packets",
	"samples": [per-interval pps inside the window]} or None when fewer
	than two samples fall in the window.
	"""
	pts = [s for s in samples if counter in s]
	if len(pts) < 2:
		return None
	t0 = pts[0]["t"]
	start = next((i for i, s in enumerate(pts)
		      if s["t"] - t0 >= warmup - 1e-3), None)
	if start is None:
		return None
	end = next((i for i in range(start + 1, len(pts))
		    if pts[i]["t"] - pts[start]["t"] >= duration - 1e-3),
		   len(pts) - 1)
	if end <= start:
		return None
	a, b = pts[start], pts[end]
	secs = b["t"] - a["t"]
	if secs <= 0:
		return None
	per = []
	for i in range(start + 1, end + 1):
		dt = pts[i]["t"] - pts[i - 1]["t"]
		if dt > 0:
			per.append((pts[i][counter] - pts[i - 1][counter]) / dt)
	return {"pps": (b[counter] - a[counter]) / secs,
		"t_start": a["t"] - t0, "seconds": secs,
		"packets": b[counter] - a[counter], "samples": per}


def app_lines(text, app=None, interval=1.0):
	"""Periodic and final lines of a uknf app.

	Returns (periodic, done): periodic is a list of dicts of the rate
	lines (`APP: t=... pps=...`, or `APP: pkts=... pps=...` without
	t=, then line i gets t = i * INTERVAL), values as numbers; done is
	the dict of the `APP: done ...` line or None. APP limits the lines
	to one prefix.
	"""
	periodic = []
	done = None
	for raw in text.splitlines():
		m = _APP_LINE.match(raw.strip())
		if not m or (app and m.group(1) != app):
			continue
		rest = m.group(2)
		fields = {k: number(v) for k, v in _KV.findall(rest)}
		if rest.startswith("done "):
			done = fields
			done["app"] = m.group(1)
		elif "pps" in fields and not rest.startswith("rate "):
			if "t" not in fields:
				fields["t"] = (len(periodic) + 1) * interval
			periodic.append(fields)
	return periodic, done


def app_window(periodic, warmup, duration, key="pps"):
	"""Mean rate from an app's periodic lines inside a window.

	Line t=T reports the interval that ends at T. The window keeps the
	lines with WARMUP < T <= WARMUP + DURATION (a small tolerance for
	timer jitter) and weights each by its interval length. When every
	line carries a cumulative counter ("pkts", or "rx" for the
	reflector), its difference across the window is used instead
	(exact, whatever the rounding of pps). Returns the same dict as
	window_rate, or None.
	"""
	eps = 0.05
	lo, hi = warmup + eps, warmup + duration + eps
	pts = [p for p in periodic if isinstance(p.get("t"), (int, float))]
	# a cumulative counter: pkts (pktgen, rxsink) or rx (reflector)
	cum = next((c for c in ("pkts", "rx") if pts and
		    all(c in p for p in pts)), None)
	prev = {"t": 0.0, cum: 0}
	rows = []
	for p in pts:
		if lo < p["t"] <= hi:
			rows.append((prev, p))
		prev = p
	rows = [(a, b) for a, b in rows if b["t"] > a["t"]]
	if not rows:
		return None
	per = [b[key] for _, b in rows if key in b]
	first, last = rows[0][0], rows[-1][1]
	secs = last["t"] - first["t"]
	if cum:
		pkts = last[cum] - first[cum]
	elif all(key in b for _, b in rows):
		pkts = sum(b[key] * (b["t"] - a["t"]) for a, b in rows)
	else:
		return None
	return {"pps": pkts / secs, "t_start": first["t"], "seconds": secs,
		"packets": pkts, "samples": per}


def callgrind_total(text):
	"""Instructions (first event, Ir) from a callgrind output file."""
	for key in ("summary:", "totals:"):
		for line in text.splitlines():
			if line.startswith(key):
				return int(line.split()[1])
	m = re.search(r"Collected\s*:\s*(\d+)", text)
	if m:
		return int(m.group(1))
	raise ValueError("no total in callgrind output")


_ANNOT = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(\S+)")


def callgrind_annotate(text):
	"""Function lines of callgrind_annotate's output: [{"ir", "pct",
	"function"}], biggest first. Lines of one function split by the
	file its inlined code came from are added up; the PROGRAM TOTALS
	line is left out, "file:" prefixes and "[object]" suffixes are
	dropped."""
	by = {}
	inside = "file:function" not in text	# a bare list (tests)
	for line in text.splitlines():
		if "file:function" in line:
			inside = True
			continue
		if line.startswith("-- ") and "annotated" in line:
			break		# source listings follow
		m = _ANNOT.match(line)
		if not inside or not m or "PROGRAM TOTALS" in line:
			continue
		fn = m.group(3)
		fn = fn.rsplit(":", 1)[1] if ":" in fn else fn
		e = by.setdefault(fn, {"ir": 0, "pct": 0.0, "function": fn})
		e["ir"] += int(m.group(1).replace(",", ""))
		e["pct"] = round(e["pct"] + float(m.group(2)), 2)
	return sorted(by.values(), key=lambda e: (-e["ir"], e["function"]))


def perf_stat_csv(text):
	"""`perf stat -x,` output -> {event: count or None}.

	None stands for '<not supported>' or '<not counted>' (no hardware
	counters, as in many VMs).
	"""
	out = {}
	for line in text.splitlines():
		f = line.split(",")
		if len(f) < 3 or not f[2]:
			continue
		event = f[2].split(":")[0]
		try:
			out[event] = int(float(f[0]))
		except ValueError:
			if f[0].startswith("<"):
				out[event] = None
	return out


def perf_report_rows(text):
	"""[(samples, comm, dso)] of `perf report --stdio -t ';' --sort
	comm,dso -F sample,comm,dso` output TEXT (comments skipped)."""
	rows = []
	for line in text.splitlines():
		if not line.strip() or line.lstrip().startswith("#"):
			continue
		f = line.split(";")
		if len(f) < 3:
			continue
		try:
			n = int(f[0].strip())
		except ValueError:
			continue
		rows.append((n, f[1].strip(), ";".join(f[2:]).strip()))
	return rows
