/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot sequence after the platform's own set-up; see <uk/init.h>.
 */
#include <errno.h>
#include <stdlib.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/ctors.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/memory.h>
#include <uk/plat/time.h>

extern int main(int argc, char *argv[]);

/* Compiler constructors; bounds from the (default or kvm) linker script. */
typedef void (*init_array_fn)(void);
extern const init_array_fn __init_array_start[];
extern const init_array_fn __init_array_end[];

/* The largest region becomes the heap, the others are added to it. */
static void heap_setup(void)
{
	struct ukplat_memregion_desc md, best = { 0 };
	struct uk_alloc *a;
	int i, n = ukplat_memregion_count();

	for (i = 0; i < n; i++)
		if (!ukplat_memregion_get(i, &md) && md.len > best.len)
			best = md;
	a = best.len ? uk_heap_init(best.base, best.len) : NULL;
	if (!a)
		UK_CRASH("no usable memory region for the heap\n");
	for (i = 0; i < n; i++)
		if (!ukplat_memregion_get(i, &md) && md.base != best.base)
			uk_alloc_addmem(a, md.base, md.len);
	uk_alloc_set_default(a);
	uk_pr_info("heap: %zu KiB in %d region(s)\n",
		   uk_alloc_availmem(a) >> 10, n);
}

static void run_ctors(void)
{
	const uk_ctor_func_t *c;
	const init_array_fn *f;

	for (c = __uk_ctortab_start; c < __uk_ctortab_end; c++) {
		uk_pr_debug("ctor %p\n", *c);
		(*c)();
	}
	for (f = __init_array_start; f < __init_array_end; f++)
		(*f)();
}

static void run_inits(void)
{
	const uk_init_func_t *fn;
	int rc;

	for (fn = __uk_inittab_start; fn < __uk_inittab_end; fn++) {
		uk_pr_debug("init %p\n", *fn);
		rc = (*fn)();
		if (rc < 0) {
			uk_pr_crit("init function %p failed: %d\n", *fn, rc);
			ukplat_terminate(UK_CRASH_STATUS);
		}
	}
}

void ukplat_entry(int argc, char *argv[])
{
	int app_argc, rc;
	char **app_argv;
	__nsec t;

	uk_libc_init();
	heap_setup();
#if CONFIG_LIBUKBOOT_BANNER
	uk_printk("uknf - high-performance network functions\n");
#endif
	run_ctors();
	rc = uk_libparam_parse(argc, argv, &app_argc, &app_argv);
	if (rc == -ECANCELED)	/* `help` was asked for */
		ukplat_terminate(0);
	if (rc < 0)
		ukplat_terminate(UK_LIBPARAM_EXIT_STATUS);
	run_inits();

	/* Boot cost, one line at info level (bench/run boot reads it; with
	 * QEMU's -icount shift=0 one guest ns is one instruction). */
	t = ukplat_monotonic_clock() - ukplat_boot_entry_time();
	uk_pr_info("boot: kernel entry to main() in %lu.%06lu ms\n",
		   (unsigned long)(t / 1000000),
		   (unsigned long)(t % 1000000));
	rc = main(app_argc, app_argv);
	uk_pr_info("main() returned %d\n", rc);
	if (rc < 0 || rc > 127) {
		uk_pr_warn("exit status %d out of 0..127, using 1\n", rc);
		rc = 1;
	}
#if CONFIG_HAVE_LIBC
	exit(rc);	/* the libc's exit: atexit handlers, stdio flushed */
#else
	ukplat_terminate(rc);
#endif
}
