/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest suite "nf_genpkt": genpkt_udp4()/genpkt_usoc21() netbufs,
 * frame fields and checksums at every size, stamping, resizing, flows,
 * sizes, rate control with a fake clock.
 */
#include <string.h>
#include <uk/test.h>
#include <uk/alloc.h>
#include <uk/nf/genpkt.h>
#include <uk/nf/parse.h>
#include <uk/nf/csum.h>
#include <uk/nf/flows.h>
#include <uk/nf/rate.h>

static const struct uk_hwaddr src = { { 0x02, 0, 0, 0, 0, 0x01 } };
static const struct uk_hwaddr dst = { { 0x02, 0, 0, 0, 0, 0x02 } };

/* @return 0 if @p f is a well-formed generated frame of @p len bytes */
static int frame_ok(const uint8_t *f, size_t len)
{
	struct nf_parsed p;

	if (nf_parse(f, len, &p) || !(p.flags & NF_PF_UDP) ||
	    p.ip_end != len || !nf_ip4_csum_ok(p.ip4) || !p.udp->csum ||
	    nf_ip4_l4_csum(p.ip4, NF_IPPROTO_UDP, p.udp,
			   nf_ntohs(p.udp->len)))
		return -1;
	return 0;
}

UK_TESTCASE(nf_genpkt, udp4_fields)
{
	struct uk_netbuf *m;
	struct nf_parsed p;
	uint64_t seq = 1, ts = 1;

	m = genpkt_udp4(uk_alloc_get_default(), 64, 16, 60, &src, &dst,
			NF_IP4(198, 18, 0, 1), NF_IP4(198, 19, 0, 1), 1000,
			2000);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 60);
	UK_TEST_EXPECT_PTR_EQ(m->data, (uint8_t *)m->buf + 16);
	UK_TEST_EXPECT_UNUM_EQ((uintptr_t)m->buf & 63, 0);
	UK_TEST_EXPECT_SNUM_EQ(frame_ok(m->data, m->len), 0);
	UK_TEST_ASSERT(nf_parse(m->data, m->len, &p) == 0);
	UK_TEST_EXPECT_BYTES_EQ(&p.eth->src, src.addr_bytes, 6);
	UK_TEST_EXPECT_BYTES_EQ(&p.eth->dst, dst.addr_bytes, 6);
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohl(p.ip4->dst), NF_IP4(198, 19, 0, 1));
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(p.udp->sport), 1000);
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(p.udp->dport), 2000);
	UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(p.udp->len), 26);
	UK_TEST_EXPECT_SNUM_EQ(nf_gen_read(p.payload, p.payload_len, &seq,
					   &ts), 0);
	UK_TEST_EXPECT_UNUM_EQ(seq, 0);
	uk_netbuf_free(m);

	UK_TEST_EXPECT_NULL(genpkt_udp4(uk_alloc_get_default(), 0, 0, 59,
					&src, &dst, 1, 2, 3, 4));
	UK_TEST_EXPECT_NULL(genpkt_udp4(uk_alloc_get_default(), 0, 0, 1519,
					&src, &dst, 1, 2, 3, 4));
	UK_TEST_EXPECT_NULL(genpkt_usoc21(uk_alloc_get_default(), 0, 0, 60,
					  NULL));
}

UK_TESTCASE(nf_genpkt, usoc21_every_size)
{
	struct uk_netbuf *m;
	struct nf_parsed p;
	unsigned int len, bad = 0;

	for (len = 60; len <= 1518; len++) {
		m = genpkt_usoc21(uk_alloc_get_default(), 0, 0,
				  (uint16_t)len, &src);
		if (!m) {
			bad++;
			continue;
		}
		bad += m->len != len || frame_ok(m->data, len);
		if (len == 60) {
			nf_parse(m->data, len, &p);
			UK_TEST_EXPECT(nf_ether_is_broadcast(&p.eth->dst));
			UK_TEST_EXPECT_UNUM_EQ(nf_ntohl(p.ip4->src),
					       GENPKT_USOC21_IP_SRC);
			UK_TEST_EXPECT_UNUM_EQ(nf_ntohl(p.ip4->dst),
					       GENPKT_USOC21_IP_DST);
			UK_TEST_EXPECT_UNUM_EQ(nf_ntohs(p.udp->dport), 5001);
		}
		uk_netbuf_free(m);
	}
	UK_TEST_EXPECT_UNUM_EQ(bad, 0);
}

UK_TESTCASE(nf_genpkt, stamp_resize_flows)
{
	static uint8_t f[1600];
	struct nf_parsed p;
	struct nf_flows fl;
	struct nf_sizes sz;
	struct nf_size_spec spec = { NF_SIZE_IMIX, 0, 0 };
	uint16_t len = 60, nl;
	uint64_t seq, ts;
	unsigned int i, bad = 0;

	UK_TEST_ASSERT(genpkt_udp4_build(f, sizeof(f), len, &src, &dst, 1, 2,
					 3, 4) == 60);
	nf_flows_init(&fl, NF_FLOWS_BOTH, 16, NF_IP4(198, 18, 0, 1), 5001);
	nf_sizes_init(&sz, &spec, 0);
	for (i = 0; i < 3000; i++) {
		nf_gen_stamp(f, i, (uint64_t)i * 1000003);
		nl = nf_sizes_next(&sz);
		bad += nf_gen_udp4_resize(f, len, nl) != 0;
		len = nl;
		/* The frame itself tells its length (pktgen's pool). */
		bad += nf_gen_udp4_len(f) != len;
		nf_flows_apply(&fl, f);
		bad += frame_ok(f, len) != 0;
		nf_parse(f, len, &p);
		bad += nf_gen_read(p.payload, p.payload_len, &seq, &ts) != 0 ||
		       seq != i || ts != (uint64_t)i * 1000003;
	}
	UK_TEST_EXPECT_UNUM_EQ(bad, 0);
}

UK_TESTCASE(nf_genpkt, rate_fake_clock)
{
	struct nf_rate r;
	uint64_t now = 1000, sent = 0, hz = 2000000000ULL;

	/* 1 Mpps for one second of fake time, calls every 10 us */
	UK_TEST_ASSERT(nf_rate_init(&r, hz, NF_RATE_PPS, 1000000, 64, now)
		       == 0);
	while (now < 1000 + hz) {
		sent += nf_rate_take_at(&r, now, 32, 32 * 60);
		now += hz / 100000;
	}
	UK_TEST_EXPECT_UNUM_GE(sent, 990000);
	UK_TEST_EXPECT_UNUM_LE(sent, 1010000);

	/* 1 Gbit/s L1 of 60-byte frames = 1488095 frames/s */
	now = 0;
	sent = 0;
	UK_TEST_ASSERT(nf_rate_init(&r, hz, NF_RATE_BPS, 1000000000ULL,
				    64 * 84, now) == 0);
	while (now < hz) {
		sent += nf_rate_take_at(&r, now, 32, 32 * 60);
		now += hz / 100000;
	}
	UK_TEST_EXPECT_UNUM_GE(sent, 1473214);
	UK_TEST_EXPECT_UNUM_LE(sent, 1502976);
}

uk_testsuite_register(nf_genpkt, NULL);
