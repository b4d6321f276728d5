/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internet checksum (RFC 1071): 64-bit loads summed into a 128-bit
 * accumulator (add/adc, no carry test per word), folded at the end. The
 * sum is taken modulo 2^64 - 1 by the final end-around fold, which keeps
 * it congruent to the 16-bit one's-complement sum since 2^16 - 1 divides
 * 2^64 - 1. See <uk/nf/csum.h>.
 */
#include <uk/nf/csum.h>

uint32_t nf_csum_partial(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;
	unsigned __int128 s = sum;
	uint64_t a, b, c, d;
	uint16_t w;

	while (len >= 32) {
		__builtin_memcpy(&a, p, 8);
		__builtin_memcpy(&b, p + 8, 8);
		__builtin_memcpy(&c, p + 16, 8);
		__builtin_memcpy(&d, p + 24, 8);
		s += a;
		s += b;
		s += c;
		s += d;
		p += 32;
		len -= 32;
	}
	while (len >= 8) {
		__builtin_memcpy(&a, p, 8);
		s += a;
		p += 8;
		len -= 8;
	}
	while (len >= 2) {
		__builtin_memcpy(&w, p, 2);
		s += w;
		p += 2;
		len -= 2;
	}
	if (len) {
		/* pad with a zero byte: the byte keeps its memory position */
		w = 0;
		__builtin_memcpy(&w, p, 1);
		s += w;
	}
	return _nf_csum_fold128(s);
}
