/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcpio on the host (built with ASan and UBSan by run):
 *   harness count ARCHIVE          members before the trailer, or the error
 *   harness cuts ARCHIVE           every prefix that ends before the
 *                                  trailer's padding is -EINVAL, a longer
 *                                  one (in the zeros after it) is 0
 *   harness mutate ARCHIVE N SEED  N mutated copies: 0 or -EINVAL each, no
 *                                  member outside the buffer
 *   harness extract ARCHIVE DIR    ukcpio_extract() into DIR
 * Each input is copied into a buffer of its exact size, so a read past
 * its end is an ASan error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/cpio.h>

static const char *lo, *hi;	/* the buffer being parsed */

/* Every member must lie inside the buffer, its name NUL-terminated. */
static int inside(const struct ukcpio_entry *e, void *arg)
{
	const char *d = e->data;

	(*(long *)arg)++;
	if (e->name < lo || e->name + e->namelen >= hi ||
	    e->name[e->namelen] || d < lo || d + e->size > hi) {
		fprintf(stderr, "member %s outside the archive\n", e->name);
		abort();
	}
	return 0;
}

static int parse_copy(const char *src, size_t len, long *n)
{
	char *buf = malloc(len ? len : 1);
	int r;

	memcpy(buf, src, len);
	lo = buf;
	hi = buf + len;
	*n = 0;
	r = ukcpio_parse(buf, len, inside, n);
	free(buf);
	return r;
}

int main(int argc, char *argv[])
{
	static char ar[1 << 20];
	unsigned long i, n, bad = 0;
	size_t len, cut, end;
	long members;
	char *m;
	FILE *f;
	int r;

	if (argc < 3 || !(f = fopen(argv[2], "rb")))
		return 2;
	len = fread(ar, 1, sizeof(ar), f);
	fclose(f);
	if (!strcmp(argv[1], "count")) {
		r = parse_copy(ar, len, &members);
		printf("%ld\n", r ? (long)r : members);
		return 0;
	}
	if (!strcmp(argv[1], "cuts")) {
		/* the trailer's name ends at the last non-NUL byte; its NUL
		 * and padding to 4 complete it */
		for (end = len; end && !ar[end - 1]; end--)
			;
		end = (end + 1 + 3) & ~(size_t)3;
		for (cut = 0; cut < len; cut++)
			if (parse_copy(ar, cut, &members) !=
			    (cut < end ? -EINVAL : 0))
				bad++;
		printf("%zu cuts, %lu unexpected results\n", len, bad);
		return bad != 0;
	}
	if (!strcmp(argv[1], "mutate") && argc == 5) {
		n = strtoul(argv[3], NULL, 0);
		srand((unsigned int)strtoul(argv[4], NULL, 0));
		m = malloc(len);
		for (i = 0; i < n; i++) {
			memcpy(m, ar, len);
			/* 1-8 bytes: random values, hex digits or NULs */
			for (r = rand() % 8; r >= 0; r--)
				m[rand() % len] = (char)(rand() % 3 == 0 ?
					"0123456789abcdefF"[rand() % 17] :
					rand() % 3 ? rand() : 0);
			r = parse_copy(m, len - (rand() % 4 == 0 ?
						 (size_t)rand() % len : 0),
				       &members);
			if (r != 0 && r != -EINVAL)
				bad++;
		}
		free(m);
		printf("%lu mutations, %lu unexpected results\n", n, bad);
		return bad != 0;
	}
	if (!strcmp(argv[1], "extract") && argc == 4) {
		r = ukcpio_extract(ar, len, argv[3]);
		printf("%d\n", r);
		return r != 0;
	}
	return 2;
}
