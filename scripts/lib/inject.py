#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Send Ethernet/IPv4/UDP frames out of an interface (AF_PACKET): the
frame source of the host tests. Run it inside the test's namespace.

Usage: inject.py IFACE DST_MAC COUNT [options]

  --len N            frame length without FCS, 60..1514 (default 60)
  --src MAC          source MAC (default 02:00:00:5e:21:ff)
  --from IP:PORT     source address and port (198.18.0.253:5002)
  --to IP:PORT       destination address and port (198.18.0.1:5001)
  --flows            source port + i for frame i: one flow per frame (a
                     multi-queue tap spreads them over its queues)
  --bad              spoil both checksums (IPv4 header and UDP)
  --gap N            pause 10 ms after every N frames (default 16), so
                     the tap's queue (and a TCG guest) drops none; 0: none

The payload starts with the frame number (32 bits, network order); the
IPv4 identification is the frame number too. Checksums follow RFC 791,
RFC 768 and RFC 1071 unless --bad.
"""
import argparse
import socket
import struct
import time


def csum(data):
    """Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def addr(text):
    ip, _, port = text.rpartition(":")
    return socket.inet_aton(ip), int(port)


def mac(text):
    b = bytes.fromhex(text.replace(":", ""))
    if len(b) != 6:
        raise ValueError("bad MAC " + text)
    return b


def frame(dst, src, sip, sport, dip, dport, length, seq, bad):
    payload_len = length - 14 - 20 - 8
    payload = struct.pack("!I", seq) + bytes(payload_len - 4)
    udp_len = 8 + payload_len
    udp = struct.pack("!HHHH", sport, dport, udp_len, 0) + payload
    pseudo = sip + dip + struct.pack("!BBH", 0, 17, udp_len)
    uc = csum(pseudo + udp) or 0xFFFF
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, seq & 0xFFFF,
                     0, 64, 17, 0, sip, dip)
    ic = csum(ip)
    if bad:
        ic ^= 0x5A5A
        uc ^= 0x0F0F
    udp = udp[:6] + struct.pack("!H", uc) + udp[8:]
    ip = ip[:10] + struct.pack("!H", ic) + ip[12:]
    return dst + src + b"\x08\x00" + ip + udp


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("iface")
    p.add_argument("dst", type=mac)
    p.add_argument("count", type=int)
    p.add_argument("--len", type=int, default=60)
    p.add_argument("--src", type=mac, default=mac("02:00:00:5e:21:ff"))
    p.add_argument("--from", dest="sfrom", type=addr,
                   default=addr("198.18.0.253:5002"))
    p.add_argument("--to", type=addr, default=addr("198.18.0.1:5001"))
    p.add_argument("--flows", action="store_true")
    p.add_argument("--bad", action="store_true")
    p.add_argument("--gap", type=int, default=16)
    a = p.parse_args()
    if a.count < 1 or not 60 <= a.len <= 1514:
        p.error("COUNT >= 1 and --len 60..1514")
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    (sip, sport), (dip, dport) = a.sfrom, a.to
    for i in range(a.count):
        s.send(frame(a.dst, a.src, sip, sport + (i if a.flows else 0),
                     dip, dport, a.len, i, a.bad))
        if a.gap and i % a.gap == a.gap - 1:
            time.sleep(0.01)
    s.close()
    print("inject: sent %d frames of %d bytes to %s on %s"
          % (a.count, a.len, a.dst.hex(":"), a.iface))


if __name__ == "__main__":
    main()
