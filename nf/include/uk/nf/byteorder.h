/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Byte order. Packet headers hold network (big-endian) values; the
 * target (x86_64) is little-endian. The nf_[hn]to[hn]* helpers are
 * constant-foldable, so they also work in initialisers of constants.
 *
 * Unaligned loads and stores of packet fields go through memcpy-based
 * helpers (the compiler turns them into plain moves on x86_64).
 */
#ifndef __UK_NF_BYTEORDER_H__
#define __UK_NF_BYTEORDER_H__

#include <stdint.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define nf_htons(x)	((uint16_t)__builtin_bswap16((uint16_t)(x)))
#define nf_htonl(x)	((uint32_t)__builtin_bswap32((uint32_t)(x)))
#define nf_htonll(x)	((uint64_t)__builtin_bswap64((uint64_t)(x)))
#else
#define nf_htons(x)	((uint16_t)(x))
#define nf_htonl(x)	((uint32_t)(x))
#define nf_htonll(x)	((uint64_t)(x))
#endif
#define nf_ntohs(x)	nf_htons(x)
#define nf_ntohl(x)	nf_htonl(x)
#define nf_ntohll(x)	nf_htonll(x)

/** Load a big-endian 16-bit value from any address. */
static inline uint16_t nf_get_be16(const void *p)
{
	uint16_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return nf_ntohs(v);
}

/** Load a big-endian 32-bit value from any address. */
static inline uint32_t nf_get_be32(const void *p)
{
	uint32_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return nf_ntohl(v);
}

/** Load a big-endian 64-bit value from any address. */
static inline uint64_t nf_get_be64(const void *p)
{
	uint64_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return nf_ntohll(v);
}

/** Store @p v big-endian at any address. */
static inline void nf_put_be16(void *p, uint16_t v)
{
	v = nf_htons(v);
	__builtin_memcpy(p, &v, sizeof(v));
}

/** Store @p v big-endian at any address. */
static inline void nf_put_be32(void *p, uint32_t v)
{
	v = nf_htonl(v);
	__builtin_memcpy(p, &v, sizeof(v));
}

/** Store @p v big-endian at any address. */
static inline void nf_put_be64(void *p, uint64_t v)
{
	v = nf_htonll(v);
	__builtin_memcpy(p, &v, sizeof(v));
}

/** Build a host-order IPv4 address from its dotted-quad parts. */
#define NF_IP4(a, b, c, d)						\
	((uint32_t)(((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) |	\
		    ((uint32_t)(c) << 8) | (uint32_t)(d)))

#endif /* __UK_NF_BYTEORDER_H__ */
