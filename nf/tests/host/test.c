/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test of nf's pure-C parts (built by ./run with gcc, ASan, UBSan):
 * checksums against a byte-wise RFC 1071 reference, the parser on valid
 * and malformed frames, frame generation and in-place edits, rate
 * control with a fake clock, flows and sizes, argument parsing,
 * statistics helpers.
 *
 *   test [--dump FILE]   FILE gets generated frames, one hex line each,
 *                        for the independent checks in ./run (python3,
 *                        tshark)
 * Ends with "N passed, N failed, 0 skipped" (cases).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/nf/csum.h>
#include <uk/nf/parse.h>
#include <uk/nf/gen.h>
#include <uk/nf/tcp.h>
#include <uk/nf/rate.h>
#include <uk/nf/flows.h>
#include <uk/nf/args.h>
#include <uk/nf/netspeed.h>
#include <uk/nf/stats.h>
#include "../ref.h"

static int case_failed, passed, failed;
static const char *case_name;

#define EXPECT(c)							\
	do {								\
		if (!(c)) {						\
			printf("FAIL %s: %s:%d: %s\n", case_name,	\
			       __FILE__, __LINE__, #c);			\
			case_failed = 1;				\
		}							\
	} while (0)
#define EXPECT_EQ(a, b)							\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b) {						\
			printf("FAIL %s: %s:%d: %s == %s (%lld vs %lld)\n", \
			       case_name, __FILE__, __LINE__, #a, #b,	\
			       _a, _b);					\
			case_failed = 1;				\
		}							\
	} while (0)

#define EXPECT_PTR(a, b) EXPECT((const void *)(a) == (const void *)(b))

#define RUN(fn)								\
	do {								\
		case_name = #fn;					\
		case_failed = 0;					\
		fn();							\
		if (case_failed)					\
			failed++;					\
		else							\
			passed++;					\
		printf("%s %s\n", case_failed ? "FAIL" : "ok  ", #fn);	\
	} while (0)

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
	return nf_ref_rnd(&rng);
}

#define ref_sum nf_ref_sum
#define ref_csum nf_ref_csum

/* reference UDP/TCP-over-IPv4 verification: sum incl. checksum field */
static uint16_t ref_l4v4(const uint8_t *ip, const uint8_t *l4, size_t len,
			 uint8_t proto)
{
	uint8_t ph[12];

	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = proto;
	ph[10] = (uint8_t)(len >> 8);
	ph[11] = (uint8_t)len;
	return (uint16_t)~ref_sum(l4, len, ref_sum(ph, 12, 0));
}

/* reference UDP-over-IPv6 verification (RFC 8200 8.1 pseudo-header) */
static uint16_t ref_l4v6_udp(const uint8_t *ip6, const uint8_t *l4,
			     size_t len)
{
	uint8_t ph[40] = { 0 };

	memcpy(ph, ip6 + 8, 32);
	ph[34] = (uint8_t)(len >> 8);
	ph[35] = (uint8_t)len;
	ph[39] = 17;
	return (uint16_t)~ref_sum(l4, len, ref_sum(ph, 40, 0));
}

static FILE *dump;

static void dump_frame(const uint8_t *f, size_t len)
{
	size_t i;

	if (!dump)
		return;
	for (i = 0; i < len; i++)
		fprintf(dump, "%02x", f[i]);
	fputc('\n', dump);
}

/* ------------------------------------------------------------ csum -- */
static void csum_rfc1071_example(void)
{
	/* RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 */
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03,
				     0xf4, 0xf5, 0xf6, 0xf7 };

	EXPECT_EQ(nf_ntohs(nf_csum_fold(nf_csum_partial(b, 8, 0))), 0xddf2);
	EXPECT_EQ(nf_ntohs(nf_csum(b, 8)), 0x220d);
	EXPECT_EQ(ref_csum(b, 8), 0x220d);
}

static void csum_captured_ip4_header(void)
{
	/* a captured IPv4 header: 192.168.0.1 -> 192.168.0.199, UDP,
	 * checksum 0xb861 */
	uint8_t h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
			  0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
			  0xc0, 0xa8, 0x00, 0xc7 };
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)h;

	EXPECT(nf_ip4_csum_ok(ip));
	EXPECT_EQ(nf_ntohs(nf_ip4_csum(ip)), 0xb861);
	ip->csum = 0x1234;
	EXPECT(!nf_ip4_csum_ok(ip));
	EXPECT_EQ(nf_ntohs(nf_ip4_csum(ip)), 0xb861);
	nf_ip4_csum_set(ip);
	EXPECT_EQ(h[10], 0xb8);
	EXPECT_EQ(h[11], 0x61);
}

static void csum_random_vs_reference(void)
{
	uint8_t buf[2100];
	int i;

	for (i = 0; i < 20000; i++) {
		size_t off = rnd() % 8, len = rnd() % 2048, j;

		for (j = 0; j < len + off; j++)
			buf[j] = (uint8_t)rnd();
		if (i % 7 == 0)	/* many 0xff: carries everywhere */
			memset(buf, 0xff, len + off);
		EXPECT_EQ(nf_ntohs(nf_csum(buf + off, len)),
			  ref_csum(buf + off, len));
		/* chained in two even pieces */
		{
			size_t a = (rnd() % (len + 1)) & ~(size_t)1;
			uint32_t s = nf_csum_partial(buf + off, a, 0);

			s = nf_csum_partial(buf + off + a, len - a, s);
			EXPECT_EQ(nf_ntohs(nf_csum_finish(s)),
				  ref_csum(buf + off, len));
		}
		if (case_failed)
			break;
	}
}

