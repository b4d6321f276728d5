/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc in the image: formatting, the strtol family, qsort, strings
 * and ctype. (tests/host/run compares the same code with glibc on
 * hundreds of thousands of generated cases.)
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/test.h>

/* Format and compare; evaluates to 1 when text and return value match. */
#define FMT_EQ(want, fmt, ...)						\
	({								\
		char _b[128];						\
		int _n = snprintf(_b, sizeof(_b), fmt, ##__VA_ARGS__);	\
		UK_TEST_EXPECT_MSG(!strcmp(_b, want) &&			\
				   _n == (int)strlen(want),		\
				   "\"%s\": want \"%s\", got \"%s\" (%d)", \
				   fmt, want, _b, _n);			\
	})

UK_TESTCASE(nolibc, printf_int)
{
	FMT_EQ("42", "%d", 42);
	FMT_EQ("-42", "%i", -42);
	FMT_EQ("[   -7]", "[%5d]", -7);
	FMT_EQ("[-7   ]", "[%-5d]", -7);
	FMT_EQ("[-0007]", "[%05d]", -7);
	FMT_EQ("[  007]", "[%5.3d]", 7);
	FMT_EQ("[+7 ]", "[%-+3d]", 7);
	FMT_EQ("[ 7]", "[% d]", 7);
	FMT_EQ("[   12]", "[%*d]", 5, 12);
	FMT_EQ("[12   ]", "[%*d]", -5, 12);
	FMT_EQ("[012]", "[%.*d]", 3, 12);
	FMT_EQ("[]", "[%.0d]", 0);
	FMT_EQ("-9223372036854775808", "%lld", LLONG_MIN);
	FMT_EQ("18446744073709551615", "%llu", ULLONG_MAX);
	FMT_EQ("255 -1 65535", "%hhu %hhd %hu", 255, 255, 65535);
	FMT_EQ("123456789012", "%zu", (size_t)123456789012ULL);
	FMT_EQ("-5", "%td", (ptrdiff_t)-5);
	FMT_EQ("-3", "%jd", (intmax_t)-3);
	FMT_EQ("ff FF 0xff 0XFF 0", "%x %X %#x %#X %#x", 255, 255, 255, 255,
	       0);
	FMT_EQ("17 017 0", "%o %#o %#o", 15, 15, 0);
	FMT_EQ("deadbeefcafe", "%lx", 0xdeadbeefcafeUL);
	FMT_EQ("100%", "%d%%", 100);
}

UK_TESTCASE(nolibc, printf_str_ptr)
{
	const char *volatile null = NULL;	/* hidden from -Wformat */

	FMT_EQ("a|hello|(null)", "%c|%s|%s", 'a', "hello", null);
	FMT_EQ("[  hel]", "[%5.3s]", "hello");
	FMT_EQ("[hi   ]", "[%-5s]", "hi");
	FMT_EQ("0x1234", "%p", (void *)0x1234);
	FMT_EQ("0x0", "%p", NULL);
	FMT_EQ("[0x10  ]", "[%-6p]", (void *)16);
}

UK_TESTCASE(nolibc, printf_float)
{
	FMT_EQ("12.345 Mpps", "%.3f Mpps", 12.345);
	FMT_EQ("3.141593", "%f", 3.14159265);
	FMT_EQ("-0.50", "%.2f", -0.5);
	FMT_EQ("2", "%.0f", 2.5);	/* ties to even */
	FMT_EQ("4", "%.0f", 3.5);
	FMT_EQ("0.12", "%.2f", 0.125);
	FMT_EQ("1000.0", "%.1f", 999.95);
	FMT_EQ("[  1.50]", "[%6.2f]", 1.5);
	FMT_EQ("[001.50]", "[%06.2f]", 1.5);
	FMT_EQ("1.234500e+03", "%e", 1234.5);
	FMT_EQ("1.0E-10", "%.1E", 1e-10);
	FMT_EQ("0.0001 1e-05 123457 1.23457e+06", "%g %g %g %g", 0.0001,
	       0.00001, 123456.7, 1234567.0);
	FMT_EQ("100 1e+02", "%g %.1g", 100.0, 100.0);
	FMT_EQ("1.00e+03 1.50000", "%#.3g %#g", 999.9, 1.5);
	FMT_EQ("inf -inf nan", "%f %f %f", __builtin_inf(),
	       -__builtin_inf(), __builtin_nan(""));
	FMT_EQ("-0.000000", "%f", -0.0);
	FMT_EQ("18446744073709551616", "%.0f", 18446744073709551616.0);
	FMT_EQ("4.9406564584124654e-324", "%.16e", 4.9406564584124654e-324);
}

UK_TESTCASE(nolibc, snprintf_truncation)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	UK_TEST_EXPECT_SNUM_EQ(snprintf(buf, 4, "%s", "hello"), 5);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "hel"));
	UK_TEST_EXPECT_SNUM_EQ(buf[4], 'x');
	buf[0] = 'q';
	UK_TEST_EXPECT_SNUM_EQ(snprintf(buf, 0, "%d", 12345), 5);
	UK_TEST_EXPECT_SNUM_EQ(buf[0], 'q');
	UK_TEST_EXPECT_SNUM_EQ(snprintf(NULL, 0, "%.3f", 1.0), 5);
	UK_TEST_EXPECT_SNUM_EQ(snprintf(buf, 1, "abc"), 3);
	UK_TEST_EXPECT_SNUM_EQ(buf[0], '\0');
	UK_TEST_EXPECT_SNUM_EQ(sprintf(buf, "%03d", 7), 3);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "007"));
}

