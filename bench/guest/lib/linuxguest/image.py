# SPDX-License-Identifier: BSD-3-Clause
"""Pure helpers to assemble the guest image (no I/O beyond what the
caller hands in, so the host tests can run them on small samples).

- vmlinux_from_bzimage(): the uncompressed ELF kernel inside a bzImage,
  found through the x86 boot protocol header (payload_offset and
  payload_length, protocol 2.08+), decompressed with the Python
  standard library (xz, gzip, bzip2, lzma) or zstd(1) when present.
  QEMU boots that ELF through its PVH note (FACTS.md).
- Cpio: a writer of the "newc" format the kernel unpacks as initramfs.
- module_load_order(): a module and its dependencies (from each
  module's .modinfo), dependencies first.
- ldd_paths(): the library paths in ldd's output.
- missing_files(): what a built archive lacks of what the guest needs.
"""

import bz2
import fnmatch
import lzma
import shutil
import stat
import struct
import subprocess
import zlib

# x86 boot protocol (Documentation/x86/boot.rst)
_SETUP_SECTS = 0x1f1
_HDR_MAGIC = 0x202		# "HdrS"
_HDR_VERSION = 0x206
_PAYLOAD_OFFSET = 0x248
_PAYLOAD_LENGTH = 0x24c
_MIN_VERSION = 0x208		# payload_offset/length appeared in 2.08

_MAGICS = (
	(b"\xfd7zXZ\x00", "xz"),
	(b"\x1f\x8b", "gzip"),
	(b"BZh", "bzip2"),
	(b"\x5d\x00\x00", "lzma"),
	(b"\x28\xb5\x2f\xfd", "zstd"),
)


def bzimage_payload(data):
	"""The compressed kernel inside bzImage DATA (bytes).

	Raises ValueError when DATA is not a bzImage of boot protocol
	2.08 or later or the payload lies outside it."""
	if len(data) < 0x250 or data[_HDR_MAGIC:_HDR_MAGIC + 4] != b"HdrS":
		raise ValueError("not a bzImage (no HdrS boot header)")
	version, = struct.unpack_from("<H", data, _HDR_VERSION)
	if version < _MIN_VERSION:
		raise ValueError("boot protocol %#x < 2.08: no payload fields"
				 % version)
	setup = data[_SETUP_SECTS] or 4		# 0 means 4 (boot.rst)
	off, length = struct.unpack_from("<II", data, _PAYLOAD_OFFSET)
	start = (setup + 1) * 512 + off
	if length == 0 or start + length > len(data):
		raise ValueError("payload %d+%d outside the %d-byte image"
				 % (start, length, len(data)))
	return data[start:start + length]


def compression(payload):
	"""Name of the compressor of PAYLOAD by its magic, or None."""
	for magic, name in _MAGICS:
		if payload.startswith(magic):
			return name
	return None


def _zstd(payload):
	if not shutil.which("zstd"):
		raise ValueError("zstd kernel payload and no zstd(1) here "
				 "(apt-get install zstd)")
	# the kernel appends the uncompressed size after the frame
	return subprocess.run(["zstd", "-dc"], input=payload,
			      capture_output=True, check=True).stdout


def decompress(payload):
	"""PAYLOAD decompressed; trailing bytes after the stream (the
	kernel appends the decompressed size) are ignored."""
	kind = compression(payload)
	if kind == "xz":
		return lzma.LZMADecompressor(lzma.FORMAT_XZ).decompress(
			payload)
	if kind == "lzma":
		return lzma.LZMADecompressor(lzma.FORMAT_ALONE).decompress(
			payload)
	if kind == "gzip":
		d = zlib.decompressobj(16 + zlib.MAX_WBITS)
		return d.decompress(payload)
	if kind == "bzip2":
		return bz2.BZ2Decompressor().decompress(payload)
	if kind == "zstd":
		return _zstd(payload)
	raise ValueError("unknown kernel compression (magic %s)"
			 % payload[:6].hex())


def vmlinux_from_bzimage(data):
	"""The uncompressed ELF kernel of bzImage DATA."""
	elf = decompress(bzimage_payload(data))
	if not elf.startswith(b"\x7fELF\x02"):
		raise ValueError("decompressed kernel is not a 64-bit ELF")
	return elf


