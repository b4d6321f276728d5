/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bounds-checked frame parser (see <uk/nf/parse.h>). Each step checks that
 * the bytes it is about to read lie before `end` (the frame end, or the
 * IP packet end once the IP length is known), using subtraction on
 * offsets only, so no pointer is ever formed past the frame.
 */
#include <string.h>
#include <uk/nf/parse.h>
#include <uk/nf/csum.h>

static int parse_l4(const uint8_t *f, uint32_t off, uint32_t end,
		    uint8_t proto, int frag, struct nf_parsed *p)
{
	uint32_t avail = end - off, hl;

	p->l4_proto = proto;
	p->l4_off = off;
	p->payload_off = off;
	p->payload_len = avail;
	p->payload = f + off;
	if (frag && p->ip4 && nf_ip4_is_later_fragment(p->ip4))
		return 0;	/* no L4 header in this fragment */

	switch (proto) {
	case NF_IPPROTO_UDP: {
		const struct nf_udp_hdr *uh;
		uint16_t ulen;

		if (avail < NF_UDP_HLEN)
			return -NF_EBADLEN;
		uh = (const struct nf_udp_hdr *)(f + off);
		ulen = nf_ntohs(uh->len);
		hl = NF_UDP_HLEN;
		if (!frag) {
			if (ulen < NF_UDP_HLEN || ulen > avail)
				return -NF_EBADLEN;
			avail = ulen;
		}
		p->udp = uh;
		p->flags |= NF_PF_UDP;
		break;
	}
	case NF_IPPROTO_TCP: {
		const struct nf_tcp_hdr *th;

		if (avail < NF_TCP_HLEN)
			return -NF_EBADLEN;
		th = (const struct nf_tcp_hdr *)(f + off);
		hl = nf_tcp_hlen(th);
		if (hl < NF_TCP_HLEN)
			return -NF_EBADHDR;
		if (hl > avail)
			return -NF_EBADLEN;
		p->tcp = th;
		p->flags |= NF_PF_TCP;
		break;
	}
	case NF_IPPROTO_ICMP:
	case NF_IPPROTO_ICMPV6:
		if (avail < NF_ICMP_HLEN)
			return -NF_EBADLEN;
		hl = NF_ICMP_HLEN;
		p->icmp = (const struct nf_icmp_hdr *)(f + off);
		p->flags |= NF_PF_ICMP;
		break;
	default:
		return 0;	/* unknown L4: payload = IP payload */
	}
	p->flags |= NF_PF_L4;
	p->l4_len = hl;
	p->payload_off = off + hl;
	p->payload_len = avail - hl;
	p->payload = f + off + hl;
	return 0;
}

static int parse_ip4(const uint8_t *f, uint32_t off, uint32_t len,
		     struct nf_parsed *p)
{
	const struct nf_ip4_hdr *ip;
	uint32_t hl, tot;

	if (len - off < NF_IP4_HLEN)
		return -NF_ETRUNC;
	ip = (const struct nf_ip4_hdr *)(f + off);
	if (nf_ip4_version(ip) != NF_IP4_VERSION)
		return -NF_EBADHDR;
	hl = nf_ip4_hlen(ip);
	if (hl < NF_IP4_HLEN)
		return -NF_EBADHDR;
	if (hl > len - off)
		return -NF_ETRUNC;
	tot = nf_ntohs(ip->tot_len);
	if (tot < hl)
		return -NF_EBADLEN;
	if (tot > len - off)
		return -NF_ETRUNC;
	p->ip4 = ip;
	p->flags |= NF_PF_IP4;
	if (hl > NF_IP4_HLEN)
		p->flags |= NF_PF_IPOPT;
	if (nf_ip4_is_fragment(ip))
		p->flags |= NF_PF_FRAG;
	p->l3_len = hl;
	p->ip_end = off + tot;
	return parse_l4(f, off + hl, off + tot, ip->proto,
			!!(p->flags & NF_PF_FRAG), p);
}

static int parse_ip6(const uint8_t *f, uint32_t off, uint32_t len,
		     struct nf_parsed *p)
{
	const struct nf_ip6_hdr *ip6;
	uint32_t end, pos, hl;
	uint8_t nh;
	int next, n, frag = 0;

	if (len - off < NF_IP6_HLEN)
		return -NF_ETRUNC;
	ip6 = (const struct nf_ip6_hdr *)(f + off);
	if (nf_ip6_version(ip6) != NF_IP6_VERSION)
		return -NF_EBADHDR;
	if (nf_ntohs(ip6->payload_len) > len - off - NF_IP6_HLEN)
		return -NF_ETRUNC;
	end = off + NF_IP6_HLEN + nf_ntohs(ip6->payload_len);
	p->ip6 = ip6;
	p->flags |= NF_PF_IP6;
	p->ip_end = end;

