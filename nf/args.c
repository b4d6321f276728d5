/* SPDX-License-Identifier: BSD-3-Clause */
/* key=value argument parsing (see <uk/nf/args.h>). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <uk/nf/args.h>
#include <uk/nf/gen.h>

struct suffix {
	const char *s;
	uint64_t mult;
};

static const struct suffix num_suffixes[] = {
	{ "k", 1000ULL }, { "K", 1000ULL }, { "M", 1000000ULL },
	{ "G", 1000000000ULL }, { NULL, 0 }
};

static const struct suffix dur_suffixes[] = {
	{ "ns", 1ULL }, { "us", 1000ULL }, { "ms", 1000000ULL },
	{ "s", 1000000000ULL }, { "m", 60000000000ULL },
	{ "h", 3600000000000ULL }, { "", 1000000000ULL }, { NULL, 0 }
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A number: decimal with an optional fraction, or 0x hex. The value is
 * ip + frac / fden. @return 0, or -EINVAL (no digits, overflow)
 */
static int parse_decimal(const char **sp, uint64_t *ip, uint64_t *frac,
			 uint64_t *fden)
{
	const char *s = *sp;
	uint64_t v = 0;
	int h;

	*frac = 0;
	*fden = 1;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    hexval(s[2]) >= 0) {
		for (s += 2; (h = hexval(*s)) >= 0; s++) {
			if (v >> 60)
				return -EINVAL;
			v = v << 4 | (uint64_t)h;
		}
		*ip = v;
		*sp = s;
		return 0;
	}
	if (!is_digit(*s))
		return -EINVAL;
	for (; is_digit(*s); s++) {
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, (uint64_t)(*s - '0'), &v))
			return -EINVAL;
	}
	*ip = v;
	if (*s == '.' && is_digit(s[1])) {
		for (s++; is_digit(*s); s++) {
			if (*fden < 1000000000ULL) {	/* 9 digits kept */
				*frac = *frac * 10 + (uint64_t)(*s - '0');
				*fden *= 10;
			}
		}
	}
	*sp = s;
	return 0;
}

