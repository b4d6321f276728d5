/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu platform: uknf's core API as a static Linux process.
 * Console is stdout, memory is an mmap'ed heap, time comes from
 * CLOCK_MONOTONIC and the TSC, terminate is exit_group.
 *
 * Initrd: `<image> --initrd FILE [words...]` (the first two words only)
 * maps FILE read-only as the initrd (<uk/plat/initrd.h>); the words are
 * removed before the kernel parameters are parsed. A FILE that cannot
 * be read stops the process with one line and status 2.
 */
#include <uk/essentials.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/tls.h>
#include <uk/plat/console.h>
#include <uk/plat/memory.h>
#include <uk/plat/initrd.h>
#include <uk/plat/time.h>
#include <uk/plat/linuxu/heap.h>
#include <uk/plat/linuxu/syscall.h>

static void *heap_base;
static size_t heap_len;
static int heap_fd = -1;
static __nsec boot_time;
static __u64 cycles_hz;
static char cmdline[4096];
static const void *initrd_base;
static size_t initrd_len;

#define LINUXU_NR_lseek		8
#define LINUXU_SEEK_END		2
#define LINUXU_O_RDONLY		0

int ukplat_coutk(const char *buf, unsigned int len)
{
	unsigned int done = 0;
	long r;

	while (done < len) {
		r = linuxu_syscall(__NR_write, 1, buf + done, len - done);
		if (r <= 0)
			return done ? (int)done : (int)r;
		done += r;
	}
	return done;
}

static __nsec clock_raw(void)
{
	struct linuxu_timespec ts;

	linuxu_syscall(__NR_clock_gettime, LINUXU_CLOCK_MONOTONIC, &ts, 0);
	return (__nsec)ts.tv_sec * UKPLAT_NSEC_PER_SEC + ts.tv_nsec;
}

__nsec ukplat_monotonic_clock(void)
{
	return clock_raw() - boot_time;
}

__nsec ukplat_boot_entry_time(void)
{
	return 0;
}

__u64 ukplat_cycles_hz(void)
{
	return cycles_hz;
}

/* TSC rate against CLOCK_MONOTONIC over ~2 ms; enough for rate reports
 * (the clock itself never depends on it). */
static void calibrate_cycles(void)
{
	__nsec t0 = clock_raw(), t1;
	__u64 c0 = ukarch_cycles(), c1;

	do {
		t1 = clock_raw();
	} while (t1 - t0 < 2000000);
	c1 = ukarch_cycles();
	cycles_hz = (c1 - c0) * UKPLAT_NSEC_PER_SEC / (t1 - t0);
}

int ukplat_memregion_count(void)
{
	return heap_base ? 1 : 0;
}

int ukplat_memregion_get(int i, struct ukplat_memregion_desc *md)
{
	if (i != 0 || !heap_base)
		return -2; /* -ENOENT */
	md->base = heap_base;
	md->len = heap_len;
	md->name = "heap";
	return 0;
}

int linuxu_heap_shared(void **base, __sz *len)
{
	if (heap_fd < 0)
		return -2; /* -ENOENT */
	*base = heap_base;
	*len = heap_len;
	return heap_fd;
}

#if CONFIG_VIRTIO_USER
/* The heap as a memfd (of 2 MiB pages if @p huge) mapped shared, for a
 * vhost-user back-end. @return address or a negative errno
 */
static long heap_map_shared(bool huge)
{
	long fd, r;

	if (huge)
		heap_len = ALIGN_UP(heap_len, 2UL << 20);
	fd = linuxu_syscall(__NR_memfd_create, "uknf-heap",
			    LINUXU_MFD_CLOEXEC |
			    (huge ? LINUXU_MFD_HUGETLB : 0), 0);
	if (fd < 0)
		return fd;
	r = linuxu_syscall(__NR_ftruncate, fd, heap_len, 0);
	/* Hugepages are reserved now (no NORESERVE): a shortage fails
	 * here, not as SIGBUS later.
	 */
	if (r >= 0)
		r = linuxu_syscall6(__NR_mmap, 0, heap_len,
				    LINUXU_PROT_READ | LINUXU_PROT_WRITE,
				    LINUXU_MAP_SHARED |
				    (huge ? 0 : LINUXU_MAP_NORESERVE), fd, 0);
	if (r < 0) {
		linuxu_syscall(__NR_close, fd, 0, 0);
		return r;
	}
	heap_fd = (int)fd;
	return r;
}
#endif

