/* SPDX-License-Identifier: BSD-3-Clause */
/* The Session 02 exercise as a workshop user writes it: print /grass of
 * the 9p root with fopen() and fgets(). */
#include <stdio.h>

int main(void)
{
	char line[100];
	FILE *in;

	printf("Hello, world!\n");
	in = fopen("/grass", "r");
	if (!in) {
		perror("/grass");
		return 1;
	}
	if (fgets(line, sizeof(line), in))
		printf("File contents: %s", line);
	fclose(in);
	printf("Bye, world!\n");
	return 0;
}
