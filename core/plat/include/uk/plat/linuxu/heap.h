/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu heap as shared memory. With CONFIG_VIRTIO_USER the heap is a
 * memfd mapped MAP_SHARED, so a vhost-user backend can map the same pages
 * (rings and packet buffers); otherwise it is private anonymous memory.
 */
#ifndef __UK_PLAT_LINUXU_HEAP_H__
#define __UK_PLAT_LINUXU_HEAP_H__

#include <uk/essentials.h>

/**
 * The shared-memory file behind the heap.
 *
 * @param[out] base where the heap is mapped in this process
 * @param[out] len its length in bytes (the file's size)
 * @return the memfd (offset 0 is @p base), or -ENOENT when the heap is
 *   private memory (built without CONFIG_VIRTIO_USER)
 */
int linuxu_heap_shared(void **base, __sz *len);

#endif
