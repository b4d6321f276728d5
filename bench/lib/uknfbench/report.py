# SPDX-License-Identifier: BSD-3-Clause
"""Tables (markdown) and charts (gnuplot PNG) from bench/results records.

The generated text goes between two marker lines of docs/PERFORMANCE.md;
what is written around them by hand (analysis, profiles) stays.
"""

import glob
import json
import os
import subprocess
import tempfile

from . import record

BEGIN = "<!-- bench/report: begin (generated, do not edit) -->"
END = "<!-- bench/report: end -->"


def load(paths):
	"""Valid records from PATHS (files), newest last."""
	recs = []
	for p in paths:
		with open(p) as f:
			r = json.load(f)
		errs = record.validate(r)
		if errs:
			raise ValueError("%s: %s" % (p, "; ".join(errs[:3])))
		r["_path"] = p
		recs.append(r)
	return sorted(recs, key=lambda r: r["started"])


def stand_in(rec):
	"""Whether a record measured stand-in images (not the real apps)."""
	info = rec.get("case_info", {})
	return any(i.get("image", {}).get("stand_in") for i in info.values())


def kind(rec):
	"""windows, ipp (an --ipp-only run) or other (boot, not-yet)."""
	if rec["windows"]:
		return "windows"
	return "ipp" if rec["ipp"] else "other"


def latest(recs):
	"""The newest record of each topology and kind, in topology order
	(an --ipp-only run does not hide the newest measured windows)."""
	by = {}
	for r in recs:
		by[(r["topology"], kind(r))] = r
	order = ("native-null", "native-vhost", "vm-vhost", "vm-tap", "boot")
	rank = {t: i for i, t in enumerate(order)}
	kinds = {"windows": 0, "ipp": 1, "other": 2}
	return [r for _, r in sorted(by.items(), key=lambda kv: (
		rank.get(kv[0][0], len(order)), kv[0][0], kinds[kv[0][1]]))]


def _f(v, fmt="%.2f"):
	return "-" if v is None else fmt % v


def _ms(s, fmt="%.1f", runs=True):
	"""'median X ms (min Y, max Z, N runs)' of a metrics.summary S."""
	return "median %s ms (min %s, max %s%s)" % (
		fmt % s["median"], fmt % s["min"], fmt % s["max"],
		", %d runs" % s["n"] if runs else "")


def _command(rec):
	c = list(rec["command"])
	if c and c[0].endswith("bench/run"):
		c[0] = "bench/run"
	return " ".join(c)


def _part(rows, intro=None, head=()):
	"""Lines of one part of a section: INTRO and a blank line (when
	given), HEAD (a table's header and separator lines), ROWS, a blank
	line."""
	return ([intro, ""] if intro else []) + list(head) + list(rows) + [""]


def costs(rec):
	"""Lines of the "cost" entries: instructions per packet of both
	systems, and uknf's against DPDK's for each compared pair."""
	ents = rec.get("cost", [])
	if not ents:
		return []
	out = _part(("| %d | %s | %s | %.1f | %s | %s |" % (
		e["size"], e["case"], e["system"], e["per_packet"],
		_f(e.get("packets"), "%d"), e["tool"]) for e in ents),
		"Instructions per packet beside DPDK (lower is better):",
		("| size (B) | case | system | instructions/packet | packets "
		 "| method |", "|---:|---|---|---:|---:|---|"))
	by = {(e["case"], e["size"]): e for e in ents}
	lines = []
	for c in rec["comparisons"]:
		u = by.get((c["uknf"], c["size"]))
		d = by.get((c["dpdk"], c["size"]))
		if u and d and u["per_packet"]:
			lines.append("- %d B: %s %.0f, %s %.0f: DPDK needs "
				     "%.2fx uknf's instructions" % (
					     c["size"], c["uknf"],
					     u["per_packet"], c["dpdk"],
					     d["per_packet"],
					     d["per_packet"] / u["per_packet"]))
	return out + (_part(lines) if lines else [])


def profiles(rec):
	"""Lines of the "profile" entries: where the measured CPU's time
	went during one window, by thread and object."""
	ents = rec.get("profile", [])
	if not ents:
		return []
	e0 = ents[0]
	return _part(("- %s, %d B: %s" % (e["case"], e["size"], ", ".join(
		"%s `%s` %.1f%%" % (o["comm"], o["dso"], o["share"])
		for o in e["objects"][:5])) for e in ents),
		"Where CPU %s went during one %g s window of each case (`%s`, "
		"%% of samples by thread and object; `[JIT] (guest code)` is "
		"code TCG translated from the guest):" % (
			e0.get("cpu", "?"), e0.get("seconds", 0), e0["tool"]))


