/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * void _uk_sched_switch(unsigned long *save_sp, unsigned long new_sp)
 * Saves the callee-saved registers (SysV ABI) on the current stack,
 * stores the stack pointer in *save_sp, and resumes the thread whose
 * stack pointer is new_sp. A new thread's stack is laid out by sched.c
 * so that this "returns" into _uk_sched_trampoline.
 */
.text
.globl _uk_sched_switch
.type _uk_sched_switch, @function
_uk_sched_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
.size _uk_sched_switch, . - _uk_sched_switch

/* First code of a new thread: r12 = fn, r13 = arg (set up by sched.c). */
.globl _uk_sched_trampoline
.type _uk_sched_trampoline, @function
_uk_sched_trampoline:
	movq	%r13, %rdi
	call	*%r12
	call	uk_thread_exit
.size _uk_sched_trampoline, . - _uk_sched_trampoline
.section .note.GNU-stack,"",@progbits
