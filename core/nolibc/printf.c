/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The printf formatter.
 *
 * Floating point is exact: a double is M * 2^E, so its value is the
 * decimal integer N = M * 2^E (E >= 0), or N = M * 5^-E with the decimal
 * point -E digits from the right (E < 0, as M * 2^E = M * 5^-E / 10^-E).
 * N (at most 767 digits) is held in base 10^9 limbs and rounded
 * half-to-even on its decimal digits, which gives the same digits as
 * glibc for every precision.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "nolibc.h"

#define F_LEFT		0x01	/* '-' */
#define F_PLUS		0x02	/* '+' */
#define F_SPACE		0x04	/* ' ' */
#define F_ALT		0x08	/* '#' */
#define F_ZERO		0x10	/* '0' */

struct spec {
	unsigned int flags;
	int width;
	int prec;		/* -1: none given */
	char conv;
};

void _nolibc_out_write(struct _nolibc_out *o, const char *s, size_t n)
{
	size_t chunk;

	o->total += n;
	while (n) {
		if (o->pos == o->size) {
			if (!o->flush)
				return;
			o->flush(o);
		}
		chunk = o->size - o->pos;
		if (chunk > n)
			chunk = n;
		memcpy(o->buf + o->pos, s, chunk);
		o->pos += chunk;
		s += chunk;
		n -= chunk;
	}
}

static void out_pad(struct _nolibc_out *o, char c, int n)
{
	char fill[16];

	memset(fill, c, sizeof(fill));
	for (; n > 16; n -= 16)
		_nolibc_out_write(o, fill, 16);
	if (n > 0)
		_nolibc_out_write(o, fill, n);
}

/* Padding before the field body; @p len is the body's length including
 * @p prefix (sign, "0x"), which is written here too. */
static void field_begin(struct _nolibc_out *o, const struct spec *sp,
			const char *prefix, int len)
{
	int pad = sp->width > len ? sp->width - len : 0;

	if (!(sp->flags & (F_LEFT | F_ZERO)))
		out_pad(o, ' ', pad);
	_nolibc_out_write(o, prefix, strlen(prefix));
	if ((sp->flags & (F_LEFT | F_ZERO)) == F_ZERO)
		out_pad(o, '0', pad);
}

static void field_end(struct _nolibc_out *o, const struct spec *sp, int len)
{
	if (sp->flags & F_LEFT)
		out_pad(o, ' ', sp->width - len);
}

static void fmt_str(struct _nolibc_out *o, const struct spec *sp,
		    const char *s, size_t n)
{
	struct spec plain = *sp;

	plain.flags &= ~F_ZERO;
	field_begin(o, &plain, "", (int)n);
	_nolibc_out_write(o, s, n);
	field_end(o, &plain, (int)n);
}

static const char *sign_of(const struct spec *sp, int neg)
{
	if (neg)
		return "-";
	if (sp->flags & F_PLUS)
		return "+";
	return sp->flags & F_SPACE ? " " : "";
}

static void fmt_int(struct _nolibc_out *o, struct spec *sp,
		    unsigned long long v, int neg)
{
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF"
					     : "0123456789abcdef";
	unsigned int base = 10;
	char buf[24], prefix[4] = "";
	char *p = buf + sizeof(buf);
	int nonzero = v != 0, ndig, zeros, len;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;
	for (; v; v /= base)
		*--p = digits[v % base];
	if (!nonzero && sp->prec != 0)
		*--p = '0';
	ndig = buf + sizeof(buf) - p;

	if (sp->conv == 'd' || sp->conv == 'i' || sp->conv == 'p')
		strcpy(prefix, sign_of(sp, neg));
	if (sp->conv == 'p' || ((sp->flags & F_ALT) && nonzero &&
				 (sp->conv == 'x' || sp->conv == 'X')))
		strcat(prefix, sp->conv == 'X' ? "0X" : "0x");
	/* '#' with 'o': the first digit must be a 0 */
	if ((sp->flags & F_ALT) && sp->conv == 'o' && (!ndig || *p != '0') &&
	    sp->prec <= ndig) {
		*--p = '0';
		ndig++;
	}
	if (sp->prec >= 0)
		sp->flags &= ~F_ZERO;
	zeros = sp->prec > ndig ? sp->prec - ndig : 0;
	len = (int)strlen(prefix) + zeros + ndig;
	field_begin(o, sp, prefix, len);
	out_pad(o, '0', zeros);
	_nolibc_out_write(o, p, ndig);
	field_end(o, sp, len);
}

/* --- Floating point ------------------------------------------------ */

#define BIG_BASE	1000000000U
#define BIG_LIMBS	90	/* 810 digits >= 767, the longest N */

struct big {
	uint32_t limb[BIG_LIMBS];	/* least significant first */
	int n;				/* limbs in use (>= 1) */
	int nd;				/* decimal digits of N */
	int k;				/* value = N / 10^k */
};

static const uint32_t pow10[9] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000
};

