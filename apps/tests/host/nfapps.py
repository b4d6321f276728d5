# SPDX-License-Identifier: BSD-3-Clause
"""Helpers of the NF app tests (run by ./run inside a network namespace):
running an image (linuxu process or kvm guest through scripts/qemu-guest)
while its console is collected, raw AF_PACKET sockets, frames with the
pktgen header, and the key=value done lines (bench's parser). The
results are scripts/lib/uknftest.py's."""

import os
import re
import select
import socket
import struct
import subprocess
import sys
import threading
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 0x10
TP_STATUS_VLAN_TPID_VALID = 0x40
PKTGEN_MAGIC = 0x6E66

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
QEMU_GUEST = os.path.join(ROOT, "scripts", "qemu-guest")

sys.dont_write_bytecode = True		# no __pycache__ in the source tree
sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))
sys.path.insert(0, os.path.join(ROOT, "bench", "lib"))
from uknftest import check  # noqa: E402
from uknfbench import parse  # noqa: E402


# --- images ------------------------------------------------------------------

class App:
    """A running image whose console lines are collected by a thread."""

    def __init__(self, cmd):
        self.cmd = cmd
        self.lines = []
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for raw in self.proc.stdout:
            with self.cond:
                self.lines.append(raw.decode(errors="replace").rstrip("\r\n"))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    @property
    def output(self):
        with self.cond:
            return "\n".join(self.lines)

    def wait_for(self, regex, timeout):
        """@return the first match of regex in a console line, or None
        after timeout seconds or when the image ended without it."""
        r = re.compile(regex)
        deadline = time.time() + timeout
        with self.cond:
            seen = 0
            while True:
                for l in self.lines[seen:]:
                    m = r.search(l)
                    if m:
                        return m
                seen = len(self.lines)
                left = deadline - time.time()
                if left <= 0 or (self.proc.poll() is not None and
                                 not self.thread.is_alive()):
                    return None
                self.cond.wait(min(left, 0.2))

    def finish(self, timeout):
        """Wait for the image to stop (kill it after timeout seconds).
        @return its exit status (-1: killed)"""
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            rc = -1
        self.thread.join(5)
        return rc


def wait_forwarding(ifnames, timeout=3.0):
    """Wait until each bridge port in ifnames has carrier and forwards
    (the bridge sees a tap's carrier through the asynchronous linkwatch:
    a frame sent before that is dropped). @return True if they do."""
    deadline = time.time() + timeout
    while True:
        ok = True
        for i in ifnames:
            try:
                with open("/sys/class/net/%s/carrier" % i) as f:
                    ok &= f.read().strip() == "1"
                with open("/sys/class/net/%s/brport/state" % i) as f:
                    ok &= f.read().strip() == "3"
            except OSError:
                ok = False
        if ok or time.time() > deadline:
            return ok
        time.sleep(0.01)


def flush_fdb(bridges):
    """Forget the MACs the bridges learned (a linuxu tap keeps its
    entries after the image ends, and the next case may use its MACs on
    another port)."""
    for b in bridges:
        subprocess.run(["ip", "link", "set", b, "type", "bridge",
                        "fdb_flush"], check=False)


def linuxu(image, params, args):
    """Start a linuxu image: kernel parameters, then '--' and app args."""
    return App([image] + params + ["--"] + args)


def kvm(image, netns, bridges, macs, args, seconds=60):
    """Boot a kvm image under scripts/qemu-guest with one virtio-net NIC
    per bridge (MACs in order), bounded by seconds."""
    cmd = [QEMU_GUEST, "-k", image, "-N", netns, "-t", str(seconds),
           "-a", "-- " + " ".join(args)]
    for b, m in zip(bridges, macs):
        cmd += ["-b", b, "-M", m]
    return App(cmd)


def done_line(out, app):
    """@return the key=value pairs of '<app>: done ...' as ints/floats
    (bench's parser, parse.app_lines), or None when there is no such
    line."""
    return parse.app_lines(out, app)[1]


def expect_counts(name, kv, want, out):
    """Check that every key of want has that value in kv."""
    if kv is None:
        return check(name, False, out + "\n(no done line)")
    bad = ["%s=%s (want %s)" % (k, kv.get(k), v)
           for k, v in want.items() if kv.get(k) != v]
    return check(name, not bad, "\n".join([out] + bad))


# --- raw sockets -------------------------------------------------------------

def _vlan_reinsert(data, ancdata):
    """A VLAN tag the interface took off (rx VLAN offload) comes as
    PACKET_AUXDATA, not in the frame: put it back after the MACs."""
    for level, kind, cdata in ancdata:
        if level != SOL_PACKET or kind != PACKET_AUXDATA or len(cdata) < 20:
            continue
        status, _, _, _, _, tci, tpid = struct.unpack("=IIIHHHH",
                                                      cdata[:20])
        if status & TP_STATUS_VLAN_VALID:
            if not status & TP_STATUS_VLAN_TPID_VALID:
                tpid = 0x8100
            return data[:12] + struct.pack("!HH", tpid, tci) + data[12:]
    return data


class Port:
    """An AF_PACKET socket on one interface of the namespace."""

    def __init__(self, ifname):
        self.ifname = ifname
        self.s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                               socket.htons(ETH_P_ALL))
        self.s.bind((ifname, 0))
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)

    def send(self, frames, gap=0.0):
        for f in frames:
            self.s.send(bytes(f))
            if gap:
                time.sleep(gap)

    def recv(self, want, timeout, keep=lambda f: True):
        """Collect incoming frames (not our own) that keep() accepts until
        want of them came or timeout seconds passed."""
        got = []
        deadline = time.time() + timeout
        while len(got) < want:
            left = deadline - time.time()
            if left <= 0:
                break
            r, _, _ = select.select([self.s], [], [], left)
            if not r:
                break
            data, anc, _, addr = self.s.recvmsg(65535,
                                                socket.CMSG_SPACE(32))
            data = _vlan_reinsert(data, anc)
            if addr[2] != PACKET_OUTGOING and keep(data):
                got.append(data)
        return got

    def drain(self):
        while select.select([self.s], [], [], 0)[0]:
            self.s.recv(65535)

    def close(self):
        self.s.close()


# --- frames ------------------------------------------------------------------

def mac_bytes(s):
    return bytes(int(x, 16) for x in s.split(":"))


def pktgen_hdr(seq, ts=0):
    """The 18-byte payload header of nf/gen.h: magic, seq, ts (network
    order)."""
    return struct.pack("!HQQ", PKTGEN_MAGIC, seq, ts)
