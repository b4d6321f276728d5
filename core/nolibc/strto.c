/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtol family: one parser of magnitudes, clamped per type.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* Parse sign and magnitude. *@p over is set when the magnitude does not
 * fit an unsigned long long (the result is then ULLONG_MAX). */
static unsigned long long parse(const char *s, char **end, int base,
				int *neg, int *over)
{
	const char *p = s;
	unsigned long long v = 0;
	int d, any = 0;

	*neg = 0;
	*over = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		goto out;
	}
	while (isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	/* "0x" counts as a prefix only when a hex digit follows it */
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] | 0x20) == 'x' && isxdigit(p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (;; p++, any = 1) {
		if (isdigit(*p))
			d = *p - '0';
		else if (isalpha(*p))
			d = (*p | 0x20) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (ULLONG_MAX - d) / base)
			*over = 1;
		v = *over ? ULLONG_MAX : v * base + d;
	}
out:
	if (end)
		*end = (char *)(any ? p : s);
	return any ? v : 0;
}

/* Signed result clamped to [@p min, -(@p min + 1)]. */
static long long to_signed(const char *s, char **end, int base,
			   long long min)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);
	unsigned long long lim = (unsigned long long)-(min + 1) + neg;

	if (over || v > lim) {
		errno = ERANGE;
		return neg ? min : -(min + 1);
	}
	return neg ? (long long)(0ULL - v) : (long long)v;
}

/* Unsigned result: magnitudes above @p max give ERANGE and @p max. */
static unsigned long long to_unsigned(const char *s, char **end, int base,
				      unsigned long long max)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);

	if (over || v > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? (0ULL - v) & max : v;
}

long strtol(const char *s, char **end, int base)
{
	return to_signed(s, end, base, LONG_MIN);
}

long long strtoll(const char *s, char **end, int base)
{
	return to_signed(s, end, base, LLONG_MIN);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return to_unsigned(s, end, base, ULLONG_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}
