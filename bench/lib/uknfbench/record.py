# SPDX-License-Identifier: BSD-3-Clause
"""The JSON record of one bench/run invocation and its schema.

One file per topology and invocation: bench/results/<topology>-<UTC
timestamp>.json; writing one moves the older records of its topology
to bench/results/archive/ (not in git). Every window that was run is
kept ("windows", in the order they ran), so any statistic can be
recomputed; "cases" holds the min/median/max per case and frame size
and "comparisons" the ratio of medians of interleaved uknf and DPDK
series.
"""

import datetime
import glob
import json
import os
import re

from . import metrics

SCHEMA = "uknf-bench/1"
NUM = (int, float)
OPT_NUM = (int, float, type(None))
OPT_STR = (str, type(None))

# key: type(s), for each object kind; lists of objects are checked
# element by element with the named kind.
_KINDS = {
	"record": {
		"schema": str, "topology": str, "started": str,
		"finished": str, "command": list, "system": "system",
		"params": "params", "windows": ["window"], "cases": ["case"],
		"comparisons": ["comparison"], "ipp": ["ipp"],
		"perf": list, "rate_accuracy": list,
		"not_yet": ["not_yet"], "errors": list,
	},
	"system": {
		"cpu_model": OPT_STR, "cpus": (int, type(None)),
		"kernel": str, "qemu": OPT_STR, "dpdk": OPT_STR,
		"accel": str, "git": OPT_STR,
	},
	"params": {
		"sizes": list, "runs": int, "duration": NUM, "warmup": NUM,
		"burst": int, "ring": dict, "pinning": dict, "backend": str,
		"sizes_include_fcs": bool,
	},
	"window": {
		"seq": int, "case": str, "system": str, "size": int,
		"run": int, "ok": bool, "mpps": OPT_NUM, "gbps_l2": OPT_NUM,
		"gbps_l1": OPT_NUM, "seconds": OPT_NUM, "samples": list,
		"error": OPT_STR,
	},
	"case": {
		"case": str, "system": str, "size": int, "what": str,
		"summary": (dict, type(None)),
	},
	"comparison": {
		"size": int, "uknf": str, "dpdk": str,
		"ratio_mpps": OPT_NUM, "target": OPT_NUM,
		"met": (bool, type(None)),
	},
	"ipp": {
		"case": str, "size": int, "count": int, "base_count": int,
		"instructions": int, "base_instructions": int,
		"per_packet": NUM,
	},
	"not_yet": {"part": str, "needs": str},
	"cost": {
		"case": str, "system": str, "size": int, "per_packet": NUM,
		"tool": str,
	},
	"profile": {
		"case": str, "system": str, "size": int, "samples": int,
		"threads": list, "objects": list, "tool": str,
	},
}

# keys checked only when present (records written before they existed)
_OPTIONAL = {
	"record": {"cost": ["cost"], "profile": ["profile"]},
}


def validate(obj, kind="record", where="record"):
	"""Problems with OBJ as a KIND, as a list of strings (empty: fine)."""
	spec = dict(_KINDS[kind])
	if not isinstance(obj, dict):
		return ["%s: not an object" % where]
	spec.update((k, v) for k, v in _OPTIONAL.get(kind, {}).items()
		    if k in obj)
	errs = []
	for key, want in spec.items():
		at = "%s.%s" % (where, key)
		if key not in obj:
			errs.append("%s: missing" % at)
			continue
		val = obj[key]
		if isinstance(want, str):
			errs += validate(val, want, at)
		elif isinstance(want, list):
			if not isinstance(val, list):
				errs.append("%s: not a list" % at)
				continue
			for i, item in enumerate(val):
				errs += validate(item, want[0],
						 "%s[%d]" % (at, i))
		elif isinstance(val, bool) and bool not in (
				want if isinstance(want, tuple) else (want,)):
			errs.append("%s: boolean, expected %s" % (at, want))
		elif not isinstance(val, want):
			errs.append("%s: %s, expected %s"
				    % (at, type(val).__name__, want))
	if kind == "record" and obj.get("schema") != SCHEMA:
		errs.append("record.schema: %r, expected %r"
			    % (obj.get("schema"), SCHEMA))
	if kind == "window" and obj.get("ok") and obj.get("mpps") is None:
		errs.append("%s: ok without a rate" % where)
	return errs