/* Drop leading zero limbs and count the digits. */
static void big_norm(struct big *b)
{
	int d = 1;

	while (b->n > 1 && !b->limb[b->n - 1])
		b->n--;
	while (d < 9 && b->limb[b->n - 1] >= pow10[d])
		d++;
	b->nd = 9 * (b->n - 1) + d;
}

static void big_mul(struct big *b, uint32_t m)
{
	uint64_t carry = 0;
	int i;

	for (i = 0; i < b->n; i++) {
		carry += (uint64_t)b->limb[i] * m;
		b->limb[i] = carry % BIG_BASE;
		carry /= BIG_BASE;
	}
	for (; carry; carry /= BIG_BASE)
		b->limb[b->n++] = carry % BIG_BASE;
}

/* Decimal exponent: value = D0.D1D2... * 10^e10. */
static int big_e10(const struct big *b)
{
	return b->nd - 1 - b->k;
}

/* Digit @p i counted from the most significant (0); 0 outside N. */
static int big_digit(const struct big *b, int i)
{
	int p = b->nd - 1 - i;

	if (i < 0 || p < 0)
		return 0;
	return b->limb[p / 9] / pow10[p % 9] % 10;
}

static void big_from_double(struct big *b, double v)
{
	union { double d; uint64_t u; } bits = { .d = v };
	uint64_t m = bits.u & ((1ULL << 52) - 1);
	int e = (int)(bits.u >> 52) & 0x7ff;
	uint32_t mul;
	int step, i;

	memset(b, 0, sizeof(*b));
	if (!m && !e) {
		b->n = b->nd = 1;	/* zero: N = 0, k = 0 */
		return;
	}
	if (e)
		m |= 1ULL << 52;
	e = (e ? e : 1) - 1075;
	b->limb[0] = m % BIG_BASE;
	b->limb[1] = m / BIG_BASE % BIG_BASE;
	b->limb[2] = m / BIG_BASE / BIG_BASE;
	b->n = 3;
	for (; e > 0; e -= step) {
		step = e < 29 ? e : 29;
		big_mul(b, 1U << step);
	}
	for (; e < 0; e += step) {
		step = -e < 12 ? -e : 12;	/* 5^12 < 2^32 / 16 */
		for (mul = 1, i = 0; i < step; i++)
			mul *= 5;
		big_mul(b, mul);
		b->k += step;
	}
	big_norm(b);
}

/* Are the @p q least significant digits of N all zero? */
static int big_tail_zero(const struct big *b, int q)
{
	int i;

	for (i = 0; i < q / 9; i++)
		if (b->limb[i])
			return 0;
	return q % 9 == 0 || b->limb[q / 9] % pow10[q % 9] == 0;
}

/* Keep the @p r leading digits of N (rounding half to even) and zero
 * the rest; nothing to do when @p r covers every digit. */
static void big_round(struct big *b, int r)
{
	int p = b->nd - r, rd, up, i;

	if (r < 0 || p <= 0)
		return;
	rd = big_digit(b, r);
	up = rd > 5 || (rd == 5 && (!big_tail_zero(b, p - 1) ||
				    big_digit(b, r - 1) % 2));
	for (i = 0; i < p / 9; i++)
		b->limb[i] = 0;
	b->limb[i] -= b->limb[i] % pow10[p % 9];
	if (up) {
		b->limb[i] += pow10[p % 9];
		for (; b->limb[i] >= BIG_BASE; i++) {
			b->limb[i] -= BIG_BASE;
			b->limb[i + 1]++;
		}
		if (i >= b->n)
			b->n = i + 1;
	}
	big_norm(b);
}

/* Index of the last non-zero digit (-1 when N is 0). */
static int big_last_nonzero(const struct big *b)
{
	int i = b->nd - 1;

	while (i >= 0 && !big_digit(b, i))
		i--;
	return i;
}

/* Write digits @p from .. @p from + @p n - 1 of N. */
static void big_write(struct _nolibc_out *o, const struct big *b, int from,
		      int n)
{
	char chunk[32];
	int i = 0;

	for (; n > 0; n--) {
		chunk[i++] = '0' + big_digit(b, from++);
		if (i == (int)sizeof(chunk) || n == 1) {
			_nolibc_out_write(o, chunk, i);
			i = 0;
		}
	}
}

