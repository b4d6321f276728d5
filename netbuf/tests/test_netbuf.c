/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest suite "uknetbuf": allocation, reference counting, chains, data
 * area and copies. Every case checks that the default allocator is back
 * to where it started (no leak).
 */
#include <string.h>
#include <errno.h>
#include <uk/netbuf.h>
#include <uk/test.h>

static unsigned int dtor_calls;
static struct uk_netbuf *dtor_last;

static void count_dtor(struct uk_netbuf *m)
{
	dtor_calls++;
	dtor_last = m;
}

UK_TESTCASE(uknetbuf, alloc_buf_layout)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *m;
	size_t al;

	for (al = 1; al <= 4096; al <<= 1) {
		m = uk_netbuf_alloc_buf(a, 1500, al, 32, 24, NULL);
		UK_TEST_ASSERT(m != NULL);
		UK_TEST_EXPECT_ZERO((uintptr_t)m->buf & (al - 1));
		UK_TEST_EXPECT_UNUM_GE(m->buflen, 1500);
		UK_TEST_EXPECT_PTR_EQ(m->data, (char *)m->buf + 32);
		UK_TEST_EXPECT_UNUM_EQ(m->len, 0);
		UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(m), 1);
		UK_TEST_EXPECT_UNUM_EQ(m->flags, 0);
		UK_TEST_EXPECT_NULL(m->next);
		UK_TEST_EXPECT_NULL(m->prev);
		UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(m), 32);
		UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_tailroom(m), m->buflen - 32);
		/* The struct and priv do not overlap the buffer. */
		UK_TEST_EXPECT((char *)m >= (char *)m->buf + m->buflen);
		UK_TEST_ASSERT(uk_netbuf_get_priv(m) != NULL);
		UK_TEST_EXPECT((char *)uk_netbuf_get_priv(m) >=
			       (char *)(m + 1));
		UK_TEST_EXPECT_ZERO((uintptr_t)uk_netbuf_get_priv(m) & 15);
		memset(m->buf, 0xa5, m->buflen);
		memset(uk_netbuf_get_priv(m), 0x5a, 24);
		UK_TEST_EXPECT_UNUM_EQ(m->len, 0);	/* struct intact */
		uk_netbuf_free(m);
	}
	m = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_NULL(uk_netbuf_get_priv(m));
	uk_netbuf_free(m);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf, alloc_bad_args)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf nb;
	char buf[64];

	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(NULL, 64, 0, 0, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, 0, 0, 0, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, 64, 0, 65, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, 64, 24, 0, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, (size_t)-1, 0, 0, 0,
						NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, 64, 0, 0, (size_t)-1,
						NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, (size_t)1 << 50, 0, 0, 0,
						NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_indir(a, NULL, 64, 0, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_indir(a, buf, 64, 65, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_indir(NULL, buf, 64, 0, 0, NULL));
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_init_indir(NULL, buf, 64, 0, NULL,
						    NULL), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_init_indir(&nb, NULL, 64, 0, NULL,
						    NULL), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_init_indir(&nb, NULL, 0, 1, NULL,
						    NULL), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_init_indir(&nb, buf, 64, 65, NULL,
						    NULL), -EINVAL);
	UK_TEST_EXPECT_NULL(uk_netbuf_dup_single(a, 0, 0, NULL));
	/* NULL is ignored by the free functions. */
	uk_netbuf_free(NULL);
	uk_netbuf_free_single(NULL);
	UK_TEST_EXPECT_NULL(uk_netbuf_disconnect(NULL));
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_len(NULL), 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf, prepare_buf)
{
	static char mem[2048] __align(64);
	struct uk_netbuf *m;

	m = uk_netbuf_prepare_buf(mem, sizeof(mem), 64, 16, count_dtor);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_PTR_EQ(m->buf, mem);
	UK_TEST_EXPECT_ZERO((uintptr_t)m & (UK_NETBUF_PREPARE_ALIGN - 1));
	UK_TEST_EXPECT((char *)m->buf + m->buflen <= (char *)m);
	UK_TEST_EXPECT((char *)uk_netbuf_get_priv(m) + 16 <=
		       mem + sizeof(mem));
	UK_TEST_EXPECT_UNUM_GE(m->buflen, 2048 - 64 - UK_NETBUF_META_LEN - 16);
	UK_TEST_EXPECT_PTR_EQ(m->data, mem + 64);
	UK_TEST_EXPECT_NULL(m->_a);

	dtor_calls = 0;
	uk_netbuf_free(m);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
	UK_TEST_EXPECT_PTR_EQ(dtor_last, m);

	/* Too small for the struct, or for struct + headroom. */
	UK_TEST_EXPECT_NULL(uk_netbuf_prepare_buf(mem, 16, 0, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_prepare_buf(mem, UK_NETBUF_META_LEN, 1,
						  0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_prepare_buf(mem, 256, 250, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_prepare_buf(mem, 256, 0, 256, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_prepare_buf(NULL, 2048, 0, 0, NULL));
	UK_TEST_EXPECT_NULL(uk_netbuf_prepare_buf(mem, 2048, 0, (size_t)-1,
						  NULL));
	/* Exactly the struct with no buffer is fine (headroom 0). */
	m = uk_netbuf_prepare_buf(mem, UK_NETBUF_META_LEN, 0, 0, NULL);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_UNUM_EQ(m->buflen, 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_tailroom(m), 0);
}

UK_TESTCASE(uknetbuf, ref_then_free_calls_dtor_once)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *m;
	unsigned int i;

	m = uk_netbuf_alloc_buf(a, 256, 0, 0, 0, count_dtor);
	UK_TEST_ASSERT(m != NULL);
	dtor_calls = 0;
	for (i = 0; i < 10; i++)
		uk_netbuf_ref(m);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(m), 11);
	for (i = 0; i < 10; i++) {
		uk_netbuf_free(m);
		UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 0);
	}
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(m), 1);
	UK_TEST_EXPECT_UNUM_LT(uk_alloc_availmem(a), before);
	uk_netbuf_free(m);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);

	/* Same with free_single. */
	m = uk_netbuf_alloc_buf(a, 256, 0, 0, 0, count_dtor);
	UK_TEST_ASSERT(m != NULL);
	dtor_calls = 0;
	uk_netbuf_ref(m);
	uk_netbuf_free_single(m);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 0);
	uk_netbuf_free_single(m);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf, indir)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	static char ext[512];
	struct uk_netbuf *m, st;

	m = uk_netbuf_alloc_indir(a, ext, sizeof(ext), 16, 8, count_dtor);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_PTR_EQ(m->buf, ext);
	UK_TEST_EXPECT_PTR_EQ(m->data, ext + 16);
	UK_TEST_EXPECT_UNUM_EQ(m->buflen, sizeof(ext));
	UK_TEST_EXPECT_NOT_NULL(uk_netbuf_get_priv(m));
	dtor_calls = 0;
	uk_netbuf_free(m);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);

	UK_TEST_EXPECT_ZERO(uk_netbuf_init_indir(&st, ext, sizeof(ext), 0,
						 ext, count_dtor));
	UK_TEST_EXPECT_PTR_EQ(uk_netbuf_get_priv(&st), ext);
	UK_TEST_EXPECT_NULL(st._a);
	dtor_calls = 0;
	uk_netbuf_free(&st);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
}

