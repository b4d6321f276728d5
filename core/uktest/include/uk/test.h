/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest: unit tests that run inside the image at boot.
 *
 *   UK_TESTCASE(mysuite, adds_up)
 *   {
 *           UK_TEST_EXPECT_SNUM_EQ(add(1, 1), 2);
 *   }
 *   uk_testsuite_register(mysuite, NULL);
 *
 * Suites run at the init class chosen in Kconfig (LIBUKTEST_INIT_*), in
 * link order; the cases of a suite in source order. Each case prints one
 * line, "[ PASSED ]", "[ FAILED ]" (the failed expectations above it) or
 * "[ SKIPPED ]" with the reason: a case that made no check at all, or
 * that called UK_TEST_SKIP(reason) and failed none, is skipped, never
 * passed. A summary line follows:
 *   uktest: summary: N cases passed, N failed, N skipped
 * With LIBUKTEST_EXIT the image then stops, status 0 when no case failed
 * and 1 otherwise (skips do not fail the image; scripts/run-tests counts
 * them, and under CI=true fails them). A suite's init function, if any,
 * runs first; a non-zero return fails the whole suite.
 */
#ifndef __UK_TEST_H__
#define __UK_TEST_H__

#include <uk/essentials.h>
#include <uk/print.h>

struct uk_testcase {
	const char *name;
	void (*func)(struct uk_testcase *tc);
	unsigned int line;		/* cases run in source order */
	unsigned int failed_checks;	/* set while the case runs */
	unsigned int total_checks;
	const char *skip_reason;	/* UK_TEST_SKIP, or no checks */
};

struct uk_testsuite {
	const char *name;
	int (*init)(struct uk_testsuite *ts);
	struct uk_testcase *cases;	/* terminated by a NULL name */
};

/* Records one expectation; prints file:line and message when it fails.
 * @return the condition, so UK_TEST_ASSERT can stop the case. */
int _uk_test_check(struct uk_testcase *tc, int cond, const char *file,
		   unsigned int line, const char *fmt, ...) __printf(5, 6);

/* Cases of a suite live in section .uk_testcases_<suite>; the suite
 * descriptor (uk_testsuite_register) points at that section's bounds,
 * which the linker provides as __start_/__stop_ symbols. */
#define UK_TESTCASE(suite, case)					\
	static void __uk_test_##suite##_##case(struct uk_testcase *);	\
	static struct uk_testcase __used __align(8)			\
	__section("uk_testcases_" #suite)				\
	__uk_testcase_##suite##_##case = {				\
		.name = #case,						\
		.func = __uk_test_##suite##_##case,			\
		.line = __LINE__,					\
	};								\
	static void __uk_test_##suite##_##case(				\
		struct uk_testcase *__uk_tc __unused)

struct uk_testsuite_entry {
	const char *name;
	int (*init)(struct uk_testsuite *ts);
	struct uk_testcase *start;
	struct uk_testcase *end;
};

#define uk_testsuite_register(suite, initfn)				\
	extern struct uk_testcase __start_uk_testcases_##suite[];	\
	extern struct uk_testcase __stop_uk_testcases_##suite[];	\
	static const struct uk_testsuite_entry __used __align(8)	\
	__section(".uk_testtab")					\
	__uk_testsuite_##suite = {					\
		.name = #suite,						\
		.init = (initfn),					\
		.start = __start_uk_testcases_##suite,			\
		.end = __stop_uk_testcases_##suite,			\
	}

extern const struct uk_testsuite_entry __uk_testtab_start[];
extern const struct uk_testsuite_entry __uk_testtab_end[];

/** Run every registered suite. @return number of failed cases */
int uk_test_run_all(void);

