/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel console printing.
 *
 * uk_printk() writes unconditionally; uk_pr_<level>() writes when the
 * configured level (Library configuration -> ukdebug) lets the message
 * through, prefixed with the level, the library and (optionally) a
 * timestamp and ANSI colour. Messages below the compiled level cost
 * nothing: the call is removed by the preprocessor.
 */
#ifndef __UK_PRINT_H__
#define __UK_PRINT_H__

#include <stdarg.h>
#include <uk/essentials.h>

#define KLVL_CRIT	0
#define KLVL_ERR	1
#define KLVL_WARN	2
#define KLVL_INFO	3
#define KLVL_DEBUG	4

#if defined(CONFIG_LIBUKDEBUG_PRINTK_DEBUG)
#define UK_PRINT_LEVEL	KLVL_DEBUG
#elif defined(CONFIG_LIBUKDEBUG_PRINTK_INFO)
#define UK_PRINT_LEVEL	KLVL_INFO
#elif defined(CONFIG_LIBUKDEBUG_PRINTK_WARN)
#define UK_PRINT_LEVEL	KLVL_WARN
#elif defined(CONFIG_LIBUKDEBUG_PRINTK_ERR)
#define UK_PRINT_LEVEL	KLVL_ERR
#else
#define UK_PRINT_LEVEL	KLVL_CRIT
#endif

/* Name of the library a file belongs to; set per library by the build. */
#ifndef __LIBNAME__
#define __LIBNAME__	NULL
#endif

/** Write a formatted string to the console, without prefix or filter. */
void uk_printk(const char *fmt, ...) __printf(1, 2);
/** va_list form of uk_printk(). */
void uk_vprintk(const char *fmt, va_list ap);

/**
 * Print a kernel message of level @p lvl (KLVL_*) with the prefix.
 * Use the uk_pr_*() macros rather than calling this directly.
 */
void _uk_printk(int lvl, const char *libname, const char *srcname,
		unsigned int srcline, const char *fmt, ...) __printf(5, 6);

/**
 * Format a kernel message with its prefix into @p buf (what _uk_printk
 * writes). @return the length written, always < @p size
 */
int _uk_vprintk_fmt(char *buf, size_t size, int lvl, const char *libname,
		    const char *srcname, unsigned int srcline,
		    const char *fmt, va_list ap);

/** Write @p len raw bytes to the console. */
void uk_console_write(const char *buf, size_t len);

#define uk_printk_lvl(lvl, fmt, ...)					\
	do {								\
		if ((lvl) <= UK_PRINT_LEVEL)				\
			_uk_printk((lvl), __LIBNAME__, __FILE__,	\
				   __LINE__, (fmt), ##__VA_ARGS__);	\
	} while (0)

#define uk_pr_crit(fmt, ...)	uk_printk_lvl(KLVL_CRIT, fmt, ##__VA_ARGS__)
#define uk_pr_err(fmt, ...)	uk_printk_lvl(KLVL_ERR, fmt, ##__VA_ARGS__)
#define uk_pr_warn(fmt, ...)	uk_printk_lvl(KLVL_WARN, fmt, ##__VA_ARGS__)
#define uk_pr_info(fmt, ...)	uk_printk_lvl(KLVL_INFO, fmt, ##__VA_ARGS__)
#define uk_pr_debug(fmt, ...)	uk_printk_lvl(KLVL_DEBUG, fmt, ##__VA_ARGS__)

#endif /* __UK_PRINT_H__ */
