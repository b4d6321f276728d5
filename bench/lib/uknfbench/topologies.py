# SPDX-License-Identifier: BSD-3-Clause
"""The topologies of bench/run (see docs/PERFORMANCE.md).

Each topology lists its cases (one program in one configuration, uknf
or DPDK) and the pairs that are compared. Windows of a pair alternate
inside one invocation: uknf, DPDK, uknf, DPDK, ... for every run and
frame size, so slow drifts of a shared machine hit both systems alike;
comparisons are ratios of the medians of such interleaved series.
"""

import contextlib
import functools
import os
import time

from . import hugepages, ipp, metrics, parse, record, runner, testpmd
from . import dpdkipp, uknf
from .testpmd import RX, TX

# The null device's receive without writing the frame (null.copy=0), as
# DPDK's net_null hands out mbufs (copy=0): the like-for-like baseline
# for receivers that count (rxonly) or only touch the MACs (macswap).
NOCOPY = {"null.copy": 0}


class Case:
	"""One measured program configuration.

	MEASURE(size, log) returns a window dict (parse.window_rate);
	WHAT is a line for the report; INFO goes into the record."""

	def __init__(self, name, system, what, measure, info=None):
		self.name = name
		self.system = system
		self.what = what
		self.measure = measure
		self.info = info or {}


class Topology:
	name = ""
	backend = ""
	ring = {}
	targets = {}

	def __init__(self, opts, rec, logdir):
		self.o = opts
		self.rec = rec
		self.logdir = logdir
		self.seq = 0
		self.cores = opts.cores
		self.failed = 0

	def log(self, msg):
		print(msg, flush=True)

	def not_yet(self, part, needs):
		self.rec["not_yet"].append({"part": part, "needs": needs})
		self.log("not yet: %s: %s" % (part, needs))

	def error(self, msg):
		self.rec["errors"].append(msg)
		self.log("error: " + msg)

	def logfile(self, case, size, run):
		return os.path.join(self.logdir, "%03d-%s-%d-r%d.log"
				    % (self.seq, case, size, run))

	def window(self, case, size, run):
		"""Run one window of CASE and record it."""
		self.seq += 1
		log = self.logfile(case.name, size, run)
		try:
			w = case.measure(size, log)
			e = record.window(self.seq, case.name, case.system,
					  size, run, w)
			extra = ""
			if w.get("check_pps") is not None:
				extra = " (offered/sent %.2f Mpps)" % (
					w["check_pps"] / 1e6)
			self.log("  %4d B run %d  %-18s %-5s %8.3f Mpps "
				 "%7.2f Gbit/s L2%s" % (size, run + 1,
							case.name, case.system,
							e["mpps"], e["gbps_l2"],
							extra))
		except (testpmd.DpdkError, uknf.UknfError, OSError) as ex:
			self.failed += 1
			e = record.window(self.seq, case.name, case.system,
					  size, run, error=str(ex))
			self.log("  %4d B run %d  %-18s FAILED: %s"
				 % (size, run + 1, case.name,
				    str(ex).splitlines()[0]))
		e["log"] = os.path.relpath(log, uknf.ROOT)
		self.rec["windows"].append(e)

	def interleave(self, cases, pairs):
		"""For each size and run, each pair's uknf then DPDK window.
		Cases missing from CASES (a side not run) are skipped; a DPDK
		case shared by several pairs runs once per round when its uknf
		partners are all skipped."""
		paired = {d for u, d in pairs if u in cases}
		for size in self.o.sizes:
			for run in range(self.o.runs):
				ran = set()
				for u, d in pairs:
					if u in cases:
						self.window(cases[u], size, run)
					elif d in paired or d in ran:
						continue
					if d in cases:
						self.window(cases[d], size, run)
						ran.add(d)

	def selected(self, cases):
		"""CASES limited to --cases."""
		if not self.o.cases:
			return cases
		return {n: c for n, c in cases.items() if n in self.o.cases}

	def announce(self, cases):
		"""CASES limited to --cases; says what will run. An empty
		result means there is nothing to measure."""
		cases = self.selected(cases)
		if cases:
			self.log("%s (%s): sizes %s B with FCS (64 B = 60 B "
				 "frame + 4 B FCS), %d runs, %g s windows after "
				 "%g s warm-up" % (
					 self.name, self.o.accel,
					 ",".join(map(str, self.o.sizes)),
					 self.o.runs, self.o.duration,
					 self.o.warmup))
		return cases

	def run(self):
		"""Each side's cases (or why it cannot run), then every window
		and what comes after them, inside context(cases)."""
		cases = {}
		for side, skip, missing, make in (
				("uknf", "dpdk", self.uknf_missing, self.uknf_cases),
				("DPDK", "uknf", self.dpdk_missing, self.dpdk_cases)):
			if self.o.only == skip:
				continue
			why = missing()
			if why:
				self.not_yet("%s %s side" % (self.name, side), why)
			else:
				cases.update(make())
		cases = self.announce(cases)
		if not cases:
			return
		with self.context(cases):
			self.interleave(cases, self.PAIRS)
			self.after_windows(cases)
		self.finish(cases, self.PAIRS)

	def dpdk_missing(self):
		"""Why the DPDK side cannot run, or None."""
		return testpmd.available()

	def context(self, cases):
		"""What the windows need around them: hugepages."""
		return hugepages.HugePages()

	def after_windows(self, cases):
		"""What runs after the windows, in the same context."""

	def finish(self, cases, pairs):
		record.summarise(self.rec, {n: c.what for n, c in
					    cases.items()})
		record.compare(self.rec, pairs, self.targets)
		self.rec["case_info"] = {n: c.info for n, c in cases.items()}

	def params(self):
		return {"sizes": list(self.o.sizes), "sizes_include_fcs": True,
			"runs": self.o.runs, "duration": self.o.duration,
			"warmup": self.o.warmup, "burst": testpmd.BURST,
			"ring": self.ring, "pinning": self.pinning(),
			"backend": self.backend}

	def pinning(self):
		return {}

	def each(self, what, names, fn):
		"""(name, size, FN(name, size)) for every --ipp-sizes size and
		each of NAMES; a failure is recorded as the error "WHAT NAME
		SIZE B: ..." and passed over."""
		for size in self.o.ipp_sizes:
			for name in names:
				try:
					yield name, size, fn(name, size)
				except (testpmd.DpdkError, uknf.UknfError,
					ValueError, OSError) as ex:
					self.error("%s %s %d B: %s"
						   % (what, name, size, ex))

	def show_ipp(self, size, name, e, how="callgrind"):
		"""Log an instructions-per-packet figure and its top functions."""
		self.log("  %4d B %-22s %8.1f instructions/packet (%s)%s" % (
			size, name, e["per_packet"], how, "".join(
				"\n        %6.1f  %s" % (t["per_packet"],
							t["function"])
				for t in e["top"][:5])))


