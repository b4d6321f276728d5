/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process a musl program believes it runs in: one process (pid 1),
 * one thread, root, anonymous memory from the heap, signals raised by the
 * program itself. These are the system calls musl issues on its own
 * (start-up, exit, abort, raise, uname, sysconf); see README.md for the
 * full list and what each does here.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/syscall.h>
#include <uk/plat/bootstrap.h>

#define UKNF_PID	1

UK_SYSCALL_R_DEFINE(int, exit_group, int, status)
{
	ukplat_terminate(status);
}

/* One thread: ending it ends the program. */
UK_SYSCALL_R_DEFINE(int, exit, int, status)
{
	ukplat_terminate(status);
}

UK_SYSCALL_R_DEFINE(int, getpid)
{
	return UKNF_PID;
}

UK_SYSCALL_R_DEFINE(int, getppid)
{
	return 0;
}

UK_SYSCALL_R_DEFINE(int, gettid)
{
	return UKNF_PID;
}

/* musl's start-up records the tid this returns. */
UK_SYSCALL_R_DEFINE(long, set_tid_address, int *, tidptr)
{
	(void)tidptr;
	return UKNF_PID;
}

UK_SYSCALL_R_DEFINE(int, getuid) { return 0; }
UK_SYSCALL_R_DEFINE(int, geteuid) { return 0; }
UK_SYSCALL_R_DEFINE(int, getgid) { return 0; }
UK_SYSCALL_R_DEFINE(int, getegid) { return 0; }

UK_SYSCALL_R_DEFINE(int, sched_yield)
{
	return 0;
}

UK_SYSCALL_R_DEFINE(int, uname, struct utsname *, u)
{
	if (!u)
		return -EFAULT;
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, "uknf");
	strcpy(u->nodename, CONFIG_UK_NAME);
	strcpy(u->release, "0.10");
	strcpy(u->version, "uknf unikernel");
	strcpy(u->machine, "x86_64");
	return 0;
}

/* ---- signals: handlers are remembered; a signal the program raises
 * (raise, abort) runs its handler, is ignored, or, by default, stops
 * the machine as Linux would kill the process. */
#define NSIGNALS 65

/* The kernel's struct sigaction layout (musl's struct k_sigaction). */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned mask[2];
};

static struct k_sigaction actions[NSIGNALS];
static unsigned long blocked;	/* bit sig - 1, as the kernel's mask */
static unsigned long pending;

#define SIGBIT(sig)	(1UL << ((sig) - 1))

/* Signals whose default action does nothing. */
static int default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

/* Act on @p sig now: its handler, nothing, or the default (stop). */
static void sig_act(int sig)
{
	void (*h)(int) = actions[sig].handler;

	if (h == SIG_IGN || (h == SIG_DFL && default_ignored(sig)))
		return;
	if (h == SIG_DFL) {
		uk_pr_crit("signal %d raised, default action: stopping\n",
			   sig);
		ukplat_terminate(sig == SIGABRT ? UK_CRASH_STATUS
				 : 128 + sig);
	}
	h(sig);
}

/* Run the pending signals the mask no longer blocks (musl's raise()
 * blocks every signal around tkill and delivers on unblocking). */
static void deliver_pending(void)
{
	int sig;

	while (pending & ~blocked) {
		sig = __builtin_ctzl(pending & ~blocked) + 1;
		pending &= ~SIGBIT(sig);
		sig_act(sig);
	}
}

static int deliver(int sig)
{
	if (sig == 0)
		return 0;	/* existence check */
	if (sig < 1 || sig >= NSIGNALS)
		return -EINVAL;
	pending |= SIGBIT(sig);
	deliver_pending();
	return 0;
}

