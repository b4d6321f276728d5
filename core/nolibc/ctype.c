/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Character class table of the C locale (ASCII; bytes >= 0x80 are in
 * no class).
 */
#include <ctype.h>

#define U	_NOLIBC_CT_UPPER
#define L	_NOLIBC_CT_LOWER
#define D	_NOLIBC_CT_DIGIT
#define S	_NOLIBC_CT_SPACE
#define P	_NOLIBC_CT_PUNCT
#define C	_NOLIBC_CT_CNTRL
#define X	_NOLIBC_CT_XDIGIT
#define B	_NOLIBC_CT_BLANK

const unsigned char _nolibc_ctype[256] = {
	[0x00 ... 0x08] = C,
	['\t'] = C | S | B,
	['\n' ... '\r'] = C | S,	/* \n \v \f \r */
	[0x0e ... 0x1f] = C,
	[' '] = S | B,
	['!' ... '/'] = P,
	['0' ... '9'] = D,
	[':' ... '@'] = P,
	['A' ... 'F'] = U | X,
	['G' ... 'Z'] = U,
	['[' ... '`'] = P,
	['a' ... 'f'] = L | X,
	['g' ... 'z'] = L,
	['{' ... '~'] = P,
	[0x7f] = C,
};
