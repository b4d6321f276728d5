/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test: nolibc's ctype predicates (inline in ctype.h) as a bitmask,
 * bit i set when predicate i of is_all() in test.c holds. */
#include <ctype.h>

int nolibc_ctype_mask(int c);

int nolibc_ctype_mask(int c)
{
	int (*const is[])(int) = {
		isalnum, isalpha, isblank, iscntrl, isdigit, isgraph,
		islower, isprint, ispunct, isspace, isupper, isxdigit
	};
	unsigned int i;
	int m = 0;

	for (i = 0; i < sizeof(is) / sizeof(is[0]); i++)
		m |= !!is[i](c) << i;
	return m | (toupper(c) == c) << 12 | (tolower(c) == c) << 13;
}
