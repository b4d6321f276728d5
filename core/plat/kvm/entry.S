/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86_64 entry: from the multiboot loader (32-bit protected mode,
 * paging off, EAX = 0x2BADB002, EBX = multiboot info) to C in long mode.
 *
 *   1. record the TSC, the magic and the info pointer
 *   2. identity page tables with 2 MiB pages (CONFIG_KVM_MAP_GB GiB),
 *      except page 0, unmapped to catch NULL pointers
 *   3. PAE, EFER.LME, paging (+ CR0.MP, CR0.EM cleared for SSE)
 *   4. 64-bit GDT, far jump to 64-bit code
 *   5. data segments, CR4.OSFXSR|OSXMMEXCPT (SSE on), stack, _kvm_start()
 *
 * Intel SDM vol. 3A, 9.8.5 "Initializing IA-32e Mode".
 */
#include "kvm.h"

#define CR0_PE		(1 << 0)
#define CR0_MP		(1 << 1)
#define CR0_EM		(1 << 2)
#define CR0_NE		(1 << 5)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_OSFXSR	(1 << 9)
#define CR4_OSXMMEXCPT	(1 << 10)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define PTE_P		(1 << 0)
#define PTE_RW		(1 << 1)
#define PTE_PS		(1 << 7)	/* 2 MiB page in a PD entry */

/* Multiboot header: page-aligned modules, memory info, and the a.out
 * fields (flag 16) since QEMU only loads 32-bit ELFs otherwise. */
#define MB_FLAGS	((1 << 0) | (1 << 1) | (1 << 16))

	.section .multiboot, "a"
	.balign 4
_kvm_mb_header:
	.long	MULTIBOOT_HEADER_MAGIC
	.long	MB_FLAGS
	.long	-(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)
	.long	_kvm_mb_header		/* header_addr */
	.long	_kvm_image_start	/* load_addr */
	.long	_kvm_load_end		/* load_end_addr */
	.long	_kvm_image_end		/* bss_end_addr */
	.long	_kvm_entry32		/* entry_addr */

	.section .text.boot, "ax"
	.code32
	.globl	_kvm_entry32
	.type	_kvm_entry32, @function
_kvm_entry32:
	cli
	cld
	movl	%eax, kvm_mb_magic
	movl	%ebx, kvm_mb_info
	rdtsc
	movl	%eax, kvm_entry_tsc
	movl	%edx, kvm_entry_tsc + 4

	/* PD entry j maps [j << 21, (j + 1) << 21); high dword j >> 11. */
	movl	$kvm_pd, %edi
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_RW | PTE_PS), %eax
	movl	%eax, (%edi, %ecx, 8)
	movl	%ecx, %eax
	shrl	$11, %eax
	movl	%eax, 4(%edi, %ecx, 8)
	incl	%ecx
	cmpl	$(CONFIG_KVM_MAP_GB * 512), %ecx
	jb	1b

	/* The first 2 MiB in 4 KiB pages, page 0 left out so that NULL
	 * dereferences fault. */
	movl	$kvm_pt0, %edi
	movl	$1, %ecx
2:	movl	%ecx, %eax
	shll	$12, %eax
	orl	$(PTE_P | PTE_RW), %eax
	movl	%eax, (%edi, %ecx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	2b
	movl	$(kvm_pt0 + PTE_P + PTE_RW), kvm_pd

	/* PDPT entry i -> PD page i; PML4 entry 0 -> PDPT. */
	movl	$kvm_pdpt, %edi
	movl	$(kvm_pd + PTE_P + PTE_RW), %eax
	xorl	%ecx, %ecx
3:	movl	%eax, (%edi, %ecx, 8)
	addl	$4096, %eax
	incl	%ecx
	cmpl	$CONFIG_KVM_MAP_GB, %ecx
	jb	3b
	movl	$(kvm_pdpt + PTE_P + PTE_RW), kvm_pml4

	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$kvm_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	andl	$~CR0_EM, %eax
	orl	$(CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG), %eax
	movl	%eax, %cr0

	lgdt	kvm_gdt_ptr
	ljmp	$KVM_GDT_CODE, $_kvm_entry64

	.code64
_kvm_entry64:
	movl	$KVM_GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs

	movq	%cr4, %rax
	orq	$(CR4_OSFXSR | CR4_OSXMMEXCPT), %rax
	movq	%rax, %cr4

	leaq	kvm_stack_top(%rip), %rsp
	xorl	%ebp, %ebp		/* end of the frame-pointer chain */
	call	_kvm_start
4:	cli
	hlt
	jmp	4b
	.size	_kvm_entry32, . - _kvm_entry32

	.section .data.kvm_boot, "aw"
	.balign 8
	.globl	kvm_entry_tsc, kvm_mb_magic, kvm_mb_info, kvm_gdt
kvm_entry_tsc:
	.quad	0
kvm_mb_magic:
	.long	0
kvm_mb_info:
	.long	0
	.balign 16
kvm_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* KVM_GDT_CODE: 64-bit code, DPL 0 */
	.quad	0x00cf92000000ffff	/* KVM_GDT_DATA: data, DPL 0 */
	.quad	0, 0			/* KVM_GDT_TSS: filled by traps.c */
kvm_gdt_end:
kvm_gdt_ptr:
	.word	kvm_gdt_end - kvm_gdt - 1
	.quad	kvm_gdt

	.section .bss.kvm_boot, "aw", @nobits
	.balign 4096
	.globl	kvm_pd, kvm_pt0, kvm_pt_guard
kvm_pml4:
	.skip	4096
kvm_pdpt:
	.skip	4096
kvm_pd:
	.skip	4096 * CONFIG_KVM_MAP_GB
kvm_pt0:
	.skip	4096
kvm_pt_guard:				/* see kvm_stack_guard_init() */
	.skip	4096
	.globl	kvm_stack_guard, kvm_stack_bottom, kvm_stack_top
kvm_stack_guard:			/* unmapped: catches stack overflows */
	.skip	4096
kvm_stack_bottom:
	.skip	CONFIG_KVM_STACK_SIZE_KB * 1024
kvm_stack_top:

	.section .note.GNU-stack, "", @progbits
