# SPDX-License-Identifier: BSD-3-Clause
"""Cases of the linuxu tap driver test; run by ./run inside a network
namespace that has tap0 (up) and tap1. Argument: the tapapp image.
Prints one line per case and "N passed, N failed, N skipped"."""

import os
import select
import socket
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True		# no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "scripts", "lib"))
from uknftest import check, summary  # noqa: E402

IMG = sys.argv[1]
ETH_TEST = 0x88B5
APP_MAC = "02:00:00:00:aa:01"
PEER_MAC = bytes.fromhex("0200000000bb01")[:6]
PACKET_OUTGOING = 4
RTMGRP_LINK = 1
RTM_NEWLINK = 16
IFLA_OPERSTATE = 16
IF_OPER_UP = 6


def link_events():
    """A netlink socket that receives the namespace's link changes."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                      socket.NETLINK_ROUTE)
    s.bind((0, RTMGRP_LINK))
    return s


def wait_link_up(events, ifname, timeout):
    """Wait for the kernel to announce ifname up (RTM_NEWLINK, operstate
    UP). A tap's carrier comes on when a program attaches, but its
    transmit queue only starts afterwards, when the kernel's link watch
    has seen the carrier (asynchronously); until then what is sent on
    the tap is dropped. The link watch announces the change once the
    queue runs. @return True if it did within timeout seconds"""
    index = socket.if_nametoindex(ifname)
    deadline = time.time() + timeout
    while True:
        left = deadline - time.time()
        if left <= 0 or not select.select([events], [], [], left)[0]:
            return False
        data = events.recv(65536)
        off = 0
        while off + 32 <= len(data):
            mlen, mtype = struct.unpack_from("=IH", data, off)
            if mlen < 16:
                break
            idx = struct.unpack_from("=i", data, off + 20)[0]
            a = off + 32
            while mtype == RTM_NEWLINK and idx == index and \
                    a + 4 <= off + mlen:
                alen, atype = struct.unpack_from("=HH", data, a)
                if alen < 4:
                    break
                if atype == IFLA_OPERSTATE and data[a + 4] == IF_OPER_UP:
                    return True
                a += (alen + 3) & ~3
            off += (mlen + 3) & ~3


def run_app(params, args, timeout=30, user=None):
    cmd = [IMG] + params + ["--"] + args
    if user:
        cmd = ["setpriv", "--reuid=" + user, "--regid=" + user,
               "--clear-groups"] + cmd
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           timeout=timeout)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        return -1, (e.stdout or b"").decode(errors="replace") + "\n(timeout)"


def mac_bytes(s):
    return bytes(int(x, 16) for x in s.split(":"))


def test_frame(seq):
    f = mac_bytes(APP_MAC) + PEER_MAC + ETH_TEST.to_bytes(2, "big")
    f += b"UKNF" + seq.to_bytes(2, "big")
    return f.ljust(60, b"\0")


def case_rx_tx(n_rx=20, n_tx=10, ref=False):
    """The app receives n_rx frames sent on tap0 and sends n_tx frames
    that a raw socket on tap0 sees; with ref, one netbuf n_tx times."""
    tag = "rx/tx%s: " % (" refcounted" if ref else "")
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_TEST))
    s.bind(("tap0", 0))
    events = link_events()
    p = subprocess.Popen([IMG, "tap.ifname=tap0", "tap.mac=" + APP_MAC,
                          "--", str(n_rx), str(n_tx), "10"] +
                         (["ref"] if ref else []),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = b""
    deadline = time.time() + 10
    while b"ready" not in out and time.time() < deadline:
        r, _, _ = select.select([p.stdout], [], [], 0.5)
        if r:
            chunk = os.read(p.stdout.fileno(), 4096)
            if not chunk:
                break
            out += chunk
    up = b"ready" in out and wait_link_up(events, "tap0", 10)
    events.close()
    if not up:
        p.kill()
        p.wait()
        s.close()
        check(tag + "app comes up on tap0, the kernel sees tap0 up", False,
              out.decode())
        return
    check(tag + "app comes up on tap0 with tap.mac, the kernel sees tap0 "
          "up", ("ready " + APP_MAC).encode() in out, out.decode())

    for i in range(n_rx):
        s.send(test_frame(i))

    seen = []
    deadline = time.time() + 15
    while len(seen) < n_tx and time.time() < deadline:
        r, _, _ = select.select([s], [], [], 0.5)
        if not r:
            continue
        data, addr = s.recvfrom(2048)
        if addr[2] == PACKET_OUTGOING:
            continue
        if data[6:12] == mac_bytes(APP_MAC) and data[14:18] == b"UKNF":
            seen.append(int.from_bytes(data[18:20], "big"))
    s.close()
    try:
        rest, _ = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        rest, _ = p.communicate()
    out = (out + rest).decode(errors="replace")
    check(tag + "app exits 0", p.returncode == 0,
          "exit %s\n%s" % (p.returncode, out))
    check(tag + "app received the %d frames sent on the tap" % n_rx,
          "rx=%d " % n_rx in out, out)
    want = [0] * n_tx if ref else list(range(n_tx))
    check(tag + "tap saw the app's %d frames, in order" % n_tx,
          seen == want, "seen %s" % seen)
    if ref:
        check(tag + "only the app's reference is left", "refcount=1" in out,
              out)
    check(tag + "queue counters",
          "txq packets=%d bytes=%d drops=0 errors=0" % (n_tx, 60 * n_tx)
          in out and "rxq packets=" in out and "errors=0" in out, out)


def case_two_taps():
    rc, out = run_app(["tap.ifname=tap0,tap1", "tap.mac=" + APP_MAC],
                      ["0", "0"])
    check("two taps: two devices, MACs mac and mac+1",
          rc == 0 and "devices 2" in out and
          "dev0 tap mac 02:00:00:00:aa:01" in out and
          "dev1 tap mac 02:00:00:00:aa:02" in out, "exit %d\n%s" % (rc, out))


def case_random_mac():
    rc, out = run_app(["tap.ifname=tap0"], ["0", "0"])
    macs = [l.split()[-1] for l in out.splitlines() if l.startswith("dev0")]
    ok = rc == 0 and len(macs) == 1
    if ok:
        first = int(macs[0].split(":")[0], 16)
        ok = first & 0x02 and not first & 0x01    # local, unicast
    check("no tap.mac: locally administered unicast MAC", ok,
          "exit %d\n%s" % (rc, out))


def case_no_param():
    rc, out = run_app([], ["0", "0"])
    check("no tap.ifname: no device, not an error",
          rc == 3 and "devices 0" in out, "exit %d\n%s" % (rc, out))


def case_error(name, params, words, user=None):
    rc, out = run_app(params, ["0", "0"], user=user)
    check(name, rc not in (0, 3, -1) and "devices" not in out and
          all(w in out for w in words), "exit %d\n%s" % (rc, out))


case_rx_tx()
case_rx_tx(5, 40, ref=True)
case_two_taps()
case_random_mac()
case_no_param()
case_error("no such interface: clear error, boot fails",
           ["tap.ifname=nosuch0"], ["no interface nosuch0"])
case_error("not a tap (lo): clear error, boot fails",
           ["tap.ifname=lo"], ["lo: TUNSETIFF failed"])
case_error("bad tap.mac: clear error, boot fails",
           ["tap.ifname=tap0", "tap.mac=02:00:zz:00:00:01"], ["tap.mac="])
case_error("name too long: clear error, boot fails",
           ["tap.ifname=abcdefghijklmnop"], ["bad tap.ifname"])
case_error("no permission (nobody): clear error, boot fails",
           ["tap.ifname=tap2"], ["permission denied"], user="65534")

sys.exit(summary())
