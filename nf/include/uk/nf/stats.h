/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Periodic work (statistics, deadlines) without slowing the loop: the
 * cycle counter is read only every 2^k calls of nf_tick(), or when the
 * caller has nothing else to do (nf_tick_idle(), e.g. an empty rx
 * burst), and printing happens only when an interval has passed.
 *
 *   struct nf_tick t;
 *
 *   nf_tick_init(&t, 2 * ukplat_cycles_hz(), 1024, ukarch_cycles());
 *   for (;;) {
 *           ... burst ...
 *           if (nf_tick(&t))
 *                   print_netspeed(pkts, bytes);
 *   }
 *
 * Summary lines are key=value words so scripts can parse them
 * (nf_kv_print()).
 */
#ifndef __UK_NF_STATS_H__
#define __UK_NF_STATS_H__

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <uk/arch/cycles.h>

/** A periodic deadline on the cycle counter */
struct nf_tick {
	uint32_t mask;		/**< read the clock when (count & mask) == 0 */
	uint32_t count;
	uint64_t interval;	/**< cycles between two due ticks */
	uint64_t next;		/**< cycle counter value of the next tick */
};

/**
 * @param interval cycles between ticks (seconds * ukplat_cycles_hz())
 * @param every    read the clock every @p every calls of nf_tick();
 *                 rounded down to a power of two, 0 or 1: every call
 * @param now      current cycle counter
 */
void nf_tick_init(struct nf_tick *t, uint64_t interval, uint32_t every,
		  uint64_t now);

/**
 * @return true (once) when the interval has passed at cycle counter
 *         @p now; the next deadline is one interval later (or one
 *         interval from @p now if more than one was missed)
 */
bool nf_tick_check(struct nf_tick *t, uint64_t now);

/** Count a loop iteration; every 2^k-th one, check the clock. */
static inline bool nf_tick(struct nf_tick *t)
{
	if (++t->count & t->mask)
		return false;
	return nf_tick_check(t, ukarch_cycles());
}

/** Check the clock now (the loop is idle anyway). */
static inline bool nf_tick_idle(struct nf_tick *t)
{
	return nf_tick_check(t, ukarch_cycles());
}

/** One key=value item of a summary line */
struct nf_kv {
	const char *key;
	enum {
		NF_KV_U64,	/**< u: decimal */
		NF_KV_MILLI,	/**< u: thousandths, printed as N.NNN */
		NF_KV_STR,	/**< s */
	} type;
	union {
		uint64_t u;
		const char *s;
	};
};

#define NF_KV_U(k, v)	{ .key = (k), .type = NF_KV_U64, { .u = (v) } }
#define NF_KV_M(k, v)	{ .key = (k), .type = NF_KV_MILLI, { .u = (v) } }
#define NF_KV_S(k, v)	{ .key = (k), .type = NF_KV_STR, { .s = (v) } }

/**
 * Format "tag k1=v1 k2=v2 ...\n" into @p buf (tag may be NULL).
 * @return the length it would have had (as snprintf())
 */
int nf_kv_fmt(char *buf, size_t size, const char *tag,
	      const struct nf_kv *kv, unsigned int n);

/** Print a nf_kv_fmt() line on the console (lines up to 512 bytes). */
void nf_kv_print(const char *tag, const struct nf_kv *kv, unsigned int n);

#endif /* __UK_NF_STATS_H__ */
