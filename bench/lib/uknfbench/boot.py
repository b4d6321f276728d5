# SPDX-License-Identifier: BSD-3-Clause
"""The boot topology: image sizes, QEMU start -> exit of helloworld,
QEMU start -> first pktgen frame on a bridge (in a network namespace of
its own, captured with tcpdump), the smallest -m at which helloworld and
pktgen run, and guest entry -> main() of helloworld as ukboot reports it
(info level), in ms under the accelerator and in instructions under
-icount shift=0 (one guest ns per instruction: repeatable)."""

import os
import re
import struct
import subprocess
import time

from . import metrics, uknf
from .topologies import Topology

# pktgen alone on a QEMU hub: its frames never leave QEMU
ISOLATED_NIC = ("-H",)
PKTGEN_ARGS = "-- count=1000 size=60"

APPS = ("helloworld", "pktgen", "rxsink", "reflector")
ENTRY_RE = re.compile(r"kernel entry to main\(\) in ([0-9.]+) ms")


def qemu_cmd(image, accel, mem, append="--", extra=()):
	"""QEMU for IMAGE (scripts/qemu-guest); EXTRA: more of its options."""
	return uknf.qemu_argv(image, "-A", accel, "-m", mem, "-a", append,
			      *extra)


def boot_once(image, accel, mem, expect, timeout=60, append="--",
	      extra=()):
	"""(seconds from QEMU start to its exit, ok). OK: exit status 1 =
	the guest's status 0 through isa-debug-exit, and EXPECT printed."""
	cmd = qemu_cmd(image, accel, mem, append, extra)
	t0 = time.monotonic()
	try:
		out = subprocess.run(cmd, capture_output=True, text=True,
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
				# what the other topologies run: linuxu with
				# the null device, kvm with virtio-net
				cfg, tag = (), "bench"
				if app != "helloworld":
					cfg, tag = ((uknf.BASE_CONFIG, "bench")
						    if plat == "linuxu" else
						    (uknf.VM_CONFIG, "vm"))
				try:
					img = uknf.build(app, plat, config=cfg,
							 tag=tag)
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
		elif self.image("pktgen"):
			self.min_memory("pktgen", "pktgen: done",
					PKTGEN_ARGS, ISOLATED_NIC)
			self.first_frame()
		if "helloworld" in have:
			self.entry_to_main()

	def entry_to_main(self):
		"""ukboot's 'kernel entry to main() in X ms' line of a
		helloworld built with info-level messages."""
		try:
			img = uknf.build("helloworld", "kvm", config=(
				"CONFIG_LIBUKDEBUG_PRINTK_INFO=y",),
				tag="bootinfo")["path"]
		except uknf.UknfError as ex:
			self.error(str(ex))
			return
		res = {}
		for label, extra in (("ms", ()), ("instructions", ("-I", 0))):
			cmd = qemu_cmd(img, self.o.accel, 64, "--", extra)
			vals = []
			for _ in range(max(self.o.runs, 3)):
				out = subprocess.run(
					cmd, capture_output=True, text=True,
					errors="replace", timeout=60).stdout
				m = ENTRY_RE.search(out)
				if not m:
					self.error("helloworld printed no entry "
						   "-> main line")
					return
				ms = float(m.group(1))
				vals.append(ms if label == "ms" else ms * 1e6)
			res[label] = metrics.summary(vals)
		res["command"] = " ".join(qemu_cmd(img, self.o.accel, 64))
		self.rec["boot"]["entry_to_main"] = res
		self.log("  helloworld: kernel entry -> main %.3f ms median "
			 "(%s), %.0f instructions (-icount shift=0)" % (
				 res["ms"]["median"], self.o.accel,
				 res["instructions"]["median"]))

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

	def min_memory(self, app, expect, append="--", extra=()):
		"""Smallest -m (MiB) at which APP boots and prints EXPECT."""
		img = self.image(app)
		if not img:
			return

		def ok(mib):
			return boot_once(img, self.o.accel, mib, expect,
					 append=append, extra=extra)[1]
		lo, hi = 1, 64		# lo fails or untested, hi works
		if not ok(hi):
			self.error("%s does not run in -m %d" % (app, hi))
			return
		while hi - lo > 1:
			mid = (lo + hi) // 2
			if ok(mid):
				hi = mid
			else:
				lo = mid
		if lo == 1 and ok(1):
			hi = 1
		self.rec["boot"]["min_memory"].append({
			"app": app, "mib": hi, "append": append,
			"command": " ".join(qemu_cmd(img, self.o.accel, hi,
						     append, extra))})
		self.log("  %s: runs in -m %d (MiB)" % (app, hi))

	def first_frame(self):
		"""QEMU start -> first pktgen frame on a bridge, from the
		capture's timestamp (CLOCK_REALTIME on both sides)."""
		img = self.image("pktgen")
		ns = "uknfb-boot-%d" % os.getpid()
		br, tap = "ubbr0", "ubtap0"
		pcap = os.path.join(self.logdir, "first-frame.pcap")
		times = []
		try:
			with uknf.netlab(ns, br, tap):
				for _ in range(max(self.o.runs, 5)):
					t = self.one_frame(img, ns, br, tap, pcap)
					if t is None:
						break
					times.append(t * 1000)
		except (subprocess.CalledProcessError, OSError) as ex:
			self.error("first frame: %s" % ex)
		if not times:
			return
		s = metrics.summary(times)
		self.rec["boot"]["first_frame"] = {
			"app": "pktgen", "accel": self.o.accel, "ms": s,
			"memory_mib": 64,
			"how": "time.time() before starting QEMU (-M pc "
			"-nodefaults, virtio-net on a tap in a namespace's "
			"bridge) -> tcpdump timestamp of the first frame "
			"on the bridge"}
		self.log("  pktgen: QEMU start -> first frame %.1f ms median "
			 "(%.1f..%.1f, %s)" % (s["median"], s["min"], s["max"],
					       self.o.accel))

	def one_frame(self, img, ns, br, tap, pcap):
		cap = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump",
					"-i", br, "-c", "1", "-U", "-n", "-w",
					pcap, "udp"],
				       stdout=subprocess.DEVNULL,
				       stderr=subprocess.PIPE, text=True)
		try:
			line = cap.stderr.readline()	# "listening on ..."
			if "listening" not in line:
				self.error("tcpdump: %s" % line.strip())
				return None
			cmd = qemu_cmd(img, self.o.accel, 64,
				       "-- count=1 size=60", ("-N", ns, "-T", tap))
			t0 = time.time()
			q = subprocess.run(cmd, capture_output=True,
					   timeout=60)
			if q.returncode != 1:
				self.error("pktgen (first frame) exit %d"
					   % q.returncode)
				return None
			cap.wait(5)
		except subprocess.TimeoutExpired:
			self.error("first frame: no frame captured")
			return None
		finally:
			if cap.poll() is None:
				cap.terminate()
				cap.wait()
		t = pcap_first_time(pcap)
		return None if t is None else t - t0


def pcap_first_time(path):
	"""Timestamp (s, float) of the first record of a pcap file, or None.
	Handles the microsecond and the nanosecond magic, either byte
	order."""
	try:
		with open(path, "rb") as f:
			hdr = f.read(24)
			rec = f.read(16)
	except OSError:
		return None
	if len(hdr) < 24 or len(rec) < 16:
		return None
	for endian in ("<", ">"):
		magic = struct.unpack(endian + "I", hdr[:4])[0]
		if magic in (0xa1b2c3d4, 0xa1b23c4d):
			sec, frac = struct.unpack(endian + "II", rec[:8])
			div = 1e6 if magic == 0xa1b2c3d4 else 1e9
			return sec + frac / div
	return None
