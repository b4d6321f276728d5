/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore on ramfs through musl: files, directories, descriptors, the
 * working directory, mounts and every error the issue lists. Each case
 * works in a fresh ramfs of its own, mounted on /vfstest/<case>.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>
#include <uk/test.h>

#define BASE "/vfstest"

/* A fresh ramfs on BASE/name (with mount @p opts), as the cwd-free
 * place of one case. @return 0 or -1 */
static int fresh(const char *name, const char *opts)
{
	char dir[64];

	snprintf(dir, sizeof(dir), BASE "/%s", name);
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	return mount("", dir, "ramfs", 0, opts);
}

static int put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* Bytes of @p path into @p buf (NUL-terminated). @return length or -1 */
static ssize_t get(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

UK_TESTCASE(vfscore, create_write_read_seek)
{
	char buf[64];
	struct stat st;
	int fd;

	UK_TEST_ASSERT(!fresh("rw", NULL));
	fd = open(BASE "/rw/a", O_RDWR | O_CREAT, 0644);
	UK_TEST_EXPECT_SNUM_GT(fd, 2);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "hello world", 11), 11);
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, 0, SEEK_CUR), 11);
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, 6, SEEK_SET), 6);
	memset(buf, 0, sizeof(buf));
	UK_TEST_EXPECT_SNUM_EQ(read(fd, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "world"));
	UK_TEST_EXPECT_SNUM_EQ(read(fd, buf, sizeof(buf)), 0);	/* EOF */
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, -5, SEEK_END), 6);
	/* a write past the end leaves a hole of zeros */
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, 20, SEEK_SET), 20);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "!", 1), 1);
	UK_TEST_EXPECT_SNUM_EQ(pread(fd, buf, 10, 11), 10);
	UK_TEST_EXPECT_SNUM_EQ(buf[0] | buf[8], 0);
	UK_TEST_EXPECT_SNUM_EQ(buf[9], '!');
	UK_TEST_EXPECT_ZERO(fstat(fd, &st));
	UK_TEST_EXPECT_SNUM_EQ(st.st_size, 21);
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_UNUM_EQ(st.st_mode & 0777, 0644 & ~022);
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, -1, SEEK_SET), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	UK_TEST_EXPECT_ZERO(close(fd));
	/* O_TRUNC empties, O_APPEND writes at the end */
	UK_TEST_EXPECT_ZERO(put(BASE "/rw/a", "ab"));
	fd = open(BASE "/rw/a", O_WRONLY | O_APPEND);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "cd", 2), 2);
	lseek(fd, 0, SEEK_SET);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "ef", 2), 2);
	close(fd);
	UK_TEST_EXPECT_SNUM_EQ(get(BASE "/rw/a", buf, sizeof(buf)), 6);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "abcdef"));
	UK_TEST_EXPECT_ZERO(umount(BASE "/rw"));
}

UK_TESTCASE(vfscore, pread_pwrite_keep_the_offset)
{
	char buf[8] = { 0 };
	int fd;

	UK_TEST_ASSERT(!fresh("prw", NULL));
	fd = open(BASE "/prw/f", O_RDWR | O_CREAT, 0600);
	UK_TEST_EXPECT_SNUM_EQ(write(fd, "0123456789", 10), 10);
	UK_TEST_EXPECT_SNUM_EQ(pwrite(fd, "XY", 2, 3), 2);
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, 0, SEEK_CUR), 10);
	UK_TEST_EXPECT_SNUM_EQ(pread(fd, buf, 4, 2), 4);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "2XY5"));
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd, 0, SEEK_CUR), 10);
	UK_TEST_EXPECT_SNUM_EQ(pread(fd, buf, 4, -1), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	close(fd);
	UK_TEST_EXPECT_ZERO(umount(BASE "/prw"));
}