UK_SYSCALL_R_DEFINE(int, rt_sigaction, int, sig,
		    const struct k_sigaction *, act, struct k_sigaction *, old,
		    size_t, setsize)
{
	(void)setsize;
	if (sig < 1 || sig >= NSIGNALS || sig == SIGKILL || sig == SIGSTOP)
		return -EINVAL;
	if (old)
		*old = actions[sig];
	if (act)
		actions[sig] = *act;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, rt_sigprocmask, int, how, const unsigned long *, set,
		    unsigned long *, old, size_t, setsize)
{
	(void)setsize;
	if (old)
		*old = blocked;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK:
		blocked |= *set;
		break;
	case SIG_UNBLOCK:
		blocked &= ~*set;
		break;
	case SIG_SETMASK:
		blocked = *set;
		break;
	default:
		return -EINVAL;
	}
	/* SIGKILL and SIGSTOP cannot be blocked. */
	blocked &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	deliver_pending();
	return 0;
}

UK_SYSCALL_R_DEFINE(int, tkill, int, tid, int, sig)
{
	if (tid != UKNF_PID)
		return -ESRCH;
	return deliver(sig);
}

UK_SYSCALL_R_DEFINE(int, tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid != UKNF_PID || tid != UKNF_PID)
		return -ESRCH;
	return deliver(sig);
}

UK_SYSCALL_R_DEFINE(int, kill, int, pid, int, sig)
{
	if (pid != UKNF_PID && pid != 0 && pid != -1)
		return -ESRCH;
	return deliver(sig);
}

/* ---- anonymous memory: whole mappings from the heap ---------------- */
#define PAGE_SIZE 4096UL

struct mapping {
	void *addr;
	size_t len;
	struct mapping *next;
};

static struct mapping *mappings;

UK_SYSCALL_R_DEFINE(void *, mmap, void *, addr, size_t, len, int, prot,
		    int, flags, int, fd, long, off)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct mapping *m;

	(void)addr; (void)prot; (void)off;
	if (!len)
		return ERR2PTR(-EINVAL);
	if (!(flags & MAP_ANONYMOUS) || fd != -1)
		return ERR2PTR(-ENODEV);	/* no file mappings */
	if (flags & MAP_FIXED)
		return ERR2PTR(-ENOMEM);	/* one address space, ours */
	len = ALIGN_UP(len, PAGE_SIZE);
	m = uk_malloc(a, sizeof(*m));
	if (!m)
		return ERR2PTR(-ENOMEM);
	m->addr = uk_memalign(a, PAGE_SIZE, len);
	if (!m->addr) {
		uk_free(a, m);
		return ERR2PTR(-ENOMEM);
	}
	memset(m->addr, 0, len);
	m->len = len;
	m->next = mappings;
	mappings = m;
	return m->addr;
}

/* Only whole mappings can be unmapped (musl maps and unmaps whole). */
UK_SYSCALL_R_DEFINE(int, munmap, void *, addr, size_t, len)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct mapping **pm, *m;

	for (pm = &mappings; (m = *pm); pm = &m->next) {
		if (m->addr != addr)
			continue;
		if (ALIGN_UP(len, PAGE_SIZE) != m->len)
			return -EINVAL;
		*pm = m->next;
		uk_free(a, m->addr);
		uk_free(a, m);
		return 0;
	}
	return -EINVAL;
}

/* One protection for all memory: accepted, nothing changes. */
UK_SYSCALL_R_DEFINE(int, mprotect, void *, addr, size_t, len, int, prot)
{
	(void)addr; (void)len; (void)prot;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, madvise, void *, addr, size_t, len, int, advice)
{
	(void)addr; (void)len; (void)advice;
	return 0;
}

/* No program break: musl's heap is not used, and sbrk callers get
 * ENOMEM as on a system without one. */
UK_SYSCALL_R_DEFINE(long, brk, void *, addr)
{
	(void)addr;
	return 0;
}

/* ---- threads: none besides main ------------------------------------- */

/* musl's x86_64 clone.s, __unmapself.s and vfork.s issue the syscall
 * instruction themselves; these replace them so pthread_create() and
 * posix_spawn() fail cleanly (EAGAIN/ENOSYS) instead. */
int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	(void)fn; (void)stack; (void)flags; (void)arg;
	return -ENOSYS;
}

void __unmapself(void *base, size_t size)
{
	(void)base; (void)size;
	UK_CRASH("__unmapself: threads are not supported\n");
}

int vfork(void)
{
	errno = ENOSYS;
	return -1;
}
