/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system call shim (CONFIG_LIBSYSCALL_SHIM), with upstream Unikraft's
 * names and contracts (workshop Session 07).
 *
 * A library implements a Linux system call with one of:
 *
 *   UK_SYSCALL_R_DEFINE(type, name, type1, arg1, ...)
 *       the body returns the result or a negative errno; defines
 *         long uk_syscall_r_<name>(long arg1, ...)   raw: -errno on error
 *         long uk_syscall_e_<name>(long arg1, ...)   -1 and errno on error
 *         type <name>(type1 arg1, ...)               libc-style (see below)
 *   UK_SYSCALL_DEFINE(type, name, type1, arg1, ...)
 *       the body is libc-style (returns -1 and sets errno); the same three
 *       functions are defined
 *   UK_LLSYSCALL_R_DEFINE / UK_LLSYSCALL_DEFINE
 *       the same without the libc-style function (for calls whose C
 *       signature differs from the system call's, e.g. open's mode)
 *
 * and registers it in its Makefile.uk:
 *
 *   UK_PROVIDED_SYSCALLS-$(CONFIG_LIBX) += <name>-<number of arguments>
 *
 * which puts it in uk_syscall6_r()'s dispatch (the table is generated
 * from the list at build time). Musl's system calls reach the shim
 * through uk_syscall6_r(); a number nobody provides returns -ENOSYS and
 * prints its name once.
 *
 * The libc-style function is generated only when no libc provides it:
 * with musl (CONFIG_HAVE_LIBC) musl's own open(), read(), ... call the
 * shim, so the shim defines just the uk_syscall_{r,e}_* pair.
 */
#ifndef __UK_SYSCALL_H__
#define __UK_SYSCALL_H__

#include <errno.h>
#include <uk/essentials.h>

/** Run system call @p nr; @return its result or a negative errno. */
long uk_syscall6_r(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6);

/** As uk_syscall6_r(), libc-style: -1 with errno set on error. */
long uk_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6);

/** @return the Linux name of system call @p nr ("read"), or NULL */
const char *uk_syscall_name(long nr);

/* Number of (type, name) pairs in the argument list, 0..6. */
#define __UK_SC_NARGS_X(a, b, c, d, e, f, g, h, i, j, k, l, m, n, N, ...) N
#define __UK_SC_NARGS(...)						\
	__UK_SC_NARGS_X(0, ##__VA_ARGS__, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2,	\
			1, 1, 0, 0)

/* Apply m(type, name) to each pair, comma-separated. */
#define __UK_SC_MAP0(m, ...)
#define __UK_SC_MAP1(m, t, a) m(t, a)
#define __UK_SC_MAP2(m, t, a, ...) m(t, a), __UK_SC_MAP1(m, __VA_ARGS__)
#define __UK_SC_MAP3(m, t, a, ...) m(t, a), __UK_SC_MAP2(m, __VA_ARGS__)
#define __UK_SC_MAP4(m, t, a, ...) m(t, a), __UK_SC_MAP3(m, __VA_ARGS__)
#define __UK_SC_MAP5(m, t, a, ...) m(t, a), __UK_SC_MAP4(m, __VA_ARGS__)
#define __UK_SC_MAP6(m, t, a, ...) m(t, a), __UK_SC_MAP5(m, __VA_ARGS__)
#define __UK_SC_MAP(n, m, ...) UK_CONCAT(__UK_SC_MAP, n)(m, ##__VA_ARGS__)

#define __UK_SC_DECL(t, a)	t a
#define __UK_SC_LONG(t, a)	long a
#define __UK_SC_FROMLONG(t, a)	(t)(a)
#define __UK_SC_TOLONG(t, a)	(long)(a)
#define __UK_SC_NAME(t, a)	a

/* A parameter list: "void" for none. */
#define __UK_SC_P0(m, ...)	void
#define __UK_SC_P1(m, ...)	__UK_SC_MAP1(m, __VA_ARGS__)
#define __UK_SC_P2(m, ...)	__UK_SC_MAP2(m, __VA_ARGS__)
#define __UK_SC_P3(m, ...)	__UK_SC_MAP3(m, __VA_ARGS__)
#define __UK_SC_P4(m, ...)	__UK_SC_MAP4(m, __VA_ARGS__)
#define __UK_SC_P5(m, ...)	__UK_SC_MAP5(m, __VA_ARGS__)
#define __UK_SC_P6(m, ...)	__UK_SC_MAP6(m, __VA_ARGS__)
#define __UK_SC_PARAMS(n, m, ...) UK_CONCAT(__UK_SC_P, n)(m, ##__VA_ARGS__)

/* A raw result in [-4095, -1] is an error. */
#define __UK_SC_ISERR(r)	((unsigned long)(r) > -4096UL)

