/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/test.h>
#include <fcntl.h>

UK_TESTCASE(vfscore, placeholder)
{
	UK_TEST_EXPECT_SNUM_EQ(open("/nonexistent", O_RDONLY), -1);
}

uk_testsuite_register(vfscore, NULL);
