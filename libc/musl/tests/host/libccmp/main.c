/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libccmp: formats a generated set of values with the C library it is
 * linked with and prints one line per case,
 *
 *     FAMILY|INPUT|RESULT
 *
 * Built twice by ../run: as a uknf image with musl (CONFIG_LIBMUSL) and
 * on the host with glibc; ../run compares the lines family by family.
 * Families: printf-int, printf-float, printf-str, strtod and strtof
 * (with their -hex families of hexadecimal inputs), strtol, qsort.
 * Arguments name the families to run (none: all; strtod brings
 * strtod-hex).
 * The last line is "libccmp: done lines=N".
 *
 * Where C leaves a result to the implementation, the line shows what
 * the standard fixes and masks the rest (musl and glibc differ there):
 * the leading hex digit of a subnormal's %a (C11 7.21.6.1p8: the line
 * says whether the text reads back to the same double), the payload
 * and sign of a NaN strtod returns (7.22.1.3p4), ERANGE for a
 * subnormal result (7.22.1.3p10) and errno when strtol converts
 * nothing (POSIX "may fail").
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static unsigned long lines;

/* One result line; the output of snprintf goes between brackets, with
 * its return value, so that padding and truncation are visible. */
static void line(const char *family, const char *input, const char *buf,
		 int ret)
{
	printf("%s|%s|%d[%s]\n", family, input, ret, buf);
	lines++;
}

/* ---- printf: integers ---------------------------------------------- */

static const char *const int_flags[] = {
	"", "-", "+", " ", "#", "0", "-+", "+0", " 0", "#0", "-#0", "+ ",
};
static const char *const int_widths[] = { "", "5", "24" };
static const char *const int_precs[] = { "", ".0", ".12" };
static const char int_convs[] = "diuoxX";
static const char *const int_lens[] = {
	"hh", "h", "", "l", "ll", "j", "z", "t",
};
static const unsigned long long int_values[] = {
	0, 1, (unsigned long long)-1, 42, (unsigned long long)-42, 255,
	32768, (unsigned long long)INT_MIN, INT_MAX, UINT_MAX,
	(unsigned long long)LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL,
};

/* snprintf with one integer argument of the type length modifier LEN
 * takes (hh and h take an int, as the default promotions make them). */
static int fmt_int(char *buf, size_t n, const char *fmt, const char *len,
		   unsigned long long v)
{
	if (!strcmp(len, "l"))
		return snprintf(buf, n, fmt, (long)v);
	if (!strcmp(len, "ll"))
		return snprintf(buf, n, fmt, (long long)v);
	if (!strcmp(len, "j"))
		return snprintf(buf, n, fmt, (intmax_t)v);
	if (!strcmp(len, "z"))
		return snprintf(buf, n, fmt, (ssize_t)v);
	if (!strcmp(len, "t"))
		return snprintf(buf, n, fmt, (ptrdiff_t)v);
	return snprintf(buf, n, fmt, (int)v);
}

static void printf_int(void)
{
	char fmt[32], in[64], buf[128];
	size_t f, w, p, c, l, v;

	for (f = 0; f < ARRAY_LEN(int_flags); f++)
	for (w = 0; w < ARRAY_LEN(int_widths); w++)
	for (p = 0; p < ARRAY_LEN(int_precs); p++)
	for (c = 0; c < sizeof(int_convs) - 1; c++)
	for (l = 0; l < ARRAY_LEN(int_lens); l++) {
		snprintf(fmt, sizeof(fmt), "%%%s%s%s%s%c", int_flags[f],
			 int_widths[w], int_precs[p], int_lens[l],
			 int_convs[c]);
		for (v = 0; v < ARRAY_LEN(int_values); v++) {
			int r = fmt_int(buf, sizeof(buf), fmt, int_lens[l],
					int_values[v]);

			snprintf(in, sizeof(in), "%s %llx", fmt,
				 int_values[v]);
			line("printf-int", in, buf, r);
		}
	}
	/* %c, %%, and a result cut short by the buffer size. */
	for (v = 0; v < 3; v++) {
		int r = snprintf(buf, sizeof(buf), "%-3c|%3c|%%", "a ~"[v],
				 "a ~"[v]);

		line("printf-int", "%-3c|%3c|%%", buf, r);
	}
	line("printf-int", "%d (n=4)", buf,
	     snprintf(buf, 4, "%d", 1234567));
}

/* ---- printf: doubles ------------------------------------------------ */

