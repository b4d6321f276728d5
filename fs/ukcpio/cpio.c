/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cpio newc parser (see <uk/cpio.h>). Every offset is checked against
 * the archive's length before it is read; sizes are 32-bit in the
 * format, so no sum below can wrap a size_t.
 */
#include <errno.h>
#include <string.h>
#include <uk/cpio.h>

#define HDR_LEN		110
#define HDR_FIELDS	13	/* 8 hex digits each, after the magic */

/* Field indexes after the 6-byte magic */
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
       F_DEVMAJ, F_DEVMIN, F_RDEVMAJ, F_RDEVMIN, F_NAMESIZE, F_CHECK };

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* @return 0 and the value of 8 hex digits at @p s, or -EINVAL */
static int hex8(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	int i, d;

	for (i = 0; i < 8; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return -EINVAL;
		v = (v << 4) | (uint32_t)d;
	}
	*out = v;
	return 0;
}

int ukcpio_parse(const void *buf, size_t len, ukcpio_cb_t cb, void *arg)
{
	const char *a = buf;
	uint32_t f[HDR_FIELDS];
	struct ukcpio_entry e;
	size_t pos = 0, name, data;
	int i, r, after_trailer = 0;

	for (;;) {
		if (after_trailer) {
			/* after a trailer: zero padding, maybe another one */
			while (pos < len && a[pos] == '\0')
				pos++;
			if (pos == len)
				return 0;
		}
		if (len - pos < HDR_LEN)
			return -EINVAL;
		if (memcmp(a + pos, "07070", 5) ||
		    (a[pos + 5] != '1' && a[pos + 5] != '2'))
			return -EINVAL;
		for (i = 0; i < HDR_FIELDS; i++)
			if (hex8(a + pos + 6 + 8 * i, &f[i]))
				return -EINVAL;
		name = pos + HDR_LEN;
		/* the name must hold its NUL and fit */
		if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > len - name)
			return -EINVAL;
		if (a[name + f[F_NAMESIZE] - 1] != '\0' ||
		    memchr(a + name, '\0', f[F_NAMESIZE] - 1))
			return -EINVAL;
		data = pos + pad4(HDR_LEN + f[F_NAMESIZE]);
		if (data > len || f[F_FILESIZE] > len - data)
			return -EINVAL;
		/* the last member's data padding may be missing */
		pos = data + pad4(f[F_FILESIZE]);
		if (pos > len)
			pos = len;
		if (!strcmp(a + name, "TRAILER!!!")) {
			after_trailer = 1;
			continue;
		}
		e.name = a + name;
		e.namelen = f[F_NAMESIZE] - 1;
		e.mode = f[F_MODE];
		e.ino = f[F_INO];
		e.nlink = f[F_NLINK];
		e.mtime = f[F_MTIME];
		e.data = a + data;
		e.size = f[F_FILESIZE];
		r = cb(&e, arg);
		if (r)
			return r;
		after_trailer = 0;
	}
}
