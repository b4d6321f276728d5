/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: printf/scanf format macros for x86_64 (LP64). */
#ifndef __NOLIBC_INTTYPES_H__
#define __NOLIBC_INTTYPES_H__

#include <stdint.h>

#define PRId8		"hhd"
#define PRId16		"hd"
#define PRId32		"d"
#define PRId64		"ld"
#define PRIi8		"hhi"
#define PRIi16		"hi"
#define PRIi32		"i"
#define PRIi64		"li"
#define PRIu8		"hhu"
#define PRIu16		"hu"
#define PRIu32		"u"
#define PRIu64		"lu"
#define PRIo8		"hho"
#define PRIo16		"ho"
#define PRIo32		"o"
#define PRIo64		"lo"
#define PRIx8		"hhx"
#define PRIx16		"hx"
#define PRIx32		"x"
#define PRIx64		"lx"
#define PRIX8		"hhX"
#define PRIX16		"hX"
#define PRIX32		"X"
#define PRIX64		"lX"

#define PRIdMAX		"jd"
#define PRIuMAX		"ju"
#define PRIxMAX		"jx"
#define PRIdPTR		"ld"
#define PRIuPTR		"lu"
#define PRIxPTR		"lx"
#define PRIXPTR		"lX"

#define SCNd32		"d"
#define SCNu32		"u"
#define SCNd64		"ld"
#define SCNu64		"lu"
#define SCNx64		"lx"

#endif /* __NOLIBC_INTTYPES_H__ */
