/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: number parsing, sorting, memory (through the default
 * allocator, uk_alloc_get_default()) and exit.
 */
#ifndef __NOLIBC_STDLIB_H__
#define __NOLIBC_STDLIB_H__

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

/**
 * Parse an integer: leading white space, an optional sign, then digits
 * of @p base (2..36; 0 picks 16 for "0x", 8 for "0", else 10; 16 also
 * accepts "0x"). @p end (if not NULL) receives the first byte not
 * parsed, or @p s when no digit was found.
 * @return the value; on overflow the nearest limit with errno = ERANGE;
 *         0 with errno = EINVAL for a bad @p base. The unsigned forms
 *         negate a value preceded by '-', as ISO C asks.
 */
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
/** strtol(@p s, NULL, 10), truncated to int / long. */
int atoi(const char *s);
long atol(const char *s);

int abs(int v);
long labs(long v);
long long llabs(long long v);

/** Sort @p n objects of @p size bytes by @p cmp (heapsort: in place,
 * O(n log n), not stable). */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));
/** @return an object of the sorted array equal to @p key, or NULL */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/** Allocation from the default allocator; NULL when memory runs out. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
/** @return 0, EINVAL (@p align not a power of two multiple of
 * sizeof(void *)) or ENOMEM; *@p ptr is set on success only */
int posix_memalign(void **ptr, size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);

/** Stop the system with @p status (ukplat_terminate()). */
void exit(int status) __attribute__((noreturn));
/** Crash (UK_CRASH): message, backtrace, status UK_CRASH_STATUS. */
void abort(void) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif /* __NOLIBC_STDLIB_H__ */
