# SPDX-License-Identifier: BSD-3-Clause
"""Cases of the rxsink, reflector and l2fwd tests (and pktgen -> rxsink),
run by ./run inside the test namespace.

Topology (made by ./run): bridge br0 with veth v0 (this script's side)
and the app's port 0; bridge br1 with veth v1 and the app's port 1. On
linuxu the app's ports are taps uta0 (br0) and uta1 (br1); pktgen's tap
uta2 is redirected into br0 through veth uta2v (see ./run); on kvm
scripts/qemu-guest adds its own taps to the bridges.

Usage: fwd_test.py NETNS IMAGEDIR PLAT[,PLAT]
IMAGEDIR holds <app>-<plat>/<app>_<plat>-x86_64."""

import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True		# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nfapps  # noqa: E402
from nfapps import (check, expect_counts, done_line,  # noqa: E402
                    mac_bytes, pktgen_hdr)
import uknftest  # noqa: E402  (nfapps put scripts/lib on the path)

from scapy.all import (ARP, IP, IPv6, TCP, UDP, Dot1Q,  # noqa: E402
                       Ether, Raw)

NETNS, IMGDIR, PLATS = sys.argv[1], sys.argv[2], sys.argv[3].split(",")

PORT_MAC = ["02:00:00:00:00:10", "02:00:00:00:00:11"]
PKTGEN_MAC = "02:00:00:00:00:20"
SRC_A = "02:00:00:00:0a:01"	# test senders
SRC_B = "02:00:00:00:0b:01"
DMAC1 = "02:00:00:00:d1:01"	# l2fwd dmac1=
FAR = "02:00:00:00:e0:01"	# a station "behind" port 0
BOOT = 60			# seconds a kvm guest may live


def image(app, plat):
    return os.path.join(IMGDIR, "%s-%s" % (app, plat),
                        "%s_%s-x86_64" % (app, plat))


def start(app, plat, nports, args):
    """Start app with nports ports on br0 (br1), MACs PORT_MAC."""
    nfapps.flush_fdb(["br0", "br1"])
    if plat == "linuxu":
        taps = ",".join("uta%d" % i for i in range(nports))
        return nfapps.linuxu(image(app, plat),
                             ["null.count=0", "tap.ifname=" + taps,
                              "tap.mac=" + PORT_MAC[0]], args)
    return nfapps.kvm(image(app, plat), NETNS,
                      ["br%d" % i for i in range(nports)],
                      PORT_MAC[:nports], args, BOOT)


def ready(a, app, plat, nports):
    """Wait for the ready line of app and, on linuxu, for its taps to
    forward in their bridges. @return True if it is ready"""
    if not a.wait_for(r"^%s: ready" % app, 30 if plat == "kvm" else 10):
        return False
    return plat == "kvm" or nfapps.wait_forwarding(
        ["uta%d" % i for i in range(nports)])


def run_app(tag, app, plat, nports, args, traffic):
    """Start app, wait for its ready line, call traffic(), wait for the
    end. @return (exit status, console, done pairs) or None if it never
    became ready."""
    a = start(app, plat, nports, args)
    if not ready(a, app, plat, nports):
        a.finish(1)
        check(tag + ": comes up", False, a.output)
        return None
    traffic()
    rc = a.finish(40)
    return rc, a.output, done_line(a.output, app)


# --- frames ------------------------------------------------------------------

def udp(src, dst, seq=None, payload=b"", sport=5001, dport=5002,
        ip=("198.18.0.1", "198.18.0.2"), **kw):
    """An Ethernet/IPv4/UDP frame; seq: with the pktgen header."""
    if seq is not None:
        payload = pktgen_hdr(seq, 0)
    return bytes(Ether(src=src, dst=dst) / IP(src=ip[0], dst=ip[1]) /
                 UDP(sport=sport, dport=dport, **kw) / Raw(payload))


def corrupt(frame, off):
    """Flip a byte of frame (a checksum) at off."""
    b = bytearray(frame)
    b[off] ^= 0xFF
    return bytes(b)


