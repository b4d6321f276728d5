/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packet and bit rate since the previous sample (USoC'21 session 10's
 * print_netspeed()).
 *
 * Byte counts are what the caller accumulates. The tutorial adds 24 bytes
 * per frame (NF_ETH_L1_OVERHEAD: preamble+SFD 8, FCS 4, inter-frame gap
 * 12) to each frame length (without FCS), so Mbit/s compares with an
 * Ethernet line rate (L1); count frame lengths only for L2 Mbit/s.
 */
#ifndef __UK_NF_NETSPEED_H__
#define __UK_NF_NETSPEED_H__

#include <stddef.h>
#include <stdint.h>

/** A rate over one window */
struct nf_netspeed {
	uint64_t dt_ns;		/**< window length */
	uint64_t pkts;		/**< packets in the window */
	uint64_t bytes;		/**< bytes in the window */
	uint64_t pps;		/**< packets per second */
	uint64_t kbps;		/**< kbit/s (Mbit/s with 3 decimals) */
};

/** Previous sample; zero-initialise (or nf_stats_window_reset()) */
struct nf_stats_window {
	uint64_t t_ns;
	uint64_t pkts;
	uint64_t bytes;
	int started;
};

/** Forget the previous sample. */
static inline void nf_stats_window_reset(struct nf_stats_window *w)
{
	w->t_ns = w->pkts = w->bytes = 0;
	w->started = 0;
}

/**
 * Record a sample of running totals at time @p now_ns and compute the
 * rate since the previous sample. No hidden state: everything is in @p w.
 *
 * @param out the rate, or NULL (e.g. to take the first sample)
 * @return 1 and @p out filled, or 0 on the first sample (or when no time
 *         passed), @p out untouched
 */
int nf_stats_window_update(struct nf_stats_window *w, uint64_t now_ns,
			   uint64_t total_pkts, uint64_t total_bytes,
			   struct nf_netspeed *out);

/**
 * Format @p s as "pps=N mbps=N.NNN" into @p buf.
 * @return what snprintf() returns
 */
int nf_netspeed_fmt(char *buf, size_t size, const struct nf_netspeed *s);

/**
 * The tutorial's print_netspeed(): prints
 *   "netspeed: pps=N mbps=N.NNN dt_ms=N"
 * with the rate since the previous call (nothing on the first call).
 * Reads ukplat_monotonic_clock() and prints: call it rarely (every 2^20
 * packets, or through <uk/nf/stats.h>). Keeps its previous sample in a
 * static struct nf_stats_window; use nf_stats_window_update() for
 * several independent counters.
 */
void print_netspeed(uint64_t total_pkts, uint64_t total_bytes);

#endif /* __UK_NF_NETSPEED_H__ */
