# SPDX-License-Identifier: BSD-3-Clause
"""Build the Linux benchmark guest: vmlinux + initramfs, from Debian.

Inputs, all Debian packages:
- the kernel: the package linux-image-amd64 depends on
  (linux-image-<abi>-amd64), fetched with `apt-get download` and
  unpacked with `dpkg -x`; its bzImage is decompressed to an ELF
  vmlinux (image.vmlinux_from_bzimage) which QEMU boots through its
  PVH note; the modules uio_pci_generic and uio come from the same
  package;
- busybox-static (fetched the same way): the shell and tools of /init;
- dpdk-testpmd from the host's dpdk-dev package (scripts/setup installs
  it), with every library ldd lists, and the DPDK plugins the guest
  needs (bus_pci, bus_vdev, mempool_ring, net_virtio) and theirs. Paths
  keep the host's layout, symlinks included, so that a plugin and the
  library testpmd links are one file (one dlopen) as on the host.

The output directory (default bench/build/guest) holds vmlinux,
initramfs.cpio (not compressed: under TCG the guest kernel's gunzip of
the 8.5 MiB gzip cost 0.3-0.5 s of each boot), files.txt (the
archive's list) and manifest.json (the inputs' versions and digests);
a build whose inputs match the manifest is not redone (apt-cache, which
takes seconds on a busy machine, is asked only when the apt lists have
changed since). Downloaded packages stay in OUT/debs.
"""

import glob
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from . import image

HERE = os.path.dirname(os.path.abspath(__file__))
GUEST = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.abspath(os.path.join(GUEST, "..", "build", "guest"))
INIT = os.path.join(GUEST, "init.sh")

KERNEL_META = "linux-image-amd64"
BUSYBOX = "busybox-static"
DPDK_PKG = "dpdk-dev"
TESTPMD = "/usr/bin/dpdk-testpmd"
MODULES = ("uio_pci_generic",)
PLUGINS = ("bus_pci", "bus_vdev", "mempool_ring", "net_virtio")
PLUGIN_DIRS = "/usr/lib/x86_64-linux-gnu/dpdk/pmds-*"
# dlopen()ed by glibc, so not in ldd's list: pthread_cancel (which
# testpmd's exit path calls) aborts without it
DLOPENED = ("/usr/lib/x86_64-linux-gnu/libgcc_s.so.1",)
# guest top-level links, as on a merged-/usr Debian
TOP_LINKS = (("lib", "usr/lib"), ("lib64", "usr/lib64"),
	     ("sbin", "bin"), ("usr/sbin", "../bin"))
FORMAT = 2	# bump when the image layout changes


class BuildError(Exception):
	pass


def log(msg):
	print("guest-build: " + msg, file=sys.stderr, flush=True)


def run(argv, **kw):
	try:
		return subprocess.run(argv, check=True, capture_output=True,
				      text=True, **kw).stdout
	except FileNotFoundError:
		raise BuildError("%s: not installed" % argv[0])
	except subprocess.CalledProcessError as e:
		raise BuildError("%s failed: %s" % (" ".join(argv),
						    e.stderr.strip()[-400:]))


def kernel_package():
	"""The versioned kernel package linux-image-amd64 depends on."""
	out = run(["apt-cache", "depends", KERNEL_META])
	for line in out.splitlines():
		line = line.strip()
		if line.startswith("Depends:") and "linux-image-" in line:
			return line.split()[1]
	raise BuildError("no kernel package behind " + KERNEL_META)


def candidate(pkg):
	"""apt's candidate version of PKG."""
	for line in run(["apt-cache", "policy", pkg]).splitlines():
		line = line.strip()
		if line.startswith("Candidate:"):
			v = line.split()[1]
			if v != "(none)":
				return v
	raise BuildError("no candidate version of %s (apt-get update?)"
			 % pkg)


def installed(pkg):
	out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg],
			     capture_output=True, text=True)
	if out.returncode or not out.stdout:
		raise BuildError("%s is not installed (scripts/setup or "
				 "apt-get install %s)" % (pkg, pkg))
	return out.stdout


def fetch(pkg, version, debs):
	"""Path of PKG_VERSION's .deb in DEBS, downloaded if missing."""
	os.makedirs(debs, exist_ok=True)
	quoted = version.replace(":", "%3a")
	want = os.path.join(debs, "%s_%s_amd64.deb" % (pkg, quoted))
	if not os.path.exists(want):
		log("apt-get download %s=%s" % (pkg, version))
		run(["apt-get", "download", "%s=%s" % (pkg, version)],
		    cwd=debs)
	if not os.path.exists(want):
		raise BuildError("apt-get download gave no " + want)
	return want


def digest(path):
	h = hashlib.sha256()
	with open(path, "rb") as f:
		for block in iter(lambda: f.read(1 << 20), b""):
			h.update(block)
	return h.hexdigest()


