/* SPDX-License-Identifier: BSD-3-Clause */
/* Session 01's "04. Store Strings" as a workshop user writes it, with
 * the strings from the command line instead of a socket (no lwIP yet):
 * append each to /strings.txt of the 9p root (the host's fs0/). */
#include <stdio.h>

int main(int argc, char *argv[])
{
	FILE *f = fopen("/strings.txt", "a");
	int i;

	if (!f) {
		perror("/strings.txt");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		fprintf(f, "%s\n", argv[i]);
		printf("stored: %s\n", argv[i]);
	}
	if (fclose(f)) {
		perror("/strings.txt");
		return 1;
	}
	return 0;
}
