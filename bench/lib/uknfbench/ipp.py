# SPDX-License-Identifier: BSD-3-Clause
"""Instructions per packet of uknf apps, independent of machine load.

A linuxu image runs twice under `valgrind --tool=callgrind`, with
count=COUNT and count=BASE; the difference of the instruction totals
divided by the difference of the counts removes boot, set-up and exit:
what is left is the per-packet path (driver, netbuf, app). The same
with `perf stat -e cycles,instructions` where the machine has hardware
counters (`perf stat -e instructions true` says "<not supported>" in
many VMs).
"""

import os
import subprocess

from . import metrics, parse, uknf

COUNT = 200000
BASE = 1000


def with_symbols(image):
	"""The unstripped image (.dbg) beside IMAGE when there is one: the
	same code, so the same counts, plus function names for profiles."""
	dbg = image["abspath"] + ".dbg"
	if os.path.isfile(dbg):
		image = dict(image)
		image["abspath"] = dbg
	return image


def callgrind(image, app, kparams, args, out, timeout=600):
	"""Instructions of one run under callgrind (output file OUT)."""
	wrap = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out]
	uknf.run_app(with_symbols(image), app, kparams, args,
		     timeout=timeout, wrap=wrap, log=out + ".log")
	with open(out) as f:
		return parse.callgrind_total(f.read())


def top_functions(out, n=8):
	"""The N functions with most instructions (self cost) of a
	callgrind output file, from callgrind_annotate."""
	try:
		r = subprocess.run(["callgrind_annotate", "--auto=no",
				    "--threshold=99", out], capture_output=True, text=True,
				   timeout=120)
	except (OSError, subprocess.TimeoutExpired):
		return []
	return parse.callgrind_annotate(r.stdout)[:n]


def per_packet(image, app, kparams, args, size, case, outdir,
	       count=COUNT, base=BASE):
	"""The record's "ipp" entry for one case."""
	os.makedirs(outdir, exist_ok=True)
	totals = []
	outs = []
	for n in (count, base):
		a = dict(args)
		a["count"] = n
		out = os.path.join(outdir, "callgrind-%s-%d-%d.out"
				   % (case, size, n))
		totals.append(callgrind(image, app, kparams, a, out))
		outs.append(out)
	top = top_functions(outs[0])
	for t in top:
		t["per_packet"] = t["ir"] / count
	return {"case": case, "size": size, "count": count,
		"base_count": base, "instructions": totals[0],
		"base_instructions": totals[1],
		"per_packet": metrics.per_packet(totals[0], totals[1],
						 count, base),
		"tool": "valgrind --tool=callgrind", "top": top}


def perf_supported():
	"""Whether perf can count cycles and instructions here."""
	try:
		out = subprocess.run(["perf", "stat", "-x,", "-e",
				      "cycles,instructions", "true"],
				     capture_output=True, text=True,
				     timeout=30)
	except (OSError, subprocess.TimeoutExpired):
		return False
	ev = parse.perf_stat_csv(out.stderr)
	return bool(ev) and all(v is not None for v in ev.values())


def perf_per_packet(image, app, kparams, args, size, case, core,
		    count=COUNT * 50, base=BASE):
	"""cycles and instructions per packet with perf stat, pinned."""
	tot = []
	for n in (count, base):
		a = dict(args)
		a["count"] = n
		cmd = uknf.command(image, kparams, a, core)
		out = subprocess.run(["perf", "stat", "-x,", "-e",
				      "cycles,instructions", "--"] + cmd,
				     capture_output=True, text=True,
				     timeout=600)
		tot.append(parse.perf_stat_csv(out.stderr))
	res = {"case": case, "size": size, "count": count,
	       "base_count": base, "tool": "perf stat"}
	for ev in ("cycles", "instructions"):
		a, b = tot[0].get(ev), tot[1].get(ev)
		res[ev + "_per_packet"] = (None if a is None or b is None else
					   metrics.per_packet(a, b, count,
							      base))
	return res
