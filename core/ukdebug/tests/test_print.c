/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <string.h>
#include <uk/print.h>
#include <uk/test.h>

static int fmt(char *buf, size_t size, int lvl, const char *msg, ...)
{
	va_list ap;
	int n;

	va_start(ap, msg);
	n = _uk_vprintk_fmt(buf, size, lvl, "libfoo", "a/b/file.c", 42, msg,
			    ap);
	va_end(ap);
	return n;
}

UK_TESTCASE(ukdebug, prefix_names_level_lib_and_file)
{
	char buf[256];
	int n = fmt(buf, sizeof(buf), KLVL_ERR, "value %d\n", 7);

	UK_TEST_EXPECT_SNUM_EQ(n, (long long)strlen(buf));
	UK_TEST_EXPECT_NOT_NULL(strstr(buf, "ERR: "));
	UK_TEST_EXPECT_NOT_NULL(strstr(buf, "[libfoo]"));
	UK_TEST_EXPECT_NOT_NULL(strstr(buf, "<file.c @   42>"));
	UK_TEST_EXPECT_NOT_NULL(strstr(buf, "value 7\n"));
	UK_TEST_EXPECT_NULL(strstr(buf, "a/b/"));
}

UK_TESTCASE(ukdebug, truncates_without_overflow)
{
	char buf[24];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = fmt(buf, 16, KLVL_CRIT, "%s", "a very long message indeed");
	UK_TEST_EXPECT_SNUM_EQ(n, 15);
	UK_TEST_EXPECT_SNUM_EQ(buf[15], '\0');
	UK_TEST_EXPECT_SNUM_EQ(buf[16], 'x');
}

UK_TESTCASE(ukdebug, bad_level_is_reported_as_critical)
{
	char buf[128];

	fmt(buf, sizeof(buf), 99, "x");
	UK_TEST_EXPECT_NOT_NULL(strstr(buf, "CRIT:"));
}

UK_TESTCASE(ukdebug, compiled_level_filters_debug)
{
	/* The default configuration prints errors, never debug messages. */
	UK_TEST_EXPECT_SNUM_GE(UK_PRINT_LEVEL, KLVL_CRIT);
#if !CONFIG_LIBUKDEBUG_PRINTK_DEBUG
	UK_TEST_EXPECT_SNUM_LT(UK_PRINT_LEVEL, KLVL_DEBUG);
#endif
}

uk_testsuite_register(ukdebug, NULL);