/* uk_netbuf_header() keeps upstream's contract: 1 on success, -ENOSPC
 * outside the buffer, -EFAULT beyond 64 KiB; nothing moves on failure. */
UK_TESTCASE(uknetbuf, header_push_pull_bounds)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netbuf *m = uk_netbuf_alloc_buf(a, 128, 0, 32, 0, NULL);
	void *data;

	UK_TEST_ASSERT(m != NULL);
	m->len = 50;
	data = m->data;
	/* Push more than the headroom: refused, nothing changes. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 33), -ENOSPC);
	UK_TEST_EXPECT_PTR_EQ(m->data, data);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 50);
	/* Push all of it. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 32), 1);
	UK_TEST_EXPECT_PTR_EQ(m->data, m->buf);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 82);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(m), 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 1), -ENOSPC);
	/* Pull back, then more than len: refused. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, -14), 1);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(m), 14);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 68);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, -69), -ENOSPC);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 68);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, -68), 1);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(m), 82);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 0), 1);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, INT16_MIN), -ENOSPC);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(m) + uk_netbuf_tailroom(m) +
			       m->len, m->buflen);
	/* Ported code tests "== 1": it must hold for a push and a pull. */
	UK_TEST_EXPECT(uk_netbuf_header(m, 14) == 1);
	UK_TEST_EXPECT(uk_netbuf_header(m, -14) == 1);
	uk_netbuf_free(m);
}