def now():
	return datetime.datetime.now(datetime.timezone.utc).strftime(
		"%Y-%m-%dT%H:%M:%SZ")


def new(topology, command, system, params):
	return {"schema": SCHEMA, "topology": topology, "started": now(),
		"finished": "", "command": list(command), "system": system,
		"params": params, "windows": [], "cases": [],
		"comparisons": [], "ipp": [], "perf": [],
		"rate_accuracy": [], "not_yet": [], "errors": [],
		"cost": [], "profile": []}


def window(seq, case, system, size, run, w=None, error=None):
	"""A window entry from a measured window W (or an ERROR)."""
	e = {"seq": seq, "case": case, "system": system, "size": size,
	     "run": run, "ok": w is not None, "mpps": None, "gbps_l2": None,
	     "gbps_l1": None, "seconds": None, "samples": [],
	     "error": error}
	if w is not None:
		e.update(metrics.rates(w["pps"], size))
		e["seconds"] = w["seconds"]
		e["samples"] = [p / 1e6 for p in w["samples"]]	# Mpps
		for k in ("check_pps", "drops", "done", "source",
			  "t_start", "packets"):
			if k in w:
				e[k] = w[k]
	return e


def summarise(rec, what):
	"""Fill rec["cases"] from rec["windows"]; WHAT maps case names to a
	description."""
	groups = {}
	for w in rec["windows"]:
		key = (w["case"], w["system"], w["size"])
		groups.setdefault(key, []).append(w)
	rec["cases"] = []
	for (case, system, size), ws in sorted(
			groups.items(), key=lambda kv: (kv[0][2], kv[0][0])):
		ok = [w for w in ws if w["ok"]]
		s = None
		if ok:
			s = {m: metrics.summary(w[m] for w in ok)
			     for m in ("mpps", "gbps_l2", "gbps_l1")}
			s["failed_windows"] = len(ws) - len(ok)
		rec["cases"].append({"case": case, "system": system,
				     "size": size, "what": what.get(case, ""),
				     "summary": s})


def compare(rec, pairs, targets):
	"""rec["comparisons"]: median(uknf) / median(dpdk) in Mpps for each
	(uknf case, dpdk case) of PAIRS at each size; TARGETS maps a uknf
	case to the ratio it should reach."""
	rec["comparisons"] = []
	by = {}
	for w in rec["windows"]:
		if w["ok"]:
			by.setdefault((w["case"], w["size"]), []).append(
				w["mpps"])
	for size in rec["params"]["sizes"]:
		for u, d in pairs:
			a, b = by.get((u, size)), by.get((d, size))
			r = metrics.ratio_of_medians(a, b) if a and b else None
			t = targets.get(u)
			rec["comparisons"].append({
				"size": size, "uknf": u, "dpdk": d,
				"ratio_mpps": r, "target": t,
				"met": None if r is None or t is None
				else r >= t})


def write(rec, directory, stamp=None):
	"""Write REC as DIRECTORY/<topology>-<stamp>.json and move the
	topology's other records to DIRECTORY/archive/; returns the path."""
	rec["finished"] = now()
	stamp = stamp or rec["started"].replace("-", "").replace(":", "")
	os.makedirs(directory, exist_ok=True)
	path = os.path.join(directory, "%s-%s.json" % (rec["topology"], stamp))
	with open(path, "w") as f:
		json.dump(rec, f, indent=1, sort_keys=True)
		f.write("\n")
	mine = re.compile(r"%s-\d{8}T\d{6}Z\.json$"
			  % re.escape(rec["topology"]))
	for old in glob.glob(os.path.join(directory, "*.json")):
		if old != path and mine.match(os.path.basename(old)):
			archive = os.path.join(directory, "archive")
			os.makedirs(archive, exist_ok=True)
			os.replace(old, os.path.join(archive,
						     os.path.basename(old)))
	return path
