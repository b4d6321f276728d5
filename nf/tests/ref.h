/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test helpers shared by the uktest suites and the host tests: a
 * byte-wise RFC 1071 reference checksum (written independently of
 * nf_csum_partial(): 16-bit big-endian words, one at a time) and a
 * xorshift64 generator (Marsaglia 2003) for repeatable random input.
 */
#ifndef __NF_TESTS_REF_H__
#define __NF_TESTS_REF_H__

#include <stddef.h>
#include <stdint.h>

/** One's-complement sum of big-endian words added to @p acc, folded. */
static inline uint16_t nf_ref_sum(const uint8_t *p, size_t len,
				  uint32_t acc)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		acc += (uint32_t)p[len - 1] << 8;
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)acc;
}

/** Internet checksum of @p len bytes, host order. */
static inline uint16_t nf_ref_csum(const uint8_t *p, size_t len)
{
	return (uint16_t)~nf_ref_sum(p, len, 0);
}

/** Next value of the xorshift64 sequence in @p s (never 0). */
static inline uint64_t nf_ref_rnd(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

#endif /* __NF_TESTS_REF_H__ */
