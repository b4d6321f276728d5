#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""A minimal vhost-user back-end for set-up tests of uknf's virtio-user.

    fake_backend.py SOCKET REFUSE

Listens on SOCKET, takes one connection and answers as the vhost-user
specification says: GET_FEATURES (VERSION_1, EVENT_IDX,
PROTOCOL_FEATURES), GET_PROTOCOL_FEATURES (REPLY_ACK), an acknowledgement
for every message that asks for one - status 1 (refused) for the request
named REFUSE (e.g. SET_MEM_TABLE), 0 for the others. Prints one line per
message ("msg NAME flags=0x.. size=N fds=N") and, for SET_MEM_TABLE, the
region ("region gpa=0x.. size=0x.. uaddr=0x.. offset=0x.."). Stops when
the peer closes or after 30 s.
"""

import array
import socket
import struct
import sys

NAMES = {1: "GET_FEATURES", 2: "SET_FEATURES", 3: "SET_OWNER",
	 5: "SET_MEM_TABLE", 8: "SET_VRING_NUM", 9: "SET_VRING_ADDR",
	 10: "SET_VRING_BASE", 11: "GET_VRING_BASE", 12: "SET_VRING_KICK",
	 13: "SET_VRING_CALL", 15: "GET_PROTOCOL_FEATURES",
	 16: "SET_PROTOCOL_FEATURES", 18: "SET_VRING_ENABLE"}
VERSION, REPLY, NEED_REPLY = 0x1, 0x4, 0x8
FEATURES = (1 << 32) | (1 << 29) | (1 << 30)
PROTOCOL_FEATURES = 1 << 3


def read_exact(conn, n, fds):
	buf = b""
	while len(buf) < n:
		data, anc, _, _ = conn.recvmsg(n - len(buf),
					       socket.CMSG_SPACE(8 * 4))
		if not data:
			return None
		for level, kind, payload in anc:
			if (level, kind) == (socket.SOL_SOCKET,
					     socket.SCM_RIGHTS):
				a = array.array("i")
				a.frombytes(payload[:len(payload) -
						    len(payload) % 4])
				fds.extend(a)
		buf += data
	return buf


def reply(conn, req, payload):
	conn.sendall(struct.pack("<III", req, VERSION | REPLY, len(payload))
		     + payload)


def main():
	path, refuse = sys.argv[1], sys.argv[2]
	srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
	srv.bind(path)
	srv.listen(1)
	srv.settimeout(30)
	print("listening", flush=True)
	conn, _ = srv.accept()
	conn.settimeout(30)
	while True:
		fds = []
		hdr = read_exact(conn, 12, fds)
		if hdr is None:
			break
		req, flags, size = struct.unpack("<III", hdr)
		payload = read_exact(conn, size, fds) if size else b""
		name = NAMES.get(req, str(req))
		print("msg %s flags=0x%x size=%d fds=%d" %
		      (name, flags, size, len(fds)), flush=True)
		if name == "SET_MEM_TABLE":
			n = struct.unpack_from("<I", payload)[0]
			for i in range(n):
				print("region gpa=0x%x size=0x%x uaddr=0x%x "
				      "offset=0x%x" % struct.unpack_from(
					      "<QQQQ", payload, 8 + 32 * i),
				      flush=True)
		if name == "GET_FEATURES":
			reply(conn, req, struct.pack("<Q", FEATURES))
		elif name == "GET_PROTOCOL_FEATURES":
			reply(conn, req, struct.pack("<Q", PROTOCOL_FEATURES))
		elif flags & NEED_REPLY:
			reply(conn, req, struct.pack("<Q", name == refuse))
		for fd in fds:
			socket.close(fd)
	print("closed", flush=True)


if __name__ == "__main__":
	main()
