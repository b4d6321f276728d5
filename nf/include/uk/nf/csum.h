/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internet checksum (RFC 1071), pseudo-header checksums for UDP and TCP
 * over IPv4 (RFC 768, RFC 9293) and IPv6 (RFC 8200 section 8.1), and
 * incremental update (RFC 1624 equation 3).
 *
 * Byte order: a one's-complement sum does not depend on the byte order
 * it is computed in (RFC 1071 section 2(B)). Every function here loads
 * 16-bit words as they lie in memory, so a checksum returned by these
 * functions is ready to be stored into the packet's checksum field as a
 * raw uint16_t (no nf_htons()), and the old/new values given to the
 * nf_csum_update*() functions are the raw fields read from the packet.
 *
 * Partial sums (uint32_t) are unfolded accumulators: chain them with
 * nf_csum_partial(buf, len, sum) and nf_csum_add(); finish with
 * nf_csum_finish() (fold and complement). Every chained piece except the
 * last must have an even length.
 *
 * Verifying: over a header or segment that includes its checksum field,
 * the finished checksum is 0 when the data is intact (nf_ip4_csum_ok(),
 * nf_ip4_l4_csum() == 0).
 */
#ifndef __UK_NF_CSUM_H__
#define __UK_NF_CSUM_H__

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <uk/nf/byteorder.h>
#include <uk/nf/ip4.h>
#include <uk/nf/ip6.h>

/**
 * One's-complement sum of @p len bytes at @p buf (any alignment) added
 * to @p sum. An odd last byte is padded with a zero byte (RFC 1071).
 * Sums 8 bytes per step into a 128-bit accumulator.
 *
 * @return the unfolded partial sum
 */
uint32_t nf_csum_partial(const void *buf, size_t len, uint32_t sum);