# ---------------------------------------------------------------------
# native-null

class NativeNull(Topology):
	"""uknf on linuxu with the null device against testpmd on net_null;
	each runs alone on the measured core."""
	name = "native-null"
	backend = "null device (uknf CONFIG_LIBUKNETDEV_NULL / DPDK net_null)"
	ring = {"uknf": "null device, driver-default queue size (256); "
		"rx netbuf pool 4096 x 2048 B (nf_port default; pktgen: "
		"512, plus a tx pool of 1024 netbufs sized to the frame)",
		"dpdk": "net_null (no ring); testpmd mbuf pool %d x 2176 B"
		% testpmd.MBUFS}
	MODES = ("gen", "copy", "pool", "ref")
	PAIRS = [("pktgen-%s" % m, "testpmd-txonly") for m in MODES] + [
		("rxsink", "testpmd-rxonly"), ("rxsink-count", "testpmd-rxonly"),
		("reflector", "testpmd-macswap")]
	# rxsink's target is on its counting case: testpmd rxonly frees
	# what it receives unread, as rxsink check=0 does; the validating
	# case (parse, checksums, sequence) is shown beside it, untargeted.
	targets = {"pktgen-pool": 1.2, "pktgen-ref": 1.2, "rxsink-count": 1.0,
		   "reflector": 1.0}
	APPS = ("pktgen", "rxsink", "reflector")

	def pinning(self):
		main, meas = self.cores
		return {"uknf": "taskset -c %d" % meas,
			"testpmd": "--lcores %d@%d,%d@%d (main, forwarding)"
			% (0, main, 1, meas),
			"note": "one system at a time on CPU %d" % meas}

	# uknf case -> what it does (the report's line)
	WHAT = {
		"pktgen-gen": "uknf pktgen mode=gen (builds every frame)",
		"pktgen-copy": "uknf pktgen mode=copy (copies a template into "
		"fresh netbufs)",
		"pktgen-pool": "uknf pktgen mode=pool (pre-initialised netbufs "
		"from a pool)",
		"pktgen-ref": "uknf pktgen mode=ref (refcounted resend of the "
		"same netbufs)",
		"rxsink": "uknf rxsink: receives and checks synthesised frames",
		"rxsink-count": "uknf rxsink check=0 on null.copy=0 (buffers "
		"not written, as net_null copy=0): counts frames without "
		"reading them",
		"reflector": "uknf reflector swap=mac on null.copy=0 (as macswap "
		"on net_null copy=0): receives, swaps MACs, sends back",
	}

	def case_args(self, name, size):
		"""(app, kernel parameters, app arguments) of uknf case NAME."""
		if name.startswith("pktgen-"):
			return ("pktgen", {"null.count": 1},
				dict(pktgen_pool_args(size), mode=name[7:]))
		kp = {"null.count": 1, "null.size": uknf.frame_args(size)}
		if name == "rxsink-count":
			return ("rxsink", dict(kp, **NOCOPY), {"check": 0})
		if name == "reflector":
			return (name, dict(kp, **NOCOPY), {})
		return (name, kp, {})

	def uknf_missing(self):
		"""The apps that are there run; the others are a 'not yet'."""
		miss = uknf.missing_apps(self.APPS)
		if miss:
			self.not_yet("native-null uknf side", miss)
		return None

	def uknf_cases(self):
		"""The uknf cases whose app builds (the others are errors)."""
		images = self.images = {}
		for app in self.APPS:
			if uknf.missing_apps([app]):
				continue
			if self.o.cases and not any(
					c == app or c.startswith(app + "-")
					for c in self.o.cases):
				continue
			try:
				images[app] = uknf.build(app)
			except uknf.UknfError as ex:
				self.error(str(ex))

		def m(size, log, name):
			app, kp, args = self.case_args(name, size)
			return uknf.measure(images[app], app, kp, args,
					    self.o.warmup, self.o.duration,
					    core=self.cores[1], log=log)
		return {n: Case(n, "uknf", what, functools.partial(m, name=n),
				{"image": images[n.split("-")[0]]})
			for n, what in self.WHAT.items()
			if n.split("-")[0] in images}

	def dpdk_cases(self):
		main, meas = self.cores
		lcores = "0@%d,1@%d" % (main, meas)

		def cmd(mode, size):
			return testpmd.command(
				testpmd.eal_args(lcores, "null",
						 [testpmd.null_vdev(size)]),
				testpmd.app_args(mode, size))

		def m(size, log, mode, counter):
			return testpmd.measure(
				cmd(mode, size), counter, self.o.warmup,
				self.o.duration, log=log,
				check_counter=TX if mode == "macswap" else None)
		return {"testpmd-" + mode: Case(
			"testpmd-" + mode, "dpdk",
			"DPDK testpmd %s on net_null" % mode,
			functools.partial(m, mode=mode, counter=counter),
			{"command": " ".join(cmd(mode, 64))})
			for mode, counter in (("txonly", TX), ("rxonly", RX),
					      ("macswap", RX))}

	def run(self):
		if not self.o.ipp_only:
			return Topology.run(self)
		self.uknf_missing()
		self.instructions(self.selected(self.uknf_cases()))

	def context(self, cases):
		"""Hugepages only for testpmd."""
		if any(c.system == "dpdk" for c in cases.values()):
			return hugepages.HugePages()
		return contextlib.nullcontext()

	def after_windows(self, cases):
		if any(c.system == "uknf" for c in cases.values()):
			self.instructions(cases)
			self.rate_accuracy(cases)

	def instructions(self, cases):
		"""Instructions per packet of every uknf case (callgrind),
		plus perf stat cycles where the machine counts them."""
		if self.o.no_ipp:
			return
		outdir = os.path.join(self.logdir, "callgrind")
		perf = ipp.perf_supported()
		if not perf:
			self.rec["perf"].append({
				"tool": "perf stat -e cycles,instructions",
				"supported": False,
				"note": "no hardware counters on this machine "
				"(perf stat says <not supported>)"})
		names = sorted(n for n, c in cases.items() if c.system == "uknf")

		def run(name, size):
			app, kp, args = self.case_args(name, size)
			e = ipp.per_packet(self.images[app], app, kp, args, size,
					   name, outdir)
			self.rec["ipp"].append(e)
			self.show_ipp(size, name, e)
			return perf and ipp.perf_per_packet(
				self.images[app], app, kp, args, size, name,
				self.cores[1])
		for _, _, e in self.each("ipp", names, run):
			if e:
				self.rec["perf"].append(e)

	def rate_accuracy(self, cases):
		"""pktgen at 10/50/90% of its measured maximum (pool mode,
		smallest size), asked in pps and in L1 bit/s."""
		if "pktgen-pool" not in cases or self.o.no_rate:
			return
		size = min(self.o.sizes)
		ok = [w["mpps"] for w in self.rec["windows"]
		      if w["case"] == "pktgen-pool" and w["size"] == size
		      and w["ok"]]
		if not ok:
			return
		top = metrics.median(ok) * 1e6
		core = self.cores[1]
		for frac in (0.1, 0.5, 0.9):
			pps = int(top * frac)
			bps = int(pps * (size + metrics.L1_OVERHEAD_BYTES) * 8)
			for unit, spec, want in (("pps", "%d" % pps, pps),
						 ("bps", "%dbps" % bps, bps)):
				log = os.path.join(self.logdir, "rate-%s-%d.log"
						   % (unit, int(frac * 100)))
				try:
					app, kp, args = self.case_args(
						"pktgen-pool", size)
					w = uknf.measure(
						self.images[app], app, kp,
						dict(args, rate=spec),
						self.o.warmup, self.o.duration,
						core=core, log=log)
				except uknf.UknfError as ex:
					self.error("rate %s %s: %s"
						   % (unit, spec, ex))
					continue
				got = w["pps"] if unit == "pps" else (
					w["pps"] * (size +
						    metrics.L1_OVERHEAD_BYTES)
					* 8)
				err = (got - want) / want * 100
				self.rec["rate_accuracy"].append({
					"size": size, "fraction": frac,
					"unit": unit, "requested": want,
					"achieved": got, "error_pct": err,
					"within_1pct": abs(err) <= 1.0})
				self.log("  rate %3d%% %s: asked %d, got %.0f "
					 "(%+.2f%%)" % (frac * 100, unit, want,
							got, err))


