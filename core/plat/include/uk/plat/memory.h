/* SPDX-License-Identifier: BSD-3-Clause */
/* Free memory regions handed to the allocator at boot. */
#ifndef __UK_PLAT_MEMORY_H__
#define __UK_PLAT_MEMORY_H__

#include <uk/essentials.h>

struct ukplat_memregion_desc {
	void *base;
	size_t len;
	const char *name;
};

/** @return the number of free regions (the image itself excluded) */
int ukplat_memregion_count(void);

/** Fill @p md with region @p i. @return 0 or -ENOENT */
int ukplat_memregion_get(int i, struct ukplat_memregion_desc *md);

#endif
