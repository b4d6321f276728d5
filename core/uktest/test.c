/* SPDX-License-Identifier: BSD-3-Clause */
/* uktest runner: see <uk/test.h>. */
#include <stdarg.h>
#include <string.h>
#include <uk/init.h>
#include <uk/plat/bootstrap.h>
#include <uk/test.h>

int _uk_test_check(struct uk_testcase *tc, int cond, const char *file,
		   unsigned int line, const char *fmt, ...)
{
	va_list ap;

	tc->total_checks++;
	if (cond)
		return 1;
	tc->failed_checks++;
	uk_printk("    %s:%u: ", file, line);
	va_start(ap, fmt);
	uk_vprintk(fmt, ap);
	va_end(ap);
	uk_printk("\n");
	return 0;
}

#define CMP(a, op, b)							\
	(!strcmp(op, "==") ? (a) == (b) : !strcmp(op, "!=") ? (a) != (b) : \
	 !strcmp(op, ">") ? (a) > (b) : !strcmp(op, ">=") ? (a) >= (b) :  \
	 !strcmp(op, "<") ? (a) < (b) : (a) <= (b))

int _uk_test_expect_snum(struct uk_testcase *tc, long long a, long long b,
			 const char *op, const char *as, const char *bs,
			 const char *file, unsigned int line)
{
	return _uk_test_check(tc, CMP(a, op, b), file, line,
			      "expected %s %s %s, got %lld vs %lld",
			      as, op, bs, a, b);
}

int _uk_test_expect_unum(struct uk_testcase *tc, unsigned long long a,
			 unsigned long long b, const char *op, const char *as,
			 const char *bs, const char *file, unsigned int line)
{
	return _uk_test_check(tc, CMP(a, op, b), file, line,
			      "expected %s %s %s, got %llu vs %llu",
			      as, op, bs, a, b);
}

int _uk_test_expect_ptr_eq(struct uk_testcase *tc, const void *a,
			   const void *b, const char *as, const char *bs,
			   const char *file, unsigned int line)
{
	return _uk_test_check(tc, a == b, file, line,
			      "expected %s == %s (%p vs %p)", as, bs, a, b);
}

int _uk_test_expect_bytes_eq(struct uk_testcase *tc, const void *a,
			     const void *b, size_t n, const char *as,
			     const char *bs, const char *file,
			     unsigned int line)
{
	return _uk_test_check(tc, memcmp(a, b, n) == 0, file, line,
			      "expected %zu bytes of %s == %s", n, as, bs);
}

/* The compiler may emit a file's cases in any order (gcc reverses them):
 * put them back in source order. Suites are small: insertion sort. */
static void sort_cases(struct uk_testcase *start, struct uk_testcase *end)
{
	struct uk_testcase *i, *j, tmp;

	for (i = start + 1; i < end; i++) {
		tmp = *i;
		for (j = i; j > start && (j - 1)->line > tmp.line; j--)
			*j = *(j - 1);
		*j = tmp;
	}
}

void _uk_test_skip(struct uk_testcase *tc, const char *reason)
{
	tc->skip_reason = reason;
}

int uk_test_run_all(void)
{
	const struct uk_testsuite_entry *s;
	unsigned int passed = 0, failed = 0, skipped = 0;

	for (s = __uk_testtab_start; s < __uk_testtab_end; s++) {
		struct uk_testsuite ts = { .name = s->name, .init = s->init,
					   .cases = s->start };
		struct uk_testcase *tc;
		int rc = 0;

		uk_printk("uktest: suite %s\n", s->name);
		sort_cases(s->start, s->end);
		if (s->init)
			rc = s->init(&ts);
		for (tc = s->start; tc < s->end; tc++) {
			tc->failed_checks = 0;
			tc->total_checks = 0;
			tc->skip_reason = NULL;
			if (rc) {
				uk_printk("    suite init failed: %d\n", rc);
				tc->failed_checks = 1;
			} else {
				tc->func(tc);
			}
			/* A case that checked nothing tested nothing: it is
			 * skipped, never passed. */
			if (!tc->failed_checks && !tc->total_checks &&
			    !tc->skip_reason)
				tc->skip_reason = "no checks made";
			if (tc->failed_checks) {
				failed++;
				uk_printk("  [ FAILED ] %s:%s (%u of %u checks "
					  "failed)\n", s->name, tc->name,
					  tc->failed_checks, tc->total_checks);
			} else if (tc->skip_reason) {
				skipped++;
				uk_printk("  [ SKIPPED ] %s:%s (%u checks: %s)\n",
					  s->name, tc->name, tc->total_checks,
					  tc->skip_reason);
			} else {
				passed++;
				uk_printk("  [ PASSED ] %s:%s (%u checks)\n",
					  s->name, tc->name, tc->total_checks);
			}
		}
	}
	uk_printk("uktest: summary: %u cases passed, %u failed, %u skipped\n",
		  passed, failed, skipped);
	return failed;
}

static int uktest_init(void)
{
	int failed = uk_test_run_all();

#if CONFIG_LIBUKTEST_EXIT
	ukplat_terminate(failed ? 1 : 0);
#else
	(void)failed;	/* main() runs; the summary line has the verdict */
#endif
	return 0;
}

#if CONFIG_LIBUKTEST_INIT_EARLY
uk_early_initcall_prio(uktest_init, 9);
#elif CONFIG_LIBUKTEST_INIT_PLAT
uk_plat_initcall_prio(uktest_init, 9);
#elif CONFIG_LIBUKTEST_INIT_LIB
uk_lib_initcall_prio(uktest_init, 9);
#elif CONFIG_LIBUKTEST_INIT_SYS
uk_sys_initcall_prio(uktest_init, 9);
#else
uk_late_initcall_prio(uktest_init, 9);
#endif
