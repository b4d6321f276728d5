/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc internals shared by printf.c (the formatter) and stdio.c (the
 * console streams). Not a public header.
 */
#ifndef __NOLIBC_INTERNAL_H__
#define __NOLIBC_INTERNAL_H__

#include <stdarg.h>
#include <stddef.h>

/**
 * Where formatted output goes: bytes are gathered in @p buf; when it is
 * full, @p flush (if any) empties it, otherwise further bytes are
 * dropped (vsnprintf truncation). @p total counts every byte produced.
 */
struct _nolibc_out {
	char *buf;
	size_t size;
	size_t pos;
	size_t total;
	void (*flush)(struct _nolibc_out *o);
};

/** Append @p n bytes of @p s to @p o. */
void _nolibc_out_write(struct _nolibc_out *o, const char *s, size_t n);

/** Format @p fmt into @p o (see stdio.h for what is supported).
 * @return bytes produced (o->total), clamped to INT_MAX */
int _nolibc_vformat(struct _nolibc_out *o, const char *fmt, va_list ap);

#endif /* __NOLIBC_INTERNAL_H__ */
