/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl inside the image: its heap is uknf's default allocator (every
 * byte comes back), its clocks are the platform's, its errno values are
 * Linux's. The formatting and parsing functions are compared with glibc
 * on the host (tests/host/run).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uk/alloc.h>
#include <uk/test.h>

/* 2020-01-01T00:00:00Z: a wall clock earlier than that is not set. */
#define EPOCH_2020	1577836800

#define STRESS_SLOTS	128
#define STRESS_ROUNDS	20000

/* A deterministic generator (xorshift32): the same run every boot. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The byte pattern of slot I of size N (differs per slot and size). */
static unsigned char pattern(unsigned int i, size_t n)
{
	return (unsigned char)(i * 31 + n);
}

/* Whether P[0..N) still holds the pattern of slot I, size SIZE. */
static int intact(const unsigned char *p, size_t n, unsigned int i,
		  size_t size)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (p[k] != pattern(i, size))
			return 0;
	return 1;
}

UK_TESTCASE(musl, malloc_free_stress_returns_every_byte)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	unsigned char *slot[STRESS_SLOTS] = { NULL };
	size_t size[STRESS_SLOTS] = { 0 };
	unsigned int round, i, broken = 0, failed = 0;
	uint32_t s = 2463534242u;

	for (round = 0; round < STRESS_ROUNDS; round++) {
		uint32_t r = rnd(&s);
		/* mostly small, some pages, a few of up to 256 KiB */
		size_t n = (r & 7) ? 1 + rnd(&s) % 512 :
			   (r & 8) ? 1 + rnd(&s) % 8192 :
				     1 + rnd(&s) % (256 << 10);
		unsigned char *p;

		i = rnd(&s) % STRESS_SLOTS;
		if (slot[i] && (r >> 8) % 4 == 0) {
			/* realloc keeps the common prefix */
			size_t keep = n < size[i] ? n : size[i];

			p = realloc(slot[i], n);
			if (!p) {
				failed++;
				continue;
			}
			if (!intact(p, keep, i, size[i]))
				broken++;
		} else {
			if (slot[i] && !intact(slot[i], size[i], i, size[i]))
				broken++;
			free(slot[i]);
			p = ((r >> 8) % 4 == 1) ? calloc(1, n) : malloc(n);
			/* calloc's memory is zeroed */
			if (p && (r >> 8) % 4 == 1 &&
			    (p[0] || p[n / 2] || p[n - 1]))
				broken++;
			if (!p) {
				slot[i] = NULL;
				failed++;
				continue;
			}
		}
		memset(p, pattern(i, n), n);
		slot[i] = p;
		size[i] = n;
	}
	for (i = 0; i < STRESS_SLOTS; i++) {
		if (slot[i] && !intact(slot[i], size[i], i, size[i]))
			broken++;
		free(slot[i]);
	}
	UK_TEST_EXPECT_UNUM_EQ(failed, 0);
	UK_TEST_EXPECT_UNUM_EQ(broken, 0);
	/* the heap is back to where it started */
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(musl, aligned_allocations)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a), al;
	void *p;

	for (al = sizeof(void *); al <= 65536; al <<= 1) {
		p = NULL;
		UK_TEST_EXPECT_SNUM_EQ(posix_memalign(&p, al, 100), 0);
		UK_TEST_ASSERT(p != NULL);
		UK_TEST_EXPECT_ZERO((uintptr_t)p & (al - 1));
		free(p);
		p = aligned_alloc(al, 3 * al);
		UK_TEST_ASSERT(p != NULL);
		UK_TEST_EXPECT_ZERO((uintptr_t)p & (al - 1));
		free(p);
	}
	/* POSIX: a power of two multiple of sizeof(void *) */
	UK_TEST_EXPECT_SNUM_EQ(posix_memalign(&p, 24, 100), EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(posix_memalign(&p, 2, 100), EINVAL);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(musl, malloc_exhaustion_is_enomem)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	/* a run-time value: gcc refuses a constant product over SIZE_MAX */
	volatile size_t big = (size_t)1 << 40;

	errno = 0;
	UK_TEST_EXPECT_NULL(malloc(before + 1));
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOMEM);
	errno = 0;
	UK_TEST_EXPECT_NULL(calloc(big, big));
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOMEM);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(musl, time_is_the_wall_clock)
{
	struct timespec ts;
	time_t t, t2;

	t = time(NULL);
	UK_TEST_EXPECT_SNUM_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
	time(&t2);
	UK_TEST_EXPECT_SNUM_GT(t, EPOCH_2020);
	/* time() is CLOCK_REALTIME in seconds */
	UK_TEST_EXPECT_SNUM_LE(t, ts.tv_sec);
	UK_TEST_EXPECT_SNUM_LE(ts.tv_sec, t2);
	UK_TEST_EXPECT_SNUM_LE(t2 - t, 1);
	UK_TEST_EXPECT_SNUM_LT(ts.tv_nsec, 1000000000L);
}

UK_TESTCASE(musl, monotonic_clock_advances)
{
	struct timespec a, b;
	unsigned long spins = 0;
	int rc;

	UK_TEST_EXPECT_SNUM_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	/* a bounded wait for the clock to move by at least 1 ms */
	do {
		rc = clock_gettime(CLOCK_MONOTONIC, &b);
	} while (!rc && (b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec -
		 a.tv_nsec < 1000000L && ++spins < 100000000UL);
	UK_TEST_EXPECT_SNUM_EQ(rc, 0);
	UK_TEST_EXPECT_UNUM_LT(spins, 100000000UL);
	UK_TEST_EXPECT(b.tv_sec > a.tv_sec ||
		       (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec));
}

/* Linux's numbers, as a program built for Linux has them compiled in
 * (the host suite compares every E* of musl's errno.h with glibc's). */
_Static_assert(ENOENT == 2 && EBADF == 9 && ENOMEM == 12 &&
	       EINVAL == 22 && ERANGE == 34 && ENOSYS == 38 &&
	       EAGAIN == 11 && ENOTDIR == 20 && EEXIST == 17 &&
	       ETIMEDOUT == 110 && EOPNOTSUPP == 95, "Linux errno values");

UK_TESTCASE(musl, errno_from_calls_is_linux)
{
	char *end;
	int fd;

	errno = 0;
	strtol("99999999999999999999", &end, 10);
	UK_TEST_EXPECT_SNUM_EQ(errno, 34);		/* ERANGE */
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(write(-1, "x", 1), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, 9);		/* EBADF */
	errno = 0;
	fd = open("/no/such/file", O_RDONLY);
	UK_TEST_EXPECT_SNUM_EQ(fd, -1);
#if CONFIG_LIBVFSCORE
	UK_TEST_EXPECT_SNUM_EQ(errno, 2);		/* ENOENT */
#else
	UK_TEST_EXPECT_SNUM_EQ(errno, 38);		/* ENOSYS: no VFS */
#endif
	UK_TEST_EXPECT_ZERO(strcmp(strerror(ENOENT),
				   "No such file or directory"));
}

uk_testsuite_register(musl, NULL);
