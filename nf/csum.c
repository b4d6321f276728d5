/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internet checksum (RFC 1071): 64-bit loads summed with end-around
 * carry, folded at the end. See <nf/csum.h>.
 */
#include <nf/csum.h>

static inline uint64_t add64(uint64_t a, uint64_t b)
{
	uint64_t s;

	/* end-around carry: the carry out of bit 63 goes back in bit 0 */
	if (__builtin_add_overflow(a, b, &s))
		s++;
	return s;
}

uint32_t nf_csum_partial(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;
	uint64_t s = sum, a, b, c, d;
	uint16_t w;

	while (len >= 32) {
		__builtin_memcpy(&a, p, 8);
		__builtin_memcpy(&b, p + 8, 8);
		__builtin_memcpy(&c, p + 16, 8);
		__builtin_memcpy(&d, p + 24, 8);
		s = add64(s, a);
		s = add64(s, b);
		s = add64(s, c);
		s = add64(s, d);
		p += 32;
		len -= 32;
	}
	while (len >= 8) {
		__builtin_memcpy(&a, p, 8);
		s = add64(s, a);
		p += 8;
		len -= 8;
	}
	while (len >= 2) {
		__builtin_memcpy(&w, p, 2);
		s = add64(s, w);
		p += 2;
		len -= 2;
	}
	if (len) {
		/* pad with a zero byte: the byte keeps its memory position */
		w = 0;
		__builtin_memcpy(&w, p, 1);
		s = add64(s, w);
	}
	/* 64 -> 32 bits, keeping one's-complement equivalence */
	s = (s & 0xffffffffu) + (s >> 32);
	s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}
