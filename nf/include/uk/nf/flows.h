/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Traffic variation for generators: N flows (source port and/or source
 * IP varied round-robin, checksums updated incrementally) and frame
 * sizes (fixed, a range stepped or drawn at random, or IMIX).
 *
 * Both work on frames built by nf_gen_udp4_build() (<uk/nf/gen.h>).
 */
#ifndef __UK_NF_FLOWS_H__
#define __UK_NF_FLOWS_H__

#include <stdint.h>

enum nf_flows_mode {
	NF_FLOWS_PORT = 0,	/**< flow i: source port base + i */
	NF_FLOWS_IP = 1,	/**< flow i: source IP base + i */
	NF_FLOWS_BOTH = 2,	/**< flow i: both + i */
};

/** Round-robin flow variation state */
struct nf_flows {
	uint32_t ip_base;	/**< host order */
	uint16_t port_base;	/**< host order */
	uint32_t n;		/**< number of flows, >= 1 */
	uint32_t next;		/**< flow the next frame gets */
	enum nf_flows_mode mode;
};

/**
 * @param n flows (0 is taken as 1); ports/IPs wrap around modulo 2^16 /
 *          2^32 beyond the base
 */
void nf_flows_init(struct nf_flows *f, enum nf_flows_mode mode, uint32_t n,
		   uint32_t ip_base, uint16_t port_base);

/**
 * Rewrite @p frame (from nf_gen_udp4_build()) as the next flow's frame
 * and advance. @return the flow index used
 */
uint32_t nf_flows_apply(struct nf_flows *f, void *frame);

/* Frame sizes. Lengths are Ethernet frames without FCS. */
enum nf_size_mode {
	NF_SIZE_FIXED = 0,	/**< always min */
	NF_SIZE_SEQ = 1,	/**< min, min+1, ..., max, min, ... */
	NF_SIZE_RAND = 2,	/**< uniform in [min, max], xorshift64 */
	NF_SIZE_IMIX = 3,	/**< simple IMIX, 7:4:1 of 60/590/1514 */
};

/* Simple IMIX (64/594/1518 with FCS, i.e. 60/590/1514 without), 7:4:1,
 * in a fixed 12-frame order that spreads the large frames:
 * S M S S M S L S M S S M. Average 357.8 bytes (+24 on the wire). */
#define NF_IMIX_SMALL		60
#define NF_IMIX_MEDIUM		590
#define NF_IMIX_LARGE		1514
#define NF_IMIX_PERIOD		12
#define NF_IMIX_PERIOD_BYTES	(7 * 60 + 4 * 590 + 1514)

/** How sizes are chosen (what the size= argument parses into) */
struct nf_size_spec {
	enum nf_size_mode mode;
	uint16_t min;
	uint16_t max;
};

/** Size generator state */
struct nf_sizes {
	struct nf_size_spec spec;
	uint16_t cur;		/**< SEQ: next size */
	uint32_t pos;		/**< IMIX: position in the period */
	uint64_t rng;		/**< RAND: xorshift64 state, never 0 */
};

/**
 * @param seed RAND: seed of the sequence (0 is replaced by a constant);
 *             the same seed gives the same sizes
 */
void nf_sizes_init(struct nf_sizes *s, const struct nf_size_spec *spec,
		   uint64_t seed);

/** @return the next frame size */
uint16_t nf_sizes_next(struct nf_sizes *s);

/** @return the largest size @p spec can produce (to size buffers) */
uint16_t nf_size_spec_max(const struct nf_size_spec *spec);

#endif /* __UK_NF_FLOWS_H__ */
