/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multiboot v1 information (Multiboot Specification 0.6.96, 3.3): the
 * memory map becomes the free memory regions, the command line is
 * copied for ukplat_cmdline() and argv.
 *
 * Free RAM is what the map calls available, above everything the boot
 * left in memory: the image with its .bss (stack, page tables), and the
 * multiboot info, command line, memory map and modules that QEMU puts
 * right after it. RAM beyond the identity map (CONFIG_KVM_MAP_GB) is
 * not used. The first module (`qemu -initrd FILE`) is the initrd
 * (<uk/plat/initrd.h>); being below the floor, it stays out of the heap.
 */
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/memory.h>
#include <uk/plat/initrd.h>
#include "kvm.h"

#define MB_INFO_MEMORY		(1 << 0)
#define MB_INFO_CMDLINE		(1 << 2)
#define MB_INFO_MODS		(1 << 3)
#define MB_INFO_MEM_MAP		(1 << 6)
#define MB_MEMORY_AVAILABLE	1

struct multiboot_info {
	__u32 flags;
	__u32 mem_lower;	/* KiB below 1 MiB */
	__u32 mem_upper;	/* KiB above 1 MiB */
	__u32 boot_device;
	__u32 cmdline;
	__u32 mods_count;
	__u32 mods_addr;
	__u32 syms[4];
	__u32 mmap_length;
	__u32 mmap_addr;
} __packed;

struct multiboot_mod {
	__u32 mod_start;
	__u32 mod_end;
	__u32 string;
	__u32 reserved;
} __packed;

/* `size` counts the bytes after itself */
struct multiboot_mmap_entry {
	__u32 size;
	__u64 addr;
	__u64 len;
	__u32 type;
} __packed;

#define KVM_MAX_REGIONS		8
#define KVM_CMDLINE_SIZE	4096
#define PAGE_SIZE		4096UL

static struct ukplat_memregion_desc regions[KVM_MAX_REGIONS];
static int nr_regions;
static char cmdline[KVM_CMDLINE_SIZE];	/* as given, for ukplat_cmdline() */
static char argbuf[KVM_CMDLINE_SIZE];	/* split into argv in place */
static const void *initrd_base;
static size_t initrd_len;

/* @return the address right after the string at @p addr */
static __u64 cstr_end(__u32 addr)
{
	const char *s = (const char *)(uintptr_t)addr;

	while (*s)
		s++;
	return (uintptr_t)s + 1;
}

/* @return the end of everything the loader placed in memory */
static __u64 boot_data_end(const struct multiboot_info *mbi)
{
	const struct multiboot_mod *mod;
	__u64 end = (uintptr_t)_kvm_image_end;
	__u32 i;

	end = MAX(end, (uintptr_t)mbi + sizeof(*mbi));
	if (mbi->flags & MB_INFO_CMDLINE)
		end = MAX(end, cstr_end(mbi->cmdline));
	if (mbi->flags & MB_INFO_MEM_MAP)
		end = MAX(end, (__u64)mbi->mmap_addr + mbi->mmap_length);
	if (mbi->flags & MB_INFO_MODS) {
		mod = (const struct multiboot_mod *)(uintptr_t)mbi->mods_addr;
		end = MAX(end, (uintptr_t)(mod + mbi->mods_count));
		for (i = 0; i < mbi->mods_count; i++) {
			end = MAX(end, (__u64)mod[i].mod_end);
			if (mod[i].string)
				end = MAX(end, cstr_end(mod[i].string));
		}
	}
	return end;
}

static void add_region(__u64 start, __u64 end, __u64 floor)
{
	__u64 limit = (__u64)CONFIG_KVM_MAP_GB << 30;

	start = ALIGN_UP(MAX(start, floor), PAGE_SIZE);
	end = ALIGN_DOWN(MIN(end, limit), PAGE_SIZE);
	if (start >= end || nr_regions == KVM_MAX_REGIONS)
		return;
	regions[nr_regions].base = (void *)(uintptr_t)start;
	regions[nr_regions].len = end - start;
	regions[nr_regions].name = "ram";
	nr_regions++;
}

static void parse_mmap(const struct multiboot_info *mbi, __u64 floor)
{
	__u64 p = mbi->mmap_addr, end = p + mbi->mmap_length;
	const struct multiboot_mmap_entry *e;

	while (p + sizeof(*e) <= end) {
		e = (const struct multiboot_mmap_entry *)(uintptr_t)p;
		if (e->type == MB_MEMORY_AVAILABLE)
			add_region(e->addr, e->addr + e->len, floor);
		p += e->size + sizeof(e->size);
	}
}

/* Copy the command line without its first word, the kernel's file
 * name (QEMU and GRUB put it there). */
static void copy_cmdline(const struct multiboot_info *mbi)
{
	const char *s = (const char *)(uintptr_t)mbi->cmdline;
	size_t i;

	if (!(mbi->flags & MB_INFO_CMDLINE))
		return;
	while (*s && *s != ' ')
		s++;
	while (*s == ' ')
		s++;
	for (i = 0; s[i] && i < sizeof(cmdline) - 1; i++) {
		cmdline[i] = s[i];
		argbuf[i] = s[i];
	}
	if (s[i])
		uk_pr_warn("kvm: command line cut at %zu bytes\n", i);
}

/* The first module is the initrd; the others are ignored. */
static void find_initrd(const struct multiboot_info *mbi)
{
	const struct multiboot_mod *mod;

	if (!(mbi->flags & MB_INFO_MODS) || !mbi->mods_count)
		return;
	mod = (const struct multiboot_mod *)(uintptr_t)mbi->mods_addr;
	if (mod->mod_end < mod->mod_start)
		return;
	initrd_base = (const void *)(uintptr_t)mod->mod_start;
	initrd_len = mod->mod_end - mod->mod_start;
	uk_pr_debug("kvm: initrd %p, %zu bytes\n", initrd_base, initrd_len);
	if (mbi->mods_count > 1)
		uk_pr_warn("kvm: %u multiboot modules, only the first is used\n",
			   mbi->mods_count);
}

void kvm_multiboot_init(void)
{
	const struct multiboot_info *mbi =
		(const struct multiboot_info *)(uintptr_t)kvm_mb_info;
	__u64 floor = boot_data_end(mbi);
	int i;

	if (mbi->flags & MB_INFO_MEM_MAP)
		parse_mmap(mbi, floor);
	else if (mbi->flags & MB_INFO_MEMORY)
		add_region(0x100000, 0x100000 + ((__u64)mbi->mem_upper << 10),
			   floor);
	copy_cmdline(mbi);
	find_initrd(mbi);

	for (i = 0; i < nr_regions; i++)
		uk_pr_debug("kvm: free RAM %p-%p (%zu KiB)\n",
			    regions[i].base,
			    (char *)regions[i].base + regions[i].len,
			    regions[i].len >> 10);
}

char *kvm_multiboot_cmdline(void)
{
	return argbuf;
}

const char *ukplat_cmdline(void)
{
	return cmdline;
}

int ukplat_memregion_count(void)
{
	return nr_regions;
}

int ukplat_memregion_get(int i, struct ukplat_memregion_desc *md)
{
	if (i < 0 || i >= nr_regions)
		return -2; /* -ENOENT */
	*md = regions[i];
	return 0;
}

int ukplat_initrd_get(const void **base, size_t *len)
{
	if (!initrd_base)
		return -2; /* -ENOENT */
	*base = initrd_base;
	*len = initrd_len;
	return 0;
}
