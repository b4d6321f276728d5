/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>
#include <uk/alloc.h>
#include <uk/sched.h>
#include <uk/plat/time.h>
#include <uk/test.h>

static char trace[32];
static unsigned int ntrace;

static void pingpong(void *arg)
{
	int i;

	for (i = 0; i < 3; i++) {
		trace[ntrace++] = *(const char *)arg;
		uk_sched_yield();
	}
}

UK_TESTCASE(uksched, yield_round_robin_and_exit)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t avail = uk_alloc_availmem(a);

	ntrace = 0;
	UK_TEST_ASSERT(uk_thread_create("a", pingpong, "a") != NULL);
	UK_TEST_ASSERT(uk_thread_create("b", pingpong, "b") != NULL);
	UK_TEST_EXPECT_UNUM_EQ(uk_sched_thread_count(), 3);
	while (uk_sched_thread_count() > 1)
		uk_sched_yield();
	uk_sched_yield();	/* lets the last zombie be reaped */
	/* Created threads are inserted after main, newest first. */
	UK_TEST_EXPECT_SNUM_EQ(ntrace, 6);
	UK_TEST_EXPECT_BYTES_EQ(trace, "bababa", 6);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), avail);
	UK_TEST_EXPECT(!strcmp(uk_thread_name(uk_thread_current()), "main"));
}

/* Deadlines from one base: the order is the deadlines', however late
 * (on a loaded machine) each sleeper gets to call sleep. */
static __nsec base;
static unsigned int early;	/* sleepers that woke before their deadline */

static void sleeper(void *arg)
{
	__nsec deadline = base + (__nsec)(uintptr_t)arg * 1000000ULL;
	__nsec now = ukplat_monotonic_clock();

	uk_sched_sleep_ns(deadline > now ? deadline - now : 0);
	early += ukplat_monotonic_clock() < deadline;
	trace[ntrace++] = '0' + (char)(uintptr_t)arg;
}

UK_TESTCASE(uksched, sleepers_wake_in_deadline_order)
{
	__nsec t0 = ukplat_monotonic_clock();

	base = t0;
	early = 0;
	ntrace = 0;
	UK_TEST_ASSERT(uk_thread_create("s3", sleeper, (void *)3) != NULL);
	UK_TEST_ASSERT(uk_thread_create("s1", sleeper, (void *)1) != NULL);
	UK_TEST_ASSERT(uk_thread_create("s2", sleeper, (void *)2) != NULL);
	while (uk_sched_thread_count() > 1)
		uk_sched_yield();
	uk_sched_yield();
	UK_TEST_EXPECT_BYTES_EQ(trace, "123", 3);
	UK_TEST_EXPECT_UNUM_EQ(early, 0);
	UK_TEST_EXPECT_UNUM_GE(ukplat_monotonic_clock() - t0, 3000000ULL);
}

uk_testsuite_register(uksched, NULL);