def pktgen_pool_args(size):
	"""pktgen as the vhost and VM topologies run it: pool mode,
	testpmd's burst, no rate limit."""
	return {"size": uknf.frame_args(size), "mode": "pool",
		"burst": testpmd.BURST, "rate": 0}


def kvm_guest_cmd(o, cpu, mem, net, image, args, count=None):
	"""QEMU (scripts/qemu-guest) running the uknf kvm IMAGE with app
	arguments ARGS (a dict) on CPU, MEM MiB, NET the qemu-guest options
	of its virtio-net port; with COUNT, under -icount shift=0 for COUNT
	frames (guest instructions per packet)."""
	if count:
		args = dict(args, count=count)
	return uknf.qemu_argv(image["abspath"], "-A", o.accel, "-C", cpu,
			      "-n", "uknf", "-m", mem,
			      "-a", "-- " + " ".join(uknf.kv(args)), *net,
			      *(("-I", 0) if count else ()))


# ---------------------------------------------------------------------
# native-vhost

# uknf app against a net_vhost backend -> (backend mode, measured side,
# counter, check counter, the app's line that says it runs)
VHOST_APPS = {
	"pktgen": ("rxonly", "server", RX, None, "pktgen: mode="),
	"rxsink": ("txonly", "client", RX, TX, "rxsink: ready"),
	"reflector": ("flowgen", "server", RX, TX, "reflector: ready"),
}


