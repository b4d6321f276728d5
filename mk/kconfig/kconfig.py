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
  names SYM...          per SYM (CONFIG_ optional) a line 'SYM UKNF-NAME
                        defined|undefined': its name after the alias
                        table, and whether a Config.uk defines it

The environment carries UK_ROOT, UK_APP, UK_BUILD and KCONFIG_CONFIG
(path of .config); the root Config.uk reads them via $(VAR).

Every configuration read (.config, fragment, `set`) goes through the
name table in `aliases` beside this file: another name for a uknf
symbol (today's upstream Unikraft names, earlier uknf names) sets the
uknf symbol, with a note on stderr.

When the app's L= named a libc folder that is not here (newlib, musl:
mk/app.mk drops it and exports its path as UK_LIBC_FROM_L), every
.config written turns CONFIG_LIBMUSL on, uknf's libc in its place.
"""
import os
import re
import sys
import tempfile

import kconfiglib

ALIASES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "aliases")


def read_aliases():
    """{other name: (uknf name, origin)} from the aliases file."""
    table = {}
    with open(ALIASES_FILE) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                old, new, origin = line.split(None, 2)
                table[old] = (new, origin)
    return table


ALIASES = read_aliases()
_ASSIGN = re.compile(r"^(#\s*)?CONFIG_([A-Za-z0-9_]+)(=| is not set)")
_noted = set()


def canonical(name, where):
    """The uknf name for the symbol NAME (without CONFIG_), noting a
    rename once per name."""
    if name not in ALIASES:
        return name
    new, origin = ALIASES[name]
    if name not in _noted:
        _noted.add(name)
        print(f"kconfig: note: {where}: CONFIG_{name} ({origin}) is "
              f"CONFIG_{new} in uknf", file=sys.stderr)
    return new


def load_mapped(kconf, path, replace=True):
    """kconf.load_config(PATH) with every aliased name renamed."""
    with open(path) as f:
        lines = f.readlines()
    out, renamed = [], False
    for line in lines:
        m = _ASSIGN.match(line)
        if m and m.group(2) in ALIASES:
            new = canonical(m.group(2), path)
            line = line[:m.start(2)] + new + line[m.end(2):]
            renamed = True
        out.append(line)
    if not renamed:
        kconf.load_config(path, replace=replace)
        return
    with tempfile.NamedTemporaryFile("w", suffix=".config") as tmp:
        tmp.writelines(out)
        tmp.flush()
        kconf.load_config(tmp.name, replace=replace)
        # Warnings name the file the user wrote, not the renamed copy.
        kconf.warnings[:] = [w.replace(tmp.name, path)
                             for w in kconf.warnings]


def print_warnings(kconf):
    for w in kconf.warnings:
        print(w, file=sys.stderr)
    kconf.warnings.clear()


def load(kconf, must_exist=False):
    path = os.environ["KCONFIG_CONFIG"]
    if os.path.exists(path):
        load_mapped(kconf, path)
        print_warnings(kconf)
    elif must_exist:
        sys.exit(f"kconfig: {path} missing; run 'make defconfig' or "
                 "'make menuconfig' first")


def libc_from_l(kconf):
    """L= named a libc that is not here (UK_LIBC_FROM_L, set by
    mk/app.mk): uknf's libc takes its place, as if the app selected it."""
    gone = os.environ.get("UK_LIBC_FROM_L")
    sym = kconf.syms.get("LIBMUSL")
    if not gone or sym is None or sym.str_value == "y":
        return False
    sym.set_value("y")
    print(f"kconfig: note: L= names {gone}: CONFIG_LIBMUSL=y "
          "(uknf's libc in its place)", file=sys.stderr)
    return True


def names_of(kconf, names):
    """(name, uknf name, defined?) for each of NAMES (CONFIG_ prefix
    optional): the alias table applied, then whether a Config.uk
    defines it."""
    out = []
    for n in names:
        # Renames are noted by the caller, where the value comes from.
        name = n.removeprefix("CONFIG_")
        new = ALIASES.get(name, (name,))[0]
        sym = kconf.syms.get(new)
        out.append((name, new, sym is not None and bool(sym.nodes)))
    return out


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
        if os.environ.get("UK_LIBC_FROM_L"):
            # The editor opens on a .config that already has the libc.
            kconf = kconfiglib.Kconfig(root, warn_to_stderr=False)
            load(kconf)
            if libc_from_l(kconf):
                kconf.write_config(out)
        sys.argv = [sys.argv[0], root]
        menuconfig._main()
        return

    kconf = kconfiglib.Kconfig(root, warn_to_stderr=False)
    print_warnings(kconf)
    # An assignment to a symbol no Config.uk defines is reported, never
    # dropped silently.
    kconf.warn_assign_undef = True

    if cmd == "defconfig":
        if args and os.path.exists(args[0]):
            load_mapped(kconf, args[0])
            print_warnings(kconf)
            check_assignments(kconf, args[0])
        libc_from_l(kconf)
        print(kconf.write_config(out))
    elif cmd == "olddefconfig":
        load(kconf)
        libc_from_l(kconf)
        print(kconf.write_config(out))
    elif cmd == "set":
        load(kconf)
        for a in args:
            name, _, val = a.partition("=")
            name = canonical(name.removeprefix("CONFIG_"), "set")
            sym = kconf.syms.get(name)
            if sym is None or not sym.set_value(val) or \
                    sym.str_value != val:
                sys.exit(f"kconfig: cannot set {name}={val} "
                         "(unknown symbol or unmet dependency)")
        libc_from_l(kconf)
        print(kconf.write_config(out))
    elif cmd == "names":
        for name, new, known in names_of(kconf, args):
            print(name, new, "defined" if known else "undefined")
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
