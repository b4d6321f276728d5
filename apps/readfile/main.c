/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * readfile: the workshop's Session 02 flow ("Adding Filesystems to an
 * Application"): print a file of the root filesystem, a host folder
 * shared over virtio-9p (mount tag fs0) and mounted as / by vfscore.
 *
 *     readfile [PATH]    print PATH (default CONFIG_APPREADFILE_PATH,
 *                        "/grass") to standard output
 *     readfile help      this text
 *
 * Exit status: 0 printed, 1 the file cannot be opened or read (the
 * reason is on stderr), 2 bad arguments.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PROG	"readfile"

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " [PATH]   print PATH (default %s) of the "
		"root filesystem\n       " PROG " help     this text\n",
		CONFIG_APPREADFILE_PATH);
}

/* Copy the file PATH to stdout. @return 0, or 1 with the reason on
 * stderr. */
static int print_file(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *in = fopen(path, "r");

	if (!in) {
		fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (fwrite(buf, 1, n, stdout) != n) {
			fprintf(stderr, PROG ": stdout: %s\n",
				strerror(errno));
			fclose(in);
			return 1;
		}
	}
	if (ferror(in)) {
		fprintf(stderr, PROG ": %s: read failed: %s\n", path,
			strerror(errno));
		fclose(in);
		return 1;
	}
	fclose(in);
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char *argv[])
{
	if (argc > 2) {
		usage(stderr);
		return 2;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	return print_file(argc == 2 ? argv[1] : CONFIG_APPREADFILE_PATH);
}
