# SPDX-License-Identifier: BSD-3-Clause
"""Run a measured program: output lines time-stamped as they arrive,
bounded in time, stopped by its PID only."""

import os
import signal
import subprocess
import threading
import time


def _tail(lines, n):
	return "\n".join(l for _, l in lines[-n:])


class Proc:
	"""A started program whose output is collected in the background.

	lines() gives [(seconds since start, text)] so far (a line's "\\r"s
	dropped: a serial console ends its lines with "\\r\\n"). LOG, when
	given, gets each line as "<seconds> <text>". With STDIN, send()
	types on the program's input. stop() sends SIGTERM (testpmd's way
	to end), then SIGKILL after a grace period, to this process's PID
	only.
	"""

	def __init__(self, cmd, env=None, log=None, stdin=False):
		self.cmd = cmd
		self._lines = []
		self._lock = threading.Lock()
		self._logf = open(log, "w") if log else None
		self.t0 = time.monotonic()
		self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
					     stderr=subprocess.STDOUT,
					     stdin=subprocess.PIPE if stdin
					     else subprocess.DEVNULL, env=env)
		self._th = threading.Thread(target=self._read, daemon=True)
		self._th.start()
		self.stopped = False
		self.timed_out = False

	def _read(self):
		for raw in self.proc.stdout:
			now = time.monotonic() - self.t0
			line = raw.decode(errors="replace").rstrip("\r\n")
			line = line.replace("\r", "")
			with self._lock:
				self._lines.append((now, line))
			if self._logf:
				self._logf.write("%.3f %s\n" % (now, line))
				self._logf.flush()

	def lines(self):
		with self._lock:
			return list(self._lines)

	def tail(self, n=15):
		return _tail(self.lines(), n)

	def elapsed(self):
		return time.monotonic() - self.t0

	def running(self):
		return self.proc.poll() is None

	def wait_for(self, text, timeout, beside=()):
		"""Wait until a line contains TEXT: True; False when the program
		or one of the Procs BESIDE it ends first, or after TIMEOUT s."""
		limit = time.monotonic() + timeout
		while not any(text in l for _, l in self.lines()):
			if (not self.running() or time.monotonic() > limit or
			    any(not b.running() for b in beside)):
				return False
			time.sleep(0.05)
		return True

	def send(self, text):
		"""Type TEXT on the program's input (a Proc made with STDIN)."""
		try:
			self.proc.stdin.write(text.encode())
			self.proc.stdin.flush()
		except OSError:
			pass

	def stop(self, grace=10):
		if self.proc.poll() is None:
			self.stopped = True
			try:
				os.kill(self.proc.pid, signal.SIGTERM)
				self.proc.wait(grace)
			except subprocess.TimeoutExpired:
				os.kill(self.proc.pid, signal.SIGKILL)
			except ProcessLookupError:
				pass
		return self.wait()

	def wait(self):
		self.proc.wait()
		self._th.join(5)
		if self._logf:
			self._logf.close()
			self._logf = None
		return Run(self)


class Run:
	"""Outcome of one program run."""

	def __init__(self, p):
		self.cmd = p.cmd
		self.rc = p.proc.returncode
		self.lines = p.lines()	# [(seconds since start, text)]
		self.seconds = p.elapsed()
		self.stopped = p.stopped
		self.timed_out = p.timed_out

	@property
	def text(self):
		return "\n".join(l for _, l in self.lines)

	def tail(self, n=15):
		return _tail(self.lines, n)


def run(cmd, timeout, stop_when=None, env=None, log=None, beside=()):
	"""Run CMD (a list) to its end, or until STOP_WHEN(lines) is true,
	or for at most TIMEOUT seconds (then Run.timed_out is set). BESIDE
	are other Procs that must stay alive: if one ends, CMD is stopped."""
	p = Proc(cmd, env=env, log=log)
	while p.running():
		if p.elapsed() > timeout:
			p.timed_out = True
			return p.stop(5)
		if stop_when and stop_when(p.lines()):
			return p.stop()
		if any(not b.running() for b in beside):
			return p.stop()
		time.sleep(0.05)
	return p.wait()
