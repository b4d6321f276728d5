/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * store: the workshop's Session 01 "Store Strings" without the network:
 * append lines to a file of the root filesystem, a host folder shared
 * over virtio-9p (mount tag fs0), where the host sees them.
 *
 *     store [file=PATH] [from=SRC] [--] [LINE...]
 *         append each LINE, then each line of the file SRC (of the
 *         same filesystem), to PATH (default CONFIG_APPSTORE_PATH,
 *         "/store.txt"), created when missing; every line ends with
 *         '\n'. file= and from= are read before the first LINE (or
 *         "--"); the words after are lines, '=' or not.
 *     store help
 *
 * Prints "store: PATH: appended N lines, now B bytes" (B: PATH's size).
 * Exit status: 0 stored, 1 a file cannot be opened, read or written (the
 * reason is on stderr), 2 bad arguments or nothing to store.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROG	"store"

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " [file=PATH] [from=SRC] [--] [LINE...]\n"
		"  append each LINE, then each line of SRC, to PATH "
		"(default %s)\n       " PROG " help\n", CONFIG_APPSTORE_PATH);
}

/* Print the reason of the failed operation WHAT on PATH. @return 1 */
static int failed(const char *path, const char *what)
{
	fprintf(stderr, PROG ": %s: %s%s%s\n", path, what, *what ? ": " : "",
		strerror(errno));
	return 1;
}

/* Append LINE and a newline to OUT. @return 0, or -1 on error */
static int put_line(FILE *out, const char *line)
{
	return (fputs(line, out) < 0 || fputc('\n', out) == EOF) ? -1 : 0;
}

/* Append the lines of the file SRC to OUT, counting them in *N.
 * @return 0, or 1 with the reason on stderr */
static int copy_lines(FILE *out, const char *src, const char *path,
		      unsigned long *n)
{
	FILE *in = fopen(src, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (!in)
		return failed(src, "");
	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';	/* put_line adds it back */
		if (put_line(out, line)) {
			rc = failed(path, "write");
			break;
		}
		(*n)++;
	}
	if (!rc && ferror(in))
		rc = failed(src, "read");
	free(line);
	fclose(in);
	return rc;
}

int main(int argc, char *argv[])
{
	const char *path = CONFIG_APPSTORE_PATH, *src = NULL;
	unsigned long n = 0;
	struct stat st;
	FILE *out;
	int i = 1, rc = 0;

	if (argc == 2 && !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (; i < argc; i++) {
		if (!strncmp(argv[i], "file=", 5) && argv[i][5]) {
			path = argv[i] + 5;
		} else if (!strncmp(argv[i], "from=", 5) && argv[i][5]) {
			src = argv[i] + 5;
		} else {
			i += !strcmp(argv[i], "--");
			break;
		}
	}
	if (i == argc && !src) {
		fprintf(stderr, PROG ": nothing to store\n");
		usage(stderr);
		return 2;
	}

	out = fopen(path, "a");
	if (!out)
		return failed(path, "");
	for (; i < argc && !rc; i++) {
		if (put_line(out, argv[i]))
			rc = failed(path, "write");
		else
			n++;
	}
	if (!rc && src)
		rc = copy_lines(out, src, path, &n);
	/* fclose writes what stdio still holds: its error counts too */
	if (fclose(out) && !rc)
		rc = failed(path, "close");
	if (rc)
		return rc;
	if (stat(path, &st))
		return failed(path, "stat");
	printf(PROG ": %s: appended %lu line%s, now %lld bytes\n", path, n,
	       n == 1 ? "" : "s", (long long)st.st_size);
	return 0;
}
