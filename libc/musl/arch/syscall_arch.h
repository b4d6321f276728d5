/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replaces musl's arch/x86_64/syscall_arch.h when musl is built for uknf
 * (found first through -iquote): a system call is a function call into
 * the shim instead of the `syscall` instruction. Same names and
 * contracts as musl's own (raw results, -errno on error); no vDSO.
 */
#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

long uk_syscall6_r(long n, long a1, long a2, long a3, long a4, long a5,
		   long a6);

static __inline long __syscall0(long n)
{
	return uk_syscall6_r(n, 0, 0, 0, 0, 0, 0);
}

static __inline long __syscall1(long n, long a1)
{
	return uk_syscall6_r(n, a1, 0, 0, 0, 0, 0);
}

static __inline long __syscall2(long n, long a1, long a2)
{
	return uk_syscall6_r(n, a1, a2, 0, 0, 0, 0);
}

static __inline long __syscall3(long n, long a1, long a2, long a3)
{
	return uk_syscall6_r(n, a1, a2, a3, 0, 0, 0);
}

static __inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	return uk_syscall6_r(n, a1, a2, a3, a4, 0, 0);
}

static __inline long __syscall5(long n, long a1, long a2, long a3, long a4,
				long a5)
{
	return uk_syscall6_r(n, a1, a2, a3, a4, a5, 0);
}

static __inline long __syscall6(long n, long a1, long a2, long a3, long a4,
				long a5, long a6)
{
	return uk_syscall6_r(n, a1, a2, a3, a4, a5, a6);
}

#define IPC_64 0
