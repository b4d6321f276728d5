/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compiler helpers used everywhere in uknf.
 */
#ifndef __UK_ESSENTIALS_H__
#define __UK_ESSENTIALS_H__

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifndef __unused
#define __unused		__attribute__((unused))
#endif
#define __maybe_unused		__attribute__((unused))
#define __used			__attribute__((used))
#define __packed		__attribute__((packed))
#define __noreturn		__attribute__((noreturn))
#define __section(s)		__attribute__((section(s)))
#define __align(a)		__attribute__((aligned(a)))
#define __weak			__attribute__((weak))
#define __printf(f, a)		__attribute__((format(printf, f, a)))
#ifndef __always_inline	/* glibc's sys/cdefs.h has one (host tests) */
#define __always_inline		inline __attribute__((always_inline))
#endif
#define __noinline		__attribute__((noinline))
#define __cacheline_aligned	__align(64)

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define prefetch(p)		__builtin_prefetch(p)
#define prefetchw(p)		__builtin_prefetch(p, 1)

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define ALIGN_UP(v, a)		(((v) + (a) - 1) & ~((__typeof__(v))(a) - 1))
#define ALIGN_DOWN(v, a)	((v) & ~((__typeof__(v))(a) - 1))
#define IS_ALIGNED(v, a)	(((v) & ((__typeof__(v))(a) - 1)) == 0)
#define IS_POW2(v)		((v) != 0 && ((v) & ((v) - 1)) == 0)

#define STRINGIFY_(x)		#x
#define STRINGIFY(x)		STRINGIFY_(x)
#define UK_CONCAT_(a, b)	a##b
#define UK_CONCAT(a, b)		UK_CONCAT_(a, b)

#define __containerof(ptr, type, member)				\
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Compile-time assertion usable at file or block scope. */
#define UK_CTASSERT(x)		_Static_assert(x, #x)

/* Pointer-or-error convention (Unikraft style): small negative errno
 * values encoded in a pointer.
 */
#define ERR2PTR(e)		((void *)(intptr_t)(e))
#define PTR2ERR(p)		((int)(intptr_t)(p))
#define PTRISERR(p)		((uintptr_t)(p) >= (uintptr_t)-4095)

typedef uint64_t __nsec;
typedef int64_t __snsec;
typedef uint64_t __u64;
typedef uint32_t __u32;
typedef uint16_t __u16;
typedef uint8_t __u8;
typedef int64_t __s64;
typedef int32_t __s32;
typedef int16_t __s16;
typedef int8_t __s8;
typedef uintptr_t __uptr;
typedef uint64_t __paddr_t;
typedef uint64_t __vaddr_t;
typedef size_t __sz;
typedef long __ssz;

#endif /* __UK_ESSENTIALS_H__ */