def vhost_apps(suffix):
	"""Case name (APP-SUFFIX) -> (app,) + VHOST_APPS[app]."""
	return {"%s-%s" % (a, suffix): (a,) + v for a, v in VHOST_APPS.items()}


class NativeVhost(Topology):
	"""A net_vhost testpmd backend on one core; on the other the
	client: uknf's virtio-net driver over its virtio-user transport
	(linuxu), or DPDK testpmd with net_virtio_user."""
	name = "native-vhost"
	backend = "testpmd net_vhost (vhost-user over a unix socket)"
	QUEUE = 256
	ring = {"virtqueue": "%d descriptors (uknf virtio_user.queue_size, "
		"DPDK net_virtio_user queue_size)" % QUEUE,
		"dpdk": "testpmd mbuf pool %d x 2176 B" % testpmd.MBUFS}
	# case -> (client mode, backend mode, measured side, counter,
	#          check counter). Reflect: the backend generates (flowgen
	# receives what comes back before each burst it sends) and counts
	# what the client returns.
	DPDK = {
		"testpmd-virtio-tx": ("txonly", "rxonly", "server", RX, None),
		"testpmd-virtio-rx": ("rxonly", "txonly", "client", RX, TX),
		"testpmd-virtio-reflect": ("macswap", "flowgen", "server",
					   RX, TX),
	}
	UKNF = vhost_apps("vhost")
	PAIRS = [("pktgen-vhost", "testpmd-virtio-tx"),
		 ("rxsink-vhost", "testpmd-virtio-rx"),
		 ("reflector-vhost", "testpmd-virtio-reflect")]
	targets = {"pktgen-vhost": 1.0, "rxsink-vhost": 1.0,
		   "reflector-vhost": 1.0}
	CONFIG = ("CONFIG_VIRTIO_NET=y", "CONFIG_VIRTIO_USER=y",
		  "CONFIG_OPTIMIZE_LTO=y")
	PLAT, TAG, WHERE = "linuxu", "vhost", "over virtio-user"

	def pinning(self):
		b, c = self.cores
		return {"backend": "testpmd --lcores 0@%d,1@%d" % (b, b),
			"client": "CPU %d (uknf: taskset; testpmd: --lcores "
			"0@%d,1@%d)" % (c, c, c)}

	def sock(self):
		return "/tmp/%s-vhost-%d.sock" % (hugepages.PREFIX, os.getpid())

	def server_cmd(self, mode, size):
		b = self.cores[0]
		return testpmd.command(
			testpmd.eal_args("0@%d,1@%d" % (b, b), "vhost",
					 ["net_vhost0,iface=%s,queues=1"
					  % self.sock()]),
			testpmd.app_args(mode, size))

	def client_cmd(self, mode, size):
		c = self.cores[1]
		return testpmd.command(
			testpmd.eal_args("0@%d,1@%d" % (c, c), "virtio",
					 ["net_virtio_user0,path=%s,queues=1,"
					  "queue_size=%d" % (self.sock(),
							     self.QUEUE)],
					 single_file=True),
			testpmd.app_args(mode, size))

	def uknf_args(self, app, size):
		args = {"duration": "%g" % (self.o.warmup + self.o.duration
					    + 30)}
		if app == "pktgen":
			args.update(pktgen_pool_args(size))
		elif app == "rxsink":
			# counting only, as testpmd rxonly (no checks)
			args["check"] = 0
		return args

	def uknf_kparams(self):
		return {"virtio_user.path": self.sock(),
			"virtio_user.queue_size": self.QUEUE}

	def uknf_cmd(self, image, app, size):
		return uknf.command(image, self.uknf_kparams(),
				    self.uknf_args(app, size),
				    core=self.cores[1])

	@contextlib.contextmanager
	def vhost_backend(self, mode, size, log):
		"""The net_vhost testpmd in MODE while the block runs."""
		srv = testpmd.start_backend(self.server_cmd(mode, size),
					    log=log)
		try:
			yield srv
		finally:
			srv.stop()
			if os.path.exists(self.sock()):
				os.unlink(self.sock())

	def instructions(self, cases=None):
		"""Instructions per packet of each uknf client (callgrind,
		count minus base run, as native-null) and of each DPDK case
		in CASES (testpmd's forwarding thread under callgrind, see
		dpdkipp). Under callgrind the client runs some 50 times
		slower than the backend, so its rings rarely wait: the figure
		is the driver and app path. Every figure also goes into a
		"cost" entry, which the report sets beside its partner's."""
		if self.o.no_ipp:
			return
		outdir = os.path.join(self.logdir, "callgrind")
		images = {} if self.o.only == "dpdk" else (
			getattr(self, "images", None) or {})

		def run(name, size):
			app, bm = self.UKNF[name][:2]
			# count= ends it; the backend runs around each run
			args = dict(self.uknf_args(app, size), duration=0)
			blog = os.path.join(outdir, "backend-%s-%d.log"
					    % (name, size))
			return ipp.per_packet(
				images[name], app, self.uknf_kparams(), args, size,
				name, outdir, around=lambda: self.vhost_backend(
					bm, size, blog))
		for name, size, e in self.each("ipp", sorted(images), run):
			self.rec["ipp"].append(e)
			self.rec["cost"].append(dpdkipp.uknf_cost(e))
			self.show_ipp(size, name, e)
		if not cases or self.o.only == "uknf":
			return
		for name, size, e in self.each(
				"ipp", sorted(n for n in self.DPDK if n in cases),
				lambda name, size: dpdkipp.per_packet(
					name, *self.DPDK[name][:2], self.server_cmd,
					self.client_cmd, size, outdir,
					sock=self.sock())):
			self.rec["cost"].append(e)
			self.show_ipp(size, name, e, "callgrind, forwarding lcore")

	def pair(self, size, log, server, client, side, ctr, chk,
		 ready=testpmd.CLIENT_READY, app=None):
		try:
			return testpmd.measure_pair(
				server, client, side, ctr, self.o.warmup,
				self.o.duration, check_counter=chk,
				logs=(log[:-4] + "-backend.log", log),
				client_ready=ready, client_app=app)
		finally:
			if os.path.exists(self.sock()):
				os.unlink(self.sock())

	def dpdk_cases(self):
		cases = {}
		for name, (cm, bm, side, ctr, chk) in self.DPDK.items():
			def m(size, log, cm=cm, bm=bm, side=side, ctr=ctr,
			      chk=chk):
				return self.pair(size, log,
						 self.server_cmd(bm, size),
						 self.client_cmd(cm, size), side,
						 ctr, chk)
			cases[name] = Case(
				name, "dpdk", "DPDK testpmd %s on net_virtio_user"
				", backend testpmd %s on net_vhost" % (cm, bm),
				m, {"client": " ".join(self.client_cmd(cm, 64)),
				    "backend": " ".join(self.server_cmd(bm,
									64))})
		return cases

	def uknf_cases(self):
		cases = {}
		self.images = {}
		for name, (app, bm, side, ctr, chk, ready) in self.UKNF.items():
			if self.o.cases and name not in self.o.cases:
				continue
			try:
				img = uknf.build(app, plat=self.PLAT,
						 config=self.CONFIG, tag=self.TAG)
			except uknf.UknfError as ex:
				self.error(str(ex))
				continue
			self.images[name] = img

			def m(size, log, img=img, app=app, bm=bm, side=side,
			      ctr=ctr, chk=chk, ready=ready):
				return self.pair(size, log,
						 self.server_cmd(bm, size),
						 self.uknf_cmd(img, app, size),
						 side, ctr, chk, ready, app)
			cases[name] = Case(
				name, "uknf", "uknf %s %s, backend testpmd %s on "
				"net_vhost" % (app, self.WHERE, bm), m,
				{"image": img, "client": " ".join(
					self.uknf_cmd(img, app, 64))})
		return cases

	def uknf_missing(self):
		"""Why the uknf side cannot run, or None."""
		if not uknf.tree_has_config("VIRTIO_USER"):
			return ("needs uknf's virtio-user transport "
				"(CONFIG_VIRTIO_USER)")
		return uknf.missing_apps(["pktgen", "rxsink", "reflector"])

	def after_windows(self, cases):
		"""With hugepages still held (a backend runs beside)."""
		self.instructions(cases)


