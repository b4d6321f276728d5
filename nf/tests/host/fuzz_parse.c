/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target for nf_parse(): libFuzzer entry point, plus (with
 * -DNF_FUZZ_MAIN) a self-contained mutation loop for a bounded time:
 *   fuzz_parse SECONDS [SEED]
 * Each input is copied into a buffer of exactly its size, so an
 * AddressSanitizer build catches any read past the end. The invariants
 * of <uk/nf/parse.h> are checked on success; a violation aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uk/nf/parse.h>
#include "../ref.h"

#define CHECK(c)							\
	do {								\
		if (!(c)) {						\
			fprintf(stderr, "invariant failed: %s\n", #c);	\
			abort();					\
		}							\
	} while (0)

static void in_frame(const uint8_t *f, size_t len, const void *p, size_t n)
{
	const uint8_t *q = p;

	if (!p)
		return;
	CHECK(q >= f && n <= len && (size_t)(q - f) <= len - n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *f = malloc(size ? size : 1);
	struct nf_parsed p;
	int rc;

	memcpy(f, data, size);
	rc = nf_parse(f, size, &p);
	CHECK(rc <= 0 && rc > -NF_ENUM);
	if (rc == 0) {
		in_frame(f, size, p.eth, NF_ETH_HLEN);
		in_frame(f, size, p.arp, NF_ARP_LEN);
		in_frame(f, size, p.ip4, p.ip4 ? nf_ip4_hlen(p.ip4) : 0);
		in_frame(f, size, p.ip6, NF_IP6_HLEN);
		in_frame(f, size, p.udp, NF_UDP_HLEN);
		in_frame(f, size, p.tcp, p.tcp ? nf_tcp_hlen(p.tcp) : 0);
		in_frame(f, size, p.icmp, NF_ICMP_HLEN);
		in_frame(f, size, p.payload, p.payload_len);
		CHECK(p.payload == f + p.payload_off);
		CHECK(p.ip_end <= size);
		CHECK(p.payload_off + p.payload_len <= p.ip_end);
		CHECK(p.l3_off + p.l3_len <= size);
		if (p.flags & NF_PF_L4)
			CHECK(p.l4_off + p.l4_len == p.payload_off);
		/* reads every checksummed byte: must stay in bounds too */
		(void)nf_parsed_csum_ok(&p);
	}
	free(f);
	return 0;
}

#ifdef NF_FUZZ_MAIN
/* Seeds: a few valid frames that mutations start from. */
static const uint8_t seed_udp4[] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00,
	0x45, 0, 0, 46, 0, 0, 0x40, 0, 64, 17, 0, 0, 198, 18, 0, 1,
	198, 18, 0, 254, 0x13, 0x89, 0x13, 0x89, 0, 26, 0, 0,
	0x6e, 0x66, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
};
static const uint8_t seed_vlan_tcp4[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x88, 0xa8, 0, 10, 0x81, 0x00,
	0, 20, 0x08, 0x00, 0x46, 0, 0, 44, 0, 0, 0, 0, 64, 6, 0, 0,
	1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 0, 80, 0, 81, 0, 0, 0, 0,
	0, 0, 0, 0, 0x50, 0x02, 0, 0, 0, 0, 0, 0,
};
static const uint8_t seed_ip6[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x86, 0xdd,
	0x60, 0, 0, 0, 0, 32, 0, 64,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	44, 0, 0, 0, 0, 0, 0, 1,	/* hop-by-hop -> fragment */
	17, 0, 0, 0, 0, 0, 0, 1,	/* fragment (first) -> UDP */
	0, 1, 0, 2, 0, 16, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8,
};
static const uint8_t seed_arp[] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 1, 2, 3, 4, 5, 0x08, 0x06,
	0, 1, 8, 0, 6, 4, 0, 1, 0, 1, 2, 3, 4, 5, 198, 18, 0, 1,
	0, 0, 0, 0, 0, 0, 198, 18, 0, 254,
};

static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(void)
{
	return nf_ref_rnd(&rng);
}

int main(int argc, char **argv)
{
	static const struct {
		const uint8_t *d;
		size_t n;
	} seeds[] = {
		{ seed_udp4, sizeof(seed_udp4) },
		{ seed_vlan_tcp4, sizeof(seed_vlan_tcp4) },
		{ seed_ip6, sizeof(seed_ip6) },
		{ seed_arp, sizeof(seed_arp) },
	};
	double secs = argc > 1 ? atof(argv[1]) : 2.0;
	uint8_t buf[256];
	unsigned long n = 0;
	time_t end;

	if (argc > 2)
		rng = strtoull(argv[2], NULL, 0) | 1;
	end = time(NULL) + (time_t)(secs + 0.999);
	while (time(NULL) < end) {
		for (int k = 0; k < 1000; k++, n++) {
			size_t s = rnd() % 4, len = seeds[s].n, m, i;

			memcpy(buf, seeds[s].d, len);
			m = rnd() % 8;
			for (i = 0; i < m; i++) {
				switch (rnd() % 4) {
				case 0:	/* random byte */
					buf[rnd() % len] = (uint8_t)rnd();
					break;
				case 1:	/* flip a bit */
					buf[rnd() % len] ^= 1 << (rnd() % 8);
					break;
				case 2:	/* cut */
					len = rnd() % (len + 1);
					if (!len)
						len = 1;
					break;
				default: /* grow with random bytes */
					while (len < sizeof(buf) &&
					       (rnd() & 7))
						buf[len++] = (uint8_t)rnd();
				}
			}
			if (rnd() % 16 == 0) {	/* pure garbage */
				len = rnd() % sizeof(buf);
				for (i = 0; i < len; i++)
					buf[i] = (uint8_t)rnd();
			}
			LLVMFuzzerTestOneInput(buf, len);
		}
	}
	printf("fuzz_parse: %lu inputs, no invariant violated\n", n);
	return 0;
}
#endif
