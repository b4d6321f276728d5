/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: the character devices null, zero, urandom (also "random") and
 * console, as a flat directory (mounted on /dev at boot with
 * CONFIG_LIBDEVFS_AUTOMOUNT).
 *
 * urandom: RDRAND when CPUID offers it (then fit for keys); otherwise
 * xoshiro256** seeded from the TSC at first use, which is NOT
 * cryptographic: fine for hashing seeds and tests, not for secrets.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <uk/arch/cycles.h>
#include <uk/syscall.h>
#include <uk/vfs.h>

enum devfs_dev { DEV_NULL = 1, DEV_ZERO, DEV_URANDOM, DEV_RANDOM,
		 DEV_CONSOLE };

static const struct {
	const char *name;
	dev_t rdev;		/* Linux's numbers */
} devs[] = {
	[DEV_NULL] = { "null", (1 << 8) | 3 },
	[DEV_ZERO] = { "zero", (1 << 8) | 5 },
	[DEV_URANDOM] = { "urandom", (1 << 8) | 9 },
	[DEV_RANDOM] = { "random", (1 << 8) | 8 },
	[DEV_CONSOLE] = { "console", (5 << 8) | 1 },
};

#define DEV_ID(vp)	((enum devfs_dev)(uintptr_t)(vp)->data)

static int has_rdrand = -1;	/* unknown until the first read */
static __u64 prng[4];

static int cpu_has_rdrand(void)
{
	__u32 a = 1, b, c = 0, d;

	__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return !!(c & (1U << 30));
}

static int rdrand64(__u64 *v)
{
	unsigned char ok;
	int tries;

	/* the instruction may fail transiently: Intel suggests 10 tries */
	for (tries = 0; tries < 10; tries++) {
		__asm__ __volatile__("rdrand %0; setc %1"
				     : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return 1;
	}
	return 0;
}

static __u64 splitmix64(__u64 *x)
{
	__u64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static __u64 rotl(__u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman, Vigna) */
static __u64 prng_next(void)
{
	__u64 r = rotl(prng[1] * 5, 7) * 9, t = prng[1] << 17;

	prng[2] ^= prng[0];
	prng[3] ^= prng[1];
	prng[1] ^= prng[2];
	prng[0] ^= prng[3];
	prng[2] ^= t;
	prng[3] = rotl(prng[3], 45);
	return r;
}

static __u64 random64(void)
{
	__u64 v, seed;
	int i;

	if (has_rdrand < 0) {
		has_rdrand = cpu_has_rdrand();
		seed = ukarch_cycles();
		for (i = 0; i < 4; i++)
			prng[i] = splitmix64(&seed);
	}
	if (has_rdrand && rdrand64(&v))
		return v;
	return prng_next();
}

/** Fill @p buf with @p len random bytes (see the file comment). */
static void devfs_random_fill(void *buf, size_t len)
{
	unsigned char *p = buf;
	__u64 v;
	size_t n;

	while (len) {
		v = random64();
		n = MIN(len, sizeof(v));
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}

static ssize_t dev_read(struct vnode *vp, void *buf, size_t len,
			off_t off __unused)
{
	switch (DEV_ID(vp)) {
	case DEV_NULL:
		return 0;
	case DEV_ZERO:
		memset(buf, 0, len);
		return (ssize_t)len;
	default:
		devfs_random_fill(buf, len);
		return (ssize_t)len;
	}
}

/* Everything written to null, zero and urandom is dropped. */
static ssize_t dev_write(struct vnode *vp __unused, const void *buf __unused,
			 size_t len, off_t off __unused)
{
	return (ssize_t)len;
}

static const struct vnode_ops dev_vnops = {
	.read = dev_read,
	.write = dev_write,
};

static int devfs_lookup(struct vnode *dir, const char *name, size_t len,
			struct vnode **out)
{
	struct vnode *vp;
	unsigned int i;

	for (i = DEV_NULL; i < ARRAY_SIZE(devs); i++)
		if (strlen(devs[i].name) == len &&
		    !memcmp(devs[i].name, name, len))
			break;
	if (i == ARRAY_SIZE(devs))
		return -ENOENT;
	if (i == DEV_CONSOLE) {
		*out = vfs_vnode_get(&vfs_console_vnode);
		return 0;
	}
	vp = vfs_vnode_alloc(dir->mount, VFS_VCHR, &dev_vnops);
	if (!vp)
		return -ENOMEM;
	vp->mode = 0666;
	vp->ino = i + 1;	/* the root is 1 */
	vp->rdev = devs[i].rdev;
	vp->data = (void *)(uintptr_t)i;
	*out = vp;
	return 0;
}

static int devfs_readdir(struct vnode *dir __unused, off_t *cookie,
			 struct vfs_dirent *out)
{
	off_t i = *cookie + DEV_NULL;

	if (i >= (off_t)ARRAY_SIZE(devs))
		return 0;
	out->ino = i + 1;
	out->type = VFS_VCHR;
	strcpy(out->name, devs[i].name);
	(*cookie)++;
	return 1;
}

static const struct vnode_ops devfs_dir_vnops = {
	.lookup = devfs_lookup,
	.readdir = devfs_readdir,
};

static int devfs_mount(struct vfs_mount *mp, const char *dev __unused,
		       unsigned long flags __unused, const void *data)
{
	if (data && *(const char *)data)
		return -EINVAL;	/* no options */
	mp->root = vfs_vnode_alloc(mp, VFS_VDIR, &devfs_dir_vnops);
	if (!mp->root)
		return -ENOMEM;
	mp->root->mode = 0755;
	mp->root->ino = 1;
	return 0;
}

static const struct vfs_fsops devfs_fsops = {
	.name = "devfs",
	.mount = devfs_mount,
};
UK_FS_REGISTER(devfs_fsops);

/* getrandom(2): the same source as /dev/urandom, never blocking. */
UK_SYSCALL_R_DEFINE(ssize_t, getrandom, void *, buf, size_t, len,
		    unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM))
		return -EINVAL;
	if (len > SSIZE_MAX)
		len = SSIZE_MAX;
	devfs_random_fill(buf, len);
	return (ssize_t)len;
}
