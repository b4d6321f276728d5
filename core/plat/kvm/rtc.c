/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wall clock: the CMOS real-time clock (MC146818), read once at boot;
 * afterwards wall = boot wall time + monotonic clock. The RTC counts
 * whole seconds, so the wall clock is up to 1 s behind the host's; QEMU
 * keeps the RTC in UTC (-rtc base=utc, its default).
 *
 * Registers: 0x00 seconds, 0x02 minutes, 0x04 hours, 0x07 day of month,
 * 0x08 month, 0x09 year in century, 0x32 century (where ACPI's FADT and
 * QEMU put it); status A bit 7 "update in progress"; status B bit 2
 * binary (else BCD), bit 1 24-hour (else 12-hour, hour bit 7 = PM).
 */
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/arch/io.h>
#include <uk/plat/time.h>
#include "kvm.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71

#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HOUR	0x04
#define RTC_MDAY	0x07
#define RTC_MON		0x08
#define RTC_YEAR	0x09
#define RTC_CENTURY	0x32
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_A_UIP	0x80
#define RTC_B_24H	0x02
#define RTC_B_BINARY	0x04
#define RTC_HOUR_PM	0x80

/* An update takes under 2 ms; give up well after (the clock then
 * starts at the epoch rather than hang the boot). */
#define RTC_WAIT_NS	20000000ULL

struct rtc_time {
	__u8 sec, min, hour, mday, mon, year, century;
};

static __nsec wall_at_boot;	/* wall clock at monotonic 0 */

static __u8 cmos_read(__u8 reg)
{
	outb(CMOS_INDEX, reg);	/* bit 7 clear: NMIs stay enabled */
	return inb(CMOS_DATA);
}

static void rtc_read_raw(struct rtc_time *t)
{
	t->sec = cmos_read(RTC_SEC);
	t->min = cmos_read(RTC_MIN);
	t->hour = cmos_read(RTC_HOUR);
	t->mday = cmos_read(RTC_MDAY);
	t->mon = cmos_read(RTC_MON);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
}

static int rtc_same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour &&
	       a->mday == b->mday && a->mon == b->mon &&
	       a->year == b->year && a->century == b->century;
}

static unsigned int bcd(__u8 v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

/*
 * @return days from 1970-01-01 to the given date (proleptic Gregorian).
 * Counting years from March makes February the last month, so a leap
 * day never falls inside a year's count.
 */
static __s64 days_since_epoch(unsigned int y, unsigned int m, unsigned int d)
{
	__s64 era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;				/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	/* 719468 days from 0000-03-01 to 1970-01-01 */
	return era * 146097 + doe - 719468;
}

/* @return seconds since the epoch of the RTC's time, or 0 if it reads
 * no valid date */
static __u64 rtc_epoch_seconds(void)
{
	struct rtc_time a, b;
	unsigned int sec, min, hour, mday, mon, year, century;
	__nsec t0 = ukplat_monotonic_clock();
	__u8 status_b;
	int pm;

	/* Two equal reads with no update in progress before either. */
	do {
		while (cmos_read(RTC_STATUS_A) & RTC_A_UIP)
			if (ukplat_monotonic_clock() - t0 > RTC_WAIT_NS)
				return 0;
		rtc_read_raw(&a);
		while (cmos_read(RTC_STATUS_A) & RTC_A_UIP)
			if (ukplat_monotonic_clock() - t0 > RTC_WAIT_NS)
				return 0;
		rtc_read_raw(&b);
	} while (!rtc_same(&a, &b));

	status_b = cmos_read(RTC_STATUS_B);
	pm = !(status_b & RTC_B_24H) && (a.hour & RTC_HOUR_PM);
	a.hour &= ~RTC_HOUR_PM;
	if (status_b & RTC_B_BINARY) {
		sec = a.sec; min = a.min; hour = a.hour;
		mday = a.mday; mon = a.mon; year = a.year;
		century = a.century;
	} else {
		sec = bcd(a.sec); min = bcd(a.min); hour = bcd(a.hour);
		mday = bcd(a.mday); mon = bcd(a.mon); year = bcd(a.year);
		century = bcd(a.century);
	}
	if (!(status_b & RTC_B_24H))
		hour = hour % 12 + (pm ? 12 : 0);	/* 12 AM is 0 h */
	if (century < 19 || century > 99)
		century = 20;	/* no century register */
	year += century * 100;
	if (sec > 59 || min > 59 || hour > 23 || mday < 1 || mday > 31 ||
	    mon < 1 || mon > 12 || year < 1970)
		return 0;
	return (__u64)days_since_epoch(year, mon, mday) * 86400 +
	       hour * 3600 + min * 60 + sec;
}

/* Read on the first wall-clock request, not at boot (see lapic.c). */
static void rtc_init(void)
{
	__u64 s = rtc_epoch_seconds();
	__nsec now = ukplat_monotonic_clock();

	if (!s)
		uk_pr_warn("kvm: no valid RTC date: wall clock from 1970\n");
	wall_at_boot = s * UKPLAT_NSEC_PER_SEC - (s ? now : 0);
}

__nsec ukplat_wall_clock(void)
{
	static int ready;

	if (unlikely(!ready)) {
		rtc_init();
		ready = 1;
	}
	return wall_at_boot + ukplat_monotonic_clock();
}