# ---------------------------------------------------------------------
# Guests: not there yet on either side

def guest_done(r, key):
	"""The `guest-testpmd: done k=v ...` line of a bench/guest/run run
	R as a dict; DpdkError unless it says status=ok and has KEY."""
	done = None
	for _, line in r.lines:
		done = parse.done_line(line, "guest-testpmd") or done
	if not done or done.get("status") != "ok" or key not in done:
		raise testpmd.DpdkError("guest testpmd: %s" % r.tail(8))
	return done


def run_guest(cmd, app, ready, cpu, warmup, duration, log, profile=None,
	      beside=()):
	"""Run a uknf guest (QEMU command CMD) to its end and return its done
	line; with PROFILE, let it run WARMUP s after its READY line, record
	CPU with perf for DURATION s into PROFILE, then stop it."""
	p = runner.Proc(cmd, log=log)
	try:
		if not p.wait_for(ready, 120, beside):
			raise uknf.UknfError("%s did not start:\n%s"
					     % (app, p.tail()))
		if profile:
			time.sleep(warmup)
			perf = runner.run(ipp.profile_command(cpu, duration,
							      profile),
					  timeout=duration + 60)
			if perf.rc:
				raise uknf.UknfError("perf record: " +
						     perf.tail())
			return None
		limit = time.monotonic() + 300
		while p.running() and time.monotonic() < limit:
			time.sleep(0.05)
	finally:
		r = p.stop()
	_, done = parse.app_lines(r.text, app)
	if not done or not done.get("seconds"):
		raise uknf.UknfError("%s: no done line:\n%s" % (app, r.tail()))
	return done


