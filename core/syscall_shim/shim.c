/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_syscall6_r(): Linux system call numbers to the uk_syscall_r_*
 * functions the libraries define (see <uk/syscall.h>). The two tables
 * are generated at build time: gen/syscall_nr.h from Linux's
 * <asm/unistd_64.h> (linux-libc-dev), gen/provided.h from the
 * UK_PROVIDED_SYSCALLS-y lists of the Makefile.uk files.
 */
#include <errno.h>
#include <uk/print.h>
#include <uk/syscall.h>

enum {
#define UK_SC_NR(name, nr) __UK_NR_##name = nr,
#include "syscall_nr.h"
#undef UK_SC_NR
	__UK_NR_COUNT
};

static const char *const syscall_names[] = {
#define UK_SC_NR(name, nr) [nr] = #name,
#include "syscall_nr.h"
#undef UK_SC_NR
};

#define __UK_SC_A0 void
#define __UK_SC_A1 long
#define __UK_SC_A2 long, long
#define __UK_SC_A3 long, long, long
#define __UK_SC_A4 long, long, long, long
#define __UK_SC_A5 long, long, long, long, long
#define __UK_SC_A6 long, long, long, long, long, long
#define __UK_SC_C0(f) f()
#define __UK_SC_C1(f) f(a1)
#define __UK_SC_C2(f) f(a1, a2)
#define __UK_SC_C3(f) f(a1, a2, a3)
#define __UK_SC_C4(f) f(a1, a2, a3, a4)
#define __UK_SC_C5(f) f(a1, a2, a3, a4, a5)
#define __UK_SC_C6(f) f(a1, a2, a3, a4, a5, a6)

#define UK_SC_PROVIDED(name, n) long uk_syscall_r_##name(__UK_SC_A##n);
#include "provided.h"
#undef UK_SC_PROVIDED

const char *uk_syscall_name(long nr)
{
	if (nr < 0 || nr >= (long)ARRAY_SIZE(syscall_names))
		return NULL;
	return syscall_names[nr];
}

/* One bit per number already reported as missing. */
static unsigned long enosys_seen[(__UK_NR_COUNT + 63) / 64];

static long enosys(long nr)
{
	const char *name = uk_syscall_name(nr);

	if (nr >= 0 && nr < __UK_NR_COUNT) {
		if (enosys_seen[nr / 64] & (1UL << (nr % 64)))
			return -ENOSYS;
		enosys_seen[nr / 64] |= 1UL << (nr % 64);
	}
	uk_pr_err("syscall %s (%ld) is not supported: -ENOSYS\n",
		   name ? name : "unknown", nr);
	return -ENOSYS;
}

long uk_syscall6_r(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	switch (nr) {
#define UK_SC_PROVIDED(name, n)						\
	case __UK_NR_##name:						\
		return __UK_SC_C##n(uk_syscall_r_##name);
#include "provided.h"
#undef UK_SC_PROVIDED
	default:
		return enosys(nr);
	}
}

long uk_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	long r = uk_syscall6_r(nr, a1, a2, a3, a4, a5, a6);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