/* Map the heap: shared with CONFIG_VIRTIO_USER, else private anonymous
 * memory. @return address or a negative errno
 */
static long heap_map(void)
{
#if CONFIG_VIRTIO_USER
#if CONFIG_VIRTIO_USER_HUGEPAGES
	static const char msg[] =
		"linuxu: no free hugepages for the heap, using 4 KiB pages\n";
	long r = heap_map_shared(true);

	if (r >= 0)
		return r;
	ukplat_coutk(msg, sizeof(msg) - 1);
#endif
	return heap_map_shared(false);
#else
	return linuxu_syscall6(__NR_mmap, 0, heap_len,
			       LINUXU_PROT_READ | LINUXU_PROT_WRITE,
			       LINUXU_MAP_PRIVATE | LINUXU_MAP_ANONYMOUS |
			       LINUXU_MAP_NORESERVE, -1, 0);
#endif
}

void ukplat_terminate(int status)
{
	for (;;)
		linuxu_syscall(__NR_exit_group, status, 0, 0);
}

const char *ukplat_cmdline(void)
{
	return cmdline;
}

/* Keep a readable copy of the command line (for messages and tests). */
static void save_cmdline(int argc, char *argv[])
{
	size_t pos = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		while (*s && pos + 2 < sizeof(cmdline))
			cmdline[pos++] = *s++;
		if (i + 1 < argc && pos + 2 < sizeof(cmdline))
			cmdline[pos++] = ' ';
	}
	cmdline[pos] = '\0';
}

int ukplat_initrd_get(const void **base, size_t *len)
{
	if (!initrd_base)
		return -2; /* -ENOENT */
	*base = initrd_base;
	*len = initrd_len;
	return 0;
}

static void __noreturn initrd_fail(const char *path, const char *why)
{
	static const char pre[] = "linuxu: --initrd ";

	ukplat_coutk(pre, sizeof(pre) - 1);
	ukplat_coutk(path, __builtin_strlen(path));
	ukplat_coutk(why, __builtin_strlen(why));
	ukplat_terminate(2);	/* as a bad kernel parameter */
}

/* Map @p path privately, read-only, as the initrd. */
static void initrd_load(const char *path)
{
	long fd, len, p = 0;

	fd = linuxu_syscall(__NR_open, path, LINUXU_O_RDONLY | LINUXU_O_CLOEXEC,
			    0);
	if (fd < 0)
		initrd_fail(path, ": cannot open\n");
	len = linuxu_syscall(LINUXU_NR_lseek, fd, 0, LINUXU_SEEK_END);
	if (len < 0)
		initrd_fail(path, ": cannot seek\n");
	/* an empty file maps nothing: a zero-length initrd at a dummy */
	if (len > 0)
		p = linuxu_syscall6(__NR_mmap, 0, len, LINUXU_PROT_READ,
				    LINUXU_MAP_PRIVATE, fd, 0);
	linuxu_syscall(__NR_close, fd, 0, 0);
	if (p < 0 && p > -4096)
		initrd_fail(path, ": cannot map\n");
	initrd_base = len > 0 ? (const void *)p : (const void *)cmdline;
	initrd_len = (size_t)len;
}

void __noreturn _linuxu_start(int argc, char *argv[]);

void __noreturn _linuxu_start(int argc, char *argv[])
{
	long p;

	boot_time = clock_raw();
	heap_len = (size_t)CONFIG_LINUXU_HEAP_MB << 20;
	p = heap_map();
	if (p < 0 && p > -4096) {
		static const char msg[] = "linuxu: cannot map the heap\n";

		ukplat_coutk(msg, sizeof(msg) - 1);
		ukplat_terminate(1);
	}
	heap_base = (void *)p;
	calibrate_cycles();
	if (argc >= 2 && !__builtin_strcmp(argv[1], "--initrd")) {
		if (argc < 3)
			initrd_fail("", "needs a file name\n");
		initrd_load(argv[2]);
		/* drop the two words, keeping the program name */
		argv[2] = argv[0];
		argv += 2;
		argc -= 2;
	}
	save_cmdline(argc, argv);
	ukplat_entry(argc, argv);
}

#define LINUXU_NR_arch_prctl	158
#define LINUXU_ARCH_SET_FS	0x1002

int ukplat_tlsp_set(void *tlsp)
{
	return (int)linuxu_syscall(LINUXU_NR_arch_prctl, LINUXU_ARCH_SET_FS,
				   tlsp, 0);
}
