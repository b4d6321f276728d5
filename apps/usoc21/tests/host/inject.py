#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Send N Ethernet/IPv4/UDP frames out of an interface (AF_PACKET).

Usage: inject.py IFACE DST_MAC COUNT [LEN]

Run it inside the test's network namespace. The frames go from
02:00:00:5e:21:ff, 198.18.0.253:5002 to DST_MAC, 198.18.0.1:5001, with
valid IPv4 and UDP checksums (RFC 791, RFC 768, RFC 1071); LEN is the
frame length without FCS (60..1514, default 60). A short pause every 16
frames keeps the tap's queue (and a TCG guest) from dropping any.
"""
import socket
import struct
import sys
import time

SRC_MAC = bytes.fromhex("0200005e21ff")
SRC_IP = bytes([198, 18, 0, 253])
DST_IP = bytes([198, 18, 0, 1])


def csum(data):
    """Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(dst_mac, length, seq):
    payload_len = length - 14 - 20 - 8
    payload = struct.pack("!I", seq) + bytes(payload_len - 4)
    udp_len = 8 + payload_len
    udp = struct.pack("!HHHH", 5002, 5001, udp_len, 0) + payload
    pseudo = SRC_IP + DST_IP + struct.pack("!BBH", 0, 17, udp_len)
    c = csum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, seq & 0xFFFF,
                     0, 64, 17, 0, SRC_IP, DST_IP)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return dst_mac + SRC_MAC + b"\x08\x00" + ip + udp


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    iface = sys.argv[1]
    dst = bytes.fromhex(sys.argv[2].replace(":", ""))
    count = int(sys.argv[3])
    length = int(sys.argv[4]) if len(sys.argv) == 5 else 60
    if len(dst) != 6 or count < 1 or not 60 <= length <= 1514:
        sys.exit(__doc__)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    for i in range(count):
        s.send(frame(dst, length, i))
        if i % 16 == 15:
            time.sleep(0.01)
    s.close()
    print("inject: sent %d frames of %d bytes to %s on %s"
          % (count, length, sys.argv[2], iface))


if __name__ == "__main__":
    main()
