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


def _command(rec):
	c = list(rec["command"])
	if c and c[0].endswith("bench/run"):
		c[0] = "bench/run"
	return " ".join(c)


def costs(rec):
	"""Lines of the "cost" entries: instructions per packet of both
	systems, and uknf's against DPDK's for each compared pair."""
	ents = rec.get("cost", [])
	if not ents:
		return []
	out = ["Instructions per packet beside DPDK (lower is better):", "",
	       "| size (B) | case | system | instructions/packet | packets "
	       "| method |", "|---:|---|---|---:|---:|---|"]
	for e in ents:
		out.append("| %d | %s | %s | %.1f | %s | %s |" % (
			e["size"], e["case"], e["system"], e["per_packet"],
			_f(e.get("packets"), "%d"), e["tool"]))
	out.append("")
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
	if lines:
		out += lines + [""]
	return out


def profiles(rec):
	"""Lines of the "profile" entries: where the measured CPU's time
	went during one window, by thread and object."""
	ents = rec.get("profile", [])
	if not ents:
		return []
	e0 = ents[0]
	out = ["Where CPU %s went during one %g s window of each case (`%s`, "
	       "%% of samples by thread and object; `[JIT] (guest code)` is "
	       "code TCG translated from the guest):" % (
		       e0.get("cpu", "?"), e0.get("seconds", 0), e0["tool"]), ""]
	for e in ents:
		out.append("- %s, %d B: %s" % (e["case"], e["size"], ", ".join(
			"%s `%s` %.1f%%" % (o["comm"], o["dso"], o["share"])
			for o in e["objects"][:5])))
	out.append("")
	return out