UK_TESTCASE(uknetbuf, header_len_overflow)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netbuf *m = uk_netbuf_alloc_buf(a, 70000, 0, 100, 0, NULL);

	UK_TEST_ASSERT(m != NULL);
	m->len = UINT16_MAX - 10;
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 11), -EFAULT);
	UK_TEST_EXPECT_UNUM_EQ(m->len, UINT16_MAX - 10);
	/* Out of the buffer takes precedence, as upstream checks it first. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 101), -ENOSPC);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 10), 1);
	UK_TEST_EXPECT_UNUM_EQ(m->len, UINT16_MAX);
	uk_netbuf_free(m);
}

/* With a partial checksum, csum_start (an offset from data) follows the
 * data; stripping past it drops the flag (as upstream). */
UK_TESTCASE(uknetbuf, header_moves_csum_start)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netbuf *m = uk_netbuf_alloc_buf(a, 256, 0, 64, 0, NULL);

	UK_TEST_ASSERT(m != NULL);
	m->len = 60;
	m->flags = UK_NETBUF_F_PARTIAL_CSUM | UK_NETBUF_F_DATA_VALID;
	m->csum_start = 34;
	m->csum_offset = 6;
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 14), 1);
	UK_TEST_EXPECT_UNUM_EQ(m->csum_start, 48);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, -14), 1);
	UK_TEST_EXPECT_UNUM_EQ(m->csum_start, 34);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, -34), 1);
	UK_TEST_EXPECT_UNUM_EQ(m->csum_start, 0);
	UK_TEST_EXPECT(m->flags & UK_NETBUF_F_PARTIAL_CSUM);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, -1), 1);
	UK_TEST_EXPECT(!(m->flags & UK_NETBUF_F_PARTIAL_CSUM));
	UK_TEST_EXPECT(m->flags & UK_NETBUF_F_DATA_VALID);
	UK_TEST_EXPECT_UNUM_EQ(m->csum_start, 0);
	/* Without the flag csum_start is left alone. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(m, 20), 1);
	UK_TEST_EXPECT_UNUM_EQ(m->csum_start, 0);
	uk_netbuf_free(m);
}

/* Upstream's ref calls return the netbuf; its shorthands and chain
 * helpers exist. */
UK_TESTCASE(uknetbuf, upstream_ref_init_and_chain_helpers)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *h, *t, *it, st;
	unsigned int n;

	h = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	t = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	UK_TEST_ASSERT(h && t);
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(h, t));
	UK_TEST_EXPECT_PTR_EQ(uk_netbuf_ref(h), h);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(t), 2);
	UK_TEST_EXPECT_PTR_EQ(uk_netbuf_ref_single(t), t);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(t), 3);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(h), 2);
	UK_TEST_EXPECT_NULL(uk_netbuf_ref(NULL));
	UK_TEST_EXPECT_PTR_EQ(uk_netbuf_chain_last(h), t);
	UK_TEST_EXPECT_PTR_EQ(uk_netbuf_chain_first(t), h);
	UK_TEST_EXPECT_PTR_EQ(uk_netbuf_chain_last(t), t);
	UK_TEST_EXPECT_NULL(uk_netbuf_chain_first(NULL));
	n = 0;
	UK_NETBUF_CHAIN_FOREACH_R(it, t)
		n++;
	UK_TEST_EXPECT_UNUM_EQ(n, 2);
	uk_netbuf_free_single(t);
	uk_netbuf_free(h);
	uk_netbuf_free(h);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);

	/* A netbuf without a buffer (buf set later), as upstream allows. */
	memset(&st, 0xff, sizeof(st));
	UK_TEST_EXPECT_ZERO(uk_netbuf_init(&st, NULL, count_dtor));
	UK_TEST_EXPECT_NULL(st.buf);
	UK_TEST_EXPECT_UNUM_EQ(st.buflen, 0);
	UK_TEST_EXPECT_UNUM_EQ(st.len, 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(&st), 1);
	dtor_calls = 0;
	uk_netbuf_free(&st);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
	h = uk_netbuf_alloc(a, 32, NULL);
	UK_TEST_ASSERT(h != NULL);
	UK_TEST_EXPECT_NULL(h->buf);
	UK_TEST_EXPECT_NOT_NULL(uk_netbuf_get_priv(h));
	uk_netbuf_free(h);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

