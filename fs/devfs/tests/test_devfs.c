/* SPDX-License-Identifier: BSD-3-Clause */
/* devfs: its devices through musl, on a devfs mounted for the suite. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/test.h>

#define D "/devfstest"

UK_TESTCASE(devfs, null_and_zero)
{
	char buf[32];
	int fd;

	fd = open(D "/null", O_RDWR);
	UK_TEST_EXPECT_SNUM_GE(fd, 0);
	UK_TEST_EXPECT_SNUM_EQ(read(fd, buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "gone", 4), 4);
	close(fd);
	fd = open(D "/zero", O_RDONLY);
	memset(buf, 'x', sizeof(buf));
	UK_TEST_EXPECT_SNUM_EQ(read(fd, buf, sizeof(buf)), 32);
	UK_TEST_EXPECT_SNUM_EQ(buf[0] | buf[31], 0);
	close(fd);
}

UK_TESTCASE(devfs, urandom_and_getrandom)
{
	unsigned char a[64], b[64], zero[64] = { 0 };
	int fd = open(D "/urandom", O_RDONLY);

	UK_TEST_EXPECT_SNUM_EQ(read(fd, a, sizeof(a)), 64);
	UK_TEST_EXPECT_SNUM_EQ(read(fd, b, sizeof(b)), 64);
	UK_TEST_EXPECT(memcmp(a, b, sizeof(a)) != 0);
	UK_TEST_EXPECT(memcmp(a, zero, sizeof(a)) != 0);
	close(fd);
	UK_TEST_EXPECT_SNUM_EQ(getrandom(a, 7, 0), 7);
	UK_TEST_EXPECT_SNUM_EQ(getrandom(a, 7, 0x100), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
}

UK_TESTCASE(devfs, console_and_listing)
{
	struct stat st;
	int fd = open(D "/console", O_WRONLY);

	UK_TEST_EXPECT_SNUM_GE(fd, 0);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "devfs: console\n", 15), 15);
	UK_TEST_EXPECT(isatty(fd));
	close(fd);
	UK_TEST_EXPECT_ZERO(stat(D "/zero", &st));
	UK_TEST_EXPECT(S_ISCHR(st.st_mode));
	UK_TEST_EXPECT_UNUM_EQ(st.st_rdev, (1 << 8) | 5);
	UK_TEST_EXPECT(open(D "/nodev", O_RDONLY) == -1 && errno == ENOENT);
	UK_TEST_EXPECT(open(D "/new", O_CREAT | O_WRONLY, 0644) == -1 &&
		       errno == EROFS);
}

/* a devfs of its own, on a root (a ramfs if nothing is mounted yet) */
static int devfs_test_init(struct uk_testsuite *s __unused)
{
	struct stat st;

	if (stat("/", &st) && mount("", "/", "ramfs", 0, NULL))
		return -errno;
	if (mkdir(D, 0755) && errno != EEXIST)
		return -errno;
	return mount("", D, "devfs", 0, NULL) ? -errno : 0;
}

uk_testsuite_register(devfs, devfs_test_init);