def malformed(src, dst):
    """Frames nf_parse() rejects: truncated IP, IHL < 5, UDP length < 8,
    UDP length past the IP payload, no IP header at all, garbage."""
    e = Ether(src=src, dst=dst)
    ipd = dict(src="198.18.0.1", dst="198.18.0.2")
    return [
        bytes(e / IP(len=200, **ipd) / UDP() / Raw(b"x" * 18)),
        bytes(e / IP(ihl=4, **ipd) / UDP() / Raw(b"x" * 18)),
        bytes(e / IP(**ipd) / UDP(len=4) / Raw(b"x" * 18)),
        bytes(e / IP(**ipd) / UDP(len=500) / Raw(b"x" * 18)),
        mac_bytes(dst) + mac_bytes(src) + b"\x08\x00",
        mac_bytes(dst) + mac_bytes(src) + b"\x08\x00" +
        bytes((i * 37) & 0x3F for i in range(46)),
    ]


# --- rxsink ------------------------------------------------------------------

def rxsink_frames(dst):
    """(frames, expected counters) of the sequence/checksum scenario."""
    f = []
    for s in (1, 2, 3):
        f.append(udp(SRC_A, dst, s))
    f.append(udp(SRC_A, dst, 6))		# 4, 5 lost
    f.append(udp(SRC_A, dst, 6))		# duplicate
    f.append(udp(SRC_A, dst, 4))		# late: reordered, 1 lost left
    f.append(corrupt(udp(SRC_A, dst, 8), 24))	# bad IPv4 header sum
    f.append(udp(SRC_A, dst, 7))
    f.append(corrupt(udp(SRC_A, dst, 9), 40))	# bad UDP sum
    f.append(udp(SRC_A, dst, 10))		# 8, 9 lost: 3
    for s in (1, 2, 2, 5):			# duplicate, 3 and 4 lost: 5
        f.append(udp(SRC_B, dst, s))
    f.append(udp(SRC_A, dst, 11, chksum=0))	# no UDP checksum: fine
    f.append(udp(SRC_A, dst, payload=b"no pktgen header here"))
    f.append(udp(SRC_A, dst, 0))		# pktgen ref mode
    f.append(bytes(Ether(src=SRC_A, dst=dst) /
                   IP(src="198.18.0.1", dst="198.18.0.2") /
                   TCP(sport=1000, dport=2000, flags="S")))
    f.append(bytes(Ether(src=SRC_A, dst="ff:ff:ff:ff:ff:ff") /
                   ARP(psrc="198.18.0.1", pdst="198.18.0.99")))
    f.append(bytes(Ether(src=SRC_A, dst=dst) /
                   IPv6(src="2001:db8::1", dst="2001:db8::2") /
                   UDP() / Raw(pktgen_hdr(12))))
    m = malformed(SRC_A, dst)
    f += m
    want = dict(pkts=len(f), bytes=sum(len(x) for x in f), lost=5, dup=2,
                reorder=1, badcsum=2, nonip=2, malformed=len(m), noseq=3,
                senders=2)
    return f, want


def case_rxsink_seq(plat):
    tag = "rxsink (%s)" % plat
    frames, want = rxsink_frames(PORT_MAC[0])
    v0 = nfapps.Port("v0")
    r = run_app(tag, "rxsink", plat, 1,
                ["count=%d" % len(frames), "duration=30s", "interval=0"],
                lambda: v0.send(frames, 0.002))
    v0.close()
    if r:
        rc, out, kv = r
        check(tag + ": exit status 0", rc == 0, out)
        expect_counts(tag + ": pkts, bytes, lost, dup, reorder, badcsum, "
                      "nonip, malformed, noseq, senders exact", kv, want,
                      out)


def case_rxsink_null():
    tag = "rxsink null device (linuxu)"
    a = nfapps.linuxu(image("rxsink", "linuxu"), ["null.count=1"],
                      ["count=100000"])
    rc = a.finish(30)
    expect_counts(tag + ": counts synthetic frames", done_line(a.output,
                  "rxsink"), dict(pkts=100000, bytes=6000000, noseq=100000,
                                  badcsum=0, malformed=0, nonip=0, lost=0),
                  a.output)
    check(tag + ": exit status 0", rc == 0, a.output)
    a = nfapps.linuxu(image("rxsink", "linuxu"), ["null.count=1"],
                      ["count=100000", "check=0"])
    rc = a.finish(30)
    expect_counts(tag + ": check=0 only counts",
                  done_line(a.output, "rxsink"),
                  dict(pkts=100000, noseq=0, malformed=0), a.output)
    # null.copy=0: buffers handed out unwritten (DPDK net_null copy=0);
    # the count and the bytes are still exact.
    a = nfapps.linuxu(image("rxsink", "linuxu"),
                      ["null.count=1", "null.copy=0"],
                      ["count=100000", "check=0"])
    rc = a.finish(30)
    expect_counts(tag + ": null.copy=0, check=0",
                  done_line(a.output, "rxsink"),
                  dict(pkts=100000, bytes=6000000), a.output)


