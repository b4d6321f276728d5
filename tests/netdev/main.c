/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test image of the fast packet path (netbuf, allocpool, uknetdev and its
 * drivers): every enabled library's uktest suites run at boot and stop
 * the image with their verdict, so main() is only reached when the
 * configuration disables LIBUKTEST_EXIT.
 */
#include <stdio.h>
#include <uk/essentials.h>

int main(int argc __unused, char *argv[] __unused)
{
	printf("tests done\n");
	return 0;
}
