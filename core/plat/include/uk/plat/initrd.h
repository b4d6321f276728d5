/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The initial ramdisk the platform was given: kvm's first multiboot
 * module (`qemu -initrd FILE`), linuxu's file named by `--initrd FILE`
 * as the first command-line words (see core/plat/linuxu/setup.c). Its
 * memory is never handed to the heap and stays valid for the image's
 * life; it is read-only for its users.
 */
#ifndef __UK_PLAT_INITRD_H__
#define __UK_PLAT_INITRD_H__

#include <uk/essentials.h>

/**
 * @param[out] base, len  the initrd's bytes
 * @return 0, or -ENOENT (-2) when the image was started without one
 */
int ukplat_initrd_get(const void **base, size_t *len);

#endif /* __UK_PLAT_INITRD_H__ */
