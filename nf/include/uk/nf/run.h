/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every NF app's run shares: argument parsing with its exit
 * statuses, and the bounds of the receive loop (a duration, a frame count
 * and an idle timeout) checked without reading the clock per frame, with
 * the times of the first and last frame for the summary's rate. Header
 * only.
 *
 *   static struct nf_run_args ra;
 *   static struct nf_arg args[] = {
 *           ...,
 *           NF_RUN_ARGS(&ra, "2s"),        // duration, count, idle, interval
 *           NF_ARG_END
 *   };
 *
 *   rc = nf_run_args_parse("app", "what it does", args, argc, argv);
 *   if (rc >= 0)
 *           return rc;                     // help, or a bad argument
 *   nf_run_init(&run, &ra);
 *   for (;;) {
 *           n = nf_run_room(&run, total, 32);
 *           ... rx burst of n, total += n ...
 *           st = nf_run_after_burst(&run, n, total);
 *           if (st == NF_RUN_STOP)
 *                   break;
 *           if (st == NF_RUN_STATS)
 *                   print a stats line;
 *   }
 *   seconds = nf_run_ns(&run);    // first frame .. last frame
 *
 * The clock (ukarch_cycles()) is read on the first frame, on empty polls
 * and every NF_RUN_CLOCK_EVERY non-empty bursts. The last-frame time is
 * therefore that of the first clock read after the last frame: at most
 * one empty poll or NF_RUN_CLOCK_EVERY bursts late.
 */
#ifndef __UK_NF_RUN_H__
#define __UK_NF_RUN_H__

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <uk/essentials.h>
#include <uk/plat/time.h>
#include <uk/nf/args.h>
#include <uk/nf/stats.h>

/* Exit statuses of the NF apps (main()'s return value) */
#define NF_EXIT_OK	0	/**< done (or help printed) */
#define NF_EXIT_FAIL	1	/**< run-time failure: device, memory, burst */
#define NF_EXIT_USAGE	2	/**< bad argument */

/**
 * Parse an app's key=value arguments the way every NF app does: on "help"
 * print "<app>: <what>", the exit statuses and the table; on an error
 * print "<app>: error: <why>" on one line.
 *
 * @param app  the app's name
 * @param what what the app does, with an example (may hold newlines)
 * @return -1 when the app should go on, else the status for main() to
 *         return: NF_EXIT_OK after help, NF_EXIT_USAGE after an error
 */
static inline int nf_run_args_parse(const char *app, const char *what,
				    struct nf_arg *table, int argc,
				    char *argv[])
{
	char msg[160];
	int rc = nf_args_parse_msg(table, argc, argv, msg, sizeof(msg));

	/* (Formats with two arguments: gcc turns a printf of one constant
	 * string into puts() or fwrite(), which LTO may have dropped.) */
	if (rc == NF_ARGS_HELP) {
		printf("%s: %s\nExit status: %d done, %d run-time failure, %d "
		       "bad arguments.\n", app, what, NF_EXIT_OK, NF_EXIT_FAIL,
		       NF_EXIT_USAGE);
		nf_args_help(table);
		return NF_EXIT_OK;
	}
	if (rc < 0) {
		printf("%s: error: %s\n", app, msg);
		return NF_EXIT_USAGE;
	}
	return -1;
}

/** Read the clock every this many non-empty bursts (a power of two) */
#define NF_RUN_CLOCK_EVERY	64

/** The limits as given on the command line */
struct nf_run_args {
	uint64_t duration;	/**< ns, 0: none */
	uint64_t count;		/**< frames, 0: none */
	uint64_t idle;		/**< ns without frames after the first, 0:
				 * none */
	uint64_t interval;	/**< ns between stats lines, 0: none */
};

/**
 * The four nf_arg entries of struct nf_run_args (duration default 10s,
 * count 0, idle @p idle_def, interval 1s) for an argument table.
 */
#define NF_RUN_ARGS(ra, idle_def)					\
	{ .name = "duration", .type = NF_ARG_DURATION,			\
	  .dst = &(ra)->duration, .def = "10s",				\
	  .help = "stop after this long (0: no limit)" },		\
	{ .name = "count", .type = NF_ARG_U64, .dst = &(ra)->count,	\
	  .def = "0",							\
	  .help = "stop after this many received frames (0: no limit)" }, \
	{ .name = "idle", .type = NF_ARG_DURATION, .dst = &(ra)->idle,	\
	  .def = (idle_def),						\
	  .help = "stop when no frame came for this long, counted from " \
		  "the first frame (0: never)" },			\
	{ .name = "interval", .type = NF_ARG_DURATION,			\
	  .dst = &(ra)->interval, .def = "1s",				\
	  .help = "time between two stats lines (0: none)" }

