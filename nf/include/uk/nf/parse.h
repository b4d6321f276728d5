/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bounds-checked parsing of an untrusted Ethernet frame.
 *
 *   struct nf_parsed p;
 *   int rc = nf_parse(pkt->data, pkt->len, &p);
 *
 *   if (rc < 0)
 *           drops[-rc]++;                  // -NF_ERUNT, -NF_ETRUNC, ...
 *   else if (p.flags & NF_PF_UDP)
 *           handle(p.udp, p.payload, p.payload_len);
 *
 * Layers understood: Ethernet II with up to two VLAN tags (802.1Q
 * C-tag, 802.1ad/0x9100 S-tag), ARP (Ethernet/IPv4), IPv4 (options
 * skipped, fragments flagged), IPv6 (hop-by-hop, routing, destination
 * options, fragment and AH extension headers skipped), UDP, TCP, ICMP
 * and ICMPv6. Anything else is not an error: parsing stops at the last
 * layer it knows (e.g. an unknown EtherType leaves only the L2 fields).
 *
 * Guarantees: nf_parse() never reads outside [frame, frame + len); every
 * pointer and offset it sets lies within the frame together with the
 * whole header it points to.
 */
#ifndef __UK_NF_PARSE_H__
#define __UK_NF_PARSE_H__

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <uk/nf/ether.h>
#include <uk/nf/arp.h>
#include <uk/nf/ip4.h>
#include <uk/nf/ip6.h>
#include <uk/nf/udp.h>
#include <uk/nf/tcp.h>
#include <uk/nf/icmp.h>

/*
 * Error codes; nf_parse() returns them negated. Distinct from errno
 * values on purpose, so a drop counter array can be indexed by -rc.
 */
/** Frame shorter than an Ethernet header (14 bytes). */
#define NF_ERUNT	1
/** The frame ends inside a header, or before the IP length says. */
#define NF_ETRUNC	2
/** Length fields disagree: IPv4 total length < IHL*4, UDP length < 8 or
 * beyond the IP payload, L4 header beyond the IP payload. */
#define NF_EBADLEN	3
/** Malformed header field: IP version, IPv4 IHL < 5, TCP data offset
 * < 5, ARP address lengths. */
#define NF_EBADHDR	4
/** More than NF_PARSE_MAX_VLANS tags or NF_PARSE_MAX_IP6_EXT IPv6
 * extension headers. */
#define NF_ETOOMANY	5
/** Number of error codes + 1 (size of a counter array indexed by -rc) */
#define NF_ENUM		6

#define NF_PARSE_MAX_VLANS	2
#define NF_PARSE_MAX_IP6_EXT	8

/* nf_parsed.flags: which layers were found */
#define NF_PF_VLAN	0x0001	/**< at least one VLAN tag */
#define NF_PF_LLC	0x0002	/**< 802.3 length field, not a type */
#define NF_PF_ARP	0x0004
#define NF_PF_IP4	0x0008
#define NF_PF_IP6	0x0010
#define NF_PF_IPOPT	0x0020	/**< IPv4 options / IPv6 ext. headers */
#define NF_PF_FRAG	0x0040	/**< IP fragment (see NF_PF_L4) */
#define NF_PF_L4	0x0080	/**< an L4 header was parsed (not for a
				 * non-first fragment) */
#define NF_PF_UDP	0x0100
#define NF_PF_TCP	0x0200
#define NF_PF_ICMP	0x0400	/**< ICMP or ICMPv6 */

/** Parsed view of a frame; offsets are from the frame start. */
struct nf_parsed {
	uint32_t flags;		/**< NF_PF_* */
	uint16_t ethertype;	/**< host order, after the VLAN tags */
	uint8_t nvlans;
	uint8_t l4_proto;	/**< NF_IPPROTO_* (IP only) */
	uint16_t vlan_tci[NF_PARSE_MAX_VLANS];	/**< host order, outer first */

	uint32_t l3_off;	/**< = L2 header length incl. tags */
	uint32_t l3_len;	/**< IPv4: IHL*4; IPv6: 40 + ext. headers;
				 * ARP: 28 */
	uint32_t l4_off;	/**< IP: first byte after the IP headers */
	uint32_t l4_len;	/**< L4 header length (UDP 8, TCP doff*4,
				 * ICMP 8); 0 without NF_PF_L4 */
	uint32_t payload_off;	/**< L4 payload (IP payload for unknown L4) */
	uint32_t payload_len;	/**< bounded by the IP/UDP length fields */
	uint32_t ip_end;	/**< end of the IP packet (IP length);
				 * bytes after it are Ethernet padding */

	const struct nf_ether_hdr *eth;
	const struct nf_arp_hdr *arp;
	const struct nf_ip4_hdr *ip4;
	const struct nf_ip6_hdr *ip6;
	const struct nf_udp_hdr *udp;
	const struct nf_tcp_hdr *tcp;
	const struct nf_icmp_hdr *icmp;
	const uint8_t *payload;
};

/**
 * Parse an untrusted frame.
 *
 * @param frame first byte of the Ethernet header
 * @param len   bytes available at @p frame (without FCS)
 * @param out   filled in (also partially on error: the layers before the
 *              faulty one are valid)
 * @return 0 on success, or -NF_ERUNT, -NF_ETRUNC, -NF_EBADLEN,
 *         -NF_EBADHDR, -NF_ETOOMANY
 */
int nf_parse(const void *frame, size_t len, struct nf_parsed *out);

/**
 * Verify every checksum of a frame nf_parse() accepted: the IPv4 header
 * checksum, and the UDP, TCP, ICMP or ICMPv6 checksum when the whole L4
 * message is in this frame (not for IP fragments). A UDP checksum of 0
 * means "none" over IPv4 and passes; over IPv6 it is mandatory and fails.
 *
 * @return true if no checksum is wrong
 */
bool nf_parsed_csum_ok(const struct nf_parsed *p);

/** @return a short text for an nf_parse() result (e.g. "truncated") */
const char *nf_parse_strerror(int rc);

#endif /* __UK_NF_PARSE_H__ */
