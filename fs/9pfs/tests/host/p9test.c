/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest side of fs/9pfs/tests/host/run: POSIX calls (musl, vfscore)
 * on the 9p root. Its first argument names what to do:
 *
 *   cat PATH           print PATH between "p9t: cat begin" / "end" lines
 *   ops                create, write, read back, seek, rename, unlink,
 *                      readdir, truncate and the error cases, in /t
 *   bigwrite PATH SEED write 1 MiB of xorshift64(SEED) bytes to PATH
 *   bigcopy SRC DST    read SRC (4 KiB reads), print its FNV-1a hash,
 *                      write it to DST in one call
 *   vanish             print "p9t: ready", then stat and read /grass until
 *                      that fails (the host removed the share)
 *   mount TAG          mount(2) 9pfs tag "nope" on /mnt (ENODEV), then TAG
 *                      there: read /mnt/grass, a file written into it,
 *                      umount
 *
 * Each check prints "p9t: ok NAME" or "p9t: FAIL NAME ..."; the status
 * is 0 when every check passed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BIG		(1024 * 1024)
#define SMALL_READ	4096
#define VANISH_ROUNDS	1000000

static int failures;

static void check(const char *name, int cond, const char *fmt, long v)
{
	if (cond) {
		printf("p9t: ok %s\n", name);
		return;
	}
	failures++;
	printf("p9t: FAIL %s (", name);
	printf(fmt, v);
	printf(", errno %d)\n", errno);
}

/* A call that must fail with @p want. */
static void check_err(const char *name, long rc, int want)
{
	int e = errno;

	if (rc < 0 && e == want) {
		printf("p9t: ok %s\n", name);
		return;
	}
	failures++;
	printf("p9t: FAIL %s (returned %ld, errno %d, expected %d)\n", name,
	       rc, rc < 0 ? e : 0, want);
}

static long file_put(const char *path, const char *s)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	long n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	if (close(fd) < 0)
		return -1;
	return n;
}

static int do_cat(const char *path)
{
	char buf[512];
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0) {
		printf("p9t: open %s: errno %d\n", path, errno);
		return 1;
	}
	printf("p9t: cat begin\n");
	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	fflush(stdout);
	printf("p9t: cat end\n");
	close(fd);
	return n < 0;
}

/* Which of b, c, d and a does /t hold? Bits 1, 2, 4, 8. */
static int dir_scan(const char *path, int *count)
{
	struct dirent *de;
	DIR *d = opendir(path);
	int seen = 0;

	*count = 0;
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		(*count)++;
		if (strcmp(de->d_name, "b") == 0 && de->d_type == DT_REG)
			seen |= 1;
		else if (strcmp(de->d_name, "c") == 0)
			seen |= 2;
		else if (strcmp(de->d_name, "d") == 0)
			seen |= 4;
		else if (strcmp(de->d_name, "a") == 0)
			seen |= 8;
	}
	closedir(d);
	return seen;
}