static void csum_incremental_vs_full(void)
{
	uint8_t h[60];
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)h;
	int i;

	for (i = 0; i < 100000 && !case_failed; i++) {
		unsigned int hl = 20 + 4 * (unsigned int)(rnd() % 11), j;
		unsigned int off;
		uint16_t o16, n16, inc;
		uint32_t o32, n32;

		for (j = 0; j < hl; j++)
			h[j] = (uint8_t)rnd();
		h[0] = 0x40 | (uint8_t)(hl / 4);
		nf_ip4_csum_set(ip);
		EXPECT(nf_ip4_csum_ok(ip));
		/* change one 16-bit field (not the checksum itself) */
		do
			off = 2 * (unsigned int)(rnd() % (hl / 2));
		while (off == 10 || off == 0);
		memcpy(&o16, h + off, 2);
		n16 = (uint16_t)rnd();
		if (i % 5 == 0)
			n16 = (uint16_t)~o16;
		memcpy(h + off, &n16, 2);
		inc = nf_csum_update16(ip->csum, o16, n16);
		EXPECT_EQ(inc, nf_ip4_csum(ip));
		ip->csum = inc;
		EXPECT(nf_ip4_csum_ok(ip));
		/* change a 32-bit field at an even offset */
		do
			off = 2 * (unsigned int)(rnd() % (hl / 2 - 1));
		while (off == 8 || off == 10 || off == 0);
		memcpy(&o32, h + off, 4);
		n32 = (uint32_t)rnd();
		memcpy(h + off, &n32, 4);
		inc = nf_csum_update32(ip->csum, o32, n32);
		EXPECT_EQ(inc, nf_ip4_csum(ip));
		ip->csum = inc;
		/* change 12 bytes with update_buf */
		{
			uint8_t old[12], nw[12];

			off = 12;
			memcpy(old, h + off, 8);
			for (j = 0; j < 8; j++)
				nw[j] = (uint8_t)rnd();
			memcpy(h + off, nw, 8);
			inc = nf_csum_update_buf(ip->csum, old, nw, 8);
			EXPECT_EQ(inc, nf_ip4_csum(ip));
		}
	}
}

static void csum_update_buf_ranges(void)
{
	uint8_t b[64], old[64];
	int i;

	for (i = 0; i < 100000 && !case_failed; i++) {
		size_t off = 2 * (rnd() % 32), len, j;
		uint16_t c;

		len = 2 * (rnd() % ((64 - off) / 2 + 1));
		for (j = 0; j < sizeof(b); j++)
			b[j] = (uint8_t)rnd();
		c = nf_csum(b, sizeof(b));
		memcpy(old, b + off, len);
		for (j = 0; j < len; j++)
			b[off + j] = (i & 1) ? (uint8_t)rnd()
					     : (uint8_t)~old[j];
		EXPECT_EQ(nf_csum_update_buf(c, old, b + off, len),
			  nf_csum(b, sizeof(b)));
	}
}

static void csum_l4_ip6_tcp(void)
{
	uint8_t f[40 + 64], ph[40];
	struct nf_ip6_hdr *ip6 = (struct nf_ip6_hdr *)f;
	struct nf_ip4_hdr ip4;
	unsigned int i, n;
	uint16_t c;

	for (n = 0; n < 2000 && !case_failed; n++) {
		uint32_t len = 8 + (uint32_t)(rnd() % 56);

		for (i = 0; i < sizeof(f); i++)
			f[i] = (uint8_t)rnd();
		/* IPv6 pseudo-header (RFC 8200 8.1), byte by byte */
		memcpy(ph, f + 8, 32);
		ph[32] = ph[33] = 0;
		ph[34] = (uint8_t)(len >> 8);
		ph[35] = (uint8_t)len;
		ph[36] = ph[37] = ph[38] = 0;
		ph[39] = NF_IPPROTO_UDP;
		f[40 + 6] = f[40 + 7] = 0;
		c = nf_ip6_l4_csum(ip6, NF_IPPROTO_UDP, f + 40, len);
		EXPECT_EQ(nf_ntohs(c),
			  (uint16_t)~ref_sum(f + 40, len, ref_sum(ph, 40, 0)));
		memcpy(f + 46, &c, 2);
		EXPECT_EQ(nf_ip6_l4_csum(ip6, NF_IPPROTO_UDP, f + 40, len), 0);
		/* TCP over IPv4: checksum field at offset 16 */
		if (len < NF_TCP_HLEN)
			len = NF_TCP_HLEN;
		memset(&ip4, 0, sizeof(ip4));
		ip4.src = (uint32_t)rnd();
		ip4.dst = (uint32_t)rnd();
		f[40 + 16] = f[40 + 17] = 0;
		c = nf_ip4_l4_csum(&ip4, NF_IPPROTO_TCP, f + 40, (uint16_t)len);
		memcpy(f + 56, &c, 2);
		EXPECT_EQ(ref_l4v4((const uint8_t *)&ip4, f + 40, len,
				   NF_IPPROTO_TCP), 0);
	}
}

/* --------------------------------------------------------- gen -------- */
static const struct nf_gen_udp4 gdef = {
	.mac_src = { { 0x02, 0, 0, 0, 0, 0x01 } },
	.mac_dst = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	.ip_src = NF_IP4(198, 18, 0, 1),
	.ip_dst = NF_IP4(198, 18, 0, 254),
	.port_src = 5001,
	.port_dst = 5001,
};

/* checks a generated frame of @p len bytes with the reference sums */
static void check_frame(const uint8_t *f, size_t len)
{
	struct nf_parsed p;
	size_t ulen;

	EXPECT_EQ(nf_parse(f, len, &p), 0);
	EXPECT(p.flags & NF_PF_UDP);
	EXPECT_EQ(p.ip_end, len);
	EXPECT_EQ(ref_csum(f + 14, 20), 0);
	ulen = (size_t)f[38] << 8 | f[39];
	EXPECT_EQ(ulen, len - 34);
	EXPECT((f[40] | f[41]) != 0);	/* never "no checksum" */
	EXPECT_EQ(ref_l4v4(f + 14, f + 34, ulen, 17), 0);
	EXPECT_EQ(nf_ip4_l4_csum(p.ip4, NF_IPPROTO_UDP, p.udp, ulen), 0);
}

