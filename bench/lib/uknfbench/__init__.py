# SPDX-License-Identifier: BSD-3-Clause
"""uknf benchmark harness: runners, parsers and statistics for bench/run
and bench/report. Nothing here prints results by itself; the two entry
points do."""