static const char *const fp_flags[] = {
	"", "-", "+", " ", "#", "0", "+0", "-#", "#0",
};
static const char *const fp_widths[] = { "", "8", "30" };
static const char *const fp_precs[] = {
	"", ".0", ".1", ".3", ".6", ".17", ".40",
};
static const char fp_convs[] = "feEgGaA";

static double fp_values[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.5, 2.5, 0.125, 9.5, 99.95,
	123456.789, 3.141592653589793, 1e-5, 1e21, 1e100, 1e300, -1e-300,
	DBL_MAX, DBL_MIN, 0x1.fffffffffffffp-1,
	/* filled in at run time: denormals, infinities, NaNs */
	0, 0, 0, 0, 0, 0,
};

static void fp_specials(void)
{
	size_t n = ARRAY_LEN(fp_values);
	volatile double tiny = DBL_MIN;	/* computed at run time */

	fp_values[n - 6] = tiny / 3;		/* a denormal */
	fp_values[n - 5] = tiny * DBL_EPSILON;	/* the smallest one */
	fp_values[n - 4] = INFINITY;
	fp_values[n - 3] = -INFINITY;
	fp_values[n - 2] = NAN;
	fp_values[n - 1] = -NAN;
}

/* %a of a subnormal: where the first hex digit is the library's choice
 * (0x1.5p-1024 or 0x0.ap-1022), the result reads back exactly when no
 * precision cut it; with a precision, the rounding depends on the
 * choice and the line says only that. */
static void hex_subnormal(char *buf, size_t n, int *r, double v,
			  int has_prec)
{
	if (v == 0 || fpclassify(v) != FP_SUBNORMAL)
		return;
	if (has_prec)
		snprintf(buf, n, "subnormal, rounded as the library shifts it");
	else
		snprintf(buf, n, "subnormal, reads back %s",
			 strtod(buf, NULL) == v ? "exactly" : "WRONG");
	*r = 0;
}

static void printf_float(void)
{
	char fmt[32], in[64], buf[512];
	size_t f, w, p, c, v;

	fp_specials();
	for (f = 0; f < ARRAY_LEN(fp_flags); f++)
	for (w = 0; w < ARRAY_LEN(fp_widths); w++)
	for (p = 0; p < ARRAY_LEN(fp_precs); p++)
	for (c = 0; c < sizeof(fp_convs) - 1; c++) {
		snprintf(fmt, sizeof(fmt), "%%%s%s%s%c", fp_flags[f],
			 fp_widths[w], fp_precs[p], fp_convs[c]);
		for (v = 0; v < ARRAY_LEN(fp_values); v++) {
			int r = snprintf(buf, sizeof(buf), fmt, fp_values[v]);

			snprintf(in, sizeof(in), "%s #%zu", fmt, v);
			if (fp_convs[c] == 'a' || fp_convs[c] == 'A')
				hex_subnormal(buf, sizeof(buf), &r, fp_values[v],
					      fp_precs[p][0]);
			line("printf-float", in, buf, r);
		}
	}
}

/* ---- printf: strings ------------------------------------------------ */

static const char *const str_values[] = {
	"", "a", "abc", "hello", "hello, world", "tab\there",
};

static void printf_str(void)
{
	static const char *const flags[] = { "", "-" };
	static const char *const widths[] = { "", "1", "5", "12", "*" };
	static const char *const precs[] = { "", ".0", ".2", ".7", ".*" };
	static const int stars[] = { -8, 0, 3, 9 };
	char fmt[32], in[64], buf[128];
	size_t f, w, p, v, s;
	int r;

	for (f = 0; f < ARRAY_LEN(flags); f++)
	for (w = 0; w < ARRAY_LEN(widths); w++)
	for (p = 0; p < ARRAY_LEN(precs); p++)
	for (v = 0; v < ARRAY_LEN(str_values); v++)
	for (s = 0; s < ARRAY_LEN(stars); s++) {
		int nstar = (widths[w][0] == '*') + (precs[p][1] == '*');

		/* the star values matter only where there is a star */
		if (!nstar && s)
			break;
		snprintf(fmt, sizeof(fmt), "%%%s%s%ss", flags[f], widths[w],
			 precs[p]);
		if (nstar == 2)
			r = snprintf(buf, sizeof(buf), fmt, stars[s], stars[s],
				     str_values[v]);
		else if (nstar == 1)
			r = snprintf(buf, sizeof(buf), fmt, stars[s],
				     str_values[v]);
		else
			r = snprintf(buf, sizeof(buf), fmt, str_values[v]);
		snprintf(in, sizeof(in), "%s #%zu *%d", fmt, v, stars[s]);
		line("printf-str", in, buf, r);
	}
}

