/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU exception entry stubs (vectors 0..31). Every stub leaves the same
 * frame, a struct kvm_regs (traps.c), on the exception stack (IST1):
 * the general registers, the vector, the error code (0 when the CPU
 * pushes none) and the CPU's frame (RIP, CS, RFLAGS, RSP, SS).
 * kvm_trap_handler() reports and stops the system; it does not return.
 * Below them, the two interrupt stubs of the local APIC timer.
 */
	.text
	.code64

/* Vectors for which the CPU pushes an error code (SDM vol. 3A, 6.15). */
.macro TRAP_ERR n
	.balign 16
_kvm_trap\n:
	pushq	$\n
	jmp	_kvm_trap_common
.endm
.macro TRAP_NOERR n
	.balign 16
_kvm_trap\n:
	pushq	$0
	pushq	$\n
	jmp	_kvm_trap_common
.endm

TRAP_NOERR 0
TRAP_NOERR 1
TRAP_NOERR 2
TRAP_NOERR 3
TRAP_NOERR 4
TRAP_NOERR 5
TRAP_NOERR 6
TRAP_NOERR 7
TRAP_ERR 8
TRAP_NOERR 9
TRAP_ERR 10
TRAP_ERR 11
TRAP_ERR 12
TRAP_ERR 13
TRAP_ERR 14
TRAP_NOERR 15
TRAP_NOERR 16
TRAP_ERR 17
TRAP_NOERR 18
TRAP_NOERR 19
TRAP_NOERR 20
TRAP_ERR 21
TRAP_NOERR 22
TRAP_NOERR 23
TRAP_NOERR 24
TRAP_NOERR 25
TRAP_NOERR 26
TRAP_NOERR 27
TRAP_NOERR 28
TRAP_ERR 29
TRAP_ERR 30
TRAP_NOERR 31

	.type	_kvm_trap_common, @function
_kvm_trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %rdi
	xorl	%ebp, %ebp		/* the dump walks the faulting chain */
	andq	$-16, %rsp
	call	kvm_trap_handler
1:	cli
	hlt
	jmp	1b
	.size	_kvm_trap_common, . - _kvm_trap_common

/*
 * The local APIC timer (lapic.c): it only wakes a hlt, so the stub just
 * signals end of interrupt. It runs on IST2 and saves the one register
 * it uses: nothing of the interrupted code changes. A section of their
 * own: an image that never sleeps drops them (--gc-sections).
 */
	.section .text.kvm_irq, "ax", @progbits
	.balign 16
	.globl	kvm_irq_timer
	.type	kvm_irq_timer, @function
kvm_irq_timer:
	pushq	%rax
	movq	kvm_lapic_eoi(%rip), %rax
	movl	$0, (%rax)
	popq	%rax
	iretq
	.size	kvm_irq_timer, . - kvm_irq_timer

/* A spurious APIC interrupt takes no EOI (SDM vol. 3A, 11.9). */
	.balign 16
	.globl	kvm_irq_spurious
	.type	kvm_irq_spurious, @function
kvm_irq_spurious:
	iretq
	.size	kvm_irq_spurious, . - kvm_irq_spurious

/* Stub addresses for the IDT, indexed by vector. */
	.section .rodata
	.balign 8
	.globl	kvm_trap_stubs
kvm_trap_stubs:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	_kvm_trap\n
	.endr

	.section .note.GNU-stack, "", @progbits