def section(rec, chart=None):
	s = rec["system"]
	p = rec["params"]
	title = rec["topology"]
	if kind(rec) == "ipp":
		title += ": instructions per packet"
	out = ["## %s" % title, ""]
	out.append("Command: `%s` (%s, git %s)." % (
		_command(rec), rec["started"], (s.get("git") or "?")[:12]))
	out.append("")
	out.append("| machine | |")
	out.append("|---|---|")
	for k, v in (("CPU", "%s (%s CPUs)" % (s.get("cpu_model"),
						s.get("cpus"))),
		     ("kernel", s.get("kernel")), ("DPDK", s.get("dpdk")),
		     ("QEMU", s.get("qemu")), ("accelerator", s.get("accel")),
		     ("backend", p.get("backend")),
		     ("burst", p.get("burst")),
		     ("rings", ", ".join("%s: %s" % kv for kv in
					 sorted(p.get("ring", {}).items()))),
		     ("pinning", "; ".join("%s: %s" % kv for kv in
					   sorted(p.get("pinning",
							{}).items())))):
		out.append("| %s | %s |" % (k, v))
	out.append("")
	if rec["cases"]:
		out.append("Frame sizes include the 4-byte FCS (64 B = 60 B of "
			   "frame + FCS); L1 adds 20 B of preamble, SFD and "
			   "inter-frame gap per frame. %d windows of %g s after "
			   "%g s of warm-up per case and size, uknf and DPDK "
			   "windows alternating." % (p["runs"], p["duration"],
						     p["warmup"]))
		out.append("")
		out.append("| size (B) | case | system | Mpps min | Mpps "
			   "median | Mpps max | Gbit/s L2 | Gbit/s L1 | "
			   "failed |")
		out.append("|---:|---|---|---:|---:|---:|---:|---:|---:|")
		for c in rec["cases"]:
			sm = c["summary"]
			if sm is None:
				out.append("| %d | %s | %s | - | - | - | - | - "
					   "| all |" % (c["size"], c["case"],
							c["system"]))
				continue
			m = sm["mpps"]
			out.append("| %d | %s | %s | %.2f | %.2f | %.2f | %.2f "
				   "| %.2f | %d |" % (
					   c["size"], c["case"], c["system"],
					   m["min"], m["median"], m["max"],
					   sm["gbps_l2"]["median"],
					   sm["gbps_l1"]["median"],
					   sm["failed_windows"]))
		out.append("")
	cmps = [c for c in rec["comparisons"] if c["ratio_mpps"] is not None]
	if cmps:
		out.append("Ratio of medians (Mpps), uknf / DPDK, same "
			   "invocation:")
		out.append("")
		out.append("| size (B) | uknf | DPDK | ratio | target | |")
		out.append("|---:|---|---|---:|---:|---|")
		for c in cmps:
			met = "" if c["met"] is None else (
				"met" if c["met"] else "**missed**")
			out.append("| %d | %s | %s | %.2fx | %s | %s |" % (
				c["size"], c["uknf"], c["dpdk"],
				c["ratio_mpps"],
				_f(c["target"], ">= %.1fx"), met))
		out.append("")
	if rec["ipp"]:
		out.append("Instructions per packet (valgrind --tool=callgrind, "
			   "run of COUNT packets minus run of BASE packets):")
		out.append("")
		out.append("| size (B) | case | instructions/packet | COUNT | "
			   "BASE |")
		out.append("|---:|---|---:|---:|---:|")
		for e in rec["ipp"]:
			out.append("| %d | %s | %.1f | %d | %d |" % (
				e["size"], e["case"], e["per_packet"],
				e["count"], e["base_count"]))
		out.append("")
		tops = [e for e in rec["ipp"] if e.get("top")]
		if tops:
			out.append("Where they go (callgrind_annotate, self "
				   "instructions per packet of the COUNT run, "
				   "boot included):")
			out.append("")
			for e in tops:
				out.append("- %s, %d B: %s" % (
					e["case"], e["size"], ", ".join(
						"`%s` %.1f" % (t["function"],
							      t["per_packet"])
						for t in e["top"][:5])))
			out.append("")
	out += costs(rec)
	out += profiles(rec)
	for e in rec["perf"]:
		if e.get("supported") is False:
			out.append("perf stat: %s." % e.get("note"))
			out.append("")
	if rec["rate_accuracy"]:
		out.append("Rate accuracy (pktgen mode=pool, asked for a "
			   "fraction of its maximum):")
		out.append("")
		out.append("| size (B) | fraction | unit | requested | "
			   "achieved | error | within 1% |")
		out.append("|---:|---:|---|---:|---:|---:|---|")
		for e in rec["rate_accuracy"]:
			out.append("| %d | %d%% | %s | %d | %.0f | %+.2f%% | "
				   "%s |" % (e["size"], e["fraction"] * 100,
					     e["unit"], e["requested"],
					     e["achieved"], e["error_pct"],
					     "yes" if e["within_1pct"]
					     else "**no**"))
		out.append("")
	b = rec.get("boot")
	if b:
		if b.get("images"):
			out.append("| image | platform | bytes | KiB |")
			out.append("|---|---|---:|---:|")
			for i in b["images"]:
				out.append("| %s | %s | %d | %.1f |" % (
					i["app"], i["plat"], i["bytes"],
					i["kib"]))
			out.append("")
		for e in b.get("qemu_start_to_exit", []):
			out.append("QEMU start -> exit, %s (%s, -m %d): median "
				   "%.1f ms (min %.1f, max %.1f, %d runs); "
				   "`%s`" % (e["app"], e["accel"],
					     e["memory_mib"],
					     e["ms"]["median"], e["ms"]["min"],
					     e["ms"]["max"], e["ms"]["n"],
					     e["command"]))
			out.append("")
		ff = b.get("first_frame")
		if ff:
			out.append("QEMU start -> first %s frame on the bridge "
				   "(%s): median %.1f ms (min %.1f, max %.1f, "
				   "%d runs); %s." % (
					   ff["app"], ff["accel"],
					   ff["ms"]["median"], ff["ms"]["min"],
					   ff["ms"]["max"], ff["ms"]["n"],
					   ff["how"]))
			out.append("")
		for e in b.get("min_memory", []):
			out.append("%s runs with `-m %d` (MiB) and fails below."
				   % (e["app"], e["mib"]))
			out.append("")
		em = b.get("entry_to_main")
		if em:
			out.append("helloworld, kernel entry -> main() (ukboot's "
				   "info line): median %.3f ms (min %.3f, max "
				   "%.3f); %.0f instructions under -icount "
				   "shift=0; `%s`" % (
					   em["ms"]["median"], em["ms"]["min"],
					   em["ms"]["max"],
					   em["instructions"]["median"],
					   em["command"]))
			out.append("")
	if chart:
		out.append("![%s](%s)" % (rec["topology"], chart))
		out.append("")
	if rec["not_yet"]:
		out.append("Not yet:")
		out.append("")
		for n in rec["not_yet"]:
			out.append("- %s: %s" % (n["part"], n["needs"]))
		out.append("")
	if rec["errors"]:
		out.append("Errors during the run:")
		out.append("")
		for e in rec["errors"]:
			out.append("- `%s`" % e.splitlines()[0])
		out.append("")
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
