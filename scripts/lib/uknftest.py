# SPDX-License-Identifier: BSD-3-Clause
"""Results of uknf's Python host tests, as scripts/lib/test.sh counts them
for the shell ones: one line per case,

    ok    NAME
    FAIL  NAME          (the last lines of a detail text below it)
    skip  NAME (REASON)

and summary() prints the closing line scripts/run-tests reads,
"N passed, N failed, N skipped". Under CI=true (environment) a skip is
a failure: what a test skips for is what scripts/setup provides.

    sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))
    import uknftest
    uknftest.check("frames arrive", got == want, log)
    sys.exit(uknftest.summary())
"""

import os
import traceback

counts = {"passed": 0, "failed": 0, "skipped": 0}


def ci():
    """Is this a CI run (CI=true), where a skip fails?"""
    return os.environ.get("CI") == "true"


def _detail(detail, lines=20):
    if not detail:
        return ""
    tail = str(detail).splitlines()[-lines:]
    return "\n" + "\n".join("    | " + l for l in tail)


def ok(name):
    counts["passed"] += 1
    print("ok    " + name, flush=True)
    return True


def fail(name, detail=""):
    counts["failed"] += 1
    print("FAIL  " + name + _detail(detail), flush=True)
    return False


def skip(name, reason):
    """NAME did not run because of REASON (a failure under CI=true)."""
    if ci():
        counts["failed"] += 1
        print("FAIL  %s: skipped (%s), and under CI=true a skip fails "
              "(scripts/setup and the test set-up must provide it)"
              % (name, reason), flush=True)
    else:
        counts["skipped"] += 1
        print("skip  %s (%s)" % (name, reason), flush=True)


def check(name, cond, detail=""):
    """One case: passed when cond is true; on failure the last lines of
    detail are shown. @return bool(cond)"""
    return ok(name) if cond else fail(name, detail)


def summary():
    """Print the closing line. @return the exit status (1: failures)"""
    print("%(passed)d passed, %(failed)d failed, %(skipped)d skipped"
          % counts, flush=True)
    return 1 if counts["failed"] else 0


def run(tests):
    """Run each function of tests as one case named after it: it passes
    when it returns, fails (its traceback shown) when it raises.
    @return summary()'s exit status"""
    for fn in tests:
        try:
            fn()
        except Exception:
            fail(fn.__name__, traceback.format_exc())
        else:
            ok(fn.__name__)
    return summary()