def done_packets(done):
	"""Frames a uknf app handled by its done line: pktgen's pkts,
	rxsink's pkts, the reflector's rx."""
	return done.get("pkts", done.get("rx"))


class GuestCosts:
	"""What limits the guests, for the topologies that run them:
	guest instructions per packet of each pair under -icount shift=0
	("cost" entries) and a perf profile of the guest's CPU during one
	window of each case ("profile" entries). Subclasses give
	uknf_guest(name, size, log, count=, profile=) -> done line and
	dpdk_guest(name, size, log, extra) -> bench/guest/run's done line,
	plus COST_KEY: DPDK case -> the guest-clock rate key of that line."""
	MEM = 64		# MiB of a uknf guest
	GUEST_RUN = os.path.join(uknf.ROOT, "bench", "guest", "run")

	def pinning(self):
		c = self.cores[1]
		return {"guest": "QEMU on CPU %d (taskset; bench/guest/run "
			"--cpu-pin %d --io-pin %d)" % (c, c, c)}

	def dpdk_missing(self):
		if not os.access(self.GUEST_RUN, os.X_OK):
			return "needs bench/guest/run"
		return testpmd.available()

	def after_windows(self, cases):
		self.costs(cases, self.PAIRS)
		self.profiles(cases)

	def guest_run(self, mode, net, size, log, key, extra=(), beside=()):
		"""DPDK testpmd in MODE in the Linux guest (bench/guest/run),
		NET its network options, EXTRA more of them; its done line
		(guest_done, which needs KEY)."""
		c = str(self.cores[1])
		r = runner.run([self.GUEST_RUN, "--mode", mode] + list(net) + [
			"--duration", "%g" % self.o.duration, "--warmup",
			"%g" % self.o.warmup, "--size", str(size), "--accel",
			self.o.accel, "--cpu-pin", c, "--io-pin", c, "--log",
			log[:-4] + "-console.log"] + list(extra),
			       timeout=self.o.warmup + self.o.duration + 300,
			       log=log, beside=beside)
		return guest_done(r, key)

	def costs(self, cases, pairs):
		if self.o.no_ipp:
			return
		if self.o.accel != "tcg":
			self.log("  guest instructions: -icount needs tcg "
				 "(accelerator %s); skipped" % self.o.accel)
			return
		names = [n for pair in pairs for n in pair if n in cases]
		for name, size, e in self.each(
				"icount", names, lambda name, size: self.cost(
					name, cases[name].system, size)):
			self.rec["cost"].append(e)
			self.log("  %4d B %-24s %8.1f guest instructions/packet "
				 "(-icount shift=0)" % (size, name,
							e["per_packet"]))

	def cost(self, name, system, size):
		"""The "cost" entry of case NAME at SIZE under -icount."""
		self.seq += 1
		log = os.path.join(self.logdir, "%03d-icount-%s-%d.log"
				   % (self.seq, name, size))
		if system == "uknf":
			done = self.uknf_guest(name, size, log,
					       count=ipp.GUEST_COUNT)
			pkts = done_packets(done)
			e = ipp.guest_cost(name, system, size,
					   pkts / done["seconds"], pkts,
					   "done line: packets / guest seconds, "
					   "count=%d" % ipp.GUEST_COUNT)
		else:
			done = self.dpdk_guest(name, size, log, ["--icount", "0"])
			key = self.COST_KEY[name]
			e = ipp.guest_cost(
				name, system, size, done.get(key),
				done.get(key.replace("guest_", "").replace(
					"_pps_median", "_packets")),
				"testpmd's own %s (guest clock), median of the "
				"window" % key)
		e["done"] = done
		e["log"] = os.path.relpath(log, uknf.ROOT)
		return e

	def profiles(self, cases):
		"""One window of each case at the smallest size with perf on
		the guest's CPU."""
		if self.o.no_ipp:
			return
		size = min(self.o.sizes)
		for name, c in sorted(cases.items()):
			self.seq += 1
			base = os.path.join(self.logdir, "%03d-profile-%s-%d"
					    % (self.seq, name, size))
			out = base + ".perf.data"
			try:
				if c.system == "uknf":
					self.uknf_guest(name, size, base + ".log",
							profile=out)
				else:
					self.dpdk_guest(name, size, base + ".log",
							["--profile", out])
			except (testpmd.DpdkError, uknf.UknfError,
				OSError) as ex:
				self.error("profile %s: %s" % (name, ex))
				continue
			sm = ipp.profile_summary(out)
			if not sm:
				self.error("profile %s: perf report failed" % name)
				continue
			sm.update(case=name, system=c.system, size=size,
				  cpu=self.cores[1], seconds=self.o.duration,
				  tool="perf record -e cpu-clock -a -C %d"
				  % self.cores[1],
				  data=os.path.relpath(out, uknf.ROOT))
			self.rec["profile"].append(sm)
			self.log("  profile %-24s %s" % (name, ", ".join(
				"%s %s %.1f%%" % (o["comm"], o["dso"],
						  o["share"])
				for o in sm["objects"][:4])))


