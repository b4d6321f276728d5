/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What musl needs from the kernel besides system calls: its start-up
 * (the thread pointer, errno, program name), the thread-pointer register
 * and the heap, which is uknf's default allocator (musl's mallocng is not
 * linked: every allocation entry point musl or the app may call is
 * defined here, so no member of libc.a's src/malloc is pulled in).
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/plat/tls.h>

/* musl's own start-up (src/env/__libc_start_main.c): environment,
 * auxiliary vector, program name, then the static TLS and the thread
 * pointer through __set_thread_area(). Hidden in musl, but a static
 * link resolves it. */
void __init_libc(char **envp, char *pn);

/* ---- the program headers musl's __init_tls() reads ----------------- */

#if CONFIG_PLAT_KVM
/* The kvm image's ELF header is not loaded: describe its TLS template
 * (from kvm.lds) in one synthetic PT_TLS header. */
extern const char _uk_tdata_start[], _uk_tdata_end[];
extern const char _uk_tbss_start[], _uk_tbss_end[];
extern const char _uk_tls_align[];

static Elf64_Phdr tls_phdr[1];

static void tls_phdrs(size_t *phdr, size_t *phnum)
{
	tls_phdr[0] = (Elf64_Phdr){
		.p_type = PT_TLS,
		.p_vaddr = (uintptr_t)_uk_tdata_start,
		.p_filesz = (size_t)(_uk_tdata_end - _uk_tdata_start),
		.p_memsz = (size_t)(_uk_tbss_end - _uk_tdata_start),
		.p_align = (uintptr_t)_uk_tls_align,
	};
	*phdr = (size_t)tls_phdr;
	*phnum = 1;
}
#else
/* linuxu: a static executable whose ELF header is loaded with its first
 * segment (ld's default layout), so its own program headers. */
extern const Elf64_Ehdr __ehdr_start;

static void tls_phdrs(size_t *phdr, size_t *phnum)
{
	*phdr = (size_t)((const char *)&__ehdr_start + __ehdr_start.e_phoff);
	*phnum = __ehdr_start.e_phnum;
}
#endif

/* envp (empty), then the auxiliary vector __init_libc() walks. */
static size_t boot_vector[] = {
	0,			/* envp[0] */
	AT_PHDR, 0,
	AT_PHNUM, 0,
	AT_PHENT, sizeof(Elf64_Phdr),
	AT_PAGESZ, 4096,
	AT_NULL, 0,
};

static char progname[] = CONFIG_UK_NAME;

void uk_libc_init(void)
{
	tls_phdrs(&boot_vector[2], &boot_vector[4]);
	__init_libc((char **)boot_vector, progname);
}

/* ---- the thread pointer ---------------------------------------------- */

/* musl's x86_64 __set_thread_area.s issues arch_prctl with the syscall
 * instruction; this one asks the platform. @return 0 (musl then knows
 * threads could be supported). */
int __set_thread_area(void *p)
{
	return ukplat_tlsp_set(p);
}

/* ---- the heap: uknf's default allocator ------------------------------ */

void *malloc(size_t size)
{
	void *p = uk_malloc(uk_alloc_get_default(), size);

	if (!p)
		errno = ENOMEM;
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p = uk_calloc(uk_alloc_get_default(), n, size);

	if (!p)
		errno = ENOMEM;
	return p;
}

void *realloc(void *ptr, size_t size)
{
	void *p = uk_realloc(uk_alloc_get_default(), ptr, size);

	if (!p && size)
		errno = ENOMEM;
	return p;
}

void free(void *ptr)
{
	uk_free(uk_alloc_get_default(), ptr);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	void *p;

	/* POSIX: a power of two multiple of sizeof(void *). */
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = uk_memalign(uk_alloc_get_default(), align, size);
	if (!p)
		return ENOMEM;
	*memptr = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	void *p;

	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	p = uk_memalign(uk_alloc_get_default(), MAX(align, sizeof(void *)),
			size);
	if (!p)
		errno = ENOMEM;
	return p;
}

void *memalign(size_t align, size_t size)
{
	return aligned_alloc(align, size);
}

size_t malloc_usable_size(void *ptr)
{
	return ptr ? uk_alloc_usable_size(uk_alloc_get_default(), ptr) : 0;
}

/* musl's internal names for the same (used where musl must not call an
 * allocator an application replaced; here there is one allocator). */
void *__libc_malloc(size_t size) { return malloc(size); }
void *__libc_malloc_impl(size_t size) { return malloc(size); }
void *__libc_calloc(size_t n, size_t size) { return calloc(n, size); }
void *__libc_realloc(void *ptr, size_t size) { return realloc(ptr, size); }
void __libc_free(void *ptr) { free(ptr); }
