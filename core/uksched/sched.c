/* SPDX-License-Identifier: BSD-3-Clause */
/* Cooperative round-robin scheduler; see <uk/sched.h>. */
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/sched.h>
#include <uk/plat/time.h>

struct uk_thread {
	unsigned long sp;		/* saved while not running */
	struct uk_thread *next;		/* circular run list */
	void *stack;			/* NULL for main() */
	const char *name;
	__nsec wake;			/* 0: runnable */
	bool exited;
};

void _uk_sched_switch(unsigned long *save_sp, unsigned long new_sp);
void _uk_sched_trampoline(void);

static struct uk_thread main_thread = {
	.next = &main_thread, .name = "main",
};
static struct uk_thread *current = &main_thread;
static unsigned int nthreads = 1;
/* An exited thread's stack is freed by the next thread to run (it cannot
 * free the stack it is running on). */
static struct uk_thread *zombie;

static void reap(void)
{
	if (zombie) {
		uk_free(uk_alloc_get_default(), zombie->stack);
		uk_free(uk_alloc_get_default(), zombie);
		zombie = NULL;
	}
}

struct uk_thread *uk_thread_create(const char *name, void (*fn)(void *),
				   void *arg)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_thread *t = uk_calloc(a, 1, sizeof(*t));
	unsigned long *sp;

	if (!t)
		return NULL;
	t->stack = uk_memalign(a, 16, CONFIG_LIBUKSCHED_STACK_SIZE);
	if (!t->stack) {
		uk_free(a, t);
		return NULL;
	}
	t->name = name;
	/* Frame popped by _uk_sched_switch: r15 r14 r13 r12 rbx rbp ret.
	 * The slot above the return address keeps rsp+8 16-byte aligned at
	 * the trampoline's call, as the ABI wants.
	 */
	sp = (unsigned long *)((char *)t->stack +
			       CONFIG_LIBUKSCHED_STACK_SIZE) - 2;
	*--sp = (unsigned long)_uk_sched_trampoline;
	*--sp = 0;			/* rbp: ends backtraces */
	*--sp = 0;			/* rbx */
	*--sp = (unsigned long)fn;	/* r12 */
	*--sp = (unsigned long)arg;	/* r13 */
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	t->sp = (unsigned long)sp;
	t->next = current->next;
	current->next = t;
	nthreads++;
	return t;
}

/*
 * Next thread to run: a sleeper whose deadline passed, earliest deadline
 * first (so sleepers wake in deadline order however late we look), else
 * the next runnable thread after the current one (round robin), else the
 * CPU halts until the earliest deadline.
 */
static struct uk_thread *pick_next(void)
{
	for (;;) {
		struct uk_thread *t = current->next, *first = t;
		struct uk_thread *rr = NULL, *sleeper = NULL;
		__nsec now = ukplat_monotonic_clock();

		do {
			if (t->exited)
				;
			else if (!t->wake)
				rr = rr ? rr : t;
			else if (!sleeper || t->wake < sleeper->wake)
				sleeper = t;
			t = t->next;
		} while (t != first);
		if (sleeper && sleeper->wake <= now) {
			sleeper->wake = 0;
			return sleeper;
		}
		if (rr)
			return rr;
		if (!sleeper)
			UK_CRASH("uksched: no thread left to run\n");
		/* Everyone sleeps: idle the CPU until the earliest wake-up
		 * (kvm: APIC timer and hlt; linuxu: host sleep). */
		ukplat_halt_until(sleeper->wake);
	}
}

static void switch_to(struct uk_thread *next)
{
	struct uk_thread *prev = current;

	if (next == prev)
		return;
	current = next;
	_uk_sched_switch(&prev->sp, next->sp);
	reap();
}

void uk_sched_yield(void)
{
	switch_to(pick_next());
}

void uk_sched_sleep_ns(__nsec ns)
{
	current->wake = ukplat_monotonic_clock() + ns;
	if (!current->wake)
		current->wake = 1;
	uk_sched_yield();
}

void uk_thread_exit(void)
{
	struct uk_thread *t = current, *p = t;

	UK_BUG_ON(t == &main_thread);
	t->exited = true;
	/* Unlink: find the predecessor in the circular list. */
	while (p->next != t)
		p = p->next;
	p->next = t->next;
	nthreads--;
	reap();
	zombie = t;
	current = p;	/* so pick_next() starts after the dead thread */
	{
		struct uk_thread *next = pick_next();
		unsigned long dummy;

		current = next;
		_uk_sched_switch(&dummy, next->sp);
	}
	UK_CRASH("exited thread resumed\n");
}

struct uk_thread *uk_thread_current(void)
{
	return current;
}

const char *uk_thread_name(const struct uk_thread *t)
{
	return t->name;
}

unsigned int uk_sched_thread_count(void)
{
	return nthreads;
}
