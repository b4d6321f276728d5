/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>
#include <uk/ctors.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/plat/time.h>
#include <uk/test.h>

/* ---- ctor and init order: each records its turn ---- */
static char order[16];
static unsigned int norder;

static void ctor_late(void) { order[norder++] = 'c'; }
static void ctor_early(void) { order[norder++] = 'a'; }
static void ctor_mid(void) { order[norder++] = 'b'; }
UK_CTOR_PRIO(ctor_late, 8);
UK_CTOR_PRIO(ctor_early, 0);
UK_CTOR_PRIO(ctor_mid, 4);

static int init_lib(void) { order[norder++] = 'L'; return 0; }
static int init_early(void) { order[norder++] = 'E'; return 0; }
static int init_plat(void) { order[norder++] = 'P'; return 0; }
uk_lib_initcall_prio(init_lib, 0);
uk_early_initcall_prio(init_early, 0);
uk_plat_initcall_prio(init_plat, 0);

UK_TESTCASE(ukboot, ctors_then_inits_in_priority_order)
{
	/* Tests run at the late class, after all of the above. */
	UK_TEST_EXPECT_SNUM_EQ(norder, 6);
	UK_TEST_EXPECT_BYTES_EQ(order, "abcEPL", 6);
}

/* ---- command line ---- */
static long t_int = 5;
static unsigned long t_uint = 6;
static const char *t_str = "default";
static bool t_bool;
UK_LIBPARAM_INT("test.int", t_int, "test integer");
UK_LIBPARAM_UINT("test.uint", t_uint, "test unsigned");
UK_LIBPARAM_STR("test.str", t_str, "test string");
UK_LIBPARAM_BOOL("test.bool", t_bool, "test boolean");

static int parse(char *line, int *app_argc, char ***app_argv,
		 char *argv[16])
{
	int argc = uk_argnparse(line, argv, 16);

	if (argc < 0)
		return argc;
	return uk_libparam_parse(argc, argv, app_argc, app_argv);
}

UK_TESTCASE(ukboot, argnparse_splits_and_unquotes)
{
	char line[] = "  prog a\t\"b c\"  d\"e f\"g ";
	char *argv[8];

	UK_TEST_ASSERT(uk_argnparse(line, argv, 8) == 4);
	UK_TEST_EXPECT(!strcmp(argv[0], "prog"));
	UK_TEST_EXPECT(!strcmp(argv[1], "a"));
	UK_TEST_EXPECT(!strcmp(argv[2], "b c"));
	UK_TEST_EXPECT(!strcmp(argv[3], "de fg"));
}

UK_TESTCASE(ukboot, argnparse_limits)
{
	char line[] = "a b c d";
	char empty[] = "   ";
	char *argv[3];

	UK_TEST_EXPECT_SNUM_EQ(uk_argnparse(line, argv, 3), -E2BIG);
	UK_TEST_EXPECT_SNUM_EQ(uk_argnparse(empty, argv, 3), 0);
}

UK_TESTCASE(ukboot, params_before_separator_args_after)
{
	char line[] = "img test.int=-12 test.uint=0x10 test.str=hello "
		      "test.bool=yes -- x=1 y";
	char *argv[16], **app_argv;
	int app_argc;

	UK_TEST_ASSERT(parse(line, &app_argc, &app_argv, argv) == 0);
	UK_TEST_EXPECT_SNUM_EQ(t_int, -12);
	UK_TEST_EXPECT_UNUM_EQ(t_uint, 16);
	UK_TEST_EXPECT(!strcmp(t_str, "hello"));
	UK_TEST_EXPECT(t_bool);
	UK_TEST_ASSERT(app_argc == 3);
	UK_TEST_EXPECT(!strcmp(app_argv[0], "img"));
	UK_TEST_EXPECT(!strcmp(app_argv[1], "x=1"));
	UK_TEST_EXPECT(!strcmp(app_argv[2], "y"));
}

UK_TESTCASE(ukboot, no_separator_means_all_app_args)
{
	char line[] = "img test.int=3 z";
	char *argv[16], **app_argv;
	int app_argc;

	t_int = 5;
	UK_TEST_ASSERT(parse(line, &app_argc, &app_argv, argv) == 0);
	UK_TEST_EXPECT_SNUM_EQ(app_argc, 3);
	UK_TEST_EXPECT_SNUM_EQ(t_int, 5);
}

UK_TESTCASE(ukboot, bad_params_are_rejected)
{
	char l1[] = "img nosuch.param=1 --";
	char l2[] = "img test.int=12abc --";
	char l3[] = "img test.uint=-1 --";
	char l4[] = "img test.bool=maybe --";
	char l5[] = "img novalue --";
	char l6[] = "img test.int= --";
	char *argv[16], **app_argv;
	int app_argc;

	UK_TEST_EXPECT_SNUM_EQ(parse(l1, &app_argc, &app_argv, argv),
			       -ENOENT);
	UK_TEST_EXPECT_SNUM_EQ(parse(l2, &app_argc, &app_argv, argv),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(parse(l3, &app_argc, &app_argv, argv),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(parse(l4, &app_argc, &app_argv, argv),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(parse(l5, &app_argc, &app_argv, argv),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(parse(l6, &app_argc, &app_argv, argv),
			       -EINVAL);
}

/* ---- clock ---- */
UK_TESTCASE(ukboot, clock_is_monotonic_and_advances)
{
	__nsec prev = ukplat_monotonic_clock(), now, start = prev;
	__u64 c0 = ukarch_cycles();
	unsigned int i, backwards = 0;

	for (i = 0; i < 100000; i++) {
		now = ukplat_monotonic_clock();
		backwards += now < prev;
		prev = now;
	}
	UK_TEST_EXPECT_UNUM_EQ(backwards, 0);
	UK_TEST_EXPECT_UNUM_GT(prev, start);
	UK_TEST_EXPECT_UNUM_GT(ukarch_cycles(), c0);
	/* Any x86 of this century runs between 100 MHz and 10 GHz. */
	UK_TEST_EXPECT_UNUM_GT(ukplat_cycles_hz(), 100000000ULL);
	UK_TEST_EXPECT_UNUM_LT(ukplat_cycles_hz(), 10000000000ULL);
}

#ifdef CONFIG_PLAT_KVM
#include <uk/arch/io.h>

/* ---- kvm: legacy interrupts masked (the kernel polls) ---- */
UK_TESTCASE(ukboot, kvm_legacy_pic_lines_masked)
{
	/* OCW1 of the master and slave 8259A read back as all ones: no
	 * line (the BIOS's PIT tick included) can leave a request
	 * pending at a CPU that never takes it.
	 */
	UK_TEST_EXPECT_UNUM_EQ(inb(0x21), 0xff);
	UK_TEST_EXPECT_UNUM_EQ(inb(0xa1), 0xff);
}
#endif

uk_testsuite_register(ukboot, NULL);
