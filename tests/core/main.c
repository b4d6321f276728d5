/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test image: every enabled library's uktest suites run at boot (see
 * LIBUKTEST_INIT_*) and stop the image with their verdict, so main() is
 * only reached when the configuration disables LIBUKTEST_EXIT.
 */
#include <stdio.h>

int main(int argc __attribute__((unused)), char *argv[] __attribute__((unused)))
{
	printf("tests done\n");
	return 0;
}