/* (ip + frac / fden) * mult, which must be a whole number */
static int scale(uint64_t ip, uint64_t frac, uint64_t fden, uint64_t mult,
		 uint64_t *out, const char **why)
{
	unsigned __int128 f = (unsigned __int128)frac * mult;
	uint64_t v;

	if (f % fden) {
		*why = "not a whole number";
		return -EINVAL;
	}
	if (__builtin_mul_overflow(ip, mult, &v) ||
	    __builtin_add_overflow(v, (uint64_t)(f / fden), &v)) {
		*why = "too large";
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* the suffix of @p tab that @p s starts with (longest first in tab) */
static const struct suffix *match_suffix(const char **sp,
					 const struct suffix *tab)
{
	for (; tab->s; tab++) {
		size_t n = strlen(tab->s);

		if (!strncmp(*sp, tab->s, n)) {
			*sp += n;
			return tab;
		}
	}
	return NULL;
}

/* number [k|K|M|G]; @p rest gets what follows */
static int parse_scaled(const char *s, uint64_t *out, const char **rest,
			const char **why)
{
	uint64_t ip, frac, fden, mult = 1;
	const struct suffix *sf;

	if (parse_decimal(&s, &ip, &frac, &fden)) {
		*why = "expected a number";
		return -EINVAL;
	}
	sf = match_suffix(&s, num_suffixes);
	if (sf)
		mult = sf->mult;
	*rest = s;
	return scale(ip, frac, fden, mult, out, why);
}

int nf_parse_mac(const char *s, uint8_t mac[6])
{
	char sep = 0;
	int i, hi, lo;

	for (i = 0; i < 6; i++) {
		hi = hexval(s[0]);
		lo = hi < 0 ? -1 : hexval(s[1]);
		if (lo < 0)
			return -EINVAL;
		mac[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (i == 5)
			break;
		if (!sep && (*s == ':' || *s == '-'))
			sep = *s;
		if (*s != sep)
			return -EINVAL;
		s++;
	}
	return *s ? -EINVAL : 0;
}

int nf_parse_ipv4(const char *s, uint32_t *ip)
{
	uint32_t v = 0, o;
	int i, d;

	for (i = 0; i < 4; i++) {
		if (!is_digit(*s))
			return -EINVAL;
		for (o = 0, d = 0; is_digit(*s); s++, d++) {
			if (d == 3)
				return -EINVAL;
			o = o * 10 + (uint32_t)(*s - '0');
		}
		if (o > 255)
			return -EINVAL;
		v = v << 8 | o;
		if (i < 3 && *s++ != '.')
			return -EINVAL;
	}
	if (*s)
		return -EINVAL;
	*ip = v;
	return 0;
}

static int parse_size(const char **sp, uint16_t *out, const char **why)
{
	const char *s = *sp;
	uint64_t v = 0;

	if (!is_digit(*s)) {
		*why = "expected a frame size";
		return -EINVAL;
	}
	for (; is_digit(*s) && v <= 100000; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	if (v < NF_GEN_PKTLEN_MIN || v > NF_GEN_PKTLEN_MAX) {
		*why = "frame sizes are 60..1518 (without FCS)";
		return -EINVAL;
	}
	*out = (uint16_t)v;
	*sp = s;
	return 0;
}

static int parse_sizes(const char *s, struct nf_size_spec *out,
		       const char **why)
{
	struct nf_size_spec sp = { .mode = NF_SIZE_FIXED };

	if (!strcmp(s, "imix")) {
		out->mode = NF_SIZE_IMIX;
		out->min = NF_IMIX_SMALL;
		out->max = NF_IMIX_LARGE;
		return 0;
	}
	if (!strncmp(s, "seq:", 4)) {
		sp.mode = NF_SIZE_SEQ;
		s += 4;
	}
	if (parse_size(&s, &sp.min, why))
		return -EINVAL;
	sp.max = sp.min;
	if (*s == '-') {
		s++;
		if (parse_size(&s, &sp.max, why))
			return -EINVAL;
		if (sp.max < sp.min) {
			*why = "range MIN-MAX with MIN > MAX";
			return -EINVAL;
		}
		if (sp.mode == NF_SIZE_FIXED)
			sp.mode = NF_SIZE_RAND;
	} else if (sp.mode == NF_SIZE_SEQ) {
		*why = "seq: needs a range MIN-MAX";
		return -EINVAL;
	}
	if (*s) {
		*why = "expected N, MIN-MAX, seq:MIN-MAX or imix";
		return -EINVAL;
	}
	*out = sp;
	return 0;
}

static uint64_t type_max(enum nf_arg_type t)
{
	switch (t) {
	case NF_ARG_U16:
		return UINT16_MAX;
	case NF_ARG_U32:
		return UINT32_MAX;
	default:
		return UINT64_MAX;
	}
}

static int check_range(const struct nf_arg *a, uint64_t v, const char **why)
{
	uint64_t lo = a->min, hi = a->max;

	if (!lo && !hi)
		hi = type_max(a->type);
	if (hi > type_max(a->type))
		hi = type_max(a->type);
	if (v < lo || v > hi) {
		*why = "out of range (see 'help')";
		return -EINVAL;
	}
	return 0;
}

int nf_arg_set(const struct nf_arg *a, const char *val, const char **why)
{
	const char *dummy, *rest;
	const struct suffix *sf;
	uint64_t v, ip, frac, fden;
	unsigned int i;

	if (!why)
		why = &dummy;
	*why = "invalid";
	switch (a->type) {
	case NF_ARG_U64:
	case NF_ARG_U32:
	case NF_ARG_U16:
		if (parse_scaled(val, &v, &rest, why))
			return -EINVAL;
		if (*rest) {
			*why = "expected a number (suffixes: k, M, G)";
			return -EINVAL;
		}
		if (check_range(a, v, why))
			return -EINVAL;
		if (a->type == NF_ARG_U64)
			*(uint64_t *)a->dst = v;
		else if (a->type == NF_ARG_U32)
			*(uint32_t *)a->dst = (uint32_t)v;
		else
			*(uint16_t *)a->dst = (uint16_t)v;
		return 0;
	case NF_ARG_BOOL: {
		static const char *const yes[] = { "1", "yes", "true", "on" };
		static const char *const no[] = { "0", "no", "false", "off" };

		for (i = 0; i < 4; i++) {
			if (!strcmp(val, yes[i]) || !strcmp(val, no[i])) {
				*(bool *)a->dst = !strcmp(val, yes[i]);
				return 0;
			}
		}
		*why = "expected 1/0, yes/no, true/false or on/off";
		return -EINVAL;
	}
	case NF_ARG_MAC:
		if (nf_parse_mac(val, a->dst)) {
			*why = "expected a MAC address like 02:00:00:00:00:01";
			return -EINVAL;
		}
		return 0;
	case NF_ARG_IPV4:
		if (nf_parse_ipv4(val, a->dst)) {
			*why = "expected an IPv4 address like 198.18.0.1";
			return -EINVAL;
		}
		return 0;
	case NF_ARG_STR:
		*(const char **)a->dst = val;
		return 0;
	case NF_ARG_ENUM:
		for (i = 0; a->choices && a->choices[i]; i++) {
			if (!strcmp(val, a->choices[i])) {
				*(unsigned int *)a->dst = i;
				return 0;
			}
		}
		*why = "not one of the choices (see 'help')";
		return -EINVAL;
	case NF_ARG_DURATION:
		rest = val;
		if (parse_decimal(&rest, &ip, &frac, &fden)) {
			*why = "expected a duration like 10s or 500ms";
			return -EINVAL;
		}
		sf = match_suffix(&rest, dur_suffixes);
		if (!sf || *rest) {
			*why = "expected a duration unit: ns, us, ms, s, m, h";
			return -EINVAL;
		}
		if (scale(ip, frac, fden, sf->mult, &v, why) ||
		    check_range(a, v, why))
			return -EINVAL;
		*(uint64_t *)a->dst = v;
		return 0;
	case NF_ARG_RATE: {
		struct nf_rate_spec *r = a->dst;
		enum nf_rate_unit u;

		if (parse_scaled(val, &v, &rest, why))
			return -EINVAL;
		if (!*rest || !strcmp(rest, "pps")) {
			u = NF_RATE_PPS;
		} else if (!strcmp(rest, "bps")) {
			u = NF_RATE_BPS;
		} else {
			*why = "expected a rate like 100k, 1Mpps or 5Gbps";
			return -EINVAL;
		}
		if (check_range(a, v, why))
			return -EINVAL;
		r->unit = u;
		r->value = v;
		return 0;
	}
	case NF_ARG_SIZES:
		return parse_sizes(val, a->dst, why);
	default:
		*why = "unknown argument type";
		return -EINVAL;
	}
}

static const struct nf_arg *find_arg(const struct nf_arg *t,
				     const char *key, size_t len)
{
	for (; t->name; t++) {
		if (strlen(t->name) == len && !strncmp(t->name, key, len))
			return t;
	}
	return NULL;
}

int nf_args_parse_msg(struct nf_arg *table, int argc, char *const argv[],
		      char *msg, size_t msglen)
{
	const char *why, *eq;
	struct nf_arg *a;
	int i;

	if (msg && msglen)
		msg[0] = '\0';
	for (a = table; a->name; a++) {
		a->set = 0;
		if (a->def && nf_arg_set(a, a->def, &why)) {
			if (msg)
				snprintf(msg, msglen,
					 "default '%s' of '%s' is invalid: %s",
					 a->def, a->name, why);
			return -EINVAL;
		}
	}
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "help") || !strcmp(w, "-h") ||
		    !strcmp(w, "--help"))
			return NF_ARGS_HELP;
		eq = strchr(w, '=');
		if (!eq) {
			if (msg)
				snprintf(msg, msglen, "expected key=value, "
					 "got '%s' (try 'help')", w);
			return -EINVAL;
		}
		a = (struct nf_arg *)find_arg(table, w, (size_t)(eq - w));
		if (!a) {
			if (msg)
				snprintf(msg, msglen,
					 "unknown key '%.*s' (try 'help')",
					 (int)(eq - w), w);
			return -EINVAL;
		}
		if (nf_arg_set(a, eq + 1, &why)) {
			if (msg)
				snprintf(msg, msglen,
					 "bad value '%s' for '%s': %s",
					 eq + 1, a->name, why);
			return -EINVAL;
		}
		a->set = 1;
	}
	return 0;
}

static const char *type_name(const struct nf_arg *a)
{
	static const char *const names[] = {
		[NF_ARG_U64] = "number", [NF_ARG_U32] = "number",
		[NF_ARG_U16] = "number", [NF_ARG_BOOL] = "bool",
		[NF_ARG_MAC] = "mac", [NF_ARG_IPV4] = "ipv4",
		[NF_ARG_STR] = "text", [NF_ARG_ENUM] = "choice",
		[NF_ARG_DURATION] = "duration", [NF_ARG_RATE] = "rate",
		[NF_ARG_SIZES] = "size",
	};

	if ((unsigned int)a->type < sizeof(names) / sizeof(names[0]))
		return names[a->type];
	return "?";
}

void nf_args_help(const struct nf_arg *table)
{
	const struct nf_arg *a;
	unsigned int i;

	printf("arguments (key=value, after '--'):\n");
	for (a = table; a->name; a++) {
		printf("  %s=<", a->name);
		if (a->type == NF_ARG_ENUM && a->choices) {
			for (i = 0; a->choices[i]; i++)
				printf("%s%s", i ? "|" : "", a->choices[i]);
		} else {
			printf("%s", type_name(a));
		}
		printf(">  %s", a->help ? a->help : "");
		if (a->def)
			printf(" (default: %s)", a->def);
		printf("\n");
	}
	printf("  help  this text\n");
}

int nf_args_parse(struct nf_arg *table, int argc, char *const argv[])
{
	char msg[160];
	int rc = nf_args_parse_msg(table, argc, argv, msg, sizeof(msg));

	if (rc == NF_ARGS_HELP)
		nf_args_help(table);
	else if (rc < 0)
		printf("error: %s\n", msg);
	return rc;
}