def _case_row(c):
	sm = c["summary"]
	if sm is None:
		return "| %d | %s | %s | - | - | - | - | - | all |" % (
			c["size"], c["case"], c["system"])
	m = sm["mpps"]
	return "| %d | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d |" % (
		c["size"], c["case"], c["system"], m["min"], m["median"],
		m["max"], sm["gbps_l2"]["median"], sm["gbps_l1"]["median"],
		sm["failed_windows"])


def _boot(b):
	"""Lines of a boot record's "boot" object."""
	out = []
	if b.get("images"):
		out += _part(("| %s | %s | %d | %.1f |" % (
			i["app"], i["plat"], i["bytes"], i["kib"])
			for i in b["images"]), None,
			("| image | platform | bytes | KiB |", "|---|---|---:|---:|"))
	for e in b.get("qemu_start_to_exit", []):
		out += _part(["QEMU start -> exit, %s (%s, -m %d): %s; `%s`" % (
			e["app"], e["accel"], e["memory_mib"], _ms(e["ms"]),
			e["command"])])
	ff = b.get("first_frame")
	if ff:
		out += _part(["QEMU start -> first %s frame on the bridge (%s): "
			      "%s; %s." % (ff["app"], ff["accel"], _ms(ff["ms"]),
					   ff["how"])])
	for e in b.get("min_memory", []):
		out += _part(["%s runs with `-m %d` (MiB) and fails below."
			      % (e["app"], e["mib"])])
	em = b.get("entry_to_main")
	if em:
		out += _part(["helloworld, kernel entry -> main() (ukboot's info "
			      "line): %s; %.0f instructions under -icount "
			      "shift=0; `%s`" % (_ms(em["ms"], "%.3f", False),
						 em["instructions"]["median"],
						 em["command"])])
	return out


def section(rec, chart=None):
	s = rec["system"]
	p = rec["params"]
	title = rec["topology"]
	if kind(rec) == "ipp":
		title += ": instructions per packet"
	out = ["## %s" % title, "", "Command: `%s` (%s, git %s)." % (
		_command(rec), rec["started"], (s.get("git") or "?")[:12]), ""]
	out += _part(("| %s | %s |" % kv for kv in (
		("CPU", "%s (%s CPUs)" % (s.get("cpu_model"), s.get("cpus"))),
		("kernel", s.get("kernel")), ("DPDK", s.get("dpdk")),
		("QEMU", s.get("qemu")), ("accelerator", s.get("accel")),
		("backend", p.get("backend")), ("burst", p.get("burst")),
		("rings", ", ".join("%s: %s" % kv for kv in
				    sorted(p.get("ring", {}).items()))),
		("pinning", "; ".join("%s: %s" % kv for kv in
				      sorted(p.get("pinning", {}).items()))))),
		None, ("| machine | |", "|---|---|"))
	if rec["cases"]:
		out += _part(map(_case_row, rec["cases"]),
			     "Frame sizes include the 4-byte FCS (64 B = 60 B of "
			     "frame + FCS); L1 adds 20 B of preamble, SFD and "
			     "inter-frame gap per frame. %d windows of %g s after "
			     "%g s of warm-up per case and size, uknf and DPDK "
			     "windows alternating." % (p["runs"], p["duration"],
						       p["warmup"]),
			     ("| size (B) | case | system | Mpps min | Mpps "
			      "median | Mpps max | Gbit/s L2 | Gbit/s L1 | "
			      "failed |",
			      "|---:|---|---|---:|---:|---:|---:|---:|---:|"))
	cmps = [c for c in rec["comparisons"] if c["ratio_mpps"] is not None]
	if cmps:
		out += _part(("| %d | %s | %s | %.2fx | %s | %s |" % (
			c["size"], c["uknf"], c["dpdk"], c["ratio_mpps"],
			_f(c["target"], ">= %.1fx"), "" if c["met"] is None
			else "met" if c["met"] else "**missed**")
			for c in cmps),
			"Ratio of medians (Mpps), uknf / DPDK, same invocation:",
			("| size (B) | uknf | DPDK | ratio | target | |",
			 "|---:|---|---|---:|---:|---|"))
	if rec["ipp"]:
		out += _part(("| %d | %s | %.1f | %d | %d |" % (
			e["size"], e["case"], e["per_packet"], e["count"],
			e["base_count"]) for e in rec["ipp"]),
			"Instructions per packet (valgrind --tool=callgrind, run "
			"of COUNT packets minus run of BASE packets):",
			("| size (B) | case | instructions/packet | COUNT | BASE |",
			 "|---:|---|---:|---:|---:|"))
		tops = [e for e in rec["ipp"] if e.get("top")]
		if tops:
			out += _part(("- %s, %d B: %s" % (
				e["case"], e["size"], ", ".join(
					"`%s` %.1f" % (t["function"],
						      t["per_packet"])
					for t in e["top"][:5])) for e in tops),
				"Where they go (callgrind_annotate, self "
				"instructions per packet of the COUNT run, boot "
				"included):")
	out += costs(rec)
	out += profiles(rec)
	for e in rec["perf"]:
		if e.get("supported") is False:
			out += _part(["perf stat: %s." % e.get("note")])
	if rec["rate_accuracy"]:
		out += _part(("| %d | %d%% | %s | %d | %.0f | %+.2f%% | %s |" % (
			e["size"], e["fraction"] * 100, e["unit"],
			e["requested"], e["achieved"], e["error_pct"],
			"yes" if e["within_1pct"] else "**no**")
			for e in rec["rate_accuracy"]),
			"Rate accuracy (pktgen mode=pool, asked for a fraction "
			"of its maximum):",
			("| size (B) | fraction | unit | requested | achieved | "
			 "error | within 1% |", "|---:|---:|---|---:|---:|---:|---|"))
	if rec.get("boot"):
		out += _boot(rec["boot"])
	if chart:
		out += _part(["![%s](%s)" % (rec["topology"], chart)])
	if rec["not_yet"]:
		out += _part(("- %s: %s" % (n["part"], n["needs"])
			      for n in rec["not_yet"]), "Not yet:")
	if rec["errors"]:
		out += _part(("- `%s`" % e.splitlines()[0] for e in rec["errors"]),
			     "Errors during the run:")
	return "\n".join(out)


