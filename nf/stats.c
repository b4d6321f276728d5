/* SPDX-License-Identifier: BSD-3-Clause */
/* Periodic ticks and key=value lines (see <uk/nf/stats.h>). */
#include <stdio.h>
#include <inttypes.h>
#include <uk/nf/stats.h>

void nf_tick_init(struct nf_tick *t, uint64_t interval, uint32_t every,
		  uint64_t now)
{
	uint32_t m = 1;

	while (m && m <= every / 2)
		m <<= 1;
	t->mask = m - 1;
	t->count = 0;
	t->interval = interval;
	t->next = now + interval;
}

bool nf_tick_check(struct nf_tick *t, uint64_t now)
{
	if ((int64_t)(now - t->next) < 0)
		return false;
	t->next += t->interval;
	if ((int64_t)(now - t->next) >= 0)
		t->next = now + t->interval;	/* missed several: resync */
	return true;
}

int nf_kv_fmt(char *buf, size_t size, const char *tag,
	      const struct nf_kv *kv, unsigned int n)
{
	size_t len = 0;
	unsigned int i;
	int r;

#define ADD(...)							\
	do {								\
		r = snprintf(buf + (len < size ? len : size),		\
			     len < size ? size - len : 0, __VA_ARGS__);	\
		if (r < 0)						\
			return r;					\
		len += (size_t)r;					\
	} while (0)

	if (tag)
		ADD("%s", tag);
	for (i = 0; i < n; i++) {
		const char *sep = (tag || i) ? " " : "";

		switch (kv[i].type) {
		case NF_KV_U64:
			ADD("%s%s=%" PRIu64, sep, kv[i].key, kv[i].u);
			break;
		case NF_KV_MILLI:
			ADD("%s%s=%" PRIu64 ".%03u", sep, kv[i].key,
			    kv[i].u / 1000, (unsigned int)(kv[i].u % 1000));
			break;
		default:
			ADD("%s%s=%s", sep, kv[i].key,
			    kv[i].s ? kv[i].s : "");
			break;
		}
	}
	ADD("\n");
#undef ADD
	return (int)len;
}

void nf_kv_print(const char *tag, const struct nf_kv *kv, unsigned int n)
{
	char line[512];

	nf_kv_fmt(line, sizeof(line), tag, kv, n);
	fputs(line, stdout);
}
