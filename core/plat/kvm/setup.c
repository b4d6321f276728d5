/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86_64 platform set-up, in boot order. entry.S has already
 * switched to long mode with SSE on and the boot stack; from here:
 *
 *   console (COM1) -> exceptions (IDT, IST stack) -> stack guard page
 *   -> TSC calibration, APIC timer (one-shot, for halts), CMOS RTC
 *   -> multiboot memory map and command line -> argv -> ukplat_entry()
 */
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/libparam.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/tls.h>
#include <uk/plat/time.h>
#include "kvm.h"

#ifdef CONFIG_LIBUKBOOT_MAXNBARGS
#define KVM_MAX_ARGS	CONFIG_LIBUKBOOT_MAXNBARGS
#else
#define KVM_MAX_ARGS	64
#endif

static char *argv[KVM_MAX_ARGS + 1];

void _kvm_start(void) __noreturn;

void _kvm_start(void)
{
	int argc;

	kvm_serial_init();
	kvm_traps_init();
	kvm_stack_guard_init();
	if (kvm_mb_magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		uk_printk("kvm: not started by a multiboot loader\n");
		ukplat_terminate(1);
	}
	kvm_time_init();
	uk_pr_debug("kvm: TSC %lu Hz; kernel entered %lu us after TSC 0\n",
		    (unsigned long)ukplat_cycles_hz(),
		    (unsigned long)(kvm_entry_tsc /
				    (ukplat_cycles_hz() / 1000000 + 1)));
	kvm_multiboot_init();

	/* argv[0] is the image name; the command line follows */
	argv[0] = CONFIG_UK_NAME;
	argc = uk_argnparse(kvm_multiboot_cmdline(), &argv[1],
			    KVM_MAX_ARGS - 1);
	if (argc < 0) {
		uk_printk("kvm: more than %d command-line words\n",
			  KVM_MAX_ARGS - 1);
		ukplat_terminate(1);
	}
	argv[argc + 1] = NULL;
	ukplat_entry(argc + 1, argv);
}

#define MSR_FS_BASE	0xc0000100	/* the thread pointer, %fs base */

int ukplat_tlsp_set(void *tlsp)
{
	wrmsr(MSR_FS_BASE, (__u64)(uintptr_t)tlsp);
	return 0;
}
