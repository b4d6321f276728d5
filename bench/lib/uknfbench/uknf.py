# SPDX-License-Identifier: BSD-3-Clause
"""uknf apps: build (into bench/build, never into the app folder), run
on linuxu pinned to a core, and read their `APP: done ...` line; the
QEMU command of kvm images (and of bench/guest's Linux guest) from
scripts/qemu-guest; the network lab of the tap topologies.

$UKNF_BENCH_IMAGES=DIR takes ready images from DIR instead of building
(e.g. a stand-in while the apps are written); records then say so and
bench/report leaves them out unless told otherwise.
"""

import contextlib
import hashlib
import os
import subprocess

from . import metrics, parse, runner, sysinfo

ROOT = sysinfo.ROOT
BUILD = os.path.join(ROOT, "bench", "build")
QEMU_GUEST = os.path.join(ROOT, "scripts", "qemu-guest")
NETLAB = os.path.join(ROOT, "scripts", "netlab")
# The configuration every benchmark image gets on top of the app's own
# defconfig: the null device and link-time optimisation.
BASE_CONFIG = ("CONFIG_LIBUKNETDEV_NULL=y", "CONFIG_OPTIMIZE_LTO=y")
# ... and every kvm image (in QEMU): virtio-net and LTO
VM_CONFIG = ("CONFIG_VIRTIO_NET=y", "CONFIG_OPTIMIZE_LTO=y")


class NotYet(RuntimeError):
	"""A part of uknf a topology needs does not exist yet."""


class UknfError(RuntimeError):
	pass


def app_dir(app):
	return os.path.join(ROOT, "apps", app)


def app_present(app):
	"""An app folder with its Makefile.uk and at least one C file."""
	d = app_dir(app)
	return (os.path.isfile(os.path.join(d, "Makefile.uk")) and
		any(f.endswith(".c") for f in os.listdir(d)))


def missing_apps(apps):
	"""'not yet' text for the apps of APPS that are not in the tree."""
	if os.environ.get("UKNF_BENCH_IMAGES"):
		return None
	gone = [a for a in apps if not app_present(a)]
	if gone:
		return ("needs apps/%s (the NF-apps issue)"
			% ", apps/".join(gone))
	return None


def tree_has_config(symbol):
	"""Whether some Config.uk of the tree defines `config SYMBOL`."""
	out = subprocess.run(["grep", "-rlE", "--include=Config.uk",
			      r"^\s*(menu)?config\s+%s\b" % symbol, ROOT],
			     capture_output=True, text=True)
	return bool(out.stdout.strip())


def build(app, plat="linuxu", config=BASE_CONFIG, tag="bench"):
	"""Configure and build APP for PLAT into bench/build/APP-PLAT-TAG.
	Returns {"path", "bytes", "sha256", "config", "stand_in"}."""
	name = "%s_%s-x86_64" % (app, plat)
	ready = os.environ.get("UKNF_BENCH_IMAGES")
	if ready:
		return image_info(os.path.join(ready, name), list(config))
	out = os.path.join(BUILD, "%s-%s-%s" % (app, plat, tag))
	os.makedirs(out, exist_ok=True)
	frag = os.path.join(out, "fragment")
	lines = []
	dc = os.path.join(app_dir(app), "defconfig")
	if os.path.isfile(dc):
		with open(dc) as f:
			lines += [l.rstrip("\n") for l in f if l.strip()]
	lines += ["CONFIG_PLAT_%s=y" % plat.upper()] + list(config)
	with open(frag, "w") as f:
		f.write("\n".join(lines) + "\n")
	mk = ["make", "-s", "-C", ROOT, "A=" + app_dir(app), "O=" + out,
	      "C=" + os.path.join(out, ".config")]
	log = os.path.join(out, "build.log")
	with open(log, "w") as lf:
		for cmd in (mk + ["UK_DEFCONFIG=" + frag, "defconfig"],
			    mk + ["-j%d" % (os.cpu_count() or 1)]):
			if subprocess.run(cmd, stdout=lf,
					  stderr=subprocess.STDOUT).returncode:
				with open(log) as f:
					tail = f.read()[-2000:]
				raise UknfError("building %s (%s) failed:\n%s"
						% (app, plat, tail))
	return image_info(os.path.join(out, name), lines)