/** Fold a partial sum to 16 bits (no complement). */
static inline uint16_t nf_csum_fold(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/** @return the checksum to store: complement of the folded sum */
static inline uint16_t nf_csum_finish(uint32_t sum)
{
	return (uint16_t)~nf_csum_fold(sum);
}

/** One's-complement addition of two partial sums. */
static inline uint32_t nf_csum_add(uint32_t a, uint32_t b)
{
	uint32_t s = a + b;

	return s + (s < a);
}

/** @return the Internet checksum of @p len bytes at @p buf */
static inline uint16_t nf_csum(const void *buf, size_t len)
{
	return nf_csum_finish(nf_csum_partial(buf, len, 0));
}

/**
 * IPv4 header checksum over IHL*4 bytes, as if the checksum field were
 * zero (the field's current value is ignored).
 * The caller must have checked that IHL*4 bytes are readable.
 *
 * @return the value to store in ip->csum
 */
static inline uint16_t nf_ip4_csum(const struct nf_ip4_hdr *ip)
{
	uint32_t s = nf_csum_partial(ip, nf_ip4_hlen(ip), 0);

	/* subtract the current field: adding its complement */
	return nf_csum_finish(nf_csum_add(s, (uint16_t)~ip->csum));
}

/** Compute and store the IPv4 header checksum. */
static inline void nf_ip4_csum_set(struct nf_ip4_hdr *ip)
{
	ip->csum = 0;
	ip->csum = nf_csum(ip, nf_ip4_hlen(ip));
}

/** @return true if the IPv4 header checksum (IHL*4 bytes) is correct */
static inline bool nf_ip4_csum_ok(const struct nf_ip4_hdr *ip)
{
	return nf_csum(ip, nf_ip4_hlen(ip)) == 0;
}

/**
 * Partial sum of the IPv4 pseudo-header: source, destination, zero,
 * protocol, L4 length (RFC 768 / RFC 9293).
 * @param len L4 length in bytes (header + payload), host order
 */
static inline uint32_t nf_ip4_pseudo_sum(const struct nf_ip4_hdr *ip,
					 uint8_t proto, uint16_t len)
{
	uint32_t s = nf_csum_partial(&ip->src, 8, 0);

	s = nf_csum_add(s, nf_htons((uint16_t)proto));
	return nf_csum_add(s, nf_htons(len));
}

/**
 * Partial sum of the IPv6 pseudo-header: source, destination, 32-bit
 * upper-layer length, 24 zero bits, next header (RFC 8200 8.1).
 */
static inline uint32_t nf_ip6_pseudo_sum(const struct nf_ip6_hdr *ip6,
					 uint8_t proto, uint32_t len)
{
	uint32_t s = nf_csum_partial(ip6->src, 2 * NF_IP6_ALEN, 0);

	s = nf_csum_add(s, nf_htons((uint16_t)(len >> 16)));
	s = nf_csum_add(s, nf_htons((uint16_t)len));
	return nf_csum_add(s, nf_htons((uint16_t)proto));
}

/**
 * UDP/TCP (or any pseudo-header protected L4) checksum over IPv4.
 * Sums the pseudo-header and @p len bytes at @p l4, checksum field
 * included: with the field zeroed the result is the value to store (for
 * UDP pass it through nf_udp_csum_fixup()); with the field filled in,
 * the result is 0 when the segment is intact.
 */
static inline uint16_t nf_ip4_l4_csum(const struct nf_ip4_hdr *ip,
				      uint8_t proto, const void *l4,
				      uint16_t len)
{
	return nf_csum_finish(nf_csum_partial(l4, len,
					nf_ip4_pseudo_sum(ip, proto, len)));
}

/** The IPv6 form of nf_ip4_l4_csum() (UDP, TCP, ICMPv6). */
static inline uint16_t nf_ip6_l4_csum(const struct nf_ip6_hdr *ip6,
				      uint8_t proto, const void *l4,
				      uint32_t len)
{
	return nf_csum_finish(nf_csum_partial(l4, len,
					nf_ip6_pseudo_sum(ip6, proto, len)));
}

/** A computed UDP checksum of 0 is sent as 0xffff (0 means "none"). */
static inline uint16_t nf_udp_csum_fixup(uint16_t c)
{
	return c ? c : 0xffff;
}

/**
 * Incremental update (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')) after a
 * 16-bit field changed from @p old to @p new. Raw packet values.
 *
 * @return the new checksum. For a UDP checksum, pass the result through
 *         nf_udp_csum_fixup() (and skip the update when the old UDP
 *         checksum is 0: no checksum).
 */
static inline uint16_t nf_csum_update16(uint16_t hc, uint16_t old,
					uint16_t new)
{
	uint32_t s = (uint16_t)~hc;

	s += (uint16_t)~old;
	s += new;
	return (uint16_t)~nf_csum_fold(s);
}

/** nf_csum_update16() for a 32-bit field (e.g. an IPv4 address). */
static inline uint16_t nf_csum_update32(uint16_t hc, uint32_t old,
					uint32_t new)
{
	uint32_t s = (uint16_t)~hc;

	s += (uint16_t)~old + (uint16_t)~(old >> 16);
	s += (uint16_t)new + (uint16_t)(new >> 16);
	return (uint16_t)~nf_csum_fold(s);
}

/** Fold a 128-bit sum of 16-bit words to 32 bits (128 -> 64 -> 32, with
 * end-around carries); the result still needs nf_csum_fold(). Internal. */
static inline uint32_t _nf_csum_fold128(unsigned __int128 s)
{
	uint64_t r = (uint64_t)s, hi = (uint64_t)(s >> 64);

	r += hi;
	r += r < hi;
	r = (r & 0xffffffffu) + (r >> 32);
	r = (r & 0xffffffffu) + (r >> 32);
	return (uint32_t)r;
}

/**
 * nf_csum_update16() for a field of @p len bytes (even, and at an even
 * offset from the start of the checksummed data) that changed from the
 * bytes at @p old to the bytes at @p new: ~HC + ~old + new, summed
 * 8 bytes at a time (one's complement of a 64-bit word is its negation
 * modulo 2^64 - 1, a multiple of 2^16 - 1).
 */
static inline uint16_t nf_csum_update_buf(uint16_t hc, const void *old,
					  const void *new, size_t len)
{
	const uint8_t *o = old, *n = new;
	unsigned __int128 s = (uint16_t)~hc;
	uint64_t a, b;
	uint16_t x, y;

	for (; len >= 8; len -= 8, o += 8, n += 8) {
		__builtin_memcpy(&a, o, 8);
		__builtin_memcpy(&b, n, 8);
		s += ~a;
		s += b;
	}
	for (; len >= 2; len -= 2, o += 2, n += 2) {
		__builtin_memcpy(&x, o, 2);
		__builtin_memcpy(&y, n, 2);
		s += (uint16_t)~x;
		s += y;
	}
	return (uint16_t)~nf_csum_fold(_nf_csum_fold128(s));
}

#endif /* __UK_NF_CSUM_H__ */
