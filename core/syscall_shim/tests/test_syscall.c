/* SPDX-License-Identifier: BSD-3-Clause */
/* The shim's contracts: raw -errno, libc-style -1/errno, -ENOSYS. */
#include <errno.h>
#include <uk/syscall.h>
#include <string.h>
#include <uk/test.h>

/* Linux's number for a call nobody provides in any configuration. */
#define NR_KEXEC_LOAD 246

UK_TESTCASE(syscall_shim, unknown_number_is_enosys)
{
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall6_r(NR_KEXEC_LOAD, 0, 0, 0, 0, 0, 0),
			       -ENOSYS);
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall6_r(-1, 0, 0, 0, 0, 0, 0), -ENOSYS);
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall6_r(100000, 0, 0, 0, 0, 0, 0),
			       -ENOSYS);
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall6(NR_KEXEC_LOAD, 0, 0, 0, 0, 0, 0),
			       -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOSYS);
}

UK_TESTCASE(syscall_shim, names_from_linux_table)
{
	UK_TEST_EXPECT_ZERO(strcmp(uk_syscall_name(0), "read"));
	UK_TEST_EXPECT_ZERO(strcmp(uk_syscall_name(NR_KEXEC_LOAD),
				   "kexec_load"));
	UK_TEST_EXPECT_NULL(uk_syscall_name(-1));
	UK_TEST_EXPECT_NULL(uk_syscall_name(100000));
}

/* A call defined here with both macros (not registered: the dispatch
 * is tested by the libraries' own syscalls). */
UK_LLSYSCALL_R_DEFINE(int, uktest_raw, int, v)
{
	return v < 0 ? -EINVAL : v * 2;
}

UK_LLSYSCALL_DEFINE(int, uktest_libc, int, v)
{
	if (v < 0) {
		errno = ERANGE;
		return -1;
	}
	return v + 1;
}

UK_TESTCASE(syscall_shim, raw_and_libc_variants)
{
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall_r_uktest_raw(21), 42);
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall_r_uktest_raw(-1), -EINVAL);
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall_e_uktest_raw(-1), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall_e_uktest_libc(1), 2);
	errno = 0;
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall_r_uktest_libc(-1), -ERANGE);
	UK_TEST_EXPECT_SNUM_EQ(errno, 0);	/* raw callers see no errno */
	UK_TEST_EXPECT_SNUM_EQ(uk_syscall_e_uktest_libc(-1), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ERANGE);
}
uk_testsuite_register(syscall_shim, NULL);
