/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * key=value application arguments (the words after the kernel's "--").
 *
 *   static uint64_t count;
 *   static struct nf_rate_spec rate;
 *   static struct nf_ether_addr dmac;
 *   static struct nf_arg args[] = {
 *           { "count", NF_ARG_U64, &count, "0", "frames to send (0: no
 *             limit)" },
 *           { "rate", NF_ARG_RATE, &rate, "0", "e.g. 100k, 1Mpps, 5Gbps" },
 *           { "dmac", NF_ARG_MAC, &dmac, "ff:ff:ff:ff:ff:ff", "dst MAC" },
 *           NF_ARG_END
 *   };
 *
 *   int main(int argc, char *argv[])
 *   {
 *           int rc = nf_args_parse(args, argc, argv);
 *
 *           if (rc)
 *                   return rc > 0 ? 0 : 1;   // help printed / error
 *
 * Value syntax:
 *   numbers (U16/U32/U64)  decimal or 0x hex, optional suffix k, M, G
 *                          (10^3, 10^6, 10^9; "1.5M" = 1500000)
 *   BOOL                   1/0, yes/no, true/false, on/off
 *   MAC                    02:00:00:00:00:02 (or '-' separated)
 *   IPV4                   198.18.0.1 (stored in host order)
 *   DURATION               number with ns, us, ms, s (default), m, h;
 *                          stored in ns: "10s", "500ms", "1.5s"
 *   RATE                   number with k/M/G, then pps (default) or bps
 *                          (L1 bits/s, see <uk/nf/rate.h>): "100k",
 *                          "1Mpps", "5Gbps"
 *   SIZES                  "60", "MIN-MAX" (random in the range),
 *                          "seq:MIN-MAX" (stepping), "imix"; each size
 *                          in 60..1518 (see <uk/nf/flows.h>)
 *   ENUM                   one of the choices; stored as its index
 *   STR                    the text itself (points into argv)
 */
#ifndef __UK_NF_ARGS_H__
#define __UK_NF_ARGS_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/nf/rate.h>
#include <uk/nf/flows.h>

enum nf_arg_type {
	NF_ARG_U64,		/**< dst: uint64_t * */
	NF_ARG_U32,		/**< dst: uint32_t * */
	NF_ARG_U16,		/**< dst: uint16_t * */
	NF_ARG_BOOL,		/**< dst: bool * */
	NF_ARG_MAC,		/**< dst: 6 bytes (struct nf_ether_addr *,
				 * struct uk_hwaddr *) */
	NF_ARG_IPV4,		/**< dst: uint32_t *, host order */
	NF_ARG_STR,		/**< dst: const char ** */
	NF_ARG_ENUM,		/**< dst: unsigned int *, index in choices */
	NF_ARG_DURATION,	/**< dst: uint64_t *, nanoseconds */
	NF_ARG_RATE,		/**< dst: struct nf_rate_spec * */
	NF_ARG_SIZES,		/**< dst: struct nf_size_spec * */
};

/** A rate as given: value in frames/s or L1 bits/s */
struct nf_rate_spec {
	enum nf_rate_unit unit;
	uint64_t value;		/**< 0: unlimited */
};

/** One argument of a table; the table ends with NF_ARG_END */
struct nf_arg {
	const char *name;
	enum nf_arg_type type;
	void *dst;		/**< where the value is stored */
	const char *def;	/**< default, in the value syntax; NULL:
				 * leave *dst as it is */
	const char *help;
	const char *const *choices; /**< NF_ARG_ENUM: NULL-terminated */
	uint64_t min, max;	/**< numbers, durations: bounds (both 0:
				 * the type's range) */
	int set;		/**< out: 1 if given on the command line */
};

#define NF_ARG_END	{ .name = NULL }

/** nf_args_parse() result: "help" was asked for (and printed) */
#define NF_ARGS_HELP	1

/**
 * Apply the defaults of @p table, then every key=value word of
 * argv[1..argc-1] (argv[0] is the program name). The word "help" (or
 * "-h", "--help") asks for the help text. Prints the help text on
 * "help" and a one-line error ("nf: unknown key 'x' (try 'help')",
 * "nf: bad value 'y' for 'rate': ...") on error.
 *
 * @return 0, NF_ARGS_HELP, or -EINVAL
 */
int nf_args_parse(struct nf_arg *table, int argc, char *const argv[]);

/**
 * nf_args_parse() without printing: an error message goes to @p msg
 * (@p msglen bytes, may be 0).
 */
int nf_args_parse_msg(struct nf_arg *table, int argc, char *const argv[],
		      char *msg, size_t msglen);

/** Print every key with its type, default and help text. */
void nf_args_help(const struct nf_arg *table);

/**
 * Parse one value of type @p a->type into @p a->dst (used for defaults
 * and arguments alike).
 * @return 0, or -EINVAL with a reason in @p why (may be NULL)
 */
int nf_arg_set(const struct nf_arg *a, const char *val, const char **why);

/** Parse "02:00:00:00:00:01" into 6 bytes. @return 0 or -EINVAL */
int nf_parse_mac(const char *s, uint8_t mac[6]);

/** Parse dotted-quad @p s into a host-order address. @return 0/-EINVAL */
int nf_parse_ipv4(const char *s, uint32_t *ip);

#endif /* __UK_NF_ARGS_H__ */