def elf_has_pvh_note(elf):
	"""True when ELF (bytes) carries the Xen PVH entry note
	(XEN_ELFNOTE_PHYS32_ENTRY = 18 in a "Xen" note), which QEMU needs
	to boot a 64-bit ELF with -kernel."""
	phoff, = struct.unpack_from("<Q", elf, 0x20)
	phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
	for i in range(phnum):
		p = phoff + i * phentsize
		ptype, = struct.unpack_from("<I", elf, p)
		if ptype != 4:		# PT_NOTE
			continue
		off, = struct.unpack_from("<Q", elf, p + 8)
		size, = struct.unpack_from("<Q", elf, p + 32)
		pos, end = off, off + size
		while pos + 12 <= end:
			nsz, dsz, ntype = struct.unpack_from("<III", elf, pos)
			name = elf[pos + 12:pos + 12 + nsz].rstrip(b"\0")
			if name == b"Xen" and ntype == 18:
				return True
			pos += 12 + (nsz + 3) // 4 * 4 + (dsz + 3) // 4 * 4
	return False


class Cpio:
	"""A newc ("070701") cpio archive built in memory.

	Entries keep the order they were added in; parent directories are
	added on demand. Times are 0 and inode numbers sequential, so the
	same inputs give the same bytes."""

	def __init__(self):
		self.entries = []	# (path, mode, data)
		self.paths = {}

	def _add(self, path, mode, data):
		path = path.strip("/")
		if not path:
			return
		if path in self.paths:
			old = self.entries[self.paths[path]]
			if stat.S_ISDIR(old[1]) and stat.S_ISDIR(mode):
				return
			if old[1:] == (mode, data):
				return
			raise ValueError("%s added twice, differently" % path)
		parent = path.rpartition("/")[0]
		if parent and parent not in self.paths:
			self.dir(parent)
		self.paths[path] = len(self.entries)
		self.entries.append((path, mode, data))

	def dir(self, path, perm=0o755):
		self._add(path, stat.S_IFDIR | perm, b"")

	def file(self, path, data, perm=0o644):
		self._add(path, stat.S_IFREG | perm, bytes(data))

	def symlink(self, path, target):
		self._add(path, stat.S_IFLNK | 0o777, target.encode())

	def names(self):
		"""[(path, kind)], kind one of 'dir', 'file', 'link'."""
		kinds = {stat.S_IFDIR: "dir", stat.S_IFREG: "file",
			 stat.S_IFLNK: "link"}
		return [(p, kinds[stat.S_IFMT(m)]) for p, m, _ in self.entries]

	@staticmethod
	def _record(ino, path, mode, data):
		name = path.encode() + b"\0"
		nlink = 2 if stat.S_ISDIR(mode) else 1
		hdr = b"070701" + b"".join(b"%08X" % v for v in (
			ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0,
			len(name), 0))
		out = hdr + name
		out += b"\0" * (-len(out) % 4)
		out += data
		out += b"\0" * (-len(out) % 4)
		return out

	def pack(self):
		"""The archive's bytes, with its TRAILER!!! record."""
		parts = [self._record(i + 1, p, m, d)
			 for i, (p, m, d) in enumerate(self.entries)]
		parts.append(self._record(0, "TRAILER!!!", 0, b""))
		return b"".join(parts)


def cpio_read(data):
	"""[(path, mode, data)] of a newc archive (for the tests)."""
	out = []
	pos = 0
	while True:
		if data[pos:pos + 6] != b"070701":
			raise ValueError("bad newc magic at %d" % pos)
		f = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16)
		     for i in range(13)]
		mode, size, nsize = f[1], f[6], f[11]
		pos += 110
		name = data[pos:pos + nsize - 1].decode()
		pos += nsize
		pos += -pos % 4
		body = data[pos:pos + size]
		pos += size
		pos += -pos % 4
		if name == "TRAILER!!!":
			return out
		out.append((name, mode, body))


def elf_section(elf, name):
	"""Bytes of section NAME of 64-bit little-endian ELF (bytes), or
	None when it has no such section."""
	if not elf.startswith(b"\x7fELF\x02\x01"):
		raise ValueError("not a 64-bit little-endian ELF")
	shoff, = struct.unpack_from("<Q", elf, 0x28)
	shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3a)

	def header(i):
		h = shoff + i * shentsize
		name_off, = struct.unpack_from("<I", elf, h)
		off, size = struct.unpack_from("<QQ", elf, h + 0x18)
		return name_off, off, size

	_, str_off, _ = header(shstrndx)
	for i in range(shnum):
		name_off, off, size = header(i)
		end = elf.index(b"\0", str_off + name_off)
		if elf[str_off + name_off:end].decode() == name:
			return elf[off:off + size]
	return None


