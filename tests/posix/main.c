/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test image of the complete core: every enabled library's uktest suites
 * (musl, syscall shim, time, VFS, filesystems, and the core's own suites
 * built against musl) run at boot and stop the image with their verdict.
 */
#include <stdio.h>

int main(int argc __attribute__((unused)), char *argv[] __attribute__((unused)))
{
	printf("tests done\n");
	return 0;
}
