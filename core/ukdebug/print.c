/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel console printing: one message is formatted into a stack buffer
 * and written with one console call, so lines from different levels do
 * not interleave mid-line.
 */
#include <stdio.h>
#include <string.h>
#include <uk/print.h>
#include <uk/plat/console.h>
#include <uk/plat/time.h>

#define PRINTK_BUFSZ	512

static const char *const lvl_name[] = {
	[KLVL_CRIT] = "CRIT:",
	[KLVL_ERR] = "ERR: ",
	[KLVL_WARN] = "Warn:",
	[KLVL_INFO] = "Info:",
	[KLVL_DEBUG] = "dbg: ",
};

#if CONFIG_LIBUKDEBUG_ANSI_COLOR
static const char *const lvl_color[] = {
	[KLVL_CRIT] = "\033[1;31m",
	[KLVL_ERR] = "\033[31m",
	[KLVL_WARN] = "\033[33m",
	[KLVL_INFO] = "\033[36m",
	[KLVL_DEBUG] = "\033[2m",
};
#define COLOR_RESET	"\033[0m"
#endif

void uk_console_write(const char *buf, size_t len)
{
	while (len) {
		int n = ukplat_coutk(buf, len > 0x7fffffff ? 0x7fffffff
						       : (unsigned int)len);

		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

void uk_vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_BUFSZ];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	uk_console_write(buf, MIN((size_t)n, sizeof(buf) - 1));
}

void uk_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	uk_vprintk(fmt, ap);
	va_end(ap);
}

/* "file.c" from "path/to/file.c": the full path is noise on a console. */
static const char *basename_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int _uk_vprintk_fmt(char *buf, size_t size, int lvl, const char *libname,
		    const char *srcname, unsigned int srcline,
		    const char *fmt, va_list ap)
{
	size_t pos = 0;
	int n;

	if (size < 2)
		return 0;
	if (lvl < KLVL_CRIT || lvl > KLVL_DEBUG)
		lvl = KLVL_CRIT;
#if CONFIG_LIBUKDEBUG_ANSI_COLOR
	pos += snprintf(buf + pos, size - pos, "%s", lvl_color[lvl]);
#endif
#if CONFIG_LIBUKDEBUG_PRINT_TIME
	{
		__nsec t = ukplat_monotonic_clock();

		pos += snprintf(buf + pos, size - pos, "[%5lu.%06lu] ",
				(unsigned long)(t / UKPLAT_NSEC_PER_SEC),
				(unsigned long)(t % UKPLAT_NSEC_PER_SEC) / 1000);
	}
#endif
	pos += snprintf(buf + pos, size - pos, "%s [%s] <%s @ %4u> ",
			lvl_name[lvl], libname ? libname : "app",
			basename_of(srcname), srcline);
	pos = MIN(pos, size - 1);
	n = vsnprintf(buf + pos, size - pos, fmt, ap);
	if (n > 0)
		pos = MIN(pos + n, size - 1);
#if CONFIG_LIBUKDEBUG_ANSI_COLOR
	/* The reset must precede the message's own newline, if any. */
	if (pos && buf[pos - 1] == '\n')
		pos--;
	pos += snprintf(buf + pos, size - pos, COLOR_RESET "\n");
	pos = MIN(pos, size - 1);
#endif
	return pos;
}

void _uk_printk(int lvl, const char *libname, const char *srcname,
		unsigned int srcline, const char *fmt, ...)
{
	char buf[PRINTK_BUFSZ];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = _uk_vprintk_fmt(buf, sizeof(buf), lvl, libname, srcname, srcline,
			    fmt, ap);
	va_end(ap);
	uk_console_write(buf, n);
}
