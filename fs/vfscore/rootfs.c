/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Boot-time mounts (rootfs init class): the root filesystem
 * (CONFIG_LIBVFSCORE_AUTOMOUNT_ROOTFS; kernel parameters vfs.rootfs=,
 * vfs.rootdev=, vfs.rootflags=, vfs.rootopts=), the initrd unpacked on it
 * (rootfs "initrd") or into a ramfs at vfs.initrd_path=, then /dev
 * (CONFIG_LIBDEVFS_AUTOMOUNT). A mount that fails stops the boot with
 * one line and status 2, like a bad kernel parameter.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/initrd.h>
#if CONFIG_LIBUKCPIO
#include <uk/cpio.h>
#endif
#include "vfs_internal.h"

#if CONFIG_LIBVFSCORE_AUTOMOUNT_ROOTFS
static const char *rootfs = CONFIG_LIBVFSCORE_ROOTFS;
static const char *rootdev = CONFIG_LIBVFSCORE_ROOTDEV;
static unsigned long rootflags = CONFIG_LIBVFSCORE_ROOTFLAGS;
static const char *rootopts = CONFIG_LIBVFSCORE_ROOTOPTS;

UK_LIBPARAM_STR("vfs.rootfs", rootfs, "root filesystem: ramfs, 9pfs, initrd");
UK_LIBPARAM_STR("vfs.rootdev", rootdev, "root device (9p mount tag)");
UK_LIBPARAM_UINT("vfs.rootflags", rootflags, "root mount(2) flags");
UK_LIBPARAM_STR("vfs.rootopts", rootopts, "root mount options");
#endif

#if CONFIG_LIBUKCPIO
static const char *initrd_path = CONFIG_LIBVFSCORE_INITRD_PATH;

UK_LIBPARAM_STR("vfs.initrd_path", initrd_path,
		"unpack the initrd into a ramfs at this path");
#endif

/* unused when nothing is mounted at boot */
static void __noreturn __maybe_unused boot_fail(const char *what,
						const char *fs,
						const char *path, int err)
{
	uk_pr_crit("vfs: cannot %s %s on %s: %s (%d)\n", what, fs, path,
		   strerror(-err), err);
	ukplat_terminate(UK_LIBPARAM_EXIT_STATUS);
}

/* Create every missing directory of @p path (absolute). */
static __maybe_unused int mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	size_t i, n = strlen(path);
	long r;

	if (n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		r = uk_syscall_r_mkdir((long)buf, 0755);
		if (r && r != -EEXIST)
			return (int)r;
		buf[i] = path[i];
	}
	return 0;
}

#if CONFIG_LIBUKCPIO
/* Unpack the initrd into @p path, if there is one.
 * @return 0, -ENOENT (no initrd), or the unpacker's error */
static int unpack_initrd(const char *path)
{
	const void *base;
	size_t len;
	int r;

	r = ukplat_initrd_get(&base, &len);
	if (r)
		return r;
	r = ukcpio_extract(base, len, path);
	if (r)
		uk_pr_crit("vfs: initrd (%zu bytes) into %s: %s (%d)\n", len,
			   path, strerror(-r), r);
	else
		uk_pr_info("vfs: initrd (%zu bytes) unpacked into %s\n", len,
			   path);
	return r;
}
#endif

static int vfs_automount(void)
{
	int __maybe_unused r;

#if CONFIG_LIBVFSCORE_AUTOMOUNT_ROOTFS
	int initrd = !strcmp(rootfs, "initrd");

	if (!*rootfs)
		goto no_root;	/* vfs.rootfs= (empty): no root mount */
#if !CONFIG_LIBUKCPIO
	if (initrd)
		boot_fail("mount", rootfs, "/", -ENODEV);	/* no unpacker */
#endif
	/* Name the filesystem only when it is unknown: a known one may
	 * fail with -ENODEV too (9pfs: no device with that tag). */
	if (!vfs_fs_find(initrd ? "ramfs" : rootfs)) {
		uk_pr_crit("vfs: unknown root filesystem '%s' (vfs.rootfs=)\n",
			   rootfs);
		ukplat_terminate(UK_LIBPARAM_EXIT_STATUS);
	}
	r = vfs_mount(rootdev, "/", initrd ? "ramfs" : rootfs, rootflags,
		      *rootopts ? rootopts : NULL);
	if (r)
		boot_fail("mount", rootfs, "/", r);
#if CONFIG_LIBUKCPIO
	if (initrd) {
		r = unpack_initrd("/");
		if (r == -ENOENT)
			uk_pr_warn("vfs: rootfs initrd, but no initrd given: "
				   "empty ramfs on /\n");
		else if (r)
			ukplat_terminate(UK_LIBPARAM_EXIT_STATUS);
	}
#endif
no_root:
#endif
#if CONFIG_LIBUKCPIO
	if (*initrd_path) {
		if (initrd_path[0] != '/')
			boot_fail("unpack", "the initrd", initrd_path, -EINVAL);
		r = mkdir_p(initrd_path);
		if (!r)
			r = vfs_mount("initrd", initrd_path, "ramfs", 0, NULL);
		if (r)
			boot_fail("mount", "ramfs", initrd_path, r);
		r = unpack_initrd(initrd_path);
		if (r && r != -ENOENT)
			ukplat_terminate(UK_LIBPARAM_EXIT_STATUS);
	}
#endif
#if CONFIG_LIBDEVFS_AUTOMOUNT
	/* /dev needs a root to live on */
	if (vfs_root_mounted()) {
		r = mkdir_p("/dev");
		if (!r)
			r = vfs_mount("devfs", "/dev", "devfs", 0, NULL);
		if (r)
			boot_fail("mount", "devfs", "/dev", r);
	}
#endif
	return 0;
}
uk_rootfs_initcall(vfs_automount);