/* ---- strtod, strtof, strtol ----------------------------------------- */

static const char *const strtod_fixed[] = {
	"0", "-0", "1", "+1.5", "  42", "\t-3.25e2", ".5", "5.", "1e", "1e+",
	"0x1p-1074", "0x1p-1075", "0x1.8p1", "0X.8P0", "0x", "0x1g",
	"inf", "-Infinity", "infinit", "nan", "NaN(123)", "-nan",
	"1e308", "1.7976931348623157e308", "1.7976931348623159e308", "1e400",
	"-1e400", "2.2250738585072014e-308", "2.2250738585072011e-308",
	"4.9406564584124654e-324", "2.4703282292062327e-324",
	"2.4703282292062328e-324", "1e-400", "0.1", "0.30000000000000004",
	"9007199254740993", "123456789012345678901234567890", "12abc",
	"abc", "", "-", "1.0e-2x", "000000000000000000000001e-5",
};

/* A deterministic generator (xorshift64) for the generated inputs. */
static uint64_t rng = 88172645463325252ULL;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random decimal number: 1-25 significant digits, maybe a point, an
 * exponent in [-340, 320]. */
static void gen_decimal(char *s, size_t n)
{
	unsigned int digits = 1 + next_rand() % 25, point, i;
	int exp = (int)(next_rand() % 661) - 340;
	size_t k = 0;

	point = next_rand() % (digits + 1);
	if (next_rand() & 1)
		s[k++] = '-';
	for (i = 0; i < digits; i++) {
		if (i == point && i)
			s[k++] = '.';
		s[k++] = (char)('0' + next_rand() % 10);
	}
	snprintf(s + k, n - k, "e%d", exp);
}

/* A random hexadecimal float: up to 15 hex digits, binary exponent in
 * [-1100, 1030]. */
static void gen_hex(char *s, size_t n)
{
	snprintf(s, n, "0x%llx.%llxp%d",
		 (unsigned long long)(next_rand() >> (4 + next_rand() % 60)),
		 (unsigned long long)(next_rand() >> 4),
		 (int)(next_rand() % 2131) - 1100);
}

static void strtod_one(const char *family, const char *s)
{
	char buf[64], in[80];
	char *end;
	int erange, cls;
	size_t k;

	snprintf(in, sizeof(in), "%s", s);
	errno = 0;
	if (!strncmp(family, "strtof", 6)) {
		float f = strtof(s, &end);
		uint32_t b;

		erange = errno == ERANGE;
		memcpy(&b, &f, sizeof(b));
		snprintf(buf, sizeof(buf), "%08x", (unsigned int)b);
		cls = fpclassify(f);
	} else {
		double d = strtod(s, &end);
		uint64_t b;

		erange = errno == ERANGE;
		memcpy(&b, &d, sizeof(b));
		snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)b);
		cls = fpclassify(d);
	}
	k = strlen(buf);
	snprintf(buf + k, sizeof(buf) - k, " end=%d erange=%s",
		 (int)(end - s), cls == FP_SUBNORMAL ? "-" : erange ? "1" : "0");
	if (cls == FP_NAN)
		snprintf(buf, sizeof(buf), "nan end=%d", (int)(end - s));
	line(family, in, buf, 0);
}

/* FAMILY: the fixed inputs and GENERATED random decimal ones; its -hex
 * family: GENERATED / 4 random hexadecimal ones. */
static void strtod_all(const char *family, unsigned int generated)
{
	char s[64], hex[16];
	size_t i;

	for (i = 0; i < ARRAY_LEN(strtod_fixed); i++)
		strtod_one(family, strtod_fixed[i]);
	for (i = 0; i < generated; i++) {
		gen_decimal(s, sizeof(s));
		strtod_one(family, s);
	}
	snprintf(hex, sizeof(hex), "%s-hex", family);
	for (i = 0; i < generated / 4; i++) {
		gen_hex(s, sizeof(s));
		strtod_one(hex, s);
	}
}

static void strtod_family(void)
{
	strtod_all("strtod", 3000);
}

static void strtof_family(void)
{
	strtod_all("strtof", 1000);
}