UK_TESTCASE(nolibc, strtol)
{
	const char *s;
	char *end;

	UK_TEST_EXPECT_SNUM_EQ(strtol("  -123xyz", &end, 10), -123);
	UK_TEST_EXPECT_SNUM_EQ(*end, 'x');
	UK_TEST_EXPECT_SNUM_EQ(strtol("+0x1F", NULL, 0), 31);
	UK_TEST_EXPECT_SNUM_EQ(strtol("0x1F", NULL, 16), 31);
	UK_TEST_EXPECT_SNUM_EQ(strtol("0777", NULL, 0), 511);
	UK_TEST_EXPECT_SNUM_EQ(strtol("777", NULL, 8), 511);
	UK_TEST_EXPECT_SNUM_EQ(strtol("z", NULL, 36), 35);
	UK_TEST_EXPECT_SNUM_EQ(strtol("101", NULL, 2), 5);
	s = "0xg";
	UK_TEST_EXPECT_SNUM_EQ(strtol(s, &end, 0), 0);
	UK_TEST_EXPECT_PTR_EQ(end, s + 1);

	s = "  -abc";
	UK_TEST_EXPECT_SNUM_EQ(strtol(s, &end, 10), 0);
	UK_TEST_EXPECT_PTR_EQ(end, s);
	s = "";
	UK_TEST_EXPECT_SNUM_EQ(strtoul(s, &end, 0), 0);
	UK_TEST_EXPECT_PTR_EQ(end, s);

	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(strtol("9223372036854775808", &end, 10),
			       LONG_MAX);
	UK_TEST_EXPECT_SNUM_EQ(errno, ERANGE);
	UK_TEST_EXPECT_SNUM_EQ(*end, '\0');
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(strtoll("-9223372036854775809", NULL, 10),
			       LLONG_MIN);
	UK_TEST_EXPECT_SNUM_EQ(errno, ERANGE);
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(strtol("-9223372036854775808", NULL, 10),
			       LONG_MIN);
	UK_TEST_EXPECT_ZERO(errno);
	UK_TEST_EXPECT_UNUM_EQ(strtoull("18446744073709551615", NULL, 10),
			       ULLONG_MAX);
	UK_TEST_EXPECT_ZERO(errno);
	UK_TEST_EXPECT_UNUM_EQ(strtoul("18446744073709551616", NULL, 10),
			       ULONG_MAX);
	UK_TEST_EXPECT_SNUM_EQ(errno, ERANGE);
	UK_TEST_EXPECT_UNUM_EQ(strtoul("-1", NULL, 10), ULONG_MAX);
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(strtol("1", &end, 37), 0);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(atoi(" 42 "), 42);
	UK_TEST_EXPECT_SNUM_EQ(atol("-7"), -7);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

UK_TESTCASE(nolibc, qsort_bsearch)
{
	int v[257], i, n, key;
	uint32_t seed = 1;

	qsort(NULL, 0, sizeof(int), cmp_int);
	v[0] = 5;
	qsort(v, 1, sizeof(int), cmp_int);
	UK_TEST_EXPECT_SNUM_EQ(v[0], 5);
	for (n = 2; n <= 257; n += 51) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			v[i] = (int)(seed >> 16) % (n / 2) - n / 4;
		}
		qsort(v, n, sizeof(int), cmp_int);
		for (i = 1; i < n; i++)
			if (!UK_TEST_EXPECT(v[i - 1] <= v[i]))
				break;
		key = v[n / 3];
		UK_TEST_EXPECT_NOT_NULL(bsearch(&key, v, n, sizeof(int),
						cmp_int));
		key = n;
		UK_TEST_EXPECT_NULL(bsearch(&key, v, n, sizeof(int), cmp_int));
	}
}

