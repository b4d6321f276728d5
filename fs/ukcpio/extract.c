/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unpack a cpio newc archive into a directory through the C library
 * (see ukcpio_extract() in <uk/cpio.h>).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/cpio.h>

struct extract {
	const char *dest;
	char path[PATH_MAX];
};

/*
 * Build dest/name in @p x->path without "/" or "./" in front.
 * @return 0, 1 for the archive's root itself, -EINVAL for "..",
 *	   -ENAMETOOLONG
 */
static int member_path(struct extract *x, const char *name)
{
	const char *c;
	size_t n;

	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			break;
	}
	if (!*name || !strcmp(name, "."))
		return 1;
	/* refuse any ".." component: nothing may land outside dest */
	for (c = name; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (c[0] == '.' && c[1] == '.' && (c[2] == '/' || !c[2]))
			return -EINVAL;
	}
	n = (size_t)snprintf(x->path, sizeof(x->path), "%s/%s",
			     strcmp(x->dest, "/") ? x->dest : "", name);
	return n >= sizeof(x->path) ? -ENAMETOOLONG : 0;
}

/* Create the missing parents of x->path (archives need not list them). */
static int make_parents(struct extract *x)
{
	size_t i, skip = strlen(x->dest);

	for (i = skip + 1; x->path[i]; i++) {
		if (x->path[i] != '/')
			continue;
		x->path[i] = '\0';
		if (mkdir(x->path, 0755) && errno != EEXIST) {
			x->path[i] = '/';
			return -errno;
		}
		x->path[i] = '/';
	}
	return 0;
}

static int write_file(const char *path, const struct ukcpio_entry *e)
{
	const char *p = e->data;
	size_t done = 0;
	ssize_t n;
	int fd, r = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777);
	if (fd < 0)
		return -errno;
	while (done < e->size) {
		n = write(fd, p + done, e->size - done);
		if (n <= 0) {
			r = n < 0 ? -errno : -EIO;
			break;
		}
		done += (size_t)n;
	}
	if (close(fd) && !r)
		r = -errno;
	return r;
}

static int extract_one(const struct ukcpio_entry *e, void *arg)
{
	struct extract *x = arg;
	int r = member_path(x, e->name);

	if (r == 1)
		return 0;	/* "." : the destination exists */
	if (r)
		return r;
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		r = make_parents(x);
		if (!r && mkdir(x->path, e->mode & 07777) && errno != EEXIST)
			r = -errno;
		return r;
	case S_IFREG:
		r = make_parents(x);
		return r ? r : write_file(x->path, e);
	default:
		/* no symbolic links or special files in the VFS */
		fprintf(stderr, "ukcpio: %s: type 0%o skipped\n", e->name,
			(unsigned int)(e->mode & S_IFMT));
		return 0;
	}
}

int ukcpio_extract(const void *buf, size_t len, const char *dest)
{
	struct extract x;

	x.dest = dest;
	return ukcpio_parse(buf, len, extract_one, &x);
}
