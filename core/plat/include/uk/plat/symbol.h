/* SPDX-License-Identifier: BSD-3-Clause */
/* Symbol lookup and backtraces for crash reports. */
#ifndef __UK_PLAT_SYMBOL_H__
#define __UK_PLAT_SYMBOL_H__

#include <uk/essentials.h>

/**
 * Name of the function containing @p addr.
 * @param[out] offset  @p addr minus the symbol's address (may be NULL)
 * @return the name, or NULL when the image carries no symbol for it
 */
const char *ukplat_symbol_lookup(uintptr_t addr, uintptr_t *offset);

/** Print the frame-pointer chain starting at frame @p fp. */
void ukplat_backtrace(uintptr_t fp);

#endif