static void gen_build_fields(void)
{
	uint8_t f[1600];
	uint64_t seq, ts;
	struct nf_parsed p;
	unsigned int len;

	EXPECT_EQ(nf_gen_udp4_build(f, sizeof(f), 59, &gdef), -EINVAL);
	EXPECT_EQ(nf_gen_udp4_build(f, sizeof(f), 1519, &gdef), -EINVAL);
	EXPECT_EQ(nf_gen_udp4_build(f, 59, 60, &gdef), -EINVAL);
	for (len = 60; len <= 1518 && !case_failed; len++) {
		EXPECT_EQ(nf_gen_udp4_build(f, sizeof(f), (uint16_t)len,
					    &gdef), (int)len);
		check_frame(f, len);
		if (len == 60 || len == 61 || len == 1514 || len == 1518)
			dump_frame(f, len);
	}
	nf_gen_udp4_build(f, sizeof(f), 60, &gdef);
	nf_parse(f, 60, &p);
	EXPECT_EQ(p.payload_len, 18);
	EXPECT_EQ(nf_ntohs(p.eth->type), NF_ETH_P_IP);
	EXPECT_EQ(nf_ntohl(p.ip4->src), NF_IP4(198, 18, 0, 1));
	EXPECT_EQ(nf_ntohl(p.ip4->dst), NF_IP4(198, 18, 0, 254));
	EXPECT_EQ(nf_ntohs(p.udp->sport), 5001);
	EXPECT_EQ(nf_ntohs(p.udp->dport), 5001);
	EXPECT_EQ(p.ip4->ttl, 64);
	EXPECT(nf_ether_is_broadcast(&p.eth->dst));
	EXPECT_EQ(nf_gen_read(p.payload, p.payload_len, &seq, &ts), 0);
	EXPECT_EQ(seq, 0);
	EXPECT_EQ(nf_gen_read(p.payload, 17, &seq, &ts), -ENOENT);
}

static void gen_stamp_resize_flows(void)
{
	uint8_t f[1600];
	uint16_t len = 60, nl;
	uint64_t seq, ts;
	struct nf_parsed p;
	struct nf_flows fl;
	int i;

	nf_gen_udp4_build(f, sizeof(f), len, &gdef);
	nf_flows_init(&fl, NF_FLOWS_BOTH, 7, gdef.ip_src, gdef.port_src);
	for (i = 0; i < 200000 && !case_failed; i++) {
		uint64_t s = rnd(), t = rnd();

		if (i % 3 == 0)
			s = (uint64_t)i;	/* small, like a real counter */
		nf_gen_stamp(f, s, t);
		if (i % 5 == 0) {
			nl = (uint16_t)(60 + rnd() % (1518 - 59));
			EXPECT_EQ(nf_gen_udp4_resize(f, len, nl), 0);
			len = nl;
		}
		if (i % 4 == 0)
			nf_flows_apply(&fl, f);
		if (i % 97 == 0 || i < 50) {
			check_frame(f, len);
			nf_parse(f, len, &p);
			EXPECT_EQ(nf_gen_read(p.payload, p.payload_len, &seq,
					      &ts), 0);
			EXPECT_EQ(seq, s);
			EXPECT_EQ(ts, t);
			if (i < 50)
				dump_frame(f, len);
		}
	}
	EXPECT_EQ(nf_gen_udp4_resize(f, len, 59), -EINVAL);
	/* flows: sources cycle through n values */
	nf_gen_udp4_build(f, sizeof(f), 60, &gdef);
	nf_flows_init(&fl, NF_FLOWS_PORT, 3, gdef.ip_src, 1000);
	for (i = 0; i < 7; i++) {
		EXPECT_EQ(nf_flows_apply(&fl, f), (uint32_t)(i % 3));
		EXPECT_EQ(nf_get_be16(f + 34), 1000 + i % 3);
		EXPECT_EQ(nf_get_be32(f + 26), gdef.ip_src);
		check_frame(f, 60);
	}
	nf_flows_init(&fl, NF_FLOWS_IP, 2, NF_IP4(198, 18, 1, 0), 1);
	nf_flows_apply(&fl, f);
	nf_flows_apply(&fl, f);
	EXPECT_EQ(nf_get_be32(f + 26), NF_IP4(198, 18, 1, 1));
	EXPECT_EQ(nf_get_be16(f + 34), 1);
	check_frame(f, 60);
}

/* ------------------------------------------------------- parse ------ */
static size_t mk_udp4(uint8_t *f, uint16_t len)
{
	nf_gen_udp4_build(f, 2048, len, &gdef);
	return len;
}

