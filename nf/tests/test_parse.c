/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest suite "nf_parse": valid frames (UDP/TCP/ICMP over IPv4, VLAN,
 * ARP, IPv6 with extension headers) and every class of malformed frame
 * (runts, truncation at each layer, bad IHL, bad lengths, garbage).
 */
#include <string.h>
#include <uk/test.h>
#include <uk/nf/parse.h>
#include <uk/nf/gen.h>
#include "ref.h"

static const struct nf_gen_udp4 g = {
	.mac_src = { { 0x02, 0, 0, 0, 0, 0x01 } },
	.mac_dst = { { 0x02, 0, 0, 0, 0, 0x02 } },
	.ip_src = NF_IP4(198, 18, 0, 1),
	.ip_dst = NF_IP4(198, 18, 0, 2),
	.port_src = 1234,
	.port_dst = 5678,
};

UK_TESTCASE(nf_parse, udp4)
{
	uint8_t f[128];
	struct nf_parsed p;

	UK_TEST_ASSERT(nf_gen_udp4_build(f, sizeof(f), 100, &g) == 100);
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(f, 100, &p), 0);
	UK_TEST_EXPECT_UNUM_EQ(p.flags, NF_PF_IP4 | NF_PF_L4 | NF_PF_UDP);
	UK_TEST_EXPECT_UNUM_EQ(p.l3_off, 14);
	UK_TEST_EXPECT_UNUM_EQ(p.l4_off, 34);
	UK_TEST_EXPECT_UNUM_EQ(p.payload_off, 42);
	UK_TEST_EXPECT_UNUM_EQ(p.payload_len, 58);
	UK_TEST_EXPECT_PTR_EQ(p.udp, f + 34);
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(p.udp->dport), 5678);
}

UK_TESTCASE(nf_parse, csum_ok)
{
	uint8_t f[128];
	struct nf_parsed p;

	UK_TEST_ASSERT(nf_gen_udp4_build(f, sizeof(f), 90, &g) == 90);
	UK_TEST_ASSERT(nf_parse(f, 90, &p) == 0);
	UK_TEST_EXPECT(nf_parsed_csum_ok(&p));
	f[80] ^= 0x10;
	UK_TEST_EXPECT(!nf_parsed_csum_ok(&p));
	f[80] ^= 0x10;
	f[24] ^= 0x01;			/* IPv4 header checksum */
	UK_TEST_EXPECT(!nf_parsed_csum_ok(&p));
}

UK_TESTCASE(nf_parse, vlan_tcp_icmp_arp)
{
	uint8_t f[128];
	struct nf_parsed p;

	memset(f, 0, sizeof(f));
	nf_put_be16(f + 12, NF_ETH_P_8021Q);
	nf_put_be16(f + 14, 0xa00c);
	nf_put_be16(f + 16, NF_ETH_P_IP);
	f[18] = 0x45;
	nf_put_be16(f + 20, 40);
	f[27] = NF_IPPROTO_TCP;
	f[38 + 12] = 0x50;
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(f, 64, &p), 0);
	UK_TEST_EXPECT_UNUM_EQ(p.nvlans, 1);
	UK_TEST_EXPECT_UNUM_EQ(p.vlan_tci[0] & 0xfff, 12);
	UK_TEST_EXPECT(p.flags & NF_PF_TCP);
	UK_TEST_EXPECT_UNUM_EQ(p.payload_len, 0);
	UK_TEST_EXPECT_UNUM_EQ(p.ip_end, 58);

	f[27] = NF_IPPROTO_ICMP;
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(f, 64, &p), 0);
	UK_TEST_EXPECT(p.flags & NF_PF_ICMP);
	UK_TEST_EXPECT_UNUM_EQ(p.payload_len, 12);

	memset(f, 0, sizeof(f));
	nf_put_be16(f + 12, NF_ETH_P_ARP);
	f[18] = 6;
	f[19] = 4;
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(f, 60, &p), 0);
	UK_TEST_EXPECT(p.flags & NF_PF_ARP);
}