def sources():
	"""The files that make the image (a change rebuilds it)."""
	return sorted([INIT, os.path.join(HERE, "build.py"),
		       os.path.join(HERE, "image.py")])


APT_LISTS = "/var/lib/apt/lists"


def local_inputs():
	"""The inputs that need no apt-cache (which takes seconds on a busy
	machine): this builder's files, testpmd, and the time the apt lists
	last changed (the candidate versions cannot move without it)."""
	lists = glob.glob(os.path.join(APT_LISTS, "*_Packages*"))
	return {
		"format": FORMAT,
		"apt_lists": max([os.stat(p).st_mtime_ns for p in lists],
				 default=0),
		"dpdk": {"package": DPDK_PKG, "version": installed(DPDK_PKG),
			 "testpmd": digest(TESTPMD)},
		"sources": {os.path.relpath(p, GUEST): digest(p)
			    for p in sources()},
	}


def inputs(local=None):
	"""What the image is made of, for the manifest: LOCAL (or
	local_inputs()) plus the Debian packages apt would fetch now."""
	want = dict(local or local_inputs())
	kpkg = kernel_package()
	want["kernel"] = {"package": kpkg, "version": candidate(kpkg)}
	want["busybox"] = {"package": BUSYBOX, "version": candidate(BUSYBOX)}
	return want


class Tree:
	"""Host files copied into the archive under their host paths."""

	def __init__(self, cpio, root="/"):
		self.cpio = cpio
		self.root = root	# where host paths are read from

	def _host(self, path):
		return os.path.join(self.root, path.lstrip("/"))

	def add(self, path):
		"""Add host PATH (absolute) with the symlinks leading to it:
		directories are taken by their real path, a symlink is kept
		as a link and its target added too."""
		seen = set()
		while path not in seen:
			seen.add(path)
			d, base = os.path.split(path)
			real_dir = os.path.realpath(self._host(d))
			rel_dir = os.path.relpath(real_dir,
						  os.path.realpath(self.root))
			guest = "/" + os.path.normpath(
				os.path.join(rel_dir, base)).lstrip("./")
			host = os.path.join(real_dir, base)
			if os.path.islink(host):
				target = os.readlink(host)
				self.cpio.symlink(guest, target)
				if target.startswith("/"):
					path = target
				else:
					path = os.path.normpath(os.path.join(
						os.path.dirname(guest), target))
				continue
			with open(host, "rb") as f:
				data = f.read()
			perm = os.stat(host).st_mode & 0o777
			self.cpio.file(guest, data, perm)
			return guest
		raise BuildError("symlink loop at " + path)


def ldd(path):
	try:
		return image.ldd_paths(run(["ldd", path]))
	except ValueError as e:
		raise BuildError("%s: %s" % (path, e))


def plugin_files():
	"""The chosen DPDK plugins: every name (.so, .so.N, .so.N.M) of
	each, from the host's plugin directory."""
	dirs = sorted(glob.glob(PLUGIN_DIRS))
	if not dirs:
		raise BuildError("no DPDK plugin directory " + PLUGIN_DIRS)
	out = []
	for p in PLUGINS:
		names = sorted(glob.glob(os.path.join(dirs[-1],
						      "librte_%s.so*" % p)))
		if not names:
			raise BuildError("DPDK plugin %s missing in %s"
					 % (p, dirs[-1]))
		out += names
	return out


def add_testpmd(tree):
	"""dpdk-testpmd, its libraries, the plugins and theirs."""
	tree.add(TESTPMD)
	for lib in ldd(TESTPMD) + list(DLOPENED):
		tree.add(lib)
	for plugin in plugin_files():
		tree.add(plugin)
		for lib in ldd(os.path.realpath(plugin)):
			tree.add(lib)


def add_kernel_modules(cpio, kroot, kver):
	"""uio_pci_generic and its dependencies; /etc/guest/modules lists
	them in load order, relative to /lib/modules."""
	base = os.path.join(kroot, "lib", "modules", kver)
	paths = []
	for d, _, files in os.walk(base):
		paths += [os.path.relpath(os.path.join(d, f), base)
			  for f in files if image.module_name(f)]

	def depends(rel):
		with open(os.path.join(base, rel), "rb") as f:
			return image.module_depends(f.read())

	try:
		order = image.module_load_order(sorted(paths), depends,
						MODULES)
	except ValueError as e:
		raise BuildError("kernel modules: %s" % e)
	for rel in order:
		with open(os.path.join(base, rel), "rb") as f:
			cpio.file("usr/lib/modules/%s/%s" % (kver, rel),
				  f.read())
	cpio.file("etc/guest/modules",
		  "".join("%s/%s\n" % (kver, r) for r in order).encode())
	return order


