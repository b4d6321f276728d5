/* SPDX-License-Identifier: BSD-3-Clause */
/* Rates over a window and the tutorial's print_netspeed(). */
#include <stdio.h>
#include <inttypes.h>
#include <uk/nf/netspeed.h>
#ifndef NF_HOST_TEST
#include <uk/plat/time.h>
#endif

/* a * b / c without overflowing for a * b < 2^128 */
static uint64_t muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	return (uint64_t)(((unsigned __int128)a * b) / c);
}

int nf_stats_window_update(struct nf_stats_window *w, uint64_t now_ns,
			   uint64_t total_pkts, uint64_t total_bytes,
			   struct nf_netspeed *out)
{
	struct nf_netspeed tmp;
	int ret = 0;

	if (!out)
		out = &tmp;
	if (w->started && now_ns > w->t_ns) {
		out->dt_ns = now_ns - w->t_ns;
		out->pkts = total_pkts - w->pkts;
		out->bytes = total_bytes - w->bytes;
		out->pps = muldiv(out->pkts, 1000000000ULL, out->dt_ns);
		/* bytes * 8 bits / dt_ns = Gbit/s; * 10^6 -> kbit/s */
		out->kbps = muldiv(out->bytes, 8000000ULL, out->dt_ns);
		ret = 1;
	} else if (w->started) {
		return 0;	/* no time passed: keep the old sample */
	}
	w->t_ns = now_ns;
	w->pkts = total_pkts;
	w->bytes = total_bytes;
	w->started = 1;
	return ret;
}

int nf_netspeed_fmt(char *buf, size_t size, const struct nf_netspeed *s)
{
	return snprintf(buf, size, "pps=%" PRIu64 " mbps=%" PRIu64 ".%03u",
			s->pps, s->kbps / 1000, (unsigned int)(s->kbps % 1000));
}

#ifndef NF_HOST_TEST
void print_netspeed(uint64_t total_pkts, uint64_t total_bytes)
{
	static struct nf_stats_window w;
	struct nf_netspeed s;
	char line[96];

	if (!nf_stats_window_update(&w, ukplat_monotonic_clock(), total_pkts,
				    total_bytes, &s))
		return;
	nf_netspeed_fmt(line, sizeof(line), &s);
	printf("netspeed: %s dt_ms=%" PRIu64 "\n", line, s.dt_ns / 1000000);
}
#endif