static void strtol_family(void)
{
	static const char *const in[] = {
		"0", "-0", "123", "-123", "+7", "  0x1F", "0X", "017", "08",
		"z", "Zz", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616", "-1",
		"1234567890123456789012", "   ", "0x8000000000000000",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };
	char buf[96], inb[64];
	size_t i, b;

	for (i = 0; i < ARRAY_LEN(in); i++)
	for (b = 0; b < ARRAY_LEN(bases); b++) {
		char *e1, *e2;
		long l;
		unsigned long long u;
		int r1, r2;

		errno = 0;
		l = strtol(in[i], &e1, bases[b]);
		r1 = errno;
		errno = 0;
		u = strtoull(in[i], &e2, bases[b]);
		r2 = errno;
		/* errno is unspecified when nothing was converted */
		if (e1 == in[i])
			r1 = -1;
		if (e2 == in[i])
			r2 = -1;
		snprintf(inb, sizeof(inb), "%s base %d", in[i], bases[b]);
		snprintf(buf, sizeof(buf), "%ld end=%d errno=%d %llu end=%d "
			 "errno=%d", l, (int)(e1 - in[i]), r1, u,
			 (int)(e2 - in[i]), r2);
		line("strtol", inb, buf, 0);
	}
}

/* ---- qsort ---------------------------------------------------------- */

struct rec {
	int key;
	int tag;
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_rec(const void *a, const void *b)
{
	return cmp_int(&((const struct rec *)a)->key,
		       &((const struct rec *)b)->key);
}

static void qsort_family(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 64, 1000, 20000 };
	static const char *const kinds[] = {
		"random", "sorted", "reversed", "equal", "few",
	};
	char in[64], buf[96];
	size_t s, k, i;

	for (s = 0; s < ARRAY_LEN(sizes); s++)
	for (k = 0; k < ARRAY_LEN(kinds); k++) {
		size_t n = sizes[s];
		int *a = malloc((n + 1) * sizeof(*a));
		struct rec *r = malloc((n + 1) * sizeof(*r));
		uint64_t h = 1469598103934665603ULL, sum = 0, rsum = 0;
		int sorted = 1, rsorted = 1;

		if (!a || !r) {
			line("qsort", "malloc", "failed", -1);
			free(a);
			free(r);
			return;
		}
		for (i = 0; i < n; i++) {
			int v = (int)next_rand();

			if (k == 1)
				v = (int)i - 500;
			else if (k == 2)
				v = (int)(n - i);
			else if (k == 3)
				v = 7;
			else if (k == 4)
				v %= 5;
			a[i] = v;
			r[i] = (struct rec){ .key = v % 100, .tag = (int)i };
			sum += (uint64_t)(int64_t)v;
			rsum += (uint64_t)r[i].tag;
		}
		qsort(a, n, sizeof(*a), cmp_int);
		qsort(r, n, sizeof(*r), cmp_rec);
		for (i = 0; i < n; i++) {
			/* the sorted keys, and every element still there */
			h = (h ^ (uint32_t)a[i]) * 1099511628211ULL;
			sum -= (uint64_t)(int64_t)a[i];
			rsum -= (uint64_t)r[i].tag;
			if (i && a[i - 1] > a[i])
				sorted = 0;
			if (i && r[i - 1].key > r[i].key)
				rsorted = 0;
		}
		snprintf(in, sizeof(in), "%zu %s", n, kinds[k]);
		snprintf(buf, sizeof(buf), "hash=%016llx sorted=%d kept=%d "
			 "records sorted=%d kept=%d", (unsigned long long)h,
			 sorted, sum == 0, rsorted, rsum == 0);
		line("qsort", in, buf, 0);
		free(a);
		free(r);
	}
}

/* ---- main ----------------------------------------------------------- */

static const struct {
	const char *name;
	void (*run)(void);
} families[] = {
	{ "printf-int", printf_int },
	{ "printf-float", printf_float },
	{ "printf-str", printf_str },
	{ "strtod", strtod_family },
	{ "strtof", strtof_family },
	{ "strtol", strtol_family },
	{ "qsort", qsort_family },
};

int main(int argc, char *argv[])
{
	size_t i;
	int a;

	for (i = 0; i < ARRAY_LEN(families); i++) {
		int want = argc < 2;

		for (a = 1; a < argc; a++)
			want |= !strcmp(argv[a], families[i].name);
		if (want)
			families[i].run();
	}
	printf("libccmp: done lines=%lu\n", lines);
	return fflush(stdout) ? 1 : 0;
}
