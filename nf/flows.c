/* SPDX-License-Identifier: BSD-3-Clause */
/* Flow and frame-size variation (see <uk/nf/flows.h>). */
#include <uk/nf/flows.h>
#include <uk/nf/gen.h>

void nf_flows_init(struct nf_flows *f, enum nf_flows_mode mode, uint32_t n,
		   uint32_t ip_base, uint16_t port_base)
{
	f->mode = mode;
	f->n = n ? n : 1;
	f->next = 0;
	f->ip_base = ip_base;
	f->port_base = port_base;
}

uint32_t nf_flows_apply(struct nf_flows *f, void *frame)
{
	uint32_t i = f->next;
	uint32_t ip = f->ip_base;
	uint16_t port = f->port_base;

	if (f->mode != NF_FLOWS_IP)
		port = (uint16_t)(port + i);
	if (f->mode != NF_FLOWS_PORT)
		ip += i;
	nf_gen_udp4_set_src(frame, ip, port);
	f->next = (i + 1 == f->n) ? 0 : i + 1;
	return i;
}

static const uint16_t imix_order[NF_IMIX_PERIOD] = {
	NF_IMIX_SMALL, NF_IMIX_MEDIUM, NF_IMIX_SMALL, NF_IMIX_SMALL,
	NF_IMIX_MEDIUM, NF_IMIX_SMALL, NF_IMIX_LARGE, NF_IMIX_SMALL,
	NF_IMIX_MEDIUM, NF_IMIX_SMALL, NF_IMIX_SMALL, NF_IMIX_MEDIUM,
};

void nf_sizes_init(struct nf_sizes *s, const struct nf_size_spec *spec,
		   uint64_t seed)
{
	s->spec = *spec;
	if (s->spec.max < s->spec.min)
		s->spec.max = s->spec.min;
	s->cur = s->spec.min;
	s->pos = 0;
	s->rng = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint16_t nf_sizes_next(struct nf_sizes *s)
{
	uint16_t v;
	uint64_t x;

	switch (s->spec.mode) {
	case NF_SIZE_SEQ:
		v = s->cur;
		s->cur = (v >= s->spec.max) ? s->spec.min : v + 1;
		return v;
	case NF_SIZE_RAND:
		/* xorshift64 (Marsaglia 2003), 13/7/17 */
		x = s->rng;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		s->rng = x;
		return (uint16_t)(s->spec.min +
			(((x >> 32) * (uint64_t)(s->spec.max - s->spec.min +
						 1)) >> 32));
	case NF_SIZE_IMIX:
		v = imix_order[s->pos];
		s->pos = (s->pos + 1 == NF_IMIX_PERIOD) ? 0 : s->pos + 1;
		return v;
	default:
		return s->spec.min;
	}
}

uint16_t nf_size_spec_max(const struct nf_size_spec *spec)
{
	if (spec->mode == NF_SIZE_IMIX)
		return NF_IMIX_LARGE;
	if (spec->mode == NF_SIZE_FIXED)
		return spec->min;
	return spec->max > spec->min ? spec->max : spec->min;
}
