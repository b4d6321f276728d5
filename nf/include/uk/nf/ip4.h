/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv4 header (RFC 791). */
#ifndef __UK_NF_IP4_H__
#define __UK_NF_IP4_H__

#include <stdint.h>
#include <uk/nf/byteorder.h>

#define NF_IP4_HLEN		20	/**< header without options */
#define NF_IP4_HLEN_MAX		60
#define NF_IP4_VERSION		4
#define NF_IP4_DEFTTL		64

/* frag_off bits (host order) */
#define NF_IP4_RF		0x8000	/**< reserved, must be zero */
#define NF_IP4_DF		0x4000	/**< don't fragment */
#define NF_IP4_MF		0x2000	/**< more fragments */
#define NF_IP4_OFFMASK		0x1fff	/**< offset in 8-byte units */

/* IP protocol numbers (IANA), shared with IPv6 next-header values */
#define NF_IPPROTO_HOPOPTS	0
#define NF_IPPROTO_ICMP		1
#define NF_IPPROTO_TCP		6
#define NF_IPPROTO_UDP		17
#define NF_IPPROTO_ROUTING	43
#define NF_IPPROTO_FRAGMENT	44
#define NF_IPPROTO_ESP		50
#define NF_IPPROTO_AH		51
#define NF_IPPROTO_ICMPV6	58
#define NF_IPPROTO_NONE		59
#define NF_IPPROTO_DSTOPTS	60

/** IPv4 header; multi-byte fields network order */
struct nf_ip4_hdr {
	uint8_t ver_ihl;	/**< version (4 bits) | IHL in 32-bit words */
	uint8_t tos;		/**< DSCP | ECN */
	uint16_t tot_len;	/**< header + payload bytes */
	uint16_t id;
	uint16_t frag_off;	/**< flags | fragment offset */
	uint8_t ttl;
	uint8_t proto;		/**< NF_IPPROTO_* */
	uint16_t csum;		/**< header checksum (nf_ip4_csum()) */
	uint32_t src;
	uint32_t dst;
} __attribute__((packed));

_Static_assert(sizeof(struct nf_ip4_hdr) == NF_IP4_HLEN, "ip4 hdr");

/** @return the IP version field */
static inline uint8_t nf_ip4_version(const struct nf_ip4_hdr *ip)
{
	return ip->ver_ihl >> 4;
}

/** @return the header length in bytes (IHL * 4; not validated) */
static inline unsigned int nf_ip4_hlen(const struct nf_ip4_hdr *ip)
{
	return (ip->ver_ihl & 0x0f) * 4u;
}

/** @return true if the packet is a fragment (MF set or offset != 0) */
static inline int nf_ip4_is_fragment(const struct nf_ip4_hdr *ip)
{
	return (nf_ntohs(ip->frag_off) & (NF_IP4_MF | NF_IP4_OFFMASK)) != 0;
}

/** @return true if the fragment offset is non-zero (no L4 header) */
static inline int nf_ip4_is_later_fragment(const struct nf_ip4_hdr *ip)
{
	return (nf_ntohs(ip->frag_off) & NF_IP4_OFFMASK) != 0;
}

#endif /* __UK_NF_IP4_H__ */
