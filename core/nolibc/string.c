/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory and string functions.
 *
 * memcpy/memset are on the packet path. Below NOLIBC_REP_MIN bytes they
 * move 32 bytes per iteration as four unaligned 8-byte words (cheap on
 * x86-64) and finish with one overlapping block instead of a byte loop.
 * From NOLIBC_REP_MIN on, `rep movsb`/`rep stosb` (fast strings, ERMS)
 * win, except when the destination is 1..63 bytes past the source
 * modulo 4 KiB: there `rep movsb` is ~25x slower on AMD Zen (measured
 * with tests/host/run bench; glibc avoids the same case). This file is
 * built with -fno-tree-loop-distribute-patterns so gcc does not turn
 * these loops back into calls to themselves.
 */
#include <stdint.h>
#include <string.h>
#include <ctype.h>

#define NOLIBC_REP_MIN	1024

/* A 64-bit word at any alignment, allowed to alias anything. */
typedef uint64_t __attribute__((may_alias, aligned(1))) _u64u;

/* Copy 32 bytes: every load before any store. */
static inline void copy32(unsigned char *d, const unsigned char *s)
{
	uint64_t w0 = ((const _u64u *)s)[0], w1 = ((const _u64u *)s)[1];
	uint64_t w2 = ((const _u64u *)s)[2], w3 = ((const _u64u *)s)[3];

	((_u64u *)d)[0] = w0;
	((_u64u *)d)[1] = w1;
	((_u64u *)d)[2] = w2;
	((_u64u *)d)[3] = w3;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	size_t dist = ((uintptr_t)d - (uintptr_t)s) & 4095;

	if (n >= NOLIBC_REP_MIN && (dist == 0 || dist >= 64)) {
		__asm__ __volatile__("rep movsb"
				     : "+D"(d), "+S"(s), "+c"(n)
				     : : "memory");
		return dst;
	}
	if (n >= 32) {
		unsigned char *dlast = d + n - 32;
		const unsigned char *slast = s + n - 32;

		for (; n > 32; n -= 32, d += 32, s += 32)
			copy32(d, s);
		copy32(dlast, slast);
		return dst;
	}
	if (n >= 8) {
		uint64_t last = *(const _u64u *)(s + n - 8);
		unsigned char *dlast = d + n - 8;

		for (; n > 8; n -= 8, d += 8, s += 8)
			*(_u64u *)d = *(const _u64u *)s;
		*(_u64u *)dlast = last;
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Forward copy is safe unless dst starts inside src: each word
	 * is read before the write that could reach it. */
	if ((uintptr_t)d - (uintptr_t)s >= n) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(_u64u *)d = *(const _u64u *)s;
		while (n--)
			*d++ = *s++;
		return dst;
	}
	d += n;
	s += n;
	for (; n >= 8; n -= 8) {
		d -= 8;
		s -= 8;
		*(_u64u *)d = *(const _u64u *)s;
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w = (unsigned char)c * 0x0101010101010101ULL;

	if (n >= NOLIBC_REP_MIN) {
		__asm__ __volatile__("rep stosb"
				     : "+D"(d), "+c"(n)
				     : "a"(c) : "memory");
		return dst;
	}
	if (n >= 8) {
		*(_u64u *)(d + n - 8) = w;
		for (; n >= 32; n -= 32, d += 32) {
			((_u64u *)d)[0] = w;
			((_u64u *)d)[1] = w;
			((_u64u *)d)[2] = w;
			((_u64u *)d)[3] = w;
		}
		for (; n > 8; n -= 8, d += 8)
			*(_u64u *)d = w;
		return dst;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	/* Skip equal words, then find the first differing byte. */
	for (; n >= 8; n -= 8, x += 8, y += 8)
		if (*(const _u64u *)x != *(const _u64u *)y)
			break;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const void *)a, *y = (const void *)b;

	for (; n; n--, x++, y++)
		if (*x != *y || !*x)
			return *x - *y;
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, SIZE_MAX);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const void *)a, *y = (const void *)b;
	int d;

	for (; n; n--, x++, y++) {
		d = tolower(*x) - tolower(*y);
		if (d || !*x)
			return d;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *found = NULL;

	for (;; s++) {
		if (*s == (char)c)
			found = s;
		if (!*s)
			return (char *)found;
	}
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (;; hay++) {
		if (!strncmp(hay, needle, n))
			return (char *)hay;
		if (!*hay)
			return NULL;
	}
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strcpy(char *dst, const char *src)
{
	return memcpy(dst, src, strlen(src) + 1);
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(src, n);

	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *dst, const char *src, size_t n)
{
	char *end = dst + strlen(dst);
	size_t len = strnlen(src, n);

	memcpy(end, src, len);
	end[len] = '\0';
	return dst;
}

char *strtok_r(char *s, const char *delim, char **save)
{
	char *tok;

	if (!s)
		s = *save;
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	tok = s;
	s += strcspn(s, delim);
	if (*s)
		*s++ = '\0';
	*save = s;
	return tok;
}