def chart_key(rec):
	return (rec["topology"], rec["started"])


def markdown(recs, charts):
	"""The generated part of docs/PERFORMANCE.md. CHARTS maps a
	record's chart_key to its PNG (relative to docs/)."""
	parts = [section(r, charts.get(chart_key(r)) if r["cases"] else None)
		 for r in recs]
	return "\n".join(parts).rstrip("\n") + "\n"


def chart(rec, png):
	"""Median Mpps against frame size, min..max as error bars, one line
	per case (gnuplot, PNG). Returns False when there is nothing to
	plot or gnuplot fails."""
	series = {}
	for c in rec["cases"]:
		if c["summary"]:
			m = c["summary"]["mpps"]
			series.setdefault(c["case"], []).append(
				(c["size"], m["median"], m["min"], m["max"]))
	if not series:
		return False
	with tempfile.TemporaryDirectory() as d:
		plots = []
		for i, (name, pts) in enumerate(sorted(series.items())):
			f = os.path.join(d, "%d.dat" % i)
			with open(f, "w") as fh:
				for p in sorted(pts):
					fh.write("%d %g %g %g\n" % p)
			dash = "dt 2" if name.startswith("testpmd") else "dt 1"
			plots.append("'%s' using 1:2:3:4 with yerrorlines %s "
				     "lw 2 title '%s'" % (f, dash, name))
		script = "\n".join([
			"set terminal pngcairo size 900,520 noenhanced",
			"set output '%s'" % png,
			"set title '%s: Mpps, median and min..max "
			"(dashed: DPDK)'" % rec["topology"],
			"set xlabel 'frame size (bytes, with FCS)'",
			"set ylabel 'Mpps (log scale)'",
			"set logscale y 10",
			"set logscale x 2",
			"set xtics (64,128,256,512,1024,1280,1518)",
			"set grid",
			"set key outside right",
			"plot " + ", ".join(plots), ""])
		r = subprocess.run(["gnuplot"], input=script, text=True,
				   capture_output=True)
		if r.returncode:
			# pngcairo missing: the plain png terminal
			script = script.replace("pngcairo", "png")
			r = subprocess.run(["gnuplot"], input=script,
					   text=True, capture_output=True)
	return r.returncode == 0


INTRO = """# Performance

uknf measured beside DPDK on the same machine, same backend and same
invocation. Everything below the marker is written by `bench/report` from
the JSON records in `bench/results/` (one per `bench/run` invocation);
reproduce with the command shown in each section. How to run and read
the benchmarks: see the end of this file.

"""


def update_doc(doc, generated):
	"""Replace the text between the markers of DOC (or create it)."""
	text = INTRO + BEGIN + "\n" + END + "\n"
	if os.path.exists(doc):
		with open(doc) as f:
			text = f.read()
	if BEGIN not in text or END not in text:
		text = text.rstrip("\n") + "\n\n" + BEGIN + "\n" + END + "\n"
	head, rest = text.split(BEGIN, 1)
	_, tail = rest.split(END, 1)
	with open(doc, "w") as f:
		f.write(head + BEGIN + "\n\n" + generated + "\n" + END + tail)


def result_files(directory):
	return sorted(glob.glob(os.path.join(directory, "*.json")))
