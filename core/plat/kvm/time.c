/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clock: the TSC, scaled to nanoseconds since kernel entry.
 *
 * The TSC rate comes from kvmclock when the hypervisor offers it
 * (CPUID 0x40000000 "KVMKVMKVM", feature CLOCKSOURCE2: the pvclock
 * structure carries the TSC-to-ns factor), otherwise from counting TSC
 * ticks while PIT channel 2 counts down 1 ms, the shortest of five
 * tries. Reading the clock is one
 * rdtsc, a 64x64->128-bit multiply and a shift:
 *   ns = ((tsc - tsc_at_entry) * mult) >> 32,  mult = 2^32 * 1e9 / hz
 */
#include <uk/essentials.h>
#include <uk/arch/io.h>
#include <uk/arch/barrier.h>
#include <uk/arch/cycles.h>
#include <uk/plat/time.h>
#include "kvm.h"

#define PIT_HZ			1193182ULL
#define PIT_CH2			0x42
#define PIT_CMD			0x43
#define PIT_CMD_CH2_MODE0	0xb0	/* channel 2, lo/hi byte, mode 0 */
#define PORT_B			0x61	/* NMI status and control */
#define PORT_B_GATE2		0x01
#define PORT_B_SPEAKER		0x02
#define PORT_B_OUT2		0x20
/* Five windows of 1 ms, the shortest counts: a window during which the
 * host descheduled QEMU (its PIT and the TSC both run on host time)
 * only ever reads long, which on a loaded host made the guest clock run
 * several times slow. One PIT tick (0.84 us) is 0.08% of a window. */
#define CALIB_MS		1
#define CALIB_RUNS		5

#define MULT_SHIFT		32

/* KVM paravirtual clock (Linux Documentation/virt/kvm/x86/msr.rst) */
#define KVM_CPUID_SIGNATURE	0x40000000
#define KVM_CPUID_FEATURES	0x40000001
#define KVM_FEATURE_CLOCKSOURCE2	(1 << 3)
#define MSR_KVM_SYSTEM_TIME_NEW	0x4b564d01

struct pvclock_vcpu_time_info {
	__u32 version;
	__u32 pad0;
	__u64 tsc_timestamp;
	__u64 system_time;
	__u32 tsc_to_system_mul;
	__s8 tsc_shift;
	__u8 flags;
	__u8 pad[2];
} __packed;

static __u64 tsc_hz;
static __u64 tsc_mult;

static void cpuid(__u32 leaf, __u32 *a, __u32 *b, __u32 *c, __u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

/* @return the TSC rate from kvmclock, or 0 without it */
static __u64 tsc_hz_kvmclock(void)
{
	static struct pvclock_vcpu_time_info pv __align(64);
	__u32 a, b, c, d, mul, version;
	__s8 shift;
	__u64 hz;

	cpuid(KVM_CPUID_SIGNATURE, &a, &b, &c, &d);
	/* "KVMKVMKVM\0\0\0" in EBX, ECX, EDX */
	if (b != 0x4b4d564b || c != 0x564b4d56 || d != 0x4d)
		return 0;
	cpuid(KVM_CPUID_FEATURES, &a, &b, &c, &d);
	if (!(a & KVM_FEATURE_CLOCKSOURCE2))
		return 0;

	/* identity mapped: the virtual address is the physical one */
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (__u64)(uintptr_t)&pv | 1);
	do {
		version = UK_READ_ONCE(pv.version);
		mul = pv.tsc_to_system_mul;
		shift = pv.tsc_shift;
		barrier();
	} while ((version & 1) || version != UK_READ_ONCE(pv.version));
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	if (!mul)
		return 0;

	/* ns = ((tsc << shift) * mul) >> 32 (right shift if negative) */
	hz = (UKPLAT_NSEC_PER_SEC << 32) / mul;
	if (shift > 0)
		hz >>= shift;
	else
		hz <<= -shift;
	return hz;
}

/* @return TSC ticks while PIT channel 2 counts down CALIB_MS */
static __u64 tsc_ticks_pit_window(void)
{
	__u16 count = PIT_HZ * CALIB_MS / 1000;
	__u64 t0, t1;
	__u8 b;

	/* gate low, speaker off; program mode 0; gate high starts it */
	b = inb(PORT_B) & ~(PORT_B_SPEAKER | PORT_B_GATE2);
	outb(PORT_B, b);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	outb(PORT_B, b | PORT_B_GATE2);
	t0 = ukarch_cycles();
	while (!(inb(PORT_B) & PORT_B_OUT2))
		;
	t1 = ukarch_cycles();
	outb(PORT_B, b);
	return t1 - t0;
}

/* @return the TSC rate against the PIT: the shortest of CALIB_RUNS
 * windows (interruptions only make a window longer) */
static __u64 tsc_hz_pit(void)
{
	__u64 best = ~0ULL, t;
	int i;

	for (i = 0; i < CALIB_RUNS; i++) {
		t = tsc_ticks_pit_window();
		if (t && t < best)
			best = t;
	}
	return best == ~0ULL ? 0 : best * 1000 / CALIB_MS;
}

void kvm_time_init(void)
{
	tsc_hz = tsc_hz_kvmclock();
	if (!tsc_hz)
		tsc_hz = tsc_hz_pit();
	if (!tsc_hz)
		tsc_hz = 1000000000ULL;	/* keep the clock monotonic */
	tsc_mult = (UKPLAT_NSEC_PER_SEC << MULT_SHIFT) / tsc_hz;
}

__nsec ukplat_monotonic_clock(void)
{
	__u64 delta = ukarch_cycles() - kvm_entry_tsc;

	return (__nsec)(((unsigned __int128)delta * tsc_mult) >> MULT_SHIFT);
}

__u64 ukplat_cycles_hz(void)
{
	return tsc_hz;
}

/* The clock starts at kernel entry (the TSC recorded by entry.S). */
__nsec ukplat_boot_entry_time(void)
{
	return 0;
}