def case_rxsink_bounds():
    """idle= ends a run after the last frame, duration= one without any;
    nothing else stops them (no count=)."""
    tag = "rxsink bounds (linuxu)"
    frames = [udp(SRC_A, PORT_MAC[0], s) for s in range(1, 6)]
    v0 = nfapps.Port("v0")
    t0 = time.time()
    r = run_app(tag + " idle=1s", "rxsink", "linuxu", 1,
                ["idle=1s", "duration=30s", "interval=0"],
                lambda: v0.send(frames, 0.002))
    took = time.time() - t0
    v0.close()
    if r:
        rc, out, kv = r
        expect_counts(tag + ": idle=1s stops after the last frame "
                      "(%.1f s)" % took, kv, dict(pkts=5, lost=0), out)
        check(tag + ": idle=1s took less than 5 s", took < 5, out)
    t0 = time.time()
    a = start("rxsink", "linuxu", 1, ["duration=1500ms", "interval=300ms"])
    rc = a.finish(10)
    took = time.time() - t0
    expect_counts(tag + ": duration=1500ms without frames ends (%.1f s)"
                  % took, done_line(a.output, "rxsink"), dict(pkts=0),
                  a.output)
    check(tag + ": duration=1500ms took 1.5..5 s, exit status 0",
          1.4 < took < 5 and rc == 0, a.output)


def case_args(app):
    img = image(app, "linuxu")
    for args, want_rc, text in ((["help"], 0, "arguments (key=value"),
                                (["nosuchkey=1"], 2, "unknown key"),
                                (["burst=0"], 2, "bad value '0' for 'burst'"),
                                (["duration=soon"], 2, "for 'duration'"),
                                (["burst"], 2, "expected key=value")):
        a = nfapps.linuxu(img, ["null.count=2"], args)
        rc = a.finish(10)
        check("%s %s: exit status %d and '%s'" % (app, " ".join(args),
              want_rc, text), rc == want_rc and text in a.output,
              "%s\n(exit status %d)" % (a.output, rc))


# --- reflector ---------------------------------------------------------------

def swapped(frame, swap):
    """What the reflector should send back for frame."""
    p = Ether(frame)
    b = bytearray(frame)
    b[0:6], b[6:12] = frame[6:12], frame[0:6]
    if swap not in ("ip", "l4") or IP not in p:
        return bytes(b)
    l3 = len(frame) - len(bytes(p[IP]))	# after any VLAN tags
    s, d = l3 + 12, l3 + 16
    b[s:s + 4], b[d:d + 4] = frame[d:d + 4], frame[s:s + 4]
    if swap == "l4" and (UDP in p or TCP in p):
        l4 = l3 + p[IP].ihl * 4
        b[l4:l4 + 2], b[l4 + 2:l4 + 4] = frame[l4 + 2:l4 + 4], frame[l4:l4 + 2]
    return bytes(b)


def csums_ok(frame):
    """True if the IPv4 and UDP/TCP checksums of frame are right (scapy
    recomputes them)."""
    p = Ether(frame)
    if IP not in p:
        return True
    q = Ether(frame)
    del q[IP].chksum
    for l4 in (UDP, TCP):
        if l4 in q:
            del q[l4].chksum
    q = Ether(bytes(q))
    return (q[IP].chksum == p[IP].chksum and
            all(q[l].chksum == p[l].chksum for l in (UDP, TCP) if l in p))


