/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: formatted output. stdout and stderr both go to the console
 * (uk_console_write); there are no files and no input.
 *
 * Conversions: d i u o x X c s p % f F e E g G; flags - + space # 0;
 * width and precision (also *); lengths hh h l ll z t j. %p prints
 * 0x-prefixed hex, %s of NULL prints "(null)". %n is not supported.
 */
#ifndef __NOLIBC_STDIO_H__
#define __NOLIBC_STDIO_H__

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EOF	(-1)

/** An output stream; only stdout and stderr exist. */
typedef struct _nolibc_file FILE;

extern FILE *const stdout;
extern FILE *const stderr;

/**
 * Format into @p buf, writing at most @p size bytes including the NUL
 * (nothing when @p size is 0; always NUL-terminated otherwise).
 * @return length of the full output (without NUL), even if truncated
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Unbounded forms: the caller guarantees room. @return length */
int vsprintf(char *buf, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
int sprintf(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** Format to the console. @return bytes written */
int vfprintf(FILE *f, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
int fprintf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Write @p s (fputs) or @p s and a newline (puts). @return >= 0 */
int fputs(const char *s, FILE *f);
int puts(const char *s);
/** Write one byte. @return (unsigned char)@p c */
int fputc(int c, FILE *f);
int putchar(int c);
/** Write @p n objects of @p size bytes. @return @p n (0 if nothing) */
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
#define putc(c, f)	fputc(c, f)
/** Output is unbuffered; always returns 0. */
int fflush(FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* __NOLIBC_STDIO_H__ */
