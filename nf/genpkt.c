/* SPDX-License-Identifier: BSD-3-Clause */
/* The tutorial's genpkt helpers over netbufs (see <uk/nf/genpkt.h>). */
#include <errno.h>
#include <string.h>
#include <uk/nf/genpkt.h>

UK_CTASSERT(sizeof(struct uk_hwaddr) == sizeof(struct nf_ether_addr));

int genpkt_udp4_build(void *buf, size_t buflen, uint16_t pktlen,
		      const struct uk_hwaddr *mac_src,
		      const struct uk_hwaddr *mac_dst,
		      uint32_t ip_src, uint32_t ip_dst,
		      uint16_t port_src, uint16_t port_dst)
{
	struct nf_gen_udp4 g = {
		.ip_src = ip_src,
		.ip_dst = ip_dst,
		.port_src = port_src,
		.port_dst = port_dst,
	};

	if (!mac_src || !mac_dst)
		return -EINVAL;
	memcpy(&g.mac_src, mac_src->addr_bytes, NF_ETH_ALEN);
	memcpy(&g.mac_dst, mac_dst->addr_bytes, NF_ETH_ALEN);
	return nf_gen_udp4_build(buf, buflen, pktlen, &g);
}

struct uk_netbuf *genpkt_udp4(struct uk_alloc *a, size_t bufalign,
			      uint16_t headroom, uint16_t pktlen,
			      const struct uk_hwaddr *mac_src,
			      const struct uk_hwaddr *mac_dst,
			      uint32_t ip_src, uint32_t ip_dst,
			      uint16_t port_src, uint16_t port_dst)
{
	struct uk_netbuf *m;

	if (!a || !mac_src || !mac_dst || pktlen < NF_GEN_PKTLEN_MIN ||
	    pktlen > NF_GEN_PKTLEN_MAX)
		return NULL;
	m = uk_netbuf_alloc_buf(a, (size_t)headroom + pktlen, bufalign,
				headroom, 0, NULL);
	if (!m)
		return NULL;
	if (genpkt_udp4_build(m->data, pktlen, pktlen, mac_src, mac_dst,
			      ip_src, ip_dst, port_src, port_dst) < 0) {
		uk_netbuf_free(m);
		return NULL;
	}
	m->len = pktlen;
	return m;
}

struct uk_netbuf *genpkt_usoc21(struct uk_alloc *a, size_t bufalign,
				uint16_t headroom, uint16_t pktlen,
				const struct uk_hwaddr *mac_src)
{
	static const struct uk_hwaddr dst = GENPKT_USOC21_MAC_DST;

	return genpkt_udp4(a, bufalign, headroom, pktlen, mac_src, &dst,
			   GENPKT_USOC21_IP_SRC, GENPKT_USOC21_IP_DST,
			   GENPKT_USOC21_PORT_SRC, GENPKT_USOC21_PORT_DST);
}