UK_TESTCASE(nf_parse, ip6_ext_headers)
{
	uint8_t f[128];
	struct nf_parsed p;

	memset(f, 0, sizeof(f));
	nf_put_be16(f + 12, NF_ETH_P_IPV6);
	f[14] = 0x60;
	nf_put_be16(f + 18, 16 + 8);
	f[20] = NF_IPPROTO_ROUTING;
	f[54] = NF_IPPROTO_UDP;		/* routing header, 16 bytes */
	f[55] = 1;
	nf_put_be16(f + 70 + 4, 8);	/* UDP length */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(f, 14 + 40 + 24, &p), 0);
	UK_TEST_EXPECT(p.flags & NF_PF_UDP);
	UK_TEST_EXPECT(p.flags & NF_PF_IPOPT);
	UK_TEST_EXPECT_UNUM_EQ(p.l4_off, 70);
	f[55] = 3;			/* 32 bytes: beyond the payload */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(f, 14 + 40 + 24, &p), -NF_EBADLEN);
}

UK_TESTCASE(nf_parse, runts_and_truncation)
{
	uint8_t f[128];
	struct nf_parsed p;
	size_t cut;
	unsigned int bad = 0;

	UK_TEST_ASSERT(nf_gen_udp4_build(f, sizeof(f), 80, &g) == 80);
	for (cut = 0; cut < 14; cut++)
		bad += nf_parse(f, cut, &p) != -NF_ERUNT;
	for (cut = 14; cut < 80; cut++)
		bad += nf_parse(f, cut, &p) != -NF_ETRUNC;
	UK_TEST_EXPECT_UNUM_EQ(bad, 0);
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(NULL, 0, &p), -NF_ERUNT);
}

UK_TESTCASE(nf_parse, bad_fields)
{
	uint8_t f[128], h[128];
	struct nf_parsed p;

	UK_TEST_ASSERT(nf_gen_udp4_build(f, sizeof(f), 80, &g) == 80);
	memcpy(h, f, 80);
	h[14] = 0x43;			/* IHL 3 */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_EBADHDR);
	h[14] = 0x55;			/* version 5 */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_EBADHDR);
	memcpy(h, f, 80);
	nf_put_be16(h + 16, 10);	/* tot_len < IHL*4 */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_EBADLEN);
	memcpy(h, f, 80);
	nf_put_be16(h + 38, 4);		/* UDP length < 8 */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_EBADLEN);
	nf_put_be16(h + 38, 100);	/* UDP length > IP payload */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_EBADLEN);
	memcpy(h, f, 80);
	h[23] = NF_IPPROTO_TCP;
	h[46] = 0x20;			/* data offset 2 */
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_EBADHDR);
	memset(h, 0, sizeof(h));
	nf_put_be16(h + 12, NF_ETH_P_8021Q);
	nf_put_be16(h + 16, NF_ETH_P_8021Q);
	nf_put_be16(h + 20, NF_ETH_P_8021Q);
	UK_TEST_EXPECT_SNUM_EQ(nf_parse(h, 80, &p), -NF_ETOOMANY);
}

UK_TESTCASE(nf_parse, garbage)
{
	static uint8_t f[256];
	struct nf_parsed p;
	uint64_t x = 12345;
	unsigned int i, j, bad = 0;

	for (i = 0; i < 20000; i++) {
		size_t len = 0;

		for (j = 0; j < sizeof(f); j++) {
			f[j] = (uint8_t)nf_ref_rnd(&x);
		}
		if (i & 1) {	/* keep a plausible IPv4 start */
			f[12] = 0x08;
			f[13] = 0x00;
			f[14] = 0x40 | (f[14] & 0x0f);
		}
		len = x % sizeof(f);
		{
			int rc = nf_parse(f, len, &p);

			bad += rc > 0 || rc <= -NF_ENUM;
			if (!rc)
				bad += p.payload_off + p.payload_len > len;
		}
	}
	UK_TEST_EXPECT_UNUM_EQ(bad, 0);
}

uk_testsuite_register(nf_parse, NULL);