static int do_ops(void)
{
	const char *msg = "hello 9p world\n";
	char buf[64];
	struct stat st;
	int fd, n, seen;

	check("mkdir", mkdir("/t", 0755) == 0, "%ld", 0);
	check("create_write", file_put("/t/a", msg) == (long)strlen(msg),
	      "%ld", 0);
	fd = open("/t/a", O_RDONLY);
	check("open_read", fd >= 0, "fd %ld", fd);
	memset(buf, 0, sizeof(buf));
	n = (int)read(fd, buf, sizeof(buf));
	check("read_back", n == (int)strlen(msg) && strcmp(buf, msg) == 0,
	      "read %ld", n);
	check("read_at_end", read(fd, buf, sizeof(buf)) == 0, "%ld", 0);
	check("seek_set", lseek(fd, 6, SEEK_SET) == 6, "%ld", 0);
	n = (int)read(fd, buf, 2);
	check("read_after_seek", n == 2 && memcmp(buf, "9p", 2) == 0,
	      "read %ld", n);
	check("seek_cur", lseek(fd, -2, SEEK_CUR) == 6, "%ld", 0);
	check("seek_end", lseek(fd, 0, SEEK_END) == (off_t)strlen(msg),
	      "%ld", 0);
	check("fstat_size", fstat(fd, &st) == 0 &&
	      st.st_size == (off_t)strlen(msg) && S_ISREG(st.st_mode),
	      "size %ld", (long)st.st_size);
	close(fd);

	/* append writes at the end, whatever the offset */
	fd = open("/t/a", O_WRONLY | O_APPEND);
	check("append", fd >= 0 && write(fd, "+", 1) == 1, "fd %ld", fd);
	close(fd);
	check("append_size", stat("/t/a", &st) == 0 &&
	      st.st_size == (off_t)strlen(msg) + 1, "size %ld",
	      (long)st.st_size);

	check("rename", rename("/t/a", "/t/b") == 0, "%ld", 0);
	check_err("rename_old_gone", stat("/t/a", &st), ENOENT);
	check("rename_new_there", stat("/t/b", &st) == 0 &&
	      st.st_size == (off_t)strlen(msg) + 1, "size %ld",
	      (long)st.st_size);
	check("create_c", file_put("/t/c", "c") == 1, "%ld", 0);
	check("create_d", file_put("/t/d", "") == 0, "%ld", 0);
	seen = dir_scan("/t", &n);
	check("readdir", seen == 7 && n == 5, "seen %ld", seen);
	check("unlink", unlink("/t/c") == 0, "%ld", 0);
	check_err("unlink_gone", stat("/t/c", &st), ENOENT);
	seen = dir_scan("/t", &n);
	check("readdir_after_unlink", seen == 5 && n == 4, "seen %ld", seen);

	fd = open("/t/b", O_RDWR);
	check("ftruncate", fd >= 0 && ftruncate(fd, 5) == 0, "fd %ld", fd);
	check("ftruncate_size", fstat(fd, &st) == 0 && st.st_size == 5,
	      "size %ld", (long)st.st_size);
	check("fsync", fsync(fd) == 0, "%ld", 0);
	close(fd);
	check("stat_dir", stat("/t", &st) == 0 && S_ISDIR(st.st_mode),
	      "mode %lo", (long)st.st_mode);

	check_err("open_missing", open("/nothere", O_RDONLY), ENOENT);
	check_err("open_missing_dir", open("/nothere/x", O_RDONLY), ENOENT);
	check_err("mkdir_exists", mkdir("/t", 0755), EEXIST);
	check_err("rmdir_not_empty", rmdir("/t"), ENOTEMPTY);
	check_err("open_dir_for_write", open("/t", O_WRONLY), EISDIR);
	check_err("create_exclusive",
		  open("/t/b", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	check_err("file_as_dir", open("/t/b/x", O_CREAT | O_WRONLY, 0644),
		  ENOTDIR);
	check_err("rename_missing", rename("/t/zz", "/t/yy"), ENOENT);
	check_err("unlink_missing", unlink("/t/zz"), ENOENT);
	check_err("rmdir_file", rmdir("/t/b"), ENOTDIR);
	check("mkdir_rmdir", mkdir("/t/e", 0755) == 0 && rmdir("/t/e") == 0,
	      "%ld", 0);
	printf("p9t: ops done, %d failed\n", failures);
	return failures != 0;
}

static unsigned long long xorshift64(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static int do_bigwrite(const char *path, const char *seed)
{
	unsigned char *buf = malloc(BIG);
	unsigned long long s = strtoull(seed, NULL, 0), v = 0;
	int fd, i;
	long n;

	if (!buf)
		return 1;
	for (i = 0; i < BIG; i++) {
		if (i % 8 == 0)
			v = xorshift64(&s);
		buf[i] = (unsigned char)(v >> (8 * (i % 8)));
	}
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	n = fd < 0 ? -1 : write(fd, buf, BIG);
	check("bigwrite", n == BIG, "wrote %ld", n);
	check("bigwrite_close", fd >= 0 && close(fd) == 0, "%ld", 0);
	free(buf);
	return failures != 0;
}

static int do_bigcopy(const char *src, const char *dst)
{
	unsigned char *buf = malloc(BIG + 1);
	unsigned long long h = 0xcbf29ce484222325ULL;
	long n, total = 0;
	int fd, i;

	if (!buf)
		return 1;
	fd = open(src, O_RDONLY);
	check("bigcopy_open", fd >= 0, "fd %ld", fd);
	/* 4 KiB reads: many requests, none of them msize-sized */
	while (fd >= 0 && total <= BIG &&
	       (n = read(fd, buf + total, BIG + 1 - total < SMALL_READ ?
			 (size_t)(BIG + 1 - total) : SMALL_READ)) > 0)
		total += n;
	close(fd);
	check("bigcopy_read", total == BIG, "read %ld", total);
	for (i = 0; i < total; i++)
		h = (h ^ buf[i]) * 0x100000001b3ULL;
	printf("p9t: fnv1a64=%016llx\n", h);
	fd = open(dst, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	n = fd < 0 ? -1 : write(fd, buf, (size_t)total);
	check("bigcopy_write", n == total, "wrote %ld", n);
	close(fd);
	free(buf);
	return failures != 0;
}

static int do_vanish(void)
{
	struct timespec t0 = { 0 }, t = { 0 };
	struct stat st;
	char buf[64];
	int fd, e, rounds = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("p9t: ready\n");
	fflush(stdout);
	for (;;) {
		rounds++;
		if (stat("/grass", &st) < 0)
			break;
		fd = open("/grass", O_RDONLY);
		if (fd < 0)
			break;
		if (read(fd, buf, sizeof(buf)) < 0) {
			close(fd);
			break;
		}
		close(fd);
		/* bounded in time, and in rounds should the clock not run */
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 30 || rounds > VANISH_ROUNDS) {
			printf("p9t: FAIL vanish (no error in 30 s or "
			       "%d rounds)\n", VANISH_ROUNDS);
			return 1;
		}
	}
	e = errno;
	printf("p9t: vanished after %d rounds\n", rounds);
	/* the file system answers errors, it does not hang */
	check("vanish_error", e == ENOENT || e == EIO, "errno %ld", e);
	check("vanish_stat_again", stat("/grass", &st) < 0 &&
	      (errno == ENOENT || errno == EIO), "%ld", 0);
	check("vanish_mkdir_fails", mkdir("/new", 0755) < 0, "%ld", 0);
	return failures != 0;
}

static int do_mount(const char *tag)
{
	char buf[64];
	int fd;
	long n;

	check("mount_point", mkdir("/mnt", 0755) == 0 || errno == EEXIST,
	      "%ld", 0);
	check_err("mount_missing_tag", mount("nope", "/mnt", "9pfs", 0, NULL),
		  ENODEV);
	check_err("mount_bad_option",
		  mount(tag, "/mnt", "9pfs", 0, "colour=blue"), EINVAL);
	check("mount", mount(tag, "/mnt", "9pfs", 0, NULL) == 0, "%ld", 0);
	fd = open("/mnt/grass", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	close(fd);
	check("mount_read", n > 0 && strstr(buf, "second share") != NULL,
	      "read %ld", n);
	check("mount_write", file_put("/mnt/from-guest", "via fs1\n") == 8,
	      "%ld", 0);
	check("umount", umount("/mnt") == 0, "%ld", 0);
	check_err("umount_again", umount("/mnt"), EINVAL);
	/* the root share is still there */
	check("root_still_mounted", access("/grass", R_OK) == 0, "%ld", 0);
	return failures != 0;
}

int main(int argc, char *argv[])
{
	if (argc >= 3 && strcmp(argv[1], "cat") == 0)
		return do_cat(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "ops") == 0)
		return do_ops();
	if (argc >= 4 && strcmp(argv[1], "bigwrite") == 0)
		return do_bigwrite(argv[2], argv[3]);
	if (argc >= 4 && strcmp(argv[1], "bigcopy") == 0)
		return do_bigcopy(argv[2], argv[3]);
	if (argc >= 2 && strcmp(argv[1], "vanish") == 0)
		return do_vanish();
	if (argc >= 3 && strcmp(argv[1], "mount") == 0)
		return do_mount(argv[2]);
	printf("usage: p9test cat PATH | ops | bigwrite PATH SEED | "
	       "bigcopy SRC DST | vanish | mount TAG\n");
	return 2;
}