static void parse_valid(void)
{
	uint8_t f[2048], g[2048];
	struct nf_parsed p;
	size_t n;

	/* UDP/IPv4 */
	n = mk_udp4(f, 100);
	EXPECT_EQ(nf_parse(f, n, &p), 0);
	EXPECT_EQ(p.flags, NF_PF_IP4 | NF_PF_L4 | NF_PF_UDP);
	EXPECT_EQ(p.l3_off, 14);
	EXPECT_EQ(p.l4_off, 34);
	EXPECT_EQ(p.payload_off, 42);
	EXPECT_EQ(p.payload_len, 58);
	EXPECT_EQ(p.l4_proto, NF_IPPROTO_UDP);

	/* QinQ: insert two tags */
	memcpy(g, f, 12);
	nf_put_be16(g + 12, NF_ETH_P_8021AD);
	nf_put_be16(g + 14, 0x2005);
	nf_put_be16(g + 16, NF_ETH_P_8021Q);
	nf_put_be16(g + 18, 0x0007);
	memcpy(g + 20, f + 12, n - 12);
	EXPECT_EQ(nf_parse(g, n + 8, &p), 0);
	EXPECT_EQ(p.nvlans, 2);
	EXPECT_EQ(p.vlan_tci[0], 0x2005);
	EXPECT_EQ(p.vlan_tci[1] & 0xfff, 7);
	EXPECT_EQ(p.l3_off, 22);
	EXPECT(p.flags & NF_PF_VLAN);
	EXPECT(p.flags & NF_PF_UDP);
	EXPECT_EQ(p.payload_len, 58);

	/* TCP with options, IPv4 with options */
	memset(f, 0, sizeof(f));
	nf_put_be16(f + 12, NF_ETH_P_IP);
	f[14] = 0x46;			/* IHL 6 */
	nf_put_be16(f + 16, 24 + 32 + 5);
	f[23] = NF_IPPROTO_TCP;
	f[38 + 12] = 0x80;		/* doff 8 = 32 bytes */
	EXPECT_EQ(nf_parse(f, 14 + 24 + 32 + 5 + 3, &p), 0);
	EXPECT(p.flags & NF_PF_TCP);
	EXPECT(p.flags & NF_PF_IPOPT);
	EXPECT_EQ(p.l4_len, 32);
	EXPECT_EQ(p.payload_len, 5);
	EXPECT_EQ(p.ip_end, 14 + 61);

	/* ICMP echo */
	f[14] = 0x45;
	nf_put_be16(f + 16, 20 + 8);
	f[23] = NF_IPPROTO_ICMP;
	f[34] = NF_ICMP_ECHO;
	EXPECT_EQ(nf_parse(f, 60, &p), 0);
	EXPECT(p.flags & NF_PF_ICMP);
	EXPECT_EQ(p.icmp->type, NF_ICMP_ECHO);
	EXPECT_EQ(p.payload_len, 0);

	/* later IPv4 fragment: no L4 header */
	nf_put_be16(f + 20, NF_IP4_MF | 10);
	f[23] = NF_IPPROTO_UDP;
	EXPECT_EQ(nf_parse(f, 60, &p), 0);
	EXPECT(p.flags & NF_PF_FRAG);
	EXPECT(!(p.flags & NF_PF_L4));
	EXPECT_EQ(p.payload_len, 8);
	/* first fragment: UDP length may exceed the fragment */
	nf_put_be16(f + 20, NF_IP4_MF);
	nf_put_be16(f + 38, 1000);
	EXPECT_EQ(nf_parse(f, 60, &p), 0);
	EXPECT(p.flags & NF_PF_UDP);
	/* unknown L4 */
	nf_put_be16(f + 20, 0);
	f[23] = 200;
	EXPECT_EQ(nf_parse(f, 60, &p), 0);
	EXPECT(!(p.flags & NF_PF_L4));
	EXPECT_EQ(p.payload_off, 34);

	/* ARP */
	memset(f, 0, 60);
	nf_put_be16(f + 12, NF_ETH_P_ARP);
	nf_put_be16(f + 14, 1);
	nf_put_be16(f + 16, NF_ETH_P_IP);
	f[18] = 6;
	f[19] = 4;
	EXPECT_EQ(nf_parse(f, 42, &p), 0);
	EXPECT(p.flags & NF_PF_ARP);
	EXPECT_PTR(p.arp, f + 14);

	/* unknown EtherType, 802.3 length */
	nf_put_be16(f + 12, 0x88b5);
	EXPECT_EQ(nf_parse(f, 14, &p), 0);
	EXPECT_EQ(p.flags, 0);
	nf_put_be16(f + 12, 46);
	EXPECT_EQ(nf_parse(f, 60, &p), 0);
	EXPECT_EQ(p.flags, NF_PF_LLC);

	/* IPv6: hop-by-hop, fragment (first), UDP */
	memset(f, 0, sizeof(f));
	nf_put_be16(f + 12, NF_ETH_P_IPV6);
	f[14] = 0x60;
	nf_put_be16(f + 18, 8 + 8 + 8 + 4);
	f[20] = NF_IPPROTO_HOPOPTS;
	f[54] = NF_IPPROTO_FRAGMENT;	/* hop-by-hop, len 0 = 8 bytes */
	f[62] = NF_IPPROTO_UDP;		/* fragment header */
	nf_put_be16(f + 64, NF_IP6_FRAG_MF);
	nf_put_be16(f + 74, 100);	/* UDP len: whole datagram */
	EXPECT_EQ(nf_parse(f, 14 + 40 + 28, &p), 0);
	EXPECT(p.flags & NF_PF_IP6);
	EXPECT(p.flags & NF_PF_FRAG);
	EXPECT(p.flags & NF_PF_UDP);
	EXPECT_EQ(p.l3_len, 56);
	EXPECT_EQ(p.l4_off, 70);
	EXPECT_EQ(p.payload_len, 4);
	/* ICMPv6 directly */
	f[20] = NF_IPPROTO_ICMPV6;
	nf_put_be16(f + 18, 8);
	EXPECT_EQ(nf_parse(f, 62, &p), 0);
	EXPECT(p.flags & NF_PF_ICMP);
	EXPECT(!(p.flags & NF_PF_IPOPT));
}