#define UK_TEST_EXPECT_MSG(cond, fmt, ...)				\
	_uk_test_check(__uk_tc, !!(cond), __FILE__, __LINE__, fmt,	\
		       ##__VA_ARGS__)

/* Marks the case skipped (unless an expectation failed). */
void _uk_test_skip(struct uk_testcase *tc, const char *reason);

/** Stop the case here and report it skipped, saying why (a string
 * literal): for a case whose subject is absent (a device, say). */
#define UK_TEST_SKIP(reason)						\
	do {								\
		_uk_test_skip(__uk_tc, reason);				\
		return;							\
	} while (0)

/** Stop the case (return) when @p cond is false. */
#define UK_TEST_ASSERT(cond)						\
	do {								\
		if (!UK_TEST_EXPECT_MSG(cond, "assertion %s", #cond))	\
			return;						\
	} while (0)

#define UK_TEST_EXPECT(cond)						\
	UK_TEST_EXPECT_MSG(cond, "expected %s", #cond)
#define UK_TEST_EXPECT_ZERO(x)						\
	_uk_test_expect_snum(__uk_tc, (long long)(x), 0, "==", #x, "0",	\
			     __FILE__, __LINE__)
#define UK_TEST_EXPECT_NOT_ZERO(x)					\
	UK_TEST_EXPECT_MSG((x) != 0, "expected %s != 0", #x)
#define UK_TEST_EXPECT_NULL(x)						\
	UK_TEST_EXPECT_MSG((x) == NULL, "expected %s == NULL", #x)
#define UK_TEST_EXPECT_NOT_NULL(x)					\
	UK_TEST_EXPECT_MSG((x) != NULL, "expected %s != NULL", #x)
#define UK_TEST_EXPECT_PTR_EQ(a, b)					\
	_uk_test_expect_ptr_eq(__uk_tc, (const void *)(a),		\
			       (const void *)(b), #a, #b, __FILE__, __LINE__)
#define UK_TEST_EXPECT_BYTES_EQ(a, b, n)				\
	_uk_test_expect_bytes_eq(__uk_tc, (a), (b), (n), #a, #b,	\
				 __FILE__, __LINE__)

/* Each argument is evaluated once: expectations may have side effects. */
int _uk_test_expect_ptr_eq(struct uk_testcase *tc, const void *a,
			   const void *b, const char *as, const char *bs,
			   const char *file, unsigned int line);
int _uk_test_expect_bytes_eq(struct uk_testcase *tc, const void *a,
			     const void *b, size_t n, const char *as,
			     const char *bs, const char *file,
			     unsigned int line);

/* Signed and unsigned comparisons print both values on failure. */
int _uk_test_expect_snum(struct uk_testcase *tc, long long a, long long b,
			 const char *op, const char *as, const char *bs,
			 const char *file, unsigned int line);
int _uk_test_expect_unum(struct uk_testcase *tc, unsigned long long a,
			 unsigned long long b, const char *op, const char *as,
			 const char *bs, const char *file, unsigned int line);

#define _UK_TEST_SNUM(a, op, b)						\
	_uk_test_expect_snum(__uk_tc, (long long)(a), (long long)(b),	\
			     #op, #a, #b, __FILE__, __LINE__)
#define _UK_TEST_UNUM(a, op, b)						\
	_uk_test_expect_unum(__uk_tc, (unsigned long long)(a),		\
			     (unsigned long long)(b), #op, #a, #b,	\
			     __FILE__, __LINE__)

#define UK_TEST_EXPECT_SNUM_EQ(a, b)	_UK_TEST_SNUM(a, ==, b)
#define UK_TEST_EXPECT_SNUM_NQ(a, b)	_UK_TEST_SNUM(a, !=, b)
#define UK_TEST_EXPECT_SNUM_GT(a, b)	_UK_TEST_SNUM(a, >, b)
#define UK_TEST_EXPECT_SNUM_GE(a, b)	_UK_TEST_SNUM(a, >=, b)
#define UK_TEST_EXPECT_SNUM_LT(a, b)	_UK_TEST_SNUM(a, <, b)
#define UK_TEST_EXPECT_SNUM_LE(a, b)	_UK_TEST_SNUM(a, <=, b)
#define UK_TEST_EXPECT_UNUM_EQ(a, b)	_UK_TEST_UNUM(a, ==, b)
#define UK_TEST_EXPECT_UNUM_NQ(a, b)	_UK_TEST_UNUM(a, !=, b)
#define UK_TEST_EXPECT_UNUM_GT(a, b)	_UK_TEST_UNUM(a, >, b)
#define UK_TEST_EXPECT_UNUM_GE(a, b)	_UK_TEST_UNUM(a, >=, b)
#define UK_TEST_EXPECT_UNUM_LT(a, b)	_UK_TEST_UNUM(a, <, b)
#define UK_TEST_EXPECT_UNUM_LE(a, b)	_UK_TEST_UNUM(a, <=, b)

#endif /* __UK_TEST_H__ */
