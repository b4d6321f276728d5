/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel parameters: `name=value` words on the command line before `--`
 * (everything after `--` goes to main()). With no `--`, every word is an
 * application argument. A library declares its parameters with
 * UK_LIBPARAM_*; an unknown name or a value that does not parse stops the
 * boot with a clear message and exit status UK_LIBPARAM_EXIT_STATUS.
 * The parameter `help` lists every known parameter.
 */
#ifndef __UK_LIBPARAM_H__
#define __UK_LIBPARAM_H__

#include <uk/essentials.h>

#define UK_LIBPARAM_EXIT_STATUS	2

enum uk_libparam_type {
	UK_LIBPARAM_T_STR,	/* const char *: points into the cmdline */
	UK_LIBPARAM_T_INT,	/* long */
	UK_LIBPARAM_T_UINT,	/* unsigned long */
	UK_LIBPARAM_T_BOOL,	/* bool: 0/1/y/n/yes/no/true/false */
};

struct uk_libparam {
	const char *name;	/* "<lib>.<param>" */
	enum uk_libparam_type type;
	void *addr;
	const char *desc;
};

#define _UK_LIBPARAM(pname, var, t, d)					\
	static const struct uk_libparam __used __align(8)		\
	__section(".uk_libparam")					\
	UK_CONCAT(__uk_libparam_, __LINE__) = {				\
		.name = (pname), .type = (t), .addr = &(var), .desc = (d) }

/** Declare `const char *var` settable as kernel parameter @p pname. */
#define UK_LIBPARAM_STR(pname, var, d)	_UK_LIBPARAM(pname, var, UK_LIBPARAM_T_STR, d)
/** Declare `long var` settable as kernel parameter @p pname. */
#define UK_LIBPARAM_INT(pname, var, d)	_UK_LIBPARAM(pname, var, UK_LIBPARAM_T_INT, d)
/** Declare `unsigned long var` settable as kernel parameter @p pname. */
#define UK_LIBPARAM_UINT(pname, var, d)	_UK_LIBPARAM(pname, var, UK_LIBPARAM_T_UINT, d)
/** Declare `bool var` settable as kernel parameter @p pname. */
#define UK_LIBPARAM_BOOL(pname, var, d)	_UK_LIBPARAM(pname, var, UK_LIBPARAM_T_BOOL, d)

extern const struct uk_libparam __uk_libparam_start[];
extern const struct uk_libparam __uk_libparam_end[];

/**
 * Split a command line in place into words (spaces and tabs separate;
 * double quotes group) and apply kernel parameters.
 * @param argc, argv  all words, argv[0] being the program name
 * @param[out] app_argc, app_argv  what main() gets: argv[0] and the
 *             words after `--` (all words when there is no `--`)
 * @return 0, or a negative errno after printing what was wrong
 */
int uk_libparam_parse(int argc, char *argv[], int *app_argc,
		      char ***app_argv);

/**
 * Split @p cmdline in place into at most @p max words.
 * @return the number of words, or -E2BIG if there were more
 */
int uk_argnparse(char *cmdline, char *argv[], int max);

#endif /* __UK_LIBPARAM_H__ */
