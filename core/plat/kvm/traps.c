/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU exceptions: an IDT with the 32 exception vectors, all taken on a
 * separate stack (TSS IST1) so even a fault with a broken RSP is
 * reported. The handler prints the vector, error code, RIP, RSP,
 * RFLAGS, CR2 (page faults), every general register, the faulting
 * symbol and a frame-pointer backtrace, then stops with UK_CRASH_STATUS.
 * Nothing is resumed: an exception in uknf is always a bug.
 * Two interrupt vectors besides: the local APIC timer and its spurious
 * vector (lapic.c), on a stack of their own (IST2).
 */
#include <uk/essentials.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/symbol.h>
#include <uk/arch/io.h>
#include "kvm.h"

/* 8259A interrupt mask registers (OCW1) of the master and slave PIC */
#define PIC1_IMR	0x21
#define PIC2_IMR	0xa1

#define KVM_TRAP_STACK_SIZE	16384
#define IDT_TYPE_INTR		0x8e	/* present, DPL 0, 64-bit intr gate */
#define TSS_TYPE_AVAIL		0x89	/* present, 64-bit TSS (available) */

/* The frame built by trap_entry.S, lowest address first. */
struct kvm_regs {
	__u64 r15, r14, r13, r12, r11, r10, r9, r8;
	__u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	__u64 vector, error;
	__u64 rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};

/* SDM vol. 3A, 6.14.1: 64-bit IDT gate descriptor */
struct idt_gate {
	__u16 offset_lo;
	__u16 selector;
	__u8 ist;
	__u8 type;
	__u16 offset_mid;
	__u32 offset_hi;
	__u32 reserved;
} __packed;

/* SDM vol. 3A, 7.7: 64-bit TSS */
struct tss64 {
	__u32 reserved0;
	__u64 rsp[3];
	__u64 reserved1;
	__u64 ist[7];
	__u64 reserved2;
	__u16 reserved3;
	__u16 iomap_base;
} __packed;

struct desc_ptr {
	__u16 limit;
	__u64 base;
} __packed;

extern const __u64 kvm_trap_stubs[32];

/* Vectors 0x20.. not listed below stay not present (a #NP if raised). */
static struct idt_gate idt[KVM_IDT_VECTORS] __align(16);
static struct tss64 tss __align(16);
static __u8 trap_stack[KVM_TRAP_STACK_SIZE] __align(16);
/* The timer stubs push one register: their IST2 stack leaves the
 * interrupted stack (and its red zone) untouched. */
static __u8 irq_stack[256] __align(16);
static int in_trap;

static const char *const vector_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved (15)",
	"#MF x87 FPU error", "#AC alignment check", "#MC machine check",
	"#XM SIMD floating point", "#VE virtualization",
	"#CP control protection", "reserved (22)", "reserved (23)",
	"reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"#HV hypervisor injection", "#VC VMM communication",
	"#SX security", "reserved (31)",
};

void kvm_idt_set(unsigned int vector, __u64 fn, __u8 ist)
{
	idt[vector].offset_lo = fn & 0xffff;
	idt[vector].selector = KVM_GDT_CODE;
	idt[vector].ist = ist;
	idt[vector].type = IDT_TYPE_INTR;
	idt[vector].offset_mid = (fn >> 16) & 0xffff;
	idt[vector].offset_hi = fn >> 32;
}

/* IDT and TSS are complete before the CPU is told about them. */
void kvm_traps_init(void)
{
	__u64 base = (__u64)&tss;
	__u32 limit = sizeof(tss) - 1;
	struct desc_ptr idtr;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kvm_trap_stubs); i++)
		kvm_idt_set(i, kvm_trap_stubs[i], 1);
	tss.ist[0] = (__u64)(trap_stack + sizeof(trap_stack));
	tss.ist[1] = (__u64)(irq_stack + sizeof(irq_stack));
	tss.iomap_base = sizeof(tss);	/* no I/O permission bitmap */
	/* 16-byte system descriptor in slots 3 and 4 (SDM 7.2.3) */
	kvm_gdt[KVM_GDT_TSS / 8] = (limit & 0xffff) |
		((base & 0xffffff) << 16) | ((__u64)TSS_TYPE_AVAIL << 40) |
		((__u64)(limit >> 16) << 48) | (((base >> 24) & 0xff) << 56);
	kvm_gdt[KVM_GDT_TSS / 8 + 1] = base >> 32;

	__asm__ __volatile__("ltr %w0" : : "r"(KVM_GDT_TSS));
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (__u64)idt;
	__asm__ __volatile__("lidt %0" : : "m"(idtr));

	/* The kernel runs with interrupts off (on only inside
	 * ukplat_halt_until()'s hlt, for the APIC timer), but the BIOS
	 * leaves the PIT's 18.2 Hz tick unmasked at the PIC: it would
	 * wake every halt and arrive on an exception vector (the BIOS
	 * maps IRQ 0 to vector 8). Mask every legacy line.
	 */
	outb(PIC1_IMR, 0xff);
	outb(PIC2_IMR, 0xff);
}

