/* SPDX-License-Identifier: BSD-3-Clause */
/* Platform console: COM1 on kvm, stdout on linuxu. */
#ifndef __UK_PLAT_CONSOLE_H__
#define __UK_PLAT_CONSOLE_H__

/** Write @p len bytes to the console. @return bytes written or < 0 */
int ukplat_coutk(const char *buf, unsigned int len);

#endif
