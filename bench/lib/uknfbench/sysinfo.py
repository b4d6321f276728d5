# SPDX-License-Identifier: BSD-3-Clause
"""What a result depends on: machine, software versions, accelerator."""

import os
import platform
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..",
				    ".."))


def _first_line(cmd):
	try:
		out = subprocess.run(cmd, capture_output=True, text=True,
				     timeout=20)
	except (OSError, subprocess.TimeoutExpired):
		return None
	text = (out.stdout or out.stderr).strip()
	return text.splitlines()[0] if text else None


def cpu_model():
	try:
		with open("/proc/cpuinfo") as f:
			for line in f:
				if line.startswith("model name"):
					return line.split(":", 1)[1].strip()
	except OSError:
		pass
	return platform.processor() or None


def default_accel(cpuinfo):
	"""kvm when /proc/cpuinfo text CPUINFO shows vmx or svm, else tcg."""
	for line in cpuinfo.splitlines():
		if line.startswith("flags"):
			flags = line.split(":", 1)[1].split()
			if "vmx" in flags or "svm" in flags:
				return "kvm"
	return "tcg"


def detect_accel():
	"""kvm where the CPU has vmx/svm and /dev/kvm opens, tcg otherwise
	(as scripts/qemu-guest decides); $ACCEL overrides."""
	env = os.environ.get("ACCEL")
	if env in ("kvm", "tcg"):
		return env
	try:
		with open("/proc/cpuinfo") as f:
			if default_accel(f.read()) == "tcg":
				return "tcg"
		os.close(os.open("/dev/kvm", os.O_RDWR))
		return "kvm"
	except OSError:
		return "tcg"


def deb_version(pkg):
	return _first_line(["dpkg-query", "-W", "-f=${Version}", pkg])


def git_revision():
	rev = _first_line(["git", "-C", ROOT, "rev-parse", "HEAD"])
	if rev is None:
		return None
	dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
				"--untracked-files=no"],
			       capture_output=True, text=True).stdout.strip()
	return rev + ("-dirty" if dirty else "")


def collect(accel):
	"""The record's "system" object."""
	return {
		"cpu_model": cpu_model(),
		"cpus": os.cpu_count(),
		"kernel": platform.release(),
		"qemu": _first_line(["qemu-system-x86_64", "--version"]),
		"dpdk": deb_version("dpdk-dev"),
		"valgrind": _first_line(["valgrind", "--version"]),
		"accel": accel,
		"git": git_revision(),
	}
