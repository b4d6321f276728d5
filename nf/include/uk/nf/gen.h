/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UDP/IPv4 frame building into caller memory (no allocation, no netbuf),
 * and the pktgen payload header a receiver uses to detect loss,
 * duplicates and reordering.
 *
 * Frame layout (pktlen bytes, no FCS, no VLAN tag):
 *
 *   0   Ethernet (14)  dst, src, type 0x0800
 *   14  IPv4 (20)      no options, DF, TTL 64, id 0, valid checksum
 *   34  UDP (8)        valid checksum (never 0)
 *   42  nf_pktgen_hdr  magic 0x6e66 ("nf"), seq (64), ts (64): 18 bytes
 *   60  zeros          up to pktlen
 *
 * A 60-byte frame (the Ethernet minimum) carries exactly the pktgen
 * header, so every frame size from 60 carries one. Frames above 1514
 * bytes carry an IP packet above 1500 bytes: accepted because the
 * tutorial allows up to 1518, but a 1500-MTU Linux interface drops them.
 *
 * The padding being zero makes length changes cheap (nf_gen_udp4_resize())
 * and so is stamping (nf_gen_stamp()): both update the checksums
 * incrementally (RFC 1624) instead of summing the frame again.
 */
#ifndef __UK_NF_GEN_H__
#define __UK_NF_GEN_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/nf/ether.h>
#include <uk/nf/ip4.h>
#include <uk/nf/udp.h>

#define NF_GEN_PKTLEN_MIN	60
#define NF_GEN_PKTLEN_MAX	1518
#define NF_GEN_IP_OFF		NF_ETH_HLEN
#define NF_GEN_UDP_OFF		(NF_GEN_IP_OFF + NF_IP4_HLEN)
#define NF_GEN_HDR_OFF		(NF_GEN_UDP_OFF + NF_UDP_HLEN)	/* 42 */
#define NF_PKTGEN_MAGIC		0x6e66

/** Payload header of generated frames; network order */
struct nf_pktgen_hdr {
	uint16_t magic;		/**< NF_PKTGEN_MAGIC */
	uint64_t seq;		/**< sequence number, per generator */
	uint64_t ts;		/**< sender timestamp (the app's choice of
				 * unit: pktgen uses ns of the monotonic
				 * clock) */
} __attribute__((packed));

#define NF_PKTGEN_HLEN		18
_Static_assert(sizeof(struct nf_pktgen_hdr) == NF_PKTGEN_HLEN, "pktgen hdr");
_Static_assert(NF_GEN_HDR_OFF + NF_PKTGEN_HLEN == NF_GEN_PKTLEN_MIN,
	       "the pktgen header fills a minimum frame");

/** Addresses of a generated UDP/IPv4 frame */
struct nf_gen_udp4 {
	struct nf_ether_addr mac_src;
	struct nf_ether_addr mac_dst;
	uint32_t ip_src;	/**< host order */
	uint32_t ip_dst;	/**< host order */
	uint16_t port_src;	/**< host order */
	uint16_t port_dst;	/**< host order */
};

/**
 * Write a UDP/IPv4 frame of @p pktlen bytes at @p buf (layout above),
 * with seq = ts = 0 and valid IPv4 and UDP checksums.
 *
 * @param buf    where the frame goes (any alignment)
 * @param buflen bytes available at @p buf
 * @param pktlen frame length without FCS, NF_GEN_PKTLEN_MIN..MAX
 * @return @p pktlen, or -EINVAL (pktlen out of range, @p buf too small)
 */
int nf_gen_udp4_build(void *buf, size_t buflen, uint16_t pktlen,
		      const struct nf_gen_udp4 *g);

/**
 * Write @p seq and @p ts into a frame from nf_gen_udp4_build() and
 * update its UDP checksum incrementally (a few adds, no pass over the
 * payload).
 */
void nf_gen_stamp(void *frame, uint64_t seq, uint64_t ts);

/**
 * Change the length of a frame from nf_gen_udp4_build() in place: IP
 * total length, UDP length and both checksums are updated incrementally;
 * bytes added at the end are zeroed (the buffer must hold @p newlen).
 *
 * @param oldlen the frame's current length
 * @return 0, or -EINVAL if @p newlen is out of range
 */
int nf_gen_udp4_resize(void *frame, uint16_t oldlen, uint16_t newlen);

/**
 * Rewrite the source IPv4 address and UDP source port of a frame from
 * nf_gen_udp4_build() (flow variation), updating the IPv4 and UDP
 * checksums incrementally. Values in host order.
 */
void nf_gen_udp4_set_src(void *frame, uint32_t ip_src, uint16_t port_src);

/** @return the length of a frame from nf_gen_udp4_build(), read from
 * its IPv4 total length (what nf_gen_udp4_resize() keeps up to date) */
static inline uint16_t nf_gen_udp4_len(const void *frame)
{
	const struct nf_ip4_hdr *ip = (const struct nf_ip4_hdr *)
				      ((const uint8_t *)frame +
				       NF_GEN_IP_OFF);

	return (uint16_t)(NF_GEN_IP_OFF + nf_ntohs(ip->tot_len));
}

/**
 * Read the pktgen header from a UDP payload (e.g. nf_parsed.payload).
 *
 * @return 0 and @p seq / @p ts (may be NULL) set, or -ENOENT if the
 *         payload is shorter than the header or lacks the magic
 */
int nf_gen_read(const void *payload, size_t len, uint64_t *seq,
		uint64_t *ts);

#endif /* __UK_NF_GEN_H__ */
