/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host benchmark (`run bench`): nanoseconds per memcpy/memset call for
 * nolibc, glibc and the two strategies nolibc mixes (`rep movsb` and an
 * 8-byte word loop), at packet-like sizes; each with the destination
 * 0 and 2 bytes past the source (modulo 4 KiB: the second is the case
 * where `rep movsb` is slow on AMD Zen). Guides NOLIBC_REP_MIN.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "nolibc_host.h"

typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;

static void *rep_movsb(void *dst, const void *src, size_t n)
{
	void *d = dst;

	__asm__ __volatile__("rep movsb" : "+D"(d), "+S"(src), "+c"(n)
			     : : "memory");
	return dst;
}

static void *word_copy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n >= 8; n -= 8, d += 8, s += 8)
		*(u64u *)d = *(const u64u *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

static void *glibc_set(void *d, const void *s, size_t n)
{
	return memset(d, *(const char *)s, n);
}

static void *nolibc_set(void *d, const void *s, size_t n)
{
	return nolibc_memset(d, *(const char *)s, n);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static unsigned char src[1 << 17] __attribute__((aligned(4096)));
static unsigned char dst[1 << 17] __attribute__((aligned(4096)));

/* ns per call, best of 5 runs; the destination is @p off - 1 bytes
 * past the source modulo 4 KiB (the arrays are 4 KiB multiples apart). */
static double bench(void *(*fn)(void *, const void *, size_t), size_t n,
		    size_t off)
{
	void *(*volatile f)(void *, const void *, size_t) = fn;
	unsigned long iters = 20000000 / (n + 64) + 1000, i;
	double best = 1e30, t;
	int r;

	for (r = 0; r < 5; r++) {
		t = now();
		for (i = 0; i < iters; i++)
			f(dst + off, src + 1, n);
		t = (now() - t) / iters;
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	static const size_t sizes[] = { 8, 16, 60, 64, 128, 256, 512, 1024,
					1514, 2048, 4096, 65536 };
	static const struct {
		const char *name;
		void *(*fn)(void *, const void *, size_t);
	} fns[] = {
		{ "nolibc memcpy", nolibc_memcpy },
		{ "glibc memcpy", memcpy },
		{ "rep movsb", rep_movsb },
		{ "word loop", word_copy },
		{ "nolibc memset", nolibc_set },
		{ "glibc memset", glibc_set },
	};
	unsigned int i, j;

	printf("%-14s", "ns/call");
	for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++)
		printf("%8zu", sizes[j]);
	printf("\n");
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		printf("%-14s", fns[i].name);
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++)
			printf("%8.1f", bench(fns[i].fn, sizes[j], 1));
		printf("\n%-14s", "  dist 2");
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++)
			printf("%8.1f", bench(fns[i].fn, sizes[j], 3));
		printf("\n");
	}
	return 0;
}
