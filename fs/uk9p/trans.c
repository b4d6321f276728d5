/* SPDX-License-Identifier: BSD-3-Clause */
/* Registry of 9P transports, found by tag (see <uk/9p_trans.h>). */
#include <errno.h>
#include <string.h>
#include <uk/print.h>
#include <uk/9p_trans.h>

static struct uk_9p_trans *uk_9p_transports;

struct uk_9p_trans *uk_9p_trans_find(const char *tag)
{
	struct uk_9p_trans *t;

	for (t = uk_9p_transports; t; t = t->next)
		if (strcmp(t->tag, tag) == 0)
			return t;
	return NULL;
}

int uk_9p_trans_register(struct uk_9p_trans *t)
{
	if (!t->tag || !t->tag[0])
		return -EINVAL;
	if (uk_9p_trans_find(t->tag)) {
		uk_pr_err("uk9p: a second transport tagged \"%s\" ignored\n",
			  t->tag);
		return -EEXIST;
	}
	t->connected = false;
	t->next = uk_9p_transports;
	uk_9p_transports = t;
	return 0;
}