/* A netbuf in caller memory (no owner) may be recycled by its destructor:
 * release does not touch it after the call (as upstream, which reads _a
 * and _b first for that reason). */
static void poison_dtor(struct uk_netbuf *m)
{
	dtor_calls++;
	memset(m, 0xa5, sizeof(*m));
}

UK_TESTCASE(uknetbuf, dtor_may_recycle_caller_memory)
{
	static char ext[256];
	static struct uk_netbuf st;

	UK_TEST_EXPECT_ZERO(uk_netbuf_init_indir(&st, ext, sizeof(ext), 0,
						 NULL, poison_dtor));
	dtor_calls = 0;
	uk_netbuf_free(&st);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 1);
	UK_TEST_EXPECT_ZERO(uk_netbuf_init_indir(&st, ext, sizeof(ext), 0,
						 NULL, poison_dtor));
	uk_netbuf_free_single(&st);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 2);
}

/* uk_netbuf_free_batch() on netbufs that are not from a pool: each is a
 * uk_netbuf_free() (shared ones lose a reference, chains go whole). */
UK_TESTCASE(uknetbuf, free_batch_heap_shared_chains)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *nbs[6], *shared, *tail;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		nbs[i] = uk_netbuf_alloc_buf(a, 128, 0, 0, 0, count_dtor);
		UK_TEST_ASSERT(nbs[i] != NULL);
	}
	tail = uk_netbuf_alloc_buf(a, 128, 0, 0, 0, count_dtor);
	UK_TEST_ASSERT(tail != NULL);
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(nbs[2], tail));
	shared = uk_netbuf_ref(nbs[3]);
	nbs[4] = NULL;
	nbs[5] = nbs[0];
	uk_netbuf_ref(nbs[0]);
	dtor_calls = 0;
	uk_netbuf_free_batch(nbs, 6);
	/* nbs[0] twice (2 refs), nbs[1], the chain nbs[2]+tail: 4 released */
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 4);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(shared), 1);
	uk_netbuf_free_batch(&shared, 1);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 5);
	uk_netbuf_free_batch(NULL, 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf, chain_append_disconnect_len)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *m[4], *it;
	unsigned int i, n;

	for (i = 0; i < 4; i++) {
		m[i] = uk_netbuf_alloc_buf(a, 256, 0, 0, 0, count_dtor);
		UK_TEST_ASSERT(m[i] != NULL);
		m[i]->len = (uint16_t)(10 * (i + 1));
	}
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(m[0], m[1]));
	UK_TEST_EXPECT_ZERO(uk_netbuf_connect(m[1], m[2]));
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(m[1], m[3])); /* from middle */
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_len(m[0]), 100);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_len(m[2]), 70);
	n = 0;
	UK_NETBUF_CHAIN_FOREACH(it, m[0]) {
		UK_TEST_EXPECT_PTR_EQ(it, m[n]);
		n++;
	}
	UK_TEST_EXPECT_UNUM_EQ(n, 4);

	/* Bad links: loops, non-heads, non-tails. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_append(m[0], m[0]), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_append(m[2], m[0]), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_append(m[0], m[2]), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_connect(m[2], m[3]), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_connect(m[3], m[3]), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_connect(NULL, m[3]), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_append(m[0], NULL), -EINVAL);

	/* Middle out: head unchanged; head out: next is the new head. */
	/* (the test macros evaluate their arguments twice) */
	it = uk_netbuf_disconnect(m[2]);
	UK_TEST_EXPECT_PTR_EQ(it, m[0]);
	UK_TEST_EXPECT_NULL(m[2]->next);
	UK_TEST_EXPECT_NULL(m[2]->prev);
	UK_TEST_EXPECT_PTR_EQ(m[1]->next, m[3]);
	UK_TEST_EXPECT_PTR_EQ(m[3]->prev, m[1]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_len(m[0]), 70);
	it = uk_netbuf_disconnect(m[0]);
	UK_TEST_EXPECT_PTR_EQ(it, m[1]);
	UK_TEST_EXPECT_NULL(m[1]->prev);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_len(m[1]), 60);
	it = uk_netbuf_disconnect(m[2]);
	UK_TEST_EXPECT_NULL(it);	/* alone */

	/* Free the chain m[1]-m[3] at once, the others alone. */
	dtor_calls = 0;
	uk_netbuf_free(m[1]);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 2);
	uk_netbuf_free(m[0]);
	uk_netbuf_free(m[2]);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 4);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf, chain_ref_and_free)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *h, *t;

	h = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, count_dtor);
	t = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, count_dtor);
	UK_TEST_ASSERT(h && t);
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(h, t));
	uk_netbuf_ref(h);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(t), 2);
	dtor_calls = 0;
	uk_netbuf_free(h);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 0);
	UK_TEST_EXPECT_PTR_EQ(h->next, t);	/* still one packet */
	uk_netbuf_free(h);
	UK_TEST_EXPECT_UNUM_EQ(dtor_calls, 2);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);

	/* free_single of a chained netbuf unchains it when released. */
	h = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	t = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	UK_TEST_ASSERT(h && t);
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(h, t));
	uk_netbuf_free_single(t);
	UK_TEST_EXPECT_NULL(h->next);
	uk_netbuf_free(h);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf, dup_single_copies_and_is_independent)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *m, *d;
	unsigned int i;

	m = uk_netbuf_alloc_buf(a, 256, 0, 16, 0, NULL);
	UK_TEST_ASSERT(m != NULL);
	for (i = 0; i < 60; i++)
		((unsigned char *)m->data)[i] = (unsigned char)i;
	m->len = 60;
	m->flags = UK_NETBUF_F_PARTIAL_CSUM;
	m->csum_start = 34;
	m->csum_offset = 6;

	d = uk_netbuf_dup_single(a, 64, 20, m);
	UK_TEST_ASSERT(d != NULL);
	UK_TEST_EXPECT(d->buf != m->buf);
	UK_TEST_EXPECT_ZERO((uintptr_t)d->buf & 63);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(d), 20);
	UK_TEST_EXPECT_UNUM_EQ(d->len, 60);
	UK_TEST_EXPECT_BYTES_EQ(d->data, m->data, 60);
	UK_TEST_EXPECT_UNUM_EQ(d->flags, UK_NETBUF_F_PARTIAL_CSUM);
	UK_TEST_EXPECT_UNUM_EQ(d->csum_start, 34);
	UK_TEST_EXPECT_UNUM_EQ(d->csum_offset, 6);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(d), 1);

	/* Independent: changing or freeing the source leaves the copy. */
	memset(m->data, 0xff, 60);
	UK_TEST_EXPECT_UNUM_EQ(((unsigned char *)d->data)[59], 59);
	uk_netbuf_free(m);
	UK_TEST_EXPECT_UNUM_EQ(((unsigned char *)d->data)[1], 1);

	/* An empty netbuf copies too. */
	m = uk_netbuf_dup_single(a, 0, 0, d);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_UNUM_EQ(m->len, 60);
	m->len = 0;
	uk_netbuf_free(d);
	d = uk_netbuf_dup_single(a, 0, 0, m);
	UK_TEST_ASSERT(d != NULL);
	UK_TEST_EXPECT_UNUM_EQ(d->len, 0);
	UK_TEST_EXPECT_NULL(uk_netbuf_dup_single(a, 3, 0, m)); /* bad align */
	uk_netbuf_free(d);
	uk_netbuf_free(m);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

uk_testsuite_register(uknetbuf, NULL);
