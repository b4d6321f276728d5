#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Run a guest command; timestamp its output lines on the host.

Usage: measure.py SECONDS CMD...

Prints each output line as "line MS TEXT" (MS: host monotonic ms since
the command started). On a line "NAME: start" and a later "NAME: end" it
reads the command's CPU time (utime + stime of /proc/PID/stat, all its
threads) and prints "cpu NAME wall_ms=W cpu_ms=C" at the end. The
command is killed (by its PID) after SECONDS; the exit status is then
124, otherwise the command's.
"""
import os
import re
import subprocess
import sys
import threading
import time

TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    """utime + stime of process pid, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        # fields after the ")" that ends the command name: state is
        # field 3, utime 14 and stime 15 (proc(5))
        rest = f.read().rsplit(")", 1)[1].split()
    return (int(rest[11]) + int(rest[12])) * TICK_MS


def main():
    secs = float(sys.argv[1])
    proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    timed_out = []

    def stop():
        timed_out.append(1)
        proc.kill()
    timer = threading.Timer(secs, stop)
    timer.start()
    t0 = time.monotonic()
    marks = {}
    results = []
    for raw in iter(proc.stdout.readline, b""):
        now = time.monotonic()
        text = raw.decode(errors="replace").rstrip("\r\n")
        print(f"line {(now - t0) * 1000:.3f} {text}", flush=True)
        m = re.match(r"^(\w+): (start|end)\s*$", text)
        if not m:
            continue
        try:
            c = cpu_ms(proc.pid)
        except OSError:
            continue
        if m.group(2) == "start":
            marks[m.group(1)] = (now, c)
        elif m.group(1) in marks:
            w0, c0 = marks.pop(m.group(1))
            results.append(f"cpu {m.group(1)} wall_ms={(now - w0) * 1000:.0f}"
                           f" cpu_ms={c - c0:.0f}")
    rc = proc.wait()
    timer.cancel()
    for r in results:
        print(r)
    sys.exit(124 if timed_out else rc)


main()
