/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ethernet II (IEEE 802.3) and VLAN tags (IEEE 802.1Q C-tag, 802.1ad
 * S-tag). Frame lengths in uknf never include the 4-byte FCS: the
 * smallest frame is 60 bytes and the largest untagged one 1514.
 */
#ifndef __UK_NF_ETHER_H__
#define __UK_NF_ETHER_H__

#include <stdint.h>
#include <stdbool.h>
#include <uk/nf/byteorder.h>

#define NF_ETH_ALEN		6
#define NF_ETH_HLEN		14	/**< dst, src, type */
/** VLAN tag after the outer type (the TPID): TCI, inner type */
#define NF_ETH_VLAN_HLEN	4
#define NF_ETH_FCS_LEN		4
#define NF_ETH_ZLEN		60	/**< minimum frame without FCS */
#define NF_ETH_FRAME_MAX	1514	/**< largest untagged frame, no FCS */
#define NF_ETH_FRAME_MAX_FCS	1518	/**< same, with FCS */
#define NF_ETH_MTU		1500
/** Bytes on the wire besides the frame: preamble+SFD (8), FCS (4) and
 * the inter-frame gap (12). Add it per frame for L1 (line) rates. */
#define NF_ETH_L1_OVERHEAD	24

/* EtherTypes (IEEE registry), host order */
#define NF_ETH_P_IP		0x0800
#define NF_ETH_P_ARP		0x0806
#define NF_ETH_P_8021Q		0x8100	/**< C-tag */
#define NF_ETH_P_8021AD		0x88A8	/**< S-tag (QinQ outer) */
#define NF_ETH_P_QINQ1		0x9100	/**< pre-standard QinQ outer */
#define NF_ETH_P_IPV6		0x86DD
/** Values below this are an 802.3 length, not a type */
#define NF_ETH_P_MIN		0x0600

/** A MAC address */
struct nf_ether_addr {
	uint8_t addr[NF_ETH_ALEN];
} __attribute__((packed));

/** Ethernet II header */
struct nf_ether_hdr {
	struct nf_ether_addr dst;
	struct nf_ether_addr src;
	uint16_t type;		/**< network order */
} __attribute__((packed));

/** 802.1Q/802.1ad tag as it follows the outer type/TPID */
struct nf_vlan_hdr {
	uint16_t tci;		/**< PCP (3) | DEI (1) | VID (12), net order */
	uint16_t type;		/**< encapsulated type, network order */
} __attribute__((packed));

_Static_assert(sizeof(struct nf_ether_hdr) == NF_ETH_HLEN, "ether hdr");
_Static_assert(sizeof(struct nf_vlan_hdr) == NF_ETH_VLAN_HLEN, "vlan hdr");

/** @return the 12-bit VLAN ID of a tag */
static inline uint16_t nf_vlan_vid(const struct nf_vlan_hdr *v)
{
	return nf_ntohs(v->tci) & 0x0fff;
}

/** @return the 3-bit priority (PCP) of a tag */
static inline uint8_t nf_vlan_pcp(const struct nf_vlan_hdr *v)
{
	return nf_ntohs(v->tci) >> 13;
}

/** @return true if host-order EtherType @p t announces a VLAN tag */
static inline bool nf_eth_type_is_vlan(uint16_t t)
{
	return t == NF_ETH_P_8021Q || t == NF_ETH_P_8021AD ||
	       t == NF_ETH_P_QINQ1;
}

/** @return true for a group (multicast or broadcast) address */
static inline bool nf_ether_is_multicast(const struct nf_ether_addr *a)
{
	return a->addr[0] & 0x01;
}

/** @return true for ff:ff:ff:ff:ff:ff */
static inline bool nf_ether_is_broadcast(const struct nf_ether_addr *a)
{
	return (a->addr[0] & a->addr[1] & a->addr[2] & a->addr[3] &
		a->addr[4] & a->addr[5]) == 0xff;
}

/** @return true if @p a and @p b are the same address */
static inline bool nf_ether_equal(const struct nf_ether_addr *a,
				  const struct nf_ether_addr *b)
{
	return __builtin_memcmp(a, b, NF_ETH_ALEN) == 0;
}

/** Swap source and destination address of a frame (reflectors). */
static inline void nf_ether_swap(struct nf_ether_hdr *eh)
{
	struct nf_ether_addr t = eh->dst;

	eh->dst = eh->src;
	eh->src = t;
}

#endif /* __UK_NF_ETHER_H__ */
