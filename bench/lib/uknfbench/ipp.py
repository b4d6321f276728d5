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

import contextlib
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
	       count=COUNT, base=BASE, around=None):
	"""The record's "ipp" entry for one case. AROUND, when given, is
	called before each of the two runs and returns a context manager
	that holds what the app needs beside it (a vhost-user backend)."""
	os.makedirs(outdir, exist_ok=True)
	totals = []
	outs = []
	for n in (count, base):
		out = os.path.join(outdir, "callgrind-%s-%d-%d.out"
				   % (case, size, n))
		with around() if around else contextlib.nullcontext():
			totals.append(callgrind(image, app, kparams,
						dict(args, count=n), out))
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


# Guest instructions under QEMU -icount shift=0: the guest's clock
# advances 1 ns per instruction (its TSC too), so a rate the guest
# measures by its own clock is packets per 10^9 guest instructions.
ICOUNT_TOOL = "qemu -icount shift=0 (guest clock: 1 ns per instruction)"
GUEST_COUNT = 2000000	# packets of a uknf guest run under -icount


def guest_cost(case, system, size, pps_guest_clock, packets, note):
	"""The record's "cost" entry from a rate measured by the guest's
	clock under -icount shift=0: 10^9 / pps instructions per packet."""
	if not pps_guest_clock:
		raise ValueError("%s: no guest-clock rate" % case)
	return {"case": case, "system": system, "size": size,
		"per_packet": 1e9 / pps_guest_clock, "packets": packets,
		"tool": ICOUNT_TOOL, "note": note}


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
		cmd = uknf.command(image, kparams, dict(args, count=n), core)
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


# Where one CPU's time goes during a window: perf samples the CPU's
# clock (cpu-clock, a software event: no hardware counters needed),
# every thread that ran on it included, so a guest's vCPU thread, QEMU's
# main loop (virtio-net of a tap backend, notifications) and the host
# kernel show side by side.
PROFILE_HZ = 999


def profile_command(cpu, seconds, out):
	"""perf record of CPU for SECONDS into OUT; ends by itself."""
	return ["perf", "record", "-q", "-a", "-C", str(cpu), "-e",
		"cpu-clock", "-F", str(PROFILE_HZ), "-o", out, "--", "sleep",
		"%g" % seconds]


def _jit(dso):
	# TCG's generated code: perf names it "[JIT] tid N" per thread
	return "[JIT] (guest code)" if dso.startswith("[JIT]") else dso


def profile_summary(out, top=8):
	"""{"samples", "threads": [{"comm", "share"}], "objects": [{"comm",
	"dso", "share"}]} of perf data file OUT (shares in %, largest
	first); None when perf cannot read it."""
	try:
		r = subprocess.run(["perf", "report", "-i", out, "--stdio",
				    "-t", ";", "--sort", "comm,dso", "-F",
				    "sample,comm,dso"], capture_output=True,
				   text=True, timeout=120)
	except (OSError, subprocess.TimeoutExpired):
		return None
	if r.returncode:
		return None
	return profile_shares(parse.perf_report_rows(r.stdout), top)


def profile_shares(rows, top=8):
	"""profile_summary's dict from [(samples, comm, dso)] ROWS; None
	without samples. TCG's per-thread "[JIT] tid N" objects are merged
	into one "[JIT] (guest code)"."""
	total = sum(n for n, _, _ in rows)
	if not total:
		return None
	threads = {}
	merged = {}
	for n, comm, dso in rows:
		threads[comm] = threads.get(comm, 0) + n
		key = (comm, _jit(dso))
		merged[key] = merged.get(key, 0) + n

	def share(n):
		return round(100.0 * n / total, 1)

	def biggest(d):
		return sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))
	return {"samples": total,
		"threads": [{"comm": c, "share": share(n)}
			    for c, n in biggest(threads)],
		"objects": [{"comm": c, "dso": d, "share": share(n)}
			    for (c, d), n in biggest(merged)][:top]}
