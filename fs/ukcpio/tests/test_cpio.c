/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcpio: the newc parser on archives built in memory (good ones,
 * concatenated ones, and every kind of damage), and the unpacker into
 * a ramfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/cpio.h>
#include <uk/test.h>

static char ar[4096];
static size_t arlen;

/* Append one member (newc, 4-byte padding) to ar. */
static void add(const char *name, unsigned int mode, const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = data ? strlen(data) : 0;

	arlen += (size_t)sprintf(ar + arlen, "070701%08X%08X%08X%08X%08X"
				 "%08X%08X%08X%08X%08X%08X%08X%08X",
				 1U, mode, 0U, 0U, 1U, 0U, (unsigned int)dlen,
				 0U, 0U, 0U, 0U, (unsigned int)nlen, 0U);
	memcpy(ar + arlen, name, nlen);
	arlen += nlen;
	while (arlen % 4)
		ar[arlen++] = '\0';
	memcpy(ar + arlen, data, dlen);
	arlen += dlen;
	while (arlen % 4)
		ar[arlen++] = '\0';
}

static void build(void)
{
	arlen = 0;
	memset(ar, 0, sizeof(ar));
	add(".", S_IFDIR | 0755, NULL);
	add("etc", S_IFDIR | 0755, NULL);
	add("etc/motd", S_IFREG | 0644, "hello initrd\n");
	add("empty", S_IFREG | 0600, NULL);
	add("link", S_IFLNK | 0777, "etc/motd");
	add("TRAILER!!!", 0, NULL);
}

struct seen {
	int n;
	char names[8][32];
	size_t sizes[8];
};

static int collect(const struct ukcpio_entry *e, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8) {
		snprintf(s->names[s->n], sizeof(s->names[0]), "%s", e->name);
		s->sizes[s->n] = e->size;
	}
	s->n++;
	return 0;
}

static int stop(const struct ukcpio_entry *e __unused, void *arg __unused)
{
	return -ENOSPC;
}

UK_TESTCASE(ukcpio, parse_good)
{
	struct seen s = { 0 };

	build();
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, arlen, collect, &s), 0);
	UK_TEST_EXPECT_SNUM_EQ(s.n, 5);
	UK_TEST_EXPECT_ZERO(strcmp(s.names[2], "etc/motd"));
	UK_TEST_EXPECT_UNUM_EQ(s.sizes[2], 13);
	UK_TEST_EXPECT_ZERO(strcmp(s.names[4], "link"));
	/* a callback's error stops the walk and is returned */
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, arlen, stop, NULL), -ENOSPC);
}

UK_TESTCASE(ukcpio, parse_concatenated)
{
	struct seen s = { 0 };
	size_t first;

	build();
	first = arlen;
	arlen += 8;	/* zero padding between archives */
	add("second", S_IFREG | 0644, "2");
	add("TRAILER!!!", 0, NULL);
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, arlen, collect, &s), 0);
	UK_TEST_EXPECT_SNUM_EQ(s.n, 6);
	UK_TEST_EXPECT_ZERO(strcmp(s.names[5], "second"));
	/* trailing zeros after the trailer are padding */
	s.n = 0;
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, first + 8, collect, &s), 0);
}

/* Header field n starts at 6 + 8 * n (after the magic). */
#define FIELD(n)	(6 + 8 * (n))

static const struct {
	size_t off;
	const char *bytes;
} damage[] = {
	{ 5, "7" },			/* bad magic */
	{ FIELD(1) + 3, "x" },		/* a non-hex digit in the mode */
	{ FIELD(11), "00000000" },	/* namesize 0 */
	{ FIELD(11), "00000001" },	/* namesize 1: "." lacks its NUL */
	{ FIELD(6), "7FFFFFFF" },	/* file size past the end */
	{ FIELD(11), "FFFFFFFF" },	/* name size past the end */
};

UK_TESTCASE(ukcpio, parse_malformed)
{
	struct seen s = { 0 };
	unsigned int i;
	size_t cut;

	build();
	/* empty input, and every truncation, lack the trailer */
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, 0, collect, &s), -EINVAL);
	for (cut = 1; cut < arlen; cut++) {
		s.n = 0;
		if (ukcpio_parse(ar, cut, collect, &s) != -EINVAL)
			break;
	}
	UK_TEST_EXPECT_UNUM_EQ(cut, arlen);

	/* damaged header fields of the first member (offset, bytes) */
	for (i = 0; i < ARRAY_SIZE(damage); i++) {
		build();
		memcpy(ar + damage[i].off, damage[i].bytes,
		       strlen(damage[i].bytes));
		UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, arlen, collect, &s),
				       -EINVAL);
	}
	/* garbage after the trailer */
	build();
	ar[arlen++] = 'g';
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_parse(ar, arlen, collect, &s), -EINVAL);
}

UK_TESTCASE(ukcpio, extract)
{
	char buf[32];
	struct stat st;
	int fd;

	build();
	UK_TEST_ASSERT(!mkdir("/cpiotest", 0755) || errno == EEXIST);
	UK_TEST_ASSERT(!mount("", "/cpiotest", "ramfs", 0, NULL));
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_extract(ar, arlen, "/cpiotest"), 0);
	fd = open("/cpiotest/etc/motd", O_RDONLY);
	UK_TEST_EXPECT_SNUM_GE(fd, 0);
	memset(buf, 0, sizeof(buf));
	UK_TEST_EXPECT_SNUM_EQ(read(fd, buf, sizeof(buf)), 13);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "hello initrd\n"));
	close(fd);
	UK_TEST_EXPECT_ZERO(stat("/cpiotest/empty", &st));
	UK_TEST_EXPECT_UNUM_EQ(st.st_mode, S_IFREG | 0600);
	UK_TEST_EXPECT_ZERO(stat("/cpiotest/etc", &st));
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	/* the symbolic link is skipped */
	UK_TEST_EXPECT_SNUM_EQ(stat("/cpiotest/link", &st), -1);
	/* ".." in a name is refused */
	arlen = 0;
	add("../escape", S_IFREG | 0644, "x");
	add("TRAILER!!!", 0, NULL);
	UK_TEST_EXPECT_SNUM_EQ(ukcpio_extract(ar, arlen, "/cpiotest"),
			       -EINVAL);
	UK_TEST_EXPECT_ZERO(umount("/cpiotest"));
}

uk_testsuite_register(ukcpio, NULL);
