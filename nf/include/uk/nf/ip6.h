/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv6 fixed header and extension headers (RFC 8200). */
#ifndef __UK_NF_IP6_H__
#define __UK_NF_IP6_H__

#include <stdint.h>
#include <uk/nf/byteorder.h>
#include <uk/nf/ip4.h>	/* NF_IPPROTO_* */

#define NF_IP6_HLEN		40
#define NF_IP6_VERSION		6
#define NF_IP6_ALEN		16

/** IPv6 fixed header; multi-byte fields network order */
struct nf_ip6_hdr {
	uint32_t vtc_flow;	/**< version 4 | traffic class 8 | flow 20 */
	uint16_t payload_len;	/**< bytes after this fixed header */
	uint8_t nexthdr;	/**< NF_IPPROTO_* */
	uint8_t hop_limit;
	uint8_t src[NF_IP6_ALEN];
	uint8_t dst[NF_IP6_ALEN];
} __attribute__((packed));

/** Generic extension header (hop-by-hop, routing, destination options):
 * length in 8-byte units, not counting the first 8 bytes. */
struct nf_ip6_ext {
	uint8_t nexthdr;
	uint8_t len;
} __attribute__((packed));

/** Fragment header (always 8 bytes) */
struct nf_ip6_frag {
	uint8_t nexthdr;
	uint8_t reserved;
	uint16_t off_flags;	/**< offset (13) | res (2) | M (1), net order */
	uint32_t id;
} __attribute__((packed));

#define NF_IP6_FRAG_LEN		8
#define NF_IP6_FRAG_MF		0x0001
#define NF_IP6_FRAG_OFFMASK	0xfff8

_Static_assert(sizeof(struct nf_ip6_hdr) == NF_IP6_HLEN, "ip6 hdr");
_Static_assert(sizeof(struct nf_ip6_frag) == NF_IP6_FRAG_LEN, "ip6 frag");

/** @return the IP version field */
static inline uint8_t nf_ip6_version(const struct nf_ip6_hdr *ip6)
{
	return nf_ntohl(ip6->vtc_flow) >> 28;
}

#endif /* __UK_NF_IP6_H__ */
