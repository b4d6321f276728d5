/* SPDX-License-Identifier: BSD-3-Clause */
/* TCP header (RFC 9293). */
#ifndef __UK_NF_TCP_H__
#define __UK_NF_TCP_H__

#include <stdint.h>

#define NF_TCP_HLEN		20	/**< header without options */
#define NF_TCP_HLEN_MAX		60

#define NF_TCP_FIN		0x01
#define NF_TCP_SYN		0x02
#define NF_TCP_RST		0x04
#define NF_TCP_PSH		0x08
#define NF_TCP_ACK		0x10
#define NF_TCP_URG		0x20
#define NF_TCP_ECE		0x40
#define NF_TCP_CWR		0x80

/** TCP header; multi-byte fields network order */
struct nf_tcp_hdr {
	uint16_t sport;
	uint16_t dport;
	uint32_t seq;
	uint32_t ack;
	uint8_t doff_res;	/**< data offset (4 bits, 32-bit words) | res */
	uint8_t flags;		/**< NF_TCP_* */
	uint16_t window;
	uint16_t csum;
	uint16_t urg_ptr;
} __attribute__((packed));

_Static_assert(sizeof(struct nf_tcp_hdr) == NF_TCP_HLEN, "tcp hdr");

/** @return the header length in bytes (data offset * 4; not validated) */
static inline unsigned int nf_tcp_hlen(const struct nf_tcp_hdr *th)
{
	return (th->doff_res >> 4) * 4u;
}

#endif /* __UK_NF_TCP_H__ */
