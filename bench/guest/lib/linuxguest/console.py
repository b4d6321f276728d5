# SPDX-License-Identifier: BSD-3-Clause
"""Helpers of bench/guest/run: the guest's kernel command line, the
QEMU command line (scripts/qemu-guest's), what the guest console says,
the final summary. All pure but the QEMU command line.

Console lines are (seconds since QEMU started, text) pairs, as the run
script reads them; the host tests feed recorded ones.

The summary line (one line, key=value, values without blanks):

    guest-testpmd: done mode=txonly netdev=vhost-user accel=tcg size=64
      status=ok seconds=5.01 samples=5 tx_pps_median=... rx_pps_median=...
      tx_pps=... rx_pps=... tx_packets=... rx_packets=... init_s=...
      boot_s=... [tap_rx_pps_median=... tap_tx_pps_median=...]
      [reason=...]

- size: frame size with FCS (testpmd builds size - 4 bytes);
- seconds, samples: the measuring window (host clock) and the number of
  per-interval rates in it; *_pps_median: median of those rates, from
  testpmd's cumulative counters timed when each block reached the host;
  *_pps: packets over the whole window / seconds; *_packets: packets in
  the window;
- tx_dropped: testpmd's end-of-run TX-dropped (frames the tx ring did
  not take: backpressure), for the whole run;
- init_s: QEMU start -> /init runs; testpmd_start_s: QEMU start ->
  /init starts testpmd (modules, hugepages, binding done); boot_s: QEMU
  start -> testpmd forwarding (its "<mode> packet forwarding" line);
- block_interval_s: median host time between testpmd's statistics
  blocks (about 1 when the guest clock follows the host's);
- forced_exit=1: the guest did not power off after "stop" and QEMU was
  terminated (the window was complete; end-of-run counters missing);
- guest_tx_pps_median, guest_rx_pps_median: median of testpmd's own
  Tx-pps / Rx-pps over the blocks of the window, timed by the guest's
  clock; under -icount shift=0 that is packets per 10^9 guest
  instructions (bench/guest/run --icount 0);
- tap_*: the tap's own counters in its namespace (tap rx = what the
  guest sent), same window; only with --netdev tap;
- status: ok, or fail with reason= (no-forwarding, guest-error-<what>,
  timeout, no-samples, qemu-exit-<n>, setup, signal-<n>).
"""

import re

from uknfbench import metrics, parse, sysinfo, testpmd, uknf

# DPDK's x86 build needs SSE4.2 (FACTS.md): scripts/qemu-guest -F
FEATURES = "+ssse3,+sse4.1,+sse4.2,+popcnt"
CPU = "qemu64," + FEATURES
MODES = ("txonly", "rxonly", "macswap", "io")
NETDEVS = ("vhost-user", "tap")
STOP = "stop"			# line /init takes as "stop testpmd now"

_INIT = re.compile(r"guest-init: (\S+)(.*)$")
_FWD = re.compile(r"^(\S+) packet forwarding - ports=")
# one of each in bench/lib; the tests name them here
ip_link_stats = parse.ip_link_stats
default_accel = sysinfo.default_accel


def testpmd_args(mode, size=64, burst=32, mbufs=8192, extra=()):
	"""Arguments after testpmd's "--" for MODE on the guest's one port.

	SIZE is the frame size with FCS (txonly builds SIZE - 4 bytes)."""
	if mode not in MODES:
		raise ValueError("mode %r not one of %s" % (mode,
							   ", ".join(MODES)))
	return testpmd.app_args(mode, size, burst, mbufs, mode == "txonly",
				["--nb-cores=1", "--rxq=1", "--txq=1"] +
				list(extra))


