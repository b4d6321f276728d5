/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw Linux system calls for the linuxu platform (x86_64 ABI: number in
 * rax, arguments in rdi, rsi, rdx, r10, r8, r9; rcx and r11 clobbered).
 * Return values in [-4095, -1] are negative errnos.
 */
#ifndef __UK_PLAT_LINUXU_SYSCALL_H__
#define __UK_PLAT_LINUXU_SYSCALL_H__

#include <uk/essentials.h>

#define __NR_read		0
#define __NR_write		1
#define __NR_open		2
#define __NR_close		3
#define __NR_poll		7
#define __NR_mmap		9
#define __NR_munmap		11
#define __NR_ioctl		16
#define __NR_writev		20
#define __NR_nanosleep		35
#define __NR_getpid		39
#define __NR_socket		41
#define __NR_connect		42
#define __NR_sendmsg		46
#define __NR_recvmsg		47
#define __NR_exit		60
#define __NR_kill		62
#define __NR_fcntl		72
#define __NR_ftruncate		77
#define __NR_clock_gettime	228
#define __NR_exit_group		231
#define __NR_eventfd2		290
#define __NR_memfd_create	319

static inline long linuxu_syscall6(long n, long a1, long a2, long a3,
				   long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			       "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#define linuxu_syscall(n, a1, a2, a3)					\
	linuxu_syscall6((n), (long)(a1), (long)(a2), (long)(a3), 0, 0, 0)

struct linuxu_timespec {
	long tv_sec;
	long tv_nsec;
};

#define LINUXU_CLOCK_MONOTONIC	1
#define LINUXU_PROT_READ	0x1
#define LINUXU_PROT_WRITE	0x2
#define LINUXU_MAP_SHARED	0x01
#define LINUXU_MAP_PRIVATE	0x02
#define LINUXU_MAP_ANONYMOUS	0x20
#define LINUXU_MAP_NORESERVE	0x4000
#define LINUXU_O_RDWR		02
#define LINUXU_O_NONBLOCK	04000
#define LINUXU_O_CLOEXEC	02000000
#define LINUXU_MFD_CLOEXEC	0x1
#define LINUXU_MFD_HUGETLB	0x4
#define LINUXU_AF_UNIX		1
#define LINUXU_SOCK_STREAM	1
#define LINUXU_SOL_SOCKET	1
#define LINUXU_SCM_RIGHTS	1
#define LINUXU_POLLIN		0x1

#endif
