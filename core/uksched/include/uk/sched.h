/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative scheduler (optional, CONFIG_LIBUKSCHED). Threads run on the
 * one CPU until they yield, sleep or exit; main() is the first thread.
 * Sleepers whose deadline passed run first, earliest deadline first;
 * otherwise round-robin among runnable threads; when every thread sleeps
 * the CPU halts until the earliest wake-up (ukplat_halt_until(): kvm's
 * APIC timer and hlt, a host sleep on linuxu), with no busy polling. When main() returns the
 * image stops, whatever other threads still exist.
 */
#ifndef __UK_SCHED_H__
#define __UK_SCHED_H__

#include <uk/essentials.h>

struct uk_thread;

/**
 * Create a runnable thread that calls @p fn(@p arg); returning from @p fn
 * ends the thread. Its stack comes from the default allocator.
 * @return the thread, or NULL when memory runs out
 */
struct uk_thread *uk_thread_create(const char *name, void (*fn)(void *),
				   void *arg);

/** Let the next runnable thread run (returns at once if none). */
void uk_sched_yield(void);

/** Sleep at least @p ns nanoseconds, letting other threads run. */
void uk_sched_sleep_ns(__nsec ns);

/** End the calling thread (not main()). Never returns. */
void uk_thread_exit(void) __noreturn;

/** @return the calling thread */
struct uk_thread *uk_thread_current(void);

/** @return the thread's name */
const char *uk_thread_name(const struct uk_thread *t);

/** @return number of threads alive, main() included */
unsigned int uk_sched_thread_count(void);

#endif /* __UK_SCHED_H__ */