def kernel_cmdline(args, seconds, hugepages=64, quiet=True):
	"""The guest's command line: serial console, no reboot on panic
	(QEMU exits), init's settings (see init.sh). ARGS are testpmd's
	arguments, passed as one quoted value."""
	for a in args:
		if '"' in a or "\n" in a or not a:
			raise ValueError("testpmd argument %r: no quotes, "
					 "newlines or empty ones" % a)
	# no tsc=reliable: under TCG the boot-time TSC calibration can be
	# wrong (a guest second of 0.38 s was seen); the clocksource
	# watchdog must stay on to catch it
	line = ["console=ttyS0", "panic=-1", "mitigations=off"]
	if quiet:
		line.append("quiet")
	line += ["hugepages_n=%d" % hugepages,
		 "testpmd_seconds=%d" % seconds,
		 'testpmd_args="%s"' % " ".join(args)]
	return " ".join(line)


def qemu_argv(vmlinux, initrd, cmdline, accel="tcg", mem_mb=512,
	      netdev="vhost-user", sock=None, tap=None, mac=None,
	      icount=None, netns=None):
	"""QEMU's argument list for one guest with one virtio-net port, from
	scripts/qemu-guest (ValueError when it refuses them): on vhost-user
	socket SOCK, or on tap TAP (in namespace NETNS). ICOUNT (TCG only):
	-icount shift=ICOUNT, guest time = instructions << ICOUNT ns, so
	with 0 a guest-clock rate is packets per 10^9 guest instructions."""
	if netdev not in NETDEVS:
		raise ValueError("netdev %r not one of %s"
				 % (netdev, ", ".join(NETDEVS)))
	if not (sock if netdev == "vhost-user" else tap):
		raise ValueError("%s needs %s" % (netdev, "a socket path" if
						   netdev == "vhost-user" else
						   "an interface name"))
	opts = ["-i", initrd, "-a", cmdline, "-A", accel, "-m", mem_mb,
		"-F", FEATURES, "-n", "uknf-guest"]
	if netdev == "vhost-user":
		opts += ["-V", sock]
	else:
		opts += ["-T", tap] + (["-N", netns] if netns else [])
	if mac:
		opts += ["-M", mac]
	if icount is not None:
		opts += ["-I", icount]
	return uknf.qemu_argv(vmlinux, *opts)


def events(lines):
	"""What the console says besides the statistics blocks.

	Returns {"init": t of /init's start line, "forwarding": t of
	testpmd's "<mode> packet forwarding" line, "mode": that mode,
	"testpmd_start": t of /init's testpmd-start line, "exit": testpmd's
	exit status, "error": /init's error what=,
	"poweroff": t, "fwd_stats": {port: {rx_packets, rx_dropped,
	tx_packets, tx_dropped, ...}} from the end-of-run blocks}; keys
	absent when the line never came."""
	ev = {}
	for t, raw in lines:
		line = parse.strip_ansi(raw).strip()
		# the first may share its line with the firmware's last
		m = _INIT.search(line)
		if m:
			what = m.group(1)
			kv = dict(parse._KV.findall(m.group(2)))
			if what == "start":
				ev.setdefault("init", t)
			elif what == "testpmd-start":
				ev.setdefault("testpmd_start", t)
			elif what == "testpmd-exit":
				ev["exit"] = int(kv.get("status", -1))
			elif what == "error":
				ev["error"] = kv.get("what", "unknown")
			elif what == "poweroff":
				ev["poweroff"] = t
			continue
		m = _FWD.match(line)
		if m and "forwarding" not in ev:
			ev["forwarding"] = t
			ev["mode"] = m.group(1)
	fwd = parse.forward_stats(l for _, l in lines)
	if fwd:
		ev["fwd_stats"] = {port: {k.lower().replace("-", "_"): v
					  for k, v in st.items()
					  if isinstance(v, int)}
				   for port, st in fwd.items()}
	return ev


def window(samples, start, counter, warmup, duration):
	"""Rates of cumulative COUNTER over the window that begins WARMUP
	seconds after time START (samples before START are ignored) and
	lasts DURATION: parse.window_rate's dict plus "median" (of the
	per-interval rates), or None."""
	pts = [s for s in samples if s["t"] >= start and counter in s]
	if not pts:
		return None
	# window_rate measures its warm-up from the first sample
	w = parse.window_rate(pts, counter, warmup - (pts[0]["t"] - start),
			      duration)
	if w is None or not w["samples"]:
		return None
	w["median"] = metrics.median(w["samples"])
	return w