/* The libc-style function, when no libc provides one. */
#if CONFIG_HAVE_LIBC
#define __UK_SC_LIBC_WRAPPER(rtype, name, n, ...)
#else
#define __UK_SC_LIBC_WRAPPER(rtype, name, n, ...)			\
	rtype name(__UK_SC_PARAMS(n, __UK_SC_DECL, ##__VA_ARGS__))	\
	{								\
		return (rtype)UK_CONCAT(uk_syscall_e_, name)(		\
			__UK_SC_MAP(n, __UK_SC_TOLONG, ##__VA_ARGS__));	\
	}
#endif

/* Raw body (returns -errno): r_ calls the body, e_ converts. */
#define __UK_SC_R_DEFINE(libc, rtype, name, n, ...)			\
	static rtype UK_CONCAT(__uk_syscall_r_body_, name)(		\
		__UK_SC_PARAMS(n, __UK_SC_DECL, ##__VA_ARGS__));	\
	long UK_CONCAT(uk_syscall_r_, name)(				\
		__UK_SC_PARAMS(n, __UK_SC_LONG, ##__VA_ARGS__))		\
	{								\
		return (long)UK_CONCAT(__uk_syscall_r_body_, name)(	\
			__UK_SC_MAP(n, __UK_SC_FROMLONG, ##__VA_ARGS__)); \
	}								\
	long UK_CONCAT(uk_syscall_e_, name)(				\
		__UK_SC_PARAMS(n, __UK_SC_LONG, ##__VA_ARGS__))		\
	{								\
		long r = UK_CONCAT(uk_syscall_r_, name)(		\
			__UK_SC_MAP(n, __UK_SC_NAME, ##__VA_ARGS__));	\
		if (__UK_SC_ISERR(r)) {					\
			errno = (int)-r;				\
			return -1;					\
		}							\
		return r;						\
	}								\
	libc(rtype, name, n, ##__VA_ARGS__)				\
	static rtype UK_CONCAT(__uk_syscall_r_body_, name)(		\
		__UK_SC_PARAMS(n, __UK_SC_DECL, ##__VA_ARGS__))

/* libc-style body (returns -1, sets errno): e_ calls it, r_ converts. */
#define __UK_SC_E_DEFINE(libc, rtype, name, n, ...)			\
	static rtype UK_CONCAT(__uk_syscall_e_body_, name)(		\
		__UK_SC_PARAMS(n, __UK_SC_DECL, ##__VA_ARGS__));	\
	long UK_CONCAT(uk_syscall_e_, name)(				\
		__UK_SC_PARAMS(n, __UK_SC_LONG, ##__VA_ARGS__))		\
	{								\
		return (long)UK_CONCAT(__uk_syscall_e_body_, name)(	\
			__UK_SC_MAP(n, __UK_SC_FROMLONG, ##__VA_ARGS__)); \
	}								\
	long UK_CONCAT(uk_syscall_r_, name)(				\
		__UK_SC_PARAMS(n, __UK_SC_LONG, ##__VA_ARGS__))		\
	{								\
		int saved = errno;					\
		long r = UK_CONCAT(uk_syscall_e_, name)(		\
			__UK_SC_MAP(n, __UK_SC_NAME, ##__VA_ARGS__));	\
		if (r == -1) {						\
			r = -errno;					\
			errno = saved;	/* raw callers see no errno */	\
		}							\
		return r;						\
	}								\
	libc(rtype, name, n, ##__VA_ARGS__)				\
	static rtype UK_CONCAT(__uk_syscall_e_body_, name)(		\
		__UK_SC_PARAMS(n, __UK_SC_DECL, ##__VA_ARGS__))

#define __UK_SC_NO_WRAPPER(rtype, name, n, ...)

#define UK_SYSCALL_R_DEFINE(rtype, name, ...)				\
	__UK_SC_R_DEFINE(__UK_SC_LIBC_WRAPPER, rtype, name,		\
			 __UK_SC_NARGS(__VA_ARGS__), ##__VA_ARGS__)
#define UK_SYSCALL_DEFINE(rtype, name, ...)				\
	__UK_SC_E_DEFINE(__UK_SC_LIBC_WRAPPER, rtype, name,		\
			 __UK_SC_NARGS(__VA_ARGS__), ##__VA_ARGS__)
#define UK_LLSYSCALL_R_DEFINE(rtype, name, ...)				\
	__UK_SC_R_DEFINE(__UK_SC_NO_WRAPPER, rtype, name,		\
			 __UK_SC_NARGS(__VA_ARGS__), ##__VA_ARGS__)
#define UK_LLSYSCALL_DEFINE(rtype, name, ...)				\
	__UK_SC_E_DEFINE(__UK_SC_NO_WRAPPER, rtype, name,		\
			 __UK_SC_NARGS(__VA_ARGS__), ##__VA_ARGS__)

#endif /* __UK_SYSCALL_H__ */
