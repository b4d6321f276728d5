/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * <asm/types.h> for the virtio uapi headers, searched before the host's
 * (see drivers/virtio/core/Makefile.uk).
 *
 * On x86-64 the uapi <asm/types.h> takes <asm-generic/int-ll64.h>, where
 * __u64 is unsigned long long. uknf's <uk/essentials.h> (as Unikraft's
 * types) has __u64 = uint64_t = unsigned long, and both typedefs meet in
 * every virtio file: a conflict. <asm-generic/int-l64.h>, the kernel's
 * own variant for LP64 ABIs, names the same sizes with the types uknf
 * uses, so the two sets of typedefs are identical. Sizes and alignment
 * of every uapi structure stay the same.
 */
#ifndef __UKNF_UAPI_ASM_TYPES_H__
#define __UKNF_UAPI_ASM_TYPES_H__

#include <asm-generic/int-l64.h>

#endif /* __UKNF_UAPI_ASM_TYPES_H__ */
