/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The workshop's packet generator helpers (USoC'21 session 10) on top of
 * <uk/nf/gen.h>: allocate a netbuf and write a UDP/IPv4 frame into it, with
 * valid IPv4 and UDP checksums and a pktgen header (magic, sequence
 * number, timestamp; see <uk/nf/gen.h>) in the payload.
 *
 * IP addresses and ports are given in HOST byte order
 * (e.g. NF_IP4(198, 18, 0, 1), 5001). pktlen is the Ethernet frame
 * without FCS: 60..1518 (see <uk/nf/gen.h> about frames above 1514).
 */
#ifndef __UK_NF_GENPKT_H__
#define __UK_NF_GENPKT_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/alloc.h>
#include <uk/netbuf.h>
#include <uk/netdev.h>
#include <uk/nf/gen.h>

/* Defaults of genpkt_usoc21(): inside the benchmarking range
 * 198.18.0.0/15 (RFC 2544), towards the lab bridge's address
 * (scripts/netlab: 198.18.0.254), broadcast destination MAC so the
 * bridge and every guest on it receive the frames. */
#define GENPKT_USOC21_IP_SRC	NF_IP4(198, 18, 0, 1)
#define GENPKT_USOC21_IP_DST	NF_IP4(198, 18, 0, 254)
#define GENPKT_USOC21_PORT_SRC	5001
#define GENPKT_USOC21_PORT_DST	5001
#define GENPKT_USOC21_MAC_DST	{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } }

/**
 * Allocate a netbuf from @p a and write a UDP/IPv4 frame into it.
 *
 * @param a        allocator of the netbuf (default allocator or a pool)
 * @param bufalign buffer alignment (struct uk_netdev_info.ioalign)
 * @param headroom bytes before the frame (uk_netdev_info.nb_encap_tx)
 * @param pktlen   frame length without FCS, 60..1518
 * @param mac_src, mac_dst Ethernet addresses
 * @param ip_src, ip_dst   IPv4 addresses, host order
 * @param port_src, port_dst UDP ports, host order
 * @return the netbuf (len = pktlen, seq = ts = 0), or NULL when pktlen is
 *         out of range, an address is NULL or @p a is out of memory
 */
struct uk_netbuf *genpkt_udp4(struct uk_alloc *a, size_t bufalign,
			      uint16_t headroom, uint16_t pktlen,
			      const struct uk_hwaddr *mac_src,
			      const struct uk_hwaddr *mac_dst,
			      uint32_t ip_src, uint32_t ip_dst,
			      uint16_t port_src, uint16_t port_dst);

/**
 * The tutorial's short form: genpkt_udp4() from @p mac_src, 198.18.0.1
 * port 5001 to ff:ff:ff:ff:ff:ff, 198.18.0.254 port 5001
 * (GENPKT_USOC21_*).
 */
struct uk_netbuf *genpkt_usoc21(struct uk_alloc *a, size_t bufalign,
				uint16_t headroom, uint16_t pktlen,
				const struct uk_hwaddr *mac_src);

/**
 * genpkt_udp4() into caller memory (a pool object, a template buffer):
 * writes @p pktlen bytes at @p buf.
 *
 * @return @p pktlen, or -EINVAL (bad length, @p buflen too small, NULL)
 */
int genpkt_udp4_build(void *buf, size_t buflen, uint16_t pktlen,
		      const struct uk_hwaddr *mac_src,
		      const struct uk_hwaddr *mac_dst,
		      uint32_t ip_src, uint32_t ip_dst,
		      uint16_t port_src, uint16_t port_dst);

#endif /* __UK_NF_GENPKT_H__ */
