# SPDX-License-Identifier: BSD-3-Clause
"""Rates and summary statistics.

Frame sizes are given *with* the 4-byte FCS (64 B = 60 B of frame data
plus FCS), as on the wire and in RFC 2544. The L1-equivalent rate adds
the 20 B of preamble (7), start-of-frame delimiter (1) and minimum
inter-frame gap (12) that every frame costs on an Ethernet link.
"""

FCS_BYTES = 4
L1_OVERHEAD_BYTES = 20		# preamble 7 + SFD 1 + IFG 12
MIN_FRAME = 64
MAX_FRAME = 1518
DEFAULT_SIZES = (64, 128, 256, 512, 1024, 1280, 1518)


def frame_without_fcs(size):
	"""Bytes the application builds for a frame of SIZE bytes with FCS."""
	if not MIN_FRAME <= size <= MAX_FRAME:
		raise ValueError("frame size %d not in %d..%d (with FCS)"
				 % (size, MIN_FRAME, MAX_FRAME))
	return size - FCS_BYTES


def gbps_l2(pps, size):
	"""Gbit/s of frames of SIZE bytes (with FCS) at PPS packets/s."""
	return pps * size * 8 / 1e9


def gbps_l1(pps, size):
	"""Line-rate equivalent: frame with FCS plus preamble, SFD and IFG."""
	return pps * (size + L1_OVERHEAD_BYTES) * 8 / 1e9


def rates(pps, size):
	"""The three figures reported for every window."""
	return {
		"mpps": pps / 1e6,
		"gbps_l2": gbps_l2(pps, size),
		"gbps_l1": gbps_l1(pps, size),
	}


def median(values):
	"""Median of a non-empty sequence (mean of the middle two if even)."""
	v = sorted(values)
	if not v:
		raise ValueError("median of no values")
	n = len(v)
	mid = n // 2
	if n % 2:
		return v[mid]
	return (v[mid - 1] + v[mid]) / 2


def summary(values):
	"""min/median/max and the count of a non-empty sequence."""
	v = list(values)
	return {"n": len(v), "min": min(v), "median": median(v),
		"max": max(v)}


def ratio(numerator, denominator):
	"""numerator / denominator, or None when the denominator is 0."""
	if not denominator:
		return None
	return numerator / denominator


def ratio_of_medians(a, b):
	"""median(a) / median(b): how interleaved series are compared."""
	return ratio(median(a), median(b))


def per_packet(total_with, total_base, count_with, count_base):
	"""Cost per packet from two runs that differ only in packet count:
	(total_with - total_base) / (count_with - count_base)."""
	if count_with <= count_base:
		raise ValueError("the measured run must send more packets "
				 "than the baseline run")
	return (total_with - total_base) / (count_with - count_base)