class VmVhost(GuestCosts, NativeVhost):
	"""Guests in QEMU (same accelerator on both sides) against a host
	testpmd net_vhost backend: uknf kvm images with -netdev vhost-user
	and guest memory in a shared memfd, beside DPDK testpmd in a Linux
	guest (bench/guest/run) in the same position."""
	name = "vm-vhost"
	backend = ("testpmd net_vhost; QEMU -netdev vhost-user, guest "
		   "memory memory-backend-memfd,share=on")
	ring = {"virtqueue": "QEMU virtio-net-pci default (256)",
		"dpdk": "testpmd mbuf pool %d x 2176 B (backend)"
		% testpmd.MBUFS}
	# case -> (guest testpmd mode, backend mode, rate key of the
	#          guest's summary line, backend counter for the check)
	DPDK = {
		"guest-testpmd-txonly": ("txonly", "rxonly", "tx_pps", RX),
		"guest-testpmd-rxonly": ("rxonly", "txonly", "rx_pps", TX),
		"guest-testpmd-macswap": ("macswap", "flowgen", "rx_pps", RX),
	}
	UKNF = vhost_apps("vm")
	PAIRS = [("pktgen-vm", "guest-testpmd-txonly"),
		 ("rxsink-vm", "guest-testpmd-rxonly"),
		 ("reflector-vm", "guest-testpmd-macswap")]
	targets = {"pktgen-vm": 1.5, "rxsink-vm": 1.2, "reflector-vm": 1.2}
	CONFIG = uknf.VM_CONFIG
	PLAT, TAG, WHERE = "kvm", "vm", "(kvm image in QEMU, vhost-user)"

	def pinning(self):
		b = self.cores[0]
		return dict(GuestCosts.pinning(self), backend="testpmd "
			    "--lcores 0@%d,1@%d" % (b, b))

	def uknf_cmd(self, image, app, size, count=None):
		"""QEMU running APP (the arguments of native-vhost); with
		COUNT, under -icount for COUNT frames."""
		return kvm_guest_cmd(self.o, self.cores[1], self.MEM,
				     ("-V", self.sock()), image,
				     self.uknf_args(app, size), count)

	COST_KEY = {"guest-testpmd-txonly": "guest_tx_pps_median",
		    "guest-testpmd-rxonly": "guest_rx_pps_median",
		    "guest-testpmd-macswap": "guest_rx_pps_median"}

	def uknf_guest(self, name, size, log, count=None, profile=None):
		app, bm = self.UKNF[name][:2]
		with self.vhost_backend(bm, size,
					log[:-4] + "-backend.log") as srv:
			return run_guest(
				self.uknf_cmd(self.images[name], app, size,
					      count),
				app, self.UKNF[name][5], self.cores[1],
				self.o.warmup, self.o.duration, log, profile,
				beside=[srv])

	def dpdk_guest(self, name, size, log, extra):
		mode, bm, key, chk = self.DPDK[name]
		return self.guest_window(mode, bm, key, chk, size, log,
					 extra)["done"]

	def guest_window(self, mode, bm, key, chk, size, log, extra=()):
		"""DPDK in the Linux guest: its own window (bench/guest/run),
		the backend's CHECK counter over the last window as the
		cross-check. EXTRA: more bench/guest/run arguments."""
		with self.vhost_backend(bm, size,
					log[:-4] + "-backend.log") as srv:
			done = self.guest_run(mode, ["--netdev", "vhost-user",
						     "--sock", self.sock()],
					      size, log, key, extra, [srv])
			t_end = time.monotonic()
		return {"pps": float(done[key]), "seconds": done.get("seconds"),
			"samples": [], "t_start": self.o.warmup,
			"packets": done.get(key.replace("_pps", "_packets")),
			"done": done, "source": "guest testpmd",
			"check_pps": testpmd.span_rate(
				srv.lines(), srv.t0, chk,
				t_end - self.o.duration - 1, t_end)}

	def dpdk_cases(self):
		cases = {}
		for name, (mode, bm, key, chk) in self.DPDK.items():
			def m(size, log, mode=mode, bm=bm, key=key, chk=chk):
				return self.guest_window(mode, bm, key, chk,
							 size, log)
			cases[name] = Case(
				name, "dpdk", "DPDK testpmd %s in a Linux guest "
				"(bench/guest/run), backend testpmd %s on "
				"net_vhost" % (mode, bm), m,
				{"backend": " ".join(self.server_cmd(bm, 64))})
		return cases

	def uknf_missing(self):
		return uknf.missing_apps(["pktgen", "rxsink", "reflector"])