static void parse_malformed(void)
{
	uint8_t f[2048], g[2048];
	struct nf_parsed p;
	size_t n, cut;

	for (cut = 0; cut < 14; cut++)
		EXPECT_EQ(nf_parse(f, cut, &p), -NF_ERUNT);
	/* truncated at every byte of a UDP/IPv4 frame */
	n = mk_udp4(f, 80);
	for (cut = 14; cut < n; cut++)
		EXPECT_EQ(nf_parse(f, cut, &p), -NF_ETRUNC);
	EXPECT_EQ(nf_parse(f, n, &p), 0);

	/* bad IHL, version */
	memcpy(g, f, n);
	g[14] = 0x44;
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADHDR);
	g[14] = 0x65;
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADHDR);
	g[14] = 0x4f;			/* 60 bytes of header */
	EXPECT_EQ(nf_parse(g, 60, &p), -NF_ETRUNC);
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN); /* tot_len 66 < ... */
	/* total length < IHL, > frame */
	memcpy(g, f, n);
	nf_put_be16(g + 16, 19);
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN);
	nf_put_be16(g + 16, (uint16_t)(n - 14 + 1));
	EXPECT_EQ(nf_parse(g, n, &p), -NF_ETRUNC);
	/* UDP length < 8, > IP payload; IP payload < UDP header */
	memcpy(g, f, n);
	nf_put_be16(g + 38, 7);
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN);
	nf_put_be16(g + 38, (uint16_t)(n - 34 + 1));
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN);
	memcpy(g, f, n);
	nf_put_be16(g + 16, 20 + 7);
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN);
	/* TCP data offset < 5, beyond the IP payload */
	memcpy(g, f, n);
	g[23] = NF_IPPROTO_TCP;
	g[34 + 12] = 0x40;
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADHDR);
	g[34 + 12] = 0xf0;		/* 60 > 46 */
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN);
	/* ICMP shorter than 8 */
	memcpy(g, f, n);
	g[23] = NF_IPPROTO_ICMP;
	nf_put_be16(g + 16, 20 + 4);
	EXPECT_EQ(nf_parse(g, n, &p), -NF_EBADLEN);

	/* three VLAN tags; a tag cut short */
	memset(g, 0, sizeof(g));
	nf_put_be16(g + 12, NF_ETH_P_8021AD);
	nf_put_be16(g + 16, NF_ETH_P_8021Q);
	nf_put_be16(g + 20, NF_ETH_P_8021Q);
	EXPECT_EQ(nf_parse(g, 60, &p), -NF_ETOOMANY);
	EXPECT_EQ(nf_parse(g, 16, &p), -NF_ETRUNC);

	/* ARP: truncated, wrong address lengths */
	memset(g, 0, 60);
	nf_put_be16(g + 12, NF_ETH_P_ARP);
	g[18] = 6;
	g[19] = 4;
	EXPECT_EQ(nf_parse(g, 41, &p), -NF_ETRUNC);
	g[18] = 8;
	EXPECT_EQ(nf_parse(g, 60, &p), -NF_EBADHDR);

	/* IPv6: short, bad version, payload beyond frame, ext beyond
	 * payload, too many ext. headers */
	memset(g, 0, sizeof(g));
	nf_put_be16(g + 12, NF_ETH_P_IPV6);
	g[14] = 0x60;
	EXPECT_EQ(nf_parse(g, 14 + 39, &p), -NF_ETRUNC);
	g[14] = 0x40;
	EXPECT_EQ(nf_parse(g, 14 + 40, &p), -NF_EBADHDR);
	g[14] = 0x60;
	nf_put_be16(g + 18, 10);
	EXPECT_EQ(nf_parse(g, 14 + 49, &p), -NF_ETRUNC);
	g[20] = NF_IPPROTO_DSTOPTS;
	g[55] = 1;			/* 16 bytes > 10 */
	EXPECT_EQ(nf_parse(g, 14 + 60, &p), -NF_EBADLEN);
	nf_put_be16(g + 18, 4);		/* < 8: no room for any ext. */
	EXPECT_EQ(nf_parse(g, 14 + 60, &p), -NF_EBADLEN);
	nf_put_be16(g + 18, 80);
	for (n = 0; n < 10; n++) {
		g[54 + 8 * n] = NF_IPPROTO_DSTOPTS;
		g[55 + 8 * n] = 0;
	}
	EXPECT_EQ(nf_parse(g, 14 + 120, &p), -NF_ETOOMANY);
	/* garbage: any result but never a crash, and a valid code */
	for (n = 0; n < 10000; n++) {
		size_t len = rnd() % 200, i;
		int rc;

		for (i = 0; i < len; i++)
			g[i] = (uint8_t)rnd();
		rc = nf_parse(g, len, &p);
		EXPECT(rc <= 0 && rc > -NF_ENUM);
	}
	EXPECT(!strcmp(nf_parse_strerror(-NF_ETRUNC), "truncated"));
}

static void parse_csum_ok(void)
{
	uint8_t f[256];
	struct nf_parsed p;
	uint16_t c;

	mk_udp4(f, 100);
	EXPECT(nf_parse(f, 100, &p) == 0 && nf_parsed_csum_ok(&p));
	f[70] ^= 1;			/* payload bit */
	EXPECT(nf_parse(f, 100, &p) == 0 && !nf_parsed_csum_ok(&p));
	f[70] ^= 1;
	f[40] = f[41] = 0;		/* no UDP checksum over IPv4 */
	EXPECT(nf_parse(f, 100, &p) == 0 && nf_parsed_csum_ok(&p));
	f[22] ^= 1;			/* TTL: IPv4 header sum wrong */
	EXPECT(nf_parse(f, 100, &p) == 0 && !nf_parsed_csum_ok(&p));

	/* ICMP echo over IPv4: sum without pseudo-header */
	mk_udp4(f, 60);
	f[23] = NF_IPPROTO_ICMP;
	nf_ip4_csum_set((struct nf_ip4_hdr *)(f + 14));
	f[34] = NF_ICMP_ECHO;
	f[36] = f[37] = 0;
	c = nf_csum(f + 34, 26);
	memcpy(f + 36, &c, 2);
	EXPECT(nf_parse(f, 60, &p) == 0 && nf_parsed_csum_ok(&p));
	f[50] ^= 0x80;
	EXPECT(nf_parse(f, 60, &p) == 0 && !nf_parsed_csum_ok(&p));

	/* UDP over IPv6: checksum mandatory */
	memset(f, 0, sizeof(f));
	nf_put_be16(f + 12, NF_ETH_P_IPV6);
	f[14] = 0x60;
	nf_put_be16(f + 18, 12);
	f[20] = NF_IPPROTO_UDP;
	f[22 + 15] = 1;			/* ::1 -> ::2 */
	f[38 + 15] = 2;
	nf_put_be16(f + 58, 12);
	EXPECT(nf_parse(f, 66, &p) == 0 && !nf_parsed_csum_ok(&p));
	c = nf_udp_csum_fixup(nf_ip6_l4_csum(p.ip6, NF_IPPROTO_UDP, f + 54,
					     12));
	memcpy(f + 60, &c, 2);
	EXPECT(nf_parse(f, 66, &p) == 0 && nf_parsed_csum_ok(&p));
	EXPECT_EQ(ref_l4v6_udp(f + 14, f + 54, 12), 0);
}