def module_name(path):
	"""Kernel module name of a .ko file path ('-' reads as '_')."""
	base = path.rpartition("/")[2]
	for ext in (".ko", ".ko.xz", ".ko.zst", ".ko.gz"):
		if base.endswith(ext):
			return base[:-len(ext)].replace("-", "_")
	return None


def module_depends(ko):
	"""Names in the depends= field of module KO's .modinfo (what
	modules.dep is made from; Debian packages ship no modules.dep,
	depmod writes it at install time)."""
	info = elf_section(ko, ".modinfo")
	if info is None:
		raise ValueError("no .modinfo section")
	for field in info.split(b"\0"):
		if field.startswith(b"depends="):
			return [n.replace("-", "_") for n in
				field[8:].decode().split(",") if n]
	return []


def module_load_order(paths, depends, names):
	"""Paths of modules NAMES (e.g. "uio_pci_generic") and of what they
	need, in an order insmod accepts: every dependency before its
	user. PATHS are all module files; DEPENDS(path) gives the names
	a module needs (module_depends of its bytes)."""
	by_name = {}
	for path in paths:
		n = module_name(path)
		if n:
			by_name[n] = path
	order = []

	def visit(name, stack):
		if name not in by_name:
			raise ValueError("module %s not found" % name)
		path = by_name[name]
		if path in order:
			return
		if name in stack:
			raise ValueError("module dependency loop at " + name)
		for d in depends(path):
			visit(d, stack + [name])
		order.append(path)

	for n in names:
		visit(n.replace("-", "_"), [])
	return order


def ldd_paths(text):
	"""Absolute paths of the libraries in ldd's output TEXT (the
	vDSO, which has no file, is left out). Raises ValueError on a
	'not found' library."""
	out = []
	for line in text.splitlines():
		line = line.strip()
		if not line or line.startswith("linux-vdso"):
			continue
		if "=> not found" in line:
			raise ValueError("library not found: " +
					 line.split()[0])
		if "=>" in line:
			path = line.split("=>", 1)[1].split("(")[0].strip()
		else:
			path = line.split("(")[0].strip()
		if path.startswith("/") and path not in out:
			out.append(path)
	return out


# What the guest cannot run without, as shell patterns over the archive's
# paths (files.txt); "{kver}" is the kernel release.
_LIB = "usr/lib/x86_64-linux-gnu/"
_PMDS = _LIB + "dpdk/pmds-*/"
_UIO = "usr/lib/modules/{kver}/kernel/drivers/uio/"
REQUIRED = (
	("file", "init"),
	("file", "bin/busybox"),
	("file", "etc/guest/modules"),
	("file", "usr/bin/dpdk-testpmd"),
	("link", "lib64"),
	("link", "lib"),
	("link", "usr/lib64/ld-linux-x86-64.so.2"),
	("file", _LIB + "ld-linux-x86-64.so.2"),
	("file", _LIB + "libc.so.6"),
	("file", _LIB + "libgcc_s.so.1"),
	("file", _LIB + "librte_eal.so.*"),
	("file", _LIB + "librte_ethdev.so.*"),
	("file", _PMDS + "librte_net_virtio.so.*"),
	("link", _PMDS + "librte_net_virtio.so"),
	("file", _PMDS + "librte_mempool_ring.so.*"),
	("file", _PMDS + "librte_bus_pci.so.*"),
	("file", _UIO + "uio.ko"),
	("file", _UIO + "uio_pci_generic.ko"),
)


def parse_listing(text):
	"""[(path, kind)] of a files.txt ("KIND PATH" lines)."""
	out = []
	for line in text.splitlines():
		kind, _, path = line.partition(" ")
		if path:
			out.append((path, kind))
	return out


def missing_files(names, kver):
	"""The REQUIRED patterns (as "KIND PATTERN") that no entry of NAMES
	([(path, kind)], Cpio.names()) matches."""
	missing = []
	for kind, pat in REQUIRED:
		pat = pat.format(kver=kver)
		if not any(k == kind and fnmatch.fnmatchcase(p, pat)
			   for p, k in names):
			missing.append("%s %s" % (kind, pat))
	return missing