#define PTE_P		(1ULL << 0)
#define PTE_RW		(1ULL << 1)
#define PAGE_SHIFT	12
#define LPAGE_SHIFT	21	/* 2 MiB */
#define PT_ENTRIES	512

/* entry.S maps the first 2 MiB with 4 KiB pages (kvm_pt0) and the rest
 * with 2 MiB pages; the 2 MiB page holding the guard is split with
 * kvm_pt_guard if it is not the first. */
void kvm_stack_guard_init(void)
{
	uintptr_t guard = (uintptr_t)kvm_stack_guard;
	uintptr_t lpage = guard >> LPAGE_SHIFT;
	__u64 *pt = kvm_pt0;
	unsigned int i;

	if (lpage) {
		pt = kvm_pt_guard;
		for (i = 0; i < PT_ENTRIES; i++)
			pt[i] = ((__u64)lpage << LPAGE_SHIFT) |
				((__u64)i << PAGE_SHIFT) | PTE_P | PTE_RW;
		kvm_pd[lpage] = (uintptr_t)pt | PTE_P | PTE_RW;
	}
	pt[(guard >> PAGE_SHIFT) % PT_ENTRIES] = 0;
	__asm__ __volatile__("mov %%cr3, %%rax; mov %%rax, %%cr3"
			     : : : "rax", "memory");
}

static void print_symbol(const char *label, __u64 addr)
{
	const char *name;
	uintptr_t off;

	name = ukplat_symbol_lookup(addr, &off);
	if (name)
		uk_printk("%s %016lx <%s+0x%lx>\n", label, (unsigned long)addr,
			  name, (unsigned long)off);
	else
		uk_printk("%s %016lx\n", label, (unsigned long)addr);
}

#define REG(name)	{ #name, offsetof(struct kvm_regs, name) }
static const struct {
	const char *name;
	size_t off;
} reg_layout[] = {
	REG(rax), REG(rbx), REG(rcx), REG(rdx), REG(rsi), REG(rdi),
	REG(rbp), REG(rsp), REG(r8), REG(r9), REG(r10), REG(r11),
	REG(r12), REG(r13), REG(r14), REG(r15), REG(rflags), REG(cs),
	REG(ss),
};

/* Three registers per line, in the order of the table above. */
static void dump_regs(const struct kvm_regs *r)
{
	unsigned int i;
	__u64 v;

	for (i = 0; i < ARRAY_SIZE(reg_layout); i++) {
		v = *(const __u64 *)((const char *)r + reg_layout[i].off);
		uk_printk("%-6s %016lx%s", reg_layout[i].name,
			  (unsigned long)v,
			  (i % 3 == 2 || i + 1 == ARRAY_SIZE(reg_layout)) ?
			  "\n" : "  ");
	}
}

void kvm_trap_handler(struct kvm_regs *r) __noreturn;

void kvm_trap_handler(struct kvm_regs *r)
{
	__u64 cr2;

	/* A fault while reporting one: stop without printing again. */
	if (in_trap++)
		ukplat_terminate(UK_CRASH_STATUS);

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(cr2));
	uk_printk("\n*** CPU exception %lu: %s, error code 0x%lx\n",
		  (unsigned long)r->vector,
		  vector_names[r->vector & 31], (unsigned long)r->error);
	print_symbol("RIP", r->rip);
	if (r->vector == 14)
		uk_printk("CR2 %016lx (%s, %s%s)%s\n", (unsigned long)cr2,
			  r->error & 1 ? "protection" : "not present",
			  r->error & 2 ? "write" : "read",
			  r->error & 16 ? ", instruction fetch" : "",
			  (cr2 >= (uintptr_t)kvm_stack_guard &&
			   cr2 < (uintptr_t)kvm_stack_bottom) ?
			  ": STACK OVERFLOW (CONFIG_KVM_STACK_SIZE_KB)" : "");
	dump_regs(r);
	/* RIP's own frame is not on the chain: its callers are */
	ukplat_backtrace(r->rbp);
	ukplat_terminate(UK_CRASH_STATUS);
}
