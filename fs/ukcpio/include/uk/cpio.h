/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcpio: the cpio "newc" format (magic 070701, or 070702 with a
 * checksum field, which is not verified) as Linux's initramfs uses it.
 *
 * Each member: a 110-byte header of ASCII hex fields, the NUL-terminated
 * name padded to a multiple of 4 bytes from the header's start, the data
 * padded to a multiple of 4. The member named "TRAILER!!!" ends an
 * archive; zero padding and further archives may follow it.
 */
#ifndef __UK_CPIO_H__
#define __UK_CPIO_H__

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One archive member, pointing into the archive. */
struct ukcpio_entry {
	const char *name;	/**< NUL-terminated, as stored ("./a/b") */
	size_t namelen;		/**< strlen(name) */
	uint32_t mode;		/**< type and permission bits (S_IFMT...) */
	uint32_t ino;		/**< inode number (hard links share it) */
	uint32_t nlink;		/**< link count */
	uint32_t mtime;		/**< modification time, seconds */
	const void *data;	/**< the file's bytes (a link's target) */
	size_t size;		/**< bytes at @c data */
};

/**
 * Called for each member before the trailer.
 * @return 0 to go on, a negative errno to stop the parse with it
 */
typedef int (*ukcpio_cb_t)(const struct ukcpio_entry *e, void *arg);

/**
 * Walk the archive at @p buf (@p len bytes); never reads outside it.
 * @return 0 after a trailer, -EINVAL for a malformed or truncated
 *	   archive (no trailer, bad magic, a non-hex field, a name
 *	   without its NUL, sizes past the end), or the callback's error
 */
int ukcpio_parse(const void *buf, size_t len, ukcpio_cb_t cb, void *arg);

/**
 * Unpack the archive into the existing directory @p dest through the
 * C library's open/mkdir/write: directories and regular files with
 * their permission bits; symbolic links, devices, FIFOs and sockets are
 * skipped with a warning; leading "/" and "./" are dropped; a ".."
 * component is refused. Members may come in any order: missing parent
 * directories are created (mode 0755).
 * @return 0, -EINVAL (malformed archive or name), or the first file
 *	   system error (-ENOSPC, ...)
 */
int ukcpio_extract(const void *buf, size_t len, const char *dest);

#ifdef __cplusplus
}
#endif

#endif /* __UK_CPIO_H__ */