class VmTap(GuestCosts, Topology):
	"""The workshop's set-up: guest -> tap -> Linux bridge, all in a
	network namespace of our own; the rate is the tap's receive counter
	(what the guest sent), read on the host every half second."""
	name = "vm-tap"
	backend = "tap -> Linux bridge in a network namespace (kernel)"
	ring = {"virtqueue": "QEMU virtio-net-pci default (256)"}
	PAIRS = [("pktgen-tap", "guest-testpmd-txonly-tap")]
	targets = {"pktgen-tap": 1.0}
	COST_KEY = {"guest-testpmd-txonly-tap": "guest_tx_pps_median"}

	def pktgen_cmd(self, img, size, count=None):
		"""QEMU running pktgen on the tap; with COUNT, under -icount
		for COUNT frames."""
		args = dict(pktgen_pool_args(size),
			    duration="%g" % (self.o.warmup + self.o.duration
					     + 30),
			    # testpmd txonly's destination (its default
			    # peer address of port 0): unknown unicast,
			    # which the bridge floods to no other port.
			    # pktgen's default, broadcast, would also go up
			    # the namespace's IP stack (ip_rcv, a route
			    # lookup) for every frame.
			    dmac="02:00:00:00:00:00")
		return kvm_guest_cmd(self.o, self.cores[1], self.MEM,
				     ("-N", self.ns, "-T", self.tap), img, args,
				     count)

	def uknf_guest(self, name, size, log, count=None, profile=None):
		return run_guest(self.pktgen_cmd(self.img, size, count),
				 "pktgen", "pktgen: mode=", self.cores[1],
				 self.o.warmup, self.o.duration, log, profile)

	def dpdk_guest(self, name, size, log, extra):
		return self.guest(size, log, extra)["done"]

	def pktgen(self, img, size, log):
		cmd = self.pktgen_cmd(img, size)
		p = runner.Proc(cmd, log=log)
		samples = []
		w = None
		try:
			if not p.wait_for("pktgen: mode=", 120):
				raise uknf.UknfError("pktgen did not start:\n" +
						     p.tail())
			limit = time.monotonic() + self.o.warmup + \
				self.o.duration + 60
			while p.running() and time.monotonic() < limit:
				st = uknf.link_counters(self.ns, self.tap)
				if st:
					st["t"] = time.monotonic()
					samples.append(st)
				w = parse.window_rate(samples, "rx_packets",
						      self.o.warmup,
						      self.o.duration)
				if w and w["seconds"] >= self.o.duration - 1e-3:
					break
				time.sleep(0.5)
		finally:
			p.stop()
		if not w or w["seconds"] < self.o.duration - 1e-3:
			raise uknf.UknfError("no full window of tap counters")
		w["drops"] = {"tap_rx_dropped": samples[-1]["rx_dropped"]}
		w["source"] = "tap rx counter"
		return w

	def guest(self, size, log, extra=()):
		key = "tap_rx_pps_median"
		done = self.guest_run("txonly", ["--netdev", "tap", "--netns",
						 self.ns, "--tap", self.tap],
				      size, log, key, extra)
		return {"pps": float(done[key]), "seconds":
			done.get("seconds"), "samples": [], "t_start":
			self.o.warmup, "packets": None, "done": done,
			"check_pps": done.get("tx_pps"),
			"source": "tap rx counter (bench/guest/run, median)"}

	def uknf_missing(self):
		return uknf.missing_apps(["pktgen"])

	def uknf_cases(self):
		try:
			img = self.img = uknf.build("pktgen", plat="kvm",
						    config=uknf.VM_CONFIG,
						    tag="vm")
		except uknf.UknfError as ex:
			self.error(str(ex))
			return {}
		return {"pktgen-tap": Case(
			"pktgen-tap", "uknf", "uknf pktgen (kvm, QEMU tap) -> "
			"bridge", lambda size, log: self.pktgen(img, size, log),
			{"image": img})}

	def dpdk_cases(self):
		return {"guest-testpmd-txonly-tap": Case(
			"guest-testpmd-txonly-tap", "dpdk", "DPDK testpmd txonly "
			"in a Linux guest (QEMU tap) -> bridge", self.guest)}

	def context(self, cases):
		"""The namespace, its bridge and the guests' tap."""
		self.ns = "uknfb-tap-%d" % os.getpid()
		self.tap = "ubtap1"
		return uknf.netlab(self.ns, "ubbr1", self.tap)


TOPOLOGIES = {t.name: t for t in (NativeNull, NativeVhost, VmVhost,
				  VmTap)}