static void fmt_float(struct _nolibc_out *o, struct spec *sp, double v)
{
	union { double d; uint64_t u; } bits = { .d = v };
	int upper = sp->conv >= 'A' && sp->conv <= 'Z';
	char style = sp->conv | 0x20;	/* f, e or g */
	int prec = sp->prec < 0 ? 6 : sp->prec;
	const char *sign = sign_of(sp, (int)(bits.u >> 63));
	char expbuf[8];
	int e10, len, elen = 0, dot;
	struct big b;

	if (((bits.u >> 52) & 0x7ff) == 0x7ff) {
		sp->flags &= ~F_ZERO;
		len = (int)strlen(sign) + 3;
		field_begin(o, sp, sign, len);
		_nolibc_out_write(o, (bits.u << 12) ? (upper ? "NAN" : "nan")
			       : (upper ? "INF" : "inf"), 3);
		field_end(o, sp, len);
		return;
	}
	big_from_double(&b, v);
	if (style == 'g') {
		int p = prec ? prec : 1;

		big_round(&b, p);
		e10 = big_e10(&b);
		if (p > e10 && e10 >= -4) {
			style = 'f';
			prec = p - 1 - e10;
		} else {
			style = 'e';
			prec = p - 1;
		}
		if (!(sp->flags & F_ALT)) {
			int last = big_last_nonzero(&b) -
				   (style == 'f' ? e10 : 0);

			if (prec > last)
				prec = last > 0 ? last : 0;
		}
	}
	if (style == 'f') {
		big_round(&b, big_e10(&b) + prec + 1);
		e10 = big_e10(&b);
	} else {
		big_round(&b, prec + 1);
		e10 = big_e10(&b);
		elen = snprintf(expbuf, sizeof(expbuf), "%c%+03d",
				upper ? 'E' : 'e', e10);
	}
	dot = prec || (sp->flags & F_ALT);
	len = (int)strlen(sign) + dot + prec + elen;
	len += style == 'f' && e10 >= 0 ? e10 + 1 : 1;

	field_begin(o, sp, sign, len);
	if (style == 'f') {
		if (e10 >= 0)
			big_write(o, &b, 0, e10 + 1);
		else
			_nolibc_out_write(o, "0", 1);
		if (dot)
			_nolibc_out_write(o, ".", 1);
		big_write(o, &b, e10 + 1, prec);
	} else {
		big_write(o, &b, 0, 1);
		if (dot)
			_nolibc_out_write(o, ".", 1);
		big_write(o, &b, 1, prec);
		_nolibc_out_write(o, expbuf, elen);
	}
	field_end(o, sp, len);
}

/* --- The format string --------------------------------------------- */

/* Parse flags, width, precision and length after a '%'. @return the
 * length modifier folded to one letter: H (hh), h, l, L (ll), z, t, j or
 * 0; *@p fmt is left on the conversion letter. */
static char parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	const char *f = *fmt;
	char len = 0;

	sp->flags = 0;
	for (;; f++) {
		if (*f == '-')
			sp->flags |= F_LEFT;
		else if (*f == '+')
			sp->flags |= F_PLUS;
		else if (*f == ' ')
			sp->flags |= F_SPACE;
		else if (*f == '#')
			sp->flags |= F_ALT;
		else if (*f == '0')
			sp->flags |= F_ZERO;
		else
			break;
	}
	sp->width = 0;
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= F_LEFT;
			sp->width = -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	sp->prec = -1;
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
		if (sp->prec < 0)
			sp->prec = -1;
	}
	if (*f == 'h' || *f == 'l') {
		len = *f++;
		if (*f == len) {
			len = len == 'h' ? 'H' : 'L';
			f++;
		}
	} else if (*f == 'z' || *f == 't' || *f == 'j') {
		len = *f++;
	}
	*fmt = f;
	return len;
}

static long long arg_signed(char len, va_list *ap)
{
	switch (len) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return va_arg(*ap, ssize_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long arg_unsigned(char len, va_list *ap)
{
	switch (len) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

int _nolibc_vformat(struct _nolibc_out *o, const char *fmt, va_list ap)
{
	va_list args;
	struct spec sp;
	const char *s;
	unsigned long long uv;
	long long sv;
	char c, len;

	va_copy(args, ap);
	while (*fmt) {
		s = strchr(fmt, '%');
		if (!s)
			s = fmt + strlen(fmt);
		_nolibc_out_write(o, fmt, s - fmt);
		if (!*s)
			break;
		fmt = s + 1;
		len = parse_spec(&fmt, &sp, &args);
		sp.conv = *fmt;
		if (!*fmt)
			break;
		fmt++;
		switch (sp.conv) {
		case 'd':
		case 'i':
			sv = arg_signed(len, &args);
			uv = (unsigned long long)sv;
			fmt_int(o, &sp, sv < 0 ? 0 - uv : uv, sv < 0);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			fmt_int(o, &sp, arg_unsigned(len, &args), 0);
			break;
		case 'p':
			fmt_int(o, &sp, (uintptr_t)va_arg(args, void *), 0);
			break;
		case 'c':
			c = (char)va_arg(args, int);
			fmt_str(o, &sp, &c, 1);
			break;
		case 's':
			s = va_arg(args, const char *);
			if (!s)
				s = "(null)";
			fmt_str(o, &sp, s, sp.prec < 0 ? strlen(s)
				: strnlen(s, sp.prec));
			break;
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
			fmt_float(o, &sp, va_arg(args, double));
			break;
		case '%':
			_nolibc_out_write(o, "%", 1);
			break;
		default:	/* unknown: copied as it is */
			_nolibc_out_write(o, s, fmt - s);
			break;
		}
	}
	va_end(args);
	return o->total > INT_MAX ? INT_MAX : (int)o->total;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct _nolibc_out o = { .buf = buf, .size = size ? size - 1 : 0 };
	int ret = _nolibc_vformat(&o, fmt, ap);

	if (size)
		buf[o.pos] = '\0';
	return ret;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, SIZE_MAX, fmt, ap);
	va_end(ap);
	return ret;
}
