/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: POSIX <strings.h>; strcasecmp and strncasecmp are declared in
 * <string.h>. */
#ifndef __NOLIBC_STRINGS_H__
#define __NOLIBC_STRINGS_H__

#include <string.h>

#endif /* __NOLIBC_STRINGS_H__ */
