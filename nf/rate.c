/* SPDX-License-Identifier: BSD-3-Clause */
/* Token bucket on the cycle counter (see <uk/nf/rate.h>). */
#include <errno.h>
#include <uk/nf/rate.h>
#include <uk/nf/ether.h>
#include <uk/nf/gen.h>

#define MAX_CREDIT	(1ULL << 62)	/* credit + elapsed never overflows */

int nf_rate_init(struct nf_rate *r, uint64_t hz, enum nf_rate_unit unit,
		 uint64_t rate, uint64_t burst, uint64_t now)
{
	uint64_t min_burst;

	if (!r || !hz || hz > (1ULL << 40) ||
	    (unit != NF_RATE_PPS && unit != NF_RATE_BPS))
		return -EINVAL;
	r->unit = unit;
	r->last = now;
	r->credit = 0;
	r->cost = 0;
	r->max_credit = 0;
	r->max_elapsed = 0;
	if (!rate)
		return 0;	/* unlimited */

	if (unit == NF_RATE_PPS) {
		r->cost = (hz << NF_RATE_FRAC) / rate;
		min_burst = 1;
	} else {
		/* hz * 8 bits per byte, fixed point */
		r->cost = ((hz * 8) << NF_RATE_FRAC) / rate;
		min_burst = NF_GEN_PKTLEN_MAX + NF_ETH_L1_OVERHEAD;
	}
	if (!r->cost)
		return -EINVAL;	/* faster than one unit per 2^-16 cycle */
	if (burst < min_burst)
		burst = min_burst;
	if (__builtin_mul_overflow(burst, r->cost, &r->max_credit) ||
	    r->max_credit > MAX_CREDIT)
		return -EINVAL;
	r->max_elapsed = (r->max_credit >> NF_RATE_FRAC) + 1;
	return 0;
}

/* cost of one frame, the frames being @p nbytes / @p npkts on average */
static inline uint64_t frame_cost(const struct nf_rate *r,
				  unsigned int npkts, uint64_t nbytes)
{
	uint64_t l1 = nbytes + (uint64_t)npkts * NF_ETH_L1_OVERHEAD, c;

	if (r->unit == NF_RATE_PPS)
		return r->cost;
	if (!__builtin_mul_overflow(r->cost, l1, &c))
		return c / npkts;
	return r->cost * (l1 / npkts);
}

unsigned int nf_rate_take_at(struct nf_rate *r, uint64_t now,
			     unsigned int npkts, uint64_t nbytes)
{
	uint64_t elapsed, per, n;

	if (!r->cost || !npkts)
		return npkts;
	elapsed = now - r->last;
	r->last = now;
	if (elapsed >= r->max_elapsed) {
		r->credit = r->max_credit;
	} else {
		r->credit += elapsed << NF_RATE_FRAC;
		if (r->credit > r->max_credit)
			r->credit = r->max_credit;
	}
	per = frame_cost(r, npkts, nbytes);
	if (r->credit < per)
		return 0;
	n = r->credit / per;
	if (n > npkts)
		n = npkts;
	r->credit -= n * per;
	return (unsigned int)n;
}

void nf_rate_refund(struct nf_rate *r, unsigned int npkts, uint64_t nbytes)
{
	if (!r->cost || !npkts)
		return;
	r->credit += npkts * frame_cost(r, npkts, nbytes);
	if (r->credit > r->max_credit)
		r->credit = r->max_credit;
}
