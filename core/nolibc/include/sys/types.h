/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: POSIX system types (x86_64). */
#ifndef __NOLIBC_SYS_TYPES_H__
#define __NOLIBC_SYS_TYPES_H__

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef long off_t;

#endif /* __NOLIBC_SYS_TYPES_H__ */
