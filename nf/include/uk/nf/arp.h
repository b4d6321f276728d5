/* SPDX-License-Identifier: BSD-3-Clause */
/* ARP for IPv4 over Ethernet (RFC 826). */
#ifndef __UK_NF_ARP_H__
#define __UK_NF_ARP_H__

#include <stdint.h>
#include <uk/nf/ether.h>

#define NF_ARP_HRD_ETHER	1
#define NF_ARP_OP_REQUEST	1
#define NF_ARP_OP_REPLY		2
#define NF_ARP_LEN		28

/** ARP packet, Ethernet/IPv4 flavour; all fields network order */
struct nf_arp_hdr {
	uint16_t hrd;		/**< hardware type (1: Ethernet) */
	uint16_t pro;		/**< protocol type (0x0800) */
	uint8_t hln;		/**< hardware address length (6) */
	uint8_t pln;		/**< protocol address length (4) */
	uint16_t op;		/**< NF_ARP_OP_* */
	struct nf_ether_addr sha;
	uint32_t spa;
	struct nf_ether_addr tha;
	uint32_t tpa;
} __attribute__((packed));

_Static_assert(sizeof(struct nf_arp_hdr) == NF_ARP_LEN, "arp hdr");

#endif /* __UK_NF_ARP_H__ */
