/* SPDX-License-Identifier: BSD-3-Clause */
/* uktest suite "nf_args": key=value parsing, good and bad. */
#include <errno.h>
#include <string.h>
#include <uk/test.h>
#include <uk/nf/args.h>

static uint64_t count, dur;
static uint32_t ip;
static uint16_t port;
static uint8_t mac[6];
static unsigned int mode;
static struct nf_rate_spec rate;
static struct nf_size_spec size;
static const char *const modes[] = { "gen", "copy", "pool", "ref", NULL };

static struct nf_arg table[] = {
	{ .name = "count", .type = NF_ARG_U64, .dst = &count, .def = "0",
	  .help = "frames" },
	{ .name = "time", .type = NF_ARG_DURATION, .dst = &dur, .def = "1s",
	  .help = "duration" },
	{ .name = "dip", .type = NF_ARG_IPV4, .dst = &ip,
	  .def = "198.18.0.254", .help = "destination" },
	{ .name = "port", .type = NF_ARG_U16, .dst = &port, .def = "5001",
	  .help = "port", .min = 1, .max = 65535 },
	{ .name = "dmac", .type = NF_ARG_MAC, .dst = mac,
	  .def = "ff:ff:ff:ff:ff:ff", .help = "MAC" },
	{ .name = "mode", .type = NF_ARG_ENUM, .dst = &mode, .def = "gen",
	  .help = "mode", .choices = modes },
	{ .name = "rate", .type = NF_ARG_RATE, .dst = &rate, .def = "0",
	  .help = "rate" },
	{ .name = "size", .type = NF_ARG_SIZES, .dst = &size, .def = "60",
	  .help = "sizes" },
	NF_ARG_END
};

UK_TESTCASE(nf_args, good)
{
	char *argv[] = { "app", "count=10M", "time=250ms", "dip=198.19.0.1",
			 "port=0x1000", "dmac=02:00:00:00:00:02", "mode=ref",
			 "rate=1.5Gbps", "size=60-1514" };
	char msg[128];

	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 1, argv, msg,
						 sizeof(msg)), 0);
	UK_TEST_EXPECT_UNUM_EQ(dur, 1000000000ULL);
	UK_TEST_EXPECT_UNUM_EQ(port, 5001);
	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 9, argv, msg,
						 sizeof(msg)), 0);
	UK_TEST_EXPECT_UNUM_EQ(count, 10000000);
	UK_TEST_EXPECT_UNUM_EQ(dur, 250000000);
	UK_TEST_EXPECT_UNUM_EQ(ip, 0xc6130001);
	UK_TEST_EXPECT_UNUM_EQ(port, 0x1000);
	UK_TEST_EXPECT_UNUM_EQ(mac[5], 2);
	UK_TEST_EXPECT_UNUM_EQ(mode, 3);
	UK_TEST_EXPECT_UNUM_EQ(rate.unit, NF_RATE_BPS);
	UK_TEST_EXPECT_UNUM_EQ(rate.value, 1500000000ULL);
	UK_TEST_EXPECT_UNUM_EQ(size.mode, NF_SIZE_RAND);
	UK_TEST_EXPECT_UNUM_EQ(size.max, 1514);
}

UK_TESTCASE(nf_args, bad)
{
	char *a1[] = { "app", "nope=1" };
	char *a2[] = { "app", "rate=fast" };
	char *a3[] = { "app", "port=0" };
	char *a4[] = { "app", "count" };
	char *a5[] = { "app", "help" };
	char msg[128];

	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 2, a1, msg,
						 sizeof(msg)), -EINVAL);
	UK_TEST_EXPECT(!strcmp(msg, "unknown key 'nope' (try 'help')"));
	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 2, a2, msg,
						 sizeof(msg)), -EINVAL);
	UK_TEST_EXPECT(!strncmp(msg, "bad value 'fast' for 'rate': ", 29));
	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 2, a3, msg,
						 sizeof(msg)), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 2, a4, msg,
						 sizeof(msg)), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(nf_args_parse_msg(table, 2, a5, msg,
						 sizeof(msg)), NF_ARGS_HELP);
}

uk_testsuite_register(nf_args, NULL);
