/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Process entry. The kernel leaves argc at (%rsp), argv right above it;
 * the stack is 16-byte aligned here, so a plain call keeps the ABI.
 */
.text
.globl _start
.type _start, @function
_start:
	xorl	%ebp, %ebp		/* end of the frame-pointer chain */
	movq	(%rsp), %rdi		/* argc */
	leaq	8(%rsp), %rsi		/* argv */
	andq	$-16, %rsp
	call	_linuxu_start
	hlt				/* not reached */
.size _start, . - _start
.section .note.GNU-stack,"",@progbits