def image_info(path, config):
	if not os.path.isfile(path):
		raise UknfError("no image %s" % path)
	with open(path, "rb") as f:
		data = f.read()
	return {"path": os.path.relpath(path, ROOT), "abspath": path,
		"bytes": len(data),
		"sha256": hashlib.sha256(data).hexdigest(),
		"config": list(config),
		"stand_in": not data.startswith(b"\x7fELF")}


def kv(args):
	"""{"size": 60} -> ["size=60"] in a stable order."""
	return ["%s=%s" % (k, v) for k, v in args.items()]


def command(image, kparams, args, core=None, wrap=()):
	cmd = list(wrap) + [image["abspath"]] + kv(kparams) + ["--"] + kv(args)
	if core is not None:
		cmd = ["taskset", "-c", str(core)] + cmd
	return cmd


def run_app(image, app, kparams, args, core=None, timeout=120, log=None,
	    wrap=()):
	"""Run a linuxu image to its end; returns (Run, periodic, done).
	Raises UknfError when it fails or prints no done line."""
	cmd = command(image, kparams, args, core, wrap)
	r = runner.run(cmd, timeout=timeout, log=log)
	periodic, done = parse.app_lines(r.text, app)
	if r.timed_out or r.rc != 0 or done is None:
		why = "timed out" if r.timed_out else "exit %s" % r.rc
		if done is None:
			why += ", no done line"
		raise UknfError("%s: %s:\n%s" % (app, why, r.tail()))
	return r, periodic, done


def measure(image, app, kparams, args, warmup, duration, core=None,
	    log=None):
	"""One window: run APP for WARMUP + DURATION s and take the rate of
	its periodic lines after WARMUP (parse.app_window). Falls back to
	the done line (whole run, warm-up included) when the app prints no
	periodic lines, and says so in "source"."""
	a = dict(args)
	a["duration"] = "%g" % (warmup + duration + 1)
	r, periodic, done = run_app(image, app, kparams, a, core=core,
				    timeout=warmup + duration + 60, log=log)
	w = parse.app_window(periodic, warmup, duration)
	if w is not None:
		w["source"] = "periodic"
	else:
		secs = done.get("seconds")
		pkts = done.get("pkts", done.get("tx", done.get("rx")))
		if not secs or pkts is None:
			raise UknfError("%s: no periodic lines and no rate in "
					"its done line: %s" % (app, done))
		w = {"pps": pkts / secs, "t_start": 0.0, "seconds": secs,
		     "packets": pkts, "samples": [], "source": "done"}
	w["done"] = done
	return w


def frame_args(size):
	"""pktgen's size= is the frame without FCS."""
	return metrics.frame_without_fcs(size)


def qemu_argv(kernel, *opts):
	"""QEMU's command for KERNEL as `scripts/qemu-guest -Z` gives it (the
	tree's one QEMU command line); OPTS are more of its options, e.g.
	"-A", "tcg", "-m", 64, "-V", SOCKET. ValueError with its message
	when it refuses them."""
	r = subprocess.run([QEMU_GUEST, "-Z", "-k", kernel] +
			   [str(o) for o in opts], capture_output=True)
	if r.returncode:
		raise ValueError(r.stderr.decode(errors="replace").strip())
	return r.stdout.decode().split("\0")[:-1]


@contextlib.contextmanager
def netlab(ns, bridge, tap):
	"""Namespace NS with BRIDGE and TAP on it (scripts/netlab) while
	the block runs; removed after. CalledProcessError when it fails."""
	try:
		for cmd in (["up"], ["tap", "add", tap]):
			subprocess.run([NETLAB, "-n", ns, "-b", bridge] + cmd,
				       check=True, capture_output=True)
		yield
	finally:
		subprocess.run([NETLAB, "-n", ns, "down"], capture_output=True)


def link_counters(ns, dev):
	"""The counters of interface DEV in namespace NS
	(parse.ip_link_stats), or None when ip cannot read them."""
	r = subprocess.run(["ip", "-n", ns, "-j", "-s", "link", "show", "dev",
			    dev], capture_output=True, text=True)
	return parse.ip_link_stats(r.stdout) if r.returncode == 0 else None
