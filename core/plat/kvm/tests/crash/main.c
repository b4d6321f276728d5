/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exception reports on kvm: `crash <kind>` faults on purpose, nested a
 * few calls deep so the backtrace has frames to show.
 *   null  read through a NULL pointer (#PF, CR2 = 0)
 *   ud2   invalid opcode (#UD)
 *   div   integer divide by zero (#DE)
 *   gp    non-canonical address (#GP)
 *   abort UK_CRASH() from C (ukdebug's _uk_crash)
 *   stack unbounded recursion: #PF in the guard page below the stack,
 *         reported as a stack overflow
 * Expected: "*** CPU exception", the registers, "Backtrace:" with
 * crash_deep/crash_middle/main names, exit status 125 (UK_CRASH_STATUS).
 */
#include <stdio.h>
#include <string.h>
#include <uk/assert.h>

static volatile int zero;

static __noinline int recurse(volatile char *prev)
{
	volatile char buf[512];

	if (zero)	/* never: keeps the compiler from calling it endless */
		return 0;
	buf[0] = prev ? prev[0] + 1 : 0;
	return recurse(buf) + buf[1];
}

static __noinline int crash_deep(const char *kind)
{
	if (!strcmp(kind, "null"))
		return *(volatile int *)(uintptr_t)zero;
	if (!strcmp(kind, "ud2"))
		__asm__ __volatile__("ud2");
	if (!strcmp(kind, "div"))
		return 100 / zero;
	if (!strcmp(kind, "gp"))
		return *(volatile int *)0x8000000000000000UL;
	if (!strcmp(kind, "stack"))
		return recurse(NULL);
	if (!strcmp(kind, "abort"))
		UK_CRASH("crash test: %s\n", kind);
	return -1;
}

static __noinline int crash_middle(const char *kind)
{
	return crash_deep(kind) + 1;
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		printf("usage: crash null|ud2|div|gp|abort|stack\n");
		return 2;
	}
	printf("crash: %s\n", argv[1]);
	/* not a tail call, so main stays on the backtrace */
	return crash_middle(argv[1]) + 1;
}
