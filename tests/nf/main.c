/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test image of libnf: its uktest suites (and those of the libraries it
 * depends on: netdev, netbuf, core) run at boot and stop the image with
 * their verdict, so main() is only reached when LIBUKTEST_EXIT is off.
 */
#include <stdio.h>

int main(int argc __attribute__((unused)),
	 char *argv[] __attribute__((unused)))
{
	printf("tests done\n");
	return 0;
}