UK_TESTCASE(nolibc, strings)
{
	char buf[32], *save, *tok;
	unsigned char big[1100], copy[1100];
	size_t i;

	UK_TEST_EXPECT_UNUM_EQ(strlen("hello"), 5);
	UK_TEST_EXPECT_UNUM_EQ(strnlen("hello", 3), 3);
	UK_TEST_EXPECT(strcmp("abc", "abd") < 0);
	UK_TEST_EXPECT(strcmp("b", "abc") > 0);
	UK_TEST_EXPECT(strcmp("\xff", "a") > 0);	/* unsigned bytes */
	UK_TEST_EXPECT_ZERO(strncmp("abcx", "abcy", 3));
	UK_TEST_EXPECT_ZERO(strcasecmp("Hello", "hELLO"));
	UK_TEST_EXPECT(strncasecmp("abC", "ABD", 3) < 0);
	UK_TEST_EXPECT_ZERO(strcmp(strchr("a.b.c", '.'), ".b.c"));
	UK_TEST_EXPECT_ZERO(strcmp(strrchr("a.b.c", '.'), ".c"));
	UK_TEST_EXPECT_NULL(strchr("abc", 'z'));
	UK_TEST_EXPECT_ZERO(strcmp(strstr("rx tx txq", "txq"), "txq"));
	UK_TEST_EXPECT_NULL(strstr("abc", "abcd"));
	UK_TEST_EXPECT_UNUM_EQ(strspn("  x", " "), 2);
	UK_TEST_EXPECT_UNUM_EQ(strcspn("key=val", "="), 3);

	UK_TEST_EXPECT_UNUM_EQ(strlcpy(buf, "truncate me", 5), 11);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "trun"));
	strcpy(buf, "ab");
	strcat(buf, "cd");
	strncat(buf, "efgh", 2);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "abcdef"));
	strncpy(buf, "xy", 4);
	UK_TEST_EXPECT_BYTES_EQ(buf, "xy\0\0ef", 7);

	strcpy(buf, ",a,,bc,");
	tok = strtok_r(buf, ",", &save);
	UK_TEST_EXPECT_ZERO(strcmp(tok, "a"));
	tok = strtok_r(NULL, ",", &save);
	UK_TEST_EXPECT_ZERO(strcmp(tok, "bc"));
	UK_TEST_EXPECT_NULL(strtok_r(NULL, ",", &save));

	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7);
	memcpy(copy, big, sizeof(big));
	memmove(big + 3, big, 1000);		/* overlap, backwards */
	UK_TEST_EXPECT_BYTES_EQ(big + 3, copy, 1000);
	memmove(big, big + 3, 1000);		/* overlap, forwards */
	UK_TEST_EXPECT_BYTES_EQ(big, copy, 1000);
	memset(big + 1, 0xab, 1025);
	UK_TEST_EXPECT(big[0] == copy[0] && big[1] == 0xab &&
		       big[1025] == 0xab && big[1026] == copy[1026]);
	UK_TEST_EXPECT(memcmp(copy, big, sizeof(big)) != 0);
	UK_TEST_EXPECT_PTR_EQ(memchr(copy, copy[500], sizeof(copy)),
			      copy + 500 % 256);
	UK_TEST_EXPECT_ZERO(strcmp(strerror(ENOMEM), "Out of memory"));
}

UK_TESTCASE(nolibc, ctype)
{
	UK_TEST_EXPECT(isdigit('7') && !isdigit('a'));
	UK_TEST_EXPECT(isxdigit('F') && isxdigit('a') && !isxdigit('g'));
	UK_TEST_EXPECT(isspace(' ') && isspace('\t') && isspace('\v') &&
		       !isspace('x'));
	UK_TEST_EXPECT(isalpha('Z') && !isalpha('['));
	UK_TEST_EXPECT(isprint(' ') && !isgraph(' ') && !isprint('\n'));
	UK_TEST_EXPECT(ispunct('~') && iscntrl(0x7f) && !isprint(0x80));
	UK_TEST_EXPECT(!isalpha(EOF));
	UK_TEST_EXPECT_SNUM_EQ(toupper('q'), 'Q');
	UK_TEST_EXPECT_SNUM_EQ(tolower('Q'), 'q');
	UK_TEST_EXPECT_SNUM_EQ(toupper('1'), '1');
}

UK_TESTCASE(nolibc, malloc)
{
	void *p = NULL;
	char *s;

	s = strdup("copy");
	UK_TEST_ASSERT(s != NULL);
	UK_TEST_EXPECT_ZERO(strcmp(s, "copy"));
	s = realloc(s, 4096);
	UK_TEST_ASSERT(s != NULL);
	UK_TEST_EXPECT_ZERO(strcmp(s, "copy"));
	free(s);
	UK_TEST_EXPECT_ZERO(posix_memalign(&p, 256, 100));
	UK_TEST_EXPECT_ZERO((uintptr_t)p % 256);
	free(p);
	UK_TEST_EXPECT_SNUM_EQ(posix_memalign(&p, 3, 8), EINVAL);
	s = calloc(16, 4);
	UK_TEST_ASSERT(s != NULL);
	UK_TEST_EXPECT_ZERO(memcmp(s, (char[64]){ 0 }, 64));
	free(s);
}

UK_TESTCASE(nolibc, stdio_writers)
{
	/* What gcc may turn printf/fputs calls into (see stdio.c). */
	UK_TEST_EXPECT_UNUM_EQ(fwrite("ab", 1, 2, stdout), 2);
	UK_TEST_EXPECT_UNUM_EQ(fwrite("ab", 1, 0, stdout), 0);
	UK_TEST_EXPECT_UNUM_EQ(fwrite("ab", (size_t)-1, 2, stdout), 0);
	UK_TEST_EXPECT_SNUM_EQ(putchar('\n'), '\n');
	UK_TEST_EXPECT_SNUM_GE(puts("nolibc: puts"), 0);
}

uk_testsuite_register(nolibc, NULL);
