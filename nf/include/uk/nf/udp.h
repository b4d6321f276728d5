/* SPDX-License-Identifier: BSD-3-Clause */
/* UDP header (RFC 768). */
#ifndef __UK_NF_UDP_H__
#define __UK_NF_UDP_H__

#include <stdint.h>

#define NF_UDP_HLEN	8

/** UDP header; all fields network order */
struct nf_udp_hdr {
	uint16_t sport;
	uint16_t dport;
	uint16_t len;		/**< header + payload bytes */
	uint16_t csum;		/**< 0: none (IPv4 only); computed 0 is sent
				 * as 0xffff */
} __attribute__((packed));

_Static_assert(sizeof(struct nf_udp_hdr) == NF_UDP_HLEN, "udp hdr");

#endif /* __UK_NF_UDP_H__ */
