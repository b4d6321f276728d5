/* SPDX-License-Identifier: BSD-3-Clause */
/* The thread pointer (%fs base on x86_64), upstream's name. */
#ifndef __UK_PLAT_TLS_H__
#define __UK_PLAT_TLS_H__

/** Make @p tlsp the thread pointer. @return 0, or < 0 if refused */
int ukplat_tlsp_set(void *tlsp);

#endif