/** State of a bounded loop */
struct nf_run {
	uint64_t hz;		/**< ukplat_cycles_hz() */
	uint64_t end;		/**< cycle deadline, UINT64_MAX: none */
	uint64_t idle;		/**< cycles, UINT64_MAX: none */
	uint64_t count;		/**< frames, 0: none */
	uint64_t first;		/**< cycles at the first frame, or 0 */
	uint64_t last;		/**< cycles at the last frame (see top) */
	uint64_t seen;		/**< frames at the last clock read */
	uint64_t now;		/**< cycles at the last clock read */
	uint32_t bursts;
	bool stats;		/**< interval given */
	struct nf_tick tick;
};

/** @return @p c cycles of a @p hz counter in ns (no overflow) */
static inline uint64_t nf_cycles_to_ns(uint64_t c, uint64_t hz)
{
	return c / hz * UKPLAT_NSEC_PER_SEC +
	       c % hz * UKPLAT_NSEC_PER_SEC / hz;
}

/** @return @p ns in cycles of a @p hz counter (no overflow) */
static inline uint64_t nf_ns_to_cycles(uint64_t ns, uint64_t hz)
{
	return ns / UKPLAT_NSEC_PER_SEC * hz +
	       ns % UKPLAT_NSEC_PER_SEC * hz / UKPLAT_NSEC_PER_SEC;
}

/** Start a run with the limits @p a (the clock starts now). */
static inline void nf_run_init(struct nf_run *r, const struct nf_run_args *a)
{
	uint64_t now = ukarch_cycles();

	r->hz = ukplat_cycles_hz();
	r->end = a->duration ? now + nf_ns_to_cycles(a->duration, r->hz)
			     : UINT64_MAX;
	r->idle = a->idle ? nf_ns_to_cycles(a->idle, r->hz) : UINT64_MAX;
	r->count = a->count;
	r->first = r->last = r->seen = 0;
	r->now = now;
	r->bursts = 0;
	r->stats = a->interval != 0;
	nf_tick_init(&r->tick, nf_ns_to_cycles(a->interval, r->hz), 0, now);
}

/** @return how many frames the next burst may take: @p burst, or fewer
 *  so that @p total does not pass the frame count */
static inline uint16_t nf_run_room(const struct nf_run *r, uint64_t total,
				   uint16_t burst)
{
	if (r->count && r->count - total < burst)
		return (uint16_t)(r->count - total);
	return burst;
}

#define NF_RUN_GO	0	/**< keep going */
#define NF_RUN_STATS	1	/**< keep going, a stats line is due */
#define NF_RUN_STOP	2	/**< a limit was reached */

/** Clock read of nf_run_after_burst(). Internal. */
static inline int _nf_run_clock(struct nf_run *r, uint64_t total)
{
	uint64_t now = ukarch_cycles();

	r->now = now;
	if (total != r->seen) {
		r->seen = total;
		r->last = now;
	}
	if (now >= r->end || (r->seen && now - r->last >= r->idle))
		return NF_RUN_STOP;
	if (r->stats && nf_tick_check(&r->tick, now))
		return NF_RUN_STATS;
	return NF_RUN_GO;
}

/**
 * Call after every burst.
 * @param n frames the burst received (0: an empty poll)
 * @param total frames received so far, this burst included
 * @return NF_RUN_GO, NF_RUN_STATS or NF_RUN_STOP
 */
static inline int nf_run_after_burst(struct nf_run *r, uint16_t n,
				     uint64_t total)
{
	if (unlikely(!r->first) && n)
		r->first = r->last = ukarch_cycles();
	if (unlikely(r->count && total >= r->count)) {
		r->last = ukarch_cycles();
		return NF_RUN_STOP;
	}
	if (n && (++r->bursts & (NF_RUN_CLOCK_EVERY - 1)))
		return NF_RUN_GO;
	return _nf_run_clock(r, total);
}

/** @return ns from the first to the last frame (0 without frames) */
static inline uint64_t nf_run_ns(const struct nf_run *r)
{
	return nf_cycles_to_ns(r->last - r->first, r->hz);
}

/** @return cycles at the last clock read, in ns of the cycle counter */
static inline uint64_t nf_run_now_ns(const struct nf_run *r)
{
	return nf_cycles_to_ns(r->now, r->hz);
}

/** @return @p frames per @p ns in thousandths of Mpps (for NF_KV_M) */
static inline uint64_t nf_run_mpps_milli(uint64_t frames, uint64_t ns)
{
	return ns ? (uint64_t)((unsigned __int128)frames * 1000000 / ns) : 0;
}

#endif /* __UK_NF_RUN_H__ */
