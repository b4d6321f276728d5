/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: character classes of the C locale (ASCII). Arguments are an
 * unsigned char value or EOF, as in ISO C.
 */
#ifndef __NOLIBC_CTYPE_H__
#define __NOLIBC_CTYPE_H__

#define _NOLIBC_CT_UPPER	0x01
#define _NOLIBC_CT_LOWER	0x02
#define _NOLIBC_CT_DIGIT	0x04
#define _NOLIBC_CT_SPACE	0x08	/* space, \t \n \v \f \r */
#define _NOLIBC_CT_PUNCT	0x10
#define _NOLIBC_CT_CNTRL	0x20
#define _NOLIBC_CT_XDIGIT	0x40	/* a-f A-F (digits have _DIGIT) */
#define _NOLIBC_CT_BLANK	0x80	/* space and \t */

/* Class bits of each byte (ctype.c); bytes >= 0x80 have none. */
extern const unsigned char _nolibc_ctype[256];

#define _NOLIBC_CT(c, m)	(_nolibc_ctype[(unsigned char)(c)] & (m))

static inline int isupper(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_UPPER); }
static inline int islower(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_LOWER); }
static inline int isdigit(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_DIGIT); }
static inline int isspace(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_SPACE); }
static inline int ispunct(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_PUNCT); }
static inline int iscntrl(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_CNTRL); }
static inline int isblank(int c) { return _NOLIBC_CT(c, _NOLIBC_CT_BLANK); }

static inline int isalpha(int c)
{
	return _NOLIBC_CT(c, _NOLIBC_CT_UPPER | _NOLIBC_CT_LOWER);
}

static inline int isalnum(int c)
{
	return _NOLIBC_CT(c, _NOLIBC_CT_UPPER | _NOLIBC_CT_LOWER |
			  _NOLIBC_CT_DIGIT);
}

static inline int isxdigit(int c)
{
	return _NOLIBC_CT(c, _NOLIBC_CT_DIGIT | _NOLIBC_CT_XDIGIT);
}

/** Printable except space. */
static inline int isgraph(int c)
{
	return _NOLIBC_CT(c, _NOLIBC_CT_UPPER | _NOLIBC_CT_LOWER |
			  _NOLIBC_CT_DIGIT | _NOLIBC_CT_PUNCT);
}

static inline int isprint(int c)
{
	return c == ' ' || isgraph(c);
}

static inline int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}

static inline int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}

#endif /* __NOLIBC_CTYPE_H__ */
