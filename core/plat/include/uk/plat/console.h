/* SPDX-License-Identifier: BSD-3-Clause */
/* Platform console: COM1 on kvm, stdout on linuxu. */
#ifndef __UK_PLAT_CONSOLE_H__
#define __UK_PLAT_CONSOLE_H__

#include <errno.h>
#include <stddef.h>

/** Write @p len bytes to the console. @return bytes written or < 0 */
int ukplat_coutk(const char *buf, unsigned int len);

/**
 * Write all of @p buf, of any length (ukplat_coutk() takes an unsigned
 * int), as a write(2) on the console does.
 * @return @p len, the bytes written before an error, or -EIO if none
 */
static inline long ukplat_cout_all(const void *buf, size_t len)
{
	size_t done = 0, chunk;
	int r;

	while (done < len) {
		chunk = len - done < (1U << 30) ? len - done : (1U << 30);
		r = ukplat_coutk((const char *)buf + done, (unsigned int)chunk);
		if (r <= 0)
			return done ? (long)done : -EIO;
		done += (size_t)r;
	}
	return (long)done;
}

#endif