/* -------------------------------------------------------- rate ------ */
/* Run a bucket for @p secs of fake time; @return frames let through. */
static uint64_t rate_run(uint64_t hz, enum nf_rate_unit u, uint64_t rate,
			 uint64_t burst, unsigned int want, uint16_t len,
			 uint64_t max_step, double secs)
{
	struct nf_rate r;
	uint64_t now = 123456789, end, sent = 0;

	EXPECT_EQ(nf_rate_init(&r, hz, u, rate, burst, now), 0);
	end = now + (uint64_t)(secs * (double)hz);
	while (now < end) {
		sent += nf_rate_take_at(&r, now, want, (uint64_t)want * len);
		now += 1 + rnd() % max_step;
	}
	return sent;
}

static void rate_accuracy(void)
{
	static const struct {
		uint64_t hz;
		enum nf_rate_unit u;
		uint64_t rate;
		uint16_t len;
	} c[] = {
		{ 3000000000ULL, NF_RATE_PPS, 1000, 60 },
		{ 3000000000ULL, NF_RATE_PPS, 100000, 60 },
		{ 3000000000ULL, NF_RATE_PPS, 14880952, 60 },
		{ 2100000000ULL, NF_RATE_PPS, 77777, 60 },
		{ 1000000000ULL, NF_RATE_PPS, 1, 60 },
		{ 3000000000ULL, NF_RATE_BPS, 1000000000ULL, 60 },
		{ 3000000000ULL, NF_RATE_BPS, 10000000000ULL, 60 },
		{ 3000000000ULL, NF_RATE_BPS, 10000000000ULL, 1514 },
		{ 2400000000ULL, NF_RATE_BPS, 100000000ULL, 590 },
		{ 3000000000ULL, NF_RATE_BPS, 100000000000ULL, 60 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		double expect, got, secs = c[i].rate == 1 ? 20.0 : 1.0;
		/* clock steps up to 2 us, and short enough that a call
		 * is due 16 frames on average (it asks for 32, the
		 * bucket holds 64): the caller keeps up with the rate */
		uint64_t step = c[i].hz / 500000;
		double fps, cyc;

		if (c[i].u == NF_RATE_PPS)
			fps = (double)c[i].rate;
		else
			fps = (double)c[i].rate /
			      (8.0 * (c[i].len + NF_ETH_L1_OVERHEAD));
		expect = fps * secs;
		cyc = 32.0 * (double)c[i].hz / fps;
		if ((double)step > cyc)
			step = (uint64_t)cyc;
		got = (double)rate_run(c[i].hz, c[i].u, c[i].rate,
				       c[i].u == NF_RATE_PPS ? 64 :
				       64 * (c[i].len + 24u), 32, c[i].len,
				       step, secs);
		/* within 1%, or one frame (the window's boundary) */
		if (got < expect * 0.99 - 1 || got > expect * 1.01 + 1) {
			printf("FAIL rate case %u: expected %.0f got %.0f\n",
			       i, expect, got);
			case_failed = 1;
		}
	}
	/* unlimited */
	{
		struct nf_rate r;

		nf_rate_init(&r, 1000, NF_RATE_PPS, 0, 0, 0);
		EXPECT_EQ(nf_rate_take_at(&r, 0, 32, 0), 32);
		EXPECT_EQ(nf_rate_take(&r, 7, 0), 7);
		EXPECT_EQ(nf_rate_init(&r, 0, NF_RATE_PPS, 1, 1, 0), -EINVAL);
	}
	/* burst: after a long pause at most the burst goes at once */
	{
		struct nf_rate r;

		nf_rate_init(&r, 1000000, NF_RATE_PPS, 1000, 10, 0);
		EXPECT_EQ(nf_rate_take_at(&r, 0, 32, 0), 0);
		EXPECT_EQ(nf_rate_take_at(&r, 5000000, 32, 0), 10);
		EXPECT_EQ(nf_rate_take_at(&r, 5000000, 32, 0), 0);
		EXPECT_EQ(nf_rate_take_at(&r, 5003000, 32, 0), 3);
		nf_rate_refund(&r, 2, 0);
		EXPECT_EQ(nf_rate_take_at(&r, 5003000, 32, 0), 2);
	}
}

/* ----------------------------------------------------- sizes -------- */
static void sizes_modes(void)
{
	struct nf_size_spec sp = { NF_SIZE_IMIX, 0, 0 };
	struct nf_sizes s, s2;
	unsigned int i, n60 = 0, n590 = 0, n1514 = 0;
	uint64_t bytes = 0;

	nf_sizes_init(&s, &sp, 0);
	for (i = 0; i < 1200; i++) {
		uint16_t v = nf_sizes_next(&s);

		n60 += v == 60;
		n590 += v == 590;
		n1514 += v == 1514;
		bytes += v;
	}
	EXPECT_EQ(n60, 700);
	EXPECT_EQ(n590, 400);
	EXPECT_EQ(n1514, 100);
	EXPECT_EQ(bytes, 100 * NF_IMIX_PERIOD_BYTES);
	sp.mode = NF_SIZE_SEQ;
	sp.min = 100;
	sp.max = 102;
	nf_sizes_init(&s, &sp, 0);
	EXPECT_EQ(nf_sizes_next(&s), 100);
	EXPECT_EQ(nf_sizes_next(&s), 101);
	EXPECT_EQ(nf_sizes_next(&s), 102);
	EXPECT_EQ(nf_sizes_next(&s), 100);
	sp.mode = NF_SIZE_RAND;
	sp.min = 60;
	sp.max = 1518;
	nf_sizes_init(&s, &sp, 42);
	nf_sizes_init(&s2, &sp, 42);
	{
		unsigned int lo = 0, hi = 0;

		for (i = 0; i < 100000; i++) {
			uint16_t v = nf_sizes_next(&s);

			EXPECT(v >= 60 && v <= 1518);
			EXPECT_EQ(v, nf_sizes_next(&s2));
			lo += v == 60;
			hi += v == 1518;
		}
		EXPECT(lo > 0 && hi > 0);	/* both ends reached */
	}
	EXPECT_EQ(nf_size_spec_max(&sp), 1518);
	sp.mode = NF_SIZE_FIXED;
	sp.min = 64;
	nf_sizes_init(&s, &sp, 0);
	EXPECT_EQ(nf_sizes_next(&s), 64);
	EXPECT_EQ(nf_size_spec_max(&sp), 64);
}

/* ------------------------------------------------------ args -------- */
static uint64_t a_count, a_dur;
static uint32_t a_ip;
static uint16_t a_port;
static uint8_t a_mac[6];
static unsigned int a_mode;
static bool a_flag;
static const char *a_name;
static struct nf_rate_spec a_rate;
static struct nf_size_spec a_size;
static const char *const modes[] = { "gen", "copy", "pool", "ref", NULL };

static struct nf_arg table[] = {
	{ "count", NF_ARG_U64, &a_count, "0", "frames", NULL, 0, 0, 0 },
	{ "duration", NF_ARG_DURATION, &a_dur, "10s", "run time", NULL,
	  0, 0, 0 },
	{ "dip", NF_ARG_IPV4, &a_ip, "198.18.0.254", "dst IP", NULL, 0, 0, 0 },
	{ "dport", NF_ARG_U16, &a_port, "5001", "dst port", NULL, 1, 65535,
	  0 },
	{ "dmac", NF_ARG_MAC, a_mac, "ff:ff:ff:ff:ff:ff", "dst MAC", NULL,
	  0, 0, 0 },
	{ "mode", NF_ARG_ENUM, &a_mode, "gen", "generation", modes, 0, 0, 0 },
	{ "verbose", NF_ARG_BOOL, &a_flag, "no", "chatty", NULL, 0, 0, 0 },
	{ "name", NF_ARG_STR, &a_name, NULL, "label", NULL, 0, 0, 0 },
	{ "rate", NF_ARG_RATE, &a_rate, "0", "rate", NULL, 0, 0, 0 },
	{ "size", NF_ARG_SIZES, &a_size, "60", "sizes", NULL, 0, 0, 0 },
	NF_ARG_END
};

static int args(char *msg, size_t n, ...)
{
	char *argv[16];
	int argc = 1;
	va_list ap;

	argv[0] = "app";
	va_start(ap, n);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return nf_args_parse_msg(table, argc, argv, msg, n);
}

static void args_good(void)
{
	char m[160];

	EXPECT_EQ(args(m, sizeof(m), NULL), 0);
	EXPECT_EQ(a_count, 0);
	EXPECT_EQ(a_dur, 10000000000ULL);
	EXPECT_EQ(a_ip, NF_IP4(198, 18, 0, 254));
	EXPECT_EQ(a_port, 5001);
	EXPECT_EQ(a_mac[0], 0xff);
	EXPECT_EQ(a_mode, 0);
	EXPECT_EQ(a_size.mode, NF_SIZE_FIXED);
	EXPECT_EQ(a_size.min, 60);
	EXPECT_EQ(args(m, sizeof(m), "count=1M", "duration=500ms",
		       "dip=10.1.2.3", "dport=0x1389", "dmac=02:00:00:00:00:0a",
		       "mode=pool", "verbose=on", "name=x=y", "rate=5Gbps",
		       "size=imix", NULL), 0);
	EXPECT_EQ(a_count, 1000000);
	EXPECT_EQ(a_dur, 500000000);
	EXPECT_EQ(a_ip, NF_IP4(10, 1, 2, 3));
	EXPECT_EQ(a_port, 5001);
	EXPECT_EQ(a_mac[5], 0x0a);
	EXPECT_EQ(a_mode, 2);
	EXPECT(a_flag);
	EXPECT(!strcmp(a_name, "x=y"));
	EXPECT_EQ(a_rate.unit, NF_RATE_BPS);
	EXPECT_EQ(a_rate.value, 5000000000ULL);
	EXPECT_EQ(a_size.mode, NF_SIZE_IMIX);
	EXPECT(table[0].set && table[9].set);
	EXPECT_EQ(args(m, sizeof(m), "count=1.5k", "rate=100k",
		       "duration=1.5", "size=seq:64-128", NULL), 0);
	EXPECT_EQ(a_count, 1500);
	EXPECT_EQ(a_rate.unit, NF_RATE_PPS);
	EXPECT_EQ(a_rate.value, 100000);
	EXPECT_EQ(a_dur, 1500000000);
	EXPECT_EQ(a_size.mode, NF_SIZE_SEQ);
	EXPECT_EQ(a_size.max, 128);
	EXPECT(!table[1].set == 0);
	EXPECT_EQ(args(m, sizeof(m), "rate=2Mpps", "size=60-1518",
		       "count=18446744073709551615", NULL), 0);
	EXPECT_EQ(a_rate.value, 2000000);
	EXPECT_EQ(a_size.mode, NF_SIZE_RAND);
	EXPECT_EQ(a_count, UINT64_MAX);
	EXPECT_EQ(args(m, sizeof(m), "count=1", "help", NULL), NF_ARGS_HELP);
}

static void args_bad(void)
{
	static const struct {
		const char *word, *msg;
	} c[] = {
		{ "x=1", "unknown key 'x' (try 'help')" },
		{ "count", "expected key=value, got 'count' (try 'help')" },
		{ "count=abc",
		  "bad value 'abc' for 'count': expected a number" },
		{ "count=", "bad value '' for 'count': expected a number" },
		{ "count=12q", "bad value '12q' for 'count': expected a number"
			       " (suffixes: k, M, G)" },
		{ "count=1.5", "bad value '1.5' for 'count': not a whole "
			       "number" },
		{ "count=18446744073709551616", "bad value "
		  "'18446744073709551616' for 'count': expected a number" },
		{ "count=20000000000G", "bad value '20000000000G' for "
		  "'count': too large" },
		{ "dport=0", "bad value '0' for 'dport': out of range (see "
			     "'help')" },
		{ "dport=70000", "bad value '70000' for 'dport': out of range"
				 " (see 'help')" },
		{ "dip=1.2.3", NULL }, { "dip=1.2.3.256", NULL },
		{ "dip=1.2.3.4.5", NULL }, { "dip=01.2.3.4x", NULL },
		{ "dmac=02:00:00:00:00", NULL },
		{ "dmac=02:00:00:00:00:0g", NULL },
		{ "dmac=02:00-00:00:00:00", NULL },
		{ "mode=fast", "bad value 'fast' for 'mode': not one of the "
			       "choices (see 'help')" },
		{ "verbose=maybe", NULL },
		{ "duration=10x", NULL }, { "duration=s", NULL },
		{ "rate=5Gbit", NULL }, { "rate=fast", NULL },
		{ "size=59", "bad value '59' for 'size': frame sizes are "
			     "60..1518 (without FCS)" },
		{ "size=1519", NULL }, { "size=100-90", NULL },
		{ "size=seq:100", NULL }, { "size=60-", NULL },
		{ "size=imixx", NULL },
	};
	unsigned int i;
	char m[160];

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int rc = args(m, sizeof(m), c[i].word, NULL);

		if (rc != -EINVAL || (c[i].msg && strcmp(m, c[i].msg))) {
			printf("FAIL args '%s': rc %d msg '%s'\n", c[i].word,
			       rc, m);
			case_failed = 1;
		}
	}
	/* a bad default is reported as such */
	{
		struct nf_arg t[] = {
			{ "n", NF_ARG_U16, &a_port, "99999", "", NULL, 0, 0,
			  0 },
			NF_ARG_END
		};
		char *argv[] = { "app" };

		EXPECT_EQ(nf_args_parse_msg(t, 1, argv, m, sizeof(m)),
			  -EINVAL);
		EXPECT(strstr(m, "default '99999' of 'n'") != NULL);
	}
}

