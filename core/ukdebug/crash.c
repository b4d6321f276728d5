/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/symbol.h>

void _uk_crash(const char *file, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	uk_printk("\nCRASH at %s:%u: ", file, line);
	va_start(ap, fmt);
	uk_vprintk(fmt, ap);
	va_end(ap);
	ukplat_backtrace((uintptr_t)__builtin_frame_address(0));
	ukplat_terminate(UK_CRASH_STATUS);
}
