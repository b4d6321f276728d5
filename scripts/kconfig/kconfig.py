#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Thin front end over Debian's kconfiglib (python3-kconfiglib) for uknf.

Usage: kconfig.py COMMAND [ARG]
  defconfig [FRAGMENT]  start from defaults, apply FRAGMENT (if given)
  olddefconfig          load .config, give new symbols their defaults
  menuconfig            interactive editor (curses)
  savedefconfig OUT     write a minimal fragment
  genheader OUT         write the C header with CONFIG_* macros
  set SYM=VAL...        set symbols in .config (used by scripts/kraft)

The environment carries UK_ROOT, UK_APP, UK_BUILD and KCONFIG_CONFIG
(path of .config); the root Config.uk reads them via $(VAR).
"""
import os
import sys

import kconfiglib


def load(kconf, must_exist=False):
    path = os.environ["KCONFIG_CONFIG"]
    if os.path.exists(path):
        kconf.load_config(path)
    elif must_exist:
        sys.exit(f"kconfig: {path} missing; run 'make defconfig' or "
                 "'make menuconfig' first")


def check_assignments(kconf, fragment):
    """Report fragment lines whose value did not stick (unknown symbol,
    unmet dependency): silent drops are what make configs rot."""
    bad = []
    for sym in kconf.unique_defined_syms:
        if sym.user_value is None:
            continue
        want = sym.user_value
        if sym.type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            want = kconfiglib.TRI_TO_STR[want]
        if sym.str_value != want:
            bad.append(f"{sym.name}={want} (got {sym.str_value or 'n'})")
    for b in bad:
        print(f"kconfig: warning: {fragment}: {b}", file=sys.stderr)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    root = os.path.join(os.environ["UK_ROOT"], "Config.uk")
    out = os.environ["KCONFIG_CONFIG"]

    if cmd == "menuconfig":
        import menuconfig
        sys.argv = [sys.argv[0], root]
        menuconfig._main()
        return

    kconf = kconfiglib.Kconfig(root, warn_to_stderr=False)
    for w in kconf.warnings:
        print(w, file=sys.stderr)

    if cmd == "defconfig":
        if args and os.path.exists(args[0]):
            kconf.load_config(args[0])
            check_assignments(kconf, args[0])
        print(kconf.write_config(out))
    elif cmd == "olddefconfig":
        load(kconf)
        print(kconf.write_config(out))
    elif cmd == "set":
        load(kconf)
        for a in args:
            name, _, val = a.partition("=")
            name = name.removeprefix("CONFIG_")
            sym = kconf.syms.get(name)
            if sym is None or not sym.set_value(val) or \
                    sym.str_value != val:
                sys.exit(f"kconfig: cannot set {name}={val} "
                         "(unknown symbol or unmet dependency)")
        print(kconf.write_config(out))
    elif cmd == "savedefconfig":
        load(kconf, must_exist=True)
        print(kconf.write_min_config(args[0]))
    elif cmd == "genheader":
        load(kconf, must_exist=True)
        kconf.write_autoconf(args[0])
    else:
        sys.exit(f"kconfig: unknown command '{cmd}'\n{__doc__}")


if __name__ == "__main__":
    main()
