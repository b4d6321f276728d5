/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Halting until a deadline: the local APIC timer in one-shot mode, the
 * one interrupt the kernel takes (the 8259 PIC stays fully masked).
 *
 * At boot the timer's rate is measured against the TSC clock (time.c)
 * over KVM_LAPIC_CALIB_NS. ukplat_halt_until() arms the timer for the
 * time left, then runs `sti; hlt; cli` in one asm statement: interrupts
 * are enabled only across that hlt (sti delays them by one instruction,
 * so a timer that already expired wakes the hlt at once). The handler
 * (trap_entry.S) runs on its own IST stack and only writes the EOI
 * register, so the interrupted code's stack (its red zone included) is
 * never written and no register changes. The loop re-arms until the
 * clock reaches the deadline: a long wait aims 1/64 early (a rate
 * error then never makes it late) and one or two more halts cover the
 * rest; never a busy spin (unless the timer does not count at all:
 * then, warned at boot, a sleep polls the clock).
 *
 * Intel SDM vol. 3A, 11.4 (APIC base), 11.5.4 (APIC timer), 11.9
 * (spurious interrupt).
 */
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/time.h>
#include "kvm.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1ULL << 11)
#define APIC_BASE_MASK		0xfffff000ULL

/* Register offsets in the xAPIC page */
#define APIC_TPR		0x080
#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0
#define APIC_LVT_TIMER		0x320
#define APIC_TIMER_INIT		0x380
#define APIC_TIMER_CUR		0x390
#define APIC_TIMER_DIV		0x3e0

#define APIC_SVR_ENABLE		(1 << 8)
/* LVT timer: bit 16 masks; mode bits 17-18 clear mean one-shot */
#define APIC_LVT_MASKED		(1 << 16)
#define APIC_DIV_1		0x0b

/* Page-table bits for the APIC's 2 MiB page: uncached, as MMIO wants */
#define PTE_PWT			(1ULL << 3)
#define PTE_PCD			(1ULL << 4)
#define LPAGE_SHIFT		21

#define KVM_LAPIC_CALIB_NS	2000000ULL	/* 2 ms at boot */
/* A wait longer than this aims 1/64 early, then halts again for the
 * rest: the measured rate is off by up to ~0.3% on a loaded TCG host
 * (seen), which would make a 100 ms sleep 0.3 ms late; the extra,
 * short halt's own error is that fraction of 1/64 of it. */
#define KVM_HALT_AIM_EARLY_NS	200000ULL
#define MULT_SHIFT		32

/* Address of the EOI register, for the interrupt stub */
volatile __u32 *kvm_lapic_eoi;

static volatile __u32 *apic;
static __u64 count_mult;	/* counts per ns << MULT_SHIFT; 0: no timer */

static inline __u32 apic_read(unsigned int reg)
{
	return apic[reg / 4];
}

static inline void apic_write(unsigned int reg, __u32 v)
{
	apic[reg / 4] = v;
}

/* The clock, then the timer's count: one code path for both ends of
 * the calibration, so their delays cancel. */
static __noinline void sample(__nsec *t, __u32 *count)
{
	*t = ukplat_monotonic_clock();
	*count = apic_read(APIC_TIMER_CUR);
}

/* @return timer counts per second (divide by 1), against the TSC clock */
static __u64 lapic_timer_hz(void)
{
	__nsec t0, t1;
	__u32 c0, c1;

	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | KVM_VEC_TIMER);
	apic_write(APIC_TIMER_INIT, 0xffffffff);
	/* A first sample unmeasured: under TCG the first run of the
	 * code translates it (~10 us, 0.5% of the window, seen). */
	sample(&t0, &c0);
	sample(&t0, &c0);
	do {
		t1 = ukplat_monotonic_clock();
	} while (t1 - t0 < KVM_LAPIC_CALIB_NS);
	sample(&t1, &c1);
	apic_write(APIC_TIMER_INIT, 0);	/* stop */
	if (c1 >= c0)
		return 0;
	return (__u64)(c0 - c1) * UKPLAT_NSEC_PER_SEC / (t1 - t0);
}

/* Set up on the first sleep, not at boot: images that never sleep (the
 * NF fast path) neither pay the calibration nor link this file. */
static void lapic_init(void)
{
	__u64 base = rdmsr(MSR_APIC_BASE);
	__u64 hz;

	/* The timer's vectors, on the IST2 stack traps.c set up. */
	kvm_idt_set(KVM_VEC_TIMER, (__u64)kvm_irq_timer, 2);
	kvm_idt_set(KVM_VEC_SPURIOUS, (__u64)kvm_irq_spurious, 2);
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	base &= APIC_BASE_MASK;
	/* The identity map covers it (below 4 GiB); make it uncached */
	kvm_pd[base >> LPAGE_SHIFT] |= PTE_PCD | PTE_PWT;
	__asm__ __volatile__("invlpg (%0)" : : "r"(base) : "memory");
	apic = (volatile __u32 *)(uintptr_t)base;
	kvm_lapic_eoi = &apic[APIC_EOI / 4];

	apic_write(APIC_SVR, APIC_SVR_ENABLE | KVM_VEC_SPURIOUS);
	apic_write(APIC_TPR, 0);	/* accept every priority */
	apic_write(APIC_TIMER_DIV, APIC_DIV_1);
	hz = lapic_timer_hz();
	if (!hz) {
		/* No interrupt would ever end a halt: poll instead. */
		uk_pr_warn("kvm: APIC timer does not count: sleeps poll\n");
		return;
	}
	count_mult = (hz << MULT_SHIFT) / UKPLAT_NSEC_PER_SEC;
	apic_write(APIC_LVT_TIMER, KVM_VEC_TIMER);	/* one-shot */
	uk_pr_debug("kvm: APIC timer %lu Hz\n", (unsigned long)hz);
}

/* @return timer counts for @p ns, one more (never early by rounding),
 * at most 2^32 - 1 (the loop re-arms for the rest) */
static __u32 ns_to_count(__nsec ns)
{
	unsigned __int128 c = ((unsigned __int128)ns * count_mult) >>
			      MULT_SHIFT;

	return c >= 0xffffffffU ? 0xffffffffU : (__u32)c + 1;
}

void ukplat_halt_until(__nsec deadline)
{
	static int ready;
	__nsec now, left;

	if (unlikely(!ready)) {
		lapic_init();
		ready = 1;
	}

	while ((now = ukplat_monotonic_clock()) < deadline) {
		if (!count_mult) {
			/* No working timer (lapic_init() said so) */
			__asm__ __volatile__("pause");
			continue;
		}
		left = deadline - now;
		if (left > KVM_HALT_AIM_EARLY_NS)
			left -= left / 64;
		apic_write(APIC_TIMER_INIT, ns_to_count(left));
		/* The only window with interrupts on: see the top. */
		__asm__ __volatile__("sti; hlt; cli" : : : "memory");
	}
}
