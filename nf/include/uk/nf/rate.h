/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Token-bucket rate control on the cycle counter.
 *
 *   struct nf_rate r;
 *
 *   nf_rate_init(&r, ukplat_cycles_hz(), NF_RATE_PPS, 100000, 64,
 *                ukarch_cycles());
 *   for (;;) {
 *           n = nf_rate_take(&r, burst, burst * pktlen);
 *           sent = uk_netdev_tx_burst(dev, 0, pkts, n);
 *           ...
 *   }
 *
 * Units: NF_RATE_PPS counts frames per second; NF_RATE_BPS counts bits
 * per second on the wire (L1): every frame costs its length (without
 * FCS, as given by the caller) plus NF_ETH_L1_OVERHEAD (24) bytes for
 * preamble, SFD, FCS and inter-frame gap, the same accounting as
 * print_netspeed(). So 60-byte frames at 10 Gbit/s are 14.88 Mpps.
 *
 * The bucket holds credit in cycles (fixed point, 16 fraction bits);
 * time since the last call adds credit, each frame costs a precomputed
 * number of cycles. The fast path is integer only: a subtraction, a
 * shift, a compare and one division per call. The bucket starts empty
 * and never holds more than the burst, so over any period the count
 * stays within one burst of rate x time. Credit beyond the burst is
 * lost: make the burst cover the longest gap between calls.
 */
#ifndef __UK_NF_RATE_H__
#define __UK_NF_RATE_H__

#include <stdint.h>
#include <uk/arch/cycles.h>

#define NF_RATE_FRAC	16

enum nf_rate_unit {
	NF_RATE_PPS = 0,	/**< frames per second */
	NF_RATE_BPS = 1,	/**< L1 bits per second (frame + 24 bytes) */
};

/** Token bucket state (one per queue; not thread-safe) */
struct nf_rate {
	uint64_t cost;		/**< cycles << FRAC per frame (PPS) or per
				 * L1 byte (BPS); 0: unlimited */
	uint64_t credit;	/**< cycles << FRAC */
	uint64_t max_credit;	/**< burst in cycles << FRAC */
	uint64_t max_elapsed;	/**< cycles that fill the bucket from empty */
	uint64_t last;		/**< cycle counter at the last call */
	enum nf_rate_unit unit;
};

/**
 * Set up a token bucket.
 *
 * @param hz    cycle counter frequency (ukplat_cycles_hz())
 * @param unit  NF_RATE_PPS or NF_RATE_BPS
 * @param rate  frames or bits per second; 0: unlimited
 * @param burst bucket size: frames (PPS) or L1 bytes (BPS); raised to one
 *              frame (PPS) or one 1518+24-byte frame (BPS) if smaller
 * @param now   current cycle counter (ukarch_cycles())
 * @return 0, or -EINVAL (hz 0, or rate/burst too large to represent)
 */
int nf_rate_init(struct nf_rate *r, uint64_t hz, enum nf_rate_unit unit,
		 uint64_t rate, uint64_t burst, uint64_t now);

/**
 * How many of @p npkts frames may go at cycle counter value @p now; the
 * credit for them is taken. (Host tests drive this with a fake clock.)
 *
 * @param nbytes total length of the @p npkts frames without FCS (BPS;
 *               frames of different sizes are charged their average)
 * @return 0..npkts
 */
unsigned int nf_rate_take_at(struct nf_rate *r, uint64_t now,
			     unsigned int npkts, uint64_t nbytes);

/** nf_rate_take_at() now (reads ukarch_cycles()). */
static inline unsigned int nf_rate_take(struct nf_rate *r,
					unsigned int npkts, uint64_t nbytes)
{
	if (!r->cost)
		return npkts;
	return nf_rate_take_at(r, ukarch_cycles(), npkts, nbytes);
}

/**
 * Give back the credit of @p npkts frames (@p nbytes total) that were
 * taken but not sent (e.g. the tx queue was full).
 */
void nf_rate_refund(struct nf_rate *r, unsigned int npkts, uint64_t nbytes);

#endif /* __UK_NF_RATE_H__ */
