/* SPDX-License-Identifier: BSD-3-Clause */
/* UDP/IPv4 frame building and in-place edits (see <uk/nf/gen.h>). */
#include <errno.h>
#include <string.h>
#include <uk/nf/gen.h>
#include <uk/nf/csum.h>

int nf_gen_udp4_build(void *buf, size_t buflen, uint16_t pktlen,
		      const struct nf_gen_udp4 *g)
{
	uint8_t *f = buf;
	struct nf_ether_hdr *eh = (struct nf_ether_hdr *)f;
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)(f + NF_GEN_IP_OFF);
	struct nf_udp_hdr *uh = (struct nf_udp_hdr *)(f + NF_GEN_UDP_OFF);
	struct nf_pktgen_hdr *ph = (struct nf_pktgen_hdr *)(f + NF_GEN_HDR_OFF);
	uint16_t iplen = pktlen - NF_ETH_HLEN;
	uint16_t udplen = iplen - NF_IP4_HLEN;

	if (!buf || !g || pktlen < NF_GEN_PKTLEN_MIN ||
	    pktlen > NF_GEN_PKTLEN_MAX || buflen < pktlen)
		return -EINVAL;

	memset(f, 0, pktlen);
	eh->dst = g->mac_dst;
	eh->src = g->mac_src;
	eh->type = nf_htons(NF_ETH_P_IP);

	ip->ver_ihl = (NF_IP4_VERSION << 4) | (NF_IP4_HLEN / 4);
	ip->tot_len = nf_htons(iplen);
	ip->frag_off = nf_htons(NF_IP4_DF);
	ip->ttl = NF_IP4_DEFTTL;
	ip->proto = NF_IPPROTO_UDP;
	ip->src = nf_htonl(g->ip_src);
	ip->dst = nf_htonl(g->ip_dst);
	nf_ip4_csum_set(ip);

	uh->sport = nf_htons(g->port_src);
	uh->dport = nf_htons(g->port_dst);
	uh->len = nf_htons(udplen);
	ph->magic = nf_htons(NF_PKTGEN_MAGIC);
	uh->csum = nf_udp_csum_fixup(nf_ip4_l4_csum(ip, NF_IPPROTO_UDP, uh,
						    udplen));
	return pktlen;
}

void nf_gen_stamp(void *frame, uint64_t seq, uint64_t ts)
{
	uint8_t *f = frame;
	struct nf_udp_hdr *uh = (struct nf_udp_hdr *)(f + NF_GEN_UDP_OFF);
	uint8_t *fields = f + NF_GEN_HDR_OFF + offsetof(struct nf_pktgen_hdr,
							 seq);
	uint8_t old[16], new[16];

	/* seq and ts start at an even offset from the UDP header */
	memcpy(old, fields, sizeof(old));
	nf_put_be64(new, seq);
	nf_put_be64(new + 8, ts);
	memcpy(fields, new, sizeof(new));
	uh->csum = nf_udp_csum_fixup(nf_csum_update_buf(uh->csum, old, new,
							 sizeof(new)));
}

int nf_gen_udp4_resize(void *frame, uint16_t oldlen, uint16_t newlen)
{
	uint8_t *f = frame;
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)(f + NF_GEN_IP_OFF);
	struct nf_udp_hdr *uh = (struct nf_udp_hdr *)(f + NF_GEN_UDP_OFF);
	uint16_t oip = ip->tot_len, oudp = uh->len, c;

	if (newlen < NF_GEN_PKTLEN_MIN || newlen > NF_GEN_PKTLEN_MAX ||
	    oldlen < NF_GEN_PKTLEN_MIN)
		return -EINVAL;
	if (newlen > oldlen)
		memset(f + oldlen, 0, newlen - oldlen);

	ip->tot_len = nf_htons(newlen - NF_ETH_HLEN);
	ip->csum = nf_csum_update16(ip->csum, oip, ip->tot_len);
	uh->len = nf_htons(newlen - NF_ETH_HLEN - NF_IP4_HLEN);
	/* the UDP length is summed twice: pseudo-header and UDP header */
	c = nf_csum_update16(uh->csum, oudp, uh->len);
	uh->csum = nf_udp_csum_fixup(nf_csum_update16(c, oudp, uh->len));
	/* bytes cut off or added are zero: they do not change the sum */
	return 0;
}

void nf_gen_udp4_set_src(void *frame, uint32_t ip_src, uint16_t port_src)
{
	uint8_t *f = frame;
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)(f + NF_GEN_IP_OFF);
	struct nf_udp_hdr *uh = (struct nf_udp_hdr *)(f + NF_GEN_UDP_OFF);
	uint32_t oip = ip->src, nip = nf_htonl(ip_src);
	uint16_t oport = uh->sport, nport = nf_htons(port_src), c;

	ip->src = nip;
	ip->csum = nf_csum_update32(ip->csum, oip, nip);
	uh->sport = nport;
	c = nf_csum_update32(uh->csum, oip, nip);
	uh->csum = nf_udp_csum_fixup(nf_csum_update16(c, oport, nport));
}

int nf_gen_read(const void *payload, size_t len, uint64_t *seq,
		uint64_t *ts)
{
	const uint8_t *p = payload;

	if (len < NF_PKTGEN_HLEN || nf_get_be16(p) != NF_PKTGEN_MAGIC)
		return -ENOENT;
	if (seq)
		*seq = nf_get_be64(p + offsetof(struct nf_pktgen_hdr, seq));
	if (ts)
		*ts = nf_get_be64(p + offsetof(struct nf_pktgen_hdr, ts));
	return 0;
}