/* ----------------------------------------------------- stats -------- */
static void stats_window_tick_kv(void)
{
	struct nf_stats_window w = { 0 };
	struct nf_netspeed s;
	struct nf_tick t;
	char buf[128];
	int i, due = 0;

	EXPECT_EQ(nf_stats_window_update(&w, 1000, 0, 0, &s), 0);
	EXPECT_EQ(nf_stats_window_update(&w, 1000 + 2000000000ULL, 20000000,
					 20000000ULL * 84, &s), 1);
	EXPECT_EQ(s.pps, 10000000);
	EXPECT_EQ(s.kbps, 6720000);	/* 10 Mpps * 84 B * 8 = 6.72 Gbit/s */
	nf_netspeed_fmt(buf, sizeof(buf), &s);
	EXPECT(!strcmp(buf, "pps=10000000 mbps=6720.000"));
	EXPECT_EQ(nf_stats_window_update(&w, 1000 + 2000000000ULL, 1, 1, &s),
		  0);

	nf_tick_init(&t, 100, 1000, 0);
	EXPECT_EQ(t.mask, 511);
	for (i = 0; i < 1000; i++)
		due += nf_tick_check(&t, (uint64_t)i);
	EXPECT_EQ(due, 9);		/* at 100, 200, ..., 900 */
	EXPECT(nf_tick_check(&t, 5000));	/* missed many: one tick */
	EXPECT(!nf_tick_check(&t, 5050));
	EXPECT(nf_tick_check(&t, 5100));

	{
		struct nf_kv kv[] = {
			NF_KV_U("pkts", 12), NF_KV_M("mpps", 1234),
			NF_KV_S("mode", "ref"),
		};

		nf_kv_fmt(buf, sizeof(buf), "pktgen:", kv, 3);
		EXPECT(!strcmp(buf, "pktgen: pkts=12 mpps=1.234 mode=ref\n"));
		EXPECT_EQ(nf_kv_fmt(buf, 8, NULL, kv, 1), 8);
		EXPECT(!strcmp(buf, "pkts=12"));
	}
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "--dump")) {
		dump = fopen(argv[2], "w");
		if (!dump) {
			perror(argv[2]);
			return 2;
		}
	}
	RUN(csum_rfc1071_example);
	RUN(csum_captured_ip4_header);
	RUN(csum_random_vs_reference);
	RUN(csum_incremental_vs_full);
	RUN(csum_l4_ip6_tcp);
	RUN(csum_update_buf_ranges);
	RUN(gen_build_fields);
	RUN(gen_stamp_resize_flows);
	RUN(parse_valid);
	RUN(parse_malformed);
	RUN(parse_csum_ok);
	RUN(rate_accuracy);
	RUN(sizes_modes);
	RUN(args_good);
	RUN(args_bad);
	RUN(stats_window_tick_kv);
	if (dump)
		fclose(dump);
	printf("%d passed, %d failed, 0 skipped\n", passed, failed);
	return failed ? 1 : 0;
}