UK_TESTCASE(vfscore, rename_and_unlink)
{
	char buf[16];
	struct stat st;
	int fd;

	UK_TEST_ASSERT(!fresh("mv", NULL));
	UK_TEST_EXPECT_ZERO(put(BASE "/mv/a", "A"));
	UK_TEST_EXPECT_ZERO(put(BASE "/mv/b", "B"));
	UK_TEST_EXPECT_ZERO(mkdir(BASE "/mv/d", 0755));
	UK_TEST_EXPECT_ZERO(rename(BASE "/mv/a", BASE "/mv/d/a2"));
	UK_TEST_EXPECT_SNUM_EQ(stat(BASE "/mv/a", &st), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOENT);
	UK_TEST_EXPECT_SNUM_EQ(get(BASE "/mv/d/a2", buf, sizeof(buf)), 1);
	/* over an existing file: it is replaced */
	UK_TEST_EXPECT_ZERO(rename(BASE "/mv/b", BASE "/mv/d/a2"));
	get(BASE "/mv/d/a2", buf, sizeof(buf));
	UK_TEST_EXPECT_ZERO(strcmp(buf, "B"));
	/* a directory moves with its contents; not into itself */
	UK_TEST_EXPECT_ZERO(rename(BASE "/mv/d", BASE "/mv/e"));
	UK_TEST_EXPECT_ZERO(stat(BASE "/mv/e/a2", &st));
	UK_TEST_EXPECT_SNUM_EQ(rename(BASE "/mv/e", BASE "/mv/e/sub"), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	/* file over directory and directory over file */
	UK_TEST_EXPECT_ZERO(put(BASE "/mv/f", "F"));
	UK_TEST_EXPECT_SNUM_EQ(rename(BASE "/mv/f", BASE "/mv/e"), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EISDIR);
	UK_TEST_EXPECT_SNUM_EQ(rename(BASE "/mv/e", BASE "/mv/f"), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOTDIR);
	/* an unlinked file lives on while open */
	fd = open(BASE "/mv/f", O_RDONLY);
	UK_TEST_EXPECT_SNUM_GE(fd, 0);
	UK_TEST_EXPECT_ZERO(unlink(BASE "/mv/f"));
	UK_TEST_EXPECT_SNUM_EQ(stat(BASE "/mv/f", &st), -1);
	memset(buf, 0, sizeof(buf));
	UK_TEST_EXPECT_SNUM_EQ(read(fd, buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_ZERO(strcmp(buf, "F"));
	UK_TEST_EXPECT_ZERO(fstat(fd, &st));
	UK_TEST_EXPECT_UNUM_EQ(st.st_nlink, 0);
	close(fd);
	UK_TEST_EXPECT_SNUM_EQ(rmdir(BASE "/mv/e"), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOTEMPTY);
	UK_TEST_EXPECT_ZERO(unlink(BASE "/mv/e/a2"));
	UK_TEST_EXPECT_ZERO(rmdir(BASE "/mv/e"));
	UK_TEST_EXPECT_ZERO(remove(BASE "/mv/missing") == -1 &&
			    errno == ENOENT ? 0 : 1);
	UK_TEST_EXPECT_ZERO(umount(BASE "/mv"));
}

UK_TESTCASE(vfscore, readdir_lists_every_entry)
{
	static const char *const want[] = { ".", "..", "one", "two", "sub" };
	struct dirent *de;
	unsigned int seen = 0, i, n = 0;
	DIR *d;

	UK_TEST_ASSERT(!fresh("ls", NULL));
	put(BASE "/ls/one", "1");
	put(BASE "/ls/two", "2");
	mkdir(BASE "/ls/sub", 0755);
	d = opendir(BASE "/ls");
	UK_TEST_ASSERT(d != NULL);
	while ((de = readdir(d))) {
		for (i = 0; i < ARRAY_SIZE(want); i++)
			if (!strcmp(de->d_name, want[i]))
				seen |= 1U << i;
		if (!strcmp(de->d_name, "sub"))
			UK_TEST_EXPECT_SNUM_EQ(de->d_type, DT_DIR);
		n++;
	}
	UK_TEST_EXPECT_UNUM_EQ(n, 5);
	UK_TEST_EXPECT_UNUM_EQ(seen, 0x1f);
	rewinddir(d);
	for (n = 0; readdir(d); n++)
		;
	UK_TEST_EXPECT_UNUM_EQ(n, 5);
	closedir(d);
	UK_TEST_EXPECT_SNUM_EQ((long)opendir(BASE "/ls/one"), 0);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOTDIR);
	UK_TEST_EXPECT_ZERO(umount(BASE "/ls"));
}

UK_TESTCASE(vfscore, dup_dup2_fcntl_share_the_file)
{
	int fd, fd2, fd3, fd4;

	UK_TEST_ASSERT(!fresh("dup", NULL));
	fd = open(BASE "/dup/f", O_RDWR | O_CREAT, 0644);
	fd2 = dup(fd);
	UK_TEST_EXPECT_SNUM_GT(fd2, fd);
	write(fd, "abc", 3);
	UK_TEST_EXPECT_SNUM_EQ(lseek(fd2, 0, SEEK_CUR), 3);	/* shared */
	UK_TEST_EXPECT_SNUM_EQ(dup2(fd, 30), 30);
	UK_TEST_EXPECT_SNUM_EQ(lseek(30, 0, SEEK_CUR), 3);
	UK_TEST_EXPECT_SNUM_EQ(dup2(fd, fd), fd);
	fd3 = fcntl(fd, F_DUPFD, 40);
	UK_TEST_EXPECT_SNUM_EQ(fd3, 40);
	UK_TEST_EXPECT_SNUM_EQ(fcntl(fd3, F_GETFD), 0);
	fd4 = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	UK_TEST_EXPECT_SNUM_EQ(fcntl(fd4, F_GETFD), FD_CLOEXEC);
	UK_TEST_EXPECT_ZERO(fcntl(fd3, F_SETFD, FD_CLOEXEC));
	UK_TEST_EXPECT_SNUM_EQ(fcntl(fd3, F_GETFD), FD_CLOEXEC);
	UK_TEST_EXPECT_SNUM_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	UK_TEST_EXPECT_ZERO(fcntl(fd, F_SETFL, O_APPEND));
	UK_TEST_EXPECT(fcntl(fd2, F_GETFL) & O_APPEND);	/* shared too */
	/* closing one descriptor keeps the file for the others */
	close(fd);
	UK_TEST_EXPECT_SNUM_EQ(write(fd2, "d", 1), 1);
	UK_TEST_EXPECT_SNUM_EQ(lseek(30, 0, SEEK_END), 4);
	/* dup2 onto an open descriptor closes that one first */
	UK_TEST_EXPECT_SNUM_EQ(dup2(0, fd2), fd2);
	UK_TEST_EXPECT_SNUM_EQ(dup3(30, 30, 0), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	close(fd2);
	close(30);
	close(fd3);
	close(fd4);
	UK_TEST_EXPECT_SNUM_EQ(fcntl(99, F_GETFD), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EBADF);
	UK_TEST_EXPECT_ZERO(umount(BASE "/dup"));
}

UK_TESTCASE(vfscore, ftruncate_stat_truncate)
{
	char buf[8];
	struct stat st;
	int fd;

	UK_TEST_ASSERT(!fresh("tr", NULL));
	fd = open(BASE "/tr/f", O_RDWR | O_CREAT, 0644);
	write(fd, "abcdef", 6);
	UK_TEST_EXPECT_ZERO(ftruncate(fd, 3));
	UK_TEST_EXPECT_ZERO(stat(BASE "/tr/f", &st));
	UK_TEST_EXPECT_SNUM_EQ(st.st_size, 3);
	UK_TEST_EXPECT_ZERO(ftruncate(fd, 5));
	UK_TEST_EXPECT_SNUM_EQ(pread(fd, buf, 8, 0), 5);
	UK_TEST_EXPECT_ZERO(memcmp(buf, "abc\0\0", 5));
	UK_TEST_EXPECT_ZERO(truncate(BASE "/tr/f", 1));
	UK_TEST_EXPECT_ZERO(fstat(fd, &st));
	UK_TEST_EXPECT_SNUM_EQ(st.st_size, 1);
	UK_TEST_EXPECT_SNUM_EQ(ftruncate(fd, -1), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	UK_TEST_EXPECT_ZERO(fsync(fd));
	UK_TEST_EXPECT_ZERO(fdatasync(fd));
	close(fd);
	fd = open(BASE "/tr/f", O_RDONLY);
	UK_TEST_EXPECT_SNUM_EQ(ftruncate(fd, 0), -1);	/* not writable */
	UK_TEST_EXPECT_SNUM_EQ(errno, EINVAL);
	close(fd);
	UK_TEST_EXPECT_ZERO(stat(BASE "/tr", &st));
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	UK_TEST_EXPECT_ZERO(umount(BASE "/tr"));
}

UK_TESTCASE(vfscore, working_directory)
{
	char cwd[PATH_MAX], buf[8];
	struct stat st;
	int dfd;

	UK_TEST_ASSERT(!fresh("cwd", NULL));
	mkdir(BASE "/cwd/d", 0755);
	UK_TEST_EXPECT_ZERO(chdir(BASE "/cwd/d"));
	UK_TEST_EXPECT(getcwd(cwd, sizeof(cwd)) != NULL);
	UK_TEST_EXPECT_ZERO(strcmp(cwd, BASE "/cwd/d"));
	UK_TEST_EXPECT_ZERO(put("rel", "R"));
	UK_TEST_EXPECT_ZERO(stat(BASE "/cwd/d/rel", &st));
	UK_TEST_EXPECT_ZERO(stat("../d/./rel", &st));
	UK_TEST_EXPECT_ZERO(chdir(".."));
	getcwd(cwd, sizeof(cwd));
	UK_TEST_EXPECT_ZERO(strcmp(cwd, BASE "/cwd"));
	UK_TEST_EXPECT(getcwd(cwd, 3) == NULL && errno == ERANGE);
	/* openat relative to a directory descriptor, fchdir to it */
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	UK_TEST_EXPECT_SNUM_GE(dfd, 0);
	UK_TEST_EXPECT_SNUM_EQ(get(BASE "/cwd/d/rel", buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_ZERO(fstatat(dfd, "rel", &st, 0));
	UK_TEST_EXPECT_ZERO(fchdir(dfd));
	getcwd(cwd, sizeof(cwd));
	UK_TEST_EXPECT_ZERO(strcmp(cwd, BASE "/cwd/d"));
	close(dfd);
	UK_TEST_EXPECT_SNUM_EQ(chdir("rel"), -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOTDIR);
	/* ".." of "/" is "/" */
	UK_TEST_EXPECT_ZERO(chdir("/../.."));
	getcwd(cwd, sizeof(cwd));
	UK_TEST_EXPECT_ZERO(strcmp(cwd, "/"));
	UK_TEST_EXPECT_ZERO(umount(BASE "/cwd"));
}

UK_TESTCASE(vfscore, errors)
{
	char name[NAME_MAX + 2], *path;
	struct stat st;
	int fd;

	UK_TEST_ASSERT(!fresh("err", NULL));
	put(BASE "/err/f", "x");
	mkdir(BASE "/err/d", 0755);
	/* ENOENT */
	UK_TEST_EXPECT(open(BASE "/err/none", O_RDONLY) == -1 &&
		       errno == ENOENT);
	UK_TEST_EXPECT(mkdir(BASE "/err/none/x", 0755) == -1 &&
		       errno == ENOENT);
	UK_TEST_EXPECT(stat("", &st) == -1 && errno == ENOENT);
	/* ENOTDIR */
	UK_TEST_EXPECT(open(BASE "/err/f/x", O_RDONLY) == -1 &&
		       errno == ENOTDIR);
	UK_TEST_EXPECT(stat(BASE "/err/f/", &st) == -1 && errno == ENOTDIR);
	UK_TEST_EXPECT(rmdir(BASE "/err/f") == -1 && errno == ENOTDIR);
	/* EISDIR */
	UK_TEST_EXPECT(open(BASE "/err/d", O_WRONLY) == -1 &&
		       errno == EISDIR);
	UK_TEST_EXPECT(unlink(BASE "/err/d") == -1 && errno == EISDIR);
	fd = open(BASE "/err/d", O_RDONLY);
	UK_TEST_EXPECT(read(fd, name, 1) == -1 && errno == EISDIR);
	close(fd);
	/* EEXIST */
	UK_TEST_EXPECT(open(BASE "/err/f", O_CREAT | O_EXCL | O_WRONLY,
			    0644) == -1 && errno == EEXIST);
	UK_TEST_EXPECT(mkdir(BASE "/err/d", 0755) == -1 && errno == EEXIST);
	/* EBADF */
	UK_TEST_EXPECT(read(-1, name, 1) == -1 && errno == EBADF);
	UK_TEST_EXPECT(close(999) == -1 && errno == EBADF);
	UK_TEST_EXPECT(fstat(63, &st) == -1 && errno == EBADF);
	fd = open(BASE "/err/f", O_RDONLY);
	UK_TEST_EXPECT(write(fd, "y", 1) == -1 && errno == EBADF);
	close(fd);
	UK_TEST_EXPECT(read(fd, name, 1) == -1 && errno == EBADF);
	/* ENAMETOOLONG: a component over NAME_MAX, a path of PATH_MAX */
	memset(name, 'n', NAME_MAX + 1);
	name[NAME_MAX + 1] = '\0';
	UK_TEST_EXPECT(open(name, O_CREAT | O_WRONLY, 0644) == -1 &&
		       errno == ENAMETOOLONG);
	path = malloc(PATH_MAX + 1);
	UK_TEST_ASSERT(path != NULL);
	memset(path, '/', PATH_MAX);
	path[PATH_MAX] = '\0';
	UK_TEST_EXPECT(stat(path, &st) == -1 && errno == ENAMETOOLONG);
	free(path);
	/* EXDEV: rename across mounts */
	UK_TEST_EXPECT(rename(BASE "/err/f", BASE "/f") == -1 &&
		       errno == EXDEV);
	/* ENOTTY: a file is no terminal, the console is */
	fd = open(BASE "/err/f", O_RDONLY);
	UK_TEST_EXPECT(!isatty(fd) && errno == ENOTTY);
	UK_TEST_EXPECT(isatty(1));
	UK_TEST_EXPECT(lseek(1, 0, SEEK_CUR) == -1 && errno == ESPIPE);
	close(fd);
	/* readlink: no symbolic links */
	UK_TEST_EXPECT(readlink(BASE "/err/f", name, 8) == -1 &&
		       errno == EINVAL);
	UK_TEST_EXPECT_ZERO(access(BASE "/err/f", R_OK | W_OK));
	UK_TEST_EXPECT(access(BASE "/err/g", F_OK) == -1 && errno == ENOENT);
	UK_TEST_EXPECT_ZERO(umount(BASE "/err"));
}

UK_TESTCASE(vfscore, too_many_open_files_is_emfile)
{
	int fds[CONFIG_LIBVFSCORE_NOFILE], n, i, err;

	UK_TEST_ASSERT(!fresh("mf", NULL));
	put(BASE "/mf/f", "x");
	for (n = 0; n < CONFIG_LIBVFSCORE_NOFILE; n++) {
		fds[n] = open(BASE "/mf/f", O_RDONLY);
		if (fds[n] < 0)
			break;
	}
	err = errno;
	/* 0-2 and the suites' open descriptors take the rest */
	UK_TEST_EXPECT_SNUM_GT(n, 0);
	UK_TEST_EXPECT_SNUM_LT(n, CONFIG_LIBVFSCORE_NOFILE - 2);
	UK_TEST_EXPECT_SNUM_EQ(err, EMFILE);
	UK_TEST_EXPECT(dup(0) == -1 && errno == EMFILE);
	/* busy while files are open */
	UK_TEST_EXPECT(umount(BASE "/mf") == -1 && errno == EBUSY);
	for (i = 0; i < n; i++)
		close(fds[i]);
	i = open(BASE "/mf/f", O_RDONLY);
	UK_TEST_EXPECT_SNUM_GE(i, 0);
	close(i);
	UK_TEST_EXPECT_ZERO(umount(BASE "/mf"));
}

UK_TESTCASE(vfscore, full_ramfs_is_enospc)
{
	static char block[4096];
	ssize_t n, total = 0;
	int fd, fd2;

	UK_TEST_ASSERT(!fresh("full", "size=10k"));
	fd = open(BASE "/full/f", O_WRONLY | O_CREAT, 0644);
	while ((n = write(fd, block, sizeof(block))) > 0)
		total += n;
	UK_TEST_EXPECT_SNUM_EQ(total, 10240);	/* the last write was short */
	UK_TEST_EXPECT_SNUM_EQ(n, -1);
	UK_TEST_EXPECT_SNUM_EQ(errno, ENOSPC);
	fd2 = open(BASE "/full/g", O_WRONLY | O_CREAT, 0644);
	UK_TEST_EXPECT(write(fd2, "x", 1) == -1 && errno == ENOSPC);
	UK_TEST_EXPECT(ftruncate(fd2, 1) == -1 && errno == ENOSPC);
	/* space comes back when the file goes (at its last close) */
	UK_TEST_EXPECT_ZERO(unlink(BASE "/full/f"));
	close(fd);
	UK_TEST_EXPECT_SNUM_EQ(write(fd2, block, sizeof(block)), 4096);
	close(fd2);
	UK_TEST_EXPECT_ZERO(umount(BASE "/full"));
	/* a bad size option */
	UK_TEST_EXPECT(fresh("full", "size=lots") == -1 && errno == EINVAL);
}

UK_TESTCASE(vfscore, mount_and_umount)
{
	struct statfs sf;
	int fd;

	UK_TEST_EXPECT(mount("", BASE "/none", "ramfs", 0, NULL) == -1 &&
		       errno == ENOENT);
	mkdir(BASE "/mnt", 0755);
	UK_TEST_EXPECT(mount("", BASE "/mnt", "nofs", 0, NULL) == -1 &&
		       errno == ENODEV);
	UK_TEST_EXPECT(umount(BASE "/mnt") == -1 && errno == EINVAL);
	UK_TEST_EXPECT_ZERO(mount("", BASE "/mnt", "ramfs", MS_RDONLY, NULL));
	UK_TEST_EXPECT(open(BASE "/mnt/f", O_CREAT | O_WRONLY, 0644) == -1 &&
		       errno == EROFS);
	UK_TEST_EXPECT_ZERO(statfs(BASE "/mnt", &sf));
	UK_TEST_EXPECT(sf.f_flags & ST_RDONLY);
	UK_TEST_EXPECT_ZERO(umount(BASE "/mnt"));
	UK_TEST_EXPECT_ZERO(mount("", BASE "/mnt", "ramfs", 0, NULL));
	/* a mount point cannot be removed; a mount below keeps it busy */
	UK_TEST_EXPECT(rmdir(BASE "/mnt") == -1 && errno == EBUSY);
	mkdir(BASE "/mnt/in", 0755);
	UK_TEST_EXPECT_ZERO(mount("", BASE "/mnt/in", "ramfs", 0, NULL));
	UK_TEST_EXPECT(umount(BASE "/mnt") == -1 && errno == EBUSY);
	fd = open(BASE "/mnt/in/x", O_CREAT | O_WRONLY, 0644);
	UK_TEST_EXPECT(umount(BASE "/mnt/in") == -1 && errno == EBUSY);
	close(fd);
	UK_TEST_EXPECT_ZERO(umount(BASE "/mnt/in"));
	UK_TEST_EXPECT_ZERO(umount(BASE "/mnt"));
	UK_TEST_EXPECT_ZERO(rmdir(BASE "/mnt"));
}

UK_TESTCASE(vfscore, stdio_through_musl)
{
	char line[32];
	FILE *f;

	UK_TEST_ASSERT(!fresh("stdio", NULL));
	f = fopen(BASE "/stdio/t.txt", "w+");
	UK_TEST_ASSERT(f != NULL);
	UK_TEST_EXPECT_SNUM_EQ(fprintf(f, "line %d\nsecond\n", 1), 14);
	rewind(f);
	UK_TEST_EXPECT(fgets(line, sizeof(line), f) != NULL);
	UK_TEST_EXPECT_ZERO(strcmp(line, "line 1\n"));
	UK_TEST_EXPECT(fgets(line, sizeof(line), f) != NULL);
	UK_TEST_EXPECT_ZERO(strcmp(line, "second\n"));
	UK_TEST_EXPECT(fgets(line, sizeof(line), f) == NULL && feof(f));
	UK_TEST_EXPECT_ZERO(fclose(f));
	UK_TEST_EXPECT(fopen(BASE "/stdio/none", "r") == NULL &&
		       errno == ENOENT);
	UK_TEST_EXPECT_SNUM_EQ(fprintf(stderr, "vfscore: stderr works\n"), 22);
	UK_TEST_EXPECT_ZERO(umount(BASE "/stdio"));
}

UK_TESTCASE(vfscore, poll_files_are_ready)
{
	struct pollfd p[4];
	struct timespec t0, t1;
	long ms;
	int fd;

	UK_TEST_ASSERT(!fresh("poll", NULL));
	fd = open(BASE "/poll/f", O_RDWR | O_CREAT, 0644);
	p[0] = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	p[1] = (struct pollfd){ .fd = 60, .events = POLLIN };	/* closed */
	p[2] = (struct pollfd){ .fd = -1, .events = POLLIN };	/* ignored */
	p[3] = (struct pollfd){ .fd = 1, .events = POLLOUT };
	UK_TEST_EXPECT_SNUM_EQ(poll(p, 4, -1), 3);
	UK_TEST_EXPECT_SNUM_EQ(p[0].revents, POLLIN | POLLOUT);
	UK_TEST_EXPECT_SNUM_EQ(p[1].revents, POLLNVAL);
	UK_TEST_EXPECT_SNUM_EQ(p[2].revents, 0);
	UK_TEST_EXPECT_SNUM_EQ(p[3].revents, POLLOUT);
	close(fd);
	/* nothing to wait for: the timeout passes */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	UK_TEST_EXPECT_SNUM_EQ(poll(p + 2, 1, 30), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
		(t1.tv_nsec - t0.tv_nsec) / 1000000;
	UK_TEST_EXPECT_SNUM_GE(ms, 29);
	UK_TEST_EXPECT_SNUM_LT(ms, 2000);
	UK_TEST_EXPECT_ZERO(umount(BASE "/poll"));
}

/* A root to work on: the automounted one, or a ramfs on "/" */
static int vfscore_test_init(struct uk_testsuite *s __unused)
{
	struct stat st;

	if (stat("/", &st) && mount("", "/", "ramfs", 0, NULL))
		return -errno;
	if (mkdir(BASE, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

uk_testsuite_register(vfscore, vfscore_test_init);
