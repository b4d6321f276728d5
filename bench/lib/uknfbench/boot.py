# SPDX-License-Identifier: BSD-3-Clause
"""The boot topology: image sizes, QEMU start -> exit of an image, the
smallest -m an image runs in; QEMU start -> first frame on a bridge and
guest entry -> main are not there yet (they need kvm builds of pktgen
and a timestamp at main)."""

import os
import subprocess
import time

from . import metrics, uknf
from .topologies import Topology

APPS = ("helloworld", "pktgen", "rxsink", "reflector")
QEMU = ["qemu-system-x86_64", "-M", "pc", "-nodefaults", "-cpu", "qemu64",
	"-display", "none", "-serial", "stdio", "-no-reboot", "-device",
	"isa-debug-exit,iobase=0x501,iosize=2"]


def qemu_cmd(image, accel, mem, append="--"):
	return QEMU + ["-accel", accel, "-m", str(mem), "-kernel", image,
		       "-append", append]


def boot_once(image, accel, mem, expect, timeout=60):
	"""(seconds from QEMU start to its exit, ok). OK: exit status 1 =
	the guest's status 0 through isa-debug-exit, and EXPECT printed."""
	t0 = time.monotonic()
	try:
		out = subprocess.run(qemu_cmd(image, accel, mem),
				     capture_output=True, text=True,
				     errors="replace", timeout=timeout)
	except subprocess.TimeoutExpired:
		return None, False
	secs = time.monotonic() - t0
	return secs, out.returncode == 1 and expect in out.stdout


class Boot(Topology):
	name = "boot"
	backend = "none"

	def run(self):
		b = self.rec["boot"] = {"images": [], "qemu_start_to_exit": [],
					"min_memory": []}
		have = [a for a in APPS if not uknf.missing_apps([a])]
		for app in have:
			for plat in ("linuxu", "kvm"):
				try:
					img = uknf.build(app, plat,
							 config=uknf.BASE_CONFIG
							 if app != "helloworld"
							 else ())
				except uknf.UknfError as ex:
					self.error(str(ex))
					continue
				b["images"].append({"app": app, "plat": plat,
						    "bytes": img["bytes"],
						    "kib": img["bytes"] / 1024,
						    "image": img["path"],
						    "stand_in":
						    img["stand_in"]})
				self.log("  %-10s %-6s %8d bytes" % (
					app, plat, img["bytes"]))
		if "helloworld" in have:
			self.start_to_exit("helloworld", "Hello world!")
			self.min_memory("helloworld", "Hello world!")
		miss = uknf.missing_apps(["pktgen"])
		if miss:
			self.not_yet("boot: QEMU start -> first frame on the "
				     "bridge, pktgen image size and -m", miss)
		else:
			self.not_yet("boot: QEMU start -> first frame on the "
				     "bridge", "the tshark timestamp step of "
				     "bench/lib/uknfbench/boot.py")
		self.not_yet("boot: guest entry -> main",
			     "a TSC (or -icount) timestamp printed at main by "
			     "the kvm platform")

	def image(self, app):
		for i in self.rec["boot"]["images"]:
			if i["app"] == app and i["plat"] == "kvm":
				return os.path.join(uknf.ROOT, i["image"])
		return None

	def start_to_exit(self, app, expect):
		img = self.image(app)
		if not img:
			return
		times = []
		for _ in range(max(self.o.runs, 5)):
			secs, ok = boot_once(img, self.o.accel, 64, expect)
			if not ok:
				self.error("%s did not boot under %s"
					   % (app, self.o.accel))
				return
			times.append(secs * 1000)
		s = metrics.summary(times)
		self.rec["boot"]["qemu_start_to_exit"].append({
			"app": app, "accel": self.o.accel, "memory_mib": 64,
			"ms": s, "command": " ".join(qemu_cmd(img, self.o.accel,
							      64))})
		self.log("  %s: QEMU start -> exit %.1f ms median (%.1f.."
			 "%.1f, %s)" % (app, s["median"], s["min"], s["max"],
					self.o.accel))

	def min_memory(self, app, expect):
		"""Smallest -m (MiB) at which APP boots and prints EXPECT."""
		img = self.image(app)
		if not img:
			return
		lo, hi = 1, 64		# lo fails or untested, hi works
		if not boot_once(img, self.o.accel, hi, expect)[1]:
			return
		while hi - lo > 1:
			mid = (lo + hi) // 2
			if boot_once(img, self.o.accel, mid, expect)[1]:
				hi = mid
			else:
				lo = mid
		if lo == 1 and boot_once(img, self.o.accel, 1, expect)[1]:
			hi = 1
		self.rec["boot"]["min_memory"].append({"app": app,
						       "mib": hi})
		self.log("  %s: runs in -m %d (MiB)" % (app, hi))
