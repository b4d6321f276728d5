/* SPDX-License-Identifier: BSD-3-Clause */
/* Command-line splitting and kernel parameters (see <uk/libparam.h>). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uk/libparam.h>
#include <uk/print.h>

int uk_argnparse(char *cmdline, char *argv[], int max)
{
	char *r = cmdline, *w = cmdline;
	int argc = 0;

	for (;;) {
		bool quoted = false;

		while (*r == ' ' || *r == '\t' || *r == '\n')
			r++;
		if (!*r)
			return argc;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = w;
		/* Copy the word down over the quotes it may contain. */
		for (; *r && (quoted || (*r != ' ' && *r != '\t' &&
					 *r != '\n')); r++) {
			if (*r == '"')
				quoted = !quoted;
			else
				*w++ = *r;
		}
		if (*r)
			r++;
		*w++ = '\0';
	}
}

static const char *const type_name[] = {
	[UK_LIBPARAM_T_STR] = "string",
	[UK_LIBPARAM_T_INT] = "integer",
	[UK_LIBPARAM_T_UINT] = "unsigned integer",
	[UK_LIBPARAM_T_BOOL] = "boolean",
};

static void print_params(void)
{
	const struct uk_libparam *p = __uk_libparam_start;

	uk_printk("Kernel parameters (name=value before '--'):\n");
	if (p == __uk_libparam_end)
		uk_printk("  (none in this image)\n");
	for (; p < __uk_libparam_end; p++)
		uk_printk("  %-24s %-16s %s\n", p->name, type_name[p->type],
			  p->desc ? p->desc : "");
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "true", "on" };
	static const char *const no[] = { "0", "n", "no", "false", "off" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

static int set_param(const struct uk_libparam *p, char *val)
{
	char *end;

	errno = 0;
	switch (p->type) {
	case UK_LIBPARAM_T_STR:
		*(const char **)p->addr = val;
		return 0;
	case UK_LIBPARAM_T_INT: {
		long v = strtol(val, &end, 0);

		if (!*val || *end || errno)
			return -EINVAL;
		*(long *)p->addr = v;
		return 0;
	}
	case UK_LIBPARAM_T_UINT: {
		unsigned long v;

		if (*val == '-')
			return -EINVAL;
		v = strtoul(val, &end, 0);
		if (!*val || *end || errno)
			return -EINVAL;
		*(unsigned long *)p->addr = v;
		return 0;
	}
	case UK_LIBPARAM_T_BOOL:
		return parse_bool(val, (bool *)p->addr);
	}
	return -EINVAL;
}

static int apply_param(char *word)
{
	const struct uk_libparam *p;
	char *eq = strchr(word, '=');

	if (!strcmp(word, "help")) {
		print_params();
		return -ECANCELED;
	}
	if (!eq || eq == word) {
		uk_pr_crit("kernel parameter '%s': expected name=value "
			   "(application arguments go after '--'; 'help' "
			   "lists the parameters)\n", word);
		return -EINVAL;
	}
	*eq = '\0';
	for (p = __uk_libparam_start; p < __uk_libparam_end; p++) {
		if (strcmp(p->name, word))
			continue;
		if (set_param(p, eq + 1) < 0) {
			uk_pr_crit("kernel parameter %s: '%s' is not a "
				   "valid %s\n", word, eq + 1,
				   type_name[p->type]);
			*eq = '=';
			return -EINVAL;
		}
		*eq = '=';
		return 0;
	}
	*eq = '=';
	uk_pr_crit("unknown kernel parameter '%s' ('help' lists them)\n",
		   word);
	return -ENOENT;
}

int uk_libparam_parse(int argc, char *argv[], int *app_argc,
		      char ***app_argv)
{
	int i, sep = -1, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			sep = i;
			break;
		}
	}
	if (sep < 0) {
		*app_argc = argc;
		*app_argv = argv;
		return 0;
	}
	for (i = 1; i < sep; i++) {
		rc = apply_param(argv[i]);
		if (rc < 0)
			return rc;
	}
	/* argv[0] moves next to the application's words. */
	argv[sep] = argv[0];
	*app_argc = argc - sep;
	*app_argv = &argv[sep];
	return 0;
}