def case_reflector(plat, swap):
    tag = "reflector swap=%s (%s)" % (swap, plat)
    dst = PORT_MAC[0]
    good1 = [udp(SRC_A, dst, s, sport=1000 + s, dport=7) for s in (1, 2, 3)]
    good2 = [udp(SRC_A, dst, s, sport=1000 + s, dport=7) for s in (4, 5)]
    good2.append(bytes(Ether(src=SRC_A, dst=dst) /
                       IP(src="198.18.0.1", dst="198.18.0.2") /
                       TCP(sport=1000, dport=2000, flags="S")))
    good2.append(bytes(Ether(src=SRC_A, dst=dst) / Dot1Q(vlan=7) /
                       IP(src="198.18.0.3", dst="198.18.0.4", ihl=6,
                          options=b"\x01\x01\x01\x00") /
                       UDP(sport=4000, dport=4001) / Raw(pktgen_hdr(9))))
    good2.append(bytes(Ether(src=SRC_A, dst=dst) /
                       ARP(psrc="198.18.0.1", pdst="198.18.0.99")))
    bad = malformed(SRC_A, dst)
    if swap == "mac":
        # Only the Ethernet header matters: the "malformed" frames are
        # reflected too (all are at least 14 bytes).
        good1 += bad
        bad = []
    # Frames shorter than an Ethernet header cannot be made: Linux
    # refuses to send them (AF_PACKET needs 14 bytes, so does a tap).
    frames = good1 + bad + good2
    good = good1 + good2
    v0 = nfapps.Port("v0")
    got = []

    def traffic():
        v0.send(frames, 0.002)
        got.extend(v0.recv(len(good), 10,
                           lambda f: f[0:6] == mac_bytes(SRC_A)))

    r = run_app(tag, "reflector", plat, 1,
                ["swap=" + swap, "count=%d" % len(frames), "duration=30s",
                 "interval=0"], traffic)
    v0.close()
    if not r:
        return
    rc, out, kv = r
    check(tag + ": exit status 0", rc == 0, out)
    want = [swapped(f, swap) for f in good]
    check(tag + ": every valid frame came back rewritten, in order",
          got == want, "%s\ngot %d frames, want %d" % (out, len(got),
                                                      len(want)))
    clean = [swapped(f, swap) for f in good if csums_ok(f)]
    check(tag + ": checksums of the reflected frames still valid",
          clean and all(csums_ok(f) for f in got if f in clean))
    expect_counts(tag + ": rx, tx, malformed, drops exact", kv,
                  dict(rx=len(frames), tx=len(good), malformed=len(bad),
                       drops=0), out)


# --- l2fwd -------------------------------------------------------------------

def case_l2fwd(plat):
    tag = "l2fwd (%s)" % plat
    fwd0 = [udp(SRC_A, PORT_MAC[0], s, sport=2000 + s) for s in range(1, 6)]
    bad = malformed(SRC_A, PORT_MAC[0])
    from0 = fwd0[:3] + bad + fwd0[3:]
    from1 = [udp(SRC_B, FAR, s, sport=3000 + s) for s in range(1, 5)]
    v0, v1 = nfapps.Port("v0"), nfapps.Port("v1")
    got0, got1 = [], []

    def traffic():
        v0.send(from0, 0.002)
        got1.extend(v1.recv(len(fwd0), 10,
                            lambda f: f[6:12] == mac_bytes(PORT_MAC[1])))
        v1.send(from1, 0.002)
        got0.extend(v0.recv(len(from1), 10,
                            lambda f: f[6:12] == mac_bytes(PORT_MAC[0])))

    r = run_app(tag, "l2fwd", plat, 2,
                ["dmac1=" + DMAC1, "count=%d" % (len(from0) + len(from1)),
                 "duration=30s", "interval=0"], traffic)
    v0.close()
    v1.close()
    if not r:
        return
    rc, out, kv = r
    check(tag + ": exit status 0", rc == 0, out)
    want1 = [mac_bytes(DMAC1) + mac_bytes(PORT_MAC[1]) + f[12:]
             for f in fwd0]
    want0 = [f[0:6] + mac_bytes(PORT_MAC[0]) + f[12:] for f in from1]
    check(tag + ": port 0 -> port 1, src = port 1 MAC, dst = dmac1",
          got1 == want1, "%s\ngot %d frames, want %d" % (out, len(got1),
                                                         len(want1)))
    check(tag + ": port 1 -> port 0, src = port 0 MAC, dst unchanged",
          got0 == want0, "%s\ngot %d frames, want %d" % (out, len(got0),
                                                         len(want0)))
    expect_counts(tag + ": rx0, tx1, rx1, tx0, malformed, drops exact", kv,
                  dict(rx0=len(from0), tx1=len(fwd0), rx1=len(from1),
                       tx0=len(from1), malformed=len(bad), drops=0), out)


