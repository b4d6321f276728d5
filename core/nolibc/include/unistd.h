/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: the sleeps of POSIX <unistd.h> (implemented in uktime). */
#ifndef __NOLIBC_UNISTD_H__
#define __NOLIBC_UNISTD_H__

#include <sys/types.h>

/* @return 0, or the seconds left when interrupted (never here) */
unsigned int sleep(unsigned int seconds);
/* @return 0, or -1 with errno set */
int usleep(unsigned int usec);

#endif /* __NOLIBC_UNISTD_H__ */
