/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory barriers. On x86-64 stores are not reordered with other stores
 * and loads not with other loads, so the SMP read/write barriers only
 * stop the compiler; a full barrier (store-load ordering) needs mfence.
 */
#ifndef __UK_ARCH_BARRIER_H__
#define __UK_ARCH_BARRIER_H__

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define mb()		__asm__ __volatile__("mfence" ::: "memory")
#define rmb()		__asm__ __volatile__("lfence" ::: "memory")
#define wmb()		__asm__ __volatile__("sfence" ::: "memory")
#define smp_mb()	mb()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

#define UK_READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define UK_WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#endif