def case_l2fwd_nocheck():
    """check=0: only frames shorter than 14 bytes are dropped, the
    malformed IP frames are forwarded as they are."""
    tag = "l2fwd check=0 (linuxu)"
    bad = malformed(SRC_A, PORT_MAC[0])
    v0, v1 = nfapps.Port("v0"), nfapps.Port("v1")
    got = []

    def traffic():
        v0.send(bad, 0.002)
        got.extend(v1.recv(len(bad), 10,
                           lambda f: f[6:12] == mac_bytes(PORT_MAC[1])))

    r = run_app(tag, "l2fwd", "linuxu", 2,
                ["check=0", "count=%d" % len(bad), "duration=30s",
                 "interval=0"], traffic)
    v0.close()
    v1.close()
    if not r:
        return
    rc, out, kv = r
    check(tag + ": forwarded unchanged but for the source MAC",
          got == [f[0:6] + mac_bytes(PORT_MAC[1]) + f[12:] for f in bad],
          "%s\ngot %d frames, want %d" % (out, len(got), len(bad)))
    expect_counts(tag + ": rx0, tx1, malformed exact", kv,
                  dict(rx0=len(bad), tx1=len(bad), malformed=0, drops=0),
                  out)


# --- pktgen -> rxsink --------------------------------------------------------

def link_stats(ifnames):
    """ip -s link of ifnames (diagnostics on the linuxu taps)."""
    out = []
    for i in ifnames:
        r = subprocess.run(["ip", "-s", "link", "show", i],
                           capture_output=True, text=True)
        out.append(r.stdout.strip())
    return "\n".join(out)


def pktgen_rxsink_once(plat, count, rate):
    """One pktgen -> rxsink run. @return (pktgen pairs, rxsink pairs,
    console text, failure text or None)"""
    rx = start("rxsink", plat, 1, ["duration=60s", "idle=5s",
                                   "interval=0"])
    if not ready(rx, "rxsink", plat, 1):
        rx.finish(1)
        return None, None, rx.output, "rxsink did not come up"
    args = ["dmac=" + PORT_MAC[0], "count=%d" % count, "rate=" + rate,
            "size=60-200", "flows=4", "duration=30s"]
    if plat == "linuxu":
        tx = nfapps.linuxu(image("pktgen", plat),
                           ["null.count=0", "tap.ifname=uta2",
                            "tap.mac=" + PKTGEN_MAC], args)
    else:
        tx = nfapps.kvm(image("pktgen", plat), NETNS, ["br0"], [PKTGEN_MAC],
                        args, BOOT)
    txrc = tx.finish(50)
    rxrc = rx.finish(50)
    g = done_line(tx.output, "pktgen")
    k = done_line(rx.output, "rxsink")
    out = tx.output + "\n" + rx.output
    if plat == "linuxu":
        out += "\n" + link_stats(["uta2", "uta2v", "uta0"])
    if txrc != 0 or rxrc != 0 or not g or not k:
        return g, k, out, "exit status %d, %d" % (txrc, rxrc)
    if g.get("pkts") != count:
        return g, k, out, "pktgen sent %s" % g.get("pkts")
    want = dict(pkts=g.get("pkts"), bytes=g.get("bytes"), lost=0, dup=0,
                reorder=0, badcsum=0, malformed=0, nonip=0, noseq=0,
                senders=1)
    bad = ["%s=%s (want %s)" % (key, k.get(key), v)
           for key, v in want.items() if k.get(key) != v]
    return g, k, out, "\n".join(bad) or None


def case_pktgen_rxsink(plat, count=3000, rate="3000"):
    """pktgen -> bridge -> rxsink: every frame arrives, valid, in order."""
    tag = "pktgen -> rxsink (%s)" % plat
    if not os.path.exists(image("pktgen", plat)):
        check(tag + ": pktgen image built", False, "no pktgen image")
        return
    g, k, out, why = pktgen_rxsink_once(plat, count, rate)
    check(tag + ": rxsink got all %d frames pktgen sent (pkts, bytes), "
          "no loss, no bad checksum" % count, why is None,
          "%s\n%s" % (out, why))


def main():
    if "linuxu" in PLATS:
        case_args("rxsink")
        case_args("reflector")
        case_args("l2fwd")
        case_rxsink_null()
        case_rxsink_bounds()
        case_l2fwd_nocheck()
    for plat in PLATS:
        case_rxsink_seq(plat)
        case_reflector(plat, "l4")
        case_reflector(plat, "mac" if plat == "linuxu" else "ip")
        case_l2fwd(plat)
        case_pktgen_rxsink(plat)
    return uknftest.summary()


if __name__ == "__main__":
    sys.exit(main())
