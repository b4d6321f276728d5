# SPDX-License-Identifier: BSD-3-Clause
"""2 MiB hugepages for testpmd, set up for a run and put back after it.

Sets vm.nr_hugepages to at least PAGES, mounts hugetlbfs on HUGEDIR when
nothing is mounted there, and on exit removes the map files our testpmd
runs left (their --file-prefix is ours), unmounts what it mounted and
restores the previous page count -- unless another DPDK program still
uses hugepages then (its files are there or a testpmd runs): what it
shares is left as it is.
"""

import glob
import os
import shutil
import subprocess

HUGEDIR = "/dev/hugepages"
NR = "/proc/sys/vm/nr_hugepages"
PREFIX = "uknfb"		# testpmd --file-prefix of every run
RUNDIR = "/var/run/dpdk"	# where testpmd keeps its runtime files


def _mounted(path):
	with open("/proc/mounts") as f:
		return any(l.split()[1] == path and l.split()[2] == "hugetlbfs"
			   for l in f)


def _read_nr():
	with open(NR) as f:
		return int(f.read())


def _write_nr(n):
	with open(NR, "w") as f:
		f.write("%d\n" % n)


def _testpmd_running():
	return subprocess.run(["pgrep", "-x", "dpdk-testpmd"],
			      capture_output=True).returncode == 0


def remove_leftovers(stale_rte=False):
	"""Remove our map files; with STALE_RTE also rtemap_* (testpmd's
	default prefix) when no dpdk-testpmd process is running."""
	pats = [os.path.join(HUGEDIR, PREFIX + "*map_*")]
	if stale_rte and not _testpmd_running():
		pats.append(os.path.join(HUGEDIR, "rtemap_*"))
	for pat in pats:
		for f in glob.glob(pat):
			try:
				os.unlink(f)
			except OSError:
				pass
	# testpmd's runtime directories (its multi-process socket)
	for d in glob.glob(os.path.join(RUNDIR, PREFIX + "-*")):
		shutil.rmtree(d, ignore_errors=True)


class HugePages:
	"""Context manager: hugepages available inside the with block."""

	def __init__(self, pages=512):
		self.pages = pages
		self.old_nr = None
		self.mounted = False

	def __enter__(self):
		if os.geteuid() != 0:
			raise PermissionError("hugepages need root (testpmd too)")
		self.old_nr = _read_nr()
		if self.old_nr < self.pages:
			_write_nr(self.pages)
			if _read_nr() < self.pages:
				self.__exit__(None, None, None)
				raise OSError("could only reserve %d of %d "
					      "hugepages" % (_read_nr(),
							     self.pages))
		os.makedirs(HUGEDIR, exist_ok=True)
		if not _mounted(HUGEDIR):
			subprocess.run(["mount", "-t", "hugetlbfs", "nodev",
					HUGEDIR], check=True)
			self.mounted = True
		remove_leftovers(stale_rte=True)
		return self

	def __exit__(self, *exc):
		remove_leftovers()
		if others_using():
			# Another DPDK run shares the pages: leave them to it.
			return False
		if self.mounted:
			subprocess.run(["umount", HUGEDIR],
				       stderr=subprocess.DEVNULL)
			self.mounted = False
		if self.old_nr is not None and _read_nr() != self.old_nr:
			_write_nr(self.old_nr)
		return False


def others_using():
	"""Whether hugepage files not ours remain, or a testpmd runs."""
	left = [f for f in os.listdir(HUGEDIR)
		if not f.startswith(PREFIX + "-")] if os.path.isdir(
			HUGEDIR) else []
	return bool(left) or _testpmd_running()
