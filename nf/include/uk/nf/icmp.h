/* SPDX-License-Identifier: BSD-3-Clause */
/* ICMP (RFC 792) and ICMPv6 (RFC 4443) common header. */
#ifndef __UK_NF_ICMP_H__
#define __UK_NF_ICMP_H__

#include <stdint.h>

#define NF_ICMP_HLEN		8	/**< type, code, csum, 4 bytes rest */

#define NF_ICMP_ECHOREPLY	0
#define NF_ICMP_DEST_UNREACH	3
#define NF_ICMP_ECHO		8
#define NF_ICMP_TIME_EXCEEDED	11
#define NF_ICMP6_ECHO_REQUEST	128
#define NF_ICMP6_ECHO_REPLY	129

/** ICMP/ICMPv6 header; multi-byte fields network order */
struct nf_icmp_hdr {
	uint8_t type;
	uint8_t code;
	uint16_t csum;		/**< over the ICMP message (ICMPv6: with the
				 * IPv6 pseudo-header) */
	union {
		struct {
			uint16_t id;
			uint16_t seq;
		} echo;
		uint32_t rest;
	} un;
} __attribute__((packed));

_Static_assert(sizeof(struct nf_icmp_hdr) == NF_ICMP_HLEN, "icmp hdr");

#endif /* __UK_NF_ICMP_H__ */