def enough(lines, warmup, duration):
	"""True once the console holds a statistics block at least WARMUP +
	DURATION seconds after forwarding began (time to stop the guest)."""
	ev = events(lines)
	if "forwarding" not in ev:
		return False
	end = ev["forwarding"] + warmup + duration
	return any(b["t"] >= end - 1e-3 for b in parse.testpmd_blocks(lines))


def summarize(lines, warmup, duration, tap_samples=()):
	"""The result dict of a run from its console LINES (and the tap
	counter samples, dicts with "t" and ip_link_stats keys)."""
	ev = events(lines)
	res = {}
	if "init" in ev:
		res["init_s"] = round(ev["init"], 3)
	if "testpmd_start" in ev:
		res["testpmd_start_s"] = round(ev["testpmd_start"], 3)
	if "error" in ev:
		return dict(res, status="fail",
			    reason="guest-error-" + ev["error"])
	if "forwarding" not in ev:
		return dict(res, status="fail", reason="no-forwarding")
	start = ev["forwarding"]
	res["boot_s"] = round(start, 3)
	blocks = [b for b in parse.testpmd_blocks(lines) if b["port"] == 0]
	got = False
	for d in ("tx", "rx"):
		w = window(blocks, start, d + "_packets", warmup, duration)
		if w is None:
			continue
		got = True
		res["seconds"] = round(w["seconds"], 3)
		res["samples"] = len(w["samples"])
		res[d + "_pps_median"] = int(round(w["median"]))
		res[d + "_pps"] = int(round(w["pps"]))
		res[d + "_packets"] = w["packets"]
		own = [b[d + "_pps"] for b in blocks
		       if d + "_pps" in b and start + warmup <= b["t"]
		       <= start + warmup + duration + 1e-3]
		if own:
			res["guest_%s_pps_median" % d] = int(round(
				metrics.median(own)))
	for d in ("tx", "rx"):
		w = window(list(tap_samples), start, d + "_packets", warmup,
			   duration)
		if w is not None:
			res["tap_%s_pps_median" % d] = int(round(w["median"]))
			res["tap_%s_pps" % d] = int(round(w["pps"]))
	gaps = [b["t"] - a["t"] for a, b in zip(blocks, blocks[1:])
		if a["t"] >= start]
	if gaps:
		# testpmd prints once per guest second: far from 1 s means
		# the guest clock (or the console) does not follow the host
		res["block_interval_s"] = round(metrics.median(gaps), 3)
	fs = ev.get("fwd_stats", {}).get(0, {})
	for k in ("tx_dropped", "rx_dropped"):
		if k in fs:
			res[k] = fs[k]
	if not got:
		return dict(res, status="fail", reason="no-samples")
	if "exit" in ev:
		res["testpmd_exit"] = ev["exit"]
	return dict(res, status="ok")


_ORDER = ("mode", "netdev", "accel", "size", "status", "reason",
	  "seconds", "samples", "tx_pps_median", "rx_pps_median", "tx_pps",
	  "rx_pps", "tx_packets", "rx_packets", "tx_dropped", "rx_dropped",
	  "tap_rx_pps_median", "tap_tx_pps_median", "tap_rx_pps",
	  "tap_tx_pps", "guest_tx_pps_median", "guest_rx_pps_median",
	  "init_s", "testpmd_start_s", "boot_s", "testpmd_exit",
	  "block_interval_s", "forced_exit")


def summary_line(res):
	"""'guest-testpmd: done k=v ...' of result dict RES, keys in a
	fixed order (the known ones first)."""
	keys = [k for k in _ORDER if k in res]
	keys += sorted(k for k in res if k not in _ORDER)
	return "guest-testpmd: done " + " ".join(
		"%s=%s" % (k, str(res[k]).replace(" ", "_")) for k in keys)


def parse_summary(line):
	"""The dict of a summary line (values as numbers where they are);
	None when LINE is not one."""
	return parse.done_line(line, "guest-testpmd")
