/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console streams: stdout and stderr both write to uk_console_write().
 * Formatted output is gathered in a small stack buffer and written in
 * pieces, so any length can be printed.
 */
#include <stdio.h>
#include <string.h>
#include <uk/print.h>
#include "nolibc.h"

struct _nolibc_file {
	int fd;
};

static struct _nolibc_file files[2] = { { 1 }, { 2 } };
FILE *const stdout = &files[0];
FILE *const stderr = &files[1];

static void console_flush(struct _nolibc_out *o)
{
	uk_console_write(o->buf, o->pos);
	o->pos = 0;
}

int vfprintf(FILE *f __unused, const char *fmt, va_list ap)
{
	char buf[128];
	struct _nolibc_out o = {
		.buf = buf, .size = sizeof(buf), .flush = console_flush
	};
	int ret = _nolibc_vformat(&o, fmt, ap);

	console_flush(&o);
	return ret;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(f, fmt, ap);
	va_end(ap);
	return ret;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return ret;
}

/*
 * gcc rewrites printf("text\n") into puts(), printf("%c") into putchar()
 * and fputs() of a constant into fwrite() -- with LTO after it decided
 * which functions to keep: __used keeps them for those late calls.
 */
__used int fputs(const char *s, FILE *f __unused)
{
	uk_console_write(s, strlen(s));
	return 0;
}

__used int puts(const char *s)
{
	fputs(s, stdout);
	return fputc('\n', stdout);
}

__used size_t fwrite(const void *buf, size_t size, size_t n,
		     FILE *f __unused)
{
	size_t total;

	if (__builtin_mul_overflow(size, n, &total) || !total)
		return 0;
	uk_console_write(buf, total);
	return n;
}

__used int fputc(int c, FILE *f __unused)
{
	char ch = (char)c;

	uk_console_write(&ch, 1);
	return (unsigned char)c;
}

__used int putchar(int c)
{
	return fputc(c, stdout);
}

int fflush(FILE *f __unused)
{
	return 0;
}
