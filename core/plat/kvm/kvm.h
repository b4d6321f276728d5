/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86_64 platform internals shared by its files (not a public API).
 */
#ifndef __KVM_H__
#define __KVM_H__

/* GDT selectors (entry.S builds the GDT; traps.c fills the TSS slot). */
#define KVM_GDT_CODE	0x08
#define KVM_GDT_DATA	0x10
#define KVM_GDT_TSS	0x18

/* Interrupt vectors above the 32 exceptions (lapic.c). The 8259 stays
 * masked, so nothing else arrives there. */
#define KVM_VEC_TIMER		0x20	/* local APIC timer */
#define KVM_VEC_SPURIOUS	0x2f
#define KVM_IDT_VECTORS		0x30

/* Multiboot v1 (Multiboot Specification 0.6.96, section 3.1.1) */
#define MULTIBOOT_HEADER_MAGIC		0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002

#ifndef __ASSEMBLY__
#include <uk/essentials.h>

/* Written by entry.S before anything else runs. */
extern __u64 kvm_entry_tsc;
extern __u32 kvm_mb_magic;
extern __u32 kvm_mb_info;
extern __u64 kvm_gdt[];
extern char _kvm_image_start[], _kvm_image_end[], _etext[];
extern char kvm_stack_guard[], kvm_stack_bottom[], kvm_stack_top[];
extern __u64 kvm_pd[], kvm_pt0[], kvm_pt_guard[];

static inline __u64 rdmsr(__u32 msr)
{
	__u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((__u64)hi << 32) | lo;
}

static inline void wrmsr(__u32 msr, __u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((__u32)v),
			     "d"((__u32)(v >> 32)));
}

void kvm_serial_init(void);
void kvm_traps_init(void);
/* Point IDT @p vector at @p fn, on TSS stack @p ist (1: traps, 2: irqs). */
void kvm_idt_set(unsigned int vector, __u64 fn, __u8 ist);
/* The APIC timer's interrupt stubs (trap_entry.S). */
extern const char kvm_irq_timer[], kvm_irq_spurious[];
/* Unmap the page below the boot stack. */
void kvm_stack_guard_init(void);
/* Calibrate the TSC clock. (The APIC timer is calibrated at the first
 * ukplat_halt_until(), the RTC read at the first ukplat_wall_clock().) */
void kvm_time_init(void);
/* Parse the multiboot info: memory map and command line. */
void kvm_multiboot_init(void);
/* The command line after the kernel file name (writable copy). */
char *kvm_multiboot_cmdline(void);
#endif /* !__ASSEMBLY__ */

#endif /* __KVM_H__ */
