/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frame-pointer backtrace, shared by every platform (the core is built
 * with -fno-omit-frame-pointer). A frame is [saved rbp][return address];
 * the walk stops at a null, misaligned or non-increasing frame pointer,
 * so a corrupted stack ends the trace instead of faulting again.
 */
#include <uk/print.h>
#include <uk/plat/symbol.h>

#define BACKTRACE_MAX_FRAMES	32

/* Platforms with an embedded symbol table override this. */
__weak const char *ukplat_symbol_lookup(uintptr_t addr __unused,
					uintptr_t *offset __unused)
{
	return NULL;
}

void ukplat_backtrace(uintptr_t fp)
{
	unsigned int i;

	uk_printk("Backtrace:\n");
	for (i = 0; i < BACKTRACE_MAX_FRAMES && fp && !(fp & 7); i++) {
		uintptr_t next = ((uintptr_t *)fp)[0];
		uintptr_t ret = ((uintptr_t *)fp)[1];
		uintptr_t off = 0;
		const char *sym;

		if (!ret)
			break;
		sym = ukplat_symbol_lookup(ret, &off);
		if (sym)
			uk_printk("  #%u 0x%016lx %s+0x%lx\n", i,
				  (unsigned long)ret, sym, (unsigned long)off);
		else
			uk_printk("  #%u 0x%016lx\n", i, (unsigned long)ret);
		if (next <= fp)
			break;
		fp = next;
	}
}