def unpack(deb, dest):
	os.makedirs(dest, exist_ok=True)
	run(["dpkg-deb", "-x", deb, dest])


def assemble(kroot, kver, bbroot):
	"""The initramfs as a Cpio."""
	cpio = image.Cpio()
	for d in ("bin", "dev", "etc", "proc", "sys", "tmp", "run",
		  "usr/bin", "usr/lib64", "var"):
		cpio.dir(d)
	for name, target in TOP_LINKS:
		cpio.symlink(name, target)
	with open(os.path.join(bbroot, "bin", "busybox"), "rb") as f:
		cpio.file("bin/busybox", f.read(), 0o755)
	cpio.symlink("bin/sh", "busybox")
	with open(INIT, "rb") as f:
		cpio.file("init", f.read(), 0o755)
	add_kernel_modules(cpio, kroot, kver)
	add_testpmd(Tree(cpio))
	return cpio


def manifest_of(out):
	try:
		with open(os.path.join(out, "manifest.json")) as f:
			return json.load(f)
	except (OSError, ValueError):
		return {}


def outputs_exist(out):
	return all(os.path.exists(os.path.join(out, n))
		   for n in ("vmlinux", "initramfs.cpio", "files.txt"))


def write(path, data):
	tmp = path + ".tmp"
	with open(tmp, "wb") as f:
		f.write(data)
	os.replace(tmp, path)


def build(out=DEFAULT_OUT, force=False):
	"""Build the guest into OUT unless it is up to date. Returns
	{"vmlinux", "initrd", "manifest"} paths; raises BuildError."""
	out = os.path.abspath(out)
	os.makedirs(out, exist_ok=True)
	paths = {"vmlinux": os.path.join(out, "vmlinux"),
		 "initrd": os.path.join(out, "initramfs.cpio"),
		 "manifest": os.path.join(out, "manifest.json")}
	have = manifest_of(out)
	local = local_inputs()
	fresh = not force and outputs_exist(out)
	if fresh and have.get("local") == local:
		log("up to date in " + out)
		return paths
	try:
		want = inputs(local)
	except BuildError as e:
		# e.g. no apt lists yet: an earlier build still boots
		if not fresh:
			raise
		log("cannot check the inputs (%s); using the build in %s"
		    % (e, out))
		return paths
	if fresh and {k: v for k, v in have.get("inputs", {}).items()
		      if k != "apt_lists"} == {k: v for k, v in want.items()
					       if k != "apt_lists"}:
		# new apt lists, same packages: note the lists' time
		have["inputs"], have["local"] = want, local
		write(paths["manifest"], (json.dumps(
			have, indent=1, sort_keys=True) + "\n").encode())
		log("up to date in " + out)
		return paths
	debs = os.path.join(out, "debs")
	kdeb = fetch(want["kernel"]["package"], want["kernel"]["version"],
		     debs)
	bdeb = fetch(BUSYBOX, want["busybox"]["version"], debs)
	with tempfile.TemporaryDirectory(prefix="guest-build-") as tmp:
		kroot = os.path.join(tmp, "kernel")
		bbroot = os.path.join(tmp, "busybox")
		unpack(kdeb, kroot)
		unpack(bdeb, bbroot)
		kvers = os.listdir(os.path.join(kroot, "lib", "modules"))
		if len(kvers) != 1:
			raise BuildError("kernel package has modules for %s"
					 % kvers)
		kver = kvers[0]
		log("kernel %s: vmlinux from vmlinuz" % kver)
		with open(os.path.join(kroot, "boot", "vmlinuz-" + kver),
			  "rb") as f:
			try:
				elf = image.vmlinux_from_bzimage(f.read())
			except ValueError as e:
				raise BuildError("vmlinuz: %s" % e)
		if not image.elf_has_pvh_note(elf):
			raise BuildError("vmlinux has no PVH entry note; QEMU "
					 "cannot boot it with -kernel")
		write(paths["vmlinux"], elf)
		log("initramfs")
		cpio = assemble(kroot, kver, bbroot)
	missing = image.missing_files(cpio.names(), kver)
	if missing:
		raise BuildError("the initramfs lacks " + ", ".join(missing))
	raw = cpio.pack()
	write(paths["initrd"], raw)
	listing = "".join("%s %s\n" % (k, p) for p, k in cpio.names())
	write(os.path.join(out, "files.txt"), listing.encode())
	manifest = {"inputs": want, "local": local, "kernel_release": kver,
		    "initramfs_bytes": len(raw),
		    "vmlinux_bytes": len(elf), "files": len(cpio.entries)}
	write(paths["manifest"], (json.dumps(manifest, indent=1,
					    sort_keys=True) + "\n").encode())
	log("done: %s (%d files, initramfs %d KiB, vmlinux %d KiB)" % (
		out, manifest["files"], len(raw) >> 10,
		len(elf) >> 10))
	return paths