	nh = ip6->nexthdr;
	pos = off + NF_IP6_HLEN;
	for (n = 0, next = 1; next; ) {
		switch (nh) {
		case NF_IPPROTO_HOPOPTS:
		case NF_IPPROTO_ROUTING:
		case NF_IPPROTO_DSTOPTS:
		case NF_IPPROTO_FRAGMENT:
		case NF_IPPROTO_AH:
			break;
		default:
			next = 0;
			continue;
		}
		if (++n > NF_PARSE_MAX_IP6_EXT)
			return -NF_ETOOMANY;
		if (end - pos < 8)	/* every ext. header is >= 8 bytes */
			return -NF_EBADLEN;
		if (nh == NF_IPPROTO_FRAGMENT) {
			const struct nf_ip6_frag *fh =
				(const struct nf_ip6_frag *)(f + pos);

			frag = 1;
			p->flags |= NF_PF_FRAG;
			hl = NF_IP6_FRAG_LEN;
			if (nf_ntohs(fh->off_flags) & NF_IP6_FRAG_OFFMASK)
				next = 0;	/* later fragment: stop */
		} else if (nh == NF_IPPROTO_AH) {
			hl = (f[pos + 1] + 2u) * 4u;
		} else {
			hl = (f[pos + 1] + 1u) * 8u;
		}
		if (hl > end - pos)
			return -NF_EBADLEN;
		nh = f[pos];
		pos += hl;
		p->flags |= NF_PF_IPOPT;
		if (!next) {
			/* non-first fragment: the rest is opaque */
			p->l3_len = pos - off;
			p->l4_proto = nh;
			p->l4_off = pos;
			p->payload_off = pos;
			p->payload_len = end - pos;
			p->payload = f + pos;
			return 0;
		}
	}
	p->l3_len = pos - off;
	return parse_l4(f, pos, end, nh, frag, p);
}

int nf_parse(const void *frame, size_t len, struct nf_parsed *p)
{
	const uint8_t *f = frame;
	uint32_t off, l;
	uint16_t type;

	memset(p, 0, sizeof(*p));
	if (len < NF_ETH_HLEN)
		return -NF_ERUNT;
	if (len > UINT32_MAX)
		return -NF_EBADLEN;
	l = (uint32_t)len;
	p->eth = (const struct nf_ether_hdr *)f;
	type = nf_ntohs(p->eth->type);
	off = NF_ETH_HLEN;
	while (nf_eth_type_is_vlan(type)) {
		const struct nf_vlan_hdr *vh;

		if (p->nvlans == NF_PARSE_MAX_VLANS)
			return -NF_ETOOMANY;
		if (l - off < NF_ETH_VLAN_HLEN)
			return -NF_ETRUNC;
		vh = (const struct nf_vlan_hdr *)(f + off);
		p->vlan_tci[p->nvlans++] = nf_ntohs(vh->tci);
		p->flags |= NF_PF_VLAN;
		type = nf_ntohs(vh->type);
		off += NF_ETH_VLAN_HLEN;
	}
	p->ethertype = type;
	p->l3_off = off;
	p->l4_off = off;
	p->payload_off = off;
	p->payload_len = l - off;
	p->payload = f + off;
	p->ip_end = l;

	switch (type) {
	case NF_ETH_P_IP:
		return parse_ip4(f, off, l, p);
	case NF_ETH_P_IPV6:
		return parse_ip6(f, off, l, p);
	case NF_ETH_P_ARP: {
		const struct nf_arp_hdr *ah;

		if (l - off < NF_ARP_LEN)
			return -NF_ETRUNC;
		ah = (const struct nf_arp_hdr *)(f + off);
		if (ah->hln != NF_ETH_ALEN || ah->pln != 4)
			return -NF_EBADHDR;
		p->arp = ah;
		p->flags |= NF_PF_ARP;
		p->l3_len = NF_ARP_LEN;
		return 0;
	}
	default:
		if (type < NF_ETH_P_MIN)
			p->flags |= NF_PF_LLC;
		return 0;
	}
}

bool nf_parsed_csum_ok(const struct nf_parsed *p)
{
	const uint8_t *l4 = (const uint8_t *)p->eth + p->l4_off;
	uint32_t len = p->ip_end - p->l4_off;
	uint8_t proto = p->l4_proto;

	if (p->ip4 && !nf_ip4_csum_ok(p->ip4))
		return false;
	if (!(p->flags & NF_PF_L4) || (p->flags & NF_PF_FRAG))
		return true;	/* the L4 sum covers the whole datagram */
	if (p->udp) {
		if (!p->udp->csum)
			return !p->ip6;
		len = nf_ntohs(p->udp->len);
	}
	if (proto == NF_IPPROTO_ICMP && p->ip4)
		return nf_csum(l4, len) == 0;
	if (p->ip4)
		return nf_ip4_l4_csum(p->ip4, proto, l4, (uint16_t)len) == 0;
	return nf_ip6_l4_csum(p->ip6, proto, l4, len) == 0;
}

const char *nf_parse_strerror(int rc)
{
	switch (rc) {
	case 0:
		return "ok";
	case -NF_ERUNT:
		return "runt";
	case -NF_ETRUNC:
		return "truncated";
	case -NF_EBADLEN:
		return "bad length";
	case -NF_EBADHDR:
		return "bad header";
	case -NF_ETOOMANY:
		return "too many headers";
	default:
		return "unknown error";
	}
}
