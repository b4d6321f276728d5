/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest suite "nf_csum": RFC 1071 example, a captured IPv4 header,
 * pseudo-header sums, incremental update against full recomputation.
 */
#include <string.h>
#include <uk/test.h>
#include <uk/nf/csum.h>
#include "ref.h"

static uint64_t xs = 2463534242u;

static uint32_t rnd(void)
{
	return (uint32_t)nf_ref_rnd(&xs);
}

#define ref_csum nf_ref_csum

UK_TESTCASE(nf_csum, rfc1071_example)
{
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03,
				     0xf4, 0xf5, 0xf6, 0xf7 };

	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(nf_csum_fold(nf_csum_partial(b, 8, 0))),
			       0xddf2);
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(nf_csum(b, 8)), 0x220d);
	/* odd length: the last byte is the high byte of a padded word */
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(nf_csum(b, 7)), ref_csum(b, 7));
}

UK_TESTCASE(nf_csum, captured_ip4_header)
{
	uint8_t h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
			  0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
			  0xc0, 0xa8, 0x00, 0xc7 };
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)h;

	UK_TEST_EXPECT(nf_ip4_csum_ok(ip));
	ip->csum = 0;
	UK_TEST_EXPECT(!nf_ip4_csum_ok(ip));
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(nf_ip4_csum(ip)), 0xb861);
	nf_ip4_csum_set(ip);
	UK_TEST_EXPECT_UNUM_EQ(h[10], 0xb8);
	UK_TEST_EXPECT_UNUM_EQ(h[11], 0x61);
}

UK_TESTCASE(nf_csum, random_vs_reference)
{
	static uint8_t buf[1600];
	unsigned int i, bad = 0;

	for (i = 0; i < 2000; i++) {
		size_t off = rnd() % 8, len = rnd() % 1500, j;

		for (j = 0; j < off + len; j++)
			buf[j] = (uint8_t)rnd();
		if (nf_ntohs(nf_csum(buf + off, len)) !=
		    ref_csum(buf + off, len))
			bad++;
	}
	UK_TEST_EXPECT_UNUM_EQ(bad, 0);
}

UK_TESTCASE(nf_csum, udp_pseudo_header)
{
	/* IPv4 198.18.0.1 -> 198.18.0.254, UDP 5001 -> 5001, 4 bytes */
	uint8_t f[32] = { 0x45, 0, 0, 32, 0, 0, 0x40, 0, 64, 17, 0, 0,
			  198, 18, 0, 1, 198, 18, 0, 254,
			  0x13, 0x89, 0x13, 0x89, 0, 12, 0, 0,
			  'a', 'b', 'c', 'd' };
	uint8_t ref[12 + 12];
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)f;
	uint16_t c;

	/* reference: pseudo-header + UDP, byte-wise */
	memcpy(ref, f + 12, 8);
	ref[8] = 0;
	ref[9] = 17;
	ref[10] = 0;
	ref[11] = 12;
	memcpy(ref + 12, f + 20, 12);
	c = nf_ip4_l4_csum(ip, NF_IPPROTO_UDP, f + 20, 12);
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(c), ref_csum(ref, sizeof(ref)));
	memcpy(f + 26, &c, 2);
	UK_TEST_EXPECT_UNUM_EQ(nf_ip4_l4_csum(ip, NF_IPPROTO_UDP, f + 20, 12),
			       0);
	UK_TEST_EXPECT_UNUM_EQ(nf_udp_csum_fixup(0), 0xffff);
}

UK_TESTCASE(nf_csum, incremental_equals_full)
{
	uint8_t h[20];
	struct nf_ip4_hdr *ip = (struct nf_ip4_hdr *)h;
	unsigned int i, j, bad = 0;

	for (i = 0; i < 5000; i++) {
		uint16_t o16, n16 = (uint16_t)rnd();
		uint32_t o32, n32 = rnd();

		for (j = 0; j < sizeof(h); j++)
			h[j] = (uint8_t)rnd();
		h[0] = 0x45;
		nf_ip4_csum_set(ip);
		memcpy(&o16, h + 2, 2);		/* total length */
		memcpy(h + 2, &n16, 2);
		ip->csum = nf_csum_update16(ip->csum, o16, n16);
		bad += !nf_ip4_csum_ok(ip);
		o32 = ip->src;			/* address rewrite */
		ip->src = n32;
		ip->csum = nf_csum_update32(ip->csum, o32, n32);
		bad += !nf_ip4_csum_ok(ip);
		bad += ip->csum != nf_ip4_csum(ip);
	}
	UK_TEST_EXPECT_UNUM_EQ(bad, 0);
}

uk_testsuite_register(nf_csum, NULL);
